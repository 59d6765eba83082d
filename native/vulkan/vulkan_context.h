// The Vulkan set-up that `dojo check`'s probe and the matmul backend share: the instance, the pick
// of a physical device and its compute queue, the logical device, buffers with their memory,
// compute pipelines from embedded SPIR-V, and a one-shot submit that waits. Internal to native/:
// each step answers with the Vulkan result and the name of the call that gave it, and each caller
// words its own report.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "vulkan/vulkan_api.h"

namespace dojo::vk {

// A step's outcome: VK_SUCCESS, or the result and the Vulkan call that returned it.
struct Status {
    VkResult result = VK_SUCCESS;
    const char* step = "";
    bool ok() const { return result == VK_SUCCESS; }
    std::string message() const;  // "vkCreateBuffer failed: VK_ERROR_OUT_OF_DEVICE_MEMORY"
};

// "vkCreateBuffer failed: VK_ERROR_OUT_OF_DEVICE_MEMORY"
std::string failed(const char* step, VkResult result);

// The loader's instance version (1.0 where vkEnumerateInstanceVersion is missing).
std::uint32_t loader_version(const Api& api);

// The API version an instance asks for: 1.2 where the loader has it (driver properties, 16-bit
// storage and float16 features are core there), else 1.1, else 1.0.
std::uint32_t wanted_api_version(const Api& api);

// Creates an instance with `api_version` and loads its functions into `api`; the loader must be
// loaded. On failure `instance` is null and the status names the call (vkCreateInstance, or
// "loading instance functions" with VK_ERROR_INITIALIZATION_FAILED and `error` set).
[[nodiscard]] Status create_instance(Api& api, const char* app_name, std::uint32_t api_version, VkInstance& instance,
                                     std::string& error);

std::vector<VkPhysicalDevice> physical_devices(const Api& api, VkInstance instance);

// -1: the first discrete GPU, else the first integrated one, else the first device.
VkPhysicalDevice pick_physical_device(const Api& api, const std::vector<VkPhysicalDevice>& physicals);

// The first queue family with compute, UINT32_MAX where there is none; `timestamp_bits` (optional)
// receives its timestampValidBits.
std::uint32_t compute_queue_family(const Api& api, VkPhysicalDevice physical, std::uint32_t* timestamp_bits = nullptr);

// The device's extension names.
std::vector<std::string> device_extensions(const Api& api, VkPhysicalDevice physical);

// Creates a logical device with one queue of `family`, the given extensions and a features chain
// (VkDeviceCreateInfo::pNext, may be null) or Vulkan 1.0 features (pEnabledFeatures, may be null),
// and loads its functions into `api`.
Status create_device(Api& api, VkPhysicalDevice physical, std::uint32_t family, const std::vector<const char*>& extensions,
                     const void* features, VkDevice& device, VkQueue& queue, std::string& error,
                     const VkPhysicalDeviceFeatures* enabled = nullptr);

// A memory type allowed by `allowed` with all of `required` (and all of `preferred` where one has
// them); UINT32_MAX where none has `required`.
std::uint32_t find_memory_type(const VkPhysicalDeviceMemoryProperties& memory, std::uint32_t allowed,
                               VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred = 0);

// A buffer with its own memory, mapped when the memory is host-visible.
struct Buffer {
    VkBuffer buffer = VK_NULL_HANDLE;
    VkDeviceMemory memory = VK_NULL_HANDLE;
    void* mapped = nullptr;
    VkDeviceSize size = 0;
    std::uint32_t memory_type = UINT32_MAX;
};

// Creates, allocates, binds and (when host-visible) maps. On failure whatever was made is freed
// again; a missing memory type answers VK_ERROR_FEATURE_NOT_PRESENT from "finding a memory type".
Status create_buffer(const Api& api, VkDevice device, const VkPhysicalDeviceMemoryProperties& memory, VkDeviceSize size,
                     VkBufferUsageFlags usage, VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred, Buffer& out);
void destroy_buffer(const Api& api, VkDevice device, Buffer& buffer);

// A descriptor set layout of `storage_buffers` storage buffers (bindings 0..n-1, compute stage) and
// a pipeline layout with `push_bytes` of push constants.
Status create_layouts(const Api& api, VkDevice device, std::uint32_t storage_buffers, std::uint32_t push_bytes,
                      VkDescriptorSetLayout& set_layout, VkPipelineLayout& pipeline_layout);

// A shader module from SPIR-V words and a compute pipeline of its "main" with `specialization`.
Status create_compute_pipeline(const Api& api, VkDevice device, const std::uint32_t* code, std::size_t code_bytes,
                               VkPipelineLayout layout, const VkSpecializationInfo* specialization, VkShaderModule& shader,
                               VkPipeline& pipeline);

// The objects of one compute dispatch (create_layouts, create_compute_pipeline, create_storage_set,
// create_commands fill them); destroy() frees whichever were made, in reverse order.
struct ComputeObjects {
    VkShaderModule shader = VK_NULL_HANDLE;
    VkDescriptorSetLayout set_layout = VK_NULL_HANDLE;
    VkPipelineLayout pipeline_layout = VK_NULL_HANDLE;
    VkPipeline pipeline = VK_NULL_HANDLE;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    VkCommandPool command_pool = VK_NULL_HANDLE;
    VkCommandBuffer cb = VK_NULL_HANDLE;
    VkFence fence = VK_NULL_HANDLE;
};
void destroy_compute_objects(const Api& api, VkDevice device, ComputeObjects& objects);

// A descriptor pool with one set of `buffers.size()` storage buffers (bindings 0..n-1) written.
Status create_storage_set(const Api& api, VkDevice device, VkDescriptorSetLayout layout,
                          const std::vector<VkDescriptorBufferInfo>& buffers, VkDescriptorPool& pool, VkDescriptorSet& set);

// Records into `cb`: bind `pipeline` and `set`, push `push_bytes` of `push`, dispatch `groups`
// workgroups, then make the shader's writes visible to the host.
Status record_dispatch(const Api& api, VkCommandBuffer cb, VkPipeline pipeline, VkPipelineLayout layout, VkDescriptorSet set,
                       const void* push, std::uint32_t push_bytes, std::uint32_t groups_x, std::uint32_t groups_y,
                       std::uint32_t groups_z);

// A command pool of `family` (its buffers resettable), one primary command buffer and a fence.
Status create_commands(const Api& api, VkDevice device, std::uint32_t family, VkCommandPool& pool, VkCommandBuffer& cb,
                       VkFence& fence);

// Resets `fence`, submits `cb` to `queue` and waits up to `timeout_ns` for it.
Status submit_and_wait(const Api& api, VkDevice device, VkQueue queue, VkCommandBuffer cb, VkFence fence,
                       std::uint64_t timeout_ns);

}  // namespace dojo::vk
