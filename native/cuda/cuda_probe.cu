// The CUDA part of `dojo check`: driver and runtime versions, each device's properties, and a
// proof that the device computes (copy in, run a kernel, copy out, compare on the host).
#include "cuda/cuda_probe.h"

#include <cuda_runtime.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace dojo {

namespace {

std::string describe(cudaError_t e) {
    return std::string(cudaGetErrorName(e)) + ": " + cudaGetErrorString(e);
}

__global__ void scale_and_shift(const float* in, float* out, int n) {
    const int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = 2.0f * in[i] + 1.0f;
}

// Owns one device allocation so every exit path frees it.
struct DeviceBuffer {
    float* ptr = nullptr;
    ~DeviceBuffer() {
        if (ptr) cudaFree(ptr);
    }
};

ComputeProof prove(int device) {
    ComputeProof proof;
    proof.ran = true;
    constexpr int n = 1 << 16;
    std::vector<float> host(n), back(n, 0.0f);
    for (int i = 0; i < n; ++i) host[i] = static_cast<float>(i % 1024) * 0.5f;
    const std::size_t bytes = n * sizeof(float);

    DeviceBuffer in, out;
    cudaError_t e = cudaSetDevice(device);
    if (e == cudaSuccess) e = cudaMalloc(&in.ptr, bytes);
    if (e == cudaSuccess) e = cudaMalloc(&out.ptr, bytes);
    if (e == cudaSuccess) e = cudaMemcpy(in.ptr, host.data(), bytes, cudaMemcpyHostToDevice);
    if (e == cudaSuccess) {
        scale_and_shift<<<(n + 255) / 256, 256>>>(in.ptr, out.ptr, n);
        e = cudaGetLastError();
    }
    if (e == cudaSuccess) e = cudaDeviceSynchronize();
    if (e == cudaSuccess) e = cudaMemcpy(back.data(), out.ptr, bytes, cudaMemcpyDeviceToHost);
    if (e != cudaSuccess) {
        proof.detail = "failed: " + describe(e);
        cudaGetLastError();  // clear a sticky-free error so the next device starts clean
        return proof;
    }
    int wrong = 0;
    for (int i = 0; i < n; ++i) wrong += back[i] != 2.0f * host[i] + 1.0f;
    proof.passed = wrong == 0;
    proof.detail = proof.passed ? "y = 2x + 1 on 65536 floats: copied to the GPU, computed, copied back, all correct"
                                : std::to_string(wrong) + " of 65536 results wrong: the device computes incorrectly";
    return proof;
}

std::string advice_for(cudaError_t e, int driver_version, int runtime_version) {
    if (e == cudaErrorInsufficientDriver && driver_version == 0)
        return "No NVIDIA driver was found (libcuda.so.1 is not installed). On a machine with an NVIDIA GPU, install "
               "the NVIDIA driver and check that `nvidia-smi` lists the GPU. Without one, the CPU and Vulkan labs still run.";
    if (e == cudaErrorInsufficientDriver)
        return "The driver supports CUDA " + cuda_version_string(driver_version) + " but this build needs " +
               cuda_version_string(runtime_version) + ". Update the NVIDIA driver, or rebuild with an older CUDA toolkit.";
    if (e == cudaErrorNoDevice) {
        std::string a = "The driver is installed but sees no CUDA GPU. Check `nvidia-smi`";
        if (const char* v = std::getenv("CUDA_VISIBLE_DEVICES"))
            a += std::string("; CUDA_VISIBLE_DEVICES is set to '") + v + "', which can hide GPUs";
        return a + "; in a container, start it with GPU access (for example `docker run --gpus all`).";
    }
    return "Check that `nvidia-smi` works and that no other program holds the GPU in a bad state.";
}

}  // namespace

CudaReport probe_cuda() {
    CudaReport r;
    r.built = true;
    cudaDriverGetVersion(&r.driver_version);
    cudaRuntimeGetVersion(&r.runtime_version);

    int count = 0;
    if (cudaError_t e = cudaGetDeviceCount(&count); e != cudaSuccess || count == 0) {
        if (e == cudaSuccess) e = cudaErrorNoDevice;
        const bool no_driver = e == cudaErrorInsufficientDriver && r.driver_version == 0;
        r.reason = std::string(no_driver ? "no NVIDIA driver is installed, so no CUDA device is usable"
                                         : "the CUDA runtime found no usable device") +
                   " (" + describe(e) + ")";
        r.advice = advice_for(e, r.driver_version, r.runtime_version);
        cudaGetLastError();
        return r;
    }
    for (int i = 0; i < count; ++i) {
        CudaDevice d;
        d.index = i;
        cudaDeviceProp p{};
        if (cudaError_t e = cudaGetDeviceProperties(&p, i); e != cudaSuccess) {
            d.name = "device " + std::to_string(i);
            d.proof = {false, false, "could not read its properties: " + describe(e)};
            r.devices.push_back(d);
            continue;
        }
        d.name = p.name;
        d.compute_capability_major = p.major;
        d.compute_capability_minor = p.minor;
        d.sm_count = p.multiProcessorCount;
        d.total_memory_bytes = p.totalGlobalMem;
        d.memory_bus_width_bits = p.memoryBusWidth;
        d.l2_cache_bytes = static_cast<std::uint64_t>(p.l2CacheSize);
        cudaDeviceGetAttribute(&d.memory_clock_khz, cudaDevAttrMemoryClockRate, i);
        std::size_t free_bytes = 0, total_bytes = 0;
        if (cudaSetDevice(i) == cudaSuccess && cudaMemGetInfo(&free_bytes, &total_bytes) == cudaSuccess)
            d.free_memory_bytes = free_bytes;
        d.proof = prove(i);
        r.available = r.available || d.proof.passed;
        r.devices.push_back(d);
    }
    if (!r.available) {
        r.reason = "no CUDA device passed its compute proof";
        r.advice = "See each device's proof above; a reboot or a driver reinstall often clears a GPU in a bad state.";
    }
    return r;
}

}  // namespace dojo
