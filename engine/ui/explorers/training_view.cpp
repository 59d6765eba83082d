// PLACEHOLDER (being written): the training explorer's view.
#include <nlohmann/json.hpp>

#include "ui/explorers_view.h"

namespace dojo {

namespace {
class Placeholder : public Explorer {
public:
    void apply_params(const std::map<std::string, std::string>&) override {}
    void draw(float) override {}
    nlohmann::json test_state() const override { return nullptr; }
};
}  // namespace

std::unique_ptr<Explorer> make_training_explorer() { return std::make_unique<Placeholder>(); }

}  // namespace dojo
