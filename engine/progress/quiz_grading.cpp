// Quiz grading: whether an answer to each kind of question is right, with its feedback, and the text
// an answer is saved as (QuestionProgress::last_answer) and read back from.
#include "progress/quiz_grading.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <system_error>

namespace dojo {

namespace {

// "14.0", "2.3", "0.125": six significant digits hide binary noise (16.3 - 14 = 2.3000000000000007),
// and a whole number keeps ".0" so it reads as the measurement it is.
std::string format_number(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
    std::string text = buffer;
    if (text.find_first_of(".eni") == std::string::npos) text += ".0";
    return text;
}

std::string with_unit(double value, const std::string& unit) {
    if (unit.empty()) return format_number(value);
    return format_number(value) + (unit == "%" ? "" : " ") + unit;
}

std::string choice_feedback(const Question& question, std::size_t index) {
    return index < question.choices.size() ? question.choices[index].feedback : std::string();
}

Grade grade_single(const Question& q, const Answer& a) {
    if (a.selected.size() != 1 || a.selected[0] < 0 || static_cast<std::size_t>(a.selected[0]) >= q.choices.size()) {
        return {false, false, {}};
    }
    const auto picked = static_cast<std::size_t>(a.selected[0]);
    return {q.choices[picked].correct, true, q.choices[picked].feedback};
}

Grade grade_multiple(const Question& q, const Answer& a) {
    if (a.selected.empty()) return {false, false, {}};
    std::vector<bool> picked(q.choices.size(), false);
    for (int index : a.selected) {
        if (index < 0 || static_cast<std::size_t>(index) >= q.choices.size()) return {false, false, {}};
        picked[static_cast<std::size_t>(index)] = true;
    }
    Grade g;
    g.correct = true;
    for (std::size_t i = 0; i < q.choices.size(); ++i) {
        if (picked[i] == q.choices[i].correct) continue;
        g.correct = false;
        const std::string& note = q.choices[i].feedback;
        if (note.empty()) continue;
        if (!g.feedback.empty()) g.feedback += ' ';
        g.feedback += note;
    }
    return g;
}

Grade grade_numeric(const Question& q, const Answer& a) {
    if (!a.number || !std::isfinite(*a.number)) return {false, false, {}};
    const double value = *a.number;
    const double tolerance = std::abs(q.tolerance);
    const double off = value - q.answer;
    // Decimal answers are not exact in binary (0.4 - 0.3 > 0.1): allow a hair of slack so a
    // learner who types the boundary itself is right, as "inclusive" promises.
    const double slack = 1e-9 * std::max({1.0, std::abs(q.answer), tolerance});
    Grade g;
    g.correct = std::abs(off) <= tolerance + slack;
    if (g.correct) {
        g.feedback = tolerance > 0 ? with_unit(value, q.unit) + " is within " + format_number(tolerance) + " of the answer."
                                   : with_unit(value, q.unit) + " is exactly right.";
    } else {
        g.feedback = "Not quite: that is " + with_unit(std::abs(off), q.unit) + (off > 0 ? " too high." : " too low.");
    }
    return g;
}

Grade grade_ordering(const Question& q, const Answer& a) {
    const std::size_t n = q.order.size();
    if (n == 0 || a.order.size() != n) return {false, false, {}};
    std::vector<bool> seen(n, false);
    std::size_t in_place = 0;
    for (std::size_t position = 0; position < n; ++position) {
        const int item = a.order[position];
        if (item < 0 || static_cast<std::size_t>(item) >= n || seen[static_cast<std::size_t>(item)]) return {false, false, {}};
        seen[static_cast<std::size_t>(item)] = true;
        if (static_cast<std::size_t>(item) == position) ++in_place;
    }
    Grade g;
    g.correct = in_place == n;
    g.feedback = g.correct ? "All " + std::to_string(n) + " items are in the right place."
                           : std::to_string(in_place) + " of " + std::to_string(n) + " items are in the right place.";
    return g;
}

// What a TrueFalse answer says: `truth`, or else a single pick of choices[0] "True" / choices[1] "False".
std::optional<bool> stated_truth(const Answer& a) {
    if (a.truth) return a.truth;
    if (a.selected.size() == 1 && (a.selected[0] == 0 || a.selected[0] == 1)) return a.selected[0] == 0;
    return std::nullopt;
}

Grade grade_true_false(const Question& q, const Answer& a) {
    const std::optional<bool> said = stated_truth(a);
    if (!said) return {false, false, {}};
    return {*said == q.truth, true, choice_feedback(q, *said ? 0 : 1)};
}

std::string join_indexes(const std::vector<int>& indexes) {
    std::string text;
    for (int index : indexes) {
        if (!text.empty()) text += ',';
        text += std::to_string(index);
    }
    return text;
}

std::optional<std::vector<int>> split_indexes(std::string_view text) {
    std::vector<int> indexes;
    if (text.empty()) return indexes;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        int value = 0;
        const char* first = text.data() + start;
        const char* last = text.data() + comma;
        const auto parsed = std::from_chars(first, last, value);
        if (parsed.ec != std::errc() || parsed.ptr != last || first == last) return std::nullopt;
        indexes.push_back(value);
        if (comma == text.size()) return indexes;
        start = comma + 1;
    }
}

}  // namespace

Grade grade(const Question& question, const Answer& answer) {
    switch (question.kind) {
        case QuestionKind::Single:
            return grade_single(question, answer);
        case QuestionKind::Multiple:
            return grade_multiple(question, answer);
        case QuestionKind::Numeric:
            return grade_numeric(question, answer);
        case QuestionKind::Ordering:
            return grade_ordering(question, answer);
        case QuestionKind::TrueFalse:
            return grade_true_false(question, answer);
    }
    return {false, false, {}};
}

std::string answer_to_text(const Question& question, const Answer& answer) {
    switch (question.kind) {
        case QuestionKind::Single:
        case QuestionKind::Multiple:
            return join_indexes(answer.selected);
        case QuestionKind::Ordering:
            return join_indexes(answer.order);
        case QuestionKind::Numeric: {
            if (!answer.number) return {};
            // %.17g round-trips a double; Emscripten's libc++ has no floating-point to_chars.
            char buffer[40];
            std::snprintf(buffer, sizeof buffer, "%.17g", *answer.number);
            return buffer;
        }
        case QuestionKind::TrueFalse: {
            const std::optional<bool> said = stated_truth(answer);
            if (!said) return {};
            return *said ? "true" : "false";
        }
    }
    return {};
}

std::optional<Answer> answer_from_text(const Question& question, std::string_view text) {
    Answer answer;
    switch (question.kind) {
        case QuestionKind::Single:
        case QuestionKind::Multiple: {
            auto indexes = split_indexes(text);
            if (!indexes) return std::nullopt;
            answer.selected = std::move(*indexes);
            return answer;
        }
        case QuestionKind::Ordering: {
            auto indexes = split_indexes(text);
            if (!indexes) return std::nullopt;
            answer.order = std::move(*indexes);
            return answer;
        }
        case QuestionKind::Numeric: {
            // strtod, not from_chars: Emscripten's libc++ has no floating-point from_chars.
            const std::string copy(text);
            char* end = nullptr;
            const double value = std::strtod(copy.c_str(), &end);
            if (copy.empty() || end != copy.c_str() + copy.size() || !std::isfinite(value) ||
                std::isspace(static_cast<unsigned char>(copy[0])))
                return std::nullopt;
            answer.number = value;
            return answer;
        }
        case QuestionKind::TrueFalse: {
            if (text != "true" && text != "false") return std::nullopt;
            answer.truth = text == "true";
            return answer;
        }
    }
    return std::nullopt;
}

}  // namespace dojo
