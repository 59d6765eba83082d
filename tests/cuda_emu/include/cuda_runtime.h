// Stands in for the CUDA toolkit's cuda_runtime.h when the labs' kernel files are built for the
// host (tests/cuda_emu): what those kernels and their launchers use of CUDA, and no more. The
// qualifiers become nothing, the built-in variables read the emulator's running thread, and a
// launch (hostify.cmake rewrites `k<<<grid, block, smem, stream>>>(args)` into
// `::cuda_emu::launch(k, grid, block, smem, stream)(args)`) runs the grid in the emulator and
// leaves its outcome for cudaGetLastError().
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <utility>

#include "emulator.h"

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __launch_bounds__(...)
#define __align__(n) alignas(n)

#define threadIdx (::cuda_emu::builtins().thread_idx)
#define blockIdx (::cuda_emu::builtins().block_idx)
#define blockDim (::cuda_emu::builtins().block_dim)
#define gridDim (::cuda_emu::builtins().grid_dim)

struct alignas(16) float4 {
    float x, y, z, w;
};
struct alignas(16) uint4 {
    unsigned x, y, z, w;
};
inline float4 make_float4(float x, float y, float z, float w) {
    return {x, y, z, w};
}

inline void __syncthreads() {
    ::cuda_emu::syncthreads();
}

struct CUstream_st;
using cudaStream_t = CUstream_st*;

enum cudaError_t {
    cudaSuccess = 0,
    cudaErrorInvalidValue = 1,
    cudaErrorInvalidConfiguration = 9,
    cudaErrorLaunchFailure = 719,
};

// The error of the last launch on this thread, cleared by reading it (as CUDA's is); the emulator
// keeps the words of it (cuda_emu::last_launch()).
inline cudaError_t cudaGetLastError() {
    switch (::cuda_emu::take_launch_outcome()) {
        case ::cuda_emu::Outcome::Ran:
            return cudaSuccess;
        case ::cuda_emu::Outcome::BadConfiguration:
            return cudaErrorInvalidConfiguration;
        case ::cuda_emu::Outcome::Fault:
            break;
    }
    return cudaErrorLaunchFailure;
}

namespace cuda_emu {

// A launch of `kernel` with its configuration; calling it with the kernel's arguments runs the grid
// (each thread gets its own copies of the arguments, converted to the parameters' types first).
template <class... Params>
class Launch {
public:
    Launch(void (*kernel)(Params...), dim3 grid, dim3 block, std::size_t shared_bytes)
        : kernel_(kernel), grid_(grid), block_(block), shared_bytes_(shared_bytes) {}

    template <class... Args>
    void operator()(Args&&... args) const {
        static_assert(sizeof...(Args) == sizeof...(Params), "a kernel launched with the wrong number of arguments");
        const std::tuple<Params...> values{static_cast<Params>(std::forward<Args>(args))...};
        auto* kernel = kernel_;
        set_last_launch(run_grid(grid_, block_, shared_bytes_, [&values, kernel] { std::apply(kernel, values); }));
    }

private:
    void (*kernel_)(Params...);
    dim3 grid_, block_;
    std::size_t shared_bytes_;
};

template <class... Params>
Launch<Params...> launch(void (*kernel)(Params...), dim3 grid, dim3 block, std::size_t shared_bytes = 0,
                         cudaStream_t stream = nullptr) {
    (void)stream;  // the emulator runs every launch to its end before returning
    return Launch<Params...>(kernel, grid, block, shared_bytes);
}

// What a `__shared__ T name[...]` declaration becomes: this block's array (see emulator.h).
template <class T>
T& shared_array(const char* name, std::size_t align) {
    return *static_cast<T*>(::cuda_emu::shared_array(name, sizeof(T), align ? align : alignof(T)));
}

}  // namespace cuda_emu
