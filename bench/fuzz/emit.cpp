// A fuzz program as C++ against the chancheck API, to paste into a
// regression test: a function template over the backend S that takes
// `note(goroutine, text)` and notes exactly what the interpreter notes, in
// the same places, with the objects created in the same order.
#include "program.hpp"

#include <sstream>

namespace fuzz {

namespace {

class emitter {
public:
    explicit emitter(const program& p) : p_(p) {}

    std::string run(const std::string& name) {
        out_ << "// Observations go to note(goroutine, text); a panic a goroutine recovers from\n"
                "// ends only that goroutine, as a deferred recover() would.\n"
                "template <chancheck::Sync S, class Note>\n"
             << "void " << name << "(Note note) {\n";
        depth_ = 1;
        line("struct objects {");
        ++depth_;
        for (std::size_t c = 0; c < p_.chans.size(); ++c) {
            if (p_.chans[c] < 0) line("chancheck::chan<int, S> c" + std::to_string(c) + ";  // nil");
            else
                line("chancheck::chan<int, S> c" + std::to_string(c) + " = chancheck::make_chan<int, S>(" +
                     std::to_string(p_.chans[c]) + ", \"c" + std::to_string(c) + "\");");
        }
        for (int k = 0; k < p_.mutexes; ++k) line("chancheck::mutex<S> m" + std::to_string(k) + ";");
        for (int k = 0; k < p_.rw_mutexes; ++k) line("chancheck::rw_mutex<S> rw" + std::to_string(k) + ";");
        for (int k = 0; k < p_.wait_groups; ++k) line("chancheck::wait_group<S> wg" + std::to_string(k) + ";");
        for (int k = 0; k < p_.conds; ++k) {
            const std::string n = std::to_string(k);
            line("chancheck::mutex<S> km" + n + ";");
            line("chancheck::cond<S> k" + n + "{km" + n + "};");
            line("chancheck::shared<int, S> kf" + n + ";  // k" + n + "'s predicate");
        }
        for (int k = 0; k < p_.shareds; ++k) line("chancheck::shared<int, S> s" + std::to_string(k) + ";");
        --depth_;
        line("};");
        line("auto o = std::make_shared<objects>();");
        goroutine_body(p_.g[0], "const std::string self = \"main\";");
        out_ << "}\n";
        return out_.str();
    }

private:
    void line(const std::string& s) { out_ << std::string(static_cast<std::size_t>(depth_) * 4, ' ') << s << "\n"; }

    void goroutine_body(const goroutine& g, const std::string& self) {
        line(self);
        if (g.recover) {
            line("try {");
            ++depth_;
            block(g.body);
            --depth_;
            line("} catch (const std::exception& e) {");
            line("    note(self, std::string(\"recovered: \") + e.what());");
            line("}");
        } else {
            block(g.body);
        }
        line("note(self, \"end\");");
    }

    void block(const std::vector<stmt>& body) {
        for (const stmt& s : body) statement(s);
    }

    // A nested block in braces, for statements that declare names.
    void braced(const std::vector<std::string>& lines) {
        line("{");
        ++depth_;
        for (const auto& l : lines) line(l);
        --depth_;
        line("}");
    }

    static std::string c(int k) { return "c" + std::to_string(k); }
    static std::string q(const std::string& s) { return "\"" + s + "\""; }
    static std::string received(const std::string& prefix, const std::string& v, const std::string& ok) {
        return "note(self, " + q(prefix) + " + std::to_string(" + v + ") + (" + ok + " ? \"\" : \", closed\"));";
    }

    void statement(const stmt& s) {
        const std::string a = std::to_string(s.a);
        switch (s.kind) {
            case op::send: line("o->" + c(s.a) + ".send(" + std::to_string(s.value) + ");"); break;
            case op::recv:
                braced({"auto [v, ok] = o->" + c(s.a) + ".recv();", received("<-" + c(s.a) + " = ", "v", "ok")});
                break;
            case op::close: line("o->" + c(s.a) + ".close();"); break;
            case op::select: select(s); break;
            case op::len:
            case op::cap: {
                const std::string f = s.kind == op::len ? "len" : "cap";
                line("note(self, " + q(f + " " + c(s.a) + " = ") + " + std::to_string(o->" + c(s.a) + "." + f + "()));");
                break;
            }
            case op::range:
                line("for (int v : o->" + c(s.a) + ") {");
                ++depth_;
                line("note(self, " + q("range " + c(s.a) + " = ") + " + std::to_string(v));");
                block(s.body);
                --depth_;
                line("}");
                break;
            case op::go: go(s); break;
            case op::lock: line("o->m" + a + ".lock();"); break;
            case op::unlock: line("o->m" + a + ".unlock();"); break;
            case op::rlock: line("o->rw" + a + ".rlock();"); break;
            case op::runlock: line("o->rw" + a + ".runlock();"); break;
            case op::wlock: line("o->rw" + a + ".lock();"); break;
            case op::wunlock: line("o->rw" + a + ".unlock();"); break;
            case op::wg_add: line("o->wg" + a + ".add(" + std::to_string(s.value) + ");"); break;
            case op::wg_done: line("o->wg" + a + ".done();"); break;
            case op::wg_wait: line("o->wg" + a + ".wait();"); break;
            case op::cond_wait:
                line("o->km" + a + ".lock();");
                line("while (o->kf" + a + ".read() == 0) o->k" + a + ".wait();");
                line("o->km" + a + ".unlock();");
                break;
            case op::cond_signal:
            case op::cond_broadcast:
                line("o->km" + a + ".lock();");
                line("o->kf" + a + ".write() = 1;");
                line("o->k" + a + (s.kind == op::cond_signal ? ".signal();" : ".broadcast();"));
                line("o->km" + a + ".unlock();");
                break;
            case op::read: line("note(self, " + q("s" + a + " = ") + " + std::to_string(o->s" + a + ".read()));"); break;
            case op::write: line("o->s" + a + ".write() = " + std::to_string(s.value) + ";"); break;
            case op::print: line("note(self, " + q("print " + std::to_string(s.value)) + ");"); break;
            case op::panic: line("throw std::runtime_error(\"boom\");"); break;
            case op::sleep: line("chancheck::sleep<S>(std::chrono::milliseconds(" + std::to_string(s.value) + "));"); break;
            case op::after: line("chancheck::after<S>(std::chrono::milliseconds(" + std::to_string(s.value) + ")).recv();"); break;
            case op::loop: {
                const std::string i = "i" + std::to_string(loops_++);
                line("for (int " + i + " = 0; " + i + " < " + std::to_string(s.value) + "; ++" + i + ") {");
                ++depth_;
                block(s.body);
                --depth_;
                line("}");
                break;
            }
        }
    }

    void select(const stmt& s) {
        line("chancheck::select<S>(");
        ++depth_;
        for (std::size_t k = 0; k < s.arms.size(); ++k) {
            const arm& x = s.arms[k];
            const std::string which = "select " + std::to_string(k) + ": ";
            if (x.timer) {
                line("chancheck::on_recv(chancheck::after<S>(std::chrono::milliseconds(" + std::to_string(x.value) + ")), [&] {");
                ++depth_;
                line("note(self, " + q(which + "timer") + ");");
            } else if (x.send) {
                line("chancheck::on_send(o->" + c(x.chan) + ", " + std::to_string(x.value) + ", [&] {");
                ++depth_;
                line("note(self, " + q(which + c(x.chan) + " <- " + std::to_string(x.value)) + ");");
            } else {
                line("chancheck::on_recv(o->" + c(x.chan) + ", [&](int v, bool ok) {");
                ++depth_;
                line(received(which + "<-" + c(x.chan) + " = ", "v", "ok"));
            }
            block(x.body);
            --depth_;
            line(k + 1 < s.arms.size() || s.has_default ? "})," : "})");
        }
        if (s.has_default) {
            line("chancheck::on_default([&] {");
            ++depth_;
            line("note(self, \"select: default\");");
            block(s.otherwise);
            --depth_;
            line("})");
        }
        --depth_;
        line(");");
    }

    void go(const stmt& s) {
        const goroutine& child = p_.g[static_cast<std::size_t>(s.a)];
        if (s.value <= 1) {
            line("chancheck::go<S>(" + q(child.name) + ", [o, note] {");
            ++depth_;
            goroutine_body(child, "const std::string self = " + q(child.name) + ";");
        } else {
            line("chancheck::go_interchangeable<S>(" + q(child.name) + ", " + std::to_string(s.value) +
                 ", [o, note](chancheck::identity me) {");
            ++depth_;
            goroutine_body(child, "const std::string self = " + q(child.name + " ") + " + me.text();");
        }
        --depth_;
        line("});");
    }

    const program& p_;
    std::ostringstream out_;
    int depth_ = 0;
    int loops_ = 0;
};

}  // namespace

std::string emit_cpp(const program& p, const std::string& function_name) { return emitter(p).run(function_name); }

}  // namespace fuzz
