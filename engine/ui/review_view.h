// The review view (#/review): the questions due today, one at a time, rescheduled by the answer
// (SM-2), a right one earning a little XP for the daily goal, and a count of how many were right.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "course/course.h"
#include "progress/progress.h"
#include "ui/quiz_view.h"

namespace dojo {

// What the view asks of the app around it.
struct ReviewViewEvents {
    std::function<void(const std::string& route)> navigate;
    std::function<void()> save;  // an answer changed the progress
};

// It is its own quizzes' host: reviews reschedule a question (and a right one earns kReviewXp).
class ReviewView : private QuizHost {
public:
    ReviewView(const Course& course, Progress& progress) : course_(course), progress_(progress) {}

    // Opening the view gathers what is due anew the next time it is drawn.
    void restart() { queue_.clear(); }
    // Forgets what was typed and picked (after a reset of progress).
    void clear_answers() { quizzes_.clear(); }

    void draw(float width, std::int64_t today, ReviewViewEvents& events);

private:
    Outcome answer(const Lesson& lesson, const Question& question, const Answer& answer, bool used_hint) override;
    const QuestionProgress* progress_of(const Lesson&, const Question&) const override { return nullptr; }

    const Course& course_;
    Progress& progress_;
    // The due items are captured when a review starts, so answering does not reshuffle them.
    struct Item {
        int lesson = -1, question = -1;
    };
    std::vector<Item> queue_;
    std::size_t pos_ = 0;
    int right_ = 0, total_ = 0;
    QuizView quizzes_;
    // Set while drawing, for the answers the quizzes report.
    std::int64_t today_ = 0;
    ReviewViewEvents* events_ = nullptr;
};

}  // namespace dojo
