// The app's routes as data: "#/labs/matmul?size=512" parses to {Labs, "matmul", {size: 512}} and
// formats back. A pure function with no ImGui, so the whole routing table is unit tested.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace dojo {

// The views the app shows, one per route (test_state() names them with view_name()).
enum class View { Home, Lesson, Tree, Review, Glossary, Faq, Search, Labs, Class, Present, Settings, Profile };

// "home", "lesson", "tree", ... as test_state() and the browser tests spell them.
const char* view_name(View view);

struct Route {
    View view = View::Home;
    // What follows the view's name and a slash: a lesson id (#/lesson/<id>), a glossary term
    // (#/glossary/<term>), a lab (#/labs/<lab>), "<lesson>[/<screen>]" (#/present/...). Absent for a
    // view's own page ("#/labs"); present but empty after a bare slash ("#/labs/").
    std::optional<std::string> argument;
    // "#/labs/<lab>?size=512&backend=cuda" (a lesson's lab block) preselects a lab's settings. Only the
    // Labs routes take parameters; elsewhere a '?' is part of the route, which then names nothing.
    std::map<std::string, std::string> params;

    bool operator==(const Route&) const = default;
};

// Reads a route such as "#/lesson/cpu-vs-gpu"; text without the leading '#' is taken as after "#/"
// ("tree" is "#/tree"). Unknown routes, and the empty one, are Home. A lesson or lab id is not
// checked here: the app does that with its course.
Route parse_route(const std::string& text);

// The route's text, as the address shows it: "#/", "#/tree", "#/glossary/vram", "#/labs/matmul?size=512".
// For every route parse_route() returns, parse_route(format_route(r)) == r.
std::string format_route(const Route& route);

// The lesson id and screen (counted from 0) in a presenter route's argument "<lesson>[/<screen>]",
// whose screen is counted from 1 as the presenter's footer shows it; a screen that is not a number
// (or too long to be one) is the first.
struct PresentTarget {
    std::string lesson;
    int screen = 0;
};
PresentTarget parse_present_argument(const std::string& argument);

// Where a link in lesson text leads, as the address shows it: "lesson:x" is "#/lesson/x" and "term:x" the
// glossary's "#/glossary/x"; a route or a web address stays as it is.
std::string link_href(std::string_view link);

}  // namespace dojo
