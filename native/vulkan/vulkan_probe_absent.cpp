// The Vulkan probe of a build made without the Vulkan headers or glslc.
#include "vulkan/vulkan_probe.h"

namespace dojo {

VulkanReport probe_vulkan() {
    VulkanReport r;
    r.reason = "this build of dojo has no Vulkan support (the Vulkan headers or glslc were missing when it was configured)";
    r.advice = "install libvulkan-dev and glslc, then rebuild with `make build`";
    return r;
}

}  // namespace dojo
