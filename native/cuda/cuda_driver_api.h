// The CUDA driver API (libcuda.so.1) opened at run time for the kernel exercises: the entry points
// they use, resolved by name and typed by cuda.h. cuda.h maps some names to newer versions with
// macros (cuMemAlloc is cuMemAlloc_v2); the members are spelt like the functions, so the same
// macros apply to them, and the symbol looked up is the one the header names.
#pragma once

#include <cuda.h>  // types only: libcuda is opened at run time, never linked

#include <string>

namespace dojo::cu {

struct DriverApi {
#define DOJO_CU_ENTRY(fn) decltype(&::fn) fn = nullptr
    DOJO_CU_ENTRY(cuInit);
    DOJO_CU_ENTRY(cuDriverGetVersion);
    DOJO_CU_ENTRY(cuGetErrorName);
    DOJO_CU_ENTRY(cuGetErrorString);
    DOJO_CU_ENTRY(cuDeviceGetCount);
    DOJO_CU_ENTRY(cuDeviceGet);
    DOJO_CU_ENTRY(cuDeviceGetName);
    DOJO_CU_ENTRY(cuDeviceGetAttribute);
    DOJO_CU_ENTRY(cuCtxDestroy);
    DOJO_CU_ENTRY(cuCtxSetCurrent);
    DOJO_CU_ENTRY(cuModuleLoadData);
    DOJO_CU_ENTRY(cuModuleUnload);
    DOJO_CU_ENTRY(cuModuleGetFunction);
    DOJO_CU_ENTRY(cuModuleGetGlobal);
    DOJO_CU_ENTRY(cuMemAlloc);
    DOJO_CU_ENTRY(cuMemFree);
    DOJO_CU_ENTRY(cuMemcpyHtoD);
    DOJO_CU_ENTRY(cuMemcpyDtoH);
    DOJO_CU_ENTRY(cuMemsetD32Async);
    DOJO_CU_ENTRY(cuStreamCreate);
    DOJO_CU_ENTRY(cuStreamDestroy);
    DOJO_CU_ENTRY(cuStreamQuery);
    DOJO_CU_ENTRY(cuEventCreate);
    DOJO_CU_ENTRY(cuEventDestroy);
    DOJO_CU_ENTRY(cuEventRecord);
    DOJO_CU_ENTRY(cuLaunchKernel);
#undef DOJO_CU_ENTRY
    // cuCtxCreate as every driver since CUDA 4 has it (cuda.h 13 names a newer one, cuCtxCreate_v4,
    // which drivers before 12.5 lack).
    CUresult (*cuCtxCreate_v2)(CUcontext*, unsigned int, CUdevice) = nullptr;
    // cuEventElapsedTime_v2 where the driver has it, else the first version (the same signature).
    CUresult (*event_elapsed)(float*, CUevent, CUevent) = nullptr;

    void* library = nullptr;

    // Opens libcuda.so.1 and resolves every entry point; false with why where it is missing.
    [[nodiscard]] bool load(std::string& why_not);

    // "CUDA_ERROR_ILLEGAL_ADDRESS: an illegal memory access was encountered"
    std::string describe(CUresult r) const;
};

// Errors after which a context cannot be used again: it must be destroyed.
bool is_sticky(CUresult r);

}  // namespace dojo::cu
