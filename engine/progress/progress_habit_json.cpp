// The version-3 parts of the progress document: the habit (goal, XP per day, streak), achievements
// earned, lessons presented and the hardware record, written in a fixed key order and read with
// every value checked (progress_fields.h), like the rest of the file (progress.cpp).
#include <limits>
#include <nlohmann/json.hpp>

#include "progress/progress.h"
#include "progress/progress_fields.h"

namespace dojo {

using nlohmann::json;
using nlohmann::ordered_json;
using progress_json::FieldReader;

namespace {

ordered_json day_list(const std::set<std::int64_t>& days) {
    ordered_json list = ordered_json::array();
    for (std::int64_t d : days) list.push_back(d);
    return list;
}

void read_day_list(FieldReader& in, const json& parent, const char* key, const std::string& path, std::set<std::int64_t>& out) {
    const auto it = parent.find(key);
    if (it == parent.end() || in.failed()) return;
    if (!it->is_array()) return in.fail(path, "must be a list of day numbers");
    for (std::size_t i = 0; i < it->size(); ++i) {
        std::int64_t day = 0;
        in.integer_value((*it)[i], path + "/" + std::to_string(i), 0, FieldReader::kMaxDayNumber, day);
        out.insert(day);
    }
}

}  // namespace

void write_motivation(const Progress& progress, ordered_json& doc) {
    const Habit& h = progress.habit;
    ordered_json& habit = doc["habit"] = ordered_json::object();
    habit["daily_goal"] = h.daily_goal;
    ordered_json& days = habit["xp_by_day"] = ordered_json::object();
    for (const auto& [day, xp] : h.xp_by_day) days[std::to_string(day)] = xp;
    habit["met_days"] = day_list(h.met_days);
    habit["frozen_days"] = day_list(h.frozen_days);
    habit["settled_through"] = h.settled_through;
    habit["streak"] = h.streak;
    habit["longest_streak"] = h.longest_streak;
    habit["freezes"] = h.freezes;
    habit["met_since_freeze"] = h.met_since_freeze;
    habit["latest_day_seen"] = h.latest_day_seen;
    habit["clock_back_day"] = h.clock_back_day;
    ordered_json& earned = doc["achievements"] = ordered_json::object();
    for (const auto& [id, day] : progress.achievements) earned[id] = day;
    ordered_json& presented = doc["presented"] = ordered_json::array();
    for (const auto& id : progress.presented) presented.push_back(id);
    ordered_json& lab_days = doc["lab_xp_days"] = ordered_json::object();
    for (const auto& [lab, day] : progress.lab_xp_days) lab_days[lab] = day;
    ordered_json& record = doc["hardware_record"] = ordered_json::array();
    for (const HardwareRecord& r : progress.hardware_record)
        record.push_back({{"machine", r.machine},
                          {"lab", r.lab},
                          {"backend", r.backend},
                          {"value", r.value},
                          {"unit", r.unit},
                          {"naive_cpu", r.naive_cpu},
                          {"headline", r.headline},
                          {"day", r.day}});
}

void read_motivation(FieldReader& in, const json& doc, Progress& out) {
    if (const json* habit = in.object(doc, "habit", "habit")) {
        Habit& h = out.habit;
        in.integer(*habit, "daily_goal", "habit/daily_goal", 0, h.daily_goal);
        if (const json* days = in.object(*habit, "xp_by_day", "habit/xp_by_day")) {
            for (const auto& [key, value] : days->items()) {
                const std::string path = "habit/xp_by_day/" + key;
                char* end = nullptr;
                const long long day = std::strtoll(key.c_str(), &end, 10);
                if (key.empty() || *end != '\0' || day < 0 || day > FieldReader::kMaxDayNumber)
                    return in.fail(path, "names no day: keys are day numbers such as \"20428\"");
                std::int64_t xp = 0;
                in.integer_value(value, path, 0, std::numeric_limits<int>::max(), xp);
                h.xp_by_day[day] = static_cast<int>(xp);
            }
        }
        read_day_list(in, *habit, "met_days", "habit/met_days", h.met_days);
        read_day_list(in, *habit, "frozen_days", "habit/frozen_days", h.frozen_days);
        in.day(*habit, "settled_through", "habit/settled_through", -1, h.settled_through);
        in.integer(*habit, "streak", "habit/streak", 0, h.streak);
        in.integer(*habit, "longest_streak", "habit/longest_streak", 0, h.longest_streak);
        std::int64_t freezes = h.freezes;
        in.integer(*habit, "freezes", "habit/freezes", 0, kMaxFreezes, freezes);
        h.freezes = static_cast<int>(freezes);
        in.integer(*habit, "met_since_freeze", "habit/met_since_freeze", 0, h.met_since_freeze);
        in.day(*habit, "latest_day_seen", "habit/latest_day_seen", -1, h.latest_day_seen);
        in.day(*habit, "clock_back_day", "habit/clock_back_day", -1, h.clock_back_day);
    }
    if (const json* earned = in.object(doc, "achievements", "achievements")) {
        for (const auto& [id, value] : earned->items()) {
            std::int64_t day = 0;
            in.integer_value(value, "achievements/" + id, 0, FieldReader::kMaxDayNumber, day);
            out.achievements[id] = day;
        }
    }
    if (const json* lab_days = in.object(doc, "lab_xp_days", "lab_xp_days")) {
        for (const auto& [lab, value] : lab_days->items()) {
            std::int64_t day = 0;
            in.integer_value(value, "lab_xp_days/" + lab, 0, FieldReader::kMaxDayNumber, day);
            out.lab_xp_days[lab] = day;
        }
    }
    if (const auto it = doc.find("presented"); it != doc.end() && !in.failed()) {
        if (!it->is_array()) return in.fail("presented", "must be a list of lesson ids");
        for (const json& id : *it) {
            if (!id.is_string()) return in.fail("presented", "must hold only lesson ids (strings)");
            out.presented.insert(id.get<std::string>());
        }
    }
    if (const auto it = doc.find("hardware_record"); it != doc.end() && !in.failed()) {
        if (!it->is_array()) return in.fail("hardware_record", "must be a list");
        for (std::size_t i = 0; i < it->size(); ++i) {
            const json& r = (*it)[i];
            const std::string path = "hardware_record/" + std::to_string(i);
            if (!r.is_object()) return in.fail(path, "must be an object");
            HardwareRecord record;
            in.string(r, "machine", path + "/machine", record.machine);
            in.string(r, "lab", path + "/lab", record.lab);
            in.string(r, "backend", path + "/backend", record.backend);
            in.number(r, "value", path + "/value", 0, 1e18, record.value);
            in.string(r, "unit", path + "/unit", record.unit);
            in.number(r, "naive_cpu", path + "/naive_cpu", 0, 1e18, record.naive_cpu);
            in.string(r, "headline", path + "/headline", record.headline);
            in.day(r, "day", path + "/day", 0, record.day);
            out.hardware_record.push_back(std::move(record));
        }
    }
}

}  // namespace dojo
