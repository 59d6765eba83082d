// What kind of file a teacher opened (a student's progress, a machine's lab results, or neither),
// and why one cannot be read, in a sentence that names the file: shared by the class summaries.
#pragma once

#include <string>
#include <string_view>

namespace dojo {

enum class ClassFileKind { Progress, Results, Other };

// From the "format" marker of the document (or of an array's first report); Other for anything
// else, malformed JSON included.
ClassFileKind class_file_kind(std::string_view text);

// A sentence starting with the file's name when `text` is JSON whose format marker is not `format`
// or whose version is not from `oldest` to `version` (older ones the format's parser migrates), e.g.
// "ana.json is version 3; this app reads versions 1 to 2 ...". Empty otherwise, malformed JSON
// included: the format's own parser says where that goes wrong.
std::string class_file_problem(const std::string& name, std::string_view text, std::string_view format, int oldest, int version);

// Empty for well-formed JSON; otherwise where and why it is not, e.g. "line 3, column 5: ...".
// Found without exceptions: the web build aborts on a thrown one, which parse_lab_reports uses.
std::string json_syntax_problem(std::string_view text);

}  // namespace dojo
