// Drives the app headless with the keyboard alone: arrow keys, Enter and Space, no mouse. Checks that
// the skill tree's nodes are reached and opened by arrows and Enter, and that an ordering question can
// be put in order and checked without dragging.
#include <gtest/gtest.h>

#include <string>

#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include "course/course_loader.h"
#include "headless_imgui.h"
#include "progress/progress_keeper.h"
#include "ui/app_shell.h"
#include "ui/platform.h"
#include "ui/widget_registry.h"

namespace {

// Key slots for io.KeysDown: ImGui 1.86 reads keys through io.KeyMap.
enum Key { kLeft = 1, kRight, kUp, kDown, kSpace, kEnter };

class KeyboardOnly : public ::testing::Test {
protected:
    void SetUp() override {
        dojo::test::start_headless_imgui(1280, 800);
        ImGuiIO& io = ImGui::GetIO();
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        io.KeyMap[ImGuiKey_LeftArrow] = kLeft;
        io.KeyMap[ImGuiKey_RightArrow] = kRight;
        io.KeyMap[ImGuiKey_UpArrow] = kUp;
        io.KeyMap[ImGuiKey_DownArrow] = kDown;
        io.KeyMap[ImGuiKey_Space] = kSpace;
        io.KeyMap[ImGuiKey_Enter] = kEnter;
        io.MousePos = {-FLT_MAX, -FLT_MAX};  // no mouse at all
    }
    void TearDown() override { ImGui::DestroyContext(); }

    dojo::NullPlatform platform_;
    dojo::MemoryTextStore store_;

    void frame(dojo::AppShell& shell) {
        ImGui::NewFrame();
        shell.frame();
        ImGui::Render();
    }
    void press(dojo::AppShell& shell, int key) {
        ImGui::GetIO().KeysDown[key] = true;
        frame(shell);
        ImGui::GetIO().KeysDown[key] = false;
        frame(shell);
    }
    static bool focused(const std::string& label) {
        const auto w = dojo::widget_registry().find(label);
        return w && w->id != 0 && ImGui::GetCurrentContext()->NavId == w->id;
    }
    // Presses `key` until the widget `label` has the keyboard focus; false after 60 presses.
    bool reach(dojo::AppShell& shell, const std::string& label, int key = kDown) {
        for (int i = 0; i < 60; ++i) {
            if (focused(label)) return true;
            press(shell, key);
        }
        return focused(label);
    }

    static dojo::Lesson lesson(const std::string& id, const std::string& requires_, const std::string& body = "Text.\n") {
        return dojo::parse_lesson("+++\nid = \"" + id + "\"\ntitle = \"Lesson " + id + "\"\ntrack = \"t\"\nsummary = \"S.\"\n" +
                                      "requires = [" + requires_ +
                                      "]\nxp = 10\nminutes = 5\nobjectives = [\"o\"]\nsources = [\"s\"]\n+++\n" + body,
                                  id + ".md");
    }
    // a at the top, b and c below it side by side, d below both.
    static dojo::Course diamond() {
        dojo::Course c;
        c.tracks.push_back({"t", "Track", "#3FD0C0", "microchip"});
        c.lessons.push_back(lesson("a", ""));
        c.lessons.push_back(lesson("b", "\"a\""));
        c.lessons.push_back(lesson("c", "\"a\""));
        c.lessons.push_back(lesson("d", "\"b\", \"c\""));
        return c;
    }
};

TEST_F(KeyboardOnly, ArrowKeysWalkTheSkillTreeAndEnterOpensALesson) {
    dojo::AppShell shell(diamond(), platform_, store_, "#/tree");
    frame(shell);
    frame(shell);
    ASSERT_TRUE(reach(shell, "tree:canvas")) << "the arrow keys never reached the tree";
    EXPECT_EQ(shell.test_state()["tree"]["focus"], "a") << "arriving on the tree focuses its first lesson";

    press(shell, kDown);
    const std::string below = shell.test_state()["tree"]["focus"];
    EXPECT_TRUE(below == "b" || below == "c") << below;
    EXPECT_TRUE(focused("tree:canvas")) << "moving between lessons keeps the keyboard on the tree";
    press(shell, kRight);
    press(shell, kLeft);
    press(shell, kRight);
    const std::string right = shell.test_state()["tree"]["focus"];
    press(shell, kLeft);
    const std::string left = shell.test_state()["tree"]["focus"];
    EXPECT_TRUE((left == "b" && right == "c") || (left == "c" && right == "b"))
        << "Left and Right move between b and c: " << left << " " << right;
    press(shell, kDown);
    EXPECT_EQ(shell.test_state()["tree"]["focus"], "d");

    // Enter shows the details; Enter again opens the lesson.
    press(shell, kEnter);
    EXPECT_EQ(shell.test_state()["tree"]["selected"], "d");
    EXPECT_EQ(shell.test_state()["view"], "tree");
    press(shell, kEnter);
    EXPECT_EQ(shell.test_state()["view"], "lesson");
    EXPECT_EQ(shell.test_state()["lesson"], "d");
}

TEST_F(KeyboardOnly, UpFromTheTopLessonLeavesTheTreeForTheButtonsAbove) {
    dojo::AppShell shell(diamond(), platform_, store_, "#/tree");
    frame(shell);
    frame(shell);
    ASSERT_TRUE(reach(shell, "tree:canvas"));
    press(shell, kDown);
    press(shell, kUp);
    EXPECT_EQ(shell.test_state()["tree"]["focus"], "a");
    EXPECT_TRUE(focused("tree:canvas"));
    press(shell, kUp);  // nothing above a: the keyboard moves on, so the zoom buttons and the top bar stay reachable
    EXPECT_FALSE(focused("tree:canvas"));
    EXPECT_EQ(shell.test_state()["tree"]["focus"], "a");
}

TEST_F(KeyboardOnly, MovingTheFocusPansAFarNodeIntoSight) {
    // A long chain is taller than the window: walking down it must pan so the focused node stays visible.
    dojo::Course c;
    c.tracks.push_back({"t", "Track", "#3FD0C0", "microchip"});
    c.lessons.push_back(lesson("n0", ""));
    for (int i = 1; i < 14; ++i) c.lessons.push_back(lesson("n" + std::to_string(i), "\"n" + std::to_string(i - 1) + "\""));
    dojo::AppShell shell(std::move(c), platform_, store_, "#/tree");
    frame(shell);
    frame(shell);
    ASSERT_TRUE(reach(shell, "tree:canvas"));
    for (int i = 0; i < 20; ++i) press(shell, kDown);
    EXPECT_EQ(shell.test_state()["tree"]["focus"], "n13");
    const auto node = dojo::widget_registry().find("tree:n13");
    const auto canvas = dojo::widget_registry().find("tree:canvas");
    ASSERT_TRUE(node) << "the focused node was not drawn: it is out of sight";
    ASSERT_TRUE(canvas);
    EXPECT_GE(node->y, canvas->y);
    EXPECT_LE(node->y + node->h, canvas->y + canvas->h);
}

TEST_F(KeyboardOnly, AnOrderingQuestionIsAnsweredWithArrowsAndSpace) {
    // The items show shuffled; the up/down buttons of each row move it, and the focus follows the item.
    const std::string quiz =
        "Text.\n\n```quiz\nid = \"order\"\ntype = \"order\"\nprompt = \"Smallest first.\"\nexplanation = \"By size.\"\n"
        "items = [\"Register\", \"Cache\", \"Memory\"]\n```\n";
    dojo::Course c;
    c.tracks.push_back({"t", "Track", "#3FD0C0", "microchip"});
    c.lessons.push_back(lesson("one", "", quiz));
    ASSERT_FALSE(c.lessons[0].has_errors()) << c.lessons[0].problems.front().to_string();
    dojo::AppShell shell(std::move(c), platform_, store_, "#/lesson/one");
    frame(shell);
    frame(shell);

    // Bubble sort by keyboard: find a row whose item belongs above the previous one, focus its Up button, press Space.
    auto row_text = [&](int row) -> std::string {
        for (const auto& w : dojo::widget_registry().last_frame())
            if (w.label.rfind(std::to_string(row + 1) + ".  ", 0) == 0) return w.label.substr(4);
        return "";
    };
    auto rank = [](const std::string& item) { return item == "Register" ? 0 : item == "Cache" ? 1 : 2; };
    for (int pass = 0; pass < 6; ++pass) {
        int row = -1;
        for (int r = 1; r < 3; ++r)
            if (rank(row_text(r)) < rank(row_text(r - 1))) row = r;
        if (row < 0) break;
        const std::string up = "order-up-" + std::to_string(row);
        ASSERT_TRUE(reach(shell, up) || reach(shell, up, kUp)) << "the arrow keys never reached " << up;
        const std::string moving = row_text(row);
        press(shell, kSpace);
        EXPECT_EQ(row_text(row - 1), moving) << "Space on Up moved the item one row up";
    }
    EXPECT_EQ(row_text(0), "Register");
    EXPECT_EQ(row_text(1), "Cache");
    EXPECT_EQ(row_text(2), "Memory");
    ASSERT_TRUE(reach(shell, "Check answer##order") || reach(shell, "Check answer##order", kUp));
    press(shell, kSpace);
    EXPECT_EQ(shell.test_state()["questions"]["one/order"]["correct"], true);
}

TEST_F(KeyboardOnly, ALinkInLessonTextIsFollowedWithTheKeyboard) {
    dojo::Course c;
    c.tracks.push_back({"t", "Track", "#3FD0C0", "microchip"});
    c.lessons.push_back(lesson("one", "", "Read [the second lesson](lesson:two) next.\n"));
    c.lessons.push_back(lesson("two", "\"one\""));
    dojo::AppShell shell(std::move(c), platform_, store_, "#/lesson/one");
    frame(shell);
    frame(shell);
    ASSERT_TRUE(reach(shell, "the second lesson")) << "the arrow keys never reached the link";
    press(shell, kEnter);
    frame(shell);
    EXPECT_EQ(shell.test_state()["lesson"], "two") << "Enter on a link follows it";
}

}  // namespace
