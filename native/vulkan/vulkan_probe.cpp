// The Vulkan part of `dojo check`: instance version, each physical device with its type, vendor,
// driver and memory heaps, and a compute dispatch whose results are checked on the host.
#include "vulkan/vulkan_probe.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "vulkan_api.h"

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
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return "discrete";
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return "integrated";
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return "virtual";
        case VK_PHYSICAL_DEVICE_TYPE_CPU: return "cpu";
        default: return "other";
    }
}

// Every object the proof creates, destroyed in reverse order on every exit path.
struct ProofObjects {
    const vk::Api& api;
    VkDevice device = VK_NULL_HANDLE;
    VkBuffer buffer = VK_NULL_HANDLE;
    VkDeviceMemory memory = VK_NULL_HANDLE;
    VkShaderModule shader = VK_NULL_HANDLE;
    VkDescriptorSetLayout set_layout = VK_NULL_HANDLE;
    VkPipelineLayout pipeline_layout = VK_NULL_HANDLE;
    VkPipeline pipeline = VK_NULL_HANDLE;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    VkCommandPool command_pool = VK_NULL_HANDLE;
    VkFence fence = VK_NULL_HANDLE;

    ~ProofObjects() {
        if (!device) return;
        api.vkDeviceWaitIdle(device);
        if (fence) api.vkDestroyFence(device, fence, nullptr);
        if (command_pool) api.vkDestroyCommandPool(device, command_pool, nullptr);
        if (pool) api.vkDestroyDescriptorPool(device, pool, nullptr);
        if (pipeline) api.vkDestroyPipeline(device, pipeline, nullptr);
        if (pipeline_layout) api.vkDestroyPipelineLayout(device, pipeline_layout, nullptr);
        if (set_layout) api.vkDestroyDescriptorSetLayout(device, set_layout, nullptr);
        if (shader) api.vkDestroyShaderModule(device, shader, nullptr);
        if (buffer) api.vkDestroyBuffer(device, buffer, nullptr);
        if (memory) api.vkFreeMemory(device, memory, nullptr);
        api.vkDestroyDevice(device, nullptr);
    }
};

ComputeProof prove(vk::Api api, VkPhysicalDevice physical) {  // a copy: device functions are per device
    ComputeProof proof;
    proof.ran = true;
    auto fail = [&](const char* step, VkResult r) {
        proof.detail = std::string("failed at ") + step + ": " + vk::result_name(r);
        return proof;
    };

    std::uint32_t family_count = 0;
    api.vkGetPhysicalDeviceQueueFamilyProperties(physical, &family_count, nullptr);
    std::vector<VkQueueFamilyProperties> families(family_count);
    api.vkGetPhysicalDeviceQueueFamilyProperties(physical, &family_count, families.data());
    std::uint32_t family = UINT32_MAX;
    for (std::uint32_t i = 0; i < family_count; ++i)
        if (families[i].queueFlags & VK_QUEUE_COMPUTE_BIT) {
            family = i;
            break;
        }
    if (family == UINT32_MAX) {
        proof.ran = false;
        proof.detail = "the device has no compute queue";
        return proof;
    }

    ProofObjects o{api};
    const float priority = 1.0f;
    VkDeviceQueueCreateInfo queue_info{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    queue_info.queueFamilyIndex = family;
    queue_info.queueCount = 1;
    queue_info.pQueuePriorities = &priority;
    VkDeviceCreateInfo device_info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    device_info.queueCreateInfoCount = 1;
    device_info.pQueueCreateInfos = &queue_info;
    if (VkResult r = api.vkCreateDevice(physical, &device_info, nullptr, &o.device); r != VK_SUCCESS) return fail("vkCreateDevice", r);
    std::string error;
    if (!api.load_device(o.device, error)) {
        proof.detail = "failed: " + error;
        return proof;
    }
    VkQueue queue = VK_NULL_HANDLE;
    api.vkGetDeviceQueue(o.device, family, 0, &queue);

    constexpr std::uint32_t count = 4096;
    constexpr VkDeviceSize bytes = count * sizeof(std::uint32_t);
    VkBufferCreateInfo buffer_info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    buffer_info.size = bytes;
    buffer_info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT;
    buffer_info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    if (VkResult r = api.vkCreateBuffer(o.device, &buffer_info, nullptr, &o.buffer); r != VK_SUCCESS) return fail("vkCreateBuffer", r);
    VkMemoryRequirements req;
    api.vkGetBufferMemoryRequirements(o.device, o.buffer, &req);
    VkPhysicalDeviceMemoryProperties mem;
    api.vkGetPhysicalDeviceMemoryProperties(physical, &mem);
    const VkMemoryPropertyFlags wanted = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    std::uint32_t type = UINT32_MAX;
    for (std::uint32_t i = 0; i < mem.memoryTypeCount; ++i)
        if ((req.memoryTypeBits & (1u << i)) && (mem.memoryTypes[i].propertyFlags & wanted) == wanted) {
            type = i;
            break;
        }
    if (type == UINT32_MAX) {
        proof.detail = "failed: no host-visible, coherent memory type for a storage buffer";
        return proof;
    }
    VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    alloc.allocationSize = req.size;
    alloc.memoryTypeIndex = type;
    if (VkResult r = api.vkAllocateMemory(o.device, &alloc, nullptr, &o.memory); r != VK_SUCCESS) return fail("vkAllocateMemory", r);
    if (VkResult r = api.vkBindBufferMemory(o.device, o.buffer, o.memory, 0); r != VK_SUCCESS) return fail("vkBindBufferMemory", r);
    void* mapped = nullptr;
    if (VkResult r = api.vkMapMemory(o.device, o.memory, 0, bytes, 0, &mapped); r != VK_SUCCESS) return fail("vkMapMemory", r);
    auto* values = static_cast<std::uint32_t*>(mapped);
    for (std::uint32_t i = 0; i < count; ++i) values[i] = i;

    VkShaderModuleCreateInfo shader_info{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
    shader_info.codeSize = sizeof kCheckShader;
    shader_info.pCode = kCheckShader;
    if (VkResult r = api.vkCreateShaderModule(o.device, &shader_info, nullptr, &o.shader); r != VK_SUCCESS) return fail("vkCreateShaderModule", r);
    VkDescriptorSetLayoutBinding binding{0, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr};
    VkDescriptorSetLayoutCreateInfo set_info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    set_info.bindingCount = 1;
    set_info.pBindings = &binding;
    if (VkResult r = api.vkCreateDescriptorSetLayout(o.device, &set_info, nullptr, &o.set_layout); r != VK_SUCCESS)
        return fail("vkCreateDescriptorSetLayout", r);
    VkPushConstantRange push{VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(std::uint32_t)};
    VkPipelineLayoutCreateInfo layout_info{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    layout_info.setLayoutCount = 1;
    layout_info.pSetLayouts = &o.set_layout;
    layout_info.pushConstantRangeCount = 1;
    layout_info.pPushConstantRanges = &push;
    if (VkResult r = api.vkCreatePipelineLayout(o.device, &layout_info, nullptr, &o.pipeline_layout); r != VK_SUCCESS)
        return fail("vkCreatePipelineLayout", r);
    VkComputePipelineCreateInfo pipeline_info{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
    pipeline_info.stage = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, nullptr, 0, VK_SHADER_STAGE_COMPUTE_BIT, o.shader, "main", nullptr};
    pipeline_info.layout = o.pipeline_layout;
    if (VkResult r = api.vkCreateComputePipelines(o.device, VK_NULL_HANDLE, 1, &pipeline_info, nullptr, &o.pipeline); r != VK_SUCCESS)
        return fail("vkCreateComputePipelines", r);

    VkDescriptorPoolSize pool_size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1};
    VkDescriptorPoolCreateInfo pool_info{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    pool_info.maxSets = 1;
    pool_info.poolSizeCount = 1;
    pool_info.pPoolSizes = &pool_size;
    if (VkResult r = api.vkCreateDescriptorPool(o.device, &pool_info, nullptr, &o.pool); r != VK_SUCCESS) return fail("vkCreateDescriptorPool", r);
    VkDescriptorSetAllocateInfo set_alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    set_alloc.descriptorPool = o.pool;
    set_alloc.descriptorSetCount = 1;
    set_alloc.pSetLayouts = &o.set_layout;
    VkDescriptorSet set = VK_NULL_HANDLE;
    if (VkResult r = api.vkAllocateDescriptorSets(o.device, &set_alloc, &set); r != VK_SUCCESS) return fail("vkAllocateDescriptorSets", r);
    VkDescriptorBufferInfo buffer_desc{o.buffer, 0, bytes};
    VkWriteDescriptorSet write{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    write.dstSet = set;
    write.descriptorCount = 1;
    write.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    write.pBufferInfo = &buffer_desc;
    api.vkUpdateDescriptorSets(o.device, 1, &write, 0, nullptr);

    VkCommandPoolCreateInfo command_pool_info{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    command_pool_info.queueFamilyIndex = family;
    if (VkResult r = api.vkCreateCommandPool(o.device, &command_pool_info, nullptr, &o.command_pool); r != VK_SUCCESS)
        return fail("vkCreateCommandPool", r);
    VkCommandBufferAllocateInfo cb_alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    cb_alloc.commandPool = o.command_pool;
    cb_alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    cb_alloc.commandBufferCount = 1;
    VkCommandBuffer cb = VK_NULL_HANDLE;
    if (VkResult r = api.vkAllocateCommandBuffers(o.device, &cb_alloc, &cb); r != VK_SUCCESS) return fail("vkAllocateCommandBuffers", r);
    VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    api.vkBeginCommandBuffer(cb, &begin);
    api.vkCmdBindPipeline(cb, VK_PIPELINE_BIND_POINT_COMPUTE, o.pipeline);
    api.vkCmdBindDescriptorSets(cb, VK_PIPELINE_BIND_POINT_COMPUTE, o.pipeline_layout, 0, 1, &set, 0, nullptr);
    api.vkCmdPushConstants(cb, o.pipeline_layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof count, &count);
    api.vkCmdDispatch(cb, (count + 63) / 64, 1, 1);
    if (VkResult r = api.vkEndCommandBuffer(cb); r != VK_SUCCESS) return fail("vkEndCommandBuffer", r);

    VkFenceCreateInfo fence_info{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    if (VkResult r = api.vkCreateFence(o.device, &fence_info, nullptr, &o.fence); r != VK_SUCCESS) return fail("vkCreateFence", r);
    VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &cb;
    if (VkResult r = api.vkQueueSubmit(queue, 1, &submit, o.fence); r != VK_SUCCESS) return fail("vkQueueSubmit", r);
    constexpr std::uint64_t kTimeoutNs = 10'000'000'000ull;
    if (VkResult r = api.vkWaitForFences(o.device, 1, &o.fence, VK_TRUE, kTimeoutNs); r != VK_SUCCESS) return fail("vkWaitForFences (10 s)", r);

    std::uint32_t wrong = 0;
    for (std::uint32_t i = 0; i < count; ++i) wrong += values[i] != i * 3u + 1u;
    api.vkUnmapMemory(o.device, o.memory);
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
        r.advice = "install the Vulkan loader and a driver (Debian: libvulkan1 plus mesa-vulkan-drivers, or your GPU vendor's driver)";
        return r;
    }
    std::uint32_t instance_version = VK_API_VERSION_1_0;
    if (api.vkEnumerateInstanceVersion) api.vkEnumerateInstanceVersion(&instance_version);
    r.instance_version = version_string(instance_version);

    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "dojo check";
    app.pEngineName = "Compute Dojo";
    app.apiVersion = instance_version >= VK_API_VERSION_1_2 ? VK_API_VERSION_1_2 : VK_API_VERSION_1_0;
    VkInstanceCreateInfo info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    info.pApplicationInfo = &app;
    VkInstance instance = VK_NULL_HANDLE;
    if (VkResult res = api.vkCreateInstance(&info, nullptr, &instance); res != VK_SUCCESS) {
        r.reason = std::string("could not create a Vulkan instance (") + vk::result_name(res) + ")";
        r.advice = res == VK_ERROR_INCOMPATIBLE_DRIVER ? "no Vulkan driver is installed: install your GPU's Vulkan driver, or mesa-vulkan-drivers for a CPU one"
                                                       : "check that `vulkaninfo` works";
        return r;
    }
    if (!api.load_instance(instance, error)) {
        r.reason = error;
        if (api.vkDestroyInstance) api.vkDestroyInstance(instance, nullptr);
        return r;
    }
    std::uint32_t count = 0;
    api.vkEnumeratePhysicalDevices(instance, &count, nullptr);
    std::vector<VkPhysicalDevice> physicals(count);
    api.vkEnumeratePhysicalDevices(instance, &count, physicals.data());
    for (VkPhysicalDevice physical : physicals) {
        VulkanDevice d;
        VkPhysicalDeviceProperties props;
        api.vkGetPhysicalDeviceProperties(physical, &props);
        d.name = props.deviceName;
        d.type = type_name(props.deviceType);
        d.vendor_id = props.vendorID;
        d.device_id = props.deviceID;
        d.api_version = version_string(props.apiVersion);
        if (api.vkGetPhysicalDeviceProperties2 && props.apiVersion >= VK_API_VERSION_1_2 && app.apiVersion >= VK_API_VERSION_1_2) {
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
