// The browser's ExerciseHost: WGSL kernels on WebGPU. WebGPU answers asynchronously, so a check is
// a conversation with web/exercises/webgpu_exercise.js: this side prepares the kernel and its
// buffers and posts them; the page compiles and runs it and calls back (dojo_exercise_ran, below)
// with `result` and its guards; this side judges it, posts the traced kernel (every access of a, b,
// result and the workgroup arrays logged: dojo_exercise_traced), reads the trace for the per-thread
// picture, races and reads outside the inputs, does the same once per exercise for the model
// solution (its reads per thread), and on a pass posts the larger problem to be timed for the
// learner's kernel and the model solution (dojo_exercise_timed); then the verdict is complete. The
// page keeps drawing all along: the exercise view asks for frames while a check runs.
//
// Writes outside the output: `result` is bound 256 bytes (the leading guard) into a buffer that
// also holds the trailing guard, so a write up to a launch's worth past the output lands in the
// trailing guard at its own index. WebGPU's robust access keeps every write inside the binding: a
// write before element 0 or beyond the trailing guard is clamped onto the binding (Chromium puts it
// on its last element) or dropped, so it is caught as a write past the end where it lands, or (where
// a browser drops it) shows only as an element never written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "exercises/exercise_check.h"
#include "exercises/exercise_host.h"
#include "exercises/kernel_source.h"
#include "exercises/trace_source.h"

namespace dojo {

class WebExerciseHost : public ExerciseHost {
public:
    std::vector<ExerciseLanguage> languages() override;
    [[nodiscard]] bool start(const Exercise& exercise, KernelLanguage language, const std::string& code,
                             std::string& error) override;
    bool running() const override { return phase_ != Phase::Idle; }
    bool take_verdict(Verdict& out) override;

    // The test hook's check (dojoTest.checkExercise): like start(), but the verdict's JSON goes to
    // the page's Module.dojoTestVerdict (the view never sees it), or {"error": ...} when it cannot
    // start (`exercise` null: no exercise `id`); timed only when `time_it`.
    void start_for_test(const Exercise* exercise, const std::string& id, const std::string& code, bool time_it);

    // The page's answers (exported functions in web_exercise_host.cpp call these).
    struct RunAnswer {
        bool compiled = false, ran = false;
        unsigned status = 0;                  // the status word (kStatusTimedOut)
        std::string error, device, messages;  // messages: "type\tline\tcolumn\ttext\n" each
    };
    void ran(const RunAnswer& answer, const float* result, int count);
    // A traced run's words (the count, then three per access), or ok false where it did not run.
    void traced(bool ok, const std::uint32_t* words, int count);
    void timed(double mine_ms, double model_ms);

private:
    enum class Phase { Idle, Checking, Tracing, TracingModel, Timing };
    [[nodiscard]] bool begin(const Exercise& exercise, const std::string& code, bool time_it, bool for_test, std::string& error);
    void post_trace(const std::string& code, Phase phase);
    void time_or_finish();
    void finish();

    Phase phase_ = Phase::Idle;
    Exercise exercise_;
    std::string code_;
    PreparedKernel kernel_;
    std::vector<SharedArray> shared_;  // the traced kernel's workgroup arrays
    ModelReads model_reads_;           // the model solutions' most reads by one thread
    bool time_it_ = true;
    Verdict verdict_;
    std::optional<Verdict> done_verdict_;
    bool for_test_ = false;  // the verdict goes to the test hook
};

// The one host the exported callbacks reach (web_platform owns it).
WebExerciseHost* web_exercise_host();

}  // namespace dojo
