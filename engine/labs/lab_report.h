// One document for every lab run: `dojo bench`, `dojo lab ...` and the desktop Labs view all write
// it, and the desktop and the web app open it again to compare machines side by side. Its JSON
// form is documented in docs/lab-results.md and checked against docs/lab-results.schema.json.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "compute/matmul.h"

namespace dojo {

inline constexpr std::string_view kLabReportFormat = "compute-dojo-results";
inline constexpr int kLabReportVersion = 1;

// One transfer size in one direction from one kind of host memory.
struct TransferPoint {
    std::string direction;  // "host-to-device", "device-to-host"
    std::string memory;     // "pinned", "pageable"
    std::uint64_t bytes = 0;
    int repetitions = 0;
    double median_ms = 0, min_ms = 0, max_ms = 0;
    double gbps = 0;  // bytes / median time, in 1e9 bytes per second
};

// One size of the crossover lab: the best CPU kernel against the GPU, copies included.
struct CrossoverPoint {
    int n = 0;
    double cpu_ms = 0;         // median, best CPU kernel
    double gpu_total_ms = 0;   // median wall time: copies in, multiply, copy back
    double gpu_kernel_ms = 0;  // the multiply alone
    bool gpu_wins = false;     // gpu_total_ms < cpu_ms
};

struct CrossoverSummary {
    std::string cpu_kernel, gpu_backend, gpu_kernel;
    // The smallest n from which the GPU, copies included, beats the CPU at every larger size
    // measured; 0 when it never does in the range.
    int crossover_n = 0;
    std::vector<CrossoverPoint> points;
};

struct VramWall {
    std::uint64_t total_bytes = 0;  // what the device says it has
    std::uint64_t free_before = 0;  // free at the start (when free_known)
    std::uint64_t free_after = 0;   // free once everything was given back (when free_known)
    bool free_known = false;
    std::uint64_t chunk_bytes = 0;
    std::uint64_t limit_bytes = 0;      // 0: no limit, go to the wall
    std::uint64_t allocated_bytes = 0;  // how much fit
    int chunks = 0;
    bool hit_wall = false;                  // the device said out of memory (else the limit stopped it)
    std::string error_code, error_message;  // the device's exact words at the wall
    bool memory_returned = false;           // free memory back at its baseline, or the same total allocated again
    std::string returned_how;               // how that was proven, in words
    std::vector<std::string> fixes;         // what a learner does about the error
};

struct Roofline {
    double peak_gflops = 0;      // measured FP32 FMA throughput
    double bandwidth_gbps = 0;   // measured memory bandwidth
    double ridge_intensity = 0;  // peak_gflops / bandwidth_gbps: flops per byte where the roof bends
    // Each matmul run (in LabReport::matmul) sits at its algorithmic intensity 2mnk / (4(mk+kn+mn)).
};

double matmul_intensity(int m, int n, int k);  // flops per byte with each matrix moved once, fp32

struct MachineInfo {
    std::string host, os, cpu, gpu;  // gpu: the devices the run used, comma-separated
};

struct LabReport {
    std::string lab;  // "bench", "transfer", "crossover", "vram", "precision", "roofline"
    std::string backend, device;
    std::string created;  // UTC, ISO 8601
    MachineInfo machine;
    bool cancelled = false;         // stopped early: what is here are whole runs only
    bool stopped_by_error = false;  // a measurement failed and the lab could not go on (the notes say why)
    std::vector<BenchResult> matmul;
    std::vector<TransferPoint> transfers;
    std::optional<CrossoverSummary> crossover;
    std::optional<VramWall> vram;
    std::optional<Roofline> roofline;
    std::vector<std::string> notes;  // what a reader should know about this run, in words
};

nlohmann::json to_json(const LabReport& report);
std::string lab_report_to_json(const LabReport& report);  // pretty, 2-space indent

struct LabReportParse {
    bool ok = false;
    std::vector<LabReport> reports;  // a file holds one report or an array of them
    std::string error;               // what and where
};
// Never throws; checks the format tag, the version and every field's type.
LabReportParse parse_lab_reports(std::string_view text);

// CSV: one header and one row per measured point of the lab (matmul runs, transfer points, ...).
std::string lab_report_to_csv(const LabReport& report);

// The machine's name as a report gives it: the host, else the CPU, else the device.
std::string machine_label(const LabReport& report);

// One or two sentences a lesson or a card can quote: the run's headline numbers in words, e.g.
// "Best on AMD EPYC: openblas, 384 GFLOP/s at 1024 x 1024 x 1024 (naive: 1.9)."
std::string lab_headline(const LabReport& report);

// What went wrong in a finished report, worst first: the device was lost, it ran out of memory
// during a benchmark (the vram lab's wall is its purpose, not a failure), or something else failed.
enum class LabOutcome { Ok, Failed, OutOfMemory, DeviceLost };
LabOutcome lab_outcome(const LabReport& report);

// UTC now as "2026-11-22T07:20:00Z".
std::string utc_timestamp();

}  // namespace dojo
