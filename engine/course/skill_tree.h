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

// Lessons directly unlocked by completing `lesson_id` (those whose requires_ names it), in course order.
std::vector<int> lessons_unlocked_by(const Course& course, const std::string& lesson_id);

}  // namespace dojo
