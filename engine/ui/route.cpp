// Parses and formats the app's routes (ui/route.h); the app shell opens the view a route names.
#include "ui/route.h"

#include <algorithm>
#include <string>

namespace dojo {

namespace {

// The views named by a fixed route, in the order test_state() lists views.
constexpr const char* kViewNames[] = {"home",   "lesson", "tree",  "review",  "glossary", "faq",
                                      "search", "labs",   "class", "present", "settings", "profile"};

// "#/<name>" for the views that are only a name; nullptr for Home and the views with an argument.
const char* fixed_route(View view) {
    switch (view) {
        case View::Tree:
            return "#/tree";
        case View::Review:
            return "#/review";
        case View::Faq:
            return "#/faq";
        case View::Settings:
            return "#/settings";
        case View::Profile:
            return "#/profile";
        case View::Search:
            return "#/search";
        case View::Class:
            return "#/class";
        default:
            return nullptr;
    }
}

// "#/<name>" of the views that take an argument after a slash.
const char* argument_route(View view) {
    switch (view) {
        case View::Lesson:
            return "#/lesson";
        case View::Glossary:
            return "#/glossary";
        case View::Labs:
            return "#/labs";
        case View::Present:
            return "#/present";
        default:
            return nullptr;
    }
}

// "a=1&b=2": later keys win, and a pair without '=' is ignored.
std::map<std::string, std::string> parse_query(const std::string& query) {
    std::map<std::string, std::string> params;
    for (std::size_t at = 0; at <= query.size();) {
        const std::size_t end = std::min(query.find('&', at), query.size());
        const std::string pair = query.substr(at, end - at);
        if (const auto eq = pair.find('='); eq != std::string::npos) params[pair.substr(0, eq)] = pair.substr(eq + 1);
        at = end + 1;
    }
    return params;
}

}  // namespace

const char* view_name(View view) {
    return kViewNames[static_cast<int>(view)];
}

Route parse_route(const std::string& text) {
    const std::string route = text.empty() || text[0] != '#' ? "#/" + text : text;
    for (const View view : {View::Tree, View::Review, View::Faq, View::Settings, View::Profile, View::Search, View::Class})
        if (route == fixed_route(view)) return {view, std::nullopt, {}};
    for (const View view : {View::Lesson, View::Glossary, View::Labs, View::Present}) {
        const std::string name = argument_route(view);
        // Presenter mode and lessons are always about one lesson: their bare name is no route.
        if (route == name && (view == View::Glossary || view == View::Labs)) return {view, std::nullopt, {}};
        if (route.rfind(name + "/", 0) != 0) continue;
        std::string argument = route.substr(name.size() + 1);
        std::map<std::string, std::string> params;
        if (const auto q = argument.find('?'); view == View::Labs && q != std::string::npos) {
            params = parse_query(argument.substr(q + 1));
            argument.erase(q);
        }
        return {view, std::move(argument), std::move(params)};
    }
    return {};
}

std::string format_route(const Route& route) {
    if (const char* fixed = fixed_route(route.view)) return fixed;
    const char* name = argument_route(route.view);
    if (!name) return "#/";
    std::string text = name;
    if (route.argument) text += "/" + *route.argument;
    if (route.view == View::Labs && !route.params.empty()) {
        char separator = '?';
        for (const auto& [key, value] : route.params) {
            text += separator + key + "=" + value;
            separator = '&';
        }
    }
    return text;
}

std::string link_href(std::string_view link) {
    if (link.starts_with("lesson:")) return "#/lesson/" + std::string(link.substr(7));
    if (link.starts_with("term:")) return "#/glossary/" + std::string(link.substr(5));
    return std::string(link);
}

PresentTarget parse_present_argument(const std::string& argument) {
    const std::size_t slash = argument.find('/');
    PresentTarget target{argument.substr(0, slash), 0};
    if (slash != std::string::npos) {
        const std::string number = argument.substr(slash + 1);
        if (!number.empty() && number.size() < 6 &&
            std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; }))
            target.screen = std::max(0, std::stoi(number) - 1);
    }
    return target;
}

}  // namespace dojo
