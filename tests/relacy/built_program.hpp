// Points the relacy backend at the chancheck-relacy this build made.
#pragma once

#include <cstdlib>

namespace chancheck {

inline void use_built_relacy() { ::setenv("CHANCHECK_RELACY", CHANCHECK_RELACY_PATH, 1); }

}  // namespace chancheck
