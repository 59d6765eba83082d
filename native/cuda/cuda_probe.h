// Asks the CUDA runtime what it sees and proves each device computes. Built from cuda_probe.cu
// when nvcc was found, else from cuda_probe_absent.cpp, which says so.
#pragma once

#include "hardware/hardware_report.h"

namespace dojo {

CudaReport probe_cuda();

}  // namespace dojo
