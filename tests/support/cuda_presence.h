// Whether this machine has a CUDA GPU, asked of the CUDA runtime directly rather than of the
// backend under test: the CUDA device tests skip only where there is no driver or no GPU, and fail
// where a GPU is there but the backend does not set up.
#pragma once

#include <cuda_runtime.h>

#include <string>

namespace dojo::test {

// "no CUDA driver ..." or "no GPU ..."; empty where the runtime sees a device, and also where it
// fails for any other reason (a driver too old for this runtime, a device that will not start):
// those are for the test to report, not to skip.
inline std::string cuda_absent_reason() {
    int driver = 0;
    if (cudaDriverGetVersion(&driver) != cudaSuccess) driver = 0;
    int count = 0;
    const cudaError_t e = cudaGetDeviceCount(&count);
    cudaGetLastError();
    if (e == cudaSuccess && count > 0) return {};
    if (driver == 0) return std::string("no CUDA driver: libcuda is not installed (") + cudaGetErrorName(e) + ")";
    if (e == cudaErrorNoDevice || (e == cudaSuccess && count == 0))
        return "no GPU: the CUDA driver " + std::to_string(driver) + " sees no device";
    return {};
}

}  // namespace dojo::test

// In SetUp() or a test body, where `backend` (a CudaMatmulBackend) did not start: skips with the
// reason where this machine has no CUDA driver or no GPU, and fails where it has one.
#define DOJO_SKIP_ONLY_WITHOUT_CUDA(backend)                                                        \
    do {                                                                                            \
        if (!(backend).ok()) {                                                                      \
            const std::string dojo_cuda_absent = ::dojo::test::cuda_absent_reason();                \
            if (!dojo_cuda_absent.empty()) GTEST_SKIP() << dojo_cuda_absent;                        \
            FAIL() << "a CUDA GPU is there, but the backend did not set up: " << (backend).error(); \
        }                                                                                           \
    } while (0)
