// Skill-tree graph algorithms: cycle listing (Johnson), layering (longest path over the condensation) and
// crossing reduction (Sugiyama-style barycenter sweeps). Everything is iterative, so no course can overflow
// the stack, and every loop has a bound, so no course can hang the UI.
#include "course/skill_tree.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string_view>
#include <unordered_map>

namespace dojo {
namespace {

// The prerequisite graph by lesson index: requires[i] = distinct known lessons that lesson i requires, in
// the order the file names them. Duplicate lesson ids resolve to the first, like the course lookups.
using Graph = std::vector<std::vector<int>>;

Graph build_requires_graph(const std::vector<Lesson>& lessons) {
    std::unordered_map<std::string_view, int> index;
    index.reserve(lessons.size());
    for (std::size_t i = 0; i < lessons.size(); ++i) index.emplace(lessons[i].id, static_cast<int>(i));

    Graph g(lessons.size());
    for (std::size_t i = 0; i < lessons.size(); ++i) {
        for (const std::string& req : lessons[i].requires_) {
            const auto it = index.find(req);
            if (it == index.end()) continue;
            // Linear check: a lesson names a handful of prerequisites, a set would cost more than it saves.
            if (std::find(g[i].begin(), g[i].end(), it->second) == g[i].end()) g[i].push_back(it->second);
        }
    }
    return g;
}

// Strongly connected components (Tarjan, iterative) of the subgraph induced by a set of lessons. The
// scratch arrays live as long as the finder, so the cycle search can call it repeatedly on shrinking sets
// at a cost proportional to each set, not to the course.
class SccFinder {
public:
    explicit SccFinder(const Graph& g)
        : g_(g), index_(g.size(), -1), low_(g.size(), 0), on_stack_(g.size(), false), in_set_(g.size(), 0) {}

    // Components of the subgraph induced by `vs`, each ascending, in the order Tarjan closes them: every
    // component comes after all the components it can reach, so prerequisites come first.
    std::vector<std::vector<int>> run(const std::vector<int>& vs) {
        ++stamp_;
        for (int v : vs) {
            in_set_[v] = stamp_;
            index_[v] = -1;
        }
        std::vector<std::vector<int>> comps;
        int counter = 0;
        for (int root : vs) {
            if (index_[root] >= 0) continue;
            enter(root, counter);
            while (!frames_.empty()) {
                Frame& f = frames_.back();
                const int v = f.v;
                if (f.next < g_[v].size()) {
                    const int w = g_[v][f.next++];
                    if (in_set_[w] != stamp_) continue;
                    if (index_[w] < 0) {
                        enter(w, counter);  // invalidates f; it is not used again this turn
                    } else if (on_stack_[w]) {
                        low_[v] = std::min(low_[v], index_[w]);
                    }
                    continue;
                }
                frames_.pop_back();
                if (!frames_.empty()) low_[frames_.back().v] = std::min(low_[frames_.back().v], low_[v]);
                if (low_[v] != index_[v]) continue;
                std::vector<int> comp;
                int w = -1;
                do {
                    w = stack_.back();
                    stack_.pop_back();
                    on_stack_[w] = false;
                    comp.push_back(w);
                } while (w != v);
                std::sort(comp.begin(), comp.end());
                comps.push_back(std::move(comp));
            }
        }
        return comps;
    }

private:
    struct Frame {
        int v;
        std::size_t next;
    };

    void enter(int v, int& counter) {
        index_[v] = low_[v] = counter++;
        stack_.push_back(v);
        on_stack_[v] = true;
        frames_.push_back({v, 0});
    }

    const Graph& g_;
    std::vector<int> index_, low_, stack_;
    std::vector<bool> on_stack_;
    std::vector<unsigned> in_set_;  // == stamp_ for the vertices of the current run
    unsigned stamp_ = 0;
    std::vector<Frame> frames_;
};

bool requires_itself(const Graph& g, int v) {
    return std::find(g[v].begin(), g[v].end(), v) != g[v].end();
}

// ---- Cycles ------------------------------------------------------------------------------------------

// Johnson's elementary-circuit algorithm. A cycle whose first lesson (in course order) is s lies inside
// the strongly connected component of s among the lessons from s on, so: take the component sets in order
// of their first lesson s, list the cycles through s inside the set, then split the rest of the set into
// its components and queue them. Each cycle is found exactly once, from its first lesson, and in order.
// Every set taken holds at least one cycle, so the cap on cycles also bounds the work.
class CycleFinder {
public:
    CycleFinder(const std::vector<Lesson>& lessons, const Graph& g)
        : lessons_(lessons), g_(g), scc_(g), in_set_(g.size(), 0), blocked_(g.size(), false), blocked_by_(g.size()) {}

    std::vector<std::vector<std::string>> run() {
        std::vector<int> all(g_.size());
        std::iota(all.begin(), all.end(), 0);
        queue_cyclic(scc_.run(all));
        while (!queue_.empty() && cycles_.size() < kMaxReportedCycles) {
            std::pop_heap(queue_.begin(), queue_.end(), [](const auto& a, const auto& b) { return a.front() > b.front(); });
            std::vector<int> set = std::move(queue_.back());
            queue_.pop_back();
            ++stamp_;
            for (int v : set) {
                in_set_[v] = stamp_;
                blocked_[v] = false;
                blocked_by_[v].clear();
            }
            search_from(set.front());
            set.erase(set.begin());
            queue_cyclic(scc_.run(set));
        }
        return std::move(cycles_);
    }

private:
    void queue_cyclic(std::vector<std::vector<int>> comps) {
        for (auto& comp : comps) {
            if (comp.size() == 1 && !requires_itself(g_, comp.front())) continue;  // on no cycle
            queue_.push_back(std::move(comp));
            std::push_heap(queue_.begin(), queue_.end(), [](const auto& a, const auto& b) { return a.front() > b.front(); });
        }
    }

    void search_from(int s) {
        struct Frame {
            int v;
            std::size_t next;
            bool found;  // some cycle through s was closed below this vertex
        };
        std::vector<Frame> frames{{s, 0, false}};
        std::vector<int> path{s};
        blocked_[s] = true;
        while (!frames.empty()) {
            if (cycles_.size() >= kMaxReportedCycles) return;
            Frame& f = frames.back();
            const int v = f.v;
            if (f.next < g_[v].size()) {
                const int w = g_[v][f.next++];
                if (in_set_[w] != stamp_) continue;
                if (w == s) {
                    f.found = true;
                    std::vector<std::string> ids;
                    ids.reserve(path.size());
                    for (int p : path) ids.push_back(lessons_[p].id);
                    cycles_.push_back(std::move(ids));
                } else if (!blocked_[w]) {
                    blocked_[w] = true;
                    path.push_back(w);
                    frames.push_back({w, 0, false});  // invalidates f; it is not used again this turn
                }
                continue;
            }
            const bool found = f.found;
            frames.pop_back();
            path.pop_back();
            if (found) {
                unblock(v);
                if (!frames.empty()) frames.back().found = true;
            } else {
                // v stays blocked until one of its successors gets unblocked (it may lead to s again).
                for (int w : g_[v]) {
                    if (in_set_[w] != stamp_) continue;
                    auto& list = blocked_by_[w];
                    if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(v);
                }
            }
        }
    }

    void unblock(int u) {
        std::vector<int> work{u};
        while (!work.empty()) {
            const int x = work.back();
            work.pop_back();
            if (!blocked_[x]) continue;
            blocked_[x] = false;
            for (int w : blocked_by_[x]) work.push_back(w);
            blocked_by_[x].clear();
        }
    }

    const std::vector<Lesson>& lessons_;
    const Graph& g_;
    SccFinder scc_;
    std::vector<std::vector<int>> queue_;  // component sets, a min-heap on their first lesson
    std::vector<unsigned> in_set_;         // == stamp_ for the set being searched
    unsigned stamp_ = 0;
    std::vector<bool> blocked_;
    std::vector<std::vector<int>> blocked_by_;  // Johnson's B lists
    std::vector<std::vector<std::string>> cycles_;
};

// ---- Layout ------------------------------------------------------------------------------------------

// Long edges are split into one dummy vertex per layer they pass, so that crossing reduction sees them;
// past this many dummies (a pathological course) they are left whole and only short edges are weighed.
std::size_t dummy_budget(std::size_t lessons, std::size_t edges) {
    return std::max<std::size_t>(4000, 3 * (lessons + edges));
}

constexpr int kSweepRounds = 6;  // each round is one sweep down and one up; barycenter settles in a few

// The graph that crossing reduction orders: lessons (vertices 0..n-1) plus dummies, each on a layer, with
// edges only from a layer to a later one. Vertex ids break barycenter ties: course order, dummies after.
struct OrderingGraph {
    std::vector<int> layer;
    std::vector<std::vector<int>> up, down;  // neighbours on earlier / later layers
    std::vector<std::vector<int>> layers;    // the current order of each layer
    std::vector<int> pos;                    // position of each vertex within its layer
};

void renumber(OrderingGraph& og) {
    for (const auto& l : og.layers)
        for (std::size_t k = 0; k < l.size(); ++k) og.pos[l[k]] = static_cast<int>(k);
}

// Position measured from the middle of the layer: layers are drawn centered, so this is what lines up.
double centered(const OrderingGraph& og, int v) {
    return og.pos[v] - (static_cast<double>(og.layers[og.layer[v]].size()) - 1) / 2;
}

void sort_by_barycenter(OrderingGraph& og, int layer, bool use_up) {
    auto& vs = og.layers[layer];
    std::vector<std::pair<double, int>> keyed;
    keyed.reserve(vs.size());
    for (int v : vs) {
        const auto& nb = use_up ? og.up[v] : og.down[v];
        double key = centered(og, v);  // no neighbours that way: stay put
        if (!nb.empty()) {
            double sum = 0;
            for (int w : nb) sum += centered(og, w);
            key = sum / static_cast<double>(nb.size());
        }
        keyed.emplace_back(key, v);
    }
    // Vertex ids are course order for lessons and creation order for dummies, so ties keep course order.
    std::sort(keyed.begin(), keyed.end());
    for (std::size_t k = 0; k < vs.size(); ++k) {
        vs[k] = keyed[k].second;
        og.pos[vs[k]] = static_cast<int>(k);
    }
}

// Crossings between each pair of adjacent layers, counted as inversions with a Fenwick tree.
std::int64_t count_crossings(const OrderingGraph& og) {
    std::int64_t total = 0;
    std::vector<std::pair<int, int>> segs;
    std::vector<int> tree;
    for (std::size_t l = 0; l + 1 < og.layers.size(); ++l) {
        segs.clear();
        for (int u : og.layers[l])
            for (int w : og.down[u])
                if (og.layer[w] == static_cast<int>(l) + 1) segs.emplace_back(og.pos[u], og.pos[w]);
        std::sort(segs.begin(), segs.end());
        const int width = static_cast<int>(og.layers[l + 1].size());
        tree.assign(static_cast<std::size_t>(width) + 1, 0);
        std::int64_t seen = 0;
        for (const auto& seg : segs) {
            // Earlier segments (left of this one, or sharing its top) ending strictly right of it cross it.
            const int b = seg.second;
            std::int64_t at_most_b = 0;
            for (int i = b + 1; i > 0; i -= i & -i) at_most_b += tree[i];
            total += seen - at_most_b;
            for (int i = b + 1; i <= width; i += i & -i) ++tree[i];
            ++seen;
        }
    }
    return total;
}

}  // namespace

std::vector<std::vector<std::string>> find_prerequisite_cycles(const std::vector<Lesson>& lessons) {
    const Graph g = build_requires_graph(lessons);
    return CycleFinder(lessons, g).run();
}

SkillTreeLayout layout_skill_tree(const Course& course, const SkillTreeMetrics& metrics) {
    SkillTreeLayout out;
    const int n = static_cast<int>(course.lessons.size());
    if (n == 0) return out;

    const Graph g = build_requires_graph(course.lessons);
    std::vector<int> all(static_cast<std::size_t>(n));
    std::iota(all.begin(), all.end(), 0);
    const auto comps = SccFinder(g).run(all);
    std::vector<int> comp_of(static_cast<std::size_t>(n));
    for (std::size_t k = 0; k < comps.size(); ++k)
        for (int v : comps[k]) comp_of[v] = static_cast<int>(k);

    // Longest-path layers over the requirements between different components: those form a DAG, and the
    // components are numbered prerequisites-first, so one pass in component order settles every layer.
    std::vector<int> layer(n, 0);
    std::size_t edge_count = 0;
    for (const auto& comp : comps)
        for (int v : comp)
            for (int w : g[v]) {
                ++edge_count;
                if (comp_of[w] != comp_of[v]) layer[v] = std::max(layer[v], layer[w] + 1);
            }
    const int layer_count = *std::max_element(layer.begin(), layer.end()) + 1;

    for (int v = 0; v < n; ++v)
        for (int w : g[v])
            if (w != v) out.edges.push_back({w, v});

    // Build the ordering graph; dummies only if the course can afford them.
    std::size_t dummies = 0;
    for (int v = 0; v < n; ++v)
        for (int w : g[v])
            if (comp_of[w] != comp_of[v]) dummies += static_cast<std::size_t>(layer[v] - layer[w] - 1);
    const bool split_long_edges = dummies <= dummy_budget(static_cast<std::size_t>(n), edge_count);

    OrderingGraph og;
    og.layer = layer;
    og.up.resize(n);
    og.down.resize(n);
    auto add_vertex = [&og](int on_layer) {
        og.layer.push_back(on_layer);
        og.up.emplace_back();
        og.down.emplace_back();
        return static_cast<int>(og.layer.size()) - 1;
    };
    auto link = [&og](int upper, int lower) {
        og.down[upper].push_back(lower);
        og.up[lower].push_back(upper);
    };
    for (int v = 0; v < n; ++v)
        for (int w : g[v]) {
            if (comp_of[w] == comp_of[v]) continue;  // on a cycle: no direction to respect
            int upper = w;
            if (split_long_edges)
                for (int l = layer[w] + 1; l < layer[v]; ++l) {
                    const int d = add_vertex(l);
                    link(upper, d);
                    upper = d;
                }
            link(upper, v);
        }
    og.layers.resize(layer_count);
    for (int v = 0; v < static_cast<int>(og.layer.size()); ++v) og.layers[og.layer[v]].push_back(v);
    og.pos.assign(og.layer.size(), 0);
    renumber(og);

    // Barycenter sweeps, keeping the best order seen: the heuristic can oscillate, and the best is free.
    auto best = og.layers;
    std::int64_t best_crossings = count_crossings(og);
    for (int round = 0; round < kSweepRounds && best_crossings > 0; ++round) {
        const std::int64_t before = best_crossings;
        for (int l = 1; l < layer_count; ++l) sort_by_barycenter(og, l, /*use_up=*/true);
        const std::int64_t after_down = count_crossings(og);
        if (after_down < best_crossings) {
            best_crossings = after_down;
            best = og.layers;
        }
        for (int l = layer_count - 2; l >= 0; --l) sort_by_barycenter(og, l, /*use_up=*/false);
        const std::int64_t after_up = count_crossings(og);
        if (after_up < best_crossings) {
            best_crossings = after_up;
            best = og.layers;
        }
        if (best_crossings == before) break;  // settled: further rounds would repeat this one
    }

    // Place the lessons (dummies only guided the order), each layer centered on the widest.
    std::vector<std::vector<int>> rows(layer_count);
    std::size_t widest = 0;
    for (int l = 0; l < layer_count; ++l) {
        for (int v : best[l])
            if (v < n) rows[l].push_back(v);
        widest = std::max(widest, rows[l].size());
    }
    const auto row_width = [&metrics](std::size_t count) {
        return count == 0 ? 0.0f : static_cast<float>(count) * metrics.node_width + static_cast<float>(count - 1) * metrics.gap_x;
    };
    out.width = row_width(widest);
    out.height = static_cast<float>(layer_count) * metrics.node_height + static_cast<float>(layer_count - 1) * metrics.gap_y;
    out.nodes.resize(n);
    for (int l = 0; l < layer_count; ++l) {
        const float left = (out.width - row_width(rows[l].size())) / 2;
        for (std::size_t k = 0; k < rows[l].size(); ++k) {
            auto& node = out.nodes[rows[l][k]];
            node.lesson = rows[l][k];
            node.layer = l;
            node.x = left + static_cast<float>(k) * (metrics.node_width + metrics.gap_x);
            node.y = static_cast<float>(l) * (metrics.node_height + metrics.gap_y);
        }
    }
    return out;
}

std::vector<int> lessons_unlocked_by(const Course& course, const std::string& lesson_id) {
    std::vector<int> out;
    for (std::size_t i = 0; i < course.lessons.size(); ++i) {
        const auto& req = course.lessons[i].requires_;
        if (std::find(req.begin(), req.end(), lesson_id) != req.end()) out.push_back(static_cast<int>(i));
    }
    return out;
}

int tree_neighbor(const SkillTreeLayout& layout, int from, TreeDirection direction) {
    const int count = static_cast<int>(layout.nodes.size());
    if (from < 0 || from >= count) return count > 0 ? 0 : -1;
    // Every node has the same size, so comparing top-left corners compares centers.
    const auto& start = layout.nodes[static_cast<std::size_t>(from)];
    int best = from;
    float best_cost = 0;
    for (int i = 0; i < count; ++i) {
        if (i == from) continue;
        const auto& n = layout.nodes[static_cast<std::size_t>(i)];
        const float dx = n.x - start.x, dy = n.y - start.y;
        float along = 0, across = 0;  // distance in the key's direction, and sideways from it
        switch (direction) {
            case TreeDirection::Left:
                along = -dx, across = dy;
                break;
            case TreeDirection::Right:
                along = dx, across = dy;
                break;
            case TreeDirection::Up:
                along = -dy, across = dx;
                break;
            case TreeDirection::Down:
                along = dy, across = dx;
                break;
        }
        across = std::fabs(across);
        if (along <= 0) continue;  // behind or level with the focused node
        // Nodes outside the cone only count when none lies inside it, so Up still finds the layer above
        // when its nodes are offset far to the side.
        const bool in_cone = across <= along;
        // Up and Down go to the nearest layer first; Left and Right stay in the row first.
        const bool vertical = direction == TreeDirection::Up || direction == TreeDirection::Down;
        const float cost = (vertical ? 3 * along + across : along + 3 * across) + (in_cone ? 0.0f : 1e9f);
        if (best == from || cost < best_cost) {
            best = i;
            best_cost = cost;
        }
    }
    return best;
}

}  // namespace dojo
