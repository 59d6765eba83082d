// Kernel exercises on Vulkan: the learner's GLSL compute shader compiled at run time to SPIR-V with
// shaderc, run on any Vulkan device (lavapipe included) with robust buffer access, so a stray write
// past every guard is dropped instead of corrupting memory. One device, opened once.
#pragma once

#include <memory>
#include <string>

#include "exercises/exercise_check.h"

namespace dojo {

class VulkanExerciseDevice : public ExerciseDevice {
public:
    VulkanExerciseDevice();
    ~VulkanExerciseDevice() override;
    // Opens the loader, an instance and the first discrete (else integrated, else any) device;
    // false with why where there is none.
    [[nodiscard]] bool open(std::string& why_not);

    KernelLanguage language() const override { return KernelLanguage::Glsl; }
    std::string name() const override { return "vulkan"; }
    std::string device() const override;
    KernelRun run(const PreparedKernel& kernel, const LaunchShape& launch, KernelBuffers& buffers, int timed_runs) override;
    bool traces() const override { return true; }

private:
    struct State;
    std::unique_ptr<State> s_;
};

// GLSL to SPIR-V with shaderc: the words, or the compiler's errors at the learner's lines.
[[nodiscard]] bool compile_glsl(const std::string& source, std::vector<std::uint32_t>& spirv, std::vector<CompileError>& errors);

}  // namespace dojo
