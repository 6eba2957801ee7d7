// Starting goroutines on std::threads, and run(): waiting for a program,
// collecting what escaped its goroutines, and noticing when it stalls.
#include "goroutines.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <sstream>
#include <thread>

namespace chancheck::threads_detail {

namespace {

struct record_pool {
    std::mutex m;
    std::vector<record*> free;
};

record_pool& pool() {
    static auto* p = new record_pool;  // never destroyed: detached threads may outlive main()
    return *p;
}

thread_local std::shared_ptr<scope> current_scope;

// The record of a thread that go() did not start, returned to the pool when
// the thread exits.
struct adopted {
    record* r = nullptr;
    ~adopted() {
        if (r) {
            threads_platform::current_ = nullptr;
            release_record(r);
        }
    }
};
thread_local adopted adopted_record;

void record_failure(record& r, std::string what, bool is_panic) {
    scope& s = *r.owner;
    std::lock_guard lock(s.m);
    // Go's program dies with its first panic; what others raise on the way
    // down (they may still be between two operations) is not its result.
    if (s.ended.load(std::memory_order_relaxed)) return;
    s.failures.emplace_back(r.name, std::move(what), is_panic);
    if (s.abort_on_failure) {
        std::fprintf(stderr, "%s\n", s.failures.back().what());
        std::abort();
    }
    s.ended.store(true, std::memory_order_relaxed);
    s.cv.notify_all();
}

void finish(record& r) {
    scope& s = *r.owner;
    {
        std::lock_guard lock(s.m);
        s.members.erase(std::find(s.members.begin(), s.members.end(), &r));
        s.finished_ops += r.ops();
        if (!r.daemon) --s.live;
        s.cv.notify_all();
    }
    threads_platform::current_ = nullptr;
    threads_platform::run_ended_ = nullptr;
    current_scope.reset();
    r.owner.reset();
    release_record(&r);
}

void body(record* r, const std::function<void()>& fn) {
    threads_platform::current_ = r;
    threads_platform::run_ended_ = &r->owner->ended;
    current_scope = r->owner;
    try {
        fn();
    } catch (const goroutine_stopped&) {
        // Its program ended with another goroutine's failure.
    } catch (const panic& p) {
        record_failure(*r, p.what(), true);
    } catch (const std::exception& e) {
        record_failure(*r, e.what(), false);
    } catch (...) {
        record_failure(*r, "unknown exception", false);
    }
    finish(*r);
}

record* spawn(std::shared_ptr<scope> s, std::string name, std::function<void()> fn, bool daemon) {
    record* r = acquire_record();
    r->name = std::move(name);
    r->daemon = daemon;
    r->owner = s;
    {
        std::lock_guard lock(s->m);
        r->seed(s->seed * 0x9E3779B97F4A7C15ull + ++s->spawned);
        s->members.push_back(r);
        if (!daemon) ++s->live;
    }
    try {
        std::thread(body, r, std::move(fn)).detach();
    } catch (...) {
        finish(*r);
        throw;
    }
    return r;
}

std::string where(const locked::goroutine_status& st) {
    std::ostringstream o;
    o << op_name(st.op);
    if (st.object) o << (st.op == op_kind::send ? " to " : st.op == op_kind::recv ? " from " : " on ") << *st.object;
    o << " at " << st.file << ":" << st.line;
    return o.str();
}

}  // namespace

std::atomic<std::uint64_t> timer_fires{0};

std::shared_ptr<scope> global_scope() {
    static auto* s = new std::shared_ptr<scope>([] {
        auto g = std::make_shared<scope>();
        g->abort_on_failure = true;
        return g;
    }());
    return *s;
}

record* acquire_record() {
    record_pool& p = pool();
    {
        std::lock_guard lock(p.m);
        if (!p.free.empty()) {
            record* r = p.free.back();
            p.free.pop_back();
            return r;
        }
    }
    return new record;
}

void release_record(record* r) {
    record_pool& p = pool();
    std::lock_guard lock(p.m);
    p.free.push_back(r);
}

}  // namespace chancheck::threads_detail

namespace chancheck {

using namespace threads_detail;

locked::goroutine<threads_platform>& threads_platform::adopt_current_thread() {
    record* r = acquire_record();
    r->name = "thread";
    r->owner = global_scope();
    adopted_record.r = r;
    current_ = r;
    return *r;
}

void threads_platform::block_forever(op_kind op, const std::source_location& loc) {
    auto& g = current();
    g.blocking(op, nullptr, loc);
    for (;;) std::this_thread::sleep_for(std::chrono::hours(24));
}

void threads_platform::stop_current() { throw goroutine_stopped{}; }

void threads::sleep(std::chrono::nanoseconds d, const std::source_location& loc) {
    auto& g = static_cast<record&>(platform::current());
    g.blocking(op_kind::sleep, nullptr, loc);
    scope& s = *g.owner;
    if (s.abort_on_failure) {
        std::this_thread::sleep_for(d);
    } else {
        // A sleeper of a run that fails stops now, not when it wakes.
        std::unique_lock lock(s.m);
        s.cv.wait_for(lock, d, [&] { return s.ended.load(std::memory_order_relaxed); });
    }
    g.unblocked();
    platform::stop_if_run_ended();
}

void threads::violation(std::string_view property, std::string message, const std::source_location& loc) {
    auto& g = static_cast<record&>(platform::current());
    scope& s = *g.owner;
    std::lock_guard lock(s.m);
    s.violations.push_back({g.name, std::string(property), std::move(message),
                            std::string(loc.file_name()) + ":" + std::to_string(loc.line())});
    if (s.abort_on_failure) {
        const auto& v = s.violations.back();
        std::fprintf(stderr, "goroutine \"%s\": property %s violated at %s: %s\n", v.goroutine.c_str(),
                     v.property.c_str(), v.where.c_str(), v.message.c_str());
        std::abort();
    }
}

void threads::go(std::string name, std::function<void()> fn, go_options options, const std::source_location&) {
    platform::stop_if_run_ended();
    std::shared_ptr<scope> s = current_scope ? current_scope : global_scope();
    spawn(std::move(s), std::move(name), std::move(fn), options.daemon);
}

threads::run_result threads::run(std::function<void()> main, run_options options) {
    auto s = std::make_shared<scope>();
    s->seed = options.seed;
    spawn(s, "main", std::move(main), false);

    run_result result;
    std::uint64_t last_progress = ~std::uint64_t{0};
    auto last_change = std::chrono::steady_clock::now();
    std::unique_lock lock(s->m);
    for (;;) {
        if (!s->failures.empty()) {
            result.how = run_result::outcome::failed;
            break;
        }
        if (s->live == 0) {
            result.how = run_result::outcome::completed;
            break;
        }
        std::uint64_t progress = s->finished_ops + timer_fires.load(std::memory_order_relaxed);
        for (record* r : s->members) progress += r->ops();
        auto now = std::chrono::steady_clock::now();
        if (progress != last_progress) {
            last_progress = progress;
            last_change = now;
        } else if (options.stall_after.count() > 0 && now - last_change >= options.stall_after) {
            result.how = run_result::outcome::stalled;
            break;
        }
        s->cv.wait_for(lock, std::chrono::milliseconds(20));
    }
    // Taken, not copied: a copied exception shares its message's reference-
    // counted buffer with the original, and the scope (with the original) is
    // often destroyed by a goroutine's thread after run() has returned; the
    // count lives in uninstrumented libstdc++, so ThreadSanitizer sees that
    // free race with the caller's reads of what().
    result.failures.swap(s->failures);
    result.violations = s->violations;
    for (record* r : s->members) {
        locked::goroutine_status st = r->status();
        result.alive.push_back({r->name, r->daemon, false, st.blocked, st.blocked ? where(st) : std::string{}});
    }
    return result;
}

std::string threads::run_result::describe() const {
    std::ostringstream o;
    switch (how) {
        case outcome::completed:
            o << (violations.empty() ? "completed\n" : "completed, with properties violated\n");
            break;
        case outcome::failed: o << "failed: an exception escaped a goroutine\n"; break;
        case outcome::stalled: o << "stalled: no goroutine completed an operation for the stall limit\n"; break;
    }
    for (const auto& f : failures) o << "  " << f.what() << "\n";
    for (const auto& v : violations)
        o << "  goroutine \"" << v.goroutine << "\": property " << v.property << " violated at " << v.where << ": "
          << v.message << "\n";
    for (const auto& g : alive)
        o << "  goroutine \"" << g.name << "\"" << (g.daemon ? " (daemon)" : "") << ": "
          << (g.blocked ? "blocked: " + g.waiting_on : std::string("running")) << "\n";
    return o.str();
}

}  // namespace chancheck
