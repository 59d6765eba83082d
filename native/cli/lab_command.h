// `dojo bench` and `dojo lab transfer|crossover|vram|precision|roofline`: open the backends, run
// the lab with a progress bar on stderr (Ctrl+C stops between measurements), and print a table,
// JSON (docs/lab-results.md) or CSV. Exit codes are listed in exit_codes below and in the help.
#pragma once

#include <string>
#include <vector>

namespace dojo {

namespace exit_codes {
inline constexpr int kOk = 0;
inline constexpr int kFailed = 1;  // a kernel gave a wrong result or a lab could not finish
inline constexpr int kUsage = 2;
inline constexpr int kNotBuilt = 3;       // the backend is not in this build
inline constexpr int kNoDevice = 4;       // the backend is built in but has no usable device
inline constexpr int kDeviceLost = 5;     // the device stopped answering (driver reset, Xid error)
inline constexpr int kOutOfMemory = 6;    // a benchmark ran out of device memory (the vram lab expects it: 0)
inline constexpr int kInterrupted = 130;  // Ctrl+C
}  // namespace exit_codes

struct LabCommand {
    std::string lab = "bench";  // bench, transfer, crossover, vram, precision, roofline
    std::string backend;        // empty: the lab's default (bench: cpu; GPU labs: the first GPU found)
    std::vector<std::string> kernels;
    std::string size;                    // bench: N or M,N,K
    std::vector<int> sizes;              // crossover, precision, roofline
    std::string dtype = "fp32";          // bench: fp32, tf32, fp16, bf16 or all
    std::string max_size, limit, chunk;  // bytes with optional K/M/G suffix
    int repetitions = 5;
    int warmup = 1;
    bool json = false, csv = false;
};

[[nodiscard]] int run_lab_command(const LabCommand& command);

}  // namespace dojo
