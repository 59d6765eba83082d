// The app shell's side of presenter mode: its route, the Present button in a lesson's header, the
// larger type it asks for, and the labs it lends the presentation (ui/presenter_view.h draws it).
#include <algorithm>
#include <string>

#include <imgui.h>

#include "ui/app_shell.h"
#include "ui/fonts.h"
#include "ui/icons.h"

namespace dojo {

bool AppShell::present_route(const std::string& argument) {
    const auto [id, screen] = parse_present_argument(argument);
    const int index = lesson_index(course_, id);
    if (index < 0 || course_.lessons[static_cast<std::size_t>(index)].has_errors()) {
        show_notice("There is no lesson '" + id + "' that can be presented; here is the course instead.", true);
        return false;
    }
    lesson_ = index;
    presenter_.open(course_.lessons[static_cast<std::size_t>(index)], screen);
    return true;
}

void AppShell::present_zoom() {
    if (view_ != View::Present) {
        set_view_zoom(1.0f);
        return;
    }
    // The type size follows the window's size in pixels, whatever the learner's own UI scale.
    const ImGuiIO& io = ImGui::GetIO();
    const float scale = ui_scale();
    const float wanted = PresenterView::text_zoom({io.DisplaySize.x * scale, io.DisplaySize.y * scale});
    set_view_zoom(std::max(1.0f, wanted / learner_ui_scale()));
}

void AppShell::draw_presenter() {
    if (lesson_ < 0) return;
    const Lesson& lesson = course_.lessons[static_cast<std::size_t>(lesson_)];
    PresenterContext ctx{course_, lesson, platform_, &explorers_, {}};
    ctx.draw_measured_lab = [this](const Block& lab, float width) {
        if (labs_.selected() != lab.text) {  // the lesson's parameters once, then the teacher's choices
            labs_.select(lab.text);
            (void)labs_.apply_params(lab.params);  // a lesson's block was checked when the course loaded
        }
        labs_.draw_focused(width, progress_.lab_results, labs_events_);
    };
    switch (presenter_.draw(ctx)) {
        case PresenterAction::None:
            break;
        case PresenterAction::Moved:
            // The address follows the screen, so a reload keeps the place; no new history entry per screen.
            route_ = presenter_.route();
            platform_.route_changed(route_, true);
            // Presented to the end: the last screen reached (an achievement counts these).
            if (presenter_.screen() + 1 == presenter_.screen_count() && progress_.presented.insert(lesson.id).second) save();
            break;
        case PresenterAction::Leave:
            navigate("#/lesson/" + lesson.id);
            break;
    }
}

void AppShell::draw_present_button(const Lesson& lesson, float width) {
    const std::string label = std::string(icon::kDesktop) + "  Present";
    const float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
    // Right-aligned in the reading column (centered in the window), or on its own line when narrow.
    const float min_x = ImGui::GetWindowContentRegionMin().x, max_x = ImGui::GetWindowContentRegionMax().x;
    const float right = min_x + (max_x - min_x + width) * 0.5f;
    ImGui::SameLine();
    if (ImGui::GetCursorPosX() + w + 8 > right)
        ImGui::NewLine();
    else
        ImGui::SetCursorPosX(right - w);
    if (ImGui::Button(label.c_str())) navigate("#/present/" + lesson.id);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Show this lesson one screen at a time in large type, for a projector.\n"
            "Arrow keys or Space move; B blanks the screen; Esc comes back here.");
}

}  // namespace dojo
