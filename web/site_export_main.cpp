// The web build's lesson pages: run under Node at build time (NODERAWFS, so it reads and writes the
// real files), it writes the course's static pages (engine/site/) into the build's lessons/ folder,
// which index.html's <noscript> links. The same code as `dojo lessons export-html`.
// Usage: node dojo_site_export.js <lessons dir> <out dir>
#include <cstdio>

#include "site/site_export.h"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: dojo_site_export.js <lessons dir> <out dir>\n");
        return 2;
    }
    const dojo::SiteExport result = dojo::export_site(argv[1], argv[2], dojo::SiteOptions{});
    for (const std::string& e : result.course_errors) std::fprintf(stderr, "%s\n", e.c_str());
    if (!result.ok()) {
        std::fprintf(stderr, "dojo_site_export: %s\n", result.error.c_str());
        return 1;
    }
    std::printf("lesson pages: %zu files in %s\n", result.files, argv[2]);
    return 0;
}
