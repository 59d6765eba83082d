// dlopen()s the Vulkan loader and resolves the functions listed in vulkan_api.h.
#include "vulkan_api.h"

#include <dlfcn.h>

namespace dojo::vk {

bool Api::load_loader(std::string& error) {
    // A function-local static is initialised once even when the desktop's lab worker and the
    // hardware probe open Vulkan at the same moment; the handle is kept for the process's life.
    static void* const library = dlopen("libvulkan.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        error = "the Vulkan loader libvulkan.so.1 is not installed";
        return false;
    }
    vkGetInstanceProcAddr = reinterpret_cast<PFN_vkGetInstanceProcAddr>(dlsym(library, "vkGetInstanceProcAddr"));
    if (!vkGetInstanceProcAddr) {
        error = "libvulkan.so.1 has no vkGetInstanceProcAddr: the loader is broken";
        return false;
    }
#define DOJO_VK_LOAD(name) name = reinterpret_cast<PFN_##name>(vkGetInstanceProcAddr(nullptr, #name));
    DOJO_VK_GLOBAL_FUNCTIONS(DOJO_VK_LOAD)
#undef DOJO_VK_LOAD
    if (!vkCreateInstance) {
        error = "the Vulkan loader has no vkCreateInstance";
        return false;
    }
    return true;  // vkEnumerateInstanceVersion is absent on Vulkan 1.0 loaders; callers check
}

bool Api::load_instance(VkInstance instance, std::string& error) {
#define DOJO_VK_LOAD(name)                                                       \
    name = reinterpret_cast<PFN_##name>(vkGetInstanceProcAddr(instance, #name)); \
    if (!name) {                                                                 \
        error = "the Vulkan instance lacks " #name;                              \
        return false;                                                            \
    }
    DOJO_VK_INSTANCE_FUNCTIONS(DOJO_VK_LOAD)
#undef DOJO_VK_LOAD
#define DOJO_VK_LOAD_OPTIONAL(name) name = reinterpret_cast<PFN_##name>(vkGetInstanceProcAddr(instance, #name));
    DOJO_VK_OPTIONAL_INSTANCE_FUNCTIONS(DOJO_VK_LOAD_OPTIONAL)
#undef DOJO_VK_LOAD_OPTIONAL
    return true;
}

bool Api::load_device(VkDevice device, std::string& error) {
#define DOJO_VK_LOAD(name)                                                   \
    name = reinterpret_cast<PFN_##name>(vkGetDeviceProcAddr(device, #name)); \
    if (!name) {                                                             \
        error = "the Vulkan device lacks " #name;                            \
        return false;                                                        \
    }
    DOJO_VK_DEVICE_FUNCTIONS(DOJO_VK_LOAD)
#undef DOJO_VK_LOAD
    return true;
}

const char* result_name(VkResult r) {
    switch (r) {
        case VK_SUCCESS:
            return "VK_SUCCESS";
        case VK_NOT_READY:
            return "VK_NOT_READY";
        case VK_TIMEOUT:
            return "VK_TIMEOUT";
        case VK_ERROR_OUT_OF_HOST_MEMORY:
            return "VK_ERROR_OUT_OF_HOST_MEMORY";
        case VK_ERROR_OUT_OF_DEVICE_MEMORY:
            return "VK_ERROR_OUT_OF_DEVICE_MEMORY";
        case VK_ERROR_INITIALIZATION_FAILED:
            return "VK_ERROR_INITIALIZATION_FAILED";
        case VK_ERROR_DEVICE_LOST:
            return "VK_ERROR_DEVICE_LOST";
        case VK_ERROR_MEMORY_MAP_FAILED:
            return "VK_ERROR_MEMORY_MAP_FAILED";
        case VK_ERROR_LAYER_NOT_PRESENT:
            return "VK_ERROR_LAYER_NOT_PRESENT";
        case VK_ERROR_EXTENSION_NOT_PRESENT:
            return "VK_ERROR_EXTENSION_NOT_PRESENT";
        case VK_ERROR_FEATURE_NOT_PRESENT:
            return "VK_ERROR_FEATURE_NOT_PRESENT";
        case VK_ERROR_INCOMPATIBLE_DRIVER:
            return "VK_ERROR_INCOMPATIBLE_DRIVER";
        case VK_ERROR_TOO_MANY_OBJECTS:
            return "VK_ERROR_TOO_MANY_OBJECTS";
        case VK_ERROR_FORMAT_NOT_SUPPORTED:
            return "VK_ERROR_FORMAT_NOT_SUPPORTED";
        case VK_ERROR_OUT_OF_POOL_MEMORY:
            return "VK_ERROR_OUT_OF_POOL_MEMORY";
        case VK_ERROR_FRAGMENTED_POOL:
            return "VK_ERROR_FRAGMENTED_POOL";
        case VK_ERROR_FRAGMENTATION:
            return "VK_ERROR_FRAGMENTATION";
        case VK_ERROR_INVALID_EXTERNAL_HANDLE:
            return "VK_ERROR_INVALID_EXTERNAL_HANDLE";
        case VK_ERROR_INVALID_OPAQUE_CAPTURE_ADDRESS:
            return "VK_ERROR_INVALID_OPAQUE_CAPTURE_ADDRESS";
        default:
            return "VK_ERROR_UNKNOWN";
    }
}

}  // namespace dojo::vk
