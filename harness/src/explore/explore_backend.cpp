// The explore backend's operations that are not per object: each announces
// one step to the execution running on this thread.
#include <chancheck/explore/explore.hpp>

namespace chancheck {

namespace explore_detail {

execution& this_execution() {
    execution* ex = execution::current();
    if (!ex)
        throw std::logic_error(
            "chancheck: an operation not under the explorer's control: the explore backend was used outside a check, "
            "or from a thread the explorer did not start (a std::thread? start goroutines with chancheck::go)");
    return *ex;
}

}  // namespace explore_detail

using namespace explore_detail;

int explore::select(std::span<select_case<channel_base>> cases, bool has_default, const std::source_location& loc) {
    bool any = has_default;
    for (auto& c : cases) any |= c.chan != nullptr;
    if (!any) block_forever(op_kind::nil_select, loc);
    pending_op op;
    op.kind = act::select;
    op.cases = cases;
    op.has_default = has_default;
    op.loc = loc;
    this_execution().perform(op);
    return op.fired;
}

void explore::go(std::string name, std::function<void()> fn, go_options options, const std::source_location& loc) {
    pending_op op;
    op.kind = act::spawn;
    op.child_name = std::move(name);
    op.child_body = std::move(fn);
    op.child_daemon = options.daemon;
    op.child_group = std::move(options.interchangeable);
    op.loc = loc;
    this_execution().perform(op);
}

void explore::block_forever(op_kind op, const std::source_location& loc) {
    this_execution().block_forever(loc, op_name(op));
}

// The durations matter only on the virtual clock (time_mode::synctest); with
// time_mode::any a timer may fire, and a sleep end, at any later step.
void explore::start_timer(std::chrono::nanoseconds d, std::shared_ptr<channel<time_point>> ch,
                          const std::source_location& loc) {
    this_execution().start_timer(std::move(ch), d, loc);
}

void explore::sleep(std::chrono::nanoseconds d, const std::source_location& loc) {
    pending_op op;
    op.kind = act::sleep;
    op.duration = d.count();
    op.loc = loc;
    this_execution().perform(op);
}

void explore::violation(std::string_view property, std::string message, const std::source_location& loc) {
    this_execution().violation(property, std::move(message), loc);
}

}  // namespace chancheck
