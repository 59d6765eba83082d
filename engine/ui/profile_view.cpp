// The profile view (profile_view.h): level, goal, streak, calendar, XP by track, achievements and the
// hardware record, each a section of the reading column.
#include "ui/profile_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include "progress/achievements.h"
#include "progress/habit.h"
#include "progress/learning.h"
#include "ui/access_tree.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"
#include "ui/widgets.h"

namespace dojo {

namespace {

constexpr int kCalendarWeeks = 53;

std::string plural(int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

void heading(const char* glyph, const std::string& text) {
    ImGui::Dummy({0, 10});
    ImGui::PushFont(fonts().heading);
    ImGui::Text("%s  %s", glyph, text.c_str());
    ImGui::PopFont();
    access_text(text, AccessRole::Heading, 2);
}

// The record's number as a learner reads it: 812 GFLOP/s, 24.6 GB/s, 21.3 GB.
std::string record_value(const HardwareRecord& r) {
    if (r.unit.empty()) return "";
    char text[48];
    std::snprintf(text, sizeof text, r.value >= 100 ? "%.0f %s" : "%.3g %s", r.value, r.unit.c_str());
    return text;
}

}  // namespace

void draw_goal_ring(ImDrawList* dl, ImVec2 c, float diameter, float fraction, bool met) {
    const float r = diameter * 0.5f;
    const float thickness = std::max(2.0f, diameter * 0.16f);
    dl->PathArcTo(c, r - thickness * 0.5f, 0, 2 * IM_PI, 40);
    dl->PathStroke(theme::kBorder, 0, thickness);
    if (fraction > 0) {
        const float start = -IM_PI * 0.5f;
        dl->PathArcTo(c, r - thickness * 0.5f, start, start + 2 * IM_PI * std::clamp(fraction, 0.0f, 1.0f), 40);
        dl->PathStroke(met ? theme::kSuccess : theme::kHighlight, 0, thickness);
    }
}

bool ProfileView::draw(float width, std::int64_t today) {
    section_title(icon::kUserCircle, "Your profile");
    const LevelInfo level = level_for(course_, progress_.total_xp());
    std::string summary =
        "Level " + std::to_string(level.index + 1) + ", " + level.name + ": " + std::to_string(progress_.total_xp()) + " XP";
    if (level.next_xp > 0) summary += ", " + std::to_string(level.next_xp - progress_.total_xp()) + " to the next level";
    text_colored(theme::kTextDim, (summary + ".").c_str());
    const bool changed = draw_goal(width, today);
    draw_calendar(width, today);
    draw_tracks(width);
    draw_achievements(width, today);
    draw_record(width);
    return changed;
}

bool ProfileView::draw_goal(float width, std::int64_t today) {
    Habit& h = progress_.habit;
    heading(icon::kFire, "Daily goal and streak");
    const float fs = ImGui::GetFontSize();
    const float ring = fs * 4.2f;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float fraction = goal_fraction(h, today);
    draw_goal_ring(ImGui::GetWindowDrawList(), {at.x + ring * 0.5f, at.y + ring * 0.5f}, ring, fraction, goal_met(h, today));
    ImGui::Dummy({ring, ring});
    widget_registry().record("profile:ring", at.x, at.y, ring, ring);
    ImGui::SameLine(0, fs);
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(fs * 8, width - ring - fs * 2));
    const int xp = xp_on(h, today);
    const int streak = current_streak(h, today);
    const std::string today_text = h.daily_goal > 0 ? "Today: " + std::to_string(xp) + " of " + std::to_string(h.daily_goal) +
                                                          " XP" + (goal_met(h, today) ? ", goal met." : ".")
                                                    : "Today: " + std::to_string(xp) + " XP. No daily goal is set.";
    ImGui::PushFont(fonts().strong);
    ImGui::TextWrapped("%s", today_text.c_str());
    ImGui::PopFont();
    access_text(today_text, AccessRole::Paragraph);
    const std::string streak_text = "Streak: " + plural(streak, "day", "days") +
                                    ". Longest: " + plural(longest_streak(h, today), "day", "days") +
                                    ". Freezes held: " + std::to_string(h.freezes) + " of " + std::to_string(kMaxFreezes) + ".";
    text_colored(theme::kText, streak_text.c_str());
    text_colored(theme::kTextDim,
                 "A day counts when its goal is met by study: quizzes, lessons, reviews, labs and exercises. Every 7 "
                 "such days earn a freeze, which covers one missed day by itself.");
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Goal");
    access_tree().open({.role = AccessRole::RadioGroup, .name = "Daily goal"});
    bool changed = false;
    const float line_start = ImGui::GetItemRectMin().x, line_end = line_start + width;
    for (const int goal : kGoalChoices) {
        const std::string label = goal == 0 ? std::string("Off##goal") : std::to_string(goal) + " XP a day##goal";
        // The choices wrap onto a second row on a phone instead of running off the screen.
        const float w =
            ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label.c_str(), nullptr, true).x;
        ImGui::SameLine();
        if (ImGui::GetCursorScreenPos().x + w > line_end)
            ImGui::SetCursorScreenPos({line_start + ImGui::CalcTextSize("Goal").x + ImGui::GetStyle().ItemSpacing.x,
                                       ImGui::GetItemRectMax().y + ImGui::GetStyle().ItemSpacing.y});
        if (ImGui::RadioButton(label.c_str(), h.daily_goal == goal) && h.daily_goal != goal) {
            h.daily_goal = goal;
            changed = true;
        }
        describe_last_item(AccessRole::Radio, goal == 0 ? "Off" : std::to_string(goal) + " XP a day",
                           h.daily_goal == goal ? access_state::kChecked : 0u);
    }
    access_tree().close();
    if (h.clock_back_day >= 0 && h.latest_day_seen > today)
        text_colored(theme::kWarning, ("This device's clock says " + day_text(today) + ", before " + day_text(h.latest_day_seen) +
                                       ", a day already counted: no day is judged until the clock catches up.")
                                          .c_str());
    return changed;
}

void ProfileView::draw_calendar(float width, std::int64_t today) {
    const Habit& h = progress_.habit;
    heading(icon::kCalendar, "Study calendar");
    // Columns are weeks (Monday on top), the last one holding today; as many as fit, up to a year.
    const float label_w = ImGui::CalcTextSize("Mon").x + 8;
    const float gap = 3;
    const float cell = std::clamp((width - label_w) / kCalendarWeeks - gap, 7.0f, 16.0f);
    const int weeks = std::clamp(static_cast<int>((width - label_w) / (cell + gap)), 8, kCalendarWeeks);
    // 1970-01-01 was a Thursday: Monday is 0 with (day + 3) % 7.
    const std::int64_t this_monday = today - (today + 3) % 7;
    const std::int64_t first = this_monday - static_cast<std::int64_t>(weeks - 1) * 7;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float top = ImGui::GetTextLineHeight() + 4;  // month names
    ImDrawList* dl = ImGui::GetWindowDrawList();
    int studied = 0, met = 0;
    const int goal = std::max(1, h.daily_goal);
    const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::string last_month;
    float next_label_x = 0;
    for (int w = 0; w < weeks; ++w) {
        const float x = origin.x + label_w + static_cast<float>(w) * (cell + gap);
        const std::string month = day_text(first + w * 7).substr(5, 2);
        if (month != last_month) {
            const char* name = months[std::stoi(month) - 1];
            if (x >= next_label_x) {  // a month whose name would run into the last one's goes unnamed
                dl->AddText({x, origin.y}, theme::kTextDim, name);
                next_label_x = x + ImGui::CalcTextSize(name).x + 6;
            }
            last_month = month;
        }
        for (int d = 0; d < 7; ++d) {
            const std::int64_t day = first + w * 7 + d;
            if (day > today) break;
            const float y = origin.y + top + static_cast<float>(d) * (cell + gap);
            const int xp = xp_on(h, day);
            studied += xp > 0;
            met += h.met_days.count(day) || (day == today && goal_met(h, day));
            ImU32 color = theme::tint(theme::kTextDim, 0.85f);
            if (xp > 0) color = theme::tint(theme::kSuccess, 0.75f - 0.6f * std::min(1.0f, static_cast<float>(xp) / goal));
            if (h.frozen_days.count(day)) color = theme::tint(theme::kNote, 0.3f);
            dl->AddRectFilled({x, y}, {x + cell, y + cell}, color, 2);
            if (day == today) dl->AddRect({x - 1, y - 1}, {x + cell + 1, y + cell + 1}, theme::kText, 2);
            if (ImGui::IsMouseHoveringRect({x, y}, {x + cell, y + cell}))
                ImGui::SetTooltip("%s: %d XP%s", day_text(day).c_str(), xp,
                                  h.frozen_days.count(day) ? " (a freeze covered it)"
                                  : h.met_days.count(day)  ? ", goal met"
                                                           : "");
        }
    }
    for (int d : {0, 2, 4})
        dl->AddText(
            {origin.x, origin.y + top + static_cast<float>(d) * (cell + gap) + (cell - ImGui::GetTextLineHeight()) * 0.5f},
            theme::kTextDim,
            d == 0   ? "Mon"
            : d == 2 ? "Wed"
                     : "Fri");
    const float height = top + 7 * (cell + gap);
    ImGui::Dummy({label_w + static_cast<float>(weeks) * (cell + gap), height});
    widget_registry().record("profile:calendar", origin.x, origin.y, label_w + static_cast<float>(weeks) * (cell + gap), height);
    const std::string words = "Over the last " + plural(weeks, "week", "weeks") + ": " + plural(studied, "day", "days") +
                              " with study, the goal met on " + plural(met, "day", "days") + ".";
    describe_last_item(AccessRole::Image, "Study calendar: " + words);
    text_colored(theme::kTextDim, (words + " Brighter squares mean more XP; blue ones were covered by a freeze.").c_str());
}

void ProfileView::draw_tracks(float width) {
    heading(icon::kStar, "XP by track");
    int most = 1;
    for (const auto& [id, xp] : progress_.track_xp) most = std::max(most, xp);
    // Names beside their bars when there is room for the longest; above them on a phone.
    float longest = ImGui::CalcTextSize("Labs run").x;
    for (const Track& t : course_.tracks) longest = std::max(longest, ImGui::CalcTextSize(t.name.c_str()).x);
    const bool beside = longest + ImGui::GetFontSize() * 10 <= width;
    const float name_w = beside ? longest + ImGui::GetFontSize() : 0;
    const float bar_w = width - name_w - ImGui::GetFontSize() * 4;
    access_tree().open({.role = AccessRole::List, .name = "XP by track"});
    auto row = [&](const std::string& name, int xp, ImU32 color) {
        ImGui::TextUnformatted(name.c_str());
        const ImVec2 at = beside ? ImGui::GetItemRectMin() : ImVec2{ImGui::GetItemRectMin().x, ImGui::GetCursorScreenPos().y};
        if (!beside) ImGui::Dummy({bar_w, ImGui::GetTextLineHeight()});
        const float h = ImGui::GetTextLineHeight();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float x = at.x + name_w;
        dl->AddRectFilled({x, at.y + h * 0.2f}, {x + bar_w, at.y + h * 0.8f}, theme::tint(theme::kTextDim, 0.85f), 3);
        dl->AddRectFilled({x, at.y + h * 0.2f}, {x + bar_w * static_cast<float>(xp) / static_cast<float>(most), at.y + h * 0.8f},
                          color, 3);
        dl->AddText({x + bar_w + 8, at.y}, theme::kText, std::to_string(xp).c_str());
        access_text(name + ": " + std::to_string(xp) + " XP", AccessRole::ListItem);
    };
    for (const Track& t : course_.tracks) {
        const auto it = progress_.track_xp.find(t.id);
        row(t.name, it == progress_.track_xp.end() ? 0 : it->second, theme::parse_color(t.color, theme::kAccent));
    }
    const auto labs = progress_.track_xp.find(kLabTrack);
    row("Labs run", labs == progress_.track_xp.end() ? 0 : labs->second, theme::kHighlight);
    access_tree().close();
}

void ProfileView::draw_achievements(float width, std::int64_t today) {
    const int earned =
        static_cast<int>(std::count_if(course_.achievements.begin(), course_.achievements.end(),
                                       [&](const Achievement& a) { return progress_.achievements.count(a.id) > 0; }));
    heading(icon::kTrophy, "Achievements: " + std::to_string(earned) + " of " + std::to_string(course_.achievements.size()));
    const float fs = ImGui::GetFontSize();
    const bool two = width >= fs * 34;
    const float col = two ? (width - fs) / 2 : width;
    access_tree().open({.role = AccessRole::List, .name = "Achievements"});
    int i = 0;
    // Earned first (newest first), then the open ones in the file's order.
    std::vector<const Achievement*> order;
    for (const Achievement& a : course_.achievements)
        if (progress_.achievements.count(a.id)) order.push_back(&a);
    std::stable_sort(order.begin(), order.end(), [&](const Achievement* a, const Achievement* b) {
        return progress_.achievements.at(a->id) > progress_.achievements.at(b->id);
    });
    for (const Achievement& a : course_.achievements)
        if (!progress_.achievements.count(a.id)) order.push_back(&a);
    // What each card says, so the two cards of a row can be made as tall as each other.
    auto state_of = [&](const Achievement& a) {
        const auto got = progress_.achievements.find(a.id);
        if (got != progress_.achievements.end()) return "Earned " + day_text(got->second) + ".";
        const AchievementProgress p = achievement_progress(course_, progress_, a, today);
        char text[64];
        std::snprintf(text, sizeof text, p.need > 1 ? "Not yet: %.0f of %.0f." : "Not yet.", std::floor(p.have), p.need);
        return std::string(text);
    };
    const float wrap = col - 24;
    auto text_height = [&](const Achievement& a) {
        ImGui::PushFont(fonts().strong);
        float h = ImGui::CalcTextSize((std::string("xx  ") + a.title).c_str(), nullptr, false, wrap).y;
        ImGui::PopFont();
        h += ImGui::CalcTextSize(a.text.c_str(), nullptr, false, wrap).y;
        return h + ImGui::CalcTextSize(state_of(a).c_str(), nullptr, false, wrap).y;
    };
    for (std::size_t k = 0; k < order.size(); ++k) {
        const Achievement* a = order[k];
        const bool has = progress_.achievements.count(a->id) > 0;
        if (two && i % 2 == 1) ImGui::SameLine(0, fs);
        float row_h = text_height(*a);
        if (two) row_h = std::max(row_h, text_height(*order[i % 2 == 1 ? k - 1 : std::min(k + 1, order.size() - 1)]));
        ImGui::BeginGroup();
        begin_card(col, 12);
        const float top = ImGui::GetCursorPosY();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
        ImGui::PushFont(fonts().strong);
        ImGui::PushStyleColor(ImGuiCol_Text, has ? theme::kHighlight : theme::kTextDim);
        ImGui::TextWrapped("%s  %s", icon::icon_by_name(a->icon), a->title.c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
        text_colored(has ? theme::kText : theme::kTextDim, a->text.c_str());
        const std::string state = state_of(*a);
        text_colored(theme::kTextDim, state.c_str());
        // Item spacing between the three lines is the same in both cards; only the text heights differ.
        const float spent = ImGui::GetCursorPosY() - top - 2 * ImGui::GetStyle().ItemSpacing.y;
        if (spent < row_h) ImGui::Dummy({0, row_h - spent - ImGui::GetStyle().ItemSpacing.y});
        ImGui::PopTextWrapPos();
        end_card(has ? theme::kSurfaceHover : theme::kSurface, has ? theme::kHighlight : 0u);
        ImGui::EndGroup();
        access_text(a->title + ". " + a->text + " " + state, AccessRole::ListItem);
        ++i;
    }
    access_tree().close();
}

void ProfileView::draw_record(float width) {
    heading(icon::kServer, "Your hardware record");
    if (progress_.hardware_record.empty()) {
        text_colored(theme::kTextDim,
                     "Run a lab (Labs, in the top bar) and the best result of each lab on each machine is kept here.");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    access_tree().open({.role = AccessRole::List, .name = "Your hardware record"});
    if (ImGui::BeginTable("##record", 4, flags, {width, 0})) {
        ImGui::TableSetupColumn("Machine", 0, 2.0f);
        ImGui::TableSetupColumn("Lab", 0, 1.2f);
        ImGui::TableSetupColumn("Best", 0, 1.4f);
        ImGui::TableSetupColumn("Date", 0, 1.0f);
        ImGui::TableHeadersRow();
        for (const HardwareRecord& r : progress_.hardware_record) {
            ImGui::TableNextRow();
            const std::string cells[] = {r.machine, r.lab + " (" + r.backend + ")",
                                         record_value(r).empty() ? "ran" : record_value(r), day_text(r.day)};
            for (int c = 0; c < 4; ++c) {
                ImGui::TableSetColumnIndex(c);
                ImGui::TextWrapped("%s", cells[c].c_str());
                if (c == 2 && !r.headline.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r.headline.c_str());
            }
            access_text(cells[0] + ", " + cells[1] + ": " + cells[2] + ", " + cells[3], AccessRole::ListItem);
        }
        ImGui::EndTable();
    }
    access_tree().close();
}

nlohmann::json ProfileView::test_state(std::int64_t today) const {
    const Habit& h = progress_.habit;
    nlohmann::json earned = nlohmann::json::array(), open = nlohmann::json::array(), record = nlohmann::json::array();
    for (const Achievement& a : course_.achievements) {
        if (progress_.achievements.count(a.id)) {
            earned.push_back(a.id);
        } else {
            const AchievementProgress p = achievement_progress(course_, progress_, a, today);
            open.push_back({{"id", a.id}, {"have", p.have}, {"need", p.need}});
        }
    }
    for (const HardwareRecord& r : progress_.hardware_record)
        record.push_back({{"machine", r.machine},
                          {"lab", r.lab},
                          {"backend", r.backend},
                          {"value", r.value},
                          {"unit", r.unit},
                          {"day", r.day}});
    int days = 0;
    for (const auto& [day, xp] : h.xp_by_day) days += day > today - 366 && day <= today && xp > 0;
    return {{"goal", h.daily_goal},
            {"today_xp", xp_on(h, today)},
            {"goal_fraction", goal_fraction(h, today)},
            {"streak", current_streak(h, today)},
            {"longest", longest_streak(h, today)},
            {"freezes", h.freezes},
            {"goal_days", goal_days(h, today)},
            {"calendar_days", days},
            {"earned", earned},
            {"open", open},
            {"record", record}};
}

}  // namespace dojo
