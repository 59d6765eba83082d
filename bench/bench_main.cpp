// dojo_bench's entry point: sets up headless ImGui, registers the frame benchmarks (which need the
// course loaded first), runs everything, and ends with a summary of the two goals.
#include <benchmark/benchmark.h>

#include <imgui.h>

#include <cstdio>
#include <map>
#include <string>

namespace dojo::bench {
void init_headless_imgui();
void register_frame_benchmarks();
}  // namespace dojo::bench

namespace {

// The console output, plus a last line per goal: the worst loading time per 100 lessons and the
// busiest frame (medians when repetitions are on).
class SummaryReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run& r : runs) {
            if (r.error_occurred) continue;
            if (r.run_type == Run::RT_Aggregate ? r.aggregate_name != "median" : r.repetitions > 1) continue;
            const std::string name = r.run_name.str();
            if (name.rfind("frame/", 0) == 0) {
                const double us = r.GetAdjustedCPUTime() * 1e6 / benchmark::GetTimeUnitMultiplier(r.time_unit);
                if (us > frame_us_) frame_us_ = us, frame_name_ = name;
            }
            if (auto it = r.counters.find("per_100_lessons"); it != r.counters.end() && it->second.value * 1e3 > load_ms_)
                load_ms_ = it->second.value * 1e3, load_name_ = name;
        }
    }
    void Finalize() override {
        ConsoleReporter::Finalize();
        if (!load_name_.empty())
            std::printf("\nGoal 1, load under 20 ms per 100 lessons: %.2f ms (%s): %s\n", load_ms_, load_name_.c_str(),
                        load_ms_ < 20 ? "met" : "NOT met");
        if (!frame_name_.empty())
            std::printf("Goal 2, a frame under 2 ms of CPU: busiest %s at %.0f us: %s\n", frame_name_.c_str(), frame_us_,
                        frame_us_ < 2000 ? "met" : "NOT met");
    }

private:
    double load_ms_ = 0, frame_us_ = 0;
    std::string load_name_, frame_name_;
};

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    dojo::bench::init_headless_imgui();
    dojo::bench::register_frame_benchmarks();
    SummaryReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    ImGui::DestroyContext();
    return 0;
}
