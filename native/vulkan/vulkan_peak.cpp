// The Vulkan backend's answer to the peak (roofline) lab: an FMA-chain shader for arithmetic and a
// vec4 copy shader for memory bandwidth, each timed with timestamp queries, best run kept.
#include <algorithm>
#include <cstdint>
#include <string>

#include "vulkan/vulkan_backend_internal.h"

namespace dojo {

using namespace vulkan_backend;

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
