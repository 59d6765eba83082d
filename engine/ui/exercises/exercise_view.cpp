// The exercise card of a lesson: task, mapping, language, editor, run, verdict, hints, solution.
#include "ui/exercises/exercise_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include <imgui.h>
#include <imgui_internal.h>

#include "exercises/operations.h"
#include "labs/lab_catalog.h"
#include "labs/lab_report.h"
#include "ui/access_tree.h"
#include "ui/announcer.h"
#include "ui/exercises/kernel_grid.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/redraw.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"
#include "ui/widgets.h"

namespace dojo {

namespace {

constexpr float kPadding = 16.0f;

const char* language_label(KernelLanguage language) {
    switch (language) {
        case KernelLanguage::Glsl:
            return "GLSL on Vulkan";
        case KernelLanguage::Cuda:
            return "CUDA C++";
        case KernelLanguage::Wgsl:
            return "WGSL on WebGPU";
    }
    return "";
}

// On a pass: the memory roofline of this device, where the learner has run the roofline lab on the
// same backend. A kernel must move the problem's bytes at least once, so at the measured bandwidth
// it cannot take less than bytes / bandwidth.
std::string roofline_sentence(const Verdict& v, const Progress& progress) {
    if (!v.passed || v.time_ms <= 0 || v.bytes <= 0) return "";
    // WebGPU runs in the browser, whose Labs have no roofline lab: nothing to point at.
    const LabInfo* lab = find_lab("roofline");
    if (v.backend == "webgpu" && lab && !lab->browser) return "";
    const auto it = progress.lab_results.find("roofline");
    if (it == progress.lab_results.end())
        return "The roofline lab (Labs) measures this device's memory bandwidth: run it on " + v.backend +
               " to see how close this kernel comes to the device's limit.";
    const LabReportParse parsed = parse_lab_reports(it->second);
    if (!parsed.ok || parsed.reports.empty() || !parsed.reports.front().roofline) return "";
    const LabReport& r = parsed.reports.front();
    if (r.backend != v.backend || r.roofline->bandwidth_gbps <= 0)
        return "Your roofline run was on " + r.backend + ", not " + v.backend + ": run it on " + v.backend +
               " to compare this kernel with the device's limit.";
    const double floor_ms = v.bytes / (r.roofline->bandwidth_gbps * 1e6);
    char b[240];
    std::snprintf(b, sizeof b,
                  "Roofline: at this device's measured %.1f GB/s, moving the larger problem's %.1f MB takes at least %.3f ms; "
                  "your kernel took %.3f ms (%.0f%% of the memory limit).",
                  r.roofline->bandwidth_gbps, v.bytes / 1e6, floor_ms, v.time_ms, 100.0 * floor_ms / v.time_ms);
    return b;
}

}  // namespace

void ExerciseView::load_code(State& s, const Exercise& exercise) {
    std::string code;
    if (const auto e = progress_.exercises.find(exercise.id); e != progress_.exercises.end())
        if (const auto c = e->second.code.find(language_name(s.language)); c != e->second.code.end()) code = c->second;
    if (code.empty())
        if (const auto it = exercise.code.find(s.language); it != exercise.code.end()) code = it->second.starter;
    s.buffer.set(code);
    s.loaded = true;
}

void ExerciseView::keep_code(State& s, const Exercise& exercise) {
    const std::string text = s.buffer.text();
    ExerciseProgress& ep = progress_.exercises[exercise.id];
    const auto it = exercise.code.find(s.language);
    // The starter code untouched is not the learner's: keep nothing, so a better starter reaches them.
    if (it != exercise.code.end() && text == it->second.starter)
        ep.code.erase(language_name(s.language));
    else
        ep.code[language_name(s.language)] = text;
}

void ExerciseView::flush(ExerciseViewEvents& events) {
    bool any = false;
    for (auto& [id, s] : states_) any = std::exchange(s.dirty, false) || any;
    if (any && events.save) events.save();
}

void ExerciseView::draw(const Lesson& lesson, const Exercise& exercise, float width, ExerciseHost* host,
                        ExerciseViewEvents& events) {
    const Operation* op = find_operation(exercise.operation);
    if (!op) return;  // the loader reports an unknown operation
    ImGui::PushID(exercise.id.c_str());
    State& s = states_[exercise.id];
    const std::vector<ExerciseLanguage> here = host ? host->languages() : std::vector<ExerciseLanguage>{};
    if (!s.language_chosen) {
        // The first language the exercise is written in that runs here, else the first of them the
        // host lists (the browser lists WGSL first, so where WebGPU is missing it says why in WGSL),
        // else its first.
        if (!exercise.code.empty()) s.language = exercise.code.begin()->first;
        for (auto h = here.rbegin(); h != here.rend(); ++h)
            if (exercise.code.count(h->language)) s.language = h->language;
        for (const auto& entry : exercise.code) {
            const KernelLanguage language = entry.first;  // a copy: clang 14 cannot capture a structured binding
            const auto l =
                std::find_if(here.begin(), here.end(), [&](const auto& h) { return h.language == language && h.available; });
            if (l != here.end()) {
                s.language = language;
                break;
            }
        }
        s.language_chosen = !std::any_of(here.begin(), here.end(), [](const auto& h) { return h.pending; });
        if (!s.loaded || s.language_chosen) load_code(s, exercise);
    }
    poll(s, lesson, exercise, host, events);

    const float inner = width - 2 * kPadding - 4;  // begin_card's content width
    begin_card(width, kPadding);
    static const ExerciseProgress kNone;
    const auto found = progress_.exercises.find(exercise.id);
    const ExerciseProgress& ep = found == progress_.exercises.end() ? kNone : found->second;
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    ImGui::Text("%s  EXERCISE  \xc2\xb7  %s", icon::kCode, exercise.title.c_str());
    ImGui::PopStyleColor();
    if (ep.passed) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kSuccess);
        ImGui::Text("  %s Passed  +%d XP", icon::kCheckCircle, ep.xp_awarded);
        ImGui::PopStyleColor();
    }
    ImGui::TextWrapped("%s", exercise.task.c_str());
    ImGui::Dummy({0, 2});
    text_colored(theme::kTextDim, launch_words(exercise, *op).c_str());
    ImGui::Dummy({0, 2});
    draw_thread_mapping(exercise, *op, inner);
    ImGui::Dummy({0, 6});

    draw_languages(s, exercise, here, inner);
    const auto current = std::find_if(here.begin(), here.end(), [&](const auto& h) { return h.language == s.language; });
    const ExerciseLanguage* language = current == here.end() ? nullptr : &*current;

    std::vector<int> error_lines;
    if (s.verdict && s.verdict->language == language_name(s.language))
        for (const CompileError& e : s.verdict->compile_errors)
            if (e.line > 0) error_lines.push_back(e.line);
    const std::string label = "Kernel code##" + exercise.id;
    const ImVec2 editor_at = ImGui::GetCursorScreenPos();
    const CodeEditorResult edit = code_editor(label.c_str(), s.buffer, inner, error_lines);
    const ImVec2 editor_end = ImGui::GetItemRectMax();
    widget_registry().record(label, editor_at.x, editor_at.y, editor_end.x - editor_at.x, editor_end.y - editor_at.y, edit.id);
    describe_last_item(AccessRole::TextField, "Kernel code in " + std::string(language_name(s.language)));
    const double now = ImGui::GetTime();
    if (edit.changed) {
        keep_code(s, exercise);
        s.dirty = true;
        s.last_edit = now;
    }
    if (s.dirty) {  // saved a moment after the last keystroke, or when the learner leaves the editor
        const double left = s.last_edit + kSaveDelay - now;
        if (edit.left || left <= 0) {
            s.dirty = false;
            if (events.save) events.save();
        } else {
            redraw::request_frame_in(left);
        }
    }
    text_colored(theme::kTextDim,
                 "Tab indents \xc2\xb7 Ctrl+Z undoes, Ctrl+Y redoes \xc2\xb7 Esc leaves the editor \xc2\xb7 Ctrl+Enter runs");
    ImGui::Dummy({0, 2});
    draw_actions(s, exercise, host, language, events, edit.run_pressed);
    draw_verdict(s, exercise, inner);
    draw_help(s, exercise, inner, events);
    end_card(theme::kSurface, theme::kAccent);
    ImGui::PopID();
}

void ExerciseView::draw_languages(State& s, const Exercise& exercise, const std::vector<ExerciseLanguage>& here, float width) {
    // With one language written and nothing to choose, a line says where it runs; else a choice,
    // wrapped onto more lines where the card is narrow (a phone).
    const float start = ImGui::GetCursorPosX();
    bool first = true;
    for (const auto& [language, code] : exercise.code) {
        if (exercise.code.size() < 2) break;
        const char* label = language_label(language);
        const float w = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
        if (!first) {
            ImGui::SameLine();
            if (ImGui::GetCursorPosX() + w > start + width) ImGui::NewLine();
        }
        first = false;
        if (ImGui::RadioButton(label, s.language == language) && s.language != language) {
            s.language = language;
            load_code(s, exercise);
        }
    }
    const auto l = std::find_if(here.begin(), here.end(), [&](const auto& h) { return h.language == s.language; });
    std::string where;
    ImU32 color = theme::kTextDim;
    if (l != here.end() && l->available) {
        where = std::string(icon::kMicrochip) + "  " + language_label(s.language) + ", checked on " + l->device;
        color = theme::kText;
    } else if (l != here.end() && l->pending) {
        where = std::string(icon::kClock) + "  " + l->why_not;
        redraw::request_frame();  // the device search ends on the worker
    } else if (l != here.end()) {
        where = std::string(icon::kWarning) + "  " + language_label(s.language) + " cannot be checked here: " + l->why_not;
    } else if (here.empty()) {
        where = std::string(icon::kDesktop) +
                "  Kernels are checked in the desktop app (GLSL on Vulkan) and by dojo exercise check " + exercise.id +
                " kernel" + language_extension(s.language) + " on a GPU machine. Your code here is kept with your progress.";
    } else {
        where = std::string(icon::kWarning) + "  This app cannot check " + language_label(s.language) + " kernels.";
    }
    text_colored(color, where.c_str());
    ImGui::Dummy({0, 2});
}

void ExerciseView::draw_actions(State& s, const Exercise& exercise, ExerciseHost* host, const ExerciseLanguage* language,
                                ExerciseViewEvents& events, bool run_pressed) {
    const bool can_run = host && language && language->available && !host->running();
    ImGui::BeginDisabled(!can_run);
    ImGui::PushStyleColor(ImGuiCol_Button, theme::tint(theme::kAccent, 0.55f));
    const bool run = ImGui::Button((std::string(icon::kPlay) + "  Run##" + exercise.id).c_str()) || (run_pressed && can_run);
    ImGui::PopStyleColor();
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button((std::string(icon::kRefresh) + "  Reset##" + exercise.id).c_str())) {
        const auto it = exercise.code.find(s.language);
        const std::string current = s.buffer.text();
        if (it != exercise.code.end() && current != it->second.starter) {
            s.before_reset = current;
            s.buffer.set(it->second.starter);
            keep_code(s, exercise);
            if (events.save) events.save();
        }
    }
    if (!s.before_reset.empty()) {
        ImGui::SameLine();
        if (ImGui::Button(("Undo reset##" + exercise.id).c_str())) {
            s.buffer.set(s.before_reset);
            s.before_reset.clear();
            keep_code(s, exercise);
            if (events.save) events.save();
        }
    }
    if (run) {
        keep_code(s, exercise);
        s.dirty = false;
        if (events.save) events.save();
        std::string error;
        if (host->start(exercise, s.language, s.buffer.text(), error)) {
            s.waiting = true;
            s.message.clear();
            waiting_for_ = exercise.id;
        } else {
            s.message = "Could not run: " + error;
        }
    }
    if (s.waiting) {
        ImGui::SameLine();
        const char* dots[] = {"", ".", "..", "..."};
        text_colored(
            theme::kTextDim,
            ("  Compiling and running on your GPU" + std::string(dots[static_cast<int>(ImGui::GetTime() * 3) % 4])).c_str());
        redraw::request_frame();  // the verdict comes from the worker
    }
    if (!s.message.empty()) text_colored(theme::kDanger, s.message.c_str());
}

void ExerciseView::poll(State& s, const Lesson& lesson, const Exercise& exercise, ExerciseHost* host,
                        ExerciseViewEvents& events) {
    if (!s.waiting || !host || waiting_for_ != exercise.id) return;
    Verdict v;
    if (!host->take_verdict(v)) return;
    s.waiting = false;
    waiting_for_.clear();
    announce(v.summary());
    if (v.run_error.empty()) {  // a verdict on the learner's kernel, not a device failure
        const bool race = v.trace && v.trace->race_count > 0;
        const Outcome o = record_exercise_run(progress_, course_, lesson, exercise, v.passed, race, today_day_number());
        if (events.outcome) events.outcome(o, lesson);
        if (events.save) events.save();
    }
    s.roofline = roofline_sentence(v, progress_);
    s.verdict = std::move(v);
}

void ExerciseView::draw_verdict(const State& s, const Exercise& exercise, float width) {
    if (!s.verdict) return;
    const Verdict& v = *s.verdict;
    const Operation* op = find_operation(exercise.operation);
    ImGui::Dummy({0, 6});
    const ImU32 color = v.passed ? theme::kSuccess : theme::kDanger;
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::PushFont(fonts().strong);
    ImGui::TextUnformatted(v.passed ? (std::string(icon::kCheckCircle) + "  Passed").c_str()
                                    : (std::string(icon::kTimes) + "  Not yet").c_str());
    ImGui::PopFont();
    ImGui::PopStyleColor();
    const ImVec2 a = ImGui::GetItemRectMin();
    ImGui::TextWrapped("%s", v.summary().c_str());
    const ImVec2 z = ImGui::GetItemRectMax();
    widget_registry().record("verdict:" + exercise.id, a.x, a.y, z.x - a.x, z.y - a.y);
    if (!s.roofline.empty()) text_colored(theme::kTextDim, s.roofline.c_str());
    if (v.compile_errors.size() > 1 || (!v.compile_errors.empty() && v.compile_errors.front().column > 0)) {
        ImGui::PushFont(fonts().mono);
        for (const CompileError& e : v.compile_errors) {
            std::string where = e.line > 0 ? "line " + std::to_string(e.line) : std::string("?");
            if (e.column > 0) where += ", column " + std::to_string(e.column);
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kDanger);
            ImGui::TextWrapped("%s: %s", where.c_str(), e.message.c_str());
            ImGui::PopStyleColor();
        }
        ImGui::PopFont();
    }
    if (op && !v.output.empty()) {
        ImGui::Dummy({0, 4});
        text_colored(theme::kTextDim, v.passed
                                          ? "Your output, every cell right:"
                                          : "Your output: wrong cells are red, cells never written are dashed. Hover a cell for "
                                            "what it should hold.");
        draw_output_grid(exercise, *op, v, width);
    }
    if (op && v.trace) {
        ImGui::Dummy({0, 4});
        std::string reads =
            "What each thread did: the number is how many values of a and b it read; hover a thread for "
            "its reads and writes";
        reads += v.trace->race_count > 0 ? ", and threads in a race are outlined red." : ".";
        text_colored(theme::kTextDim, reads.c_str());
        draw_thread_trace(exercise, *op, *v.trace, width);
        if (v.model_max_global_reads >= 0) {
            const int mine = v.trace->max_global_reads, theirs = v.model_max_global_reads;
            const std::string line = "Your busiest thread read " + std::to_string(mine) + (mine == 1 ? " value" : " values") +
                                     " of a and b; the model solution's read " + std::to_string(theirs) +
                                     (mine > theirs ? ": fewer reads is less memory traffic." : ".");
            text_colored(mine > theirs ? theme::readable(theme::kWarning) : theme::kTextDim, line.c_str());
        }
    }
}

void ExerciseView::draw_help(const State& s, const Exercise& exercise, float width, ExerciseViewEvents& events) {
    static const ExerciseProgress kNone;
    const auto found = progress_.exercises.find(exercise.id);
    const ExerciseProgress& ep = found == progress_.exercises.end() ? kNone : found->second;
    ImGui::Dummy({0, 6});
    const int hints = static_cast<int>(exercise.hints.size());
    for (int i = 0; i < std::min(ep.hints_shown, hints); ++i) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kTip);
        ImGui::TextWrapped("%s  Hint %d: %s", icon::kLightbulb, i + 1, exercise.hints[static_cast<std::size_t>(i)].c_str());
        ImGui::PopStyleColor();
    }
    const auto model = exercise.code.find(s.language);
    const bool may_see = ep.passed || ep.failed_runs >= kRunsBeforeSolution;
    if (ep.hints_shown < hints) {
        const std::string label = std::string(icon::kLightbulb) + "  Show a hint (" + std::to_string(ep.hints_shown + 1) +
                                  " of " + std::to_string(hints) + ")##" + exercise.id;
        const float start = ImGui::GetCursorPosX();
        if (ImGui::Button(label.c_str())) {
            progress_.exercises[exercise.id].hints_shown = ep.hints_shown + 1;
            if (events.save) events.save();
        }
        ImGui::SameLine();
        // The next button goes below where the card is too narrow for both (a phone).
        const float next = ImGui::CalcTextSize("Show the model solution").x + 2 * ImGui::GetStyle().FramePadding.x;
        if (model != exercise.code.end() && !ep.solution_shown && ImGui::GetCursorPosX() + next > start + width) ImGui::NewLine();
    }
    if (model != exercise.code.end() && !ep.solution_shown) {
        ImGui::BeginDisabled(!may_see);
        if (ImGui::Button(("Show the model solution##" + exercise.id).c_str())) {
            progress_.exercises[exercise.id].solution_shown = true;
            if (events.save) events.save();
        }
        ImGui::EndDisabled();
        if (!may_see) {
            const std::string why = "It opens once you pass, or after " + std::to_string(kRunsBeforeSolution) +
                                    " runs that did not (" + std::to_string(ep.failed_runs) + " so far).";
            text_colored(theme::kTextDim, why.c_str());
        }
    } else if (model != exercise.code.end()) {
        ImGui::NewLine();
        text_colored(theme::kTextDim, "The model solution:");
        ImGui::PushFont(fonts().mono);
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kCodeText);
        ImGui::TextUnformatted(model->second.solution.c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
    } else {
        ImGui::NewLine();
    }
}

std::map<std::string, std::string> ExerciseView::summaries() const {
    std::map<std::string, std::string> out;
    for (const auto& [id, s] : states_)
        if (s.verdict) out[id] = s.verdict->summary();
    return out;
}

std::map<std::string, std::string> ExerciseView::rooflines() const {
    std::map<std::string, std::string> out;
    for (const auto& [id, s] : states_)
        if (!s.roofline.empty()) out[id] = s.roofline;
    return out;
}

bool ExerciseView::any_running() const {
    return std::any_of(states_.begin(), states_.end(), [](const auto& kv) { return kv.second.waiting; });
}

}  // namespace dojo
