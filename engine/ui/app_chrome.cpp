// The shell's chrome around the views: the top bar with its navigation, level and XP, the progress
// menu (export, import, reset), notices, the celebration card, and keyboard focus that shows.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/access_tree.h"
#include "ui/app_shell.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/redraw.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace dojo {

// ---- Top bar -------------------------------------------------------------------------------------

void AppShell::draw_nav_items(NavStyle style) {
    struct Item {
        const char* icon;
        const char* label;
        const char* route;
        View view;
    };
    const Item items[] = {{icon::kHome, "Home", "#/", View::Home},
                          {icon::kSitemap, "Skill tree", "#/tree", View::Tree},
                          {icon::kRefresh, "Review", "#/review", View::Review},
                          {icon::kBook, "Glossary", "#/glossary", View::Glossary},
                          {icon::kFlask, "Labs", "#/labs", View::Labs},
                          {icon::kQuestion, "FAQ", "#/faq", View::Faq},
                          {icon::kSearch, "Search", "#/search", View::Search}};
    const std::size_t due = due_count_;
    for (const Item& it : items) {
        std::string label = std::string(it.icon) + "  " + it.label;
        if (it.view == View::Review && due > 0) label += " (" + std::to_string(due) + ")";
        // Icons alone on medium screens; the name stays in the widget's id and its tooltip.
        if (style == NavStyle::Icons)
            label =
                std::string(it.icon) + (it.view == View::Review && due > 0 ? " " + std::to_string(due) : "") + "##" + it.label;
        const bool active = view_ == it.view;
        ImGui::PushStyleColor(ImGuiCol_Button, active ? theme::kSurfaceHover : 0u);
        ImGui::PushStyleColor(ImGuiCol_Text, active ? theme::kText : theme::kTextDim);
        if (style == NavStyle::Menu) {
            if (ImGui::Selectable(label.c_str(), active)) navigate(it.route);
        } else if (ImGui::Button(label.c_str())) {
            navigate(it.route);
        }
        describe_last_item(AccessRole::Button, it.label, active ? access_state::kCurrent : 0u);
        if (style == NavStyle::Icons && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", it.label);
        ImGui::PopStyleColor(2);
        if (style != NavStyle::Menu) ImGui::SameLine(0, 2);
    }
}

void AppShell::draw_top_bar(float height) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize({vp->WorkSize.x, height});
    ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::kSurface);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {16, 0});
    ImGui::Begin("##topbar", nullptr, kPanelFlags);
    access_tree().open({.role = AccessRole::Navigation, .name = "Compute Dojo"});
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 pos = ImGui::GetWindowPos();
    // Full labels need about 1260 logical pixels beside the title and XP; icons alone fit from 700.
    const NavStyle nav = vp->WorkSize.x >= 1260 ? NavStyle::Labels : vp->WorkSize.x >= 700 ? NavStyle::Icons : NavStyle::Menu;
    const bool narrow = nav == NavStyle::Menu;

    // The level: a thin bar along the bottom edge fills toward the next level.
    const LevelInfo level = level_for(course_, progress_.total_xp());
    dl->PushClipRectFullScreen();
    dl->AddLine({pos.x, pos.y + height - 1}, {pos.x + vp->WorkSize.x, pos.y + height - 1}, theme::kBorder);
    dl->AddRectFilled({pos.x, pos.y + height - 3}, {pos.x + vp->WorkSize.x * level.fraction, pos.y + height}, theme::kHighlight);
    dl->PopClipRect();

    const float row_y = (height - ImGui::GetFrameHeight()) * 0.5f;
    ImGui::SetCursorPosY(row_y);
    if (narrow) {
        ImGui::PushStyleColor(ImGuiCol_Button, 0u);
        const bool open = ImGui::Button((std::string(icon::kBars) + "##Menu").c_str());
        describe_last_item(AccessRole::Button, "Menu");
        ImGui::PopStyleColor();
        if (open) ImGui::OpenPopup("##nav");
        if (ImGui::BeginPopup("##nav")) {
            draw_nav_items(NavStyle::Menu);
            ImGui::EndPopup();
        }
        ImGui::SameLine();
    }
    // The logo is drawn at a fixed height: text after a framed button would inherit its baseline.
    {
        ImGui::PushFont(fonts().heading);
        const float fs = ImGui::GetFontSize();
        ImGui::PopFont();
        const bool with_name = !narrow || vp->WorkSize.x > 520;
        const ImVec2 at{ImGui::GetCursorScreenPos().x, pos.y + (height - fs) * 0.5f};
        const float chip_w = fonts().heading->CalcTextSizeA(fs, FLT_MAX, 0, icon::kMicrochip).x;
        dl->AddText(fonts().heading, fs, at, theme::kAccent, icon::kMicrochip);
        float w = chip_w;
        if (with_name) {
            dl->AddText(fonts().heading, fs, {at.x + chip_w + 10, at.y}, theme::kText, "Compute Dojo");
            w += 10 + fonts().heading->CalcTextSizeA(fs, FLT_MAX, 0, "Compute Dojo").x;
        }
        ImGui::SetCursorPosY(row_y);
        ImGui::Dummy({w, ImGui::GetFrameHeight()});
        ImGui::SameLine(0, 24);
    }
    if (!narrow) {
        ImGui::SetCursorPosY(row_y);
        draw_nav_items(nav);
    }

    // Right side: the daily goal's ring and streak, the level, total XP | the current track's XP, and
    // the menu. What does not fit beside the navigation is left out: the track first, then the level.
    const Lesson* focus = current_lesson();
    if (!focus) focus = continue_lesson(course_, progress_);
    const Track* track = focus ? course_.find_track(focus->track) : nullptr;
    const std::string xp = std::string(icon::kStar) + " " + std::to_string(progress_.total_xp()) + " XP";
    std::string xp_track;
    if (track && nav == NavStyle::Labels) {
        const auto it = progress_.track_xp.find(track->id);
        xp_track = "  |  " + track->name + " " + std::to_string(it == progress_.track_xp.end() ? 0 : it->second);
    }
    std::string lvl = nav != NavStyle::Labels ? "" : "Lv " + std::to_string(level.index + 1) + " \xc2\xb7 " + level.name;
    const Habit& habit = progress_.habit;
    const int streak = current_streak(habit, today_);
    const std::string streak_text = std::to_string(streak);
    const float ring_d = ImGui::GetFrameHeight() * 0.8f;
    const float goal_w = ring_d + 6 + ImGui::CalcTextSize((std::string(icon::kFire) + " " + streak_text).c_str()).x + 20;
    ImGui::PushFont(fonts().strong);
    const float xp_w = ImGui::CalcTextSize(xp.c_str()).x;
    const float track_w = ImGui::CalcTextSize(xp_track.c_str()).x;
    ImGui::PopFont();
    const float menu_w = ImGui::GetFrameHeight() + 8;
    const float free = ImGui::GetWindowWidth() - ImGui::GetCursorPosX() - menu_w - 24;
    float lvl_w = lvl.empty() ? 0 : ImGui::CalcTextSize(lvl.c_str()).x + 20;
    if (goal_w + lvl_w + xp_w + track_w > free) xp_track.clear();
    if (goal_w + lvl_w + xp_w > free) lvl.clear(), lvl_w = 0;
    const float right_w = goal_w + lvl_w + xp_w + (xp_track.empty() ? 0 : track_w);
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowWidth() - right_w - menu_w - 24));
    {  // The goal ring with the streak beside it: a button to the profile.
        ImGui::SetCursorPosY(row_y);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const std::string label = "##Daily goal and streak";
        ImGui::PushStyleColor(ImGuiCol_Button, 0u);
        const bool open = ImGui::Button(label.c_str(), {goal_w - 12, ImGui::GetFrameHeight()});
        ImGui::PopStyleColor();
        const std::string words = habit.daily_goal > 0
                                      ? "Daily goal: " + std::to_string(xp_on(habit, today_)) + " of " +
                                            std::to_string(habit.daily_goal) + " XP today. Streak: " + streak_text +
                                            (streak == 1 ? " day." : " days.")
                                      : "No daily goal set. Streak: " + streak_text + (streak == 1 ? " day." : " days.");
        describe_last_item(AccessRole::Link, words + " Open your profile.");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", words.c_str());
        if (open) navigate("#/profile");
        ImDrawList* bar = ImGui::GetWindowDrawList();
        const float cy = at.y + ImGui::GetFrameHeight() * 0.5f;
        draw_goal_ring(bar, {at.x + 4 + ring_d * 0.5f, cy}, ring_d, goal_fraction(habit, today_), goal_met(habit, today_));
        const std::string flame = std::string(icon::kFire) + " " + streak_text;
        bar->AddText({at.x + 4 + ring_d + 6, cy - ImGui::GetTextLineHeight() * 0.5f},
                     streak > 0 ? theme::kHighlight : theme::kTextDim, flame.c_str());
        ImGui::SameLine(0, 8);
    }
    if (!lvl.empty()) {
        ImGui::SetCursorPosY(row_y);
        ImGui::AlignTextToFramePadding();
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
        ImGui::TextUnformatted(lvl.c_str());
        ImGui::PopStyleColor();
        ImGui::SameLine(0, 20);
    }
    ImGui::PushFont(fonts().strong);
    ImGui::SetCursorPosY(row_y);
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kHighlight);
    ImGui::TextUnformatted((xp + xp_track).c_str());
    access_text(lvl.empty() ? xp + xp_track : xp + xp_track + ", " + lvl, AccessRole::Paragraph);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::SameLine(0, 12);
    ImGui::SetCursorPosY(row_y);
    ImGui::PushStyleColor(ImGuiCol_Button, 0u);
    if (ImGui::Button((std::string(icon::kUserCircle) + "##Your progress").c_str())) ImGui::OpenPopup("##menu");
    describe_last_item(AccessRole::Button, "Your progress: export, import, reset");
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Your progress: export, import, reset");
    draw_menu_popup();
    access_tree().close();

    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

void AppShell::draw_menu_popup() {
    if (ImGui::BeginPopup("##menu")) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
        ImGui::Text("%d XP \xc2\xb7 %s", progress_.total_xp(), level_for(course_, progress_.total_xp()).name.c_str());
        ImGui::PopStyleColor();
        ImGui::Separator();
        if (ImGui::Selectable((std::string(icon::kUserCircle) + "  Your profile").c_str())) navigate("#/profile");
        if (ImGui::Selectable((std::string(icon::kDownload) + "  Export progress").c_str()))
            show_notice(platform_.export_file("compute-dojo-progress.json", progress_to_json(progress_)), false);
        if (ImGui::Selectable((std::string(icon::kUpload) + "  Import progress").c_str())) {
            platform_.request_import();
            show_notice(platform_.import_hint(), false);
        }
        if (ImGui::Selectable((std::string(icon::kTrash) + "  Reset progress").c_str())) confirm_reset_ = true;
        if (ImGui::Selectable((std::string(icon::kCog) + "  Settings: theme, size, motion").c_str())) navigate("#/settings");
        ImGui::Separator();
        if (ImGui::Selectable((std::string(icon::kGraduationCap) + "  Class results (for teachers)").c_str()))
            navigate("#/class");
        ImGui::EndPopup();
    }
    if (confirm_reset_) {
        ImGui::OpenPopup("Reset progress?");
        confirm_reset_ = false;
    }
    ImGui::SetNextWindowSize({std::min(440.0f, ImGui::GetMainViewport()->WorkSize.x - 24), 0});
    if (ImGui::BeginPopupModal("Reset progress?", nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::TextWrapped(
            "This removes all your XP, completed lessons, quiz answers and review schedule. It cannot be undone; "
            "export your progress first if you may want it back.");
        ImGui::Dummy({0, 6});
        ImGui::PushStyleColor(ImGuiCol_Button, theme::tint(theme::kDanger, 0.5f));
        if (ImGui::Button("Reset everything")) {
            const std::string place = progress_.last_place;
            const Settings settings = progress_.settings;  // a reset clears progress, not the look
            progress_ = Progress{};
            progress_.settings = settings;
            progress_.last_place = place;
            quizzes_.clear();
            exercises_.clear();
            review_.clear_answers();
            save();
            show_notice("Progress reset.", false);
            ImGui::CloseCurrentPopup();
        }
        ImGui::PopStyleColor();
        ImGui::SameLine();
        if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

// ---- Notices and celebration ---------------------------------------------------------------------

void AppShell::draw_notices(float width) {
    for (std::size_t i = 0; i < notices_.size();) {
        const Notice& n = notices_[i];
        ImGui::PushID(static_cast<int>(i));
        begin_card(width, 12);
        const ImU32 color = n.error ? theme::kDanger : theme::kNote;
        ImGui::PushStyleColor(ImGuiCol_Text, color);
        ImGui::TextUnformatted(n.error ? icon::kWarning : icon::kInfoCircle);
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 120);
        ImGui::TextWrapped("%s", n.text.c_str());
        access_text((n.error ? "Problem: " : "Note: ") + n.text);
        ImGui::PopTextWrapPos();
        const bool dismiss = ImGui::SmallButton("Dismiss");
        describe_last_item(AccessRole::Button, "Dismiss this message");
        end_card(theme::tint(color, 0.85f), color);
        ImGui::PopID();
        if (dismiss)
            notices_.erase(notices_.begin() + static_cast<long>(i));
        else
            ++i;
        ImGui::Dummy({0, 4});
    }
}

void AppShell::draw_celebration() {
    if (celebration_.time_left <= 0) return;
    redraw::request_frame();  // it fades and its sparks fly until it is gone
    celebration_.time_left -= ImGui::GetIO().DeltaTime;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // With reduced motion the card appears and goes without fading, and no sparks fly.
    const bool calm = settings_view_.reduce_motion(progress_.settings);
    const float alpha = calm ? 1.0f : std::clamp(celebration_.time_left / 0.4f, 0.0f, 1.0f);
    ImGui::SetNextWindowPos({vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.32f}, 0, {0.5f, 0.5f});
    ImGui::SetNextWindowBgAlpha(0.96f * alpha);
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, alpha);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {28, 20});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 12);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::kSurfaceHover);
    ImGui::Begin("##celebration", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoInputs |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
    ImGui::PushFont(fonts().title);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kHighlight);
    ImGui::Text("%s  %s", icon::kTrophy, celebration_.title.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::TextUnformatted(celebration_.detail.c_str());
    // A burst of sparks around the card, unless the learner asked for less motion.
    if (!calm) {
        const ImVec2 c{ImGui::GetWindowPos().x + ImGui::GetWindowWidth() / 2,
                       ImGui::GetWindowPos().y + ImGui::GetWindowHeight() / 2};
        const float t = 3.0f - celebration_.time_left;
        ImDrawList* fg = ImGui::GetForegroundDrawList();
        for (int i = 0; i < 24; ++i) {
            const float angle = static_cast<float>(i) * 0.2618f;
            const float r = 80 + t * 140;
            const ImU32 col = (i % 3 == 0) ? theme::kAccent : (i % 3 == 1) ? theme::kHighlight : theme::kAnalogy;
            fg->AddCircleFilled({c.x + std::cos(angle) * r, c.y + std::sin(angle) * r * 0.6f + t * t * 30}, 4,
                                (col & 0x00FFFFFF) | (static_cast<ImU32>(alpha * 255) << 24));
        }
    }
    ImGui::End();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
}

// ---- Keyboard focus ------------------------------------------------------------------------------

void AppShell::enter_presses_focused_widget() {
    // Enter reaches widgets as an "input" request, which text fields take and buttons ignore; turning it into
    // an activation before any widget is drawn makes buttons, checkboxes and links answer it as they do Space.
    ImGuiContext& g = *GImGui;
    if (g.NavActivateInputId != 0 && g.NavActivateId == 0 && g.ActiveId == 0)
        g.NavActivateId = g.NavActivateDownId = g.NavActivatePressedId = g.NavActivateInputId;
}

void AppShell::draw_keyboard_focus_ring() {
    // ImGui's own ring is 2 px, easy to miss on a projector or for low vision; this one covers it, 3 px wide.
    const ImGuiContext& g = *GImGui;
    ImGuiWindow* w = g.NavWindow;
    if (g.NavDisableHighlight || g.NavId == 0 || !w || !w->WasActive || w->Hidden) return;
    const ImRect r = ImGui::WindowRectRelToAbs(w, w->NavRectRel[g.NavLayer]);
    if (r.GetWidth() <= 0 || r.GetHeight() <= 0) return;
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    dl->PushClipRect(w->InnerClipRect.Min, w->InnerClipRect.Max, false);  // nothing over the top bar or past the view
    dl->AddRect({r.Min.x - 4.5f, r.Min.y - 4.5f}, {r.Max.x + 4.5f, r.Max.y + 4.5f}, theme::kAccent, g.Style.FrameRounding + 4.5f,
                0, 3.0f);
    dl->PopClipRect();
}

}  // namespace dojo
