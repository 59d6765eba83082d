// Lesson cards for the home and search lists, and the lookups the views share.
#include "ui/lesson_cards.h"

#include <string>

#include "progress/learning.h"
#include "ui/access_tree.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"

namespace dojo {

ImU32 track_color(const Course& course, const std::string& track) {
    const Track* t = course.find_track(track);
    // Lesson data picks the color for the dark theme; readable() keeps it legible as text on the others.
    return t ? theme::readable(theme::parse_color(t->color, theme::kAccent)) : theme::kAccent;
}

int lesson_index(const Course& course, const std::string& id) {
    for (std::size_t i = 0; i < course.lessons.size(); ++i)
        if (course.lessons[i].id == id) return static_cast<int>(i);
    return -1;
}

const QuestionProgress* question_progress(const Progress& progress, const Lesson& lesson, const Question& question) {
    auto it = progress.questions.find(question_key(lesson.id, question.id));
    return it == progress.questions.end() ? nullptr : &it->second;
}

bool LessonCards::row(const Lesson& lesson, float width) {
    // Measuring wrapped text is most of a card's cost: a card out of view just reserves its height.
    if (auto known = sizes_.find(&lesson);
        known != sizes_.end() && known->second.x == width && !ImGui::IsRectVisible({width, known->second.y})) {
        ImGui::Dummy({width, known->second.y});
        ImGui::Dummy({0, 2});
        return false;
    }
    const bool broken = lesson.has_errors();
    const LessonState state = broken ? LessonState::Locked : lesson_state(course_, progress_, lesson);
    const float pad = 16.0f;
    const float inner = width - 2 * pad - 6;
    const std::string& title = lesson.title.empty() ? lesson.id : lesson.title;
    const std::string detail = broken ? lesson.problems.front().to_string() : lesson.summary;
    std::string meta;
    ImU32 meta_color = theme::kTextDim;
    if (broken) {
        meta = std::string(icon::kWarning) + "  Can't be opened";
        meta_color = theme::kDanger;
    } else {
        const Track* t = course_.find_track(lesson.track);
        meta = std::string(icon::kClock) + "  " + std::to_string(lesson.minutes) + " min   " + icon::kStar + " " +
               std::to_string(lesson.xp) + " XP" + (t ? "   \xc2\xb7  " + t->name : "");
        switch (state) {
            case LessonState::Locked:
                meta += std::string("   ") + icon::kLock + " Locked";
                break;
            case LessonState::Done:
                meta += std::string("   ") + icon::kCheck + " Done";
                break;
            case LessonState::Mastered:
                meta += std::string("   ") + icon::kTrophy + " Mastered";
                break;
            case LessonState::Available:
                break;
        }
        if (state == LessonState::Done || state == LessonState::Mastered) meta_color = theme::kSuccess;
    }
    const FontSet& f = fonts();
    ImGui::PushFont(f.subheading);
    const float title_h = ImGui::CalcTextSize(title.c_str(), nullptr, false, inner).y;
    const float title_px = ImGui::GetFontSize();
    ImGui::PopFont();
    const float detail_h = detail.empty() ? 0 : ImGui::CalcTextSize(detail.c_str(), nullptr, false, inner).y;
    const float meta_h = ImGui::CalcTextSize(meta.c_str(), nullptr, false, inner).y;
    const float height = pad + title_h + 6 + detail_h + (detail.empty() ? 0 : 10) + meta_h + pad;
    sizes_[&lesson] = {width, height};

    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushID(lesson.path.c_str());
    const bool clicked = ImGui::InvisibleButton("##card", {width, height});
    ImGui::PopID();
    const bool hovered = ImGui::IsItemHovered();
    widget_registry().record(title, p.x, p.y, width, height);
    if (AccessNode* link = describe_last_item(AccessRole::Link, title)) {
        link->href = "#/lesson/" + lesson.id;
        link->description = readable_label(meta) + (detail.empty() ? "" : ". " + detail);
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 edge = broken                         ? theme::kDanger
                       : state == LessonState::Locked ? theme::kBorder
                                                      : track_color(course_, lesson.track);
    dl->AddRectFilled(p, {p.x + width, p.y + height}, hovered && !broken ? theme::kSurfaceHover : theme::kSurface, 8);
    dl->AddRectFilled(p, {p.x + 6, p.y + height}, edge, 8, ImDrawFlags_RoundCornersLeft);
    if (ImGui::IsItemFocused()) dl->AddRect(p, {p.x + width, p.y + height}, theme::kAccent, 8, 0, 2);
    float y = p.y + pad;
    const float x = p.x + 6 + pad;
    dl->AddText(f.subheading, title_px, {x, y}, state == LessonState::Locked && !broken ? theme::kTextDim : theme::kText,
                title.c_str(), nullptr, inner);
    y += title_h + 6;
    if (!detail.empty()) {
        dl->AddText(f.body, ImGui::GetFontSize(), {x, y}, theme::kTextDim, detail.c_str(), nullptr, inner);
        y += detail_h + 10;
    }
    dl->AddText(f.body, ImGui::GetFontSize(), {x, y}, meta_color, meta.c_str(), nullptr, inner);
    if (hovered && !broken) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::Dummy({0, 2});
    return clicked && !broken;
}

}  // namespace dojo
