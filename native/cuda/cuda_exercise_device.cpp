// Kernel exercises on CUDA (see cuda_exercise_device.h): compile with NVRTC, load the module into
// the device's own context, copy a, b and the result with its guards, set the step counters, launch,
// watch the launch against a deadline, read back.
#include "cuda/cuda_exercise_device.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <future>
#include <memory>
#include <thread>

#include "cuda/cuda_driver_api.h"
#include "cuda/nvrtc_compiler.h"

namespace dojo {

struct CudaExerciseDevice::State {
    cu::DriverApi api;
    bool opened = false;
    std::string why_not = "the CUDA device is not open";
    CUdevice device = 0;
    CUcontext context = nullptr;  // made when first needed, destroyed after a kernel breaks it
    int cc = 0;                   // compute capability, 90 for sm_90
    std::string name;
    std::chrono::milliseconds watchdog{20'000};
    bool stuck = false;  // a kernel's context could not be destroyed: no other kernel runs here
};

namespace {

// What one run allocates in the context, freed at the end unless the context was destroyed.
struct Allocations {
    const cu::DriverApi& api;
    CUmodule module = nullptr;
    CUstream stream = nullptr;
    CUevent start = nullptr, stop = nullptr;
    // a, b, result with its guards, the step counters; a traced run's trace and barrier counters
    CUdeviceptr buffers[6] = {0, 0, 0, 0, 0, 0};
    bool context_gone = false;
    explicit Allocations(const cu::DriverApi& a) : api(a) {}
    Allocations(const Allocations&) = delete;
    Allocations& operator=(const Allocations&) = delete;
    ~Allocations() {
        if (context_gone) return;
        for (CUdeviceptr b : buffers)
            if (b) api.cuMemFree(b);
        if (start) api.cuEventDestroy(start);
        if (stop) api.cuEventDestroy(stop);
        if (stream) api.cuStreamDestroy(stream);
        if (module) api.cuModuleUnload(module);
    }
};

// Destroys the context of a kernel that never finished, which stops the kernel. It runs on a thread
// of its own, so a driver that does not return leaves the device marked stuck instead of hanging
// the caller; the thread holds only the function and the handle, never the device's state.
bool stop_context(CUresult (*destroy)(CUcontext), CUcontext context) {
    auto done = std::make_shared<std::promise<void>>();
    std::future<void> finished = done->get_future();
    std::thread([destroy, context, done] {
        destroy(context);
        done->set_value();
    }).detach();
    return finished.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
}

}  // namespace

CudaExerciseDevice::CudaExerciseDevice() : s_(std::make_unique<State>()) {}

CudaExerciseDevice::~CudaExerciseDevice() {
    if (s_->context && !s_->stuck) s_->api.cuCtxDestroy(s_->context);
}

std::string CudaExerciseDevice::device() const {
    return s_->opened ? s_->name : "no GPU";
}

void CudaExerciseDevice::set_watchdog(std::chrono::milliseconds limit) {
    s_->watchdog = limit;
}

bool CudaExerciseDevice::open(std::string& why_not) {
    State& s = *s_;
    if (s.opened) return true;
    if (!s.api.load(s.why_not)) {
        why_not = s.why_not;
        return false;
    }
    const cu::DriverApi& api = s.api;
    int count = 0, major = 0, minor = 0;
    if (const CUresult r = api.cuInit(0); r != CUDA_SUCCESS) {
        s.why_not = r == CUDA_ERROR_NO_DEVICE ? "no GPU: the NVIDIA driver sees no device"
                                              : "the NVIDIA driver did not start: " + api.describe(r);
        why_not = s.why_not;
        return false;
    }
    if (api.cuDeviceGetCount(&count) != CUDA_SUCCESS || count == 0) {
        s.why_not = "no GPU: the NVIDIA driver sees no device";
        why_not = s.why_not;
        return false;
    }
    char name[256] = {};
    if (api.cuDeviceGet(&s.device, 0) != CUDA_SUCCESS || api.cuDeviceGetName(name, sizeof name, s.device) != CUDA_SUCCESS ||
        api.cuDeviceGetAttribute(&major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, s.device) != CUDA_SUCCESS ||
        api.cuDeviceGetAttribute(&minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, s.device) != CUDA_SUCCESS) {
        s.why_not = "the NVIDIA driver did not describe GPU 0";
        why_not = s.why_not;
        return false;
    }
    s.cc = major * 10 + minor;
    s.name = std::string(name) + " (sm_" + std::to_string(s.cc) + ")";
    s.opened = true;
    return true;
}

KernelRun CudaExerciseDevice::run(const PreparedKernel& kernel, const LaunchShape& launch, KernelBuffers& k, int timed_runs) {
    KernelRun out;
    State& s = *s_;
    CudaImage image;
    if (!compile_cuda(kernel.source, s.opened ? s.cc : 0, image, out.compile_errors)) return out;
    out.compiled = true;
    if (!s.opened || s.stuck) {
        out.error = s.stuck ? "an earlier kernel never finished and the GPU did not let go of it: restart the app" : s.why_not;
        return out;
    }
    const cu::DriverApi& api = s.api;
    Allocations o{api};
    auto fail = [&](const char* what, CUresult r) {
        out.error = std::string(what) + ": " + api.describe(r);
        if (cu::is_sticky(r) && s.context) {
            api.cuCtxDestroy(s.context);  // a broken context is made anew for the next kernel
            s.context = nullptr;
            o.context_gone = true;
        }
        return out;
    };
    if (!s.context) {
        if (const CUresult r = api.cuCtxCreate_v2(&s.context, 0, s.device); r != CUDA_SUCCESS) {
            s.context = nullptr;
            return fail("the CUDA context could not be made", r);
        }
    }
    if (const CUresult r = api.cuCtxSetCurrent(s.context); r != CUDA_SUCCESS) return fail("cuCtxSetCurrent", r);
    if (const CUresult r = api.cuModuleLoadData(&o.module, image.data.data()); r != CUDA_SUCCESS) {
        o.module = nullptr;
        return fail(image.cubin ? "the driver did not load the compiled kernel"
                                : "the driver did not load the kernel's PTX (a driver older than NVRTC?)",
                    r);
    }
    CUfunction fn = nullptr;
    CUdeviceptr status_at = 0, steps_at = 0;
    std::size_t bytes = 0;
    if (const CUresult r = api.cuModuleGetFunction(&fn, o.module, image.kernel_name.c_str()); r != CUDA_SUCCESS)
        return fail("the compiled module has no kernel", r);
    if (const CUresult r = api.cuModuleGetGlobal(&status_at, &bytes, o.module, "dojo_status"); r != CUDA_SUCCESS)
        return fail("the compiled module has no status word", r);
    if (const CUresult r = api.cuModuleGetGlobal(&steps_at, &bytes, o.module, "dojo_steps"); r != CUDA_SUCCESS)
        return fail("the compiled module has no step counters", r);

    const std::size_t threads = static_cast<std::size_t>(launch.threads());
    const std::pair<const void*, std::size_t> data[3] = {{k.a.data(), k.a.size() * sizeof(float)},
                                                         {k.b.data(), k.b.size() * sizeof(float)},
                                                         {k.result.data(), k.result.size() * sizeof(float)}};
    for (int i = 0; i < 4; ++i) {
        const std::size_t size = i < 3 ? data[i].second : threads * sizeof(std::uint32_t);
        if (const CUresult r = api.cuMemAlloc(&o.buffers[i], size); r != CUDA_SUCCESS) {
            o.buffers[i] = 0;
            return fail("cuMemAlloc", r);
        }
        if (i < 3)
            if (const CUresult r = api.cuMemcpyHtoD(o.buffers[i], data[i].first, size); r != CUDA_SUCCESS)
                return fail("cuMemcpyHtoD", r);
    }
    if (const CUresult r = api.cuMemcpyHtoD(steps_at, &o.buffers[3], sizeof(CUdeviceptr)); r != CUDA_SUCCESS)
        return fail("cuMemcpyHtoD", r);
    // A traced run (trace_source.h): the trace and the barrier counters, all zero, through the module's
    // globals dojo_trace and dojo_epochs.
    const bool traced = !k.trace.empty();
    if (traced) {
        const char* globals[2] = {"dojo_trace", "dojo_epochs"};
        const std::size_t sizes_of[2] = {k.trace.size() * sizeof(std::uint32_t), threads * sizeof(std::uint32_t)};
        for (int i = 0; i < 2; ++i) {
            CUdeviceptr global = 0;
            if (const CUresult r = api.cuModuleGetGlobal(&global, &bytes, o.module, globals[i]); r != CUDA_SUCCESS)
                return fail("the traced module lacks its trace", r);
            if (const CUresult r = api.cuMemAlloc(&o.buffers[4 + i], sizes_of[i]); r != CUDA_SUCCESS) {
                o.buffers[4 + i] = 0;
                return fail("cuMemAlloc", r);
            }
            if (const CUresult r = api.cuMemcpyHtoD(global, &o.buffers[4 + i], sizeof(CUdeviceptr)); r != CUDA_SUCCESS)
                return fail("cuMemcpyHtoD", r);
        }
    }
    if (const CUresult r = api.cuStreamCreate(&o.stream, CU_STREAM_NON_BLOCKING); r != CUDA_SUCCESS)
        return fail("cuStreamCreate", r);
    if (api.cuEventCreate(&o.start, CU_EVENT_DEFAULT) != CUDA_SUCCESS) o.start = nullptr;
    if (api.cuEventCreate(&o.stop, CU_EVENT_DEFAULT) != CUDA_SUCCESS) o.stop = nullptr;

    // The kernel sees `result` past the leading guard: a write at a negative index lands in it.
    CUdeviceptr a = o.buffers[0], b = o.buffers[1], result = o.buffers[2] + kGuardElements * sizeof(float);
    std::uint32_t sizes[3] = {k.sizes.at(0), k.sizes.at(1), k.sizes.at(2)};
    void* params[] = {&a, &b, &result, sizes};
    std::vector<double> times;
    std::uint32_t status = 0;
    const int runs = timed_runs > 0 ? timed_runs + 1 : 1;  // a warm-up before timed runs
    for (int i = 0; i < runs; ++i) {
        CUresult r = api.cuMemsetD32Async(o.buffers[3], 0, threads, o.stream);
        if (r == CUDA_SUCCESS) r = api.cuMemsetD32Async(status_at, 0, 1, o.stream);
        if (r == CUDA_SUCCESS && traced) r = api.cuMemsetD32Async(o.buffers[4], 0, k.trace.size(), o.stream);
        if (r == CUDA_SUCCESS && traced) r = api.cuMemsetD32Async(o.buffers[5], 0, threads, o.stream);
        if (r == CUDA_SUCCESS && o.start) r = api.cuEventRecord(o.start, o.stream);
        const auto begin = std::chrono::steady_clock::now();
        if (r == CUDA_SUCCESS)
            r = api.cuLaunchKernel(fn, static_cast<unsigned>(launch.blocks_x), static_cast<unsigned>(launch.blocks_y), 1,
                                   static_cast<unsigned>(launch.threads_x), static_cast<unsigned>(launch.threads_y), 1, 0,
                                   o.stream, params, nullptr);
        if (r == CUDA_SUCCESS && o.stop) r = api.cuEventRecord(o.stop, o.stream);
        if (r != CUDA_SUCCESS) return fail("the kernel did not launch", r);
        // The watchdog: poll until the stream is done or the deadline passes.
        const auto deadline = begin + s.watchdog;
        while ((r = api.cuStreamQuery(o.stream)) == CUDA_ERROR_NOT_READY && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::microseconds(100));
        const auto end = std::chrono::steady_clock::now();
        if (r == CUDA_ERROR_NOT_READY) {
            o.context_gone = true;
            out.ran = true;
            out.timed_out = true;
            char limit[32];
            std::snprintf(limit, sizeof limit, "%g", static_cast<double>(s.watchdog.count()) / 1000.0);
            out.error = std::string("the kernel did not finish within ") + limit + " s, so it was stopped";
            const bool stopped = stop_context(api.cuCtxDestroy, s.context);
            s.context = nullptr;
            s.stuck = !stopped;
            if (stopped) {
                out.error += " (its CUDA context destroyed; the next kernel gets a new one)";
            } else {
                out.error += ", but the GPU did not let go of it: restart the app before the next CUDA kernel";
            }
            return out;
        }
        if (r != CUDA_SUCCESS) {
            return fail("the kernel failed while it ran (a read or write far outside a, b or result?)", r);
        }
        float ms = 0;
        if (!(o.start && o.stop && api.event_elapsed(&ms, o.start, o.stop) == CUDA_SUCCESS))
            ms = static_cast<float>(std::chrono::duration<double, std::milli>(end - begin).count());
        if (i > 0 || timed_runs == 0) times.push_back(ms);
        if (const CUresult rs = api.cuMemcpyDtoH(&status, status_at, sizeof status); rs != CUDA_SUCCESS)
            return fail("cuMemcpyDtoH", rs);
        if (status & kStatusTimedOut) break;  // no point timing a kernel its budget stopped
    }
    out.ran = true;
    out.timed_out = (status & kStatusTimedOut) != 0;
    out.result.resize(k.result.size());
    if (const CUresult r = api.cuMemcpyDtoH(out.result.data(), o.buffers[2], out.result.size() * sizeof(float));
        r != CUDA_SUCCESS)
        return fail("cuMemcpyDtoH", r);
    if (traced) {
        out.trace.resize(k.trace.size());
        if (const CUresult r = api.cuMemcpyDtoH(out.trace.data(), o.buffers[4], out.trace.size() * sizeof(std::uint32_t));
            r != CUDA_SUCCESS)
            return fail("cuMemcpyDtoH", r);
    }
    std::sort(times.begin(), times.end());
    out.median_ms = times.empty() ? 0 : times[times.size() / 2];
    return out;
}

}  // namespace dojo
