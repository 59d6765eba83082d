// Cards, rules, dim text and view titles drawn with ImGui and its draw list.
#include "ui/widgets.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <imgui_internal.h>

#include "ui/access_tree.h"
#include "ui/fonts.h"
#include "ui/theme.h"

namespace dojo {

namespace {

// Cards nest (a quiz in a callout in a list), and one draw-list splitter cannot, so each level of
// nesting has its own. Past the last level, cards are drawn without a background.
struct OpenCard {
    ImVec2 start;
    float width = 0, padding = 0;
    bool split = false;
};
constexpr int kMaxDepth = 8;
ImDrawListSplitter g_splitters[kMaxDepth];
std::vector<OpenCard> g_cards;

}  // namespace

void begin_card(float width, float padding) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const bool split = g_cards.size() < kMaxDepth;
    if (split) {
        g_splitters[g_cards.size()].Split(dl, 2);
        g_splitters[g_cards.size()].SetCurrentChannel(dl, 1);
    }
    g_cards.push_back({ImGui::GetCursorScreenPos(), width, padding, split});
    ImGui::SetCursorScreenPos({g_cards.back().start.x + padding + 4, g_cards.back().start.y + padding});
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2 * padding - 4);
}

void end_card(ImU32 background, ImU32 accent) {
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const OpenCard card = g_cards.back();
    g_cards.pop_back();
    const float bottom = ImGui::GetItemRectMax().y + card.padding;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (card.split) {
        ImDrawListSplitter& splitter = g_splitters[g_cards.size()];
        splitter.SetCurrentChannel(dl, 0);
        const ImVec2 a = card.start, b{card.start.x + card.width, bottom};
        dl->AddRectFilled(a, b, background, 8);
        // The projector theme outlines cards: pale fills alone vanish on a washed-out projector.
        if (theme::kLineWidth > 1) dl->AddRect(a, b, theme::kBorder, 8, 0, theme::kLineWidth * 0.75f);
        if (accent) dl->AddRectFilled(a, {a.x + 4, b.y}, accent, 8, ImDrawFlags_RoundCornersLeft);
        splitter.Merge(dl);
    }
    ImGui::SetCursorScreenPos({card.start.x, bottom});
    ImGui::Dummy({card.width, 0});
}

void column_rule(float width) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine({p.x, p.y}, {p.x + width, p.y}, theme::kBorder, theme::kLineWidth);
    ImGui::Dummy({width, 1});
}

std::string break_at_spaces(std::string_view text, float width) {
    std::string out;
    std::size_t line_start = 0;  // in `out`
    std::size_t i = 0;
    while (i <= text.size()) {
        std::size_t end = text.find_first_of(" \n", i);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view word = text.substr(i, end - i);
        const bool first_on_line = out.size() == line_start;
        if (!first_on_line) {
            const std::string candidate = out.substr(line_start) + " " + std::string(word);
            if (ImGui::CalcTextSize(candidate.c_str()).x > width) {
                out += '\n';
                line_start = out.size();
            } else {
                out += ' ';
            }
        }
        out += word;
        if (end < text.size() && text[end] == '\n') {
            out += '\n';
            line_start = out.size();
        }
        i = end + 1;
    }
    return out;
}

void wrapped_text(const char* text) {
    const float wrap_x = ImGui::GetCurrentWindow()->DC.TextWrapPos;  // window-local; <= 0 when none is set
    const float width = wrap_x > 0 ? wrap_x - ImGui::GetCursorPosX() : ImGui::GetContentRegionAvail().x;
    const std::string lines = break_at_spaces(text, std::max(width, ImGui::GetFontSize() * 4));
    ImGui::PushTextWrapPos(-1.0f);  // the lines are broken already
    ImGui::TextUnformatted(lines.c_str(), lines.c_str() + lines.size());
    ImGui::PopTextWrapPos();
}

void text_colored(ImU32 color, const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    wrapped_text(text);
    ImGui::PopStyleColor();
    access_text(text);
}

void section_title(const char* icon_glyph, const char* text) {
    ImGui::PushFont(fonts().title);
    ImGui::Text("%s  %s", icon_glyph, text);
    ImGui::PopFont();
    access_text(text, AccessRole::Heading, 1);
}

}  // namespace dojo
