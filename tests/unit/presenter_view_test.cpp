// Presenter mode driven headless: the route opens it, the keyboard moves between screens, B blanks the
// screen, Esc leaves, and revealing a quiz's answer records nothing and earns no XP.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "course/course_loader.h"
#include "headless_app.h"
#include "headless_imgui.h"
#include "progress/progress_keeper.h"
#include "ui/app_shell.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/platform.h"
#include "ui/widget_registry.h"

namespace {

class Presenter : public ::testing::Test {
protected:
    void SetUp() override {
        dojo::test::start_headless_imgui(1280, 800);
        ImGuiIO& io = ImGui::GetIO();
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // as the runner sets it: arrows must still move screens
        const ImGuiKey keys[] = {ImGuiKey_LeftArrow, ImGuiKey_RightArrow, ImGuiKey_UpArrow, ImGuiKey_DownArrow, ImGuiKey_PageUp,
                                 ImGuiKey_PageDown,  ImGuiKey_Home,       ImGuiKey_End,     ImGuiKey_Space,     ImGuiKey_Escape};
        for (const ImGuiKey k : keys) io.KeyMap[k] = 10 + k;
    }
    void TearDown() override {
        dojo::set_view_zoom(1.0f);  // presenter mode's large type is global: leave none for the next test
        ImGui::DestroyContext();
    }

    static void frame(dojo::AppShell& shell) { (void)dojo::test::frame(shell); }
    void press(dojo::AppShell& shell, ImGuiKey key) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeysDown[io.KeyMap[key]] = true;
        frame(shell);
        io.KeysDown[io.KeyMap[key]] = false;
        frame(shell);
    }
    void type(dojo::AppShell& shell, char c) {
        ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(c));
        frame(shell);
        frame(shell);
    }
    // A widget by its visible label, or by the id after "##" of an icon button.
    static std::optional<dojo::WidgetRect> find(const std::string& label) {
        if (auto rect = dojo::widget_registry().find(label)) return rect;
        for (const auto& w : dojo::widget_registry().last_frame())
            if (w.full.size() > label.size() + 2 && w.full.ends_with("##" + label)) return w;
        return std::nullopt;
    }
    void click(dojo::AppShell& shell, const std::string& label) {
        const auto rect = find(label);
        ASSERT_TRUE(rect) << "no widget labelled '" << label << "'";
        dojo::test::click_at(shell, *rect);
    }
    static int screen(const dojo::AppShell& shell) { return shell.test_state()["present"]["screen"].get<int>(); }

    static dojo::Course course() {
        dojo::Course c;
        c.tracks.push_back({"t", "Track", "#3FD0C0", "microchip"});
        c.levels = {{"Novice", 0}, {"Apprentice", 5}};
        c.lessons.push_back(dojo::parse_lesson(
            "+++\nid = \"one\"\ntitle = \"First lesson\"\ntrack = \"t\"\nsummary = \"S.\"\nrequires = []\nxp = 10\nminutes = 5\n"
            "objectives = [\"o\"]\nsources = [\"s\"]\n+++\nIntro.\n\n## Part A\n\nText A.\n\n---\n\nMore A.\n\n## Part B\n\n"
            "```quiz\nid = \"q\"\ntype = \"single\"\nprompt = \"Pick B.\"\nexplanation = \"B is right.\"\n"
            "choices = [{ text = \"Choice A\" }, { text = \"Choice B\", correct = true }]\n```\n\nThe end.\n",
            "one.md"));
        return c;
    }

    dojo::NullPlatform platform_;
    dojo::MemoryTextStore store_;
};

}  // namespace

TEST_F(Presenter, TheRouteOpensTheTitleScreenWithoutTheTopBar) {
    dojo::AppShell shell(course(), platform_, store_, "#/present/one");
    frame(shell);
    frame(shell);
    const auto state = shell.test_state();
    EXPECT_EQ(state["view"], "present");
    EXPECT_EQ(state["route"], "#/present/one/1");
    EXPECT_EQ(state["present"]["lesson"], "one");
    EXPECT_EQ(state["present"]["screen"], 1);
    EXPECT_EQ(state["present"]["screens"], 6) << "title, intro, Part A, after the break, Part B's quiz, the end";
    EXPECT_EQ(state["present"]["kind"], "title");
    EXPECT_FALSE(dojo::widget_registry().find("Skill tree")) << "no top bar while presenting";
    EXPECT_TRUE(find("Next"));
}

TEST_F(Presenter, ArrowsSpaceAndPageKeysMoveBetweenScreens) {
    dojo::AppShell shell(course(), platform_, store_, "#/present/one");
    frame(shell);
    press(shell, ImGuiKey_RightArrow);
    EXPECT_EQ(screen(shell), 2);
    press(shell, ImGuiKey_Space);
    EXPECT_EQ(screen(shell), 3);
    EXPECT_EQ(shell.test_state()["present"]["heading"], "Part A");
    press(shell, ImGuiKey_PageDown);
    press(shell, ImGuiKey_DownArrow);
    EXPECT_EQ(screen(shell), 5);
    press(shell, ImGuiKey_LeftArrow);
    EXPECT_EQ(screen(shell), 4);
    press(shell, ImGuiKey_UpArrow);
    press(shell, ImGuiKey_PageUp);
    EXPECT_EQ(screen(shell), 2);
    press(shell, ImGuiKey_End);
    EXPECT_EQ(screen(shell), 6);
    press(shell, ImGuiKey_RightArrow);
    EXPECT_EQ(screen(shell), 6) << "the last screen stays put";
    EXPECT_EQ(shell.route(), "#/present/one/6") << "the address follows, so a reload keeps the place";
    EXPECT_EQ(platform_.routes.back(), "#/present/one/6");
    press(shell, ImGuiKey_Home);
    EXPECT_EQ(screen(shell), 1);
    press(shell, ImGuiKey_LeftArrow);
    EXPECT_EQ(screen(shell), 1) << "the first screen stays put";
}

TEST_F(Presenter, AReloadReopensTheSameScreen) {
    dojo::AppShell shell(course(), platform_, store_, "#/present/one/4");
    frame(shell);
    EXPECT_EQ(screen(shell), 4);
    dojo::AppShell beyond(course(), platform_, store_, "#/present/one/99");
    frame(beyond);
    EXPECT_EQ(screen(beyond), 6) << "a screen past the end opens the last one";
    dojo::AppShell missing(course(), platform_, store_, "#/present/nope");
    frame(missing);
    EXPECT_EQ(missing.test_state()["view"], "home");
    EXPECT_EQ(missing.test_state()["notices"].size(), 1u);
}

TEST_F(Presenter, BBlanksTheScreenAndAnyKeyBringsItBack) {
    dojo::AppShell shell(course(), platform_, store_, "#/present/one/2");
    frame(shell);
    type(shell, 'b');
    EXPECT_TRUE(shell.test_state()["present"]["blank"]);
    EXPECT_FALSE(find("Next")) << "nothing but black on a blank screen";
    press(shell, ImGuiKey_RightArrow);
    EXPECT_FALSE(shell.test_state()["present"]["blank"]);
    EXPECT_EQ(screen(shell), 2) << "the key that ends the blank screen does not move on";
    type(shell, '.');
    EXPECT_TRUE(shell.test_state()["present"]["blank"]);
    type(shell, 'B');
    EXPECT_FALSE(shell.test_state()["present"]["blank"]);
    click(shell, "Blank the screen");
    EXPECT_TRUE(shell.test_state()["present"]["blank"]);
}

TEST_F(Presenter, TheTimerCountsAndRestarts) {
    dojo::AppShell shell(course(), platform_, store_, "#/present/one");
    for (int i = 0; i < 120; ++i) frame(shell);  // two seconds at 60 frames a second
    EXPECT_GT(shell.test_state()["present"]["elapsed"].get<double>(), 1.5);
    type(shell, 't');
    EXPECT_LT(shell.test_state()["present"]["elapsed"].get<double>(), 0.1);
}

TEST_F(Presenter, RevealingAnAnswerEarnsNoXpAndRecordsNothing) {
    dojo::AppShell shell(course(), platform_, store_, "#/present/one/5");
    frame(shell);
    frame(shell);
    EXPECT_EQ(shell.test_state()["present"]["kind"], "quiz");
    ASSERT_TRUE(find("Reveal the answer (R)"));
    click(shell, "Reveal the answer (R)");
    auto state = shell.test_state();
    EXPECT_EQ(state["present"]["revealed"], nlohmann::json({"q"}));
    EXPECT_EQ(state["xp"], 0);
    EXPECT_TRUE(state["questions"].empty()) << "the teacher's own progress is untouched";
    type(shell, 'r');
    EXPECT_TRUE(shell.test_state()["present"]["revealed"].empty()) << "R hides it again";
    EXPECT_EQ(shell.test_state()["xp"], 0);
}

TEST_F(Presenter, EscLeavesToTheLessonAndThePresentButtonComesBack) {
    dojo::AppShell shell(course(), platform_, store_, "#/lesson/one");
    frame(shell);
    frame(shell);
    click(shell, std::string(dojo::icon::kDesktop) + "  Present");
    EXPECT_EQ(shell.test_state()["view"], "present");
    press(shell, ImGuiKey_RightArrow);
    EXPECT_EQ(screen(shell), 2) << "the keyboard focus left on the Present button does not swallow the arrow";
    EXPECT_GT(dojo::ui_scale(), dojo::learner_ui_scale()) << "a 1280 x 800 window asks for larger type";
    press(shell, ImGuiKey_Escape);
    EXPECT_EQ(shell.test_state()["view"], "lesson");
    EXPECT_EQ(dojo::ui_scale(), dojo::learner_ui_scale()) << "leaving gives the larger type back";
    EXPECT_EQ(shell.route(), "#/lesson/one");
}
