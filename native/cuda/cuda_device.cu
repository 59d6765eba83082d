// The CUDA backend's device: finding it (or saying why there is none, in the runtime's words), and
// making the stream, the events and the peak kernel's sink once.
#include <exception>
#include <memory>
#include <string>

#include "cuda/cuda_backend_internal.h"

namespace dojo {

using namespace cuda_backend;

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

bool CudaMatmulBackend::ok() const {
    return context_ != nullptr;
}

CudaMatmulBackend::Context* CudaMatmulBackend::usable_context(std::string& error) {
    if (!context_) {
        error = "no CUDA device: " + init_error_;
        return nullptr;
    }
    return context_->usable(error) ? context_.get() : nullptr;
}

}  // namespace dojo
