// The skill tree view (#/tree): the course's lessons as a graph to pan, zoom and walk with the arrow
// keys, and a panel with the selected lesson's details.
#pragma once

#include <functional>
#include <string>

#include <imgui.h>
#include <nlohmann/json_fwd.hpp>

#include "course/course.h"
#include "course/skill_tree.h"
#include "progress/progress.h"

namespace dojo {

// What the view asks of the app around it.
struct TreeViewEvents {
    std::function<void(const std::string& route)> navigate;
};

class TreeView {
public:
    // Lays the tree out once: the course never changes.
    TreeView(const Course& course, const Progress& progress);

    // The canvas, and beside it (below it when narrow) the selected lesson's details.
    void draw(float width, float height, TreeViewEvents& events);

    // {focus, selected: lesson ids or null, pan: [x, y], zoom}.
    nlohmann::json test_state() const;

private:
    void draw_details(const Lesson& lesson, float width, TreeViewEvents& events);
    // Arrow keys, Enter and Space on the canvas when it has the keyboard focus; true when they moved it.
    bool keyboard(ImGuiID canvas_id, ImVec2 canvas_size, TreeViewEvents& events);

    const Course& course_;
    const Progress& progress_;
    SkillTreeLayout tree_;
    float zoom_ = 1.0f;
    ImVec2 pan_{0, 0};
    bool fitted_ = false;
    int selected_ = -1;  // the lesson (an index into course_.lessons) whose details show
    int focus_ = -1;     // the node (an index into tree_.nodes) the arrow keys move, -1 before any
};

}  // namespace dojo
