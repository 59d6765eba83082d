// Merging a class's results files: parse each, skip what cannot be read with a sentence that names
// the file, keep each report once, and label reports so that machines with the same name stay apart.
#include "classroom/class_results.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "classroom/class_file.h"
#include "labs/lab_catalog.h"

namespace dojo {

namespace {

// What makes two reports the same run: opening one file twice, or two copies of it.
using ReportKey =
    std::tuple<std::string, std::string, std::string, std::string, std::string, std::string, std::string, std::string>;

ReportKey key_of(const LabReport& r) {
    return {r.lab, r.backend, r.device, r.created, r.machine.host, r.machine.os, r.machine.cpu, r.machine.gpu};
}

}  // namespace

ClassResults merge_class_results(const std::vector<ClassFile>& files) {
    ClassResults out;
    std::map<ReportKey, std::size_t> seen;  // report -> the index of the file it was first found in
    for (std::size_t index = 0; index < files.size(); ++index) {
        const ClassFile& file = files[index];
        const std::string problem =
            class_file_problem(file.name, file.text, kLabReportFormat, kLabReportVersion, kLabReportVersion);
        if (!problem.empty()) {
            out.messages.push_back(problem);
            continue;
        }
        if (const std::string syntax = json_syntax_problem(file.text); !syntax.empty()) {
            out.messages.push_back(file.name + " is not valid JSON, so it was skipped: " + syntax + ".");
            continue;
        }
        const LabReportParse parsed = parse_lab_reports(file.text);
        if (!parsed.ok) {
            out.messages.push_back(file.name + " could not be read, so it was skipped: " + parsed.error + ".");
            continue;
        }
        for (const LabReport& report : parsed.reports) {
            const auto [it, added] = seen.emplace(key_of(report), index);
            if (!added) {
                const std::string& first = files[it->second].name;
                out.messages.push_back(
                    it->second == index  ? file.name + " holds the same " + lab_id_of(report) + " report twice; it is shown once."
                    : first == file.name ? file.name + " was opened twice; its " + lab_id_of(report) + " report is shown once."
                                         : file.name + " repeats the " + lab_id_of(report) + " report already opened from " +
                                               first + " (same machine, same time); it is shown once.");
                continue;
            }
            out.reports.push_back({report, machine_label(report), file.name});
        }
    }

    // Two different files from machines with the same name (two lab PCs called "lab", two runs of one
    // laptop): the file name tells them apart. Reports from one file share their machine.
    std::map<std::string, std::set<std::string>> files_by_label;
    for (const ClassReport& r : out.reports) files_by_label[r.label].insert(r.file);
    for (ClassReport& r : out.reports) {
        if (files_by_label[r.label].size() > 1) r.label += " (" + r.file + ")";
        r.report.machine.host = r.label;
        const std::string lab = lab_id_of(r.report);
        if (std::find(out.labs.begin(), out.labs.end(), lab) == out.labs.end()) out.labs.push_back(lab);
    }
    return out;
}

}  // namespace dojo
