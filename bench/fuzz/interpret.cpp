// The fuzz program interpreter: each statement is the chancheck API call
// emit.cpp writes for it, on the explore backend, and notes what the Go
// program would print. A select with any number of cases goes through the
// backend's select directly, as chancheck::select does.
#include "interpret.hpp"

#include <chancheck/chancheck.hpp>
#include <chancheck/explore/explore.hpp>

#include <chrono>
#include <memory>
#include <stdexcept>

namespace fuzz {

namespace {

using S = chancheck::explore;

thread_local std::vector<observation> notes;

// The objects of one execution, created by main in the order emit.cpp
// declares them (ids follow creation order).
struct world {
    explicit world(const program& p) {
        for (std::size_t c = 0; c < p.chans.size(); ++c)
            chans.push_back(p.chans[c] < 0 ? chancheck::chan<int, S>()
                                           : chancheck::make_chan<int, S>(p.chans[c], "c" + std::to_string(c)));
        for (int k = 0; k < p.mutexes; ++k) mutexes.push_back(std::make_unique<chancheck::mutex<S>>());
        for (int k = 0; k < p.rw_mutexes; ++k) rw_mutexes.push_back(std::make_unique<chancheck::rw_mutex<S>>());
        for (int k = 0; k < p.wait_groups; ++k) wait_groups.push_back(std::make_unique<chancheck::wait_group<S>>());
        for (int k = 0; k < p.conds; ++k) {
            cond_parts c;
            c.mutex = std::make_unique<chancheck::mutex<S>>();
            c.cond = std::make_unique<chancheck::cond<S>>(*c.mutex);
            c.flag = std::make_unique<chancheck::shared<int, S>>();
            conds.push_back(std::move(c));
        }
        for (int k = 0; k < p.shareds; ++k) shareds.push_back(std::make_unique<chancheck::shared<int, S>>());
    }
    struct cond_parts {
        std::unique_ptr<chancheck::mutex<S>> mutex;
        std::unique_ptr<chancheck::cond<S>> cond;
        std::unique_ptr<chancheck::shared<int, S>> flag;
    };
    std::vector<chancheck::chan<int, S>> chans;
    std::vector<std::unique_ptr<chancheck::mutex<S>>> mutexes;
    std::vector<std::unique_ptr<chancheck::rw_mutex<S>>> rw_mutexes;
    std::vector<std::unique_ptr<chancheck::wait_group<S>>> wait_groups;
    std::vector<cond_parts> conds;
    std::vector<std::unique_ptr<chancheck::shared<int, S>>> shareds;
};

std::string received(int v, bool ok) { return std::to_string(v) + (ok ? "" : ", closed"); }

class runner {
public:
    runner(const program& p, std::shared_ptr<world> w, std::string self) : p_(p), w_(std::move(w)), self_(std::move(self)) {}

    void run_goroutine(const goroutine& g) {
        if (!g.recover) {
            run(g.body);
        } else {
            try {
                run(g.body);
            } catch (const std::exception& e) {
                note(std::string("recovered: ") + e.what());
            }
        }
        note("end");
    }

private:
    void note(std::string what) { fuzz::note(self_, what); }
    void run(const std::vector<stmt>& body) {
        for (const stmt& s : body) step(s);
    }
    chancheck::chan<int, S>& chan(int c) { return w_->chans[static_cast<std::size_t>(c)]; }
    std::string chan_name(int c) const { return "c" + std::to_string(c); }

    void step(const stmt& s) {
        const auto a = static_cast<std::size_t>(s.a);
        switch (s.kind) {
            case op::send: chan(s.a).send(s.value); break;
            case op::recv: {
                auto [v, ok] = chan(s.a).recv();
                note("<-" + chan_name(s.a) + " = " + received(v, ok));
                break;
            }
            case op::close: chan(s.a).close(); break;
            case op::select: select(s); break;
            case op::len: note("len " + chan_name(s.a) + " = " + std::to_string(chan(s.a).len())); break;
            case op::cap: note("cap " + chan_name(s.a) + " = " + std::to_string(chan(s.a).cap())); break;
            case op::range:
                for (int v : chan(s.a)) {
                    note("range " + chan_name(s.a) + " = " + std::to_string(v));
                    run(s.body);
                }
                break;
            case op::go: go(s); break;
            case op::lock: w_->mutexes[a]->lock(); break;
            case op::unlock: w_->mutexes[a]->unlock(); break;
            case op::rlock: w_->rw_mutexes[a]->rlock(); break;
            case op::runlock: w_->rw_mutexes[a]->runlock(); break;
            case op::wlock: w_->rw_mutexes[a]->lock(); break;
            case op::wunlock: w_->rw_mutexes[a]->unlock(); break;
            case op::wg_add: w_->wait_groups[a]->add(s.value); break;
            case op::wg_done: w_->wait_groups[a]->done(); break;
            case op::wg_wait: w_->wait_groups[a]->wait(); break;
            case op::cond_wait: {
                auto& k = w_->conds[a];
                k.mutex->lock();
                while (k.flag->read() == 0) k.cond->wait();
                k.mutex->unlock();
                break;
            }
            case op::cond_signal:
            case op::cond_broadcast: {
                auto& k = w_->conds[a];
                k.mutex->lock();
                k.flag->write() = 1;
                if (s.kind == op::cond_signal) k.cond->signal();
                else k.cond->broadcast();
                k.mutex->unlock();
                break;
            }
            case op::read: note("s" + std::to_string(s.a) + " = " + std::to_string(w_->shareds[a]->read())); break;
            case op::write: w_->shareds[a]->write() = s.value; break;
            case op::print: note("print " + std::to_string(s.value)); break;
            case op::panic: throw std::runtime_error("boom");
            case op::sleep: chancheck::sleep<S>(std::chrono::milliseconds(s.value)); break;
            case op::after: chancheck::after<S>(std::chrono::milliseconds(s.value)).recv(); break;
            case op::loop:
                for (int i = 0; i < s.value; ++i) run(s.body);
                break;
        }
    }

    void select(const stmt& s) {
        const std::size_t n = s.arms.size();
        std::vector<chancheck::select_case<S::channel_base>> cases(n);
        std::vector<int> slots(n);
        std::vector<chancheck::time_point> ticks(n);
        std::vector<chancheck::chan<chancheck::time_point, S>> timers;
        for (std::size_t k = 0; k < n; ++k) {
            const arm& x = s.arms[k];
            if (x.timer) {
                timers.push_back(chancheck::after<S>(std::chrono::milliseconds(x.value)));
                cases[k] = {timers.back().impl(), false, &ticks[k], false};
            } else {
                slots[k] = x.value;
                cases[k] = {chan(x.chan).impl(), x.send, &slots[k], false};
            }
        }
        const int fired = S::select(cases, s.has_default, std::source_location::current());
        if (fired < 0) {
            note("select: default");
            run(s.otherwise);
            return;
        }
        const auto k = static_cast<std::size_t>(fired);
        const arm& x = s.arms[k];
        const std::string which = "select " + std::to_string(k) + ": ";
        if (x.timer) note(which + "timer");
        else if (x.send) note(which + chan_name(x.chan) + " <- " + std::to_string(x.value));
        else note(which + "<-" + chan_name(x.chan) + " = " + received(slots[k], cases[k].ok));
        run(x.body);
    }

    void go(const stmt& s) {
        const program* p = &p_;
        const int child = s.a;
        const std::string& name = p_.g[static_cast<std::size_t>(child)].name;
        if (s.value <= 1) {
            chancheck::go<S>(name, [p, w = w_, child, name] {
                runner(*p, w, name).run_goroutine(p->g[static_cast<std::size_t>(child)]);
            });
        } else {
            chancheck::go_interchangeable<S>(name, s.value, [p, w = w_, child, name](chancheck::identity me) {
                runner(*p, w, name + " " + me.text()).run_goroutine(p->g[static_cast<std::size_t>(child)]);
            });
        }
    }

    const program& p_;
    std::shared_ptr<world> w_;
    std::string self_;
};

}  // namespace

const std::vector<observation>& observations() { return notes; }
void note(const std::string& goroutine, const std::string& what) { notes.push_back({goroutine, what}); }
void clear_observations() { notes.clear(); }

void interpret(const program& p) {
    runner(p, std::make_shared<world>(p), "main").run_goroutine(p.g[0]);
}

}  // namespace fuzz
