// The routing table as a pure function: every route the app knows parses to its view, argument and
// parameters, and formats back to the same text; anything else is the home view.
#include <gtest/gtest.h>

#include <string>

#include "ui/route.h"

namespace {

using dojo::format_route;
using dojo::parse_route;
using dojo::Route;
using dojo::View;

// Parses `text`, checks it formats back unchanged, and returns it.
Route round_trip(const std::string& text) {
    const Route r = parse_route(text);
    EXPECT_EQ(format_route(r), text) << "formatting the route parsed from " << text;
    EXPECT_EQ(parse_route(format_route(r)), r) << text;
    return r;
}

TEST(Route, ViewsWithoutAnArgument) {
    const std::pair<const char*, View> fixed[] = {
        {"#/", View::Home},         {"#/tree", View::Tree},         {"#/review", View::Review},
        {"#/faq", View::Faq},       {"#/settings", View::Settings}, {"#/profile", View::Profile},
        {"#/search", View::Search}, {"#/class", View::Class}};
    for (const auto& [text, view] : fixed) {
        const Route r = round_trip(text);
        EXPECT_EQ(r.view, view) << text;
        EXPECT_FALSE(r.argument) << text;
        EXPECT_TRUE(r.params.empty()) << text;
    }
}

TEST(Route, LessonTakesItsId) {
    const Route r = round_trip("#/lesson/cpu-vs-gpu");
    EXPECT_EQ(r.view, View::Lesson);
    EXPECT_EQ(r.argument, "cpu-vs-gpu");
    // The id is not checked here, nor split at a '?': the app says there is no such lesson.
    EXPECT_EQ(round_trip("#/lesson/").argument, "");
    EXPECT_EQ(round_trip("#/lesson/a?b=1").argument, "a?b=1");
    EXPECT_EQ(round_trip("#/lesson/a/b").argument, "a/b");
    // A lesson route names one lesson.
    EXPECT_EQ(parse_route("#/lesson").view, View::Home);
}

TEST(Route, GlossaryWithAndWithoutATerm) {
    const Route all = round_trip("#/glossary");
    EXPECT_EQ(all.view, View::Glossary);
    EXPECT_FALSE(all.argument);
    const Route term = round_trip("#/glossary/vram");
    EXPECT_EQ(term.view, View::Glossary);
    EXPECT_EQ(term.argument, "vram");
    const Route slash = round_trip("#/glossary/");  // an empty term: the whole glossary, as the address had it
    EXPECT_EQ(slash.view, View::Glossary);
    EXPECT_EQ(slash.argument, "");
}

TEST(Route, LabsWithALabAndParameters) {
    const Route all = round_trip("#/labs");
    EXPECT_EQ(all.view, View::Labs);
    EXPECT_FALSE(all.argument);
    EXPECT_EQ(round_trip("#/labs/transfer").argument, "transfer");
    EXPECT_EQ(round_trip("#/labs/").argument, "");

    const Route r = parse_route("#/labs/matmul?size=512");
    EXPECT_EQ(r.view, View::Labs);
    EXPECT_EQ(r.argument, "matmul");
    EXPECT_EQ(r.params, (std::map<std::string, std::string>{{"size", "512"}}));
    EXPECT_EQ(format_route(r), "#/labs/matmul?size=512");

    const Route two = parse_route("#/labs/matmul?size=512&backend=cuda");
    EXPECT_EQ(two.params, (std::map<std::string, std::string>{{"backend", "cuda"}, {"size", "512"}}));
    EXPECT_EQ(format_route(two), "#/labs/matmul?backend=cuda&size=512");  // keys in order
    EXPECT_EQ(parse_route(format_route(two)), two);
}

TEST(Route, QueryEdgeCases) {
    EXPECT_TRUE(parse_route("#/labs/matmul?").params.empty());
    EXPECT_EQ(format_route(parse_route("#/labs/matmul?")), "#/labs/matmul");
    // A pair without '=' is ignored; a repeated key keeps its last value; a value may hold '='.
    EXPECT_EQ(parse_route("#/labs/m?flag&size=1&size=2&eq=a=b").params,
              (std::map<std::string, std::string>{{"eq", "a=b"}, {"size", "2"}}));
    EXPECT_EQ(parse_route("#/labs/m?=x").params, (std::map<std::string, std::string>{{"", "x"}}));
    // The parameters belong to a lab: on the bare Labs route, or any other view, a '?' names nothing.
    EXPECT_EQ(parse_route("#/labs?size=512"), Route{});
    EXPECT_EQ(parse_route("#/tree?x=1"), Route{});
}

TEST(Route, PresenterModeTakesALessonAndScreen) {
    const Route r = round_trip("#/present/cpu-vs-gpu/3");
    EXPECT_EQ(r.view, View::Present);
    EXPECT_EQ(r.argument, "cpu-vs-gpu/3");
    EXPECT_EQ(round_trip("#/present/cpu-vs-gpu").argument, "cpu-vs-gpu");
    EXPECT_EQ(parse_route("#/present").view, View::Home);

    using dojo::parse_present_argument;
    EXPECT_EQ(parse_present_argument("cpu-vs-gpu").lesson, "cpu-vs-gpu");
    EXPECT_EQ(parse_present_argument("cpu-vs-gpu").screen, 0);
    EXPECT_EQ(parse_present_argument("cpu-vs-gpu/3").lesson, "cpu-vs-gpu");
    EXPECT_EQ(parse_present_argument("cpu-vs-gpu/3").screen, 2);  // the footer counts from 1
    EXPECT_EQ(parse_present_argument("x/0").screen, 0);
    EXPECT_EQ(parse_present_argument("x/").screen, 0);
    EXPECT_EQ(parse_present_argument("x/two").screen, 0);
    EXPECT_EQ(parse_present_argument("x/123456").screen, 0);  // too long to be a screen
    EXPECT_EQ(parse_present_argument("x/12345").screen, 12344);
    EXPECT_EQ(parse_present_argument("").lesson, "");
}

TEST(Route, WithoutTheHashIsAfterHashSlash) {
    EXPECT_EQ(parse_route("tree").view, View::Tree);
    EXPECT_EQ(parse_route("lesson/one").argument, "one");
    EXPECT_EQ(parse_route("labs/matmul?size=64").params.at("size"), "64");
}

TEST(Route, EmptyAndUnknownRoutesAreHome) {
    for (const char* text : {"", "#", "#/", "/", "#tree", "#/nowhere", "#/TREE", "#/tree/", "#/review/", "#/faq/x", "#/treehouse",
                             "#/lessons/one", "#/labsx", "#/glossaryx", "#/present", "##/tree", " #/tree"}) {
        EXPECT_EQ(parse_route(text), Route{}) << '"' << text << '"';
    }
    EXPECT_EQ(format_route(Route{}), "#/");
}

TEST(Route, ViewNames) {
    EXPECT_STREQ(dojo::view_name(View::Home), "home");
    EXPECT_STREQ(dojo::view_name(View::Lesson), "lesson");
    EXPECT_STREQ(dojo::view_name(View::Tree), "tree");
    EXPECT_STREQ(dojo::view_name(View::Review), "review");
    EXPECT_STREQ(dojo::view_name(View::Glossary), "glossary");
    EXPECT_STREQ(dojo::view_name(View::Faq), "faq");
    EXPECT_STREQ(dojo::view_name(View::Search), "search");
    EXPECT_STREQ(dojo::view_name(View::Labs), "labs");
    EXPECT_STREQ(dojo::view_name(View::Class), "class");
    EXPECT_STREQ(dojo::view_name(View::Present), "present");
    EXPECT_STREQ(dojo::view_name(View::Settings), "settings");
    EXPECT_STREQ(dojo::view_name(View::Profile), "profile");
}

}  // namespace

TEST(Route, ALinkInLessonTextLeadsToItsRouteOrStaysAnAddress) {
    EXPECT_EQ(dojo::link_href("lesson:two"), "#/lesson/two");
    EXPECT_EQ(dojo::link_href("term:vram"), "#/glossary/vram");
    EXPECT_EQ(dojo::link_href("#/faq"), "#/faq");
    EXPECT_EQ(dojo::link_href("https://example.org/"), "https://example.org/");
}
