// The Vulkan backend's answer to the memory (VRAM) lab: the device-local heap and its budget,
// device-local buffers allocated and filled until the device says no, and freeing them all again.
#include <cstdint>
#include <string>

#include "vulkan/vulkan_backend_internal.h"

namespace dojo {

using namespace vulkan_backend;

bool VulkanMatmulBackend::memory_info(DeviceMemoryInfo& info, std::string& error) {
    if (!ready(error)) return false;
    const Context& ctx = *context_;
    info = {};
    info.total_bytes = ctx.heap().size;
    if (ctx.memory_budget) {
        VkPhysicalDeviceMemoryBudgetPropertiesEXT budget{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_BUDGET_PROPERTIES_EXT};
        VkPhysicalDeviceMemoryProperties2 props2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PROPERTIES_2};
        props2.pNext = &budget;
        ctx.api.vkGetPhysicalDeviceMemoryProperties2(ctx.physical, &props2);
        const std::uint64_t limit = budget.heapBudget[ctx.local_heap], used = budget.heapUsage[ctx.local_heap];
        if (limit > 0) {
            info.free_bytes = limit > used ? limit - used : 0;
            info.free_known = true;
        }
    }
    return true;
}

std::uint64_t VulkanMatmulBackend::max_allocation_bytes() {
    std::string error;
    return ready(error) ? context_->max_allocation : 0;
}

bool VulkanMatmulBackend::is_cpu_device() {
    std::string error;
    return ready(error) && context_->cpu();
}

AllocOutcome VulkanMatmulBackend::allocate(std::uint64_t bytes) {
    AllocOutcome out;
    std::string error;
    if (!ready(error)) return {AllocStatus::Failed, "VK_ERROR_INITIALIZATION_FAILED", error};
    Context& ctx = *context_;
    const vk::Api& api = ctx.api;
    if (bytes == 0) return {AllocStatus::Failed, "VK_ERROR_UNKNOWN", "nothing to allocate: 0 bytes"};
    // Larger than the heap or the one-allocation limit: an application may not even ask (the
    // driver's answer would be VK_ERROR_OUT_OF_DEVICE_MEMORY at best), so the answer is given here.
    if (bytes > ctx.heap().size || bytes > ctx.max_allocation) {
        const bool heap = bytes > ctx.heap().size;
        return {
            AllocStatus::OutOfMemory, "VK_ERROR_OUT_OF_DEVICE_MEMORY",
            "out of device memory: " + mib(bytes) + " is more than " +
                (heap ? device_name_ + "'s device memory heap holds (" + mib(ctx.heap().size) + ")"
                      : device_name_ + " allows in one allocation (maxMemoryAllocationSize, " + mib(ctx.max_allocation) + ")")};
    }
    vk::Buffer b;
    b.size = bytes;
    auto outcome = [&](VkResult r, const char* step) {
        const bool oom = r == VK_ERROR_OUT_OF_DEVICE_MEMORY || r == VK_ERROR_OUT_OF_HOST_MEMORY;
        std::string words = r == VK_ERROR_OUT_OF_DEVICE_MEMORY ? "out of device memory"
                            : r == VK_ERROR_OUT_OF_HOST_MEMORY ? "out of host memory (the driver's own bookkeeping)"
                                                               : "failed";
        return AllocOutcome{oom ? AllocStatus::OutOfMemory : AllocStatus::Failed, vk::result_name(r),
                            words + ": " + step + " of " + mib(bytes) + " answered " + vk::result_name(r)};
    };
    VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    info.size = bytes;
    info.usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT | VK_BUFFER_USAGE_STORAGE_BUFFER_BIT;
    info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    if (VkResult r = api.vkCreateBuffer(ctx.device, &info, nullptr, &b.buffer); r != VK_SUCCESS)
        return outcome(r, "vkCreateBuffer");
    VkMemoryRequirements req;
    api.vkGetBufferMemoryRequirements(ctx.device, b.buffer, &req);
    b.memory_type = vk::find_memory_type(ctx.memory, req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    if (b.memory_type == UINT32_MAX) {
        vk::destroy_buffer(api, ctx.device, b);
        return {AllocStatus::Failed, "VK_ERROR_FEATURE_NOT_PRESENT",
                "no device-local memory type for a buffer on " + device_name_};
    }
    VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    alloc.allocationSize = req.size;
    alloc.memoryTypeIndex = b.memory_type;
    if (VkResult r = api.vkAllocateMemory(ctx.device, &alloc, nullptr, &b.memory); r != VK_SUCCESS) {
        b.memory = VK_NULL_HANDLE;
        vk::destroy_buffer(api, ctx.device, b);
        return outcome(r, "vkAllocateMemory");
    }
    if (VkResult r = api.vkBindBufferMemory(ctx.device, b.buffer, b.memory, 0); r != VK_SUCCESS) {
        vk::destroy_buffer(api, ctx.device, b);
        return outcome(r, "vkBindBufferMemory");
    }
    // Written once, so the memory is really backed (drivers may commit pages lazily).
    double unused = 0;
    const bool filled = run_timed(
        "filling the allocation",
        [&](VkCommandBuffer cb, auto) { api.vkCmdFillBuffer(cb, b.buffer, 0, VK_WHOLE_SIZE, 0xD0D0D0D0u); }, unused, error);
    if (!filled) {
        api.vkDeviceWaitIdle(ctx.device);
        vk::destroy_buffer(api, ctx.device, b);
        const bool lost = ctx.lost;
        if (lost) context_.reset();
        return {AllocStatus::Failed, lost ? "VK_ERROR_DEVICE_LOST" : "VK_TIMEOUT", error};
    }
    ctx.kept.push_back(b);
    return out;
}

void VulkanMatmulBackend::free_all() {
    if (!context_) return;
    Context& ctx = *context_;
    ctx.api.vkDeviceWaitIdle(ctx.device);
    for (vk::Buffer& b : ctx.kept) vk::destroy_buffer(ctx.api, ctx.device, b);
    ctx.kept.clear();
    ctx.api.vkDeviceWaitIdle(ctx.device);
}

}  // namespace dojo
