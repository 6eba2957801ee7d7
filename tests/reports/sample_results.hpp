// Results for the report tests, stable from run to run: the misrouting
// counterexample replayed from a stored schedule (so its trace never
// changes), a proof, a bounded search, and a run on real threads. Timings
// are fixed so golden files can compare whole outputs.
#pragma once

#include <chancheck/check_model.hpp>
#include <chancheck/model.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace chancheck::testing_reports {

inline check_result checked(const std::string& model, const std::vector<std::string>& params, explore_options o) {
    const chancheck::model* m = registry::instance().find(model);
    if (!m) throw std::logic_error("no model " + model);
    check_result r = check_model(*m, m->spec().parse(params), o);
    r.stats.seconds = 0.25;
    return r;
}

// shared-channels with a buffered response channel: requester 1 receives
// the response to request 0.
inline check_result misrouting() {
    explore_options o;
    o.strategy.name = "replay";
    o.strategy.schedule = parse_schedule("0,0,0,0,0,2>1,1,3>1,3");
    return checked("shared-channels", {"requesters=2", "response-capacity=1"}, o);
}

inline check_result deadlock() {
    explore_options o;
    o.strategy.name = "replay";
    o.strategy.schedule = parse_schedule("0,0,0,0,0,2>1,1,1>2.0,2,3>1,1,5,3.1,3,0,0,4");
    return checked("shared-channels", {"requesters=2", "give-up=true"}, o);
}

inline check_result race() {
    explore_options o;
    o.strategy.name = "replay";
    o.strategy.schedule = parse_schedule("0,0,0,0,0,0,2>1.1");
    return checked("route-table", {"racy-read=true"}, o);
}

inline check_result proof() { return checked("shared-channels", {"requesters=3"}, {}); }

inline check_result bounded() {
    explore_options o;
    o.max_executions = 2;
    return checked("shared-channels", {"requesters=3"}, o);
}

// What `chancheck run` reports: real threads, no schedule, a tally.
inline check_result threads_run() {
    check_result r;
    r.model = "shared-channels";
    r.params = {{"requesters", "3"}, {"response-capacity", "1"}};
    r.backend = "threads";
    r.strategy = "real threads";
    r.outcome = verdict::counterexample;
    r.properties = {"routing", "no-lost-request", "terminates"};
    r.stats.executions = 100;
    r.stats.seconds = 0.25;
    r.violations = {{"routing", 93}, {"no-lost-request", 0}, {"terminates", 0}};
    counterexample cx;
    cx.kind = "assertion";
    cx.message = "property routing violated in goroutine \"requester 1\": requester 1 received the response to request 0";
    r.cx = cx;
    return r;
}

}  // namespace chancheck::testing_reports
