// The backend factory: CPU always, CUDA and Vulkan where this build has them and a device answers.
#include "labs/backends.h"

#include <sys/utsname.h>
#include <unistd.h>

#include "compute/cpu/cpu_backend.h"
#include "hardware/cpu_probe.h"
#include "hardware/host_memory_probe.h"
#ifdef DOJO_HAVE_VULKAN_MATMUL
#include "vulkan/vulkan_matmul.h"
#endif
#ifdef DOJO_HAVE_CUDA_MATMUL
#include "cuda/cuda_matmul.h"
#endif

namespace dojo {

namespace {

// A GPU backend class constructed in place reports ok()/error(); turn that into an OpenedBackend.
template <class Backend>
OpenedBackend opened(std::unique_ptr<Backend> backend, const char* what) {
    OpenedBackend out;
    if (!backend->ok()) {
        out.status = BackendOpen::NoDevice;
        out.error = std::string("no usable ") + what + " device: " + backend->error();
        return out;
    }
    out.status = BackendOpen::Ok;
    out.backend = std::move(backend);
    return out;
}

}  // namespace

MachineInfo this_machine(const std::string& gpus) {
    MachineInfo m;
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) == 0) m.host = host;
    struct utsname u {};
    if (uname(&u) == 0) m.os = std::string(u.sysname) + " " + u.release + " " + u.machine;
    const CpuInfo cpu = probe_cpu();
    m.cpu =
        cpu.model + " (" + std::to_string(cpu.physical_cores) + " cores, " + std::to_string(cpu.logical_threads) + " threads)";
    m.gpu = gpus;
    return m;
}

std::vector<std::string> backend_names() {
    return {"cpu", "cuda", "vulkan"};
}

OpenedBackend open_backend(const std::string& name) {
    install_native_host_memory_probe();  // every lab checks its sizes against this machine's memory
    OpenedBackend out;
    if (name == "cpu") {
        const CpuInfo cpu = probe_cpu();
        out.status = BackendOpen::Ok;
        out.backend = std::make_unique<CpuBackend>(cpu.model.empty() ? "CPU" : cpu.model);
        return out;
    }
    if (name == "cuda") {
#ifdef DOJO_HAVE_CUDA_MATMUL
        return opened(std::make_unique<CudaMatmulBackend>(), "CUDA");
#else
        out.status = BackendOpen::NotBuilt;
        out.error = "this build has no CUDA backend (nvcc was not found when it was built)";
        return out;
#endif
    }
    if (name == "vulkan") {
#ifdef DOJO_HAVE_VULKAN_MATMUL
        return opened(std::make_unique<VulkanMatmulBackend>(), "Vulkan");
#else
        out.status = BackendOpen::NotBuilt;
        out.error = "this build has no Vulkan backend (the Vulkan headers or glslc were missing)";
        return out;
#endif
    }
    out.status = BackendOpen::Unknown;
    out.error = "unknown backend '" + name + "' (expected cpu, cuda or vulkan)";
    return out;
}

}  // namespace dojo
