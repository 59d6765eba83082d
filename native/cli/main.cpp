// dojo: the Compute Dojo command-line tool for machines with no screen (GPU servers, CI).
// It links no SDL and no OpenGL. Exit codes: 0 success, 1 the command failed, 2 a usage error.
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cuda/cuda_probe.h"
#include "hardware/cpu_probe.h"
#include "hardware/hardware_report.h"
#include "vulkan/vulkan_probe.h"

namespace {

int run_check(bool json) {
    dojo::HardwareReport report;
    report.cpu = dojo::probe_cpu();
    report.cuda = dojo::probe_cuda();
    report.vulkan = dojo::probe_vulkan();
    if (json)
        std::printf("%s\n", dojo::to_json(report).dump(2).c_str());
    else
        std::printf("%s", dojo::format_report(report).c_str());
    return 0;  // the check ran; what it found is in the report, not the exit code
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Compute Dojo: learn how AI hardware works.\nThis tool checks and measures the hardware of a machine with no screen.", "dojo"};
    app.set_version_flag("--version", std::string("dojo ") + DOJO_VERSION);
    app.require_subcommand(1);
    app.footer("Exit codes: 0 success, 1 the command failed, 2 a usage error.\nMore: README.md in the Compute Dojo sources.");

    bool json = false;
    CLI::App* check = app.add_subcommand("check", "Report the CPU, CUDA and Vulkan devices and prove each one computes");
    check->add_flag("--json", json, "Print one JSON object instead of text");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    }
    if (check->parsed()) return run_check(json);
    return 2;
}
