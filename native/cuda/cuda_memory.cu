// The CUDA backend's answer to the memory (VRAM) lab: what cudaMemGetInfo says, allocations that
// are touched so they are really backed, out of memory as an answer, and freeing them all again.
#include <string>

#include "cuda/cuda_backend_internal.h"

namespace dojo {

using namespace cuda_backend;

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

}  // namespace dojo
