// Reading lessons/exercises/<id>/ (see exercise_loader.h): the TOML through toml_reader, each
// language's starter and solution beside it, every size and launch shape checked.
#include "course/exercise_loader.h"

#include <algorithm>
#include <tuple>

#include "course/parse_context.h"
#include "course/toml_reader.h"
#include "exercises/operations.h"

namespace dojo {

namespace {

using namespace detail;

// CUDA's limit and most GPUs'; a device that allows fewer says so when the exercise runs (a Vulkan
// device need only allow 128, WebGPU 256 by default).
constexpr int kMaxThreadsPerBlock = 1024;
constexpr int kMaxBlocks = 65535;
// Each buffer of a problem, and the threads of a launch, stay within what any device holds (and
// a course file cannot make the app allocate without bound).
constexpr std::size_t kMaxElements = 16u << 20;  // 64 MiB of floats
constexpr long long kMaxThreads = 16LL << 20;

int whole(const TomlFields& f, const std::string& key, bool required, int min, int max, int fallback) {
    return static_cast<int>(f.integer(key, required, min, max).value_or(fallback));
}

// n, or width and height for a grid operation, under `prefix` ("" or "bench_").
ProblemSize read_size(const TomlFields& f, const Operation* op, const std::string& prefix) {
    ProblemSize s;
    if (op && op->grid) {
        s.width = whole(f, prefix + "width", true, 1, 1 << 14, 1);
        s.height = whole(f, prefix + "height", true, 1, 1 << 14, 1);
        s.n = s.width * s.height;
    } else {
        s.n = whole(f, prefix + "n", true, 1, 1 << 24, 1);
    }
    return s;
}

void read_launch(const TomlFields& f, const std::string& prefix, LaunchShape& l) {
    l.blocks_x = whole(f, prefix + "blocks_x", false, 1, kMaxBlocks, 1);
    l.blocks_y = whole(f, prefix + "blocks_y", false, 1, kMaxBlocks, 1);
}

}  // namespace

std::vector<Exercise> load_exercises(const std::filesystem::path& dir, std::vector<Diagnostic>& problems) {
    std::vector<Exercise> out;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return out;
    std::vector<std::filesystem::path> folders;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.is_directory()) folders.push_back(entry.path());
    std::sort(folders.begin(), folders.end());
    for (const auto& folder : folders) {
        const std::filesystem::path toml = folder / "exercise.toml";
        ParseContext ctx{toml.string(), &problems, nullptr, 0};
        std::string text, error;
        if (!read_file(toml, text, error, kMaxKernelBytes)) {
            ctx.error(0, 0, error);
            continue;
        }
        const auto doc = parse_toml(text, ctx, 1, "");
        if (!doc) continue;
        TomlFields f(doc->root(), ctx, 0, "exercise: ");
        f.reject_unknown({"id", "title", "task", "operation", "n", "width", "height", "threads_x", "threads_y", "blocks_x",
                          "blocks_y", "bench_n", "bench_width", "bench_height", "bench_blocks_x", "bench_blocks_y", "xp",
                          "hints"});
        Exercise ex;
        ex.folder = folder.string();
        ex.id = f.str("id", true);
        if (!ex.id.empty() && !valid_id(ex.id))
            f.error_at("id", "exercise id '" + ex.id + "' may use only lowercase letters, digits and '-'");
        if (!ex.id.empty() && ex.id != folder.filename().string())
            f.error_at("id", "exercise id '" + ex.id + "' differs from its folder's name '" + folder.filename().string() + "'");
        ex.title = f.str("title", true);
        ex.task = f.str("task", true);
        ex.operation = f.str("operation", true);
        const Operation* op = find_operation(ex.operation);
        if (!ex.operation.empty() && !op)
            f.error_at("operation", "unknown operation '" + ex.operation + "' (known: " + operation_ids() + ")");
        ex.size = read_size(f, op, "");
        ex.bench = read_size(f, op, "bench_");
        ex.launch.threads_x = ex.bench_launch.threads_x = whole(f, "threads_x", true, 1, kMaxThreadsPerBlock, 1);
        ex.launch.threads_y = ex.bench_launch.threads_y = whole(f, "threads_y", false, 1, kMaxThreadsPerBlock, 1);
        if (ex.launch.threads_x * ex.launch.threads_y > kMaxThreadsPerBlock)
            f.error_at("threads_x",
                       "threads_x x threads_y must be at most " + std::to_string(kMaxThreadsPerBlock) + " threads per block");
        read_launch(f, "", ex.launch);
        read_launch(f, "bench_", ex.bench_launch);
        for (const auto& [size, launch, key] :
             {std::tuple{&ex.size, &ex.launch, "n"}, std::tuple{&ex.bench, &ex.bench_launch, "bench_n"}}) {
            const std::string where = op && op->grid ? std::string(key) == "n" ? "width" : "bench_width" : key;
            auto refuse = [&](const std::string& msg) { f.has(where) ? f.error_at(where, msg) : f.error_here(msg); };
            if (op && std::max({op->a_size(*size), op->b_size(*size), op->out_size(*size)}) > kMaxElements)
                refuse("the problem is too large: a buffer would hold over " + std::to_string(kMaxElements) + " numbers");
            if (launch->threads() > kMaxThreads)
                refuse("the launch has " + std::to_string(launch->threads()) + " threads, over the limit of " +
                       std::to_string(kMaxThreads));
        }
        if (op && op->block_size != 0 && ex.launch.threads_x != op->block_size)
            f.error_at("threads_x", "operation '" + ex.operation + "' works in blocks of " + std::to_string(op->block_size) +
                                        " threads: threads_x must be " + std::to_string(op->block_size));
        if (op) {
            if (const std::string why = launch_shortfall(*op, ex.size, ex.launch); !why.empty())
                f.error_at("threads_x", "the launch is too small for the problem: " + why);
            if (const std::string why = launch_shortfall(*op, ex.bench, ex.bench_launch); !why.empty())
                f.error_at(op->grid ? "bench_width" : "bench_n", "the larger problem's launch is too small: " + why);
        }
        ex.xp = whole(f, "xp", false, 0, 200, 20);
        ex.hints = f.strings("hints", true);
        if (f.has("hints") && ex.hints.size() < 2) f.error_at("hints", "give at least two hints");

        // Each language's starter and model solution: both or neither; GLSL is required.
        for (KernelLanguage lang : {KernelLanguage::Glsl, KernelLanguage::Cuda, KernelLanguage::Wgsl}) {
            const std::string ext = language_extension(lang);
            const std::filesystem::path starter = folder / ("starter" + ext), solution = folder / ("solution" + ext);
            const bool has_starter = std::filesystem::exists(starter, ec), has_solution = std::filesystem::exists(solution, ec);
            if (!has_starter && !has_solution) {
                if (lang == KernelLanguage::Glsl)
                    ctx.error(0, 0,
                              "exercise '" + ex.id + "' needs starter.comp and solution.comp (GLSL runs on every Vulkan device)");
                continue;
            }
            if (has_starter != has_solution) {  // one of the pair: say which is missing, not that it cannot be read
                const std::filesystem::path& here = has_starter ? starter : solution;
                const std::string missing = (has_starter ? "solution" : "starter") + ext;
                problems.push_back({Diagnostic::Severity::Error, here.string(), 0, 0,
                                    "has no " + missing +
                                        " beside it: give a language's starter and model solution both, or "
                                        "neither"});
                continue;
            }
            ExerciseCode code;
            bool ok = true;
            for (auto [path, into] : {std::pair{starter, &code.starter}, std::pair{solution, &code.solution}}) {
                std::string file_error;
                if (!read_file(path, *into, file_error, kMaxKernelBytes)) {
                    problems.push_back({Diagnostic::Severity::Error, path.string(), 0, 0, file_error});
                    ok = false;
                }
            }
            if (ok) ex.code[lang] = std::move(code);
        }
        if (std::any_of(out.begin(), out.end(), [&](const Exercise& e) { return e.id == ex.id; }))
            f.error_at("id", "duplicate exercise id '" + ex.id + "'");
        out.push_back(std::move(ex));
    }
    return out;
}

}  // namespace dojo
