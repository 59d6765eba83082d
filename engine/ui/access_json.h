// The access tree (access_tree.h) as JSON for the browser's mirror (web/access_mirror.js): nested nodes
// in reading order, each with only the fields it uses, and the widget ImGui's keyboard focus is on.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "ui/access_tree.h"

namespace dojo {

// {"focus": id, "nodes": [{"role", "name", "level", "checked", ..., "children": [...]}, ...]}. No
// rectangles: the mirror is read, not seen, so scrolling changes nothing in it.
nlohmann::json access_json(const AccessTree& tree);

}  // namespace dojo
