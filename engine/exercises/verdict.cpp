// Judging a run's output against the reference, and the verdict in words and as JSON.
#include "exercises/verdict.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <utility>

#include <nlohmann/json.hpp>

namespace dojo {

namespace {

std::string number(float v) {
    if (std::isnan(v)) return "NaN";
    char b[32];
    std::snprintf(b, sizeof b, "%g", static_cast<double>(v));
    return b;
}

}  // namespace

bool is_canary(float v) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    return bits == kCanaryBits;
}

float canary_value() {
    float v = 0;
    std::memcpy(&v, &kCanaryBits, sizeof v);
    return v;
}

void judge_output(const Operation& op, const ProblemSize& size, const std::vector<float>& with_guards, Verdict& v) {
    const std::size_t n = op.out_size(size);
    const std::vector<float> a = exercise_input(op.a_size(size), 0), b = exercise_input(op.b_size(size), 1);
    std::vector<float> expected(n, 0.0f);
    op.reference(size, a, b, expected);
    v.output.assign(n, canary_value());
    for (std::size_t i = 0; i < with_guards.size(); ++i) {
        const long long rel = static_cast<long long>(i) - static_cast<long long>(kGuardElements);
        if (rel >= 0 && static_cast<std::size_t>(rel) < n) {
            v.output[static_cast<std::size_t>(rel)] = with_guards[i];
            continue;
        }
        if (is_canary(with_guards[i])) continue;
        ++v.out_of_bounds_count;
        if (v.out_of_bounds.size() < 8) v.out_of_bounds.push_back({rel});
    }
    v.is_wrong.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const float got = v.output[i], want = expected[i];
        const double allowed = op.tolerance * std::max(op.tolerance_floor, std::fabs(static_cast<double>(want)));
        const bool right = !std::isnan(got) && std::fabs(static_cast<double>(got) - want) <= allowed;
        if (right) continue;
        v.is_wrong[i] = 1;
        ++v.wrong;
        if (!v.first_mismatch) v.first_mismatch = Mismatch{i, want, got, is_canary(got)};
    }
    v.expected = std::move(expected);
    v.passed = v.compiled && v.ran && v.run_error.empty() && !v.timed_out && v.wrong == 0 && v.out_of_bounds_count == 0;
}

std::string Verdict::summary() const {
    if (!compiled) {
        if (compile_errors.empty()) return "The kernel did not compile.";
        const CompileError& e = compile_errors.front();
        return "The kernel did not compile: " + (e.line > 0 ? "line " + std::to_string(e.line) + ": " : std::string()) +
               e.message;
    }
    if (!run_error.empty()) return "The kernel could not run: " + run_error;
    if (timed_out)
        return "The kernel was stopped: one thread's loops ran past " + std::to_string(kKernelStepBudget) +
               " steps, so it would never have ended. Check each loop's condition and step.";
    std::string s;
    if (first_mismatch) {
        const Mismatch& m = *first_mismatch;
        s = "Wrong output: element " + std::to_string(m.index) + " should be " + number(m.expected) + " but " +
            (m.never_written ? std::string("was never written") : "is " + number(m.actual)) + " (" + std::to_string(wrong) +
            (wrong == 1 ? " element is" : " elements are") + " wrong).";
    }
    if (out_of_bounds_count > 0) {
        const long long i = out_of_bounds.front().index;
        s += std::string(s.empty() ? "" : " ") + "Out-of-bounds write: " + std::to_string(out_of_bounds_count) +
             (out_of_bounds_count == 1 ? " write" : " writes") + " landed outside the output, the first at index " +
             std::to_string(i) + (i < 0 ? " (before element 0)." : " (past its last element). A thread needs a guard.");
    }
    if (trace && trace->out_of_bounds_read_count > 0) {
        const OutOfBoundsRead& r = trace->out_of_bounds_reads.front();
        s += std::string(s.empty() ? "" : " ") + "Out-of-bounds read: " + r.thread.name() + " read " + r.buffer + "[" +
             std::to_string(r.index) + "]" + (r.index < 0 ? ", before its first element" : ", past its last element") +
             " (robust buffer access hid it here; on another GPU such a read can give anything)" +
             (trace->out_of_bounds_read_count > 1
                  ? ", and " + std::to_string(trace->out_of_bounds_read_count - 1) + " more reads did the same."
                  : ".");
    }
    if (trace && trace->race_count > 0) {
        s += std::string(s.empty() ? "" : " ") + trace->races.front().sentence();
        if (trace->race_count > 1)
            s += " " + std::to_string(trace->race_count - 1) +
                 (trace->race_count == 2 ? " more element races." : " more elements race.");
    }
    if (!s.empty()) return s;
    char b[160];
    std::snprintf(b, sizeof b, "Passed: every element is right and nothing was written out of bounds%s.",
                  trace ? ", with no race and no read outside the inputs" : "");
    std::string out = b;
    if (time_ms > 0 && reference_time_ms > 0) {
        std::snprintf(b, sizeof b, " On the larger problem your kernel took %.3f ms (%.2f GB/s); the model solution %.3f ms.",
                      time_ms, bytes / (time_ms * 1e6), reference_time_ms);
        out += b;
    }
    return out;
}

nlohmann::json to_json(const Verdict& v) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& e : v.compile_errors) errors.push_back({{"line", e.line}, {"column", e.column}, {"message", e.message}});
    nlohmann::json oob = nlohmann::json::array();
    for (const auto& o : v.out_of_bounds) oob.push_back({{"buffer", "result"}, {"index", o.index}});
    nlohmann::json oob_reads = nullptr;
    if (v.trace) {
        oob_reads = nlohmann::json::array();
        for (const auto& r : v.trace->out_of_bounds_reads)
            oob_reads.push_back({{"buffer", r.buffer}, {"index", r.index}, {"thread", {r.thread.x, r.thread.y}}});
    }
    nlohmann::json mismatch = nullptr;
    if (v.first_mismatch)
        mismatch = {
            {"index", v.first_mismatch->index},
            {"expected", v.first_mismatch->expected},
            {"actual", v.first_mismatch->never_written ? nlohmann::json(nullptr) : nlohmann::json(v.first_mismatch->actual)},
            {"never_written", v.first_mismatch->never_written}};
    return {{"format", "compute-dojo-exercise-verdict"},
            {"version", 1},
            {"exercise", v.exercise},
            {"language", v.language},
            {"backend", v.backend},
            {"device", v.device},
            {"passed", v.passed},
            {"compiled", v.compiled},
            {"compile_errors", errors},
            {"run_error", v.run_error},
            {"timed_out", v.timed_out},
            {"first_mismatch", mismatch},
            {"wrong", v.wrong},
            {"out_of_bounds", oob},
            {"out_of_bounds_count", v.out_of_bounds_count},
            {"races", v.trace ? races_to_json(*v.trace) : nlohmann::json(nullptr)},
            {"race_count", v.trace ? nlohmann::json(v.trace->race_count) : nlohmann::json(nullptr)},
            {"out_of_bounds_reads", oob_reads},
            {"max_reads_per_thread", v.trace ? nlohmann::json(v.trace->max_global_reads) : nlohmann::json(nullptr)},
            {"model_max_reads_per_thread",
             v.model_max_global_reads >= 0 ? nlohmann::json(v.model_max_global_reads) : nlohmann::json(nullptr)},
            {"checks", v.trace ? nlohmann::json{"compile", "output", "bounds", "timeout", "races", "reads"}
                               : nlohmann::json{"compile", "output", "bounds", "timeout"}},
            {"time_ms", v.time_ms > 0 ? nlohmann::json(v.time_ms) : nlohmann::json(nullptr)},
            {"reference_time_ms", v.reference_time_ms > 0 ? nlohmann::json(v.reference_time_ms) : nlohmann::json(nullptr)},
            {"summary", v.summary()}};
}

}  // namespace dojo
