// XP, completion, levels, lesson states, "continue" and due reviews: the rules the views apply to a
// learner's Progress, kept here so they can be tested without a window. Grading is quiz_grading.cpp.
#include "progress/learning.h"

#include <algorithm>
#include <limits>
#include <string_view>

#include "labs/lab_catalog.h"
#include "progress/hardware_record.h"

namespace dojo {

namespace {

const QuestionProgress* find_question(const Progress& progress, const Lesson& lesson, const Question& question) {
    const auto it = progress.questions.find(question_key(lesson.id, question.id));
    return it == progress.questions.end() ? nullptr : &it->second;
}

// Every XP goes through here: into its track, and into the day's study for the habit (habit.h).
void add_xp(Progress& progress, const std::string& track, int xp, std::int64_t today) {
    int& bucket = progress.track_xp[track];
    bucket = static_cast<int>(std::min<std::int64_t>(std::int64_t{bucket} + xp, std::numeric_limits<int>::max()));
    (void)record_study(progress.habit, xp, today);
}

bool all_questions_correct(const Progress& progress, const Lesson& lesson) {
    return std::all_of(lesson.questions.begin(), lesson.questions.end(), [&](const Question& q) {
        const QuestionProgress* qp = find_question(progress, lesson, q);
        return qp && qp->correct;
    });
}

void complete_if_ready(Progress& progress, const Lesson& lesson, std::int64_t today, Outcome& outcome) {
    const auto it = progress.lessons.find(lesson.id);
    if (it == progress.lessons.end() || it->second.completed || !it->second.read_to_end) return;
    if (!all_questions_correct(progress, lesson)) return;
    LessonProgress& lp = it->second;
    lp.completed = true;
    lp.completed_day = today;
    lp.xp_awarded = std::max(lesson.xp, 0);
    add_xp(progress, lesson.track, lp.xp_awarded, today);
    outcome.lesson_completed = true;
    outcome.lesson_xp_awarded = lp.xp_awarded;
}

void note_level_change(const Course& course, int xp_before, int xp_after, Outcome& outcome) {
    const LevelInfo before = level_for(course, xp_before);
    const LevelInfo after = level_for(course, xp_after);
    if (after.index > before.index) {
        outcome.level_up = true;
        outcome.level_name = after.name;
    }
}

}  // namespace

Outcome record_answer(Progress& progress, const Course& course, const Lesson& lesson, const Question& question,
                      const Answer& answer, bool used_hint, std::int64_t today) {
    Outcome outcome;
    const Grade g = grade(question, answer);
    if (!g.complete) return outcome;  // not an attempt: leave no trace, not even an empty entry

    const int xp_before = progress.total_xp();
    QuestionProgress& qp = progress.questions[question_key(lesson.id, question.id)];
    outcome.counted = true;
    outcome.correct = g.correct;
    ++qp.attempts;
    if (!g.correct) ++qp.wrong_attempts;
    qp.used_hint = qp.used_hint || used_hint;
    qp.last_answer = answer_to_text(question, answer);

    if (g.correct && !qp.correct) {
        qp.correct = true;
        qp.xp_awarded = std::max(question.xp, 0);
        add_xp(progress, lesson.track, qp.xp_awarded, today);
        outcome.xp_awarded = qp.xp_awarded;
        // How hard the first right answer came decides how soon the question returns.
        qp.in_review = true;
        qp.card = review(qp.card, review_quality(true, qp.wrong_attempts, qp.used_hint), today);
    }
    complete_if_ready(progress, lesson, today, outcome);
    note_level_change(course, xp_before, progress.total_xp(), outcome);
    return outcome;
}

Outcome record_exercise_run(Progress& progress, const Course& course, const Lesson& lesson, const Exercise& exercise, bool passed,
                            bool race_seen, std::int64_t today) {
    Outcome outcome;
    outcome.counted = true;
    outcome.correct = passed;
    const int xp_before = progress.total_xp();
    ExerciseProgress& ep = progress.exercises[exercise.id];
    ++ep.runs;
    if (!passed) ++ep.failed_runs;
    ep.race_seen = ep.race_seen || race_seen;
    if (passed && !ep.passed) {
        ep.passed = true;
        ep.passed_on_run = ep.runs;
        ep.xp_awarded = std::max(exercise.xp, 0);
        add_xp(progress, lesson.track, ep.xp_awarded, today);
        outcome.xp_awarded = ep.xp_awarded;
    }
    note_level_change(course, xp_before, progress.total_xp(), outcome);
    return outcome;
}

Outcome mark_read_to_end(Progress& progress, const Course& course, const Lesson& lesson, std::int64_t today) {
    Outcome outcome;
    const int xp_before = progress.total_xp();
    progress.lessons[lesson.id].read_to_end = true;
    complete_if_ready(progress, lesson, today, outcome);
    note_level_change(course, xp_before, progress.total_xp(), outcome);
    return outcome;
}

Outcome record_review(Progress& progress, const Course& course, const Lesson& lesson, const Question& question,
                      const Answer& answer, std::int64_t today) {
    Outcome outcome;
    const auto it = progress.questions.find(question_key(lesson.id, question.id));
    if (it == progress.questions.end() || !it->second.in_review) return outcome;
    const Grade g = grade(question, answer);
    if (!g.complete) return outcome;
    outcome.counted = true;
    outcome.correct = g.correct;
    it->second.card = review(it->second.card, review_quality(g.correct, 0, false), today);
    if (g.correct) {  // remembering is study too: it counts towards the daily goal
        const int xp_before = progress.total_xp();
        add_xp(progress, lesson.track, kReviewXp, today);
        outcome.xp_awarded = kReviewXp;
        note_level_change(course, xp_before, progress.total_xp(), outcome);
    }
    return outcome;
}

Outcome record_lab_run(Progress& progress, const Course& course, const LabReport& report, std::int64_t today) {
    Outcome outcome;
    const bool finished = !report.cancelled && !report.stopped_by_error;
    (void)record_hardware(progress.hardware_record, report, today);
    if (!finished) return outcome;
    outcome.counted = true;
    std::int64_t& last = progress.lab_xp_days[lab_id_of(report)];
    if (last == today) return outcome;  // once a day for each lab: measuring is study, repeating it is not
    last = today;
    const int xp_before = progress.total_xp();
    add_xp(progress, kLabTrack, kLabRunXp, today);
    outcome.xp_awarded = kLabRunXp;
    note_level_change(course, xp_before, progress.total_xp(), outcome);
    return outcome;
}

bool is_complete(const Progress& progress, const Lesson& lesson) {
    const auto it = progress.lessons.find(lesson.id);
    return it != progress.lessons.end() && it->second.completed;
}

LessonState lesson_state(const Course& course, const Progress& progress, const Lesson& lesson) {
    if (lesson.has_errors()) return LessonState::Locked;
    if (is_complete(progress, lesson)) {
        const bool mastered = std::all_of(lesson.questions.begin(), lesson.questions.end(), [&](const Question& q) {
            const QuestionProgress* qp = find_question(progress, lesson, q);
            return qp && qp->card.repetitions >= 3;
        });
        return mastered ? LessonState::Mastered : LessonState::Done;
    }
    for (const std::string& id : lesson.requires_) {
        const Lesson* prerequisite = course.find_lesson(id);
        if (!prerequisite || !is_complete(progress, *prerequisite)) return LessonState::Locked;
    }
    return LessonState::Available;
}

LevelInfo level_for(const Course& course, int total_xp) {
    LevelInfo info;
    info.xp = total_xp;
    if (course.levels.empty()) {
        info.name = "Learner";
        return info;
    }
    std::size_t index = 0;
    for (std::size_t i = 1; i < course.levels.size(); ++i)
        if (course.levels[i].xp <= total_xp) index = i;
    info.index = static_cast<int>(index);
    info.name = course.levels[index].name;
    info.level_xp = course.levels[index].xp;
    if (index + 1 < course.levels.size()) {
        info.next_xp = course.levels[index + 1].xp;
        const double span = static_cast<double>(info.next_xp) - info.level_xp;
        const double done = static_cast<double>(total_xp) - info.level_xp;
        info.fraction = span > 0 ? static_cast<float>(std::clamp(done / span, 0.0, 1.0)) : 1.0f;
    }
    return info;
}

const Lesson* continue_lesson(const Course& course, const Progress& progress) {
    constexpr std::string_view kLessonRoute = "#/lesson/";
    const std::string_view place = progress.last_place;
    if (place.substr(0, kLessonRoute.size()) == kLessonRoute) {
        std::string_view id = place.substr(kLessonRoute.size());
        id = id.substr(0, id.find_first_of("/?#"));
        if (const Lesson* there = course.find_lesson(std::string(id));
            there && lesson_state(course, progress, *there) == LessonState::Available) {
            return there;
        }
    }
    for (const Lesson& lesson : course.lessons)
        if (lesson_state(course, progress, lesson) == LessonState::Available) return &lesson;
    return nullptr;
}

std::vector<DueReview> due_reviews(const Course& course, const Progress& progress, std::int64_t today) {
    std::vector<DueReview> due;
    // Walking the course (not the saved keys) drops reviews of questions the course no longer has.
    for (const Lesson& lesson : course.lessons) {
        for (const Question& question : lesson.questions) {
            const QuestionProgress* qp = find_question(progress, lesson, question);
            if (qp && qp->in_review && qp->card.due_day <= today) due.push_back({&lesson, &question, qp->card.due_day});
        }
    }
    std::stable_sort(due.begin(), due.end(), [](const DueReview& a, const DueReview& b) { return a.due_day < b.due_day; });
    return due;
}

}  // namespace dojo
