// The rules of learning in Compute Dojo: XP, lesson completion, levels, lesson states for the
// skill tree, what to continue with, and which reviews are due (grading: quiz_grading.h).
// Pure functions over the immutable Course and the learner's Progress.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "course/course.h"
#include "labs/lab_report.h"
#include "progress/progress.h"
#include "progress/quiz_grading.h"

namespace dojo {

struct Outcome {
    bool counted = false;  // a complete answer, recorded as an attempt
    bool correct = false;
    int xp_awarded = 0;  // for the question
    bool lesson_completed = false;
    int lesson_xp_awarded = 0;
    bool level_up = false;
    std::string level_name;  // the new level when level_up
};

// Grades and records an answer to a lesson's quiz. XP (question.xp) comes only with the first
// right answer, into track_xp[lesson.track]; that answer also puts the question into review.
// Then completes the lesson (awarding lesson.xp once) if it was read to the end and all its
// questions have been answered right.
Outcome record_answer(Progress& progress, const Course& course, const Lesson& lesson, const Question& question,
                      const Answer& answer, bool used_hint, std::int64_t today);

// The learner reached the end of the lesson; completes it when it has no questions or all of them
// were already answered right.
Outcome mark_read_to_end(Progress& progress, const Course& course, const Lesson& lesson, std::int64_t today);

// A review of a question that is in review: grades it and reschedules its card (quality 5 right,
// 1 wrong); a right one earns kReviewXp. No attempt is counted on the quiz. An incomplete answer, or a question that is
// not in review, changes nothing (counted = false).
Outcome record_review(Progress& progress, const Course& course, const Lesson& lesson, const Question& question,
                      const Answer& answer, std::int64_t today);

// Records a check of the learner's kernel for `exercise` (shown in `lesson`) that came to a verdict:
// a run, and a failed run when it did not pass; `race_seen` when its traced run showed a race. XP
// (exercise.xp) comes with the first pass only, into track_xp[lesson.track]. A device failure is no
// verdict: do not record it.
Outcome record_exercise_run(Progress& progress, const Course& course, const Lesson& lesson, const Exercise& exercise, bool passed,
                            bool race_seen, std::int64_t today);

// XP for remembering: a review answered right.
inline constexpr int kReviewXp = 2;
// XP for a finished lab run, once a day for each lab, into track_xp[kLabTrack].
inline constexpr int kLabRunXp = 5;
inline constexpr const char* kLabTrack = "labs";

// A lab run that came to an end: kept in the hardware record (hardware_record.h), and, when it
// finished (not cancelled or stopped by an error), kLabRunXp once a day for that lab.
Outcome record_lab_run(Progress& progress, const Course& course, const LabReport& report, std::int64_t today);

bool is_complete(const Progress& progress, const Lesson& lesson);

// Locked: the lesson has errors, or is not complete and some prerequisite (lesson.requires_) is
// not complete (unknown ids count as not complete). Done: complete. Mastered: complete and every
// question's card has repetitions >= 3 (answered right, then reviewed right twice); a complete
// lesson without questions has nothing left to master, so it is Mastered. A complete lesson stays
// Done or Mastered even if the course later adds prerequisites the learner has not done.
enum class LessonState { Locked, Available, Done, Mastered };
LessonState lesson_state(const Course& course, const Progress& progress, const Lesson& lesson);

struct LevelInfo {
    int index = 0;  // into Course::levels
    std::string name;
    int xp = 0;             // the total XP it was computed for
    int level_xp = 0;       // XP where this level starts
    int next_xp = -1;       // XP where the next starts; -1 at the top level
    float fraction = 1.0f;  // of the way from this level to the next; 1 at the top
};
// Course::levels ascending by xp; with none, a single level named "Learner".
LevelInfo level_for(const Course& course, int total_xp);

// The next sensible lesson: the lesson named by progress.last_place ("#/lesson/<id>...") if it is
// neither complete nor locked, else the first such lesson in course order; nullptr when none is left.
const Lesson* continue_lesson(const Course& course, const Progress& progress);

struct DueReview {
    const Lesson* lesson = nullptr;
    const Question* question = nullptr;
    std::int64_t due_day = 0;
};
// Questions in review with due_day <= today whose lesson and question still exist in the course,
// most overdue first (ties in course order).
std::vector<DueReview> due_reviews(const Course& course, const Progress& progress, std::int64_t today);

}  // namespace dojo
