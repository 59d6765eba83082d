// The review view: the queue of due questions, the quizzes that reschedule them, and the tally.
#include "ui/review_view.h"

#include <string>

#include <imgui.h>

#include "progress/learning.h"
#include "progress/review.h"
#include "ui/icons.h"
#include "ui/lesson_cards.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace dojo {

Outcome ReviewView::answer(const Lesson& lesson, const Question& question, const Answer& answer, bool) {
    Outcome o = record_review(progress_, course_, lesson, question, answer, today_);
    if (o.counted) {
        ++total_;
        right_ += o.correct;
        events_->save();
    }
    return o;
}

void ReviewView::draw(float width, std::int64_t today, ReviewViewEvents& events) {
    today_ = today;
    events_ = &events;
    section_title(icon::kRefresh, "Review");
    text_colored(theme::kTextDim,
                 "Questions you answered correctly come back on a schedule (SM-2): soon after you learn them, then at growing "
                 "intervals as long as you keep getting them right. A miss brings a question back tomorrow.");
    ImGui::Dummy({0, 8});
    if (queue_.empty() && total_ == 0) {
        for (const DueReview& d : due_reviews(course_, progress_, today)) {
            const int li = lesson_index(course_, d.lesson->id);
            const int qi = static_cast<int>(d.question - d.lesson->questions.data());
            queue_.push_back({li, qi});
        }
        pos_ = 0;
        quizzes_.clear();
    }
    if (pos_ < queue_.size()) {
        const Item item = queue_[pos_];
        const Lesson& l = course_.lessons[static_cast<std::size_t>(item.lesson)];
        const Question& q = l.questions[static_cast<std::size_t>(item.question)];
        text_colored(theme::kTextDim, ("Question " + std::to_string(pos_ + 1) + " of " + std::to_string(queue_.size()) +
                                       "  \xc2\xb7  from \u201c" + l.title + "\u201d")
                                          .c_str());
        quizzes_.draw(l, q, width, *this);
        const QuestionProgress* p = question_progress(progress_, l, q);
        const bool answered = p && p->card.last_day == today;
        ImGui::BeginDisabled(!answered);
        if (ImGui::Button((std::string("Next  ") + icon::kChevronRight).c_str())) ++pos_;
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button("Open the lesson")) events.navigate("#/lesson/" + l.id);
        return;
    }
    if (total_ > 0) {
        text_colored(theme::kSuccess, (std::string(icon::kCheckCircle) + "  Review done: " + std::to_string(right_) + " of " +
                                       std::to_string(total_) + " right.")
                                          .c_str());
        if (ImGui::Button("Check for more")) {
            queue_.clear();
            total_ = right_ = 0;
        }
        return;
    }
    // Nothing due: say when the next review comes.
    std::int64_t next = -1;
    for (const auto& [key, q] : progress_.questions)
        if (q.in_review && (next < 0 || q.card.due_day < next)) next = q.card.due_day;
    if (next < 0)
        text_colored(theme::kTextDim,
                     "Nothing to review yet. Answer quiz questions in the lessons; each one you get right joins the review.");
    else
        text_colored(theme::kTextDim, ("All caught up. The next review is due in " + std::to_string(next - today) + " day" +
                                       (next - today == 1 ? "" : "s") + ".")
                                          .c_str());
}

}  // namespace dojo
