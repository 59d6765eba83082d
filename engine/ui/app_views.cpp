// The shell's own views: home (the lessons by track, and where to continue) and a lesson's page
// around its blocks (header, objectives, the end that counts as read, what comes next).
#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include <imgui.h>

#include "labs/lab_report.h"
#include "ui/access_tree.h"
#include "ui/app_shell.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/lesson_reader.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace dojo {

// ---- Home ----------------------------------------------------------------------------------------

void AppShell::draw_home(float width) {
    ImGui::PushFont(fonts().title);
    ImGui::TextWrapped("Learn how AI hardware works");
    access_text("Learn how AI hardware works", AccessRole::Heading, 1);
    ImGui::PopFont();
    text_colored(theme::kTextDim,
                 "Why GPUs beat CPUs at AI math, what VRAM is for, and how to check the hardware in front of you. Short lessons, "
                 "quizzes that count, and a skill tree that opens as you learn.");
    ImGui::Dummy({0, 8});

    if (const Lesson* next = continue_lesson(course_, progress_)) {
        ImGui::PushFont(fonts().strong);
        const std::string label =
            std::string(icon::kPlay) + "  " + (progress_.lessons.empty() ? "Start: " : "Continue: ") + next->title;
        ImGui::PopFont();
        ImGui::PushStyleColor(ImGuiCol_Button, theme::tint(theme::kAccent, 0.55f));
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, {16, 10});
        if (ImGui::Button(label.c_str())) navigate("#/lesson/" + next->id);
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
    } else if (!course_.lessons.empty()) {
        text_colored(theme::kSuccess,
                     (std::string(icon::kTrophy) + "  Every lesson is complete. Reviews keep it fresh.").c_str());
    }
    const std::size_t due = due_count_;
    if (due > 0) {
        ImGui::SameLine();
        if (ImGui::Button((std::string(icon::kRefresh) + "  " + std::to_string(due) + " to review").c_str()))
            navigate("#/review");
    }
    ImGui::Dummy({0, 10});

    if (course_.lessons.empty()) {
        text_colored(theme::kTextDim, "No lessons were found.");
        for (const auto& d : course_.problems) text_colored(theme::kDanger, d.to_string().c_str());
        return;
    }
    // The lessons by track, in course order.
    std::vector<std::string> tracks;
    for (const Lesson& l : course_.lessons)
        if (std::find(tracks.begin(), tracks.end(), l.track) == tracks.end()) tracks.push_back(l.track);
    for (const std::string& track_id : tracks) {
        const Track* t = course_.find_track(track_id);
        ImGui::Dummy({0, 6});
        ImGui::PushFont(fonts().heading);
        ImGui::PushStyleColor(ImGuiCol_Text, track_color(course_, track_id));
        ImGui::TextUnformatted(t ? icon::icon_by_name(t->icon) : icon::kBook);
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::TextUnformatted(t ? t->name.c_str() : (track_id.empty() ? "Lessons" : track_id.c_str()));
        access_text(t ? t->name : (track_id.empty() ? "Lessons" : track_id), AccessRole::Heading, 2);
        ImGui::PopFont();
        for (const Lesson& l : course_.lessons)
            if (l.track == track_id && cards_.row(l, width)) navigate("#/lesson/" + l.id);
    }
}

// ---- Lesson --------------------------------------------------------------------------------------

void AppShell::draw_lesson(const Lesson& lesson, float width) {
    const Track* track = course_.find_track(lesson.track);
    ImGui::PushStyleColor(ImGuiCol_Button, 0u);
    if (ImGui::Button((std::string(icon::kChevronLeft) + "  All lessons").c_str())) navigate("#/");
    ImGui::PopStyleColor();
    if (track) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::PushStyleColor(ImGuiCol_Text, track_color(course_, lesson.track));
        ImGui::Text("%s  %s", icon::icon_by_name(track->icon), track->name.c_str());
        access_text("Track: " + track->name);
        ImGui::PopStyleColor();
    }
    draw_present_button(lesson, width);
    ImGui::PushFont(fonts().title);
    ImGui::TextWrapped("%s", lesson.title.c_str());
    access_text(lesson.title, AccessRole::Heading, 1);
    ImGui::PopFont();
    const bool complete = is_complete(progress_, lesson);
    std::string meta = std::string(icon::kClock) + " " + std::to_string(lesson.minutes) + " min   " + icon::kStar + " " +
                       std::to_string(lesson.xp) + " XP   " + std::to_string(lesson.questions.size()) +
                       (lesson.questions.size() == 1 ? " question" : " questions");
    if (complete) meta += std::string("   ") + icon::kCheck + " Complete";
    text_colored(complete ? theme::kSuccess : theme::kTextDim, meta.c_str());
    if (!lesson.objectives.empty()) {
        begin_card(width, 14);
        ImGui::PushFont(fonts().strong);
        ImGui::TextUnformatted("In this lesson you will");
        access_text("In this lesson you will", AccessRole::Heading, 2);
        ImGui::PopFont();
        access_tree().open({.role = AccessRole::List});
        for (const auto& o : lesson.objectives) {
            // A hanging indent: wrapped lines start under the text, not under the chevron.
            ImGui::TextUnformatted(icon::kChevronRight);
            ImGui::SameLine();
            ImGui::BeginGroup();
            wrapped_text(o.c_str());
            ImGui::EndGroup();
            access_text(o, AccessRole::ListItem);
        }
        access_tree().close();
        end_card(theme::kSurface, track_color(course_, lesson.track));
    }
    ImGui::Dummy({0, 4});

    ReaderContext ctx{course_, lesson,           platform_,   quizzes_,    *this,
                      {},      &lab_headlines(), &explorers_, &exercises_, &exercise_events_};
    // A first heading that repeats the title (as Markdown viewers need) is already shown above.
    std::size_t first = 0;
    if (!lesson.blocks.empty() && lesson.blocks[0].kind == BlockKind::Heading && lesson.blocks[0].level == 1) {
        std::string text;
        for (const Span& s : lesson.blocks[0].spans) text += s.text;
        if (text == lesson.title) first = 1;
    }
    draw_blocks(std::span<const Block>(lesson.blocks).subspan(first), width, ctx);
    if (!ctx.clicked_link.empty()) follow_link(ctx.clicked_link);

    // The end of the lesson: reaching it counts as reading it.
    ImGui::Dummy({0, 8});
    column_rule(width);
    ImGui::Dummy({width, 1});
    if (ImGui::IsItemVisible()) {
        auto it = progress_.lessons.find(lesson.id);
        if (it == progress_.lessons.end() || !it->second.read_to_end) {
            const Outcome o = mark_read_to_end(progress_, course_, lesson, today_);
            after_outcome(o, lesson);
            save();
        }
    }
    std::size_t solved = 0;
    for (const auto& q : lesson.questions)
        if (const QuestionProgress* p = progress_of(lesson, q); p && p->correct) ++solved;
    if (is_complete(progress_, lesson)) {
        text_colored(theme::kSuccess, (std::string(icon::kCheckCircle) + "  Lesson complete.").c_str());
    } else {
        const std::string left = "Answer every question correctly to complete this lesson: " + std::to_string(solved) + " of " +
                                 std::to_string(lesson.questions.size()) + " so far.";
        text_colored(theme::kTextDim, left.c_str());
    }
    if (const Lesson* next = continue_lesson(course_, progress_); next && next != &lesson) {
        // "Next" when it is the lesson after this one; otherwise it is where the learner left the course.
        const bool following = next == &lesson + 1;
        if (ImGui::Button(
                (std::string(following ? "Next: " : "Continue with: ") + next->title + "  " + icon::kChevronRight).c_str()))
            navigate("#/lesson/" + next->id);
    }
    if (!lesson.sources.empty()) {
        ImGui::Dummy({0, 10});
        ImGui::PushFont(fonts().strong);
        text_colored(theme::kTextDim, "Sources");
        ImGui::PopFont();
        for (const auto& s : lesson.sources) text_colored(theme::kTextDim, ("\xe2\x80\xa2 " + s).c_str());
    }
}

// The headline of each stored lab result, for the lab cards in lessons; parsed again only when a result changes.
const std::map<std::string, std::string>& AppShell::lab_headlines() {
    for (const auto& [lab, text] : progress_.lab_results) {
        auto& cached = headline_cache_[lab];
        if (cached.first == text) continue;
        cached.first = text;
        const LabReportParse parsed = parse_lab_reports(text);
        cached.second = parsed.ok && !parsed.reports.empty() ? lab_headline(parsed.reports.front()) : "";
        headlines_[lab] = cached.second;
    }
    for (auto it = headlines_.begin(); it != headlines_.end();)
        it = progress_.lab_results.count(it->first) ? std::next(it) : headlines_.erase(it);
    return headlines_;
}

}  // namespace dojo
