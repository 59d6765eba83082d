// Kernel exercises on Vulkan (see vulkan_exercise_device.h): compile, bind the four buffers (a, b,
// the result with its guards, the status word), dispatch, wait, read back.
#include "vulkan/vulkan_exercise_device.h"

#include <shaderc/shaderc.h>

#include <algorithm>
#include <chrono>
#include <cstring>

#include "vulkan/vulkan_api.h"
#include "vulkan/vulkan_context.h"

namespace dojo {

namespace {

// A kernel that has not finished by then is stuck (the step budget stops loops long before).
constexpr std::uint64_t kWaitNs = 20'000'000'000ull;

struct RunObjects {
    const vk::Api& api;
    VkDevice device;
    vk::Buffer buffers[4];
    VkShaderModule shader = VK_NULL_HANDLE;
    VkDescriptorSetLayout set_layout = VK_NULL_HANDLE;
    VkPipelineLayout pipeline_layout = VK_NULL_HANDLE;
    VkPipeline pipeline = VK_NULL_HANDLE;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    VkCommandPool command_pool = VK_NULL_HANDLE;
    VkCommandBuffer cb = VK_NULL_HANDLE;
    VkFence fence = VK_NULL_HANDLE;
    bool in_use = false;  // a kernel that never finished still holds them: they cannot be destroyed
    RunObjects(const vk::Api& a, VkDevice d) : api(a), device(d) {}
    RunObjects(const RunObjects&) = delete;
    RunObjects& operator=(const RunObjects&) = delete;
    ~RunObjects() {
        if (in_use) return;
        if (fence) api.vkDestroyFence(device, fence, nullptr);
        if (command_pool) api.vkDestroyCommandPool(device, command_pool, nullptr);
        if (pool) api.vkDestroyDescriptorPool(device, pool, nullptr);
        if (pipeline) api.vkDestroyPipeline(device, pipeline, nullptr);
        if (pipeline_layout) api.vkDestroyPipelineLayout(device, pipeline_layout, nullptr);
        if (set_layout) api.vkDestroyDescriptorSetLayout(device, set_layout, nullptr);
        if (shader) api.vkDestroyShaderModule(device, shader, nullptr);
        for (auto& b : buffers) vk::destroy_buffer(api, device, b);
    }
};

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
    bool stuck = false;  // a kernel never finished: the device cannot be used again
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
    out.compiled = true;
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
    const std::pair<const void*, VkDeviceSize> data[4] = {{k.a.data(), k.a.size() * sizeof(float)},
                                                          {k.b.data(), k.b.size() * sizeof(float)},
                                                          {k.result.data(), k.result.size() * sizeof(float)},
                                                          {&status_word, sizeof status_word}};
    const VkMemoryPropertyFlags host = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    for (int i = 0; i < 4; ++i) {
        if (vk::Status st = vk::create_buffer(api, s.device, s.memory, data[i].second, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, host,
                                              0, o.buffers[i]);
            !st.ok())
            return fail(st);
        std::memcpy(o.buffers[i].mapped, data[i].first, static_cast<std::size_t>(data[i].second));
    }
    if (vk::Status st = vk::create_layouts(api, s.device, 4, 3 * sizeof(std::uint32_t), o.set_layout, o.pipeline_layout);
        !st.ok())
        return fail(st);
    if (vk::Status st = vk::create_compute_pipeline(api, s.device, spirv.data(), spirv.size() * 4, o.pipeline_layout, nullptr,
                                                    o.shader, o.pipeline);
        !st.ok())
        return fail(st);
    // The result binding starts after the leading guard (256 bytes: every device's largest offset
    // alignment), so the kernel's result[0] is the output's first element.
    std::vector<VkDescriptorBufferInfo> infos;
    for (const auto& b : o.buffers) infos.push_back({b.buffer, 0, VK_WHOLE_SIZE});
    infos[2].offset = kGuardElements * sizeof(float);
    VkDescriptorSet set = VK_NULL_HANDLE;
    if (vk::Status st = vk::create_storage_set(api, s.device, o.set_layout, infos, o.pool, set); !st.ok()) return fail(st);
    if (vk::Status st = vk::create_commands(api, s.device, s.family, o.command_pool, o.cb, o.fence); !st.ok()) return fail(st);
    if (vk::Status st =
            vk::record_dispatch(api, o.cb, o.pipeline, o.pipeline_layout, set, k.sizes.data(), 3 * sizeof(std::uint32_t),
                                static_cast<std::uint32_t>(launch.blocks_x), static_cast<std::uint32_t>(launch.blocks_y), 1);
        !st.ok())
        return fail(st);

    std::vector<double> times;
    const int runs = timed_runs > 0 ? timed_runs + 1 : 1;  // a warm-up before timed runs
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const vk::Status st = vk::submit_and_wait(api, s.device, s.queue, o.cb, o.fence, kWaitNs);
        const auto stop = std::chrono::steady_clock::now();
        if (st.result == VK_TIMEOUT) {
            s.stuck = true;
            o.in_use = true;
            out.timed_out = true;
            out.ran = true;
            return out;
        }
        if (!st.ok()) return fail(st);
        if (i > 0 || timed_runs == 0) times.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
    }
    out.ran = true;
    std::uint32_t status = 0;
    std::memcpy(&status, o.buffers[3].mapped, sizeof status);
    out.timed_out = (status & kStatusTimedOut) != 0;
    out.result.resize(k.result.size());
    std::memcpy(out.result.data(), o.buffers[2].mapped, out.result.size() * sizeof(float));
    std::sort(times.begin(), times.end());
    out.median_ms = times.empty() ? 0 : times[times.size() / 2];
    return out;
}

}  // namespace dojo
