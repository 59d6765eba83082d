// The Vulkan matmul backend: device setup once, then per call device buffers, upload, one dispatch
// timed with timestamp queries, download, and every object freed again on every path.
#include "compute/vulkan/vulkan_matmul.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "vulkan/vulkan_api.h"

namespace dojo {

namespace {

const std::uint32_t kNaiveShader[] = {
#include "naive.comp.inc"
};
const std::uint32_t kTiledShader[] = {
#include "tiled.comp.inc"
};
const std::uint32_t kVec4Shader[] = {
#include "vec4.comp.inc"
};

struct KernelSpec {
    const char* name;
    const char* teaches;
    const std::uint32_t* code;
    std::size_t code_bytes;
    std::uint32_t block;  // elements of C per workgroup along each side (0: the tiled kernel's TILE)
};

const KernelSpec kKernels[] = {
    {"naive",
     "One invocation per element of C reads a whole row of A and column of B from device memory, so memory traffic, "
     "not arithmetic, sets the speed.",
     kNaiveShader, sizeof kNaiveShader, 8},
    {"tiled-shared",
     "A workgroup stages tiles of A and B in fast shared memory, so each value fetched from device memory is reused "
     "by a whole row or column of the tile.",
     kTiledShader, sizeof kTiledShader, 0},
    {"register-vec4",
     "Each invocation keeps a 4x4 block of C in registers and loads vec4s, so every value loaded feeds four "
     "multiply-adds instead of one.",
     kVec4Shader, sizeof kVec4Shader, 32},
};
constexpr std::size_t kKernelCount = sizeof kKernels / sizeof kKernels[0];

constexpr std::uint64_t kWaitTimeoutNs = 60'000'000'000ull;  // a hung shader is reported, not waited on forever

std::string mib(std::uint64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return text;
}

std::string failed(const char* step, VkResult r) { return std::string(step) + " failed: " + vk::result_name(r); }

bool create_instance(vk::Api& api, VkInstance& instance, std::string& error) {
    if (!api.load_loader(error)) return false;
    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "dojo matmul";
    app.pEngineName = "Compute Dojo";
    app.apiVersion = VK_API_VERSION_1_0;  // the shaders are SPIR-V 1.0: nothing newer is needed
    VkInstanceCreateInfo info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    info.pApplicationInfo = &app;
    if (VkResult r = api.vkCreateInstance(&info, nullptr, &instance); r != VK_SUCCESS) {
        error = r == VK_ERROR_INCOMPATIBLE_DRIVER ? "no Vulkan driver is installed (VK_ERROR_INCOMPATIBLE_DRIVER)"
                                                  : failed("vkCreateInstance", r);
        instance = VK_NULL_HANDLE;
        return false;
    }
    if (!api.load_instance(instance, error)) {
        if (api.vkDestroyInstance) api.vkDestroyInstance(instance, nullptr);
        instance = VK_NULL_HANDLE;
        return false;
    }
    return true;
}

std::vector<VkPhysicalDevice> physical_devices(const vk::Api& api, VkInstance instance) {
    std::uint32_t count = 0;
    api.vkEnumeratePhysicalDevices(instance, &count, nullptr);
    std::vector<VkPhysicalDevice> physicals(count);
    api.vkEnumeratePhysicalDevices(instance, &count, physicals.data());
    physicals.resize(count);
    return physicals;
}

std::uint32_t find_memory_type(const VkPhysicalDeviceMemoryProperties& memory, std::uint32_t allowed,
                               VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred = 0) {
    std::uint32_t fallback = UINT32_MAX;
    for (std::uint32_t i = 0; i < memory.memoryTypeCount; ++i) {
        if (!(allowed & (1u << i))) continue;
        VkMemoryPropertyFlags flags = memory.memoryTypes[i].propertyFlags;
        if ((flags & required) != required) continue;
        if ((flags & preferred) == preferred) return i;
        if (fallback == UINT32_MAX) fallback = i;
    }
    return fallback;
}

}  // namespace

// Made once per backend; the destructor waits for the device and then frees in reverse order.
struct VulkanMatmulBackend::Context {
    vk::Api api;
    VkInstance instance = VK_NULL_HANDLE;
    VkPhysicalDevice physical = VK_NULL_HANDLE;
    VkDevice device = VK_NULL_HANDLE;
    VkQueue queue = VK_NULL_HANDLE;
    std::uint32_t family = 0;
    VkPhysicalDeviceProperties props{};
    VkPhysicalDeviceMemoryProperties memory{};
    bool timestamps = false;
    std::uint64_t timestamp_mask = 0;
    std::uint32_t tile = 16;
    VkShaderModule shaders[kKernelCount]{};
    VkPipeline pipelines[kKernelCount]{};
    VkDescriptorSetLayout set_layout = VK_NULL_HANDLE;
    VkPipelineLayout pipeline_layout = VK_NULL_HANDLE;
    VkDescriptorPool descriptor_pool = VK_NULL_HANDLE;
    VkDescriptorSet set = VK_NULL_HANDLE;
    VkCommandPool command_pool = VK_NULL_HANDLE;
    VkCommandBuffer command_buffer = VK_NULL_HANDLE;
    VkFence fence = VK_NULL_HANDLE;
    VkQueryPool queries = VK_NULL_HANDLE;

    Context() = default;
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;
    ~Context() {
        if (device) {
            api.vkDeviceWaitIdle(device);
            if (queries) api.vkDestroyQueryPool(device, queries, nullptr);
            if (fence) api.vkDestroyFence(device, fence, nullptr);
            if (command_pool) api.vkDestroyCommandPool(device, command_pool, nullptr);
            if (descriptor_pool) api.vkDestroyDescriptorPool(device, descriptor_pool, nullptr);
            for (std::size_t i = 0; i < kKernelCount; ++i) {
                if (pipelines[i]) api.vkDestroyPipeline(device, pipelines[i], nullptr);
                if (shaders[i]) api.vkDestroyShaderModule(device, shaders[i], nullptr);
            }
            if (pipeline_layout) api.vkDestroyPipelineLayout(device, pipeline_layout, nullptr);
            if (set_layout) api.vkDestroyDescriptorSetLayout(device, set_layout, nullptr);
            api.vkDestroyDevice(device, nullptr);
        }
        if (instance) api.vkDestroyInstance(instance, nullptr);
    }
};

namespace {

// One buffer with its own memory; a call's buffers are freed when the call ends, however it ends.
struct Buffer {
    VkBuffer buffer = VK_NULL_HANDLE;
    VkDeviceMemory memory = VK_NULL_HANDLE;
    void* mapped = nullptr;
    VkDeviceSize size = 0;
};

struct CallBuffers {
    const VulkanMatmulBackend::Context& c;
    std::vector<Buffer> buffers;
    explicit CallBuffers(const VulkanMatmulBackend::Context& context) : c(context) { buffers.reserve(4); }
    CallBuffers(const CallBuffers&) = delete;
    CallBuffers& operator=(const CallBuffers&) = delete;
    ~CallBuffers() {
        // After a timeout the device may still be reading these buffers: wait before freeing them.
        c.api.vkDeviceWaitIdle(c.device);
        for (Buffer& b : buffers) {
            if (b.mapped) c.api.vkUnmapMemory(c.device, b.memory);
            if (b.buffer) c.api.vkDestroyBuffer(c.device, b.buffer, nullptr);
            if (b.memory) c.api.vkFreeMemory(c.device, b.memory, nullptr);
        }
    }

    // Creates a buffer in memory with `required` flags (and `preferred` where possible) and maps it
    // when host-visible. Errors name the buffer, its size and the Vulkan result.
    Buffer* create(const char* what, VkDeviceSize size, VkBufferUsageFlags usage, VkMemoryPropertyFlags required,
                   VkMemoryPropertyFlags preferred, std::string& error) {
        Buffer& b = buffers.emplace_back();
        b.size = size;
        VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
        info.size = size;
        info.usage = usage;
        info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
        const std::string label = std::string(" for ") + what + " (" + mib(size) + ")";
        if (VkResult r = c.api.vkCreateBuffer(c.device, &info, nullptr, &b.buffer); r != VK_SUCCESS) {
            error = failed("vkCreateBuffer", r) + label;
            return nullptr;
        }
        VkMemoryRequirements req;
        c.api.vkGetBufferMemoryRequirements(c.device, b.buffer, &req);
        std::uint32_t type = find_memory_type(c.memory, req.memoryTypeBits, required, preferred);
        if (type == UINT32_MAX) {
            error = "no suitable memory type" + label;
            return nullptr;
        }
        VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
        alloc.allocationSize = req.size;
        alloc.memoryTypeIndex = type;
        if (VkResult r = c.api.vkAllocateMemory(c.device, &alloc, nullptr, &b.memory); r != VK_SUCCESS) {
            error = failed("vkAllocateMemory", r) + label;
            return nullptr;
        }
        if (VkResult r = c.api.vkBindBufferMemory(c.device, b.buffer, b.memory, 0); r != VK_SUCCESS) {
            error = failed("vkBindBufferMemory", r) + label;
            return nullptr;
        }
        if (c.memory.memoryTypes[type].propertyFlags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT) {
            if (VkResult r = c.api.vkMapMemory(c.device, b.memory, 0, VK_WHOLE_SIZE, 0, &b.mapped); r != VK_SUCCESS) {
                error = failed("vkMapMemory", r) + label;
                return nullptr;
            }
        }
        return &b;
    }
};

void barrier(const vk::Api& api, VkCommandBuffer cb, VkPipelineStageFlags src_stage, VkAccessFlags src_access,
             VkPipelineStageFlags dst_stage, VkAccessFlags dst_access) {
    VkMemoryBarrier b{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    b.srcAccessMask = src_access;
    b.dstAccessMask = dst_access;
    api.vkCmdPipelineBarrier(cb, src_stage, dst_stage, 0, 1, &b, 0, nullptr, 0, nullptr);
}

VkDeviceSize round_up(VkDeviceSize v, VkDeviceSize to) { return (v + to - 1) / to * to; }

}  // namespace

VulkanMatmulBackend::VulkanMatmulBackend(int device_index) : device_index_(device_index) {
    std::string error;
    if (!set_up(error)) init_error_ = error;
}

VulkanMatmulBackend::~VulkanMatmulBackend() = default;

bool VulkanMatmulBackend::ok() const { return context_ != nullptr; }

std::vector<KernelInfo> VulkanMatmulBackend::kernels() const {
    std::vector<KernelInfo> list;
    for (const KernelSpec& k : kKernels) list.push_back({k.name, k.teaches, DType::F32, false});
    return list;
}

std::vector<std::string> VulkanMatmulBackend::devices(std::string& error) {
    vk::Api api;
    VkInstance instance = VK_NULL_HANDLE;
    if (!create_instance(api, instance, error)) return {};
    std::vector<std::string> names;
    for (VkPhysicalDevice physical : physical_devices(api, instance)) {
        VkPhysicalDeviceProperties props;
        api.vkGetPhysicalDeviceProperties(physical, &props);
        names.emplace_back(props.deviceName);
    }
    api.vkDestroyInstance(instance, nullptr);
    if (names.empty()) error = "the Vulkan loader found no device";
    return names;
}

bool VulkanMatmulBackend::set_up(std::string& error) {
    auto c = std::make_unique<Context>();
    vk::Api& api = c->api;
    if (!create_instance(api, c->instance, error)) return false;

    std::vector<VkPhysicalDevice> physicals = physical_devices(api, c->instance);
    if (physicals.empty()) {
        error = "the Vulkan loader found no device";
        return false;
    }
    if (device_index_ >= static_cast<int>(physicals.size())) {
        error = "there is no Vulkan device " + std::to_string(device_index_) + " (" + std::to_string(physicals.size()) +
                " found)";
        return false;
    }
    if (device_index_ >= 0) {
        c->physical = physicals[static_cast<std::size_t>(device_index_)];
    } else {
        // A real GPU beats lavapipe: discrete, then integrated, then whatever there is.
        for (VkPhysicalDeviceType wanted : {VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU, VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU}) {
            for (VkPhysicalDevice p : physicals) {
                VkPhysicalDeviceProperties props;
                api.vkGetPhysicalDeviceProperties(p, &props);
                if (props.deviceType == wanted) {
                    c->physical = p;
                    break;
                }
            }
            if (c->physical) break;
        }
        if (!c->physical) c->physical = physicals[0];
    }
    api.vkGetPhysicalDeviceProperties(c->physical, &c->props);
    api.vkGetPhysicalDeviceMemoryProperties(c->physical, &c->memory);
    device_name_ = c->props.deviceName;

    std::uint32_t family_count = 0;
    api.vkGetPhysicalDeviceQueueFamilyProperties(c->physical, &family_count, nullptr);
    std::vector<VkQueueFamilyProperties> families(family_count);
    api.vkGetPhysicalDeviceQueueFamilyProperties(c->physical, &family_count, families.data());
    c->family = UINT32_MAX;
    for (std::uint32_t i = 0; i < family_count; ++i)
        if (families[i].queueFlags & VK_QUEUE_COMPUTE_BIT) {
            c->family = i;
            break;
        }
    if (c->family == UINT32_MAX) {
        error = device_name_ + " has no compute queue";
        return false;
    }
    const std::uint32_t valid_bits = families[c->family].timestampValidBits;
    c->timestamps = valid_bits > 0 && c->props.limits.timestampPeriod > 0;
    c->timestamp_mask = valid_bits >= 64 ? ~0ull : (1ull << valid_bits) - 1;

    // 16x16 tiles need 256 invocations and 2 KiB of shared memory; Vulkan only promises 128, so
    // smaller devices get 8x8 tiles.
    const VkPhysicalDeviceLimits& limits = c->props.limits;
    c->tile = limits.maxComputeWorkGroupInvocations >= 256 && limits.maxComputeWorkGroupSize[0] >= 16 &&
                      limits.maxComputeWorkGroupSize[1] >= 16 && limits.maxComputeSharedMemorySize >= 2 * 16 * 16 * 4
                  ? 16
                  : 8;

    const float priority = 1.0f;
    VkDeviceQueueCreateInfo queue_info{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    queue_info.queueFamilyIndex = c->family;
    queue_info.queueCount = 1;
    queue_info.pQueuePriorities = &priority;
    VkDeviceCreateInfo device_info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    device_info.queueCreateInfoCount = 1;
    device_info.pQueueCreateInfos = &queue_info;
    if (VkResult r = api.vkCreateDevice(c->physical, &device_info, nullptr, &c->device); r != VK_SUCCESS) {
        c->device = VK_NULL_HANDLE;
        error = failed("vkCreateDevice", r);
        return false;
    }
    if (!api.load_device(c->device, error)) {
        // Without the device functions there is no vkDestroyDevice to call through the table.
        auto destroy = reinterpret_cast<PFN_vkDestroyDevice>(api.vkGetDeviceProcAddr(c->device, "vkDestroyDevice"));
        if (destroy) destroy(c->device, nullptr);
        c->device = VK_NULL_HANDLE;
        return false;
    }
    api.vkGetDeviceQueue(c->device, c->family, 0, &c->queue);

    VkDescriptorSetLayoutBinding bindings[3];
    for (std::uint32_t i = 0; i < 3; ++i)
        bindings[i] = {i, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr};
    VkDescriptorSetLayoutCreateInfo set_info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    set_info.bindingCount = 3;
    set_info.pBindings = bindings;
    if (VkResult r = api.vkCreateDescriptorSetLayout(c->device, &set_info, nullptr, &c->set_layout); r != VK_SUCCESS) {
        error = failed("vkCreateDescriptorSetLayout", r);
        return false;
    }
    VkPushConstantRange push{VK_SHADER_STAGE_COMPUTE_BIT, 0, 3 * sizeof(std::uint32_t)};
    VkPipelineLayoutCreateInfo layout_info{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    layout_info.setLayoutCount = 1;
    layout_info.pSetLayouts = &c->set_layout;
    layout_info.pushConstantRangeCount = 1;
    layout_info.pPushConstantRanges = &push;
    if (VkResult r = api.vkCreatePipelineLayout(c->device, &layout_info, nullptr, &c->pipeline_layout); r != VK_SUCCESS) {
        error = failed("vkCreatePipelineLayout", r);
        return false;
    }

    const VkSpecializationMapEntry tile_entry{0, 0, sizeof(std::uint32_t)};
    const VkSpecializationInfo tile_spec{1, &tile_entry, sizeof(std::uint32_t), &c->tile};
    for (std::size_t i = 0; i < kKernelCount; ++i) {
        VkShaderModuleCreateInfo shader_info{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
        shader_info.codeSize = kKernels[i].code_bytes;
        shader_info.pCode = kKernels[i].code;
        if (VkResult r = api.vkCreateShaderModule(c->device, &shader_info, nullptr, &c->shaders[i]); r != VK_SUCCESS) {
            error = failed("vkCreateShaderModule", r) + std::string(" for ") + kKernels[i].name;
            return false;
        }
        VkComputePipelineCreateInfo pipeline_info{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
        pipeline_info.stage = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0, VK_SHADER_STAGE_COMPUTE_BIT,
                               c->shaders[i], "main", kKernels[i].block == 0 ? &tile_spec : nullptr};
        pipeline_info.layout = c->pipeline_layout;
        if (VkResult r = api.vkCreateComputePipelines(c->device, VK_NULL_HANDLE, 1, &pipeline_info, nullptr, &c->pipelines[i]);
            r != VK_SUCCESS) {
            error = failed("vkCreateComputePipelines", r) + std::string(" for ") + kKernels[i].name;
            return false;
        }
    }

    VkDescriptorPoolSize pool_size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 3};
    VkDescriptorPoolCreateInfo pool_info{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    pool_info.maxSets = 1;
    pool_info.poolSizeCount = 1;
    pool_info.pPoolSizes = &pool_size;
    if (VkResult r = api.vkCreateDescriptorPool(c->device, &pool_info, nullptr, &c->descriptor_pool); r != VK_SUCCESS) {
        error = failed("vkCreateDescriptorPool", r);
        return false;
    }
    VkDescriptorSetAllocateInfo set_alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    set_alloc.descriptorPool = c->descriptor_pool;
    set_alloc.descriptorSetCount = 1;
    set_alloc.pSetLayouts = &c->set_layout;
    if (VkResult r = api.vkAllocateDescriptorSets(c->device, &set_alloc, &c->set); r != VK_SUCCESS) {
        error = failed("vkAllocateDescriptorSets", r);
        return false;
    }

    VkCommandPoolCreateInfo command_pool_info{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    command_pool_info.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;  // re-recorded on every call
    command_pool_info.queueFamilyIndex = c->family;
    if (VkResult r = api.vkCreateCommandPool(c->device, &command_pool_info, nullptr, &c->command_pool); r != VK_SUCCESS) {
        error = failed("vkCreateCommandPool", r);
        return false;
    }
    VkCommandBufferAllocateInfo cb_alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    cb_alloc.commandPool = c->command_pool;
    cb_alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    cb_alloc.commandBufferCount = 1;
    if (VkResult r = api.vkAllocateCommandBuffers(c->device, &cb_alloc, &c->command_buffer); r != VK_SUCCESS) {
        error = failed("vkAllocateCommandBuffers", r);
        return false;
    }
    VkFenceCreateInfo fence_info{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    if (VkResult r = api.vkCreateFence(c->device, &fence_info, nullptr, &c->fence); r != VK_SUCCESS) {
        error = failed("vkCreateFence", r);
        return false;
    }
    if (c->timestamps) {
        VkQueryPoolCreateInfo query_info{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
        query_info.queryType = VK_QUERY_TYPE_TIMESTAMP;
        query_info.queryCount = 2;
        // Without a query pool the kernel time falls back to the fence wait: still a result.
        if (api.vkCreateQueryPool(c->device, &query_info, nullptr, &c->queries) != VK_SUCCESS) {
            c->queries = VK_NULL_HANDLE;
            c->timestamps = false;
        }
    }
    context_ = std::move(c);
    return true;
}

bool VulkanMatmulBackend::matmul(const std::string& kernel, const Matrix& a, const Matrix& b, Matrix& c, MatmulTiming& timing,
                                 std::string& error) {
    using Clock = std::chrono::steady_clock;
    const auto wall_start = Clock::now();
    timing = {};
    if (!context_) {
        // Set up again: the first try may have failed, or the device was lost on an earlier call.
        std::string setup_error;
        if (!set_up(setup_error)) {
            error = "Vulkan is not available: " + setup_error;
            return false;
        }
        init_error_.clear();
    }
    const KernelSpec* spec = nullptr;
    std::size_t kernel_index = 0;
    for (std::size_t i = 0; i < kKernelCount; ++i)
        if (kernel == kKernels[i].name) {
            spec = &kKernels[i];
            kernel_index = i;
        }
    if (!spec) {
        error = "unknown Vulkan kernel '" + kernel + "'";
        return false;
    }
    if (a.rows <= 0 || a.cols <= 0 || b.cols <= 0 || a.cols != b.rows ||
        a.data.size() != static_cast<std::size_t>(a.rows) * static_cast<std::size_t>(a.cols) ||
        b.data.size() != static_cast<std::size_t>(b.rows) * static_cast<std::size_t>(b.cols)) {
        error = "matrix shapes do not match: A is " + std::to_string(a.rows) + "x" + std::to_string(a.cols) + ", B is " +
                std::to_string(b.rows) + "x" + std::to_string(b.cols);
        return false;
    }
    Context& ctx = *context_;
    const vk::Api& api = ctx.api;
    const std::uint32_t m = static_cast<std::uint32_t>(a.rows), k = static_cast<std::uint32_t>(a.cols),
                        n = static_cast<std::uint32_t>(b.cols);

    // Refuse what cannot fit before asking the driver, with the numbers that say why.
    const VkPhysicalDeviceLimits& limits = ctx.props.limits;
    const std::uint64_t a_bytes = std::uint64_t{m} * k * 4, b_bytes = std::uint64_t{k} * n * 4,
                        c_bytes = std::uint64_t{m} * n * 4;
    const std::uint64_t largest = std::max({a_bytes, b_bytes, c_bytes});
    const std::string shape = std::to_string(m) + "x" + std::to_string(n) + "x" + std::to_string(k);
    if (largest > limits.maxStorageBufferRange) {
        error = "too large for this device: " + shape + " needs a " + mib(largest) + " matrix, but " + device_name_ +
                " binds at most " + mib(limits.maxStorageBufferRange) + " per storage buffer (maxStorageBufferRange)";
        return false;
    }
    const std::uint32_t block = spec->block ? spec->block : ctx.tile;
    const std::uint64_t groups_x = (n + block - 1) / block, groups_y = (m + block - 1) / block;
    if (groups_x > limits.maxComputeWorkGroupCount[0] || groups_y > limits.maxComputeWorkGroupCount[1]) {
        error = "too large for this device: " + shape + " needs " + std::to_string(groups_x) + "x" + std::to_string(groups_y) +
                " workgroups, more than maxComputeWorkGroupCount allows";
        return false;
    }

    // Unified memory (lavapipe, most integrated GPUs): the first device-local type is also host-visible,
    // so the shaders use mapped buffers directly. Discrete GPUs get device-local buffers plus staging.
    const VkMemoryPropertyFlags host = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    const std::uint32_t local_type = find_memory_type(ctx.memory, ~0u, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    const bool direct = local_type == UINT32_MAX || (ctx.memory.memoryTypes[local_type].propertyFlags & host) == host;
    const std::uint64_t total = round_up(a_bytes, 16) + round_up(b_bytes, 16) + round_up(c_bytes, 16);
    if (local_type != UINT32_MAX) {
        const VkMemoryHeap& heap = ctx.memory.memoryHeaps[ctx.memory.memoryTypes[local_type].heapIndex];
        if (total > heap.size) {
            error = "too large for this device: " + shape + " needs " + mib(total) + " for A, B and C, but " + device_name_ +
                    "'s device memory heap has " + mib(heap.size);
            return false;
        }
    }

    bool lost = false;
    bool done = false;
    {
        CallBuffers call(ctx);
        const VkBufferUsageFlags storage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT;
        const VkBufferUsageFlags copy = VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
        // Sizes round up to 16 bytes so the vec4 views of every buffer are whole.
        const VkMemoryPropertyFlags where = direct ? host : VkMemoryPropertyFlags{VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT};
        const VkMemoryPropertyFlags prefer = direct ? VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT : 0;
        Buffer* ba = call.create("A", round_up(a_bytes, 16), storage | copy, where, prefer, error);
        Buffer* bb = ba ? call.create("B", round_up(b_bytes, 16), storage | copy, where, prefer, error) : nullptr;
        Buffer* bc = bb ? call.create("C", round_up(c_bytes, 16), storage | copy, where, prefer, error) : nullptr;
        Buffer* staging = nullptr;
        if (bc && !direct)
            staging = call.create("the staging buffer", total, copy, host, VK_MEMORY_PROPERTY_HOST_CACHED_BIT, error);
        if (!bc || (!direct && !staging)) return false;
        const VkDeviceSize b_offset = round_up(a_bytes, 16), c_offset = b_offset + round_up(b_bytes, 16);

        auto* upload = static_cast<unsigned char*>(direct ? nullptr : staging->mapped);
        std::memcpy(direct ? ba->mapped : upload, a.data.data(), a_bytes);
        std::memcpy(direct ? bb->mapped : upload + b_offset, b.data.data(), b_bytes);

        VkDescriptorBufferInfo infos[3] = {{ba->buffer, 0, VK_WHOLE_SIZE}, {bb->buffer, 0, VK_WHOLE_SIZE},
                                           {bc->buffer, 0, VK_WHOLE_SIZE}};
        VkWriteDescriptorSet writes[3];
        for (std::uint32_t i = 0; i < 3; ++i) {
            writes[i] = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
            writes[i].dstSet = ctx.set;
            writes[i].dstBinding = i;
            writes[i].descriptorCount = 1;
            writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
            writes[i].pBufferInfo = &infos[i];
        }
        api.vkUpdateDescriptorSets(ctx.device, 3, writes, 0, nullptr);  // safe: no command is in flight

        VkCommandBuffer cb = ctx.command_buffer;
        VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
        begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
        if (VkResult r = api.vkBeginCommandBuffer(cb, &begin); r != VK_SUCCESS) {
            error = failed("vkBeginCommandBuffer", r);
            return false;
        }
        if (ctx.timestamps) api.vkCmdResetQueryPool(cb, ctx.queries, 0, 2);
        if (!direct) {
            VkBufferCopy to_a{0, 0, a_bytes}, to_b{b_offset, 0, b_bytes};
            api.vkCmdCopyBuffer(cb, staging->buffer, ba->buffer, 1, &to_a);
            api.vkCmdCopyBuffer(cb, staging->buffer, bb->buffer, 1, &to_b);
            barrier(api, cb, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
                    VK_ACCESS_SHADER_READ_BIT);
        }
        api.vkCmdBindPipeline(cb, VK_PIPELINE_BIND_POINT_COMPUTE, ctx.pipelines[kernel_index]);
        api.vkCmdBindDescriptorSets(cb, VK_PIPELINE_BIND_POINT_COMPUTE, ctx.pipeline_layout, 0, 1, &ctx.set, 0, nullptr);
        const std::uint32_t sizes[3] = {m, n, k};
        api.vkCmdPushConstants(cb, ctx.pipeline_layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof sizes, sizes);
        // Bottom-of-pipe stamps are written once everything before them is done: the first marks the
        // end of the uploads, the second the end of the dispatch.
        if (ctx.timestamps) api.vkCmdWriteTimestamp(cb, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, ctx.queries, 0);
        api.vkCmdDispatch(cb, static_cast<std::uint32_t>(groups_x), static_cast<std::uint32_t>(groups_y), 1);
        if (ctx.timestamps) api.vkCmdWriteTimestamp(cb, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, ctx.queries, 1);
        if (direct) {
            barrier(api, cb, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_ACCESS_SHADER_WRITE_BIT, VK_PIPELINE_STAGE_HOST_BIT,
                    VK_ACCESS_HOST_READ_BIT);
        } else {
            barrier(api, cb, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_ACCESS_SHADER_WRITE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                    VK_ACCESS_TRANSFER_READ_BIT);
            VkBufferCopy from_c{0, c_offset, c_bytes};
            api.vkCmdCopyBuffer(cb, bc->buffer, staging->buffer, 1, &from_c);
            barrier(api, cb, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_HOST_BIT,
                    VK_ACCESS_HOST_READ_BIT);
        }
        if (VkResult r = api.vkEndCommandBuffer(cb); r != VK_SUCCESS) {
            error = failed("vkEndCommandBuffer", r);
            return false;
        }

        if (VkResult r = api.vkResetFences(ctx.device, 1, &ctx.fence); r != VK_SUCCESS) {
            error = failed("vkResetFences", r);
            return false;
        }
        VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
        submit.commandBufferCount = 1;
        submit.pCommandBuffers = &cb;
        const auto submitted = Clock::now();
        VkResult r = api.vkQueueSubmit(ctx.queue, 1, &submit, ctx.fence);
        if (r == VK_SUCCESS) r = api.vkWaitForFences(ctx.device, 1, &ctx.fence, VK_TRUE, kWaitTimeoutNs);
        const auto finished = Clock::now();
        if (r == VK_TIMEOUT) {
            error = "the " + kernel + " kernel did not finish within 60 s (VK_TIMEOUT) on " + device_name_;
        } else if (r == VK_ERROR_DEVICE_LOST) {
            error = "the device was lost running the " + kernel + " kernel (VK_ERROR_DEVICE_LOST): the driver reset " +
                    device_name_ + "; it is set up again on the next call";
            lost = true;
        } else if (r != VK_SUCCESS) {
            error = failed("vkQueueSubmit / vkWaitForFences", r) + " running the " + kernel + " kernel";
        } else {
            timing.kernel_ms = std::chrono::duration<double, std::milli>(finished - submitted).count();
            if (ctx.timestamps) {
                std::uint64_t stamps[2] = {0, 0};
                if (api.vkGetQueryPoolResults(ctx.device, ctx.queries, 0, 2, sizeof stamps, stamps, sizeof stamps[0],
                                              VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT) == VK_SUCCESS) {
                    const std::uint64_t ticks = ((stamps[1] & ctx.timestamp_mask) - (stamps[0] & ctx.timestamp_mask)) &
                                                ctx.timestamp_mask;
                    timing.kernel_ms = static_cast<double>(ticks) * static_cast<double>(limits.timestampPeriod) / 1e6;
                }
            }
            c = Matrix(a.rows, b.cols);
            const auto* download = direct ? static_cast<const unsigned char*>(bc->mapped)
                                          : static_cast<const unsigned char*>(staging->mapped) + c_offset;
            std::memcpy(c.data.data(), download, c_bytes);
            done = true;
        }
    }  // every buffer of this call is freed here, after the device is idle
    if (lost) context_.reset();  // a lost device cannot be used again: the next call makes a new one
    timing.wall_ms = std::chrono::duration<double, std::milli>(Clock::now() - wall_start).count();
    return done;
}

}  // namespace dojo
