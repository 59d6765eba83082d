// The Labs view's settings form, drawn row by row; the lab's facts (sizes, presets, what a backend
// must offer) come from the catalog.
#include "ui/labs/lab_settings_form.h"

#include <algorithm>
#include <cstdlib>

#include <imgui.h>

#include "compute/matmul.h"
#include "ui/access_tree.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/labs/lab_widgets.h"
#include "ui/redraw.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"
#include "ui/widgets.h"

namespace dojo {

using labs_ui::button_width;
using labs_ui::Flow;
using labs_ui::toggle;

// The full form's columns: a label column, then each row's controls up to the card's inner width.
struct LabSettingsForm::Layout {
    float inner = 0, label_w = 0, card_left = 0;
    void label(const char* text) const {
        ImGui::AlignTextToFramePadding();
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
        ImGui::TextUnformatted(text);
        ImGui::PopStyleColor();
        ImGui::SameLine(label_w + ImGui::GetStyle().WindowPadding.x);
    }
};

std::vector<std::string> LabSettingsForm::apply_params(const LabInfo& lab, const std::map<std::string, std::string>& params,
                                                       LabHost* host) {
    std::vector<std::string> problems;
    for (const auto& [key, value] : params) {
        LabOptions checked;
        if (std::string error = apply_lab_param(lab, key, value, checked); !error.empty()) {
            problems.push_back(std::move(error));
            continue;
        }
        if (key == "size") {
            sizes_[lab.id] = {checked.sizes.front()};
        } else if (key == "max_size" && !checked.sizes.empty()) {
            sizes_[lab.id] = std::set<int>(checked.sizes.begin(), checked.sizes.end());
        } else if (key == "backend") {
            backend_[lab.id] = value;
        } else if (key == "kernel" && backend_.count(lab.id) && host) {
            // Only that kernel, of the backend the block names (its list comes with the host).
            for (const auto& b : host->backends())
                if (b.name == backend_[lab.id] && value != "all") {
                    auto& off = off_[b.name];
                    off.clear();
                    for (const auto& k : b.kernels)
                        if (k.name != value) off.insert(k.name);
                }
        }
    }
    return problems;
}

// The chosen backend: kept, or the first usable one (a GPU first, unless the lab starts from the CPU).
const LabBackendInfo* LabSettingsForm::choose_backend(const LabInfo& lab, const std::vector<LabBackendInfo>& backends) {
    std::string& chosen = backend_[lab.id];
    const LabBackendInfo* current = nullptr;
    for (const auto& b : backends)
        if (b.name == chosen && backend_can_run(lab, b)) current = &b;
    if (!current) {
        for (int pass = 0; pass < 2 && !current; ++pass)
            for (const auto& b : backends)
                if (!current && backend_can_run(lab, b) && (pass == 1 || lab.cpu_first || b.name != "cpu")) current = &b;
        if (current) chosen = current->name;
    }
    return current;
}

// Devices opened, none can run this lab: say so plainly, with each backend's reason (e.g. which
// browsers have WebGPU), before the settings.
void LabSettingsForm::draw_nothing_usable(float width, const LabInfo& lab, const std::vector<LabBackendInfo>& backends) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    begin_card(width);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kHighlight);
    ImGui::Text("%s  No device here can run this lab", icon::kInfoCircle);
    ImGui::PopStyleColor();
    for (const auto& b : backends)  // the CPU is the other side of a GPU lab, not a missing device
        if (!backend_can_run(lab, b) && !(lab.gpu == GpuUse::Required && b.name == "cpu"))
            ImGui::TextWrapped("%s: %s", b.name.c_str(), why_backend_cannot_run(lab, b).c_str());
    end_card(theme::kSurface, theme::kHighlight);
    widget_registry().record("labs:no-backend", at.x, at.y, width, ImGui::GetItemRectMax().y - at.y);
    ImGui::Dummy({0, 6});
}

// The folded form: one line saying what the next run does, Run, and Settings to unfold.
bool LabSettingsForm::draw_summary(float width, const LabInfo& lab, const LabBackendInfo* current, bool can_run,
                                   const std::string& error) {
    begin_card(width, 12);
    std::string summary = "Next run: " + (current ? current->name : std::string("no backend"));
    if (lab.picks_kernels && current) {
        int on = 0;
        for (const auto& k : current->kernels) on += !off_[current->name].count(k.name);
        summary += ", " + std::to_string(on) + " of " + std::to_string(current->kernels.size()) + " kernels";
    }
    if (!sizes_[lab.id].empty()) {
        std::string list;
        for (int n : sizes_[lab.id]) list += (list.empty() ? "" : ", ") + std::to_string(n);
        summary += ", n = " + list;
    }
    summary += ", " + std::to_string(repetitions_) + " repetitions";
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(summary.c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(!can_run);
    ImGui::PushStyleColor(ImGuiCol_Button, theme::tint(theme::kAccent, 0.5f));
    const bool run = ImGui::Button((std::string(icon::kPlay) + "  Run the lab").c_str());
    ImGui::PopStyleColor();
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Settings##open")) unfolded_.insert(lab.id);
    if (!error.empty()) text_colored(theme::kDanger, error.c_str());
    end_card(theme::kSurface, theme::kAccent);
    return run;
}

// Backends: the unavailable ones greyed, with why.
void LabSettingsForm::draw_backend_row(const Layout& layout, const LabInfo& lab, const std::vector<LabBackendInfo>& backends,
                                       const LabBackendInfo* current, bool ready, bool nothing_usable, bool running) {
    layout.label(lab.needs_cpu_too ? "GPU" : "Backend");
    ImGui::BeginGroup();
    if (!ready) {
        text_colored(theme::kTextDim, "Opening the devices\xe2\x80\xa6");
        redraw::request_frame();  // the backends appear as soon as the worker has opened them
    }
    std::string& chosen = backend_[lab.id];
    for (const auto& b : backends) {
        const bool usable = backend_can_run(lab, b);
        ImGui::BeginDisabled(!usable || running);
        if (ImGui::RadioButton((b.name + "##backend").c_str(), usable && chosen == b.name)) chosen = b.name;
        ImGui::EndDisabled();
        if (!b.device.empty()) {
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, usable ? theme::kText : theme::kTextDim);
            ImGui::TextUnformatted(b.device.c_str());
            ImGui::PopStyleColor();
        }
        if (!usable && (b.available || !b.why_not.empty())) {
            ImGui::SameLine();
            // Too little room beside the name (a phone): the reason goes on its own line rather than off screen.
            const float right = layout.card_left + layout.inner;
            if (right - ImGui::GetCursorPosX() < 160) ImGui::NewLine();
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(80.0f, right - ImGui::GetCursorPosX()));
            ImGui::TextWrapped(
                "%s", nothing_usable && b.name != "cpu" ? "not available (see above)" : why_backend_cannot_run(lab, b).c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopStyleColor();
        }
    }
    if (current && !current->note.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + layout.inner - layout.label_w);
        ImGui::TextWrapped("%s  %s", icon::kInfoCircle, current->note.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
    ImGui::EndGroup();
}

// The backend's kernels to tick, each with what it teaches on hover.
void LabSettingsForm::draw_kernel_row(const Layout& layout, float width, const LabBackendInfo& current, bool running) {
    layout.label("Kernels");
    ImGui::BeginGroup();
    auto& off = off_[current.name];
    Flow flow(layout.inner - layout.label_w);
    for (const auto& k : current.kernels) {
        const std::string label = k.name + "##kernel";
        flow.next(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(k.name.c_str()).x + 8);
        bool on = !off.count(k.name);
        ImGui::BeginDisabled(running);
        if (ImGui::Checkbox(label.c_str(), &on)) {
            if (on)
                off.erase(k.name);
            else
                off.insert(k.name);
        }
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered() && !k.teaches.empty()) {
            ImGui::SetNextWindowSize({std::min(460.0f, width), 0});
            ImGui::BeginTooltip();
            ImGui::TextWrapped("%s (%s): %s", k.name.c_str(), format_name(k.dtype), k.teaches.c_str());
            ImGui::EndTooltip();
        }
    }
    if (ImGui::SmallButton("All##kernels")) off.clear();
    ImGui::SameLine();
    if (ImGui::SmallButton("None##kernels"))
        for (const auto& k : current.kernels) off.insert(k.name);
    ImGui::EndGroup();
}

void LabSettingsForm::draw_size_row(const Layout& layout, const LabInfo& lab, bool running) {
    auto& sizes = sizes_[lab.id];
    layout.label(lab.single_size ? "Size (n)" : "Sizes (n)");
    ImGui::BeginGroup();
    Flow flow(layout.inner - layout.label_w);
    ImGui::BeginDisabled(running);
    for (int n : lab.size_presets) {
        const std::string label = std::to_string(n) + "##size";
        flow.next(button_width(label));
        if (toggle(label, sizes.count(n) > 0)) {
            if (lab.single_size) {
                sizes = {n};
            } else if (!sizes.erase(n)) {
                sizes.insert(n);
            }
        }
    }
    ImGui::EndDisabled();
    if (sizes.empty()) text_colored(theme::kTextDim, lab.default_sizes_text.c_str());
    ImGui::EndGroup();
}

void LabSettingsForm::draw_repetitions_row() {
    ImGui::SliderInt("##repetitions", &repetitions_, 1, 20, "%d");
    describe_last_slider(repetitions_, 1, 20, "%d timed runs", "Timed runs after one warm-up");
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
    ImGui::TextUnformatted("timed runs after one warm-up; the median is kept");
    ImGui::PopStyleColor();
}

// The lab's own choices (the VRAM lab's limit, the transfer lab's largest size) as rows of buttons.
void LabSettingsForm::draw_preset_rows(const Layout& layout, const LabInfo& lab) {
    for (const LabParam& p : lab.params) {
        if (p.presets.empty() || !(p.places & kInLesson)) continue;
        layout.label(p.form_label.c_str());
        ImGui::BeginGroup();
        Flow flow(layout.inner - layout.label_w);
        int& index = preset_[lab.id + "/" + p.name];
        for (int i = 0; i < static_cast<int>(p.presets.size()); ++i) {
            const std::string text = std::string(p.presets[i].label) + "##" + p.form_id;
            flow.next(button_width(text));
            if (toggle(text, index == i)) index = i;
        }
        ImGui::EndGroup();
    }
}

LabFormAction LabSettingsForm::request_for(const LabInfo& lab, const LabBackendInfo& current) {
    LabFormAction action;
    LabRequest& request = action.request;
    request.lab = lab.id;
    request.backend = current.name;
    request.options.repetitions = repetitions_;
    if (sizes_.count(lab.id)) request.options.sizes.assign(sizes_[lab.id].begin(), sizes_[lab.id].end());
    if (lab.picks_kernels) {
        for (const auto& k : current.kernels)
            if (!off_[current.name].count(k.name)) request.options.kernels.push_back(k.name);
        if (request.options.kernels.empty()) {
            action.error = "Pick at least one kernel.";
            return action;
        }
    }
    for (const LabParam& p : lab.params) {
        if (p.presets.empty() || !(p.places & kInLesson)) continue;
        const std::uint64_t bytes = p.presets[static_cast<std::size_t>(preset_[lab.id + "/" + p.name])].bytes;
        if (bytes > 0 && !apply_lab_param(lab, p.name, std::to_string(bytes), request.options).empty()) {
            action.error = "The " + p.form_label + " choice is not a size this lab takes.";
            return action;
        }
    }
    action.run = true;
    return action;
}

LabFormAction LabSettingsForm::draw(float width, const LabInfo& lab, LabHost& host, bool folded, bool running,
                                    const std::string& error) {
    const std::vector<LabBackendInfo>& backends = host.backends();
    const bool ready = std::any_of(backends.begin(), backends.end(), [](const LabBackendInfo& b) { return b.available; });
    const LabBackendInfo* current = choose_backend(lab, backends);
    if (!sizes_.count(lab.id)) sizes_[lab.id] = lab.default_sizes;
    const bool nothing_usable = ready && !current && !backends.empty();
    if (nothing_usable) draw_nothing_usable(width, lab, backends);
    const bool can_run = ready && current && !running;

    bool run = false;
    if (folded && !unfolded_.count(lab.id)) {
        run = draw_summary(width, lab, current, can_run, error);
    } else {
        begin_card(width);
        ImGui::PushFont(fonts().subheading);
        ImGui::TextWrapped("%s", lab.title.c_str());
        ImGui::PopFont();
        text_colored(theme::kTextDim, ("Measures " + lab.measures + ". Without a screen: " + lab.cli).c_str());
        ImGui::Dummy({0, 4});
        Layout layout;
        layout.inner = width - 40;
        layout.label_w = ImGui::CalcTextSize("Repetitions").x + 24;
        layout.card_left = ImGui::GetCursorPosX();  // inner is measured from here

        draw_backend_row(layout, lab, backends, current, ready, nothing_usable, running);
        if (lab.picks_kernels && current) draw_kernel_row(layout, width, *current, running);
        if (!lab.size_presets.empty()) draw_size_row(layout, lab, running);
        layout.label("Repetitions");
        ImGui::SetNextItemWidth(std::min(220.0f, layout.inner - layout.label_w));
        ImGui::BeginDisabled(running);
        draw_repetitions_row();
        draw_preset_rows(layout, lab);
        ImGui::EndDisabled();

        ImGui::Dummy({0, 4});
        ImGui::BeginDisabled(!can_run);
        ImGui::PushStyleColor(ImGuiCol_Button, theme::tint(theme::kAccent, 0.5f));
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, {18, 9});
        run = ImGui::Button((std::string(icon::kPlay) + "  Run the lab").c_str());
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
        ImGui::EndDisabled();
        if (unfolded_.count(lab.id)) {
            ImGui::SameLine();
            if (ImGui::Button("Fold the settings")) unfolded_.erase(lab.id);
        }
        if (!current && ready) {
            ImGui::SameLine();
            ImGui::AlignTextToFramePadding();
            text_colored(theme::kTextDim, lab.gpu == GpuUse::Required
                                              ? "This lab needs a CUDA or Vulkan GPU, and none is available here."
                                              : "No backend can run this lab here.");
        }
        if (!error.empty()) text_colored(theme::kDanger, error.c_str());
        end_card(theme::kSurface, theme::kAccent);
    }
    if (!run || !current) return {};
    return request_for(lab, *current);
}

}  // namespace dojo
