// Builds the benchmarks' inputs: synthetic courses replicated from the real lessons, written to a
// temporary folder and validated once (a benchmark whose input is broken measures nothing).
#include "synthetic_course.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "course/course_loader.h"

namespace dojo::bench {

namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_text(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + p.string());
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

// Throws with every error the course has, so a broken input stops the benchmark loudly.
void require_clean(const Course& c, const fs::path& dir) {
    if (c.error_count() == 0) return;
    std::string message = "benchmark input " + dir.string() + " has " + std::to_string(c.error_count()) + " errors:";
    for (const auto& d : c.problems) message += "\n  " + d.to_string();
    for (const auto& l : c.lessons)
        for (const auto& d : l.problems) message += "\n  " + d.to_string();
    throw std::runtime_error(message);
}

// Temporary folders, removed when the process exits normally.
struct TempDirs {
    std::vector<fs::path> dirs;
    ~TempDirs() {
        std::error_code ec;
        for (const auto& d : dirs) fs::remove_all(d, ec);
    }
};
TempDirs& temp_dirs() {
    static TempDirs t;
    return t;
}

// Rewrites course.toml's top-level `order` to `ids` (in place, or prepended when it has none).
std::string with_order(std::string toml, const std::vector<std::string>& ids) {
    std::string order = "order = [\n";
    for (const auto& id : ids) order += "  \"" + id + "\",\n";
    order += "]";
    for (std::size_t at = 0; at < toml.size(); at = toml.find('\n', at) + 1) {
        if (toml[at] == '[') break;  // top-level keys come before the first table
        if (toml.compare(at, 5, "order") == 0) {
            const std::size_t end = toml.find(']', at);
            if (end == std::string::npos) throw std::runtime_error("course.toml: `order` has no end");
            return toml.replace(at, end + 1 - at, order);
        }
        if (toml.find('\n', at) == std::string::npos) break;
    }
    return order + "\n" + toml;
}

fs::path write_synthetic_course(int count) {
    const Course& real = real_course();
    const auto& templates = real.lessons;
    const std::size_t t = templates.size();
    if (t == 0 || real.tracks.empty()) throw std::runtime_error("the real course has no lessons or no tracks");
    const std::size_t n = static_cast<std::size_t>(count);

    static int serial = 0;
    const std::string folder = "dojo-bench-" + std::to_string(::getpid()) + "-" + std::to_string(serial++);
    const fs::path dir = fs::temp_directory_path() / folder;
    fs::remove_all(dir);
    fs::create_directories(dir);
    temp_dirs().dirs.push_back(dir);

    std::map<std::string, std::size_t> template_index;
    for (std::size_t i = 0; i < t; ++i) template_index[templates[i].id] = i;
    std::map<std::string, std::size_t> track_index;
    for (std::size_t i = 0; i < real.tracks.size(); ++i) track_index[real.tracks[i].id] = i;
    // Lesson `id` as seen from copy k: its copy-k twin when that exists, else the real one.
    auto mapped = [&](const std::string& id, std::size_t k) {
        const std::size_t i = template_index.at(id);
        return k == 0 || k * t + i >= n ? id : id + "-" + std::to_string(k);
    };

    std::vector<std::string> ids;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t k = i / t;
        const Lesson& tpl = templates[i % t];
        std::string text = read_text(tpl.path);
        const std::size_t open = text.find("+++");
        const std::size_t close = text.find("\n+++", open + 3);
        if (open != 0 || close == std::string::npos) throw std::runtime_error(tpl.path + ": no front matter");
        std::string front = text.substr(0, close), body = text.substr(close);
        for (const Lesson& other : templates) {
            replace_all(front, "\"" + other.id + "\"", "\"" + mapped(other.id, k) + "\"");         // id and requires
            replace_all(body, "lesson:" + other.id + ")", "lesson:" + mapped(other.id, k) + ")");  // links
        }
        if (k > 0) {
            const std::string root = mapped(templates[t - 1].id, (k - 1) / 2);
            replace_all(front, "requires = []", "requires = [\"" + root + "\"]");
            const auto track = track_index.find(tpl.track);
            if (track != track_index.end())
                replace_all(front, "track = \"" + tpl.track + "\"",
                            "track = \"" + real.tracks[(track->second + k) % real.tracks.size()].id + "\"");
        }
        ids.push_back(mapped(tpl.id, k));
        char prefix[32];
        std::snprintf(prefix, sizeof prefix, "%04zu-", i);
        write_text(dir / (prefix + ids.back() + ".md"), front + body);
    }

    const fs::path src = source_lessons_dir();
    write_text(dir / "course.toml", with_order(read_text(src / "course.toml"), ids));
    for (const char* name : {"glossary.toml", "faq.toml"})
        if (fs::exists(src / name)) fs::copy_file(src / name, dir / name);
    if (fs::exists(src / "images")) fs::copy(src / "images", dir / "images", fs::copy_options::recursive);

    const Course check = load_course(dir);
    require_clean(check, dir);
    if (check.lessons.size() != n)
        throw std::runtime_error(dir.string() + ": " + std::to_string(check.lessons.size()) + " lessons loaded, expected " +
                                 std::to_string(n));
    return dir;
}

}  // namespace

fs::path source_lessons_dir() {
    return DOJO_SOURCE_LESSONS_DIR;
}

const Course& real_course() {
    static const Course course = [] {
        Course c = load_course(source_lessons_dir());
        require_clean(c, source_lessons_dir());
        return c;
    }();
    return course;
}

const fs::path& synthetic_course_dir(int lessons) {
    static std::map<int, fs::path> made;
    auto it = made.find(lessons);
    if (it == made.end()) it = made.emplace(lessons, write_synthetic_course(lessons)).first;
    return it->second;
}

const LessonText& largest_lesson() {
    static const LessonText largest = [] {
        LessonText best;
        for (const Lesson& l : real_course().lessons) {
            std::string text = read_text(l.path);
            if (text.size() > best.text.size()) best = {l.path, std::move(text)};
        }
        return best;
    }();
    return largest;
}

}  // namespace dojo::bench
