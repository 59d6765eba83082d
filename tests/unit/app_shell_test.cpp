// Drives the app shell headless (ImGui with no backend) and clicks widgets found by label, the
// way the browser and desktop tests do through their hooks.
#include <gtest/gtest.h>

#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include "course/course_loader.h"
#include "progress/progress_keeper.h"
#include "ui/app_shell.h"
#include "ui/platform.h"
#include "ui/fonts.h"
#include "ui/widget_registry.h"

namespace {

class HeadlessApp : public ::testing::Test {
protected:
    void SetUp() override {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = {1024, 768};
        io.DeltaTime = 1.0f / 60.0f;
        dojo::build_fonts(1.0f);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    void TearDown() override { ImGui::DestroyContext(); }

    dojo::NullPlatform platform_;
    dojo::MemoryTextStore store_;

    void frame(dojo::AppShell& shell) {
        ImGui::NewFrame();
        shell.frame();
        ImGui::Render();
    }

    void click(dojo::AppShell& shell, const std::string& label) {
        const auto rect = dojo::widget_registry().find(label);
        ASSERT_TRUE(rect) << "no widget labelled '" << label << "'";
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = {rect->x + rect->w / 2, rect->y + rect->h / 2};
        frame(shell);
        io.MouseDown[0] = true;
        frame(shell);
        io.MouseDown[0] = false;
        frame(shell);  // the click lands on release
        frame(shell);  // and this frame draws what it opened
    }

    static dojo::Lesson lesson(const char* id, const char* title, const char* body) {
        return dojo::parse_lesson(std::string("+++\nid = \"") + id + "\"\ntitle = \"" + title +
                                      "\"\ntrack = \"t\"\nsummary = \"S.\"\nrequires = []\nxp = 10\nminutes = 5\n"
                                      "objectives = [\"o\"]\nsources = [\"s\"]\n+++\n" + body,
                                  std::string(id) + ".md");
    }
    static dojo::Course catalog() {
        dojo::Course c;
        c.tracks.push_back({"t", "Track", "#3FD0C0", "microchip"});
        c.lessons.push_back(lesson("one", "First lesson", "Hello.\n"));
        c.lessons.push_back(lesson("two", "Second lesson", "World.\n"));
        c.lessons.push_back(dojo::parse_lesson("not a lesson", "3.md"));
        c.lessons.back().id = "three";
        return c;
    }
};

}  // namespace

TEST_F(HeadlessApp, StartScreenListsEveryLessonOnScreen) {
    dojo::AppShell shell(catalog(), platform_, store_);
    frame(shell);
    frame(shell);
    const auto state = shell.test_state();
    EXPECT_EQ(state["view"], "home");
    EXPECT_EQ(state["xp"], 0);
    EXPECT_EQ(state["lessons"], nlohmann::json({"one", "two"}));
    EXPECT_EQ(state["broken"], nlohmann::json({"three"}));
    for (const char* title : {"First lesson", "Second lesson", "three"}) {  // a broken lesson shows its id
        const auto rect = dojo::widget_registry().find(title);
        ASSERT_TRUE(rect) << title;
        EXPECT_GT(rect->w, 100);
        EXPECT_GE(rect->x, 0);
        EXPECT_LE(rect->x + rect->w, 1024);
    }
}

TEST_F(HeadlessApp, ClickingALessonOpensItAndBackReturns) {
    dojo::AppShell shell(catalog(), platform_, store_);
    frame(shell);
    frame(shell);
    click(shell, "Second lesson");
    auto state = shell.test_state();
    EXPECT_EQ(state["view"], "lesson");
    EXPECT_EQ(state["lesson"], "two");
    click(shell, "\xef\x81\x93  All lessons");
    EXPECT_EQ(shell.test_state()["view"], "home");
}

TEST_F(HeadlessApp, ABrokenLessonDoesNotOpen) {
    dojo::AppShell shell(catalog(), platform_, store_);
    frame(shell);
    frame(shell);
    click(shell, "three");
    EXPECT_EQ(shell.test_state()["view"], "home");
}

TEST_F(HeadlessApp, NarrowPhoneWidthKeepsCardsInside) {
    ImGui::GetIO().DisplaySize = {360, 740};
    dojo::AppShell shell(catalog(), platform_, store_);
    frame(shell);
    frame(shell);
    const auto rect = dojo::widget_registry().find("First lesson");
    ASSERT_TRUE(rect);
    EXPECT_GE(rect->x, 0);
    EXPECT_LE(rect->x + rect->w, 360);
}

namespace {

// A course of one lesson with one single-choice question, for flows that answer it.
dojo::Course quiz_course() {
    dojo::Course c;
    c.tracks.push_back({"t", "Track", "#3FD0C0", "microchip"});
    c.levels = {{"Novice", 0}, {"Apprentice", 5}};
    c.lessons.push_back(dojo::parse_lesson(
        "+++\nid = \"one\"\ntitle = \"First lesson\"\ntrack = \"t\"\nsummary = \"S.\"\nrequires = []\nxp = 10\nminutes = 5\n"
        "objectives = [\"o\"]\nsources = [\"s\"]\n+++\nText.\n\n```quiz\nid = \"q\"\ntype = \"single\"\nprompt = \"Pick B.\"\n"
        "explanation = \"B is right.\"\nchoices = [{ text = \"Choice A\" }, { text = \"Choice B\", correct = true }]\n```\n",
        "one.md"));
    return c;
}

// Gives the shell's learner `xp` XP through an import, as a saved file would.
void give_xp(dojo::AppShell& shell, int xp) {
    dojo::Progress p;
    p.track_xp["t"] = xp;
    ASSERT_TRUE(shell.import_progress(dojo::progress_to_json(p)));
}

}  // namespace

TEST_F(HeadlessApp, AnsweringWithTheMouseAwardsXpOnceAndSchedulesAReview) {
    dojo::AppShell shell(quiz_course(), platform_, store_, "#/lesson/one");
    shell.set_today(1000);
    frame(shell);
    frame(shell);
    click(shell, "Choice A");
    click(shell, "Check answer##q");
    EXPECT_EQ(shell.test_state()["xp"], 0);
    click(shell, "Choice B");
    click(shell, "Try again##q");
    auto state = shell.test_state();
    EXPECT_EQ(state["xp"], 5 + 10) << "question XP, then the lesson's XP: it was read to the end and every question is right";
    EXPECT_EQ(state["level"], "Apprentice");
    EXPECT_EQ(state["questions"]["one/q"]["due_day"], 1001) << "SM-2: the first review comes the next day";
    EXPECT_EQ(state["due"], 0);
    ASSERT_TRUE(store_.files.count("progress.json")) << "progress is saved after an answer";

    shell.set_today(1001);
    EXPECT_EQ(shell.test_state()["due"], 1);
    shell.navigate("#/review");
    frame(shell);
    frame(shell);
    click(shell, "Choice B");
    click(shell, "Check answer##q");
    state = shell.test_state();
    EXPECT_EQ(state["xp"], 15) << "reviews earn no XP";
    EXPECT_EQ(state["due"], 0);
    EXPECT_EQ(state["questions"]["one/q"]["due_day"], 1007) << "SM-2: the second interval is six days";
}

TEST_F(HeadlessApp, TheQuizWorksWithTheKeyboardAlone) {
    dojo::AppShell shell(quiz_course(), platform_, store_, "#/lesson/one");
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.KeyMap[ImGuiKey_DownArrow] = 1;
    io.KeyMap[ImGuiKey_Space] = 2;
    auto press = [&](int key) {
        io.KeysDown[key] = true;
        frame(shell);
        io.KeysDown[key] = false;
        frame(shell);
    };
    // Arrow down until `label` has the keyboard focus, then press Space on it.
    auto reach_and_press = [&](const std::string& label) {
        for (int i = 0; i < 60; ++i) {
            const auto target = dojo::widget_registry().find(label);
            if (target && target->id != 0 && ImGui::GetCurrentContext()->NavId == target->id) {
                press(2);
                return true;
            }
            press(1);
        }
        return false;
    };
    frame(shell);
    frame(shell);
    ASSERT_TRUE(reach_and_press("Choice B")) << "the arrow keys never reached the choice";
    ASSERT_TRUE(reach_and_press("Check answer##q")) << "the arrow keys never reached the check button";
    const auto state = shell.test_state();
    EXPECT_EQ(state["questions"]["one/q"]["correct"], true) << "Space picked the choice and checked the answer";
    EXPECT_EQ(state["view"], "lesson");
}

TEST_F(HeadlessApp, ImportReplacesProgressAndRejectsAFileThatIsNotProgress) {
    dojo::AppShell shell(quiz_course(), platform_, store_);
    give_xp(shell, 42);
    EXPECT_EQ(shell.test_state()["xp"], 42);
    EXPECT_FALSE(shell.import_progress("{\"not\": \"progress\"}"));
    EXPECT_EQ(shell.test_state()["xp"], 42) << "a bad import leaves progress unchanged";
    bool told = false;
    const auto state = shell.test_state();  // held: ranging over a temporary's member would dangle
    for (const auto& n : state["notices"]) told |= n.get<std::string>().find("could not be imported") != std::string::npos;
    EXPECT_TRUE(told) << state["notices"].dump();
}

TEST_F(HeadlessApp, ResetAsksFirstThenClearsProgress) {
    dojo::AppShell shell(quiz_course(), platform_, store_);
    give_xp(shell, 42);
    frame(shell);
    frame(shell);
    click(shell, "\xef\x8a\xbd##Your progress");
    click(shell, "\xef\x87\xb8  Reset progress");
    EXPECT_EQ(shell.test_state()["xp"], 42) << "nothing is reset before the learner confirms";
    click(shell, "Reset everything");
    EXPECT_EQ(shell.test_state()["xp"], 0);
}

TEST_F(HeadlessApp, ExportGivesTheProgressJson) {
    dojo::AppShell shell(quiz_course(), platform_, store_);
    give_xp(shell, 7);
    frame(shell);
    frame(shell);
    click(shell, "\xef\x8a\xbd##Your progress");
    click(shell, "\xef\x80\x99  Export progress");
    EXPECT_EQ(platform_.exported_name, "compute-dojo-progress.json");
    EXPECT_TRUE(dojo::parse_progress(platform_.exported_text).ok);
    EXPECT_EQ(dojo::parse_progress(platform_.exported_text).progress.total_xp(), 7);
}
