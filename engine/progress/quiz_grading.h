// Quiz grading: whether an answer to a question is right, with the feedback to show, and the text
// an answer is saved as and read back from. Pure functions over a Question of the Course.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "course/course.h"

namespace dojo {

// What the learner entered. Only the field for the question's kind is read.
struct Answer {
    std::vector<int> selected;     // Single, Multiple: choice indexes (TrueFalse also accepts {0} True / {1} False)
    std::optional<double> number;  // Numeric
    std::vector<int> order;        // Ordering: the learner's arrangement, as indexes into Question::order
    std::optional<bool> truth;     // TrueFalse
};

struct Grade {
    bool correct = false;
    bool complete = true;  // false: nothing or something ill-formed was entered; it is not an attempt
    std::string feedback;  // see grade()
};

// feedback: Single and TrueFalse: the picked choice's feedback (for TrueFalse choices[0] is "True",
// choices[1] "False"); Multiple: the feedback of each wrongly picked or wrongly missed choice,
// joined with spaces; Numeric: how far off, in the question's unit; Ordering: how many items are
// in the right place. A Numeric answer within the tolerance, both ends included, is right.
Grade grade(const Question& question, const Answer& answer);

// The text kept in QuestionProgress::last_answer: Single, Multiple and Ordering as indexes joined
// by commas ("2", "0,3", "2,0,1"), Numeric as the shortest decimal that reads back to the same
// number, TrueFalse as "true" or "false". answer_from_text reads it back; nullopt if it does not parse.
std::string answer_to_text(const Question& question, const Answer& answer);
std::optional<Answer> answer_from_text(const Question& question, std::string_view text);

}  // namespace dojo
