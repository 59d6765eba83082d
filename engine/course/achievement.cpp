// The achievement condition kinds (achievement.h).
#include "course/achievement.h"

#include <iterator>

namespace dojo {

namespace {

constexpr AchievementKindInfo kKinds[] = {
    {AchievementKind::LessonsCompleted, "lessons-completed", AchievementTarget::None},
    {AchievementKind::AllLessons, "all-lessons", AchievementTarget::None},
    {AchievementKind::TrackCompleted, "track-completed", AchievementTarget::Track},
    {AchievementKind::QuestionsFirstTry, "questions-first-try", AchievementTarget::None},
    {AchievementKind::QuestionsMastered, "questions-mastered", AchievementTarget::None},
    {AchievementKind::TotalXp, "total-xp", AchievementTarget::None},
    {AchievementKind::StreakDays, "streak-days", AchievementTarget::None},
    {AchievementKind::GoalDays, "goal-days", AchievementTarget::None},
    {AchievementKind::LabRun, "lab-run", AchievementTarget::Lab},
    {AchievementKind::LabOnGpu, "lab-on-gpu", AchievementTarget::Lab},
    {AchievementKind::GpuSpeedup, "gpu-speedup", AchievementTarget::None},
    {AchievementKind::VramWallRecovered, "vram-wall-recovered", AchievementTarget::None},
    {AchievementKind::PrecisionAllFormats, "precision-all-formats", AchievementTarget::None},
    {AchievementKind::Machines, "machines", AchievementTarget::None},
    {AchievementKind::ExercisesPassed, "exercises-passed", AchievementTarget::Exercise},
    {AchievementKind::ExerciseFirstRun, "exercise-first-run", AchievementTarget::None},
    {AchievementKind::RaceFixed, "race-fixed", AchievementTarget::None},
    {AchievementKind::Presented, "presented", AchievementTarget::None},
};

}  // namespace

const AchievementKindInfo* achievement_kinds(std::size_t& count) {
    count = std::size(kKinds);
    return kKinds;
}

const AchievementKindInfo* find_achievement_kind(std::string_view name) {
    for (const auto& k : kKinds)
        if (k.name == name) return &k;
    return nullptr;
}

}  // namespace dojo
