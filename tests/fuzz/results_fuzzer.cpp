// libFuzzer target: any bytes, opened as a lab results file (what the desktop accepts from a drop),
// must parse or be refused with a message, without a crash or a sanitizer report. What parses must
// survive a round trip unchanged, and its headline and CSV must be computable.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "labs/lab_report.h"

namespace {

void require(bool ok) {
    if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const dojo::LabReportParse first = dojo::parse_lab_reports(text);
    require(first.ok == first.error.empty());
    if (!first.ok) {
        require(first.reports.empty());
        return 0;
    }
    require(!first.reports.empty());
    for (const dojo::LabReport& r : first.reports) {
        const std::string json = dojo::lab_report_to_json(r);
        const dojo::LabReportParse again = dojo::parse_lab_reports(json);
        require(again.ok && again.reports.size() == 1);
        require(dojo::lab_report_to_json(again.reports[0]) == json);
        (void)dojo::lab_headline(r);
        (void)dojo::lab_report_to_csv(r);
    }
    return 0;
}
