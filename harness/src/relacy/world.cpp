// Goroutines as Relacy threads, futex sleeps, and the end of a program.
#include "world.hpp"

#include <chancheck/panic.hpp>
#include <chancheck/relacy/relacy.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>

namespace chancheck::relacy_detail {

namespace {

struct spawn_args {
    std::string name;
    std::function<void()> fn;
    bool daemon;
};

void copy_text(char* dst, std::size_t n, const char* src) {
    std::snprintf(dst, n, "%s", src);
}

void* trampoline(void* arg) {
    world::trampoline_body(arg);
    return nullptr;
}

}  // namespace

void world::begin_iteration(locked::goroutine<relacy_platform>* records, std::size_t capacity,
                            atomic<std::uint32_t>& main_word) {
    records_ = records;
    capacity_ = std::min(capacity, max_goroutines);
    main_word_ = &main_word;
    for (auto& s : slots_) s = slot{};
    copy_text(slots_[0].name, sizeof slots_[0].name, "main");
    slots_[0].started = true;
    spawned_ = 0;
    channels_made_ = 0;
    unstarted_ = 0;
    main_done_ = main_waiting_ = ended_ = false;
    failure_ = failure_record{};
    label_count_ = 0;
    // Each iteration's select orders come from rl::rand; this only keeps
    // the records' own generators deterministic.
    for (std::size_t i = 0; i < capacity_; ++i) records_[i].seed(i + 1);
}

world::slot& world::me() { return slots_[rl::thread_index()]; }

locked::goroutine<relacy_platform>& world::current() { return records_[rl::thread_index()]; }

void world::fail(failure_kind kind, const std::string& message, const char* file, unsigned line) {
    failure_.kind = kind;
    copy_text(failure_.goroutine, sizeof failure_.goroutine, me().name);
    copy_text(failure_.message, sizeof failure_.message, message.c_str());
    failure_.file = file;
    failure_.line = line;
    rl::ctx().fail_test(failure_.message, rl::test_result_user_assert_failed, rl::debug_info("", file, line));
    std::abort();  // fail_test never returns to a failed thread
}

namespace {

// What escaped a goroutine: Go would crash the whole program here.
template <class Body>
void guarded(Body&& body) {
    try {
        body();
    } catch (const goroutine_exit&) {
    } catch (const panic& p) {
        world::fail(failure_kind::panic, std::string("panic: ") + p.what(), "", 0);
    } catch (const std::exception& e) {
        world::fail(failure_kind::panic, std::string("exception: ") + e.what(), "", 0);
    }
}

}  // namespace

void world::run_main() {
    guarded([] { (*program_)(); });
    main_done_ = true;
    end_program();
}

void world::spawn(std::string name, std::function<void()> fn, bool daemon) {
    if (spawned_ + 1 >= capacity_)
        fail(failure_kind::capacity,
             "the program starts more than " + std::to_string(capacity_ - 1) +
                 " goroutines besides main (this build of the relacy backend has room for that many)",
             "", 0);
    ++spawned_;
    ++unstarted_;
    auto* args = new spawn_args{std::move(name), std::move(fn), daemon};
    rl::dyn_thread t;
    t.start(&trampoline, args);
}

void world::trampoline_body(void* arg) {
    slot& s = me();
    {
        auto* args = static_cast<spawn_args*>(arg);
        copy_text(s.name, sizeof s.name, args->name.c_str());
        s.daemon = args->daemon;
        s.started = true;
        --unstarted_;
        std::function<void()> fn = std::move(args->fn);
        delete args;
        guarded(fn);
    }  // the goroutine's captures are released before it counts as finished
    s.finished = true;
    note_quiet_maybe();
}

bool world::quiescent() {
    if (unstarted_ > 0) return false;
    for (std::size_t i = 1; i < capacity_; ++i) {
        const slot& s = slots_[i];
        if (s.started && !s.finished && !s.sleeping_on) return false;
    }
    return true;
}

// Called by a goroutine about to sleep or finish: main may be waiting for
// exactly that.
void world::note_quiet_maybe() {
    if (!main_waiting_ || !quiescent()) return;
    main_waiting_ = false;
    main_word_->raw().wake(rl::ctx(), 1, here());
}

void world::end_program() {
    rl::context& c = rl::ctx();
    for (;;) {
        rl::preemption_disabler pd(c);
        if (quiescent()) break;
        main_waiting_ = true;
        main_word_->raw().wait(c, false, false, here());
    }
    std::string leaked;
    for (std::size_t i = 1; i < capacity_; ++i) {
        const slot& s = slots_[i];
        if (s.started && !s.finished && !s.daemon) leaked += (leaked.empty() ? "" : ", ") + std::string(s.name);
    }
    if (!leaked.empty())
        fail(failure_kind::leak, "main returned while these goroutines were blocked for ever: " + leaked, "", 0);
    ended_ = true;
    rl::preemption_disabler pd(c);
    for (std::size_t i = 1; i < capacity_; ++i) {
        slot& s = slots_[i];
        if (!s.sleeping_on) continue;
        auto* word = const_cast<rl::atomic<std::uint32_t>*>(static_cast<const rl::atomic<std::uint32_t>*>(s.sleeping_on));
        s.sleeping_on = nullptr;
        word->wake(c, 1, here());
    }
}

void world::sleep_on(atomic<std::uint32_t>& word, std::uint32_t expected) {
    rl::context& c = rl::ctx();
    c.sched();
    {
        rl::preemption_disabler pd(c);
        // The kernel compares with the word's current value; a read-modify-
        // write is what reads the latest value in Relacy's model too (a
        // load may see an older one, and then a wake-up would be lost that
        // a real futex never loses).
        if (!ended_ && word.raw().fetch_add(0, rl::mo_acquire, here()) == expected) {
            slot& s = me();
            s.sleeping_on = &word.raw();
            note_quiet_maybe();
            word.raw().wait(c, false, false, here());
            s.sleeping_on = nullptr;
        }
    }
    if (ended_) throw goroutine_exit{};
}

void world::wake_all(atomic<std::uint32_t>& word) {
    rl::context& c = rl::ctx();
    c.sched();
    rl::preemption_disabler pd(c);
    unsigned sleepers = 0;
    for (std::size_t i = 0; i < capacity_; ++i)
        if (slots_[i].sleeping_on == &word.raw()) {
            slots_[i].sleeping_on = nullptr;
            ++sleepers;
        }
    if (sleepers) word.raw().wake(c, sleepers, here());
}

std::vector<blocked_record> world::blocked() {
    std::vector<blocked_record> out;
    if (!records_) return out;
    for (std::size_t i = 0; i < capacity_; ++i) {
        const slot& s = slots_[i];
        if (!s.started || s.finished) continue;
        const locked::goroutine_status st = records_[i].status();
        if (!st.blocked) continue;
        std::string what = op_name(st.op);
        if (st.object) what += std::string(st.op == op_kind::send ? " to " : st.op == op_kind::recv ? " from " : " on ") + *st.object;
        out.push_back({s.name, what, st.file ? st.file : "", st.line});
    }
    return out;
}

void world::label(const void* object, std::size_t size, const std::string& name) {
    if (label_count_ == max_labels) return;  // later objects keep their addresses
    label_slot& l = labels_[label_count_++];
    l.object = object;
    l.size = size;
    copy_text(l.name, sizeof l.name, name.c_str());
}

std::vector<world::object_label> world::labels() {
    std::vector<object_label> out;
    for (std::size_t i = 0; i < capacity_ && records_; ++i)
        out.push_back({reinterpret_cast<std::uintptr_t>(&records_[i]), sizeof records_[i],
                       std::string("goroutine ") + slots_[i].name});
    // Newest first: an address reused after a free names its latest owner.
    for (std::size_t i = label_count_; i-- > 0;)
        out.push_back({reinterpret_cast<std::uintptr_t>(labels_[i].object), labels_[i].size, labels_[i].name});
    return out;
}

std::vector<std::string> world::names() {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < capacity_; ++i) out.emplace_back(slots_[i].name);
    return out;
}

}  // namespace chancheck::relacy_detail

// --- the platform and the backend, over the world ---------------------------

namespace chancheck {

using relacy_detail::world;

void relacy_detail::rl_futex::wait(atomic<std::uint32_t>& word, std::uint32_t expected) {
    world::sleep_on(word, expected);
}
void relacy_detail::rl_futex::wake_one(atomic<std::uint32_t>& word) { world::wake_all(word); }

locked::goroutine<relacy_platform>& relacy_platform::current() { return world::current(); }
std::uint64_t relacy_platform::next_channel_order() { return world::next_channel_order(); }

void relacy_platform::block_forever(op_kind op, const std::source_location& loc) {
    auto& g = current();
    g.blocking(op, nullptr, loc);
    relacy_detail::atomic<std::uint32_t> never{0};
    for (;;) world::sleep_on(never, 0);
}

void relacy::note(const char* op, const std::string& object, const std::string& value,
                  const std::source_location& loc) {
    std::string msg = std::string("[") + op + "] " + object;
    if (!value.empty()) msg += ": " + value;
    rl::ctx().exec_log_msg(rl::debug_info("", loc.file_name(), loc.line()), msg.c_str());
}

void relacy::label(const void* object, std::size_t size, const std::string& name) {
    world::label(object, size, name);
}

void relacy::go(std::string name, std::function<void()> fn, go_options options, const std::source_location&) {
    world::spawn(std::move(name), std::move(fn), options.daemon);
}

void relacy::start_timer(std::chrono::nanoseconds d, std::shared_ptr<channel<time_point>> ch,
                         const std::source_location&) {
    // Fires at whatever point Relacy schedules it: every timing is explored.
    world::spawn("timer", [ch = std::move(ch), d] {
        time_point t = time_point{} + std::chrono::duration_cast<time_point::duration>(d);
        ch->offer(t);
    }, true);
}

void relacy::sleep(std::chrono::nanoseconds, const std::source_location& loc) {
    rl::yield(1, rl::debug_info(loc.function_name(), loc.file_name(), loc.line()));
}

void relacy::violation(std::string_view property, std::string message, const std::source_location& loc) {
    world::fail(relacy_detail::failure_kind::assertion, std::string(property) + ": " + message, loc.file_name(),
                loc.line());
}

}  // namespace chancheck
