#include "exercises/native_exercise_host.h"

#include <utility>

#if defined(DOJO_HAVE_VULKAN_EXERCISES)
#include "vulkan/vulkan_exercise_device.h"
#endif
#if defined(DOJO_HAVE_CUDA_EXERCISES)
#include "cuda/cuda_exercise_device.h"
#endif

namespace dojo {

NativeExerciseHost::~NativeExerciseHost() {
    {
        std::lock_guard lock(mutex_);
        quit_ = true;
    }
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();
}

void NativeExerciseHost::ensure_worker() {
    if (!worker_.joinable()) worker_ = std::thread([this] { work(); });
}

std::vector<ExerciseLanguage> NativeExerciseHost::languages() {
    ensure_worker();
    if (ready_.load()) return opened_;
    ExerciseLanguage glsl;
    glsl.language = KernelLanguage::Glsl;
    glsl.backend = "vulkan";
    glsl.pending = true;
    glsl.why_not = "looking for a Vulkan device\xe2\x80\xa6";
    ExerciseLanguage cuda = glsl;
    cuda.language = KernelLanguage::Cuda;
    cuda.backend = "cuda";
    cuda.why_not = "looking for an NVIDIA GPU\xe2\x80\xa6";
    return {glsl, cuda};
}

namespace {

// Opens `device` for `language`: the language is available with its device's name, or says why not.
template <class Device>
ExerciseLanguage open_device(std::unique_ptr<Device> device, const char* why_prefix,
                             std::vector<std::unique_ptr<ExerciseDevice>>& devices) {
    ExerciseLanguage l;
    l.language = device->language();
    l.backend = device->name();
    std::string why_not;
    if (device->open(why_not)) {
        l.available = true;
        l.device = device->device();
        devices.push_back(std::move(device));
    } else {
        l.why_not = why_prefix + why_not;
    }
    return l;
}

[[maybe_unused]] ExerciseLanguage not_built(KernelLanguage language, const char* backend, const char* why) {
    ExerciseLanguage l;
    l.language = language;
    l.backend = backend;
    l.why_not = why;
    return l;
}

}  // namespace

void NativeExerciseHost::open_devices() {
#if defined(DOJO_HAVE_VULKAN_EXERCISES)
    opened_.push_back(open_device(std::make_unique<VulkanExerciseDevice>(), "no Vulkan device was found: ", devices_));
#else
    opened_.push_back(not_built(KernelLanguage::Glsl, "vulkan",
                                "this build has no Vulkan kernel checks (Vulkan and shaderc were not found when it was built)"));
#endif
#if defined(DOJO_HAVE_CUDA_EXERCISES)
    opened_.push_back(open_device(std::make_unique<CudaExerciseDevice>(), "", devices_));
#else
    opened_.push_back(
        not_built(KernelLanguage::Cuda, "cuda",
                  "this build has no CUDA kernel checks (the CUDA toolkit's headers were not found when it was built)"));
#endif
    // WGSL has no native compiler here: the exercise card says where it runs instead.
    opened_.push_back(not_built(KernelLanguage::Wgsl, "webgpu",
                                "WGSL kernels are checked on WebGPU in the browser: open this lesson in the web app, or "
                                "write GLSL or CUDA here"));
    ready_ = true;
}

bool NativeExerciseHost::start(const Exercise& exercise, KernelLanguage language, const std::string& code, std::string& error) {
    ensure_worker();
    if (!ready_.load()) {
        error = "still looking for a device; try again in a moment";
        return false;
    }
    bool can = false;
    for (const ExerciseLanguage& l : opened_)
        if (l.language == language) {
            can = l.available;
            if (!can) error = l.why_not;
        }
    if (!can) {
        if (error.empty()) error = std::string(language_name(language)) + " kernels cannot be checked here";
        return false;
    }
    std::lock_guard lock(mutex_);
    if (busy_.load()) {
        error = "a check is already running";
        return false;
    }
    busy_ = true;
    verdict_.reset();
    job_ = Job{exercise, language, code};
    wake_.notify_all();
    return true;
}

bool NativeExerciseHost::take_verdict(Verdict& out) {
    std::lock_guard lock(mutex_);
    if (!verdict_) return false;
    out = std::move(*verdict_);
    verdict_.reset();
    return true;
}

void NativeExerciseHost::work() {
    open_devices();
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return quit_.load() || job_.has_value(); });
            if (quit_.load()) return;
            job = std::move(*job_);
            job_.reset();
        }
        ExerciseDevice* device = nullptr;
        for (const auto& d : devices_)
            if (d->language() == job.language) device = d.get();
        Verdict verdict = device ? check_exercise(job.exercise, job.code, *device, /*time_it=*/true, &model_reads_) : Verdict{};
        if (!device) verdict.run_error = "no device for this language";
        std::lock_guard lock(mutex_);
        verdict_ = std::move(verdict);
        busy_ = false;
    }
}

}  // namespace dojo
