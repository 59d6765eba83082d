// Word-by-word layout of styled spans, cached until the width, the fonts or the spans change.
#include "ui/rich_text.h"

#include <cfloat>
#include <cmath>
#include <unordered_map>
#include <vector>

#include <imgui_internal.h>

#include "ui/access_tree.h"
#include "ui/fonts.h"
#include "ui/route.h"
#include "ui/text_layer.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"

namespace dojo {

namespace {

struct Fragment {
    const char* begin = nullptr;
    const char* end = nullptr;
    ImVec2 pos;  // top-left, relative to the paragraph's origin
    float width = 0;
    std::uint16_t span = 0;
    bool first_of_span = false;
};

struct Layout {
    const char* text = nullptr;  // the first span's text and the total length: a cached layout
    std::size_t length = 0;      // is reused only for the very same strings
    float width = 0;             // the wrap width it was made for
    float scale = 0;             // io.FontGlobalScale it was made for
    const ImFont* font = nullptr;
    float height = 0;
    std::vector<Fragment> fragments;
};

std::unordered_map<const Spans*, Layout> g_cache;

ImFont* font_for(const Span& s, const TextFonts& f) {
    if (s.style & kCode) return f.code;
    const bool bold = s.style & kBold, italic = s.style & kItalic;
    return bold && italic ? f.bold_italic : bold ? f.bold : italic ? f.italic : f.regular;
}

float font_px(const ImFont* font) {
    return font->FontSize * ImGui::GetIO().FontGlobalScale;
}

const Layout& layout_for(const Spans& spans, float width, const RichTextOptions& o) {
    Layout& l = g_cache[&spans];
    const float scale = ImGui::GetIO().FontGlobalScale;
    const char* text = spans.empty() ? nullptr : spans.front().text.data();
    std::size_t length = 0;
    for (const Span& s : spans) length += s.text.size();
    if (l.text == text && l.length == length && l.width == width && l.scale == scale && l.font == o.fonts.regular) return l;
    l = Layout{text, length, width, scale, o.fonts.regular, 0, {}};

    const float base = font_px(o.fonts.regular);
    const float line_h = base * o.line_height;
    float x = 0, y = (line_h - base) * 0.5f;
    std::vector<bool> glued_after;  // per fragment: the next span's text follows it with no space
    for (std::size_t si = 0; si < spans.size(); ++si) {
        const Span& span = spans[si];
        ImFont* font = font_for(span, o.fonts);
        const float px = font_px(font);
        const float pad = (span.style & kCode) ? px * 0.25f : 0.0f;  // room for the code background
        bool first = true;
        const char* p = span.text.data();
        const char* end = p + span.text.size();
        while (p < end) {
            if (*p == '\n') {
                x = 0;
                y += line_h;
                ++p;
                continue;
            }
            // A word and the spaces after it travel together.
            const char* w = p;
            while (w < end && *w != ' ' && *w != '\n') ++w;
            const char* word_end = w;
            while (w < end && *w == ' ') ++w;
            float ww = font->CalcTextSizeA(px, FLT_MAX, 0, p, word_end).x + 2 * pad;
            const float spaces = font->CalcTextSizeA(px, FLT_MAX, 0, word_end, w).x;
            if (x > 0 && x + ww > width) {
                // A word glued to the one before it ("*shader*." across two spans) takes that one along,
                // so punctuation never starts a line alone.
                std::size_t move = l.fragments.size();
                while (move > 0 && glued_after[move - 1] && l.fragments[move - 1].pos.y == y && l.fragments[move - 1].pos.x > 0)
                    --move;
                if (move < l.fragments.size() && p == span.text.data()) {
                    x = 0;
                    y += line_h;
                    for (std::size_t f = move; f < l.fragments.size(); ++f) {
                        l.fragments[f].pos = {x, y};
                        x += l.fragments[f].width;
                    }
                } else {
                    x = 0;
                    y += line_h;
                }
            }
            if (ww > width) {  // a word longer than the line: break it where it must
                const char* cut = font->CalcWordWrapPositionA(px / font->FontSize, p, word_end, width - x - 2 * pad);
                if (cut <= p) cut = p + 1;
                while (cut < word_end && (static_cast<unsigned char>(*cut) & 0xC0) == 0x80) ++cut;  // keep UTF-8 whole
                ww = font->CalcTextSizeA(px, FLT_MAX, 0, p, cut).x + 2 * pad;
                l.fragments.push_back({p, cut, {x, y}, ww, static_cast<std::uint16_t>(si), first});
                glued_after.push_back(false);
                first = false;
                p = cut;
                x = 0;
                y += line_h;
                continue;
            }
            l.fragments.push_back({p, word_end, {x, y}, ww, static_cast<std::uint16_t>(si), first});
            glued_after.push_back(w == word_end && w == end);  // no space before the next span's text
            first = false;
            x += ww + spaces;
            p = w;
        }
    }
    l.height = y + line_h - (line_h - base) * 0.5f;
    if (spans.empty()) l.height = 0;
    return l;
}

void term_tooltip(const GlossaryTerm& term) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22);
    ImGui::PushFont(fonts().strong);
    ImGui::TextUnformatted(term.term.c_str());
    ImGui::PopFont();
    ImGui::TextUnformatted(term.definition.c_str());
    if (!term.code.empty()) {
        ImGui::PushFont(fonts().mono);
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
        ImGui::TextUnformatted(term.code.c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

}  // namespace

RichTextOptions body_text_options(const Course* course) {
    const FontSet& f = fonts();
    RichTextOptions o;
    o.fonts = {f.body, f.strong, f.italic, f.strong_italic, f.mono};
    o.course = course;
    return o;
}

void clear_rich_text_cache() {
    g_cache.clear();
}

namespace {

// The keyboard-navigation id of a link: its span and target, so two links to one place stay apart.
ImGuiID link_id(std::size_t span, const std::string& link) {
    ImGui::PushID(static_cast<int>(span));
    const ImGuiID id = ImGui::GetID(link.c_str());
    ImGui::PopID();
    return id;
}

// Links and glossary terms for keyboard users: each link's first fragment becomes a navigation stop that
// the arrow keys reach (with the focus ring) and Space or Enter follows. The mouse keeps its own hit test
// in rich_text(), so this adds no hover or click handling of its own.
std::string keyboard_links(const Spans& spans, const Layout& l, ImVec2 origin, const TextFonts& fonts) {
    const ImGuiContext& g = *GImGui;
    std::string followed;
    for (const Fragment& f : l.fragments) {
        const Span& s = spans[f.span];
        if (s.link.empty() || !f.first_of_span) continue;
        const ImGuiID id = link_id(f.span, s.link);
        const ImVec2 a{origin.x + f.pos.x, origin.y + f.pos.y};
        const ImRect bb(a, {a.x + f.width, a.y + font_px(font_for(s, fonts))});
        if (!ImGui::ItemAdd(bb, id)) continue;  // clipped: off screen
        ImGui::RenderNavHighlight(bb, id);
        if (g.NavActivateId == id) followed = link_href(s.link);
    }
    return followed;
}

// The text for the access tree: a node of the caller's role holding the runs of text and the links.
void describe(const Spans& spans, ImVec2 origin, float width, float height, const RichTextOptions& o) {
    AccessTree& tree = access_tree();
    if (!tree.enabled() || !o.accessible) return;
    const bool own = o.access_role != AccessRole::Text;
    if (own) {
        AccessNode node;
        node.role = o.access_role;
        node.level = o.access_level;
        node.x = origin.x, node.y = origin.y, node.w = width, node.h = height;
        tree.open(std::move(node));
    }
    for (std::size_t i = 0; i < spans.size(); ++i) {
        const Span& s = spans[i];
        if (s.link.empty()) {
            tree.text(s.text);
            continue;
        }
        AccessNode link;
        link.role = AccessRole::Link;
        link.name = s.text;
        link.href = link_href(s.link);
        tree.add(std::move(link));
    }
    if (own) tree.close();
}

}  // namespace

std::string rich_text(const Spans& spans, float width, const RichTextOptions& options) {
    RichTextOptions o = options;
    if (!o.color) o.color = theme::kText;
    if (!o.fonts.regular) o.fonts = body_text_options(o.course).fonts;
    width = std::max(width, 40.0f);
    const Layout& l = layout_for(spans, width, o);

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    describe(spans, origin, width, l.height, o);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec4 clip = dl->_ClipRectStack.back();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool window_hovered = ImGui::IsWindowHovered();
    std::string clicked;
    int hovered_span = -1;
    // First pass: which span is under the mouse (a link spans several fragments).
    for (const Fragment& f : l.fragments) {
        const Span& s = spans[f.span];
        if (s.link.empty()) continue;
        const ImFont* font = font_for(s, o.fonts);
        const ImVec2 a{origin.x + f.pos.x, origin.y + f.pos.y}, b{a.x + f.width, a.y + font_px(font)};
        if (f.first_of_span) widget_registry().record(s.text, a.x, a.y, f.width, b.y - a.y, link_id(f.span, s.link));
        if (window_hovered && mouse.x >= a.x && mouse.x < b.x && mouse.y >= a.y - 2 && mouse.y < b.y + 2) hovered_span = f.span;
    }
    const bool gather = text_layer().enabled();
    TextLine line;  // the line being gathered for the browser's text layer
    auto end_line = [&] {
        if (!line.text.empty()) text_layer().record(std::move(line));
        line = TextLine{};
    };
    for (const Fragment& f : l.fragments) {
        const Span& s = spans[f.span];
        ImFont* font = font_for(s, o.fonts);
        const float px = font_px(font);
        const ImVec2 a{origin.x + f.pos.x, origin.y + f.pos.y};
        // Every line goes to the text layer, in view or not, so the browser's find reaches the whole lesson.
        if (gather) {
            if (!line.text.empty() && a.y != line.y) end_line();
            if (line.text.empty()) {
                line.x = a.x;
                line.y = a.y;
            } else if (a.x > line.x + line.w + 0.5f) {
                line.text += ' ';  // the space between words is not part of a fragment
            }
            line.text.append(f.begin, f.end);
            line.w = a.x + f.width - line.x;
            line.h = std::max(line.h, px);
        }
        if (a.y > clip.w || a.y + px < clip.y) continue;  // scrolled out of view: not drawn
        const bool is_term = s.link.rfind("term:", 0) == 0;
        const bool is_link = !s.link.empty() && !is_term;
        ImU32 color = o.color;
        if (s.style & kCode) {
            const float pad = px * 0.25f;
            dl->AddRectFilled({a.x, a.y - 1}, {a.x + f.width, a.y + px + 2}, theme::kCodeBackground, 4);
            color = theme::kCodeText;
            dl->AddText(font, px, {a.x + pad, a.y}, color, f.begin, f.end);
        } else {
            if (is_link) color = theme::kAccent;
            dl->AddText(font, px, a, color, f.begin, f.end);
        }
        const float underline_y = a.y + px + 1;
        if (s.style & kStrike) dl->AddLine({a.x, a.y + px * 0.55f}, {a.x + f.width, a.y + px * 0.55f}, color, 1.2f);
        if (is_link && hovered_span == f.span) dl->AddLine({a.x, underline_y}, {a.x + f.width, underline_y}, color, 1.0f);
        if (is_term)  // dotted: it explains, it does not navigate
            for (float x = a.x; x < a.x + f.width; x += 4)
                dl->AddLine({x, underline_y}, {std::min(x + 2, a.x + f.width), underline_y}, theme::kAccent, 1.2f);
    }
    end_line();
    if (hovered_span >= 0) {
        const Span& s = spans[static_cast<std::size_t>(hovered_span)];
        if (s.link.rfind("term:", 0) == 0) {
            if (o.course)
                if (const GlossaryTerm* term = o.course->find_term(s.link.substr(5))) term_tooltip(*term);
            if (ImGui::IsMouseClicked(0)) clicked = link_href(s.link);
        } else {
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            if (ImGui::IsMouseClicked(0)) clicked = s.link;
        }
    }
    if (std::string keyed = keyboard_links(spans, l, origin, o.fonts); !keyed.empty()) clicked = keyed;
    ImGui::Dummy({width, l.height});
    return clicked;
}

}  // namespace dojo
