// Twins of tests/conformance/memory_model_test.cpp. A racy twin passes
// what it reads to sink, so that the compiler keeps the read the race
// detector must see.
package main

import "time"

func init() {
	register("memory.go_statement_happens_before_the_goroutine", Case{Run: func(o *Observer) {
		x, done := 0, make(chan int)
		x = 1
		go func() { done <- x }()
		o.Print(<-done)
	}})
	register("memory.write_after_the_go_statement_races", Case{Run: func(o *Observer) {
		x, done := 0, make(chan int)
		go func() { done <- x }()
		x = 1
		<-done
	}})
	register("memory.goroutine_exit_is_not_synchronized", Case{Run: func(o *Observer) {
		x := 0
		go func() { x = 1 }()
		time.Sleep(time.Millisecond)
		sink(x)
	}})
	register("memory.buffered_send_happens_before_the_receive", Case{Run: func(o *Observer) {
		x, c := 0, make(chan int, 1)
		go func() { x = 1; c <- 0 }()
		<-c
		o.Print(x)
	}})
	register("memory.write_after_the_send_races", Case{Run: func(o *Observer) {
		x, c, done := 0, make(chan int, 1), make(chan int)
		go func() { c <- 0; x = 1; done <- 0 }()
		<-c
		sink(x)
		<-done
	}})
	register("memory.unbuffered_receive_happens_before_the_send_completes", Case{Run: func(o *Observer) {
		x, c := 0, make(chan int)
		go func() { x = 1; <-c }()
		c <- 0
		o.Print(x)
	}})
	register("memory.buffered_receive_does_not_order_the_send", Case{Run: func(o *Observer) {
		x, c, done := 0, make(chan int, 1), make(chan int)
		go func() { x = 1; <-c; done <- 0 }()
		c <- 0
		sink(x)
		<-done
	}})
	register("memory.kth_receive_happens_before_the_send_cap_later", Case{Run: func(o *Observer) {
		x, c, done := 0, make(chan int, 1), make(chan int, 1)
		go func() { x = 1; <-c; done <- 0 }()
		c <- 0
		c <- 0
		o.Print(x)
		<-done
	}})
	register("memory.send_within_capacity_is_not_ordered_after_a_receive", Case{Run: func(o *Observer) {
		x, c, done := 0, make(chan int, 2), make(chan int)
		go func() { x = 1; <-c; done <- 0 }()
		c <- 0
		c <- 0
		sink(x)
		<-done
	}})
	register("memory.close_happens_before_a_receive_that_sees_it", Case{Run: func(o *Observer) {
		x, c, done := 0, make(chan int), make(chan int)
		go func() {
			_, ok := <-c
			o.In("r").Print(ok, " ", x)
			done <- 0
		}()
		x = 1
		close(c)
		<-done
	}})
	register("memory.receive_of_a_buffered_value_is_not_ordered_after_close", Case{Run: func(o *Observer) {
		x, c, done := 0, make(chan int, 1), make(chan int)
		go func() { <-c; sink(x); done <- 0 }()
		c <- 1
		x = 1
		close(c)
		<-done
	}})
	register("memory.select_hand_over_is_ordered_both_ways", Case{Run: func(o *Observer) {
		forward, backward := 0, 0
		c, noSender, noReceiver, done := make(chan int), make(chan int), make(chan int), make(chan int)
		go func() {
			backward = 1
			select {
			case <-noSender:
			case <-c:
				o.In("r").Print(forward)
			}
			done <- 0
		}()
		forward = 1
		select {
		case c <- 0:
		case noReceiver <- 0:
		}
		o.Print(backward)
		<-done
	}})
	register("memory.write_after_a_select_send_races", Case{Run: func(o *Observer) {
		x, c, never, done := 0, make(chan int, 1), make(chan int), make(chan int)
		go func() {
			select {
			case <-never:
			case <-c:
				sink(x)
			}
			done <- 0
		}()
		select {
		case c <- 0:
		case <-never:
		}
		x = 1
		<-done
	}})
	register("memory.happens_before_is_transitive", Case{Run: func(o *Observer) {
		x, a, b := 0, make(chan int), make(chan int)
		go func() { x = 1; a <- 0 }()
		go func() { <-a; b <- 0 }()
		<-b
		o.Print(x)
	}})
	register("memory.order_runs_only_along_communications", Case{Run: func(o *Observer) {
		x, a, b, done := 0, make(chan int, 1), make(chan int), make(chan int, 1)
		go func() { x = 1; a <- 0 }()
		go func() { b <- 0; <-a; done <- 0 }()
		<-b
		sink(x)
		<-done
	}})
	register("memory.concurrent_reads_do_not_race", Case{Run: func(o *Observer) {
		x, done := 0, make(chan int)
		x = 1
		for _, name := range []string{"r1", "r2"} {
			go func(name string) { o.In(name).Print(x); done <- 0 }(name)
		}
		<-done
		<-done
	}})
}

// sink is a use of v that the compiler cannot drop.
//
//go:noinline
func sink(v int) int { return v }
