// Internal to the CUDA backend (cuda_device, _matmul, _transfer, _memory and _peak.cu, built by
// nvcc): the Context every part of CudaMatmulBackend shares (device, stream, events, reusable
// buffers, cuBLAS), its error handling (sticky errors mark the device lost), and libcublas at run time.
#pragma once

#include <cublas_v2.h>  // types and enums only: libcublas is opened at run time, never linked
#include <cuda_runtime.h>
#include <dlfcn.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "cuda/cuda_matmul.h"
#include "kernels/kernels.h"

namespace dojo {

namespace cuda_backend {

namespace ck = cuda_kernels;

constexpr std::uint64_t kGiB = 1ull << 30;
constexpr std::uint64_t kMiB = 1ull << 20;

inline std::string describe(cudaError_t e) {
    return std::string(cudaGetErrorName(e)) + ": " + cudaGetErrorString(e);
}

// Errors after which the CUDA context is unusable until the process ends.
inline bool is_sticky(cudaError_t e) {
    switch (e) {
        case cudaErrorIllegalAddress:
        case cudaErrorLaunchFailure:
        case cudaErrorLaunchTimeout:
        case cudaErrorHardwareStackError:
        case cudaErrorIllegalInstruction:
        case cudaErrorMisalignedAddress:
        case cudaErrorInvalidAddressSpace:
        case cudaErrorInvalidPc:
        case cudaErrorAssert:
        case cudaErrorECCUncorrectable:
            return true;
        default:
            return false;
    }
}

inline const char* cublas_status_name(cublasStatus_t s) {
    switch (s) {
        case CUBLAS_STATUS_SUCCESS:
            return "CUBLAS_STATUS_SUCCESS";
        case CUBLAS_STATUS_NOT_INITIALIZED:
            return "CUBLAS_STATUS_NOT_INITIALIZED";
        case CUBLAS_STATUS_ALLOC_FAILED:
            return "CUBLAS_STATUS_ALLOC_FAILED";
        case CUBLAS_STATUS_INVALID_VALUE:
            return "CUBLAS_STATUS_INVALID_VALUE";
        case CUBLAS_STATUS_ARCH_MISMATCH:
            return "CUBLAS_STATUS_ARCH_MISMATCH";
        case CUBLAS_STATUS_MAPPING_ERROR:
            return "CUBLAS_STATUS_MAPPING_ERROR";
        case CUBLAS_STATUS_EXECUTION_FAILED:
            return "CUBLAS_STATUS_EXECUTION_FAILED";
        case CUBLAS_STATUS_INTERNAL_ERROR:
            return "CUBLAS_STATUS_INTERNAL_ERROR";
        case CUBLAS_STATUS_NOT_SUPPORTED:
            return "CUBLAS_STATUS_NOT_SUPPORTED";
        case CUBLAS_STATUS_LICENSE_ERROR:
            return "CUBLAS_STATUS_LICENSE_ERROR";
        default:
            return "CUBLAS_STATUS_(unknown)";
    }
}

// libcublas, opened at run time: the entry points the rungs use, resolved by name.
struct Cublas {
    using Create = cublasStatus_t (*)(cublasHandle_t*);
    using Destroy = cublasStatus_t (*)(cublasHandle_t);
    using SetStream = cublasStatus_t (*)(cublasHandle_t, cudaStream_t);
    using SetMathMode = cublasStatus_t (*)(cublasHandle_t, cublasMath_t);
    using Sgemm = cublasStatus_t (*)(cublasHandle_t, cublasOperation_t, cublasOperation_t, int, int, int, const float*,
                                     const float*, int, const float*, int, const float*, float*, int);
    using GemmEx = cublasStatus_t (*)(cublasHandle_t, cublasOperation_t, cublasOperation_t, int, int, int, const void*,
                                      const void*, cudaDataType, int, const void*, cudaDataType, int, const void*, void*,
                                      cudaDataType, int, cublasComputeType_t, cublasGemmAlgo_t);

    void* library = nullptr;
    std::string library_name;
    bool tried = false;
    std::string load_error;  // set when tried and failed
    cublasHandle_t handle = nullptr;
    Create create = nullptr;
    Destroy destroy = nullptr;
    SetStream set_stream = nullptr;
    SetMathMode set_math_mode = nullptr;
    Sgemm sgemm = nullptr;
    GemmEx gemm_ex = nullptr;

    template <class F>
    bool resolve(F& f, const char* symbol) {
        dlerror();
        f = reinterpret_cast<F>(dlsym(library, symbol));
        if (!f) load_error = library_name + " has no " + symbol + " (" + (dlerror() ? "dlsym failed" : "null") + ")";
        return f != nullptr;
    }

    // Opens the library and makes the handle (on the current device, bound to `stream`).
    [[nodiscard]] bool load(cudaStream_t stream, std::string& error) {
        if (tried) {
            if (!handle) error = load_error;
            return handle != nullptr;
        }
        tried = true;
        const char* candidates[] = {"libcublas.so.13", "libcublas.so.12", "libcublas.so",
                                    "/usr/local/cuda/lib64/libcublas.so.13"};
        std::string first_error;
        for (const char* name : candidates) {
            dlerror();
            library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
            if (library) {
                library_name = name;
                break;
            }
            const char* why = dlerror();
            if (first_error.empty()) first_error = why ? why : name;
        }
        if (!library) {
            load_error = "cuBLAS (libcublas.so.13) is not installed: " + first_error +
                         ". Install the CUDA toolkit's cuBLAS (e.g. the libcublas-13 package) to run the cublas rungs.";
            error = load_error;
            return false;
        }
        if (!resolve(create, "cublasCreate_v2") || !resolve(destroy, "cublasDestroy_v2") ||
            !resolve(set_stream, "cublasSetStream_v2") || !resolve(set_math_mode, "cublasSetMathMode") ||
            !resolve(sgemm, "cublasSgemm_v2") || !resolve(gemm_ex, "cublasGemmEx")) {
            load_error = "cuBLAS could not be used: " + load_error;
            error = load_error;
            return false;
        }
        cublasHandle_t h = nullptr;
        if (cublasStatus_t s = create(&h); s != CUBLAS_STATUS_SUCCESS) {
            load_error = std::string("cublasCreate failed: ") + cublas_status_name(s);
            cudaGetLastError();
            error = load_error;
            return false;
        }
        if (cublasStatus_t s = set_stream(h, stream); s != CUBLAS_STATUS_SUCCESS) {
            destroy(h);
            load_error = std::string("cublasSetStream failed: ") + cublas_status_name(s);
            error = load_error;
            return false;
        }
        handle = h;
        return true;
    }

    ~Cublas() {
        if (handle && destroy) destroy(handle);
        if (library) dlclose(library);
    }
};

// A device buffer reused across calls.
struct Scratch {
    void* ptr = nullptr;
    std::size_t bytes = 0;
    void release() {
        if (ptr) cudaFree(ptr);
        ptr = nullptr;
        bytes = 0;
    }
};

// Owns a buffer made inside one call, on every exit path.
struct DeviceAlloc {
    void* ptr = nullptr;
    ~DeviceAlloc() {
        if (ptr) cudaFree(ptr);
    }
};
struct PinnedAlloc {
    void* ptr = nullptr;
    ~PinnedAlloc() {
        if (ptr) cudaFreeHost(ptr);
    }
};

}  // namespace cuda_backend

// Made once per backend; the destructor waits for the stream and frees everything it holds.
struct CudaMatmulBackend::Context {
    int device = 0;
    cudaDeviceProp props{};
    cudaStream_t stream = nullptr;
    cudaEvent_t start = nullptr, stop = nullptr;
    float* sink = nullptr;  // the peak kernel's never-taken store
    cuda_backend::Scratch a, b, c, a16, b16;
    std::vector<void*> allocations;  // the memory lab's
    cuda_backend::Cublas cublas;
    bool lost = false;
    std::string lost_reason;

    ~Context() {
        cudaSetDevice(device);
        if (stream) cudaStreamSynchronize(stream);
        for (void* p : allocations) cudaFree(p);
        release_scratch();
        if (sink) cudaFree(sink);
        if (cublas.handle && cublas.destroy) cublas.destroy(cublas.handle);
        cublas.handle = nullptr;
        if (start) cudaEventDestroy(start);
        if (stop) cudaEventDestroy(stop);
        if (stream) cudaStreamDestroy(stream);
        // A lost context stays broken for everything else in this process; resetting the device
        // gives the next user a fresh one.
        if (lost) cudaDeviceReset();
        cudaGetLastError();
    }

    void release_scratch() {
        for (cuda_backend::Scratch* s : {&a, &b, &c, &a16, &b16}) s->release();
    }

    // Turns a failed call into `error`: sticky errors mark the device lost, others are cleared so
    // the context stays usable.
    [[nodiscard]] bool check(cudaError_t e, const std::string& step, std::string& error) {
        if (e == cudaSuccess) return true;
        if (cuda_backend::is_sticky(e)) {
            lost = true;
            lost_reason = step + " failed with " + cuda_backend::describe(e);
            error = "device lost: " + lost_reason + " (the CUDA context cannot be used again until the program restarts)";
            return false;
        }
        cudaGetLastError();
        error = (e == cudaErrorMemoryAllocation ? "out of memory: " : "") + step + " failed: " + cuda_backend::describe(e);
        return false;
    }

    // Ready for work: not lost, and the current device is ours (another backend may have changed it).
    [[nodiscard]] bool usable(std::string& error) {
        if (lost) {
            error = "device lost: " + lost_reason + " (the CUDA context cannot be used again until the program restarts)";
            return false;
        }
        return check(cudaSetDevice(device), "cudaSetDevice", error);
    }

    // After a failure with work queued: wait for the stream so the buffers are free to reuse.
    void drain() {
        if (lost) return;
        const cudaError_t e = cudaStreamSynchronize(stream);
        if (cuda_backend::is_sticky(e)) {
            lost = true;
            lost_reason = "the stream failed with " + cuda_backend::describe(e);
        } else {
            cudaGetLastError();
        }
    }

    // Makes each scratch buffer at least its size; on out of memory gives all of them back and
    // tries once more, so buffers grown for an earlier, larger problem do not block this one.
    [[nodiscard]] bool ensure(std::initializer_list<std::pair<cuda_backend::Scratch*, std::size_t>> wanted, std::string& error) {
        for (int attempt = 0; attempt < 2; ++attempt) {
            cudaError_t e = cudaSuccess;
            for (const auto& [s, bytes] : wanted) {
                if (s->ptr && s->bytes >= bytes) continue;
                s->release();
                e = cudaMalloc(&s->ptr, bytes);
                if (e != cudaSuccess) {
                    s->ptr = nullptr;
                    break;
                }
                s->bytes = bytes;
            }
            if (e == cudaSuccess) return true;
            if (e != cudaErrorMemoryAllocation || attempt == 1) {
                std::size_t total = 0;
                for (const auto& w : wanted) total += w.second;
                const bool ok =
                    check(e, "cudaMalloc of the matrices (" + std::to_string(total / cuda_backend::kMiB) + " MiB)", error);
                release_scratch();
                return ok;
            }
            cudaGetLastError();
            release_scratch();
        }
        return false;
    }

    // Copies a host matrix into a device buffer of prow x pcol floats, zero-padded.
    [[nodiscard]] bool upload(float* dst, const Matrix& src, long long prow, long long pcol, std::string& error) {
        const std::size_t rows = static_cast<std::size_t>(src.rows), cols = static_cast<std::size_t>(src.cols);
        if (static_cast<std::size_t>(prow) == rows && static_cast<std::size_t>(pcol) == cols)
            return check(cudaMemcpyAsync(dst, src.data.data(), rows * cols * sizeof(float), cudaMemcpyHostToDevice, stream),
                         "copying a matrix to the device", error);
        const std::size_t padded_bytes = static_cast<std::size_t>(prow) * static_cast<std::size_t>(pcol) * sizeof(float);
        return check(cudaMemsetAsync(dst, 0, padded_bytes, stream), "clearing a padded matrix", error) &&
               check(cudaMemcpy2DAsync(dst, static_cast<std::size_t>(pcol) * sizeof(float), src.data.data(), cols * sizeof(float),
                                       cols * sizeof(float), rows, cudaMemcpyHostToDevice, stream),
                     "copying a matrix into its padded device buffer", error);
    }
};

}  // namespace dojo
