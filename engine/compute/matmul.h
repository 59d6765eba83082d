// The compute labs' common ground: one matrix-multiply interface that every backend (CPU, CUDA,
// Vulkan, WebGPU) implements, one result type for every run, and the harness that
// times runs honestly (warm-up, repetitions, median) and checks every result against a reference
// before any speed is reported.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "common/number_format.h"
#include "compute/lab_devices.h"

namespace dojo {

// Row-major matrices of float. C = A * B with A m x k, B k x n, C m x n.
struct Matrix {
    int rows = 0, cols = 0;
    std::vector<float> data;
    Matrix() = default;
    Matrix(int r, int c) : rows(r), cols(c), data(static_cast<std::size_t>(r) * static_cast<std::size_t>(c)) {}
    float& at(int r, int c) {
        return data[static_cast<std::size_t>(r) * static_cast<std::size_t>(cols) + static_cast<std::size_t>(c)];
    }
    float at(int r, int c) const {
        return data[static_cast<std::size_t>(r) * static_cast<std::size_t>(cols) + static_cast<std::size_t>(c)];
    }
};

// Deterministic values in [-1, 1), so runs on different machines multiply the same matrices.
Matrix random_matrix(int rows, int cols, std::uint32_t seed);

struct KernelInfo {
    std::string name;     // e.g. "naive", "tiled-shared", "cublas"
    std::string teaches;  // one sentence: what this rung of the ladder shows
    NumberFormat dtype = NumberFormat::FP32;
    bool reference = false;  // a vendor library (OpenBLAS, cuBLAS), shown as its own rung
};

// One run of a kernel, as the backend measured it.
struct MatmulTiming {
    double kernel_ms = 0;  // the multiply alone (device time on a GPU)
    double wall_ms = 0;    // the whole call as the host sees it, copies to and from the device included
};

class MatmulBackend {
public:
    virtual ~MatmulBackend() = default;
    virtual std::string name() const = 0;    // "cpu", "cuda", "vulkan"
    virtual std::string device() const = 0;  // e.g. "AMD EPYC (2 threads)", "llvmpipe"
    virtual std::vector<KernelInfo> kernels() const = 0;
    // Computes c = a * b with `kernel` once. On failure returns false with a message that says what
    // went wrong (out of memory, device lost, unknown kernel) and leaves the device usable.
    virtual bool matmul(const std::string& kernel, const Matrix& a, const Matrix& b, Matrix& c, MatmulTiming& timing,
                        std::string& error) = 0;

    // What a reader of the results should know about how the backend set itself up for this
    // device (tile sizes it chose, rungs it left out and why); copied into every lab report.
    virtual std::vector<std::string> setup_notes() const { return {}; }

    // The labs beyond matmul this backend's device can run; null where it cannot (see lab_devices.h).
    virtual TransferDevice* transfers() { return nullptr; }
    virtual MemoryDevice* memory() { return nullptr; }
    virtual PeakDevice* peaks() { return nullptr; }
};

// The kernel a lab uses when it needs this backend's best of `dtype`: its vendor-library rung
// where it has one, else the last (most refined) rung of that dtype; null when it has none.
const KernelInfo* best_kernel(const std::vector<KernelInfo>& kernels, NumberFormat dtype);

// Everything a run reports; the same for every backend.
struct BenchResult {
    std::string backend, device, kernel, dtype;
    int m = 0, n = 0, k = 0;
    int repetitions = 0;
    double median_ms = 0, min_ms = 0, max_ms = 0;  // kernel time over the repetitions
    double wall_median_ms = 0;                     // including transfers
    double gflops = 0;                             // 2mnk / median kernel time
    double max_rel_error = 0;                      // max |c - ref| / max |ref|
    double tolerance = 0;                          // what max_rel_error must stay under for this dtype and k
    bool passed = false;                           // false: the speed is not reported
    bool error_sampled = false;                    // checked on 4096 sampled entries (large problems)
    std::string error;                             // why it failed, when it did
};

struct BenchOptions {
    int warmup = 1;
    int repetitions = 5;
    const std::atomic<bool>* cancel = nullptr;          // checked between runs
    std::function<void(int done, int total)> progress;  // called after each run
};

// The median of some timings (the mean of the middle two for an even count); 0 for none.
double median(std::vector<double> values);

// The error a correct kernel of this dtype may show on a k-long dot product.
double error_tolerance(NumberFormat dtype, int k);

// Multiplies in double precision, for reference results (slow: for tests and small sizes).
Matrix reference_matmul(const Matrix& a, const Matrix& b);
double max_relative_error(const Matrix& c, const Matrix& reference);
// The same measure over `samples` entries of C (the corners, then a fixed pseudo-random set), each
// against a double-precision dot product: how problems too large for a full reference are checked.
double sampled_relative_error(const Matrix& a, const Matrix& b, const Matrix& c, int samples);
// Above this many multiply-adds (m*n*k) bench_matmul checks sampled entries instead of all of C.
inline constexpr double kFullReferenceFlops = 2048.0 * 2048.0 * 2048.0;

// Runs `kernel` warm-up + repetitions times on a (m x k) * (k x n) problem, checks the last result
// against `reference` (computed here when null), and fills a BenchResult.
BenchResult bench_matmul(MatmulBackend& backend, const KernelInfo& kernel, int m, int n, int k, const BenchOptions& options,
                         const Matrix* reference = nullptr);

nlohmann::json to_json(const BenchResult& r);
std::string csv_header();
std::string to_csv(const BenchResult& r);
std::string csv_field(const std::string& s);  // RFC 4180 quoting where a field needs it

}  // namespace dojo
