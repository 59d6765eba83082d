// The Settings view driven headless: a UI scale change rebuilds the fonts bigger, choices persist
// across a restart with the same store, a page's ?theme= is not saved, and reduced motion pauses
// the Workers race.
#include <gtest/gtest.h>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "course/course_loader.h"
#include "headless_app.h"
#include "headless_imgui.h"
#include "progress/progress.h"
#include "progress/progress_keeper.h"
#include "ui/app_shell.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/platform.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"

namespace {

class SettingsApp : public ::testing::Test {
protected:
    void SetUp() override { dojo::test::start_headless_imgui(); }
    void TearDown() override {
        // The theme and the scale are process-wide: leave them as other tests expect them.
        dojo::set_ui_scale(1.0f);
        dojo::theme::use(dojo::theme::Theme::Dark);
        dojo::refresh_fonts(1.0f);
        ImGui::DestroyContext();
    }

    dojo::NullPlatform platform_;
    dojo::MemoryTextStore store_;

    static void frame(dojo::AppShell& shell) { (void)dojo::test::frame(shell); }
    static void frames(dojo::AppShell& shell, int n) {
        for (int i = 0; i < n; ++i) frame(shell);
    }
    static void click(dojo::AppShell& shell, const std::string& label) { dojo::test::click(shell, label); }
    // The settings as saved in the store, parsed back.
    dojo::Settings saved() {
        std::string text, error;
        EXPECT_EQ(store_.read(dojo::ProgressKeeper::kMainName, text, error), dojo::TextStore::ReadStatus::Ok) << error;
        const auto parsed = dojo::parse_progress(text);
        EXPECT_TRUE(parsed.ok) << parsed.error;
        return parsed.progress.settings;
    }
    static dojo::Course course() {
        dojo::Course c;
        c.tracks.push_back({"t", "Track", "#3FD0C0", "microchip"});
        c.lessons.push_back(
            dojo::parse_lesson("+++\nid = \"one\"\ntitle = \"First lesson\"\ntrack = \"t\"\nsummary = \"S.\"\n"
                               "requires = []\nxp = 10\nminutes = 5\nobjectives = [\"o\"]\nsources = [\"s\"]\n+++\nHello.\n",
                               "one.md"));
        return c;
    }
};

TEST_F(SettingsApp, TheMenuOpensSettingsAndTheRouteWorks) {
    dojo::AppShell shell(course(), platform_, store_, "#/settings");
    frames(shell, 2);
    EXPECT_EQ(shell.test_state()["view"], "settings");
    EXPECT_EQ(shell.test_state()["route"], "#/settings");
    for (const char* label : {"Dark", "Light", "Projector", "75%", "100%", "250%", "Reduce motion"})
        EXPECT_TRUE(dojo::widget_registry().find(label)) << label;
    // From another view, through the profile menu.
    shell.navigate("#/");
    frames(shell, 2);
    click(shell, std::string(dojo::icon::kUserCircle) + "##Your progress");
    click(shell, std::string(dojo::icon::kCog) + "  Settings: theme, size, motion");
    EXPECT_EQ(shell.test_state()["view"], "settings");
}

TEST_F(SettingsApp, AScaleChangeRebuildsTheFontsLarger) {
    dojo::AppShell shell(course(), platform_, store_, "#/settings");
    frames(shell, 2);
    dojo::refresh_fonts(1.0f);
    const float body_before = dojo::fonts().body->FontSize;
    const int atlas_before = ImGui::GetIO().Fonts->TexHeight * ImGui::GetIO().Fonts->TexWidth;
    EXPECT_FLOAT_EQ(body_before, 17.0f);

    click(shell, "150%");
    EXPECT_FLOAT_EQ(shell.test_state()["settings"]["ui_scale"].get<float>(), 1.5f);
    EXPECT_FLOAT_EQ(dojo::ui_scale(), 1.5f);
    // What the runner does between frames: the atlas is rebuilt at 1.5x, not stretched.
    ASSERT_TRUE(dojo::refresh_fonts(1.0f));
    EXPECT_FALSE(dojo::refresh_fonts(1.0f)) << "nothing changed, so nothing is rebuilt";
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    EXPECT_FLOAT_EQ(dojo::fonts().body->FontSize, 17.0f * 1.5f);
    EXPECT_FLOAT_EQ(dojo::fonts().title->FontSize, 32.0f * 1.5f);
    EXPECT_GT(w * h, atlas_before);
    // Drawn at 1/1.5 in ImGui units, which the runner shows 1.5x larger: sharp glyphs, same layout.
    EXPECT_FLOAT_EQ(ImGui::GetIO().FontGlobalScale, 1.0f / 1.5f);
    EXPECT_FLOAT_EQ(saved().ui_scale, 1.5f);

    // The runner's io adjustment: window pixels to ImGui units.
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = {1200, 900};
    io.DisplayFramebufferScale = {1, 1};
    io.MousePos = {300, 150};
    dojo::scale_io_for_ui();
    EXPECT_FLOAT_EQ(io.DisplaySize.x, 800);
    EXPECT_FLOAT_EQ(io.DisplayFramebufferScale.y, 1.5f);
    EXPECT_FLOAT_EQ(io.MousePos.x, 200);
}

TEST_F(SettingsApp, ChoicesPersistAcrossARestartWithTheSameStore) {
    {
        dojo::AppShell shell(course(), platform_, store_, "#/settings");
        frames(shell, 2);
        click(shell, "Light");
        EXPECT_EQ(dojo::theme::active(), dojo::theme::Theme::Light);
        EXPECT_EQ(dojo::theme::kBackground, dojo::theme::palette(dojo::theme::Theme::Light).background);
        // ImGui's own style follows at once.
        EXPECT_EQ(ImGui::ColorConvertFloat4ToU32(ImGui::GetStyle().Colors[ImGuiCol_WindowBg]), dojo::theme::kBackground);
        click(shell, "200%");
        click(shell, "Reduce motion");
        const auto state = shell.test_state()["settings"];
        EXPECT_EQ(state["theme"], "light");
        EXPECT_EQ(state["reduce_motion"], true);
    }
    // A fresh start: the process-wide look back to defaults, as in a new app.
    dojo::theme::use(dojo::theme::Theme::Dark);
    dojo::set_ui_scale(1.0f);
    EXPECT_EQ(saved().theme, "light");
    dojo::AppShell again(course(), platform_, store_);
    frames(again, 2);
    EXPECT_EQ(again.test_state()["view"], "settings");  // where the learner left off
    EXPECT_EQ(dojo::theme::active(), dojo::theme::Theme::Light);
    EXPECT_FLOAT_EQ(dojo::ui_scale(), 2.0f);
    EXPECT_EQ(again.test_state()["settings"]["reduce_motion"], true);
    EXPECT_EQ(again.test_state()["settings"]["saved_theme"], "light");
}

TEST_F(SettingsApp, APagesThemeIsForThisVisitUntilTheLearnerChooses) {
    dojo::AppShell shell(course(), platform_, store_, "#/settings");
    EXPECT_FALSE(shell.override_theme("neon"));
    EXPECT_EQ(dojo::theme::active(), dojo::theme::Theme::Dark);
    ASSERT_TRUE(shell.override_theme("projector"));
    frames(shell, 2);
    EXPECT_EQ(dojo::theme::active(), dojo::theme::Theme::Projector);
    auto state = shell.test_state()["settings"];
    EXPECT_EQ(state["theme"], "projector");
    EXPECT_EQ(state["theme_override"], "projector");
    EXPECT_EQ(state["saved_theme"], "dark");
    click(shell, "100%");  // saves the progress, with the learner's own theme
    EXPECT_EQ(saved().theme, "dark");
    EXPECT_EQ(dojo::theme::active(), dojo::theme::Theme::Projector);

    click(shell, "Projector");  // choosing it in Settings keeps it for good
    state = shell.test_state()["settings"];
    EXPECT_EQ(state["theme_override"], "");
    EXPECT_EQ(saved().theme, "projector");
}

TEST_F(SettingsApp, ResetKeepsTheLookAndImportBringsItsOwn) {
    dojo::AppShell shell(course(), platform_, store_, "#/settings");
    frames(shell, 2);
    click(shell, "Projector");
    dojo::Progress other;
    other.settings.theme = "light";
    other.settings.ui_scale = 1.25f;
    ASSERT_TRUE(shell.import_progress(dojo::progress_to_json(other)));
    EXPECT_EQ(dojo::theme::active(), dojo::theme::Theme::Light);
    EXPECT_FLOAT_EQ(dojo::ui_scale(), 1.25f);
}

TEST_F(SettingsApp, ReducedMotionPausesTheWorkersRace) {
    {
        dojo::AppShell shell(course(), platform_, store_, "#/labs/explore-workers");
        frames(shell, 3);
        EXPECT_EQ(shell.test_state()["explorers"]["explore-workers"]["playing"], true);
        EXPECT_EQ(shell.test_state()["settings"]["reduce_motion"], false);
    }
    dojo::MemoryTextStore fresh;
    dojo::AppShell shell(course(), platform_, fresh, "#/labs/explore-workers");
    shell.set_system_reduce_motion(true);  // the browser's prefers-reduced-motion
    frames(shell, 3);
    const auto state = shell.test_state();
    EXPECT_EQ(state["settings"]["reduce_motion"], true);
    EXPECT_EQ(state["settings"]["system_reduce_motion"], true);
    EXPECT_EQ(state["explorers"]["explore-workers"]["playing"], false);
    EXPECT_EQ(state["explorers"]["explore-workers"]["animation_seconds"], 0.0);
    click(shell, std::string(dojo::icon::kPlay) + "  Play");
    EXPECT_EQ(shell.test_state()["explorers"]["explore-workers"]["playing"], true);
}

}  // namespace
