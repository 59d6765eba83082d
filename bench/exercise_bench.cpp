// How long a learner waits for a verdict on the desktop: compile plus run of each exercise's model
// solution on its checked problem (the Run button's work, without the timing on the larger problem,
// with the traced runs of the kernel and the model solution), on this machine's Vulkan device
// (lavapipe here); and the traced run alone (compile, run, read and analyse the trace). Warm-up, then
// the median of 7. Goals: a verdict under 1 s; the traced run of the largest problem under 2 s.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "course/exercise_loader.h"
#include "exercises/exercise_check.h"
#include "vulkan/vulkan_exercise_device.h"

int main() {
    using namespace dojo;
    std::vector<Diagnostic> problems;
    const std::vector<Exercise> exercises =
        load_exercises(std::filesystem::path(DOJO_SOURCE_LESSONS_DIR) / "exercises", problems);
    VulkanExerciseDevice device;
    std::string why;
    if (!device.open(why)) {
        std::printf("exercise bench: no Vulkan device: %s\n", why.c_str());
        return 1;
    }
    std::printf("Kernel exercises on %s: median of 7 after a warm-up\n%-20s %10s %10s %8s\n", device.device().c_str(), "exercise",
                "verdict", "trace", "threads");
    double worst = 0, largest_trace = 0;
    std::string worst_id, largest_id;
    long long largest_threads = 0;
    for (const Exercise& e : exercises) {
        const auto code = e.code.find(KernelLanguage::Glsl);
        if (code == e.code.end()) continue;
        std::vector<double> ms, traced;
        for (int run = 0; run < 8; ++run) {
            const auto t0 = std::chrono::steady_clock::now();
            const auto trace = trace_kernel(e, code->second.solution, device);
            const auto t1 = std::chrono::steady_clock::now();
            if (!trace || trace->race_count > 0) {
                std::printf("%-20s the model solution's traced run failed\n", e.id.c_str());
                return 1;
            }
            if (run > 0) traced.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        }
        for (int run = 0; run < 8; ++run) {
            const auto start = std::chrono::steady_clock::now();
            const Verdict v = check_exercise(e, code->second.solution, device, false);
            const auto stop = std::chrono::steady_clock::now();
            if (!v.passed) {
                std::printf("%-20s the model solution failed: %s\n", e.id.c_str(), v.summary().c_str());
                return 1;
            }
            if (run > 0) ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
        }
        std::sort(ms.begin(), ms.end());
        std::sort(traced.begin(), traced.end());
        const double median = ms[ms.size() / 2], trace_median = traced[traced.size() / 2];
        std::printf("%-20s %7.1f ms %7.1f ms %8lld\n", e.id.c_str(), median, trace_median, e.launch.threads());
        if (median > worst) worst = median, worst_id = e.id;
        if (e.launch.threads() > largest_threads)
            largest_threads = e.launch.threads(), largest_trace = trace_median, largest_id = e.id;
    }
    std::printf("goal: a verdict within 1 s; slowest %s at %.1f ms: %s\n", worst_id.c_str(), worst,
                worst < 1000 ? "met" : "NOT met");
    std::printf("goal: the traced run of the largest problem within 2 s; %s (%lld threads) at %.1f ms: %s\n", largest_id.c_str(),
                largest_threads, largest_trace, largest_trace < 2000 ? "met" : "NOT met");
    return 0;
}
