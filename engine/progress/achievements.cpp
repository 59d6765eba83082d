// What each achievement condition counts (achievements.h; the kinds are course/achievement.h).
#include "progress/achievements.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "progress/learning.h"

namespace dojo {

namespace {

using nlohmann::json;

double count_if_lessons(const Course& course, const Progress& progress, const std::string& track) {
    double n = 0;
    for (const Lesson& l : course.lessons)
        if ((track.empty() || l.track == track) && is_complete(progress, l)) ++n;
    return n;
}

bool track_done(const Course& course, const Progress& progress, const std::string& track) {
    bool any = false;
    for (const Lesson& l : course.lessons) {
        if (l.track != track) continue;
        any = true;
        if (!is_complete(progress, l)) return false;
    }
    return any;
}

// The saved report of a lab's latest run on this machine, parsed (null when there is none).
json latest_report(const Progress& progress, const std::string& lab) {
    const auto it = progress.lab_results.find(lab);
    if (it == progress.lab_results.end()) return json();
    json j = json::parse(it->second, nullptr, /*allow_exceptions=*/false);
    return j.is_discarded() ? json() : j;
}

bool names(const std::string& of, const std::string& id) {
    return of == "any" || of == id;
}

double gpu_speedup(const Progress& progress) {
    double best = 0;
    for (const HardwareRecord& gpu : progress.hardware_record) {
        if (gpu.lab != "matmul" || gpu.backend == "cpu") continue;
        for (const HardwareRecord& cpu : progress.hardware_record)
            if (cpu.lab == "matmul" && cpu.backend == "cpu" && cpu.machine == gpu.machine && cpu.naive_cpu > 0)
                best = std::max(best, gpu.value / cpu.naive_cpu);
    }
    return best;
}

bool vram_wall_recovered(const Progress& progress) {
    const json r = latest_report(progress, "vram");
    if (!r.is_object() || !r.contains("vram") || !r["vram"].is_object()) return false;
    const json& v = r["vram"];
    return v.value("hit_wall", false) && v.value("memory_returned", false);
}

// FP32, FP16 and BF16 all measured and checked in one run of the precision lab (and TF32 with them
// where the device has it: the lab runs what the backend offers).
bool precision_all_formats(const Progress& progress) {
    const json r = latest_report(progress, "precision");
    if (!r.is_object() || !r.contains("matmul") || !r["matmul"].is_array()) return false;
    std::set<std::string> passed;
    for (const json& m : r["matmul"])
        if (m.is_object() && m.value("passed", false)) passed.insert(m.value("dtype", ""));
    return passed.count("fp32") && passed.count("fp16") && passed.count("bf16");
}

}  // namespace

AchievementProgress achievement_progress(const Course& course, const Progress& progress, const Achievement& a,
                                         std::int64_t today) {
    AchievementProgress p;
    p.need = std::max(1, a.at_least);
    auto yes = [&](bool b) {
        p.need = 1;
        p.have = b ? 1 : 0;
    };
    switch (a.kind) {
        case AchievementKind::LessonsCompleted:
            p.have = count_if_lessons(course, progress, "");
            break;
        case AchievementKind::AllLessons:
            p.need = static_cast<double>(course.lessons.size());
            p.have = count_if_lessons(course, progress, "");
            break;
        case AchievementKind::TrackCompleted: {
            bool done = false;
            for (const Track& t : course.tracks)
                if (names(a.of, t.id) && track_done(course, progress, t.id)) done = true;
            yes(done);
            break;
        }
        case AchievementKind::QuestionsFirstTry:
            for (const auto& [key, q] : progress.questions)
                if (q.correct && q.wrong_attempts == 0 && !q.used_hint) ++p.have;
            break;
        case AchievementKind::QuestionsMastered:
            for (const auto& [key, q] : progress.questions)
                if (q.in_review && q.card.repetitions >= 3) ++p.have;
            break;
        case AchievementKind::TotalXp:
            p.have = progress.total_xp();
            break;
        case AchievementKind::StreakDays:
            p.have = longest_streak(progress.habit, today);
            break;
        case AchievementKind::GoalDays:
            p.have = goal_days(progress.habit, today);
            break;
        case AchievementKind::LabRun: {
            bool ran = false;
            for (const auto& [lab, text] : progress.lab_results) ran |= names(a.of, lab);
            for (const HardwareRecord& r : progress.hardware_record) ran |= names(a.of, r.lab);
            yes(ran);
            break;
        }
        case AchievementKind::LabOnGpu: {
            bool ran = false;
            for (const HardwareRecord& r : progress.hardware_record) ran |= names(a.of, r.lab) && r.backend != "cpu";
            yes(ran);
            break;
        }
        case AchievementKind::GpuSpeedup:
            p.have = gpu_speedup(progress);
            break;
        case AchievementKind::VramWallRecovered:
            yes(vram_wall_recovered(progress));
            break;
        case AchievementKind::PrecisionAllFormats:
            yes(precision_all_formats(progress));
            break;
        case AchievementKind::Machines: {
            std::set<std::string> machines;
            for (const HardwareRecord& r : progress.hardware_record) machines.insert(r.machine);
            p.have = static_cast<double>(machines.size());
            break;
        }
        case AchievementKind::ExercisesPassed:
            for (const auto& [id, e] : progress.exercises)
                if (e.passed && names(a.of, id) && course.find_exercise(id)) ++p.have;
            if (a.of != "any") p.need = 1;
            break;
        case AchievementKind::ExerciseFirstRun: {
            bool first = false;
            for (const auto& [id, e] : progress.exercises)
                first |= e.passed && (e.passed_on_run == 1 || (e.passed_on_run == 0 && e.runs == 1));
            yes(first);
            break;
        }
        case AchievementKind::RaceFixed: {
            bool fixed = false;
            for (const auto& [id, e] : progress.exercises) fixed |= e.race_seen && e.passed;
            yes(fixed);
            break;
        }
        case AchievementKind::Presented:
            p.have = static_cast<double>(progress.presented.size());
            break;
    }
    return p;
}

std::vector<const Achievement*> award_achievements(const Course& course, Progress& progress, std::int64_t today) {
    std::vector<const Achievement*> earned;
    for (const Achievement& a : course.achievements) {
        if (progress.achievements.count(a.id)) continue;
        if (!achievement_progress(course, progress, a, today).met()) continue;
        progress.achievements[a.id] = today;
        earned.push_back(&a);
    }
    return earned;
}

}  // namespace dojo
