// The programs the fuzzer found the reduction wrong on, each kept as a
// regression test: the reduced searches (the default, split over two
// threads) and the bounded search with every preemption allowed must reach
// exactly the unreduced search's outcomes, and the outcome they once missed
// must still be among them (so a change that makes the program trivial
// fails here, instead of passing for nothing). Each program is the one the
// fuzzer printed after shrinking (bench/fuzz/README.md), in emit.cpp's form:
// `note(goroutine, text)` records what a goroutine observed, and an
// outcome is the execution's fingerprint (outcomes.hpp).
#include "interpret.hpp"
#include "outcomes.hpp"

#include <chancheck/chancheck.hpp>
#include <chancheck/explore/explore.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <initializer_list>
#include <memory>
#include <set>
#include <string>

namespace {

using S = chancheck::explore;
using fuzz::mode;

std::string listed(const std::set<std::string>& outcomes) {
    std::string out;
    for (const auto& o : outcomes) out += "\n" + o;
    return out;
}

// The once-missed outcomes come from the search at the time, which ended
// the execution at main's return but judged a goroutine blocked then as a
// leak: each is an outcome in one of today's two modes (--main program, or
// main as a test function), and the searches must agree in both.
void expect_every_search_agrees(const std::function<void()>& body, std::initializer_list<std::string> once_missed,
                                chancheck::explore_detail::time_mode time = chancheck::explore_detail::time_mode::any) {
    using chancheck::explore_detail::main_mode;
    fuzz::search_limits limits;
    limits.time = time;
    std::set<std::string> either;
    for (main_mode main : {main_mode::program, main_mode::test}) {
        const char* in = main == main_mode::program ? " (--main program)" : " (main a test function)";
        const fuzz::outcome_set oracle = fuzz::explore_outcomes(body, mode::oracle, limits, main);
        ASSERT_TRUE(oracle.complete) << oracle.error << in;
        either.insert(oracle.outcomes.begin(), oracle.outcomes.end());
        for (mode m : {mode::reduced, mode::jobs, mode::bounded}) {
            const fuzz::outcome_set other = fuzz::explore_outcomes(body, m, limits, main);
            ASSERT_TRUE(other.complete) << fuzz::mode_name(m) << " " << other.error << in;
            EXPECT_EQ(other.outcomes, oracle.outcomes) << "the " << fuzz::mode_name(m) << " search" << in;
        }
    }
    for (const std::string& o : once_missed)
        EXPECT_TRUE(either.contains(o)) << "no longer an outcome:\n" << o << "\nthe outcomes:" << listed(either);
}

// Select with default against a send that then has no partner: missed deadlock (the shape of known result 1, whose own form is at the end of A).
template <chancheck::Sync S, class Note>
void select_default_against_a_send_left_without_a_partner(Note note) {
    struct objects {
        chancheck::chan<int, S> c0 = chancheck::make_chan<int, S>(0, "c0");
    };
    auto o = std::make_shared<objects>();
    const std::string self = "main";
    chancheck::go<S>("g3", [o, note] {
        const std::string self = "g3";
        chancheck::select<S>(
            chancheck::on_recv(o->c0, [&](int v, bool ok) {
                note(self, "select 0: <-c0 = " + std::to_string(v) + (ok ? "" : ", closed"));
            }),
            chancheck::on_default([&] {
                note(self, "select: default");
            })
        );
        note(self, "end");
    });
    chancheck::go<S>("g2", [o, note] {
        const std::string self = "g2";
        note(self, "end");
    });
    o->c0.send(1);
    note(self, "end");
}

TEST(ReductionRegressions, SelectDefaultAgainstASendLeftWithoutAPartner) {
    expect_every_search_agrees([] { select_default_against_a_send_left_without_a_partner<S>(&fuzz::note); },
                               {"deadlock\n  g2: end\n  g3: select: default; end\n  main: [blocked: send to c0]"});
}

// A buffered send racing a select with default (known result 2): missed default.
template <chancheck::Sync S, class Note>
void buffered_send_racing_a_select_with_default(Note note) {
    struct objects {
        chancheck::chan<int, S> c0 = chancheck::make_chan<int, S>(1, "c0");
    };
    auto o = std::make_shared<objects>();
    const std::string self = "main";
    chancheck::go<S>("g2", [o, note] {
        const std::string self = "g2";
        o->c0.send(3);
        note(self, "end");
    });
    chancheck::select<S>(
        chancheck::on_recv(o->c0, [&](int v, bool ok) {
            note(self, "select 0: <-c0 = " + std::to_string(v) + (ok ? "" : ", closed"));
        }),
        chancheck::on_default([&] {
            note(self, "select: default");
        })
    );
    note(self, "end");
}

TEST(ReductionRegressions, BufferedSendRacingASelectWithDefault) {
    expect_every_search_agrees([] { buffered_send_racing_a_select_with_default<S>(&fuzz::note); },
                               {"none\n  g2: end\n  main: select: default; end",
                                "none\n  main: select: default; end"});
}

// No default: the select's send case against a plain send filling the same buffer.
template <chancheck::Sync S, class Note>
void select_send_case_against_a_send_filling_the_same_buffer(Note note) {
    struct objects {
        chancheck::chan<int, S> c0 = chancheck::make_chan<int, S>(1, "c0");
        chancheck::chan<int, S> c1 = chancheck::make_chan<int, S>(0, "c1");
    };
    auto o = std::make_shared<objects>();
    const std::string self = "main";
    chancheck::go<S>("g1", [o, note] {
        const std::string self = "g1";
        chancheck::select<S>(
            chancheck::on_recv(o->c0, [&](int v, bool ok) {
                note(self, "select 0: <-c0 = " + std::to_string(v) + (ok ? "" : ", closed"));
            }),
            chancheck::on_send(o->c0, 5, [&] {
                note(self, "select 1: c0 <- 5");
            })
        );
        note(self, "end");
    });
    o->c0.send(2);
    o->c1.send(3);
    note(self, "end");
}

TEST(ReductionRegressions, SelectSendCaseAgainstASendFillingTheSameBuffer) {
    expect_every_search_agrees([] { select_send_case_against_a_send_filling_the_same_buffer<S>(&fuzz::note); },
                               {"deadlock\n  g1: select 1: c0 <- 5; end\n  main: [blocked: send to c0]"});
}

// A close against the hand-off it cuts off.
template <chancheck::Sync S, class Note>
void close_against_the_hand_off_it_cuts_off(Note note) {
    struct objects {
        chancheck::chan<int, S> c0 = chancheck::make_chan<int, S>(0, "c0");
        chancheck::mutex<S> km0;
        chancheck::cond<S> k0{km0};
        chancheck::shared<int, S> kf0;  // k0's predicate
    };
    auto o = std::make_shared<objects>();
    const std::string self = "main";
    chancheck::go<S>("g2", [o, note] {
        const std::string self = "g2";
        {
            auto [v, ok] = o->c0.recv();
            note(self, "<-c0 = " + std::to_string(v) + (ok ? "" : ", closed"));
        }
        note(self, "end");
    });
    chancheck::go<S>("g1", [o, note] {
        const std::string self = "g1";
        try {
            o->c0.send(3);
        } catch (const std::exception& e) {
            note(self, std::string("recovered: ") + e.what());
        }
        note(self, "end");
    });
    o->c0.close();
    o->km0.lock();
    while (o->kf0.read() == 0) o->k0.wait();
    o->km0.unlock();
    note(self, "end");
}

TEST(ReductionRegressions, CloseAgainstTheHandOffItCutsOff) {
    // The outcome once missed (g2 takes 3 before the close) is a data race
    // now, as under Go's race detector: g1's send and main's close are not
    // ordered. Every search must still find it.
    expect_every_search_agrees([] { close_against_the_hand_off_it_cuts_off<S>(&fuzz::note); }, {"race"});
}

// Select on a fresh timer with a default.
template <chancheck::Sync S, class Note>
void select_on_a_fresh_timer_with_default(Note note) {
    struct objects {
    };
    auto o = std::make_shared<objects>();
    const std::string self = "main";
    chancheck::select<S>(
        chancheck::on_recv(chancheck::after<S>(std::chrono::milliseconds(1)), [&] {
            note(self, "select 0: timer");
        }),
        chancheck::on_default([&] {
            note(self, "select: default");
        })
    );
    note(self, "end");
}

TEST(ReductionRegressions, SelectOnAFreshTimerWithDefault) {
    expect_every_search_agrees([] { select_on_a_fresh_timer_with_default<S>(&fuzz::note); },
                               {"none\n  main: select: default; end"});
}

// Only under --jobs 2 (the default search agrees on this one).
template <chancheck::Sync S, class Note>
void split_search_select_with_default_against_a_late_sender(Note note) {
    struct objects {
        chancheck::chan<int, S> c0 = chancheck::make_chan<int, S>(0, "c0");
        chancheck::mutex<S> m0;
    };
    auto o = std::make_shared<objects>();
    const std::string self = "main";
    chancheck::go<S>("g2", [o, note] {
        const std::string self = "g2";
        chancheck::go<S>("g3", [o, note] {
            const std::string self = "g3";
            o->m0.lock();
            o->c0.send(2);
            note(self, "end");
        });
        chancheck::select<S>(
            chancheck::on_recv(o->c0, [&](int v, bool ok) {
                note(self, "select 0: <-c0 = " + std::to_string(v) + (ok ? "" : ", closed"));
            }),
            chancheck::on_default([&] {
                note(self, "select: default");
                {
                    auto [v, ok] = o->c0.recv();
                    note(self, "<-c0 = " + std::to_string(v) + (ok ? "" : ", closed"));
                }
            })
        );
        note(self, "end");
    });
    note(self, "end");
}

TEST(ReductionRegressions, SplitSearchSelectWithDefaultAgainstALateSender) {
    expect_every_search_agrees([] { split_search_select_with_default_against_a_late_sender<S>(&fuzz::note); },
                               {"none\n  g2: select: default\n  main: end",
                                "none\n  g2: select: default; <-c0 = 2; end\n  g3: end\n  main: end"});
}

// Missed leak: the reader got in first and the writer is left waiting.
template <chancheck::Sync S, class Note>
void reader_first_leaves_the_writer_waiting(Note note) {
    struct objects {
        chancheck::rw_mutex<S> rw0;
    };
    auto o = std::make_shared<objects>();
    const std::string self = "main";
    chancheck::go<S>("g1", [o, note] {
        const std::string self = "g1";
        o->rw0.rlock();
        note(self, "end");
    });
    chancheck::go<S>("g3", [o, note] {
        const std::string self = "g3";
        o->rw0.lock();
        note(self, "end");
    });
    note(self, "end");
}

TEST(ReductionRegressions, ReaderFirstLeavesTheWriterWaiting) {
    expect_every_search_agrees([] { reader_first_leaves_the_writer_waiting<S>(&fuzz::note); },
                               {"leak\n  g1: end\n  g3: [blocked: lock on RWMutex]\n  main: end"});
}

// Missed deadlock: main holds a read lock and asks for the write lock.
template <chancheck::Sync S, class Note>
void read_lock_holder_asks_for_the_write_lock(Note note) {
    struct objects {
        chancheck::rw_mutex<S> rw0;
    };
    auto o = std::make_shared<objects>();
    const std::string self = "main";
    chancheck::go<S>("g2", [o, note] {
        const std::string self = "g2";
        o->rw0.rlock();
        note(self, "end");
    });
    o->rw0.rlock();
    o->rw0.lock();
    note(self, "end");
}

TEST(ReductionRegressions, ReadLockHolderAsksForTheWriteLock) {
    expect_every_search_agrees([] { read_lock_holder_asks_for_the_write_lock<S>(&fuzz::note); },
                               {"deadlock\n  g2: end\n  main: [blocked: lock on RWMutex]"});
}

// The panic is missed altogether: the reduced search proves a program that panics.
template <chancheck::Sync S, class Note>
void done_before_add_panics(Note note) {
    struct objects {
        chancheck::wait_group<S> wg0;
    };
    auto o = std::make_shared<objects>();
    const std::string self = "main";
    chancheck::go<S>("g3", [o, note] {
        const std::string self = "g3";
        o->wg0.done();
        note(self, "end");
    });
    o->wg0.add(3);
    note(self, "end");
}

TEST(ReductionRegressions, DoneBeforeAddPanics) {
    expect_every_search_agrees([] { done_before_add_panics<S>(&fuzz::note); },
                               {"panic: sync: negative WaitGroup counter"});
}

// The same, recovered: the order Add-then-Done is missed.
template <chancheck::Sync S, class Note>
void done_before_add_recovered(Note note) {
    struct objects {
        chancheck::wait_group<S> wg0;
    };
    auto o = std::make_shared<objects>();
    const std::string self = "main";
    chancheck::go<S>("g3", [o, note] {
        const std::string self = "g3";
        try {
            o->wg0.done();
        } catch (const std::exception& e) {
            note(self, std::string("recovered: ") + e.what());
        }
        note(self, "end");
    });
    o->wg0.add(2);
    note(self, "end");
}

TEST(ReductionRegressions, DoneBeforeAddRecovered) {
    expect_every_search_agrees([] { done_before_add_recovered<S>(&fuzz::note); },
                               {"none\n  g3: recovered: sync: negative WaitGroup counter; end\n  main: end"});
}

// Done below zero against Wait: missed deadlock.
template <chancheck::Sync S, class Note>
void done_below_zero_against_wait(Note note) {
    struct objects {
        chancheck::wait_group<S> wg0;
    };
    auto o = std::make_shared<objects>();
    const std::string self = "main";
    chancheck::go<S>("g1", [o, note] {
        const std::string self = "g1";
        try {
            o->wg0.done();
        } catch (const std::exception& e) {
            note(self, std::string("recovered: ") + e.what());
        }
        note(self, "end");
    });
    o->wg0.wait();
    note(self, "end");
}

TEST(ReductionRegressions, DoneBelowZeroAgainstWait) {
    expect_every_search_agrees([] { done_below_zero_against_wait<S>(&fuzz::note); },
                               {"deadlock\n  g1: recovered: sync: negative WaitGroup counter; end\n  main: [blocked: wait on WaitGroup]"});
}

// Timers: a fire counts as independent of main's exit, but a goroutine waiting on the timer can run after it.
template <chancheck::Sync S, class Note>
void timer_fire_against_mains_return(Note note) {
    struct objects {
    };
    auto o = std::make_shared<objects>();
    const std::string self = "main";
    chancheck::go<S>("g2", [o, note] {
        const std::string self = "g2";
        chancheck::after<S>(std::chrono::milliseconds(1)).recv();
        note(self, "end");
    });
    note(self, "end");
}

TEST(ReductionRegressions, TimerFireAgainstMainsReturn) {
    expect_every_search_agrees([] { timer_fire_against_mains_return<S>(&fuzz::note); },
                               {"none\n  g2: end\n  main: end",
                                "none\n  main: end"});
}

// After a sleep.
template <chancheck::Sync S, class Note>
void late_receiver_after_a_sleep(Note note) {
    struct objects {
        chancheck::chan<int, S> c0 = chancheck::make_chan<int, S>(0, "c0");
    };
    auto o = std::make_shared<objects>();
    const std::string self = "main";
    chancheck::go<S>("g1", [o, note] {
        const std::string self = "g1";
        chancheck::sleep<S>(std::chrono::milliseconds(1));
        {
            auto [v, ok] = o->c0.recv();
            note(self, "<-c0 = " + std::to_string(v) + (ok ? "" : ", closed"));
        }
        note(self, "end");
    });
    chancheck::go<S>("g3", [o, note] {
        const std::string self = "g3";
        {
            auto [v, ok] = o->c0.recv();
            note(self, "<-c0 = " + std::to_string(v) + (ok ? "" : ", closed"));
        }
        note(self, "end");
    });
    o->c0.send(2);
    note(self, "end");
}

TEST(ReductionRegressions, LateReceiverAfterASleep) {
    expect_every_search_agrees([] { late_receiver_after_a_sleep<S>(&fuzz::note); },
                               {"leak\n  g1: <-c0 = 2; end\n  g3: [blocked: receive from c0]\n  main: end"});
}

// After a send on another, buffered channel.
template <chancheck::Sync S, class Note>
void late_receiver_after_a_buffered_send(Note note) {
    struct objects {
        chancheck::chan<int, S> c0 = chancheck::make_chan<int, S>(0, "c0");
        chancheck::chan<int, S> c1 = chancheck::make_chan<int, S>(1, "c1");
    };
    auto o = std::make_shared<objects>();
    const std::string self = "main";
    chancheck::go<S>("g1", [o, note] {
        const std::string self = "g1";
        o->c1.send(4);
        {
            auto [v, ok] = o->c0.recv();
            note(self, "<-c0 = " + std::to_string(v) + (ok ? "" : ", closed"));
        }
        note(self, "end");
    });
    chancheck::go<S>("g2", [o, note] {
        const std::string self = "g2";
        {
            auto [v, ok] = o->c0.recv();
            note(self, "<-c0 = " + std::to_string(v) + (ok ? "" : ", closed"));
        }
        note(self, "end");
    });
    o->c0.send(1);
    note(self, "end");
}

TEST(ReductionRegressions, LateReceiverAfterABufferedSend) {
    expect_every_search_agrees([] { late_receiver_after_a_buffered_send<S>(&fuzz::note); },
                               {"leak\n  g1: <-c0 = 1; end\n  g2: [blocked: receive from c0]\n  main: end"});
}

// Buffered channel of capacity 1: several receivers and senders.
template <chancheck::Sync S, class Note>
void capacity_one_several_senders_and_receivers(Note note) {
    struct objects {
        chancheck::chan<int, S> c0 = chancheck::make_chan<int, S>(1, "c0");
    };
    auto o = std::make_shared<objects>();
    const std::string self = "main";
    chancheck::go<S>("g4", [o, note] {
        const std::string self = "g4";
        {
            auto [v, ok] = o->c0.recv();
            note(self, "<-c0 = " + std::to_string(v) + (ok ? "" : ", closed"));
        }
        note(self, "end");
    });
    chancheck::go<S>("g1", [o, note] {
        const std::string self = "g1";
        o->c0.send(2);
        for (int i0 = 0; i0 < 2; ++i0) {
            {
                auto [v, ok] = o->c0.recv();
                note(self, "<-c0 = " + std::to_string(v) + (ok ? "" : ", closed"));
            }
        }
        note(self, "end");
    });
    for (int i1 = 0; i1 < 2; ++i1) {
        o->c0.send(3);
    }
    note(self, "end");
}

TEST(ReductionRegressions, CapacityOneSeveralSendersAndReceivers) {
    expect_every_search_agrees([] { capacity_one_several_senders_and_receivers<S>(&fuzz::note); },
                               {"none\n  g1: <-c0 = 2; <-c0 = 3; end\n  main: end"});
}

// len is not a step (by design, but it hides outcomes).
template <chancheck::Sync S, class Note>
void len_against_a_send(Note note) {
    struct objects {
        chancheck::chan<int, S> c0 = chancheck::make_chan<int, S>(1, "c0");
    };
    auto o = std::make_shared<objects>();
    const std::string self = "main";
    chancheck::go<S>("g2", [o, note] {
        const std::string self = "g2";
        o->c0.send(3);
        note(self, "end");
    });
    chancheck::go<S>("g1", [o, note] {
        const std::string self = "g1";
        note(self, "len c0 = " + std::to_string(o->c0.len()));
        note(self, "end");
    });
    note(self, "end");
}

TEST(ReductionRegressions, LenAgainstASend) {
    expect_every_search_agrees([] { len_against_a_send<S>(&fuzz::note); },
                               {"none\n  g1: len c0 = 1; end\n  g2: end\n  main: end"});
}
// Three Dones after Add(2): whichever runs last takes the counter below zero
// and panics, so no two of them commute, though the counter the first met
// covers any two (written by hand from the fix: a Done that went below zero
// is ordered against every other Done).
template <chancheck::Sync S, class Note>
void three_dones_after_add_two(Note note) {
    struct objects {
        chancheck::wait_group<S> wg0;
    };
    auto o = std::make_shared<objects>();
    o->wg0.add(2);
    for (const char* name : {"g1", "g2", "g3"}) {
        chancheck::go<S>(name, [o, note, name] {
            const std::string self = name;
            try {
                o->wg0.done();
            } catch (const std::exception& e) {
                note(self, std::string("recovered: ") + e.what());
            }
            note(self, "end");
        });
    }
    note("main", "end");
}

TEST(ReductionRegressions, ThreeDonesAfterAddTwo) {
    const std::string recovered = "recovered: sync: negative WaitGroup counter; end";
    expect_every_search_agrees(
        [] { three_dones_after_add_two<S>(&fuzz::note); },
        {"none\n  g1: " + recovered + "\n  g2: end\n  g3: end\n  main: end",
         "none\n  g1: end\n  g2: " + recovered + "\n  g3: end\n  main: end",
         "none\n  g1: end\n  g2: end\n  g3: " + recovered + "\n  main: end"});
}

// A Done spawned before the Add, and two after it: the reduced search ran
// the early Done before the Add (it panics) and after it, but never last.
template <chancheck::Sync S, class Note>
void dones_around_the_add(Note note) {
    struct objects {
        chancheck::wait_group<S> wg0;
    };
    auto o = std::make_shared<objects>();
    const std::string self = "main";
    chancheck::go<S>("g2", [o, note] {
        const std::string self = "g2";
        try {
            o->wg0.done();
        } catch (const std::exception& e) {
            note(self, std::string("recovered: ") + e.what());
        }
        note(self, "end");
    });
    o->wg0.add(2);
    chancheck::go<S>("g1", [o, note] {
        const std::string self = "g1";
        try {
            o->wg0.done();
        } catch (const std::exception& e) {
            note(self, std::string("recovered: ") + e.what());
        }
        note(self, "end");
    });
    chancheck::go<S>("g3", [o, note] {
        const std::string self = "g3";
        try {
            o->wg0.done();
        } catch (const std::exception& e) {
            note(self, std::string("recovered: ") + e.what());
        }
        note(self, "end");
    });
    note(self, "end");
}

TEST(ReductionRegressions, DonesAroundTheAdd) {
    expect_every_search_agrees(
        [] { dones_around_the_add<S>(&fuzz::note); },
        {"none\n  g1: end\n  g2: recovered: sync: negative WaitGroup counter; end\n  g3: end\n  main: end"});
}

// Three Dones after two Adds, two of them in one goroutine: the search ran
// g2's pair first and g3's Done last (it panics), but never g3's between
// them, where g2's second Done is the one below zero; the Dones commute by
// the counter they met, yet one that went below zero could have been any.
template <chancheck::Sync S, class Note>
void the_last_of_three_dones(Note note) {
    struct objects {
        chancheck::wait_group<S> wg0;
    };
    auto o = std::make_shared<objects>();
    const std::string self = "main";
    o->wg0.add(1);
    o->wg0.add(1);
    chancheck::go<S>("g3", [o, note] {
        const std::string self = "g3";
        try {
            o->wg0.done();
        } catch (const std::exception& e) {
            note(self, std::string("recovered: ") + e.what());
        }
        note(self, "end");
    });
    chancheck::go<S>("g1", [o, note] {
        const std::string self = "g1";
        chancheck::go<S>("g2", [o, note] {
            const std::string self = "g2";
            try {
                o->wg0.done();
                o->wg0.done();
            } catch (const std::exception& e) {
                note(self, std::string("recovered: ") + e.what());
            }
            note(self, "end");
        });
        note(self, "end");
    });
    o->wg0.wait();
    note(self, "end");
}

TEST(ReductionRegressions, TheLastOfThreeDones) {
    expect_every_search_agrees(
        [] { the_last_of_three_dones<S>(&fuzz::note); },
        {"deadlock\n  g1: end\n  g2: end\n  g3: recovered: sync: negative WaitGroup counter; end\n  main: [blocked: "
         "wait on WaitGroup]",
         "none\n  g1: end\n  g2: end\n  g3: recovered: sync: negative WaitGroup counter; end\n  main: end"});
}

// On the virtual clock (--time synctest) both take the default, and one is
// left sending to main for ever once the timers have fired. The search put
// the clock's step in the past of every goroutine, the blocked sender's
// arrival too, and so never tried it as main's partner.
template <chancheck::Sync S, class Note>
void a_sender_waiting_through_the_clock(Note note) {
    struct objects {
        chancheck::chan<int, S> c0 = chancheck::make_chan<int, S>(0, "c0");
    };
    auto o = std::make_shared<objects>();
    const std::string self = "main";
    chancheck::go_interchangeable<S>("g1", 2, [o, note](chancheck::identity me) {
        const std::string self = "g1 " + me.text();
        chancheck::select<S>(
            chancheck::on_recv(chancheck::after<S>(std::chrono::milliseconds(1)), [&] {
                note(self, "select 0: timer");
            }),
            chancheck::on_default([&] {
                note(self, "select: default");
            })
        );
        o->c0.send(1);
        note(self, "end");
    });
    {
        auto [v, ok] = o->c0.recv();
        note(self, "<-c0 = " + std::to_string(v) + (ok ? "" : ", closed"));
    }
    note(self, "end");
}

TEST(ReductionRegressions, ASenderWaitingThroughTheClock) {
    expect_every_search_agrees(
        [] { a_sender_waiting_through_the_clock<S>(&fuzz::note); },
        {"leak\n  g1 0: select: default [blocked: send to c0]\n  g1 1: select: default; end\n  main: <-c0 = 1; end"},
        chancheck::explore_detail::time_mode::synctest);
}

// Main waits to send while g3 fills the buffer: the race that disabled main's
// send is with a step taken before main arrived at it, which the search
// looked for only among the steps taken while it waited.
template <chancheck::Sync S, class Note>
void a_send_disabled_before_it_arrived(Note note) {
    struct objects {
        chancheck::chan<int, S> c0 = chancheck::make_chan<int, S>(1, "c0");
        chancheck::rw_mutex<S> rw0;
    };
    auto o = std::make_shared<objects>();
    const std::string self = "main";
    chancheck::go<S>("g3", [o, note] {
        const std::string self = "g3";
        o->rw0.rlock();
        o->c0.send(1);
        note(self, "end");
    });
    o->c0.send(3);
    chancheck::go<S>("g1", [o, note] {
        const std::string self = "g1";
        chancheck::select<S>(
            chancheck::on_recv(o->c0, [&](int v, bool ok) {
                note(self, "select 0: <-c0 = " + std::to_string(v) + (ok ? "" : ", closed"));
            })
        );
        note(self, "end");
    });
    note(self, "end");
}

TEST(ReductionRegressions, ASendDisabledBeforeItArrived) {
    expect_every_search_agrees([] { a_send_disabled_before_it_arrived<S>(&fuzz::note); },
                               {"deadlock\n  g3: end\n  main: [blocked: send to c0]"});
}

}  // namespace
