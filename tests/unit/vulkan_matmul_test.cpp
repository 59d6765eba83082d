// The Vulkan matmul backend against a double-precision reference at awkward sizes, its errors for
// requests too large for the device, and its recovery after them. Runs on lavapipe where there is no GPU.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "compute/vulkan/vulkan_matmul.h"

namespace dojo {
namespace {

// Own helpers rather than matmul.cpp's, so these tests stand on the backend alone.
Matrix filled(int rows, int cols, std::uint32_t seed) {
    Matrix m(rows, cols);
    std::uint32_t state = seed * 2654435761u + 1u;
    for (float& v : m.data) {
        state = state * 1664525u + 1013904223u;  // an LCG: the same values everywhere
        v = static_cast<float>(state >> 8) / static_cast<float>(1u << 23) - 1.0f;  // [-1, 1)
    }
    return m;
}

double relative_error(const Matrix& a, const Matrix& b, const Matrix& c) {
    double max_diff = 0, max_ref = 0;
    for (int i = 0; i < a.rows; ++i)
        for (int j = 0; j < b.cols; ++j) {
            double sum = 0;
            for (int p = 0; p < a.cols; ++p) sum += static_cast<double>(a.at(i, p)) * static_cast<double>(b.at(p, j));
            max_diff = std::max(max_diff, std::abs(static_cast<double>(c.at(i, j)) - sum));
            max_ref = std::max(max_ref, std::abs(sum));
        }
    return max_ref > 0 ? max_diff / max_ref : max_diff;
}

class VulkanMatmulTest : public ::testing::Test {
protected:
    // One device for the whole suite: setting up lavapipe's pipelines takes a while.
    static void SetUpTestSuite() { backend_ = std::make_unique<VulkanMatmulBackend>(); }
    static void TearDownTestSuite() { backend_.reset(); }
    void SetUp() override {
        if (!backend_->ok()) GTEST_SKIP() << "no Vulkan device to test on: " << backend_->error();
    }

    // Multiplies m x k by k x n with `kernel` and checks it against the reference.
    void expect_correct(const std::string& kernel, int m, int n, int k) {
        SCOPED_TRACE(kernel + " " + std::to_string(m) + "x" + std::to_string(n) + "x" + std::to_string(k));
        Matrix a = filled(m, k, 1), b = filled(k, n, 2), c;
        MatmulTiming timing;
        std::string error;
        ASSERT_TRUE(backend_->matmul(kernel, a, b, c, timing, error)) << error;
        ASSERT_EQ(c.rows, m);
        ASSERT_EQ(c.cols, n);
        EXPECT_LT(relative_error(a, b, c), 1e-4);
        EXPECT_GE(timing.kernel_ms, 0.0);
        EXPECT_GE(timing.wall_ms, timing.kernel_ms);
    }

    static std::unique_ptr<VulkanMatmulBackend> backend_;
};

std::unique_ptr<VulkanMatmulBackend> VulkanMatmulTest::backend_;

const int kSizes[][3] = {{1, 1, 1}, {7, 7, 7}, {33, 17, 29}, {127, 129, 65}, {129, 127, 257}, {64, 64, 64}, {200, 100, 50}};

TEST_F(VulkanMatmulTest, DescribesItself) {
    EXPECT_EQ(backend_->name(), "vulkan");
    EXPECT_FALSE(backend_->device().empty());
    std::vector<KernelInfo> kernels = backend_->kernels();
    ASSERT_EQ(kernels.size(), 3u);
    EXPECT_EQ(kernels[0].name, "naive");
    EXPECT_EQ(kernels[1].name, "tiled-shared");
    EXPECT_EQ(kernels[2].name, "register-vec4");
    for (const KernelInfo& k : kernels) {
        EXPECT_FALSE(k.teaches.empty()) << k.name;
        EXPECT_EQ(k.dtype, DType::F32);
        EXPECT_FALSE(k.reference);
    }
    std::string error;
    std::vector<std::string> devices = VulkanMatmulBackend::devices(error);
    EXPECT_NE(std::find(devices.begin(), devices.end(), backend_->device()), devices.end()) << error;
}

TEST_F(VulkanMatmulTest, NaiveIsCorrectAtAwkwardSizes) {
    for (const auto& s : kSizes) expect_correct("naive", s[0], s[1], s[2]);
}

TEST_F(VulkanMatmulTest, TiledIsCorrectAtAwkwardSizes) {
    for (const auto& s : kSizes) expect_correct("tiled-shared", s[0], s[1], s[2]);
}

TEST_F(VulkanMatmulTest, RegisterVec4IsCorrectAtAwkwardSizes) {
    for (const auto& s : kSizes) expect_correct("register-vec4", s[0], s[1], s[2]);
    // Sizes where only some dimensions allow vec4 loads, so fast and scalar paths meet.
    expect_correct("register-vec4", 68, 36, 12);
    expect_correct("register-vec4", 36, 68, 13);
    expect_correct("register-vec4", 37, 64, 16);
}

TEST_F(VulkanMatmulTest, RefusesBadRequests) {
    Matrix a = filled(4, 3, 1), b = filled(5, 2, 2), c;
    MatmulTiming timing;
    std::string error;
    EXPECT_FALSE(backend_->matmul("naive", a, b, c, timing, error));
    EXPECT_NE(error.find("do not match"), std::string::npos) << error;
    Matrix b2 = filled(3, 2, 2);
    error.clear();
    EXPECT_FALSE(backend_->matmul("cublas", a, b2, c, timing, error));
    EXPECT_NE(error.find("unknown"), std::string::npos) << error;
}

TEST_F(VulkanMatmulTest, TooLargeForTheDeviceFailsCleanlyAndTheBackendStaysUsable) {
    // 40000 x 1 times 1 x 40000: small inputs, but C alone is 6.4 GB, beyond any storage buffer.
    Matrix a = filled(40000, 1, 1), b = filled(1, 40000, 2), c;
    MatmulTiming timing;
    std::string error;
    for (const KernelInfo& k : backend_->kernels()) {
        error.clear();
        EXPECT_FALSE(backend_->matmul(k.name, a, b, c, timing, error));
        EXPECT_TRUE(error.find("too large for this device") != std::string::npos ||
                    error.find("VK_ERROR_OUT_OF_DEVICE_MEMORY") != std::string::npos)
            << error;
    }
    for (const KernelInfo& k : backend_->kernels()) expect_correct(k.name, 33, 17, 29);
}

TEST(VulkanMatmulBackendTest, AMissingDeviceIsAnErrorNotACrash) {
    VulkanMatmulBackend backend(99);  // no machine has a hundred Vulkan devices
    EXPECT_FALSE(backend.ok());
    EXPECT_FALSE(backend.error().empty());
    Matrix a = filled(2, 2, 1), b = filled(2, 2, 2), c;
    MatmulTiming timing;
    std::string error;
    EXPECT_FALSE(backend.matmul("naive", a, b, c, timing, error));
    EXPECT_NE(error.find("Vulkan is not available"), std::string::npos) << error;
}

// Not part of the suite: `dojo_vulkan_tests --gtest_also_run_disabled_tests --gtest_filter=*Throughput*`
// prints each kernel's median GFLOP/s over 5 runs at 256 and 512.
TEST_F(VulkanMatmulTest, DISABLED_Throughput) {
    for (int size : {256, 512}) {
        Matrix a = filled(size, size, 1), b = filled(size, size, 2), c;
        for (const KernelInfo& k : backend_->kernels()) {
            std::vector<double> ms;
            std::string error;
            MatmulTiming timing;
            ASSERT_TRUE(backend_->matmul(k.name, a, b, c, timing, error)) << error;  // warm-up
            EXPECT_LT(relative_error(a, b, c), 1e-4);
            for (int run = 0; run < 5; ++run) {
                ASSERT_TRUE(backend_->matmul(k.name, a, b, c, timing, error)) << error;
                ms.push_back(timing.kernel_ms);
            }
            std::sort(ms.begin(), ms.end());
            const double gflops = 2.0 * size * size * size / (ms[2] * 1e6);
            std::printf("%s %s %d: median %.2f ms, %.2f GFLOP/s\n", backend_->device().c_str(), k.name.c_str(), size, ms[2],
                        gflops);
        }
    }
}

}  // namespace
}  // namespace dojo
