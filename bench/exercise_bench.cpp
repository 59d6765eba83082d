// How long a learner waits for a verdict on the desktop: compile plus run of each exercise's model
// solution on its checked problem (the Run button's work, without the timing on the larger problem),
// on this machine's Vulkan device (lavapipe here). Warm-up, then the median of 7. Goal: under 1 s.
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
    std::printf("Kernel exercises on %s: compile + run of the model solution, median of 7 after a warm-up\n",
                device.device().c_str());
    double worst = 0;
    std::string worst_id;
    for (const Exercise& e : exercises) {
        const auto code = e.code.find(KernelLanguage::Glsl);
        if (code == e.code.end()) continue;
        std::vector<double> ms;
        for (int run = 0; run < 8; ++run) {
            const auto start = std::chrono::steady_clock::now();
            const Verdict v = check_exercise(e, code->second.solution, device, false);
            const auto stop = std::chrono::steady_clock::now();
            if (!v.passed) {
                std::printf("%-14s the model solution failed: %s\n", e.id.c_str(), v.summary().c_str());
                return 1;
            }
            if (run > 0) ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
        }
        std::sort(ms.begin(), ms.end());
        const double median = ms[ms.size() / 2];
        std::printf("%-14s %8.1f ms\n", e.id.c_str(), median);
        if (median > worst) worst = median, worst_id = e.id;
    }
    std::printf("goal: a verdict within 1 s; slowest %s at %.1f ms: %s\n", worst_id.c_str(), worst,
                worst < 1000 ? "met" : "NOT met");
    return 0;
}
