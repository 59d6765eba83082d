// The explorers' registry: one instance per explorer, created on first draw, parameters applied once
// per lesson block so a learner's slider moves are not undone every frame.
#include "ui/explorers_view.h"

#include <nlohmann/json.hpp>

#include "labs/lab_catalog.h"

namespace dojo {

namespace {

std::unique_ptr<Explorer> make(std::string_view id) {
    if (id == "explore-workers") return make_workers_explorer();
    if (id == "explore-vram") return make_vram_explorer();
    if (id == "explore-roofline") return make_roofline_explorer();
    if (id == "explore-training") return make_training_explorer();
    if (id == "explore-cloud") return make_cloud_explorer();
    if (id == "explore-inference") return make_inference_explorer();
    if (id == "explore-formats") return make_formats_explorer();
    if (id == "explore-collective") return make_collective_explorer();
    return nullptr;
}

}  // namespace

bool ExplorersView::handles(std::string_view lab_id) {
    const LabInfo* lab = find_lab(lab_id);
    return lab && lab->kind == LabKind::Explore;
}

Explorer* ExplorersView::get(std::string_view lab_id) {
    auto it = explorers_.find(lab_id);
    if (it == explorers_.end()) {
        std::unique_ptr<Explorer> e = make(lab_id);
        if (!e) return nullptr;
        e->set_reduce_motion(reduce_motion_);
        it = explorers_.emplace(std::string(lab_id), std::move(e)).first;
    }
    return it->second.get();
}

void ExplorersView::draw(std::string_view lab_id, float width, const std::map<std::string, std::string>& params) {
    Explorer* e = get(lab_id);
    if (!e) return;
    std::string key;
    for (const auto& [k, v] : params) key += k + "=" + v + ";";
    auto it = applied_.find(lab_id);
    if (!params.empty() && (it == applied_.end() || it->second != key)) {
        e->apply_params(params);
        applied_[std::string(lab_id)] = key;
    }
    e->draw(width);
}

void ExplorersView::set_reduce_motion(bool reduce) {
    reduce_motion_ = reduce;
    for (auto& [id, e] : explorers_) e->set_reduce_motion(reduce);
}

nlohmann::json ExplorersView::test_state() const {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [id, e] : explorers_) out[id] = e->test_state();
    return out;
}

}  // namespace dojo
