// What every gallery model declares: a `fixed` parameter (true by default,
// so every bundled model is correct at its defaults and `run --all` stays
// clean; -p fixed=false shows the bug), and the two checks `check --all`
// runs: the bug as reported must end in its kind of counterexample, the
// upstream fix must be proved.
//
//   static model_spec spec() {
//       return known_bug("gallery/moby-4395", "moby #4395: ...", "the channel has a buffer of one", "leak");
//   }
#pragma once

#include <chancheck/model.hpp>

#include <string>
#include <utility>
#include <vector>

namespace chancheck::models {

inline model_spec known_bug(std::string name, std::string description, const std::string& fix, std::string kind,
                            std::vector<std::string> properties = {"terminates"}) {
    return {std::move(name),
            std::move(description),
            {param_spec::boolean("fixed", true, "the upstream fix (false: the bug as reported): " + fix)},
            std::move(properties),
            {{.params = {"fixed=false"}, .expect = std::move(kind)}, {.params = {"fixed=true"}, .expect = "proved"}}};
}

}  // namespace chancheck::models
