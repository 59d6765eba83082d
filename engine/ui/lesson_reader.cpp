// The lesson renderer. Each block kind is one small function; spacing follows a reading rhythm
// (more space above headings than below, paragraphs a half line apart).
#include "ui/lesson_reader.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include <imgui.h>

#include "labs/lab_catalog.h"
#include "ui/access_tree.h"
#include "ui/exercises/exercise_view.h"
#include "ui/explorers_view.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/redraw.h"
#include "ui/rich_text.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"
#include "ui/widgets.h"

namespace dojo {

namespace {

void follow(ReaderContext& ctx, const std::string& link) {
    if (!link.empty()) ctx.clicked_link = link;
}

void paragraph(const Spans& spans, float width, ReaderContext& ctx, ImU32 color = 0) {
    RichTextOptions o = body_text_options(&ctx.course);
    o.color = color;
    follow(ctx, rich_text(spans, width, o));
}

void heading(const Block& b, float width, ReaderContext& ctx) {
    const FontSet& f = fonts();
    ImFont* font = b.level <= 1 ? f.heading : f.subheading;
    ImGui::Dummy({0, b.level <= 1 ? 14.0f : 8.0f});
    RichTextOptions o;
    o.fonts = {font, font, font, font, f.mono};
    o.course = &ctx.course;
    o.line_height = 1.3f;
    o.access_role = AccessRole::Heading;
    o.access_level = std::clamp(b.level, 1, 6);
    follow(ctx, rich_text(b.spans, width, o));
}

void list(const Block& b, float width, ReaderContext& ctx) {
    const float indent = ImGui::GetFontSize() * 1.6f;
    access_tree().open({.role = AccessRole::List});
    for (std::size_t i = 0; i < b.items.size(); ++i) {
        const ImVec2 start = ImGui::GetCursorScreenPos();
        access_tree().open({.role = AccessRole::ListItem});
        const std::string marker = b.ordered ? std::to_string(b.start + static_cast<int>(i)) + "." : "\xe2\x80\xa2";  // bullet
        // The marker sits on the first line's baseline, right-aligned in the indent.
        const float line_offset = ImGui::GetFontSize() * 0.25f;
        const float mw = ImGui::CalcTextSize(marker.c_str()).x;
        ImGui::GetWindowDrawList()->AddText({start.x + indent - mw - 8, start.y + line_offset},
                                            b.ordered ? theme::kTextDim : theme::kAccent, marker.c_str());
        ImGui::SetCursorScreenPos({start.x + indent, start.y});
        ImGui::BeginGroup();
        draw_blocks(b.items[i], width - indent, ctx);
        ImGui::EndGroup();
        ImGui::SetCursorScreenPos({start.x, ImGui::GetItemRectMax().y + 2});
        ImGui::Dummy({0, 0});
        access_tree().close();
    }
    access_tree().close();
}

void code(const Block& b, float width, ReaderContext& ctx) {
    const FontSet& f = fonts();
    const ImVec2 top_left = ImGui::GetCursorScreenPos();
    begin_card(width, 14);
    const std::string label = std::string(icon::kCopy) + "  Copy";  // measured in the body font it is drawn in
    const float bw = ImGui::CalcTextSize(label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x;
    ImGui::PushFont(f.mono);
    // Long lines scroll sideways inside the card instead of breaking the code. The text's lines are
    // font-height apart (TextUnformatted adds no item spacing between them), so that is the height.
    const std::size_t n = !b.text.empty() && b.text.back() == '\n' ? b.text.size() - 1 : b.text.size();
    int lines = 1;
    float widest = 0, first = -1;
    for (std::size_t at = 0; at <= n;) {
        const std::size_t end = std::min(b.text.find('\n', at), n);
        const float w = ImGui::CalcTextSize(b.text.c_str() + at, b.text.c_str() + end).x;
        if (first < 0) first = w;
        widest = std::max(widest, w);
        if (end >= n) break;
        at = end + 1;
        ++lines;
    }
    const float inner = width - 32;
    const bool scrolls = widest > inner;
    const float h = static_cast<float>(std::min(lines, 30)) * ImGui::GetTextLineHeight() + 6 +
                    (scrolls ? ImGui::GetStyle().ScrollbarSize : 0.0f);
    // The Copy button sits in the top-right corner: where the first line would run under it, the code
    // starts below the button instead.
    if (first > inner - bw - 16) ImGui::Dummy({0, ImGui::GetFrameHeight() - 4});
    ImGui::PushStyleColor(ImGuiCol_ChildBg, 0u);
    ImGui::BeginChild(ImGui::GetID(&b), {width - 32, h}, false, ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kCodeText);
    ImGui::TextUnformatted(b.text.c_str(), b.text.c_str() + n);
    ImGui::PopStyleColor();
    ImGui::EndChild();
    access_text(b.text.substr(0, n), AccessRole::Code);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    end_card(theme::kCodeBackground, 0);
    // The copy button sits in the card's top-right corner.
    const ImVec2 after = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos({top_left.x + width - bw - 10, top_left.y + 8});
    ImGui::PushID(&b);
    ImGui::PushStyleColor(ImGuiCol_Button, theme::kSurface);
    if (ImGui::SmallButton(label.c_str())) ctx.platform.copy_to_clipboard(b.text);
    describe_last_item(AccessRole::Button, "Copy the code");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Copy this code");
    ImGui::PopStyleColor();
    ImGui::PopID();
    ImGui::SetCursorScreenPos(after);
    ImGui::Dummy({0, 0});
}

// Each column's text width: at least its longest word, so no word is broken across lines; the room
// left goes to the columns whose text is longest. Empty when even the longest words do not fit side
// by side (seven columns on a phone): the table is then drawn a row at a time (table_stacked).
std::vector<float> table_column_widths(const Block& b, std::size_t columns, float room) {
    std::vector<float> least(columns, 0), natural(columns, 0);
    for (std::size_t r = 0; r < b.rows.size(); ++r) {
        ImGui::PushFont(r == 0 ? fonts().strong : fonts().body);
        for (std::size_t c = 0; c < b.rows[r].size() && c < columns; ++c) {
            std::string text;
            for (const Span& span : b.rows[r][c]) text += span.text;
            natural[c] = std::max(natural[c], ImGui::CalcTextSize(text.c_str()).x);
            for (std::size_t at = 0; at < text.size();) {
                const std::size_t end = std::min(text.find(' ', at), text.size());
                least[c] = std::max(least[c], ImGui::CalcTextSize(text.c_str() + at, text.c_str() + end).x);
                at = end + 1;
            }
        }
        ImGui::PopFont();
    }
    float sum_least = 0, sum_extra = 0;
    for (std::size_t c = 0; c < columns; ++c) {
        least[c] = std::max(least[c], 8.0f);
        natural[c] = std::max(natural[c], least[c]);
        sum_least += least[c];
        sum_extra += natural[c] - least[c];
    }
    std::vector<float> widths(columns);
    if (sum_least >= room) return {};
    const float spare = room - sum_least;
    for (std::size_t c = 0; c < columns; ++c)
        widths[c] =
            least[c] + (sum_extra > 0 ? spare * (natural[c] - least[c]) / sum_extra : spare / static_cast<float>(columns));
    return widths;
}

// A table too wide for the screen, a card per row: the first cell as its title, then each other cell
// after its column's heading ("Memory: 180 GB"). Still a table, rows and cells to a screen reader.
// The lines a stacked table shows, made once per table and kept: rich_text() caches its layout by the
// address of the spans it is given, so they must outlive the frame.
const std::vector<std::vector<Spans>>& stacked_lines(const Block& b, std::size_t columns) {
    struct Kept {
        std::string fingerprint;  // the table's text: a block at a reused address is another table
        std::vector<std::vector<Spans>> rows;
    };
    static std::map<const Block*, Kept> kept;
    std::string fingerprint;
    for (const auto& row : b.rows)
        for (const auto& cell : row)
            for (const Span& span : cell) fingerprint += span.text + '\x1f';
    Kept& k = kept[&b];
    if (k.fingerprint == fingerprint) return k.rows;
    k.fingerprint = std::move(fingerprint);
    k.rows.clear();
    for (std::size_t r = 1; r < b.rows.size(); ++r) {
        std::vector<Spans>& row = k.rows.emplace_back();
        for (std::size_t c = 0; c < columns && c < b.rows[r].size(); ++c) {
            Spans& line = row.emplace_back();
            std::string heading;
            if (c < b.rows[0].size())
                for (const Span& span : b.rows[0][c]) heading += span.text;
            if (c > 0 && !heading.empty()) line.push_back({heading + ": ", kBold, ""});
            for (Span span : b.rows[r][c]) {
                if (c == 0) span.style |= kBold;
                line.push_back(std::move(span));
            }
        }
    }
    return k.rows;
}

void table_stacked(const Block& b, std::size_t columns, float width, ReaderContext& ctx) {
    AccessTree& tree = access_tree();
    tree.open({.role = AccessRole::Table});
    for (const std::vector<Spans>& row : stacked_lines(b, columns)) {
        tree.open({.role = AccessRole::Row});
        begin_card(width, 12);
        for (const Spans& line : row) {
            tree.open({.role = AccessRole::Cell});
            RichTextOptions o = body_text_options(&ctx.course);
            o.line_height = 1.35f;
            o.access_role = AccessRole::Text;
            follow(ctx, rich_text(line, width - 28, o));
            tree.close();
        }
        end_card(theme::kSurface, 0);
        ImGui::Dummy({0, 2});
        tree.close();
    }
    tree.close();
}

void table(const Block& b, float width, ReaderContext& ctx) {
    if (b.rows.empty()) return;
    std::size_t columns = 0;
    for (const auto& row : b.rows) columns = std::max(columns, row.size());
    if (columns == 0 || columns > 63) return;
    const std::vector<float> widths = table_column_widths(b, columns, width - 20 * static_cast<float>(columns));
    if (widths.empty()) return table_stacked(b, columns, width, ctx);
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders & ~ImGuiTableFlags_BordersOuterV;
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, {10, 7});
    if (ImGui::BeginTable(("##table" + std::to_string(b.line)).c_str(), static_cast<int>(columns),
                          flags | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit, {width, 0})) {
        for (std::size_t c = 0; c < columns; ++c) ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthFixed, widths[c]);
        AccessTree& tree = access_tree();
        tree.open({.role = AccessRole::Table});
        for (std::size_t r = 0; r < b.rows.size(); ++r) {
            ImGui::TableNextRow(r == 0 ? ImGuiTableRowFlags_Headers : 0);
            tree.open({.role = AccessRole::Row});
            for (std::size_t c = 0; c < columns; ++c) {
                ImGui::TableSetColumnIndex(static_cast<int>(c));
                const bool filled = c < b.rows[r].size() && !b.rows[r][c].empty();
                tree.open(
                    {.role = r == 0 && filled ? AccessRole::ColumnHeader : AccessRole::Cell});  // an empty corner heads nothing
                if (c < b.rows[r].size()) {
                    RichTextOptions o = body_text_options(&ctx.course);
                    if (r == 0) o.fonts.regular = o.fonts.italic = fonts().strong;
                    o.line_height = 1.35f;
                    o.access_role = AccessRole::Text;
                    follow(ctx, rich_text(b.rows[r][c], widths[c], o));
                }
                tree.close();
            }
            tree.close();
        }
        tree.close();
        ImGui::EndTable();
    }
    ImGui::PopStyleVar();
}

void callout(const Block& b, float width, ReaderContext& ctx) {
    struct Look {
        const char* icon;
        ImU32 color;
    };
    const Look look = b.callout == CalloutKind::Tip       ? Look{icon::kLightbulb, theme::kTip}
                      : b.callout == CalloutKind::Warning ? Look{icon::kWarning, theme::kWarning}
                      : b.callout == CalloutKind::Analogy ? Look{icon::kExchange, theme::kAnalogy}
                                                          : Look{icon::kInfoCircle, theme::kNote};
    begin_card(width);
    ImGui::PushFont(fonts().strong);
    ImGui::PushStyleColor(ImGuiCol_Text, look.color);
    ImGui::Text("%s  %s", look.icon, callout_title(b.callout));
    ImGui::PopStyleColor();
    ImGui::PopFont();
    access_tree().open({.role = AccessRole::Note, .name = callout_title(b.callout)});
    draw_blocks(b.children, width - 36, ctx);
    access_tree().close();
    end_card(theme::tint(look.color, 0.86f), look.color);
}

void quote(const Block& b, float width, ReaderContext& ctx) {
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos({start.x + 18, start.y});
    ImGui::BeginGroup();
    ImGui::PushFont(fonts().italic);
    draw_blocks(b.children, width - 18, ctx);
    ImGui::PopFont();
    ImGui::EndGroup();
    const float bottom = ImGui::GetItemRectMax().y;
    ImGui::GetWindowDrawList()->AddRectFilled(start, {start.x + 4, bottom}, theme::kBorder, 2);
    ImGui::SetCursorScreenPos({start.x, bottom});
    ImGui::Dummy({0, 4});
}

void image(const Block& b, float width, ReaderContext& ctx) {
    ImVec2 size;
    const ImTextureID tex = ctx.platform.image(b.text, size);
    const std::string alt = b.spans.empty() ? "" : b.spans.front().text;
    if (!tex || size.x <= 0 || size.y <= 0) {
        text_colored(theme::kTextDim, ("[image: " + (alt.empty() ? b.text : alt) + "]").c_str());
        return;
    }
    // Shown at its natural size in logical pixels, never wider than the column.
    const float scale = std::min(1.0f, width / size.x);
    ImGui::Image(tex, {size.x * scale, size.y * scale});
    access_text(alt.empty() ? b.text : alt, AccessRole::Image);
    if (!alt.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", alt.c_str());
    if (!alt.empty()) {  // the caption wraps at spaces only, so "1,008 GB/s" stays whole
        RichTextOptions o = body_text_options(&ctx.course);
        o.fonts.regular = fonts().italic;
        o.color = theme::kTextDim;
        o.line_height = 1.35f;
        o.accessible = false;  // the image's node already reads it
        rich_text(b.spans, width, o);
    }
}

// A kernel exercise: the exercise view with its editor, or where there is none, its task.
void exercise_card(const Block& b, float width, ReaderContext& ctx) {
    const Exercise* exercise = ctx.course.find_exercise(b.text);
    if (!exercise) return;
    if (ctx.exercises && ctx.exercise_events) {
        ctx.exercises->draw(ctx.lesson, *exercise, width, ctx.platform.exercises(), *ctx.exercise_events);
        return;
    }
    begin_card(width);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    ImGui::Text("%s  EXERCISE  \xc2\xb7  %s", icon::kCode, exercise->title.c_str());
    access_text("Exercise: " + exercise->title, AccessRole::Heading, 3);
    ImGui::PopStyleColor();
    wrapped_text(exercise->task.c_str());
    access_text(exercise->task);
    end_card(theme::kSurface, theme::kAccent);
}

void lab_card(const Block& b, float width, ReaderContext& ctx) {
    const LabInfo* lab = find_lab(b.text);
    if (!lab) return;
    begin_card(width);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kHighlight);
    ImGui::Text("%s  LAB  \xc2\xb7  %s", icon::kFlask, lab->title.c_str());
    access_text("Lab: " + lab->title, AccessRole::Heading, 3);
    ImGui::PopStyleColor();
    if (ExplorersView::handles(lab->id)) {
        wrapped_text(("Shows " + lab->measures + ".").c_str());
        access_text("Shows " + lab->measures + ".");
        if (ctx.explorers) {
            ImGui::Dummy({0, 4});
            ImGui::PushID(lab->id.c_str());
            ctx.explorers->draw(lab->id, width - 2 * 16.0f - 4, b.params);  // the card's inner width (begin_card)
            ImGui::PopID();
        }
        end_card(theme::kSurface, theme::kHighlight);
        return;
    }
    wrapped_text(("Measures " + lab->measures + ".").c_str());
    access_text("Measures " + lab->measures + ".");
    const bool runs_here = ctx.platform.labs() && (ctx.platform.runs_native_labs() || lab->browser);
    if (!runs_here && !ctx.platform.runs_native_labs()) {
        const std::string where = std::string(icon::kDesktop) + "  Runs in the desktop app" +
                                  (lab->gpu != GpuUse::None ? ", best with a CUDA or Vulkan GPU" : "") +
                                  ". On a server with no screen: " + lab->cli;
        text_colored(theme::kTextDim, where.c_str());
    } else if (lab->kind == LabKind::DeviceCheck) {
        if (const HardwareReport* report = ctx.platform.hardware_report()) {
            for (const auto& line : verdict(*report)) {
                const bool yes = line.find(": yes") != std::string::npos;
                ImGui::PushStyleColor(ImGuiCol_Text, yes ? theme::kSuccess : theme::kTextDim);
                ImGui::TextWrapped("%s  %s", yes ? icon::kCheck : icon::kTimes, line.c_str());
                access_text(line);
                ImGui::PopStyleColor();
            }
        } else {
            text_colored(theme::kTextDim, "Checking this machine's CPU, CUDA and Vulkan devices\xe2\x80\xa6");
            redraw::request_frame();  // the verdict appears as soon as the worker has it
        }
    } else if (ctx.platform.labs()) {
        if (!ctx.platform.runs_native_labs())
            text_colored(theme::kTextDim,
                         "Runs in this browser: WebAssembly on the CPU, WebGPU on the GPU. The desktop app and "
                         "the dojo command-line tool measure with CUDA and Vulkan.");
        std::string headline;
        if (ctx.lab_headlines)
            if (const auto it = ctx.lab_headlines->find(lab->id); it != ctx.lab_headlines->end()) headline = it->second;
        if (!headline.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kSuccess);
            wrapped_text((std::string(icon::kCheckCircle) + "  Your run: " + headline).c_str());
            access_text("Your run: " + headline);
            const ImVec2 a = ImGui::GetItemRectMin(), z = ImGui::GetItemRectMax();
            widget_registry().record("your-run:" + lab->id, a.x, a.y, z.x - a.x, z.y - a.y);
            ImGui::PopStyleColor();
        } else {
            text_colored(theme::kTextDim, "You have not run this lab on this machine yet.");
        }
        ImGui::PushID(lab->id.c_str());
        ImGui::PushStyleColor(ImGuiCol_Button, theme::tint(theme::kHighlight, 0.6f));
        const bool run = ImGui::Button((std::string(icon::kPlay) + "  Run this lab").c_str());
        describe_last_item(AccessRole::Button, "Run this lab: " + lab->title);
        if (run) {
            std::string link = "#/labs/" + lab->id;
            char sep = '?';
            for (const auto& [key, value] : b.params) {
                link += sep + key + "=" + value;
                sep = '&';
            }
            follow(ctx, link);
        }
        ImGui::PopStyleColor();
        ImGui::PopID();
    } else {
        text_colored(theme::kTextDim, ("Run it with: " + lab->cli).c_str());
    }
    end_card(theme::kSurface, theme::kHighlight);
}

}  // namespace

// The diagram for a screen reader: a figure holding its boxes as a list, then its arrows in words.
static void describe_diagram(const Diagram& d) {
    AccessTree& tree = access_tree();
    if (!tree.enabled()) return;
    tree.open({.role = AccessRole::Figure, .name = d.title.empty() ? "Diagram" : d.title});
    tree.open({.role = AccessRole::List});
    for (const DiagramNode& n : d.nodes)
        tree.add({.role = AccessRole::ListItem, .name = n.detail.empty() ? n.label : n.label + ": " + n.detail});
    tree.close();
    const std::vector<std::string> arrows = diagram_arrows(d);
    if (!arrows.empty()) {
        tree.open({.role = AccessRole::List, .name = "Arrows"});
        for (const std::string& a : arrows) tree.add({.role = AccessRole::ListItem, .name = a});
        tree.close();
    }
    tree.close();
}

void draw_diagram(const Diagram& d, const Course& course, float width) {
    if (d.nodes.empty()) return;
    describe_diagram(d);
    const FontSet& f = fonts();
    const float fs = ImGui::GetFontSize();
    const float box_h = fs * 3.4f, gap = fs * 2.6f, pad = fs * 0.7f;
    // Box width: the widest label, within limits; boxes wrap onto more rows when the column is narrow.
    float box_w = fs * 6;
    for (const auto& n : d.nodes) {
        ImGui::PushFont(f.strong);
        box_w = std::max(box_w, ImGui::CalcTextSize(n.label.c_str()).x + 2 * pad);
        ImGui::PopFont();
        box_w = std::max(box_w, ImGui::CalcTextSize(n.detail.c_str()).x + 2 * pad);
    }
    box_w = std::min(box_w, std::max(fs * 6, width - 8));
    // A row needs room between boxes for the edge labels; when the row does not fit the column,
    // the diagram turns into a column (a wrapped row would send arrows back across the page).
    float row_gap = gap;
    for (const auto& e : d.edges) row_gap = std::max(row_gap, ImGui::CalcTextSize(e.label.c_str()).x + fs * 1.2f);
    const float count = static_cast<float>(d.nodes.size());
    float row_box_w = box_w;
    if (count * box_w + (count - 1) * row_gap > width) row_box_w = (width - (count - 1) * row_gap) / count;
    // Narrower boxes would cut their widest label or detail in half: then it becomes a column.
    const bool down = d.direction == "down" || row_box_w + 0.5f < box_w;
    if (!down) box_w = row_box_w;
    const float step_gap = down ? gap : row_gap;
    const int per_row = down ? 1 : static_cast<int>(d.nodes.size());
    const int rows = (static_cast<int>(d.nodes.size()) + per_row - 1) / per_row;

    if (!d.title.empty()) {
        ImGui::PushFont(f.strong);
        text_colored(theme::kTextDim, d.title.c_str());
        ImGui::PopFont();
    }
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float row_h = box_h + gap;
    const float used_w = static_cast<float>(per_row) * box_w + static_cast<float>(per_row - 1) * step_gap;
    const float x0 = origin.x + std::max(0.0f, (width - used_w) * 0.5f);
    std::vector<ImVec2> pos(d.nodes.size());
    for (std::size_t i = 0; i < d.nodes.size(); ++i) {
        const int row = static_cast<int>(i) / per_row, col = static_cast<int>(i) % per_row;
        pos[i] = {x0 + static_cast<float>(col) * (box_w + step_gap), origin.y + static_cast<float>(row) * row_h};
    }
    auto index_of = [&](const std::string& id) {
        for (std::size_t i = 0; i < d.nodes.size(); ++i)
            if (d.nodes[i].id == id) return static_cast<int>(i);
        return -1;
    };
    ImDrawList* dl = ImGui::GetWindowDrawList();
    int skips = 0;  // edges between nodes that are not neighbours, each routed a little further out
    for (const auto& e : d.edges) {
        const int a = index_of(e.from), b = index_of(e.to);
        if (a < 0 || b < 0) continue;
        const ImVec2 pa = pos[static_cast<std::size_t>(a)], pb = pos[static_cast<std::size_t>(b)];
        if (std::abs(a - b) > 1) {
            // A straight line would run through the boxes between: go around them instead, beside a
            // column or below a row, and arrive from the side.
            const float out = fs * (1.4f + 0.9f * static_cast<float>(skips++));
            ImVec2 from, to, c1, c2, dir, label_at;
            if (down) {
                from = {pa.x + box_w, pa.y + box_h / 2};
                to = {pb.x + box_w, pb.y + box_h / 2};
                c1 = {from.x + out, from.y};
                c2 = {to.x + out, to.y};
                dir = {-1, 0};
                label_at = {from.x + out * 0.75f + 6, (from.y + to.y) / 2};
            } else {
                from = {pa.x + box_w / 2, pa.y + box_h};
                to = {pb.x + box_w / 2, pb.y + box_h};
                c1 = {from.x, from.y + out};
                c2 = {to.x, to.y + out};
                dir = {0, -1};
                label_at = {(from.x + to.x) / 2, from.y + out * 0.75f + 2};
            }
            dl->AddBezierCubic(from, c1, c2, to, theme::kTextDim, theme::kStrokeWidth);
            const float s = fs * 0.45f;
            dl->AddTriangleFilled(to, {to.x - dir.x * s - dir.y * s * 0.6f, to.y - dir.y * s - dir.x * s * 0.6f},
                                  {to.x - dir.x * s + dir.y * s * 0.6f, to.y - dir.y * s + dir.x * s * 0.6f}, theme::kTextDim);
            if (!e.label.empty()) {
                const ImVec2 ls = ImGui::CalcTextSize(e.label.c_str());
                const ImVec2 lp = down ? ImVec2{label_at.x, label_at.y - ls.y / 2} : ImVec2{label_at.x - ls.x / 2, label_at.y};
                dl->AddRectFilled({lp.x - 4, lp.y - 1}, {lp.x + ls.x + 4, lp.y + ls.y + 1}, theme::kBackground, 4);
                dl->AddText(lp, theme::kHighlight, e.label.c_str());
            }
            continue;
        }
        ImVec2 from, to;
        if (std::abs(pa.y - pb.y) < 1) {  // same row: side to side
            const bool right = pb.x > pa.x;
            from = {right ? pa.x + box_w : pa.x, pa.y + box_h / 2};
            to = {right ? pb.x : pb.x + box_w, pb.y + box_h / 2};
        } else {  // another row: bottom to top (or top to bottom)
            const bool lower = pb.y > pa.y;
            from = {pa.x + box_w / 2, lower ? pa.y + box_h : pa.y};
            to = {pb.x + box_w / 2, lower ? pb.y : pb.y + box_h};
        }
        const ImVec2 mid{(from.x + to.x) / 2, (from.y + to.y) / 2};
        const bool horizontal = std::abs(to.y - from.y) < 1;
        dl->AddBezierCubic(from, horizontal ? ImVec2{mid.x, from.y} : ImVec2{from.x, mid.y},
                           horizontal ? ImVec2{mid.x, to.y} : ImVec2{to.x, mid.y}, to, theme::kTextDim, theme::kStrokeWidth);
        // Arrowhead along the final direction.
        const ImVec2 dir = horizontal ? ImVec2{to.x > from.x ? 1.0f : -1.0f, 0} : ImVec2{0, to.y > from.y ? 1.0f : -1.0f};
        const float s = fs * 0.45f;
        dl->AddTriangleFilled(to, {to.x - dir.x * s - dir.y * s * 0.6f, to.y - dir.y * s - dir.x * s * 0.6f},
                              {to.x - dir.x * s + dir.y * s * 0.6f, to.y - dir.y * s + dir.x * s * 0.6f}, theme::kTextDim);
        if (!e.label.empty()) {
            const ImVec2 ls = ImGui::CalcTextSize(e.label.c_str());
            const ImVec2 lp = horizontal ? ImVec2{mid.x - ls.x / 2, mid.y - ls.y - 4} : ImVec2{mid.x + 8, mid.y - ls.y / 2};
            dl->AddRectFilled({lp.x - 4, lp.y - 1}, {lp.x + ls.x + 4, lp.y + ls.y + 1}, theme::kBackground, 4);
            dl->AddText(lp, theme::kHighlight, e.label.c_str());
        }
    }
    for (std::size_t i = 0; i < d.nodes.size(); ++i) {
        const DiagramNode& n = d.nodes[i];
        const ImVec2 p = pos[i];
        ImU32 accent = theme::kAccent;
        if (const Track* t = course.find_track(n.color)) accent = theme::parse_color(t->color, accent);
        dl->AddRectFilled(p, {p.x + box_w, p.y + box_h}, theme::kSurface, 8);
        dl->AddRect(p, {p.x + box_w, p.y + box_h}, accent, 8, 0, theme::kStrokeWidth * 0.75f);
        ImGui::PushFont(f.strong);
        const ImVec2 ls = ImGui::CalcTextSize(n.label.c_str());
        const float ty = n.detail.empty() ? p.y + (box_h - ls.y) / 2 : p.y + box_h * 0.16f;
        dl->PushClipRect(p, {p.x + box_w, p.y + box_h}, true);
        dl->AddText(f.strong, ImGui::GetFontSize(), {p.x + (box_w - ls.x) / 2, ty}, theme::kText, n.label.c_str());
        ImGui::PopFont();
        if (!n.detail.empty()) {
            const ImVec2 ds = ImGui::CalcTextSize(n.detail.c_str());
            dl->AddText({p.x + (box_w - ds.x) / 2, p.y + box_h * 0.84f - ds.y}, theme::kTextDim, n.detail.c_str());
        }
        dl->PopClipRect();
    }
    const float below = !down && skips > 0 ? fs * (1.4f + 0.9f * static_cast<float>(skips)) : 0.0f;  // arcs under a row
    ImGui::Dummy({width, static_cast<float>(rows) * row_h - gap + 4 + below});
}

void draw_blocks(std::span<const Block> blocks, float width, ReaderContext& ctx) {
    for (const Block& b : blocks) {
        switch (b.kind) {
            case BlockKind::Paragraph:
                paragraph(b.spans, width, ctx);
                break;
            case BlockKind::Heading:
                heading(b, width, ctx);
                break;
            case BlockKind::List:
                list(b, width, ctx);
                break;
            case BlockKind::Code:
                code(b, width, ctx);
                break;
            case BlockKind::Table:
                table(b, width, ctx);
                break;
            case BlockKind::Quote:
                quote(b, width, ctx);
                break;
            case BlockKind::Callout:
                callout(b, width, ctx);
                break;
            case BlockKind::Image:
                image(b, width, ctx);
                break;
            case BlockKind::Rule:
                ImGui::Dummy({0, 4});
                column_rule(width);
                ImGui::Dummy({0, 4});
                break;
            case BlockKind::Quiz:
                if (b.question >= 0 && static_cast<std::size_t>(b.question) < ctx.lesson.questions.size())
                    ctx.quizzes.draw(ctx.lesson, ctx.lesson.questions[static_cast<std::size_t>(b.question)], width,
                                     ctx.quiz_host);
                break;
            case BlockKind::Lab:
                lab_card(b, width, ctx);
                break;
            case BlockKind::Exercise:
                exercise_card(b, width, ctx);
                break;
            case BlockKind::Diagram:
                if (b.diagram >= 0 && static_cast<std::size_t>(b.diagram) < ctx.lesson.diagrams.size())
                    draw_diagram(ctx.lesson.diagrams[static_cast<std::size_t>(b.diagram)], ctx.course, width);
                break;
        }
        ImGui::Dummy({0, 4});
    }
}

}  // namespace dojo
