// The labs a lesson can embed with a `lab` block: what each measures and where it can run. The
// validator rejects unknown ids; the reader shows a card where a lab cannot run.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dojo {

enum LabNeeds : unsigned {
    kNeedsNative = 1,  // the desktop app or the dojo CLI (not the browser)
    kNeedsGpu = 2,     // a GPU makes it meaningful (CUDA or Vulkan natively, WebGPU in the browser)
};

struct LabInfo {
    std::string id, title, measures;
    unsigned needs = 0;        // LabNeeds bits
    std::string cli;           // the `dojo` command that runs it on a machine with no screen
    std::vector<std::string> params;  // parameter names the block may set
};

const std::vector<LabInfo>& lab_catalog();
const LabInfo* find_lab(std::string_view id);

}  // namespace dojo
