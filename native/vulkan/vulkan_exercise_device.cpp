// Kernel exercises on Vulkan (see vulkan_exercise_device.h): compile, bind the four buffers (a, b,
// the result with its guards, the status word), dispatch, wait, read back.
#include "vulkan/vulkan_exercise_device.h"

#include <shaderc/shaderc.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>
#include <set>

#include "vulkan/vulkan_api.h"
#include "vulkan/vulkan_context.h"

namespace dojo {

namespace {

// A kernel that has not finished by then is stuck (the step budget stops loops long before).
constexpr std::uint64_t kWaitNs = 20'000'000'000ull;

struct RunObjects {
    const vk::Api& api;
    VkDevice device;
    vk::Buffer buffers[5];  // a, b, result, status, and the trace of a traced run
    vk::ComputeObjects c;
    bool in_use = false;  // a kernel that never finished still holds them: they cannot be destroyed
    RunObjects(const vk::Api& a, VkDevice d) : api(a), device(d) {}
    RunObjects(const RunObjects&) = delete;
    RunObjects& operator=(const RunObjects&) = delete;
    ~RunObjects() {
        if (in_use) return;
        vk::destroy_compute_objects(api, device, c);
        for (auto& b : buffers) vk::destroy_buffer(api, device, b);
    }
};

// What the learner's SPIR-V may use: the prelude's four buffers (set 0, bindings 0 to 3; 4 is the
// trace of a traced run, which the app's prelude declares) and one
// push-constant block, and no capability beyond Shader. Anything else (another binding, a sampler,
// 64-bit types, float atomics) the device was not set up for, and running it would be invalid usage
// inside this process; it is refused with what it was. Empty when the module is fine.
std::string check_interface(const std::vector<std::uint32_t>& words, std::uint32_t last_binding) {
    constexpr std::uint32_t kOpCapability = 17, kOpDecorate = 71, kOpVariable = 59;
    constexpr std::uint32_t kCapabilityShader = 1, kDecorationBinding = 33, kDecorationSet = 34, kStoragePushConstant = 9;
    std::map<std::uint32_t, std::uint32_t> binding_of, set_of;  // by result id
    int push_blocks = 0;
    for (std::size_t i = 5; i < words.size();) {
        const std::uint32_t count = words[i] >> 16, op = words[i] & 0xFFFFu;
        if (count == 0 || i + count > words.size()) return "the compiled kernel is malformed";
        if (op == kOpCapability && count >= 2 && words[i + 1] != kCapabilityShader)
            return "the kernel needs a GPU capability this check does not enable (SPIR-V capability " +
                   std::to_string(words[i + 1]) + "): use 32-bit floats and integers only";
        if (op == kOpDecorate && count >= 4 && words[i + 2] == kDecorationBinding) binding_of[words[i + 1]] = words[i + 3];
        if (op == kOpDecorate && count >= 4 && words[i + 2] == kDecorationSet) set_of[words[i + 1]] = words[i + 3];
        if (op == kOpVariable && count >= 4 && words[i + 3] == kStoragePushConstant) ++push_blocks;
        i += count;
    }
    std::set<std::uint32_t> seen;
    for (const auto& [id, binding] : binding_of) {
        const auto set = set_of.find(id);
        if ((set != set_of.end() && set->second != 0) || binding > last_binding || !seen.insert(binding).second)
            return "the kernel declares a buffer or texture of its own (binding " + std::to_string(binding) +
                   "): use a, b and result, which the app declares";
    }
    if (push_blocks > 1)
        return "the kernel declares a push-constant block of its own: read the sizes from size.n, size.width, size.height";
    return "";
}

}  // namespace

struct VulkanExerciseDevice::State {
    vk::Api api;
    VkInstance instance = VK_NULL_HANDLE;
    VkPhysicalDevice physical = VK_NULL_HANDLE;
    VkDevice device = VK_NULL_HANDLE;
    VkQueue queue = VK_NULL_HANDLE;
    std::uint32_t family = UINT32_MAX;
    VkPhysicalDeviceMemoryProperties memory{};
    std::string name;
    VkPhysicalDeviceLimits limits{};
    bool stuck = false;  // a kernel never finished, or the device was lost: it cannot be used again
};

bool compile_glsl(const std::string& source, std::vector<std::uint32_t>& spirv, std::vector<CompileError>& errors) {
    shaderc_compiler_t compiler = shaderc_compiler_initialize();
    shaderc_compile_options_t options = shaderc_compile_options_initialize();
    if (!compiler || !options) {
        if (options) shaderc_compile_options_release(options);
        if (compiler) shaderc_compiler_release(compiler);
        errors.push_back({0, 0, "the GLSL compiler (shaderc) could not start"});
        return false;
    }
    shaderc_compile_options_set_target_env(options, shaderc_target_env_vulkan, shaderc_env_version_vulkan_1_0);
    shaderc_compilation_result_t result = shaderc_compile_into_spv(compiler, source.data(), source.size(),
                                                                   shaderc_glsl_compute_shader, "kernel.comp", "main", options);
    const bool ok = shaderc_result_get_compilation_status(result) == shaderc_compilation_status_success;
    if (ok) {
        const std::size_t bytes = shaderc_result_get_length(result);
        spirv.resize(bytes / 4);
        std::memcpy(spirv.data(), shaderc_result_get_bytes(result), spirv.size() * 4);
    } else {
        errors = read_glsl_log(shaderc_result_get_error_message(result));
    }
    shaderc_result_release(result);
    shaderc_compile_options_release(options);
    shaderc_compiler_release(compiler);
    return ok;
}

VulkanExerciseDevice::VulkanExerciseDevice() : s_(std::make_unique<State>()) {}

VulkanExerciseDevice::~VulkanExerciseDevice() {
    if (s_->device && !s_->stuck) s_->api.vkDestroyDevice(s_->device, nullptr);
    if (s_->instance && !s_->stuck) s_->api.vkDestroyInstance(s_->instance, nullptr);
}

std::string VulkanExerciseDevice::device() const {
    return s_->name;
}

bool VulkanExerciseDevice::open(std::string& why_not) {
    State& s = *s_;
    if (s.device) return true;
    if (!s.api.load_loader(why_not)) return false;
    const std::uint32_t version = vk::wanted_api_version(s.api);
    if (vk::Status st = vk::create_instance(s.api, "dojo exercise", version, s.instance, why_not); !st.ok()) {
        if (why_not.empty()) why_not = st.message();
        return false;
    }
    const std::vector<VkPhysicalDevice> physicals = vk::physical_devices(s.api, s.instance);
    if (physicals.empty()) {
        why_not = "the Vulkan loader found no device (install a driver, or mesa-vulkan-drivers for lavapipe)";
        return false;
    }
    s.physical = vk::pick_physical_device(s.api, physicals);
    s.family = vk::compute_queue_family(s.api, s.physical);
    if (s.family == UINT32_MAX) {
        why_not = "the Vulkan device has no compute queue";
        return false;
    }
    VkPhysicalDeviceProperties props;
    s.api.vkGetPhysicalDeviceProperties(s.physical, &props);
    s.name = props.deviceName;
    s.limits = props.limits;
    s.api.vkGetPhysicalDeviceMemoryProperties(s.physical, &s.memory);
    // Robust buffer access: a write outside a buffer's binding is dropped, never a crash.
    VkPhysicalDeviceFeatures supported{};
    s.api.vkGetPhysicalDeviceFeatures(s.physical, &supported);
    VkPhysicalDeviceFeatures enabled{};
    enabled.robustBufferAccess = supported.robustBufferAccess;
    if (vk::Status st = vk::create_device(s.api, s.physical, s.family, {}, nullptr, s.device, s.queue, why_not, &enabled);
        !st.ok()) {
        if (why_not.empty()) why_not = st.message();
        return false;
    }
    return true;
}

KernelRun VulkanExerciseDevice::run(const PreparedKernel& kernel, const LaunchShape& launch, KernelBuffers& k, int timed_runs) {
    KernelRun out;
    State& s = *s_;
    std::vector<std::uint32_t> spirv;
    if (!compile_glsl(kernel.source, spirv, out.compile_errors)) return out;
    const bool traced = !k.trace.empty();
    const int bindings = traced ? 5 : 4;
    if (const std::string why = check_interface(spirv, traced ? 4u : 3u); !why.empty()) {
        out.compile_errors.push_back({0, 0, why});
        return out;
    }
    out.compiled = true;
    const VkPhysicalDeviceLimits& lim = s.limits;
    const auto tx = static_cast<std::uint32_t>(launch.threads_x), ty = static_cast<std::uint32_t>(launch.threads_y);
    if (s.device && (tx > lim.maxComputeWorkGroupSize[0] || ty > lim.maxComputeWorkGroupSize[1] ||
                     tx * ty > lim.maxComputeWorkGroupInvocations ||
                     static_cast<std::uint32_t>(launch.blocks_x) > lim.maxComputeWorkGroupCount[0] ||
                     static_cast<std::uint32_t>(launch.blocks_y) > lim.maxComputeWorkGroupCount[1])) {
        out.error = "this device runs at most " + std::to_string(lim.maxComputeWorkGroupInvocations) +
                    " threads per workgroup (" + std::to_string(lim.maxComputeWorkGroupSize[0]) + " x " +
                    std::to_string(lim.maxComputeWorkGroupSize[1]) + "), and the exercise's launch asks for more";
        return out;
    }
    if (!s.device || s.stuck) {
        out.error = s.stuck ? "an earlier kernel never finished, so the Vulkan device cannot run another: restart the app"
                            : "the Vulkan device is not open";
        return out;
    }
    const vk::Api& api = s.api;
    RunObjects o{api, s.device};
    auto fail = [&](const vk::Status& st) {
        out.error = st.message();
        return out;
    };
    const std::uint32_t status_word = 0;
    const std::pair<const void*, VkDeviceSize> data[5] = {{k.a.data(), k.a.size() * sizeof(float)},
                                                          {k.b.data(), k.b.size() * sizeof(float)},
                                                          {k.result.data(), k.result.size() * sizeof(float)},
                                                          {&status_word, sizeof status_word},
                                                          {k.trace.data(), k.trace.size() * sizeof(std::uint32_t)}};
    const VkMemoryPropertyFlags host = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    for (int i = 0; i < bindings; ++i) {
        if (vk::Status st = vk::create_buffer(api, s.device, s.memory, data[i].second, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, host,
                                              0, o.buffers[i]);
            !st.ok())
            return fail(st);
        std::memcpy(o.buffers[i].mapped, data[i].first, static_cast<std::size_t>(data[i].second));
    }
    if (vk::Status st = vk::create_layouts(api, s.device, static_cast<std::uint32_t>(bindings), 3 * sizeof(std::uint32_t),
                                           o.c.set_layout, o.c.pipeline_layout);
        !st.ok())
        return fail(st);
    if (vk::Status st = vk::create_compute_pipeline(api, s.device, spirv.data(), spirv.size() * 4, o.c.pipeline_layout, nullptr,
                                                    o.c.shader, o.c.pipeline);
        !st.ok())
        return fail(st);
    // The prelude declares the leading guard as the result buffer's first member, so a write before
    // result[0] lands in it, inside the binding (a robust device drops writes outside a binding).
    std::vector<VkDescriptorBufferInfo> infos;
    for (int i = 0; i < bindings; ++i) infos.push_back({o.buffers[i].buffer, 0, VK_WHOLE_SIZE});
    VkDescriptorSet set = VK_NULL_HANDLE;
    if (vk::Status st = vk::create_storage_set(api, s.device, o.c.set_layout, infos, o.c.pool, set); !st.ok()) return fail(st);
    if (vk::Status st = vk::create_commands(api, s.device, s.family, o.c.command_pool, o.c.cb, o.c.fence); !st.ok())
        return fail(st);
    if (vk::Status st =
            vk::record_dispatch(api, o.c.cb, o.c.pipeline, o.c.pipeline_layout, set, k.sizes.data(), 3 * sizeof(std::uint32_t),
                                static_cast<std::uint32_t>(launch.blocks_x), static_cast<std::uint32_t>(launch.blocks_y), 1);
        !st.ok())
        return fail(st);

    std::vector<double> times;
    const int runs = timed_runs > 0 ? timed_runs + 1 : 1;  // a warm-up before timed runs
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const vk::Status st = vk::submit_and_wait(api, s.device, s.queue, o.c.cb, o.c.fence, kWaitNs);
        const auto stop = std::chrono::steady_clock::now();
        if (st.result == VK_TIMEOUT) {
            s.stuck = true;
            o.in_use = true;
            out.timed_out = true;
            out.ran = true;
            out.error = "the kernel did not finish within " + std::to_string(kWaitNs / 1'000'000'000ull) +
                        " s, so the Vulkan device cannot run another until the app restarts";
            return out;
        }
        if (st.result == VK_ERROR_DEVICE_LOST) {
            s.stuck = true;
            o.in_use = true;  // a lost device's objects are not destroyed one by one
            out.error = "the Vulkan device was lost while the kernel ran (" + st.message() + "); restart the app";
            return out;
        }
        if (!st.ok()) return fail(st);
        if (i > 0 || timed_runs == 0) times.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
        std::uint32_t status = 0;
        std::memcpy(&status, o.buffers[3].mapped, sizeof status);
        if (status & kStatusTimedOut) break;  // no point timing a kernel its budget stopped
    }
    out.ran = true;
    std::uint32_t status = 0;
    std::memcpy(&status, o.buffers[3].mapped, sizeof status);
    out.timed_out = (status & kStatusTimedOut) != 0;
    out.result.resize(k.result.size());
    std::memcpy(out.result.data(), o.buffers[2].mapped, out.result.size() * sizeof(float));
    if (traced) {
        out.trace.resize(k.trace.size());
        std::memcpy(out.trace.data(), o.buffers[4].mapped, out.trace.size() * sizeof(std::uint32_t));
    }
    std::sort(times.begin(), times.end());
    out.median_ms = times.empty() ? 0 : times[times.size() / 2];
    return out;
}

}  // namespace dojo
