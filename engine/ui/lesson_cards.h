// A lesson as a card in the home and search lists, and the lookups several views share: a track's
// color, a lesson's index, a question's progress.
#pragma once

#include <map>
#include <string>

#include <imgui.h>

#include "course/course.h"
#include "progress/progress.h"

namespace dojo {

// A track's color for text and edges, readable on the current theme; the accent for no track.
ImU32 track_color(const Course& course, const std::string& track);

// The lesson's index in course.lessons, or -1.
int lesson_index(const Course& course, const std::string& id);

// What the learner did with a question, or nullptr before any answer.
const QuestionProgress* question_progress(const Progress& progress, const Lesson& lesson, const Question& question);

class LessonCards {
public:
    LessonCards(const Course& course, const Progress& progress) : course_(course), progress_(progress) {}

    // A card in a list: title, summary, minutes, XP, track and state. True when clicked (a lesson
    // that can't be opened is shown, with its first problem, and can't be clicked).
    bool row(const Lesson& lesson, float width);

private:
    const Course& course_;
    const Progress& progress_;
    // Card heights by lesson, for the width they were measured at: off-screen cards only reserve space.
    std::map<const Lesson*, ImVec2> sizes_;
};

}  // namespace dojo
