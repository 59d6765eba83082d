// The Vulkan matmul backend: three compute shaders (naive, shared-memory tiles, 4x4 register blocks
// with vec4 loads) on one Vulkan device, which runs on any GPU with a Vulkan driver and, through
// lavapipe, on the CPU of machines without one.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "compute/matmul.h"

namespace dojo {

class VulkanMatmulBackend : public MatmulBackend {
public:
    // `device_index` counts vkEnumeratePhysicalDevices' order; -1 picks the first discrete GPU, else
    // the first integrated one, else any device (lavapipe "llvmpipe" on machines without a GPU).
    // Construction never throws: when the device cannot be set up, ok() is false and error() says why.
    explicit VulkanMatmulBackend(int device_index = -1);
    ~VulkanMatmulBackend() override;
    VulkanMatmulBackend(const VulkanMatmulBackend&) = delete;
    VulkanMatmulBackend& operator=(const VulkanMatmulBackend&) = delete;

    bool ok() const;
    const std::string& error() const { return init_error_; }

    std::string name() const override { return "vulkan"; }
    std::string device() const override { return device_name_; }
    std::vector<KernelInfo> kernels() const override;
    bool matmul(const std::string& kernel, const Matrix& a, const Matrix& b, Matrix& c, MatmulTiming& timing,
                std::string& error) override;

    // The physical devices' names in enumeration order (the indices the constructor takes); empty
    // with `error` set when there is no loader, no driver or no device.
    static std::vector<std::string> devices(std::string& error);

    struct Context;  // the instance, device, pipelines and command objects, made once and reused

private:
    bool set_up(std::string& error);

    int device_index_ = -1;
    std::string device_name_;
    std::string init_error_;
    std::unique_ptr<Context> context_;
};

}  // namespace dojo
