// Twins of tests/conformance/range_test.cpp.
package main

func init() {
	register("range.until_the_sender_closes", Case{Run: func(o *Observer) {
		c := make(chan int)
		go func() {
			for i := 1; i <= 3; i++ {
				jitter()
				c <- i
			}
			close(c)
		}()
		for v := range c {
			o.Print(v)
		}
		o.Print("end")
	}})
	register("range.over_a_closed_empty_channel_runs_no_iteration", Case{Run: func(o *Observer) {
		c := make(chan int, 2)
		close(c)
		for v := range c {
			o.Print(v)
		}
		o.Print("end")
	}})
	register("range.break_leaves_the_rest_in_the_buffer", Case{Run: func(o *Observer) {
		c := make(chan int, 4)
		for i := 1; i <= 4; i++ {
			c <- i
		}
		for v := range c {
			o.Print(v)
			if v == 2 {
				break
			}
		}
		o.Print("len ", len(c))
	}})
	register("range.again_after_break_goes_on_with_the_next_value", Case{Run: func(o *Observer) {
		c := make(chan int, 4)
		for i := 1; i <= 4; i++ {
			c <- i
		}
		close(c)
		for v := range c {
			o.Print(v)
			if v == 2 {
				break
			}
		}
		o.Print("then")
		for v := range c {
			o.Print(v)
		}
	}})
	register("range.close_with_values_left_while_ranging", Case{Run: func(o *Observer) {
		c, done := make(chan int, 3), make(chan int)
		for i := 1; i <= 3; i++ {
			c <- i
		}
		go func() {
			for v := range c {
				o.In("r").Print(v)
			}
			o.In("r").Print("end")
			done <- 0
		}()
		jitter()
		close(c)
		<-done
	}})
	register("range.close_ends_a_waiting_loop", Case{Run: func(o *Observer) {
		c, done := make(chan int), make(chan int)
		go func() {
			for v := range c {
				o.In("r").Print(v)
			}
			o.In("r").Print("end")
			done <- 0
		}()
		c <- 1
		jitter()
		close(c)
		<-done
	}})
	register("range.channel_expression_evaluated_once", Case{Run: func(o *Observer) {
		c, other := make(chan int, 2), make(chan int, 1)
		c <- 1
		c <- 2
		close(c)
		other <- 9
		close(other)
		for v := range c {
			o.Print(v)
			c = other
		}
	}})
	register("range.two_loops_share_the_values", Case{Run: func(o *Observer) {
		c, sums, counts := make(chan int), make(chan int, 2), make(chan int, 2)
		for i := 0; i < 2; i++ {
			go func() {
				sum, n := 0, 0
				for v := range c {
					sum += v
					n++
				}
				sums <- sum
				counts <- n
			}()
		}
		for i := 1; i <= 3; i++ {
			c <- i
		}
		close(c)
		sum, n := 0, 0
		for i := 0; i < 2; i++ {
			sum += <-sums
			n += <-counts
		}
		o.Print(n, " ", sum)
	}})
	register("range.over_nil_blocks_only_its_goroutine", Case{Run: func(o *Observer) {
		go func() {
			var c chan int
			for v := range c {
				o.In("ranger").Print(v)
			}
			o.In("ranger").Print("end")
		}()
		o.Print("main returns")
	}})
}
