// Sorting the files a teacher opened by their format marker, and the sentence for a file of another
// format or version.
#include "classroom/class_file.h"

#include <nlohmann/json.hpp>

#include "labs/lab_report.h"
#include "progress/progress.h"

namespace dojo {

namespace {

using nlohmann::json;

// The object that carries the format marker: the document, or a results array's first report.
const json* marked_object(const json& doc) {
    if (doc.is_object()) return &doc;
    if (doc.is_array() && !doc.empty() && doc.front().is_object()) return &doc.front();
    return nullptr;
}

std::string format_of(const json& o) {
    const auto it = o.find("format");
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

ClassFileKind class_file_kind(std::string_view text) {
    const json doc = json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded()) return ClassFileKind::Other;
    const json* o = marked_object(doc);
    if (!o) return ClassFileKind::Other;
    const std::string format = format_of(*o);
    if (format == kProgressFormat && doc.is_object()) return ClassFileKind::Progress;
    if (format == kLabReportFormat) return ClassFileKind::Results;
    return ClassFileKind::Other;
}

std::string class_file_problem(const std::string& name, std::string_view text, std::string_view format, int oldest, int version) {
    const json doc = json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded()) return {};
    const json* o = marked_object(doc);
    const std::string found = o ? format_of(*o) : std::string();
    const std::string wanted = format == kProgressFormat ? "a Compute Dojo progress file" : "a Compute Dojo results file";
    if (found.empty()) return name + " is JSON but not " + wanted + " (it has no \"format\" marker), so it was skipped.";
    if (found != format) return name + " is a \"" + found + "\" file, not " + wanted + ", so it was skipped.";
    const auto v = o->find("version");
    if (v == o->end() || !v->is_number_integer())
        return name + " has no version number, so it cannot be read safely; export it again from Compute Dojo.";
    const auto saved = v->get<std::int64_t>();
    if (saved >= oldest && saved <= version) return {};
    const std::string what =
        name + " is version " + std::to_string(saved) + "; this app reads version" +
        (oldest == version ? " " + std::to_string(version) : "s " + std::to_string(oldest) + " to " + std::to_string(version));
    if (saved > version) return what + ". It was saved by a newer Compute Dojo: open it there, or update this one.";
    return what + ". Ask the student to export it again from this version of Compute Dojo.";
}

std::string json_syntax_problem(std::string_view text) {
    if (!json::parse(text.begin(), text.end(), nullptr, false).is_discarded()) return {};
    // Any format reads the same for broken JSON; the progress parser finds the place without throwing.
    const ProgressParseResult parsed = parse_progress(text);
    return parsed.error.empty() ? "not valid JSON" : parsed.error;
}

}  // namespace dojo
