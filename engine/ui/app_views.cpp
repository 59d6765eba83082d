// The app's other views: the skill tree (a pannable, zoomable graph of lessons), review of due
// questions, the glossary, the FAQ and search across the whole course.
#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <string>
#include <vector>

#include <imgui.h>

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

void section_title(const char* icon_glyph, const char* text) {
    ImGui::PushFont(fonts().title);
    ImGui::Text("%s  %s", icon_glyph, text);
    ImGui::PopFont();
}

}  // namespace

// ---- Skill tree ----------------------------------------------------------------------------------

void AppShell::draw_tree(float width, float height) {
    const bool narrow = width < 720;
    const float panel_w = narrow ? width : std::min(360.0f, width * 0.34f);
    const bool show_panel = tree_selected_ >= 0 && static_cast<std::size_t>(tree_selected_) < course_.lessons.size();
    const float canvas_w = show_panel && !narrow ? width - panel_w : width;
    const float canvas_h = show_panel && narrow ? height * 0.55f : height;

    ImGui::BeginChild("##tree-canvas", {canvas_w, canvas_h}, false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::GetContentRegionAvail();
    ImGui::InvisibleButton("##tree-background", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonMiddle);
    const bool canvas_hovered = ImGui::IsItemHovered();
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
        dl->AddBezierCubic(p0, {p0.x, p0.y + dy}, {p3.x, p3.y - dy}, p3, lit ? theme::kAccent : theme::kBorder, 2.0f * std::max(z, 0.6f));
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
        dl->AddRect(a, b, selected ? theme::kText : (state == LessonState::Locked ? theme::kBorder : color), 10 * z, 0, selected ? 2.5f : 1.5f);
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
            if (ImGui::IsMouseReleased(0) && io.MouseDragMaxDistanceSqr[0] < 25) tree_selected_ = n.lesson;
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
        for (const auto& id : t.related)
            if (const Lesson* l = course_.find_lesson(id)) {
                if (ImGui::SmallButton((std::string(icon::kBook) + "  " + l->title).c_str())) navigate("#/lesson/" + id);
                ImGui::SameLine();
            }
        ImGui::NewLine();
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
        // A row as wide as the reading column (ImGui's collapsing headers span the whole window).
        const std::string row = std::string(faq_open_[i] ? icon::kChevronDown : icon::kChevronRight) + "   " + e.question;
        ImGui::PushStyleColor(ImGuiCol_Header, theme::kSurface);
        if (ImGui::Selectable(row.c_str(), true, 0, {width, ImGui::GetFrameHeight()})) faq_open_[i] = !faq_open_[i];
        ImGui::PopStyleColor();
        ImGui::PopFont();
        const bool open = faq_open_[i];
        if (open) {
            ImGui::Indent(12);
            follow_link(rich_text(e.answer_spans, width - 24, o));
            for (const auto& id : e.related)
                if (const Lesson* l = course_.find_lesson(id)) {
                    if (ImGui::SmallButton((std::string(icon::kBook) + "  " + l->title).c_str())) navigate("#/lesson/" + id);
                    ImGui::SameLine();
                }
            ImGui::NewLine();
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
