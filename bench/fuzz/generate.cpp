// Random programs for the fuzzer. A program is built from a handful of
// snippets, each a small Go idiom spread over goroutines (a message sent
// and received, a critical section, a WaitGroup round, a Cond handshake, a
// select with the operations that can make its cases ready, ...). Snippets
// are mostly well formed (unlocks follow locks, receives meet sends) and
// sometimes not (a missing unlock, a double close, a lone send), so most
// executions get far enough for the interleavings to matter, and misuse is
// still reached.
#include "program.hpp"

#include <algorithm>
#include <functional>
#include <random>

namespace fuzz {

namespace {

class rng {
public:
    explicit rng(std::uint64_t seed) : g_(seed) {}
    // A number in [0, n): plain modulo, the same on every platform.
    int below(int n) { return n <= 1 ? 0 : static_cast<int>(g_() % static_cast<std::uint64_t>(n)); }
    bool chance(int percent) { return below(100) < percent; }

private:
    std::mt19937_64 g_;
};

stmt make(op k, int a = 0, int value = 0) {
    stmt s;
    s.kind = k;
    s.a = a;
    s.value = value;
    return s;
}

class generator {
public:
    generator(std::uint64_t seed, const generate_options& o) : r_(seed), o_(o) {}

    program run() {
        const int chans = 1 + r_.below(3);
        for (int c = 0; c < chans; ++c) {
            const int roll = r_.below(100);
            p_.chans.push_back(roll < 50 ? 0 : roll < 80 ? 1 : 2);
            if (allowed("nil") && chans > 1 && r_.chance(7)) p_.chans.back() = -1;
        }
        spawn_tree();
        const int snippets = 2 + r_.below(4);
        for (int k = 0; k < snippets; ++k) snippet();
        for (auto& g : p_.g) g.recover = r_.chance(70);
        int timed = 0;
        for (auto& g : p_.g) assign_durations(g.body, timed);
        return std::move(p_);
    }

private:
    bool allowed(const char* feature) const { return !o_.without.contains(feature); }

    // Sleeps and timers last 1, 2, 3, 1, ... ms in the order they appear:
    // what orders them on the virtual clock (--time synctest). Drawn from no
    // random number, so a seed gives the program it gave before durations
    // mattered.
    static void assign_durations(std::vector<stmt>& body, int& timed) {
        for (stmt& s : body) {
            if (s.kind == op::sleep || s.kind == op::after) s.value = 1 + timed++ % 3;
            for (arm& a : s.arms) {
                if (a.timer) a.value = 1 + timed++ % 3;
                assign_durations(a.body, timed);
            }
            assign_durations(s.body, timed);
            assign_durations(s.otherwise, timed);
        }
    }

    // main and 2..max goroutines, some started by others, one possibly a
    // group of interchangeable copies (which starts nobody: its copies
    // would start copies of their own).
    void spawn_tree() {
        const int n = 2 + r_.below(std::max(1, o_.max_goroutines - 1));
        p_.g.push_back({"main", {}, false});
        const int group = allowed("group") && r_.chance(20) ? 1 + r_.below(n) : -1;
        for (int i = 1; i <= n; ++i) {
            p_.g.push_back({"g" + std::to_string(i), {}, false});
            members_.resize(static_cast<std::size_t>(i) + 1, 1);
            if (i == group) members_[static_cast<std::size_t>(i)] = 2;
            int parent = 0;
            if (allowed("nested") && i >= 2 && r_.chance(30)) {
                const int q = 1 + r_.below(i - 1);
                if (members_[static_cast<std::size_t>(q)] == 1) parent = q;
            }
            stmt s = make(op::go, i, members_[static_cast<std::size_t>(i)]);
            auto& body = p_.g[static_cast<std::size_t>(parent)].body;
            const int at = r_.chance(60) ? 0 : r_.below(static_cast<int>(body.size()) + 1);
            body.insert(body.begin() + at, s);
        }
        members_.resize(p_.g.size(), 1);
    }

    int goroutines() const { return static_cast<int>(p_.g.size()); }
    int any_goroutine() { return r_.below(goroutines()); }
    int other_than(int g) {
        int x = r_.below(goroutines() - 1);
        return x >= g ? x + 1 : x;
    }
    int any_chan() { return r_.below(static_cast<int>(p_.chans.size())); }
    int new_value() { return ++values_; }

    void insert(int g, std::vector<stmt> block, bool at_end = false) {
        auto& body = p_.g[static_cast<std::size_t>(g)].body;
        const int at = at_end ? static_cast<int>(body.size()) : r_.below(static_cast<int>(body.size()) + 1);
        body.insert(body.begin() + at, block.begin(), block.end());
    }
    void insert(int g, stmt s, bool at_end = false) { insert(g, std::vector<stmt>{std::move(s)}, at_end); }

    static int use(int& count, rng& r) {
        if (count == 0 || (count < 2 && r.chance(25))) return count++;
        return r.below(count);
    }
    int shared() { return use(p_.shareds, r_); }

    // A statement that touches a channel: what a select case or a default
    // runs, or the other side of a case.
    stmt chan_op(int c) { return r_.chance(50) ? make(op::send, c, new_value()) : make(op::recv, c); }

    void message() {
        const int c = any_chan();
        const int from = any_goroutine(), to = other_than(from);
        const int v = new_value();
        const bool twice = allowed("loop") && r_.chance(25);
        auto wrap = [&](stmt s) {
            if (!twice) return s;
            stmt l = make(op::loop, 0, 2);
            l.body.push_back(std::move(s));
            return l;
        };
        const int roll = r_.below(100);
        if (roll >= 5) insert(from, wrap(make(op::send, c, v)));
        if (roll < 5 || roll >= 10) insert(to, wrap(make(op::recv, c)));
    }

    void close() {
        const int c = any_chan();
        int closer = -1;
        for (int g = 0; g < goroutines() && closer < 0; ++g)
            for (const stmt& s : p_.g[static_cast<std::size_t>(g)].body)
                if (s.kind == op::send && s.a == c) closer = g;
        if (closer < 0 || r_.chance(30)) insert(closer < 0 ? any_goroutine() : closer, make(op::close, c));
        else insert(closer, make(op::close, c), true);
        if (r_.chance(12)) insert(any_goroutine(), make(op::close, c));
        // A receiver that drains the channel instead.
        if (!r_.chance(35)) return;
        for (auto& g : p_.g)
            for (stmt& s : g.body)
                if (s.kind == op::recv && s.a == c) {
                    s.kind = op::range;
                    return;
                }
    }

    void select() {
        const int x = any_goroutine();
        stmt s = make(op::select);
        const int arms = 1 + r_.below(3);
        bool timer = false;
        for (int k = 0; k < arms; ++k) {
            arm a;
            if (allowed("timer") && !timer && r_.chance(15)) {
                a.timer = timer = true;
            } else {
                a.chan = any_chan();
                a.send = r_.chance(35);
                if (a.send) a.value = new_value();
                // What can make the case ready: the other side, elsewhere.
                if (r_.chance(55)) insert(other_than(x), a.send ? make(op::recv, a.chan) : make(op::send, a.chan, new_value()));
            }
            const int roll = r_.below(100);
            if (roll < 20) a.body.push_back(make(op::print, 0, new_value()));
            else if (roll < 40) a.body.push_back(chan_op(any_chan()));
            s.arms.push_back(std::move(a));
        }
        s.has_default = r_.chance(45);
        if (s.has_default) {
            const int roll = r_.below(100);
            if (roll < 25) s.otherwise.push_back(make(op::print, 0, new_value()));
            else if (roll < 50) s.otherwise.push_back(chan_op(any_chan()));
        }
        insert(x, std::move(s));
    }

    void mutex() {
        const int m = use(p_.mutexes, r_);
        const int users = 1 + r_.below(2);
        int g = any_goroutine();
        for (int u = 0; u < users; ++u, g = other_than(g)) {
            std::vector<stmt> block{make(op::lock, m)};
            if (r_.chance(70)) block.push_back(r_.chance(50) ? make(op::write, shared(), new_value()) : make(op::read, shared()));
            if (!r_.chance(8)) block.push_back(make(op::unlock, m));
            insert(g, std::move(block));
        }
        if (r_.chance(5)) insert(any_goroutine(), make(op::unlock, m));
    }

    void rw_mutex() {
        const int m = use(p_.rw_mutexes, r_);
        const int reader = any_goroutine();
        std::vector<stmt> block{make(op::rlock, m)};
        if (r_.chance(50)) block.push_back(make(op::read, shared()));
        if (r_.chance(30)) {
            block.push_back(make(op::rlock, m));  // recursive read locking
            block.push_back(make(op::runlock, m));
        }
        block.push_back(make(op::runlock, m));
        insert(reader, std::move(block));
        if (r_.chance(70)) {
            std::vector<stmt> w{make(op::wlock, m)};
            if (r_.chance(60)) w.push_back(make(op::write, shared(), new_value()));
            w.push_back(make(op::wunlock, m));
            insert(other_than(reader), std::move(w));
        }
        if (r_.chance(5)) insert(any_goroutine(), make(r_.chance(50) ? op::runlock : op::wunlock, m));
    }

    // main adds, some goroutines are done, main waits.
    void wait_group() {
        const int w = use(p_.wait_groups, r_);
        int total = 0;
        for (int g = 1; g < goroutines(); ++g) {
            if (!r_.chance(60)) continue;
            total += members_[static_cast<std::size_t>(g)];
            insert(g, make(op::wg_done, w), !r_.chance(20));
        }
        if (total == 0) return;
        if (r_.chance(10)) total -= 1;  // one Done too many
        auto& main = p_.g[0].body;
        main.insert(r_.chance(85) ? main.begin() : main.begin() + r_.below(static_cast<int>(main.size()) + 1),
                    make(op::wg_add, w, total));
        insert(0, make(op::wg_wait, w), r_.chance(75));
    }

    void cond() {
        const int k = use(p_.conds, r_);
        const int waiter = any_goroutine();
        insert(waiter, make(op::cond_wait, k));
        if (r_.chance(35)) insert(other_than(waiter), make(op::cond_wait, k));
        if (r_.chance(90)) insert(other_than(waiter), make(r_.chance(60) ? op::cond_signal : op::cond_broadcast, k));
    }

    void race() {
        const int s = shared();
        const int a = any_goroutine();
        insert(a, make(op::write, s, new_value()));
        insert(other_than(a), r_.chance(50) ? make(op::read, s) : make(op::write, s, new_value()));
    }

    void snippet() {
        struct kind {
            const char* name;
            int weight;
            std::function<void()> add;
        };
        const kind kinds[] = {
            {"message", 30, [&] { message(); }},
            {"close", 10, [&] { close(); }},
            {"select", 20, [&] { select(); }},
            {"mutex", 9, [&] { mutex(); }},
            {"rwmutex", 7, [&] { rw_mutex(); }},
            {"waitgroup", 8, [&] { wait_group(); }},
            {"cond", 6, [&] { cond(); }},
            {"race", 3, [&] { race(); }},
            {"len", 5, [&] { insert(any_goroutine(), make(r_.chance(80) ? op::len : op::cap, any_chan())); }},
            {"print", 4, [&] { insert(any_goroutine(), make(op::print, 0, new_value())); }},
            {"panic", 3, [&] { insert(any_goroutine(), make(op::panic)); }},
            {"timer", 3, [&] { insert(any_goroutine(), make(op::after)); }},
            {"sleep", 2, [&] { insert(any_goroutine(), make(op::sleep)); }},
        };
        int total = 0;
        for (const kind& k : kinds)
            if (allowed(k.name)) total += k.weight;
        if (total == 0) return;
        int roll = r_.below(total);
        for (const kind& k : kinds) {
            if (!allowed(k.name)) continue;
            if (roll < k.weight) return k.add();
            roll -= k.weight;
        }
    }

    rng r_;
    const generate_options& o_;
    program p_;
    std::vector<int> members_{1};
    int values_ = 0;
};

void count(const std::vector<stmt>& body, std::size_t& n) {
    for (const stmt& s : body) {
        ++n;
        count(s.body, n);
        count(s.otherwise, n);
        for (const arm& a : s.arms) count(a.body, n);
    }
}

template <class F>
void each_go(const std::vector<stmt>& body, F f) {
    for (const stmt& s : body) {
        if (s.kind == op::go) f(s);
        each_go(s.body, f);
        each_go(s.otherwise, f);
        for (const arm& a : s.arms) each_go(a.body, f);
    }
}

}  // namespace

const std::vector<std::string>& feature_names() {
    static const std::vector<std::string> names{"message", "close", "select", "mutex", "rwmutex", "waitgroup", "cond",
                                                "race",    "len",   "print",  "panic", "timer",   "sleep",     "nil",
                                                "loop",    "group", "nested"};
    return names;
}

program generate(std::uint64_t seed, const generate_options& o) { return generator(seed, o).run(); }

std::vector<int> reachable(const program& p) {
    std::vector<int> out{0};
    for (std::size_t k = 0; k < out.size(); ++k)
        each_go(p.g[static_cast<std::size_t>(out[k])].body, [&](const stmt& s) {
            if (std::find(out.begin(), out.end(), s.a) == out.end()) out.push_back(s.a);
        });
    return out;
}

std::size_t size(const program& p) {
    std::size_t n = 0;
    for (int g : reachable(p)) count(p.g[static_cast<std::size_t>(g)].body, n);
    return n;
}

bool has_group(const program& p) {
    bool any = false;
    for (int g : reachable(p))
        each_go(p.g[static_cast<std::size_t>(g)].body, [&](const stmt& s) { any |= s.value > 1; });
    return any;
}

}  // namespace fuzz
