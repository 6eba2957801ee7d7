// Replay: runs exactly one schedule, and says where the program stopped
// following it (a replay against other code or other parameters).
#include <chancheck/explore/strategy.hpp>

namespace chancheck::explore_detail {

namespace {

class replay final : public strategy {
public:
    explicit replay(std::vector<event> schedule) : schedule_(std::move(schedule)) {}

    bool next_execution() override { return !ran_ && (ran_ = true); }

    int pick(std::span<const event> enabled, std::size_t step) override {
        if (step >= schedule_.size()) {
            diverged_ = "the schedule ended after " + std::to_string(step) + " steps but the program went on";
            return -1;
        }
        for (std::size_t k = 0; k < enabled.size(); ++k)
            if (enabled[k].same_key(schedule_[step])) return static_cast<int>(k);
        std::string offered;
        for (const event& e : enabled) offered += (offered.empty() ? "" : " ") + e.key_text();
        diverged_ = "replay diverged at step " + std::to_string(step) + ": the schedule says " +
                    schedule_[step].key_text() + ", the program offers " + offered;
        return -1;
    }

    bool complete() const override { return false; }
    std::vector<std::string> cuts() const override {
        std::vector<std::string> c{"replay of one schedule"};
        if (!diverged_.empty()) c.push_back(diverged_);
        return c;
    }

private:
    std::vector<event> schedule_;
    bool ran_ = false;
    std::string diverged_;
};

}  // namespace

std::unique_ptr<strategy> make_replay(std::vector<event> schedule) {
    return std::make_unique<replay>(std::move(schedule));
}

}  // namespace chancheck::explore_detail
