// The access tree as JSON (see access_json.h).
#include "ui/access_json.h"

namespace dojo {

namespace {

nlohmann::json node_json(const AccessNode& n) {
    using namespace access_state;
    nlohmann::json j;
    j["role"] = aria_role(n.role);
    if (!n.name.empty()) j["name"] = n.name;
    if (!n.description.empty()) j["description"] = n.description;
    if (n.level > 0) j["level"] = n.level;
    if (n.state & kCheckable) j["checked"] = (n.state & kChecked) != 0;
    if (n.state & kSelected) j["selected"] = true;
    if (n.state & kDisabled) j["disabled"] = true;
    if (n.state & kExpandable) j["expanded"] = (n.state & kExpanded) != 0;
    if (n.state & kCurrent) j["current"] = true;
    if (n.role == AccessRole::Slider || n.role == AccessRole::ProgressBar) {
        j["value"] = n.value;
        j["min"] = n.min;
        j["max"] = n.max;
    }
    if (!n.value_text.empty()) j["valueText"] = n.value_text;
    if (!n.href.empty()) j["href"] = n.href;
    if (n.id != 0) j["id"] = n.id;
    return j;
}

}  // namespace

nlohmann::json access_json(const AccessTree& tree) {
    const std::vector<AccessNode>& nodes = tree.last_frame();
    // Nodes come parents first (a parent's index is below its children's).
    std::vector<nlohmann::json> built(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) built[i] = node_json(nodes[i]);
    // Attach from the last node back, so each node holds its children (already complete) before it moves
    // into its own parent.
    std::vector<std::vector<std::size_t>> children(nodes.size());
    nlohmann::json top = nlohmann::json::array();
    std::vector<std::size_t> roots;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const int p = nodes[i].parent;
        if (p >= 0 && static_cast<std::size_t>(p) < i)
            children[static_cast<std::size_t>(p)].push_back(i);
        else
            roots.push_back(i);
    }
    for (std::size_t i = nodes.size(); i-- > 0;) {
        if (children[i].empty()) continue;
        nlohmann::json kids = nlohmann::json::array();
        for (std::size_t c : children[i]) kids.push_back(std::move(built[c]));
        built[i]["children"] = std::move(kids);
    }
    for (std::size_t r : roots) top.push_back(std::move(built[r]));
    return {{"focus", tree.focus()}, {"nodes", std::move(top)}};
}

}  // namespace dojo
