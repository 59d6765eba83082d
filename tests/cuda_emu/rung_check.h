// Runs one matmul launcher of the CUDA labs in the emulator the way the CUDA backend runs it on a
// GPU (inputs zero-padded to the rung's tile multiples, C starting as NaN, bf16 inputs converted on
// the "device" by launch_to_bf16) and says what is wrong: the launch's error or fault, a write
// outside a buffer, a changed input, an element of C left unwritten, or a result off the FP64
// reference by more than the FP32 tolerance. The kernels' tests and the tests that the emulator
// catches broken kernels share it.
#pragma once

#include <cuda_runtime.h>

#include <cstdint>
#include <string>

#include "kernels.h"

namespace dojo::emu_test {

using LadderLaunch = cudaError_t (*)(const float*, const float*, float*, int, int, int, cudaStream_t);
using Bf16Launch = cudaError_t (*)(const std::uint16_t*, const std::uint16_t*, float*, int, int, int, cudaStream_t);

// "" when C = A * B (m x k by k x n) came out right, else what went wrong.
std::string check_fp32_rung(LadderLaunch launch, cuda_kernels::Pad pad, int m, int n, int k);
std::string check_bf16_rung(Bf16Launch launch, cuda_kernels::Pad pad, int m, int n, int k);

}  // namespace dojo::emu_test
