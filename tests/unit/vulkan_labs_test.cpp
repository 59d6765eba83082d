// The Vulkan backend's answers to the transfer, memory and peak labs (engine/compute/lab_devices.h):
// copies that arrive intact both ways from both kinds of host memory, allocations that come back
// after free_all, out-of-memory as an answer rather than a crash, and positive peaks. Runs on
// lavapipe where there is no GPU.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "vulkan/vulkan_matmul.h"
#include "vulkan_presence.h"

namespace dojo {
namespace {

constexpr std::uint64_t kMiB = 1024ull * 1024ull;

class VulkanLabsTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { backend_ = std::make_unique<VulkanMatmulBackend>(); }
    static void TearDownTestSuite() { backend_.reset(); }
    void SetUp() override { DOJO_SKIP_ONLY_WITHOUT_VULKAN(*backend_); }
    void TearDown() override {
        if (backend_->ok()) backend_->free_all();
    }

    // A small multiply still comes out right: the device is usable.
    static void expect_multiplies() {
        Matrix a(9, 5), b(5, 7), c;
        for (std::size_t i = 0; i < a.data.size(); ++i) a.data[i] = static_cast<float>(i % 7) - 3.0f;
        for (std::size_t i = 0; i < b.data.size(); ++i) b.data[i] = static_cast<float>(i % 5) - 2.0f;
        MatmulTiming timing;
        std::string error;
        for (const KernelInfo& k : backend_->kernels()) {
            ASSERT_TRUE(backend_->matmul(k.name, a, b, c, timing, error)) << k.name << ": " << error;
            for (int i = 0; i < 9; ++i)
                for (int j = 0; j < 7; ++j) {
                    float sum = 0;
                    for (int p = 0; p < 5; ++p) sum += a.at(i, p) * b.at(p, j);
                    EXPECT_FLOAT_EQ(c.at(i, j), sum) << k.name << " at " << i << "," << j;  // small integers: exact
                }
        }
    }

    static std::unique_ptr<VulkanMatmulBackend> backend_;
};

std::unique_ptr<VulkanMatmulBackend> VulkanLabsTest::backend_;

TEST_F(VulkanLabsTest, OffersAllThreeLabs) {
    EXPECT_EQ(backend_->transfers(), static_cast<TransferDevice*>(backend_.get()));
    EXPECT_EQ(backend_->memory(), static_cast<MemoryDevice*>(backend_.get()));
    EXPECT_EQ(backend_->peaks(), static_cast<PeakDevice*>(backend_.get()));
}

TEST_F(VulkanLabsTest, TransfersArriveBothWaysFromBothKindsOfHostMemory) {
    const std::uint64_t most = backend_->max_transfer_bytes();
    EXPECT_GT(most, 0u);
    EXPECT_LE(most, 1024 * kMiB);
    if (backend_->is_cpu_device()) {
        EXPECT_LE(most, 256 * kMiB);
    }
    EXPECT_LE(most, backend_->max_allocation_bytes());
    // An odd size, so the last bytes that are not a whole word are checked too.
    const std::uint64_t bytes = 4 * kMiB + 3;
    for (TransferDirection d : {TransferDirection::HostToDevice, TransferDirection::DeviceToHost})
        for (HostMemory m : {HostMemory::Pinned, HostMemory::Pageable}) {
            SCOPED_TRACE(std::string(d == TransferDirection::HostToDevice ? "host-to-device" : "device-to-host") +
                         (m == HostMemory::Pinned ? " pinned" : " pageable"));
            std::vector<double> ms;
            std::string error;
            ASSERT_TRUE(backend_->time_transfer(bytes, d, m, 1, 3, ms, error)) << error;
            ASSERT_EQ(ms.size(), 3u);
            for (double v : ms) EXPECT_GE(v, 0.0);
            EXPECT_GT(ms[0] + ms[1] + ms[2], 0.0);
        }
    std::vector<double> ms;
    std::string error;
    EXPECT_FALSE(backend_->time_transfer(0, TransferDirection::HostToDevice, HostMemory::Pinned, 0, 1, ms, error));
    EXPECT_FALSE(error.empty());
    EXPECT_TRUE(ms.empty());
}

TEST_F(VulkanLabsTest, ReportsItsMemory) {
    DeviceMemoryInfo info;
    std::string error;
    ASSERT_TRUE(backend_->memory_info(info, error)) << error;
    EXPECT_GT(info.total_bytes, 0u);
    if (info.free_known) {
        EXPECT_LE(info.free_bytes, info.total_bytes);
    }
    EXPECT_GT(backend_->max_allocation_bytes(), 0u);
}

TEST_F(VulkanLabsTest, AllocationsComeBackAfterFreeAll) {
    for (int round = 0; round < 2; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        for (int i = 0; i < 4; ++i) {
            AllocOutcome out = backend_->allocate(16 * kMiB);
            ASSERT_EQ(out.status, AllocStatus::Ok) << out.code << ": " << out.message;
        }
        backend_->free_all();
    }
    expect_multiplies();
}

TEST_F(VulkanLabsTest, TooLargeAnAllocationIsAnAnswerNotACrash) {
    for (std::uint64_t bytes : {backend_->max_allocation_bytes() + 1, std::uint64_t{1} << 50}) {
        SCOPED_TRACE(std::to_string(bytes) + " bytes");
        AllocOutcome out = backend_->allocate(bytes);
        EXPECT_NE(out.status, AllocStatus::Ok);
        EXPECT_FALSE(out.code.empty());
        EXPECT_FALSE(out.message.empty());
        if (out.status == AllocStatus::OutOfMemory) {
            EXPECT_TRUE(out.code == "VK_ERROR_OUT_OF_DEVICE_MEMORY" || out.code == "VK_ERROR_OUT_OF_HOST_MEMORY") << out.code;
        }
    }
    // What was allocated before a refusal stays; the device still multiplies.
    EXPECT_EQ(backend_->allocate(kMiB).status, AllocStatus::Ok);
    EXPECT_NE(backend_->allocate(std::uint64_t{1} << 50).status, AllocStatus::Ok);
    expect_multiplies();
    backend_->free_all();
    EXPECT_EQ(backend_->allocate(0).status, AllocStatus::Failed);
}

TEST_F(VulkanLabsTest, PeaksArePositive) {
    double gflops = 0, gbps = 0;
    std::string error;
    ASSERT_TRUE(backend_->peak_gflops(2, gflops, error)) << error;
    EXPECT_GT(gflops, 0.0);
    ASSERT_TRUE(backend_->peak_bandwidth(2, gbps, error)) << error;
    EXPECT_GT(gbps, 0.0);
    std::printf("%s: peak %.1f GFLOP/s, %.1f GB/s\n", backend_->device().c_str(), gflops, gbps);
    EXPECT_FALSE(backend_->peak_gflops(0, gflops, error));
}

TEST(VulkanLabsMissingDeviceTest, EveryLabAnswersWithAnError) {
    VulkanMatmulBackend backend(99);
    ASSERT_FALSE(backend.ok());
    std::vector<double> ms;
    std::string error;
    EXPECT_FALSE(backend.time_transfer(kMiB, TransferDirection::HostToDevice, HostMemory::Pinned, 0, 1, ms, error));
    EXPECT_NE(error.find("Vulkan is not available"), std::string::npos) << error;
    DeviceMemoryInfo info;
    EXPECT_FALSE(backend.memory_info(info, error));
    EXPECT_EQ(backend.allocate(kMiB).status, AllocStatus::Failed);
    double v = 0;
    EXPECT_FALSE(backend.peak_gflops(1, v, error));
    EXPECT_FALSE(backend.peak_bandwidth(1, v, error));
    EXPECT_EQ(backend.max_transfer_bytes(), 0u);
    EXPECT_EQ(backend.max_allocation_bytes(), 0u);
    backend.free_all();
}

}  // namespace
}  // namespace dojo
