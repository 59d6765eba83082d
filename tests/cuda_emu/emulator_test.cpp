// The CUDA emulator can fail: the labs' kernels with a barrier or a bounds guard deliberately
// removed (hostify.cmake's variants, built from the same .cu files) are caught, and so are the
// misuses a GPU leaves undefined (a barrier some threads never reach, wmma calls the lanes of a warp
// disagree on or give a misaligned pointer, a block too large, too much shared memory). Also that
// the threads of a block share their shared arrays and blocks do not.
#include <gtest/gtest.h>
#include <mma.h>

#include <cstdio>
#include <string>
#include <vector>

#include "guarded_memory.h"
#include "kernels.h"
#include "rung_check.h"

// The deliberately broken kernels (see hostify.cmake).
namespace dojo::cuda_kernels::smem_tiled_no_first_barrier {
cudaError_t launch_smem_tiled(const float* a, const float* b, float* c, int m, int n, int k, cudaStream_t stream);
}
namespace dojo::cuda_kernels::smem_tiled_no_second_barrier {
cudaError_t launch_smem_tiled(const float* a, const float* b, float* c, int m, int n, int k, cudaStream_t stream);
}
namespace dojo::cuda_kernels::naive_no_guard {
cudaError_t launch_naive(const float* a, const float* b, float* c, int m, int n, int k, cudaStream_t stream);
}
namespace dojo::cuda_kernels::wmma_bf16_no_first_barrier {
cudaError_t launch_wmma_bf16(const std::uint16_t* a, const std::uint16_t* b, float* c, int m, int n, int k, cudaStream_t stream);
}

namespace dojo {
namespace {

namespace ck = cuda_kernels;

// What the emulator said, in the test's output, for whoever wants to see that it failed for the
// right reason.
void show(const std::string& caught) {
    std::printf("[ caught   ] %s\n", caught.c_str());
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(CudaEmulator, CatchesTheTiledKernelWithoutItsFirstBarrier) {
    ASSERT_EQ(emu_test::check_fp32_rung(ck::launch_smem_tiled, {}, 33, 33, 33), "");  // the real kernel passes
    const std::string caught = emu_test::check_fp32_rung(ck::smem_tiled_no_first_barrier::launch_smem_tiled, {}, 33, 33, 33);
    show(caught);
    // Thread 0 multiplies its tile before the other threads have loaded theirs: NaN, never written.
    EXPECT_TRUE(contains(caught, "never written")) << caught;
}

TEST(CudaEmulator, CatchesTheTiledKernelWithoutItsSecondBarrier) {
    ASSERT_EQ(emu_test::check_fp32_rung(ck::launch_smem_tiled, {}, 33, 33, 64), "");
    const std::string caught = emu_test::check_fp32_rung(ck::smem_tiled_no_second_barrier::launch_smem_tiled, {}, 33, 33, 64);
    show(caught);
    // Thread 0 loads the second tile over the first while the others still read it: wrong sums.
    EXPECT_TRUE(contains(caught, "the FP64 reference says")) << caught;
}

TEST(CudaEmulator, CatchesTheTensorCoreKernelWithoutItsFirstBarrier) {
    ASSERT_EQ(emu_test::check_bf16_rung(ck::launch_wmma_bf16, ck::wmma_bf16_pad(), 64, 64, 32), "");
    const std::string caught =
        emu_test::check_bf16_rung(ck::wmma_bf16_no_first_barrier::launch_wmma_bf16, ck::wmma_bf16_pad(), 64, 64, 32);
    show(caught);
    EXPECT_TRUE(contains(caught, "never written")) << caught;
}

#if defined(DOJO_EMU_ASAN)
// Under AddressSanitizer the first read past A is reported at its line of naive.cu, and the process ends.
TEST(CudaEmulatorDeathTest, CatchesTheNaiveKernelWithoutItsBoundsGuard) {
    ASSERT_EQ(emu_test::check_fp32_rung(ck::launch_naive, {}, 7, 7, 7), "");
    EXPECT_DEATH((void)emu_test::check_fp32_rung(ck::naive_no_guard::launch_naive, {}, 7, 7, 7),
                 "AddressSanitizer: use-after-poison(.|\n)*naive\\.cu");
}
#else
// Without AddressSanitizer the threads past the edge write into the guard after C.
TEST(CudaEmulator, CatchesTheNaiveKernelWithoutItsBoundsGuard) {
    ASSERT_EQ(emu_test::check_fp32_rung(ck::launch_naive, {}, 7, 7, 7), "");
    const std::string caught = emu_test::check_fp32_rung(ck::naive_no_guard::launch_naive, {}, 7, 7, 7);
    show(caught);
    EXPECT_TRUE(contains(caught, "after the end of C")) << caught;
}
#endif

void shares_within_a_block(int* out) {
    auto& tile = cuda_emu::shared_array<int[64]>("tile", 0);
    tile[threadIdx.x] = static_cast<int>(blockIdx.x * 100 + threadIdx.x);
    __syncthreads();
    out[blockIdx.x * 64 + threadIdx.x] = tile[63 - threadIdx.x];
}

TEST(CudaEmulator, ThreadsOfABlockShareTheirSharedArraysAndBlocksDoNot) {
    std::vector<int> out(3 * 64, -1);
    cuda_emu::launch(shares_within_a_block, 3, 64)(out.data());
    ASSERT_EQ(cudaGetLastError(), cudaSuccess) << cuda_emu::last_launch().message;
    for (int b = 0; b < 3; ++b)
        for (int t = 0; t < 64; ++t) EXPECT_EQ(out[static_cast<std::size_t>(b * 64 + t)], b * 100 + 63 - t) << b << "," << t;
}

void leaves_before_the_barrier(int* out) {
    if (threadIdx.x == 3) return;
    __syncthreads();
    out[threadIdx.x] = 1;
}

TEST(CudaEmulator, ReportsAThreadThatLeavesWhileTheOthersWaitAtABarrier) {
    std::vector<int> out(32, 0);
    cuda_emu::launch(leaves_before_the_barrier, 1, 32)(out.data());
    EXPECT_EQ(cudaGetLastError(), cudaErrorLaunchFailure);
    EXPECT_EQ(cudaGetLastError(), cudaSuccess);  // read once, as CUDA's
    const std::string caught = cuda_emu::last_launch().message;
    show(caught);
    EXPECT_TRUE(contains(caught, "barrier divergence")) << caught;
    EXPECT_TRUE(contains(caught, "thread (3,0,0) has returned")) << caught;
}

void loads_a_fragment(const __nv_bfloat16* tile, int lane_offset) {
    nvcuda::wmma::fragment<nvcuda::wmma::matrix_a, 16, 16, 16, __nv_bfloat16, nvcuda::wmma::row_major> f;
    const int lane = static_cast<int>(threadIdx.x % 32);
    nvcuda::wmma::load_matrix_sync(f, tile + (lane < 16 ? 0 : lane_offset), 16);
}

TEST(CudaEmulator, ReportsAWmmaLoadFromAPointerThatIsNotAligned) {
    cuda_emu::GuardedMemory tile(17 * 16 * sizeof(__nv_bfloat16));
    const auto* base = static_cast<const __nv_bfloat16*>(tile.data());
    cuda_emu::launch(loads_a_fragment, 1, 32)(base + 1, 0);
    EXPECT_EQ(cudaGetLastError(), cudaErrorLaunchFailure);
    const std::string caught = cuda_emu::last_launch().message;
    show(caught);
    EXPECT_TRUE(contains(caught, "not 256-bit (32-byte) aligned")) << caught;
}

TEST(CudaEmulator, ReportsLanesOfAWarpThatGiveWmmaDifferentPointers) {
    cuda_emu::GuardedMemory tile(32 * 16 * sizeof(__nv_bfloat16));
    cuda_emu::launch(loads_a_fragment, 1, 32)(static_cast<const __nv_bfloat16*>(tile.data()), 16 * 16);
    EXPECT_EQ(cudaGetLastError(), cudaErrorLaunchFailure);
    const std::string caught = cuda_emu::last_launch().message;
    show(caught);
    EXPECT_TRUE(contains(caught, "lanes of one warp disagree")) << caught;
}

void does_nothing() {}

void takes_too_much_shared_memory() {
    auto& big = cuda_emu::shared_array<float[13000]>("big", 0);  // 52,000 bytes
    big[threadIdx.x] = 0;
}

TEST(CudaEmulator, RefusesWhatCudaRefuses) {
    cuda_emu::launch(does_nothing, 1, dim3(32, 33))();
    EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidConfiguration);
    EXPECT_TRUE(contains(cuda_emu::last_launch().message, "at most 1024 threads")) << cuda_emu::last_launch().message;
    cuda_emu::launch(does_nothing, dim3(1, 65536), 32)();
    EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidConfiguration);
    cuda_emu::launch(takes_too_much_shared_memory, 1, 32)();
    EXPECT_EQ(cudaGetLastError(), cudaErrorLaunchFailure);
    EXPECT_TRUE(contains(cuda_emu::last_launch().message, "48 KiB")) << cuda_emu::last_launch().message;
    cuda_emu::launch(does_nothing, 2, 32)();
    EXPECT_EQ(cudaGetLastError(), cudaSuccess);
}

}  // namespace
}  // namespace dojo
