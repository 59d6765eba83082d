// `dojo lessons export-html` (see export_command.h).
#include "export_command.h"

#include <cstdio>

#include "site/site_export.h"

namespace dojo {

int run_export_html(const ExportCommand& command) {
    SiteOptions options;
    options.app = command.app;
    options.base_url = command.base_url;
    const SiteExport result = export_site(command.lessons_dir, command.out, options);
    for (const std::string& e : result.course_errors) std::fprintf(stderr, "%s\n", e.c_str());
    if (!result.ok()) {
        std::fprintf(stderr, "dojo: %s\n", result.error.c_str());
        return 1;
    }
    std::printf("wrote %zu files to %s: %zu lessons, the glossary, the FAQ, the stylesheet%s\n", result.files,
                command.out.c_str(), result.lessons,
                options.base_url.empty() ? " (no sitemap without --base-url)" : ", a sitemap");
    return 0;
}

}  // namespace dojo
