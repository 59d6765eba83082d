// The rules of learning: grading every question kind, XP, completion, levels, lesson states,
// "continue" and due reviews, on a small hand-built course.
//
// Index of this file:
// - A small hand-built course
// - Grading every question kind (progress/quiz_grading)
// - Recording answers, XP and completion
// - Lesson states, levels, continue and due reviews
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "progress/learning.h"

namespace {

using dojo::Answer;
using dojo::Course;
using dojo::grade;
using dojo::Lesson;
using dojo::LessonState;
using dojo::Progress;
using dojo::Question;
using dojo::QuestionKind;

constexpr std::int64_t kToday = 20000;

Question single_question() {
    Question q;
    q.id = "q1";
    q.kind = QuestionKind::Single;
    q.choices = {{"A CPU", false, "A CPU has few cores."}, {"A GPU", true, "Yes: thousands of lanes."}, {"A disk", false, ""}};
    return q;
}

Question multiple_question() {
    Question q;
    q.id = "q1";
    q.kind = QuestionKind::Multiple;
    q.choices = {{"HBM", true, "HBM sits beside the GPU."},
                 {"GDDR6", true, "GDDR6 is on the board."},
                 {"Floppy", false, "A floppy is storage, not VRAM."},
                 {"Tape", false, ""}};
    return q;
}

Question numeric_question() {
    Question q;
    q.id = "q2";
    q.kind = QuestionKind::Numeric;
    q.answer = 14.0;
    q.tolerance = 0.5;
    q.unit = "GB";
    return q;
}

Question ordering_question() {
    Question q;
    q.id = "q2";
    q.kind = QuestionKind::Ordering;
    q.order = {"registers", "L1", "L2", "VRAM"};
    return q;
}

Question true_false_question() {
    Question q;
    q.id = "q3";
    q.kind = QuestionKind::TrueFalse;
    q.truth = false;
    q.choices = {{"True", false, "No: it is the other way round."}, {"False", true, "Right: bandwidth bounds it."}};
    return q;
}

// intro (no questions) -> cpu-vs-gpu (single + numeric) -> vram (multiple, ordering, true/false);
// plus a lesson with errors and one that requires a lesson the course does not have.
Course make_course() {
    Course c;
    c.tracks = {{"gpu", "GPUs", "#76b900", "microchip"}, {"memory", "Memory", "#3366ff", "database"}};
    c.levels = {{"Novice", 0}, {"Apprentice", 30}, {"Adept", 100}};
    Lesson intro;
    intro.id = "intro";
    intro.track = "gpu";
    intro.xp = 10;
    Lesson cpu;
    cpu.id = "cpu-vs-gpu";
    cpu.track = "gpu";
    cpu.xp = 20;
    cpu.requires_ = {"intro"};
    cpu.questions = {single_question(), numeric_question()};
    Lesson vram;
    vram.id = "vram";
    vram.track = "memory";
    vram.xp = 15;
    vram.requires_ = {"cpu-vs-gpu"};
    vram.questions = {multiple_question(), ordering_question(), true_false_question()};
    Lesson broken;
    broken.id = "broken";
    broken.problems.push_back({dojo::Diagnostic::Severity::Error, "broken.md", 3, 1, "bad"});
    Lesson orphan;
    orphan.id = "orphan";
    orphan.requires_ = {"ghost"};
    c.lessons = {intro, cpu, vram, broken, orphan};
    return c;
}

Answer pick(std::vector<int> indexes) {
    Answer a;
    a.selected = std::move(indexes);
    return a;
}
Answer number(double value) {
    Answer a;
    a.number = value;
    return a;
}
Answer arrange(std::vector<int> order) {
    Answer a;
    a.order = std::move(order);
    return a;
}
Answer say(bool value) {
    Answer a;
    a.truth = value;
    return a;
}

// ---- Grading -------------------------------------------------------------------------------------

TEST(GradeSingle, RightWrongAndTheirFeedback) {
    const Question q = single_question();
    const auto right = grade(q, pick({1}));
    EXPECT_TRUE(right.complete);
    EXPECT_TRUE(right.correct);
    EXPECT_EQ(right.feedback, "Yes: thousands of lanes.");
    const auto wrong = grade(q, pick({0}));
    EXPECT_TRUE(wrong.complete);
    EXPECT_FALSE(wrong.correct);
    EXPECT_EQ(wrong.feedback, "A CPU has few cores.");
}

TEST(GradeSingle, NothingTooManyOrOutOfRangeIsIncomplete) {
    const Question q = single_question();
    EXPECT_FALSE(grade(q, pick({})).complete);
    EXPECT_FALSE(grade(q, pick({0, 1})).complete);
    EXPECT_FALSE(grade(q, pick({3})).complete);
    EXPECT_FALSE(grade(q, pick({-1})).complete);
    EXPECT_FALSE(grade(q, number(1)).complete);  // the wrong field for the kind
}

TEST(GradeMultiple, ExactlyTheRightSetIsCorrect) {
    const Question q = multiple_question();
    const auto right = grade(q, pick({1, 0}));
    EXPECT_TRUE(right.complete);
    EXPECT_TRUE(right.correct);
    EXPECT_EQ(right.feedback, "");
    EXPECT_TRUE(grade(q, pick({0, 1, 1})).correct);  // a repeated index is the same pick
}

TEST(GradeMultiple, FeedbackNamesEveryWrongPickAndEveryMiss) {
    const Question q = multiple_question();
    const auto missed = grade(q, pick({0}));
    EXPECT_FALSE(missed.correct);
    EXPECT_EQ(missed.feedback, "GDDR6 is on the board.");
    const auto extra = grade(q, pick({0, 1, 2}));
    EXPECT_FALSE(extra.correct);
    EXPECT_EQ(extra.feedback, "A floppy is storage, not VRAM.");
    const auto both = grade(q, pick({0, 2, 3}));
    EXPECT_FALSE(both.correct);
    EXPECT_EQ(both.feedback, "GDDR6 is on the board. A floppy is storage, not VRAM.");  // Tape has none
}

TEST(GradeMultiple, EmptyOrOutOfRangeIsIncomplete) {
    const Question q = multiple_question();
    EXPECT_FALSE(grade(q, pick({})).complete);
    EXPECT_FALSE(grade(q, pick({0, 4})).complete);
    EXPECT_FALSE(grade(q, pick({-2})).complete);
}

TEST(GradeNumeric, ToleranceBoundsAreInclusive) {
    const Question q = numeric_question();
    EXPECT_TRUE(grade(q, number(14.0)).correct);
    EXPECT_TRUE(grade(q, number(13.5)).correct);
    EXPECT_TRUE(grade(q, number(14.5)).correct);
    EXPECT_FALSE(grade(q, number(14.51)).correct);
    EXPECT_FALSE(grade(q, number(13.49)).correct);
    EXPECT_TRUE(grade(q, number(14.51)).complete);
}

TEST(GradeNumeric, DecimalBoundariesThatBinaryCannotHoldStillCount) {
    Question q = numeric_question();
    q.answer = 0.3;
    q.tolerance = 0.1;
    EXPECT_TRUE(grade(q, number(0.4)).correct);  // 0.4 - 0.3 is 0.10000000000000003 in doubles
    EXPECT_TRUE(grade(q, number(0.2)).correct);
    EXPECT_FALSE(grade(q, number(0.4001)).correct);
    q.tolerance = 0;
    EXPECT_TRUE(grade(q, number(0.1 + 0.2)).correct);
    EXPECT_FALSE(grade(q, number(0.31)).correct);
}

TEST(GradeNumeric, FeedbackUsesTheUnit) {
    const Question q = numeric_question();
    EXPECT_EQ(grade(q, number(14.0)).feedback, "14.0 GB is within 0.5 of the answer.");
    EXPECT_EQ(grade(q, number(16.3)).feedback, "Not quite: that is 2.3 GB too high.");
    EXPECT_EQ(grade(q, number(12)).feedback, "Not quite: that is 2.0 GB too low.");
    Question exact = q;
    exact.tolerance = 0;
    exact.unit = "%";
    EXPECT_EQ(grade(exact, number(14)).feedback, "14.0% is exactly right.");
    Question bare = q;
    bare.unit = "";
    EXPECT_EQ(grade(bare, number(14.25)).feedback, "14.25 is within 0.5 of the answer.");
}

TEST(GradeNumeric, MissingNanOrInfinityIsIncomplete) {
    const Question q = numeric_question();
    EXPECT_FALSE(grade(q, Answer{}).complete);
    EXPECT_FALSE(grade(q, number(std::numeric_limits<double>::quiet_NaN())).complete);
    EXPECT_FALSE(grade(q, number(std::numeric_limits<double>::infinity())).complete);
    EXPECT_FALSE(grade(q, number(-std::numeric_limits<double>::infinity())).complete);
}

TEST(GradeOrdering, CountsItemsInTheRightPlace) {
    const Question q = ordering_question();
    const auto right = grade(q, arrange({0, 1, 2, 3}));
    EXPECT_TRUE(right.correct);
    EXPECT_EQ(right.feedback, "All 4 items are in the right place.");
    const auto swapped = grade(q, arrange({0, 2, 1, 3}));
    EXPECT_TRUE(swapped.complete);
    EXPECT_FALSE(swapped.correct);
    EXPECT_EQ(swapped.feedback, "2 of 4 items are in the right place.");
    EXPECT_EQ(grade(q, arrange({3, 2, 1, 0})).feedback, "0 of 4 items are in the right place.");
}

TEST(GradeOrdering, ANonPermutationIsIncomplete) {
    const Question q = ordering_question();
    EXPECT_FALSE(grade(q, arrange({})).complete);
    EXPECT_FALSE(grade(q, arrange({0, 1, 2})).complete);
    EXPECT_FALSE(grade(q, arrange({0, 1, 2, 3, 4})).complete);
    EXPECT_FALSE(grade(q, arrange({0, 1, 1, 3})).complete);
    EXPECT_FALSE(grade(q, arrange({0, 1, 2, 4})).complete);
    EXPECT_FALSE(grade(q, arrange({-1, 1, 2, 3})).complete);
}

TEST(GradeTrueFalse, PicksFeedbackFromTrueAndFalseChoices) {
    const Question q = true_false_question();
    const auto right = grade(q, say(false));
    EXPECT_TRUE(right.complete);
    EXPECT_TRUE(right.correct);
    EXPECT_EQ(right.feedback, "Right: bandwidth bounds it.");
    const auto wrong = grade(q, say(true));
    EXPECT_FALSE(wrong.correct);
    EXPECT_EQ(wrong.feedback, "No: it is the other way round.");
    EXPECT_FALSE(grade(q, Answer{}).complete);
    // A view that renders it as two choices may send the pick instead.
    EXPECT_TRUE(grade(q, pick({1})).correct);
    EXPECT_FALSE(grade(q, pick({0})).correct);
    EXPECT_FALSE(grade(q, pick({2})).complete);
}

TEST(AnswerText, RoundTripsEveryKind) {
    const Question single = single_question(), numeric = numeric_question(), ordering = ordering_question();
    const Question tf = true_false_question(), multiple = multiple_question();
    EXPECT_EQ(dojo::answer_to_text(multiple, pick({0, 2})), "0,2");
    EXPECT_EQ(dojo::answer_to_text(ordering, arrange({2, 0, 1, 3})), "2,0,1,3");
    EXPECT_EQ(dojo::answer_to_text(numeric, number(14.25)), "14.25");
    EXPECT_EQ(dojo::answer_to_text(tf, say(false)), "false");
    EXPECT_EQ(dojo::answer_from_text(multiple, "0,2")->selected, (std::vector<int>{0, 2}));
    EXPECT_EQ(dojo::answer_from_text(ordering, "2,0,1,3")->order, (std::vector<int>{2, 0, 1, 3}));
    EXPECT_EQ(*dojo::answer_from_text(numeric, "14.25")->number, 14.25);
    EXPECT_EQ(*dojo::answer_from_text(tf, "true")->truth, true);
    EXPECT_EQ(dojo::answer_from_text(single, "1")->selected, (std::vector<int>{1}));
    EXPECT_FALSE(dojo::answer_from_text(single, "1,,2"));
    EXPECT_FALSE(dojo::answer_from_text(single, "x"));
    EXPECT_FALSE(dojo::answer_from_text(numeric, "14 GB"));
    EXPECT_FALSE(dojo::answer_from_text(tf, "yes"));
}

// ---- Recording answers, XP and completion --------------------------------------------------------

class LearningTest : public ::testing::Test {
protected:
    Course course = make_course();
    Progress progress;
    const Lesson& intro = course.lessons[0];
    const Lesson& cpu = course.lessons[1];
    const Lesson& vram = course.lessons[2];

    dojo::Outcome answer(const Lesson& lesson, std::size_t question, const Answer& a, bool hint = false) {
        return dojo::record_answer(progress, course, lesson, lesson.questions[question], a, hint, kToday);
    }
    const dojo::QuestionProgress& saved(const Lesson& lesson, std::size_t question) {
        return progress.questions.at(dojo::question_key(lesson.id, lesson.questions[question].id));
    }
    void complete_cpu_lesson() {
        dojo::mark_read_to_end(progress, course, intro, kToday);
        answer(cpu, 0, pick({1}));
        answer(cpu, 1, number(14));
        dojo::mark_read_to_end(progress, course, cpu, kToday);
    }
};

TEST_F(LearningTest, AnIncompleteAnswerIsNotAnAttemptAndLeavesNoTrace) {
    const auto outcome = answer(cpu, 0, pick({}));
    EXPECT_FALSE(outcome.counted);
    EXPECT_TRUE(progress.questions.empty());
    EXPECT_EQ(progress.total_xp(), 0);
}

TEST_F(LearningTest, XpComesOnlyWithTheFirstRightAnswer) {
    auto outcome = answer(cpu, 0, pick({0}));
    EXPECT_TRUE(outcome.counted);
    EXPECT_FALSE(outcome.correct);
    EXPECT_EQ(outcome.xp_awarded, 0);
    EXPECT_FALSE(saved(cpu, 0).in_review);
    EXPECT_EQ(saved(cpu, 0).last_answer, "0");

    outcome = answer(cpu, 0, pick({1}));
    EXPECT_TRUE(outcome.correct);
    EXPECT_EQ(outcome.xp_awarded, 5);
    EXPECT_EQ(progress.track_xp.at("gpu"), 5);

    outcome = answer(cpu, 0, pick({1}));
    EXPECT_TRUE(outcome.counted);
    EXPECT_TRUE(outcome.correct);
    EXPECT_EQ(outcome.xp_awarded, 0);
    EXPECT_EQ(progress.track_xp.at("gpu"), 5);

    const auto& q = saved(cpu, 0);
    EXPECT_EQ(q.attempts, 3);
    EXPECT_EQ(q.wrong_attempts, 1);
    EXPECT_TRUE(q.correct);
    EXPECT_EQ(q.xp_awarded, 5);
}

TEST_F(LearningTest, TheFirstRightAnswerEntersReviewScheduledByHowItCame) {
    answer(cpu, 0, pick({0}));
    answer(cpu, 0, pick({1}));  // right after a wrong try: quality 3
    const auto& after_miss = saved(cpu, 0);
    EXPECT_TRUE(after_miss.in_review);
    EXPECT_EQ(after_miss.card.repetitions, 1);
    EXPECT_EQ(after_miss.card.due_day, kToday + 1);
    EXPECT_NEAR(after_miss.card.ease, 2.36, 1e-12);

    answer(cpu, 1, number(14), /*hint=*/true);  // first try with a hint: quality 4
    EXPECT_TRUE(saved(cpu, 1).used_hint);
    EXPECT_DOUBLE_EQ(saved(cpu, 1).card.ease, 2.5);

    answer(cpu, 1, number(14));  // answering again does not review the card again
    EXPECT_EQ(saved(cpu, 1).card.repetitions, 1);
}

TEST_F(LearningTest, XpGoesToTheLessonsTrackAndAddsUpToTheTotal) {
    complete_cpu_lesson();
    answer(vram, 0, pick({0, 1}));
    answer(vram, 1, arrange({0, 1, 2, 3}));
    EXPECT_EQ(progress.track_xp.at("gpu"), 10 + 5 + 5 + 20);
    EXPECT_EQ(progress.track_xp.at("memory"), 10);
    EXPECT_EQ(progress.total_xp(), 50);
}

TEST_F(LearningTest, ALessonCompletesOnlyWhenReadToTheEndAndEveryQuestionIsRight) {
    dojo::mark_read_to_end(progress, course, intro, kToday);
    answer(cpu, 0, pick({1}));
    EXPECT_FALSE(dojo::is_complete(progress, cpu));
    const auto right_but_unread = answer(cpu, 1, number(14));
    EXPECT_FALSE(right_but_unread.lesson_completed);
    EXPECT_FALSE(dojo::is_complete(progress, cpu));

    const auto read = dojo::mark_read_to_end(progress, course, cpu, kToday + 2);
    EXPECT_TRUE(read.lesson_completed);
    EXPECT_EQ(read.lesson_xp_awarded, 20);
    EXPECT_TRUE(dojo::is_complete(progress, cpu));
    EXPECT_EQ(progress.lessons.at("cpu-vs-gpu").completed_day, kToday + 2);
    EXPECT_EQ(progress.lessons.at("cpu-vs-gpu").xp_awarded, 20);

    const int total = progress.total_xp();
    const auto again = dojo::mark_read_to_end(progress, course, cpu, kToday + 3);
    EXPECT_FALSE(again.lesson_completed);
    EXPECT_EQ(progress.total_xp(), total);  // lesson XP once
}

TEST_F(LearningTest, ReadingFirstThenTheLastRightAnswerCompletes) {
    dojo::mark_read_to_end(progress, course, intro, kToday);
    EXPECT_FALSE(dojo::mark_read_to_end(progress, course, cpu, kToday).lesson_completed);
    answer(cpu, 0, pick({1}));
    answer(cpu, 1, number(20));  // wrong: not yet
    EXPECT_FALSE(dojo::is_complete(progress, cpu));
    const auto outcome = answer(cpu, 1, number(14.2));
    EXPECT_TRUE(outcome.lesson_completed);
    EXPECT_EQ(outcome.xp_awarded, 5);
    EXPECT_EQ(outcome.lesson_xp_awarded, 20);
}

TEST_F(LearningTest, ALessonWithoutQuestionsCompletesWhenRead) {
    const auto outcome = dojo::mark_read_to_end(progress, course, intro, kToday);
    EXPECT_TRUE(outcome.lesson_completed);
    EXPECT_EQ(outcome.lesson_xp_awarded, 10);
    EXPECT_EQ(progress.track_xp.at("gpu"), 10);
}

TEST_F(LearningTest, LevelUpIsReportedWhenTheTotalCrossesABoundary) {
    EXPECT_FALSE(dojo::mark_read_to_end(progress, course, intro, kToday).level_up);  // 10
    EXPECT_FALSE(answer(cpu, 0, pick({1})).level_up);                                // 15
    EXPECT_FALSE(answer(cpu, 1, number(14)).level_up);                               // 20
    const auto outcome = dojo::mark_read_to_end(progress, course, cpu, kToday);      // 40
    EXPECT_TRUE(outcome.level_up);
    EXPECT_EQ(outcome.level_name, "Apprentice");
    EXPECT_FALSE(answer(vram, 0, pick({0, 1})).level_up);  // 45: still Apprentice
}

TEST_F(LearningTest, ReviewsRescheduleAndARightOneEarnsTheReviewXp) {
    const Question& q = cpu.questions[0];
    // Not in review yet: nothing happens.
    EXPECT_FALSE(dojo::record_review(progress, course, cpu, q, pick({1}), kToday).counted);

    answer(cpu, 0, pick({1}));  // quality 5: due tomorrow
    const int xp = progress.total_xp();
    auto outcome = dojo::record_review(progress, course, cpu, q, pick({}), kToday + 1);
    EXPECT_FALSE(outcome.counted);
    EXPECT_EQ(saved(cpu, 0).card.repetitions, 1);

    outcome = dojo::record_review(progress, course, cpu, q, pick({1}), kToday + 1);
    EXPECT_TRUE(outcome.counted);
    EXPECT_TRUE(outcome.correct);
    EXPECT_EQ(outcome.xp_awarded, dojo::kReviewXp);
    EXPECT_EQ(progress.habit.xp_by_day[kToday + 1], dojo::kReviewXp) << "and it counts as study that day";
    EXPECT_EQ(saved(cpu, 0).card.repetitions, 2);
    EXPECT_EQ(saved(cpu, 0).card.due_day, kToday + 1 + 6);

    outcome = dojo::record_review(progress, course, cpu, q, pick({2}), kToday + 7);
    EXPECT_TRUE(outcome.counted);
    EXPECT_FALSE(outcome.correct);
    EXPECT_EQ(saved(cpu, 0).card.repetitions, 0);
    EXPECT_EQ(saved(cpu, 0).card.lapses, 1);
    EXPECT_EQ(saved(cpu, 0).card.due_day, kToday + 8);
    EXPECT_EQ(saved(cpu, 0).attempts, 1);  // reviews are not quiz attempts
    EXPECT_EQ(progress.total_xp(), xp + dojo::kReviewXp) << "the right review only";
}

// ---- Lesson states, levels, continue, due reviews ------------------------------------------------

TEST_F(LearningTest, LessonStatesFollowPrerequisitesAndErrors) {
    EXPECT_EQ(dojo::lesson_state(course, progress, intro), LessonState::Available);
    EXPECT_EQ(dojo::lesson_state(course, progress, cpu), LessonState::Locked);
    EXPECT_EQ(dojo::lesson_state(course, progress, vram), LessonState::Locked);
    EXPECT_EQ(dojo::lesson_state(course, progress, course.lessons[3]), LessonState::Locked);  // has errors
    EXPECT_EQ(dojo::lesson_state(course, progress, course.lessons[4]), LessonState::Locked);  // unknown prerequisite

    dojo::mark_read_to_end(progress, course, intro, kToday);
    EXPECT_EQ(dojo::lesson_state(course, progress, intro), LessonState::Mastered);  // nothing to master
    EXPECT_EQ(dojo::lesson_state(course, progress, cpu), LessonState::Available);
    EXPECT_EQ(dojo::lesson_state(course, progress, vram), LessonState::Locked);

    answer(cpu, 0, pick({1}));
    answer(cpu, 1, number(14));
    dojo::mark_read_to_end(progress, course, cpu, kToday);
    EXPECT_EQ(dojo::lesson_state(course, progress, cpu), LessonState::Done);
    EXPECT_EQ(dojo::lesson_state(course, progress, vram), LessonState::Available);

    // A broken lesson stays locked even if an old save says it was done.
    progress.lessons["broken"].completed = true;
    EXPECT_EQ(dojo::lesson_state(course, progress, course.lessons[3]), LessonState::Locked);
}

TEST_F(LearningTest, MasteredNeedsEveryQuestionReviewedRightTwice) {
    complete_cpu_lesson();
    for (std::size_t i = 0; i < cpu.questions.size(); ++i) {
        const Answer right = i == 0 ? pick({1}) : number(14);
        dojo::record_review(progress, course, cpu, cpu.questions[i], right, kToday + 1);
        EXPECT_EQ(dojo::lesson_state(course, progress, cpu), LessonState::Done);
        dojo::record_review(progress, course, cpu, cpu.questions[i], right, kToday + 7);
    }
    EXPECT_EQ(dojo::lesson_state(course, progress, cpu), LessonState::Mastered);
    // Forgetting one drops it back to Done.
    dojo::record_review(progress, course, cpu, cpu.questions[1], number(99), kToday + 30);
    EXPECT_EQ(dojo::lesson_state(course, progress, cpu), LessonState::Done);
}

TEST(LevelFor, FindsTheLevelAndTheWayToTheNext) {
    const Course course = make_course();
    auto info = dojo::level_for(course, 0);
    EXPECT_EQ(info.index, 0);
    EXPECT_EQ(info.name, "Novice");
    EXPECT_EQ(info.level_xp, 0);
    EXPECT_EQ(info.next_xp, 30);
    EXPECT_FLOAT_EQ(info.fraction, 0.0f);

    info = dojo::level_for(course, 15);
    EXPECT_EQ(info.xp, 15);
    EXPECT_FLOAT_EQ(info.fraction, 0.5f);

    info = dojo::level_for(course, 29);
    EXPECT_EQ(info.name, "Novice");
    info = dojo::level_for(course, 30);
    EXPECT_EQ(info.index, 1);
    EXPECT_EQ(info.name, "Apprentice");
    EXPECT_EQ(info.next_xp, 100);
    EXPECT_FLOAT_EQ(info.fraction, 0.0f);

    info = dojo::level_for(course, 100);
    EXPECT_EQ(info.index, 2);
    EXPECT_EQ(info.name, "Adept");
    EXPECT_EQ(info.next_xp, -1);
    EXPECT_FLOAT_EQ(info.fraction, 1.0f);
    EXPECT_EQ(dojo::level_for(course, 5000).index, 2);
}

TEST(LevelFor, ACourseWithoutLevelsHasOneLearnerLevel) {
    const auto info = dojo::level_for(Course{}, 250);
    EXPECT_EQ(info.index, 0);
    EXPECT_EQ(info.name, "Learner");
    EXPECT_EQ(info.xp, 250);
    EXPECT_EQ(info.next_xp, -1);
    EXPECT_FLOAT_EQ(info.fraction, 1.0f);
}

TEST_F(LearningTest, ContinuePrefersTheLastPlaceWhenItIsOpenAndUnfinished) {
    EXPECT_EQ(dojo::continue_lesson(course, progress), &intro);
    progress.last_place = "#/lesson/cpu-vs-gpu";  // still locked
    EXPECT_EQ(dojo::continue_lesson(course, progress), &intro);

    dojo::mark_read_to_end(progress, course, intro, kToday);
    progress.last_place = "#/lesson/intro";  // done: move on
    EXPECT_EQ(dojo::continue_lesson(course, progress), &cpu);

    complete_cpu_lesson();
    progress.last_place = "#/lesson/vram/q2";
    EXPECT_EQ(dojo::continue_lesson(course, progress), &vram);
    progress.last_place = "#/glossary";
    EXPECT_EQ(dojo::continue_lesson(course, progress), &vram);

    answer(vram, 0, pick({0, 1}));
    answer(vram, 1, arrange({0, 1, 2, 3}));
    answer(vram, 2, say(false));
    dojo::mark_read_to_end(progress, course, vram, kToday);
    EXPECT_EQ(dojo::continue_lesson(course, progress), nullptr);  // only locked lessons are left
}

TEST_F(LearningTest, ContinueSkipsToTheFirstAvailableInCourseOrder) {
    // A later lesson made available while an earlier one is still open: the earlier one comes first.
    dojo::mark_read_to_end(progress, course, intro, kToday);
    progress.lessons["cpu-vs-gpu"].completed = true;  // e.g. from an older course version
    progress.lessons["intro"].completed = false;
    EXPECT_EQ(dojo::continue_lesson(course, progress), &intro);
}

TEST_F(LearningTest, DueReviewsAreTheOverdueOnesMostOverdueFirst) {
    auto put = [&](const std::string& key, std::int64_t due, bool in_review = true) {
        auto& q = progress.questions[key];
        q.in_review = in_review;
        q.card.due_day = due;
    };
    put("cpu-vs-gpu/q1", kToday);
    put("cpu-vs-gpu/q2", kToday - 5);
    put("vram/q1", kToday + 1);         // not due yet
    put("vram/q2", kToday - 5);         // tie with cpu-vs-gpu/q2: course order
    put("vram/q3", kToday - 9, false);  // not in review
    put("vram/gone", kToday - 30);      // the course no longer has it
    put("deleted-lesson/q1", kToday - 30);

    const auto due = dojo::due_reviews(course, progress, kToday);
    ASSERT_EQ(due.size(), 3u);
    EXPECT_EQ(due[0].lesson, &cpu);
    EXPECT_EQ(due[0].question, &cpu.questions[1]);
    EXPECT_EQ(due[0].due_day, kToday - 5);
    EXPECT_EQ(due[1].lesson, &vram);
    EXPECT_EQ(due[1].question, &vram.questions[1]);
    EXPECT_EQ(due[2].question, &cpu.questions[0]);
    EXPECT_EQ(due[2].due_day, kToday);

    EXPECT_EQ(dojo::due_reviews(course, progress, kToday + 1).size(), 4u);
    EXPECT_TRUE(dojo::due_reviews(course, progress, kToday - 6).empty());
}

}  // namespace
