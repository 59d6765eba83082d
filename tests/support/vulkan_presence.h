// Whether this machine has Vulkan at all, asked of the loader directly rather than of the backend
// under test: the Vulkan tests skip only where it is absent and fail where a device exists but the
// backend does not set up (a start-up regression must not read as "skipped").
#pragma once

#include <string>

#include "vulkan/vulkan_api.h"
#include "vulkan/vulkan_context.h"

namespace dojo::test {

// Why Vulkan is absent here: no loader, no driver (ICD), or no physical device. Empty where a
// device exists, or where the loader fails in some other way (that is for the test to report).
inline std::string vulkan_absent_reason() {
    vk::Api api;
    std::string error;
    if (!api.load_loader(error)) return "no Vulkan loader: " + error;
    VkInstance instance = VK_NULL_HANDLE;
    const vk::Status s = vk::create_instance(api, "dojo tests", VK_API_VERSION_1_0, instance, error);
    if (s.result == VK_ERROR_INCOMPATIBLE_DRIVER)
        return "no Vulkan driver (ICD): the loader found none to create an instance (VK_ERROR_INCOMPATIBLE_DRIVER)";
    if (!s.ok()) return {};
    const bool none = vk::physical_devices(api, instance).empty();
    api.vkDestroyInstance(instance, nullptr);
    return none ? "no Vulkan physical device: the loader and driver list none" : std::string();
}

}  // namespace dojo::test

// In SetUp() or a test body, where `backend` (a VulkanMatmulBackend) did not start: skips with the
// reason where this machine has no Vulkan, and fails where it has a device.
#define DOJO_SKIP_ONLY_WITHOUT_VULKAN(backend)                                                         \
    do {                                                                                               \
        if (!(backend).ok()) {                                                                         \
            const std::string dojo_vulkan_absent = ::dojo::test::vulkan_absent_reason();               \
            if (!dojo_vulkan_absent.empty()) GTEST_SKIP() << dojo_vulkan_absent;                       \
            FAIL() << "a Vulkan device exists, but the backend did not set up: " << (backend).error(); \
        }                                                                                              \
    } while (0)
