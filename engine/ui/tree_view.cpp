// The skill tree view: drawing the graph, panning and zooming it, walking it with the keyboard, and
// the selected lesson's details.
#include "ui/tree_view.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>
#include <vector>

#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include "progress/learning.h"
#include "ui/access_tree.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/lesson_cards.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"
#include "ui/widgets.h"

namespace dojo {

namespace {

const char* state_icon(LessonState s) {
    switch (s) {
        case LessonState::Locked:
            return icon::kLock;
        case LessonState::Available:
            return icon::kCircle;
        case LessonState::Done:
            return icon::kCheckCircle;
        case LessonState::Mastered:
            return icon::kTrophy;
    }
    return "";
}

const char* state_name(LessonState s) {
    switch (s) {
        case LessonState::Locked:
            return "Locked";
        case LessonState::Available:
            return "Available";
        case LessonState::Done:
            return "Done";
        case LessonState::Mastered:
            return "Mastered";
    }
    return "";
}

// Word-wraps `text` into at most `max_lines` lines of `width` pixels; the last line ends with an
// ellipsis when the text does not fit, so a long lesson title never spills out of its tree node.
std::vector<std::string> fit_lines(ImFont* font, float size, const std::string& text, float width, int max_lines) {
    auto w = [&](const std::string& t) { return font->CalcTextSizeA(size, FLT_MAX, 0.0f, t.c_str()).x; };
    std::vector<std::string> lines;
    std::string line;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t end = std::min(text.find(' ', i), text.size());
        const std::string word = text.substr(i, end - i);
        const std::string candidate = line.empty() ? word : line + " " + word;
        if (line.empty() || w(candidate) <= width) {
            line = candidate;
        } else {
            lines.push_back(line);
            line = word;
        }
        i = end + 1;
    }
    if (!line.empty()) lines.push_back(line);
    if (static_cast<int>(lines.size()) > max_lines) {
        lines.resize(static_cast<std::size_t>(max_lines));
        std::string& last = lines.back();
        auto pop_char = [](std::string& t) {  // one UTF-8 character, not one byte
            while (!t.empty()) {
                const unsigned char c = static_cast<unsigned char>(t.back());
                t.pop_back();
                if ((c & 0xC0) != 0x80) break;
            }
        };
        while (!last.empty() && w(last + "\xe2\x80\xa6") > width) pop_char(last);
        while (!last.empty() && (last.back() == ' ' || last.back() == ',' || last.back() == ':')) last.pop_back();
        last += "\xe2\x80\xa6";
    }
    return lines;
}

// Small buttons for related lessons, flowing onto new lines so that none runs past the text column (on a

// The tree for a screen reader: every lesson, in view or not, as a list item with a link to the lesson, its
// state and what it builds on.
void describe_tree(const Course& course, const Progress& progress, const SkillTreeLayout& tree_layout) {
    AccessTree& tree = access_tree();
    if (!tree.enabled()) return;
    tree.add({.role = AccessRole::Heading, .name = "Skill tree", .level = 1});
    tree.open({.role = AccessRole::List, .name = "Lessons of the skill tree"});
    for (const auto& n : tree_layout.nodes) {
        const Lesson& l = course.lessons[static_cast<std::size_t>(n.lesson)];
        const LessonState state = l.has_errors() ? LessonState::Locked : lesson_state(course, progress, l);
        tree.open({.role = AccessRole::ListItem});
        tree.add({.role = AccessRole::Link, .name = l.title, .href = "#/lesson/" + l.id});
        std::string after;
        for (const std::string& id : l.requires_)
            if (const Lesson* before = course.find_lesson(id)) after += (after.empty() ? "" : ", ") + before->title;
        tree.text(std::string(": ") + (l.has_errors() ? "cannot be opened (the lesson file has errors)" : state_name(state)) +
                  (after.empty() ? "." : ". Builds on " + after + "."));
        tree.close();
    }
    tree.close();
}

}  // namespace

TreeView::TreeView(const Course& course, const Progress& progress)
    : course_(course), progress_(progress), tree_(layout_skill_tree(course)) {}

void TreeView::draw(float width, float height, TreeViewEvents& events) {
    const bool narrow = width < 720;
    const float panel_w = narrow ? width : std::min(360.0f, width * 0.34f);
    const bool show_panel = selected_ >= 0 && static_cast<std::size_t>(selected_) < course_.lessons.size();
    const float canvas_w = show_panel && !narrow ? width - panel_w : width;
    const float canvas_h = show_panel && narrow ? height * 0.55f : height;

    // NavFlattened: the arrow keys walk into the canvas from the top bar without an extra key to enter it.
    ImGui::BeginChild("##tree-canvas", {canvas_w, canvas_h}, false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NavFlattened);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::GetContentRegionAvail();
    ImGui::InvisibleButton("##tree-background", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonMiddle);
    const bool canvas_hovered = ImGui::IsItemHovered();
    const bool canvas_focused = ImGui::IsItemFocused();
    widget_registry().record("tree:canvas", origin.x, origin.y, size.x, size.y, ImGui::GetItemID());
    ImGuiIO& io = ImGui::GetIO();
    if (!fitted_ || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home))) {
        // Fit the whole tree, but never so small that labels are unreadable.
        // The top 64 px hold the zoom controls, so the tree starts below them.
        const float fit = std::min((size.x - 48) / std::max(tree_.width, 1.0f), (size.y - 88) / std::max(tree_.height, 1.0f));
        zoom_ = std::clamp(fit, 0.55f, 1.2f);
        pan_ = {(size.x - tree_.width * zoom_) * 0.5f, 64};
        fitted_ = true;
    }
    if (ImGui::IsItemActive() && (ImGui::IsMouseDragging(0) || ImGui::IsMouseDragging(2))) {
        pan_.x += io.MouseDelta.x;
        pan_.y += io.MouseDelta.y;
    }
    if (canvas_hovered && io.MouseWheel != 0) {  // zoom around the mouse
        const float old = zoom_;
        zoom_ = std::clamp(zoom_ * std::pow(1.15f, io.MouseWheel), 0.3f, 2.5f);
        const ImVec2 m{io.MousePos.x - origin.x, io.MousePos.y - origin.y};
        pan_.x = m.x - (m.x - pan_.x) * zoom_ / old;
        pan_.y = m.y - (m.y - pan_.y) * zoom_ / old;
    }
    if (ImGui::IsItemClicked() && !ImGui::IsMouseDragging(0)) selected_ = -1;
    if (canvas_focused) keyboard(ImGui::GetItemID(), size, events);
    // The ring shows only while the keyboard drives the focus: a mouse user never sees it.
    const bool show_focus_ring = canvas_focused && !GImGui->NavDisableHighlight;

    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(origin, {origin.x + size.x, origin.y + size.y}, true);
    // A faint dot grid shows that the canvas moves.
    const float grid = 40 * zoom_;
    for (float gx = std::fmod(pan_.x, grid); gx < size.x; gx += grid)
        for (float gy = std::fmod(pan_.y, grid); gy < size.y; gy += grid)  // tiny squares: circles cost 10x the vertices
            dl->AddRectFilled({origin.x + gx - 1, origin.y + gy - 1}, {origin.x + gx + 1, origin.y + gy + 1}, theme::kBorder);

    describe_tree(course_, progress_, tree_);
    const SkillTreeMetrics m;
    const float z = zoom_;
    auto screen = [&](float x, float y) { return ImVec2{origin.x + pan_.x + x * z, origin.y + pan_.y + y * z}; };
    for (const auto& e : tree_.edges) {
        const auto& a = tree_.nodes[static_cast<std::size_t>(e.from)];
        const auto& b = tree_.nodes[static_cast<std::size_t>(e.to)];
        const ImVec2 p0 = screen(a.x + m.node_width / 2, a.y + m.node_height), p3 = screen(b.x + m.node_width / 2, b.y);
        const float dy = (p3.y - p0.y) * 0.5f;
        const bool lit = is_complete(progress_, course_.lessons[static_cast<std::size_t>(a.lesson)]);
        dl->AddBezierCubic(p0, {p0.x, p0.y + dy}, {p3.x, p3.y - dy}, p3, lit ? theme::kAccent : theme::kBorder,
                           theme::kStrokeWidth * std::max(z, 0.6f));
    }
    const float fs = ImGui::GetFontSize() * std::clamp(z, 0.7f, 1.3f);
    for (std::size_t i = 0; i < tree_.nodes.size(); ++i) {
        const auto& n = tree_.nodes[i];
        const Lesson& l = course_.lessons[static_cast<std::size_t>(n.lesson)];
        const bool broken = l.has_errors();
        const LessonState state = broken ? LessonState::Locked : lesson_state(course_, progress_, l);
        const ImVec2 a = screen(n.x, n.y), b = screen(n.x + m.node_width, n.y + m.node_height);
        if (b.x < origin.x || a.x > origin.x + size.x || b.y < origin.y || a.y > origin.y + size.y) continue;
        const ImU32 color = broken ? theme::kDanger : track_color(course_, l.track);
        const bool selected = selected_ == n.lesson;
        const bool hovered =
            canvas_hovered && io.MousePos.x >= a.x && io.MousePos.x < b.x && io.MousePos.y >= a.y && io.MousePos.y < b.y;
        const ImU32 fill =
            state == LessonState::Locked ? theme::kSurface : theme::tint(color, state == LessonState::Available ? 0.8f : 0.6f);
        dl->AddRectFilled(a, b, hovered ? theme::kSurfaceHover : fill, 10 * z);
        dl->AddRect(a, b, selected ? theme::kText : (state == LessonState::Locked ? theme::kBorder : color), 10 * z, 0,
                    theme::kStrokeWidth * (selected ? 1.25f : 0.75f));
        if (show_focus_ring && focus_ == static_cast<int>(i))  // outside the node, thick, in the focus color
            dl->AddRect({a.x - 5, a.y - 5}, {b.x + 5, b.y + 5}, theme::kAccent, 10 * z + 5, 0, 3.5f);
        const float pad = 12 * z;
        const ImU32 text = state == LessonState::Locked ? theme::kTextDim : theme::kText;
        dl->PushClipRect(a, b, true);
        dl->AddText(fonts().body, fs, {a.x + pad, a.y + (b.y - a.y - fs) * 0.5f}, broken ? theme::kDanger : color,
                    broken ? icon::kWarning : state_icon(state));
        const float text_x = a.x + pad + fs * 1.6f;
        const std::vector<std::string> lines = fit_lines(fonts().strong, fs, l.title, b.x - text_x - pad, 2);
        float line_y = a.y + (b.y - a.y - fs * static_cast<float>(lines.size())) * 0.5f;
        for (const std::string& line : lines) {
            dl->AddText(fonts().strong, fs, {text_x, line_y}, text, line.c_str());
            line_y += fs;
        }
        dl->PopClipRect();
        widget_registry().record("tree:" + l.id, a.x, a.y, b.x - a.x, b.y - a.y);
        if (hovered) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            if (ImGui::IsMouseReleased(0) && io.MouseDragMaxDistanceSqr[0] < 25) {
                selected_ = n.lesson;
                focus_ = static_cast<int>(i);  // the arrow keys go on from the clicked lesson
            }
        }
    }
    dl->PopClipRect();

    // Zoom controls, for touch screens and trackpads without a wheel.
    ImGui::SetCursorScreenPos({origin.x + 12, origin.y + 12});
    if (ImGui::Button("+")) zoom_ = std::min(zoom_ * 1.2f, 2.5f);
    ImGui::SameLine();
    if (ImGui::Button("-")) zoom_ = std::max(zoom_ / 1.2f, 0.3f);
    ImGui::SameLine();
    if (ImGui::Button("Fit")) fitted_ = false;
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
    ImGui::TextUnformatted(narrow ? "" : "Drag to move, wheel to zoom, click a lesson");
    ImGui::PopStyleColor();
    ImGui::EndChild();

    if (show_panel) {
        if (!narrow) ImGui::SameLine(0, 0);
        ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::kSurface);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {18, 18});
        ImGui::BeginChild("##tree-details", {panel_w, narrow ? height - canvas_h : height}, false,
                          ImGuiWindowFlags_AlwaysUseWindowPadding);
        draw_details(course_.lessons[static_cast<std::size_t>(selected_)], panel_w - 36, events);
        ImGui::EndChild();
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
    }
}

bool TreeView::keyboard(ImGuiID canvas_id, ImVec2 canvas_size, TreeViewEvents& events) {
    ImGuiContext& g = *GImGui;
    const int count = static_cast<int>(tree_.nodes.size());
    if (count == 0) return false;
    bool moved = false;
    if (focus_ < 0 || focus_ >= count) {  // arriving on the canvas: start at the open lesson, else the first
        focus_ = 0;
        for (int i = 0; i < count; ++i)
            if (tree_.nodes[static_cast<std::size_t>(i)].lesson == selected_) focus_ = i;
        moved = true;
    }
    // ImGui turned the arrow key into a move request for its own navigation; take it over while another node
    // lies that way, and let it go at the tree's edge so the focus can leave the canvas for the zoom buttons.
    if (g.NavMoveDir != ImGuiDir_None && g.NavId == canvas_id) {
        TreeDirection d = TreeDirection::Left;
        switch (g.NavMoveDir) {
            case ImGuiDir_Left:
                d = TreeDirection::Left;
                break;
            case ImGuiDir_Right:
                d = TreeDirection::Right;
                break;
            case ImGuiDir_Up:
                d = TreeDirection::Up;
                break;
            default:
                d = TreeDirection::Down;
                break;
        }
        const int next = tree_neighbor(tree_, focus_, d);
        if (next != focus_) {
            ImGui::NavMoveRequestCancel();
            focus_ = next;
            moved = true;
            g.NavDisableHighlight = false;  // ImGui shows focus again when its own move lands; this one was taken over
        }
    }
    // Enter or Space shows the focused lesson's details; pressed again on the same lesson, it opens the lesson.
    const bool activate = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                          ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false) ||
                          ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false);
    const int lesson = tree_.nodes[static_cast<std::size_t>(focus_)].lesson;
    if (activate) {
        if (selected_ == lesson && !course_.lessons[static_cast<std::size_t>(lesson)].has_errors()) {
            events.navigate("#/lesson/" + course_.lessons[static_cast<std::size_t>(lesson)].id);
            return moved;
        }
        selected_ = lesson;
    }
    if (moved) {
        // Pan just enough to keep the focused node in sight, below the zoom buttons.
        const SkillTreeMetrics m;
        const auto& n = tree_.nodes[static_cast<std::size_t>(focus_)];
        const float margin = 24, top = 64;
        const float x0 = pan_.x + n.x * zoom_, x1 = x0 + m.node_width * zoom_;
        const float y0 = pan_.y + n.y * zoom_, y1 = y0 + m.node_height * zoom_;
        if (x0 < margin)
            pan_.x += margin - x0;
        else if (x1 > canvas_size.x - margin)
            pan_.x -= x1 - (canvas_size.x - margin);
        if (y0 < top)
            pan_.y += top - y0;
        else if (y1 > canvas_size.y - margin)
            pan_.y -= y1 - (canvas_size.y - margin);
    }
    return moved;
}

nlohmann::json TreeView::test_state() const {
    auto id_of = [&](int lesson) {
        return lesson >= 0 && static_cast<std::size_t>(lesson) < course_.lessons.size()
                   ? nlohmann::json(course_.lessons[static_cast<std::size_t>(lesson)].id)
                   : nlohmann::json(nullptr);
    };
    const int focus_lesson = focus_ >= 0 && static_cast<std::size_t>(focus_) < tree_.nodes.size()
                                 ? tree_.nodes[static_cast<std::size_t>(focus_)].lesson
                                 : -1;
    return {{"focus", id_of(focus_lesson)}, {"selected", id_of(selected_)}, {"pan", {pan_.x, pan_.y}}, {"zoom", zoom_}};
}

void TreeView::draw_details(const Lesson& l, float width, TreeViewEvents& events) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    const LessonState state = l.has_errors() ? LessonState::Locked : lesson_state(course_, progress_, l);
    if (const Track* t = course_.find_track(l.track)) {
        ImGui::PushStyleColor(ImGuiCol_Text, track_color(course_, l.track));
        ImGui::Text("%s  %s", icon::icon_by_name(t->icon), t->name.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PushFont(fonts().heading);
    ImGui::TextWrapped("%s", l.title.c_str());
    ImGui::PopFont();
    text_colored(theme::kTextDim, (std::string(state_icon(state)) + "  " + state_name(state) + "   " + icon::kClock + " " +
                                   std::to_string(l.minutes) + " min   " + icon::kStar + " " + std::to_string(l.xp) + " XP")
                                      .c_str());
    if (l.has_errors()) {
        text_colored(theme::kDanger, ("Can't be opened: " + l.problems.front().to_string()).c_str());
    } else {
        ImGui::TextWrapped("%s", l.summary.c_str());
    }
    auto lesson_list = [&](const char* title, const std::vector<int>& indexes) {
        if (indexes.empty()) return;
        ImGui::Dummy({0, 4});
        ImGui::PushFont(fonts().strong);
        ImGui::TextUnformatted(title);
        ImGui::PopFont();
        for (int i : indexes) {
            const Lesson& other = course_.lessons[static_cast<std::size_t>(i)];
            const LessonState s = lesson_state(course_, progress_, other);
            if (ImGui::Selectable((std::string(state_icon(s)) + "  " + other.title + "##rel").c_str())) selected_ = i;
        }
    };
    std::vector<int> requires_idx;
    for (const auto& id : l.requires_)
        if (int i = lesson_index(course_, id); i >= 0) requires_idx.push_back(i);
    lesson_list("Needs first", requires_idx);
    lesson_list("Opens up", lessons_unlocked_by(course_, l.id));
    ImGui::Dummy({0, 8});
    if (state == LessonState::Locked && !l.has_errors()) {
        text_colored(theme::kTextDim, "Complete the lessons it needs first to unlock it. You can still read it.");
    }
    if (!l.has_errors()) {
        const char* label = state == LessonState::Done || state == LessonState::Mastered ? "Open lesson" : "Start lesson";
        ImGui::PushStyleColor(ImGuiCol_Button, theme::tint(theme::kAccent, 0.55f));
        if (ImGui::Button((std::string(icon::kPlay) + "  " + label).c_str())) events.navigate("#/lesson/" + l.id);
        ImGui::PopStyleColor();
    }
    ImGui::PopTextWrapPos();
}

}  // namespace dojo
