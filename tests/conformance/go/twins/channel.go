// Twins of tests/conformance/channel_test.cpp.
package main

import (
	"math/rand"
	"runtime"
	"time"
)

// jitter yields at random, so that rarer orders show up in many runs.
func jitter() {
	if rand.Intn(2) == 0 {
		runtime.Gosched()
	}
}

func init() {
	register("channel.unbuffered_handoff", Case{Run: func(o *Observer) {
		c := make(chan int)
		go func() { jitter(); c <- 7 }()
		o.Print(<-c)
	}})
	register("channel.unbuffered_send_waits_for_receiver", Case{Run: func(o *Observer) {
		c, sent := make(chan int), make(chan int, 1)
		go func() { c <- 7; sent <- 0 }()
		jitter()
		select {
		case <-sent:
			o.Print("early")
		default:
			o.Print("waiting")
		}
		o.Print(<-c)
		<-sent
	}})
	register("channel.unbuffered_receive_waits_for_sender", Case{Run: func(o *Observer) {
		c, got := make(chan int), make(chan int, 1)
		go func() { got <- <-c }()
		jitter()
		select {
		case <-got:
			o.Print("early")
		default:
			o.Print("waiting")
		}
		c <- 11
		o.Print(<-got)
	}})
	register("channel.unbuffered_send_without_receiver_deadlocks", Case{Crashes: true, Run: func(o *Observer) {
		c := make(chan int)
		c <- 1
		o.Print("sent")
	}})
	register("channel.send_value_evaluated_before_blocking", Case{Crashes: true, Run: func(o *Observer) {
		var c chan int
		value := func() int { o.Print("evaluated"); return 1 }
		c <- value()
		o.Print("sent")
	}})
	register("channel.unbuffered_len_and_cap_are_zero", Case{Run: func(o *Observer) {
		c := make(chan int)
		go func() { c <- 1 }()
		jitter()
		o.Print(len(c), " ", cap(c))
		o.Print(<-c)
	}})
	register("channel.one_channel_shared_by_many_goroutines", Case{Run: func(o *Observer) {
		c, got := make(chan int, 1), make(chan int, 2)
		for i := 1; i <= 2; i++ {
			go func(i int) { jitter(); c <- i }(i)
			go func() { jitter(); got <- <-c }()
		}
		o.Print("cap ", cap(c), " sum ", <-got+<-got)
	}})
	register("channel.buffered_send_blocks_only_when_full", Case{Run: func(o *Observer) {
		c := make(chan int, 3)
		for i := 0; i < 4; i++ {
			select {
			case c <- i:
				o.Print(true)
			default:
				o.Print(false)
			}
		}
	}})
	register("channel.buffered_fifo", Case{Run: func(o *Observer) {
		c := make(chan int, 3)
		for i := 1; i <= 3; i++ {
			c <- i
		}
		for i := 1; i <= 3; i++ {
			o.Print(<-c)
		}
	}})
	register("channel.fifo_between_goroutines", Case{Run: func(o *Observer) {
		c := make(chan int, 2)
		go func() {
			for i := 1; i <= 4; i++ {
				jitter()
				c <- i
			}
			close(c)
		}()
		for v := range c {
			o.Print(v)
		}
	}})
	register("channel.two_senders_either_order", Case{Run: func(o *Observer) {
		c := make(chan int)
		go func() { jitter(); c <- 1 }()
		go func() { jitter(); c <- 2 }()
		o.Print(<-c)
		o.Print(<-c)
	}})
	register("channel.len_and_cap", Case{Run: func(o *Observer) {
		c := make(chan int, 3)
		show := func() { o.Print(len(c), "/", cap(c)) }
		show()
		c <- 1
		c <- 2
		show()
		<-c
		show()
		c <- 3
		c <- 4
		show()
		close(c)
		show()
	}})
	register("channel.len_after_sleep_is_racy", Case{Run: func(o *Observer) {
		c, done := make(chan int, 1), make(chan int, 1)
		go func() { jitter(); c <- 1; done <- 0 }()
		time.Sleep(time.Millisecond)
		o.Print(len(c))
		<-done
	}})
	register("channel.negative_capacity_panics", Case{Crashes: true, Run: func(o *Observer) {
		n := -1
		_ = make(chan int, n)
		o.Print("made")
	}})
	register("channel.receive_ok_of_a_sent_value", Case{Run: func(o *Observer) {
		c := make(chan int, 1)
		c <- 5
		v, ok := <-c
		o.Print(v, " ", ok)
	}})
	register("channel.range_drains_a_closed_buffer", Case{Run: func(o *Observer) {
		c := make(chan int, 4)
		for i := 1; i <= 4; i++ {
			c <- i
		}
		close(c)
		for v := range c {
			o.Print(v)
		}
		o.Print("end")
	}})
	register("channel.range_over_open_channel_waits", Case{Crashes: true, Run: func(o *Observer) {
		c := make(chan int, 2)
		c <- 1
		for v := range c {
			o.Print(v)
		}
		o.Print("end")
	}})
	register("channel.send_happens_before_receive", Case{Run: func(o *Observer) {
		x := 0
		c := make(chan int)
		go func() { x = 1; c <- 0 }()
		<-c
		o.Print(x)
	}})
	register("channel.unsynchronised_writes_race", Case{Run: func(o *Observer) {
		x := 0
		done := make(chan int)
		go func() { x = 1; done <- 0 }()
		x = 2
		<-done
		_ = x
	}})
}
