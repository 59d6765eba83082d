// The Vulkan backend's device: the instance, the pick of a physical device, its memory heap, the
// workgroup shapes and cooperative-matrix rung chosen for it, the pipelines built from the embedded
// SPIR-V, and setting it all up again after a failure or a lost device.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "vulkan/vulkan_backend_internal.h"

namespace dojo {

using namespace vulkan_backend;

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
const std::uint32_t kCoopmatShader[] = {
#include "coopmat.comp.inc"
};
const std::uint32_t kCoopmatEmulatedShader[] = {
#include "coopmat_emulated.comp.inc"
};
const std::uint32_t kFmaShader[] = {
#include "fma.comp.inc"
};
const std::uint32_t kCopyShader[] = {
#include "copy.comp.inc"
};

const char* const kNoCoopmat = "this device offers no cooperative-matrix (tensor core) support";

using vk::failed;

const char* type_word(VkPhysicalDeviceType t) {
    switch (t) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
            return "discrete GPU";
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
            return "integrated GPU";
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
            return "virtual GPU";
        case VK_PHYSICAL_DEVICE_TYPE_CPU:
            return "cpu";
        default:
            return "other";
    }
}

// Chooses the workgroup shapes for this device from its type and limits (see tuning()).
void choose_tuning(VulkanMatmulBackend::Context& c, const VulkanTuning& force) {
    const VkPhysicalDeviceLimits& l = c.props.limits;
    const bool discrete = c.props.deviceType == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU;
    const std::uint32_t max_x = l.maxComputeWorkGroupSize[0], max_y = l.maxComputeWorkGroupSize[1];
    const std::uint32_t invocations = l.maxComputeWorkGroupInvocations;  // at least 128 on every device
    // Tiled: 16x16 on GPUs (256 invocations: eight NVIDIA warps, four AMD waves), where a square
    // tile of both matrices fits shared memory; 8x8 on CPU devices. Lavapipe runs a workgroup on one
    // core, a subgroup (8 lanes) at a time, and switches between its subgroups at every barrier():
    // 8 and 16 measured alike there (0.4-0.9 GFLOP/s at 512, within the noise of a shared machine),
    // and 8x8 gives four times the workgroups to spread over the cores at small sizes.
    auto tile_fits = [&](std::uint32_t t) {
        return t * t <= invocations && t <= max_x && t <= max_y && 2u * t * t * sizeof(float) <= l.maxComputeSharedMemorySize;
    };
    c.tile = force.tile ? force.tile : (c.cpu() ? 8u : 16u);
    while (c.tile > 1 && !tile_fits(c.tile)) c.tile /= 2;
    // Register-vec4: 16x16 invocations (64x64 of C) on a discrete GPU, eight warps per workgroup
    // to hide memory latency, each row of 16 invocations reading 256 contiguous bytes of B; 16x8 on
    // integrated GPUs; 8x8 (32x32 of C) on CPU devices, where lavapipe measured twice the speed of
    // 16x16 at 256 (13 against 7 GFLOP/s: four times the workgroups for two cores) and the same at 512.
    std::uint32_t x = discrete ? 16u : (c.cpu() ? 8u : 16u), y = discrete ? 16u : 8u;
    if (force.vec4_x) x = force.vec4_x;
    if (force.vec4_y) y = force.vec4_y;
    while (x * y > invocations || y > max_y) y = std::max(1u, y / 2);
    while (x * y > invocations || x > max_x) x = std::max(1u, x / 2);
    c.vec4_x = x;
    c.vec4_y = y;
    c.lanes = std::min(c.cpu() ? 64u : 256u, std::min(invocations, max_x));
}

// The features the coopmat rung's shader needs, chained for vkCreateDevice; points into itself.
struct CoopmatFeatures {
    VkPhysicalDeviceFeatures2 features2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
    VkPhysicalDeviceCooperativeMatrixFeaturesNV coop{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_COOPERATIVE_MATRIX_FEATURES_NV};
    VkPhysicalDevice16BitStorageFeatures storage16{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_16BIT_STORAGE_FEATURES};
    VkPhysicalDeviceShaderFloat16Int8Features float16{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_FLOAT16_INT8_FEATURES};
    VkPhysicalDeviceVulkanMemoryModelFeatures memory_model{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_MEMORY_MODEL_FEATURES};
    CoopmatFeatures() = default;
    CoopmatFeatures(const CoopmatFeatures&) = delete;
    CoopmatFeatures& operator=(const CoopmatFeatures&) = delete;
};

// Decides whether the device gets the coopmat-fp16 rung (c.coopmat, its shape, or c.coopmat_note
// saying why not); where it does, adds the extension and fills `f` with the features to enable.
// VK_NV_cooperative_matrix, not its successor VK_KHR_cooperative_matrix (vendor-neutral, same
// idea): this toolchain's glslang (11.13) and Vulkan headers (1.3.236) predate KHR, and NVIDIA
// drivers still offer NV. Moving to KHR means VkCooperativeMatrixPropertiesKHR here and
// GL_KHR_cooperative_matrix in coopmat.comp.
void choose_cooperative_matrix(VulkanMatmulBackend::Context& c, std::uint32_t version, bool has_extension,
                               VkShaderStageFlags stages, bool emulate, std::vector<const char*>& extensions,
                               CoopmatFeatures& f) {
    const vk::Api& api = c.api;
    VkPhysicalDeviceCooperativeMatrixFeaturesNV& coop_features = f.coop;
    VkPhysicalDevice16BitStorageFeatures& storage16 = f.storage16;
    VkPhysicalDeviceShaderFloat16Int8Features& float16 = f.float16;
    VkPhysicalDeviceVulkanMemoryModelFeatures& memory_model = f.memory_model;
    VkPhysicalDeviceFeatures2& features2 = f.features2;
    c.coopmat_note = kNoCoopmat;
    if (has_extension) {
        if (version < VK_API_VERSION_1_2 || !api.vkGetPhysicalDeviceFeatures2 ||
            !api.vkGetPhysicalDeviceCooperativeMatrixPropertiesNV) {
            c.coopmat_note = "this device lists VK_NV_cooperative_matrix, but the coopmat rung needs Vulkan 1.2 here";
        } else {
            coop_features.pNext = &storage16;
            storage16.pNext = &float16;
            float16.pNext = &memory_model;
            features2.pNext = &coop_features;
            api.vkGetPhysicalDeviceFeatures2(c.physical, &features2);
            std::uint32_t count = 0;
            api.vkGetPhysicalDeviceCooperativeMatrixPropertiesNV(c.physical, &count, nullptr);
            std::vector<VkCooperativeMatrixPropertiesNV> shapes(count, {VK_STRUCTURE_TYPE_COOPERATIVE_MATRIX_PROPERTIES_NV});
            if (count) api.vkGetPhysicalDeviceCooperativeMatrixPropertiesNV(c.physical, &count, shapes.data());
            shapes.resize(count);
            // 16x16x16 where offered (the common tensor-core shape), else the largest fp16 -> fp32 one.
            const VkCooperativeMatrixPropertiesNV* pick = nullptr;
            for (const VkCooperativeMatrixPropertiesNV& s : shapes) {
                if (s.scope != VK_SCOPE_SUBGROUP_NV || s.AType != VK_COMPONENT_TYPE_FLOAT16_NV ||
                    s.BType != VK_COMPONENT_TYPE_FLOAT16_NV || s.CType != VK_COMPONENT_TYPE_FLOAT32_NV ||
                    s.DType != VK_COMPONENT_TYPE_FLOAT32_NV || s.MSize == 0 || s.NSize == 0 || s.KSize == 0)
                    continue;
                const bool square16 = s.MSize == 16 && s.NSize == 16 && s.KSize == 16;
                if (!pick || square16 ||
                    (!(pick->MSize == 16 && pick->NSize == 16 && pick->KSize == 16) &&
                     std::uint64_t{s.MSize} * s.NSize * s.KSize > std::uint64_t{pick->MSize} * pick->NSize * pick->KSize))
                    pick = &s;
            }
            if (!coop_features.cooperativeMatrix || !storage16.storageBuffer16BitAccess || !float16.shaderFloat16 ||
                !memory_model.vulkanMemoryModel) {
                c.coopmat_note =
                    "this device lists VK_NV_cooperative_matrix but lacks a feature the coopmat rung needs "
                    "(cooperativeMatrix, storageBuffer16BitAccess, shaderFloat16, vulkanMemoryModel)";
            } else if (!(stages & VK_SHADER_STAGE_COMPUTE_BIT)) {
                c.coopmat_note = "this device's cooperative matrices are not available to compute shaders";
            } else if (!pick) {
                c.coopmat_note = "this device's cooperative matrices offer no fp16 x fp16 -> fp32 subgroup shape";
            } else if (c.subgroup == 0 || c.subgroup > c.props.limits.maxComputeWorkGroupSize[0]) {
                c.coopmat_note = "this device's subgroup size is unknown, which the coopmat rung needs";
            } else {
                c.coopmat = true;
                c.coopmat_note.clear();
                c.cm = pick->MSize;
                c.cn = pick->NSize;
                c.ck = pick->KSize;
                extensions.push_back(VK_NV_COOPERATIVE_MATRIX_EXTENSION_NAME);
                // Enable exactly what the shader uses; everything else in the chain off.
                coop_features.cooperativeMatrixRobustBufferAccess = VK_FALSE;
                storage16 = {VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_16BIT_STORAGE_FEATURES, &float16};
                storage16.storageBuffer16BitAccess = VK_TRUE;
                float16 = {VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_FLOAT16_INT8_FEATURES, &memory_model};
                float16.shaderFloat16 = VK_TRUE;
                memory_model = {VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_MEMORY_MODEL_FEATURES, nullptr};
                memory_model.vulkanMemoryModel = VK_TRUE;
                features2.features = {};
            }
        }
    }
    if (c.coopmat) c.coopmat_lanes = c.subgroup;
    // Tests on lavapipe: the coopmat rung's host side (fp16 conversion, padding, dispatch, download)
    // with a plain fp16 shader, where the device has 16-bit storage and fp16 arithmetic.
    if (!c.coopmat && emulate && version >= VK_API_VERSION_1_2 && api.vkGetPhysicalDeviceFeatures2) {
        storage16 = {VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_16BIT_STORAGE_FEATURES, &float16};
        float16 = {VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_FLOAT16_INT8_FEATURES, nullptr};
        features2 = {VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, &storage16};
        api.vkGetPhysicalDeviceFeatures2(c.physical, &features2);
        if (storage16.storageBuffer16BitAccess && float16.shaderFloat16) {
            storage16 = {VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_16BIT_STORAGE_FEATURES, &float16};
            storage16.storageBuffer16BitAccess = VK_TRUE;
            float16 = {VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_FLOAT16_INT8_FEATURES, nullptr};
            float16.shaderFloat16 = VK_TRUE;
            features2.features = {};
            c.coopmat = c.coopmat_emulated = true;
            c.coopmat_note.clear();
            c.cm = c.cn = c.ck = 16;
            c.coopmat_lanes = c.subgroup ? c.subgroup : 32;
        }
    }
}

}  // namespace

VulkanMatmulBackend::VulkanMatmulBackend(int device_index, VulkanTuning force) : device_index_(device_index), force_(force) {
    std::string error;
    if (!set_up(error)) init_error_ = error;
}

VulkanMatmulBackend::~VulkanMatmulBackend() = default;

bool VulkanMatmulBackend::ok() const {
    return context_ != nullptr;
}

std::string VulkanMatmulBackend::tuning() const {
    if (!context_) return {};
    const Context& c = *context_;
    auto n = [](std::uint32_t v) { return std::to_string(v); };
    std::string s = device_name_ + " (" + type_word(c.props.deviceType) + ", subgroup " +
                    (c.subgroup ? n(c.subgroup) : std::string("unknown")) + ", " +
                    n(c.props.limits.maxComputeSharedMemorySize / 1024) + " KiB shared, " +
                    n(c.props.limits.maxComputeWorkGroupInvocations) + " invocations max): ";
    s += "tiled-shared " + n(c.tile) + "x" + n(c.tile) + " tiles (" + n(c.tile * c.tile) + " invocations); ";
    s += "register-vec4 " + n(c.vec4_x) + "x" + n(c.vec4_y) + " invocations (" + n(4 * c.vec4_x) + "x" + n(4 * c.vec4_y) +
         " of C per workgroup); ";
    if (c.coopmat)
        s += "coopmat-fp16 " + n(c.cm) + "x" + n(c.cn) + "x" + n(c.ck) + " fp16 tiles, one subgroup of " + n(c.coopmat_lanes) +
             " per workgroup" + (c.coopmat_emulated ? " (emulated without matrix units, for tests)" : "");
    else
        s += "coopmat-fp16 absent";
    return s;
}

std::vector<std::string> VulkanMatmulBackend::setup_notes() const {
    std::vector<std::string> notes;
    if (!ok()) return notes;
    notes.push_back("Tuned for this device: " + tuning());
    const std::string coop = cooperative_matrix_note();
    if (!coop.empty()) notes.push_back("No cooperative-matrix rung: " + coop + ".");
    return notes;
}

std::string VulkanMatmulBackend::cooperative_matrix_note() const {
    if (!context_) return init_error_.empty() ? std::string(kNoCoopmat) : "Vulkan is not available: " + init_error_;
    return context_->coopmat ? std::string() : context_->coopmat_note;
}

std::vector<std::string> VulkanMatmulBackend::devices(std::string& error) {
    vk::Api api;
    if (!api.load_loader(error)) return {};
    VkInstance instance = VK_NULL_HANDLE;
    if (vk::Status s = vk::create_instance(api, "dojo matmul", VK_API_VERSION_1_0, instance, error); !s.ok()) {
        if (s.step == std::string("vkCreateInstance"))
            error = s.result == VK_ERROR_INCOMPATIBLE_DRIVER ? "no Vulkan driver is installed (VK_ERROR_INCOMPATIBLE_DRIVER)"
                                                             : s.message();
        return {};
    }
    std::vector<std::string> names;
    for (VkPhysicalDevice physical : vk::physical_devices(api, instance)) {
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
    if (!api.load_loader(error)) return false;
    const std::uint32_t instance_version = vk::wanted_api_version(api);
    if (vk::Status s = vk::create_instance(api, "dojo matmul", instance_version, c->instance, error); !s.ok()) {
        if (s.step == std::string("vkCreateInstance"))
            error = s.result == VK_ERROR_INCOMPATIBLE_DRIVER ? "no Vulkan driver is installed (VK_ERROR_INCOMPATIBLE_DRIVER)"
                                                             : s.message();
        return false;
    }

    const std::vector<VkPhysicalDevice> physicals = vk::physical_devices(api, c->instance);
    if (physicals.empty()) {
        error = "the Vulkan loader found no device";
        return false;
    }
    if (device_index_ >= static_cast<int>(physicals.size())) {
        error =
            "there is no Vulkan device " + std::to_string(device_index_) + " (" + std::to_string(physicals.size()) + " found)";
        return false;
    }
    c->physical =
        device_index_ >= 0 ? physicals[static_cast<std::size_t>(device_index_)] : vk::pick_physical_device(api, physicals);
    api.vkGetPhysicalDeviceProperties(c->physical, &c->props);
    api.vkGetPhysicalDeviceMemoryProperties(c->physical, &c->memory);
    device_name_ = c->props.deviceName;
    // What the device may use: the lower of the instance's version and its own.
    const std::uint32_t version = std::min(instance_version, c->props.apiVersion);

    std::uint32_t valid_bits = 0;
    c->family = vk::compute_queue_family(api, c->physical, &valid_bits);
    if (c->family == UINT32_MAX) {
        error = device_name_ + " has no compute queue";
        return false;
    }
    c->timestamps = valid_bits > 0 && c->props.limits.timestampPeriod > 0;
    c->timestamp_mask = valid_bits >= 64 ? ~0ull : (1ull << valid_bits) - 1;

    // The largest device-local heap is "device memory"; on lavapipe it is the machine's RAM.
    for (std::uint32_t h = 0; h < c->memory.memoryHeapCount; ++h) {
        const VkMemoryHeap& heap = c->memory.memoryHeaps[h];
        const VkMemoryHeap& best = c->memory.memoryHeaps[c->local_heap];
        const bool local = heap.flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT,
                   best_local = best.flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT;
        if ((local && !best_local) || (local == best_local && heap.size > best.size)) c->local_heap = h;
    }
    c->max_allocation = c->heap().size;

    const std::vector<std::string> extensions = vk::device_extensions(api, c->physical);
    auto has = [&](const char* name) { return std::find(extensions.begin(), extensions.end(), name) != extensions.end(); };
    const bool has_coopmat = has(VK_NV_COOPERATIVE_MATRIX_EXTENSION_NAME);

    // Vulkan 1.1 properties: the subgroup size, the largest single allocation, and the shader
    // stages that may use cooperative matrices.
    VkShaderStageFlags coopmat_stages = 0;
    if (version >= VK_API_VERSION_1_1 && api.vkGetPhysicalDeviceProperties2) {
        VkPhysicalDeviceSubgroupProperties subgroup{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES};
        VkPhysicalDeviceMaintenance3Properties maintenance3{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAINTENANCE_3_PROPERTIES};
        VkPhysicalDeviceCooperativeMatrixPropertiesNV coop{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_COOPERATIVE_MATRIX_PROPERTIES_NV};
        subgroup.pNext = &maintenance3;
        if (has_coopmat) maintenance3.pNext = &coop;
        VkPhysicalDeviceProperties2 props2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
        props2.pNext = &subgroup;
        api.vkGetPhysicalDeviceProperties2(c->physical, &props2);
        c->subgroup = subgroup.subgroupSize;
        if (maintenance3.maxMemoryAllocationSize > 0)
            c->max_allocation = std::min<std::uint64_t>(c->max_allocation, maintenance3.maxMemoryAllocationSize);
        coopmat_stages = coop.cooperativeMatrixSupportedStages;
    }

    // Extensions: the memory budget where offered, and cooperative matrices where the device has
    // an fp16 x fp16 -> fp32 subgroup shape (see choose_cooperative_matrix).
    std::vector<const char*> enabled;
    if (has(VK_EXT_MEMORY_BUDGET_EXTENSION_NAME) && api.vkGetPhysicalDeviceMemoryProperties2 && version >= VK_API_VERSION_1_1) {
        enabled.push_back(VK_EXT_MEMORY_BUDGET_EXTENSION_NAME);
        c->memory_budget = true;
    }
    CoopmatFeatures coopmat_features;
    choose_cooperative_matrix(*c, version, has_coopmat, coopmat_stages, force_.emulate_coopmat, enabled, coopmat_features);
    if (vk::Status s = vk::create_device(api, c->physical, c->family, enabled, c->coopmat ? &coopmat_features.features2 : nullptr,
                                         c->device, c->queue, error);
        !s.ok()) {
        if (s.step == std::string("vkCreateDevice")) error = s.message();
        return false;
    }

    choose_tuning(*c, force_);

    if (vk::Status s = vk::create_layouts(api, c->device, 3, 3 * sizeof(std::uint32_t), c->set_layout, c->pipeline_layout);
        !s.ok()) {
        error = s.message();
        return false;
    }
    const VkSpecializationMapEntry entries[4] = {{0, 0, 4}, {1, 4, 4}, {2, 8, 4}, {3, 12, 4}};
    const std::uint32_t tiled_values[1] = {c->tile};
    const std::uint32_t vec4_values[2] = {c->vec4_x, c->vec4_y};
    const std::uint32_t coop_values[4] = {c->cm, c->cn, c->ck, c->coopmat_lanes};
    const std::uint32_t lane_values[1] = {c->lanes};
    const VkSpecializationInfo tiled_spec{1, entries, sizeof tiled_values, tiled_values};
    const VkSpecializationInfo vec4_spec{2, entries, sizeof vec4_values, vec4_values};
    const VkSpecializationInfo coop_spec{4, entries, sizeof coop_values, coop_values};
    const VkSpecializationInfo lane_spec{1, entries, sizeof lane_values, lane_values};
    struct PipelineSource {
        const char* name;
        const std::uint32_t* code;
        std::size_t bytes;
        const VkSpecializationInfo* spec;
    };
    const PipelineSource sources[kPipeCount] = {
        {"naive", kNaiveShader, sizeof kNaiveShader, nullptr},
        {"tiled-shared", kTiledShader, sizeof kTiledShader, &tiled_spec},
        {"register-vec4", kVec4Shader, sizeof kVec4Shader, &vec4_spec},
        {"coopmat-fp16", c->coopmat_emulated ? kCoopmatEmulatedShader : kCoopmatShader,
         c->coopmat_emulated ? sizeof kCoopmatEmulatedShader : sizeof kCoopmatShader, &coop_spec},
        {"the FMA peak", kFmaShader, sizeof kFmaShader, &lane_spec},
        {"the copy peak", kCopyShader, sizeof kCopyShader, &lane_spec},
    };
    for (std::size_t i = 0; i < kPipeCount; ++i) {
        if (i == kCoopmat && !c->coopmat) continue;  // its SPIR-V needs the extension to even load
        if (vk::Status s = vk::create_compute_pipeline(api, c->device, sources[i].code, sources[i].bytes, c->pipeline_layout,
                                                       sources[i].spec, c->shaders[i], c->pipelines[i]);
            !s.ok()) {
            if (i == kCoopmat) {  // the other rungs still stand; say why this one does not
                c->coopmat = false;
                c->coopmat_note = "the cooperative-matrix shader did not build on this device: " + s.message();
                continue;
            }
            error = s.message() + " for " + sources[i].name;
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
    if (vk::Status s = vk::create_commands(api, c->device, c->family, c->command_pool, c->command_buffer, c->fence); !s.ok()) {
        error = s.message();
        return false;
    }
    if (c->timestamps) {
        VkQueryPoolCreateInfo query_info{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
        query_info.queryType = VK_QUERY_TYPE_TIMESTAMP;
        query_info.queryCount = 2;
        // Without a query pool the device time falls back to the fence wait: still a result.
        if (api.vkCreateQueryPool(c->device, &query_info, nullptr, &c->queries) != VK_SUCCESS) {
            c->queries = VK_NULL_HANDLE;
            c->timestamps = false;
        }
    }
    context_ = std::move(c);
    return true;
}

bool VulkanMatmulBackend::ready(std::string& error) {
    if (context_) return true;
    // Set up again: the first try may have failed, or the device was lost on an earlier call.
    std::string setup_error;
    if (!set_up(setup_error)) {
        error = "Vulkan is not available: " + setup_error;
        return false;
    }
    init_error_.clear();
    return true;
}

}  // namespace dojo
