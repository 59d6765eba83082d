// What a run of a learner's kernel came to, in plain words and as data (`dojo exercise check
// --json`, docs/exercise-verdict.schema.json): compile errors at the learner's lines, the first
// wrong element, writes outside the output (caught in guard areas around it), a kernel stopped
// because it would never end, and on a pass its time against the model solution's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "exercises/exercise.h"
#include "exercises/kernel_source.h"
#include "exercises/operations.h"
#include "exercises/trace_analysis.h"

namespace dojo {

// Elements of guard area before the output (and at least this many after it): a write there is
// out of bounds, even when the answer happens to be right.
inline constexpr std::size_t kGuardElements = kLeadingGuard;
// What the output and its guards hold before the kernel runs: a NaN no arithmetic produces, so an
// element still holding it was never written.
inline constexpr std::uint32_t kCanaryBits = 0x7FA5A5A5u;
float canary_value();
// True for an element still holding the canary: never written.
bool is_canary(float v);

struct Mismatch {
    std::size_t index = 0;  // in the output
    float expected = 0, actual = 0;
    bool never_written = false;
};

struct OutOfBounds {
    long long index = 0;  // relative to the output's first element: -3 is three before it
};

struct Verdict {
    std::string exercise, language, backend, device;
    bool compiled = false;
    std::vector<CompileError> compile_errors;
    bool ran = false;
    std::string run_error;  // the device failed (not the learner's kernel)
    bool timed_out = false;
    std::optional<Mismatch> first_mismatch;
    std::size_t wrong = 0;                   // how many elements are wrong
    std::vector<OutOfBounds> out_of_bounds;  // the first few, and how many in all
    std::size_t out_of_bounds_count = 0;
    std::vector<float> output;           // the checked problem's output, for the picture of wrong cells,
    std::vector<float> expected;         // what it should hold,
    std::vector<std::uint8_t> is_wrong;  // and which of its elements are wrong (1)
    // The traced run, where the device can trace: each thread's accesses, races, reads outside the
    // inputs; and how many values of a and b the model solution's busiest thread read (-1: unknown).
    std::optional<TraceReport> trace;
    int model_max_global_reads = -1;
    bool passed = false;
    // On a pass: the learner's kernel and the model solution on the larger problem.
    double time_ms = 0, reference_time_ms = 0;
    double bytes = 0;  // moved at least, for GB/s

    // One or two sentences: "Passed: ..." or what is wrong, where.
    std::string summary() const;
};

// Compares `with_guards` (kGuardElements, the output, then the trailing guard) against the
// reference and fills the verdict's checks; passed when nothing is wrong.
void judge_output(const Operation& op, const ProblemSize& size, const std::vector<float>& with_guards, Verdict& verdict);

nlohmann::json to_json(const Verdict& verdict);

}  // namespace dojo
