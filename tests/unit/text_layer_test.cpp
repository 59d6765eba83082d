// The text layer (engine/ui/text_layer.h) in a headless app: every line of the lesson is recorded
// with its place, those below the window too (the browser's find reaches them), a word's spaces
// kept; a frame that draws the same lines again reports no change, and a scroll does.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "course/course_loader.h"
#include "headless_app.h"
#include "headless_imgui.h"
#include "ui/text_layer.h"

namespace {

dojo::Course one_lesson() {
    dojo::Course c;
    c.tracks.push_back({"t", "Track", "#3FD0C0", "microchip"});
    std::string body =
        "+++\nid = \"one\"\ntitle = \"Lines\"\ntrack = \"t\"\nsummary = \"S.\"\nrequires = []\nxp = 10\n"
        "minutes = 5\nobjectives = [\"o\"]\nsources = [\"s\"]\n+++\nThe **first** paragraph of the lesson.\n\n";
    for (int i = 0; i < 60; ++i) body += "Filler paragraph number " + std::to_string(i) + ", long enough to wrap a little.\n\n";
    body += "The last words of the lesson.\n";
    c.lessons.push_back(dojo::parse_lesson(body, "one.md"));
    return c;
}

const dojo::TextLine* find_line(const std::string& text) {
    const auto& lines = dojo::text_layer().last_frame();
    const auto it = std::find_if(lines.begin(), lines.end(), [&](const dojo::TextLine& l) { return l.text == text; });
    return it == lines.end() ? nullptr : &*it;
}

}  // namespace

TEST(TextLayer, EveryLineOfTheLessonWithItsPlaceAndChangesOnlyWhenTheyMove) {
    dojo::test::start_headless_imgui(1024, 600);
    dojo::text_layer().enable();
    dojo::NullPlatform platform;
    dojo::MemoryTextStore store;
    dojo::AppShell shell(one_lesson(), platform, store, "#/lesson/one");
    for (int i = 0; i < 3; ++i) (void)dojo::test::frame(shell);
    const dojo::TextLine* first = find_line("The first paragraph of the lesson.");
    ASSERT_TRUE(first) << "styled words joined with their spaces into one line";
    EXPECT_GT(first->w, 100.0f);
    EXPECT_GT(first->h, 8.0f);
    const dojo::TextLine* last = find_line("The last words of the lesson.");
    ASSERT_TRUE(last) << "a line below the window is in the layer too";
    const float first_y = first->y;
    EXPECT_GT(last->y, 600.0f);
    (void)dojo::text_layer().take_changed();
    (void)dojo::test::frame(shell);
    EXPECT_FALSE(dojo::text_layer().take_changed()) << "the same lines again are no change";
    ImGui::GetIO().MousePos = {500, 300};
    ImGui::GetIO().MouseWheel = -3;
    (void)dojo::test::frame(shell);
    ImGui::GetIO().MouseWheel = 0;
    (void)dojo::test::frame(shell);
    EXPECT_TRUE(dojo::text_layer().take_changed()) << "a scroll moves the lines";
    ASSERT_TRUE(find_line("The first paragraph of the lesson."));
    EXPECT_LT(find_line("The first paragraph of the lesson.")->y, first_y - 10);
    ImGui::DestroyContext();
}
