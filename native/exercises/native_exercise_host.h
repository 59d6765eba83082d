// The desktop's ExerciseHost: one worker thread, started when the first exercise is shown, looks for
// the devices (once, so no frame waits for a driver) and then checks one kernel at a time.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "exercises/exercise_check.h"
#include "exercises/exercise_host.h"

namespace dojo {

class NativeExerciseHost : public ExerciseHost {
public:
    NativeExerciseHost() = default;
    ~NativeExerciseHost() override;  // lets a check in progress end, then joins the worker

    std::vector<ExerciseLanguage> languages() override;
    [[nodiscard]] bool start(const Exercise& exercise, KernelLanguage language, const std::string& code,
                             std::string& error) override;
    bool running() const override { return busy_.load(); }
    bool take_verdict(Verdict& out) override;

private:
    struct Job {
        Exercise exercise;
        KernelLanguage language;
        std::string code;
    };
    void ensure_worker();
    void work();
    void open_devices();

    std::vector<std::unique_ptr<ExerciseDevice>> devices_;  // used on the worker only
    ModelReads model_reads_;                                // the model solutions' traced reads, worker only
    std::vector<ExerciseLanguage> opened_;                  // written once, before ready_ is set
    std::atomic<bool> ready_{false}, busy_{false}, quit_{false};

    std::mutex mutex_;
    std::condition_variable wake_;
    std::optional<Job> job_;
    std::optional<Verdict> verdict_;
    std::thread worker_;
};

}  // namespace dojo
