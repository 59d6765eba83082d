// The CUDA matmul backend: every rung against a double-precision reference at awkward sizes, its
// errors, the memory lab's out-of-memory answer and recovery, the transfer lab's checks and the peak
// numbers. Everything that needs a GPU skips, with the reason, where there is none; the tests of
// the no-device path run everywhere.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "cuda/cuda_matmul.h"
#include "cuda_presence.h"
#include "test_matrices.h"

namespace dojo {
namespace {

using test::filled;

// A * B in double, cached per size: the 1000^3 reference takes a moment and every rung uses it.
const std::vector<double>& reference(int m, int n, int k) {
    static std::map<std::tuple<int, int, int>, std::vector<double>> cache;
    auto [it, inserted] = cache.try_emplace({m, n, k});
    if (inserted) {
        const Matrix a = filled(m, k, 1), b = filled(k, n, 2);
        std::vector<double>& c = it->second;
        c.assign(static_cast<std::size_t>(m) * static_cast<std::size_t>(n), 0.0);
        for (int i = 0; i < m; ++i)
            for (int p = 0; p < k; ++p) {
                const double av = a.at(i, p);
                for (int j = 0; j < n; ++j) c[static_cast<std::size_t>(i) * n + j] += av * b.at(p, j);
            }
    }
    return it->second;
}

double relative_error(const Matrix& c, const std::vector<double>& ref) {
    double max_diff = 0, max_ref = 0;
    for (std::size_t i = 0; i < ref.size(); ++i) {
        max_diff = std::max(max_diff, std::abs(static_cast<double>(c.data[i]) - ref[i]));
        max_ref = std::max(max_ref, std::abs(ref[i]));
    }
    return max_ref > 0 ? max_diff / max_ref : max_diff;
}

class CudaMatmulTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { backend_ = std::make_unique<CudaMatmulBackend>(); }
    static void TearDownTestSuite() { backend_.reset(); }
    void SetUp() override { DOJO_SKIP_ONLY_WITHOUT_CUDA(*backend_); }

    static const KernelInfo& info(const std::string& name) {
        static std::vector<KernelInfo> kernels = backend_->kernels();
        for (const KernelInfo& k : kernels)
            if (k.name == name) return k;
        ADD_FAILURE() << "no kernel " << name;
        return kernels.front();
    }

    // Multiplies m x k by k x n with `kernel` and checks it against the reference. Returns false
    // (after skipping) when the machine cannot run this rung at all: no cuBLAS, or no bf16 tensor cores.
    static bool expect_correct(const std::string& kernel, int m, int n, int k) {
        SCOPED_TRACE(kernel + " " + std::to_string(m) + "x" + std::to_string(n) + "x" + std::to_string(k));
        const Matrix a = filled(m, k, 1), b = filled(k, n, 2);
        Matrix c;
        MatmulTiming timing;
        std::string error;
        if (!backend_->matmul(kernel, a, b, c, timing, error)) {
            // No cuBLAS on this machine, or a GPU too old for this rung: not a failure of the backend.
            for (const char* cannot :
                 {"is not installed", "compute capability", "CUBLAS_STATUS_NOT_SUPPORTED", "CUBLAS_STATUS_ARCH_MISMATCH"})
                if (error.find(cannot) != std::string::npos) return false;
            ADD_FAILURE() << error;
            return true;
        }
        EXPECT_EQ(c.rows, m);
        EXPECT_EQ(c.cols, n);
        if (c.rows != m || c.cols != n) return true;
        EXPECT_LT(relative_error(c, reference(m, n, k)), error_tolerance(info(kernel).dtype, k));
        EXPECT_GE(timing.kernel_ms, 0.0);
        EXPECT_GE(timing.wall_ms, timing.kernel_ms);
        return true;
    }

    static std::unique_ptr<CudaMatmulBackend> backend_;
};

std::unique_ptr<CudaMatmulBackend> CudaMatmulTest::backend_;

const char* const kKernelNames[] = {"naive",    "coalesced", "smem-tiled",  "1d-blocktile", "2d-blocktile", "vectorized",
                                    "warptile", "cublas",    "cublas-tf32", "cublas-fp16",  "cublas-bf16",  "wmma-bf16"};

const int kSizes[][3] = {{1, 1, 1},          {7, 7, 7},      {33, 33, 33},   {127, 127, 127}, {129, 129, 129},
                         {1000, 1000, 1000}, {33, 129, 7},   {127, 1, 1000}, {1, 1000, 127},  {64, 64, 64},
                         {128, 128, 128},    {129, 257, 31}, {200, 100, 50}, {1, 1, 1000},    {1000, 1, 1}};

TEST_F(CudaMatmulTest, DescribesItself) {
    EXPECT_EQ(backend_->name(), "cuda");
    EXPECT_FALSE(backend_->device().empty());
    const std::vector<KernelInfo> kernels = backend_->kernels();
    ASSERT_EQ(kernels.size(), std::size(kKernelNames));
    for (std::size_t i = 0; i < kernels.size(); ++i) {
        EXPECT_EQ(kernels[i].name, kKernelNames[i]);
        EXPECT_FALSE(kernels[i].teaches.empty()) << kernels[i].name;
        EXPECT_EQ(kernels[i].reference, kernels[i].name.rfind("cublas", 0) == 0) << kernels[i].name;
    }
    EXPECT_EQ(info("cublas").dtype, NumberFormat::FP32);
    EXPECT_EQ(info("cublas-tf32").dtype, NumberFormat::TF32);
    EXPECT_EQ(info("cublas-fp16").dtype, NumberFormat::FP16);
    EXPECT_EQ(info("cublas-bf16").dtype, NumberFormat::BF16);
    EXPECT_EQ(info("wmma-bf16").dtype, NumberFormat::BF16);
    EXPECT_EQ(backend_->transfers(), static_cast<TransferDevice*>(backend_.get()));
    EXPECT_EQ(backend_->memory(), static_cast<MemoryDevice*>(backend_.get()));
    EXPECT_EQ(backend_->peaks(), static_cast<PeakDevice*>(backend_.get()));
    EXPECT_FALSE(backend_->is_cpu_device());
}

class CudaKernelTest : public CudaMatmulTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(CudaKernelTest, IsCorrectAtAwkwardSizes) {
    const std::string kernel = GetParam();
    for (const auto& s : kSizes)
        if (!expect_correct(kernel, s[0], s[1], s[2])) {
            std::string error;
            Matrix c;
            MatmulTiming timing;
            (void)backend_->matmul(kernel, filled(1, 1, 1), filled(1, 1, 2), c, timing, error);  // only the reason is wanted
            GTEST_SKIP() << kernel << " cannot run here: " << error;
        }
}

INSTANTIATE_TEST_SUITE_P(AllRungs, CudaKernelTest, ::testing::ValuesIn(kKernelNames),
                         [](const ::testing::TestParamInfo<const char*>& p) {
                             std::string name = p.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST_F(CudaMatmulTest, RefusesBadRequests) {
    const Matrix a = filled(4, 3, 1), b = filled(5, 2, 2), b2 = filled(3, 2, 2);
    Matrix c;
    MatmulTiming timing;
    std::string error;
    EXPECT_FALSE(backend_->matmul("naive", a, b, c, timing, error));
    EXPECT_NE(error.find("do not match"), std::string::npos) << error;
    error.clear();
    EXPECT_FALSE(backend_->matmul("register-vec4", a, b2, c, timing, error));
    EXPECT_NE(error.find("unknown kernel"), std::string::npos) << error;
    EXPECT_TRUE(expect_correct("smem-tiled", 4, 2, 3));
}

TEST_F(CudaMatmulTest, OutOfMemoryIsAnAnswerAndTheDeviceStaysUsable) {
    DeviceMemoryInfo before;
    std::string error;
    ASSERT_TRUE(backend_->memory_info(before, error)) << error;
    EXPECT_TRUE(before.free_known);
    EXPECT_GT(before.total_bytes, 0u);
    EXPECT_GT(backend_->max_allocation_bytes(), 0u);

    const AllocOutcome too_much = backend_->allocate(before.total_bytes * 2);
    EXPECT_EQ(too_much.status, AllocStatus::OutOfMemory) << too_much.code << ": " << too_much.message;
    EXPECT_EQ(too_much.code, "cudaErrorMemoryAllocation");
    EXPECT_FALSE(too_much.message.empty());
    backend_->free_all();

    for (const char* kernel : {"naive", "warptile", "cublas"}) expect_correct(kernel, 129, 127, 33);
}

TEST_F(CudaMatmulTest, MemoryReturnsToItsBaselineAfterFreeAll) {
    DeviceMemoryInfo baseline, held, after;
    std::string error;
    ASSERT_TRUE(backend_->memory_info(baseline, error)) << error;
    constexpr std::uint64_t kChunk = 256ull << 20;
    ASSERT_GT(baseline.free_bytes, 4 * kChunk) << "too little free memory to test with";
    for (int i = 0; i < 2; ++i) {
        const AllocOutcome out = backend_->allocate(kChunk);
        ASSERT_EQ(out.status, AllocStatus::Ok) << out.code << ": " << out.message;
    }
    ASSERT_TRUE(backend_->memory_info(held, error)) << error;
    EXPECT_LE(held.free_bytes + kChunk, baseline.free_bytes);  // at least one chunk's worth is in use
    backend_->free_all();
    ASSERT_TRUE(backend_->memory_info(after, error)) << error;
    const double diff = static_cast<double>(after.free_bytes) - static_cast<double>(baseline.free_bytes);
    EXPECT_LT(std::abs(diff), 64.0 * 1024 * 1024) << "baseline " << baseline.free_bytes << ", after " << after.free_bytes;
}

TEST_F(CudaMatmulTest, TransfersArriveIntactInBothDirections) {
    const std::uint64_t most = backend_->max_transfer_bytes();
    ASSERT_GT(most, 0u);
    const std::uint64_t sizes[] = {1, 4099, (1u << 20) + 3, 64u << 20};
    for (std::uint64_t bytes : sizes) {
        if (bytes > most) continue;
        for (TransferDirection direction : {TransferDirection::HostToDevice, TransferDirection::DeviceToHost})
            for (HostMemory memory : {HostMemory::Pinned, HostMemory::Pageable}) {
                SCOPED_TRACE(std::to_string(bytes) + " bytes " + direction_name(direction) + " " + host_memory_name(memory));
                std::vector<double> ms;
                std::string error;
                ASSERT_TRUE(backend_->time_transfer(bytes, direction, memory, 1, 3, ms, error)) << error;
                ASSERT_EQ(ms.size(), 3u);
                for (double t : ms) EXPECT_GT(t, 0.0);
            }
    }
    std::vector<double> ms;
    std::string error;
    EXPECT_FALSE(backend_->time_transfer(0, TransferDirection::HostToDevice, HostMemory::Pinned, 0, 1, ms, error));
    EXPECT_FALSE(error.empty());
}

TEST_F(CudaMatmulTest, PeaksArePositive) {
    double gflops = 0, gbps = 0;
    std::string error;
    ASSERT_TRUE(backend_->peak_gflops(3, gflops, error)) << error;
    EXPECT_GT(gflops, 0.0);
    ASSERT_TRUE(backend_->peak_bandwidth(3, gbps, error)) << error;
    EXPECT_GT(gbps, 0.0);
    EXPECT_TRUE(expect_correct("vectorized", 200, 100, 50));  // still multiplying afterwards
}

// These run on every machine: without a driver or a device the backend must say so, not crash.
TEST(CudaMatmulBackendTest, WithoutADeviceItSaysWhyAndDoesNotCrash) {
    CudaMatmulBackend backend;
    if (backend.ok()) GTEST_SKIP() << "this machine has a CUDA device (" << backend.device() << ")";
    EXPECT_FALSE(backend.error().empty());
    EXPECT_TRUE(backend.error().find("driver") != std::string::npos || backend.error().find("device") != std::string::npos)
        << backend.error();
}

TEST(CudaMatmulBackendTest, AMissingDeviceIsAnErrorNotACrash) {
    CudaMatmulBackend backend(99);  // no machine has a hundred CUDA devices
    EXPECT_FALSE(backend.ok());
    EXPECT_FALSE(backend.error().empty());
    EXPECT_TRUE(backend.error().find("driver") != std::string::npos || backend.error().find("device") != std::string::npos)
        << backend.error();
    EXPECT_EQ(backend.name(), "cuda");
    EXPECT_EQ(backend.kernels().size(), std::size(kKernelNames));
    EXPECT_EQ(backend.transfers(), nullptr);
    EXPECT_EQ(backend.memory(), nullptr);
    EXPECT_EQ(backend.peaks(), nullptr);

    const Matrix a = filled(2, 2, 1), b = filled(2, 2, 2);
    Matrix c;
    MatmulTiming timing;
    std::string error;
    EXPECT_FALSE(backend.matmul("naive", a, b, c, timing, error));
    EXPECT_NE(error.find("no CUDA device"), std::string::npos) << error;
    error.clear();
    EXPECT_FALSE(backend.matmul("no-such-kernel", a, b, c, timing, error));
    EXPECT_NE(error.find("unknown kernel"), std::string::npos) << error;

    DeviceMemoryInfo info;
    EXPECT_FALSE(backend.memory_info(info, error));
    EXPECT_EQ(backend.allocate(1024).status, AllocStatus::Failed);
    backend.free_all();
    EXPECT_EQ(backend.max_transfer_bytes(), 0u);
    double value = 0;
    EXPECT_FALSE(backend.peak_gflops(1, value, error));
    EXPECT_FALSE(backend.peak_bandwidth(1, value, error));
}

}  // namespace
}  // namespace dojo
