// The Go side of bench/vs-go: the programs of bench/channel_bench.cpp on Go's
// runtime, with the same names and the same unit (b.N items: round trips,
// values, selects, requests), so ns/op compares directly.
package chanbench

import (
	"sync"
	"testing"
)

const (
	bufferedCap = 1024
	requesters  = 8
)

// share is the number of the n items that worker k of workers handles.
func share(n, workers, k int) int {
	s := n / workers
	if k < n%workers {
		s++
	}
	return s
}

func BenchmarkPingPong(b *testing.B) {
	ping := make(chan int)
	pong := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < b.N; i++ {
			pong <- <-ping
		}
	}()
	b.ResetTimer()
	v := 0
	for i := 0; i < b.N; i++ {
		ping <- v
		v = <-pong + 1
	}
	b.StopTimer()
	wg.Wait()
}

func buffered(b *testing.B, producers int) {
	c := make(chan int, bufferedCap)
	var wg sync.WaitGroup
	wg.Add(producers)
	for k := 0; k < producers; k++ {
		mine := share(b.N, producers, k)
		go func() {
			defer wg.Done()
			for i := 0; i < mine; i++ {
				c <- i
			}
		}()
	}
	b.ResetTimer()
	sum := 0
	for i := 0; i < b.N; i++ {
		sum += <-c
	}
	b.StopTimer()
	wg.Wait()
	_ = sum
}

func BenchmarkBuffered1P1C(b *testing.B) { buffered(b, 1) }
func BenchmarkBuffered4P1C(b *testing.B) { buffered(b, 4) }

// Both channels hold a value before every select; the one that fired is
// refilled, so an op is a select plus that send, as in the C++ version.
func BenchmarkSelect2Ready(b *testing.B) {
	a := make(chan int, 1)
	c := make(chan int, 1)
	a <- 1
	c <- 2
	fromA := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		select {
		case v := <-a:
			fromA++
			a <- v
		case v := <-c:
			c <- v
		}
	}
	_ = fromA
}

// Pattern two: requesters share one request and one response channel with a
// coordinator (the benchmark goroutine) that answers each request in turn.
func BenchmarkPatternTwo8(b *testing.B) {
	requests := make(chan int)
	responses := make(chan int)
	var wg sync.WaitGroup
	wg.Add(requesters)
	for k := 0; k < requesters; k++ {
		k := k
		mine := share(b.N, requesters, k)
		go func() {
			defer wg.Done()
			for i := 0; i < mine; i++ {
				requests <- k
				<-responses
			}
		}()
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		responses <- <-requests + 1
	}
	b.StopTimer()
	wg.Wait()
}
