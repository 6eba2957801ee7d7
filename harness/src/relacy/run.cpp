// Picking the size a program fits.
#include "run.hpp"

namespace chancheck::relacy_run {

const std::vector<std::size_t>& sizes() {
    static const std::vector<std::size_t> s = {4, 8, 16};
    return s;
}

outcome simulate(const std::function<void()>& program, const options& o) {
    outcome out;
    for (std::size_t n : sizes()) {
        if (o.size != 0 && n != o.size) continue;
        switch (n) {
            case 4: out = simulate_at<4>(program, o); break;
            case 8: out = simulate_at<8>(program, o); break;
            default: out = simulate_at<16>(program, o); break;
        }
        if (out.failure.kind != relacy_detail::failure_kind::capacity) break;
    }
    return out;
}

}  // namespace chancheck::relacy_run
