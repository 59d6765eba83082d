// The CUDA backend's matmul rungs: the FP32 ladder (one kernel per file under kernels/), cuBLAS in
// FP32, TF32, FP16 and BF16, and wmma-bf16. Device buffers are reused across calls (grown when a
// larger problem comes, given back before the memory and transfer labs measure).
//
// Timing: kernel_ms is the device time between two events around the multiply alone (for the
// padded rungs, the padded problem; for cuBLAS fp16/bf16 and wmma-bf16, not the conversion of the
// inputs). wall_ms is the host's clock around the whole call: copies in, padding, conversions,
// the multiply, the copy out.
#include <chrono>
#include <climits>
#include <string>
#include <vector>

#include "cuda/cuda_backend_internal.h"

namespace dojo {

using namespace cuda_backend;

namespace {

enum class Kind { Ladder, Cublas, CublasTf32, CublasF16, CublasBf16, WmmaBf16 };

using LadderLaunch = cudaError_t (*)(const float*, const float*, float*, int, int, int, cudaStream_t);

struct Rung {
    const char* name;
    const char* teaches;
    NumberFormat dtype;
    bool reference;
    Kind kind;
    LadderLaunch launch;  // Ladder only
    ck::Pad (*pad)();     // null: any size
};

const Rung kRungs[] = {
    {"naive",
     "One thread per element of C with neighbouring threads on neighbouring rows, so a warp's reads of A and writes "
     "of C land far apart and device memory runs at a fraction of its speed.",
     NumberFormat::FP32, false, Kind::Ladder, ck::launch_naive, nullptr},
    {"coalesced",
     "The same arithmetic with neighbouring threads on neighbouring columns, so each warp's reads of B and writes of "
     "C merge into a few wide memory transactions.",
     NumberFormat::FP32, false, Kind::Ladder, ck::launch_coalesced, nullptr},
    {"smem-tiled",
     "A block stages 32x32 tiles of A and B in fast shared memory, so each value fetched from device memory is reused "
     "by 32 multiply-adds.",
     NumberFormat::FP32, false, Kind::Ladder, ck::launch_smem_tiled, nullptr},
    {"1d-blocktile",
     "Each thread keeps a column of 8 results in registers, so one value of B read from shared memory feeds 8 "
     "multiply-adds instead of one.",
     NumberFormat::FP32, false, Kind::Ladder, ck::launch_blocktile_1d, ck::blocktile_1d_pad},
    {"2d-blocktile",
     "Each thread keeps an 8x8 block of C in registers, so 16 values read from shared memory feed 64 multiply-adds.",
     NumberFormat::FP32, false, Kind::Ladder, ck::launch_blocktile_2d, ck::blocktile_2d_pad},
    {"vectorized",
     "The same register blocks fed by 128-bit float4 loads, with A's tile stored transposed in shared memory, so "
     "fewer and wider instructions move the same data.",
     NumberFormat::FP32, false, Kind::Ladder, ck::launch_vectorized, ck::vectorized_pad},
    {"warptile",
     "Each warp owns its own sub-tile of the block's tile, so the 32 threads of a warp read neighbouring shared "
     "memory together and every thread works on 128 results held in registers.",
     NumberFormat::FP32, false, Kind::Ladder, ck::launch_warptile, ck::warptile_pad},
    {"cublas",
     "NVIDIA's own FP32 matrix multiply, tuned for each GPU: the yardstick the hand-written ladder is measured "
     "against.",
     NumberFormat::FP32, true, Kind::Cublas, nullptr, nullptr},
    {"cublas-tf32",
     "cuBLAS with the FP32 inputs rounded to TF32 (a 10-bit mantissa) on the tensor cores: several times the FP32 "
     "speed for a small, bounded loss of precision.",
     NumberFormat::TF32, true, Kind::CublasTf32, nullptr, nullptr},
    {"cublas-fp16",
     "cuBLAS on FP16 copies of the inputs with FP32 accumulation on the tensor cores: half the bytes to move and the "
     "tensor cores' full rate.",
     NumberFormat::FP16, true, Kind::CublasF16, nullptr, nullptr},
    {"cublas-bf16",
     "cuBLAS on BF16 copies of the inputs (FP32's range with an 8-bit mantissa) and FP32 accumulation: the format "
     "most training runs use.",
     NumberFormat::BF16, true, Kind::CublasBf16, nullptr, nullptr},
    {"wmma-bf16",
     "A hand-written tensor-core kernel: each warp multiplies 16x16x16 BF16 fragments with nvcuda::wmma, staged in "
     "shared memory, and accumulates in FP32.",
     NumberFormat::BF16, false, Kind::WmmaBf16, nullptr, ck::wmma_bf16_pad},
};

const Rung* find_rung(const std::string& name) {
    for (const Rung& r : kRungs)
        if (name == r.name) return &r;
    return nullptr;
}

bool is_cublas(Kind k) {
    return k == Kind::Cublas || k == Kind::CublasTf32 || k == Kind::CublasF16 || k == Kind::CublasBf16;
}

long long round_up(long long v, long long to) {
    return to <= 1 ? v : (v + to - 1) / to * to;
}

}  // namespace

std::vector<KernelInfo> CudaMatmulBackend::kernels() const {
    std::vector<KernelInfo> list;
    for (const Rung& r : kRungs) list.push_back({r.name, r.teaches, r.dtype, r.reference});
    return list;
}

bool CudaMatmulBackend::matmul(const std::string& kernel, const Matrix& a, const Matrix& b, Matrix& c, MatmulTiming& timing,
                               std::string& error) {
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
        error = std::string(rung->name) + " needs bf16 tensor cores (compute capability 8.0 or later); " + device_name_ + " is " +
                std::to_string(x.props.major) + "." + std::to_string(x.props.minor);
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
    const bool half_inputs = rung->kind == Kind::CublasF16 || rung->kind == Kind::CublasBf16 || rung->kind == Kind::WmmaBf16;
    bool made =
        half_inputs
            ? x.ensure(
                  {{&x.a, a_count * 4}, {&x.b, b_count * 4}, {&x.c, c_count * 4}, {&x.a16, a_count * 2}, {&x.b16, b_count * 2}},
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
        case Kind::Ladder:
            launched = rung->launch(da, db, dc, im, in, ik, x.stream);
            break;
        case Kind::WmmaBf16:
            launched = ck::launch_wmma_bf16(da16, db16, dc, im, in, ik, x.stream);
            break;
        case Kind::Cublas:
            status = cb.set_math_mode(cb.handle, CUBLAS_DEFAULT_MATH);
            if (status == CUBLAS_STATUS_SUCCESS)
                status = cb.sgemm(cb.handle, CUBLAS_OP_N, CUBLAS_OP_N, in, im, ik, &alpha, db, in, da, ik, &beta, dc, in);
            break;
        case Kind::CublasTf32:
            status = cb.set_math_mode(cb.handle, CUBLAS_TF32_TENSOR_OP_MATH);
            if (status == CUBLAS_STATUS_SUCCESS)
                status = cb.gemm_ex(cb.handle, CUBLAS_OP_N, CUBLAS_OP_N, in, im, ik, &alpha, db, CUDA_R_32F, in, da, CUDA_R_32F,
                                    ik, &beta, dc, CUDA_R_32F, in, CUBLAS_COMPUTE_32F_FAST_TF32, CUBLAS_GEMM_DEFAULT);
            break;
        case Kind::CublasF16:
        case Kind::CublasBf16: {
            const cudaDataType t = rung->kind == Kind::CublasF16 ? CUDA_R_16F : CUDA_R_16BF;
            status = cb.set_math_mode(cb.handle, CUBLAS_DEFAULT_MATH);
            if (status == CUBLAS_STATUS_SUCCESS)
                status = cb.gemm_ex(cb.handle, CUBLAS_OP_N, CUBLAS_OP_N, in, im, ik, &alpha, db16, t, in, da16, t, ik, &beta, dc,
                                    CUDA_R_32F, in, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT);
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

}  // namespace dojo
