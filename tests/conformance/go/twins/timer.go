// Twins of tests/conformance/timer_test.cpp.
package main

import "time"

func init() {
	register("timer.an_hour_long_timer_loses_to_a_ready_channel", Case{Run: func(o *Observer) {
		ready := make(chan int, 1)
		ready <- 1
		select {
		case <-ready:
			o.Print("ready")
		case <-time.After(time.Hour):
			o.Print("timeout")
		}
	}})
	register("timer.times_out_a_select_with_nothing_else_ready", Case{Run: func(o *Observer) {
		never := make(chan int)
		select {
		case <-never:
			o.Print("never")
		case <-time.After(time.Millisecond):
			o.Print("timeout")
		}
	}})
	register("timer.not_ready_before_its_duration", Case{Run: func(o *Observer) {
		t := time.After(time.Hour)
		select {
		case <-t:
			o.Print("fired")
		default:
			o.Print("default")
		}
		o.Print(len(t), " ", cap(t))
	}})
	register("timer.sends_one_value_only", Case{Run: func(o *Observer) {
		t := time.After(time.Millisecond)
		_, ok := <-t
		o.Print(ok)
		time.Sleep(20 * time.Millisecond)
		select {
		case <-t:
			o.Print("again")
		default:
			o.Print("once")
		}
	}})
	register("timer.an_unread_value_waits_in_the_buffer", Case{Run: func(o *Observer) {
		t := time.After(time.Millisecond)
		time.Sleep(20 * time.Millisecond)
		o.Print(len(t))
		_, ok := <-t
		o.Print(ok)
	}})
	register("timer.a_zero_duration_fires", Case{Run: func(o *Observer) {
		_, ok := <-time.After(0)
		o.Print(ok)
		_, ok = <-time.After(-time.Millisecond)
		o.Print(ok)
	}})
	register("timer.sleeps_end_in_deadline_order", Case{Run: func(o *Observer) {
		done := make(chan string, 2)
		go func() { time.Sleep(20 * time.Millisecond); done <- "slow" }()
		go func() { time.Sleep(time.Millisecond); done <- "quick" }()
		for i := 0; i < 2; i++ {
			o.Print(<-done)
		}
	}})
	register("timer.timers_fire_in_deadline_order", Case{Run: func(o *Observer) {
		late := time.After(20 * time.Millisecond)
		early := time.After(time.Millisecond)
		for i := 0; i < 2; i++ {
			select {
			case <-late:
				o.Print("late")
			case <-early:
				o.Print("early")
			}
		}
	}})
	register("timer.a_deadline_counts_from_when_the_timer_starts", Case{Run: func(o *Observer) {
		first := time.After(20 * time.Millisecond)
		time.Sleep(10 * time.Millisecond)
		second := time.After(30 * time.Millisecond)
		for i := 0; i < 2; i++ {
			select {
			case <-second:
				o.Print("second")
			case <-first:
				o.Print("first")
			}
		}
	}})
	register("timer.a_requester_gives_up_on_a_slower_worker", Case{Run: func(o *Observer) {
		answer := make(chan int, 1)
		go func() { time.Sleep(20 * time.Millisecond); answer <- 42 }()
		select {
		case v := <-answer:
			o.Print(v)
		case <-time.After(time.Millisecond):
			o.Print("gave up")
		}
	}})
	register("timer.a_requester_gets_a_faster_workers_answer", Case{Run: func(o *Observer) {
		answer := make(chan int, 1)
		go func() { time.Sleep(time.Millisecond); answer <- 42 }()
		select {
		case v := <-answer:
			o.Print(v)
		case <-time.After(time.Hour):
			o.Print("gave up")
		}
	}})
	register("timer.giving_up_strands_an_unbuffered_worker", Case{Crashes: true, Run: func(o *Observer) {
		answer, done := make(chan int), make(chan int)
		go func() {
			time.Sleep(20 * time.Millisecond)
			answer <- 42
			done <- 1
		}()
		select {
		case v := <-answer:
			o.Print(v)
		case <-time.After(time.Millisecond):
			o.Print("gave up")
		}
		<-done
	}})
}
