// Twins of tests/conformance/goroutine_test.cpp.
package main

import (
	"fmt"
	"sync"
)

// closeTwice panics with "close of closed channel".
func closeTwice() {
	c := make(chan int)
	close(c)
	close(c)
}

func init() {
	register("goroutine.panic_ends_the_program_while_main_is_blocked", Case{Crashes: true, Run: func(o *Observer) {
		never := make(chan int)
		go closeTwice()
		<-never
		o.Print("unreachable")
	}})
	register("goroutine.panic_in_a_nested_goroutine_ends_the_program", Case{Crashes: true, Run: func(o *Observer) {
		never := make(chan int)
		go func() { go closeTwice() }()
		<-never
	}})
	register("goroutine.recovered_panic_does_not_end_the_program", Case{Run: func(o *Observer) {
		done := make(chan int)
		go func() {
			defer func() { done <- 0 }()
			defer func() {
				if r := recover(); r != nil {
					o.In("g").Print("recovered ", fmt.Sprint(r))
				}
			}()
			closeTwice()
		}()
		<-done
		o.Print("main goes on")
	}})
	register("goroutine.main_cannot_recover_a_goroutines_panic", Case{Crashes: true, Run: func(o *Observer) {
		never := make(chan int)
		go closeTwice()
		defer func() {
			if r := recover(); r != nil {
				o.Print("recovered ", fmt.Sprint(r))
			}
		}()
		<-never
	}})
	register("goroutine.panic_stops_every_other_goroutine", Case{Crashes: true, Run: func(o *Observer) {
		c, never := make(chan int, 3), make(chan int)
		go closeTwice()
		for i := 1; i <= 3; i++ {
			jitter()
			c <- i
			o.Print(i)
		}
		<-never
	}})
	register("goroutine.deadlock_when_every_goroutine_is_blocked", Case{Crashes: true, Run: func(o *Observer) {
		a, b := make(chan int), make(chan int)
		go func() { <-a; b <- 0 }()
		<-b
		a <- 0
	}})
	register("goroutine.deadlock_with_main_in_wait_group_wait", Case{Crashes: true, Run: func(o *Observer) {
		never := make(chan int)
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { <-never; wg.Done() }()
		wg.Wait()
	}})
	register("goroutine.main_returning_ends_the_program", Case{Run: func(o *Observer) {
		never := make(chan int)
		go func() { <-never; o.In("blocked").Print("woke") }()
		o.Print("main returns")
	}})
	register("goroutine.goroutines_run_concurrently", Case{Run: func(o *Observer) {
		ping, pong := make(chan int), make(chan int)
		go func() {
			for v := range ping {
				pong <- v + 1
			}
			close(pong)
		}()
		v := 0
		for i := 0; i < 3; i++ {
			ping <- v
			v = <-pong
		}
		close(ping)
		_, ok := <-pong
		o.Print(v, " ", ok)
	}})
	register("goroutine.arguments_evaluated_at_the_go_statement", Case{Run: func(o *Observer) {
		i, c := 1, make(chan int, 1)
		go func(v int) { c <- v }(i)
		i = 2
		o.Print(<-c, " ", i)
	}})
	register("goroutine.two_goroutines_interleave_in_any_order", Case{Run: func(o *Observer) {
		c := make(chan string, 4)
		for _, name := range []string{"a", "b"} {
			go func(name string) {
				jitter()
				c <- name + "1"
				jitter()
				c <- name + "2"
			}(name)
		}
		for i := 0; i < 4; i++ {
			o.Print(<-c)
		}
	}})
	register("goroutine.every_started_goroutine_runs", Case{Run: func(o *Observer) {
		c := make(chan int)
		for i := 1; i <= 3; i++ {
			go func(i int) { c <- i * i }(i)
		}
		sum := 0
		for i := 0; i < 3; i++ {
			sum += <-c
		}
		o.Print(sum)
	}})
}
