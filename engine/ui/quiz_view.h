// One quiz question as an interactive widget: single and multiple choice, numeric with a unit,
// ordering and true/false; immediate feedback, a hint, retries, and an explanation after
// answering. Operable with the keyboard through ImGui's navigation (arrows, Space, Enter).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "course/course.h"
#include "progress/learning.h"
#include "progress/progress.h"

namespace dojo {

// Where answers go: the lesson flow records them (XP on the first correct answer), the review
// flow only reschedules.
class QuizHost {
public:
    virtual ~QuizHost() = default;
    virtual Outcome answer(const Lesson& lesson, const Question& question, const Answer& answer, bool used_hint) = 0;
    virtual const QuestionProgress* progress_of(const Lesson& lesson, const Question& question) const = 0;
};

class QuizView {
public:
    void draw(const Lesson& lesson, const Question& question, float width, QuizHost& host);
    // Forgets what was typed and picked (after a reset of progress, or to review again).
    void clear() { states_.clear(); }
    void clear(const std::string& key) { states_.erase(key); }

private:
    struct State {
        std::vector<bool> picked;  // Single, Multiple, TrueFalse
        char number[32] = {};
        std::vector<int> order;  // Ordering: indexes into Question::order, as arranged
        bool hint_shown = false;
        bool answered = false;  // checked at least once in this session
        Grade last;
        int xp_gained = 0;
        // Ordering: after a move button was pressed, the row and button ('u' or 'd') that takes the keyboard
        // focus next frame, so the focus follows the moved item and Space keeps moving it.
        int focus_row = -1;
        char focus_button = 0;
    };
    State& state_for(const Lesson& lesson, const Question& question);
    static void keep_focus_on_moved_item(State& s, int row, char button, const std::string& name, bool enabled);
    Answer answer_from(const Question& question, const State& state) const;

    std::map<std::string, State> states_;
};

}  // namespace dojo
