// The CPU backend: lists the rungs this CPU can run and times one multiply with steady_clock.
#include "compute/cpu/cpu_backend.h"

#include <chrono>
#include <exception>
#include <new>
#include <thread>

#include "compute/cpu/cpu_kernels.h"

namespace dojo {

namespace {

struct CpuKernel {
    KernelInfo info;
    cpu::KernelFn fn;
};

std::vector<CpuKernel> available_kernels(const CpuBackendOptions& options) {
    std::vector<CpuKernel> list = {
        {{"naive", "Every multiply-add reads B down a column, n floats apart, so most loads miss the cache."}, cpu::matmul_naive},
        {{"loop-reorder",
          "Swapping the two inner loops reads B and C along rows, so every cache line is used whole and the "
          "compiler can vectorize."},
         cpu::matmul_reordered},
        {{"cache-blocked",
          "Working on tiles that fit in cache reuses each loaded piece of B for many rows instead of "
          "streaming it from memory again."},
         cpu::matmul_blocked},
    };
#if defined(DOJO_CPU_SIMD128)
    list.push_back({{"simd-128",
                     "Packing A and B and keeping a 4x8 tile of C in 4-wide vector registers, the width of SSE and "
                     "of WebAssembly SIMD, does four multiply-adds per instruction."},
                    cpu::matmul_simd128});
#endif
#if defined(DOJO_CPU_X86_KERNELS)
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        list.push_back({{"simd-avx2",
                         "Packing A and B and keeping a 6x16 tile of C in AVX2 registers turns the loop into "
                         "back-to-back 8-wide fused multiply-adds."},
                        cpu::matmul_avx2});
    if (__builtin_cpu_supports("avx512f"))
        list.push_back({{"simd-avx512",
                         "A 6x64 tile of C held in 24 AVX-512 registers lets every loaded value feed many "
                         "16-wide fused multiply-adds."},
                        cpu::matmul_avx512});
#endif
    if (options.threads)
        list.push_back({{"multithreaded",
                         "Splitting the rows of C among all cores multiplies the speed of the best single-core "
                         "kernel by about the number of cores."},
                        cpu::matmul_threaded});
#if defined(DOJO_HAVE_OPENBLAS)
    list.push_back({{"openblas", "A hand-tuned library shows how close the ladder came to what years of expert tuning reach.",
                     NumberFormat::FP32, true},
                    cpu::matmul_openblas});
#endif
    auto rounded = [&](const char* name, const char* what, NumberFormat dtype, cpu::KernelFn fn) {
        const std::string teaches = std::string("Rounding A and B to ") + what +
                                    " before an FP32-accumulated multiply gives the accuracy "
                                    "of a tensor core's " +
                                    format_name(dtype) +
                                    "; this CPU has no such units, so the speed is the "
                                    "FP32 kernel's plus the rounding.";
        list.push_back({{name, teaches, dtype}, fn});
    };
    rounded("tf32-inputs", "TF32 (10 mantissa bits, FP32's range)", NumberFormat::TF32, cpu::matmul_tf32_inputs);
    rounded("fp16-inputs", "FP16 (10 mantissa bits, values up to 65504)", NumberFormat::FP16, cpu::matmul_fp16_inputs);
    rounded("bf16-inputs", "BF16 (7 mantissa bits, FP32's range)", NumberFormat::BF16, cpu::matmul_bf16_inputs);
    return list;
}

}  // namespace

CpuBackend::CpuBackend(std::string device_name, CpuBackendOptions options) : device_(std::move(device_name)), options_(options) {
    const unsigned threads = std::thread::hardware_concurrency();
    if (threads > 0) device_ += " (" + std::to_string(threads) + (threads == 1 ? " thread)" : " threads)");
}

PeakDevice* CpuBackend::peaks() {
    return &peak_;
}

std::vector<KernelInfo> CpuBackend::kernels() const {
    std::vector<KernelInfo> out;
    for (const CpuKernel& k : available_kernels(options_)) out.push_back(k.info);
    return out;
}

bool CpuBackend::matmul(const std::string& kernel, const Matrix& a, const Matrix& b, Matrix& c, MatmulTiming& timing,
                        std::string& error) {
    if (a.cols != b.rows || a.data.size() != static_cast<std::size_t>(a.rows) * static_cast<std::size_t>(a.cols) ||
        b.data.size() != static_cast<std::size_t>(b.rows) * static_cast<std::size_t>(b.cols)) {
        error = "shapes do not match: A is " + std::to_string(a.rows) + "x" + std::to_string(a.cols) + ", B is " +
                std::to_string(b.rows) + "x" + std::to_string(b.cols);
        return false;
    }
    for (const CpuKernel& k : available_kernels(options_)) {
        if (k.info.name != kernel) continue;
        try {
            if (c.rows != a.rows || c.cols != b.cols) c = Matrix(a.rows, b.cols);
            const auto start = std::chrono::steady_clock::now();
            k.fn(a.data.data(), b.data.data(), c.data.data(), a.rows, b.cols, a.cols);
            auto stop = std::chrono::steady_clock::now();
            int calls = 1;
            // A multiply shorter than the clock can see is repeated (CpuBackendOptions::min_timed_ms).
            const auto min_timed = std::chrono::duration<double, std::milli>(options_.min_timed_ms);
            while (stop - start < min_timed && calls < 1000000) {
                k.fn(a.data.data(), b.data.data(), c.data.data(), a.rows, b.cols, a.cols);
                ++calls;
                stop = std::chrono::steady_clock::now();
            }
            timing.kernel_ms = timing.wall_ms = std::chrono::duration<double, std::milli>(stop - start).count() / calls;
            return true;
        } catch (const std::bad_alloc&) {
            error = "out of memory for a " + std::to_string(a.rows) + "x" + std::to_string(b.cols) + " multiply";
        } catch (const std::exception& e) {
            error = std::string("the ") + kernel + " kernel failed: " + e.what();  // e.g. a thread could not start
        }
        return false;
    }
    error = "unknown CPU kernel '" + kernel + "'";
    return false;
}

}  // namespace dojo
