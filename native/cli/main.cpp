// dojo: the Compute Dojo command-line tool for machines with no screen (GPU servers, CI).
// It links no SDL and no OpenGL. Exit codes: see the help footer below.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "course/course_loader.h"
#include "bench_command.h"
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

std::string plural(std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// Validates a lesson folder the way the apps load it, and prints every problem like a compiler
// would, sorted by file and position so editors and CI logs can jump to each one.
int run_lessons_check(const std::string& dir) {
    dojo::Course course;
    try {
        course = dojo::load_course(dir);
    } catch (const std::exception& e) {  // the loader reports problems as values; this is the last line of defence
        std::printf("%s: error: cannot load the course: %s\n", dir.c_str(), e.what());
        return 1;
    }
    std::size_t errors = 0, warnings = 0;
    for (const dojo::Diagnostic* d : course.diagnostics()) {
        (d->severity == dojo::Diagnostic::Severity::Error ? errors : warnings) += 1;
        std::printf("%s\n", d->to_string().c_str());
    }
    std::printf("checked %s: %s, %s\n", plural(course.lessons.size(), "lesson").c_str(), plural(errors, "error").c_str(),
                plural(warnings, "warning").c_str());
    return errors > 0 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "Compute Dojo: learn how AI hardware works.\n"
        "This tool checks and measures the hardware of a machine with no screen, and checks lesson files.",
        "dojo"};
    app.set_version_flag("--version", std::string("dojo ") + DOJO_VERSION);
    app.require_subcommand(1);
    app.footer(
        "Exit codes: 0 success, 1 the command failed (a lesson has an error, a kernel gave a wrong result), 2 a usage\n"
        "error, 3 the backend is not in this build, 4 no device for the backend, 130 stopped by Ctrl+C.\n"
        "More: README.md in the Compute Dojo sources; lessons/README.md for the lesson format.");

    bool json = false;
    CLI::App* check = app.add_subcommand("check", "Report the CPU, CUDA and Vulkan devices and prove each one computes");
    check->add_flag("--json", json, "Print one JSON object instead of text");

    dojo::BenchCommand bench;
    CLI::App* bench_cmd = app.add_subcommand("bench", "Time the matrix-multiply ladders and check every result against a reference");
    bench_cmd->add_option("--backend", bench.backend, "cpu, vulkan, cuda or all")->capture_default_str();
    bench_cmd->add_option("--kernel", bench.kernels, "Kernel names, or all (default: all)")->delimiter(',');
    bench_cmd->add_option("--size", bench.size, "N for N x N x N, or M,N,K")->capture_default_str();
    bench_cmd->add_option("--dtype", bench.dtype, "Number format; this version measures fp32")->capture_default_str();
    bench_cmd->add_option("--reps", bench.repetitions, "Timed runs; the median is reported")->capture_default_str();
    bench_cmd->add_option("--warmup", bench.warmup, "Untimed runs first")->capture_default_str();
    bench_cmd->add_flag("--json", bench.json, "Print the results as a JSON array");
    bench_cmd->add_flag("--csv", bench.csv, "Print the results as CSV");

    CLI::App* lessons = app.add_subcommand("lessons", "Work with lesson files (see lessons/README.md)");
    lessons->require_subcommand(1);
    std::string lessons_dir = "lessons";
    CLI::App* lessons_check = lessons->add_subcommand(
        "check", "Validate a lesson folder: print each problem as path:line:col: error: message, then a summary");
    lessons_check->add_option("DIR", lessons_dir, "The folder holding course.toml and the lessons")->capture_default_str();

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
    if (bench_cmd->parsed()) return dojo::run_bench(bench);
    if (lessons_check->parsed()) return run_lessons_check(lessons_dir);
    return 2;
}
