// The process-wide table of models, filled by CHANCHECK_REGISTER_MODEL.
#include <chancheck/model.hpp>

namespace chancheck {

registry& registry::instance() {
    static registry r;
    return r;
}

bool registry::add(std::unique_ptr<model> m) {
    std::string name = m->name();
    if (!models_.emplace(name, std::move(m)).second)
        throw std::logic_error("two models are registered as \"" + name + "\"");
    return true;
}

const model* registry::find(std::string_view name) const {
    auto it = models_.find(name);
    return it == models_.end() ? nullptr : it->second.get();
}

std::vector<const model*> registry::all() const {
    std::vector<const model*> out;
    for (const auto& [name, m] : models_) out.push_back(m.get());
    return out;
}

}  // namespace chancheck
