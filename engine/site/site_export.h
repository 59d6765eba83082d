// Writing the static lesson pages (site_pages.h) to a folder with the lessons' images beside them:
// `dojo lessons export-html` natively, and the web build's page generator (web/site_export_main.cpp,
// run under Node) so the app ships them in lessons/.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "site/site_pages.h"

namespace dojo {

struct SiteExport {
    std::vector<std::string> course_errors;  // the course's errors, as `dojo lessons check` prints them
    std::string error;                       // a file that could not be written, or the course had errors
    std::size_t files = 0, lessons = 0;
    bool ok() const { return error.empty(); }
};

// Loads the course in `lessons_dir` and writes its pages to `out` (created if missing). Nothing is
// written when the course has errors.
[[nodiscard]] SiteExport export_site(const std::string& lessons_dir, const std::string& out, SiteOptions options);

}  // namespace dojo
