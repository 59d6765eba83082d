// `dojo exercise list|show|check` (see exercise_command.h).
#include "exercise_command.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "course/course_loader.h"
#include "course/exercise_loader.h"
#include "exercises/exercise_check.h"
#include "exercises/operations.h"
#include "lab_command.h"
#if defined(DOJO_HAVE_VULKAN_EXERCISES)
#include "vulkan/vulkan_exercise_device.h"
#endif
#if defined(DOJO_HAVE_CUDA_EXERCISES)
#include "cuda/cuda_exercise_device.h"
#include "cuda/nvrtc_compiler.h"
#endif

namespace dojo {

namespace {

int usage(const std::string& what, const std::string& message) {
    std::fprintf(stderr, "dojo exercise %s: error: %s\n", what.c_str(), message.c_str());
    return exit_codes::kUsage;
}

std::string launch_text(const LaunchShape& l) {
    std::string s = std::to_string(l.threads_x) + (l.threads_y > 1 ? " x " + std::to_string(l.threads_y) : "") +
                    " threads per block, " + std::to_string(l.blocks_x) +
                    (l.blocks_y > 1 ? " x " + std::to_string(l.blocks_y) : "") +
                    (1LL * l.blocks_x * l.blocks_y == 1 ? " block" : " blocks");
    return s;
}

std::string size_text(const Exercise& e, const ProblemSize& s) {
    const Operation* op = find_operation(e.operation);
    return op && op->grid ? std::to_string(s.width) + " x " + std::to_string(s.height) : "n = " + std::to_string(s.n);
}

void print_verdict(const Verdict& v) {
    std::printf("%s: %s on %s (%s)\n", v.exercise.c_str(), v.language.c_str(), v.backend.c_str(), v.device.c_str());
    for (const auto& e : v.compile_errors) std::printf("  line %d: %s\n", e.line, e.message.c_str());
    std::printf("%s %s\n", v.passed ? "PASS" : "FAIL", v.summary().c_str());
    if (v.trace) {
        for (std::size_t i = 1; i < std::min<std::size_t>(v.trace->races.size(), 4); ++i)
            std::printf("  %s\n", v.trace->races[i].sentence().c_str());
        std::printf("traced: your busiest thread read %d values of a and b", v.trace->max_global_reads);
        if (v.model_max_global_reads >= 0) std::printf("; the model solution's read %d", v.model_max_global_reads);
        std::printf(".\n");
    }
}

}  // namespace

std::vector<Diagnostic> compile_exercise_sources(const Course& course, std::vector<std::string>& notes) {
    std::vector<Diagnostic> out;
    auto report = [&](const Exercise& e, const char* file, const char* language, const std::vector<CompileError>& errors) {
        for (const auto& err : errors)
            out.push_back({Diagnostic::Severity::Error, (std::filesystem::path(e.folder) / file).string(), err.line,
                           err.line > 0 ? std::max(err.column, 1) : 0, std::string(language) + ": " + err.message});
    };
    bool any_cuda = false;
    for (const Exercise& e : course.exercises) any_cuda = any_cuda || e.code.count(KernelLanguage::Cuda) > 0;
#if defined(DOJO_HAVE_VULKAN_EXERCISES)
    for (const Exercise& e : course.exercises) {
        const auto code = e.code.find(KernelLanguage::Glsl);
        if (code == e.code.end()) continue;
        for (const auto& [file, text] :
             {std::pair{"starter.comp", &code->second.starter}, std::pair{"solution.comp", &code->second.solution}}) {
            std::vector<std::uint32_t> spirv;
            std::vector<CompileError> errors;
            if (compile_glsl(prepare_glsl(*text, e).source, spirv, errors)) continue;
            report(e, file, "GLSL", errors);
        }
    }
#endif
#if defined(DOJO_HAVE_CUDA_EXERCISES)
    std::string why_not;
    if (any_cuda && !nvrtc_available(why_not)) notes.push_back("the CUDA kernels (.cu) were not compiled: " + why_not);
    for (const Exercise& e : course.exercises) {
        const auto code = e.code.find(KernelLanguage::Cuda);
        if (code == e.code.end() || !why_not.empty()) continue;
        for (const auto& [file, text] :
             {std::pair{"starter.cu", &code->second.starter}, std::pair{"solution.cu", &code->second.solution}}) {
            CudaImage image;
            std::vector<CompileError> errors;
            if (!compile_cuda(prepare_cuda(*text).source, 0, image, errors)) report(e, file, "CUDA", errors);
        }
    }
#else
    if (any_cuda)
        notes.push_back(
            "the CUDA kernels (.cu) were not compiled: this build has no NVRTC support (cuda.h and nvrtc.h were not found)");
#endif
    bool any_wgsl = false;
    for (const Exercise& e : course.exercises) any_wgsl = any_wgsl || e.code.count(KernelLanguage::Wgsl) > 0;
    if (any_wgsl)
        notes.push_back(
            "the WGSL kernels (.wgsl) were not compiled: they need WebGPU, which the browser test web.exercises "
            "has (each starter and solution is compiled and run there)");
    return out;
}

int run_exercise_command(const ExerciseCommand& cmd) {
    std::vector<Diagnostic> problems;
    const std::vector<Exercise> exercises = load_exercises(std::filesystem::path(cmd.lessons_dir) / "exercises", problems);
    for (const auto& d : problems) std::fprintf(stderr, "%s\n", d.to_string().c_str());
    auto find = [&](const std::string& id) -> const Exercise* {
        for (const auto& e : exercises)
            if (e.id == id) return &e;
        return nullptr;
    };

#if defined(DOJO_HAVE_VULKAN_EXERCISES)
    VulkanExerciseDevice vulkan;
    std::string vulkan_why;
    const bool vulkan_ok = cmd.action != "show" && vulkan.open(vulkan_why);
#else
    const std::string vulkan_why = "this build has no Vulkan (its headers or glslc were missing)";
    const bool vulkan_ok = false;
#endif
#if defined(DOJO_HAVE_CUDA_EXERCISES)
    CudaExerciseDevice cuda;
    std::string cuda_why, nvrtc_why;
    const bool cuda_ok = cmd.action != "show" && cuda.open(cuda_why);
    const bool nvrtc_ok = cmd.action != "show" && nvrtc_available(nvrtc_why);
#else
    const std::string cuda_why = "this build has no CUDA exercises (cuda.h and nvrtc.h were missing)", nvrtc_why = cuda_why;
    const bool cuda_ok = false, nvrtc_ok = false;
#endif

    if (cmd.action == "list") {
        if (exercises.empty()) {
            std::printf("no exercises in %s/exercises\n", cmd.lessons_dir.c_str());
            return problems.empty() ? exit_codes::kOk : exit_codes::kFailed;
        }
        for (const auto& e : exercises) {
            std::string langs;
            for (const auto& [lang, code] : e.code) {
                std::string where = lang == KernelLanguage::Glsl   ? (vulkan_ok ? "runs here on Vulkan" : "no Vulkan device here")
                                    : lang == KernelLanguage::Wgsl ? "runs in the browser"
                                    : cuda_ok && nvrtc_ok          ? "runs here on CUDA"
                                    : nvrtc_ok                     ? "compiles here; no NVIDIA GPU to run it"
                                                                   : "no NVRTC here";
                langs += std::string(langs.empty() ? "" : "; ") + language_name(lang) + " (" + where + ")";
            }
            std::printf("%-22s %s\n%22s %s\n", e.id.c_str(), e.title.c_str(), "", langs.c_str());
        }
        if (!vulkan_ok) std::printf("\nVulkan: %s\n", vulkan_why.c_str());
        if (!nvrtc_ok) std::printf("CUDA: %s\n", nvrtc_why.c_str());
        if (nvrtc_ok && !cuda_ok) std::printf("CUDA: %s\n", cuda_why.c_str());
        return problems.empty() ? exit_codes::kOk : exit_codes::kFailed;
    }

    const Exercise* ex = find(cmd.id);
    if (!ex) {
        std::string known;
        for (const auto& e : exercises) known += (known.empty() ? "" : ", ") + e.id;
        return usage(cmd.action, "no exercise '" + cmd.id + "' (known: " + (known.empty() ? "none" : known) + ")");
    }

    if (cmd.action == "show") {
        KernelLanguage lang = KernelLanguage::Glsl;
        if (!cmd.language.empty() && !language_from_name(cmd.language, lang))
            return usage("show", "--lang '" + cmd.language + "' must be glsl, cuda or wgsl");
        const auto code = ex->code.find(lang);
        if (code == ex->code.end()) return usage("show", "exercise '" + ex->id + "' has no " + language_name(lang) + " version");
        if (cmd.hint != 0) {
            if (cmd.hint < 1 || static_cast<std::size_t>(cmd.hint) > ex->hints.size())
                return usage("show", "--hint must be from 1 to " + std::to_string(ex->hints.size()));
            std::printf("Hint %d of %zu: %s\n", cmd.hint, ex->hints.size(),
                        ex->hints[static_cast<std::size_t>(cmd.hint - 1)].c_str());
            return exit_codes::kOk;
        }
        const Operation* op = find_operation(ex->operation);
        std::printf(
            "%s\n\n%s\n\nOutput: %s\nProblem: %s; launch: %s.\nHints: %zu, one at a time: dojo exercise show %s --hint 1\n\n",
            ex->title.c_str(), ex->task.c_str(), op ? op->what : ex->operation.c_str(), size_text(*ex, ex->size).c_str(),
            launch_text(ex->launch).c_str(), ex->hints.size(), ex->id.c_str());
        std::printf("Starter code (%s):\n\n%s", language_name(lang), code->second.starter.c_str());
        return exit_codes::kOk;
    }

    // check
    KernelLanguage lang = KernelLanguage::Glsl;
    if (!language_from_path(cmd.file, lang))
        return usage("check", "'" + cmd.file + "' must end in .comp or .glsl (GLSL), .cu (CUDA) or .wgsl (WGSL)");
    if (lang == KernelLanguage::Wgsl)
        return usage("check", "WGSL kernels run in the browser (WebGPU): open the exercise in the web app");
    const std::string backend = cmd.backend.empty() ? (lang == KernelLanguage::Cuda ? "cuda" : "vulkan") : cmd.backend;
    if (backend != "vulkan" && backend != "cuda") return usage("check", "--backend '" + backend + "' must be vulkan or cuda");
    if ((backend == "vulkan") != (lang == KernelLanguage::Glsl))
        return usage("check", std::string("a ") + language_name(lang) + " kernel runs on " +
                                  (lang == KernelLanguage::Glsl ? "vulkan" : "cuda"));
    if (!ex->code.count(lang)) return usage("check", "exercise '" + ex->id + "' has no " + language_name(lang) + " version");
    std::ifstream in(cmd.file, std::ios::binary);
    if (!in) return usage("check", "cannot read '" + cmd.file + "'");
    std::ostringstream text;
    text << in.rdbuf();
    if (text.str().size() > kMaxKernelBytes) return usage("check", "'" + cmd.file + "' is over 64 KiB: a kernel is a page");
    Verdict v;
    if (lang == KernelLanguage::Cuda) {
#if defined(DOJO_HAVE_CUDA_EXERCISES)
        if (!nvrtc_ok) {
            std::fprintf(stderr, "dojo exercise check: %s\n", nvrtc_why.c_str());
            return exit_codes::kNoDevice;
        }
        // Without a GPU the kernel is still compiled, so its errors are shown at their lines.
        v = check_exercise(*ex, text.str(), cuda, true);
        if (!cuda_ok && v.compiled) {
            std::fprintf(stderr, "dojo exercise check: the kernel compiles with %s, but it cannot run here: %s\n",
                         nvrtc_description().c_str(), cuda_why.c_str());
            return exit_codes::kNoDevice;
        }
#else
        std::fprintf(stderr, "dojo exercise check: %s\n", cuda_why.c_str());
        return exit_codes::kNotBuilt;
#endif
    } else {
#if defined(DOJO_HAVE_VULKAN_EXERCISES)
        if (!vulkan_ok) {
            std::fprintf(stderr, "dojo exercise check: no Vulkan device: %s\n", vulkan_why.c_str());
            return exit_codes::kNoDevice;
        }
        v = check_exercise(*ex, text.str(), vulkan, true);
#else
        std::fprintf(stderr, "dojo exercise check: %s\n", vulkan_why.c_str());
        return exit_codes::kNotBuilt;
#endif
    }
    if (cmd.json)
        std::printf("%s\n", to_json(v).dump(2).c_str());
    else
        print_verdict(v);
    return v.passed ? exit_codes::kOk : exit_codes::kFailed;
}

}  // namespace dojo
