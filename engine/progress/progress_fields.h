// Reading a progress document's fields with every value checked, stopping at the first problem and
// naming its path ("lessons/x/xp_awarded must be ..."): shared by progress.cpp and the parts of the
// document kept in their own files (progress_habit_json.cpp). Internal to engine/progress/.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

namespace dojo::progress_json {

using nlohmann::json;

// Reads fields out of the parsed document, stopping at the first problem and naming its path.
class FieldReader {
public:
    std::string error;

    bool failed() const { return !error.empty(); }

    // nullptr when absent (the caller keeps its default) or when present but not an object (an error).
    const json* object(const json& parent, const char* key, const std::string& path) {
        const json* value = find(parent, key);
        if (value && !value->is_object()) {
            fail(path, "must be an object");
            return nullptr;
        }
        return value;
    }

    void integer(const json& parent, const char* key, const std::string& path, std::int64_t min, std::int64_t max,
                 std::int64_t& out) {
        if (const json* value = find(parent, key)) integer_value(*value, path, min, max, out);
    }

    void integer_value(const json& value, const std::string& path, std::int64_t min, std::int64_t max, std::int64_t& out) {
        if (failed()) return;
        if (value.is_number_unsigned()) {
            const auto v = value.get<std::uint64_t>();
            if (v <= static_cast<std::uint64_t>(max) && static_cast<std::int64_t>(v) >= min) {
                out = static_cast<std::int64_t>(v);
                return;
            }
        } else if (value.is_number_integer()) {
            const auto v = value.get<std::int64_t>();
            if (v >= min && v <= max) {
                out = v;
                return;
            }
        }
        if (min == 0) {
            fail(path, max == std::numeric_limits<int>::max() ? "must be a non-negative integer"
                                                              : "must be a non-negative integer up to " + std::to_string(max));
        } else {
            fail(path, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
        }
    }

    void integer(const json& parent, const char* key, const std::string& path, int min, int& out) {
        std::int64_t wide = out;
        integer(parent, key, path, min, std::numeric_limits<int>::max(), wide);
        out = static_cast<int>(wide);
    }

    void day(const json& parent, const char* key, const std::string& path, std::int64_t min, std::int64_t& out) {
        // A day number far beyond any calendar is damage, and would overflow day arithmetic.
        integer(parent, key, path, min, kMaxDayNumber, out);
    }

    void boolean(const json& parent, const char* key, const std::string& path, bool& out) {
        const json* value = find(parent, key);
        if (!value) return;
        if (!value->is_boolean()) return fail(path, "must be true or false");
        out = value->get<bool>();
    }

    void string(const json& parent, const char* key, const std::string& path, std::string& out) {
        const json* value = find(parent, key);
        if (!value) return;
        if (!value->is_string()) return fail(path, "must be a string");
        out = value->get<std::string>();
    }

    void number(const json& parent, const char* key, const std::string& path, double min, double max, double& out) {
        const json* value = find(parent, key);
        if (!value) return;
        // JSON has no NaN or infinity: those come back as null or out of range, and are caught here.
        if (!value->is_number()) return fail(path, "must be a number");
        const double v = value->get<double>();
        if (!std::isfinite(v) || v < min || v > max) {
            return fail(path, "must be a number from " + format(min) + " to " + format(max));
        }
        out = v;
    }

    void fail(const std::string& path, const std::string& what) {
        if (error.empty()) error = path + " " + what;
    }

    static constexpr std::int64_t kMaxDayNumber = 100'000'000;  // about the year 275,000

private:
    const json* find(const json& parent, const char* key) {
        if (failed()) return nullptr;
        const auto it = parent.find(key);
        return it == parent.end() ? nullptr : &*it;
    }

    // The shortest form that reads back as `v` (what to_chars gives, which Emscripten lacks).
    static std::string format(double v) {
        char buffer[40];
        if (v == std::floor(v) && std::fabs(v) < 1e15) {  // whole numbers as whole numbers: 1000, not 1e+03
            std::snprintf(buffer, sizeof buffer, "%.0f", v);
            return buffer;
        }
        for (int precision = 1; precision <= 17; ++precision) {
            std::snprintf(buffer, sizeof buffer, "%.*g", precision, v);
            if (std::strtod(buffer, nullptr) == v) break;
        }
        return buffer;
    }
};

}  // namespace dojo::progress_json
