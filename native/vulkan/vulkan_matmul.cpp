// The Vulkan compute backend: device setup once (with workgroup shapes chosen for the device), then
// per call device buffers, upload, one dispatch timed with timestamp queries, download, and every
// object freed again on every path. The same device answers the transfer, memory and peak labs.
#include "vulkan/vulkan_matmul.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <numeric>
#include <string>
#include <vector>

#include "vulkan/vulkan_api.h"
#include "vulkan/vulkan_context.h"

namespace dojo {

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

// The pipelines, in this order; the first four are matmul rungs.
enum Pipe { kNaive, kTiled, kVec4, kCoopmat, kFma, kCopy, kPipeCount };

struct KernelSpec {
    const char* name;
    const char* teaches;
    DType dtype;
};

const KernelSpec kKernels[] = {
    {"naive",
     "One invocation per element of C reads a whole row of A and column of B from device memory, so memory traffic, "
     "not arithmetic, sets the speed.",
     DType::F32},
    {"tiled-shared",
     "A workgroup stages tiles of A and B in fast shared memory, so each value fetched from device memory is reused "
     "by a whole row or column of the tile.",
     DType::F32},
    {"register-vec4",
     "Each invocation keeps a 4x4 block of C in registers and loads vec4s, so every value loaded feeds four "
     "multiply-adds instead of one.",
     DType::F32},
    {"coopmat-fp16",
     "Each subgroup hands whole fp16 tiles of A and B to the matrix units (tensor cores) and accumulates in fp32, "
     "many multiply-adds per instruction instead of one.",
     DType::F16},
};
constexpr std::size_t kMatmulKernels = sizeof kKernels / sizeof kKernels[0];

constexpr std::uint64_t kWaitTimeoutNs = 60'000'000'000ull;  // a hung shader is reported, not waited on forever
constexpr std::uint64_t kMiB = 1024ull * 1024ull;
constexpr std::uint64_t kGiB = 1024ull * kMiB;
const char* const kNoCoopmat = "this device offers no cooperative-matrix (tensor core) support";

std::string mib(std::uint64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return text;
}

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

VkDeviceSize round_up(VkDeviceSize v, VkDeviceSize to) {
    return (v + to - 1) / to * to;
}

// fp32 to fp16 bits, rounding to nearest even as the GPU's conversions do; overflow becomes infinity.
std::uint16_t to_half(float f) {
    std::uint32_t x;
    std::memcpy(&x, &f, sizeof x);
    const std::uint16_t sign = static_cast<std::uint16_t>((x >> 16) & 0x8000u);
    const std::uint32_t ax = x & 0x7fffffffu;
    if (ax >= 0x7f800000u) return static_cast<std::uint16_t>(sign | 0x7c00u | (ax > 0x7f800000u ? 0x200u : 0u));
    if (ax >= 0x477ff000u) return static_cast<std::uint16_t>(sign | 0x7c00u);  // 65520 and up round to infinity
    if (ax < 0x38800000u) {  // below 2^-14: a subnormal half (or zero), exactly value * 2^24 rounded
        float v;
        std::memcpy(&v, &ax, sizeof v);
        return static_cast<std::uint16_t>(sign | static_cast<std::uint32_t>(std::nearbyint(v * 16777216.0f)));
    }
    const std::uint32_t exponent = (ax >> 23) - 127u + 15u;
    const std::uint32_t mantissa = ax & 0x7fffffu;
    std::uint32_t h = (exponent << 10) | (mantissa >> 13);
    const std::uint32_t rest = mantissa & 0x1fffu;
    if (rest > 0x1000u || (rest == 0x1000u && (h & 1u))) ++h;  // a carry into the exponent is right too
    return static_cast<std::uint16_t>(sign | h);
}

// The transfer lab's pattern: a word per 4 bytes that differs from its neighbours and per seed.
std::uint32_t pattern_word(std::uint64_t i, std::uint32_t seed) {
    return static_cast<std::uint32_t>(i) * 2654435761u ^ seed ^ static_cast<std::uint32_t>(i >> 32);
}
void fill_pattern(void* dst, std::uint64_t bytes, std::uint32_t seed) {
    auto* p = static_cast<unsigned char*>(dst);
    const std::uint64_t words = bytes / 4;
    for (std::uint64_t i = 0; i < words; ++i) {
        const std::uint32_t w = pattern_word(i, seed);
        std::memcpy(p + i * 4, &w, 4);
    }
    const std::uint32_t tail = pattern_word(words, seed);
    std::memcpy(p + words * 4, &tail, bytes - words * 4);
}
// The first byte that differs from the pattern, or UINT64_MAX where all match.
std::uint64_t pattern_mismatch(const void* src, std::uint64_t bytes, std::uint32_t seed) {
    const auto* p = static_cast<const unsigned char*>(src);
    const std::uint64_t words = bytes / 4;
    for (std::uint64_t i = 0; i < words; ++i) {
        const std::uint32_t w = pattern_word(i, seed);
        if (std::memcmp(p + i * 4, &w, 4) != 0) return i * 4;
    }
    const std::uint32_t tail = pattern_word(words, seed);
    if (std::memcmp(p + words * 4, &tail, bytes - words * 4) != 0) return words * 4;
    return UINT64_MAX;
}

const char* direction_label(TransferDirection d) {
    return d == TransferDirection::HostToDevice ? "host-to-device" : "device-to-host";
}

}  // namespace

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

    VkShaderModule shaders[kPipeCount]{};
    VkPipeline pipelines[kPipeCount]{};
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
            for (std::size_t i = 0; i < kPipeCount; ++i) {
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

namespace {

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

void barrier(const vk::Api& api, VkCommandBuffer cb, VkPipelineStageFlags src_stage, VkAccessFlags src_access,
             VkPipelineStageFlags dst_stage, VkAccessFlags dst_access) {
    VkMemoryBarrier b{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    b.srcAccessMask = src_access;
    b.dstAccessMask = dst_access;
    api.vkCmdPipelineBarrier(cb, src_stage, dst_stage, 0, 1, &b, 0, nullptr, 0, nullptr);
}

void bind_buffers(VulkanMatmulBackend::Context& ctx, VkBuffer b0, VkBuffer b1, VkBuffer b2) {
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

std::vector<KernelInfo> VulkanMatmulBackend::kernels() const {
    std::vector<KernelInfo> list;
    for (std::size_t i = 0; i < kMatmulKernels; ++i) {
        if (i == kCoopmat && !(context_ && context_->coopmat)) continue;
        list.push_back({kKernels[i].name, kKernels[i].teaches, kKernels[i].dtype, false});
    }
    return list;
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

template <class Record>
bool VulkanMatmulBackend::run_timed(const char* what, Record&& record, double& ms, std::string& error) {
    using Clock = std::chrono::steady_clock;
    Context& ctx = *context_;
    const vk::Api& api = ctx.api;
    VkCommandBuffer cb = ctx.command_buffer;
    VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    if (VkResult r = api.vkBeginCommandBuffer(cb, &begin); r != VK_SUCCESS) {
        error = failed("vkBeginCommandBuffer", r);
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
        error = failed("vkEndCommandBuffer", r);
        return false;
    }
    const auto submitted = Clock::now();
    const vk::Status s = vk::submit_and_wait(api, ctx.device, ctx.queue, cb, ctx.fence, kWaitTimeoutNs);
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

bool VulkanMatmulBackend::matmul(const std::string& kernel, const Matrix& a, const Matrix& b, Matrix& c, MatmulTiming& timing,
                                 std::string& error) {
    using Clock = std::chrono::steady_clock;
    const auto wall_start = Clock::now();
    timing = {};
    if (!ready(error)) return false;
    std::size_t pipe = kPipeCount;
    for (std::size_t i = 0; i < kMatmulKernels; ++i)
        if (kernel == kKernels[i].name && (i != kCoopmat || context_->coopmat)) pipe = i;
    if (pipe == kPipeCount) {
        error = "unknown Vulkan kernel '" + kernel + "'" +
                (kernel == kKernels[kCoopmat].name ? " on " + device_name_ + ": " + context_->coopmat_note : std::string());
        return false;
    }
    if (a.rows <= 0 || a.cols <= 0 || b.cols <= 0 || a.cols != b.rows ||
        a.data.size() != static_cast<std::size_t>(a.rows) * static_cast<std::size_t>(a.cols) ||
        b.data.size() != static_cast<std::size_t>(b.rows) * static_cast<std::size_t>(b.cols)) {
        error = "matrix shapes do not match: A is " + std::to_string(a.rows) + "x" + std::to_string(a.cols) + ", B is " +
                std::to_string(b.rows) + "x" + std::to_string(b.cols);
        return false;
    }
    Context& ctx = *context_;
    const vk::Api& api = ctx.api;
    const std::uint32_t m = static_cast<std::uint32_t>(a.rows), k = static_cast<std::uint32_t>(a.cols),
                        n = static_cast<std::uint32_t>(b.cols);
    const std::string shape = std::to_string(m) + "x" + std::to_string(n) + "x" + std::to_string(k);

    // The problem as the shader sees it. The cooperative-matrix rung takes fp16 A and B padded with
    // zeros to whole tiles (rows a multiple of 8 halves, 16 bytes, as its loads want); the others
    // take fp32 as it is.
    const bool coop = pipe == kCoopmat;
    std::uint32_t pm = m, pn = n, pk = k, in_bytes = 4;
    std::uint64_t groups_x = 0, groups_y = 0;
    switch (pipe) {
        case kNaive:
            groups_x = (n + 7) / 8, groups_y = (m + 7) / 8;
            break;
        case kTiled:
            groups_x = (n + ctx.tile - 1) / ctx.tile, groups_y = (m + ctx.tile - 1) / ctx.tile;
            break;
        case kVec4:
            groups_x = (n + 4 * ctx.vec4_x - 1) / (4 * ctx.vec4_x), groups_y = (m + 4 * ctx.vec4_y - 1) / (4 * ctx.vec4_y);
            break;
        default:
            pm = static_cast<std::uint32_t>(round_up(m, ctx.cm));
            pn = static_cast<std::uint32_t>(round_up(n, std::lcm(ctx.cn, 8u)));
            pk = static_cast<std::uint32_t>(round_up(k, std::lcm(ctx.ck, 8u)));
            in_bytes = 2;
            groups_x = pn / ctx.cn, groups_y = pm / ctx.cm;
            break;
    }

    // Refuse what cannot fit before asking the driver, with the numbers that say why.
    const VkPhysicalDeviceLimits& limits = ctx.props.limits;
    const std::uint64_t a_bytes = std::uint64_t{pm} * pk * in_bytes, b_bytes = std::uint64_t{pk} * pn * in_bytes,
                        c_bytes = std::uint64_t{pm} * pn * 4;
    const std::uint64_t largest = std::max({a_bytes, b_bytes, c_bytes});
    if (largest > limits.maxStorageBufferRange) {
        error = "too large for this device: " + shape + " needs a " + mib(largest) + " matrix, but " + device_name_ +
                " binds at most " + mib(limits.maxStorageBufferRange) + " per storage buffer (maxStorageBufferRange)";
        return false;
    }
    if (groups_x > limits.maxComputeWorkGroupCount[0] || groups_y > limits.maxComputeWorkGroupCount[1]) {
        error = "too large for this device: " + shape + " needs " + std::to_string(groups_x) + "x" + std::to_string(groups_y) +
                " workgroups, more than maxComputeWorkGroupCount allows";
        return false;
    }

    // Unified memory (lavapipe, most integrated GPUs): the first device-local type is also host-visible,
    // so the shaders use mapped buffers directly. Discrete GPUs get device-local buffers plus staging.
    const VkMemoryPropertyFlags host = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    const std::uint32_t local_type = vk::find_memory_type(ctx.memory, ~0u, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    const bool direct =
        !force_.staging && (local_type == UINT32_MAX || (ctx.memory.memoryTypes[local_type].propertyFlags & host) == host);
    const std::uint64_t total = round_up(a_bytes, 16) + round_up(b_bytes, 16) + round_up(c_bytes, 16);
    if (local_type != UINT32_MAX) {
        const VkMemoryHeap& heap = ctx.memory.memoryHeaps[ctx.memory.memoryTypes[local_type].heapIndex];
        if (total > heap.size) {
            error = "too large for this device: " + shape + " needs " + mib(total) + " for A, B and C, but " + device_name_ +
                    "'s device memory heap has " + mib(heap.size);
            return false;
        }
    }

    bool done = false;
    {
        Scratch call(ctx);
        const VkBufferUsageFlags storage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT;
        const VkBufferUsageFlags copy = VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
        // Sizes round up to 16 bytes so the vec4 views of every buffer are whole.
        const VkMemoryPropertyFlags where = direct ? host : VkMemoryPropertyFlags{VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT};
        const VkMemoryPropertyFlags prefer = direct ? VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT : 0;
        vk::Buffer* ba = call.create("A", round_up(a_bytes, 16), storage | copy, where, prefer, error);
        vk::Buffer* bb = ba ? call.create("B", round_up(b_bytes, 16), storage | copy, where, prefer, error) : nullptr;
        vk::Buffer* bc = bb ? call.create("C", round_up(c_bytes, 16), storage | copy, where, prefer, error) : nullptr;
        vk::Buffer* staging = nullptr;
        // Cached host memory where there is some: C is read back through it, and uncached
        // (write-combined) memory reads slowly on the CPU.
        if (bc && !direct)
            staging = call.create("the staging buffer", total, copy, host, VK_MEMORY_PROPERTY_HOST_CACHED_BIT, error);
        if (!bc || (!direct && !staging)) return false;
        const VkDeviceSize b_offset = round_up(a_bytes, 16), c_offset = b_offset + round_up(b_bytes, 16);

        auto* upload_a = static_cast<unsigned char*>(direct ? ba->mapped : staging->mapped);
        auto* upload_b =
            direct ? static_cast<unsigned char*>(bb->mapped) : static_cast<unsigned char*>(staging->mapped) + b_offset;
        if (!coop) {
            std::memcpy(upload_a, a.data.data(), a_bytes);
            std::memcpy(upload_b, b.data.data(), b_bytes);
        } else {
            // fp32 to fp16 on the host, into the padded layout; the padding is zeros.
            auto* ha = reinterpret_cast<std::uint16_t*>(upload_a);
            auto* hb = reinterpret_cast<std::uint16_t*>(upload_b);
            std::memset(ha, 0, a_bytes);
            std::memset(hb, 0, b_bytes);
            for (std::uint32_t i = 0; i < m; ++i)
                for (std::uint32_t p = 0; p < k; ++p) ha[std::size_t{i} * pk + p] = to_half(a.data[std::size_t{i} * k + p]);
            for (std::uint32_t p = 0; p < k; ++p)
                for (std::uint32_t j = 0; j < n; ++j) hb[std::size_t{p} * pn + j] = to_half(b.data[std::size_t{p} * n + j]);
        }
        bind_buffers(ctx, ba->buffer, bb->buffer, bc->buffer);

        double kernel_ms = 0;
        const std::uint32_t sizes[3] = {pm, pn, pk};
        const std::string what = "the " + kernel + " kernel";
        done = run_timed(
            what.c_str(),
            [&](VkCommandBuffer cb, auto stamp) {
                if (!direct) {
                    VkBufferCopy to_a{0, 0, a_bytes}, to_b{b_offset, 0, b_bytes};
                    api.vkCmdCopyBuffer(cb, staging->buffer, ba->buffer, 1, &to_a);
                    api.vkCmdCopyBuffer(cb, staging->buffer, bb->buffer, 1, &to_b);
                    barrier(api, cb, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT,
                            VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_ACCESS_SHADER_READ_BIT);
                }
                api.vkCmdBindPipeline(cb, VK_PIPELINE_BIND_POINT_COMPUTE, ctx.pipelines[pipe]);
                api.vkCmdBindDescriptorSets(cb, VK_PIPELINE_BIND_POINT_COMPUTE, ctx.pipeline_layout, 0, 1, &ctx.set, 0, nullptr);
                api.vkCmdPushConstants(cb, ctx.pipeline_layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof sizes, sizes);
                stamp(0);  // after the uploads
                api.vkCmdDispatch(cb, static_cast<std::uint32_t>(groups_x), static_cast<std::uint32_t>(groups_y), 1);
                stamp(1);
                if (direct) {
                    barrier(api, cb, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_ACCESS_SHADER_WRITE_BIT, VK_PIPELINE_STAGE_HOST_BIT,
                            VK_ACCESS_HOST_READ_BIT);
                } else {
                    barrier(api, cb, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_ACCESS_SHADER_WRITE_BIT,
                            VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_READ_BIT);
                    VkBufferCopy from_c{0, c_offset, c_bytes};
                    api.vkCmdCopyBuffer(cb, bc->buffer, staging->buffer, 1, &from_c);
                    barrier(api, cb, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_HOST_BIT,
                            VK_ACCESS_HOST_READ_BIT);
                }
            },
            kernel_ms, error);
        if (done) {
            timing.kernel_ms = kernel_ms;
            c = Matrix(a.rows, b.cols);
            const auto* download = direct ? static_cast<const unsigned char*>(bc->mapped)
                                          : static_cast<const unsigned char*>(staging->mapped) + c_offset;
            if (pn == n) {
                std::memcpy(c.data.data(), download, std::size_t{m} * n * 4);
            } else {
                for (std::uint32_t i = 0; i < m; ++i)
                    std::memcpy(c.data.data() + std::size_t{i} * n, download + std::size_t{i} * pn * 4, std::size_t{n} * 4);
            }
        }
    }                                      // every buffer of this call is freed here, after the device is idle
    if (context_->lost) context_.reset();  // a lost device cannot be used again: the next call makes a new one
    timing.wall_ms = std::chrono::duration<double, std::milli>(Clock::now() - wall_start).count();
    return done;
}

// --- The transfer lab ------------------------------------------------------------------------

std::uint64_t VulkanMatmulBackend::max_transfer_bytes() {
    std::string error;
    if (!ready(error)) return 0;
    const Context& ctx = *context_;
    std::uint64_t most = std::min({kGiB, ctx.heap().size / 4, ctx.max_allocation});
    if (ctx.cpu()) most = std::min(most, 256 * kMiB);  // lavapipe: "device" and "host" share the machine's RAM
    DeviceMemoryInfo info;
    if (memory_info(info, error) && info.free_known) most = std::min(most, info.free_bytes / 2);
    return most;
}

bool VulkanMatmulBackend::time_transfer(std::uint64_t bytes, TransferDirection direction, HostMemory memory, int warmup,
                                        int repetitions, std::vector<double>& ms, std::string& error) {
    using Clock = std::chrono::steady_clock;
    if (!ready(error)) return false;
    if (bytes == 0 || repetitions <= 0 || warmup < 0) {
        error = "invalid transfer: bytes and repetitions must be positive";
        return false;
    }
    Context& ctx = *context_;
    if (bytes > ctx.max_allocation) {
        error = "too large for this device: " + mib(bytes) + " is more than " + device_name_ + " allows in one allocation (" +
                mib(ctx.max_allocation) + ", maxMemoryAllocationSize)";
        return false;
    }
    const vk::Api& api = ctx.api;
    const bool to_device = direction == TransferDirection::HostToDevice;
    const bool pinned = memory == HostMemory::Pinned;
    const std::uint32_t seed = to_device ? 0x1234567u : 0x7654321u;
    bool done = false;
    [&] {
        Scratch s(ctx);
        const VkBufferUsageFlags copy = VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
        // The "pinned" host memory: host-visible, mapped, cached where the device offers it (as
        // cudaMallocHost's is); the device buffer: device-local (on lavapipe both are RAM, still
        // two buffers and a real copy).
        vk::Buffer* staging = s.create("the host staging buffer", bytes, copy,
                                       VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                                       VK_MEMORY_PROPERTY_HOST_CACHED_BIT, error);
        vk::Buffer* local =
            staging ? s.create("the device buffer", bytes, copy, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, 0, error) : nullptr;
        if (!local) return;
        std::vector<unsigned char> pageable;
        if (!pinned) pageable.assign(bytes, 0);
        auto* mapped = static_cast<unsigned char*>(staging->mapped);

        const VkBufferCopy region{0, 0, bytes};
        auto copy_once = [&](bool up, double& device_ms) {
            return run_timed(
                up ? "the host-to-device copy" : "the device-to-host copy",
                [&](VkCommandBuffer cb, auto stamp) {
                    if (up)
                        barrier(api, cb, VK_PIPELINE_STAGE_HOST_BIT, VK_ACCESS_HOST_WRITE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                                VK_ACCESS_TRANSFER_READ_BIT);
                    stamp(0);
                    api.vkCmdCopyBuffer(cb, up ? staging->buffer : local->buffer, up ? local->buffer : staging->buffer, 1,
                                        &region);
                    stamp(1);
                    if (!up)
                        barrier(api, cb, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_HOST_BIT,
                                VK_ACCESS_HOST_READ_BIT);
                },
                device_ms, error);
        };

        double unused = 0;
        if (to_device) {
            fill_pattern(pinned ? mapped : pageable.data(), bytes, seed);
        } else {
            // The pattern goes to the device first (untimed); the host side is cleared.
            fill_pattern(mapped, bytes, seed);
            if (!copy_once(true, unused)) return;
            std::memset(mapped, 0, bytes);
        }
        for (int i = 0; i < warmup + repetitions; ++i) {
            double device_ms = 0;
            const auto start = Clock::now();
            if (!pinned && to_device) std::memcpy(mapped, pageable.data(), bytes);
            if (!copy_once(to_device, device_ms)) return;
            if (!pinned && !to_device) std::memcpy(pageable.data(), mapped, bytes);
            const double wall_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
            if (i >= warmup) ms.push_back(pinned ? device_ms : wall_ms);
        }
        // Verify: what reached the device comes back through the cleared staging buffer.
        const unsigned char* arrived = pinned || to_device ? mapped : pageable.data();
        if (to_device) {
            std::memset(mapped, 0, bytes);
            if (!copy_once(false, unused)) return;
        }
        if (std::uint64_t at = pattern_mismatch(arrived, bytes, seed); at != UINT64_MAX) {
            error = std::string("the ") + direction_label(direction) + " copy of " + mib(bytes) + " arrived wrong at byte " +
                    std::to_string(at) + " on " + device_name_;
            return;
        }
        done = true;
    }();
    if (context_->lost) context_.reset();
    return done;
}

// --- The memory lab --------------------------------------------------------------------------

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

// --- The peak lab ----------------------------------------------------------------------------

bool VulkanMatmulBackend::peak_gflops(int repetitions, double& gflops, std::string& error) {
    gflops = 0;
    if (!ready(error)) return false;
    if (repetitions <= 0) {
        error = "invalid run: repetitions must be positive";
        return false;
    }
    Context& ctx = *context_;
    const vk::Api& api = ctx.api;
    // Enough invocations to fill every core of a large GPU several times over; 64 workgroups on a CPU.
    const std::uint32_t groups = ctx.cpu() ? 64u : 4096u;
    const std::uint64_t invocations = std::uint64_t{groups} * ctx.lanes;
    bool done = false;
    [&] {
        Scratch s(ctx);
        vk::Buffer* out = s.create("the FMA results", invocations * 16, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
                                   VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, 0, error);
        if (!out) return;
        bind_buffers(ctx, out->buffer, out->buffer, out->buffer);
        std::uint32_t iterations = 256;
        auto run = [&](double& ms) {
            return run_timed(
                "the FMA peak shader",
                [&](VkCommandBuffer cb, auto stamp) {
                    api.vkCmdBindPipeline(cb, VK_PIPELINE_BIND_POINT_COMPUTE, ctx.pipelines[kFma]);
                    api.vkCmdBindDescriptorSets(cb, VK_PIPELINE_BIND_POINT_COMPUTE, ctx.pipeline_layout, 0, 1, &ctx.set, 0,
                                                nullptr);
                    api.vkCmdPushConstants(cb, ctx.pipeline_layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof iterations,
                                           &iterations);
                    stamp(0);
                    api.vkCmdDispatch(cb, groups, 1, 1);
                    stamp(1);
                },
                ms, error);
        };
        // Longer chains until one run takes 20 ms: launch overhead then no longer counts.
        double ms = 0;
        for (int step = 0; step < 12; ++step) {
            if (!run(ms)) return;
            if (ms >= 20.0 || iterations >= (1u << 22)) break;
            const double factor = ms > 0 ? std::clamp(25.0 / ms, 2.0, 16.0) : 16.0;
            iterations = static_cast<std::uint32_t>(std::min<double>(iterations * factor, 1u << 22));
        }
        double best = 0;
        for (int i = 0; i < repetitions; ++i) {
            if (!run(ms)) return;
            if (ms > 0 && (best == 0 || ms < best)) best = ms;
        }
        if (best <= 0) {
            error = "the FMA peak shader ran too fast to time on " + device_name_;
            return;
        }
        const double flops = static_cast<double>(invocations) * iterations * 8.0 * 4.0 * 2.0;  // 8 vec4 FMA chains
        gflops = flops / (best * 1e6);
        done = true;
    }();
    if (context_->lost) context_.reset();
    return done;
}

bool VulkanMatmulBackend::peak_bandwidth(int repetitions, double& gbps, std::string& error) {
    gbps = 0;
    if (!ready(error)) return false;
    if (repetitions <= 0) {
        error = "invalid run: repetitions must be positive";
        return false;
    }
    Context& ctx = *context_;
    const vk::Api& api = ctx.api;
    // Far larger than any cache (H100: 50 MiB of L2): 1 GiB each way on a GPU, so even at 3 TB/s a
    // copy lasts most of a millisecond; 64 MiB on a CPU device.
    std::uint64_t bytes = ctx.cpu() ? 64 * kMiB : kGiB;
    bytes = std::min({bytes, ctx.max_allocation, ctx.heap().size / 8, std::uint64_t{ctx.props.limits.maxStorageBufferRange}});
    bytes = bytes / 16 * 16;
    const std::uint32_t count = static_cast<std::uint32_t>(bytes / 16);
    // Up to 65535 workgroups, each copying one contiguous stretch (one vec4 per invocation where
    // the buffer allows it; lavapipe measured slower with fewer, longer stretches).
    const std::uint32_t groups = static_cast<std::uint32_t>(
        std::min<std::uint64_t>({(count + ctx.lanes - 1) / ctx.lanes, 65535u, ctx.props.limits.maxComputeWorkGroupCount[0]}));
    bool done = false;
    [&] {
        Scratch s(ctx);
        const VkBufferUsageFlags usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
        vk::Buffer* src = s.create("the copy source", bytes, usage, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, 0, error);
        vk::Buffer* dst =
            src ? s.create("the copy destination", bytes, usage, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, 0, error) : nullptr;
        if (!dst) return;
        bind_buffers(ctx, src->buffer, src->buffer, dst->buffer);
        double ms = 0;
        if (!run_timed(
                "filling the copy source",
                [&](VkCommandBuffer cb, auto) { api.vkCmdFillBuffer(cb, src->buffer, 0, VK_WHOLE_SIZE, 0x3f800000u); }, ms,
                error))
            return;
        double best = 0;
        for (int i = 0; i < 1 + repetitions; ++i) {  // one warm-up
            if (!run_timed(
                    "the copy peak shader",
                    [&](VkCommandBuffer cb, auto stamp) {
                        barrier(api, cb, VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
                                VK_ACCESS_TRANSFER_WRITE_BIT | VK_ACCESS_SHADER_WRITE_BIT, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
                                VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT);
                        api.vkCmdBindPipeline(cb, VK_PIPELINE_BIND_POINT_COMPUTE, ctx.pipelines[kCopy]);
                        api.vkCmdBindDescriptorSets(cb, VK_PIPELINE_BIND_POINT_COMPUTE, ctx.pipeline_layout, 0, 1, &ctx.set, 0,
                                                    nullptr);
                        api.vkCmdPushConstants(cb, ctx.pipeline_layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof count, &count);
                        stamp(0);
                        api.vkCmdDispatch(cb, groups, 1, 1);
                        stamp(1);
                    },
                    ms, error))
                return;
            if (i > 0 && ms > 0 && (best == 0 || ms < best)) best = ms;
        }
        if (best <= 0) {
            error = "the copy peak shader ran too fast to time on " + device_name_;
            return;
        }
        gbps = 2.0 * static_cast<double>(bytes) / (best * 1e6);  // bytes read + bytes written
        done = true;
    }();
    if (context_->lost) context_.reset();
    return done;
}

}  // namespace dojo
