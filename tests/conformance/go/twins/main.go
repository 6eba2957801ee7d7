// The Go twins of the conformance cases: each case does in Go what its C++
// case does and prints the same outcome text, so that Go itself says which
// outcomes the explorer must be able to produce.
//
//	twins -list                          every case name
//	twins -case NAME -runs K [-procs P]  each distinct outcome with its count
//
// A case that may end the process (an unrecovered panic, a deadlock, a
// fatal error) runs each run in a child process; its end is the first line
// the child's runtime wrote to stderr.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// Observer records a run's observations per stream, as the C++ observer.
type Observer struct {
	mu      sync.Mutex
	streams map[string][]string
	// In a child process every item is also written out at once, so that
	// what came before a crash is not lost.
	echo bool
}

type Stream struct {
	o    *Observer
	name string
}

func item(a []interface{}) string {
	var b strings.Builder
	for _, x := range a {
		fmt.Fprint(&b, x)
	}
	return b.String()
}

func (o *Observer) add(stream, text string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.echo {
		fmt.Fprintf(os.Stdout, "obs\t%s\t%s\n", stream, text)
	}
	o.streams[stream] = append(o.streams[stream], text)
}

// Print records one item: the arguments written one after the other.
func (o *Observer) Print(a ...interface{}) { o.add("", item(a)) }
func (o *Observer) In(name string) Stream  { return Stream{o, name} }
func (s Stream) Print(a ...interface{})    { s.o.add(s.name, item(a)) }

// Observed: the unnamed stream first, then named streams in name order.
func (o *Observer) Observed() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	names := make([]string, 0, len(o.streams))
	for n := range o.streams {
		names = append(names, n)
	}
	sort.Strings(names)
	var parts []string
	for _, n := range names {
		text := strings.Join(o.streams[n], " ")
		if n != "" {
			text = n + ": " + text
		}
		parts = append(parts, text)
	}
	return strings.Join(parts, "; ")
}

func outcome(observed, end string) string {
	if observed == "" {
		return end
	}
	return observed + " / " + end
}

type Case struct {
	Run func(o *Observer)
	// The run may end the process: run it in a child.
	Crashes bool
}

var cases = map[string]Case{}

func register(name string, c Case) {
	if _, dup := cases[name]; dup {
		panic("two cases named " + name)
	}
	cases[name] = c
}

// endOf reads a child's end from its stderr, as chancheck names ends.
func endOf(stderr []byte, err error) string {
	first := strings.SplitN(string(stderr), "\n", 2)[0]
	switch {
	case err == nil && first == "":
		return "ok"
	case first == "fatal error: all goroutines are asleep - deadlock!":
		return "deadlock"
	case strings.HasPrefix(first, "panic: "):
		// "panic: send on closed channel [recovered]" never reaches here:
		// a recovered panic does not end the process.
		return strings.TrimSuffix(first, " [recovered]")
	case first != "":
		return first
	}
	return fmt.Sprint("exit: ", err)
}

func runChild(name string, procs int) string {
	cmd := exec.Command(os.Args[0], "-child", name)
	cmd.Env = append(os.Environ(), fmt.Sprint("GOMAXPROCS=", procs))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	o := &Observer{streams: map[string][]string{}}
	end := ""
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), "\t", 3)
		switch {
		case len(f) == 3 && f[0] == "obs":
			o.streams[f[1]] = append(o.streams[f[1]], f[2])
		case len(f) == 2 && f[0] == "end":
			end = f[1]
		}
	}
	if end == "" {
		end = endOf(stderr.Bytes(), err)
	}
	return outcome(o.Observed(), end)
}

func runHere(c Case) string {
	o := &Observer{streams: map[string][]string{}}
	c.Run(o)
	return outcome(o.Observed(), "ok")
}

func main() {
	list := flag.Bool("list", false, "print every case name")
	name := flag.String("case", "", "the case to run")
	child := flag.String("child", "", "run one case once, as a child process")
	runs := flag.Int("runs", 100, "how many runs")
	procs := flag.Int("procs", runtime.GOMAXPROCS(0), "GOMAXPROCS for the runs")
	flag.Parse()

	if *list {
		var names []string
		for n := range cases {
			names = append(names, n)
		}
		sort.Strings(names)
		fmt.Println(strings.Join(names, "\n"))
		return
	}
	if *child != "" {
		o := &Observer{streams: map[string][]string{}, echo: true}
		cases[*child].Run(o)
		fmt.Println("end\tok")
		return
	}
	c, ok := cases[*name]
	if !ok {
		fmt.Fprintln(os.Stderr, "no case named", *name)
		os.Exit(2)
	}
	runtime.GOMAXPROCS(*procs)
	counts := map[string]int{}
	for i := 0; i < *runs; i++ {
		if c.Crashes {
			counts[runChild(*name, *procs)]++
		} else {
			counts[runHere(c)]++
		}
	}
	for o, n := range counts {
		fmt.Printf("%d\t%s\n", n, o)
	}
}
