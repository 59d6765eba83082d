// The CUDA entry points the app opens at run time with dlopen and dlsym, checked against the CUDA
// toolkit this build found, with no GPU: the cuBLAS function-pointer types of the CUDA backend
// (cuda_backend_internal.h) against cublas_v2.h's declarations, at compile time; every name that
// Cublas::load and DriverApi::load look up, in the toolkit's libcublas and in its libcuda stub;
// and the toolkit's NVRTC opening with every entry point nvrtc_compiler.cpp resolves (the exercise
// tests compile every exercise's kernels with it, but skip where it does not open). A wrong name,
// library version or signature fails here rather than on the first GPU. The lab kernels are built
// by nvcc and the CUDA runtime is linked statically, so the linker checks those; NVRTC compiles
// only the exercises' kernels at run time.
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <tuple>
#include <type_traits>

#include "cuda/cuda_backend_internal.h"
#include "cuda/cuda_driver_api.h"
#include "cuda/nvrtc_compiler.h"

namespace dojo {
namespace {

using cuda_backend::Cublas;

// cublas_v2.h maps cublasCreate and the others to their _v2 symbols, the ones Cublas::load resolves.
static_assert(std::is_same_v<Cublas::Create, decltype(&cublasCreate_v2)>, "Cublas::Create is not cublasCreate_v2's type");
static_assert(std::is_same_v<Cublas::Destroy, decltype(&cublasDestroy_v2)>, "Cublas::Destroy is not cublasDestroy_v2's type");
static_assert(std::is_same_v<Cublas::SetStream, decltype(&cublasSetStream_v2)>,
              "Cublas::SetStream is not cublasSetStream_v2's type");
static_assert(std::is_same_v<Cublas::SetMathMode, decltype(&cublasSetMathMode)>,
              "Cublas::SetMathMode is not cublasSetMathMode's type");
static_assert(std::is_same_v<Cublas::Sgemm, decltype(&cublasSgemm_v2)>, "Cublas::Sgemm is not cublasSgemm_v2's type");

// cublas_api.h overloads cublasGemmEx in C++ (an inline wrapper that takes the old cudaDataType as
// its compute type), so the declaration is picked by Cublas::GemmEx: this does not compile unless
// one matches it exactly, and the compute type says it is the library's own symbol, not the wrapper.
template <class F>
struct Parameters;
template <class R, class... A>
struct Parameters<R (*)(A...)> {
    using type = std::tuple<A...>;
};
static_assert(std::is_same_v<decltype(static_cast<Cublas::GemmEx>(&cublasGemmEx)), Cublas::GemmEx>,
              "no cublasGemmEx has Cublas::GemmEx's type");
static_assert(std::is_same_v<std::tuple_element_t<17, Parameters<Cublas::GemmEx>::type>, cublasComputeType_t>,
              "Cublas::GemmEx must take cublasComputeType_t, as libcublas's cublasGemmEx does");

// cuda.h maps cuEventElapsedTime to cuEventElapsedTime_v2; the first version has the same type.
// (The other entries of DriverApi are declared with decltype from cuda.h; cuCtxCreate_v2 is not in
// cuda.h 13, which names only cuCtxCreate_v4, so its name is checked below and its type cannot be.)
static_assert(std::is_same_v<decltype(cu::DriverApi::event_elapsed), decltype(&::cuEventElapsedTime)>,
              "DriverApi::event_elapsed is not cuEventElapsedTime's type");

std::string path_or_empty(const char* path) {
    return path ? std::string(path) : std::string();
}

// Runs first (the order of this file): the stub, loaded by its path, is then the libcuda.so.1 that
// DriverApi::load opens by name, even on a machine with a real driver.
TEST(CudaToolkitEntryPoints, EveryDriverEntryPointTheExercisesResolveIsInTheToolkitsLibcuda) {
    const std::string stub = path_or_empty(DOJO_TOOLKIT_LIBCUDA);
    if (stub.empty()) GTEST_SKIP() << "this CUDA toolkit has no driver stub (lib64/stubs/libcuda.so)";
    void* library = dlopen(stub.c_str(), RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(library, nullptr) << dlerror();
    cu::DriverApi api;
    std::string why_not;
    EXPECT_TRUE(api.load(why_not)) << why_not;
    EXPECT_NE(api.cuLaunchKernel, nullptr);
    EXPECT_NE(api.cuCtxCreate_v2, nullptr);
    EXPECT_NE(api.event_elapsed, nullptr);
}

TEST(CudaToolkitEntryPoints, EveryCublasEntryPointTheBackendResolvesIsInTheToolkitsLibcublas) {
    const std::string path = path_or_empty(DOJO_TOOLKIT_LIBCUBLAS);
    if (path.empty()) GTEST_SKIP() << "this CUDA toolkit has no libcublas";
    // Loaded by its path first, so the names Cublas::load tries must include its SONAME.
    void* library = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(library, nullptr) << dlerror();
    bool ok = false;
    std::string error;
    {
        Cublas cublas;
        ok = cublas.load(nullptr, error);
        // With a GPU the handle is made; without one cublasCreate fails, after every name was found.
        EXPECT_TRUE(ok || error.rfind("cublasCreate failed", 0) == 0 || error.rfind("cublasSetStream failed", 0) == 0) << error;
        EXPECT_TRUE(cublas.create && cublas.destroy && cublas.set_stream && cublas.set_math_mode && cublas.sgemm &&
                    cublas.gemm_ex)
            << error;
        void* same = dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD);
        EXPECT_EQ(cublas.library, same) << cublas.library_name << " is not " << path;
        if (same) dlclose(same);
    }
    dlclose(library);
}

TEST(CudaToolkitEntryPoints, TheToolkitsNvrtcOpensWithEveryEntryPointTheExercisesResolve) {
    const std::string path = path_or_empty(DOJO_TOOLKIT_LIBNVRTC);
    if (path.empty()) GTEST_SKIP() << "this CUDA toolkit has no libnvrtc";
    setenv("DOJO_NVRTC_LIBRARY", path.c_str(), 1);  // before the first use: NVRTC is opened once per process
    std::string why_not;
    ASSERT_TRUE(nvrtc_available(why_not)) << why_not;
    EXPECT_NE(nvrtc_description().find("NVRTC"), std::string::npos) << nvrtc_description();
}

}  // namespace
}  // namespace dojo
