// Kernel exercises without a GPU: the step budget put into every loop, compiler messages read at the
// learner's lines, the output judged (a wrong element, one never written, writes in the guards),
// the operations' references (softmax's judged by relative error), and the course's exercises loading
// with no problems.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "course/exercise_loader.h"
#include "exercises/exercise_check.h"
#include "exercises/kernel_source.h"
#include "exercises/operations.h"
#include "exercises/trace_analysis.h"
#include "exercises/trace_source.h"
#include "exercises/verdict.h"

namespace {

using namespace dojo;

TEST(StepBudget, EveryLoopConditionTicksAndNoLineMoves) {
    EXPECT_EQ(instrument_loops("for (uint i = 0; i < n; ++i) x += i;"), "for (uint i = 0;dojo_tick() && ( i < n); ++i) x += i;");
    EXPECT_EQ(instrument_loops("while (true) {}"), "while (dojo_tick() && (true)) {}");
    EXPECT_EQ(instrument_loops("for (;;) {}"), "for (; dojo_tick() ;) {}");
    EXPECT_EQ(instrument_loops("do { x++; } while (x < 3);"), "do { x++; } while (dojo_tick() && (x < 3));");
    const std::string nested = "for (int i = 0;\n     i < 4;\n     ++i)\n  while (f(i, (a)))\n    g();\n";
    const std::string out = instrument_loops(nested);
    EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), std::count(nested.begin(), nested.end(), '\n'));
    EXPECT_NE(out.find("while (dojo_tick() && (f(i, (a))))"), std::string::npos) << out;
}

TEST(StepBudget, WordsCommentsAndStringsAreLeftAlone) {
    for (const char* same : {"uint format = 1; float forward = awhile;", "// for (;;) forever\n", "/* while (1) */ x = 1;",
                             "float s = \"for (;;)\";", "for_each(x);"})
        EXPECT_EQ(instrument_loops(same), same);
}

TEST(GlslMessages, ReadAtTheLearnersLines) {
    const auto errors = read_glsl_log(
        "kernel.comp:3: error: 'y' : undeclared identifier\nkernel.comp:3: warning: unused\nkernel.comp:7: error: '' : "
        "syntax error\n2 errors generated.\n");
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].line, 3);
    EXPECT_EQ(errors[0].message, "undeclared identifier: 'y'");  // what first, then the token
    EXPECT_EQ(errors[1].line, 7);
    EXPECT_EQ(errors[1].message, "syntax error");  // no empty token
    const auto odd = read_glsl_log("something went wrong");
    ASSERT_EQ(odd.size(), 1u);
    EXPECT_EQ(odd[0].line, 0);
}

TEST(GlslPrelude, TheLearnersFirstLineIsLineOne) {
    Exercise ex;
    ex.launch.threads_x = 16;
    const PreparedKernel k = prepare_glsl("void main() {}\n", ex);
    const std::size_t at = k.source.find("#line 1\n");
    ASSERT_NE(at, std::string::npos);
    EXPECT_EQ(k.source.substr(at + 8), "void main() {}\n");
    EXPECT_NE(k.source.find("local_size_x = 16, local_size_y = 1"), std::string::npos);
}

TEST(CudaMessages, ReadAtTheLearnersLinesAndColumns) {
    // NVRTC's log: the line, then the source line indented by two spaces and a caret under the column.
    const auto errors = read_nvrtc_log(
        "kernel.cu(3): error: identifier \"j\" is undefined\n"
        "      result[i] = a[j];\n"
        "                    ^\n\n"
        "kernel.cu(4): warning #177-D: variable \"q\" was declared but never referenced\n"
        "    int q;\n"
        "        ^\n\n"
        "kernel.cu(9): catastrophic error: cannot open source file \"x.h\"\n\n"
        "2 errors detected in the compilation of \"kernel.cu\".\n");
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].line, 3);
    EXPECT_EQ(errors[0].column, 19);
    EXPECT_EQ(errors[0].message, "identifier \"j\" is undefined");
    EXPECT_EQ(errors[1].line, 9);
    EXPECT_EQ(errors[1].column, 0);
    const auto odd = read_nvrtc_log("NVRTC_ERROR_OUT_OF_MEMORY");
    ASSERT_EQ(odd.size(), 1u);
    EXPECT_EQ(odd[0].line, 0);
}

TEST(CudaMessages, TheAppsOwnLinesSayWhatTheLearnerMustChange) {
    // No kernel named `kernel`: NVRTC's lookup and the signature check both fail; one plain message.
    const auto missing = read_nvrtc_log(
        "dojo-signature-check(1): error: identifier \"kernel\" is undefined\n"
        "__nv_name_map(2): error: identifier \"kernel\" is undefined\n");
    ASSERT_EQ(missing.size(), 1u);
    EXPECT_EQ(missing[0].line, 0);
    EXPECT_NE(missing[0].message.find("there is no kernel named kernel"), std::string::npos) << missing[0].message;
    const auto wrong = read_nvrtc_log("dojo-signature-check(1): error: static assertion failed with \"the kernel must be x\"\n");
    ASSERT_EQ(wrong.size(), 1u);
    EXPECT_EQ(wrong[0].message, "the kernel must be x");
}

TEST(CudaPrelude, TheLearnersFirstLineIsLineOneOfKernelCu) {
    const std::string code =
        "__global__ void kernel(const float* a, const float* b, float* result, Size size) {\n"
        "    while (true) {}\n}";
    const PreparedKernel k = prepare_cuda(code);
    const std::string mark = "#line 1 \"kernel.cu\"\n";
    const std::size_t at = k.source.find(mark);
    ASSERT_NE(at, std::string::npos);
    EXPECT_EQ(static_cast<int>(std::count(k.source.begin(), k.source.begin() + static_cast<long>(at + mark.size()), '\n')),
              k.prelude_lines);
    const std::string learner = k.source.substr(at + mark.size());
    EXPECT_EQ(learner.rfind("__global__ void kernel(", 0), 0u) << learner;
    EXPECT_NE(learner.find("while (dojo_tick() && (true)) {}\n}\n#line 1 \"dojo-signature-check\""), std::string::npos)
        << learner;
    EXPECT_NE(k.source.find("struct Size"), std::string::npos);
    EXPECT_EQ(prepare_kernel(KernelLanguage::Cuda, code, Exercise{}).source, k.source);
}

// The output of a run: guards, the output, the trailing guard.
std::vector<float> with_guards(const std::vector<float>& out, std::size_t after = kGuardElements) {
    std::vector<float> v(kGuardElements, canary_value());
    v.insert(v.end(), out.begin(), out.end());
    v.insert(v.end(), after, canary_value());
    return v;
}

TEST(Judge, ARightOutputPasses) {
    const Operation& op = *find_operation("add_ten");
    const ProblemSize size{4, 0, 0};
    const std::vector<float> a = exercise_input(4, 0);
    Verdict v;
    v.compiled = v.ran = true;
    judge_output(op, size, with_guards({a[0] + 10, a[1] + 10, a[2] + 10, a[3] + 10}), v);
    EXPECT_TRUE(v.passed) << v.summary();
    EXPECT_NE(v.summary().find("Passed"), std::string::npos);
}

TEST(Judge, NamesTheFirstWrongElementAndOneNeverWritten) {
    const Operation& op = *find_operation("add_ten");
    const std::vector<float> a = exercise_input(4, 0);
    Verdict v;
    v.compiled = v.ran = true;
    judge_output(op, {4, 0, 0}, with_guards({a[0] + 10, a[1] + 11, a[2] + 10, canary_value()}), v);
    EXPECT_FALSE(v.passed);
    ASSERT_TRUE(v.first_mismatch);
    EXPECT_EQ(v.first_mismatch->index, 1u);
    EXPECT_EQ(v.wrong, 2u);
    EXPECT_NE(v.summary().find("element 1 should be " + std::to_string(static_cast<int>(a[1] + 10))), std::string::npos)
        << v.summary();
    Verdict unwritten;
    unwritten.compiled = unwritten.ran = true;
    judge_output(op, {4, 0, 0}, with_guards(std::vector<float>(4, canary_value())), unwritten);
    EXPECT_NE(unwritten.summary().find("was never written"), std::string::npos) << unwritten.summary();
}

TEST(Judge, AWriteInTheGuardsFailsEvenWithTheRightAnswer) {
    const Operation& op = *find_operation("add_ten");
    const std::vector<float> a = exercise_input(2, 0);
    std::vector<float> out = with_guards({a[0] + 10, a[1] + 10});
    out[kGuardElements + 2 + 3] = 1.0f;  // element 5 of a 2-element output
    out[kGuardElements - 1] = 2.0f;      // just before element 0
    Verdict v;
    v.compiled = v.ran = true;
    judge_output(op, {2, 0, 0}, out, v);
    EXPECT_FALSE(v.passed);
    EXPECT_FALSE(v.first_mismatch) << "the answer itself is right";
    EXPECT_EQ(v.out_of_bounds_count, 2u);
    ASSERT_EQ(v.out_of_bounds.size(), 2u);
    EXPECT_EQ(v.out_of_bounds[0].index, -1);
    EXPECT_EQ(v.out_of_bounds[1].index, 5);
    EXPECT_NE(v.summary().find("Out-of-bounds write"), std::string::npos) << v.summary();
}

TEST(Operations, ReferencesComputeWhatTheySay) {
    const ProblemSize grid{6, 3, 2};
    std::vector<float> a = {1, 2, 3}, b = {10, 20}, out(6);
    find_operation("broadcast_add")->reference(grid, a, b, out);
    EXPECT_EQ(out, (std::vector<float>{11, 12, 13, 21, 22, 23}));
    std::vector<float> g = {1, 2, 3, 4, 5, 6}, t(6);
    find_operation("transpose")->reference(grid, g, {}, t);
    EXPECT_EQ(t, (std::vector<float>{1, 4, 2, 5, 3, 6}));
    std::vector<float> w(4);
    find_operation("window_sum")->reference({4, 0, 0}, {1, 2, 3, 4}, {}, w);
    EXPECT_EQ(w, (std::vector<float>{1, 3, 6, 9}));
    std::vector<float> d(1);
    find_operation("dot")->reference({3, 0, 0}, {1, 2, 3}, {4, 5, 6}, d);
    EXPECT_EQ(d[0], 32.0f);
    std::vector<float> m(4);
    find_operation("matmul")->reference({2, 0, 0}, {1, 2, 3, 4}, {5, 6, 7, 8}, m);
    EXPECT_EQ(m, (std::vector<float>{19, 22, 43, 50}));
    EXPECT_EQ(find_operation("no-such-op"), nullptr);
}

TEST(Operations, TheSharedMemoryScanAndSoftmaxReferences) {
    // reverse_blocks: each slice of 64 reversed, a shorter last slice within itself.
    std::vector<float> a(70), r(70);
    for (std::size_t i = 0; i < a.size(); ++i) a[i] = static_cast<float>(i);
    find_operation("reverse_blocks")->reference({70, 0, 0}, a, {}, r);
    EXPECT_EQ(r[0], 63.0f);
    EXPECT_EQ(r[63], 0.0f);
    EXPECT_EQ(r[64], 69.0f);
    EXPECT_EQ(r[69], 64.0f);
    // max_pool: a 2 x 1 output from a 4 x 2 input.
    const Operation& pool = *find_operation("max_pool");
    EXPECT_EQ(pool.a_size({2, 2, 1}), 8u);
    EXPECT_EQ(pool.out_size({2, 2, 1}), 2u);
    std::vector<float> p(2);
    pool.reference({2, 2, 1}, {1, 9, 3, 4, 5, 6, 7, 2}, {}, p);
    EXPECT_EQ(p, (std::vector<float>{9, 7}));
    std::vector<float> scan(4);
    find_operation("prefix_sum")->reference({4, 0, 0}, {1, 2, 3, -4}, {}, scan);
    EXPECT_EQ(scan, (std::vector<float>{1, 3, 6, 2}));
    // softmax_rows: each row sums to 1, equal inputs share equally, and a large input does not overflow.
    std::vector<float> soft(6);
    find_operation("softmax_rows")->reference({6, 3, 2}, {0, 0, 0, 1000, 0, 1000}, {}, soft);
    EXPECT_NEAR(soft[0], 1.0f / 3, 1e-7);
    EXPECT_NEAR(soft[3], 0.5f, 1e-7);
    EXPECT_EQ(soft[4], 0.0f);
}

TEST(Operations, SoftmaxIsJudgedByRelativeError) {
    const Operation& op = *find_operation("softmax_rows");
    const ProblemSize size{4, 4, 1};
    std::vector<float> want(4);
    op.reference(size, exercise_input(4, 0), {}, want);
    ASSERT_LT(want[0], 1e-3f) << "the test needs a small output";
    std::vector<float> near = want, off = want;
    near[0] *= 1.00001f;
    off[0] *= 1.01f;  // an absolute error far below 1e-4, a relative one of 1%
    Verdict good, bad;
    good.compiled = good.ran = bad.compiled = bad.ran = true;
    judge_output(op, size, with_guards(near), good);
    judge_output(op, size, with_guards(off), bad);
    EXPECT_TRUE(good.passed) << good.summary();
    EXPECT_FALSE(bad.passed);
}

TEST(Operations, ARowWiseOperationNeedsABlockPerRow) {
    LaunchShape launch;
    launch.threads_x = 64;
    launch.blocks_x = 4;
    const Operation& op = *find_operation("softmax_rows");
    EXPECT_EQ(launch_shortfall(op, {600, 100, 6}, launch), "4 blocks in x cannot give each of 6 rows a block");
    launch.blocks_x = 6;
    EXPECT_EQ(launch_shortfall(op, {600, 100, 6}, launch), "");
}

TEST(Buffers, TheTrailingGuardCoversEveryThreadOfTheLaunch) {
    LaunchShape launch;
    launch.threads_x = 256;
    const KernelBuffers k = make_buffers(*find_operation("add_ten"), {10, 0, 0}, launch);
    EXPECT_EQ(k.result.size(), kGuardElements + 10 + 256);
    EXPECT_EQ(k.a.size(), 10u);
    EXPECT_EQ(k.b.size(), 1u) << "an unread input still gets a buffer to bind";
}

TEST(ExerciseLoader, TheCoursesExercisesLoadWithNoProblems) {
    std::vector<Diagnostic> problems;
    const auto exercises = load_exercises(std::filesystem::path(DOJO_SOURCE_LESSONS_DIR) / "exercises", problems);
    for (const auto& p : problems) ADD_FAILURE() << p.to_string();
    ASSERT_GE(exercises.size(), 7u);
    for (const auto& e : exercises) {
        EXPECT_TRUE(e.code.count(KernelLanguage::Glsl)) << e.id;
        EXPECT_TRUE(e.code.count(KernelLanguage::Cuda)) << e.id << " has no starter.cu and solution.cu";
        EXPECT_NE(find_operation(e.operation), nullptr) << e.id;
        EXPECT_GE(e.hints.size(), 2u) << e.id;
    }
}

TEST(ExerciseLoader, ProblemsAreNamedAtTheirLine) {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("dojo-exercises-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir / "bad");
    std::ofstream(dir / "bad" / "exercise.toml") << "id = \"bad\"\ntitle = \"T\"\ntask = \"T\"\noperation = \"teleport\"\n"
                                                    "n = 0\nthreads_x = 4096\nbench_n = 8\nhints = [\"one\"]\n";
    std::filesystem::create_directories(dir / "small");
    std::ofstream(dir / "small" / "exercise.toml") << "id = \"small\"\ntitle = \"T\"\ntask = \"T\"\noperation = \"add_ten\"\n"
                                                      "n = 100\nthreads_x = 16\nbench_n = 64\nbench_blocks_x = 4\n"
                                                      "hints = [\"one\", \"two\"]\n";
    std::filesystem::create_directories(dir / "huge");
    std::ofstream(dir / "huge" / "exercise.toml") << "id = \"huge\"\ntitle = \"T\"\ntask = \"T\"\noperation = \"matmul\"\n"
                                                     "n = 8\nthreads_x = 8\nthreads_y = 8\nbench_n = 8192\n"
                                                     "bench_blocks_x = 1024\nbench_blocks_y = 1024\nhints = [\"one\", \"two\"]\n";
    std::filesystem::create_directories(dir / "slices");
    std::ofstream(dir / "slices" / "exercise.toml") << "id = \"slices\"\ntitle = \"T\"\ntask = \"T\"\n"
                                                       "operation = \"reverse_blocks\"\nn = 64\nthreads_x = 32\n"
                                                       "blocks_x = 2\nbench_n = 64\nbench_blocks_x = 2\n"
                                                       "hints = [\"one\", \"two\"]\n";
    std::vector<Diagnostic> problems;
    const auto exercises = load_exercises(dir, problems);
    std::string all;
    for (const auto& p : problems) all += p.to_string() + "\n";
    EXPECT_NE(all.find(":4:13: error: exercise: unknown operation 'teleport'"), std::string::npos) << all;
    EXPECT_NE(all.find(":6:13: error: exercise: 'threads_x' must be a whole number from 1 to 1024"), std::string::npos) << all;
    EXPECT_NE(all.find("give at least two hints"), std::string::npos) << all;
    EXPECT_NE(all.find("needs starter.comp and solution.comp"), std::string::npos) << all;
    EXPECT_NE(all.find("the launch is too small for the problem: 16 threads in x cannot cover 100 elements"), std::string::npos)
        << all;
    EXPECT_EQ(all.find("larger problem's launch is too small"), std::string::npos) << "4 blocks of 16 cover 64: " << all;
    EXPECT_NE(all.find("huge/exercise.toml:8:11: error: exercise: the problem is too large"), std::string::npos) << all;
    EXPECT_NE(all.find("slices/exercise.toml:6:13: error: exercise: operation 'reverse_blocks' works in blocks of 64 threads"),
              std::string::npos)
        << all;
    std::filesystem::remove_all(dir);
}

}  // namespace

// ---- The traced run ---------------------------------------------------------------------------

TEST(TraceSource, IndexesAreWrappedInPlaceAndNoLineMoves) {
    const std::string code =
        "shared float tile[8 + 2];\n"
        "shared float grid[4][4 + 1];\n"
        "void main() {\n"
        "    uint i = gl_GlobalInvocationID.x; // a[i] in a comment stays\n"
        "    tile[i] = a[i] + b[int(a[i])];\n"
        "    grid[i][i + 1] += 1.0;\n"
        "    barrier();\n"
        "    memoryBarrierShared();\n"
        "    result[i] = tile[i] * float(a.length());\n"
        "    if (result[i] == 0.0) ++result[i];\n"
        "}\n";
    const dojo::TracedSource t = dojo::instrument_accesses(code);
    ASSERT_EQ(t.shared.size(), 2u);
    EXPECT_EQ(t.shared[0].name, "tile");
    EXPECT_EQ(t.shared[1].dims, (std::vector<std::string>{"4", "4 + 1"}));
    EXPECT_EQ(std::count(t.code.begin(), t.code.end(), '\n'), std::count(code.begin(), code.end(), '\n'));
    EXPECT_NE(t.code.find("shared float tile[8 + 2];"), std::string::npos) << "a declaration is not an access";
    EXPECT_NE(t.code.find("// a[i] in a comment stays"), std::string::npos);
    EXPECT_NE(t.code.find("tile[dojo_w(8u, i)] = a[dojo_r(0u, i)] + b[dojo_r(1u, int(a[dojo_r(0u, i)]))];"), std::string::npos)
        << t.code;
    EXPECT_NE(t.code.find("grid[dojo_rw2(9u, (i), (i + 1), int(4 + 1))][i + 1] += 1.0;"), std::string::npos) << t.code;
    EXPECT_NE(t.code.find("    dojo_barrier();\n    memoryBarrierShared();"), std::string::npos) << t.code;
    EXPECT_NE(t.code.find("result[dojo_w(2u, i)] = tile[dojo_r(8u, i)] * float(a.length());"), std::string::npos) << t.code;
    EXPECT_NE(t.code.find("if (result[dojo_r(2u, i)] == 0.0) ++result[dojo_rw(2u, i)];"), std::string::npos) << t.code;
}

TEST(TraceSource, WgslIndexesGoInAsU32AndWorkgroupArraysAreFound) {
    const std::string code =
        "var<workgroup> tile: array<array<f32, 17>, 16>;  // tile[0][0] in a comment stays\n"
        "var<workgroup> row: array<f32, 8 + 2>;\n"
        "@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)\n"
        "fn main(@builtin(local_invocation_id) lid: vec3<u32>) {\n"
        "    let i = i32(lid.x);\n"
        "    tile[lid.y][lid.x] = a[i];\n"
        "    workgroupBarrier();\n"
        "    row[i] += tile[lid.x][lid.y];\n"
        "    result[i] = row[i] + f32(size.n);\n"
        "}\n";
    const dojo::TracedSource t = dojo::instrument_accesses(code, dojo::KernelLanguage::Wgsl);
    ASSERT_EQ(t.shared.size(), 2u);
    EXPECT_EQ(t.shared[0].name, "tile");
    EXPECT_EQ(t.shared[0].dims, (std::vector<std::string>{"16", "17"})) << "outermost count first, as in C";
    EXPECT_EQ(t.shared[1].dims, (std::vector<std::string>{"8 + 2"}));
    EXPECT_EQ(std::count(t.code.begin(), t.code.end(), '\n'), std::count(code.begin(), code.end(), '\n'));
    EXPECT_NE(t.code.find("var<workgroup> tile: array<array<f32, 17>, 16>;  // tile[0][0] in a comment stays"),
              std::string::npos);
    EXPECT_NE(t.code.find("tile[dojo_w2(8u, u32(lid.y), u32(lid.x), u32(17))][lid.x] = a[dojo_r(0u, u32(i))];"),
              std::string::npos)
        << t.code;
    EXPECT_NE(t.code.find("    dojo_barrier();\n"), std::string::npos) << t.code;
    EXPECT_NE(t.code.find("row[dojo_rw(9u, u32(i))] += tile[dojo_r2(8u, u32(lid.x), u32(lid.y), u32(17))][lid.y];"),
              std::string::npos)
        << t.code;
    EXPECT_NE(t.code.find("f32(size.n)"), std::string::npos) << "a member is not an array";
}

namespace {

// One access in the trace's words: thread (x, y), buffer, kind, barriers passed, index.
void add_access(std::vector<std::uint32_t>& w, unsigned x, unsigned y, unsigned buffer, unsigned kind, unsigned epoch,
                int index) {
    w[0] += 1;
    w.push_back(x | (y << 16));
    w.push_back((buffer << 24) | (kind << 22) | epoch);
    w.push_back(static_cast<std::uint32_t>(index));
}

}  // namespace

TEST(TraceAnalysis, ARaceNeedsTwoThreadsAWriteAndNoBarrierBetween) {
    dojo::LaunchShape launch;
    launch.threads_x = 4;
    launch.blocks_x = 2;
    const std::vector<dojo::SharedArray> shared = {{"tile", {"4"}}};
    std::vector<std::uint32_t> w{0};
    add_access(w, 0, 0, dojo::kTraceFirstShared, dojo::kTraceWrite, 0, 0);  // thread 0 writes tile[0]
    add_access(w, 1, 0, dojo::kTraceFirstShared, dojo::kTraceRead, 1, 0);   // thread 1 reads it after a barrier: fine
    add_access(w, 4, 0, dojo::kTraceFirstShared, dojo::kTraceRead, 0, 0);   // block 1's own tile[0]: fine
    add_access(w, 0, 0, dojo::kTraceFirstShared, dojo::kTraceRead, 0, 0);   // its own write: fine
    add_access(w, 2, 0, dojo::kTraceFirstShared, dojo::kTraceWrite, 0, 1);  // thread 2 writes tile[1]...
    add_access(w, 3, 0, dojo::kTraceFirstShared, dojo::kTraceRead, 0, 1);   // ...which thread 3 reads in the same step
    add_access(w, 1, 0, dojo::kTraceResult, dojo::kTraceWrite, 1, 5);       // two blocks write result[5]
    add_access(w, 5, 0, dojo::kTraceResult, dojo::kTraceWrite, 1, 5);
    add_access(w, 2, 0, dojo::kTraceA, dojo::kTraceRead, 0, -2);  // a read before a[0]
    add_access(w, 2, 0, dojo::kTraceA, dojo::kTraceRead, 0, 3);
    const dojo::TraceReport r = dojo::analyse_trace(w, launch, 8, 0, 8, shared);
    EXPECT_TRUE(r.complete);
    ASSERT_EQ(r.race_count, 2u);
    const dojo::Race* shared_race = nullptr;
    const dojo::Race* result_race = nullptr;
    for (const auto& race : r.races) (race.buffer == "tile" ? shared_race : result_race) = &race;
    ASSERT_TRUE(shared_race && result_race);
    EXPECT_FALSE(shared_race->two_writers);
    EXPECT_EQ(shared_race->index, 1);
    EXPECT_EQ(shared_race->first.x, 2);
    EXPECT_EQ(shared_race->second.x, 3);
    EXPECT_EQ(shared_race->sentence().rfind("Race: thread 3 (block 0) read tile[1], which thread 2 (block 0) wrote", 0), 0u)
        << shared_race->sentence();
    EXPECT_NE(shared_race->sentence().find("call barrier()"), std::string::npos) << shared_race->sentence();
    // The advice names the barrier of the kernel's own language.
    const dojo::TraceReport cuda = dojo::analyse_trace(w, launch, 8, 0, 8, shared, dojo::KernelLanguage::Cuda);
    const dojo::TraceReport wgsl = dojo::analyse_trace(w, launch, 8, 0, 8, shared, dojo::KernelLanguage::Wgsl);
    const auto advice = [](const dojo::TraceReport& report) {
        for (const auto& race : report.races)
            if (!race.two_writers) return race.sentence();
        return std::string();
    };
    EXPECT_NE(advice(cuda).find("call __syncthreads() after the writes"), std::string::npos) << advice(cuda);
    EXPECT_NE(advice(wgsl).find("call workgroupBarrier() after the writes"), std::string::npos) << advice(wgsl);
    EXPECT_TRUE(result_race->two_writers);
    EXPECT_EQ(result_race->second.block_x, 1);
    ASSERT_EQ(r.out_of_bounds_read_count, 1u);
    EXPECT_EQ(r.out_of_bounds_reads[0].index, -2);
    EXPECT_EQ(r.max_global_reads, 2);
    EXPECT_EQ(r.racing_threads.size(), 4u);
}

TEST(TraceAnalysis, AFullTraceBufferSaysItIsIncomplete) {
    dojo::LaunchShape launch;
    std::vector<std::uint32_t> w{0};
    add_access(w, 0, 0, dojo::kTraceA, dojo::kTraceRead, 0, 0);
    w[0] = 7;  // the kernel counted more accesses than the buffer kept
    const dojo::TraceReport r = dojo::analyse_trace(w, launch, 1, 0, 1, {});
    EXPECT_FALSE(r.complete);
    EXPECT_EQ(r.threads.size(), 1u);
}
