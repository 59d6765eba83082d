// The app every platform shows: a top bar with the product name and XP, and the views below it.
// It draws with ImGui only: no SDL, no GL, no files. The platform shell loads the lessons and
// calls frame() between ImGui::NewFrame() and ImGui::Render().
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "course/lesson_catalog.h"

namespace dojo {

class AppShell {
public:
    explicit AppShell(LessonCatalog catalog);

    void frame();

    // What the test hooks report: {view, lessons: [ids], xp, lesson?, broken: [ids]}.
    nlohmann::json test_state() const;

    const LessonCatalog& catalog() const { return catalog_; }

private:
    void draw_top_bar(float height);
    void draw_start_screen();
    void draw_lesson(const LessonEntry& lesson);
    bool lesson_card(const LessonEntry& lesson, float width);

    LessonCatalog catalog_;
    int xp_ = 0;
    int open_lesson_ = -1;  // index into catalog_.lessons, -1 on the start screen
};

}  // namespace dojo
