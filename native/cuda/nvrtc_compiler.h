// NVRTC, the CUDA compiler as a library, opened at run time (libnvrtc.so.13, .12, libnvrtc.so), so
// `dojo` starts where it is missing. It compiles a learner's prepared CUDA kernel (kernel_source.h)
// to a cubin for the GPU at hand, or to PTX, with no GPU and no driver needed, or returns NVRTC's
// errors at the learner's lines.
#pragma once

#include <string>
#include <vector>

#include "exercises/kernel_source.h"

namespace dojo {

struct CudaImage {
    std::string data;         // a cubin's bytes, or PTX text
    bool cubin = false;       // else PTX, which the driver compiles when it loads it
    std::string kernel_name;  // `kernel` as the module names it (lowered, or mangled, by NVRTC)
    std::string target;       // "sm_90" (cubin) or "compute_75" (PTX)
};

// Opens NVRTC once per process ($DOJO_NVRTC_LIBRARY, when set, is the only file tried); false
// with why where it cannot be opened.
[[nodiscard]] bool nvrtc_available(std::string& why_not);

// "NVRTC 13.0 (libnvrtc.so.13)", or empty where it is not available.
std::string nvrtc_description();

// Compiles `source` (prepare_cuda's) for a GPU of compute capability `cc` (major * 10 + minor:
// 90 for sm_90) as a cubin where NVRTC knows that GPU, else as PTX for the newest one it knows;
// cc = 0 compiles to PTX for the oldest GPU it knows (a check that needs no GPU).
[[nodiscard]] bool compile_cuda(const std::string& source, int cc, CudaImage& image, std::vector<CompileError>& errors);

}  // namespace dojo
