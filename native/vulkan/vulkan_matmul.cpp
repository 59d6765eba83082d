// The Vulkan backend's matmul rungs: naive, shared-memory tiles, 4x4 register blocks with vec4
// loads, and cooperative matrices (fp16) where the device has them. Per call: device buffers,
// upload, one dispatch timed with timestamp queries, download, and every buffer freed on every path.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <string>
#include <vector>

#include "vulkan/vulkan_backend_internal.h"

namespace dojo {

using namespace vulkan_backend;

namespace {

struct KernelSpec {
    const char* name;
    const char* teaches;
    NumberFormat dtype;
};

const KernelSpec kKernels[] = {
    {"naive",
     "One invocation per element of C reads a whole row of A and column of B from device memory, so memory traffic, "
     "not arithmetic, sets the speed.",
     NumberFormat::FP32},
    {"tiled-shared",
     "A workgroup stages tiles of A and B in fast shared memory, so each value fetched from device memory is reused "
     "by a whole row or column of the tile.",
     NumberFormat::FP32},
    {"register-vec4",
     "Each invocation keeps a 4x4 block of C in registers and loads vec4s, so every value loaded feeds four "
     "multiply-adds instead of one.",
     NumberFormat::FP32},
    {"coopmat-fp16",
     "Each subgroup hands whole fp16 tiles of A and B to the matrix units (tensor cores) and accumulates in fp32, "
     "many multiply-adds per instruction instead of one.",
     NumberFormat::FP16},
};
constexpr std::size_t kMatmulKernels = sizeof kKernels / sizeof kKernels[0];

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

}  // namespace

std::vector<KernelInfo> VulkanMatmulBackend::kernels() const {
    std::vector<KernelInfo> list;
    for (std::size_t i = 0; i < kMatmulKernels; ++i) {
        if (i == kCoopmat && !(context_ && context_->coopmat)) continue;
        list.push_back({kKernels[i].name, kKernels[i].teaches, kKernels[i].dtype, false});
    }
    return list;
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

}  // namespace dojo
