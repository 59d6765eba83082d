// NVRTC at run time (see nvrtc_compiler.h): the entry points resolved with dlsym, typed by nvrtc.h.
#include "cuda/nvrtc_compiler.h"

#include <dlfcn.h>
#include <nvrtc.h>  // types only: libnvrtc is opened at run time, never linked

#include <algorithm>
#include <cstdlib>
#include <mutex>

namespace dojo {

namespace {

struct Nvrtc {
    void* library = nullptr;
    std::string library_name, why_not;
    int major = 0, minor = 0;
    std::vector<int> archs;  // the GPUs it compiles for, as compute capabilities (75, 80, ...)
    decltype(&::nvrtcVersion) version = nullptr;
    decltype(&::nvrtcGetErrorString) error_string = nullptr;
    decltype(&::nvrtcGetNumSupportedArchs) num_archs = nullptr;
    decltype(&::nvrtcGetSupportedArchs) supported_archs = nullptr;
    decltype(&::nvrtcCreateProgram) create = nullptr;
    decltype(&::nvrtcDestroyProgram) destroy = nullptr;
    decltype(&::nvrtcAddNameExpression) add_name = nullptr;
    decltype(&::nvrtcCompileProgram) compile = nullptr;
    decltype(&::nvrtcGetLoweredName) lowered_name = nullptr;
    decltype(&::nvrtcGetProgramLogSize) log_size = nullptr;
    decltype(&::nvrtcGetProgramLog) log = nullptr;
    decltype(&::nvrtcGetPTXSize) ptx_size = nullptr;
    decltype(&::nvrtcGetPTX) ptx = nullptr;
    decltype(&::nvrtcGetCUBINSize) cubin_size = nullptr;
    decltype(&::nvrtcGetCUBIN) cubin = nullptr;

    template <class F>
    bool resolve(F& f, const char* symbol) {
        f = reinterpret_cast<F>(dlsym(library, symbol));
        if (!f) why_not = library_name + " has no " + symbol + " (an NVRTC older than CUDA 11.2?)";
        return f != nullptr;
    }

    bool open() {
        std::vector<std::string> candidates;
        if (const char* forced = std::getenv("DOJO_NVRTC_LIBRARY"); forced && *forced)
            candidates = {forced};
        else
            candidates = {"libnvrtc.so.13",
                          "libnvrtc.so.12",
                          "libnvrtc.so",
                          "/usr/local/cuda/lib64/libnvrtc.so.13",
                          "/usr/local/cuda/lib64/libnvrtc.so.12",
                          "/usr/local/cuda/lib64/libnvrtc.so"};
        std::string first_error;
        for (const std::string& name : candidates) {
            library = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
            if (library) {
                library_name = name;
                break;
            }
            if (first_error.empty()) first_error = dlerror();
        }
        if (!library) {
            why_not = "NVRTC (libnvrtc, the CUDA toolkit's run-time compiler) was not found: " + first_error +
                      ". Install the CUDA toolkit, or cuda-nvrtc from NVIDIA's packages";
            return false;
        }
        const bool ok = resolve(version, "nvrtcVersion") && resolve(error_string, "nvrtcGetErrorString") &&
                        resolve(num_archs, "nvrtcGetNumSupportedArchs") && resolve(supported_archs, "nvrtcGetSupportedArchs") &&
                        resolve(create, "nvrtcCreateProgram") && resolve(destroy, "nvrtcDestroyProgram") &&
                        resolve(add_name, "nvrtcAddNameExpression") && resolve(compile, "nvrtcCompileProgram") &&
                        resolve(lowered_name, "nvrtcGetLoweredName") && resolve(log_size, "nvrtcGetProgramLogSize") &&
                        resolve(log, "nvrtcGetProgramLog") && resolve(ptx_size, "nvrtcGetPTXSize") &&
                        resolve(ptx, "nvrtcGetPTX") && resolve(cubin_size, "nvrtcGetCUBINSize") &&
                        resolve(cubin, "nvrtcGetCUBIN");
        if (!ok) return false;
        int count = 0;
        if (version(&major, &minor) != NVRTC_SUCCESS || num_archs(&count) != NVRTC_SUCCESS || count <= 0) {
            why_not = library_name + " did not report its version or the GPUs it compiles for";
            return false;
        }
        archs.resize(static_cast<std::size_t>(count));
        if (supported_archs(archs.data()) != NVRTC_SUCCESS) {
            why_not = library_name + " did not list the GPUs it compiles for";
            return false;
        }
        std::sort(archs.begin(), archs.end());
        return true;
    }
};

// Opened once; never closed (the process may compile again at any time).
Nvrtc* nvrtc() {
    static Nvrtc* n = nullptr;
    static std::once_flag once;
    std::call_once(once, [] {
        n = new Nvrtc();
        if (!n->open()) n->library = nullptr;
    });
    return n;
}

}  // namespace

bool nvrtc_available(std::string& why_not) {
    const Nvrtc* n = nvrtc();
    if (!n->library) why_not = n->why_not;
    return n->library != nullptr;
}

std::string nvrtc_description() {
    const Nvrtc* n = nvrtc();
    if (!n->library) return {};
    return "NVRTC " + std::to_string(n->major) + "." + std::to_string(n->minor) + " (" + n->library_name + ")";
}

bool compile_cuda(const std::string& source, int cc, CudaImage& image, std::vector<CompileError>& errors) {
    Nvrtc& n = *nvrtc();
    if (!n.library) {
        errors.push_back({0, 0, n.why_not});
        return false;
    }
    // A cubin for a GPU NVRTC knows; PTX for the newest it knows when the GPU is newer; none when older.
    if (cc == 0) {
        image.cubin = false;
        image.target = "compute_" + std::to_string(n.archs.front());
    } else if (std::find(n.archs.begin(), n.archs.end(), cc) != n.archs.end()) {
        image.cubin = true;
        image.target = "sm_" + std::to_string(cc);
    } else if (cc < n.archs.front()) {
        errors.push_back({0, 0,
                          "this GPU (sm_" + std::to_string(cc) + ") is older than " + nvrtc_description() + " compiles for (sm_" +
                              std::to_string(n.archs.front()) + " and newer)"});
        return false;
    } else {
        int best = n.archs.front();
        for (int a : n.archs)
            if (a <= cc) best = a;
        image.cubin = false;
        image.target = "compute_" + std::to_string(best);
    }
    nvrtcProgram prog = nullptr;
    if (const nvrtcResult r = n.create(&prog, source.c_str(), kCudaFileName, 0, nullptr, nullptr); r != NVRTC_SUCCESS) {
        errors.push_back({0, 0, std::string("NVRTC could not start a program: ") + n.error_string(r)});
        return false;
    }
    const std::string name_expression = std::string("&") + kCudaKernelName;
    const std::string arch = "--gpu-architecture=" + image.target;
    const char* options[] = {arch.c_str(), "--std=c++17"};
    nvrtcResult r = n.add_name(prog, name_expression.c_str());
    if (r == NVRTC_SUCCESS) r = n.compile(prog, 2, options);
    bool ok = r == NVRTC_SUCCESS;
    if (!ok) {
        std::size_t size = 0;
        std::string log;
        if (n.log_size(prog, &size) == NVRTC_SUCCESS && size > 1) {
            log.resize(size);
            if (n.log(prog, log.data()) != NVRTC_SUCCESS) log.clear();
            log.resize(std::min(log.size(), log.find('\0')));
        }
        errors = read_nvrtc_log(log.empty() ? std::string(n.error_string(r)) : log);
    } else {
        const char* lowered = nullptr;
        std::size_t size = 0;
        ok = n.lowered_name(prog, name_expression.c_str(), &lowered) == NVRTC_SUCCESS && lowered;
        if (ok) image.kernel_name = lowered;
        ok = ok && (image.cubin ? n.cubin_size(prog, &size) : n.ptx_size(prog, &size)) == NVRTC_SUCCESS;
        if (ok) {
            image.data.resize(size);
            ok = (image.cubin ? n.cubin(prog, image.data.data()) : n.ptx(prog, image.data.data())) == NVRTC_SUCCESS;
        }
        if (!ok) errors.push_back({0, 0, "NVRTC compiled the kernel but did not hand back its " + image.target + " code"});
    }
    n.destroy(&prog);
    return ok;
}

}  // namespace dojo
