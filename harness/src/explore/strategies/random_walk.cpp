// Random search: every step takes an enabled event chosen uniformly, for a
// fixed number of seeded executions. Finds shallow bugs in models far too
// big to exhaust; proves nothing.
#include <chancheck/explore/strategy.hpp>

#include <random>

namespace chancheck::explore_detail {

namespace {

class random_walk final : public strategy {
public:
    random_walk(std::uint64_t iterations, std::uint64_t seed) : iterations_(iterations), left_(iterations), rng_(seed) {}
    bool next_execution() override { return left_-- > 0; }
    int pick(std::span<const event> enabled, std::size_t) override {
        return static_cast<int>(std::uniform_int_distribution<std::size_t>(0, enabled.size() - 1)(rng_));
    }
    bool complete() const override { return false; }
    std::vector<std::string> cuts() const override { return {"random search: executions sampled, not all"}; }
    double fraction_done() const override {
        return share_done(iterations_, left_);
    }

private:
    std::uint64_t iterations_;
    std::uint64_t left_;
    std::mt19937_64 rng_;
};

}  // namespace

std::unique_ptr<strategy> make_random(std::uint64_t iterations, std::uint64_t seed) {
    return std::make_unique<random_walk>(iterations, seed);
}

}  // namespace chancheck::explore_detail
