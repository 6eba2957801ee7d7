// Probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010): random
// goroutine priorities, always run the highest-priority enabled goroutine,
// and lower the running one's priority at d-1 random steps. A bug of depth d
// is found with probability at least 1/(n k^(d-1)) per execution.
#include <chancheck/explore/strategy.hpp>

#include <algorithm>
#include <map>
#include <random>

namespace chancheck::explore_detail {

namespace {

class pct final : public strategy {
public:
    pct(std::uint64_t iterations, std::uint64_t seed, int depth)
        : iterations_(iterations), left_(iterations), rng_(seed), depth_(depth) {}
    double fraction_done() const override {
        return share_done(iterations_, left_);
    }

    bool next_execution() override {
        if (left_-- == 0) return false;
        priority_.clear();
        change_points_.clear();
        for (int i = 1; i < depth_; ++i)
            change_points_.push_back(std::uniform_int_distribution<std::size_t>(0, std::max<std::size_t>(length_, 1))(rng_));
        next_low_ = 0;
        return true;
    }

    int pick(std::span<const event> enabled, std::size_t step) override {
        std::size_t best = 0;
        for (std::size_t k = 0; k < enabled.size(); ++k)
            if (priority(enabled[k].g) > priority(enabled[best].g)) best = k;
        if (std::find(change_points_.begin(), change_points_.end(), step) != change_points_.end())
            priority_[enabled[best].g] = --next_low_;  // below every initial priority
        length_ = std::max(length_, step + 1);
        return static_cast<int>(best);
    }

    bool complete() const override { return false; }
    std::vector<std::string> cuts() const override {
        return {"pct search (depth " + std::to_string(depth_) + "): executions sampled, not all"};
    }

private:
    long priority(int g) {
        auto it = priority_.find(g);
        if (it != priority_.end()) return it->second;
        long p = std::uniform_int_distribution<long>(1, 1'000'000)(rng_);
        priority_[g] = p;
        return p;
    }

    std::uint64_t iterations_;
    std::uint64_t left_;
    std::mt19937_64 rng_;
    int depth_;
    std::map<int, long> priority_;
    std::vector<std::size_t> change_points_;
    long next_low_ = 0;
    std::size_t length_ = 100;
};

}  // namespace

std::unique_ptr<strategy> make_pct(std::uint64_t iterations, std::uint64_t seed, int depth) {
    return std::make_unique<pct>(iterations, seed, depth);
}

}  // namespace chancheck::explore_detail
