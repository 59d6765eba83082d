// The Vulkan part of `dojo check`: instance version, each physical device with its type, vendor,
// driver and memory heaps, and a compute dispatch whose results are checked on the host.
#include "vulkan/vulkan_probe.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "vulkan/vulkan_api.h"
#include "vulkan/vulkan_context.h"

namespace dojo {

namespace {

const std::uint32_t kCheckShader[] = {
#include "check.comp.inc"
};

std::string version_string(std::uint32_t v) {
    return std::to_string(VK_API_VERSION_MAJOR(v)) + "." + std::to_string(VK_API_VERSION_MINOR(v)) + "." +
           std::to_string(VK_API_VERSION_PATCH(v));
}

const char* type_name(VkPhysicalDeviceType t) {
    switch (t) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
            return "discrete";
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
            return "integrated";
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
            return "virtual";
        case VK_PHYSICAL_DEVICE_TYPE_CPU:
            return "cpu";
        default:
            return "other";
    }
}

// Every object the proof creates, destroyed in reverse order on every exit path.
struct ProofObjects {
    const vk::Api& api;
    VkDevice device = VK_NULL_HANDLE;
    vk::Buffer buffer;
    vk::ComputeObjects c;

    ~ProofObjects() {
        if (!device) return;
        api.vkDeviceWaitIdle(device);
        vk::destroy_compute_objects(api, device, c);
        vk::destroy_buffer(api, device, buffer);
        api.vkDestroyDevice(device, nullptr);
    }
};

ComputeProof prove(vk::Api api, VkPhysicalDevice physical) {  // a copy: device functions are per device
    ComputeProof proof;
    proof.ran = true;
    auto fail = [&](const vk::Status& s) {
        proof.detail = std::string("failed at ") + s.step + ": " + vk::result_name(s.result);
        return proof;
    };

    const std::uint32_t family = vk::compute_queue_family(api, physical);
    if (family == UINT32_MAX) {
        proof.ran = false;
        proof.detail = "the device has no compute queue";
        return proof;
    }

    ProofObjects o{api};
    std::string error;
    VkQueue queue = VK_NULL_HANDLE;
    if (vk::Status s = vk::create_device(api, physical, family, {}, nullptr, o.device, queue, error); !s.ok()) {
        if (s.step == std::string("vkCreateDevice")) return fail(s);
        proof.detail = "failed: " + error;
        return proof;
    }

    constexpr std::uint32_t count = 4096;
    constexpr VkDeviceSize bytes = count * sizeof(std::uint32_t);
    VkPhysicalDeviceMemoryProperties mem;
    api.vkGetPhysicalDeviceMemoryProperties(physical, &mem);
    const VkMemoryPropertyFlags wanted = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    if (vk::Status s = vk::create_buffer(api, o.device, mem, bytes, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, wanted, 0, o.buffer);
        !s.ok()) {
        if (s.result == VK_ERROR_FEATURE_NOT_PRESENT) {
            proof.detail = "failed: no host-visible, coherent memory type for a storage buffer";
            return proof;
        }
        return fail(s);
    }
    auto* values = static_cast<std::uint32_t*>(o.buffer.mapped);
    for (std::uint32_t i = 0; i < count; ++i) values[i] = i;

    if (vk::Status s = vk::create_layouts(api, o.device, 1, sizeof(std::uint32_t), o.c.set_layout, o.c.pipeline_layout); !s.ok())
        return fail(s);
    if (vk::Status s = vk::create_compute_pipeline(api, o.device, kCheckShader, sizeof kCheckShader, o.c.pipeline_layout, nullptr,
                                                   o.c.shader, o.c.pipeline);
        !s.ok())
        return fail(s);

    VkDescriptorSet set = VK_NULL_HANDLE;
    if (vk::Status s = vk::create_storage_set(api, o.device, o.c.set_layout, {{o.buffer.buffer, 0, bytes}}, o.c.pool, set);
        !s.ok())
        return fail(s);
    if (vk::Status s = vk::create_commands(api, o.device, family, o.c.command_pool, o.c.cb, o.c.fence); !s.ok()) return fail(s);
    if (vk::Status s = vk::record_dispatch(api, o.c.cb, o.c.pipeline, o.c.pipeline_layout, set, &count, sizeof count,
                                           (count + 63) / 64, 1, 1);
        !s.ok())
        return fail(s);

    constexpr std::uint64_t kTimeoutNs = 10'000'000'000ull;
    if (vk::Status s = vk::submit_and_wait(api, o.device, queue, o.c.cb, o.c.fence, kTimeoutNs); !s.ok()) {
        if (s.step == std::string("vkWaitForFences")) s.step = "vkWaitForFences (10 s)";
        return fail(s);
    }

    std::uint32_t wrong = 0;
    for (std::uint32_t i = 0; i < count; ++i) wrong += values[i] != i * 3u + 1u;
    proof.passed = wrong == 0;
    proof.detail = proof.passed ? "compute shader y = 3x + 1 on 4096 values: all correct"
                                : std::to_string(wrong) + " of 4096 results wrong: the device computes incorrectly";
    return proof;
}

}  // namespace

VulkanReport probe_vulkan() {
    VulkanReport r;
    r.built = true;
    vk::Api api;
    std::string error;
    if (!api.load_loader(error)) {
        r.reason = error;
        r.advice =
            "install the Vulkan loader and a driver (Debian: libvulkan1 plus mesa-vulkan-drivers, or your GPU vendor's driver)";
        return r;
    }
    const std::uint32_t instance_version = vk::loader_version(api);
    r.instance_version = version_string(instance_version);

    // 1.2 where the loader has it, for the driver's name and version (VkPhysicalDeviceDriverProperties).
    const std::uint32_t app_version = instance_version >= VK_API_VERSION_1_2 ? VK_API_VERSION_1_2 : VK_API_VERSION_1_0;
    VkInstance instance = VK_NULL_HANDLE;
    if (vk::Status s = vk::create_instance(api, "dojo check", app_version, instance, error); !s.ok()) {
        if (s.step != std::string("vkCreateInstance")) {
            r.reason = error;
            return r;
        }
        r.reason = std::string("could not create a Vulkan instance (") + vk::result_name(s.result) + ")";
        r.advice = s.result == VK_ERROR_INCOMPATIBLE_DRIVER
                       ? "no Vulkan driver is installed: install your GPU's Vulkan driver, or mesa-vulkan-drivers for a CPU one"
                       : "check that `vulkaninfo` works";
        return r;
    }
    const std::vector<VkPhysicalDevice> physicals = vk::physical_devices(api, instance);
    for (VkPhysicalDevice physical : physicals) {
        VulkanDevice d;
        VkPhysicalDeviceProperties props;
        api.vkGetPhysicalDeviceProperties(physical, &props);
        d.name = props.deviceName;
        d.type = type_name(props.deviceType);
        d.vendor_id = props.vendorID;
        d.device_id = props.deviceID;
        d.api_version = version_string(props.apiVersion);
        if (api.vkGetPhysicalDeviceProperties2 && props.apiVersion >= VK_API_VERSION_1_2 && app_version >= VK_API_VERSION_1_2) {
            VkPhysicalDeviceDriverProperties driver{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES};
            VkPhysicalDeviceProperties2 props2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
            props2.pNext = &driver;
            api.vkGetPhysicalDeviceProperties2(physical, &props2);
            d.driver_name = driver.driverName;
            d.driver_info = driver.driverInfo;
        }
        VkPhysicalDeviceMemoryProperties mem;
        api.vkGetPhysicalDeviceMemoryProperties(physical, &mem);
        for (std::uint32_t h = 0; h < mem.memoryHeapCount; ++h)
            d.heaps.push_back({mem.memoryHeaps[h].size, (mem.memoryHeaps[h].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) != 0});
        d.proof = prove(api, physical);
        r.available = r.available || d.proof.passed;
        r.devices.push_back(std::move(d));
    }
    api.vkDestroyInstance(instance, nullptr);
    if (physicals.empty()) {
        r.reason = "the Vulkan loader found no device";
        r.advice = "install a Vulkan driver: your GPU vendor's, or mesa-vulkan-drivers for lavapipe, which runs on the CPU";
    } else if (!r.available) {
        r.reason = "no Vulkan device passed its compute proof";
        r.advice = "see each device's proof above; update the GPU driver";
    }
    return r;
}

}  // namespace dojo
