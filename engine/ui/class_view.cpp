// The Class view: opening a class's files, the lessons table, the questions by first-try rate, the
// lab results by machine with a way into the Labs charts, and the messages for files that were skipped.
#include "ui/class_view.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "classroom/class_file.h"
#include "labs/lab_catalog.h"
#include "ui/access_tree.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace dojo {

namespace {

// Below this share of right first answers a question is marked as one to talk about in class.
constexpr double kWeakRate = 0.5;

void section_heading(const char* text) {
    ImGui::Dummy({0, 10});
    ImGui::PushFont(fonts().subheading);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string percent(double rate) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.0f%%", rate * 100.0);
    return buf;
}

// A horizontal bar for a share, filled in `color`, with the percentage beside it.
void rate_bar(double rate, ImU32 color, float bar_width) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled({p.x, p.y + h * 0.2f}, {p.x + bar_width, p.y + h * 0.8f}, theme::tint(theme::kTextDim, 0.8f), 3);
    if (rate > 0)
        dl->AddRectFilled({p.x, p.y + h * 0.2f}, {p.x + bar_width * static_cast<float>(rate), p.y + h * 0.8f}, color, 3);
    ImGui::Dummy({bar_width + 6, h});
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(percent(rate).c_str());
    ImGui::PopStyleColor();
}

}  // namespace

void ClassView::add_file(const std::string& text, const std::string& name) {
    if (class_file_kind(text) == ClassFileKind::Progress)
        progress_files_.push_back({name, text});
    else
        results_files_.push_back({name, text});  // results, or a file whose message the results merge writes
    rebuild();
}

void ClassView::rebuild() {
    summary_ = summarize_class_progress(course_, progress_files_);
    results_ = merge_class_results(results_files_);
    messages_ = summary_.messages;
    messages_.insert(messages_.end(), results_.messages.begin(), results_.messages.end());
}

void ClassView::draw(float width, LabsView& labs, ClassViewEvents& events) {
    const float left = ImGui::GetCursorScreenPos().x;
    ImGui::PushFont(fonts().title);
    ImGui::TextUnformatted("Class results");
    access_text("Class results", AccessRole::Heading, 1);
    ImGui::PopFont();
    text_colored(theme::kTextDim,
                 "Collect each student's progress file (menu, Export progress) and any lab results files (the JSON button in "
                 "Labs, or dojo bench --json), then open them all here at once.");
    ImGui::Dummy({0, 4});
    if (platform_.picks_class_files()) {
        if (ImGui::Button((std::string(icon::kUpload) + "  Open students' files\xe2\x80\xa6").c_str()))
            platform_.request_class_files();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Pick several progress and results files at once");
    } else {
        ImGui::AlignTextToFramePadding();
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
        ImGui::TextUnformatted(
            (std::string(icon::kUpload) + "  Drop the students' files onto this window, several at once.").c_str());
        ImGui::PopStyleColor();
    }
    const bool any = !progress_files_.empty() || !results_files_.empty();
    if (any) {
        const std::string clear = std::string(icon::kTrash) + "  Start a new class";
        const ImGuiStyle& style = ImGui::GetStyle();
        // Beside the open button where it fits, else below it (a phone's width).
        if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + ImGui::CalcTextSize(clear.c_str()).x + 2 * style.FramePadding.x <=
            left + width)
            ImGui::SameLine();
        if (ImGui::Button(clear.c_str())) {
            progress_files_.clear();
            results_files_.clear();
            rebuild();
            return;
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Forget the files opened here (the students' files are not touched)");
    }

    std::size_t machines = 0;
    {
        std::set<std::string> labels;
        for (const auto& r : results_.reports) labels.insert(r.label);
        machines = labels.size();
    }
    text_colored(theme::kTextDim,
                 !any ? "No files opened yet."
                      : (plural(summary_.students.size(), "student", "students") + " \xc2\xb7 " +
                         plural(machines, "machine with lab results", "machines with lab results") +
                         (messages_.empty() ? "" : " \xc2\xb7 " + plural(messages_.size(), "note", "notes") + " below"))
                            .c_str());

    // Skipped files first, so a teacher can ask for them again while the class is still there.
    if (!messages_.empty()) {
        section_heading("Files to check");
        begin_card(width, 12);
        for (const auto& m : messages_) {
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
            ImGui::TextUnformatted(icon::kWarning);
            ImGui::PopStyleColor();
            ImGui::SameLine();
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 60);
            ImGui::TextWrapped("%s", m.c_str());
            ImGui::PopTextWrapPos();
        }
        end_card(theme::tint(theme::kWarning, 0.88f), theme::kWarning);
    }
    if (!summary_.students.empty()) draw_lessons_table(width, events);
    if (!results_.reports.empty()) draw_results(width, labs, events);
    if (!summary_.students.empty()) draw_questions_table(width, events);
}

void ClassView::draw_lessons_table(float width, ClassViewEvents& events) {
    section_heading("Lessons finished");
    if (ImGui::Button((std::string(icon::kDownload) + "  Export CSV##lessons").c_str()))
        events.notice(platform_.export_file("class-lessons.csv", class_lessons_csv(summary_)), false);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("One row per student, one column per lesson, for a spreadsheet");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    text_colored(theme::kTextDim, "Lessons by number, in course order; point at a number for its title.");

    const std::size_t lessons = summary_.lesson_ids.size();
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 pad{8, 5};
    const float check_w = ImGui::CalcTextSize("00").x + 2 * pad.x;
    float name_w = ImGui::CalcTextSize("Student").x;
    for (const auto& s : summary_.students) name_w = std::max(name_w, ImGui::CalcTextSize(s.name.c_str()).x);
    name_w = std::min(name_w, 220.0f) + 2 * pad.x;
    const float number_w = ImGui::CalcTextSize("Lessons").x + 2 * pad.x;
    const float needed = name_w + 2 * number_w + static_cast<float>(lessons) * check_w;
    // Wider than the column: the table scrolls sideways with the names kept in view.
    const bool scroll = needed > width;
    const float row_h = ImGui::GetTextLineHeight() + 2 * pad.y;
    const float height = row_h * static_cast<float>(summary_.students.size() + 1) + (scroll ? style.ScrollbarSize : 0) + 4;
    ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuterH | ImGuiTableFlags_SizingFixedFit;
    if (scroll) flags |= ImGuiTableFlags_ScrollX;
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, pad);
    if (ImGui::BeginTable("##class-lessons", static_cast<int>(lessons) + 3, flags,
                          {std::min(needed, width), scroll ? height : 0})) {
        if (scroll) ImGui::TableSetupScrollFreeze(1, 1);
        ImGui::TableSetupColumn("Student", ImGuiTableColumnFlags_WidthFixed, name_w - 2 * pad.x);
        ImGui::TableSetupColumn("XP", ImGuiTableColumnFlags_WidthFixed, number_w - 2 * pad.x);
        ImGui::TableSetupColumn("Lessons", ImGuiTableColumnFlags_WidthFixed, number_w - 2 * pad.x);
        for (std::size_t i = 0; i < lessons; ++i)
            ImGui::TableSetupColumn(std::to_string(i + 1).c_str(), ImGuiTableColumnFlags_WidthFixed, check_w - 2 * pad.x);
        ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
        for (int c = 0; c < static_cast<int>(lessons) + 3; ++c) {
            ImGui::TableSetColumnIndex(c);
            ImGui::TableHeader(ImGui::TableGetColumnName(c));
            if (c >= 3 && ImGui::IsItemHovered())
                ImGui::SetTooltip("%d. %s", c - 2, summary_.lesson_titles[static_cast<std::size_t>(c - 3)].c_str());
        }
        for (const ClassStudent& s : summary_.students) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted(s.name.c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("From %s", s.file.c_str());
            ImGui::TableSetColumnIndex(1);
            ImGui::Text("%d", s.xp);
            ImGui::TableSetColumnIndex(2);
            ImGui::Text("%d", s.completed_count);
            for (std::size_t i = 0; i < lessons; ++i) {
                ImGui::TableSetColumnIndex(static_cast<int>(i) + 3);
                ImGui::PushStyleColor(ImGuiCol_Text, s.completed[i] ? theme::kSuccess : theme::tint(theme::kTextDim, 0.4f));
                ImGui::TextUnformatted(s.completed[i] ? icon::kCheck : "\xc2\xb7");
                ImGui::PopStyleColor();
                if (ImGui::IsItemHovered())
                    ImGui::SetTooltip("%s: %s %s", s.name.c_str(), summary_.lesson_titles[i].c_str(),
                                      s.completed[i] ? "finished" : "not finished yet");
            }
        }
        ImGui::EndTable();
    }
    ImGui::PopStyleVar();
}

void ClassView::draw_questions_table(float width, ClassViewEvents& events) {
    section_heading("Quiz questions, weakest first");
    if (ImGui::Button((std::string(icon::kDownload) + "  Export CSV##questions").c_str()))
        events.notice(platform_.export_file("class-questions.csv", class_questions_csv(summary_)), false);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("One row per question: answered, right first try, the rate");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    text_colored(theme::kTextDim,
                 "Right on the first try, of the students who answered. A low rate often means a misconception "
                 "worth a few minutes in class.");
    if (summary_.questions.empty()) {
        text_colored(theme::kTextDim, "No student has answered a quiz question yet.");
        return;
    }
    const float bar_w = 70;
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, {10, 6});
    if (ImGui::BeginTable("##class-questions", 3,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuterH, {width, 0})) {
        ImGui::TableSetupColumn("First try", ImGuiTableColumnFlags_WidthFixed, bar_w + 6 + ImGui::CalcTextSize("100%").x);
        ImGui::TableSetupColumn("Right first", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Right first").x);
        ImGui::TableSetupColumn("Question", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        for (const ClassQuestion& q : summary_.questions) {
            const double rate = q.first_try_rate();
            const bool weak = rate < kWeakRate;
            ImGui::TableNextRow();
            if (weak) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, theme::tint(theme::kDanger, 0.88f));
            ImGui::TableSetColumnIndex(0);
            rate_bar(rate, weak ? theme::kDanger : rate < 0.8 ? theme::kWarning : theme::kSuccess, bar_w);
            ImGui::TableSetColumnIndex(1);
            ImGui::Text("%d of %d", q.first_try, q.answered);
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%d of the %d students who answered were right the first time", q.first_try, q.answered);
            ImGui::TableSetColumnIndex(2);
            ImGui::PushTextWrapPos(0);
            ImGui::TextUnformatted(q.prompt.c_str());
            ImGui::PopTextWrapPos();
            text_colored(theme::kTextDim, q.lesson_title.c_str());
        }
        ImGui::EndTable();
    }
    ImGui::PopStyleVar();
}

void ClassView::draw_results(float width, LabsView& labs, ClassViewEvents& events) {
    section_heading("Lab results by machine");
    text_colored(theme::kTextDim, "Each lab opens in Labs with every machine's runs in one chart.");
    for (const std::string& lab : results_.labs) {
        ImGui::PushID(lab.c_str());
        begin_card(width, 14);
        const LabInfo* info = find_lab(lab);
        ImGui::PushFont(fonts().strong);
        ImGui::TextUnformatted(info ? info->title.c_str() : lab.c_str());
        ImGui::PopFont();
        for (const ClassReport& r : results_.reports) {
            if (lab_id_of(r.report) != lab) continue;
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
            ImGui::TextUnformatted(icon::kDesktop);
            ImGui::PopStyleColor();
            ImGui::SameLine();
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 60);
            ImGui::TextWrapped("%s, %s: %s", r.label.c_str(), r.report.backend.c_str(), lab_headline(r.report).c_str());
            ImGui::PopTextWrapPos();
        }
        ImGui::Dummy({0, 2});
        if (ImGui::Button((std::string(icon::kFlask) + "  Show in Labs: " + (info ? info->title : lab)).c_str()))
            show_in_labs(lab, labs, events);
        end_card(theme::tint(theme::kAccent, 0.9f), theme::kAccent);
        ImGui::PopID();
        ImGui::Dummy({0, 4});
    }
}

void ClassView::show_in_labs(const std::string& lab, LabsView& labs, ClassViewEvents& events) {
    // The comparisons were removed in Labs since the last visit: hand the class's reports over again.
    if (labs.comparison_count() < labs_comparisons_) sent_.clear();
    for (const ClassReport& r : results_.reports) {
        const std::string key =
            r.label + "\n" + r.report.lab + "\n" + r.report.backend + "\n" + r.report.device + "\n" + r.report.created;
        if (sent_.count(key)) continue;
        std::string error;
        if (labs.add_comparison(lab_report_to_json(r.report), "", error))
            sent_.insert(key);
        else
            events.notice(r.file + " could not be shown in Labs: " + error, true);
    }
    labs_comparisons_ = labs.comparison_count();
    events.navigate("#/labs/" + lab);
}

nlohmann::json ClassView::test_state() const {
    return {{"students", summary_.students.size()},
            {"questions", summary_.questions.size()},
            {"results", results_.reports.size()},
            {"messages", messages_.size()},
            {"files", progress_files_.size() + results_files_.size()},
            {"notes", messages_}};
}

}  // namespace dojo
