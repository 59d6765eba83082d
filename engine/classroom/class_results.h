// A class's lab results, merged for one view: several results files (one per student's machine, the
// lab PCs, a cloud GPU) parsed, labelled by machine, duplicates dropped, bad files explained.
#pragma once

#include <string>
#include <vector>

#include "labs/lab_report.h"

namespace dojo {

// One file a teacher opened: its name (for labels and messages) and its text.
struct ClassFile {
    std::string name;
    std::string text;
};

// A report from one of the files, with the label its chart series and table rows carry.
struct ClassReport {
    LabReport report;   // machine.host is rewritten to `label`, so charts keyed by machine keep them apart
    std::string label;  // the machine's name, plus the file name when two machines share a name
    std::string file;   // the file it came from
};

struct ClassResults {
    std::vector<ClassReport> reports;   // in the order the files were given
    std::vector<std::string> messages;  // one sentence per file skipped or report dropped
    std::vector<std::string> labs;      // the lab ids present (lab_id_of), in first-seen order
};

// Never throws. Files of another format, another version or malformed JSON are skipped with a
// message naming the file; an exact duplicate (same lab, backend, device, time and machine, e.g. the
// same file opened twice) is kept once with a message naming both files.
ClassResults merge_class_results(const std::vector<ClassFile>& files);

}  // namespace dojo
