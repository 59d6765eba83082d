// The explorers: labs that compute rather than measure (workers, VRAM planner, roofline, training
// time, cloud against on-premise, LLM inference, number formats, collectives). Each is a `lab` block id ("explore-..."), drawn
// inline in a lesson's lab card and full width in the Labs view, on the desktop and in the browser alike. Their math is core code
// in engine/explorers/ with unit tests; this layer only draws and keeps state.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace dojo {

// One explorer's view and its slider state (kept for the app's life, so a lesson and the Labs view
// share it).
class Explorer {
public:
    virtual ~Explorer() = default;
    // A lesson block's parameters (strings as written in the block); unknown keys are ignored here
    // because the validator already reported them.
    virtual void apply_params(const std::map<std::string, std::string>& params) = 0;
    virtual void draw(float width) = 0;
    // What a browser or desktop test reads back: the inputs and the computed answers.
    virtual nlohmann::json test_state() const = 0;
    // The learner (or their system) asks for less motion: animated explorers start paused and wait
    // for Play. Told before the first draw and whenever it changes.
    virtual void set_reduce_motion(bool reduce) { (void)reduce; }
};

// One factory per explorer (engine/ui/explorers/<name>_view.cpp).
std::unique_ptr<Explorer> make_workers_explorer();     // "explore-workers"
std::unique_ptr<Explorer> make_vram_explorer();        // "explore-vram"
std::unique_ptr<Explorer> make_roofline_explorer();    // "explore-roofline"
std::unique_ptr<Explorer> make_training_explorer();    // "explore-training"
std::unique_ptr<Explorer> make_cloud_explorer();       // "explore-cloud"
std::unique_ptr<Explorer> make_inference_explorer();   // "explore-inference"
std::unique_ptr<Explorer> make_formats_explorer();     // "explore-formats"
std::unique_ptr<Explorer> make_collective_explorer();  // "explore-collective"

class ExplorersView {
public:
    static bool handles(std::string_view lab_id);  // an "explore-..." id of the catalog
    // Draws explorer `lab_id`; `params` are applied once per distinct set (a lesson block's).
    void draw(std::string_view lab_id, float width, const std::map<std::string, std::string>& params = {});
    // {"explore-vram": {...}, ...} for every explorer drawn so far.
    nlohmann::json test_state() const;
    // Passed on to every explorer, including those created later.
    void set_reduce_motion(bool reduce);

private:
    Explorer* get(std::string_view lab_id);
    std::map<std::string, std::unique_ptr<Explorer>, std::less<>> explorers_;
    std::map<std::string, std::string, std::less<>> applied_;  // last params applied per explorer
    bool reduce_motion_ = false;
};

}  // namespace dojo
