// The Vulkan set-up shared by the probe of `dojo check` and the matmul backend.
#include "vulkan/vulkan_context.h"

namespace dojo::vk {

std::string Status::message() const {
    return failed(step, result);
}

std::string failed(const char* step, VkResult result) {
    return std::string(step) + " failed: " + result_name(result);
}

std::uint32_t loader_version(const Api& api) {
    std::uint32_t version = VK_API_VERSION_1_0;
    if (api.vkEnumerateInstanceVersion && api.vkEnumerateInstanceVersion(&version) != VK_SUCCESS) version = VK_API_VERSION_1_0;
    return version;
}

std::uint32_t wanted_api_version(const Api& api) {
    const std::uint32_t loader = loader_version(api);
    if (loader >= VK_API_VERSION_1_2) return VK_API_VERSION_1_2;
    if (loader >= VK_API_VERSION_1_1) return VK_API_VERSION_1_1;
    return VK_API_VERSION_1_0;
}

Status create_instance(Api& api, const char* app_name, std::uint32_t api_version, VkInstance& instance, std::string& error) {
    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = app_name;
    app.pEngineName = "Compute Dojo";
    app.apiVersion = api_version;
    VkInstanceCreateInfo info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    info.pApplicationInfo = &app;
    instance = VK_NULL_HANDLE;
    if (VkResult r = api.vkCreateInstance(&info, nullptr, &instance); r != VK_SUCCESS) {
        instance = VK_NULL_HANDLE;
        return {r, "vkCreateInstance"};
    }
    if (!api.load_instance(instance, error)) {
        if (api.vkDestroyInstance) api.vkDestroyInstance(instance, nullptr);
        instance = VK_NULL_HANDLE;
        return {VK_ERROR_INITIALIZATION_FAILED, "loading instance functions"};
    }
    return {};
}

std::vector<VkPhysicalDevice> physical_devices(const Api& api, VkInstance instance) {
    std::uint32_t count = 0;
    api.vkEnumeratePhysicalDevices(instance, &count, nullptr);
    std::vector<VkPhysicalDevice> physicals(count);
    if (count) api.vkEnumeratePhysicalDevices(instance, &count, physicals.data());
    physicals.resize(count);
    return physicals;
}

VkPhysicalDevice pick_physical_device(const Api& api, const std::vector<VkPhysicalDevice>& physicals) {
    // A real GPU beats lavapipe: discrete, then integrated, then whatever there is.
    for (VkPhysicalDeviceType wanted : {VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU, VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU}) {
        for (VkPhysicalDevice p : physicals) {
            VkPhysicalDeviceProperties props;
            api.vkGetPhysicalDeviceProperties(p, &props);
            if (props.deviceType == wanted) return p;
        }
    }
    return physicals.empty() ? VK_NULL_HANDLE : physicals[0];
}

std::uint32_t compute_queue_family(const Api& api, VkPhysicalDevice physical, std::uint32_t* timestamp_bits) {
    std::uint32_t count = 0;
    api.vkGetPhysicalDeviceQueueFamilyProperties(physical, &count, nullptr);
    std::vector<VkQueueFamilyProperties> families(count);
    api.vkGetPhysicalDeviceQueueFamilyProperties(physical, &count, families.data());
    for (std::uint32_t i = 0; i < count; ++i)
        if (families[i].queueFlags & VK_QUEUE_COMPUTE_BIT) {
            if (timestamp_bits) *timestamp_bits = families[i].timestampValidBits;
            return i;
        }
    return UINT32_MAX;
}

std::vector<std::string> device_extensions(const Api& api, VkPhysicalDevice physical) {
    std::uint32_t count = 0;
    if (api.vkEnumerateDeviceExtensionProperties(physical, nullptr, &count, nullptr) != VK_SUCCESS) return {};
    std::vector<VkExtensionProperties> props(count);
    if (api.vkEnumerateDeviceExtensionProperties(physical, nullptr, &count, props.data()) != VK_SUCCESS) return {};
    std::vector<std::string> names;
    for (std::uint32_t i = 0; i < count && i < props.size(); ++i) names.emplace_back(props[i].extensionName);
    return names;
}

Status create_device(Api& api, VkPhysicalDevice physical, std::uint32_t family, const std::vector<const char*>& extensions,
                     const void* features, VkDevice& device, VkQueue& queue, std::string& error,
                     const VkPhysicalDeviceFeatures* enabled) {
    const float priority = 1.0f;
    VkDeviceQueueCreateInfo queue_info{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    queue_info.queueFamilyIndex = family;
    queue_info.queueCount = 1;
    queue_info.pQueuePriorities = &priority;
    VkDeviceCreateInfo device_info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    device_info.pNext = features;
    device_info.pEnabledFeatures = enabled;
    device_info.queueCreateInfoCount = 1;
    device_info.pQueueCreateInfos = &queue_info;
    device_info.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
    device_info.ppEnabledExtensionNames = extensions.empty() ? nullptr : extensions.data();
    device = VK_NULL_HANDLE;
    queue = VK_NULL_HANDLE;
    if (VkResult r = api.vkCreateDevice(physical, &device_info, nullptr, &device); r != VK_SUCCESS) {
        device = VK_NULL_HANDLE;
        return {r, "vkCreateDevice"};
    }
    if (!api.load_device(device, error)) {
        auto destroy = reinterpret_cast<PFN_vkDestroyDevice>(api.vkGetDeviceProcAddr(device, "vkDestroyDevice"));
        if (destroy) destroy(device, nullptr);
        device = VK_NULL_HANDLE;
        return {VK_ERROR_INITIALIZATION_FAILED, "loading device functions"};
    }
    api.vkGetDeviceQueue(device, family, 0, &queue);
    return {};
}

std::uint32_t find_memory_type(const VkPhysicalDeviceMemoryProperties& memory, std::uint32_t allowed,
                               VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred) {
    std::uint32_t fallback = UINT32_MAX;
    for (std::uint32_t i = 0; i < memory.memoryTypeCount; ++i) {
        if (!(allowed & (1u << i))) continue;
        const VkMemoryPropertyFlags flags = memory.memoryTypes[i].propertyFlags;
        if ((flags & required) != required) continue;
        if ((flags & preferred) == preferred) return i;
        if (fallback == UINT32_MAX) fallback = i;
    }
    return fallback;
}

Status create_buffer(const Api& api, VkDevice device, const VkPhysicalDeviceMemoryProperties& memory, VkDeviceSize size,
                     VkBufferUsageFlags usage, VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred, Buffer& out) {
    Buffer b;
    b.size = size;
    VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    info.size = size;
    info.usage = usage;
    info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    Status status;
    if (VkResult r = api.vkCreateBuffer(device, &info, nullptr, &b.buffer); r != VK_SUCCESS) {
        b.buffer = VK_NULL_HANDLE;
        status = {r, "vkCreateBuffer"};
    }
    if (status.ok()) {
        VkMemoryRequirements req;
        api.vkGetBufferMemoryRequirements(device, b.buffer, &req);
        b.memory_type = find_memory_type(memory, req.memoryTypeBits, required, preferred);
        if (b.memory_type == UINT32_MAX) {
            status = {VK_ERROR_FEATURE_NOT_PRESENT, "finding a memory type"};
        } else {
            VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
            alloc.allocationSize = req.size;
            alloc.memoryTypeIndex = b.memory_type;
            if (VkResult r = api.vkAllocateMemory(device, &alloc, nullptr, &b.memory); r != VK_SUCCESS) {
                b.memory = VK_NULL_HANDLE;
                status = {r, "vkAllocateMemory"};
            }
        }
    }
    if (status.ok())
        if (VkResult r = api.vkBindBufferMemory(device, b.buffer, b.memory, 0); r != VK_SUCCESS)
            status = {r, "vkBindBufferMemory"};
    if (status.ok() && (memory.memoryTypes[b.memory_type].propertyFlags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT))
        if (VkResult r = api.vkMapMemory(device, b.memory, 0, VK_WHOLE_SIZE, 0, &b.mapped); r != VK_SUCCESS) {
            b.mapped = nullptr;
            status = {r, "vkMapMemory"};
        }
    if (!status.ok()) {
        destroy_buffer(api, device, b);
        return status;
    }
    out = b;
    return status;
}

void destroy_buffer(const Api& api, VkDevice device, Buffer& b) {
    if (b.mapped) api.vkUnmapMemory(device, b.memory);
    if (b.buffer) api.vkDestroyBuffer(device, b.buffer, nullptr);
    if (b.memory) api.vkFreeMemory(device, b.memory, nullptr);
    b = Buffer{};
}

void destroy_compute_objects(const Api& api, VkDevice device, ComputeObjects& o) {
    if (o.fence) api.vkDestroyFence(device, o.fence, nullptr);
    if (o.command_pool) api.vkDestroyCommandPool(device, o.command_pool, nullptr);
    if (o.pool) api.vkDestroyDescriptorPool(device, o.pool, nullptr);
    if (o.pipeline) api.vkDestroyPipeline(device, o.pipeline, nullptr);
    if (o.pipeline_layout) api.vkDestroyPipelineLayout(device, o.pipeline_layout, nullptr);
    if (o.set_layout) api.vkDestroyDescriptorSetLayout(device, o.set_layout, nullptr);
    if (o.shader) api.vkDestroyShaderModule(device, o.shader, nullptr);
    o = ComputeObjects{};
}

Status create_layouts(const Api& api, VkDevice device, std::uint32_t storage_buffers, std::uint32_t push_bytes,
                      VkDescriptorSetLayout& set_layout, VkPipelineLayout& pipeline_layout) {
    std::vector<VkDescriptorSetLayoutBinding> bindings(storage_buffers);
    for (std::uint32_t i = 0; i < storage_buffers; ++i)
        bindings[i] = {i, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr};
    VkDescriptorSetLayoutCreateInfo set_info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    set_info.bindingCount = storage_buffers;
    set_info.pBindings = bindings.data();
    if (VkResult r = api.vkCreateDescriptorSetLayout(device, &set_info, nullptr, &set_layout); r != VK_SUCCESS) {
        set_layout = VK_NULL_HANDLE;
        return {r, "vkCreateDescriptorSetLayout"};
    }
    VkPushConstantRange push{VK_SHADER_STAGE_COMPUTE_BIT, 0, push_bytes};
    VkPipelineLayoutCreateInfo layout_info{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    layout_info.setLayoutCount = 1;
    layout_info.pSetLayouts = &set_layout;
    layout_info.pushConstantRangeCount = push_bytes ? 1 : 0;
    layout_info.pPushConstantRanges = push_bytes ? &push : nullptr;
    if (VkResult r = api.vkCreatePipelineLayout(device, &layout_info, nullptr, &pipeline_layout); r != VK_SUCCESS) {
        pipeline_layout = VK_NULL_HANDLE;
        return {r, "vkCreatePipelineLayout"};
    }
    return {};
}

Status create_compute_pipeline(const Api& api, VkDevice device, const std::uint32_t* code, std::size_t code_bytes,
                               VkPipelineLayout layout, const VkSpecializationInfo* specialization, VkShaderModule& shader,
                               VkPipeline& pipeline) {
    VkShaderModuleCreateInfo shader_info{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
    shader_info.codeSize = code_bytes;
    shader_info.pCode = code;
    if (VkResult r = api.vkCreateShaderModule(device, &shader_info, nullptr, &shader); r != VK_SUCCESS) {
        shader = VK_NULL_HANDLE;
        return {r, "vkCreateShaderModule"};
    }
    VkComputePipelineCreateInfo pipeline_info{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
    pipeline_info.stage = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO,
                           nullptr,
                           0,
                           VK_SHADER_STAGE_COMPUTE_BIT,
                           shader,
                           "main",
                           specialization};
    pipeline_info.layout = layout;
    if (VkResult r = api.vkCreateComputePipelines(device, VK_NULL_HANDLE, 1, &pipeline_info, nullptr, &pipeline);
        r != VK_SUCCESS) {
        pipeline = VK_NULL_HANDLE;
        return {r, "vkCreateComputePipelines"};
    }
    return {};
}

Status create_storage_set(const Api& api, VkDevice device, VkDescriptorSetLayout layout,
                          const std::vector<VkDescriptorBufferInfo>& buffers, VkDescriptorPool& pool, VkDescriptorSet& set) {
    const auto count = static_cast<std::uint32_t>(buffers.size());
    VkDescriptorPoolSize pool_size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, count};
    VkDescriptorPoolCreateInfo pool_info{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    pool_info.maxSets = 1;
    pool_info.poolSizeCount = 1;
    pool_info.pPoolSizes = &pool_size;
    if (VkResult r = api.vkCreateDescriptorPool(device, &pool_info, nullptr, &pool); r != VK_SUCCESS) {
        pool = VK_NULL_HANDLE;
        return {r, "vkCreateDescriptorPool"};
    }
    VkDescriptorSetAllocateInfo set_alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    set_alloc.descriptorPool = pool;
    set_alloc.descriptorSetCount = 1;
    set_alloc.pSetLayouts = &layout;
    if (VkResult r = api.vkAllocateDescriptorSets(device, &set_alloc, &set); r != VK_SUCCESS)
        return {r, "vkAllocateDescriptorSets"};
    std::vector<VkWriteDescriptorSet> writes(count, {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET});
    for (std::uint32_t i = 0; i < count; ++i) {
        writes[i].dstSet = set;
        writes[i].dstBinding = i;
        writes[i].descriptorCount = 1;
        writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        writes[i].pBufferInfo = &buffers[i];
    }
    api.vkUpdateDescriptorSets(device, count, writes.data(), 0, nullptr);
    return {};
}

Status record_dispatch(const Api& api, VkCommandBuffer cb, VkPipeline pipeline, VkPipelineLayout layout, VkDescriptorSet set,
                       const void* push, std::uint32_t push_bytes, std::uint32_t groups_x, std::uint32_t groups_y,
                       std::uint32_t groups_z) {
    VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    api.vkBeginCommandBuffer(cb, &begin);
    api.vkCmdBindPipeline(cb, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline);
    api.vkCmdBindDescriptorSets(cb, VK_PIPELINE_BIND_POINT_COMPUTE, layout, 0, 1, &set, 0, nullptr);
    if (push_bytes) api.vkCmdPushConstants(cb, layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, push_bytes, push);
    api.vkCmdDispatch(cb, groups_x, groups_y, groups_z);
    // The shader's writes are made visible to the host before the values are read back.
    VkMemoryBarrier to_host{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    to_host.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT;
    to_host.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    api.vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &to_host, 0, nullptr, 0,
                             nullptr);
    if (VkResult r = api.vkEndCommandBuffer(cb); r != VK_SUCCESS) return {r, "vkEndCommandBuffer"};
    return {};
}

Status create_commands(const Api& api, VkDevice device, std::uint32_t family, VkCommandPool& pool, VkCommandBuffer& cb,
                       VkFence& fence) {
    VkCommandPoolCreateInfo pool_info{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    pool_info.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;  // re-recorded for every submit
    pool_info.queueFamilyIndex = family;
    if (VkResult r = api.vkCreateCommandPool(device, &pool_info, nullptr, &pool); r != VK_SUCCESS) {
        pool = VK_NULL_HANDLE;
        return {r, "vkCreateCommandPool"};
    }
    VkCommandBufferAllocateInfo cb_alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    cb_alloc.commandPool = pool;
    cb_alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    cb_alloc.commandBufferCount = 1;
    if (VkResult r = api.vkAllocateCommandBuffers(device, &cb_alloc, &cb); r != VK_SUCCESS) {
        cb = VK_NULL_HANDLE;
        return {r, "vkAllocateCommandBuffers"};
    }
    VkFenceCreateInfo fence_info{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    if (VkResult r = api.vkCreateFence(device, &fence_info, nullptr, &fence); r != VK_SUCCESS) {
        fence = VK_NULL_HANDLE;
        return {r, "vkCreateFence"};
    }
    return {};
}

Status submit_and_wait(const Api& api, VkDevice device, VkQueue queue, VkCommandBuffer cb, VkFence fence,
                       std::uint64_t timeout_ns) {
    if (VkResult r = api.vkResetFences(device, 1, &fence); r != VK_SUCCESS) return {r, "vkResetFences"};
    VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &cb;
    if (VkResult r = api.vkQueueSubmit(queue, 1, &submit, fence); r != VK_SUCCESS) return {r, "vkQueueSubmit"};
    if (VkResult r = api.vkWaitForFences(device, 1, &fence, VK_TRUE, timeout_ns); r != VK_SUCCESS) return {r, "vkWaitForFences"};
    return {};
}

}  // namespace dojo::vk
