// `dojo bench`: runs the matrix-multiply ladders of the backends this build has, checks every
// result against a reference, and prints a table (or JSON / CSV). Exit codes are documented in
// the CLI's help: 0 all passed, 1 a kernel failed, 2 usage, 3 backend not in this build, 4 no device.
#pragma once

#include <string>
#include <vector>

namespace dojo {

struct BenchCommand {
    std::string backend = "cpu";           // cpu, vulkan, cuda, all
    std::vector<std::string> kernels;      // empty or "all": every kernel
    std::string size = "512";              // N, or M,N,K
    std::string dtype = "fp32";
    int repetitions = 5;
    int warmup = 1;
    bool json = false, csv = false;
};

int run_bench(const BenchCommand& command);

}  // namespace dojo
