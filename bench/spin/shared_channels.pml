/*
 * shared-channels (patterns/chancheck/patterns/shared_channels.hpp driven by
 * models/request_response.hpp) in Promela, for SPIN.
 *
 * One file serves every configuration; choose it with cpp macros:
 *
 *   spin -a -DN=3 -DC=1 -DREQCAP=0 -DRESPCAP=0 -DGIVEUP=0 shared_channels.pml
 *   gcc -O2 -DSAFETY -DMEMLIM=8192 -o pan pan.c && ./pan -m100000
 *
 *   N        requesters            (chancheck: -p requesters)
 *   C        coordinators          (-p coordinators)
 *   REQCAP   request buffer        (-p request-capacity; 0 = rendezvous)
 *   RESPCAP  response buffer       (-p response-capacity; 0 = rendezvous)
 *   GIVEUP   0 or 1                (-p give-up)
 *
 * The three properties of the chancheck model:
 *   routing          assert(r == id) in the requester
 *   no-lost-request  assert(answered == N) at the end of init (Go's main)
 *   terminates       SPIN's invalid end-state check (on in safety mode):
 *                    a state where nothing can move but some process has not
 *                    reached its end is Go's "all goroutines are asleep"
 */

#ifndef N
#define N 3
#endif
#ifndef C
#define C 1
#endif
#ifndef REQCAP
#define REQCAP 0
#endif
#ifndef RESPCAP
#define RESPCAP 0
#endif
#ifndef GIVEUP
#define GIVEUP 0
#endif

/* Request ids and per-coordinator counts are bytes; SPIN also caps a run at
 * 255 processes, and init, the coordinators and the requesters are all
 * processes. */
#if N + C + 1 > 255
#error "N + C + 1 must not exceed 255 processes"
#endif

chan requests = [REQCAP] of { byte };
chan responses = [RESPCAP] of { byte };

/*
 * Go's close(requests). Promela has no close, so it is a flag that main sets
 * and nothing ever clears. A coordinator's `for id := range requests` ends
 * when the channel is closed AND drained (a closed buffered channel still
 * delivers what it holds), hence `closed && len(requests) == 0` as the exit
 * guard next to the receive. The guard cannot be taken too early: main
 * closes only after every requester is done, so no send on requests can
 * follow the close and the buffer can only shrink (a send after the close,
 * which panics in Go, cannot happen in this program, so it is not modelled).
 * A sentinel value per coordinator would be the other encoding, but on an
 * unbuffered channel it would make main rendezvous with every coordinator,
 * whereas close never blocks.
 */
bool closed;

/* The two sync.WaitGroups as counters: Done is an atomic decrement, Wait a
 * guard that blocks until the counter is zero. */
byte requesters_left = N;
byte coordinators_left = C;

/* What each coordinator answered, written once when it returns (Go: the
 * coordinator's shared<long> slot), summed by main after the Wait. */
byte served[C];

proctype coordinator(byte c)
{
    byte id;
    byte n = 0;
    do
    :: requests?id ->
        /* With give-up, the Go model sleeps here (the coordinator's work
         * outlasts the requester's patience). A sleep orders nothing in a
         * checker, and the timer below may fire at any point anyway, so it
         * is left out. */
        responses!id;
        n++
    :: closed && len(requests) == 0 -> break
    od;
    served[c] = n;
    coordinators_left--
}

proctype requester(byte id)
{
    byte r;
    requests!id;
#if GIVEUP
    /*
     * select { case r := <-responses: ...; case <-time.After(patience): }
     * The timer is not a process with a clock: the `true` branch is the
     * timer having fired, which a checker must allow at any moment, as
     * chancheck does. While a response is on offer both branches are
     * enabled and SPIN explores both, as Go's select picks among ready
     * cases at random. A requester that gives up leaves its response to
     * whoever receives next, or to block the coordinator.
     */
    if
    :: responses?r -> assert(r == id)
    :: true
    fi;
#else
    responses?r;
    assert(r == id);
#endif
    requesters_left--
}

init
{
    byte i;
    byte answered;
    /* Starting a goroutine touches nothing the others read, so starting all
     * of them in one atomic step loses no behaviour and spares SPIN the
     * interleavings of the start-up itself. */
    atomic {
        i = 0;
        do
        :: i < C -> run coordinator(i); i++
        :: else -> break
        od;
        i = 0;
        do
        :: i < N -> run requester(i); i++
        :: else -> break
        od
    }
    (requesters_left == 0);   /* requesters_done.Wait() */
    closed = true;            /* close(requests) */
    (coordinators_left == 0); /* coordinators_done.Wait() */
    d_step {
        i = 0;
        answered = 0;
        do
        :: i < C -> answered = answered + served[i]; i++
        :: else -> break
        od
    }
    assert(answered == N)     /* no-lost-request */
}
