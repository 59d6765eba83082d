// Presenter mode: a lesson shown one screen at a time for a class (course/sections.h splits it), in
// large type, full window with no top bar. Arrow keys, Space and Page Up/Down move between screens;
// B or '.' blanks the screen, T restarts the timer, R reveals a quiz's answer, Esc leaves.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include <imgui.h>
#include <nlohmann/json_fwd.hpp>

#include "course/course.h"
#include "course/sections.h"
#include "ui/platform.h"
#include "ui/quiz_view.h"

namespace dojo {

class ExplorersView;

// What the app lends the presenter for one frame.
struct PresenterContext {
    const Course& course;
    const Lesson& lesson;
    Platform& platform;
    ExplorersView* explorers = nullptr;  // draws "explore-..." labs full width
    // Draws a measured lab (its settings, Run button and chart) `width` wide; empty: the lesson's card.
    std::function<void(const Block& lab, float width)> draw_measured_lab;
};

enum class PresenterAction { None, Moved, Leave };

class PresenterView {
public:
    // Starts presenting `lesson` at screen `index` (0 is the title screen; clamped). The timer restarts
    // when the lesson changes, not when a reload or a link only moves to another screen.
    void open(const Lesson& lesson, int index);
    // Draws the whole window. Moved: the screen changed (the route should follow); Leave: Esc or Exit.
    PresenterAction draw(PresenterContext& ctx);

    int screen() const { return screen_; }
    int screen_count() const { return static_cast<int>(screens_.size()); }
    const std::string& lesson_id() const { return lesson_id_; }
    // "#/present/<lesson>/<screen>", the screen counted from 1 as on screen.
    std::string route() const;
    // The type size presenter mode asks for in a window of `size` logical pixels (1 = normal).
    static float text_zoom(ImVec2 size);

    // {lesson, screen (from 1), screens, kind, heading, blank, revealed, elapsed}.
    nlohmann::json test_state() const;

private:
    // Quizzes here show the question and reveal the answer; nothing is recorded, so no XP moves.
    class NoRecordHost : public QuizHost {
    public:
        Outcome answer(const Lesson&, const Question&, const Answer&, bool) override { return {}; }
        const QuestionProgress* progress_of(const Lesson&, const Question&) const override { return nullptr; }
    };

    void handle_keys();
    void go_to(int index);
    void draw_screen(PresenterContext& ctx, float width);
    void draw_title(const Lesson& lesson, const Course& course, float width);
    void draw_quiz(const Question& question, float width);
    void draw_lab(PresenterContext& ctx, const Block& lab, float width);
    void draw_footer(ImVec2 min, ImVec2 max);  // progress bar, buttons, screen k of n, timer
    const Question* current_question(const Lesson& lesson) const;
    std::string elapsed_text() const;

    std::string lesson_id_;
    std::vector<PresenterScreen> screens_;
    int screen_ = 0;
    bool moved_ = false, leave_ = false;
    bool blank_ = false;
    bool pending_reveal_ = false;    // R was typed this frame
    bool scroll_to_answer_ = false;  // an answer was just revealed
    float title_height_ = 0;         // of the title screen's text, measured as it is drawn
    bool focus_ = true;              // take the keyboard focus on the next frame
    bool scroll_top_ = true;         // a new screen starts at its top
    double started_ = -1;            // ImGui time the timer counts from; < 0: on the next frame
    double now_ = 0;
    std::set<std::string> revealed_;  // question ids whose answer is shown
    QuizView quizzes_;                // only for ReaderContext: quiz blocks are drawn by draw_quiz
    NoRecordHost no_record_;
};

}  // namespace dojo
