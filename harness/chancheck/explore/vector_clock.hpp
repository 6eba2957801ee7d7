// Vector clocks: one counter per goroutine. The explorer keeps two kinds:
// the Go memory model's happens-before (to find data races on shared<T>),
// and the search's own, over dependent events (to find reversible races
// between events, which is what partial-order reduction explores).
//
// The search keeps a clock for every step of an execution, and with many
// goroutines most of those clocks are copies of each other with a few
// counters changed (a coordinator's clock after each of N hand-offs). Stored
// whole, that is steps x goroutines counters: quadratic in N. So a clock is a
// persistent tree of 16-counter leaves: a copy shares every node, and a
// change copies only the path to the counter it changes, so memory grows
// with the counters that differ, not with the goroutines. Nodes are counted
// without atomics: a clock belongs to the thread whose search made it.
//
//   vector_clock a, b;
//   a.tick(0);            // goroutine 0 did something
//   b.join(a);            // ...that goroutine 1 then synchronised with
//   assert(a.leq(b));
#pragma once

#include <cstddef>
#include <cstdint>

namespace chancheck::explore_detail {

class vector_clock {
public:
    vector_clock() = default;
    vector_clock(const vector_clock& o);
    vector_clock(vector_clock&& o) noexcept : root_(o.root_), height_(o.height_) {
        o.root_ = nullptr;
        o.height_ = 0;
    }
    vector_clock& operator=(const vector_clock& o);
    vector_clock& operator=(vector_clock&& o) noexcept;
    ~vector_clock() { clear(); }

    std::uint32_t get(std::size_t g) const {
        if (root_ == nullptr || (g >> (bits * (height_ + 1))) != 0) return 0;
        const node* n = root_;
        for (unsigned h = height_; h > 0; --h) {
            n = static_cast<const inner*>(n)->kid[(g >> (bits * h)) & mask];
            if (n == nullptr) return 0;
        }
        return static_cast<const leaf*>(n)->v[g & mask];
    }
    void set(std::size_t g, std::uint32_t v);
    void tick(std::size_t g) { set(g, get(g) + 1); }
    void join(const vector_clock& o);
    // Every component <= the other's: this happened before (or is) `o`.
    bool leq(const vector_clock& o) const;
    void clear();

    // Tree nodes alive on this thread: how tests see that copies share.
    static std::size_t live_nodes();

private:
    static constexpr unsigned bits = 4;
    static constexpr std::size_t fan = std::size_t{1} << bits;
    static constexpr std::size_t mask = fan - 1;
    struct node {
        std::uint32_t refs = 1;
    };
    struct leaf : node {
        std::uint32_t v[fan] = {};
    };
    struct inner : node {
        node* kid[fan] = {};
    };

    static void unref(node* n, unsigned h);
    static node* ref(node* n);
    static void make_unique(node*& n, unsigned h);
    static void join_into(node*& a, node* b, unsigned h);
    static bool leq_nodes(const node* a, const node* b, unsigned h);
    static bool leq_mixed(const node* a, unsigned ha, const node* b, unsigned hb);
    static bool is_zero(const node* n, unsigned h);
    void raise_to(unsigned h);

    node* root_ = nullptr;
    unsigned height_ = 0;  // inner levels above the leaves: covers 16^(height_+1) goroutines
};

}  // namespace chancheck::explore_detail
