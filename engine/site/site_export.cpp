// Writing the static lesson pages to a folder (see site_export.h).
#include "site/site_export.h"

#include <exception>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "course/course_loader.h"

namespace dojo {

namespace fs = std::filesystem;

namespace {

[[nodiscard]] bool write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    return static_cast<bool>(out);
}

// The lessons' pictures (images/ in the course) beside the pages, where the pages' img tags look.
[[nodiscard]] std::string copy_images(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    if (!fs::is_directory(from / "images", ec)) return "";
    fs::create_directories(to / "images", ec);
    for (const auto& entry : fs::directory_iterator(from / "images", ec)) {
        const std::string ext = entry.path().extension().string();
        if (!entry.is_regular_file() || (ext != ".png" && ext != ".jpg" && ext != ".jpeg" && ext != ".svg" && ext != ".webp"))
            continue;
        fs::copy_file(entry.path(), to / "images" / entry.path().filename(), fs::copy_options::overwrite_existing, ec);
        if (ec) return "cannot copy " + entry.path().string() + ": " + ec.message();
    }
    return ec ? "cannot read " + (from / "images").string() + ": " + ec.message() : "";
}

}  // namespace

SiteExport export_site(const std::string& lessons_dir, const std::string& out, SiteOptions options) {
    SiteExport result;
    Course course;
    try {
        course = load_course(lessons_dir);
    } catch (const std::exception& e) {  // the loader reports problems as values; this is the last line of defence
        result.error = "cannot load the course in " + lessons_dir + ": " + e.what();
        return result;
    }
    for (const Diagnostic* d : course.diagnostics())
        if (d->severity == Diagnostic::Severity::Error) result.course_errors.push_back(d->to_string());
    if (!result.course_errors.empty()) {
        result.error = "the course has errors: fix them, then export again";
        return result;
    }
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) {
        result.error = "cannot create " + out + ": " + ec.message();
        return result;
    }
    if (!options.base_url.empty() && options.base_url.back() != '/') options.base_url += '/';
    for (const SitePage& p : render_site(course, options)) {
        if (!write_file(fs::path(out) / p.path, p.text)) {
            result.error = "cannot write " + (fs::path(out) / p.path).string();
            return result;
        }
        ++result.files;
    }
    result.error = copy_images(lessons_dir, out);
    result.lessons = course.lessons.size();
    return result;
}

}  // namespace dojo
