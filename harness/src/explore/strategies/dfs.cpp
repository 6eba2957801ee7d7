// Depth-first search over every interleaving, with optional dynamic
// partial-order reduction (dpor.hpp): with it, one execution per
// Mazurkiewicz trace instead of one per interleaving. Split (split_plan),
// it searches its own part of the tree only.
#include "dpor.hpp"

#include <chancheck/explore/strategy.hpp>

#include <algorithm>
#include <stdexcept>

namespace chancheck::explore_detail {

namespace {

class dfs final : public strategy {
public:
    dfs(bool reduction, const split_plan& split, bool past_failures)
        : reduction_(reduction), past_failures_(past_failures), split_(split) {
        if (reduction_) dpor_.explore_fully_above(split_.depth);
    }

    bool next_execution() override {
        owns_last_ = true;
        if (!started_) {
            started_ = true;
            return true;
        }
        return reduction_ ? dpor_.backtrack() : backtrack_plain();
    }

    int pick(std::span<const event> enabled, std::size_t step) override {
        if (split_.depth > 0 && step == split_.depth && step >= depth_reached() &&
            !take_unit(reduction_ && dpor_.next_has_sleepers())) {
            owns_last_ = false;
            return -1;
        }
        if (reduction_) return dpor_.pick(enabled, step);
        if (step < stack_.size()) {
            node& n = stack_[step];
            if (n.enabled.size() != enabled.size() || !n.enabled[n.current].same_key(enabled[n.current]))
                throw std::runtime_error("the model is not deterministic: replaying the same steps gave other choices");
            return static_cast<int>(n.current);
        }
        stack_.push_back({std::vector<event>(enabled.begin(), enabled.end()), 0});
        return 0;
    }

    void taken(const event& e, int spawned) override {
        if (reduction_) dpor_.taken(e, spawned);
    }
    void created(int child, int parent) override {
        if (reduction_) dpor_.created(child, parent);
    }

    void finished(const execution_result& r) override {
        // An execution that ended above the split, or right at it (no pick
        // at the split depth took a unit for it), is a unit of its own.
        longest_ = std::max(longest_, r.steps);
        if (split_.depth > 0 && !r.abandoned && r.steps <= split_.depth) owns_last_ = take_unit(false);
        // Counting, every node is above the split, where every step is a
        // branch already: the race analysis would add nothing. A failure
        // usually ends the search, so the branches its races would add are
        // never taken (and with many goroutines still waiting, finding them
        // costs more than the whole search did), unless the search goes on.
        if (reduction_ && owns_last_ && !split_.count_only && (past_failures_ || r.failure == failure_kind::none))
            dpor_.finished(r);
    }
    bool owns_last() const override { return owns_last_; }
    unit_count units() const { return {units_, units_ - units_with_sleepers_, longest_}; }

    bool complete() const override { return started_ && (reduction_ ? dpor_.done() : stack_.empty() && exhausted_); }
    std::uint64_t abandoned() const override { return reduction_ ? dpor_.sleep_blocked() : 0; }
    double fraction_done() const override {
        if (reduction_) return -1;
        return fraction_left_of_path(stack_, [](const node& n) { return std::pair(n.current, n.enabled.size()); });
    }

private:
    struct node {
        std::vector<event> enabled;
        std::size_t current;
    };

    bool backtrack_plain() {
        while (!stack_.empty()) {
            node& top = stack_.back();
            while (top.current + 1 < top.enabled.size()) {
                ++top.current;
                if (!earlier_in_orbit(top)) return true;
            }
            stack_.pop_back();
        }
        exhausted_ = true;
        return false;
    }

    std::size_t depth_reached() const { return reduction_ ? dpor_.depth() : stack_.size(); }

    // Units that start with a step asleep are mostly covered by earlier
    // units and hold little work, and they come in patterns (every other
    // unit, say) that dealing by plain unit number would hand to one part
    // (shared-channels, 9 requesters in 2 shards: 20,160 executions against
    // 342,720): each kind is dealt round robin on its own.
    bool take_unit(bool with_sleepers) {
        ++units_;
        units_with_sleepers_ += with_sleepers;
        const std::uint64_t of_its_kind = with_sleepers ? units_with_sleepers_ - 1 : units_ - units_with_sleepers_ - 1;
        if (split_.count_only || of_its_kind % split_.count != split_.index) return false;
        // The threads of a part meet its units in the same order: the first
        // to reach one takes it.
        std::uint64_t mine = units_of_part_++;
        return !split_.claims || split_.claims->compare_exchange_strong(mine, mine + 1);
    }

    // With symmetry: an image of a choice already taken here.
    static bool earlier_in_orbit(const node& n) {
        const int orbit = n.enabled[n.current].orbit;
        if (orbit < 0) return false;
        for (std::size_t k = 0; k < n.current; ++k)
            if (n.enabled[k].orbit == orbit) return true;
        return false;
    }

    bool reduction_;
    bool past_failures_;
    split_plan split_;
    std::uint64_t units_ = 0;
    std::uint64_t units_with_sleepers_ = 0;
    std::uint64_t units_of_part_ = 0;
    std::size_t longest_ = 0;
    bool owns_last_ = true;
    bool started_ = false;
    bool exhausted_ = false;
    std::vector<node> stack_;
    dpor dpor_;
};

}  // namespace

std::unique_ptr<strategy> make_dfs(bool reduction, const split_plan& split, bool past_failures) {
    return std::make_unique<dfs>(reduction, split, past_failures);
}

unit_count units_met(const strategy& s) { return dynamic_cast<const dfs&>(s).units(); }

}  // namespace chancheck::explore_detail
