// Vulkan entry points loaded at run time from libvulkan.so.1, so `dojo` starts (and says why
// Vulkan is missing) on machines without a Vulkan loader, such as many headless GPU servers.
#pragma once

#define VK_NO_PROTOTYPES
#include <vulkan/vulkan.h>

#include <string>

namespace dojo::vk {

#define DOJO_VK_GLOBAL_FUNCTIONS(X) \
    X(vkCreateInstance)             \
    X(vkEnumerateInstanceVersion)

#define DOJO_VK_INSTANCE_FUNCTIONS(X)           \
    X(vkDestroyInstance)                        \
    X(vkEnumeratePhysicalDevices)               \
    X(vkGetPhysicalDeviceProperties)            \
    X(vkGetPhysicalDeviceFeatures)              \
    X(vkGetPhysicalDeviceMemoryProperties)      \
    X(vkGetPhysicalDeviceQueueFamilyProperties) \
    X(vkEnumerateDeviceExtensionProperties)     \
    X(vkCreateDevice)                           \
    X(vkGetDeviceProcAddr)

// Instance functions that older loaders or drivers lack: null where absent, and callers check.
// vkGetPhysicalDeviceCooperativeMatrixPropertiesNV belongs to VK_NV_cooperative_matrix (see
// native/vulkan/vulkan_device.cpp for why NV and not its successor, KHR).
#define DOJO_VK_OPTIONAL_INSTANCE_FUNCTIONS(X) \
    X(vkGetPhysicalDeviceProperties2)          \
    X(vkGetPhysicalDeviceFeatures2)            \
    X(vkGetPhysicalDeviceMemoryProperties2)    \
    X(vkGetPhysicalDeviceCooperativeMatrixPropertiesNV)

#define DOJO_VK_DEVICE_FUNCTIONS(X)  \
    X(vkDestroyDevice)               \
    X(vkDeviceWaitIdle)              \
    X(vkGetDeviceQueue)              \
    X(vkCreateBuffer)                \
    X(vkDestroyBuffer)               \
    X(vkGetBufferMemoryRequirements) \
    X(vkAllocateMemory)              \
    X(vkFreeMemory)                  \
    X(vkBindBufferMemory)            \
    X(vkMapMemory)                   \
    X(vkUnmapMemory)                 \
    X(vkCreateShaderModule)          \
    X(vkDestroyShaderModule)         \
    X(vkCreateDescriptorSetLayout)   \
    X(vkDestroyDescriptorSetLayout)  \
    X(vkCreatePipelineLayout)        \
    X(vkDestroyPipelineLayout)       \
    X(vkCreateComputePipelines)      \
    X(vkDestroyPipeline)             \
    X(vkCreateDescriptorPool)        \
    X(vkDestroyDescriptorPool)       \
    X(vkAllocateDescriptorSets)      \
    X(vkUpdateDescriptorSets)        \
    X(vkCreateCommandPool)           \
    X(vkDestroyCommandPool)          \
    X(vkAllocateCommandBuffers)      \
    X(vkBeginCommandBuffer)          \
    X(vkEndCommandBuffer)            \
    X(vkCmdBindPipeline)             \
    X(vkCmdBindDescriptorSets)       \
    X(vkCmdPushConstants)            \
    X(vkCmdDispatch)                 \
    X(vkCreateFence)                 \
    X(vkDestroyFence)                \
    X(vkWaitForFences)               \
    X(vkResetFences)                 \
    X(vkQueueSubmit)                 \
    X(vkCmdPipelineBarrier)          \
    X(vkCmdCopyBuffer)               \
    X(vkCmdFillBuffer)               \
    X(vkCreateQueryPool)             \
    X(vkDestroyQueryPool)            \
    X(vkCmdResetQueryPool)           \
    X(vkCmdWriteTimestamp)           \
    X(vkGetQueryPoolResults)

struct Api {
#define DOJO_VK_DECLARE(name) PFN_##name name = nullptr;
    PFN_vkGetInstanceProcAddr vkGetInstanceProcAddr = nullptr;
    DOJO_VK_GLOBAL_FUNCTIONS(DOJO_VK_DECLARE)
    DOJO_VK_INSTANCE_FUNCTIONS(DOJO_VK_DECLARE)
    DOJO_VK_OPTIONAL_INSTANCE_FUNCTIONS(DOJO_VK_DECLARE)
    DOJO_VK_DEVICE_FUNCTIONS(DOJO_VK_DECLARE)
#undef DOJO_VK_DECLARE

    // Opens the loader; on failure says what is missing in `error`.
    [[nodiscard]] bool load_loader(std::string& error);
    [[nodiscard]] bool load_instance(VkInstance instance, std::string& error);
    [[nodiscard]] bool load_device(VkDevice device, std::string& error);
};

// "VK_ERROR_OUT_OF_DEVICE_MEMORY" and so on.
const char* result_name(VkResult result);

}  // namespace dojo::vk
