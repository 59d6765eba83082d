#include "ui/exercises/kernel_grid.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <imgui.h>

#include "ui/theme.h"
#include "ui/widgets.h"

namespace dojo {

namespace {

struct Layout {
    int columns = 1, rows = 1;
    float cell = 0;
};

// Cells as large as reads well, shrunk to fit `width`; a row of unknown length wraps, after a whole
// number of `group`s (a block's threads) where one fits.
Layout layout(std::size_t count, int row_length, float width, int group = 1) {
    const float fs = ImGui::GetFontSize();
    const float most = fs * 2.6f, least = fs * 2.0f;
    Layout l;
    l.columns = row_length > 0 ? row_length : static_cast<int>(count);
    l.cell = std::min(most, width / static_cast<float>(std::max(1, l.columns)));
    if (row_length <= 0 && l.cell < least) {
        l.columns = std::max(1, static_cast<int>(width / least));
        if (group > 1 && group <= l.columns) l.columns -= l.columns % group;
        l.cell = std::min(most, width / static_cast<float>(l.columns));
    }
    l.cell = std::max(l.cell, 4.0f);
    l.rows = static_cast<int>((count + static_cast<std::size_t>(l.columns) - 1) / static_cast<std::size_t>(l.columns));
    return l;
}

struct CellRect {
    ImVec2 min, max;
};

// Cell i of a picture laid out from `origin`: row by row, with a 2-pixel gap.
CellRect cell_at(ImVec2 origin, const Layout& l, std::size_t i) {
    const auto columns = static_cast<std::size_t>(l.columns);
    const ImVec2 a{origin.x + static_cast<float>(i % columns) * l.cell, origin.y + static_cast<float>(i / columns) * l.cell};
    return {a, {a.x + l.cell - 2, a.y + l.cell - 2}};
}

ImU32 block_color(int block) {
    const ImU32 colors[] = {theme::kAccent, theme::kHighlight, theme::kTip, theme::kAnalogy};
    return theme::tint(colors[block % 4], 0.55f);
}

void cell_text(ImDrawList* dl, ImVec2 at, float cell, const char* text, ImU32 color) {
    const ImVec2 ts = ImGui::CalcTextSize(text);
    if (ts.x > cell - 4) return;  // too small to read: the tooltip says it
    dl->AddText({at.x + (cell - ts.x) / 2, at.y + (cell - ts.y) / 2}, color, text);
}

// Reserves the picture's space and returns the index of the cell under the mouse, or -1.
int hovered_cell(ImVec2 origin, const Layout& l, std::size_t count, const char* id) {
    ImGui::InvisibleButton(
        id, {std::max(1.0f, l.cell * static_cast<float>(l.columns)), std::max(1.0f, l.cell * static_cast<float>(l.rows))});
    if (!ImGui::IsItemHovered()) return -1;
    const ImVec2 m = ImGui::GetIO().MousePos;
    const int c = static_cast<int>((m.x - origin.x) / l.cell), r = static_cast<int>((m.y - origin.y) / l.cell);
    const long long i = 1LL * r * l.columns + c;
    return c >= 0 && c < l.columns && i >= 0 && static_cast<std::size_t>(i) < count ? static_cast<int>(i) : -1;
}

// Elements per row of an input's picture: an input k times the output's cells is sqrt(k) times as
// wide (max pooling's 2 x 2 windows); a square operation's is n; else a wrapping row.
int input_row_length(const Operation& op, const ProblemSize& size, std::size_t input_size) {
    if (op.cover == Cover::Square) return size.n;
    if (!op.grid || size.width <= 0 || size.height <= 0) return 0;
    const double ratio = static_cast<double>(input_size) / (static_cast<double>(size.width) * size.height);
    return static_cast<int>(std::lround(size.width * std::sqrt(ratio)));
}

std::string short_number(float v) {
    if (std::isnan(v)) return "NaN";
    char b[32];
    std::snprintf(b, sizeof b, "%.4g", static_cast<double>(v));
    return b;
}

}  // namespace

void draw_thread_mapping(const Exercise& e, const Operation& op, float width) {
    const LaunchShape& l = e.launch;
    const bool two_d = op.cover == Cover::Grid || op.cover == Cover::Square;
    // One cell per thread of the launch (one block of a reduction): x across, y down.
    const int across = op.cover == Cover::Free ? l.threads_x : l.threads_x * l.blocks_x;
    const int down = op.cover == Cover::Free ? l.threads_y : l.threads_y * l.blocks_y;
    const int want_x = op.cover == Cover::Grid ? e.size.width : e.size.n,
              want_y = op.cover == Cover::Grid ? e.size.height : e.size.n;
    const std::size_t count = static_cast<std::size_t>(across) * static_cast<std::size_t>(down);
    if (count == 0 || count > 4096) return;
    const Layout lay = layout(count, two_d || down > 1 ? across : 0, width, l.threads_x);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (std::size_t i = 0; i < count; ++i) {
        const int gx = static_cast<int>(i % static_cast<std::size_t>(across)),
                  gy = static_cast<int>(i / static_cast<std::size_t>(across));
        const auto [a, z] = cell_at(origin, lay, i);
        const int block = (gx / l.threads_x) + (gy / l.threads_y) * l.blocks_x;
        const bool idle = op.cover != Cover::Free && (gx >= want_x || (two_d && gy >= want_y));
        if (idle) {
            dl->AddRect(a, z, theme::kBorder, 3.0f, 0, theme::kLineWidth);
        } else {
            dl->AddRectFilled(a, z, block_color(block), 3.0f);
        }
        if (!two_d) cell_text(dl, a, lay.cell - 2, std::to_string(gx).c_str(), idle ? theme::kTextDim : theme::kText);
    }
    const int hovered = hovered_cell(origin, lay, count, "##mapping");
    if (hovered >= 0) {
        const int gx = hovered % across, gy = hovered / across;
        char tip[200];
        if (two_d)
            std::snprintf(tip, sizeof tip, "Thread (%d, %d) of block (%d, %d)%s", gx % l.threads_x, gy % l.threads_y,
                          gx / l.threads_x, gy / l.threads_y,
                          gx >= want_x || gy >= want_y ? ": outside the problem, it must write nothing" : "");
        else
            std::snprintf(tip, sizeof tip, "Thread %d of block %d (global index %d)%s", gx % l.threads_x, gx / l.threads_x, gx,
                          op.cover != Cover::Free && gx >= want_x ? ": past the last element, it must write nothing" : "");
        ImGui::SetTooltip("%s", tip);
    }
    std::string caption;
    if (op.cover == Cover::Free)
        caption = "One block of " + std::to_string(l.threads_x * l.threads_y) + " threads works together: " + op.what + ".";
    else
        caption = std::string("Each cell is one thread, coloured by its block") + (two_d ? " (x across, y down)" : "") +
                  "; outlined cells are threads with no element to compute.";
    text_colored(theme::kTextDim, caption.c_str());
}

void draw_output_grid(const Exercise& e, const Operation& op, const Verdict& v, float width) {
    const std::size_t count = v.output.size();
    if (count == 0 || count > 4096) return;
    const Layout lay = layout(count, output_row_length(op, e.size), width);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (std::size_t i = 0; i < count; ++i) {
        const auto [a, z] = cell_at(origin, lay, i);
        const bool wrong = i < v.is_wrong.size() && v.is_wrong[i];
        const bool unwritten = is_canary(v.output[i]);
        if (unwritten) {
            dl->AddRect(a, z, wrong ? theme::kDanger : theme::kBorder, 3.0f, 0, theme::kStrokeWidth);
            cell_text(dl, a, lay.cell - 2, "\xe2\x80\x94", theme::kTextDim);  // an em dash: never written
        } else {
            dl->AddRectFilled(a, z, wrong ? theme::tint(theme::kDanger, 0.35f) : theme::kSurfaceHover, 3.0f);
            if (wrong) dl->AddRect(a, z, theme::kDanger, 3.0f, 0, theme::kStrokeWidth);
            cell_text(dl, a, lay.cell - 2, short_number(v.output[i]).c_str(), theme::kText);
        }
    }
    const int hovered = hovered_cell(origin, lay, count, "##output");
    if (hovered >= 0) {
        const auto i = static_cast<std::size_t>(hovered);
        const std::string want = i < v.expected.size() ? short_number(v.expected[i]) : "?";
        const std::string got = is_canary(v.output[i]) ? "never written" : short_number(v.output[i]);
        ImGui::SetTooltip("result[%zu]: should be %s, is %s", i, want.c_str(), got.c_str());
    }
}

void draw_thread_trace(const Exercise& e, const Operation& op, const TraceReport& trace, float width) {
    const LaunchShape& l = e.launch;
    const int across = l.threads_x * l.blocks_x, down = l.threads_y * l.blocks_y;
    const std::size_t count = static_cast<std::size_t>(across) * static_cast<std::size_t>(down);
    if (count == 0 || count > 4096) return;
    std::vector<const ThreadTrace*> by_cell(count, nullptr);
    for (const ThreadTrace& t : trace.threads)
        if (t.thread.x < across && t.thread.y < down)
            by_cell[static_cast<std::size_t>(t.thread.y) * static_cast<std::size_t>(across) +
                    static_cast<std::size_t>(t.thread.x)] = &t;
    std::vector<char> racing(count, 0);
    for (const ThreadRef& t : trace.racing_threads)
        if (t.x < across && t.y < down)
            racing[static_cast<std::size_t>(t.y) * static_cast<std::size_t>(across) + static_cast<std::size_t>(t.x)] = 1;
    const Layout lay = layout(count, down > 1 ? across : 0, width, l.threads_x);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (std::size_t i = 0; i < count; ++i) {
        const auto [a, z] = cell_at(origin, lay, i);
        const ThreadTrace* t = by_cell[i];
        const int gx = static_cast<int>(i % static_cast<std::size_t>(across)),
                  gy = static_cast<int>(i / static_cast<std::size_t>(across));
        if (t) {
            dl->AddRectFilled(a, z, theme::tint(block_color(gx / l.threads_x + (gy / l.threads_y) * l.blocks_x), 0.5f), 3.0f);
            cell_text(dl, a, lay.cell - 2, std::to_string(t->global_reads).c_str(), theme::kText);
        } else {
            dl->AddRect(a, z, theme::kBorder, 3.0f, 0, theme::kLineWidth);
        }
        if (racing[i]) dl->AddRect(a, z, theme::kDanger, 3.0f, 0, theme::kStrokeWidth * 1.5f);
    }
    const int hovered = hovered_cell(origin, lay, count, "##trace");
    const ThreadTrace* focus = hovered >= 0 ? by_cell[static_cast<std::size_t>(hovered)] : nullptr;
    if (hovered >= 0) {
        if (!focus) {
            ImGui::SetTooltip("This thread read and wrote nothing.");
        } else {
            std::string text = focus->thread.name() + ":";
            for (const TraceAccess& x : focus->accesses) {
                const char* verb = x.kind == kTraceRead ? "read " : x.kind == kTraceWrite ? "wrote " : "updated ";
                text +=
                    std::string("\n  ") + verb + trace_buffer_name(x.buffer, trace.shared) + "[" + std::to_string(x.index) + "]";
            }
            const int total =
                focus->global_reads + focus->result_reads + focus->result_writes + focus->shared_reads + focus->shared_writes;
            if (static_cast<std::size_t>(total) > focus->accesses.size())
                text += "\n  \xe2\x80\xa6 " + std::to_string(total - static_cast<int>(focus->accesses.size())) + " more";
            ImGui::SetTooltip("%s", text.c_str());
        }
    }
    // The inputs below: how many threads read each element, or, with a thread under the mouse, what it read.
    for (unsigned buffer = kTraceA; buffer < kTraceA + static_cast<unsigned>(op.inputs); ++buffer) {
        const std::size_t size = buffer == kTraceA ? op.a_size(e.size) : op.b_size(e.size);
        if (size == 0 || size > 4096) continue;
        std::vector<int> readers(size, 0);
        for (const ThreadTrace& t : trace.threads)
            for (const TraceAccess& x : t.accesses)
                if (x.buffer == buffer && x.index >= 0 && static_cast<std::size_t>(x.index) < size && (!focus || &t == focus))
                    ++readers[static_cast<std::size_t>(x.index)];
        ImGui::Dummy({0, 2});
        const std::string name = buffer == kTraceA ? "a" : "b";
        text_colored(theme::kTextDim, (focus ? "What " + focus->thread.name() + " read of " + name + ":"
                                             : "How many threads read each element of " + name + ":")
                                          .c_str());
        const Layout in = layout(size, input_row_length(op, e.size, size), width);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        int most = 1;
        for (int n : readers) most = std::max(most, n);
        for (std::size_t i = 0; i < size; ++i) {
            const auto [a, z] = cell_at(at, in, i);
            const int n = readers[i];
            if (n == 0) {
                dl->AddRect(a, z, theme::kBorder, 3.0f, 0, theme::kLineWidth);
                continue;
            }
            // Deeper for more readers: an element every thread reads stands out.
            dl->AddRectFilled(a, z, theme::tint(theme::kAccent, 0.75f - 0.45f * static_cast<float>(n) / static_cast<float>(most)),
                              3.0f);
            if (!focus) cell_text(dl, a, in.cell - 2, std::to_string(n).c_str(), theme::kText);
        }
        (void)hovered_cell(at, in, size, buffer == kTraceA ? "##reads-a" : "##reads-b");
    }
}

}  // namespace dojo
