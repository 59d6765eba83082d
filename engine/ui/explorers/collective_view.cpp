// The collective explorer's view (being written).
#include <imgui.h>
#include <nlohmann/json.hpp>

#include "ui/explorers_view.h"

namespace dojo {

namespace {

class CollectiveExplorer : public Explorer {
public:
    void apply_params(const std::map<std::string, std::string>& params) override { (void)params; }
    void draw(float width) override {
        (void)width;
        ImGui::TextUnformatted("This explorer is being built.");
    }
    nlohmann::json test_state() const override { return nlohmann::json::object(); }
};

}  // namespace

std::unique_ptr<Explorer> make_collective_explorer() {
    return std::make_unique<CollectiveExplorer>();
}

}  // namespace dojo
