// The WGSL prelude without a browser: the step budget in every kind of WGSL loop (for, while with
// and without parentheses, loop {}), no line moved, comments left alone, and WebGPU's compilation
// messages read back at the learner's own lines and columns, never at the prelude's; the traced kernel's entry point; and the
// .wgsl files in pairs.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "course/exercise_loader.h"

#include "exercises/wgsl_source.h"

namespace {

using namespace dojo;

TEST(WgslBudget, EveryLoopTicksAndNoLineMoves) {
    EXPECT_EQ(instrument_wgsl_loops("for (var i = 0u; i < n; i++) { x += 1.0; }"),
              "for (var i = 0u; dojo_tick(&dojo_s0) && (i < n); i++) { x += 1.0; }");
    EXPECT_EQ(instrument_wgsl_loops("for (;;) {}"), "for (;dojo_tick(&dojo_s0);) {}");
    EXPECT_EQ(instrument_wgsl_loops("while i < n { i++; }"), "while dojo_tick(&dojo_s0) && (i < n) { i++; }");
    EXPECT_EQ(instrument_wgsl_loops("while (f(i)[0] > 0) {}"), "while dojo_tick(&dojo_s0) && ((f(i)[0] > 0)) {}");
    EXPECT_EQ(instrument_wgsl_loops("loop { }"), "loop { if !dojo_tick(&dojo_s0) { break; } }");
    // Each loop has its own counter, declared in its function; a function with no loop gets none.
    EXPECT_EQ(instrument_wgsl_loops("fn f(x: u32) -> vec2<f32> {}"), "fn f(x: u32) -> vec2<f32> {}");
    EXPECT_EQ(
        instrument_wgsl_loops("fn g() { loop {} while c {} }\nfn h() { loop {} }"),
        "fn g() { var dojo_s0: u32 = 0u; var dojo_s1: u32 = 0u; loop { if !dojo_tick(&dojo_s0) { break; }} "
        "while dojo_tick(&dojo_s1) && (c) {} }\nfn h() { var dojo_s2: u32 = 0u; loop { if !dojo_tick(&dojo_s2) { break; }} }");
    const std::string nested = "fn main() {\n  for (var i = 0;\n     i < 4;\n     i++) {\n  loop\n  {\n  }\n  }\n}\n";
    const std::string out = instrument_wgsl_loops(nested);
    EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), std::count(nested.begin(), nested.end(), '\n'));
}

TEST(WgslBudget, WordsAndCommentsAreLeftAlone) {
    for (const char* same : {"let format = 1; let forward = awhile; let loops = 2;", "// for (;;) forever\n",
                             "/* while true { } loop { } */ x = 1;", "for_each(x);"})
        EXPECT_EQ(instrument_wgsl_loops(same), same);
}

TEST(WgslBudget, InsertionsAreRecordedAtTheLearnersColumns) {
    std::vector<WgslInsertion> at;
    (void)instrument_wgsl_loops("x;\n  loop { y; }", &at);
    ASSERT_EQ(at.size(), 1u);
    EXPECT_EQ(at[0].line, 2);
    EXPECT_EQ(at[0].column, 9);
}

TEST(WgslMessages, ReadAtTheLearnersLinesAndColumns) {
    Exercise ex;
    ex.launch.threads_x = 16;
    const std::string code = "fn main() {\n  let q = 1u;\n  loop { let z = nope; }\n}\n";
    const PreparedKernel k = prepare_wgsl(code, ex);
    ASSERT_GT(k.prelude_lines, 0);
    // The compiler counts the prepared text: line 3 of the learner's code, after the loop's check.
    const std::string loop_check = " if !dojo_tick(&dojo_s0) { break; }";
    const int compiler_column = 18 + static_cast<int>(loop_check.size());
    const std::vector<WgslMessage> messages = {
        {"error", k.prelude_lines + 3, compiler_column, "unresolved value 'nope'"},
        {"warning", k.prelude_lines + 2, 7, "unused"},
        {"error", 2, 5, "redeclaration of 'a'"},
        {"info", 3, 1, "'a' previously declared here"},
    };
    const auto errors = read_wgsl_messages(messages, code, k);
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].line, 3);
    EXPECT_EQ(errors[0].column, 18);
    EXPECT_EQ(errors[0].message, "unresolved value 'nope'");
    EXPECT_EQ(errors[1].line, 0);  // in the prelude: its line is never shown
}

TEST(WgslPrelude, FixesTheWorkgroupSizeAndTheBindings) {
    Exercise ex;
    ex.launch.threads_x = 8;
    ex.launch.threads_y = 4;
    const PreparedKernel k = prepare_wgsl("fn main() {}", ex);
    EXPECT_NE(k.source.find("const WORKGROUP_X: u32 = 8u;"), std::string::npos);
    EXPECT_NE(k.source.find("const WORKGROUP_Y: u32 = 4u;"), std::string::npos);
    EXPECT_NE(k.source.find("@binding(2) var<storage, read_write> result: array<f32>;"), std::string::npos);
    EXPECT_NE(k.source.find("@binding(4) var<uniform> size: DojoSize;"), std::string::npos);
    EXPECT_EQ(std::count(k.source.begin(), k.source.end(), '\n'), k.prelude_lines + 1);
}

}  // namespace

namespace {

// An exercise folder with a WGSL starter but no model solution: an error that names the missing file.
TEST(WgslFiles, AStarterWithoutItsSolutionIsAnError) {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("dojo-wgsl-pair-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::filesystem::copy(std::filesystem::path(DOJO_SOURCE_LESSONS_DIR) / "exercises" / "guard", dir / "guard",
                          std::filesystem::copy_options::recursive);
    std::filesystem::remove(dir / "guard" / "solution.wgsl");
    std::vector<dojo::Diagnostic> problems;
    const auto exercises = dojo::load_exercises(dir, problems);
    bool named = false;
    for (const auto& d : problems)
        named = named || (d.to_string().find("starter.wgsl") != std::string::npos &&
                          d.to_string().find("has no solution.wgsl beside it") != std::string::npos);
    EXPECT_TRUE(named) << (problems.empty() ? "no problem" : problems.front().to_string());
    ASSERT_EQ(exercises.size(), 1u);
    EXPECT_EQ(exercises[0].code.count(dojo::KernelLanguage::Wgsl), 0u);
    EXPECT_EQ(exercises[0].code.count(dojo::KernelLanguage::Glsl), 1u);
    std::filesystem::remove_all(dir);
}

// Every exercise of the course is written in WGSL too, so the browser can check it.
TEST(WgslFiles, EveryExerciseOfTheCourseHasWgsl) {
    std::vector<dojo::Diagnostic> problems;
    const auto exercises = dojo::load_exercises(std::filesystem::path(DOJO_SOURCE_LESSONS_DIR) / "exercises", problems);
    EXPECT_TRUE(problems.empty()) << problems.front().to_string();
    ASSERT_FALSE(exercises.empty());
    for (const auto& e : exercises) EXPECT_EQ(e.code.count(dojo::KernelLanguage::Wgsl), 1u) << e.id;
}

}  // namespace

TEST(WgslTracedKernel, TheEntryPointKeepsItsThreadIndexForTheLog) {
    dojo::Exercise e;
    e.launch.threads_x = 64;
    std::vector<dojo::SharedArray> shared;
    // The learner's own global_invocation_id, under their name.
    const std::string own =
        "@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)\n"
        "fn main(@builtin(global_invocation_id)  id : vec3<u32>) {\n"
        "    result[id.x] = a[id.x];\n}\n";
    dojo::PreparedKernel k = dojo::prepare_wgsl_traced(own, e, shared);
    EXPECT_NE(k.source.find("vec3<u32>) { dojo_gid = id;\n"), std::string::npos) << k.source;
    EXPECT_EQ(k.source.find("dojo_gid_in"), std::string::npos) << k.source;
    EXPECT_NE(k.source.find("@group(0) @binding(5) var<storage, read_write> dojo_trace"), std::string::npos);
    // The learner's first line is line prelude_lines + 1, as for the untraced kernel.
    std::size_t at = 0;
    for (int line = 0; line < k.prelude_lines; ++line) at = k.source.find('\n', at) + 1;
    EXPECT_EQ(k.source.compare(at, 8, "@compute"), 0) << k.source.substr(at, 40);
    // None: the app adds one, first in the list; a loop's counter still goes in.
    const std::string none =
        "@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)\n"
        "fn main(@builtin(local_invocation_id) lid: vec3<u32>) {\n"
        "    for (var k = 0u; k < 2u; k++) { result[lid.x] = a[lid.x]; }\n}\n";
    k = dojo::prepare_wgsl_traced(none, e, shared);
    EXPECT_NE(k.source.find("fn main(@builtin(global_invocation_id) dojo_gid_in: vec3<u32>, @builtin(local_invocation_id) lid"),
              std::string::npos)
        << k.source;
    EXPECT_NE(k.source.find("dojo_gid = dojo_gid_in;"), std::string::npos) << k.source;
    EXPECT_NE(k.source.find("var dojo_s0: u32 = 0u;"), std::string::npos) << k.source;
}
