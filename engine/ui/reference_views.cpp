// The glossary, FAQ and search views, and the lowercase text of the course they filter and search.
#include "ui/reference_views.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/access_tree.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/rich_text.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"
#include "ui/widgets.h"

namespace dojo {

namespace {

std::string lowercase(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

void append_text(const std::vector<Block>& blocks, std::string& out) {
    for (const Block& b : blocks) {
        for (const Span& s : b.spans) out += s.text + " ";
        for (const auto& item : b.items) append_text(item, out);
        append_text(b.children, out);
        for (const auto& row : b.rows)
            for (const auto& cell : row)
                for (const Span& s : cell) out += s.text + " ";
        if (b.kind == BlockKind::Code) out += b.text + " ";
    }
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

}  // namespace

ReferenceViews::ReferenceViews(const Course& course, LessonCards& cards) : course_(course), cards_(cards) {
    for (const Lesson& l : course_.lessons) {
        std::string text = l.title + " " + l.summary + " ";
        for (const auto& o : l.objectives) text += o + " ";
        append_text(l.blocks, text);
        for (const auto& q : l.questions) text += q.prompt + " ";
        search_text_.push_back(lowercase(text));
    }
    for (const GlossaryTerm& t : course_.glossary) glossary_text_.push_back(lowercase(t.term + " " + t.definition));
    for (const FaqEntry& e : course_.faq) faq_text_.push_back(lowercase(e.question + " " + e.answer));
}

void ReferenceViews::draw_glossary(float width, ReferenceViewEvents& events) {
    section_title(icon::kBook, "Glossary");
    ImGui::SetNextItemWidth(width);
    ImGui::InputTextWithHint("##glossary-filter", (std::string(icon::kSearch) + "  Filter terms").c_str(), glossary_filter_,
                             sizeof glossary_filter_);
    if (AccessNode* field = describe_last_item(AccessRole::TextField, "Filter terms")) field->value_text = glossary_filter_;
    ImGui::Dummy({0, 6});
    const std::string filter = lowercase(glossary_filter_);
    std::size_t shown = 0;
    bool navigated = false;  // a related lesson was clicked: the view is on its way out, so no scrolling
    for (std::size_t i = 0; i < course_.glossary.size(); ++i) {
        const GlossaryTerm& t = course_.glossary[i];
        if (!filter.empty() && glossary_text_[i].find(filter) == std::string::npos) continue;
        ++shown;
        const bool focused = t.id == focus_term_;
        if (focused && !navigated) {
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
        if (const std::string id = related_lesson_buttons(course_, t.related); !id.empty()) {
            navigated = true;
            events.navigate("#/lesson/" + id);
        }
        end_card(focused ? theme::kSurfaceHover : theme::kSurface, focused ? theme::kHighlight : theme::kAccent);
        ImGui::PopID();
        ImGui::Dummy({0, 2});
    }
    if (shown == 0) text_colored(theme::kTextDim, course_.glossary.empty() ? "The glossary is empty." : "No term matches.");
}

void ReferenceViews::draw_faq(float width, ReferenceViewEvents& events) {
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
        describe_last_item(AccessRole::Button, e.question,
                           access_state::kExpandable | (faq_open_[i] ? access_state::kExpanded : 0u));
        ImGui::PopStyleColor();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddText({at.x + style.FramePadding.x, at.y + style.FramePadding.y}, theme::kText, chevron);
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), {at.x + text_x, at.y + style.FramePadding.y}, theme::kText,
                    e.question.c_str(), nullptr, wrap);
        ImGui::PopFont();
        const bool open = faq_open_[i];
        if (open) {
            ImGui::Indent(12);
            events.follow_link(rich_text(e.answer_spans, width - 24, o));
            if (const std::string id = related_lesson_buttons(course_, e.related); !id.empty()) events.navigate("#/lesson/" + id);
            ImGui::Unindent(12);
        }
        ImGui::PopID();
    }
    if (course_.faq.empty()) text_colored(theme::kTextDim, "No questions yet.");
}

void ReferenceViews::draw_search(float width, ReferenceViewEvents& events) {
    section_title(icon::kSearch, "Search");
    ImGui::SetNextItemWidth(width);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::InputTextWithHint("##search", "Search lessons, terms and questions", search_query_, sizeof search_query_);
    if (AccessNode* field = describe_last_item(AccessRole::TextField, "Search lessons, terms and questions"))
        field->value_text = search_query_;
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
        if (cards_.row(l, width)) events.navigate("#/lesson/" + l.id);
    }
    for (std::size_t i = 0; i < course_.glossary.size(); ++i) {
        const GlossaryTerm& t = course_.glossary[i];
        if (glossary_text_[i].find(q) == std::string::npos) continue;
        ++hits;
        if (ImGui::Selectable((std::string(icon::kBook) + "  " + t.term + "  \xe2\x80\x94  glossary##" + t.id).c_str()))
            events.navigate("#/glossary/" + t.id);
    }
    for (std::size_t i = 0; i < course_.faq.size(); ++i) {
        const FaqEntry& e = course_.faq[i];
        if (faq_text_[i].find(q) == std::string::npos) continue;
        ++hits;
        if (ImGui::Selectable((std::string(icon::kQuestion) + "  " + e.question + "##faq").c_str())) events.navigate("#/faq");
    }
    if (hits == 0) text_colored(theme::kTextDim, "Nothing matches. Try a shorter word, or browse the glossary.");
}

}  // namespace dojo
