// The Vulkan backend's answer to the transfer lab: a host-visible staging buffer ("pinned") or a
// plain vector copied through it ("pageable") to and from a device-local buffer, timed and checked
// against a pattern on the way back.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "vulkan/vulkan_backend_internal.h"

namespace dojo {

using namespace vulkan_backend;

namespace {

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

}  // namespace dojo
