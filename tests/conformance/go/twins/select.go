// Twins of tests/conformance/select_test.cpp.
package main

func init() {
	register("select.default_only_when_nothing_is_ready", Case{Run: func(o *Observer) {
		unbuffered, empty, full := make(chan int), make(chan int, 1), make(chan int, 1)
		full <- 0
		pick := func() (int, int) {
			select {
			case <-unbuffered:
				return 0, 0
			case unbuffered <- 1:
				return 1, 0
			case v := <-empty:
				return 2, v
			case full <- 1:
				return 3, 0
			default:
				return 4, 0
			}
		}
		k, _ := pick()
		o.Print(k)
		empty <- 5
		k, v := pick()
		o.Print(k)
		o.Print(v)
	}})
	register("select.default_or_a_waiting_sender", Case{Run: func(o *Observer) {
		c := make(chan int)
		go func() { jitter(); c <- 1 }()
		jitter()
		select {
		case v := <-c:
			o.Print(v)
		default:
			o.Print("default")
			o.Print(<-c)
		}
	}})
	register("select.three_ready_cases_uniform_exactly_one", Case{Run: func(o *Observer) {
		var ch [3]chan int
		for i := range ch {
			ch[i] = make(chan int, 1)
			ch[i] <- 1
		}
		k := 0
		select {
		case <-ch[0]:
			k = 0
		case <-ch[1]:
			k = 1
		case <-ch[2]:
			k = 2
		}
		o.Print(k, " ", len(ch[0])+len(ch[1])+len(ch[2]))
	}})
	register("select.blocked_select_fires_exactly_one_case", Case{Run: func(o *Observer) {
		a, b, report := make(chan int), make(chan int), make(chan int, 2)
		go func() {
			select {
			case v := <-a:
				report <- 0
				report <- v
			case v := <-b:
				report <- 1
				report <- v
			}
		}()
		a <- 1
		select {
		case b <- 2:
			o.Print("taken")
		default:
			o.Print("default")
		}
		o.Print(<-report)
		o.Print(<-report)
	}})
	register("select.cannot_pair_its_own_send_and_receive", Case{Crashes: true, Run: func(o *Observer) {
		c := make(chan int)
		select {
		case c <- 1:
		case <-c:
		}
	}})
	register("select.two_selects_pair_send_with_receive", Case{Run: func(o *Observer) {
		c, done := make(chan int), make(chan int, 2)
		for id := 1; id <= 2; id++ {
			id := id
			go func() {
				s := o.In("g" + string(rune('0'+id)))
				jitter()
				select {
				case c <- id:
					s.Print("sent")
				case v := <-c:
					s.Print("got ", v)
				}
				done <- 0
			}()
		}
		<-done
		<-done
	}})
	register("select.same_channel_in_two_cases_fires_once", Case{Run: func(o *Observer) {
		c, report := make(chan int), make(chan int, 1)
		go func() {
			jitter()
			select {
			case <-c:
				report <- 0
			case <-c:
				report <- 1
			}
		}()
		c <- 1
		select {
		case c <- 2:
			o.Print("taken")
		default:
			o.Print("default")
		}
		o.Print(<-report)
	}})
	register("select.receive_case_gets_value_and_ok", Case{Run: func(o *Observer) {
		c := make(chan int, 1)
		c <- 3
		select {
		case v, ok := <-c:
			o.Print(v, " ", ok)
		}
		close(c)
		select {
		case v, ok := <-c:
			o.Print(v, " ", ok)
		}
	}})
	register("select.only_default_runs_it", Case{Run: func(o *Observer) {
		select {
		default:
			o.Print("default")
		}
	}})
	register("select.blocked_select_wakes_when_a_partner_arrives", Case{Run: func(o *Observer) {
		requests, replies := make(chan int), make(chan int)
		go func() { jitter(); replies <- 8 }()
		select {
		case <-requests:
			o.Print(0, " ", 0)
		case v := <-replies:
			o.Print(1, " ", v)
		}
	}})
	register("select.two_non_blocking_selects_never_rendezvous", Case{Run: func(o *Observer) {
		c, done := make(chan int), make(chan int, 2)
		go func() {
			jitter()
			select {
			case c <- 7:
				o.In("a").Print(true)
			default:
				o.In("a").Print(false)
			}
			done <- 0
		}()
		go func() {
			jitter()
			select {
			case v := <-c:
				o.In("b").Print(v)
			default:
				o.In("b").Print(0)
			}
			done <- 0
		}()
		<-done
		<-done
	}})
	register("select.operands_evaluated_once_in_source_order", Case{Run: func(o *Observer) {
		room := make(chan int, 1)
		var nilc chan int
		ch := func(i int, c chan int) chan int { o.Print("ch", i); return c }
		val := func(i int) int { o.Print("v", i); return i }
		select {
		case ch(1, room) <- val(2):
			o.Print("sent")
		case <-ch(3, nilc):
		}
	}})
}
