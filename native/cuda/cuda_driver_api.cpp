// libcuda at run time (see cuda_driver_api.h).
#include "cuda/cuda_driver_api.h"

#include <dlfcn.h>

namespace dojo::cu {

namespace {

// The name a macro in cuda.h gives an entry point: DOJO_CU_SYMBOL(cuMemAlloc) is "cuMemAlloc_v2".
#define DOJO_CU_SYMBOL_TEXT(name) #name
#define DOJO_CU_SYMBOL(name) DOJO_CU_SYMBOL_TEXT(name)

template <class F>
bool resolve(void* library, F& f, const char* symbol, std::string& why_not) {
    f = reinterpret_cast<F>(dlsym(library, symbol));
    if (!f && why_not.empty()) why_not = std::string("libcuda.so.1 has no ") + symbol + " (the NVIDIA driver is too old)";
    return f != nullptr;
}

}  // namespace

bool DriverApi::load(std::string& why_not) {
    if (library) return true;
    void* lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char* e = dlerror();
        why_not = std::string("no NVIDIA driver: libcuda.so.1 could not be opened (") + (e ? e : "not found") +
                  "); CUDA kernels compile here but need an NVIDIA GPU and its driver to run";
        return false;
    }
    std::string missing;
    bool ok = true;
#define DOJO_CU_RESOLVE(fn) ok = resolve(lib, fn, DOJO_CU_SYMBOL(fn), missing) && ok
    DOJO_CU_RESOLVE(cuInit);
    DOJO_CU_RESOLVE(cuDriverGetVersion);
    DOJO_CU_RESOLVE(cuGetErrorName);
    DOJO_CU_RESOLVE(cuGetErrorString);
    DOJO_CU_RESOLVE(cuDeviceGetCount);
    DOJO_CU_RESOLVE(cuDeviceGet);
    DOJO_CU_RESOLVE(cuDeviceGetName);
    DOJO_CU_RESOLVE(cuDeviceGetAttribute);
    DOJO_CU_RESOLVE(cuCtxDestroy);
    DOJO_CU_RESOLVE(cuCtxSetCurrent);
    DOJO_CU_RESOLVE(cuModuleLoadData);
    DOJO_CU_RESOLVE(cuModuleUnload);
    DOJO_CU_RESOLVE(cuModuleGetFunction);
    DOJO_CU_RESOLVE(cuModuleGetGlobal);
    DOJO_CU_RESOLVE(cuMemAlloc);
    DOJO_CU_RESOLVE(cuMemFree);
    DOJO_CU_RESOLVE(cuMemcpyHtoD);
    DOJO_CU_RESOLVE(cuMemcpyDtoH);
    DOJO_CU_RESOLVE(cuMemsetD32Async);
    DOJO_CU_RESOLVE(cuStreamCreate);
    DOJO_CU_RESOLVE(cuStreamDestroy);
    DOJO_CU_RESOLVE(cuStreamQuery);
    DOJO_CU_RESOLVE(cuEventCreate);
    DOJO_CU_RESOLVE(cuEventDestroy);
    DOJO_CU_RESOLVE(cuEventRecord);
    DOJO_CU_RESOLVE(cuLaunchKernel);
#undef DOJO_CU_RESOLVE
    ok = resolve(lib, cuCtxCreate_v2, "cuCtxCreate_v2", missing) && ok;
    std::string no_v2;
    if (!resolve(lib, event_elapsed, "cuEventElapsedTime_v2", no_v2))
        ok = resolve(lib, event_elapsed, "cuEventElapsedTime", missing) && ok;
    if (!ok) {
        dlclose(lib);
        why_not = missing;
        return false;
    }
    library = lib;
    return true;
}

std::string DriverApi::describe(CUresult r) const {
    const char* name = nullptr;
    const char* text = nullptr;
    if (cuGetErrorName) cuGetErrorName(r, &name);
    if (cuGetErrorString) cuGetErrorString(r, &text);
    return std::string(name ? name : "CUDA error " + std::to_string(static_cast<int>(r))) +
           (text ? std::string(": ") + text : "");
}

bool is_sticky(CUresult r) {
    switch (r) {
        case CUDA_ERROR_ILLEGAL_ADDRESS:
        case CUDA_ERROR_LAUNCH_FAILED:
        case CUDA_ERROR_LAUNCH_TIMEOUT:
        case CUDA_ERROR_HARDWARE_STACK_ERROR:
        case CUDA_ERROR_ILLEGAL_INSTRUCTION:
        case CUDA_ERROR_MISALIGNED_ADDRESS:
        case CUDA_ERROR_INVALID_ADDRESS_SPACE:
        case CUDA_ERROR_INVALID_PC:
        case CUDA_ERROR_ASSERT:
        case CUDA_ERROR_ECC_UNCORRECTABLE:
        case CUDA_ERROR_CONTEXT_IS_DESTROYED:
            return true;
        default:
            return false;
    }
}

}  // namespace dojo::cu
