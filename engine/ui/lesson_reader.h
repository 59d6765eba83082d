// Draws a lesson's blocks: headings, paragraphs, lists, code with a copy button, tables, quotes,
// callouts, images, rules, diagrams, lab cards, quizzes and kernel exercises. The same code serves web and desktop.
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include "course/course.h"
#include "ui/platform.h"
#include "ui/quiz_view.h"

namespace dojo {

class ExplorersView;
class ExerciseView;
struct ExerciseViewEvents;

struct ReaderContext {
    const Course& course;
    const Lesson& lesson;
    Platform& platform;
    QuizView& quizzes;
    QuizHost& quiz_host;
    std::string clicked_link;  // set when the learner follows a link this frame
    // The headline of the learner's saved run of each lab, by lab id (lab_headline()); null: none.
    const std::map<std::string, std::string>* lab_headlines = nullptr;
    ExplorersView* explorers = nullptr;  // draws "explore-..." lab blocks inline; null: a plain card
    ExerciseView* exercises = nullptr;   // draws exercise blocks with their editor; null: the task only
    ExerciseViewEvents* exercise_events = nullptr;
};

void draw_blocks(std::span<const Block> blocks, float width, ReaderContext& ctx);

// A diagram: boxes and arrows in a row or a column, wrapping to the width it is given.
void draw_diagram(const Diagram& diagram, const Course& course, float width);

}  // namespace dojo
