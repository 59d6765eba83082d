// dojo: the Compute Dojo command-line tool for machines with no screen (GPU servers, CI).
// It links no SDL and no OpenGL. Exit codes: see the help footer below.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "course/course_loader.h"
#include "cuda/cuda_probe.h"
#include "exercise_command.h"
#include "export_command.h"
#include "hardware/cpu_probe.h"
#include "hardware/hardware_report.h"
#include "lab_command.h"
#include "labs/lab_catalog.h"
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

// Validates a lesson folder the way the apps load it, and compiles its exercises' GLSL and CUDA, printing
// every problem like a compiler would, by file and position, so editors and CI logs can jump to it.
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
    // The exercises' kernels must compile, as a learner's run would compile them.
    std::vector<std::string> notes;
    for (const dojo::Diagnostic& d : dojo::compile_exercise_sources(course, notes)) {
        ++errors;
        std::printf("%s\n", d.to_string().c_str());
    }
    for (const std::string& note : notes) std::printf("%s: note: %s\n", dir.c_str(), note.c_str());
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
        "error, 3 the backend is not in this build, 4 no device for the backend, 5 the device was lost, 6 out of\n"
        "device memory during a benchmark (the vram lab expects it and exits 0), 130 stopped by Ctrl+C.\n"
        "More: README.md in the Compute Dojo sources; lessons/README.md for the lesson format.");

    bool json = false;
    CLI::App* check = app.add_subcommand("check", "Report the CPU, CUDA and Vulkan devices and prove each one computes");
    check->add_flag("--json", json, "Print one JSON object instead of text");

    // bench and every lab share their options; each subcommand registers the ones it uses.
    dojo::LabCommand lab;
    auto output_options = [&lab](CLI::App* c) {
        c->add_option("--reps", lab.repetitions, "Timed runs; the median is reported")->capture_default_str();
        c->add_option("--warmup", lab.warmup, "Untimed runs first")->capture_default_str();
        c->add_flag("--json", lab.json, "Print the results as JSON (docs/lab-results.md)");
        c->add_flag("--csv", lab.csv, "Print the results as CSV");
    };
    // The labs and their options come from the lab catalog (engine/labs/lab_catalog.h); it checks
    // every value, as it does a lesson's lab block.
    const dojo::LabInfo& matmul = *dojo::find_lab("matmul");
    CLI::App* bench_cmd = app.add_subcommand("bench", matmul.cli_help);
    bench_cmd->add_option("--backend", lab.backend, "cpu, cuda, vulkan or all (default cpu)");
    bench_cmd->add_option("--kernel", lab.kernels, "Kernel names, or all (default: all)")->delimiter(',');
    bench_cmd->add_option("--size", lab.size, "N for N x N x N, or M,N,K (default 512)");
    bench_cmd->add_option("--dtype", lab.dtype, "fp32, tf32, fp16, bf16 or all")->capture_default_str();
    output_options(bench_cmd);

    std::string lab_names;
    for (const dojo::LabInfo& info : dojo::lab_catalog())
        if (info.cli.starts_with("dojo lab ")) lab_names += (lab_names.empty() ? "" : ", ") + info.id;
    CLI::App* lab_cmd = app.add_subcommand("lab", "Run a lab: " + lab_names);
    lab_cmd->require_subcommand(1);
    std::vector<CLI::App*> lab_subs;
    for (const dojo::LabInfo& info : dojo::lab_catalog()) {
        if (!info.cli.starts_with("dojo lab ")) continue;
        CLI::App* c = lab_cmd->add_subcommand(info.id, info.cli_help);
        c->add_option("--backend", lab.backend,
                      "cuda, vulkan or cpu (default: the first GPU found; precision and roofline fall back to cpu)");
        auto in_cli = [&info](const char* name) {
            const dojo::LabParam* p = info.param(name);
            return p && (p->places & dojo::kInCli);
        };
        if (in_cli("sizes")) c->add_option("--sizes", lab.sizes, "Matrix sizes n, comma-separated")->delimiter(',');
        if (in_cli("kernel")) c->add_option("--kernel", lab.kernels, "Kernel names (default: all)")->delimiter(',');
        if (in_cli("max_size"))
            c->add_option("--max-size", lab.max_size, "Largest transfer, e.g. 256M or 1G (default 1G, capped by free memory)");
        if (in_cli("limit"))
            c->add_option("--limit", lab.limit,
                          "Stop after this much, e.g. 2G, to stay polite on a shared GPU (default: to the wall)");
        if (in_cli("chunk")) c->add_option("--chunk", lab.chunk, "Allocation size, e.g. 256M");
        output_options(c);
        lab_subs.push_back(c);
    }

    // Kernel exercises: the course's (lessons/exercises/), checked on this machine's GPU.
    dojo::ExerciseCommand exercise;
    exercise.lessons_dir = std::getenv("DOJO_LESSONS_DIR") ? std::getenv("DOJO_LESSONS_DIR") : "lessons";
    CLI::App* exercise_cmd =
        app.add_subcommand("exercise", "Kernel exercises: list them, show one, check your kernel on this GPU");
    exercise_cmd->require_subcommand(1);
    exercise_cmd->add_option("--lessons", exercise.lessons_dir, "The course folder (default $DOJO_LESSONS_DIR, else lessons)");
    CLI::App* ex_list = exercise_cmd->add_subcommand("list", "The exercises, and which of their languages run here");
    CLI::App* ex_show = exercise_cmd->add_subcommand("show", "An exercise's task, launch shape and starter code");
    ex_show->add_option("ID", exercise.id, "The exercise")->required();
    ex_show->add_option("--lang", exercise.language, "glsl, cuda or wgsl (default glsl)");
    ex_show->add_option("--hint", exercise.hint, "Print hint N (from 1) instead of the task");
    CLI::App* ex_check = exercise_cmd->add_subcommand(
        "check", "Compile and run your kernel on this GPU against the exercise's reference; exit 0 on a pass, 1 on a fail");
    ex_check->add_option("ID", exercise.id, "The exercise")->required();
    ex_check->add_option("FILE", exercise.file, "Your kernel: .comp or .glsl (GLSL on Vulkan), .cu (CUDA, compiled with NVRTC)")
        ->required();
    ex_check->add_option("--backend", exercise.backend, "vulkan or cuda (default: the file's language decides)");
    ex_check->add_flag("--json", exercise.json, "Print the verdict as JSON (docs/exercise-verdict.schema.json)");

    CLI::App* lessons = app.add_subcommand("lessons", "Work with lesson files (see lessons/README.md)");
    lessons->require_subcommand(1);
    std::string lessons_dir = "lessons";
    CLI::App* lessons_check = lessons->add_subcommand(
        "check", "Validate a lesson folder: print each problem as path:line:col: error: message, then a summary");
    lessons_check->add_option("DIR", lessons_dir, "The folder holding course.toml and the lessons")->capture_default_str();
    dojo::ExportCommand export_html;
    export_html.lessons_dir = std::getenv("DOJO_LESSONS_DIR") ? std::getenv("DOJO_LESSONS_DIR") : "lessons";
    export_html.app = "../index.html";
    CLI::App* lessons_export = lessons->add_subcommand(
        "export-html", "Write every lesson, the glossary and the FAQ as static HTML pages (for search engines and print)");
    lessons_export->add_option("OUT", export_html.out, "The folder to write the pages to")->required();
    lessons_export->add_option("--lessons", export_html.lessons_dir, "The folder holding course.toml and the lessons")
        ->capture_default_str();
    lessons_export->add_option("--app", export_html.app, "The app's address, from the pages' folder (links open lessons there)")
        ->capture_default_str();
    lessons_export->add_option("--base-url", export_html.base_url,
                               "Where the pages will be served (https://example.org/lessons/): writes sitemap.xml");

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
    if (bench_cmd->parsed()) return dojo::run_lab_command(lab);
    for (CLI::App* c : lab_subs)
        if (c->parsed()) {
            lab.lab = c->get_name();
            return dojo::run_lab_command(lab);
        }
    if (lessons_check->parsed()) return run_lessons_check(lessons_dir);
    if (lessons_export->parsed()) return dojo::run_export_html(export_html);
    for (CLI::App* c : {ex_list, ex_show, ex_check})
        if (c->parsed()) {
            exercise.action = c->get_name();
            return dojo::run_exercise_command(exercise);
        }
    return 2;
}
