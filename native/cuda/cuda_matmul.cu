// The CUDA backend: one device, one non-blocking stream and a pair of events made once; device
// buffers for the matmul reused across calls (grown when a larger problem comes, given back before
// the memory and transfer labs measure); cuBLAS opened with dlopen on first use.
//
// Timing: kernel_ms is the device time between two events around the multiply alone (for the
// padded rungs, the padded problem; for cuBLAS fp16/bf16 and wmma-bf16, not the conversion of the
// inputs). wall_ms is the host's clock around the whole call: copies in, padding, conversions,
// the multiply, the copy out.
#include "cuda/cuda_matmul.h"

#include <cublas_v2.h>  // types and enums only: libcublas is opened at run time, never linked
#include <cuda_runtime.h>
#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstring>
#include <exception>
#include <new>
#include <utility>

#include "kernels/kernels.h"

namespace dojo {

namespace {

namespace ck = cuda_kernels;

constexpr std::uint64_t kGiB = 1ull << 30;
constexpr std::uint64_t kMiB = 1ull << 20;

std::string describe(cudaError_t e) { return std::string(cudaGetErrorName(e)) + ": " + cudaGetErrorString(e); }

// Errors after which the CUDA context is unusable until the process ends.
bool is_sticky(cudaError_t e) {
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

const char* cublas_status_name(cublasStatus_t s) {
    switch (s) {
    case CUBLAS_STATUS_SUCCESS: return "CUBLAS_STATUS_SUCCESS";
    case CUBLAS_STATUS_NOT_INITIALIZED: return "CUBLAS_STATUS_NOT_INITIALIZED";
    case CUBLAS_STATUS_ALLOC_FAILED: return "CUBLAS_STATUS_ALLOC_FAILED";
    case CUBLAS_STATUS_INVALID_VALUE: return "CUBLAS_STATUS_INVALID_VALUE";
    case CUBLAS_STATUS_ARCH_MISMATCH: return "CUBLAS_STATUS_ARCH_MISMATCH";
    case CUBLAS_STATUS_MAPPING_ERROR: return "CUBLAS_STATUS_MAPPING_ERROR";
    case CUBLAS_STATUS_EXECUTION_FAILED: return "CUBLAS_STATUS_EXECUTION_FAILED";
    case CUBLAS_STATUS_INTERNAL_ERROR: return "CUBLAS_STATUS_INTERNAL_ERROR";
    case CUBLAS_STATUS_NOT_SUPPORTED: return "CUBLAS_STATUS_NOT_SUPPORTED";
    case CUBLAS_STATUS_LICENSE_ERROR: return "CUBLAS_STATUS_LICENSE_ERROR";
    default: return "CUBLAS_STATUS_(unknown)";
    }
}

enum class Kind { Ladder, Cublas, CublasTf32, CublasF16, CublasBf16, WmmaBf16 };

using LadderLaunch = cudaError_t (*)(const float*, const float*, float*, int, int, int, cudaStream_t);

struct Rung {
    const char* name;
    const char* teaches;
    DType dtype;
    bool reference;
    Kind kind;
    LadderLaunch launch;  // Ladder only
    ck::Pad (*pad)();     // null: any size
};

const Rung kRungs[] = {
    {"naive",
     "One thread per element of C with neighbouring threads on neighbouring rows, so a warp's reads of A and writes "
     "of C land far apart and device memory runs at a fraction of its speed.",
     DType::F32, false, Kind::Ladder, ck::launch_naive, nullptr},
    {"coalesced",
     "The same arithmetic with neighbouring threads on neighbouring columns, so each warp's reads of B and writes of "
     "C merge into a few wide memory transactions.",
     DType::F32, false, Kind::Ladder, ck::launch_coalesced, nullptr},
    {"smem-tiled",
     "A block stages 32x32 tiles of A and B in fast shared memory, so each value fetched from device memory is reused "
     "by 32 multiply-adds.",
     DType::F32, false, Kind::Ladder, ck::launch_smem_tiled, nullptr},
    {"1d-blocktile",
     "Each thread keeps a column of 8 results in registers, so one value of B read from shared memory feeds 8 "
     "multiply-adds instead of one.",
     DType::F32, false, Kind::Ladder, ck::launch_blocktile_1d, ck::blocktile_1d_pad},
    {"2d-blocktile",
     "Each thread keeps an 8x8 block of C in registers, so 16 values read from shared memory feed 64 multiply-adds.",
     DType::F32, false, Kind::Ladder, ck::launch_blocktile_2d, ck::blocktile_2d_pad},
    {"vectorized",
     "The same register blocks fed by 128-bit float4 loads, with A's tile stored transposed in shared memory, so "
     "fewer and wider instructions move the same data.",
     DType::F32, false, Kind::Ladder, ck::launch_vectorized, ck::vectorized_pad},
    {"warptile",
     "Each warp owns its own sub-tile of the block's tile, so the 32 threads of a warp read neighbouring shared "
     "memory together and every thread works on 128 results held in registers.",
     DType::F32, false, Kind::Ladder, ck::launch_warptile, ck::warptile_pad},
    {"cublas",
     "NVIDIA's own FP32 matrix multiply, tuned for each GPU: the yardstick the hand-written ladder is measured "
     "against.",
     DType::F32, true, Kind::Cublas, nullptr, nullptr},
    {"cublas-tf32",
     "cuBLAS with the FP32 inputs rounded to TF32 (a 10-bit mantissa) on the tensor cores: several times the FP32 "
     "speed for a small, bounded loss of precision.",
     DType::TF32, true, Kind::CublasTf32, nullptr, nullptr},
    {"cublas-fp16",
     "cuBLAS on FP16 copies of the inputs with FP32 accumulation on the tensor cores: half the bytes to move and the "
     "tensor cores' full rate.",
     DType::F16, true, Kind::CublasF16, nullptr, nullptr},
    {"cublas-bf16",
     "cuBLAS on BF16 copies of the inputs (FP32's range with an 8-bit mantissa) and FP32 accumulation: the format "
     "most training runs use.",
     DType::BF16, true, Kind::CublasBf16, nullptr, nullptr},
    {"wmma-bf16",
     "A hand-written tensor-core kernel: each warp multiplies 16x16x16 BF16 fragments with nvcuda::wmma, staged in "
     "shared memory, and accumulates in FP32.",
     DType::BF16, false, Kind::WmmaBf16, nullptr, ck::wmma_bf16_pad},
};

const Rung* find_rung(const std::string& name) {
    for (const Rung& r : kRungs)
        if (name == r.name) return &r;
    return nullptr;
}

bool is_cublas(Kind k) {
    return k == Kind::Cublas || k == Kind::CublasTf32 || k == Kind::CublasF16 || k == Kind::CublasBf16;
}

long long round_up(long long v, long long to) { return to <= 1 ? v : (v + to - 1) / to * to; }

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
    bool load(cudaStream_t stream, std::string& error) {
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

}  // namespace

struct CudaMatmulBackend::Context {
    int device = 0;
    cudaDeviceProp props{};
    cudaStream_t stream = nullptr;
    cudaEvent_t start = nullptr, stop = nullptr;
    float* sink = nullptr;  // the peak kernel's never-taken store
    Scratch a, b, c, a16, b16;
    std::vector<void*> allocations;  // the memory lab's
    Cublas cublas;
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
        for (Scratch* s : {&a, &b, &c, &a16, &b16}) s->release();
    }

    // Turns a failed call into `error`: sticky errors mark the device lost, others are cleared so
    // the context stays usable.
    bool check(cudaError_t e, const std::string& step, std::string& error) {
        if (e == cudaSuccess) return true;
        if (is_sticky(e)) {
            lost = true;
            lost_reason = step + " failed with " + describe(e);
            error = "device lost: " + lost_reason + " (the CUDA context cannot be used again until the program restarts)";
            return false;
        }
        cudaGetLastError();
        error = (e == cudaErrorMemoryAllocation ? "out of memory: " : "") + step + " failed: " + describe(e);
        return false;
    }

    // Ready for work: not lost, and the current device is ours (another backend may have changed it).
    bool usable(std::string& error) {
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
        if (is_sticky(e)) {
            lost = true;
            lost_reason = "the stream failed with " + describe(e);
        } else {
            cudaGetLastError();
        }
    }

    // Makes each scratch buffer at least its size; on out of memory gives all of them back and
    // tries once more, so buffers grown for an earlier, larger problem do not block this one.
    bool ensure(std::initializer_list<std::pair<Scratch*, std::size_t>> wanted, std::string& error) {
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
                const bool ok = check(e, "cudaMalloc of the matrices (" + std::to_string(total / kMiB) + " MiB)", error);
                release_scratch();
                return ok;
            }
            cudaGetLastError();
            release_scratch();
        }
        return false;
    }

    // Copies a host matrix into a device buffer of prow x pcol floats, zero-padded.
    bool upload(float* dst, const Matrix& src, long long prow, long long pcol, std::string& error) {
        const std::size_t rows = static_cast<std::size_t>(src.rows), cols = static_cast<std::size_t>(src.cols);
        if (static_cast<std::size_t>(prow) == rows && static_cast<std::size_t>(pcol) == cols)
            return check(cudaMemcpyAsync(dst, src.data.data(), rows * cols * sizeof(float), cudaMemcpyHostToDevice, stream),
                         "copying a matrix to the device", error);
        const std::size_t padded_bytes = static_cast<std::size_t>(prow) * static_cast<std::size_t>(pcol) * sizeof(float);
        return check(cudaMemsetAsync(dst, 0, padded_bytes, stream), "clearing a padded matrix", error) &&
               check(cudaMemcpy2DAsync(dst, static_cast<std::size_t>(pcol) * sizeof(float), src.data.data(),
                                       cols * sizeof(float), cols * sizeof(float), rows, cudaMemcpyHostToDevice, stream),
                     "copying a matrix into its padded device buffer", error);
    }
};

CudaMatmulBackend::CudaMatmulBackend(int device_index) : device_index_(device_index) {
    try {
        int count = 0;
        cudaError_t e = cudaGetDeviceCount(&count);
        if (e != cudaSuccess || count == 0) {
            if (e == cudaSuccess) e = cudaErrorNoDevice;
            int driver = 0;
            cudaDriverGetVersion(&driver);
            if (e == cudaErrorInsufficientDriver && driver == 0)
                init_error_ = "no NVIDIA driver is installed, so no CUDA device is usable (" + describe(e) + ")";
            else if (e == cudaErrorInsufficientDriver)
                init_error_ = "the NVIDIA driver is too old for this build's CUDA runtime, so no CUDA device is usable (" +
                              describe(e) + ")";
            else
                init_error_ = "the CUDA runtime found no usable device (" + describe(e) + ")";
            cudaGetLastError();
            return;
        }
        if (device_index < 0 || device_index >= count) {
            init_error_ = "there is no CUDA device " + std::to_string(device_index) + " (" + std::to_string(count) + " found)";
            return;
        }
        auto c = std::make_unique<Context>();
        c->device = device_index;
        std::string error;
        if (!c->check(cudaSetDevice(device_index), "cudaSetDevice", error) ||
            !c->check(cudaGetDeviceProperties(&c->props, device_index), "cudaGetDeviceProperties", error)) {
            init_error_ = error;
            return;
        }
        device_name_ = c->props.name;
        if (!c->check(cudaStreamCreateWithFlags(&c->stream, cudaStreamNonBlocking), "cudaStreamCreate", error) ||
            !c->check(cudaEventCreate(&c->start), "cudaEventCreate", error) ||
            !c->check(cudaEventCreate(&c->stop), "cudaEventCreate", error) ||
            !c->check(cudaMalloc(&c->sink, sizeof(float)), "cudaMalloc", error)) {
            init_error_ = device_name_ + ": " + error;
            return;
        }
        context_ = std::move(c);
    } catch (const std::exception& ex) {
        init_error_ = std::string("setting up the CUDA device failed: ") + ex.what();
        context_.reset();
    }
}

CudaMatmulBackend::~CudaMatmulBackend() = default;

bool CudaMatmulBackend::ok() const { return context_ != nullptr; }

std::vector<KernelInfo> CudaMatmulBackend::kernels() const {
    std::vector<KernelInfo> list;
    for (const Rung& r : kRungs) list.push_back({r.name, r.teaches, r.dtype, r.reference});
    return list;
}

bool CudaMatmulBackend::matmul(const std::string& kernel, const Matrix& a, const Matrix& b, Matrix& c,
                               MatmulTiming& timing, std::string& error) {
    const auto wall_start = std::chrono::steady_clock::now();
    const Rung* rung = find_rung(kernel);
    if (!rung) {
        std::string names;
        for (const Rung& r : kRungs) names += std::string(names.empty() ? "" : ", ") + r.name;
        error = "unknown kernel '" + kernel + "' (the cuda backend has " + names + ")";
        return false;
    }
    if (!context_) {
        error = "no CUDA device: " + init_error_;
        return false;
    }
    Context& x = *context_;
    if (a.rows <= 0 || a.cols <= 0 || b.rows <= 0 || b.cols <= 0 || a.cols != b.rows ||
        a.data.size() != static_cast<std::size_t>(a.rows) * static_cast<std::size_t>(a.cols) ||
        b.data.size() != static_cast<std::size_t>(b.rows) * static_cast<std::size_t>(b.cols)) {
        error = "invalid problem: A is " + std::to_string(a.rows) + "x" + std::to_string(a.cols) + " and B is " +
                std::to_string(b.rows) + "x" + std::to_string(b.cols) +
                (a.cols != b.rows ? ": the inner dimensions do not match" : "");
        return false;
    }
    if (!x.usable(error)) return false;
    const int m = a.rows, k = a.cols, n = b.cols;
    if (rung->kind == Kind::WmmaBf16 && x.props.major < 8) {
        error = std::string(rung->name) + " needs bf16 tensor cores (compute capability 8.0 or later); " + device_name_ +
                " is " + std::to_string(x.props.major) + "." + std::to_string(x.props.minor);
        return false;
    }
    if (is_cublas(rung->kind) && !x.cublas.load(x.stream, error)) return false;

    const ck::Pad pad = rung->pad ? rung->pad() : ck::Pad{};
    const long long pm = round_up(m, pad.m), pn = round_up(n, pad.n), pk = round_up(k, pad.k);
    if (pm > INT_MAX || pn > INT_MAX || pk > INT_MAX) {
        error = "the problem is too large for " + std::string(rung->name);
        return false;
    }
    const std::size_t a_count = static_cast<std::size_t>(pm) * static_cast<std::size_t>(pk);
    const std::size_t b_count = static_cast<std::size_t>(pk) * static_cast<std::size_t>(pn);
    const std::size_t c_count = static_cast<std::size_t>(pm) * static_cast<std::size_t>(pn);
    const bool half_inputs =
        rung->kind == Kind::CublasF16 || rung->kind == Kind::CublasBf16 || rung->kind == Kind::WmmaBf16;
    bool made = half_inputs ? x.ensure({{&x.a, a_count * 4}, {&x.b, b_count * 4}, {&x.c, c_count * 4},
                                        {&x.a16, a_count * 2}, {&x.b16, b_count * 2}},
                                       error)
                            : x.ensure({{&x.a, a_count * 4}, {&x.b, b_count * 4}, {&x.c, c_count * 4}}, error);
    if (!made) return false;
    float* da = static_cast<float*>(x.a.ptr);
    float* db = static_cast<float*>(x.b.ptr);
    float* dc = static_cast<float*>(x.c.ptr);
    auto* da16 = static_cast<std::uint16_t*>(x.a16.ptr);
    auto* db16 = static_cast<std::uint16_t*>(x.b16.ptr);

    auto fail = [&]() {
        x.drain();
        return false;
    };
    if (!x.upload(da, a, pm, pk, error) || !x.upload(db, b, pk, pn, error)) return fail();
    if (half_inputs) {
        const bool bf16 = rung->kind != Kind::CublasF16;
        auto convert = bf16 ? ck::launch_to_bf16 : ck::launch_to_half;
        if (!x.check(convert(da, da16, a_count, x.stream), "converting A to 16 bits", error) ||
            !x.check(convert(db, db16, b_count, x.stream), "converting B to 16 bits", error))
            return fail();
    }

    if (!x.check(cudaEventRecord(x.start, x.stream), "cudaEventRecord", error)) return fail();
    const int im = static_cast<int>(pm), in = static_cast<int>(pn), ik = static_cast<int>(pk);
    const float alpha = 1.0f, beta = 0.0f;
    cublasStatus_t status = CUBLAS_STATUS_SUCCESS;
    cudaError_t launched = cudaSuccess;
    Cublas& cb = x.cublas;
    // cuBLAS is column-major: row-major C = A B is column-major C^T = B^T A^T, and a row-major
    // matrix read as column-major is its transpose, so B goes first with n rows.
    switch (rung->kind) {
    case Kind::Ladder: launched = rung->launch(da, db, dc, im, in, ik, x.stream); break;
    case Kind::WmmaBf16: launched = ck::launch_wmma_bf16(da16, db16, dc, im, in, ik, x.stream); break;
    case Kind::Cublas:
        status = cb.set_math_mode(cb.handle, CUBLAS_DEFAULT_MATH);
        if (status == CUBLAS_STATUS_SUCCESS)
            status = cb.sgemm(cb.handle, CUBLAS_OP_N, CUBLAS_OP_N, in, im, ik, &alpha, db, in, da, ik, &beta, dc, in);
        break;
    case Kind::CublasTf32:
        status = cb.set_math_mode(cb.handle, CUBLAS_TF32_TENSOR_OP_MATH);
        if (status == CUBLAS_STATUS_SUCCESS)
            status = cb.gemm_ex(cb.handle, CUBLAS_OP_N, CUBLAS_OP_N, in, im, ik, &alpha, db, CUDA_R_32F, in, da,
                                CUDA_R_32F, ik, &beta, dc, CUDA_R_32F, in, CUBLAS_COMPUTE_32F_FAST_TF32,
                                CUBLAS_GEMM_DEFAULT);
        break;
    case Kind::CublasF16:
    case Kind::CublasBf16: {
        const cudaDataType t = rung->kind == Kind::CublasF16 ? CUDA_R_16F : CUDA_R_16BF;
        status = cb.set_math_mode(cb.handle, CUBLAS_DEFAULT_MATH);
        if (status == CUBLAS_STATUS_SUCCESS)
            status = cb.gemm_ex(cb.handle, CUBLAS_OP_N, CUBLAS_OP_N, in, im, ik, &alpha, db16, t, in, da16, t, ik, &beta,
                                dc, CUDA_R_32F, in, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT);
        break;
    }
    }
    if (status != CUBLAS_STATUS_SUCCESS) {
        error = std::string(rung->name) + ": cuBLAS failed with " + cublas_status_name(status);
        cudaGetLastError();
        return fail();
    }
    if (!x.check(launched, std::string("launching ") + rung->name, error)) return fail();
    if (!x.check(cudaEventRecord(x.stop, x.stream), "cudaEventRecord", error)) return fail();

    c = Matrix(m, n);
    const std::size_t row_bytes = static_cast<std::size_t>(n) * sizeof(float);
    if (!x.check(cudaMemcpy2DAsync(c.data.data(), row_bytes, dc, static_cast<std::size_t>(pn) * sizeof(float), row_bytes,
                                   static_cast<std::size_t>(m), cudaMemcpyDeviceToHost, x.stream),
                 "copying C back from the device", error) ||
        !x.check(cudaStreamSynchronize(x.stream), std::string("running ") + rung->name, error))
        return fail();
    float kernel_ms = 0;
    if (!x.check(cudaEventElapsedTime(&kernel_ms, x.start, x.stop), "cudaEventElapsedTime", error)) return fail();
    timing.kernel_ms = kernel_ms;
    timing.wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_start).count();
    return true;
}

// --- the transfer lab ----------------------------------------------------------------------------

std::uint64_t CudaMatmulBackend::max_transfer_bytes() {
    if (!context_) return 0;
    Context& x = *context_;
    std::string error;
    if (!x.usable(error)) return 0;
    x.release_scratch();
    std::size_t free_bytes = 0, total_bytes = 0;
    if (!x.check(cudaMemGetInfo(&free_bytes, &total_bytes), "cudaMemGetInfo", error)) return 0;
    std::uint64_t limit = std::min<std::uint64_t>(kGiB, free_bytes / 2);
    const long pages = sysconf(_SC_PHYS_PAGES), page_size = sysconf(_SC_PAGE_SIZE);
    if (pages > 0 && page_size > 0)
        limit = std::min<std::uint64_t>(limit, static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size) / 4);
    return limit;
}

bool CudaMatmulBackend::time_transfer(std::uint64_t bytes, TransferDirection direction, HostMemory memory, int warmup,
                                      int repetitions, std::vector<double>& ms, std::string& error) {
    if (!context_) {
        error = "no CUDA device: " + init_error_;
        return false;
    }
    if (bytes == 0 || warmup < 0 || repetitions < 1) {
        error = "invalid transfer: bytes and repetitions must be positive";
        return false;
    }
    Context& x = *context_;
    if (!x.usable(error)) return false;
    x.release_scratch();
    const std::string size = std::to_string(bytes) + " bytes";

    DeviceAlloc device;
    if (!x.check(cudaMalloc(&device.ptr, bytes), "cudaMalloc of " + size, error)) {
        device.ptr = nullptr;
        return false;
    }
    PinnedAlloc pinned;
    std::unique_ptr<std::uint64_t[]> pageable;
    void* host = nullptr;
    if (memory == HostMemory::Pinned) {
        if (!x.check(cudaMallocHost(&pinned.ptr, bytes), "cudaMallocHost (pinned host memory) of " + size, error)) {
            pinned.ptr = nullptr;
            return false;
        }
        host = pinned.ptr;
    } else {
        pageable.reset(new (std::nothrow) std::uint64_t[(bytes + 7) / 8]);
        if (!pageable) {
            error = "out of host memory: could not allocate " + size + " of pageable memory";
            return false;
        }
        host = pageable.get();
    }

    const std::uint64_t seed = 0x5EEDull ^ bytes;
    const std::uint64_t words = bytes / 8;
    auto* host_words = static_cast<std::uint64_t*>(host);
    auto* host_bytes = static_cast<std::uint8_t*>(host);
    const bool to_device = direction == TransferDirection::HostToDevice;
    if (to_device) {
        for (std::uint64_t i = 0; i < words; ++i) host_words[i] = ck::pattern_word(i, seed);
        for (std::uint64_t i = words * 8; i < bytes; ++i) host_bytes[i] = ck::pattern_tail_byte(i, seed);
        if (!x.check(cudaMemset(device.ptr, 0, bytes), "cudaMemset", error) ||
            !x.check(cudaDeviceSynchronize(), "cudaMemset", error))
            return false;
    } else {
        if (!x.check(ck::launch_fill_pattern(device.ptr, bytes, seed, x.stream), "filling the device buffer", error) ||
            !x.check(cudaStreamSynchronize(x.stream), "filling the device buffer", error))
            return false;
        std::memset(host, 0, bytes);
    }

    // Pinned: an async copy on our stream. Pageable: plain cudaMemcpy, which works on the legacy
    // default stream, so its events are recorded there.
    const bool use_pinned = memory == HostMemory::Pinned;
    cudaStream_t s = use_pinned ? x.stream : nullptr;
    void* dst = to_device ? device.ptr : host;
    const void* src = to_device ? host : device.ptr;
    const cudaMemcpyKind kind = to_device ? cudaMemcpyHostToDevice : cudaMemcpyDeviceToHost;
    const char* what = to_device ? "copying to the device" : "copying from the device";
    for (int run = 0; run < warmup + repetitions; ++run) {
        if (!x.check(cudaEventRecord(x.start, s), "cudaEventRecord", error)) return false;
        const cudaError_t e = use_pinned ? cudaMemcpyAsync(dst, src, bytes, kind, x.stream) : cudaMemcpy(dst, src, bytes, kind);
        if (!x.check(e, what, error)) {
            x.drain();
            cudaDeviceSynchronize();
            return false;
        }
        if (!x.check(cudaEventRecord(x.stop, s), "cudaEventRecord", error) ||
            !x.check(cudaEventSynchronize(x.stop), what, error))
            return false;
        float elapsed = 0;
        if (!x.check(cudaEventElapsedTime(&elapsed, x.start, x.stop), "cudaEventElapsedTime", error)) return false;
        if (run >= warmup) ms.push_back(elapsed);
    }
    if (!x.check(cudaDeviceSynchronize(), what, error)) return false;

    // Verify: to the device, copy back a few regions and compare with the source; from the device,
    // check words spread over the whole buffer against the pattern.
    if (to_device) {
        constexpr std::uint64_t kRegion = 4096;
        constexpr int kRegions = 16;
        std::vector<std::uint8_t> back(kRegion);
        for (int r = 0; r < kRegions; ++r) {
            const std::uint64_t len = std::min(kRegion, bytes);
            const std::uint64_t offset = (bytes - len) / (kRegions - 1) * static_cast<std::uint64_t>(r);
            const std::uint64_t at = r == kRegions - 1 ? bytes - len : offset;
            if (!x.check(cudaMemcpy(back.data(), static_cast<std::uint8_t*>(device.ptr) + at, len, cudaMemcpyDeviceToHost),
                         "copying back for the check", error))
                return false;
            if (std::memcmp(back.data(), host_bytes + at, len) != 0) {
                error = "the bytes on the device differ from those sent, near byte " + std::to_string(at) +
                        ": the copy to the device is corrupt";
                return false;
            }
        }
    } else {
        constexpr std::uint64_t kSamples = 4096;
        const std::uint64_t step = std::max<std::uint64_t>(1, words / kSamples);
        for (std::uint64_t i = 0; i < words; i += step)
            if (host_words[i] != ck::pattern_word(i, seed)) {
                error = "the bytes received differ from those on the device at byte " + std::to_string(i * 8) +
                        ": the copy from the device is corrupt";
                return false;
            }
        if (words > 0 && host_words[words - 1] != ck::pattern_word(words - 1, seed)) {
            error = "the last bytes received differ from those on the device: the copy from the device is corrupt";
            return false;
        }
        for (std::uint64_t i = words * 8; i < bytes; ++i)
            if (host_bytes[i] != ck::pattern_tail_byte(i, seed)) {
                error = "the last bytes received differ from those on the device: the copy from the device is corrupt";
                return false;
            }
    }
    return true;
}

CudaMatmulBackend::Context* CudaMatmulBackend::usable_context(std::string& error) {
    if (!context_) {
        error = "no CUDA device: " + init_error_;
        return nullptr;
    }
    return context_->usable(error) ? context_.get() : nullptr;
}

// --- the memory lab ------------------------------------------------------------------------------

bool CudaMatmulBackend::memory_info(DeviceMemoryInfo& info, std::string& error) {
    Context* ready = usable_context(error);
    if (!ready) return false;
    Context& x = *ready;
    x.release_scratch();
    std::size_t free_bytes = 0, total_bytes = 0;
    if (!x.check(cudaMemGetInfo(&free_bytes, &total_bytes), "cudaMemGetInfo", error)) return false;
    info.total_bytes = total_bytes;
    info.free_bytes = free_bytes;
    info.free_known = true;
    return true;
}

std::uint64_t CudaMatmulBackend::max_allocation_bytes() {
    if (!context_) return 0;
    // CUDA has no per-allocation limit below the device's memory: the total is the answer.
    std::size_t free_bytes = 0, total_bytes = 0;
    if (!context_->lost && cudaSetDevice(context_->device) == cudaSuccess &&
        cudaMemGetInfo(&free_bytes, &total_bytes) == cudaSuccess)
        return total_bytes;
    cudaGetLastError();
    return context_->props.totalGlobalMem;
}

AllocOutcome CudaMatmulBackend::allocate(std::uint64_t bytes) {
    AllocOutcome out;
    if (!context_) {
        out.status = AllocStatus::Failed;
        out.message = "no CUDA device: " + init_error_;
        return out;
    }
    Context& x = *context_;
    std::string error;
    if (bytes == 0 || !x.usable(error)) {
        out.status = AllocStatus::Failed;
        out.message = bytes == 0 ? "nothing to allocate (0 bytes)" : error;
        return out;
    }
    if (x.allocations.empty()) x.release_scratch();  // the lab measures the device, not our leftovers
    void* p = nullptr;
    cudaError_t e = cudaMalloc(&p, bytes);
    if (e == cudaSuccess) {
        e = cudaMemset(p, 0x5A, bytes);  // touch it, so it is really backed
        if (e == cudaSuccess) e = cudaDeviceSynchronize();
        if (e != cudaSuccess) {
            cudaFree(p);
            p = nullptr;
        }
    } else {
        p = nullptr;
    }
    if (e == cudaSuccess) {
        x.allocations.push_back(p);
        return out;
    }
    out.code = cudaGetErrorName(e);
    out.message = cudaGetErrorString(e);
    if (e == cudaErrorMemoryAllocation) {
        out.status = AllocStatus::OutOfMemory;
        cudaGetLastError();  // not sticky: clear it so the context stays usable
        return out;
    }
    out.status = AllocStatus::Failed;
    if (!x.check(e, "allocating " + std::to_string(bytes) + " bytes", error)) out.message = error;
    return out;
}

void CudaMatmulBackend::free_all() {
    if (!context_) return;
    Context& x = *context_;
    cudaSetDevice(x.device);
    for (void* p : x.allocations) cudaFree(p);
    x.allocations.clear();
    const cudaError_t e = cudaDeviceSynchronize();
    if (is_sticky(e)) {
        x.lost = true;
        x.lost_reason = "cudaDeviceSynchronize failed with " + describe(e);
    } else {
        cudaGetLastError();
    }
}

// --- the peak lab --------------------------------------------------------------------------------

namespace {

// Times `launch` on the context's stream with events, one warm-up then `repetitions` runs, and
// keeps the fastest: peaks are what the device can do, so the best run is the measure.
template <class Launch>
bool best_event_ms(CudaMatmulBackend::Context& x, int repetitions, const char* what, Launch launch, double& best_ms,
                   std::string& error) {
    best_ms = 0;
    for (int run = 0; run < 1 + std::max(1, repetitions); ++run) {
        float elapsed = 0;
        if (!x.check(cudaEventRecord(x.start, x.stream), "cudaEventRecord", error) ||
            !x.check(launch(), std::string("launching the ") + what, error) ||
            !x.check(cudaEventRecord(x.stop, x.stream), "cudaEventRecord", error) ||
            !x.check(cudaEventSynchronize(x.stop), std::string("running the ") + what, error) ||
            !x.check(cudaEventElapsedTime(&elapsed, x.start, x.stop), "cudaEventElapsedTime", error)) {
            x.drain();
            return false;
        }
        if (run > 0 && elapsed > 0 && (best_ms == 0 || elapsed < best_ms)) best_ms = elapsed;
    }
    if (best_ms <= 0) {
        error = std::string("the ") + what + " took no measurable time";
        return false;
    }
    return true;
}

}  // namespace

bool CudaMatmulBackend::peak_gflops(int repetitions, double& gflops, std::string& error) {
    Context* ready = usable_context(error);
    if (!ready) return false;
    Context& x = *ready;
    constexpr int kThreads = 256, kIterations = 1 << 16;
    const int per_sm = std::max(1, x.props.maxThreadsPerMultiProcessor / kThreads);
    const int blocks = std::max(1, x.props.multiProcessorCount) * per_sm;
    double best_ms = 0;
    if (!best_event_ms(x, repetitions, "FMA kernel",
                       [&] { return ck::launch_fma_peak(x.sink, blocks, kThreads, kIterations, x.stream); }, best_ms, error))
        return false;
    const double flops = 2.0 * ck::kPeakChains * static_cast<double>(kIterations) * blocks * kThreads;
    gflops = flops / (best_ms * 1e-3) / 1e9;
    return true;
}

bool CudaMatmulBackend::peak_bandwidth(int repetitions, double& gbps, std::string& error) {
    Context* ready = usable_context(error);
    if (!ready) return false;
    Context& x = *ready;
    x.release_scratch();
    std::size_t free_bytes = 0, total_bytes = 0;
    if (!x.check(cudaMemGetInfo(&free_bytes, &total_bytes), "cudaMemGetInfo", error)) return false;
    const std::uint64_t bytes = std::min<std::uint64_t>(kGiB, free_bytes / 4) / 16 * 16;  // each of two buffers
    if (bytes < 16 * kMiB) {
        error = "too little free device memory for the bandwidth test (" + std::to_string(free_bytes / kMiB) + " MiB free)";
        return false;
    }
    DeviceAlloc in, out;
    if (!x.check(cudaMalloc(&in.ptr, bytes), "cudaMalloc", error)) {
        in.ptr = nullptr;
        return false;
    }
    if (!x.check(cudaMalloc(&out.ptr, bytes), "cudaMalloc", error)) {
        out.ptr = nullptr;
        return false;
    }
    if (!x.check(cudaMemsetAsync(in.ptr, 1, bytes, x.stream), "cudaMemset", error)) return false;
    const int blocks = std::max(1, x.props.multiProcessorCount) * std::max(1, x.props.maxThreadsPerMultiProcessor / 256) * 4;
    double best_ms = 0;
    if (!best_event_ms(x, repetitions, "copy kernel",
                       [&] { return ck::launch_copy_float4(in.ptr, out.ptr, bytes / 16, blocks, x.stream); }, best_ms, error))
        return false;
    gbps = 2.0 * static_cast<double>(bytes) / (best_ms * 1e-3) / 1e9;
    return true;
}

}  // namespace dojo
