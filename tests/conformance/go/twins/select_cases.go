// Twins of tests/conformance/select_cases_test.cpp.
package main

func init() {
	register("select.send_values_evaluated_even_if_not_chosen", Case{Run: func(o *Observer) {
		full, room := make(chan int, 1), make(chan int, 1)
		full <- 0
		val := func(i int) int { o.Print("v", i); return i }
		k := 0
		select {
		case full <- val(1):
			k = 0
		case room <- val(2):
			k = 1
		}
		o.Print(k, " ", <-room)
	}})
	register("select.ready_send_and_ready_receive_chosen_alike", Case{Run: func(o *Observer) {
		room, ready := make(chan int, 1), make(chan int, 1)
		ready <- 5
		select {
		case room <- 1:
			o.Print(0)
		case <-ready:
			o.Print(1)
		}
	}})
	register("select.a_case_set_to_nil_drops_out_of_the_loop", Case{Run: func(o *Observer) {
		a, b := make(chan int), make(chan int)
		go func() { a <- 1; jitter(); a <- 2; close(a) }()
		go func() { jitter(); b <- 10; close(b) }()
		sum, closes := 0, 0
		for a != nil || b != nil {
			select {
			case v, ok := <-a:
				sum += v
				if !ok {
					closes++
					a = nil
				}
			case v, ok := <-b:
				sum += v
				if !ok {
					closes++
					b = nil
				}
			}
		}
		o.Print(sum, " ", closes)
	}})
	register("select.blocked_select_takes_whichever_partner_comes", Case{Run: func(o *Observer) {
		a, b := make(chan int), make(chan int)
		go func() { jitter(); a <- 1 }()
		go func() { jitter(); b <- 2 }()
		select {
		case v := <-a:
			o.Print(0, " ", v)
			o.Print(<-b)
		case v := <-b:
			o.Print(1, " ", v)
			o.Print(<-a)
		}
	}})
	register("select.send_case_on_a_full_channel_waits_for_room", Case{Run: func(o *Observer) {
		full, done := make(chan int, 1), make(chan int)
		full <- 1
		go func() { jitter(); o.In("g").Print(<-full); done <- 0 }()
		select {
		case full <- 2:
		}
		o.Print(<-full)
		<-done
	}})
	register("select.default_in_a_loop_drains_what_is_buffered", Case{Run: func(o *Observer) {
		c := make(chan int, 3)
		for i := 1; i <= 3; i++ {
			c <- i
		}
		for more := true; more; {
			select {
			case v := <-c:
				o.Print(v)
			default:
				o.Print("empty")
				more = false
			}
		}
	}})
}
