// Runs the real `dojo` binary: the hardware check against what this machine has, `dojo lessons check` on lesson folders,
// and `dojo lessons export-html`.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

struct CliResult {
    int status = -1;
    std::string out;
};

// Runs `dojo args` from the folder `cwd` ("" for this one); stdout only.
CliResult run(const std::string& args, const std::string& cwd = "") {
    CliResult r;
    const std::string command =
        (cwd.empty() ? "" : "cd '" + cwd + "' && ") + std::string(DOJO_CLI_PATH) + " " + args + " 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return r;
    std::array<char, 4096> buf;
    while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) r.out.append(buf.data(), n);
    const int status = pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

bool lavapipe_installed() {
    for (const char* icd : {"/usr/share/vulkan/icd.d/lvp_icd.x86_64.json", "/usr/share/vulkan/icd.d/lvp_icd.aarch64.json"})
        if (std::filesystem::exists(icd)) return true;
    return false;
}

}  // namespace

TEST(DojoCli, VersionHelpAndUsageErrors) {
    const CliResult version = run("--version");
    EXPECT_EQ(version.status, 0);
    EXPECT_NE(version.out.find("dojo " DOJO_VERSION), std::string::npos) << version.out;
    const CliResult help = run("--help");
    EXPECT_EQ(help.status, 0);
    EXPECT_NE(help.out.find("check"), std::string::npos);
    EXPECT_EQ(run("").status, 2);
    EXPECT_EQ(run("check --no-such-flag").status, 2);
    EXPECT_EQ(run("no-such-command").status, 2);
}

TEST(DojoCli, CheckJsonMatchesThisMachine) {
    const CliResult r = run("check --json");
    ASSERT_EQ(r.status, 0) << "the check must exit 0 whatever it finds";
    const auto j = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(j.is_discarded()) << "not valid JSON:\n" << r.out;

    EXPECT_GT(j.at("cpu").at("logical_threads").get<int>(), 0);
    EXPECT_GT(j.at("cpu").at("memory_total_bytes").get<std::uint64_t>(), 0u);

    const auto& cuda = j.at("cuda");
    ASSERT_TRUE(cuda.at("available").is_boolean());
    ASSERT_TRUE(cuda.at("devices").is_array());
    for (const auto& d : cuda["devices"])
        for (const char* key : {"name", "total_memory_bytes", "sm_count", "compute_capability"})
            EXPECT_TRUE(d.contains(key)) << key;
    const bool nvidia_present = std::filesystem::exists("/dev/nvidiactl") || std::filesystem::exists("/dev/nvidia0");
    if (cuda["available"]) {
        EXPECT_TRUE(nvidia_present);
        ASSERT_FALSE(cuda["devices"].empty());
    } else {
        EXPECT_FALSE(cuda.at("reason").get<std::string>().empty()) << "an unavailable backend must say why";
        if (cuda.at("built").get<bool>() && nvidia_present)
            ADD_FAILURE() << "an NVIDIA device node exists but CUDA is unavailable: " << cuda["reason"];
    }

    const auto& vulkan = j.at("vulkan");
    ASSERT_TRUE(vulkan.at("available").is_boolean());
    if (!vulkan.at("built").get<bool>())
        GTEST_SKIP() << "this build has no Vulkan; the Vulkan proof is checked in the main build";
    if (!lavapipe_installed()) GTEST_SKIP() << "lavapipe (mesa-vulkan-drivers) is not installed here";
    bool lavapipe_passed = false;
    for (const auto& d : vulkan.at("devices")) {
        EXPECT_TRUE(d.contains("name") && d.contains("type"));
        if (d["type"] == "cpu" && d["proof"]["passed"] == true) lavapipe_passed = true;
    }
    EXPECT_TRUE(lavapipe_passed) << "lavapipe is installed, so a Vulkan device of type cpu must pass the compute proof:\n"
                                 << vulkan.dump(2);
    EXPECT_TRUE(vulkan["available"].get<bool>());
}

TEST(DojoCli, CheckTextEndsWithAVerdict) {
    const CliResult r = run("check");
    ASSERT_EQ(r.status, 0);
    EXPECT_NE(r.out.find("\nVerdict\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("CPU labs: yes"), std::string::npos);
}

// ---- dojo lessons check --------------------------------------------------------------------------

namespace {

const std::filesystem::path kLessonFixtures = std::filesystem::path(DOJO_FIXTURES_DIR) / "lessons";

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(line);
    return out;
}

}  // namespace

TEST(DojoCli, LessonsCheckValidCourse) {
    const CliResult r = run("lessons check '" + (kLessonFixtures / "valid").string() + "'");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(r.out, "checked 3 lessons: 0 errors, 0 warnings\n");
}

// Each error fixture, checked from inside its folder so the paths read as in its expected.txt.
TEST(DojoCli, LessonsCheckErrorFixtures) {
    int checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kLessonFixtures / "errors")) {
        if (!entry.is_directory()) continue;
        std::ifstream in(entry.path() / "expected.txt");
        const std::string expected_text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        const std::vector<std::string> expected = lines_of(expected_text);
        const bool has_error = expected_text.find(": error: ") != std::string::npos;
        const CliResult r = run("lessons check .", entry.path().string());
        std::string out = r.out;
        for (std::size_t at; (at = out.find("./")) != std::string::npos;) out.erase(at, 2);  // "./01-a.md" reads "01-a.md"
        std::vector<std::string> got = lines_of(out);
        ASSERT_FALSE(got.empty()) << entry.path();
        EXPECT_EQ(got.back().rfind("checked ", 0), 0u) << "the last line is the summary:\n" << r.out;
        got.pop_back();
        EXPECT_EQ(got, expected) << entry.path();
        EXPECT_EQ(r.status, has_error ? 1 : 0) << entry.path() << "\n" << r.out;
        ++checked;
    }
    EXPECT_GE(checked, 27);
}

TEST(DojoCli, LessonsCheckPrintsAbsolutePathsAndSummary) {
    const auto dir = kLessonFixtures / "errors" / "prerequisite-cycle";
    const CliResult r = run("lessons check '" + dir.string() + "'");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find((dir / "02-b.md").string() + ":6:1: error: prerequisite cycle: a -> c -> b -> a\n"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("checked 3 lessons: 3 errors, 0 warnings\n"), std::string::npos) << r.out;
}

TEST(DojoCli, LessonsCheckRealCourse) {
    const std::filesystem::path lessons = DOJO_SOURCE_LESSONS_DIR;
    for (const CliResult& r :
         {run("lessons check '" + lessons.string() + "'"), run("lessons check", lessons.parent_path().string())}) {
        EXPECT_EQ(r.status, 0) << r.out;
        EXPECT_EQ(r.out.find("error:"), std::string::npos) << r.out;
        EXPECT_EQ(r.out.find("warning:"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find(" 0 errors, 0 warnings"), std::string::npos) << r.out;
    }
}

TEST(DojoCli, LessonsExportHtmlWritesThePagesOrRefusesABrokenCourse) {
    const std::filesystem::path out = std::filesystem::temp_directory_path() / ("dojo-export-" + std::to_string(getpid()));
    std::filesystem::remove_all(out);
    const CliResult r = run("lessons export-html '" + out.string() + "' --lessons '" + std::string(DOJO_SOURCE_LESSONS_DIR) +
                            "' --base-url https://example.org/lessons");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("lessons, the glossary, the FAQ, the stylesheet, a sitemap"), std::string::npos) << r.out;
    for (const char* file : {"index.html", "glossary.html", "faq.html", "site.css", "sitemap.xml", "cpu-vs-gpu.html"})
        EXPECT_TRUE(std::filesystem::exists(out / file)) << file;
    std::ifstream sitemap(out / "sitemap.xml");
    const std::string text{std::istreambuf_iterator<char>(sitemap), std::istreambuf_iterator<char>()};
    EXPECT_NE(text.find("<loc>https://example.org/lessons/cpu-vs-gpu.html</loc>"), std::string::npos) << text;
    // A course with errors is not exported: nothing is written, and the exit code says so.
    const std::filesystem::path broken = out / "broken";
    EXPECT_EQ(run("lessons export-html '" + broken.string() + "' --lessons '" +
                  (kLessonFixtures / "errors" / "prerequisite-cycle").string() + "'")
                  .status,
              1);
    EXPECT_FALSE(std::filesystem::exists(broken / "index.html"));
    EXPECT_EQ(run("lessons export-html").status, 2) << "the output folder is required";
    std::filesystem::remove_all(out);
}

TEST(DojoCli, LessonsCheckMissingFolderAndUsage) {
    const CliResult r = run("lessons check /no/such/folder");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("/no/such/folder: error: lesson folder not found"), std::string::npos) << r.out;
    EXPECT_EQ(run("lessons").status, 2);
    EXPECT_EQ(run("lessons check a b").status, 2);
    EXPECT_EQ(run("lessons check --no-such-flag").status, 2);
    EXPECT_EQ(run("lessons nonsense").status, 2);
    const CliResult help = run("lessons check --help");
    EXPECT_EQ(help.status, 0);
    EXPECT_NE(help.out.find("DIR"), std::string::npos) << help.out;
    EXPECT_NE(run("--help").out.find("lessons"), std::string::npos);
}

TEST(DojoCli, BenchJsonReportsCheckedResultsForEveryCpuKernel) {
    const CliResult r = run("bench --backend cpu --size 33,17,29 --reps 2 --json");
    ASSERT_EQ(r.status, 0) << r.out;
    const auto j = nlohmann::json::parse(r.out, nullptr, false);
    ASSERT_TRUE(j.is_object()) << r.out;
    EXPECT_EQ(j["format"], "compute-dojo-results");
    EXPECT_EQ(j["lab"], "bench");
    EXPECT_FALSE(j["machine"]["cpu"].get<std::string>().empty());
    const auto& runs = j["matmul"];
    ASSERT_GE(runs.size(), 4u) << "naive, reordered, blocked and multithreaded at least";
    for (const auto& result : runs) {
        for (const char* key : {"backend", "device", "kernel", "dtype", "m", "n", "k", "repetitions", "median_ms", "min_ms",
                                "max_ms", "wall_median_ms", "gflops", "max_rel_error", "tolerance", "passed"})
            EXPECT_TRUE(result.contains(key)) << key;
        EXPECT_EQ(result["backend"], "cpu");
        EXPECT_EQ(result["dtype"], "fp32") << "--dtype defaults to fp32";
        EXPECT_EQ(result["m"], 33);
        EXPECT_EQ(result["n"], 17);
        EXPECT_EQ(result["k"], 29);
        EXPECT_EQ(result["passed"], true) << result.dump();
        EXPECT_LT(result["max_rel_error"].get<double>(), result["tolerance"].get<double>());
        EXPECT_GT(result["gflops"].get<double>(), 0.0);
    }
}

TEST(DojoCli, BenchCsvHasOneHeaderAndARowPerKernel) {
    const CliResult r = run("bench --backend cpu --size 16 --reps 1 --kernel naive,cache-blocked --csv");
    ASSERT_EQ(r.status, 0) << r.out;
    std::istringstream lines(r.out);
    std::string header, row;
    std::getline(lines, header);
    EXPECT_EQ(header.rfind("backend,device,kernel,dtype,m,n,k", 0), 0u) << header;
    int rows = 0;
    while (std::getline(lines, row))
        if (!row.empty()) {
            ++rows;
            EXPECT_EQ(row.rfind("cpu,", 0), 0u) << row;
        }
    EXPECT_EQ(rows, 2);
}

TEST(DojoCli, BenchSaysWhatIsWrongWithItsArguments) {
    EXPECT_EQ(run("bench --size 0").status, 2);
    EXPECT_EQ(run("bench --size 12,x").status, 2);
    EXPECT_EQ(run("bench --backend tpu").status, 2);
    EXPECT_EQ(run("bench --kernel no-such-kernel --size 8").status, 2);
    EXPECT_EQ(run("bench --dtype fp8 --size 8").status, 2);
    EXPECT_EQ(run("bench --json --csv --size 8").status, 2);
    EXPECT_EQ(run("lab vram --backend cpu").status, 2) << "the CPU has no device memory of its own";
    EXPECT_EQ(run("lab vram --limit lots").status, 2);
    EXPECT_EQ(run("lab transfer --max-size 12Q").status, 2);
    EXPECT_EQ(run("lab crossover --sizes 0").status, 2);
    EXPECT_NE(run("lab warp-drive").status, 0);
}

TEST(DojoCli, CudaWithoutADeviceIsAClearExitCode) {
    const CliResult r = run("bench --backend cuda --size 8 --reps 1");
#ifdef DOJO_CLI_HAS_CUDA
    if (r.status == 0) GTEST_SKIP() << "a CUDA device is present; the CUDA tests cover it";
    EXPECT_EQ(r.status, 4) << "CUDA is built in but there is no device: exit 4";
#else
    EXPECT_EQ(r.status, 3) << "no CUDA in this build: exit 3";
#endif
}

TEST(DojoCli, BenchRunsTheVulkanLadderOnLavapipe) {
    if (!lavapipe_installed()) GTEST_SKIP() << "lavapipe (mesa-vulkan-drivers) is not installed here";
    const CliResult r = run("bench --backend vulkan --size 33,17,29 --reps 2 --json");
    if (r.status == 3) GTEST_SKIP() << "this build has no Vulkan backend";
    ASSERT_EQ(r.status, 0) << r.out;
    const auto j = nlohmann::json::parse(r.out, nullptr, false);
    ASSERT_TRUE(j.is_object() && j["matmul"].size() >= 3u) << r.out;
    for (const auto& result : j["matmul"]) EXPECT_EQ(result["passed"], true) << result.dump();
}

TEST(DojoCli, PrecisionLabOnTheCpuMeasuresEveryFormatAgainstFp64) {
    const CliResult r = run("lab precision --backend cpu --sizes 96 --reps 1 --json");
    ASSERT_EQ(r.status, 0) << r.out;
    const auto j = nlohmann::json::parse(r.out, nullptr, false);
    ASSERT_TRUE(j.is_object()) << r.out;
    std::map<std::string, double> error;
    for (const auto& m : j["matmul"]) error[m["dtype"].get<std::string>()] = m["max_rel_error"].get<double>();
    ASSERT_EQ(error.size(), 4u) << r.out;
    // Fewer mantissa bits, more error: bf16 (7 bits) is worse than fp16 and tf32 (10), which are worse than fp32 (23).
    EXPECT_LT(error["fp32"], error["tf32"]);
    EXPECT_LT(error["fp16"], error["bf16"]);
    EXPECT_GT(error["bf16"], 1e-4);
}

TEST(DojoCli, VramLabOnLavapipeStopsAtTheLimitAndGetsItAllBack) {
    if (!lavapipe_installed()) GTEST_SKIP() << "lavapipe (mesa-vulkan-drivers) is not installed here";
    const CliResult r = run("lab vram --backend vulkan --limit 64M --chunk 16M --json");
    if (r.status == 3) GTEST_SKIP() << "this build has no Vulkan backend";
    ASSERT_EQ(r.status, 0) << r.out;
    const auto j = nlohmann::json::parse(r.out, nullptr, false);
    ASSERT_TRUE(j.contains("vram")) << r.out;
    const auto& v = j["vram"];
    EXPECT_EQ(v["allocated_bytes"].get<std::uint64_t>(), 64ull << 20);
    EXPECT_EQ(v["chunks"], 4);
    EXPECT_EQ(v["hit_wall"], false);
    EXPECT_EQ(v["memory_returned"], true) << v.dump();
    EXPECT_GE(v["fixes"].size(), 3u);
}

TEST(DojoCli, VramLabTextNamesTheLimitAndTheFixes) {
    if (!lavapipe_installed()) GTEST_SKIP() << "lavapipe (mesa-vulkan-drivers) is not installed here";
    const CliResult r = run("lab vram --backend vulkan --limit 32M --chunk 8M");
    if (r.status == 3) GTEST_SKIP() << "this build has no Vulkan backend";
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("memory returned   yes"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("gradient accumulation"), std::string::npos) << r.out;
}

namespace {

// `dojo exercise check` on a kernel written to a temporary file.
CliResult check_kernel(const std::string& id, const std::string& code, const std::string& ext, const std::string& flags = "") {
    const std::filesystem::path file = std::filesystem::temp_directory_path() / ("dojo-kernel-" + std::to_string(getpid()) + ext);
    std::ofstream(file) << code;
    CliResult r = run("exercise --lessons '" + std::string(DOJO_SOURCE_LESSONS_DIR) + "' check " + id + " '" + file.string() +
                      "' " + flags);
    std::filesystem::remove(file);
    return r;
}

TEST(DojoCliExercise, ListAndShow) {
    const CliResult list = run("exercise --lessons '" + std::string(DOJO_SOURCE_LESSONS_DIR) + "' list");
    EXPECT_EQ(list.status, 0) << list.out;
    EXPECT_NE(list.out.find("map-add-ten"), std::string::npos) << list.out;
    const CliResult show = run("exercise --lessons '" + std::string(DOJO_SOURCE_LESSONS_DIR) + "' show guard");
    EXPECT_EQ(show.status, 0);
    EXPECT_NE(show.out.find("Starter code (glsl)"), std::string::npos) << show.out;
    EXPECT_NE(show.out.find("16 threads per block"), std::string::npos) << show.out;
    EXPECT_EQ(run("exercise --lessons '" + std::string(DOJO_SOURCE_LESSONS_DIR) + "' show no-such-exercise").status, 2);
    const CliResult hint = run("exercise --lessons '" + std::string(DOJO_SOURCE_LESSONS_DIR) + "' show guard --hint 2");
    EXPECT_EQ(hint.status, 0);
    EXPECT_NE(hint.out.find("Hint 2 of 2: "), std::string::npos) << hint.out;
    EXPECT_EQ(run("exercise --lessons '" + std::string(DOJO_SOURCE_LESSONS_DIR) + "' show guard --hint 3").status, 2);
}

TEST(DojoCliExercise, CheckExitsZeroOnAPassAndOneOnAFail) {
    if (!lavapipe_installed()) GTEST_SKIP() << "lavapipe (mesa-vulkan-drivers) is not installed here";
    const std::string right =
        "void main() {\n  uint i = gl_GlobalInvocationID.x;\n  if (i < size.n) result[i] = a[i] + 10.0;\n}\n";
    const CliResult pass = check_kernel("guard", right, ".comp", "--json");
    if (pass.status == 3) GTEST_SKIP() << "this build has no Vulkan";
    ASSERT_EQ(pass.status, 0) << pass.out;
    const auto j = nlohmann::json::parse(pass.out);
    EXPECT_EQ(j["passed"], true);
    EXPECT_TRUE(j["time_ms"].is_number());
    EXPECT_TRUE(j["reference_time_ms"].is_number());
    const CliResult fail = check_kernel(
        "guard", "void main() {\n  uint i = gl_GlobalInvocationID.x;\n  result[i] = a[i] + 10.0;\n}\n", ".comp", "--json");
    EXPECT_EQ(fail.status, 1) << fail.out;
    const auto f = nlohmann::json::parse(fail.out);
    EXPECT_EQ(f["passed"], false);
    EXPECT_EQ(f["out_of_bounds_count"], 6);
    const CliResult broken = check_kernel("guard", "void main() {\n  result[0] = nope;\n}\n", ".comp");
    EXPECT_EQ(broken.status, 1);
    EXPECT_NE(broken.out.find("line 2"), std::string::npos) << broken.out;
    // A race fails the check and is named, with the reads per thread beside the model solution's.
    const CliResult race =
        check_kernel("dot", "void main() {\n  uint t = gl_LocalInvocationID.x;\n  result[0] = a[t] * b[t];\n}\n", ".comp");
    EXPECT_EQ(race.status, 1) << race.out;
    EXPECT_NE(race.out.find("both wrote result[0]"), std::string::npos) << race.out;
    EXPECT_NE(race.out.find("traced: your busiest thread read 2 values of a and b; the model solution's read 2."),
              std::string::npos)
        << race.out;
}

TEST(DojoCliExercise, LessonsCheckCompilesEveryExercisesKernels) {
    if (!lavapipe_installed()) GTEST_SKIP() << "the GLSL check is built with Vulkan, which set-up installs";
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("dojo-course-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::copy(std::filesystem::path(DOJO_FIXTURES_DIR) / "lessons" / "valid", dir,
                          std::filesystem::copy_options::recursive);
    std::filesystem::create_directories(dir / "exercises");
    std::filesystem::copy(std::filesystem::path(DOJO_SOURCE_LESSONS_DIR) / "exercises" / "guard", dir / "exercises" / "guard",
                          std::filesystem::copy_options::recursive);
    const CliResult good = run("lessons check '" + dir.string() + "'");
    EXPECT_EQ(good.status, 0) << good.out;
    std::ofstream(dir / "exercises" / "guard" / "solution.comp") << "void main() {\n    uint i = gl_GlobalInvocationID.x;\n"
                                                                    "    result[i] = a[j];\n}\n";
    const CliResult bad = run("lessons check '" + dir.string() + "'");
    EXPECT_EQ(bad.status, 1) << bad.out;
    EXPECT_NE(bad.out.find("guard/solution.comp:3:1: error: GLSL: undeclared identifier: 'j'"), std::string::npos) << bad.out;
    std::filesystem::remove_all(dir);
}

// Runs `env dojo args` with its stderr after its stdout.
CliResult run_with_stderr(const std::string& args, const std::string& env = "") {
    CliResult r;
    FILE* pipe = popen((env + " " + std::string(DOJO_CLI_PATH) + " " + args + " 2>&1").c_str(), "r");
    if (!pipe) return r;
    std::array<char, 4096> buf;
    while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) r.out.append(buf.data(), n);
    const int status = pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

CliResult check_cuda_kernel(const std::string& id, const std::string& code, const std::string& flags = "") {
    const std::filesystem::path file =
        std::filesystem::temp_directory_path() / ("dojo-kernel-" + std::to_string(getpid()) + ".cu");
    std::ofstream(file) << code;
    CliResult r = run_with_stderr("exercise --lessons '" + std::string(DOJO_SOURCE_LESSONS_DIR) + "' check " + id + " '" +
                                  file.string() + "' " + flags);
    std::filesystem::remove(file);
    return r;
}

bool nvidia_gpu_present() {
    return std::filesystem::exists("/dev/nvidiactl") || std::filesystem::exists("/dev/nvidia0");
}

TEST(DojoCliExercise, ShowsTheCudaStarter) {
    const CliResult show = run("exercise --lessons '" + std::string(DOJO_SOURCE_LESSONS_DIR) + "' show guard --lang cuda");
    EXPECT_EQ(show.status, 0);
    EXPECT_NE(show.out.find("Starter code (cuda)"), std::string::npos) << show.out;
    EXPECT_NE(show.out.find("__global__ void kernel(const float* a, const float* b, float* result, Size size)"),
              std::string::npos)
        << show.out;
}

TEST(DojoCliExercise, ACudaCompileErrorIsPrintedAtTheLearnersLineAndExitsOne) {
#if !defined(DOJO_CLI_HAS_CUDA_EXERCISES)
    GTEST_SKIP() << "this build has no CUDA exercises (cuda.h and nvrtc.h were not found)";
#endif
    const CliResult r = check_cuda_kernel("guard",
                                          "__global__ void kernel(const float* a, const float* b, float* result, Size size) {\n"
                                          "    int i = threadIdx.x;\n"
                                          "    result[i] = a[j];\n"
                                          "}\n");
    if (r.status == 4 && r.out.find("NVRTC") != std::string::npos && r.out.find("not found") != std::string::npos)
        GTEST_SKIP() << r.out;
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("line 3: identifier \"j\" is undefined"), std::string::npos) << r.out;
}

TEST(DojoCliExercise, ACorrectCudaKernelWithoutAGpuExitsFourAndSaysWhy) {
#if !defined(DOJO_CLI_HAS_CUDA_EXERCISES)
    GTEST_SKIP() << "this build has no CUDA exercises (cuda.h and nvrtc.h were not found)";
#endif
    if (nvidia_gpu_present()) GTEST_SKIP() << "this machine has an NVIDIA GPU";
    std::ifstream in(std::filesystem::path(DOJO_SOURCE_LESSONS_DIR) / "exercises" / "guard" / "solution.cu");
    std::stringstream code;
    code << in.rdbuf();
    const CliResult r = check_cuda_kernel("guard", code.str());
    EXPECT_EQ(r.status, 4) << r.out;
    EXPECT_NE(r.out.find("cannot run here"), std::string::npos) << r.out;
    EXPECT_TRUE(r.out.find("no NVIDIA driver") != std::string::npos || r.out.find("no GPU") != std::string::npos) << r.out;
}

TEST(DojoCliExercise, ACorrectCudaKernelPassesOnAGpu) {
#if !defined(DOJO_CLI_HAS_CUDA_EXERCISES)
    GTEST_SKIP() << "this build has no CUDA exercises (cuda.h and nvrtc.h were not found)";
#endif
    if (!nvidia_gpu_present()) GTEST_SKIP() << "no CUDA driver: no NVIDIA device node here";
    std::ifstream in(std::filesystem::path(DOJO_SOURCE_LESSONS_DIR) / "exercises" / "dot" / "solution.cu");
    std::stringstream code;
    code << in.rdbuf();
    const CliResult r = check_cuda_kernel("dot", code.str(), "--backend cuda");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("PASS"), std::string::npos) << r.out;
}

TEST(DojoCliExercise, LessonsCheckCompilesEveryCudaKernelOrSaysWhyNot) {
#if !defined(DOJO_CLI_HAS_CUDA_EXERCISES)
    GTEST_SKIP() << "this build has no CUDA exercises (cuda.h and nvrtc.h were not found)";
#endif
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("dojo-course-cu-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::copy(std::filesystem::path(DOJO_FIXTURES_DIR) / "lessons" / "valid", dir,
                          std::filesystem::copy_options::recursive);
    std::filesystem::create_directories(dir / "exercises");
    std::filesystem::copy(std::filesystem::path(DOJO_SOURCE_LESSONS_DIR) / "exercises" / "guard", dir / "exercises" / "guard",
                          std::filesystem::copy_options::recursive);
    std::ofstream(dir / "exercises" / "guard" / "solution.cu")
        << "__global__ void kernel(const float* a, const float* b, float* result, Size size) {\n"
           "    int i = threadIdx.x;\n"
           "    result[i] = a[j];\n}\n";
    const CliResult bad = run("lessons check '" + dir.string() + "'");
    if (bad.out.find("NVRTC (libnvrtc") != std::string::npos) GTEST_SKIP() << bad.out;
    EXPECT_EQ(bad.status, 1) << bad.out;
    EXPECT_NE(bad.out.find("guard/solution.cu:3:19: error: CUDA: identifier \"j\" is undefined"), std::string::npos) << bad.out;
    // Where NVRTC cannot be opened, the .cu files are skipped and the check says so.
    const CliResult without =
        run_with_stderr("lessons check '" + dir.string() + "'", "DOJO_NVRTC_LIBRARY=/nonexistent/libnvrtc.so");
    EXPECT_EQ(without.status, 0) << without.out;
    EXPECT_NE(without.out.find("note: the CUDA kernels (.cu) were not compiled: NVRTC (libnvrtc"), std::string::npos)
        << without.out;
    std::filesystem::remove_all(dir);
}

TEST(DojoCliExercise, UsageErrors) {
    EXPECT_EQ(check_kernel("guard", "fn main() {}", ".wgsl").status, 2) << "WGSL runs in the browser";
    EXPECT_EQ(check_kernel("guard", "x", ".txt").status, 2);
    EXPECT_EQ(check_kernel("no-such-exercise", "x", ".comp").status, 2);
}

}  // namespace
