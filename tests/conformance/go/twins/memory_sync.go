// Twins of tests/conformance/memory_sync_test.cpp.
package main

import "sync"

func init() {
	register("memory.mutex_unlock_happens_before_the_next_lock", Case{Run: func(o *Observer) {
		x := 0
		var mu sync.Mutex
		var wg sync.WaitGroup
		wg.Add(2)
		for i := 0; i < 2; i++ {
			go func() {
				mu.Lock()
				x++
				mu.Unlock()
				wg.Done()
			}()
		}
		wg.Wait()
		o.Print(x)
	}})
	register("memory.access_outside_the_mutex_races", Case{Run: func(o *Observer) {
		x := 0
		var mu sync.Mutex
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			mu.Lock()
			x++
			mu.Unlock()
			wg.Done()
		}()
		go func() { x++; wg.Done() }()
		wg.Wait()
	}})
	register("memory.rwmutex_orders_a_writer_with_a_reader", Case{Run: func(o *Observer) {
		x := 0
		var rw sync.RWMutex
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			jitter()
			rw.Lock()
			x = 1
			rw.Unlock()
			wg.Done()
		}()
		go func() {
			jitter()
			rw.RLock()
			o.In("r").Print(x)
			rw.RUnlock()
			wg.Done()
		}()
		wg.Wait()
	}})
	register("memory.read_without_rlock_races", Case{Run: func(o *Observer) {
		x := 0
		var rw sync.RWMutex
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			rw.Lock()
			x = 1
			rw.Unlock()
			wg.Done()
		}()
		go func() { sink(x); wg.Done() }()
		wg.Wait()
	}})
	register("memory.rwmutex_readers_each_ordered_with_the_writer", Case{Run: func(o *Observer) {
		x := 0
		var rw sync.RWMutex
		var wg sync.WaitGroup
		wg.Add(3)
		for _, name := range []string{"r1", "r2"} {
			go func(name string) {
				jitter()
				rw.RLock()
				o.In(name).Print(x)
				rw.RUnlock()
				wg.Done()
			}(name)
		}
		jitter()
		rw.Lock()
		x = 1
		rw.Unlock()
		wg.Done()
		wg.Wait()
	}})
	register("memory.writes_under_rlock_race", Case{Run: func(o *Observer) {
		x := 0
		var rw sync.RWMutex
		var wg sync.WaitGroup
		wg.Add(2)
		for i := 0; i < 2; i++ {
			go func() {
				rw.RLock()
				x++
				rw.RUnlock()
				wg.Done()
			}()
		}
		wg.Wait()
	}})
	register("memory.wait_group_done_happens_before_wait_returns", Case{Run: func(o *Observer) {
		a, b := 0, 0
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { a = 1; wg.Done() }()
		go func() { b = 2; wg.Done() }()
		wg.Wait()
		o.Print(a + b)
	}})
	register("memory.write_after_done_races", Case{Run: func(o *Observer) {
		x := 0
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { wg.Done(); x = 1 }()
		wg.Wait()
		sink(x)
	}})
	register("memory.channel_semaphore_guards_data", Case{Run: func(o *Observer) {
		x, sem := 0, make(chan int, 1)
		var wg sync.WaitGroup
		wg.Add(2)
		for i := 0; i < 2; i++ {
			go func() {
				sem <- 0
				x++
				<-sem
				wg.Done()
			}()
		}
		wg.Wait()
		o.Print(x)
	}})
	register("memory.semaphore_with_room_for_two_races", Case{Run: func(o *Observer) {
		x, sem := 0, make(chan int, 2)
		var wg sync.WaitGroup
		wg.Add(2)
		for i := 0; i < 2; i++ {
			go func() {
				sem <- 0
				x++
				<-sem
				wg.Done()
			}()
		}
		wg.Wait()
	}})
}
