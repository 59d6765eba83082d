// The CPU's roofline: peak FP32 FMA throughput on every hardware thread with the widest SIMD this
// CPU has, and memory bandwidth from a multithreaded copy far larger than the caches.
#include "compute/cpu/cpu_peak.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <new>
#include <thread>
#include <vector>

namespace dojo::cpu {

#if defined(DOJO_CPU_X86_KERNELS)
float fma_chains_avx512(long iterations);
float fma_chains_avx2(long iterations);
#endif

namespace {

// Portable fallback: 8 scalar chains the compiler may vectorize to whatever the target has.
float fma_chains_scalar(long iterations) {
    float acc[8];
    for (int i = 0; i < 8; ++i) acc[i] = static_cast<float>(i);
    for (long it = 0; it < iterations; ++it)
        for (float& a : acc) a = a * 0.999999f + 1e-7f;
    float s = 0;
    for (float a : acc) s += a;
    return s;
}

struct FmaProbe {
    float (*fn)(long);
    double flops_per_iteration;  // FMAs per iteration x lanes x 2
};

FmaProbe widest_probe() {
#if defined(DOJO_CPU_X86_KERNELS)
    if (__builtin_cpu_supports("avx512f")) return {fma_chains_avx512, 16.0 * 16 * 2};
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return {fma_chains_avx2, 12.0 * 8 * 2};
#endif
    return {fma_chains_scalar, 8.0 * 2};
}

unsigned thread_count() {
    return std::max(1u, std::thread::hardware_concurrency());
}

// Runs fn(t) on every hardware thread at once; returns the wall time in seconds.
template <class Fn>
double on_all_threads(Fn fn) {
    const unsigned n = thread_count();
    std::vector<std::thread> pool;
    const auto start = std::chrono::steady_clock::now();
    try {
        for (unsigned t = 1; t < n; ++t) pool.emplace_back(fn, t);
    } catch (...) {
        for (auto& th : pool) th.join();
        throw;
    }
    fn(0u);
    for (auto& th : pool) th.join();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

bool CpuPeak::peak_gflops(int repetitions, double& gflops, std::string& error) {
    const FmaProbe probe = widest_probe();
    constexpr long kIterations = 20'000'000;  // ~0.1 s per thread at a few GHz
    std::vector<float> sink(thread_count());
    double best = 0;
    try {
        for (int r = 0; r < std::max(repetitions, 1) + 1; ++r) {  // the first run warms up clocks and is not counted
            const double seconds = on_all_threads([&](unsigned t) { sink[t] = probe.fn(kIterations); });
            if (r > 0 && seconds > 0)
                best = std::max(best, probe.flops_per_iteration * kIterations * thread_count() / seconds / 1e9);
        }
    } catch (const std::exception& e) {
        error = std::string("could not run on every core: ") + e.what();
        return false;
    }
    float total = 0;
    for (float s : sink) total += s;
    if (total != total) {  // NaN: the arithmetic went wrong; also keeps `sink` observable
        error = "the FMA probe produced NaN";
        return false;
    }
    gflops = best;
    return true;
}

bool CpuPeak::peak_bandwidth(int repetitions, double& gbps, std::string& error) {
    constexpr std::size_t kBytes = 256u << 20;  // far beyond any L3 this code will meet
    std::unique_ptr<char[]> src, dst;
    try {
        src.reset(new char[kBytes]);
        dst.reset(new char[kBytes]);
    } catch (const std::bad_alloc&) {
        error = "not enough memory for two 256 MiB buffers";
        return false;
    }
    std::memset(src.get(), 1, kBytes);
    std::memset(dst.get(), 0, kBytes);  // touch every page before timing
    const unsigned n = thread_count();
    const std::size_t per = kBytes / n;
    double best = 0;
    try {
        for (int r = 0; r < std::max(repetitions, 1) + 1; ++r) {
            const double seconds = on_all_threads([&](unsigned t) {
                const std::size_t begin = t * per, len = t + 1 == n ? kBytes - begin : per;
                std::memcpy(dst.get() + begin, src.get() + begin, len);
            });
            if (r > 0 && seconds > 0) best = std::max(best, 2.0 * kBytes / seconds / 1e9);  // read + write
        }
    } catch (const std::exception& e) {
        error = std::string("could not run on every core: ") + e.what();
        return false;
    }
    if (dst[kBytes - 1] != 1) {
        error = "the copy did not arrive";
        return false;
    }
    gbps = best;
    return true;
}

}  // namespace dojo::cpu
