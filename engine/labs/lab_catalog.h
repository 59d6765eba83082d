// The labs, each declared once: what it measures, where it can run (the browser or only the machine
// itself, a GPU or any backend), its parameters with their ranges, the settings form's choices, its
// `dojo` command and the function that runs it. The Labs view, the lesson reader, the validator, the
// CLI and both lab hosts read these facts from here, and every entry point (a lesson's lab block, a
// link, a CLI option, the desktop form) checks a parameter's value with check_lab_param().
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "labs/lab_host.h"
#include "labs/lab_runner.h"

namespace dojo {

enum class LabKind {
    Measure,      // runs on a backend and returns a LabReport
    DeviceCheck,  // the hardware check: the platform's report, no backend
    Explore,      // computed from numbers the learner picks, not measured (engine/explorers/)
};

// How much a lab needs a GPU.
enum class GpuUse {
    None,      // the CPU is all it is about
    Helps,     // it runs on the CPU too, but is about what a GPU adds (matmul, precision, roofline)
    Required,  // the CPU backend cannot run it: it measures a GPU (transfer, crossover, VRAM)
};

// What a backend must offer beyond matmul (LabBackendInfo's flags).
enum class BackendNeed { Matmul, Transfers, DeviceMemory, Peaks };

enum class ParamKind {
    Size,    // a matrix size n (an integer)
    Bytes,   // a number of bytes: 4096, 64M, 1G (powers of 1024)
    Choice,  // one of `choices`
    Text,    // free text (a kernel name), checked by the backend
    Number,  // a number (an explorer's input; its view clamps it)
};

// Where a parameter may be set.
enum ParamPlace : unsigned {
    kInLesson = 1,  // a lesson's lab block and a link (#/labs/<id>?name=value)
    kInCli = 2,     // the `dojo` command's option (--name, with '-' for '_')
};

struct LabPreset {  // one of the settings form's buttons for a Bytes parameter
    const char* label;
    std::uint64_t bytes;  // 0: the lab's automatic choice
};

struct LabParam {
    std::string name;  // as a lesson block and a link write it
    ParamKind kind = ParamKind::Text;
    unsigned places = kInLesson;       // ParamPlace bits
    double min = 0, max = 0;           // Size and Bytes: the accepted range (inclusive)
    std::vector<std::string> choices;  // Choice
    std::vector<LabPreset> presets;    // Bytes: the form's buttons
    std::string example;               // Bytes: what to write, in an error ("64M or 1G")
    std::string form_label, form_id;   // Bytes with presets: the form row's label and its buttons' id
};

// The function that runs a measuring lab; call it through run_lab(), which gives a lab that
// `needs_cpu_too` its CPU side (or stops with why).
using LabRun = LabReport (*)(MatmulBackend& backend, MatmulBackend* cpu, const LabOptions& options, const LabProgress& progress);

struct LabInfo {
    std::string id, title, measures;
    LabKind kind = LabKind::Measure;
    bool browser = false;  // runs in the browser as well as on the desktop and the CLI
    GpuUse gpu = GpuUse::None;
    BackendNeed backend_need = BackendNeed::Matmul;
    bool needs_cpu_too = false;  // compares the CPU backend with the chosen GPU one (crossover)
    bool cpu_first = false;      // the form picks the CPU backend first (else a GPU where there is one)
    std::string cli;             // the `dojo` command that runs it on a machine with no screen
    std::string cli_help;        // that command's one-line help
    std::vector<LabParam> params;
    // The settings form's sizes: the buttons, those picked at first, and what an empty pick runs.
    std::vector<int> size_presets;
    std::set<int> default_sizes;
    std::string default_sizes_text;
    bool single_size = false;    // one size at a time (precision)
    bool picks_kernels = false;  // the form lists the backend's kernels to tick
    LabRun run = nullptr;        // Measure labs only

    const LabParam* param(std::string_view name) const;
    bool has_param(std::string_view name) const { return param(name) != nullptr; }
};

const std::vector<LabInfo>& lab_catalog();
// A lab by id (reports of `dojo bench` say "bench": see lab_id_of()).
const LabInfo* find_lab(std::string_view id);
// The catalog's lab id a report belongs to: "bench" reports are the matmul lab's.
std::string lab_id_of(const LabReport& report);
// The catalog's ids, comma-separated, for error messages.
std::string lab_ids(LabKind kind);
std::string all_lab_ids();

// Checks `value` for the parameter `name` of `lab`: empty when it is fine, else what is wrong, as a
// clause that names the parameter ("size must be a whole number from 1 to 65536 (got 0)").
[[nodiscard]] std::string check_lab_param(const LabInfo& lab, std::string_view name, std::string_view value);
// Checks the parameter, then sets it in `options` (a size joins `sizes`, a kernel joins `kernels`; a
// crossover's max_size keeps the preset sizes up to it). Empty when done, else check_lab_param's error.
[[nodiscard]] std::string apply_lab_param(const LabInfo& lab, std::string_view name, std::string_view value, LabOptions& options);
// "4096", "4K", "256M", "1.5G" (powers of 1024) to bytes; false when it is not such a size.
[[nodiscard]] bool parse_bytes(std::string_view text, std::uint64_t& bytes);

// Whether `backend` can run `lab`, and if not, why (for the form's greyed entries).
bool backend_can_run(const LabInfo& lab, const LabBackendInfo& backend);
std::string why_backend_cannot_run(const LabInfo& lab, const LabBackendInfo& backend);

}  // namespace dojo
