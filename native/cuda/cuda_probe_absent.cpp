// The CUDA probe of a build made without nvcc: it says why and what to do.
#include "cuda/cuda_probe.h"

namespace dojo {

CudaReport probe_cuda() {
    CudaReport r;
    r.built = false;
    r.reason = "this build of dojo has no CUDA support (nvcc was not found when it was configured)";
    r.advice = "install the CUDA toolkit (nvcc), then rebuild with `make build`; the CPU and Vulkan labs work without it";
    return r;
}

}  // namespace dojo
