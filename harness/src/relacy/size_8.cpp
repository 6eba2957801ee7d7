// The relacy backend's runner for programs of up to 8 goroutines.
#include "simulate_at.hpp"

namespace chancheck::relacy_run {
template outcome simulate_at<8>(const std::function<void()>&, const options&);
}  // namespace chancheck::relacy_run
