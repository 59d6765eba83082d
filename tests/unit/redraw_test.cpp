// The app rests: the frame pacer's decision after each frame, and the views that ask for frames only
// while something on screen moves (a celebration, the Workers race, the presenter's clock) and for
// none while a learner reads.
#include <gtest/gtest.h>

#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "course/course_loader.h"
#include "headless_app.h"
#include "headless_imgui.h"
#include "progress/progress_keeper.h"
#include "ui/app_shell.h"
#include "ui/fonts.h"
#include "ui/platform.h"
#include "ui/redraw.h"
#include "ui/widget_registry.h"

namespace {

TEST(FramePacer, DrawsAFewFramesAfterInputThenRests) {
    dojo::FramePacer pacer;
    pacer.input();
    for (int i = 1; i < dojo::FramePacer::kSettleFrames; ++i)
        EXPECT_EQ(pacer.wait_after_frame(dojo::kWaitForInput, false), 0.0) << "settle frame " << i;
    EXPECT_EQ(pacer.wait_after_frame(dojo::kWaitForInput, false), dojo::kWaitForInput) << "then it waits for input";
    EXPECT_EQ(pacer.wait_after_frame(dojo::kWaitForInput, false), dojo::kWaitForInput);
    EXPECT_DOUBLE_EQ(pacer.wait_after_frame(0.25, false), 0.25) << "a view's timer wakes it";
    EXPECT_EQ(pacer.wait_after_frame(0.0, false), 0.0) << "an animation keeps it drawing";
    EXPECT_EQ(pacer.wait_after_frame(dojo::kWaitForInput, true), 0.0) << "a held button or key keeps it drawing";
    pacer.input();
    EXPECT_EQ(pacer.wait_after_frame(dojo::kWaitForInput, false), 0.0) << "new input starts the settle frames again";
}

TEST(Redraw, KeepsTheSoonestRequestOfTheFrame) {
    dojo::redraw::clear();
    EXPECT_EQ(dojo::redraw::requested_in(), dojo::kWaitForInput);
    dojo::redraw::request_frame_in(0.8);
    dojo::redraw::request_frame_in(0.3);
    dojo::redraw::request_frame_in(2.0);
    EXPECT_DOUBLE_EQ(dojo::redraw::requested_in(), 0.3);
    dojo::redraw::request_frame();
    EXPECT_EQ(dojo::redraw::requested_in(), 0.0);
    dojo::redraw::clear();
    EXPECT_EQ(dojo::redraw::requested_in(), dojo::kWaitForInput);
    dojo::redraw::request_frame_in(-1.0);
    EXPECT_EQ(dojo::redraw::requested_in(), 0.0) << "a time already past means now";
}

class Resting : public ::testing::Test {
protected:
    void SetUp() override { dojo::test::start_headless_imgui(1280, 900); }
    void TearDown() override {
        dojo::set_view_zoom(1.0f);
        ImGui::DestroyContext();
    }

    // One frame of `seconds`; returns what it asked for (tests/support/headless_app.h).
    static double frame(dojo::AppShell& shell, float seconds = 1.0f / 60.0f) {
        ImGui::GetIO().DeltaTime = seconds;
        return dojo::test::frame(shell);
    }
    static void click(dojo::AppShell& shell, const std::string& label) { dojo::test::click(shell, label); }
    static dojo::Course course() {
        dojo::Course c;
        c.tracks.push_back({"t", "Track", "#3FD0C0", "microchip"});
        c.levels = {{"Novice", 0}, {"Apprentice", 5}};
        c.lessons.push_back(dojo::parse_lesson(
            "+++\nid = \"one\"\ntitle = \"First lesson\"\ntrack = \"t\"\nsummary = \"S.\"\nrequires = []\nxp = 10\nminutes = 5\n"
            "objectives = [\"o\"]\nsources = [\"s\"]\n+++\nText to read.\n\n## Part\n\nMore text.\n\n```quiz\nid = \"q\"\n"
            "type = \"single\"\nprompt = \"Pick B.\"\nexplanation = \"B is right.\"\n"
            "choices = [{ text = \"Choice A\" }, { text = \"Choice B\", correct = true }]\n```\n",
            "one.md"));
        return c;
    }

    dojo::NullPlatform platform_;
    dojo::MemoryTextStore store_;
};

TEST_F(Resting, EveryStillViewAsksForNoFrame) {
    for (const char* route :
         {"#/", "#/lesson/one", "#/tree", "#/glossary", "#/faq", "#/search", "#/settings", "#/labs", "#/review", "#/profile"}) {
        dojo::AppShell shell(course(), platform_, store_, route);
        for (int i = 0; i < 3; ++i) frame(shell);
        EXPECT_EQ(frame(shell), dojo::kWaitForInput) << route << " keeps asking for frames while nothing moves";
    }
}

TEST_F(Resting, TheCelebrationAsksForFramesUntilItHasFaded) {
    dojo::AppShell shell(course(), platform_, store_, "#/lesson/one");
    frame(shell);
    frame(shell);
    click(shell, "Choice B");
    click(shell, "Check answer##q");
    ASSERT_EQ(shell.test_state()["xp"], 15) << "the lesson is complete: a celebration is on screen";
    EXPECT_EQ(frame(shell), 0.0) << "it moves";
    int frames = 0;
    while (frame(shell, 0.1f) == 0.0 && frames < 100) ++frames;
    EXPECT_GE(frames, 20) << "it lasts its 2.5 seconds";
    EXPECT_LT(frames, 100) << "and then the app rests";
    EXPECT_EQ(frame(shell), dojo::kWaitForInput);
}

TEST_F(Resting, TheWorkersRaceAsksForFramesWhileItRuns) {
    dojo::AppShell shell(course(), platform_, store_, "#/labs/explore-workers");
    EXPECT_EQ(frame(shell), 0.0) << "the race starts playing";
    int frames = 0;
    while (frame(shell, 0.1f) == 0.0 && frames < 200) ++frames;
    EXPECT_GE(frames, 70) << "the race lasts 8 seconds";
    EXPECT_LT(frames, 200) << "and then the app rests";
    const auto explorers = shell.test_state()["explorers"];
    ASSERT_FALSE(explorers.empty());
    for (const auto& [id, e] : explorers.items()) EXPECT_EQ(e["playing"], false) << id << " has finished its race";
}

TEST_F(Resting, ThePresenterClockAsksForOneFrameASecond) {
    dojo::AppShell shell(course(), platform_, store_, "#/present/one");
    for (int i = 0; i < 3; ++i) frame(shell);
    const double wait = frame(shell, 0.25f);
    EXPECT_GT(wait, 0.0);
    EXPECT_LE(wait, 1.0) << "the timer's next second";
}

}  // namespace
