// What the platform shells expose to tests: the app's state and the widgets of the last frame as
// JSON (the web app through window.dojoTest, the desktop app through --state FILE).
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "ui/app_shell.h"

namespace dojo {

// {label, x, y, w, h} of the first widget with this label in the last frame, or null.
nlohmann::json widget_json(std::string_view label);

// {"state": shell.test_state(), "widgets": [{label, x, y, w, h}, ...]}
nlohmann::json test_snapshot(const AppShell& shell);

}  // namespace dojo
