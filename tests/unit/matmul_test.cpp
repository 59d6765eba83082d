// The matmul ladder and its harness: every CPU kernel against the double-precision reference at awkward
// sizes, and bench_matmul's promises (median, cancel, progress, no speed for a wrong result) on fake backends.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "compute/cpu/cpu_backend.h"
#include "compute/host_memory.h"
#include "compute/matmul.h"
#include "hardware/host_memory_probe.h"

namespace dojo {
namespace {

struct Shape {
    int m, n, k;
};

class CpuKernelsAtSize : public testing::TestWithParam<Shape> {};

TEST_P(CpuKernelsAtSize, EveryKernelMatchesTheReference) {
    const Shape s = GetParam();
    const Matrix a = random_matrix(s.m, s.k, 11), b = random_matrix(s.k, s.n, 12);
    const Matrix ref = reference_matmul(a, b);
    CpuBackend cpu;
    for (const KernelInfo& kernel : cpu.kernels()) {
        Matrix c(s.m, s.n);
        std::fill(c.data.begin(), c.data.end(), 777.0f);  // a kernel must overwrite C, not add to it
        MatmulTiming t;
        std::string error;
        ASSERT_TRUE(cpu.matmul(kernel.name, a, b, c, t, error)) << kernel.name << ": " << error;
        EXPECT_LE(max_relative_error(c, ref), error_tolerance(kernel.dtype, s.k)) << kernel.name;
        EXPECT_GE(t.kernel_ms, 0.0);
        EXPECT_EQ(t.kernel_ms, t.wall_ms);
    }
}

INSTANTIATE_TEST_SUITE_P(AwkwardSizes, CpuKernelsAtSize,
                         testing::Values(Shape{1, 1, 1}, Shape{7, 7, 7}, Shape{33, 17, 29}, Shape{127, 129, 65},
                                         Shape{129, 127, 257}, Shape{1000, 33, 7}, Shape{64, 64, 64}, Shape{256, 256, 256},
                                         Shape{3, 1000, 300}, Shape{130, 9, 513}, Shape{5, 9, 0}),
                         [](const testing::TestParamInfo<Shape>& p) {
                             return std::to_string(p.param.m) + "x" + std::to_string(p.param.n) + "x" + std::to_string(p.param.k);
                         });

TEST(CpuBackend, ListsTheLadderWithLessons) {
    CpuBackend cpu("Test CPU");
    EXPECT_EQ(cpu.name(), "cpu");
    EXPECT_EQ(cpu.device().rfind("Test CPU", 0), 0u);
    std::set<std::string> names;
    for (const KernelInfo& k : cpu.kernels()) {
        EXPECT_FALSE(k.teaches.empty()) << k.name;
        EXPECT_TRUE(names.insert(k.name).second) << "duplicate " << k.name;
    }
    for (const char* required : {"naive", "loop-reorder", "cache-blocked", "multithreaded"})
        EXPECT_TRUE(names.count(required)) << required;
}

// Where GCC/Clang vector extensions are 128-bit SIMD (every x86-64, WebAssembly with -msimd128) the
// ladder must offer simd-128, between the scalar rungs and the wider ones; its correctness at awkward
// shapes (edge tiles, k across packing blocks, k = 0) is in CpuKernelsAtSize with every other rung.
TEST(CpuBackend, OffersSimd128AfterCacheBlocked) {
#if defined(__SSE2__) || defined(__wasm_simd128__)
    const std::vector<KernelInfo> kernels = CpuBackend().kernels();
    auto position = [&](const std::string& name) {
        const auto named = [&](const KernelInfo& k) { return k.name == name; };
        return std::find_if(kernels.begin(), kernels.end(), named) - kernels.begin();
    };
    ASSERT_LT(position("simd-128"), static_cast<std::ptrdiff_t>(kernels.size()));
    EXPECT_EQ(position("simd-128"), position("cache-blocked") + 1);
#else
    GTEST_SKIP() << "no 128-bit vector extensions on this target";
#endif
}

TEST(CpuBackend, RejectsUnknownKernelsAndMismatchedShapes) {
    CpuBackend cpu;
    Matrix a = random_matrix(4, 5, 1), b = random_matrix(5, 3, 2), c;
    MatmulTiming t;
    std::string error;
    EXPECT_FALSE(cpu.matmul("no-such-kernel", a, b, c, t, error));
    EXPECT_NE(error.find("no-such-kernel"), std::string::npos);
    Matrix wrong = random_matrix(4, 3, 2);
    EXPECT_FALSE(cpu.matmul("naive", a, wrong, c, t, error));
    EXPECT_NE(error.find("do not match"), std::string::npos);
}

TEST(Tolerance, AcceptsCorrectFp32AtLongK) {
    // k = 4096 at a modest m, n keeps the O(mnk) double reference cheap; naive sums sequentially (the
    // worst order for rounding), the best kernel in blocks, OpenBLAS in its own order.
    const int m = 48, n = 40, k = 4096;
    const Matrix a = random_matrix(m, k, 5), b = random_matrix(k, n, 6);
    const Matrix ref = reference_matmul(a, b);
    const double tol = error_tolerance(NumberFormat::FP32, k);
    CpuBackend cpu;
    for (const KernelInfo& kernel : cpu.kernels()) {
        if (kernel.name != "naive" && kernel.name != "multithreaded" && kernel.name != "openblas") continue;
        Matrix c;
        MatmulTiming t;
        std::string error;
        ASSERT_TRUE(cpu.matmul(kernel.name, a, b, c, t, error)) << error;
        const double err = max_relative_error(c, ref);
        EXPECT_LE(err, tol / 4) << kernel.name << " leaves too little margin";
    }
    // ...and one element wrong by 1e-3 of the largest value fails.
    Matrix bad = ref;
    double max_ref = 0;
    for (float v : ref.data) max_ref = std::max(max_ref, std::fabs(static_cast<double>(v)));
    bad.at(17, 3) += static_cast<float>(1e-3 * max_ref);
    EXPECT_GT(max_relative_error(bad, ref), tol);
}

TEST(Tolerance, GrowsWithKAndWithCoarserFormats) {
    EXPECT_LT(error_tolerance(NumberFormat::FP32, 64), error_tolerance(NumberFormat::FP32, 4096));
    EXPECT_LT(error_tolerance(NumberFormat::FP32, 1024), error_tolerance(NumberFormat::TF32, 1024));
    EXPECT_EQ(error_tolerance(NumberFormat::TF32, 1024), error_tolerance(NumberFormat::FP16, 1024));
    EXPECT_LT(error_tolerance(NumberFormat::FP16, 1024), error_tolerance(NumberFormat::BF16, 1024));
    EXPECT_GT(error_tolerance(NumberFormat::FP32, 1), 0.0);
}

TEST(MaxRelativeError, HandlesZeroReferenceNaNAndShapeMismatch) {
    Matrix zero(2, 2), c(2, 2);
    EXPECT_EQ(max_relative_error(c, zero), 0.0);
    c.at(1, 1) = 0.5f;
    EXPECT_EQ(max_relative_error(c, zero), 0.5);
    c.at(0, 0) = std::nanf("");
    EXPECT_TRUE(std::isinf(max_relative_error(c, zero)));
    EXPECT_TRUE(std::isinf(max_relative_error(Matrix(2, 3), zero)));
}

TEST(RandomMatrix, IsDeterministicAndInRange) {
    const Matrix a = random_matrix(10, 20, 3), b = random_matrix(10, 20, 3), c = random_matrix(10, 20, 4);
    EXPECT_EQ(a.data, b.data);
    EXPECT_NE(a.data, c.data);
    for (float v : a.data) EXPECT_TRUE(v >= -1.0f && v < 1.0f);
}

// A backend whose timings and correctness the test chooses.
class FakeBackend : public MatmulBackend {
public:
    std::vector<double> kernel_ms;  // one per call, in order
    bool broken = false, fail = false;
    std::atomic<bool>* cancel_after = nullptr;
    int cancel_at_call = -1;
    int calls = 0;

    std::string name() const override { return "fake"; }
    std::string device() const override { return "Fake Device"; }
    std::vector<KernelInfo> kernels() const override { return {{"fake-kernel", "Fakes.", NumberFormat::FP32, false}}; }
    bool matmul(const std::string&, const Matrix& a, const Matrix& b, Matrix& c, MatmulTiming& t, std::string& error) override {
        if (fail) {
            error = "device lost";
            return false;
        }
        const double ms = kernel_ms[static_cast<std::size_t>(calls) % kernel_ms.size()];
        ++calls;
        if (cancel_after && calls == cancel_at_call) cancel_after->store(true);
        c = reference_matmul(a, b);
        if (broken) {
            double max_ref = 0;
            for (float v : c.data) max_ref = std::max(max_ref, std::fabs(static_cast<double>(v)));
            c.data[c.data.size() / 2] += static_cast<float>(1e-3 * max_ref);
        }
        t.kernel_ms = ms;
        t.wall_ms = ms + 1.0;
        return true;
    }
};

TEST(BenchMatmul, MedianMinMaxAndGflopsFromKnownTimings) {
    FakeBackend fake;
    fake.kernel_ms = {100.0, 5.0, 1.0, 4.0, 2.0, 3.0};  // the first is the warm-up and must be ignored
    BenchOptions opt;
    opt.warmup = 1;
    opt.repetitions = 5;
    const BenchResult r = bench_matmul(fake, fake.kernels()[0], 16, 8, 4, opt);
    ASSERT_TRUE(r.passed) << r.error;
    EXPECT_EQ(fake.calls, 6);
    EXPECT_EQ(r.repetitions, 5);
    EXPECT_DOUBLE_EQ(r.median_ms, 3.0);
    EXPECT_DOUBLE_EQ(r.min_ms, 1.0);
    EXPECT_DOUBLE_EQ(r.max_ms, 5.0);
    EXPECT_DOUBLE_EQ(r.wall_median_ms, 4.0);
    EXPECT_DOUBLE_EQ(r.gflops, 2.0 * 16 * 8 * 4 / (3.0 * 1e6));
    EXPECT_EQ(r.backend, "fake");
    EXPECT_EQ(r.device, "Fake Device");
    EXPECT_EQ(r.dtype, "fp32");
    EXPECT_TRUE(r.error.empty());
}

TEST(BenchMatmul, MedianOfAnEvenCountIsTheMeanOfTheMiddleTwo) {
    FakeBackend fake;
    fake.kernel_ms = {4.0, 1.0, 3.0, 2.0};
    BenchOptions opt;
    opt.warmup = 0;
    opt.repetitions = 4;
    const BenchResult r = bench_matmul(fake, fake.kernels()[0], 4, 4, 4, opt);
    EXPECT_DOUBLE_EQ(r.median_ms, 2.5);
}

TEST(BenchMatmul, AWrongKernelNeverReportsASpeed) {
    FakeBackend fake;
    fake.kernel_ms = {1.0};
    fake.broken = true;
    const BenchResult r = bench_matmul(fake, fake.kernels()[0], 32, 32, 64, BenchOptions{});
    EXPECT_FALSE(r.passed);
    EXPECT_EQ(r.gflops, 0.0);
    EXPECT_GT(r.max_rel_error, r.tolerance);
    EXPECT_NE(r.error.find("wrong result"), std::string::npos) << r.error;
}

TEST(BenchMatmul, BackendErrorsAreReported) {
    FakeBackend fake;
    fake.fail = true;
    const BenchResult r = bench_matmul(fake, fake.kernels()[0], 8, 8, 8, BenchOptions{});
    EXPECT_FALSE(r.passed);
    EXPECT_EQ(r.gflops, 0.0);
    EXPECT_EQ(r.error, "device lost");
}

TEST(BenchMatmul, CancelStopsBetweenRuns) {
    FakeBackend fake;
    fake.kernel_ms = {1.0};
    std::atomic<bool> cancel{false};
    fake.cancel_after = &cancel;
    fake.cancel_at_call = 2;
    BenchOptions opt;
    opt.warmup = 1;
    opt.repetitions = 10;
    opt.cancel = &cancel;
    const BenchResult r = bench_matmul(fake, fake.kernels()[0], 8, 8, 8, opt);
    EXPECT_EQ(fake.calls, 2);
    EXPECT_FALSE(r.passed);
    EXPECT_EQ(r.gflops, 0.0);
    EXPECT_EQ(r.error, "cancelled");
}

TEST(BenchMatmul, ProgressCountsWarmupsAndRepetitions) {
    FakeBackend fake;
    fake.kernel_ms = {1.0};
    std::vector<std::pair<int, int>> seen;
    BenchOptions opt;
    opt.warmup = 2;
    opt.repetitions = 3;
    opt.progress = [&](int done, int total) { seen.emplace_back(done, total); };
    bench_matmul(fake, fake.kernels()[0], 4, 4, 4, opt);
    ASSERT_EQ(seen.size(), 5u);
    for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], std::make_pair(static_cast<int>(i) + 1, 5));
}

TEST(BenchMatmul, UsesAGivenReference) {
    FakeBackend fake;
    fake.kernel_ms = {1.0};
    const Matrix ref = reference_matmul(random_matrix(8, 6, 1), random_matrix(6, 5, 2));
    EXPECT_TRUE(bench_matmul(fake, fake.kernels()[0], 8, 5, 6, BenchOptions{}, &ref).passed);
    const Matrix other = reference_matmul(random_matrix(8, 6, 3), random_matrix(6, 5, 4));
    EXPECT_FALSE(bench_matmul(fake, fake.kernels()[0], 8, 5, 6, BenchOptions{}, &other).passed);
}

TEST(BenchMatmul, RejectsEmptyProblems) {
    FakeBackend fake;
    fake.kernel_ms = {1.0};
    const BenchResult r = bench_matmul(fake, fake.kernels()[0], 0, 4, 4, BenchOptions{});
    EXPECT_FALSE(r.passed);
    EXPECT_FALSE(r.error.empty());
    EXPECT_EQ(fake.calls, 0);
}

TEST(BenchResultExport, JsonHasExactlyTheDocumentedFields) {
    FakeBackend fake;
    fake.kernel_ms = {2.0};
    const nlohmann::json j = to_json(bench_matmul(fake, fake.kernels()[0], 8, 8, 8, BenchOptions{}));
    std::set<std::string> keys;
    for (auto it = j.begin(); it != j.end(); ++it) keys.insert(it.key());
    const std::set<std::string> expected = {"backend",
                                            "device",
                                            "kernel",
                                            "dtype",
                                            "m",
                                            "n",
                                            "k",
                                            "repetitions",
                                            "median_ms",
                                            "min_ms",
                                            "max_ms",
                                            "wall_median_ms",
                                            "gflops",
                                            "max_rel_error",
                                            "tolerance",
                                            "passed",
                                            "error_sampled",
                                            "error"};
    EXPECT_EQ(keys, expected);
    EXPECT_EQ(j["kernel"], "fake-kernel");
    EXPECT_EQ(j["passed"], true);
    EXPECT_DOUBLE_EQ(j["median_ms"].get<double>(), 2.0);
}

TEST(BenchResultExport, CsvRowMatchesTheHeaderAndQuotes) {
    BenchResult r;
    r.backend = "cpu";
    r.device = "AMD EPYC, 2 threads";
    r.error = "said \"no\"";
    const std::string header = csv_header(), row = to_csv(r);
    EXPECT_EQ(std::count(header.begin(), header.end(), ','), 16);
    EXPECT_NE(row.find("\"AMD EPYC, 2 threads\""), std::string::npos);
    EXPECT_NE(row.find("\"said \"\"no\"\"\""), std::string::npos);
    EXPECT_EQ(row.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace dojo

namespace dojo {
namespace {

TEST(SampledError, MatchesTheFullCheckOnCorrectResultsAndCatchesABadCorner) {
    const Matrix a = random_matrix(70, 50, 1), b = random_matrix(50, 90, 2);
    Matrix c = reference_matmul(a, b);
    EXPECT_LT(sampled_relative_error(a, b, c, 256), 1e-6);
    c.at(69, 89) += 1.0f;  // the bottom-right corner, which edge-tile bugs break first
    EXPECT_GT(sampled_relative_error(a, b, c, 4), 1e-2) << "the corners are always sampled";
}

}  // namespace
}  // namespace dojo

namespace dojo {
namespace {

TEST(HostMemory, ASizeThatCannotFitIsRefusedWithWhatFits) {
    EXPECT_EQ(matmul_host_bytes(100, 100, 100), 2u * 3u * 100u * 100u * 4u);
    EXPECT_EQ(matmul_memory_refusal(512, 512, 512, 1ull << 30), "") << "6 MiB fits in 1 GiB";
    EXPECT_EQ(matmul_memory_refusal(512, 512, 512, 0), "") << "unknown memory: allowed";
    const std::string why = matmul_memory_refusal(100000, 100000, 100000, 1ull << 30);
    EXPECT_NE(why.find("100000 x 100000"), std::string::npos) << why;
    EXPECT_NE(why.find("sizes up to 6688 fit"), std::string::npos) << why;  // sqrt(2^30 / 24)
    EXPECT_EQ(matmul_memory_refusal(6688, 6688, 6688, 1ull << 30), "") << "the size it names does fit";
    EXPECT_NE(matmul_memory_refusal(6689, 6689, 6689, 1ull << 30), "");
}

TEST(HostMemory, ThisMachineReportsWhatIsAvailable) {
    install_native_host_memory_probe();
    const std::uint64_t available = host_memory_available();
    EXPECT_GT(available, 16ull << 20) << "a machine running the tests has more than 16 MiB free";
}

TEST(HostMemory, ThePlatformsProbeDecidesAndNamesThePlace) {
    set_host_memory_probe({[]() -> std::uint64_t { return 1ull << 30; }, "browser tab"});
    CpuBackend cpu;
    BenchOptions options;
    const BenchResult r = bench_matmul(cpu, cpu.kernels().front(), 8000, 8000, 8000, options, nullptr);
    EXPECT_FALSE(r.passed);
    EXPECT_NE(r.error.find("this browser tab has 1 GiB left; sizes up to 6688 fit"), std::string::npos) << r.error;
    set_host_memory_probe({});
    EXPECT_EQ(host_memory_available(), 0u) << "no probe: unknown";
    install_native_host_memory_probe();
}

TEST(HostMemory, BenchRefusesAHugeSizeBeforeAllocating) {
    install_native_host_memory_probe();
    CpuBackend cpu;
    const std::vector<KernelInfo> kernels = cpu.kernels();
    BenchOptions options;
    // 2 x 10^6 squared FP32 matrices are 16 TB each: no test machine has that, so the run must be refused
    // (allocating would throw or be killed).
    const BenchResult r = bench_matmul(cpu, kernels.front(), 2000000, 2000000, 2000000, options, nullptr);
    EXPECT_FALSE(r.passed);
    EXPECT_NE(r.error.find("size refused before allocating"), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("fit"), std::string::npos) << r.error;
}

}  // namespace
}  // namespace dojo
