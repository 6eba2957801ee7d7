// Twins of tests/conformance/nil_test.cpp.
package main

func init() {
	register("nil.send_blocks_forever", Case{Crashes: true, Run: func(o *Observer) {
		var c chan int
		c <- 1
		o.Print("sent")
	}})
	register("nil.receive_blocks_forever", Case{Crashes: true, Run: func(o *Observer) {
		var c chan int
		<-c
		o.Print("received")
	}})
	register("nil.range_blocks_forever", Case{Crashes: true, Run: func(o *Observer) {
		var c chan int
		for v := range c {
			o.Print(v)
		}
	}})
	register("nil.close_panics", Case{Crashes: true, Run: func(o *Observer) {
		var c chan int
		close(c)
	}})
	register("nil.len_and_cap_are_zero", Case{Run: func(o *Observer) {
		var c chan int
		o.Print(len(c), " ", cap(c))
	}})
	register("nil.select_never_chooses_a_nil_case", Case{Run: func(o *Observer) {
		var nilc chan int
		closed := make(chan int)
		close(closed)
		select {
		case nilc <- 1:
			o.Print(0)
		case <-closed:
			o.Print(1)
		case <-nilc:
			o.Print(2)
		}
	}})
	register("nil.select_of_nil_cases_takes_default", Case{Run: func(o *Observer) {
		var a, b chan int
		select {
		case <-a:
		case b <- 1:
		default:
			o.Print("default")
		}
	}})
	register("nil.select_of_only_nil_cases_blocks", Case{Crashes: true, Run: func(o *Observer) {
		var a, b chan int
		select {
		case <-a:
		case b <- 1:
		}
	}})
	register("nil.empty_select_blocks_forever", Case{Crashes: true, Run: func(o *Observer) {
		select {}
	}})
	register("nil.blocked_select_wakes_on_the_other_case", Case{Run: func(o *Observer) {
		var nilc chan int
		c := make(chan int)
		go func() { jitter(); c <- 9 }()
		select {
		case <-nilc:
			o.Print(0, " ", 0)
		case nilc <- 0:
			o.Print(1, " ", 0)
		case v := <-c:
			o.Print(2, " ", v)
		}
	}})
}
