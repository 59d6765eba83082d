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

#include "test_matrices.h"
#include "vulkan/vulkan_matmul.h"
#include "vulkan_presence.h"

namespace dojo {
namespace {

using test::filled;

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
    void SetUp() override { DOJO_SKIP_ONLY_WITHOUT_VULKAN(*backend_); }

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

const int kSizes[][3] = {{1, 1, 1},      {7, 7, 7},       {33, 33, 33}, {127, 127, 127}, {129, 129, 129}, {33, 17, 29},
                         {127, 129, 65}, {129, 127, 257}, {64, 64, 64}, {200, 100, 50},  {1, 129, 7},     {129, 1, 33}};

TEST_F(VulkanMatmulTest, DescribesItself) {
    EXPECT_EQ(backend_->name(), "vulkan");
    EXPECT_FALSE(backend_->device().empty());
    std::vector<KernelInfo> kernels = backend_->kernels();
    ASSERT_GE(kernels.size(), 3u);
    EXPECT_EQ(kernels[0].name, "naive");
    EXPECT_EQ(kernels[1].name, "tiled-shared");
    EXPECT_EQ(kernels[2].name, "register-vec4");
    for (const KernelInfo& k : kernels) {
        EXPECT_FALSE(k.teaches.empty()) << k.name;
        EXPECT_EQ(k.dtype, k.name == "coopmat-fp16" ? NumberFormat::FP16 : NumberFormat::FP32);
        EXPECT_FALSE(k.reference);
    }
    // The coopmat rung is listed exactly when there is no note saying why not.
    const bool coopmat = kernels.size() == 4 && kernels[3].name == "coopmat-fp16";
    EXPECT_EQ(kernels.size(), coopmat ? 4u : 3u);
    EXPECT_EQ(backend_->cooperative_matrix_note().empty(), coopmat) << backend_->cooperative_matrix_note();
    // What was chosen for the device, for the CLI to print.
    const std::string tuning = backend_->tuning();
    EXPECT_NE(tuning.find(backend_->device()), std::string::npos) << tuning;
    EXPECT_NE(tuning.find("tiled-shared"), std::string::npos) << tuning;
    EXPECT_NE(tuning.find("register-vec4"), std::string::npos) << tuning;
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

TEST_F(VulkanMatmulTest, EveryKernelIsCorrectAt1000) {
    // One 1000^3 problem for every rung (1000 is a multiple of no tile size), checked on every 37th
    // row of C and the last, whole: a full double-precision reference would take longer than the kernels.
    const int size = 1000;
    Matrix a = filled(size, size, 3), b = filled(size, size, 4);
    std::vector<int> rows;
    for (int i = 0; i < size; i += 37) rows.push_back(i);
    rows.push_back(size - 1);
    std::vector<std::vector<double>> reference;
    double max_ref = 0;
    for (int i : rows) {
        std::vector<double> row(static_cast<std::size_t>(size), 0.0);
        for (int p = 0; p < size; ++p) {
            const double av = a.at(i, p);
            for (int j = 0; j < size; ++j) row[static_cast<std::size_t>(j)] += av * static_cast<double>(b.at(p, j));
        }
        for (double v : row) max_ref = std::max(max_ref, std::abs(v));
        reference.push_back(std::move(row));
    }
    for (const KernelInfo& k : backend_->kernels()) {
        SCOPED_TRACE(k.name);
        Matrix c;
        MatmulTiming timing;
        std::string error;
        ASSERT_TRUE(backend_->matmul(k.name, a, b, c, timing, error)) << error;
        ASSERT_EQ(c.rows, size);
        ASSERT_EQ(c.cols, size);
        double max_diff = 0;
        for (std::size_t r = 0; r < rows.size(); ++r)
            for (int j = 0; j < size; ++j)
                max_diff = std::max(max_diff,
                                    std::abs(static_cast<double>(c.at(rows[r], j)) - reference[r][static_cast<std::size_t>(j)]));
        EXPECT_LT(max_diff / max_ref, k.dtype == NumberFormat::FP16 ? 2e-2 : 1e-4);
    }
}

TEST_F(VulkanMatmulTest, CooperativeMatrixRungIsListedOnlyWhereTheDeviceHasIt) {
    bool listed = false;
    for (const KernelInfo& k : backend_->kernels()) listed = listed || k.name == "coopmat-fp16";
    Matrix a = filled(33, 29, 1), b = filled(29, 17, 2), c;
    MatmulTiming timing;
    std::string error;
    if (!listed) {
        // lavapipe: no VK_NV_cooperative_matrix, so the rung is absent and says why.
        EXPECT_EQ(backend_->cooperative_matrix_note(), "this device offers no cooperative-matrix (tensor core) support");
        EXPECT_NE(backend_->tuning().find("coopmat-fp16 absent"), std::string::npos) << backend_->tuning();
        EXPECT_FALSE(backend_->matmul("coopmat-fp16", a, b, c, timing, error));
        EXPECT_NE(error.find("cooperative-matrix"), std::string::npos) << error;
        return;
    }
    // A GPU with cooperative matrices: fp16 inputs, fp32 accumulation, padded sizes, any shape.
    EXPECT_TRUE(backend_->cooperative_matrix_note().empty());
    for (const auto& s : kSizes) {
        SCOPED_TRACE(std::to_string(s[0]) + "x" + std::to_string(s[1]) + "x" + std::to_string(s[2]));
        Matrix x = filled(s[0], s[2], 1), y = filled(s[2], s[1], 2), z;
        ASSERT_TRUE(backend_->matmul("coopmat-fp16", x, y, z, timing, error)) << error;
        EXPECT_LT(relative_error(x, y, z), 2e-2);  // fp16 inputs: about 3 decimal digits
    }
}

// The shapes other devices get (16x16 tiles and 16x16 vec4 workgroups on a discrete GPU) and
// extremes the limits allow, each correct at every awkward size on this device.
TEST(VulkanTuningTest, EveryWorkgroupShapeIsCorrect) {
    for (const VulkanTuning& t : {VulkanTuning{16, 16, 16}, VulkanTuning{32, 32, 4}, VulkanTuning{4, 4, 32}}) {
        VulkanMatmulBackend backend(-1, t);
        DOJO_SKIP_ONLY_WITHOUT_VULKAN(backend);
        const std::string tuning = backend.tuning();
        SCOPED_TRACE(tuning);
        EXPECT_NE(tuning.find("tiled-shared " + std::to_string(t.tile) + "x" + std::to_string(t.tile)), std::string::npos);
        EXPECT_NE(tuning.find("register-vec4 " + std::to_string(t.vec4_x) + "x" + std::to_string(t.vec4_y)), std::string::npos);
        for (const char* kernel : {"tiled-shared", "register-vec4"})
            for (const auto& s : kSizes) {
                SCOPED_TRACE(std::string(kernel) + " " + std::to_string(s[0]) + "x" + std::to_string(s[1]) + "x" +
                             std::to_string(s[2]));
                Matrix a = filled(s[0], s[2], 1), b = filled(s[2], s[1], 2), c;
                MatmulTiming timing;
                std::string error;
                ASSERT_TRUE(backend.matmul(kernel, a, b, c, timing, error)) << error;
                EXPECT_LT(relative_error(a, b, c), 1e-4);
            }
    }
}

// A value as fp16 holds it (round to nearest even), for the coopmat rung's reference.
float as_fp16(float x) {
    if (x == 0.0f) return x;
    if (std::abs(x) < std::ldexp(1.0f, -14)) return std::ldexp(std::nearbyint(std::ldexp(x, 24)), -24);  // subnormal
    int e = 0;
    const float m = std::frexp(x, &e);  // x = m * 2^e, 0.5 <= |m| < 1: 11 significant bits kept
    return std::ldexp(std::nearbyint(std::ldexp(m, 11)), e - 11);
}

// The discrete-GPU path (device-local buffers, a staging buffer, copies on both sides of the
// dispatch) and the coopmat rung's host side (fp16 conversion, padding to whole tiles, dispatch,
// download), both forced on this device, which may have neither.
TEST(VulkanForcedPathsTest, StagingCopiesAndThePaddedFp16RungAreCorrect) {
    VulkanTuning t;
    t.staging = true;
    t.emulate_coopmat = true;
    VulkanMatmulBackend backend(-1, t);
    DOJO_SKIP_ONLY_WITHOUT_VULKAN(backend);
    SCOPED_TRACE(backend.tuning());
    bool coopmat = false;
    for (const KernelInfo& k : backend.kernels()) {
        coopmat = coopmat || k.name == "coopmat-fp16";
        for (const auto& s : kSizes) {
            SCOPED_TRACE(k.name + " " + std::to_string(s[0]) + "x" + std::to_string(s[1]) + "x" + std::to_string(s[2]));
            Matrix a = filled(s[0], s[2], 1), b = filled(s[2], s[1], 2), c;
            MatmulTiming timing;
            std::string error;
            ASSERT_TRUE(backend.matmul(k.name, a, b, c, timing, error)) << error;
            ASSERT_EQ(c.rows, s[0]);
            ASSERT_EQ(c.cols, s[1]);
            if (k.dtype == NumberFormat::FP16) {
                EXPECT_LT(relative_error(a, b, c), 2e-2);
                // Against the inputs rounded to fp16 as the host must round them, the error is fp32's.
                Matrix ha = a, hb = b;
                for (float& v : ha.data) v = as_fp16(v);
                for (float& v : hb.data) v = as_fp16(v);
                EXPECT_LT(relative_error(ha, hb, c), 2e-5);
            } else {
                EXPECT_LT(relative_error(a, b, c), 1e-4);
            }
        }
    }
    if (!coopmat) GTEST_SKIP() << "this device has no 16-bit storage or fp16 arithmetic for the emulated rung";
    EXPECT_NE(backend.tuning().find("emulated"), std::string::npos);
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
// prints each kernel's median GFLOP/s over 5 runs at 256 and 512, with the device's own workgroup
// shapes and then with the other devices' (how the per-device choice was made).
TEST_F(VulkanMatmulTest, DISABLED_Throughput) {
    std::printf("%s\n", backend_->tuning().c_str());
    auto measure = [](VulkanMatmulBackend& backend, const std::vector<std::string>& kernels, const char* label) {
        for (int size : {256, 512}) {
            Matrix a = filled(size, size, 1), b = filled(size, size, 2), c;
            for (const std::string& k : kernels) {
                std::vector<double> ms;
                std::string error;
                MatmulTiming timing;
                ASSERT_TRUE(backend.matmul(k, a, b, c, timing, error)) << error;  // warm-up
                EXPECT_LT(relative_error(a, b, c), k == "coopmat-fp16" ? 2e-2 : 1e-4);
                for (int run = 0; run < 5; ++run) {
                    ASSERT_TRUE(backend.matmul(k, a, b, c, timing, error)) << error;
                    ms.push_back(timing.kernel_ms);
                }
                std::sort(ms.begin(), ms.end());
                const double gflops = 2.0 * size * size * size / (ms[2] * 1e6);
                std::printf("%s %s %s %d: median %.2f ms, %.2f GFLOP/s\n", backend.device().c_str(), label, k.c_str(), size,
                            ms[2], gflops);
            }
        }
    };
    std::vector<std::string> all;
    for (const KernelInfo& k : backend_->kernels()) all.push_back(k.name);
    measure(*backend_, all, "chosen");
    for (const VulkanTuning& t : {VulkanTuning{8, 8, 8}, VulkanTuning{16, 16, 16}, VulkanTuning{32, 16, 8}}) {
        VulkanMatmulBackend other(-1, t);
        ASSERT_TRUE(other.ok()) << other.error();
        const std::string label =
            "tile " + std::to_string(t.tile) + ", vec4 " + std::to_string(t.vec4_x) + "x" + std::to_string(t.vec4_y);
        measure(other, {"tiled-shared", "register-vec4"}, label.c_str());
    }
}

}  // namespace
}  // namespace dojo
