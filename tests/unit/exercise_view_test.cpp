// The kernel exercise in a lesson, driven headless with a fake exercise host: typing in the editor,
// a compile error at its line, wrong output, a pass with XP once, the code kept with the progress
// and back after a restart, hints, Reset and its undo, Escape keeping the code, a long line scrolling
// sideways, and the card where no device can check kernels.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "course/course_loader.h"
#include "exercises/exercise_host.h"
#include "exercises/operations.h"
#include "headless_app.h"
#include "headless_imgui.h"
#include "imgui_internal.h"
#include "labs/lab_report.h"
#include "progress/progress_keeper.h"
#include "ui/icons.h"

namespace {

constexpr const char* kStarter = "void main() {\n    // write result[i]\n}\n";
constexpr const char* kSolution = "void main() {\n    uint i = gl_GlobalInvocationID.x;\n    result[i] = a[i] + 10.0;\n}\n";

// Stands for a device: "oops" on a line is a compile error there; the solution's line gives the right
// output; anything else leaves every element one too large. The verdict comes from the real judge.
class FakeExerciseHost : public dojo::ExerciseHost {
public:
    std::vector<dojo::ExerciseLanguage> languages() override {
        dojo::ExerciseLanguage glsl;
        glsl.available = available;
        glsl.backend = "vulkan";
        glsl.device = "Fake GPU";
        glsl.why_not = available ? "" : "no Vulkan device was found";
        return {glsl};
    }
    bool start(const dojo::Exercise& exercise, dojo::KernelLanguage, const std::string& code, std::string& error) override {
        if (pending) {
            error = "busy";
            return false;
        }
        codes.push_back(code);
        dojo::Verdict v;
        v.exercise = exercise.id;
        v.language = "glsl";
        v.backend = "vulkan";
        if (const auto at = code.find("oops"); at != std::string::npos) {
            const int line = 1 + static_cast<int>(std::count(code.begin(), code.begin() + static_cast<long>(at), '\n'));
            v.compile_errors.push_back({line, 5, "undeclared identifier: 'oops'"});
        } else {
            v.compiled = v.ran = true;
            const dojo::Operation& op = *dojo::find_operation(exercise.operation);
            std::vector<float> expected(op.out_size(exercise.size));
            op.reference(exercise.size, dojo::exercise_input(op.a_size(exercise.size), 0), {}, expected);
            std::vector<float> with_guards(dojo::kGuardElements, dojo::canary_value());
            const bool right = code.find("a[i] + 10.0;") != std::string::npos;
            for (float e : expected) with_guards.push_back(right ? e : e + 1);
            with_guards.resize(with_guards.size() + dojo::kGuardElements, dojo::canary_value());
            dojo::judge_output(op, exercise.size, with_guards, v);
            if (v.passed) v.time_ms = 2.0, v.reference_time_ms = 1.5, v.bytes = 8e6;  // 8 MB in 2 ms: 4 GB/s
        }
        pending = v;
        return true;
    }
    bool running() const override { return pending.has_value(); }
    bool take_verdict(dojo::Verdict& out) override {
        if (!pending) return false;
        out = *pending;
        pending.reset();
        return true;
    }

    bool available = true;
    std::optional<dojo::Verdict> pending;
    std::vector<std::string> codes;
};

class ExerciseInLesson : public ::testing::Test {
protected:
    void SetUp() override {
        dojo::test::start_headless_imgui(1024, 4000);  // tall: the whole card on screen
        ImGuiIO& io = ImGui::GetIO();
        io.KeyMap[ImGuiKey_A] = kKeyA;
        io.KeyMap[ImGuiKey_Escape] = kKeyEscape;
        platform_.exercise_host = &host_;
    }
    void TearDown() override { ImGui::DestroyContext(); }

    static constexpr int kKeyA = 1, kKeyEscape = 2;

    static dojo::Course course() {
        dojo::Course c;
        c.tracks.push_back({"t", "Track", "#3FD0C0", "microchip"});
        c.lessons.push_back(
            dojo::parse_lesson("+++\nid = \"one\"\ntitle = \"Kernels\"\ntrack = \"t\"\nsummary = \"S.\"\n"
                               "requires = []\nxp = 10\nminutes = 5\nobjectives = [\"o\"]\nsources = [\"s\"]\n"
                               "+++\nWrite it.\n\n```exercise\nid = \"add\"\n```\n",
                               "one.md"));
        dojo::Exercise e;
        e.id = "add";
        e.title = "Add ten";
        e.task = "Write result[i] = a[i] + 10.";
        e.operation = "add_ten";
        e.size.n = 8;
        e.launch.threads_x = 8;
        e.bench = e.size;
        e.bench_launch = e.launch;
        e.xp = 20;
        e.hints = {"Use gl_GlobalInvocationID.x.", "Add 10.0."};
        e.code[dojo::KernelLanguage::Glsl] = {kStarter, kSolution};
        c.exercises.push_back(e);
        return c;
    }

    static void frame(dojo::AppShell& shell) { (void)dojo::test::frame(shell); }

    // Clicks into the editor, selects everything with Ctrl+A and types `code` over it.
    static void type_code(dojo::AppShell& shell, const std::string& code) {
        dojo::test::click(shell, "Kernel code##add");
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = true;
        io.KeysDown[kKeyA] = true;
        frame(shell);
        io.KeysDown[kKeyA] = false;
        io.KeyCtrl = false;
        frame(shell);
        io.AddInputCharactersUTF8(code.c_str());
        frame(shell);
        frame(shell);
    }

    static void run(dojo::AppShell& shell) {
        dojo::test::click(shell, std::string(dojo::icon::kPlay) + "  Run##add");
        for (int i = 0; i < 4; ++i) frame(shell);
    }

    static nlohmann::json state_of(const dojo::AppShell& shell) { return shell.test_state()["exercises"]["add"]; }

    FakeExerciseHost host_;
    dojo::NullPlatform platform_;
    dojo::MemoryTextStore store_;
};

}  // namespace

TEST_F(ExerciseInLesson, AWrongKernelThenTheRightOneEarnsXpOnceAndTheCodeIsKeptAcrossARestart) {
    {
        dojo::AppShell shell(course(), platform_, store_, "#/lesson/one");
        frame(shell);
        frame(shell);
        ASSERT_TRUE(dojo::widget_registry().find("Kernel code##add")) << "no editor on the lesson";

        type_code(shell, "void main() {\n    oops;\n}\n");
        run(shell);
        ASSERT_EQ(host_.codes.size(), 1u);
        EXPECT_EQ(host_.codes.back(), "void main() {\n    oops;\n}\n");
        auto s = state_of(shell);
        EXPECT_NE(s["summary"].get<std::string>().find("line 2"), std::string::npos) << s.dump();
        EXPECT_EQ(s["runs"], 1);
        EXPECT_EQ(s["failed_runs"], 1);
        // Reading this lesson (no quiz) to its end completes it: XP beside the exercise's.
        const int before = shell.test_state()["xp"];

        type_code(shell, "void main() {\n    uint i = gl_GlobalInvocationID.x;\n    result[i] = a[i] + 11.0;\n}\n");
        run(shell);
        s = state_of(shell);
        EXPECT_NE(s["summary"].get<std::string>().find("Wrong output: element 0"), std::string::npos) << s.dump();
        EXPECT_EQ(s["passed"], false);

        type_code(shell, kSolution);
        run(shell);
        s = state_of(shell);
        EXPECT_EQ(s["passed"], true) << s.dump();
        EXPECT_EQ(s["xp_awarded"], 20);
        EXPECT_EQ(shell.test_state()["xp"], before + 20);
        EXPECT_EQ(shell.test_state()["track_xp"]["t"], before + 20);

        run(shell);  // a second pass: no more XP
        EXPECT_EQ(shell.test_state()["xp"], before + 20);
        EXPECT_EQ(state_of(shell)["runs"], 4);
        EXPECT_EQ(state_of(shell)["failed_runs"], 2);
    }
    // Saved with the progress: a new start has the XP and the learner's code.
    dojo::AppShell again(course(), platform_, store_, "#/lesson/one");
    frame(again);
    EXPECT_EQ(again.progress().exercises.at("add").xp_awarded, 20);
    EXPECT_EQ(again.progress().exercises.at("add").code.at("glsl"), kSolution);
    run(again);
    ASSERT_FALSE(host_.codes.empty());
    EXPECT_EQ(host_.codes.back(), kSolution) << "the editor did not reopen with the kept code";
}

TEST_F(ExerciseInLesson, TypedCodeIsSavedWhenTheLearnerLeavesAndEscapeKeepsIt) {
    dojo::AppShell shell(course(), platform_, store_, "#/lesson/one");
    frame(shell);
    type_code(shell, "void main() { /* half done */ }\n");
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[kKeyEscape] = true;  // ImGui alone would put back the text from before
    frame(shell);
    io.KeysDown[kKeyEscape] = false;
    frame(shell);
    EXPECT_EQ(shell.progress().exercises.at("add").code.at("glsl"), "void main() { /* half done */ }\n");
    shell.navigate("#/");  // leaving saves at once
    const auto saved = dojo::parse_progress(store_.files.at("progress.json"));
    ASSERT_TRUE(saved.ok) << saved.error;
    EXPECT_EQ(saved.progress.exercises.at("add").code.at("glsl"), "void main() { /* half done */ }\n");
}

namespace {

// The frame around the editor's text that scrolls sideways.
const ImGuiWindow* sideways_frame() {
    for (const ImGuiWindow* w : GImGui->Windows)
        if (std::string(w->Name).find("Kernel code##add##sideways") != std::string::npos && w->Active) return w;
    return nullptr;
}

}  // namespace

TEST_F(ExerciseInLesson, ALineWiderThanTheCardScrollsSidewaysAndFollowsTheCaret) {
    dojo::AppShell shell(course(), platform_, store_, "#/lesson/one");
    frame(shell);
    type_code(shell, kSolution);
    const ImGuiWindow* w = sideways_frame();
    ASSERT_TRUE(w);
    EXPECT_EQ(w->ScrollMax.x, 0.0f) << "short lines need no sideways scrolling";
    // A comment of 400 characters: far wider than the 1024-pixel card. The caret at its end is in view.
    type_code(shell, std::string(kSolution) + "// " + std::string(400, 'x'));
    frame(shell);
    w = sideways_frame();
    ASSERT_TRUE(w);
    EXPECT_GT(w->ScrollMax.x, 1000.0f);
    EXPECT_GT(w->Scroll.x, 1000.0f) << "the frame did not follow the caret to the end of the line";
    EXPECT_NEAR(w->Scroll.x, w->ScrollMax.x, 40.0f);
    EXPECT_EQ(shell.progress().exercises.at("add").code.at("glsl"), std::string(kSolution) + "// " + std::string(400, 'x'));
}

TEST_F(ExerciseInLesson, HintsOneAtATimeResetAndItsUndoAndTheSolutionAfterThreeFailedRuns) {
    dojo::AppShell shell(course(), platform_, store_, "#/lesson/one");
    frame(shell);
    frame(shell);
    const std::string hint = std::string(dojo::icon::kLightbulb) + "  Show a hint (1 of 2)##add";
    dojo::test::click(shell, hint);
    EXPECT_EQ(shell.progress().exercises.at("add").hints_shown, 1);
    dojo::test::click(shell, std::string(dojo::icon::kLightbulb) + "  Show a hint (2 of 2)##add");
    EXPECT_EQ(shell.progress().exercises.at("add").hints_shown, 2);
    EXPECT_FALSE(dojo::widget_registry().find(std::string(dojo::icon::kLightbulb) + "  Show a hint (3 of 2)##add"));

    type_code(shell, "void main() { mine(); }\n");
    dojo::test::click(shell, std::string(dojo::icon::kRefresh) + "  Reset##add");
    EXPECT_EQ(shell.progress().exercises.at("add").code.count("glsl"), 0u) << "the starter is not kept as the learner's";
    dojo::test::click(shell, "Undo reset##add");
    EXPECT_EQ(shell.progress().exercises.at("add").code.at("glsl"), "void main() { mine(); }\n");

    // The model solution stays closed until three runs failed.
    dojo::test::click(shell, "Show the model solution##add");
    EXPECT_FALSE(shell.progress().exercises.at("add").solution_shown);
    for (int i = 0; i < 3; ++i) run(shell);
    EXPECT_EQ(state_of(shell)["failed_runs"], 3);
    dojo::test::click(shell, "Show the model solution##add");
    EXPECT_TRUE(shell.progress().exercises.at("add").solution_shown);
}

TEST_F(ExerciseInLesson, APassIsSetAgainstTheDevicesMemoryRooflineFromTheRooflineLab) {
    {
        dojo::AppShell shell(course(), platform_, store_, "#/lesson/one");
        frame(shell);
        type_code(shell, kSolution);
        run(shell);
        const auto s = state_of(shell);
        ASSERT_EQ(s["passed"], true);
        EXPECT_NE(s["roofline"].get<std::string>().find("run it on vulkan"), std::string::npos) << s.dump();
        dojo::LabReport report;
        report.lab = "roofline";
        report.backend = "vulkan";
        report.roofline = dojo::Roofline{100.0, 16.0, 6.25};
        shell.store_lab_report("roofline", report);
        run(shell);
        // 8 MB at 16 GB/s takes at least 0.5 ms; the kernel took 2 ms: a quarter of the limit.
        const std::string line = state_of(shell)["roofline"];
        EXPECT_NE(line.find("measured 16.0 GB/s"), std::string::npos) << line;
        EXPECT_NE(line.find("at least 0.500 ms"), std::string::npos) << line;
        EXPECT_NE(line.find("(25% of the memory limit)"), std::string::npos) << line;
    }
}

TEST_F(ExerciseInLesson, WithoutADeviceTheCardSaysWhereKernelsRunAndRunDoesNothing) {
    platform_.exercise_host = nullptr;
    dojo::AppShell shell(course(), platform_, store_, "#/lesson/one");
    frame(shell);
    frame(shell);
    ASSERT_TRUE(dojo::widget_registry().find("Kernel code##add"));  // the code can still be written and kept
    dojo::test::click(shell, std::string(dojo::icon::kPlay) + "  Run##add");
    EXPECT_TRUE(shell.progress().exercises.empty() || shell.progress().exercises.at("add").runs == 0);

    platform_.exercise_host = &host_;
    host_.available = false;
    dojo::AppShell no_vulkan(course(), platform_, store_, "#/lesson/one");
    frame(no_vulkan);
    dojo::test::click(no_vulkan, std::string(dojo::icon::kPlay) + "  Run##add");
    EXPECT_TRUE(host_.codes.empty());
}

TEST_F(ExerciseInLesson, AnExerciseBlockNamingNoExerciseIsAnErrorAtItsLine) {
    std::vector<dojo::Diagnostic> problems;
    const auto lesson = dojo::parse_lesson(
        "+++\nid = \"x\"\ntitle = \"X\"\ntrack = \"t\"\nsummary = \"S.\"\nrequires = []\n"
        "xp = 1\nminutes = 1\nobjectives = [\"o\"]\nsources = [\"s\"]\n+++\n"
        "```exercise\nid = 3\n```\n\n```exercise\nname = \"y\"\n```\n",
        "x.md");
    ASSERT_GE(lesson.problems.size(), 2u);
    EXPECT_EQ(lesson.problems[0].line, 13);
    EXPECT_NE(lesson.problems[0].message.find("id"), std::string::npos) << lesson.problems[0].message;
}
