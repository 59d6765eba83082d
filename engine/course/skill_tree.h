// The skill tree as a graph: prerequisite cycles for the validator, a layered layout for the skill-tree
// view, and what finishing a lesson unlocks. Pure functions of the course; robust to any input.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "course/course.h"

namespace dojo {

// A badly tangled course can hold exponentially many cycles; the validator only needs enough to act on.
inline constexpr std::size_t kMaxReportedCycles = 100;

// Prerequisite cycles among lessons. Each cycle is reported once, as the ids along it in order,
// starting from its smallest id in course order (e.g. {"a","b","c"} meaning a -> b -> c -> a, where
// "x -> y" means x requires y). Self-requirement is a cycle of one. Unknown ids are ignored here.
// Cycles come sorted by their first lesson in course order; at most kMaxReportedCycles of them (the work
// is bounded by that cap times the size of the course), so the answer is complete for any sane course.
std::vector<std::vector<std::string>> find_prerequisite_cycles(const std::vector<Lesson>& lessons);

struct SkillTreeLayout {
    struct Node {
        int lesson = -1;  // index into Course::lessons
        int layer = 0;
        float x = 0, y = 0;  // top-left of the node box
    };
    struct Edge {
        int from = -1, to = -1;  // node indexes: from = the prerequisite, to = the lesson that requires it
    };
    std::vector<Node> nodes;      // one per lesson, in course order
    std::vector<Edge> edges;      // each known requirement once (cycles too), course order; no self-loops
    float width = 0, height = 0;  // bounding box of all nodes
};

struct SkillTreeMetrics {
    float node_width = 220, node_height = 64, gap_x = 48, gap_y = 72;
};

// Layered drawing, roots at the top: a lesson's layer is 1 + the max layer of its prerequisites
// (longest path; prerequisites that are unknown or that lie on a cycle are ignored so this always
// terminates). Within a layer, nodes are ordered to reduce edge crossings (a few barycenter sweeps down
// and up, stable: ties keep course order), then each layer is centered horizontally on the widest
// layer. y = layer * (node_height + gap_y). Deterministic for the same input.
SkillTreeLayout layout_skill_tree(const Course& course, const SkillTreeMetrics& metrics = {});

// Which way an arrow key moves the keyboard focus in the drawn tree.
enum class TreeDirection { Left, Right, Up, Down };

// The node an arrow key moves the focus to from node `from` (an index into layout.nodes): the nearest node
// whose center lies in that direction within a 45-degree cone either side (else, when the cone is empty,
// the nearest anywhere in that half of the plane). Up and Down weigh the distance along the key three times
// the sideways offset, so they reach the nearest layer first; Left and Right weigh the sideways offset
// three times, so they stay in the row. Ties go to the lower index. Returns `from` when no node lies that way, and the first
// node (or -1 for an empty tree) when `from` is not a valid index, so a first key press lands somewhere.
int tree_neighbor(const SkillTreeLayout& layout, int from, TreeDirection direction);

// Lessons directly unlocked by completing `lesson_id` (those whose requires_ names it), in course order.
std::vector<int> lessons_unlocked_by(const Course& course, const std::string& lesson_id);

}  // namespace dojo
