// The profile view (#/profile): the learner's level and XP by track, the daily goal they pick, the
// streak and the freezes held, a calendar of XP per day over the last year, the achievements earned
// and still open (with how far along), and their own hardware record. Also the goal ring the top bar
// shows. The rules behind it are in engine/progress/ (habit.h, achievements.h, hardware_record.h).
#pragma once

#include <cstdint>

#include <imgui.h>
#include <nlohmann/json_fwd.hpp>

#include "course/course.h"
#include "progress/progress.h"

namespace dojo {

class ProfileView {
public:
    ProfileView(const Course& course, Progress& progress) : course_(course), progress_(progress) {}

    // Draws the view; true when the learner changed the daily goal (the caller saves).
    bool draw(float width, std::int64_t today);

    // {goal, today_xp, streak, longest, freezes, goal_days, earned: [ids], open: [{id, have, need}],
    //  calendar_days (days with XP in the last year), record: [{machine, lab, backend, value, unit, day}]}.
    nlohmann::json test_state(std::int64_t today) const;

private:
    bool draw_goal(float width, std::int64_t today);
    void draw_calendar(float width, std::int64_t today);
    void draw_tracks(float width);
    void draw_achievements(float width, std::int64_t today);
    void draw_record(float width);

    const Course& course_;
    Progress& progress_;
};

// The daily goal's ring: `fraction` of the way round, `diameter` across, centred at `centre`. The
// top bar and the profile both draw it.
void draw_goal_ring(ImDrawList* dl, ImVec2 centre, float diameter, float fraction, bool met);

}  // namespace dojo
