// The course as static HTML pages, for search engines, readers without JavaScript and print: a page
// per lesson (lesson_html.h renders its blocks), an index of the tracks and their lessons, the
// glossary, the FAQ, a stylesheet (for the screen and for printing a lesson as a handout) and, where
// the site's address is known, a sitemap. `dojo lessons export-html` writes them; the web build ships
// them in lessons/ beside the app.
#pragma once

#include <string>
#include <vector>

#include "course/course.h"

namespace dojo {

struct SiteOptions {
    // The app, from the pages' folder: each page links "<app>#/lesson/<id>" to open the lesson there.
    std::string app = "../index.html";
    // Where the pages will be served from ("https://example.org/lessons/"), for the sitemap and the
    // canonical links; empty: no sitemap.
    std::string base_url;
};

struct SitePage {
    std::string path;  // relative to the output folder: "index.html", "<lesson id>.html", "site.css"
    std::string text;
};

// Every page of the course. The course should load with no errors: a lesson with errors is left out
// (the app cannot open it either).
std::vector<SitePage> render_site(const Course& course, const SiteOptions& options);

}  // namespace dojo
