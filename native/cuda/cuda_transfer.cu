// The CUDA backend's answer to the transfer lab: pinned (cudaMallocHost, async on the stream) or
// pageable (plain cudaMemcpy) copies to and from one device buffer, timed with events and checked
// against a pattern.
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "cuda/cuda_backend_internal.h"

namespace dojo {

using namespace cuda_backend;

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
        if (!x.check(cudaEventRecord(x.stop, s), "cudaEventRecord", error) || !x.check(cudaEventSynchronize(x.stop), what, error))
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

}  // namespace dojo
