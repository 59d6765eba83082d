// Opens the compute backends this build has, by name, for the CLI and the desktop's lab host. One
// place decides what "cuda" or "vulkan" means here and what to say when it is missing.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "compute/matmul.h"
#include "labs/lab_report.h"

namespace dojo {

enum class BackendOpen { Ok, NotBuilt, NoDevice, Unknown };

struct OpenedBackend {
    BackendOpen status = BackendOpen::Unknown;
    std::unique_ptr<MatmulBackend> backend;  // set when Ok
    std::string error;                       // why not, in words, when not Ok
};

// "cpu", "cuda", "vulkan". Never throws.
OpenedBackend open_backend(const std::string& name);
// This machine in a few words, for a results file that may be compared with another machine's.
MachineInfo this_machine(const std::string& gpus);

// The names this build knows, in the order the CLI lists them.
std::vector<std::string> backend_names();

}  // namespace dojo
