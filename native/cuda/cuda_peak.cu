// The CUDA backend's answer to the peak (roofline) lab: an FMA-chain kernel for arithmetic and a
// float4 copy kernel for memory bandwidth, timed with events, best run kept.
#include <algorithm>
#include <string>

#include "cuda/cuda_backend_internal.h"

namespace dojo {

using namespace cuda_backend;

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
    if (!best_event_ms(
            x, repetitions, "FMA kernel", [&] { return ck::launch_fma_peak(x.sink, blocks, kThreads, kIterations, x.stream); },
            best_ms, error))
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
    if (!best_event_ms(
            x, repetitions, "copy kernel", [&] { return ck::launch_copy_float4(in.ptr, out.ptr, bytes / 16, blocks, x.stream); },
            best_ms, error))
        return false;
    gbps = 2.0 * static_cast<double>(bytes) / (best_ms * 1e-3) / 1e9;
    return true;
}

}  // namespace dojo
