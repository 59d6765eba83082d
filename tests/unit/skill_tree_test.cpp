// The skill-tree graph algorithms: cycle listing, layered layout (layers, bounds, overlap, crossings,
// centering, robustness to broken courses) and what a lesson unlocks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "course/skill_tree.h"

namespace {

using dojo::Course;
using dojo::Lesson;
using dojo::SkillTreeLayout;
using dojo::SkillTreeMetrics;
using Cycles = std::vector<std::vector<std::string>>;

Lesson lesson(std::string id, std::vector<std::string> requires_ = {}) {
    Lesson l;
    l.id = std::move(id);
    l.requires_ = std::move(requires_);
    return l;
}

Course course_of(std::vector<Lesson> lessons) {
    Course c;
    c.lessons = std::move(lessons);
    return c;
}

std::vector<int> layers_of(const SkillTreeLayout& t) {
    std::vector<int> out;
    for (const auto& n : t.nodes) out.push_back(n.layer);
    return out;
}

// Crossings between edges joining the same two adjacent layers: what barycenter ordering is meant to remove.
int count_crossings(const SkillTreeLayout& t) {
    int crossings = 0;
    for (std::size_t i = 0; i < t.edges.size(); ++i) {
        for (std::size_t j = i + 1; j < t.edges.size(); ++j) {
            const auto& a = t.edges[i];
            const auto& b = t.edges[j];
            const auto &af = t.nodes[a.from], &at = t.nodes[a.to], &bf = t.nodes[b.from], &bt = t.nodes[b.to];
            if (at.layer != af.layer + 1 || bt.layer != bf.layer + 1 || af.layer != bf.layer) continue;
            if ((af.x - bf.x) * (at.x - bt.x) < 0) ++crossings;
        }
    }
    return crossings;
}

// Every node inside the bounding box, and no two node boxes overlapping.
void expect_well_placed(const SkillTreeLayout& t, const SkillTreeMetrics& m = {}) {
    constexpr float kEps = 1e-3f;
    for (std::size_t i = 0; i < t.nodes.size(); ++i) {
        const auto& n = t.nodes[i];
        EXPECT_EQ(n.lesson, static_cast<int>(i));
        EXPECT_GE(n.x, -kEps) << i;
        EXPECT_GE(n.y, -kEps) << i;
        EXPECT_LE(n.x + m.node_width, t.width + kEps) << i;
        EXPECT_LE(n.y + m.node_height, t.height + kEps) << i;
        EXPECT_FLOAT_EQ(n.y, static_cast<float>(n.layer) * (m.node_height + m.gap_y)) << i;
    }
    for (std::size_t i = 0; i < t.nodes.size(); ++i) {
        for (std::size_t j = i + 1; j < t.nodes.size(); ++j) {
            const auto &a = t.nodes[i], &b = t.nodes[j];
            const bool apart_x = a.x + m.node_width <= b.x + kEps || b.x + m.node_width <= a.x + kEps;
            const bool apart_y = a.y + m.node_height <= b.y + kEps || b.y + m.node_height <= a.y + kEps;
            EXPECT_TRUE(apart_x || apart_y) << "nodes " << i << " and " << j << " overlap";
        }
    }
}

// Each layer's nodes sit centered on the bounding box: equal margins left and right.
void expect_layers_centered(const SkillTreeLayout& t, const SkillTreeMetrics& m = {}) {
    int layers = 0;
    for (const auto& n : t.nodes) layers = std::max(layers, n.layer + 1);
    for (int l = 0; l < layers; ++l) {
        float lo = 1e30f, hi = -1e30f;
        for (const auto& n : t.nodes)
            if (n.layer == l) lo = std::min(lo, n.x), hi = std::max(hi, n.x + m.node_width);
        if (lo > hi) continue;
        EXPECT_NEAR(lo, t.width - hi, 1e-3) << "layer " << l;
    }
}

// A course of `n` lessons where each requires up to two earlier ones, picked by a fixed LCG.
Course big_course(int n) {
    std::vector<Lesson> lessons;
    std::uint32_t seed = 12345;
    auto next = [&seed] { return seed = seed * 1664525u + 1013904223u, seed >> 8; };
    for (int i = 0; i < n; ++i) {
        std::vector<std::string> req;
        for (int k = 0; k < 2 && i > 0; ++k) req.push_back("l" + std::to_string(next() % static_cast<std::uint32_t>(i)));
        lessons.push_back(lesson("l" + std::to_string(i), req));
    }
    return course_of(std::move(lessons));
}

}  // namespace

// ---- Cycles ------------------------------------------------------------------------------------------

TEST(PrerequisiteCycles, NoneInADag) {
    const auto c = course_of({lesson("a"), lesson("b", {"a"}), lesson("c", {"a"}), lesson("d", {"b", "c", "a"})});
    EXPECT_TRUE(dojo::find_prerequisite_cycles(c.lessons).empty());
}

TEST(PrerequisiteCycles, ThreeCycleReportedOnceFromFirstLessonInCourseOrder) {
    // b -> c -> a -> b; "b" comes first in course order, though "a" sorts first by name.
    const auto c = course_of({lesson("b", {"c"}), lesson("a", {"b"}), lesson("c", {"a"})});
    EXPECT_EQ(dojo::find_prerequisite_cycles(c.lessons), (Cycles{{"b", "c", "a"}}));
}

TEST(PrerequisiteCycles, TwoDisjointCycles) {
    const auto c = course_of(
        {lesson("x", {"y"}), lesson("p", {"q"}), lesson("y", {"x"}), lesson("q", {"r"}), lesson("r", {"p"}), lesson("free")});
    EXPECT_EQ(dojo::find_prerequisite_cycles(c.lessons), (Cycles{{"x", "y"}, {"p", "q", "r"}}));
}

TEST(PrerequisiteCycles, SelfRequirementIsACycleOfOne) {
    const auto c = course_of({lesson("a"), lesson("b", {"a", "b"})});
    EXPECT_EQ(dojo::find_prerequisite_cycles(c.lessons), (Cycles{{"b"}}));
}

TEST(PrerequisiteCycles, CycleWithTailsReportsOnlyTheCycle) {
    // root <- a <-> b <- tail: the lessons leading into and out of the cycle are not on it.
    const auto c = course_of({lesson("tail", {"b"}), lesson("root"), lesson("a", {"root", "b"}), lesson("b", {"a"})});
    EXPECT_EQ(dojo::find_prerequisite_cycles(c.lessons), (Cycles{{"a", "b"}}));
}

TEST(PrerequisiteCycles, DuplicateRequiresAndUnknownIdsDoNotAddCycles) {
    const auto c = course_of({lesson("a", {"b", "b", "ghost"}), lesson("b", {"a", "a", "nowhere"})});
    EXPECT_EQ(dojo::find_prerequisite_cycles(c.lessons), (Cycles{{"a", "b"}}));
}

TEST(PrerequisiteCycles, CyclesSharingALessonAreEachReported) {
    // A figure eight through "hub": hub -> x -> hub and hub -> y -> hub.
    const auto c = course_of({lesson("hub", {"x", "y"}), lesson("x", {"hub"}), lesson("y", {"hub"})});
    EXPECT_EQ(dojo::find_prerequisite_cycles(c.lessons), (Cycles{{"hub", "x"}, {"hub", "y"}}));
}

TEST(PrerequisiteCycles, OnlySimpleCyclesAreListed) {
    // a -> b -> c -> a and b -> c -> b: walking on from c back into b must not make a longer "cycle".
    const auto c = course_of({lesson("a", {"b"}), lesson("b", {"c"}), lesson("c", {"b", "a"})});
    EXPECT_EQ(dojo::find_prerequisite_cycles(c.lessons), (Cycles{{"a", "b", "c"}, {"b", "c"}}));
}

TEST(PrerequisiteCycles, DenseTangleIsCappedAndTerminates) {
    // Every lesson requires every other: billions of cycles. The listing stops at the cap.
    std::vector<Lesson> lessons;
    for (int i = 0; i < 14; ++i) {
        std::vector<std::string> req;
        for (int j = 0; j < 14; ++j)
            if (j != i) req.push_back("n" + std::to_string(j));
        lessons.push_back(lesson("n" + std::to_string(i), req));
    }
    const auto cycles = dojo::find_prerequisite_cycles(lessons);
    EXPECT_EQ(cycles.size(), dojo::kMaxReportedCycles);
    for (const auto& cyc : cycles) {
        ASSERT_FALSE(cyc.empty());
        EXPECT_EQ(cyc.front(), "n0");  // the first lesson's cycles come first
    }
}

TEST(PrerequisiteCycles, LongRingIsFoundWithoutDeepRecursion) {
    std::vector<Lesson> lessons;
    constexpr int kN = 3000;
    for (int i = 0; i < kN; ++i) lessons.push_back(lesson("r" + std::to_string(i), {"r" + std::to_string((i + 1) % kN)}));
    const auto cycles = dojo::find_prerequisite_cycles(lessons);
    ASSERT_EQ(cycles.size(), 1u);
    ASSERT_EQ(cycles[0].size(), static_cast<std::size_t>(kN));
    EXPECT_EQ(cycles[0][0], "r0");
    EXPECT_EQ(cycles[0][1], "r1");
    EXPECT_EQ(cycles[0].back(), "r" + std::to_string(kN - 1));
}

// ---- Layout ------------------------------------------------------------------------------------------

TEST(SkillTreeLayout, EmptyCourse) {
    const auto t = dojo::layout_skill_tree(Course{});
    EXPECT_TRUE(t.nodes.empty());
    EXPECT_TRUE(t.edges.empty());
    EXPECT_EQ(t.width, 0);
    EXPECT_EQ(t.height, 0);
}

TEST(SkillTreeLayout, SingleLessonFillsTheBox) {
    const SkillTreeMetrics m;
    const auto t = dojo::layout_skill_tree(course_of({lesson("only")}), m);
    ASSERT_EQ(t.nodes.size(), 1u);
    EXPECT_EQ(t.nodes[0].x, 0);
    EXPECT_EQ(t.nodes[0].y, 0);
    EXPECT_EQ(t.width, m.node_width);
    EXPECT_EQ(t.height, m.node_height);
}

TEST(SkillTreeLayout, DiamondLayers) {
    const SkillTreeMetrics m;
    const auto t =
        dojo::layout_skill_tree(course_of({lesson("a"), lesson("b", {"a"}), lesson("c", {"a"}), lesson("d", {"b", "c"})}), m);
    EXPECT_EQ(layers_of(t), (std::vector<int>{0, 1, 1, 2}));
    EXPECT_EQ(t.edges.size(), 4u);
    EXPECT_FLOAT_EQ(t.width, 2 * m.node_width + m.gap_x);
    EXPECT_FLOAT_EQ(t.height, 3 * m.node_height + 2 * m.gap_y);
    EXPECT_LT(t.nodes[1].x, t.nodes[2].x);  // ties keep course order
    expect_well_placed(t, m);
    expect_layers_centered(t, m);
}

TEST(SkillTreeLayout, ChainUsesLongestPath) {
    // d requires a directly too, but its layer follows the longest path a -> b -> c -> d.
    const auto t =
        dojo::layout_skill_tree(course_of({lesson("d", {"c", "a"}), lesson("c", {"b"}), lesson("b", {"a"}), lesson("a")}));
    EXPECT_EQ(layers_of(t), (std::vector<int>{3, 2, 1, 0}));
    expect_well_placed(t);
    expect_layers_centered(t);
}

TEST(SkillTreeLayout, EdgesPointFromPrerequisiteToLesson) {
    const auto t = dojo::layout_skill_tree(course_of({lesson("a"), lesson("b", {"a", "a", "ghost"}), lesson("c", {"b", "c"})}));
    ASSERT_EQ(t.edges.size(), 2u);  // the duplicate, the unknown id and the self-requirement are left out
    EXPECT_EQ(t.edges[0].from, 0);
    EXPECT_EQ(t.edges[0].to, 1);
    EXPECT_EQ(t.edges[1].from, 1);
    EXPECT_EQ(t.edges[1].to, 2);
}

TEST(SkillTreeLayout, CrossingCounterSeesCrossings) {
    // Guards the helper the next tests rely on: two edges drawn in an X.
    SkillTreeLayout t;
    t.nodes = {{0, 0, 0, 0}, {1, 0, 300, 0}, {2, 1, 0, 100}, {3, 1, 300, 100}};
    t.edges = {{0, 3}, {1, 2}};
    EXPECT_EQ(count_crossings(t), 1);
    t.edges = {{0, 2}, {1, 3}};
    EXPECT_EQ(count_crossings(t), 0);
}

TEST(SkillTreeLayout, OrderingRemovesCrossingsBetweenTwoLayers) {
    // In course order every edge crosses every other: z needs a, y needs b, x needs c.
    const auto t = dojo::layout_skill_tree(
        course_of({lesson("a"), lesson("b"), lesson("c"), lesson("x", {"c"}), lesson("y", {"b"}), lesson("z", {"a"})}));
    EXPECT_EQ(count_crossings(t), 0);
    EXPECT_LT(t.nodes[5].x, t.nodes[4].x);
    EXPECT_LT(t.nodes[4].x, t.nodes[3].x);
    expect_well_placed(t);
    expect_layers_centered(t);
}

TEST(SkillTreeLayout, OrderingTiesKeepCourseOrder) {
    // c needs b, d and e both need a: reordering puts d and e before c, and keeps d before e.
    const auto t = dojo::layout_skill_tree(
        course_of({lesson("a"), lesson("b"), lesson("c", {"b"}), lesson("d", {"a"}), lesson("e", {"a"})}));
    EXPECT_EQ(count_crossings(t), 0);
    EXPECT_LT(t.nodes[3].x, t.nodes[4].x);
    EXPECT_LT(t.nodes[4].x, t.nodes[2].x);
}

TEST(SkillTreeLayout, OrderingRemovesCrossingsAcrossThreeLayers) {
    // Two independent strands laid out interleaved in course order, plus a long edge in each strand.
    const auto t = dojo::layout_skill_tree(
        course_of({lesson("r1"), lesson("r2"), lesson("m2", {"r2"}), lesson("m1", {"r1"}), lesson("e1", {"m1", "r1"}),
                   lesson("e2", {"m2", "r2"}), lesson("f2", {"m2"}), lesson("f1", {"m1"})}));
    EXPECT_EQ(count_crossings(t), 0);
    expect_well_placed(t);
    expect_layers_centered(t);
}

TEST(SkillTreeLayout, LayersOfDifferentWidthsAreCentered) {
    const SkillTreeMetrics m{100, 40, 20, 30};
    const auto t = dojo::layout_skill_tree(
        course_of({lesson("a"), lesson("b", {"a"}), lesson("c", {"a"}), lesson("d", {"a"}), lesson("e", {"b"})}), m);
    EXPECT_FLOAT_EQ(t.width, 3 * 100 + 2 * 20);
    EXPECT_FLOAT_EQ(t.nodes[0].x, (t.width - 100) / 2);
    EXPECT_FLOAT_EQ(t.nodes[4].y, 2 * (40 + 30));
    expect_well_placed(t, m);
    expect_layers_centered(t, m);
}

TEST(SkillTreeLayout, CyclesSelfLoopsAndUnknownIdsStillPlaceEveryLesson) {
    const auto c = course_of({lesson("a", {"c"}), lesson("b", {"a"}), lesson("c", {"b"}), lesson("self", {"self", "self"}),
                              lesson("ghostly", {"ghost", "phantom"}), lesson("after", {"a", "ghostly"}),
                              lesson("dup", {"after", "after"})});
    const auto t = dojo::layout_skill_tree(c);
    ASSERT_EQ(t.nodes.size(), c.lessons.size());
    EXPECT_EQ(t.nodes[3].layer, 0);  // self-requirement ignored
    EXPECT_EQ(t.nodes[4].layer, 0);  // unknown ids ignored
    EXPECT_EQ(t.nodes[5].layer, 1);  // after the cycle (layer 0: its own edges are ignored) and ghostly
    EXPECT_EQ(t.nodes[6].layer, 2);
    expect_well_placed(t);
    expect_layers_centered(t);
}

TEST(SkillTreeLayout, DuplicateLessonIdsDoNotBreakLayout) {
    const auto c = course_of({lesson("a"), lesson("a", {"a"}), lesson("b", {"a"})});
    const auto t = dojo::layout_skill_tree(c);
    ASSERT_EQ(t.nodes.size(), 3u);
    EXPECT_EQ(layers_of(t), (std::vector<int>{0, 1, 1}));  // "a" names the first of the two
    expect_well_placed(t);
}

TEST(SkillTreeLayout, Deterministic) {
    const auto c = big_course(200);
    const auto t1 = dojo::layout_skill_tree(c);
    const auto t2 = dojo::layout_skill_tree(c);
    ASSERT_EQ(t1.nodes.size(), t2.nodes.size());
    for (std::size_t i = 0; i < t1.nodes.size(); ++i) {
        EXPECT_EQ(t1.nodes[i].layer, t2.nodes[i].layer);
        EXPECT_EQ(t1.nodes[i].x, t2.nodes[i].x);
        EXPECT_EQ(t1.nodes[i].y, t2.nodes[i].y);
    }
    EXPECT_EQ(t1.width, t2.width);
    EXPECT_EQ(t1.height, t2.height);
}

TEST(SkillTreeLayout, ThousandLessonsAreSane) {
    const auto c = big_course(1000);
    const auto t = dojo::layout_skill_tree(c);
    ASSERT_EQ(t.nodes.size(), 1000u);
    EXPECT_EQ(t.nodes[0].layer, 0);
    // Longest-path layering: each edge goes down at least one layer, and each lesson sits exactly one
    // layer below its deepest prerequisite.
    std::vector<int> deepest(t.nodes.size(), -1);
    for (const auto& e : t.edges) {
        EXPECT_GT(t.nodes[e.to].layer, t.nodes[e.from].layer);
        deepest[e.to] = std::max(deepest[e.to], t.nodes[e.from].layer);
    }
    for (std::size_t i = 0; i < t.nodes.size(); ++i) EXPECT_EQ(t.nodes[i].layer, deepest[i] + 1) << i;
    expect_well_placed(t);
    expect_layers_centered(t);
    EXPECT_TRUE(dojo::find_prerequisite_cycles(c.lessons).empty());
}

TEST(SkillTreeLayout, ThousandLessonsWithCyclesAndLongEdges) {
    // Back edges make cycles; "hub" requires every lesson, so long edges span the whole tree.
    auto c = big_course(1000);
    for (std::size_t i = 100; i < 1000; i += 100) {
        const std::string first_prereq = c.lessons[i].requires_.front();
        c.lessons[std::stoul(first_prereq.substr(1))].requires_.push_back(c.lessons[i].id);
    }
    std::vector<std::string> all;
    for (const auto& l : c.lessons) all.push_back(l.id);
    c.lessons.push_back(lesson("hub", all));
    const auto t = dojo::layout_skill_tree(c);
    ASSERT_EQ(t.nodes.size(), 1001u);
    expect_well_placed(t);
    expect_layers_centered(t);
    EXPECT_FALSE(dojo::find_prerequisite_cycles(c.lessons).empty());
}

TEST(SkillTreeLayout, PathologicalLongEdgesStayBounded) {
    // A 3000-lesson chain where every lesson also requires the first: millions of layer crossings by
    // long edges, past the budget for splitting them. Must still lay out every lesson.
    std::vector<Lesson> lessons{lesson("c0")};
    for (int i = 1; i < 3000; ++i) lessons.push_back(lesson("c" + std::to_string(i), {"c" + std::to_string(i - 1), "c0"}));
    const auto t = dojo::layout_skill_tree(course_of(std::move(lessons)));
    ASSERT_EQ(t.nodes.size(), 3000u);
    for (std::size_t i = 0; i < t.nodes.size(); ++i) EXPECT_EQ(t.nodes[i].layer, static_cast<int>(i));
}

// ---- Unlocks -----------------------------------------------------------------------------------------

TEST(LessonsUnlockedBy, ListsDirectDependentsInCourseOrder) {
    const auto c = course_of({lesson("a"), lesson("d", {"b", "a"}), lesson("b", {"a", "a"}), lesson("c", {"b"}), lesson("e")});
    EXPECT_EQ(dojo::lessons_unlocked_by(c, "a"), (std::vector<int>{1, 2}));  // once each, though b names a twice
    EXPECT_EQ(dojo::lessons_unlocked_by(c, "b"), (std::vector<int>{1, 3}));
    EXPECT_TRUE(dojo::lessons_unlocked_by(c, "e").empty());
    EXPECT_TRUE(dojo::lessons_unlocked_by(c, "missing").empty());
}

// ---- Keyboard focus moves ----------------------------------------------------------------------------

namespace {

// A hand-placed layout: positions are what tree_neighbor reads, so tests say exactly where nodes lie.
SkillTreeLayout placed(std::vector<std::pair<float, float>> corners) {
    SkillTreeLayout t;
    for (std::size_t i = 0; i < corners.size(); ++i) {
        SkillTreeLayout::Node n;
        n.lesson = static_cast<int>(i);
        n.x = corners[i].first;
        n.y = corners[i].second;
        t.nodes.push_back(n);
    }
    return t;
}

}  // namespace

TEST(TreeNeighbor, ArrowsMoveWithinARowAndBetweenLayers) {
    //   0   1   2        row at y = 0
    //     3   4          row at y = 100
    const auto t = placed({{0, 0}, {200, 0}, {400, 0}, {100, 100}, {300, 100}});
    using D = dojo::TreeDirection;
    EXPECT_EQ(dojo::tree_neighbor(t, 0, D::Right), 1);
    EXPECT_EQ(dojo::tree_neighbor(t, 1, D::Right), 2);
    EXPECT_EQ(dojo::tree_neighbor(t, 2, D::Left), 1);
    EXPECT_EQ(dojo::tree_neighbor(t, 1, D::Down), 3) << "equally near below: the lower index wins";
    EXPECT_EQ(dojo::tree_neighbor(t, 2, D::Down), 4);
    EXPECT_EQ(dojo::tree_neighbor(t, 3, D::Up), 0);
    EXPECT_EQ(dojo::tree_neighbor(t, 2, D::Right), 2) << "nothing to the right of the rightmost node: the focus stays";
    EXPECT_EQ(dojo::tree_neighbor(t, 3, D::Right), 4) << "the same row before a diagonal node";
    EXPECT_EQ(dojo::tree_neighbor(t, 0, D::Up), 0) << "nothing above the top row: the focus stays";
}

TEST(TreeNeighbor, DownGoesToTheNearestLayerThenTheNearestNodeInIt) {
    // Node 3 lies straight below but two layers down; the next layer (1 and 2) comes first, and in it the
    // node less far to the side.
    const auto t = placed({{0, 0}, {90, 100}, {-40, 100}, {0, 200}});
    EXPECT_EQ(dojo::tree_neighbor(t, 0, dojo::TreeDirection::Down), 2);
    EXPECT_EQ(dojo::tree_neighbor(t, 2, dojo::TreeDirection::Down), 3);
}

TEST(TreeNeighbor, FindsALayerOffsetFarToTheSide) {
    // The only node above lies outside the 45-degree cone; Up still reaches it rather than doing nothing.
    const auto t = placed({{0, 0}, {900, 100}});
    EXPECT_EQ(dojo::tree_neighbor(t, 1, dojo::TreeDirection::Up), 0);
    EXPECT_EQ(dojo::tree_neighbor(t, 0, dojo::TreeDirection::Down), 1);
}

TEST(TreeNeighbor, InvalidStartLandsOnTheFirstNodeAndEmptyTreesAnswerMinusOne) {
    const auto t = placed({{0, 0}, {200, 0}});
    EXPECT_EQ(dojo::tree_neighbor(t, -1, dojo::TreeDirection::Right), 0);
    EXPECT_EQ(dojo::tree_neighbor(t, 7, dojo::TreeDirection::Down), 0);
    EXPECT_EQ(dojo::tree_neighbor(SkillTreeLayout{}, 0, dojo::TreeDirection::Left), -1);
    EXPECT_EQ(dojo::tree_neighbor(SkillTreeLayout{}, -1, dojo::TreeDirection::Left), -1);
}

TEST(TreeNeighbor, EveryNodeOfARealLayoutIsReachableByArrows) {
    // A diamond with a tail: walking the arrows from the first node must visit every node.
    const auto c = course_of(
        {lesson("a"), lesson("b", {"a"}), lesson("c", {"a"}), lesson("d", {"b", "c"}), lesson("e", {"d"}), lesson("f", {"d"})});
    const auto t = dojo::layout_skill_tree(c);
    std::vector<bool> seen(t.nodes.size(), false);
    std::vector<int> todo{0};
    seen[0] = true;
    while (!todo.empty()) {
        const int at = todo.back();
        todo.pop_back();
        for (auto d :
             {dojo::TreeDirection::Left, dojo::TreeDirection::Right, dojo::TreeDirection::Up, dojo::TreeDirection::Down}) {
            const int next = dojo::tree_neighbor(t, at, d);
            ASSERT_GE(next, 0);
            if (!seen[static_cast<std::size_t>(next)]) {
                seen[static_cast<std::size_t>(next)] = true;
                todo.push_back(next);
            }
        }
    }
    EXPECT_TRUE(std::all_of(seen.begin(), seen.end(), [](bool s) { return s; }));
}
