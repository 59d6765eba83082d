// The Settings view: three theme choices with swatches, UI scale steps, reduced motion, and a small
// preview card drawn in the active theme. Every control is an ImGui widget, so Tab, the arrow keys,
// Enter and Space reach and press them with the focus ring shown.
#include "ui/settings_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "ui/access_tree.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/widgets.h"

namespace dojo {

namespace {

struct ThemeChoice {
    theme::Theme theme;
    const char* label;
    const char* detail;
};

constexpr ThemeChoice kThemeChoices[] = {
    {theme::Theme::Dark, "Dark", "Calm and dark, easy on the eyes on a laptop screen in a dim room."},
    {theme::Theme::Light, "Light", "Dark text on white, for bright rooms and printed-page habits."},
    {theme::Theme::Projector, "Projector", "Black on white with thick lines and more space: projectors wash out dark themes."},
};

theme::Theme saved_theme(const Settings& settings) {
    return theme::from_name(settings.theme).value_or(theme::Theme::Dark);
}

std::string percent(float scale) {
    return std::to_string(static_cast<int>(std::lround(scale * 100))) + "%";
}

void section_heading(const char* text) {
    ImGui::Dummy({0, 6});
    ImGui::PushFont(fonts().heading);
    ImGui::TextUnformatted(text);
    access_text(text, AccessRole::Heading, 2);
    ImGui::PopFont();
}

// A swatch of a palette: its background, a card, a line of text and the accent, drawn from the
// palette itself so the learner sees each theme before choosing it.
void theme_swatch(const theme::Palette& p, ImVec2 at, ImVec2 size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, {at.x + size.x, at.y + size.y}, p.background, 6);
    dl->AddRect(at, {at.x + size.x, at.y + size.y}, theme::kBorder, 6, 0, theme::kLineWidth);
    const float pad = size.y * 0.16f;
    const ImVec2 card{at.x + pad, at.y + pad}, card_end{at.x + size.x - pad, at.y + size.y - pad};
    dl->AddRectFilled(card, card_end, p.surface, 4);
    if (p.line_width > 1) dl->AddRect(card, card_end, p.border, 4, 0, p.line_width);
    const float fs = ImGui::GetFontSize();
    dl->AddText(fonts().strong, fs, {card.x + pad, card.y + (card_end.y - card.y - fs) * 0.5f}, p.text, "Aa");
    const float bar_x = card.x + pad + fs * 1.6f;
    const float y = (card.y + card_end.y) * 0.5f;
    dl->AddLine({bar_x, y - fs * 0.2f}, {card_end.x - pad, y - fs * 0.2f}, p.accent, p.stroke_width);
    dl->AddLine({bar_x, y + fs * 0.25f}, {card_end.x - pad - fs, y + fs * 0.25f}, p.text_dim, p.line_width + 1);
}

}  // namespace

void SettingsView::apply(const Settings& saved) {
    // The runner styled ImGui with the active theme at start: restyle only for a different one.
    if (const theme::Theme wanted = override_.value_or(saved_theme(saved)); wanted != theme::active()) {
        theme::use(wanted);
        theme::apply();
    }
    set_ui_scale(saved.ui_scale);
}

bool SettingsView::override_theme(const std::string& name, const Settings& saved) {
    const auto t = theme::from_name(name);
    if (!t) return false;
    override_ = t;
    apply(saved);
    return true;
}

bool SettingsView::draw(Settings& settings, float width) {
    ImGui::PushFont(fonts().title);
    ImGui::TextWrapped("Settings");
    access_text("Settings", AccessRole::Heading, 1);
    ImGui::PopFont();
    text_colored(theme::kTextDim, "Changes apply at once and are kept with your progress on this device.");
    bool changed = draw_theme_choice(settings, width);
    changed |= draw_scale_choice(settings, width);
    changed |= draw_motion_choice(settings, width);
    if (changed) apply(settings);
    draw_preview(width);
    return changed;
}

bool SettingsView::draw_theme_choice(Settings& settings, float width) {
    section_heading("Theme");
    if (override_) {
        const std::string note = std::string("This page was opened with ?theme=") + theme::name(*override_) +
                                 ", so that theme is shown for this visit. Your saved theme is " + settings.theme +
                                 "; choosing a theme here saves it and ends the override.";
        text_colored(theme::kNote, note.c_str());
    }
    bool changed = false;
    const theme::Theme current = override_.value_or(saved_theme(settings));
    const float fs = ImGui::GetFontSize();
    const ImVec2 swatch{fs * 6.5f, fs * 3.2f};
    const bool beside = width >= fs * 26;  // on a phone the swatch goes above its label
    access_tree().open({.role = AccessRole::RadioGroup, .name = "Theme"});
    for (const ThemeChoice& c : kThemeChoices) {
        ImGui::PushID(c.label);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        theme_swatch(theme::palette(c.theme), at, swatch);
        if (beside) {
            ImGui::SetCursorScreenPos({at.x + swatch.x + fs, at.y});
            ImGui::BeginGroup();
        } else {
            ImGui::Dummy(swatch);
        }
        if (ImGui::RadioButton(c.label, current == c.theme) && (current != c.theme || override_)) {
            settings.theme = theme::name(c.theme);
            override_.reset();
            changed = true;
        }
        describe_last_item(AccessRole::Radio, c.label,
                           access_state::kCheckable | (current == c.theme ? access_state::kChecked : 0u));
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - (beside ? swatch.x + fs : 0));
        text_colored(theme::kTextDim, c.detail);
        ImGui::PopTextWrapPos();
        if (beside) {
            ImGui::EndGroup();
            const float bottom = std::max(ImGui::GetItemRectMax().y, at.y + swatch.y);
            ImGui::SetCursorScreenPos({at.x, bottom});
            ImGui::Dummy({0, 4});
        }
        ImGui::PopID();
    }
    access_tree().close();
    return changed;
}

bool SettingsView::draw_scale_choice(Settings& settings, float width) {
    section_heading("Text and interface size");
    text_colored(theme::kTextDim, ("Now " + percent(settings.ui_scale) +
                                   ". Everything grows together, and text is redrawn sharp at "
                                   "each size. At large sizes the layout switches to the narrow one.")
                                      .c_str());
    bool changed = false;
    const float start_x = ImGui::GetCursorPosX();
    access_tree().open({.role = AccessRole::RadioGroup, .name = "Text and interface size"});
    for (std::size_t i = 0; i < std::size(kUiScaleSteps); ++i) {
        const float step = kUiScaleSteps[i];
        const std::string label = percent(step);
        const float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
        if (i > 0) {
            ImGui::SameLine();
            if (ImGui::GetCursorPosX() + w > start_x + width) ImGui::NewLine();  // wrap on narrow screens
        }
        const bool active = std::fabs(settings.ui_scale - step) < 0.005f;
        if (active) {
            ImGui::PushStyleColor(ImGuiCol_Button, theme::kAccent);
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, theme::kAccent);
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kBackground);
        }
        if (ImGui::Button(label.c_str()) && !active) {
            settings.ui_scale = step;
            changed = true;
        }
        describe_last_item(AccessRole::Radio, label, access_state::kCheckable | (active ? access_state::kChecked : 0u));
        if (active) ImGui::PopStyleColor(3);
    }
    access_tree().close();
    return changed;
}

bool SettingsView::draw_motion_choice(Settings& settings, float width) {
    (void)width;
    section_heading("Motion");
    bool reduce = settings.reduce_motion;
    const bool changed = ImGui::Checkbox("Reduce motion", &reduce);
    if (changed) settings.reduce_motion = reduce;
    text_colored(
        theme::kTextDim,
        "No celebration animation when you finish a lesson or level up, and the Workers race waits for you to press Play.");
    if (system_reduce_motion_)
        text_colored(theme::kNote, "Your system asks for less motion, so motion stays reduced whatever this box says.");
    return changed;
}

void SettingsView::draw_preview(float width) {
    section_heading("Preview");
    begin_card(width, 16);
    ImGui::PushFont(fonts().subheading);
    ImGui::TextUnformatted("Why a GPU wins at matrix multiply");
    ImGui::PopFont();
    ImGui::TextWrapped("Thousands of simple cores each compute a few output cells at the same time.");
    text_colored(theme::kTextDim, "Secondary text looks like this.");
    ImGui::PushFont(fonts().mono);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kCodeText);
    ImGui::TextUnformatted("nvidia-smi --query-gpu=name,memory.total");
    ImGui::PopStyleColor();
    ImGui::PopFont();
    // A small chart: bars in the series colors and a line at the theme's stroke width.
    const float fs = ImGui::GetFontSize();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float h = fs * 4, bar = fs * 1.4f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 colors[] = {theme::kAccent, theme::kHighlight, theme::kNote, theme::kAnalogy};
    const float heights[] = {0.35f, 0.6f, 0.8f, 1.0f};
    dl->AddLine({at.x, at.y + h}, {at.x + 4 * bar * 1.6f, at.y + h}, theme::kBorder, theme::kLineWidth);
    ImVec2 points[4];
    for (int i = 0; i < 4; ++i) {
        const float x = at.x + static_cast<float>(i) * bar * 1.6f;
        dl->AddRectFilled({x, at.y + h * (1 - heights[i])}, {x + bar, at.y + h}, colors[i], 3);
        points[i] = {x + bar * 0.5f, at.y + h * (1 - heights[i] * 0.7f)};
    }
    dl->AddPolyline(points, 4, theme::kText, 0, theme::kStrokeWidth);
    ImGui::Dummy({4 * bar * 1.6f, h + 4});
    ImGui::Button("A button");
    ImGui::SameLine();
    text_colored(theme::kSuccess, (std::string(icon::kCheck) + "  Correct").c_str());
    end_card(theme::kSurface, theme::kAccent);
}

nlohmann::json SettingsView::test_state(const Settings& saved) const {
    return {{"theme", theme::name(theme::active())},
            {"saved_theme", saved.theme},
            {"theme_override", override_ ? theme::name(*override_) : ""},
            {"ui_scale", ui_scale()},
            {"reduce_motion", reduce_motion(saved)},
            {"system_reduce_motion", system_reduce_motion_}};
}

}  // namespace dojo
