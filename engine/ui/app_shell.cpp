// The app shell: top bar, start screen with the lesson list, and a plain lesson page.
#include "ui/app_shell.h"

#include <algorithm>
#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"

namespace dojo {

namespace {

constexpr float kReadingWidth = 760.0f;  // a comfortable line length for 17 px Inter
constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

// Centers a column of at most kReadingWidth in the current window; returns its width.
float begin_column() {
    const float avail = ImGui::GetContentRegionAvail().x;
    const float width = std::min(kReadingWidth, avail);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - width) * 0.5f);
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    return width;
}

void end_column() {
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
}

// A horizontal rule as wide as the current column (ImGui's Separator spans the whole window).
void column_rule(float width) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine({p.x, p.y}, {p.x + width, p.y}, theme::kBorder);
    ImGui::Dummy({width, 1});
}

void text_colored(ImU32 color, const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

}  // namespace

AppShell::AppShell(LessonCatalog catalog) : catalog_(std::move(catalog)) {}

void AppShell::frame() {
    widget_registry().begin_frame();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float bar_height = ImGui::GetFontSize() * 3.2f;
    draw_top_bar(bar_height);

    ImGui::SetNextWindowPos({vp->WorkPos.x, vp->WorkPos.y + bar_height});
    ImGui::SetNextWindowSize({vp->WorkSize.x, vp->WorkSize.y - bar_height});
    const float margin = std::clamp(vp->WorkSize.x * 0.04f, 12.0f, 32.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {margin, 24});
    ImGui::Begin("##main", nullptr, kPanelFlags & ~ImGuiWindowFlags_NoScrollbar);
    ImGui::PopStyleVar();
    if (open_lesson_ >= 0)
        draw_lesson(catalog_.lessons[static_cast<std::size_t>(open_lesson_)]);
    else
        draw_start_screen();
    ImGui::End();
    widget_registry().end_frame();
}

void AppShell::draw_top_bar(float height) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize({vp->WorkSize.x, height});
    ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::kSurface);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {20, 0});
    ImGui::Begin("##topbar", nullptr, kPanelFlags);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 pos = ImGui::GetWindowPos();
    dl->PushClipRectFullScreen();  // the rule spans the padding too
    dl->AddLine({pos.x, pos.y + height - 1}, {pos.x + vp->WorkSize.x, pos.y + height - 1}, theme::kBorder);
    dl->PopClipRect();

    ImGui::PushFont(fonts().heading);
    const float center = (height - ImGui::GetFontSize()) * 0.5f;
    ImGui::SetCursorPosY(center);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    ImGui::TextUnformatted(icon::kMicrochip);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextUnformatted("Compute Dojo");
    ImGui::PopFont();

    ImGui::PushFont(fonts().strong);
    const std::string xp = std::string(icon::kStar) + "  " + std::to_string(xp_) + " XP";
    const float xp_width = ImGui::CalcTextSize(xp.c_str()).x;
    ImGui::SameLine(ImGui::GetWindowWidth() - xp_width - 20);
    ImGui::SetCursorPosY((height - ImGui::GetFontSize()) * 0.5f);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kHighlight);
    ImGui::TextUnformatted(xp.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();

    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

void AppShell::draw_start_screen() {
    const float width = begin_column();
    ImGui::PushFont(fonts().title);
    ImGui::TextWrapped("Learn how AI hardware works");
    ImGui::PopFont();
    text_colored(theme::kTextDim,
                 "Why GPUs beat CPUs at AI math, what VRAM is for, and how to check the hardware in front of "
                 "you. Pick a lesson to begin.");
    ImGui::Dummy({0, 12});

    ImGui::PushFont(fonts().heading);
    ImGui::Text("%s  Lessons", icon::kBook);
    ImGui::PopFont();
    if (catalog_.lessons.empty()) {
        text_colored(theme::kTextDim, "No lessons were found.");
        for (const auto& d : catalog_.problems) text_colored(theme::kDanger, d.to_string().c_str());
    }
    for (std::size_t i = 0; i < catalog_.lessons.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (lesson_card(catalog_.lessons[i], width) && !catalog_.lessons[i].has_errors()) {
            open_lesson_ = static_cast<int>(i);
            ImGui::SetScrollY(0);
        }
        ImGui::PopID();
    }
    end_column();
}

// A clickable card: title, summary, duration. A broken lesson shows why it can't be opened.
bool AppShell::lesson_card(const LessonEntry& lesson, float width) {
    const bool broken = lesson.has_errors();
    const float pad = 16.0f;
    const float inner = width - 2 * pad - 6;
    const std::string title = lesson.title.empty() ? lesson.id : lesson.title;
    const std::string detail = broken ? lesson.problems.front().message : lesson.summary;
    const std::string meta = broken ? std::string(icon::kWarning) + "  Can't be opened"
                                    : std::string(icon::kClock) + "  " + std::to_string(lesson.minutes) + " min";

    const FontSet& f = fonts();
    ImGui::PushFont(f.heading);
    const float title_h = ImGui::CalcTextSize(title.c_str(), nullptr, false, inner).y;
    ImGui::PopFont();
    const float detail_h = detail.empty() ? 0 : ImGui::CalcTextSize(detail.c_str(), nullptr, false, inner).y;
    const float meta_h = ImGui::GetFontSize();
    const float height = pad + title_h + 6 + detail_h + (detail.empty() ? 0 : 10) + meta_h + pad;

    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton("##card", {width, height});
    const bool hovered = ImGui::IsItemHovered();
    widget_registry().record(title, p.x, p.y, width, height);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, {p.x + width, p.y + height}, hovered && !broken ? theme::kSurfaceHover : theme::kSurface, 8);
    dl->AddRectFilled(p, {p.x + 6, p.y + height}, broken ? theme::kDanger : theme::kAccent, 8, ImDrawFlags_RoundCornersLeft);
    float y = p.y + pad;
    const float x = p.x + 6 + pad;
    ImGui::PushFont(f.heading);
    dl->AddText(f.heading, ImGui::GetFontSize(), {x, y}, theme::kText, title.c_str(), nullptr, inner);
    ImGui::PopFont();
    y += title_h + 6;
    if (!detail.empty()) {
        dl->AddText(f.body, ImGui::GetFontSize(), {x, y}, theme::kTextDim, detail.c_str(), nullptr, inner);
        y += detail_h + 10;
    }
    dl->AddText(f.body, ImGui::GetFontSize(), {x, y}, broken ? theme::kDanger : theme::kAccent, meta.c_str());
    if (hovered && !broken) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::Dummy({0, 2});
    return clicked;
}

void AppShell::draw_lesson(const LessonEntry& lesson) {
    const float width = begin_column();
    if (ImGui::Button((std::string(icon::kChevronLeft) + "  All lessons").c_str())) open_lesson_ = -1;
    ImGui::Dummy({0, 8});
    ImGui::PushFont(fonts().title);
    ImGui::TextWrapped("%s", lesson.title.c_str());
    ImGui::PopFont();
    if (!lesson.summary.empty()) text_colored(theme::kTextDim, lesson.summary.c_str());
    column_rule(width);
    ImGui::Dummy({0, 6});
    // Paragraphs as plain wrapped text; the Markdown reader replaces this with the lesson engine.
    std::size_t start = 0;
    const std::string& body = lesson.body;
    while (start < body.size()) {
        std::size_t end = body.find("\n\n", start);
        if (end == std::string::npos) end = body.size();
        std::string para = body.substr(start, end - start);
        std::replace(para.begin(), para.end(), '\n', ' ');
        para.erase(0, para.find_first_not_of(' '));
        if (!para.empty()) {
            if (para.rfind("# ", 0) == 0 || para.rfind("## ", 0) == 0) {
                ImGui::PushFont(fonts().heading);
                ImGui::TextWrapped("%s", para.substr(para.find(' ') + 1).c_str());
                ImGui::PopFont();
            } else {
                ImGui::TextWrapped("%s", para.c_str());
            }
            ImGui::Dummy({0, 4});
        }
        start = end + 2;
    }
    end_column();
}

nlohmann::json AppShell::test_state() const {
    nlohmann::json lessons = nlohmann::json::array(), broken = nlohmann::json::array();
    for (const auto& l : catalog_.lessons) (l.has_errors() ? broken : lessons).push_back(l.id);
    nlohmann::json state = {{"view", open_lesson_ >= 0 ? "lesson" : "start"}, {"lessons", lessons}, {"broken", broken}, {"xp", xp_}};
    if (open_lesson_ >= 0) state["lesson"] = catalog_.lessons[static_cast<std::size_t>(open_lesson_)].id;
    return state;
}

}  // namespace dojo
