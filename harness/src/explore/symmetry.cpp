// Groups of interchangeable goroutines and the check of their first steps;
// see symmetry.hpp.
#include "symmetry.hpp"

#include <algorithm>
#include <stdexcept>

namespace chancheck::explore_detail {

int symmetry::group(int parent, const std::string& name) {
    if (name.empty()) return -1;
    return groups_.try_emplace({parent, name}, static_cast<int>(groups_.size())).first->second;
}

void symmetry::first_step(int group, const std::string& member, const first_step_shape& shape) {
    auto [it, first] = first_.try_emplace(group, member, shape);
    if (first) return;
    const auto& [first_member, expected] = it->second;
    const bool same = expected.kind == shape.kind && expected.shared_objects.size() == shape.shared_objects.size() &&
                      std::equal(expected.shared_objects.begin(), expected.shared_objects.end(),
                                 shape.shared_objects.begin());
    if (!same)
        throw std::runtime_error("symmetry: \"" + first_member + "\" and \"" + member +
                                 "\" were declared interchangeable but do not start alike (" + expected.text +
                                 " / " + shape.text +
                                 "); interchangeable goroutines must run the same code on the same objects");
}

}  // namespace chancheck::explore_detail
