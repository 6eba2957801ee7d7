// How big is the exhaustive search? Knuth's estimator (1975): a random path
// from the root, weighted by the product of the number of children of each
// node it passed, is on average the number of leaves of the tree.
//
// The reduced search's tree is only known once it has been searched, so the
// tree sampled approximates it: at each state, the first enabled event and
// those dependent with it (the races the reduction goes back for), one per
// orbit with symmetry. Exact where every race is with the first event (the
// requesters of shared-channels: N! for N), an estimate elsewhere. Sampling
// the full sleep-set tree instead is unbiased but useless: nearly every
// random path through it ends asleep, weighing 0.
//
// The estimate is unbiased, but its spread is as uneven as the tree: where a
// few rare paths lead into most of it (a retry loop that runs again each
// time a timer fires), most samples miss them and the mean falls far short.
// The standard error and the range of the paths' weights say how far to
// trust it.
#include <chancheck/explore/strategy.hpp>

#include <algorithm>
#include <cmath>
#include <random>

namespace chancheck::explore_detail {

namespace {

class estimator final : public strategy {
public:
    estimator(std::uint64_t paths, std::uint64_t seed) : paths_(paths), left_(paths), rng_(seed) {}

    bool next_execution() override {
        if (left_ == 0) return false;
        --left_;
        weight_ = 1;
        return true;
    }

    int pick(std::span<const event> enabled, std::size_t) override {
        // The reduced search takes the first enabled event, and goes back
        // for the others only where they race with it (are dependent):
        // those are this node's children. With symmetry, one per orbit.
        std::vector<std::size_t> choices{0};
        for (std::size_t k = 1; k < enabled.size(); ++k) {
            const event& e = enabled[k];
            const bool image = e.orbit >= 0 && std::any_of(choices.begin(), choices.end(),
                                                           [&](std::size_t c) { return enabled[c].orbit == e.orbit; });
            if (!image && dependent(e, enabled[0])) choices.push_back(k);
        }
        const std::size_t c = std::uniform_int_distribution<std::size_t>(0, choices.size() - 1)(rng_);
        weight_ *= static_cast<double>(choices.size());
        return static_cast<int>(choices[c]);
    }

    void finished(const execution_result& r) override {
        const double w = r.abandoned ? 0.0 : weight_;
        sum_ += w;
        sum_of_squares_ += w * w;
        least_ = done_ == 0 ? w : std::min(least_, w);
        most_ = std::max(most_, w);
        ++done_;
    }

    bool complete() const override { return false; }
    std::vector<std::string> cuts() const override { return {"an estimate from sampled paths, not a search"}; }
    double fraction_done() const override { return share_done(paths_, left_); }
    size_estimate estimated_executions() const override {
        if (done_ == 0) return {};
        const double n = static_cast<double>(done_);
        const double mean = sum_ / n;
        // The sample variance, over n - 1; with one path nothing is known of the spread.
        const double variance = done_ > 1 ? std::max(0.0, (sum_of_squares_ - n * mean * mean) / (n - 1)) : 0.0;
        return {mean, std::sqrt(variance / n), least_, most_};
    }

private:
    std::uint64_t paths_;
    std::uint64_t left_;
    std::mt19937_64 rng_;
    double weight_ = 1;
    double sum_ = 0;
    double sum_of_squares_ = 0;
    double least_ = 0;
    double most_ = 0;
    std::uint64_t done_ = 0;
};

}  // namespace

std::unique_ptr<strategy> make_estimator(std::uint64_t paths, std::uint64_t seed) {
    return std::make_unique<estimator>(paths, seed);
}

}  // namespace chancheck::explore_detail
