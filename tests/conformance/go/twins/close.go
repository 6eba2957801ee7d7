// Twins of tests/conformance/close_test.cpp.
package main

import "fmt"

// sendRecovering sends v on c and records "sent" or the panic's message.
func sendRecovering(s Stream, c chan int, v int) {
	defer func() {
		if r := recover(); r != nil {
			s.Print(fmt.Sprint(r))
		}
	}()
	c <- v
	s.Print("sent")
}

func init() {
	register("close.receive_from_closed_is_immediate_zero", Case{Run: func(o *Observer) {
		c := make(chan int)
		close(c)
		for i := 0; i < 2; i++ {
			v, ok := <-c
			o.Print(v, " ", ok)
		}
	}})
	register("close.receive_gives_the_types_zero_value", Case{Run: func(o *Observer) {
		c := make(chan string, 2)
		close(c)
		v, ok := <-c
		o.Print("[", v, "] ", ok)
	}})
	register("close.buffered_values_delivered_first", Case{Run: func(o *Observer) {
		c := make(chan int, 3)
		c <- 1
		c <- 2
		close(c)
		for i := 0; i < 3; i++ {
			v, ok := <-c
			o.Print(v, " ", ok)
		}
	}})
	register("close.send_on_closed_panics", Case{Crashes: true, Run: func(o *Observer) {
		c := make(chan int, 1)
		close(c)
		c <- 1
		o.Print("sent")
	}})
	register("close.send_value_evaluated_before_the_panic", Case{Crashes: true, Run: func(o *Observer) {
		c := make(chan int, 1)
		close(c)
		value := func() int { o.Print("evaluated"); return 1 }
		c <- value()
	}})
	register("close.send_on_closed_in_select_panics", Case{Crashes: true, Run: func(o *Observer) {
		c := make(chan int, 1)
		close(c)
		select {
		case c <- 1:
			o.Print("sent")
		default:
			o.Print("default")
		}
	}})
	register("close.close_of_closed_panics", Case{Crashes: true, Run: func(o *Observer) {
		c := make(chan int)
		close(c)
		close(c)
	}})
	register("close.closed_channel_is_ready_in_select", Case{Run: func(o *Observer) {
		c := make(chan int)
		close(c)
		select {
		case v, ok := <-c:
			o.Print(v, " ", ok)
		default:
			o.Print("default")
		}
	}})
	register("close.wakes_every_blocked_receiver", Case{Run: func(o *Observer) {
		c, never, done := make(chan int), make(chan int), make(chan int, 3)
		for _, name := range []string{"r0", "r1"} {
			name := name
			go func() {
				v, ok := <-c
				o.In(name).Print(v, " ", ok)
				done <- 0
			}()
		}
		go func() {
			select {
			case <-never:
			case v, ok := <-c:
				o.In("s").Print(v, " ", ok)
			}
			done <- 0
		}()
		jitter()
		close(c)
		for i := 0; i < 3; i++ {
			<-done
		}
	}})
	register("close.blocked_sender_panics_when_closed", Case{Run: func(o *Observer) {
		c, done := make(chan int, 1), make(chan int)
		c <- 0
		go func() { sendRecovering(o.In("sender"), c, 1); done <- 0 }()
		jitter()
		close(c)
		<-done
	}})
	register("close.blocked_select_send_panics_when_closed", Case{Run: func(o *Observer) {
		c, never, done := make(chan int), make(chan int), make(chan int)
		go func() {
			s := o.In("selector")
			defer func() { done <- 0 }()
			defer func() {
				if r := recover(); r != nil {
					s.Print(fmt.Sprint(r))
				}
			}()
			select {
			case c <- 1:
			case <-never:
			}
			s.Print("fired")
		}()
		jitter()
		close(c)
		<-done
	}})
	register("close.close_races_a_send", Case{Run: func(o *Observer) {
		c, done := make(chan int, 1), make(chan int)
		go func() { sendRecovering(o.In("g"), c, 1); done <- 0 }()
		jitter()
		close(c)
		v, ok := <-c
		o.Print(v, " ", ok)
		<-done
	}})
	register("close.uncaught_panic_in_a_goroutine_ends_the_program", Case{Crashes: true, Run: func(o *Observer) {
		c, done := make(chan int), make(chan int)
		close(c)
		go func() { c <- 1; done <- 0 }()
		<-done
		o.Print("unreachable")
	}})
}
