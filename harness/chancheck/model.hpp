// Models: named, checkable scenarios. A model is a pattern plus a workload
// plus the properties it must satisfy, with typed parameters (defaults and
// valid ranges). Model code is a template over the backend and never names
// one; the registry instantiates it for every backend this program has.
//
//   struct ping_model {
//       static chancheck::model_spec spec() {
//           return {"ping", "one ping, one pong",
//                   {chancheck::param_spec::integer("pings", 1, 1, 100, "how many pings")},
//                   {"terminates"}};
//       }
//       template <chancheck::Sync S>
//       static void main(const chancheck::model_args& args) { ... args.params.integer("pings") ... }
//   };
//   CHANCHECK_REGISTER_MODEL(ping_model);
#pragma once

// The chancheck-relacy program builds the models for the relacy backend
// alone: Relacy takes over its whole process (relacy/rl.hpp).
#if defined(CHANCHECK_RELACY_PROGRAM)
#include <chancheck/relacy/relacy.hpp>
#else
#include <chancheck/explore/explore.hpp>
#include <chancheck/threads/threads.hpp>
#endif

#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace chancheck {

// A user's mistake on the command line or in a model's parameters: reported
// as one line, exit code 2.
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class param_type { integer, boolean };

struct param_spec {
    std::string name;
    param_type type = param_type::integer;
    long long default_value = 0;
    long long min = 0;
    long long max = 0;
    std::string help;

    static param_spec integer(std::string name, long long def, long long min, long long max, std::string help) {
        return {std::move(name), param_type::integer, def, min, max, std::move(help)};
    }
    static param_spec boolean(std::string name, bool def, std::string help) {
        return {std::move(name), param_type::boolean, def ? 1 : 0, 0, 1, std::move(help)};
    }
    std::string format(long long value) const;
    std::string range() const;  // "1..64", "true|false"
};

class param_values {
public:
    long long integer(std::string_view name) const;
    bool boolean(std::string_view name) const { return integer(name) != 0; }
    // "requesters=3 coordinators=1 ...", in the model's declared order.
    std::string describe() const;
    // (name, value as text), in the model's declared order.
    std::vector<std::pair<std::string, std::string>> pairs() const;

private:
    friend struct model_spec;
    std::vector<std::pair<const param_spec*, long long>> values_;
};

// One check `chancheck check --all` runs: parameters over the defaults,
// and the verdict that makes it pass. A bundled model must be proved; a
// gallery model of a known bug must show exactly that bug.
struct expected_check {
    std::vector<std::string> params;  // e.g. {"routines=4"}; empty: the defaults
    std::string expect = "proved";    // "proved", or the counterexample's kind ("deadlock", "leak", ...)
};

struct model_spec {
    std::string name;
    std::string description;
    std::vector<param_spec> params;
    // The properties the model states: the names its expect() calls use, and
    // "terminates" where the program must end with no goroutine stuck.
    std::vector<std::string> properties;
    // What `check --all` runs; empty: one check at the defaults that must be
    // proved. Smaller sizes where the defaults are too big for a CI run.
    std::vector<expected_check> check_all = {};

    // Parses "name=value" assignments over the defaults. Unknown names,
    // malformed values and values out of range are usage_errors.
    param_values parse(const std::vector<std::string>& assignments) const;
    const param_spec* find(std::string_view param) const;
};

// What a model's main gets: its parameters, and where its output goes.
struct model_args {
    const param_values& params;
    std::function<void(const std::string&)> print;
};

class model {
public:
    explicit model(model_spec spec) : spec_(std::move(spec)) {}
    virtual ~model() = default;
    const model_spec& spec() const { return spec_; }
    const std::string& name() const { return spec_.name; }

    // The model's main on each backend.
#if defined(CHANCHECK_RELACY_PROGRAM)
    virtual void main_relacy(const model_args& args) const = 0;
#else
    virtual void main_threads(const model_args& args) const = 0;
    virtual void main_explore(const model_args& args) const = 0;
#endif

private:
    model_spec spec_;
};

class registry {
public:
    static registry& instance();
    // Returns true so registration can initialise a namespace-scope constant.
    bool add(std::unique_ptr<model> m);
    const model* find(std::string_view name) const;
    // Sorted by name.
    std::vector<const model*> all() const;

private:
    std::map<std::string, std::unique_ptr<model>, std::less<>> models_;
};

template <class M>
class model_adapter final : public model {
public:
    model_adapter() : model(M::spec()) {}
#if defined(CHANCHECK_RELACY_PROGRAM)
    void main_relacy(const model_args& args) const override { M::template main<relacy>(args); }
#else
    void main_threads(const model_args& args) const override { M::template main<threads>(args); }
    void main_explore(const model_args& args) const override { M::template main<explore>(args); }
#endif
};

}  // namespace chancheck

#define CHANCHECK_CONCAT_INNER(a, b) a##b
#define CHANCHECK_CONCAT(a, b) CHANCHECK_CONCAT_INNER(a, b)
// Registers model type M under M::spec().name when the program starts.
#define CHANCHECK_REGISTER_MODEL(M)                                                     \
    [[maybe_unused]] static const bool CHANCHECK_CONCAT(chancheck_registered_, __LINE__) = \
        ::chancheck::registry::instance().add(std::make_unique<::chancheck::model_adapter<M>>())
