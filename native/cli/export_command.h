// `dojo lessons export-html OUT`: the course as static HTML pages (engine/site/site_pages.h) written to
// a folder, with the lessons' images beside them, for search engines, readers without JavaScript and
// print. Exit codes: 0 written, 1 the course has errors (printed like `dojo lessons check`) or a
// file could not be written.
#pragma once

#include <string>

namespace dojo {

struct ExportCommand {
    std::string out;          // the folder to write
    std::string lessons_dir;  // the course
    std::string app;          // the app's address from the pages (SiteOptions::app)
    std::string base_url;     // where the pages will be served, for the sitemap (empty: none)
};

[[nodiscard]] int run_export_html(const ExportCommand& command);

}  // namespace dojo
