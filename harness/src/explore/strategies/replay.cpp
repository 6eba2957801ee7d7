// Replay: runs exactly one schedule, and says where the program stopped
// following it (a replay against other code or other parameters).
//
// A search numbers goroutines in one table for all its executions (the k-th
// goroutine started by g gets a number the first time any execution starts
// it), so the numbers in one of its schedules depend on the executions before
// it. Given that table, the replay matches each goroutine of this run to the
// search's by who started it and how many that parent had started before.
#include <chancheck/explore/strategy.hpp>

#include <map>

namespace chancheck::explore_detail {

namespace {

class replay final : public strategy {
public:
    replay(std::vector<event> schedule, const identity_table* numbered_by)
        : schedule_(std::move(schedule)), numbered_by_(numbered_by) {}

    bool next_execution() override { return !ran_ && (ran_ = true); }

    int pick(std::span<const event> enabled, std::size_t step) override {
        if (step >= schedule_.size()) {
            diverged_ = "the schedule ended after " + std::to_string(step) + " steps but the program went on";
            return -1;
        }
        for (std::size_t k = 0; k < enabled.size(); ++k)
            if (as_scheduled(enabled[k]).same_key(schedule_[step])) return static_cast<int>(k);
        std::string offered;
        for (const event& e : enabled) offered += (offered.empty() ? "" : " ") + as_scheduled(e).key_text();
        diverged_ = "replay diverged at step " + std::to_string(step) + ": the schedule says " +
                    schedule_[step].key_text() + ", the program offers " + offered;
        return -1;
    }

    void taken(const event& e, int spawned) override {
        if (spawned >= 0) created(spawned, e.g);
    }

    // Told in the order the parent started them, spawns and timers alike:
    // the order the table's sequence numbers count.
    void created(int child, int parent) override {
        if (!numbered_by_) return;
        const int seq = children_[parent]++;
        const int theirs = scheduled_number(parent);
        const int known = theirs >= 0 ? numbered_by_->known_goroutine(theirs, seq) : -1;
        number_[child] = known >= 0 ? known : unknown;
    }

    bool complete() const override { return false; }
    std::vector<std::string> cuts() const override {
        std::vector<std::string> c{"replay of one schedule"};
        if (!diverged_.empty()) c.push_back(diverged_);
        return c;
    }

private:
    // Matches no goroutine of the schedule: one the search never started.
    static constexpr int unknown = -2;

    int scheduled_number(int g) const {
        if (!numbered_by_ || g <= 0) return g;  // main is 0 in every run; -1 is no partner
        auto it = number_.find(g);
        return it == number_.end() ? unknown : it->second;
    }
    event as_scheduled(const event& e) const {
        event out;
        out.g = scheduled_number(e.g);
        out.g_case = e.g_case;
        out.h = scheduled_number(e.h);
        out.h_case = e.h_case;
        return out;
    }

    std::vector<event> schedule_;
    const identity_table* numbered_by_;
    std::map<int, int> children_;  // this run's goroutine -> goroutines it started so far
    std::map<int, int> number_;    // this run's goroutine -> the schedule's number for it
    bool ran_ = false;
    std::string diverged_;
};

}  // namespace

std::unique_ptr<strategy> make_replay(std::vector<event> schedule, const identity_table* numbered_by) {
    return std::make_unique<replay>(std::move(schedule), numbered_by);
}

}  // namespace chancheck::explore_detail
