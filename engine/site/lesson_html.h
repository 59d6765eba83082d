// A lesson's blocks as semantic HTML, for the static lesson pages (site_pages.h): the same parse the
// app reads (course_loader), so a page says what the lesson says. Headings, paragraphs, lists, code,
// tables, quotes and images as HTML has them; callouts as asides; a quiz as its question with the
// answer and explanation behind <details>; a diagram as a figure with its boxes and arrows in a list;
// a lab and an exercise described, with the `dojo` command that runs them on a machine with no screen.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "course/course.h"

namespace dojo {

// Text for HTML: & < > " escaped.
std::string html_escape(std::string_view text);

// Where a lesson's link goes on the static pages: "lesson:<id>" to "<id>.html", "term:<id>" to
// "glossary.html#<id>", anything else as written.
std::string site_href(const std::string& link);

// Inline text: bold, italic, code, strikethrough and links.
std::string spans_html(const Spans& spans);

// `blocks` of `lesson` (its questions and diagrams are looked up there) in `course` (labs' and
// exercises' titles). Headings keep their level, but never above <h2>: the page's <h1> is the title.
std::string blocks_html(const std::vector<Block>& blocks, const Lesson& lesson, const Course& course);

}  // namespace dojo
