// The Settings view (#/settings): theme, UI scale and reduced motion, applied live. It also decides
// what is in effect when the saved settings meet a page's ?theme= and the system's motion preference.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "progress/progress.h"
#include "ui/theme.h"

namespace dojo {

// The UI scales the view offers, as fractions (75% to 250%).
inline constexpr float kUiScaleSteps[] = {0.75f, 0.9f, 1.0f, 1.1f, 1.25f, 1.5f, 1.75f, 2.0f, 2.5f};

class SettingsView {
public:
    // Makes `saved` (or a session override) the active theme, UI scale and motion preference. Call
    // at start and whenever the settings are replaced (an import, a reset).
    void apply(const Settings& saved);

    // A theme asked for by the page's address (?theme=projector): shown for this visit only, so a
    // shared projector link does not change the learner's saved choice. Choosing a theme in the view
    // saves it and ends the override. False when `name` is not a theme.
    bool override_theme(const std::string& name, const Settings& saved);
    // The system asks for less motion (prefers-reduced-motion in the browser): motion is reduced
    // whatever the saved setting says.
    void set_system_reduce_motion(bool reduce) { system_reduce_motion_ = reduce; }
    bool reduce_motion(const Settings& saved) const { return saved.reduce_motion || system_reduce_motion_; }

    // Draws the view; true when the learner changed `settings` (the caller saves them).
    bool draw(Settings& settings, float width);

    // {theme, saved_theme, theme_override, ui_scale, reduce_motion, system_reduce_motion}.
    nlohmann::json test_state(const Settings& saved) const;

private:
    bool draw_theme_choice(Settings& settings, float width);
    bool draw_scale_choice(Settings& settings, float width);
    bool draw_motion_choice(Settings& settings, float width);
    void draw_preview(float width);

    std::optional<theme::Theme> override_;
    bool system_reduce_motion_ = false;
};

}  // namespace dojo
