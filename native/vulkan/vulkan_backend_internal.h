// Internal to the Vulkan backend (vulkan_device, _matmul, _transfer, _memory and _peak.cpp): the
// Context every part of VulkanMatmulBackend shares (instance, device, pipelines, command objects),
// the per-call buffer owner, and the timed submit the matmul, transfer, memory and peak parts use.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <string>
#include <vector>

#include "vulkan/vulkan_api.h"
#include "vulkan/vulkan_context.h"
#include "vulkan/vulkan_matmul.h"

namespace dojo {

namespace vulkan_backend {

// The pipelines, in this order; the first four are matmul rungs.
enum Pipe { kNaive, kTiled, kVec4, kCoopmat, kFma, kCopy, kPipeCount };

constexpr std::uint64_t kWaitTimeoutNs = 60'000'000'000ull;  // a hung shader is reported, not waited on forever
constexpr std::uint64_t kMiB = 1024ull * 1024ull;
constexpr std::uint64_t kGiB = 1024ull * kMiB;

inline std::string mib(std::uint64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return text;
}

inline VkDeviceSize round_up(VkDeviceSize v, VkDeviceSize to) {
    return (v + to - 1) / to * to;
}

}  // namespace vulkan_backend

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

    // What the device is, as the choices below read it.
    std::uint32_t subgroup = 0;  // 0: unknown (a Vulkan 1.0 device)
    std::uint64_t max_allocation = 0;
    std::uint32_t local_heap = 0;  // the largest device-local heap
    bool memory_budget = false;    // VK_EXT_memory_budget enabled

    // What was chosen for it.
    std::uint32_t tile = 8;
    std::uint32_t vec4_x = 8, vec4_y = 8;
    std::uint32_t lanes = 64;  // workgroup of the peak shaders
    bool coopmat = false;
    bool coopmat_emulated = false;  // VulkanTuning::emulate_coopmat on a device without matrix units
    std::uint32_t cm = 16, cn = 16, ck = 16;
    std::uint32_t coopmat_lanes = 32;  // workgroup of the coopmat rung: one subgroup
    std::string coopmat_note;

    VkShaderModule shaders[vulkan_backend::kPipeCount]{};
    VkPipeline pipelines[vulkan_backend::kPipeCount]{};
    VkDescriptorSetLayout set_layout = VK_NULL_HANDLE;
    VkPipelineLayout pipeline_layout = VK_NULL_HANDLE;
    VkDescriptorPool descriptor_pool = VK_NULL_HANDLE;
    VkDescriptorSet set = VK_NULL_HANDLE;
    VkCommandPool command_pool = VK_NULL_HANDLE;
    VkCommandBuffer command_buffer = VK_NULL_HANDLE;
    VkFence fence = VK_NULL_HANDLE;
    VkQueryPool queries = VK_NULL_HANDLE;
    std::vector<vk::Buffer> kept;  // the memory lab's allocations, until free_all()
    bool lost = false;             // the device was lost: the backend drops this context

    Context() = default;
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;
    ~Context() {
        if (device) {
            api.vkDeviceWaitIdle(device);
            for (vk::Buffer& b : kept) vk::destroy_buffer(api, device, b);
            if (queries) api.vkDestroyQueryPool(device, queries, nullptr);
            if (fence) api.vkDestroyFence(device, fence, nullptr);
            if (command_pool) api.vkDestroyCommandPool(device, command_pool, nullptr);
            if (descriptor_pool) api.vkDestroyDescriptorPool(device, descriptor_pool, nullptr);
            for (std::size_t i = 0; i < vulkan_backend::kPipeCount; ++i) {
                if (pipelines[i]) api.vkDestroyPipeline(device, pipelines[i], nullptr);
                if (shaders[i]) api.vkDestroyShaderModule(device, shaders[i], nullptr);
            }
            if (pipeline_layout) api.vkDestroyPipelineLayout(device, pipeline_layout, nullptr);
            if (set_layout) api.vkDestroyDescriptorSetLayout(device, set_layout, nullptr);
            api.vkDestroyDevice(device, nullptr);
        }
        if (instance) api.vkDestroyInstance(instance, nullptr);
    }

    const VkMemoryHeap& heap() const { return memory.memoryHeaps[local_heap]; }
    bool cpu() const { return props.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU; }
};

namespace vulkan_backend {

// A call's buffers, freed when the call ends, however it ends (after the device is idle: after a
// timeout the device may still be using them).
struct Scratch {
    const VulkanMatmulBackend::Context& c;
    std::deque<vk::Buffer> buffers;  // a deque: the pointers create() hands out stay valid
    explicit Scratch(const VulkanMatmulBackend::Context& context) : c(context) {}
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    ~Scratch() {
        c.api.vkDeviceWaitIdle(c.device);
        for (vk::Buffer& b : buffers) vk::destroy_buffer(c.api, c.device, b);
    }

    // Errors name the buffer, its size and the Vulkan result.
    vk::Buffer* create(const char* what, VkDeviceSize size, VkBufferUsageFlags usage, VkMemoryPropertyFlags required,
                       VkMemoryPropertyFlags preferred, std::string& error) {
        vk::Buffer b;
        if (vk::Status s = vk::create_buffer(c.api, c.device, c.memory, size, usage, required, preferred, b); !s.ok()) {
            const std::string label = std::string(" for ") + what + " (" + mib(size) + ")";
            error = s.result == VK_ERROR_FEATURE_NOT_PRESENT ? "no suitable memory type" + label : s.message() + label;
            return nullptr;
        }
        buffers.push_back(b);
        return &buffers.back();
    }
};

inline void barrier(const vk::Api& api, VkCommandBuffer cb, VkPipelineStageFlags src_stage, VkAccessFlags src_access,
                    VkPipelineStageFlags dst_stage, VkAccessFlags dst_access) {
    VkMemoryBarrier b{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    b.srcAccessMask = src_access;
    b.dstAccessMask = dst_access;
    api.vkCmdPipelineBarrier(cb, src_stage, dst_stage, 0, 1, &b, 0, nullptr, 0, nullptr);
}

inline void bind_buffers(VulkanMatmulBackend::Context& ctx, VkBuffer b0, VkBuffer b1, VkBuffer b2) {
    VkDescriptorBufferInfo infos[3] = {{b0, 0, VK_WHOLE_SIZE}, {b1, 0, VK_WHOLE_SIZE}, {b2, 0, VK_WHOLE_SIZE}};
    VkWriteDescriptorSet writes[3];
    for (std::uint32_t i = 0; i < 3; ++i) {
        writes[i] = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        writes[i].dstSet = ctx.set;
        writes[i].dstBinding = i;
        writes[i].descriptorCount = 1;
        writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        writes[i].pBufferInfo = &infos[i];
    }
    ctx.api.vkUpdateDescriptorSets(ctx.device, 3, writes, 0, nullptr);  // safe: every call waits for its work
}

}  // namespace vulkan_backend

// Defined here, not in a .cpp: every part of the backend instantiates it with its own commands.
template <class Record>
bool VulkanMatmulBackend::run_timed(const char* what, Record&& record, double& ms, std::string& error) {
    using Clock = std::chrono::steady_clock;
    Context& ctx = *context_;
    const vk::Api& api = ctx.api;
    VkCommandBuffer cb = ctx.command_buffer;
    VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    if (VkResult r = api.vkBeginCommandBuffer(cb, &begin); r != VK_SUCCESS) {
        error = vk::failed("vkBeginCommandBuffer", r);
        return false;
    }
    if (ctx.timestamps) api.vkCmdResetQueryPool(cb, ctx.queries, 0, 2);
    // Bottom-of-pipe stamps are written once everything before them is done: the first marks the
    // start of the timed commands, the second their end.
    auto stamp = [&](std::uint32_t query) {
        if (ctx.timestamps) api.vkCmdWriteTimestamp(cb, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, ctx.queries, query);
    };
    record(cb, stamp);
    if (VkResult r = api.vkEndCommandBuffer(cb); r != VK_SUCCESS) {
        error = vk::failed("vkEndCommandBuffer", r);
        return false;
    }
    const auto submitted = Clock::now();
    const vk::Status s = vk::submit_and_wait(api, ctx.device, ctx.queue, cb, ctx.fence, vulkan_backend::kWaitTimeoutNs);
    const auto finished = Clock::now();
    if (s.result == VK_TIMEOUT) {
        error = std::string(what) + " did not finish within 60 s (VK_TIMEOUT) on " + device_name_;
        return false;
    }
    if (s.result == VK_ERROR_DEVICE_LOST) {
        error = std::string("the device was lost running ") + what + " (VK_ERROR_DEVICE_LOST): the driver reset " + device_name_ +
                "; it is set up again on the next call";
        ctx.lost = true;
        return false;
    }
    if (!s.ok()) {
        error = s.message() + " running " + what;
        return false;
    }
    ms = std::chrono::duration<double, std::milli>(finished - submitted).count();
    if (ctx.timestamps) {
        std::uint64_t stamps[2] = {0, 0};
        if (api.vkGetQueryPoolResults(ctx.device, ctx.queries, 0, 2, sizeof stamps, stamps, sizeof stamps[0],
                                      VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT) == VK_SUCCESS) {
            const std::uint64_t ticks =
                ((stamps[1] & ctx.timestamp_mask) - (stamps[0] & ctx.timestamp_mask)) & ctx.timestamp_mask;
            ms = static_cast<double>(ticks) * static_cast<double>(ctx.props.limits.timestampPeriod) / 1e6;
        }
    }
    return true;
}

}  // namespace dojo
