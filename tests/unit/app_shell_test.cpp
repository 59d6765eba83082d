// Drives the app shell headless (ImGui with no backend) and clicks widgets found by label, the
// way the browser and desktop tests do through their hooks.
#include <gtest/gtest.h>

#include <imgui.h>
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
