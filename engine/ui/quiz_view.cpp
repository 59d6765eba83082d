// Draws a question, collects the learner's answer and shows the grade, hint and explanation.
#include "ui/quiz_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/access_tree.h"
#include "ui/announcer.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/text_fields.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"
#include "ui/widgets.h"

namespace dojo {

namespace {

// A shuffle that is the same every time for a question, and never the answer itself.
std::vector<int> shuffled_order(const Question& q) {
    std::vector<int> order(q.order.size());
    std::iota(order.begin(), order.end(), 0);
    std::uint32_t seed = 2166136261u;
    for (char c : q.id) seed = (seed ^ static_cast<unsigned char>(c)) * 16777619u;
    for (std::size_t i = order.size(); i > 1; --i) {
        seed = seed * 1664525u + 1013904223u;
        std::swap(order[i - 1], order[seed % i]);
    }
    if (order.size() > 1 && std::is_sorted(order.begin(), order.end())) std::swap(order[0], order[1]);
    return order;
}

// A radio button or checkbox whose label wraps within the text column, so a long answer fits a phone
// (ImGui's own keep their label on one line). The whole row takes the click, Space and Enter.
bool wrapped_choice(const std::string& text, bool checked, bool radio) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float box = ImGui::GetFrameHeight();
    const float left = ImGui::GetCursorPosX();
    const float wrap = ImGui::GetCurrentWindow()->DC.TextWrapPos;
    const float width = std::max(box * 4, (wrap > left ? wrap : left + ImGui::GetContentRegionAvail().x) - left);
    const float text_w = width - box - style.ItemInnerSpacing.x;
    const ImVec2 text_size = ImGui::CalcTextSize(text.c_str(), nullptr, false, text_w);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 size{std::min(width, box + style.ItemInnerSpacing.x + text_size.x),
                      std::max(box, text_size.y + 2 * style.FramePadding.y)};
    const std::string label = text + "##choice";
    const bool pressed = ImGui::InvisibleButton(label.c_str(), size);
    const ImGuiID id = ImGui::GetItemID();
    widget_registry().record(label, at.x, at.y, size.x, size.y, id);  // InvisibleButton reports no label to the hooks
    describe_last_item(radio ? AccessRole::Radio : AccessRole::Checkbox, text,
                       access_state::kCheckable | (checked ? access_state::kChecked : 0u));
    const bool hovered = ImGui::IsItemHovered(), held = ImGui::IsItemActive();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 frame = ImGui::GetColorU32(held ? ImGuiCol_FrameBgActive : hovered ? ImGuiCol_FrameBgHovered : ImGuiCol_FrameBg);
    const ImU32 mark = ImGui::GetColorU32(ImGuiCol_CheckMark);
    const float pad = std::max(1.0f, box / 6.0f);
    if (radio) {
        const ImVec2 center{at.x + box * 0.5f, at.y + box * 0.5f};
        dl->AddCircleFilled(center, box * 0.5f - 0.5f, frame, 16);
        if (checked) dl->AddCircleFilled(center, box * 0.5f - pad, mark, 16);
    } else {
        dl->AddRectFilled(at, {at.x + box, at.y + box}, frame, style.FrameRounding);
        if (checked) ImGui::RenderCheckMark(dl, {at.x + pad, at.y + pad}, mark, box - pad * 2);
    }
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), {at.x + box + style.ItemInnerSpacing.x, at.y + style.FramePadding.y},
                ImGui::GetColorU32(ImGuiCol_Text), text.c_str(), nullptr, text_w);
    ImGui::RenderNavHighlight(ImRect(at, {at.x + size.x, at.y + size.y}), id);
    return pressed;
}

const char* kind_label(QuestionKind k) {
    switch (k) {
        case QuestionKind::Single:
            return "Pick one";
        case QuestionKind::Multiple:
            return "Pick all that apply";
        case QuestionKind::Numeric:
            return "Type a number";
        case QuestionKind::Ordering:
            return "Put in order";
        case QuestionKind::TrueFalse:
            return "True or false";
    }
    return "";
}

}  // namespace

// After an ordering move button: the focus goes to the same button on the item's new row, so pressing Space
// again moves the same item further (unless that button is disabled, at the top or bottom). Also names the
// button for tests, which cannot tell the rows' arrow buttons apart by their labels.
void QuizView::keep_focus_on_moved_item(State& s, int row, char button, const std::string& name, bool enabled) {
    widget_registry().record(name, ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectSize().x,
                             ImGui::GetItemRectSize().y, ImGui::GetItemID());
    if (s.focus_row != row || s.focus_button != button) return;
    if (enabled && !GImGui->NavDisableHighlight) ImGui::SetFocusID(ImGui::GetItemID(), ImGui::GetCurrentWindow());
    s.focus_row = -1;
}

QuizView::State& QuizView::state_for(const Lesson& lesson, const Question& question) {
    const std::string key = question_key(lesson.id, question.id);
    auto [it, fresh] = states_.try_emplace(key);
    State& s = it->second;
    if (fresh) {
        s.picked.assign(question.choices.size(), false);
        s.order = shuffled_order(question);
    }
    return s;
}

Answer QuizView::answer_from(const Question& q, const State& s) const {
    Answer a;
    switch (q.kind) {
        case QuestionKind::Single:
        case QuestionKind::Multiple:
        case QuestionKind::TrueFalse:
            for (std::size_t i = 0; i < s.picked.size(); ++i)
                if (s.picked[i]) a.selected.push_back(static_cast<int>(i));
            if (q.kind == QuestionKind::TrueFalse && a.selected.size() == 1) a.truth = a.selected[0] == 0;
            break;
        case QuestionKind::Numeric: {
            char* end = nullptr;
            const double v = std::strtod(s.number, &end);
            while (end && *end == ' ') ++end;
            if (end != s.number && end && *end == '\0' && std::isfinite(v)) a.number = v;
            break;
        }
        case QuestionKind::Ordering:
            a.order = s.order;
            break;
    }
    return a;
}

void QuizView::draw(const Lesson& lesson, const Question& q, float width, QuizHost& host) {
    State& s = state_for(lesson, q);
    const QuestionProgress* saved = host.progress_of(lesson, q);
    const bool solved_before = saved && saved->correct;
    ImGui::PushID(q.id.c_str());

    begin_card(width);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    ImGui::Text("QUIZ  \xc2\xb7  %s", kind_label(q.kind));
    ImGui::PopStyleColor();
    if (solved_before && !s.answered) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kSuccess);
        ImGui::Text("  %s solved", icon::kCheck);
        ImGui::PopStyleColor();
    }
    AccessTree& tree = access_tree();
    tree.open({.role = AccessRole::Group, .name = std::string("Quiz: ") + kind_label(q.kind)});
    ImGui::PushFont(fonts().strong);
    wrapped_text(q.prompt.c_str());
    access_text(q.prompt);
    ImGui::PopFont();
    ImGui::Dummy({0, 2});

    bool submit = false;
    switch (q.kind) {
        case QuestionKind::Single:
        case QuestionKind::TrueFalse:
            tree.open({.role = AccessRole::RadioGroup, .name = q.prompt});
            for (std::size_t i = 0; i < q.choices.size(); ++i) {
                if (wrapped_choice(q.choices[i].text, s.picked[i], true)) {
                    std::fill(s.picked.begin(), s.picked.end(), false);
                    s.picked[i] = true;
                }
            }
            tree.close();
            break;
        case QuestionKind::Multiple:
            tree.open({.role = AccessRole::Group, .name = q.prompt});
            for (std::size_t i = 0; i < q.choices.size(); ++i)
                if (wrapped_choice(q.choices[i].text, s.picked[i], false)) s.picked[i] = !s.picked[i];
            tree.close();
            break;
        case QuestionKind::Numeric:
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
            submit = ImGui::InputText("##answer", s.number, sizeof s.number,
                                      ImGuiInputTextFlags_CharsScientific | ImGuiInputTextFlags_EnterReturnsTrue);
            mark_numeric_field();  // a phone shows its number keyboard for it
            if (AccessNode* field =
                    describe_last_item(AccessRole::TextField, q.unit.empty() ? "Your answer" : "Your answer, in " + q.unit))
                field->value_text = s.number;
            if (!q.unit.empty()) {
                ImGui::SameLine();
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(q.unit.c_str());
            }
            break;
        case QuestionKind::Ordering: {
            const ImGuiStyle& style = ImGui::GetStyle();
            for (std::size_t i = 0; i < s.order.size(); ++i) {
                ImGui::PushID(static_cast<int>(i));
                const int row = static_cast<int>(i);
                const float row_x = ImGui::GetCursorScreenPos().x;
                ImGui::BeginDisabled(i == 0);
                if (ImGui::ArrowButton("up", ImGuiDir_Up)) {
                    std::swap(s.order[i], s.order[i - 1]);
                    s.focus_row = row - 1, s.focus_button = 'u';
                }
                keep_focus_on_moved_item(s, row, 'u', q.id + "-up-" + std::to_string(i), i > 0);
                describe_last_item(AccessRole::Button, "Move up: " + q.order[static_cast<std::size_t>(s.order[i])]);
                ImGui::EndDisabled();
                ImGui::SameLine(0, 4);
                ImGui::BeginDisabled(i + 1 == s.order.size());
                if (ImGui::ArrowButton("down", ImGuiDir_Down)) {
                    std::swap(s.order[i], s.order[i + 1]);
                    s.focus_row = row + 1, s.focus_button = 'd';
                }
                keep_focus_on_moved_item(s, row, 'd', q.id + "-down-" + std::to_string(i), i + 1 < s.order.size());
                describe_last_item(AccessRole::Button, "Move down: " + q.order[static_cast<std::size_t>(s.order[i])]);
                ImGui::EndDisabled();
                ImGui::SameLine();
                const std::string label = std::to_string(i + 1) + ".  " + q.order[static_cast<std::size_t>(s.order[i])];
                // The item takes the rest of the row and wraps, so a long step is never cut off.
                const ImVec2 at = ImGui::GetCursorScreenPos();
                const float item_w = std::max(ImGui::GetFontSize() * 6, row_x + width - at.x);
                const float wrap = item_w - 2 * style.FramePadding.x;
                const float text_h = ImGui::CalcTextSize(label.c_str(), nullptr, false, wrap).y;
                ImGui::Selectable("##item", false, 0,
                                  {item_w, std::max(ImGui::GetFrameHeight(), text_h + 2 * style.FramePadding.y)});
                ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                                                    {at.x + style.FramePadding.x, at.y + style.FramePadding.y},
                                                    ImGui::GetColorU32(ImGuiCol_Text), label.c_str(), nullptr, wrap);
                describe_last_item(AccessRole::Button, label);
                // The row's text is drawn beside its id, so the registry (tests, the web hook) gets it here.
                widget_registry().record(label, at.x, at.y, ImGui::GetItemRectSize().x, ImGui::GetItemRectSize().y,
                                         ImGui::GetItemID());
                // Drag an item onto another to swap them.
                if (ImGui::BeginDragDropSource()) {
                    const int from = static_cast<int>(i);
                    ImGui::SetDragDropPayload("dojo-order", &from, sizeof from);
                    ImGui::TextUnformatted(label.c_str());
                    ImGui::EndDragDropSource();
                }
                if (ImGui::BeginDragDropTarget()) {
                    if (const ImGuiPayload* p = ImGui::AcceptDragDropPayload("dojo-order")) {
                        const int from = *static_cast<const int*>(p->Data);
                        if (from >= 0 && static_cast<std::size_t>(from) < s.order.size()) {
                            const int moved = s.order[static_cast<std::size_t>(from)];
                            s.order.erase(s.order.begin() + from);
                            s.order.insert(s.order.begin() + static_cast<long>(i), moved);
                        }
                    }
                    ImGui::EndDragDropTarget();
                }
                ImGui::PopID();
            }
            break;
        }
    }

    ImGui::Dummy({0, 2});
    const std::string check = std::string(s.answered && !s.last.correct ? "Try again" : "Check answer") + "##" + q.id;
    submit |= ImGui::Button(check.c_str());
    describe_last_item(AccessRole::Button, check);
    if (!q.hint.empty() && !s.hint_shown && !(s.answered && s.last.correct)) {
        ImGui::SameLine();
        if (ImGui::Button(("Show hint##" + q.id).c_str())) s.hint_shown = true;
        describe_last_item(AccessRole::Button, "Show hint");
    }
    if (submit) {
        const Answer answer = answer_from(q, s);
        const Outcome outcome = host.answer(lesson, q, answer, s.hint_shown);
        if (outcome.counted) {
            s.answered = true;
            s.last = grade(q, answer);
            s.xp_gained = outcome.xp_awarded;
            announce(std::string(s.last.correct ? "Correct." : "Not quite.") +
                     (s.last.correct && s.xp_gained > 0 ? " +" + std::to_string(s.xp_gained) + " XP." : "") +
                     (s.last.feedback.empty() ? "" : " " + s.last.feedback));
        } else {
            s.answered = false;
            s.last = Grade{false, false,
                           q.kind == QuestionKind::Numeric ? "Type a number first, like 14 or 0.5." : "Choose an answer first."};
            announce(s.last.feedback);
        }
    }
    if (s.hint_shown && !q.hint.empty()) {
        ImGui::PushFont(fonts().italic);
        text_colored(theme::kTextDim, (std::string("Hint: ") + q.hint).c_str());
        ImGui::PopFont();
    }
    if (!s.last.complete) text_colored(theme::kWarning, s.last.feedback.c_str());
    if (s.answered) {
        const bool ok = s.last.correct;
        ImGui::PushFont(fonts().strong);
        std::string verdict = ok ? std::string(icon::kCheck) + "  Correct" : std::string(icon::kTimes) + "  Not quite";
        if (ok && s.xp_gained > 0) verdict += "   +" + std::to_string(s.xp_gained) + " XP";
        text_colored(ok ? theme::kSuccess : theme::kDanger, verdict.c_str());
        ImGui::PopFont();
        if (!s.last.feedback.empty()) {
            wrapped_text(s.last.feedback.c_str());
            access_text(s.last.feedback);
        }
        if (ok && !q.explanation.empty()) text_colored(theme::kTextDim, q.explanation.c_str());
        if (!ok) text_colored(theme::kTextDim, "Change your answer and try again; XP comes with the first correct answer.");
    } else if (solved_before && !q.explanation.empty()) {
        text_colored(theme::kTextDim, q.explanation.c_str());
    }
    tree.close();
    end_card(theme::kSurface, s.answered ? (s.last.correct ? theme::kSuccess : theme::kDanger) : theme::kAccent);
    ImGui::PopID();
}

}  // namespace dojo
