// How a lesson checks a learner's kernel without freezing the UI: the platform owns the devices
// and a worker thread; the exercise view asks it to start a check, polls each frame, and takes the
// verdict when the check ends. The desktop implements it on Vulkan (native/exercises/); where no
// host is given (the browser today, tests without one) the exercise says where it can run.
#pragma once

#include <string>
#include <vector>

#include "exercises/exercise.h"
#include "exercises/verdict.h"

namespace dojo {

// One kernel language on this machine: whether a device can check it, and if not, why.
struct ExerciseLanguage {
    KernelLanguage language = KernelLanguage::Glsl;
    bool available = false;
    bool pending = false;  // still looking for a device: ask again next frame
    std::string backend;   // "vulkan", "cuda", "webgpu"
    std::string device;    // the device's name when available
    std::string why_not;   // when not available: "no Vulkan device was found: ..."
};

class ExerciseHost {
public:
    virtual ~ExerciseHost() = default;
    // Every language this build knows, available or not. Looking for devices happens once, on the
    // worker: until it ends, the languages answer pending.
    virtual std::vector<ExerciseLanguage> languages() = 0;
    // Starts checking `code` for `exercise` in `language` (timed on a pass); false with `error` when
    // a check is already running or the language cannot run here.
    [[nodiscard]] virtual bool start(const Exercise& exercise, KernelLanguage language, const std::string& code,
                                     std::string& error) = 0;
    virtual bool running() const = 0;
    // The verdict of the check that just ended (once per check): true and `out` filled.
    virtual bool take_verdict(Verdict& out) = 0;
};

}  // namespace dojo
