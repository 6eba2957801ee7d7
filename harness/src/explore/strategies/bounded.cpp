// Preemption-bounded depth-first search (Musuvathi & Qadeer, PLDI 2007):
// every interleaving in which goroutines are switched away from, while they
// could still run, at most K times. Most concurrency bugs need very few
// preemptions, so small bounds find them in a fraction of the tree.
#include <chancheck/explore/strategy.hpp>

#include <stdexcept>

namespace chancheck::explore_detail {

namespace {

class bounded final : public strategy {
public:
    explicit bounded(int bound) : bound_(bound) {}

    bool next_execution() override {
        if (!started_) return started_ = true;
        while (!stack_.empty()) {
            node& top = stack_.back();
            for (std::size_t k = top.current + 1; k < top.enabled.size(); ++k)
                if (allowed(stack_.size() - 1, k)) {
                    top.current = k;
                    return true;
                }
            stack_.pop_back();
        }
        return false;
    }

    int pick(std::span<const event> enabled, std::size_t step) override {
        if (step < stack_.size()) return static_cast<int>(stack_[step].current);
        node n;
        n.enabled.assign(enabled.begin(), enabled.end());
        n.before = step == 0 ? 0 : stack_[step - 1].before + (preempts(step - 1, stack_[step - 1].current) ? 1 : 0);
        n.last = step == 0 ? -1 : stack_[step - 1].enabled[stack_[step - 1].current].g;
        stack_.push_back(std::move(n));
        for (std::size_t k = 0; k < enabled.size(); ++k)
            if (allowed(step, k)) {
                stack_.back().current = k;
                return static_cast<int>(k);
            }
        return -1;  // unreachable: continuing the last goroutine is never a preemption
    }

    bool complete() const override { return !cut_; }
    // Only the choices within the bound count: most are cut.
    double fraction_done() const override {
        std::size_t depth = 0;
        return fraction_left_of_path(stack_, [&](const node& n) {
            std::size_t position = 0, choices = 0;
            for (std::size_t k = 0; k < n.enabled.size(); ++k)
                if (within_bound(depth, k)) {
                    position += k < n.current;
                    ++choices;
                }
            ++depth;
            return std::pair(position, choices);
        });
    }
    std::vector<std::string> cuts() const override {
        if (!cut_) return {};
        return {"preemption bound " + std::to_string(bound_)};
    }

private:
    struct node {
        std::vector<event> enabled;
        std::size_t current = 0;
        int before = 0;  // preemptions before this step
        int last = -1;   // the goroutine of the previous step
    };

    // Taking choice k at node i switches away from a goroutine that could go on.
    bool preempts(std::size_t i, std::size_t k) const {
        const node& n = stack_[i];
        if (n.last < 0 || n.enabled[k].involves(n.last)) return false;
        for (const event& e : n.enabled)
            if (e.involves(n.last)) return true;
        return false;
    }
    bool within_bound(std::size_t i, std::size_t k) const { return stack_[i].before + (preempts(i, k) ? 1 : 0) <= bound_; }
    bool allowed(std::size_t i, std::size_t k) {
        if (within_bound(i, k)) return true;
        cut_ = true;
        return false;
    }

    int bound_;
    bool started_ = false;
    bool cut_ = false;
    std::vector<node> stack_;
};

}  // namespace

std::unique_ptr<strategy> make_bounded(int bound) { return std::make_unique<bounded>(bound); }

}  // namespace chancheck::explore_detail
