// The app's other views: the skill tree (a pannable, zoomable graph of lessons), review of due
// questions, the glossary, the FAQ and search across the whole course.
#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <string>
#include <vector>

#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include "ui/app_shell.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/rich_text.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"
#include "ui/widgets.h"

namespace dojo {

namespace {

const char* state_icon(LessonState s) {
    switch (s) {
        case LessonState::Locked: return icon::kLock;
        case LessonState::Available: return icon::kCircle;
        case LessonState::Done: return icon::kCheckCircle;
        case LessonState::Mastered: return icon::kTrophy;
    }
    return "";
}

const char* state_name(LessonState s) {
    switch (s) {
        case LessonState::Locked: return "Locked";
        case LessonState::Available: return "Available";
        case LessonState::Done: return "Done";
        case LessonState::Mastered: return "Mastered";
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
// phone a long title gets a button as wide as the column, its text cut at the edge). Returns the clicked id.
std::string related_lesson_buttons(const Course& course, const std::vector<std::string>& ids) {
    const ImGuiWindow* window = ImGui::GetCurrentWindow();
    const float left = ImGui::GetCursorPosX();
    float right = left + ImGui::GetContentRegionAvail().x;
    if (window->DC.TextWrapPos > left) right = std::min(right, window->DC.TextWrapPos);
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, {style.FramePadding.x, 0});
    std::string clicked;
    float x = left;
    bool first = true;
    for (const auto& id : ids) {
        const Lesson* l = course.find_lesson(id);
        if (!l) continue;
        const std::string label = std::string(icon::kBook) + "  " + l->title;
        const float w = std::min(ImGui::CalcTextSize(label.c_str()).x + 2 * style.FramePadding.x, right - left);
        if (!first && x + style.ItemSpacing.x + w <= right) {
            ImGui::SameLine();
            x += style.ItemSpacing.x;
        } else {
            x = left;
        }
        if (ImGui::Button(label.c_str(), {w, 0})) clicked = id;
        x += w;
        first = false;
    }
    ImGui::PopStyleVar();
    return clicked;
}

void section_title(const char* icon_glyph, const char* text) {
    ImGui::PushFont(fonts().title);
    ImGui::Text("%s  %s", icon_glyph, text);
    ImGui::PopFont();
}

}  // namespace

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
    dl->AddRect({r.Min.x - 4.5f, r.Min.y - 4.5f}, {r.Max.x + 4.5f, r.Max.y + 4.5f}, theme::kAccent, g.Style.FrameRounding + 4.5f, 0, 3.0f);
    dl->PopClipRect();
}

// ---- Skill tree ----------------------------------------------------------------------------------

void AppShell::draw_tree(float width, float height) {
    const bool narrow = width < 720;
    const float panel_w = narrow ? width : std::min(360.0f, width * 0.34f);
    const bool show_panel = tree_selected_ >= 0 && static_cast<std::size_t>(tree_selected_) < course_.lessons.size();
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
    if (!tree_fitted_ || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home))) {
        // Fit the whole tree, but never so small that labels are unreadable.
        // The top 64 px hold the zoom controls, so the tree starts below them.
        const float fit = std::min((size.x - 48) / std::max(tree_.width, 1.0f), (size.y - 88) / std::max(tree_.height, 1.0f));
        tree_zoom_ = std::clamp(fit, 0.55f, 1.2f);
        tree_pan_ = {(size.x - tree_.width * tree_zoom_) * 0.5f, 64};
        tree_fitted_ = true;
    }
    if (ImGui::IsItemActive() && (ImGui::IsMouseDragging(0) || ImGui::IsMouseDragging(2))) {
        tree_pan_.x += io.MouseDelta.x;
        tree_pan_.y += io.MouseDelta.y;
    }
    if (canvas_hovered && io.MouseWheel != 0) {  // zoom around the mouse
        const float old = tree_zoom_;
        tree_zoom_ = std::clamp(tree_zoom_ * std::pow(1.15f, io.MouseWheel), 0.3f, 2.5f);
        const ImVec2 m{io.MousePos.x - origin.x, io.MousePos.y - origin.y};
        tree_pan_.x = m.x - (m.x - tree_pan_.x) * tree_zoom_ / old;
        tree_pan_.y = m.y - (m.y - tree_pan_.y) * tree_zoom_ / old;
    }
    if (ImGui::IsItemClicked() && !ImGui::IsMouseDragging(0)) tree_selected_ = -1;
    if (canvas_focused) tree_keyboard(ImGui::GetItemID(), size);
    // The ring shows only while the keyboard drives the focus: a mouse user never sees it.
    const bool show_focus_ring = canvas_focused && !GImGui->NavDisableHighlight;

    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(origin, {origin.x + size.x, origin.y + size.y}, true);
    // A faint dot grid shows that the canvas moves.
    const float grid = 40 * tree_zoom_;
    for (float gx = std::fmod(tree_pan_.x, grid); gx < size.x; gx += grid)
        for (float gy = std::fmod(tree_pan_.y, grid); gy < size.y; gy += grid)  // tiny squares: circles cost 10x the vertices
            dl->AddRectFilled({origin.x + gx - 1, origin.y + gy - 1}, {origin.x + gx + 1, origin.y + gy + 1}, theme::kBorder);

    const SkillTreeMetrics m;
    const float z = tree_zoom_;
    auto screen = [&](float x, float y) { return ImVec2{origin.x + tree_pan_.x + x * z, origin.y + tree_pan_.y + y * z}; };
    for (const auto& e : tree_.edges) {
        const auto& a = tree_.nodes[static_cast<std::size_t>(e.from)];
        const auto& b = tree_.nodes[static_cast<std::size_t>(e.to)];
        const ImVec2 p0 = screen(a.x + m.node_width / 2, a.y + m.node_height), p3 = screen(b.x + m.node_width / 2, b.y);
        const float dy = (p3.y - p0.y) * 0.5f;
        const bool lit = is_complete(progress_, course_.lessons[static_cast<std::size_t>(a.lesson)]);
        dl->AddBezierCubic(p0, {p0.x, p0.y + dy}, {p3.x, p3.y - dy}, p3, lit ? theme::kAccent : theme::kBorder, theme::kStrokeWidth * std::max(z, 0.6f));
    }
    const float fs = ImGui::GetFontSize() * std::clamp(z, 0.7f, 1.3f);
    for (std::size_t i = 0; i < tree_.nodes.size(); ++i) {
        const auto& n = tree_.nodes[i];
        const Lesson& l = course_.lessons[static_cast<std::size_t>(n.lesson)];
        const bool broken = l.has_errors();
        const LessonState state = broken ? LessonState::Locked : lesson_state(course_, progress_, l);
        const ImVec2 a = screen(n.x, n.y), b = screen(n.x + m.node_width, n.y + m.node_height);
        if (b.x < origin.x || a.x > origin.x + size.x || b.y < origin.y || a.y > origin.y + size.y) continue;
        const ImU32 color = broken ? theme::kDanger : track_color(l.track);
        const bool selected = tree_selected_ == n.lesson;
        const bool hovered = canvas_hovered && io.MousePos.x >= a.x && io.MousePos.x < b.x && io.MousePos.y >= a.y && io.MousePos.y < b.y;
        const ImU32 fill = state == LessonState::Locked ? theme::kSurface : theme::tint(color, state == LessonState::Available ? 0.8f : 0.6f);
        dl->AddRectFilled(a, b, hovered ? theme::kSurfaceHover : fill, 10 * z);
        dl->AddRect(a, b, selected ? theme::kText : (state == LessonState::Locked ? theme::kBorder : color), 10 * z, 0, theme::kStrokeWidth * (selected ? 1.25f : 0.75f));
        if (show_focus_ring && tree_focus_ == static_cast<int>(i))  // outside the node, thick, in the focus color
            dl->AddRect({a.x - 5, a.y - 5}, {b.x + 5, b.y + 5}, theme::kAccent, 10 * z + 5, 0, 3.5f);
        const float pad = 12 * z;
        const ImU32 text = state == LessonState::Locked ? theme::kTextDim : theme::kText;
        dl->PushClipRect(a, b, true);
        dl->AddText(fonts().body, fs, {a.x + pad, a.y + (b.y - a.y - fs) * 0.5f}, broken ? theme::kDanger : color, broken ? icon::kWarning : state_icon(state));
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
                tree_selected_ = n.lesson;
                tree_focus_ = static_cast<int>(i);  // the arrow keys go on from the clicked lesson
            }
        }
    }
    dl->PopClipRect();

    // Zoom controls, for touch screens and trackpads without a wheel.
    ImGui::SetCursorScreenPos({origin.x + 12, origin.y + 12});
    if (ImGui::Button("+")) tree_zoom_ = std::min(tree_zoom_ * 1.2f, 2.5f);
    ImGui::SameLine();
    if (ImGui::Button("-")) tree_zoom_ = std::max(tree_zoom_ / 1.2f, 0.3f);
    ImGui::SameLine();
    if (ImGui::Button("Fit")) tree_fitted_ = false;
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
    ImGui::TextUnformatted(narrow ? "" : "Drag to move, wheel to zoom, click a lesson");
    ImGui::PopStyleColor();
    ImGui::EndChild();

    if (show_panel) {
        if (!narrow) ImGui::SameLine(0, 0);
        ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::kSurface);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {18, 18});
        ImGui::BeginChild("##tree-details", {panel_w, narrow ? height - canvas_h : height}, false, ImGuiWindowFlags_AlwaysUseWindowPadding);
        draw_tree_details(course_.lessons[static_cast<std::size_t>(tree_selected_)], panel_w - 36);
        ImGui::EndChild();
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
    }
}

bool AppShell::tree_keyboard(ImGuiID canvas_id, ImVec2 canvas_size) {
    ImGuiContext& g = *GImGui;
    const int count = static_cast<int>(tree_.nodes.size());
    if (count == 0) return false;
    bool moved = false;
    if (tree_focus_ < 0 || tree_focus_ >= count) {  // arriving on the canvas: start at the open lesson, else the first
        tree_focus_ = 0;
        for (int i = 0; i < count; ++i)
            if (tree_.nodes[static_cast<std::size_t>(i)].lesson == tree_selected_) tree_focus_ = i;
        moved = true;
    }
    // ImGui turned the arrow key into a move request for its own navigation; take it over while another node
    // lies that way, and let it go at the tree's edge so the focus can leave the canvas for the zoom buttons.
    if (g.NavMoveDir != ImGuiDir_None && g.NavId == canvas_id) {
        TreeDirection d = TreeDirection::Left;
        switch (g.NavMoveDir) {
            case ImGuiDir_Left: d = TreeDirection::Left; break;
            case ImGuiDir_Right: d = TreeDirection::Right; break;
            case ImGuiDir_Up: d = TreeDirection::Up; break;
            default: d = TreeDirection::Down; break;
        }
        const int next = tree_neighbor(tree_, tree_focus_, d);
        if (next != tree_focus_) {
            ImGui::NavMoveRequestCancel();
            tree_focus_ = next;
            moved = true;
            g.NavDisableHighlight = false;  // ImGui shows focus again when its own move lands; this one was taken over
        }
    }
    // Enter or Space shows the focused lesson's details; pressed again on the same lesson, it opens the lesson.
    const bool activate = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                          ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false) ||
                          ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false);
    const int lesson = tree_.nodes[static_cast<std::size_t>(tree_focus_)].lesson;
    if (activate) {
        if (tree_selected_ == lesson && !course_.lessons[static_cast<std::size_t>(lesson)].has_errors()) {
            navigate("#/lesson/" + course_.lessons[static_cast<std::size_t>(lesson)].id);
            return moved;
        }
        tree_selected_ = lesson;
    }
    if (moved) {
        // Pan just enough to keep the focused node in sight, below the zoom buttons.
        const SkillTreeMetrics m;
        const auto& n = tree_.nodes[static_cast<std::size_t>(tree_focus_)];
        const float margin = 24, top = 64;
        const float x0 = tree_pan_.x + n.x * tree_zoom_, x1 = x0 + m.node_width * tree_zoom_;
        const float y0 = tree_pan_.y + n.y * tree_zoom_, y1 = y0 + m.node_height * tree_zoom_;
        if (x0 < margin) tree_pan_.x += margin - x0;
        else if (x1 > canvas_size.x - margin) tree_pan_.x -= x1 - (canvas_size.x - margin);
        if (y0 < top) tree_pan_.y += top - y0;
        else if (y1 > canvas_size.y - margin) tree_pan_.y -= y1 - (canvas_size.y - margin);
    }
    return moved;
}

nlohmann::json AppShell::tree_test_state() const {
    auto id_of = [&](int lesson) {
        return lesson >= 0 && static_cast<std::size_t>(lesson) < course_.lessons.size() ? nlohmann::json(course_.lessons[static_cast<std::size_t>(lesson)].id)
                                                                                       : nlohmann::json(nullptr);
    };
    const int focus_lesson = tree_focus_ >= 0 && static_cast<std::size_t>(tree_focus_) < tree_.nodes.size()
                                 ? tree_.nodes[static_cast<std::size_t>(tree_focus_)].lesson
                                 : -1;
    return {{"focus", id_of(focus_lesson)}, {"selected", id_of(tree_selected_)}, {"pan", {tree_pan_.x, tree_pan_.y}}, {"zoom", tree_zoom_}};
}

void AppShell::draw_tree_details(const Lesson& l, float width) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    const LessonState state = l.has_errors() ? LessonState::Locked : lesson_state(course_, progress_, l);
    if (const Track* t = course_.find_track(l.track)) {
        ImGui::PushStyleColor(ImGuiCol_Text, track_color(l.track));
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
            if (ImGui::Selectable((std::string(state_icon(s)) + "  " + other.title + "##rel").c_str())) tree_selected_ = i;
        }
    };
    std::vector<int> requires_idx;
    for (const auto& id : l.requires_)
        if (int i = lesson_index(id); i >= 0) requires_idx.push_back(i);
    lesson_list("Needs first", requires_idx);
    lesson_list("Opens up", lessons_unlocked_by(course_, l.id));
    ImGui::Dummy({0, 8});
    if (state == LessonState::Locked && !l.has_errors()) {
        text_colored(theme::kTextDim, "Complete the lessons it needs first to unlock it. You can still read it.");
    }
    if (!l.has_errors()) {
        const char* label = state == LessonState::Done || state == LessonState::Mastered ? "Open lesson" : "Start lesson";
        ImGui::PushStyleColor(ImGuiCol_Button, theme::tint(theme::kAccent, 0.55f));
        if (ImGui::Button((std::string(icon::kPlay) + "  " + label).c_str())) navigate("#/lesson/" + l.id);
        ImGui::PopStyleColor();
    }
    ImGui::PopTextWrapPos();
}

// ---- Review --------------------------------------------------------------------------------------

void AppShell::draw_review(float width) {
    section_title(icon::kRefresh, "Review");
    text_colored(theme::kTextDim,
                 "Questions you answered correctly come back on a schedule (SM-2): soon after you learn them, then at growing "
                 "intervals as long as you keep getting them right. A miss brings a question back tomorrow.");
    ImGui::Dummy({0, 8});
    if (review_queue_.empty() && reviewed_total_ == 0) {
        for (const DueReview& d : due_reviews(course_, progress_, today_)) {
            const int li = lesson_index(d.lesson->id);
            const int qi = static_cast<int>(d.question - d.lesson->questions.data());
            review_queue_.push_back({li, qi});
        }
        review_pos_ = 0;
        review_quizzes_.clear();
    }
    if (review_pos_ < review_queue_.size()) {
        const ReviewItem item = review_queue_[review_pos_];
        const Lesson& l = course_.lessons[static_cast<std::size_t>(item.lesson)];
        const Question& q = l.questions[static_cast<std::size_t>(item.question)];
        text_colored(theme::kTextDim, ("Question " + std::to_string(review_pos_ + 1) + " of " + std::to_string(review_queue_.size()) +
                                       "  \xc2\xb7  from \u201c" + l.title + "\u201d")
                                          .c_str());
        review_quizzes_.draw(l, q, width, *review_host_);
        const QuestionProgress* p = progress_of(l, q);
        const bool answered = p && p->card.last_day == today_;
        ImGui::BeginDisabled(!answered);
        if (ImGui::Button((std::string("Next  ") + icon::kChevronRight).c_str())) ++review_pos_;
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button("Open the lesson")) navigate("#/lesson/" + l.id);
        return;
    }
    if (reviewed_total_ > 0) {
        text_colored(theme::kSuccess, (std::string(icon::kCheckCircle) + "  Review done: " + std::to_string(reviewed_right_) + " of " +
                                       std::to_string(reviewed_total_) + " right.")
                                          .c_str());
        if (ImGui::Button("Check for more")) {
            review_queue_.clear();
            reviewed_total_ = reviewed_right_ = 0;
        }
        return;
    }
    // Nothing due: say when the next review comes.
    std::int64_t next = -1;
    for (const auto& [key, q] : progress_.questions)
        if (q.in_review && (next < 0 || q.card.due_day < next)) next = q.card.due_day;
    if (next < 0)
        text_colored(theme::kTextDim, "Nothing to review yet. Answer quiz questions in the lessons; each one you get right joins the review.");
    else
        text_colored(theme::kTextDim, ("All caught up. The next review is due in " + std::to_string(next - today_) + " day" +
                                       (next - today_ == 1 ? "" : "s") + ".")
                                          .c_str());
}

// ---- Glossary, FAQ, search -----------------------------------------------------------------------

void AppShell::draw_glossary(float width) {
    section_title(icon::kBook, "Glossary");
    ImGui::SetNextItemWidth(width);
    ImGui::InputTextWithHint("##glossary-filter", (std::string(icon::kSearch) + "  Filter terms").c_str(), glossary_filter_, sizeof glossary_filter_);
    ImGui::Dummy({0, 6});
    const std::string filter = lowercase(glossary_filter_);
    std::size_t shown = 0;
    for (std::size_t i = 0; i < course_.glossary.size(); ++i) {
        const GlossaryTerm& t = course_.glossary[i];
        if (!filter.empty() && glossary_text_[i].find(filter) == std::string::npos) continue;
        ++shown;
        const bool focused = t.id == focus_term_;
        if (focused && scroll_to_top_ == false) {
            ImGui::SetScrollHereY(0.2f);
            focus_term_.clear();
        }
        ImGui::PushID(t.id.c_str());
        begin_card(width, 14);
        ImGui::PushFont(fonts().subheading);
        ImGui::TextUnformatted(t.term.c_str());
        ImGui::PopFont();
        ImGui::TextWrapped("%s", t.definition.c_str());
        if (!t.code.empty()) {
            ImGui::PushFont(fonts().mono);
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kCodeText);
            ImGui::TextWrapped("%s", t.code.c_str());
            ImGui::PopStyleColor();
            ImGui::PopFont();
        }
        if (const std::string id = related_lesson_buttons(course_, t.related); !id.empty()) navigate("#/lesson/" + id);
        end_card(focused ? theme::kSurfaceHover : theme::kSurface, focused ? theme::kHighlight : theme::kAccent);
        ImGui::PopID();
        ImGui::Dummy({0, 2});
    }
    if (shown == 0) text_colored(theme::kTextDim, course_.glossary.empty() ? "The glossary is empty." : "No term matches.");
}

void AppShell::draw_faq(float width) {
    section_title(icon::kQuestion, "Questions learners ask");
    ImGui::Dummy({0, 6});
    RichTextOptions o = body_text_options(&course_);
    if (faq_open_.size() != course_.faq.size()) {
        faq_open_.assign(course_.faq.size(), false);
        if (!faq_open_.empty()) faq_open_[0] = true;
    }
    for (std::size_t i = 0; i < course_.faq.size(); ++i) {
        const FaqEntry& e = course_.faq[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::PushFont(fonts().strong);
        // A row as wide as the reading column (ImGui's collapsing headers span the whole window), as tall
        // as the question needs: on a phone a long question wraps instead of running off the screen.
        const char* chevron = faq_open_[i] ? icon::kChevronDown : icon::kChevronRight;
        const ImGuiStyle& style = ImGui::GetStyle();
        const float text_x = style.FramePadding.x + ImGui::CalcTextSize(icon::kChevronDown).x + ImGui::GetFontSize() * 0.7f;
        const float wrap = std::max(40.0f, width - text_x - style.FramePadding.x);
        const ImVec2 text_size = ImGui::CalcTextSize(e.question.c_str(), nullptr, false, wrap);
        const float row_h = std::max(ImGui::GetFrameHeight(), text_size.y + 2 * style.FramePadding.y);
        ImGui::PushStyleColor(ImGuiCol_Header, theme::kSurface);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        if (ImGui::Selectable("##faq-row", true, 0, {width, row_h})) faq_open_[i] = !faq_open_[i];
        widget_registry().record(e.question, at.x, at.y, width, row_h);
        ImGui::PopStyleColor();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddText({at.x + style.FramePadding.x, at.y + style.FramePadding.y}, theme::kText, chevron);
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), {at.x + text_x, at.y + style.FramePadding.y}, theme::kText,
                    e.question.c_str(), nullptr, wrap);
        ImGui::PopFont();
        const bool open = faq_open_[i];
        if (open) {
            ImGui::Indent(12);
            follow_link(rich_text(e.answer_spans, width - 24, o));
            if (const std::string id = related_lesson_buttons(course_, e.related); !id.empty()) navigate("#/lesson/" + id);
            ImGui::Unindent(12);
        }
        ImGui::PopID();
    }
    if (course_.faq.empty()) text_colored(theme::kTextDim, "No questions yet.");
}

void AppShell::draw_search(float width) {
    section_title(icon::kSearch, "Search");
    ImGui::SetNextItemWidth(width);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::InputTextWithHint("##search", "Search lessons, terms and questions", search_query_, sizeof search_query_);
    const std::string q = lowercase(search_query_);
    if (q.size() < 2) {
        text_colored(theme::kTextDim, "Type at least two letters.");
        return;
    }
    ImGui::Dummy({0, 6});
    int hits = 0;
    for (std::size_t i = 0; i < course_.lessons.size(); ++i) {
        const Lesson& l = course_.lessons[i];
        if (l.has_errors() || search_text_[i].find(q) == std::string::npos) continue;
        ++hits;
        if (lesson_row(l, width)) navigate("#/lesson/" + l.id);
    }
    for (std::size_t i = 0; i < course_.glossary.size(); ++i) {
        const GlossaryTerm& t = course_.glossary[i];
        if (glossary_text_[i].find(q) == std::string::npos) continue;
        ++hits;
        if (ImGui::Selectable((std::string(icon::kBook) + "  " + t.term + "  \xe2\x80\x94  glossary##" + t.id).c_str())) navigate("#/glossary/" + t.id);
    }
    for (std::size_t i = 0; i < course_.faq.size(); ++i) {
        const FaqEntry& e = course_.faq[i];
        if (faq_text_[i].find(q) == std::string::npos) continue;
        ++hits;
        if (ImGui::Selectable((std::string(icon::kQuestion) + "  " + e.question + "##faq").c_str())) navigate("#/faq");
    }
    if (hits == 0) text_colored(theme::kTextDim, "Nothing matches. Try a shorter word, or browse the glossary.");
}

}  // namespace dojo
