// A kernel exercise inside a lesson: the task, a picture of which thread computes which output, the
// launch shape, an editor with the learner's code (kept with their progress per language), Run on
// the platform's ExerciseHost, and the verdict in words with the output grid and its wrong cells;
// hints one at a time, and the model solution once passed or after several failed runs.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "course/course.h"
#include "exercises/exercise_host.h"
#include "progress/learning.h"
#include "progress/progress.h"
#include "ui/exercises/code_editor.h"

namespace dojo {

struct ExerciseViewEvents {
    std::function<void(const Outcome& outcome, const Lesson& lesson)> outcome;  // a check came to a verdict
    std::function<void()> save;                                                 // the progress changed
};

class ExerciseView {
public:
    // Failed runs after which the model solution may be shown before a pass.
    static constexpr int kRunsBeforeSolution = 3;
    // Seconds after the last keystroke before the code is saved with the progress.
    static constexpr double kSaveDelay = 2.0;

    ExerciseView(const Course& course, Progress& progress) : course_(course), progress_(progress) {}

    void draw(const Lesson& lesson, const Exercise& exercise, float width, ExerciseHost* host, ExerciseViewEvents& events);
    // Forgets what is on screen (after a reset or import of progress): code comes from progress again.
    void clear() { states_.clear(); }
    // Saves code typed since the last save (leaving the lesson, closing the app).
    void flush(ExerciseViewEvents& events);

    // For the test hooks: per exercise shown, its language, whether a check runs, the last verdict's
    // summary and whether it passed.
    std::map<std::string, std::string> summaries() const;
    std::map<std::string, std::string> rooflines() const;  // the roofline sentence after a pass, where there is one
    bool any_running() const;

private:
    struct State {
        KernelLanguage language = KernelLanguage::Glsl;
        bool language_chosen = false;
        CodeBuffer buffer{kMaxExerciseCodeBytes};
        bool loaded = false;
        std::optional<Verdict> verdict;
        bool waiting = false;
        std::string message;  // why a run could not start
        bool dirty = false;
        double last_edit = 0;
        std::string roofline;      // on a pass: the device's memory limit against the kernel's time
        std::string before_reset;  // the code Reset replaced, for "Undo reset"
    };

    void load_code(State& s, const Exercise& exercise);
    void keep_code(State& s, const Exercise& exercise);
    void draw_languages(State& s, const Exercise& exercise, const std::vector<ExerciseLanguage>& here, float width);
    void draw_actions(State& s, const Exercise& exercise, ExerciseHost* host, const ExerciseLanguage* language,
                      ExerciseViewEvents& events, bool run_pressed);
    void draw_verdict(const State& s, const Exercise& exercise, float width);
    void draw_help(const State& s, const Exercise& exercise, float width, ExerciseViewEvents& events);
    void poll(State& s, const Lesson& lesson, const Exercise& exercise, ExerciseHost* host, ExerciseViewEvents& events);

    const Course& course_;
    Progress& progress_;
    std::map<std::string, State> states_;  // by exercise id
    std::string waiting_for_;              // the exercise whose check the host is running
};

}  // namespace dojo
