// Kernel exercises on CUDA: the learner's kernel compiled at run time with NVRTC (nvrtc_compiler.h)
// and run through the CUDA driver API, libcuda.so.1, opened with dlopen, so `dojo` starts on
// machines without either. The result buffer has guard areas around the output, as on Vulkan; a
// kernel whose loops never end is stopped by the step budget, and one that still runs past the
// watchdog's limit has its context destroyed, so the GPU is left usable. The device owns a context
// of its own, so a kernel that breaks it breaks nothing else in the process.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "exercises/exercise_check.h"

namespace dojo {

class CudaExerciseDevice : public ExerciseDevice {
public:
    CudaExerciseDevice();
    ~CudaExerciseDevice() override;
    // Opens libcuda, initialises the driver and picks the first GPU; false with why where there is
    // no driver or no GPU. run() still compiles (NVRTC needs neither) where open() failed.
    [[nodiscard]] bool open(std::string& why_not);

    KernelLanguage language() const override { return KernelLanguage::Cuda; }
    std::string name() const override { return "cuda"; }
    std::string device() const override;  // "NVIDIA H100 80GB HBM3 (sm_90)", or "no GPU"
    // A launch not finished after this long is stopped (default 20 s).
    void set_watchdog(std::chrono::milliseconds limit);
    KernelRun run(const PreparedKernel& kernel, const LaunchShape& launch, KernelBuffers& buffers, int timed_runs) override;
    bool traces() const override { return true; }

private:
    struct State;
    std::unique_ptr<State> s_;
};

}  // namespace dojo
