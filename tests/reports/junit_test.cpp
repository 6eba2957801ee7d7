// The JUnit report, read back as a CI server would: a strict little XML
// reader (it rejects an unescaped < or & and unbalanced tags), then the
// suite's counts, each test case, failures, skips and properties.
#include "sample_results.hpp"

#include <chancheck/reports/report.hpp>

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace chancheck::reports {
namespace {

using namespace chancheck::testing_reports;

struct element {
    std::string name;
    std::map<std::string, std::string> attrs;
    std::vector<element> children;
    std::string text;

    std::vector<const element*> all(const std::string& n) const {
        std::vector<const element*> out;
        for (const auto& c : children)
            if (c.name == n) out.push_back(&c);
        return out;
    }
    const element* first(const std::string& n) const {
        auto v = all(n);
        return v.empty() ? nullptr : v.front();
    }
    std::string attr(const std::string& n) const {
        auto it = attrs.find(n);
        return it == attrs.end() ? "<absent>" : it->second;
    }
};

// Enough XML 1.0 for what the writer emits; anything else is an error.
class xml_reader {
public:
    explicit xml_reader(std::string s) : s_(std::move(s)) {}

    element document() {
        expect("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        skip_space();
        element root = read_element();
        skip_space();
        if (at_ != s_.size()) fail("content after the root element");
        return root;
    }

private:
    [[noreturn]] void fail(const std::string& why) const {
        throw std::runtime_error(why + " at offset " + std::to_string(at_));
    }
    void expect(std::string_view lit) {
        if (s_.compare(at_, lit.size(), lit) != 0) fail("expected " + std::string(lit));
        at_ += lit.size();
    }
    void skip_space() {
        while (at_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[at_]))) ++at_;
    }
    std::string name() {
        const std::size_t from = at_;
        while (at_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[at_])) || s_[at_] == '-' || s_[at_] == '_'))
            ++at_;
        if (at_ == from) fail("expected a name");
        return s_.substr(from, at_ - from);
    }
    // Character data up to `end`, entities decoded; a raw < or & is an error.
    std::string chars(char end) {
        std::string out;
        while (at_ < s_.size() && s_[at_] != end) {
            const char c = s_[at_];
            if (c == '<') fail("unescaped <");
            if (c != '&') {
                out += c;
                ++at_;
                continue;
            }
            const std::size_t semi = s_.find(';', at_);
            if (semi == std::string::npos) fail("unterminated entity");
            const std::string ent = s_.substr(at_ + 1, semi - at_ - 1);
            static const std::map<std::string, char> named{{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
            if (auto it = named.find(ent); it != named.end()) out += it->second;
            else if (ent.size() > 1 && ent[0] == '#' && ent.find_first_not_of("0123456789", 1) == std::string::npos)
                out += static_cast<char>(std::stoi(ent.substr(1)));
            else fail("unknown entity &" + ent + ";");
            at_ = semi + 1;
        }
        return out;
    }
    element read_element() {
        element e;
        expect("<");
        e.name = name();
        for (;;) {
            skip_space();
            if (s_.compare(at_, 2, "/>") == 0) {
                at_ += 2;
                return e;
            }
            if (s_.compare(at_, 1, ">") == 0) break;
            const std::string key = name();
            expect("=\"");
            if (!e.attrs.emplace(key, chars('"')).second) fail("duplicate attribute " + key);
            expect("\"");
        }
        ++at_;
        for (;;) {
            e.text += chars('<');
            if (s_.compare(at_, 2, "</") == 0) break;
            e.children.push_back(read_element());
        }
        at_ += 2;
        if (name() != e.name) fail("mismatched end tag of " + e.name);
        expect(">");
        return e;
    }

    std::string s_;
    std::size_t at_ = 0;
};

std::string junit_of(const std::vector<check_result>& results) {
    std::ostringstream out;
    write_junit(out, results);
    return out.str();
}

// The one <testsuite> (inside the <testsuites> root).
element suite_of(const std::vector<check_result>& results) {
    const std::string xml = junit_of(results);
    element root;
    try {
        root = xml_reader(xml).document();
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(std::string("not well-formed: ") + e.what() + "\n" + xml);
    }
    if (root.name != "testsuites" || root.children.size() != 1 || root.children[0].name != "testsuite")
        throw std::runtime_error("expected <testsuites> holding one <testsuite>:\n" + xml);
    return root.children.front();
}

const element& only_case(const element& suite) {
    const auto cases = suite.all("testcase");
    if (cases.size() != 1) throw std::runtime_error("expected one <testcase>, found " + std::to_string(cases.size()));
    return *cases.front();
}

TEST(Junit, CountsMatchTheResultsInOneSuite) {
    const std::vector<check_result> results{misrouting(), proof(), bounded(), race(), threads_run()};
    const element suite = suite_of(results);
    EXPECT_EQ(suite.name, "testsuite");
    EXPECT_EQ(suite.attr("name"), "chancheck");
    EXPECT_EQ(suite.attr("tests"), "5");
    EXPECT_EQ(suite.attr("failures"), "3");
    EXPECT_EQ(suite.attr("errors"), "0");
    EXPECT_EQ(suite.attr("skipped"), "1");
    EXPECT_EQ(suite.attr("time"), "1.250");
    const auto cases = suite.all("testcase");
    ASSERT_EQ(cases.size(), results.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        std::string name = results[i].model;
        for (const auto& [k, v] : results[i].params) name += " " + k + "=" + v;
        EXPECT_EQ(cases[i]->attr("classname"), "chancheck." + results[i].model);
        EXPECT_EQ(cases[i]->attr("name"), name);
        EXPECT_EQ(cases[i]->attr("time"), "0.250");
        EXPECT_EQ(cases[i]->first("failure") != nullptr, results[i].cx.has_value()) << name;
    }
    // The same model under two parameter sets: two names.
    EXPECT_NE(cases[0]->attr("name"), cases[1]->attr("name"));
}

TEST(Junit, ACounterexampleIsAFailureCarryingWhatItTakesToActOnIt) {
    const check_result r = misrouting();
    const element suite = suite_of({r});
    const element* failure = only_case(suite).first("failure");
    ASSERT_NE(failure, nullptr);
    EXPECT_EQ(failure->attr("type"), "assertion");
    EXPECT_EQ(failure->attr("message"), r.cx->message);
    const std::string& body = failure->text;
    EXPECT_NE(body.find("kind: assertion\n"), std::string::npos) << body;
    EXPECT_NE(body.find("message: " + r.cx->message + "\n"), std::string::npos) << body;
    EXPECT_NE(body.find("schedule: " + r.cx->schedule + "\n"), std::string::npos) << body;
    ASSERT_FALSE(replay_command(r).empty());
    EXPECT_NE(body.find("replay: " + replay_command(r) + "\n"), std::string::npos) << body;
    // The trace is the text report's, uncoloured.
    std::ostringstream text;
    write_text(text, r, {.color = false});
    EXPECT_NE(body.find(text.str()), std::string::npos) << body;
    EXPECT_EQ(body.find('\033'), std::string::npos);
    EXPECT_EQ(only_case(suite).first("skipped"), nullptr);
}

TEST(Junit, ABoundedSearchIsSkippedNeitherFailedNorPassed) {
    const check_result r = bounded();
    ASSERT_EQ(r.outcome, verdict::bounded);
    ASSERT_FALSE(r.cuts.empty());
    const element suite = suite_of({r});
    EXPECT_EQ(suite.attr("skipped"), "1");
    EXPECT_EQ(suite.attr("failures"), "0");
    const element* tc = &only_case(suite);
    EXPECT_EQ(tc->first("failure"), nullptr);
    const element* skipped = tc->first("skipped");
    ASSERT_NE(skipped, nullptr);
    const std::string message = skipped->attr("message");
    EXPECT_EQ(message.rfind("bounded: ", 0), 0u) << message;
    for (const auto& cut : r.cuts) EXPECT_NE(message.find(cut), std::string::npos) << message;
}

TEST(Junit, AProofHasNeitherFailureNorSkip) {
    const element suite = suite_of({proof()});
    EXPECT_EQ(suite.attr("tests"), "1");
    EXPECT_EQ(suite.attr("failures"), "0");
    EXPECT_EQ(suite.attr("skipped"), "0");
    const element* tc = &only_case(suite);
    EXPECT_EQ(tc->first("failure"), nullptr);
    EXPECT_EQ(tc->first("skipped"), nullptr);
    EXPECT_EQ(tc->first("error"), nullptr);
}

TEST(Junit, PropertiesNameBackendStrategyExecutionsAndVerdict) {
    const check_result r = proof();
    const element suite = suite_of({r});
    const element* props = only_case(suite).first("properties");
    ASSERT_NE(props, nullptr);
    std::map<std::string, std::string> got;
    for (const element* p : props->all("property")) got[p->attr("name")] = p->attr("value");
    EXPECT_EQ(got, (std::map<std::string, std::string>{{"backend", "explore"},
                                                       {"strategy", r.strategy},
                                                       {"executions", std::to_string(r.stats.executions)},
                                                       {"verdict", "proved"}}));
}

TEST(Junit, MarkupInNamesAndMessagesIsEscaped) {
    check_result r = misrouting();
    r.model = "a<b&\"c\"";
    r.params = {{"p", "x<&\"y'"}};
    r.cx->kind = "k<&\"";
    r.cx->message = "got <&\"> back";
    r.cx->trace[0].value = "</failure>";
    const element suite = suite_of({r});
    const element* tc = &only_case(suite);
    ASSERT_NE(tc, nullptr);
    EXPECT_EQ(tc->attr("classname"), "chancheck.a<b&\"c\"");
    EXPECT_EQ(tc->attr("name"), "a<b&\"c\" p=x<&\"y'");
    const element* failure = tc->first("failure");
    ASSERT_NE(failure, nullptr);
    EXPECT_EQ(failure->attr("type"), "k<&\"");
    EXPECT_EQ(failure->attr("message"), "got <&\"> back");
    EXPECT_NE(failure->text.find("</failure>"), std::string::npos);
}

TEST(Junit, ARunOnRealThreadsFailsWithoutScheduleOrTrace) {
    const check_result r = threads_run();
    const element suite = suite_of({r});
    const element* failure = only_case(suite).first("failure");
    ASSERT_NE(failure, nullptr);
    EXPECT_EQ(failure->attr("type"), "assertion");
    EXPECT_EQ(failure->text.find("schedule:"), std::string::npos);
    EXPECT_EQ(failure->text.find("replay:"), std::string::npos);
    EXPECT_NE(failure->text.find("violated in 93 of 100"), std::string::npos) << failure->text;
}

TEST(Junit, NoResultsIsAnEmptySuite) {
    const element suite = suite_of({});
    EXPECT_EQ(suite.attr("tests"), "0");
    EXPECT_TRUE(suite.all("testcase").empty());
}

TEST(Junit, TheXmlReaderRejectsWhatAReporterWould) {
    for (const char* bad : {"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a b=\"<\"/>",
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>&</a>",
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a><b></a>",
                            "<a/>"})
        EXPECT_THROW(xml_reader(bad).document(), std::runtime_error) << bad;
}

}  // namespace
}  // namespace chancheck::reports
