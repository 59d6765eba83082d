// The results of the labs about a GPU's memory: transfer speed by size, the size where the GPU pays
// off (copies included), and the VRAM wall with what the device said and whether it all came back.
#include <algorithm>
#include <set>

#include <imgui.h>

#include "ui/chart.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/labs/lab_results.h"
#include "ui/labs/lab_widgets.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace dojo::lab_results {

using labs_ui::fmt;
using labs_ui::small_heading;

// ---- Transfer ------------------------------------------------------------------------------------

void chart_transfer(float width, const std::vector<LabSource>& sources, LabResultsState& state) {
    std::vector<chart::Series> series;
    for (const auto& s : sources) {
        for (const char* dir : {"host-to-device", "device-to-host"})
            for (const char* mem : {"pinned", "pageable"}) {
                chart::Series se;
                se.name =
                    std::string(std::string(dir) == "host-to-device" ? "host \xe2\x86\x92 device" : "device \xe2\x86\x92 host") +
                    ", " + mem;
                if (!s.mine || sources.size() > 1) se.name += " (" + (s.mine ? s.report.backend : machine_label(s.report)) + ")";
                se.dashed = !s.mine;
                for (const auto& t : s.report.transfers)
                    if (t.direction == dir && t.memory == mem) {
                        se.x.push_back(static_cast<double>(t.bytes));
                        se.y.push_back(t.gbps);
                    }
                se.color = chart::series_color(static_cast<int>(series.size()));
                if (!se.x.empty()) series.push_back(se);
            }
    }
    chart::ChartSpec spec;
    spec.title = "Transfer speed by size";
    spec.x_label = "Bytes per transfer";
    spec.y_label = "GB/s (10\xe2\x81\xb9 bytes per second)";
    spec.log_x = true;
    spec.x_units = chart::Units::Bytes;
    spec.value_suffix = " GB/s";
    chart::line_chart("chart:transfer", spec, series, {width, std::max(360.0f, ImGui::GetFontSize() * 24)});
    state.note_chart_rect();

    // The table: one row per size, GB/s for each direction and kind of memory (the time on hover).
    const bool compare = sources.size() > 1;
    const char* dirs[] = {"host-to-device", "host-to-device", "device-to-host", "device-to-host"};
    const char* mems[] = {"pinned", "pageable", "pinned", "pageable"};
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, {10, 6});
    if (ImGui::BeginTable("##transfer-table", compare ? 6 : 5,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchSame,
                          {width, 0})) {
        if (compare) ImGui::TableSetupColumn("Machine");
        for (const char* h : {"Size", "Host \xe2\x86\x92 device, pinned (GB/s)", "Host \xe2\x86\x92 device, pageable",
                              "Device \xe2\x86\x92 host, pinned", "Device \xe2\x86\x92 host, pageable"})
            ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (const auto& s : sources) {
            std::set<std::uint64_t> sizes;
            for (const auto& t : s.report.transfers) sizes.insert(t.bytes);
            for (std::uint64_t bytes : sizes) {
                ImGui::TableNextRow();
                int col = 0;
                if (compare) {
                    ImGui::TableSetColumnIndex(col++);
                    ImGui::TextUnformatted(s.mine ? "this one" : machine_label(s.report).c_str());
                }
                ImGui::TableSetColumnIndex(col++);
                ImGui::TextUnformatted(chart::format_bytes(static_cast<double>(bytes)).c_str());
                for (int c = 0; c < 4; ++c) {
                    ImGui::TableSetColumnIndex(col++);
                    for (const auto& t : s.report.transfers)
                        if (t.bytes == bytes && t.direction == dirs[c] && t.memory == mems[c]) {
                            ImGui::TextUnformatted(fmt("%.2f", t.gbps).c_str());
                            if (ImGui::IsItemHovered())
                                ImGui::SetTooltip("median %s over %d copies (fastest %s, slowest %s)",
                                                  chart::format_ms(t.median_ms).c_str(), t.repetitions,
                                                  chart::format_ms(t.min_ms).c_str(), chart::format_ms(t.max_ms).c_str());
                        }
                }
            }
        }
        ImGui::EndTable();
    }
    ImGui::PopStyleVar();
}

// ---- Crossover -----------------------------------------------------------------------------------

void chart_crossover(float width, const std::vector<LabSource>& sources, LabResultsState& state) {
    std::vector<chart::Series> series;
    chart::ChartSpec spec;
    for (const auto& s : sources) {
        if (!s.report.crossover) continue;
        const CrossoverSummary& c = *s.report.crossover;
        const std::string tail = s.mine ? "" : " (" + machine_label(s.report) + ")";
        chart::Series cpu{"CPU, " + c.cpu_kernel + tail, {}, {}, 0}, total{"GPU with copies, " + c.gpu_kernel + tail, {}, {}, 0},
            kernel{"GPU kernel alone" + tail, {}, {}, 0};
        for (const auto& p : c.points) {
            cpu.x.push_back(p.n), cpu.y.push_back(p.cpu_ms);
            total.x.push_back(p.n), total.y.push_back(p.gpu_total_ms);
            kernel.x.push_back(p.n), kernel.y.push_back(p.gpu_kernel_ms);
        }
        for (chart::Series* se : {&cpu, &total, &kernel}) {
            se->dashed = !s.mine;
            se->color = chart::series_color(static_cast<int>(series.size()));
            series.push_back(*se);
        }
        if (c.crossover_n > 0)
            spec.markers.push_back(
                {static_cast<double>(c.crossover_n), "GPU wins from n = " + std::to_string(c.crossover_n) + tail, 0});
    }
    spec.title = "Time per multiply by size: when does the GPU pay off?";
    spec.x_label = "n (an n x n by n x n multiply)";
    spec.y_label = "Milliseconds (lower is faster)";
    spec.log_x = spec.log_y = true;
    spec.x_pow2 = true;
    spec.y_units = chart::Units::Ms;
    chart::line_chart("chart:crossover", spec, series, {width, std::max(380.0f, ImGui::GetFontSize() * 25)});
    state.note_chart_rect();

    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, {10, 6});
    if (ImGui::BeginTable("##crossover-table", 6,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchSame,
                          {width, 0})) {
        for (const char* h : {"n", "CPU", "GPU with copies", "GPU kernel", "Faster", "Machine"}) ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (const auto& s : sources) {
            if (!s.report.crossover) continue;
            for (const auto& p : s.report.crossover->points) {
                ImGui::TableNextRow();
                const std::string cells[] = {std::to_string(p.n),
                                             chart::format_ms(p.cpu_ms),
                                             chart::format_ms(p.gpu_total_ms),
                                             chart::format_ms(p.gpu_kernel_ms),
                                             p.gpu_wins ? "GPU" : "CPU",
                                             s.mine ? std::string("this one") : machine_label(s.report)};
                for (int c = 0; c < 6; ++c) {
                    ImGui::TableSetColumnIndex(c);
                    if (c == 4) ImGui::PushStyleColor(ImGuiCol_Text, p.gpu_wins ? theme::kSuccess : theme::kHighlight);
                    ImGui::TextUnformatted(cells[c].c_str());
                    if (c == 4) ImGui::PopStyleColor();
                }
            }
        }
        ImGui::EndTable();
    }
    ImGui::PopStyleVar();
}

// ---- VRAM ----------------------------------------------------------------------------------------

void draw_vram(float width, const std::vector<LabSource>& sources, LabResultsState& state) {
    for (const auto& s : sources) {
        if (!s.report.vram) continue;
        const VramWall& v = *s.report.vram;
        ImGui::PushID(&s);
        begin_card(width);
        small_heading((s.mine ? "This machine: " + s.report.device : machine_label(s.report) + ": " + s.report.device).c_str());
        // The bar: allocated against total, its numbers written above it.
        const float fs = ImGui::GetFontSize();
        const float bar_w = width - 40, bar_h = fs * 1.6f;
        const std::string left =
            chart::format_bytes(static_cast<double>(v.allocated_bytes)) + " allocated in " + std::to_string(v.chunks) +
            " chunks of " + chart::format_bytes(static_cast<double>(v.chunk_bytes)) +
            (v.limit_bytes ? "  (limit " + chart::format_bytes(static_cast<double>(v.limit_bytes)) + ")" : "");
        const std::string right = "total " + chart::format_bytes(static_cast<double>(v.total_bytes));
        const ImVec2 top = ImGui::GetCursorScreenPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddText(top, theme::kText, left.c_str());
        dl->AddText({top.x + bar_w - ImGui::CalcTextSize(right.c_str()).x, top.y}, theme::kTextDim, right.c_str());
        const ImVec2 p{top.x, top.y + fs * 1.5f};
        const double total =
            static_cast<double>(std::max<std::uint64_t>(v.total_bytes, std::max<std::uint64_t>(v.allocated_bytes, 1)));
        const float filled = static_cast<float>(static_cast<double>(v.allocated_bytes) / total) * bar_w;
        dl->AddRectFilled(p, {p.x + bar_w, p.y + bar_h}, theme::kSurfaceHover, 6);
        dl->AddRectFilled(p, {p.x + std::max(filled, 4.0f), p.y + bar_h}, v.hit_wall ? theme::kDanger : theme::kAccent, 6);
        ImGui::Dummy({bar_w, fs * 1.5f});
        ImGui::Dummy({bar_w, bar_h + 6});
        state.chart_min = top, state.chart_max = {p.x + bar_w, p.y + bar_h};
        state.chart_seen = true;
        if (v.free_known)
            text_colored(theme::kTextDim, ("Free before: " + chart::format_bytes(static_cast<double>(v.free_before)) +
                                           "; free after freeing: " + chart::format_bytes(static_cast<double>(v.free_after)))
                                              .c_str());
        if (v.hit_wall) {
            text_colored(theme::kDanger, (std::string(icon::kWarning) + "  The device said:").c_str());
            ImGui::PushFont(fonts().mono);
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kCodeText);
            ImGui::TextWrapped("%s%s%s", v.error_code.c_str(), v.error_code.empty() ? "" : ": ", v.error_message.c_str());
            ImGui::PopStyleColor();
            ImGui::PopFont();
        } else {
            text_colored(theme::kTextDim, v.limit_bytes ? "The run stopped at the limit, before the device ran out."
                                                        : "The device never said out of memory.");
        }
        if (!v.fixes.empty()) {
            ImGui::Dummy({0, 2});
            small_heading("What to do about it");
            for (const auto& f : v.fixes) ImGui::TextWrapped("\xe2\x80\xa2  %s", f.c_str());
        }
        ImGui::Dummy({0, 2});
        ImGui::PushStyleColor(ImGuiCol_Text, v.memory_returned ? theme::kSuccess : theme::kDanger);
        ImGui::TextWrapped("%s  %s%s%s", v.memory_returned ? icon::kCheckCircle : icon::kWarning,
                           v.memory_returned ? "All the memory came back" : "The memory did not all come back",
                           v.returned_how.empty() ? "" : ": ", v.returned_how.c_str());
        ImGui::PopStyleColor();
        end_card(theme::kSurface, v.hit_wall ? theme::kDanger : theme::kAccent);
        ImGui::PopID();
        ImGui::Dummy({0, 4});
    }
}

}  // namespace dojo::lab_results
