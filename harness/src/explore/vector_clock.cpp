// The persistent tree behind vector_clock; see vector_clock.hpp.
#include <chancheck/explore/vector_clock.hpp>

#include <algorithm>
#include <iterator>

namespace chancheck::explore_detail {

namespace {
thread_local std::size_t live = 0;
}  // namespace

std::size_t vector_clock::live_nodes() { return live; }

vector_clock::node* vector_clock::ref(node* n) {
    if (n) ++n->refs;
    return n;
}

void vector_clock::unref(node* n, unsigned h) {
    if (n == nullptr || --n->refs > 0) return;
    --live;
    if (h == 0) {
        delete static_cast<leaf*>(n);
        return;
    }
    auto* in = static_cast<inner*>(n);
    for (node* k : in->kid) unref(k, h - 1);
    delete in;
}

// After this, n is a node only this clock holds (a fresh zero node if it was
// empty), so it can be changed in place.
void vector_clock::make_unique(node*& n, unsigned h) {
    if (n && n->refs == 1) return;
    node* fresh;
    if (h == 0) {
        auto* l = new leaf;
        if (n) std::copy(std::begin(static_cast<leaf*>(n)->v), std::end(static_cast<leaf*>(n)->v), l->v);
        fresh = l;
    } else {
        auto* in = new inner;
        if (n)
            for (std::size_t i = 0; i < fan; ++i) in->kid[i] = ref(static_cast<inner*>(n)->kid[i]);
        fresh = in;
    }
    ++live;
    unref(n, h);
    n = fresh;
}

vector_clock::vector_clock(const vector_clock& o) : root_(ref(o.root_)), height_(o.height_) {}

vector_clock& vector_clock::operator=(const vector_clock& o) {
    node* keep = ref(o.root_);  // before clear(): o may be this
    const unsigned h = o.height_;
    clear();
    root_ = keep;
    height_ = h;
    return *this;
}

vector_clock& vector_clock::operator=(vector_clock&& o) noexcept {
    if (this != &o) {
        clear();
        root_ = o.root_;
        height_ = o.height_;
        o.root_ = nullptr;
        o.height_ = 0;
    }
    return *this;
}

void vector_clock::clear() {
    unref(root_, height_);
    root_ = nullptr;
    height_ = 0;
}

// Adds levels above the root (its old tree becomes the first child).
void vector_clock::raise_to(unsigned h) {
    while (height_ < h) {
        if (root_) {
            auto* in = new inner;
            ++live;
            in->kid[0] = root_;
            root_ = in;
        }
        ++height_;
    }
}

void vector_clock::set(std::size_t g, std::uint32_t v) {
    if (get(g) == v) return;
    unsigned need = 0;
    while ((g >> (bits * (need + 1))) != 0) ++need;
    raise_to(need);
    node** slot = &root_;
    for (unsigned h = height_;; --h) {
        make_unique(*slot, h);
        if (h == 0) break;
        slot = &static_cast<inner*>(*slot)->kid[(g >> (bits * h)) & mask];
    }
    static_cast<leaf*>(*slot)->v[g & mask] = v;
}

bool vector_clock::is_zero(const node* n, unsigned h) {
    if (n == nullptr) return true;
    if (h == 0) {
        const auto* l = static_cast<const leaf*>(n);
        return std::all_of(std::begin(l->v), std::end(l->v), [](std::uint32_t x) { return x == 0; });
    }
    const auto* in = static_cast<const inner*>(n);
    return std::all_of(std::begin(in->kid), std::end(in->kid), [h](const node* k) { return is_zero(k, h - 1); });
}

// Shared subtrees are equal: a comparison looks only where the trees differ.
bool vector_clock::leq_nodes(const node* a, const node* b, unsigned h) {
    if (a == nullptr || a == b) return true;
    if (b == nullptr) return is_zero(a, h);
    if (h == 0) {
        const auto* x = static_cast<const leaf*>(a);
        const auto* y = static_cast<const leaf*>(b);
        for (std::size_t i = 0; i < fan; ++i)
            if (x->v[i] > y->v[i]) return false;
        return true;
    }
    const auto* x = static_cast<const inner*>(a);
    const auto* y = static_cast<const inner*>(b);
    for (std::size_t i = 0; i < fan; ++i)
        if (!leq_nodes(x->kid[i], y->kid[i], h - 1)) return false;
    return true;
}

// Trees of different heights: the lower one is the first child's subtree of
// the higher one, whose other children count goroutines the lower one has at 0.
bool vector_clock::leq_mixed(const node* a, unsigned ha, const node* b, unsigned hb) {
    while (ha > hb) {
        if (a == nullptr) return true;
        const auto* in = static_cast<const inner*>(a);
        for (std::size_t i = 1; i < fan; ++i)
            if (!is_zero(in->kid[i], ha - 1)) return false;
        a = in->kid[0];
        --ha;
    }
    while (hb > ha) {
        if (b == nullptr) return is_zero(a, ha);
        b = static_cast<const inner*>(b)->kid[0];
        --hb;
    }
    return leq_nodes(a, b, ha);
}

bool vector_clock::leq(const vector_clock& o) const { return leq_mixed(root_, height_, o.root_, o.height_); }

// a = a joined with b. Where b adds nothing a is kept; where b has it all, b
// is shared; only subtrees where both have something the other lacks are copied.
void vector_clock::join_into(node*& a, node* b, unsigned h) {
    if (b == nullptr || a == b || leq_nodes(b, a, h)) return;
    if (a == nullptr || leq_nodes(a, b, h)) {
        ref(b);
        unref(a, h);
        a = b;
        return;
    }
    make_unique(a, h);
    if (h == 0) {
        auto* x = static_cast<leaf*>(a);
        const auto* y = static_cast<const leaf*>(b);
        for (std::size_t i = 0; i < fan; ++i) x->v[i] = std::max(x->v[i], y->v[i]);
        return;
    }
    auto* x = static_cast<inner*>(a);
    const auto* y = static_cast<const inner*>(b);
    for (std::size_t i = 0; i < fan; ++i) join_into(x->kid[i], y->kid[i], h - 1);
}

void vector_clock::join(const vector_clock& o) {
    if (o.root_ == nullptr || o.root_ == root_) return;
    raise_to(o.height_);
    // o fits in the subtree of goroutines 0..16^(o.height_+1)-1: the chain
    // of first children down to o's height. Look before copying the path.
    const node* target = root_;
    for (unsigned h = height_; h > o.height_ && target; --h) target = static_cast<const inner*>(target)->kid[0];
    if (leq_nodes(o.root_, target, o.height_)) return;
    node** slot = &root_;
    for (unsigned h = height_; h > o.height_; --h) {
        make_unique(*slot, h);
        slot = &static_cast<inner*>(*slot)->kid[0];
    }
    join_into(*slot, o.root_, o.height_);
}

}  // namespace chancheck::explore_detail
