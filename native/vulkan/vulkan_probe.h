// Lists the Vulkan devices and proves each can run a compute shader. Built from vulkan_probe.cpp
// when the Vulkan headers and glslc were found, else from vulkan_probe_absent.cpp.
#pragma once

#include "hardware/hardware_report.h"

namespace dojo {

VulkanReport probe_vulkan();

}  // namespace dojo
