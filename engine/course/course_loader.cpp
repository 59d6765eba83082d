// Loads a course folder (course_loader.h): each lesson file's front matter and body, course.toml,
// glossary.toml and faq.toml, then the course-wide checks (ids, tracks, links, images, prerequisite
// cycles). toml_reader, markdown_blocks and extension_blocks do the reading.
#include "course/course_loader.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <span>
#include <system_error>
#include <utility>

#include "course/exercise_loader.h"
#include "course/extension_blocks.h"
#include "course/parse_context.h"
#include "course/skill_tree.h"
#include "course/toml_reader.h"
#include "labs/lab_catalog.h"

namespace dojo {

using namespace detail;

namespace {

// ---- One lesson file ------------------------------------------------------------------------------

bool is_fence(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    return line == "+++";
}

Lesson parse_lesson_impl(std::string_view text, const std::string& path, LessonRefs& refs) {
    Lesson lesson;
    lesson.path = path;
    ParseContext ctx{path, &lesson.problems, &refs, 0};

    if (text.size() > kMaxLessonBytes) {
        ctx.error(0, 0,
                  "file is " + std::to_string(text.size()) + " bytes, over the limit of " + std::to_string(kMaxLessonBytes) +
                      " bytes for one lesson; split it into smaller lessons");
        return lesson;
    }
    if (auto bad = find_invalid_utf8(text); bad != std::string_view::npos) {
        LineMap lines(text);
        ctx.error(lines.line(bad), lines.column(bad), "invalid UTF-8 byte sequence; save the file as UTF-8");
        return lesson;
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a BOM is harmless

    const std::size_t first_nl = text.find('\n');
    if (!is_fence(text.substr(0, first_nl))) {
        ctx.error(1, 1, "expected front matter: the first line must be '+++', followed by TOML keys and a closing '+++'");
        return lesson;
    }
    std::size_t pos = first_nl == std::string_view::npos ? text.size() : first_nl + 1;
    std::size_t close = std::string_view::npos;
    while (pos < text.size()) {
        const std::size_t nl = text.find('\n', pos);
        if (is_fence(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos))) {
            close = pos;
            break;
        }
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    if (close == std::string_view::npos) {
        ctx.error(1, 1, "front matter is not closed: add a line '+++' after the TOML keys");
        return lesson;
    }
    const int close_line = LineMap(text.substr(0, close)).line(close);  // counted as the body's lines are (lone CRs too)

    if (const auto table = parse_toml(text.substr(first_nl + 1, close - first_nl - 1), ctx, 2, "front matter: ")) {
        TomlFields f(table->root(), ctx, 1, "front matter: ");
        f.reject_unknown({"id", "title", "track", "summary", "requires", "xp", "minutes", "objectives", "sources"});
        lesson.id = f.str("id", true);
        if (f.has("id")) {
            refs.id_line = f.line_of("id");
            if (!lesson.id.empty() && !valid_id(lesson.id))
                f.error_at("id",
                           "id '" + lesson.id + "' may use only lowercase letters, digits and '-' (for example 'cpu-vs-gpu')");
        }
        lesson.title = f.str("title", true);
        lesson.track = f.str("track", true);
        if (f.has("track")) refs.track_line = f.line_of("track");
        lesson.summary = f.str("summary", true);
        lesson.requires_ = f.strings("requires", true);
        if (f.has("requires")) refs.requires_line = f.line_of("requires");
        lesson.xp = static_cast<int>(f.integer("xp", true, 0, 500).value_or(0));
        lesson.minutes = static_cast<int>(f.integer("minutes", true, 1, 600).value_or(0));
        lesson.objectives = f.strings("objectives", true);
        if (f.has("objectives") && lesson.objectives.empty()) f.error_at("objectives", "list at least one objective");
        lesson.sources = f.strings("sources", true);
        if (f.has("sources") && lesson.sources.empty())
            f.error_at("sources", "list at least one source (where the lesson's facts and numbers come from)");
    }

    const std::size_t body_start = text.find('\n', close);
    if (body_start != std::string_view::npos)
        lesson.blocks = parse_body(text.substr(body_start + 1), ctx, close_line + 1, &lesson);
    return lesson;
}

// ---- Course files --------------------------------------------------------------------------------

bool valid_color(const std::string& c) {
    return c.size() == 7 && c[0] == '#' &&
           std::all_of(c.begin() + 1, c.end(), [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)); });
}

void load_course_toml(Course& course, const std::filesystem::path& dir, std::vector<std::string>& order) {
    const std::string path = (dir / "course.toml").string();
    ParseContext ctx{path, &course.problems, nullptr, 0};
    std::string text, error;
    if (!std::filesystem::exists(dir / "course.toml")) {
        ctx.error(0, 0, "course.toml not found: it declares the tracks and levels (see the author's guide)");
        return;
    }
    if (!read_file(dir / "course.toml", text, error, kMaxLessonBytes)) {
        ctx.error(0, 0, error);
        return;
    }
    const auto table = parse_toml(text, ctx, 1, "");
    if (!table) return;
    TomlFields f(table->root(), ctx, 0, "");
    f.reject_unknown({"tracks", "levels", "order"});
    for (TomlTable t : f.tables("tracks", true)) {
        TomlFields tf(t, ctx, 0, "track: ");
        tf.reject_unknown({"id", "name", "color", "icon"});
        Track track{tf.str("id", true), tf.str("name", true), tf.str("color", true), tf.str("icon", false)};
        if (!track.color.empty() && !valid_color(track.color)) tf.error_at("color", "color must look like \"#3FD0C0\"");
        if (course.find_track(track.id)) tf.error_here("duplicate track id '" + track.id + "'");
        course.tracks.push_back(std::move(track));
    }
    for (TomlTable t : f.tables("levels", true)) {
        TomlFields lf(t, ctx, 0, "level: ");
        lf.reject_unknown({"name", "xp"});
        Level level{lf.str("name", true), static_cast<int>(lf.integer("xp", true, 0, 1000000).value_or(0))};
        if (course.levels.empty() && level.xp != 0) lf.error_here("the first level must start at xp = 0");
        if (!course.levels.empty() && level.xp <= course.levels.back().xp)
            lf.error_here("levels must be in ascending order of xp");
        course.levels.push_back(std::move(level));
    }
    order = f.strings("order", false);
}

void load_glossary(Course& course, const std::filesystem::path& dir) {
    if (!std::filesystem::exists(dir / "glossary.toml")) return;
    const std::string path = (dir / "glossary.toml").string();
    ParseContext ctx{path, &course.problems, nullptr, 0};
    std::string text, error;
    if (!read_file(dir / "glossary.toml", text, error, kMaxLessonBytes)) return ctx.error(0, 0, error);
    const auto table = parse_toml(text, ctx, 1, "");
    if (!table) return;
    TomlFields f(table->root(), ctx, 0, "");
    f.reject_unknown({"terms"});
    for (TomlTable t : f.tables("terms", true)) {
        TomlFields tf(t, ctx, 0, "glossary: ");
        tf.reject_unknown({"id", "term", "definition", "code", "related"});
        GlossaryTerm term{tf.str("id", true), tf.str("term", true), tf.str("definition", true), tf.str("code", false),
                          tf.strings("related", false)};
        if (!term.id.empty() && !valid_id(term.id))
            tf.error_at("id", "term id '" + term.id + "' may use only lowercase letters, digits and '-'");
        if (course.find_term(term.id)) tf.error_here("duplicate term id '" + term.id + "'");
        for (const auto& r : term.related)
            if (!course.find_lesson(r)) tf.error_here("term '" + term.id + "' names unknown related lesson '" + r + "'");
        course.glossary.push_back(std::move(term));
    }
}

void load_faq(Course& course, const std::filesystem::path& dir) {
    if (!std::filesystem::exists(dir / "faq.toml")) return;
    const std::string path = (dir / "faq.toml").string();
    ParseContext ctx{path, &course.problems, nullptr, 0};
    std::string text, error;
    if (!read_file(dir / "faq.toml", text, error, kMaxLessonBytes)) return ctx.error(0, 0, error);
    const auto table = parse_toml(text, ctx, 1, "");
    if (!table) return;
    TomlFields f(table->root(), ctx, 0, "");
    f.reject_unknown({"faq"});
    for (TomlTable t : f.tables("faq", true)) {
        TomlFields ef(t, ctx, 0, "faq: ");
        ef.reject_unknown({"question", "answer", "related"});
        FaqEntry entry{ef.str("question", true), ef.str("answer", true), {}, ef.strings("related", false)};
        for (const auto& r : entry.related)
            if (!course.find_lesson(r)) ef.error_here("entry names unknown related lesson '" + r + "'");
        // The answer is Markdown; its inline text is kept as one run of spans. Its lesson and term
        // links are checked like a lesson's (the glossary and the lessons are loaded by now).
        LessonRefs refs;
        ParseContext inner{path, &course.problems, &refs, 0};
        for (const Block& b :
             parse_body(entry.answer, inner, ef.has("answer") ? ef.line_of("answer") : ef.table_line(), nullptr)) {
            if (!entry.answer_spans.empty()) entry.answer_spans.push_back({"\n\n", 0, ""});
            entry.answer_spans.insert(entry.answer_spans.end(), b.spans.begin(), b.spans.end());
        }
        for (const auto& ref : refs.lessons)
            if (!course.find_lesson(ref.target))
                inner.error(ref.line, ref.column, "faq: link to unknown lesson '" + ref.target + "'");
        for (const auto& ref : refs.terms)
            if (!course.find_term(ref.target))
                inner.error(ref.line, ref.column, "faq: link to unknown glossary term '" + ref.target + "'");
        course.faq.push_back(std::move(entry));
    }
}

// achievements.toml: each achievement's condition kind, threshold and target checked against the
// course (tracks, exercises) and the lab catalog, so a typo fails `dojo lessons check`.
void load_achievements(Course& course, const std::filesystem::path& dir) {
    if (!std::filesystem::exists(dir / "achievements.toml")) return;
    const std::string path = (dir / "achievements.toml").string();
    ParseContext ctx{path, &course.problems, nullptr, 0};
    std::string text, error;
    if (!read_file(dir / "achievements.toml", text, error, kMaxLessonBytes)) return ctx.error(0, 0, error);
    const auto table = parse_toml(text, ctx, 1, "");
    if (!table) return;
    TomlFields f(table->root(), ctx, 0, "");
    f.reject_unknown({"achievements"});
    for (TomlTable t : f.tables("achievements", true)) {
        TomlFields af(t, ctx, 0, "achievement: ");
        af.reject_unknown({"id", "title", "text", "icon", "when", "at_least", "of"});
        Achievement a;
        a.id = af.str("id", true);
        a.title = af.str("title", true);
        a.text = af.str("text", true);
        a.icon = af.str("icon", true);
        a.at_least = static_cast<int>(af.integer("at_least", false, 1, 1000000).value_or(1));
        if (af.has("of")) a.of = af.str("of", true);
        if (!a.id.empty() && !valid_id(a.id))
            af.error_at("id", "achievement id '" + a.id + "' may use only lowercase letters, digits and '-'");
        if (course.find_achievement(a.id)) af.error_here("duplicate achievement id '" + a.id + "'");
        const std::string when = af.str("when", true);
        const AchievementKindInfo* kind = find_achievement_kind(when);
        if (!kind && !when.empty()) {
            std::size_t n = 0;
            const AchievementKindInfo* kinds = achievement_kinds(n);
            std::string names;
            for (std::size_t i = 0; i < n; ++i) names += (i ? ", " : "") + std::string(kinds[i].name);
            af.error_at("when", "unknown condition '" + when + "' (known: " + names + ")");
        }
        if (kind) {
            a.kind = kind->kind;
            const bool any = a.of == "any";
            switch (kind->target) {
                case AchievementTarget::None:
                    if (af.has("of")) af.error_at("of", "condition '" + when + "' takes no 'of'");
                    break;
                case AchievementTarget::Track:
                    if (!any && !course.find_track(a.of)) af.error_at("of", "unknown track '" + a.of + "'");
                    break;
                case AchievementTarget::Lab:
                    if (!any && !find_lab(a.of)) af.error_at("of", "unknown lab '" + a.of + "'");
                    break;
                case AchievementTarget::Exercise:
                    if (!any && !course.find_exercise(a.of)) af.error_at("of", "unknown exercise '" + a.of + "'");
                    break;
            }
        }
        course.achievements.push_back(std::move(a));
    }
}

bool is_png(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    char sig[8] = {};
    in.read(sig, 8);
    return in.gcount() == 8 && std::string_view(sig, 8) == "\x89PNG\r\n\x1a\n";
}

void check_references(Course& course, const std::filesystem::path& dir, std::vector<LessonRefs>& refs) {
    namespace fs = std::filesystem;
    std::map<std::string, std::size_t> first_index;
    for (std::size_t i = 0; i < course.lessons.size(); ++i) {
        Lesson& l = course.lessons[i];
        const LessonRefs& r = refs[i];
        auto error = [&](int line, int col, std::string msg) {
            l.problems.push_back({Severity::Error, l.path, line, col, std::move(msg)});
        };
        if (!l.id.empty()) {
            if (auto [it, fresh] = first_index.emplace(l.id, i); !fresh)
                error(r.id_line, 1, "duplicate lesson id '" + l.id + "', already used by " + course.lessons[it->second].path);
        }
        if (!l.track.empty() && !course.tracks.empty() && !course.find_track(l.track))
            error(r.track_line, 1, "unknown track '" + l.track + "' (course.toml declares the tracks)");
        for (const auto& req : l.requires_)
            if (!course.find_lesson(req)) error(r.requires_line, 1, "requires unknown lesson '" + req + "'");
        for (const auto& ref : r.lessons)
            if (!course.find_lesson(ref.target)) error(ref.line, ref.column, "link to unknown lesson '" + ref.target + "'");
        for (const auto& ref : r.terms)
            if (!course.find_term(ref.target)) error(ref.line, ref.column, "link to unknown glossary term '" + ref.target + "'");
        for (const auto& ref : r.tracks)
            if (!course.find_track(ref.target))
                error(ref.line, ref.column, "diagram color '" + ref.target + "' is not a track id");
        for (const auto& ref : r.images) {
            const fs::path rel(ref.target);
            std::error_code ec;
            if (ref.target.empty() || rel.is_absolute() || ref.target.find("..") != std::string::npos) {
                error(ref.line, ref.column,
                      "image path '" + ref.target + "' must be relative to the lessons folder and stay inside it");
            } else if (!fs::is_regular_file(dir / rel, ec)) {
                error(ref.line, ref.column, "image '" + ref.target + "' not found in " + dir.string());
            } else if (fs::file_size(dir / rel, ec) > kMaxImageBytes) {
                error(ref.line, ref.column, "image '" + ref.target + "' is over 2 MB; shrink it");
            } else if (!is_png(dir / rel)) {
                error(ref.line, ref.column, "image '" + ref.target + "' is not a PNG file");
            }
        }
    }
    for (const auto& cycle : find_prerequisite_cycles(course.lessons)) {
        std::string text;
        for (const auto& id : cycle) text += id + " -> ";
        text += cycle.front();
        for (std::size_t i = 0; i < course.lessons.size(); ++i)
            if (std::find(cycle.begin(), cycle.end(), course.lessons[i].id) != cycle.end())
                course.lessons[i].problems.push_back(
                    {Severity::Error, course.lessons[i].path, refs[i].requires_line, 1, "prerequisite cycle: " + text});
    }
}

// Every exercise block names an exercise the course has (they load after the lessons).
void check_exercise_blocks(const Course& course, std::span<const Block> blocks, Lesson& lesson) {
    for (const Block& b : blocks) {
        for (const auto& item : b.items) check_exercise_blocks(course, item, lesson);
        check_exercise_blocks(course, b.children, lesson);
        if (b.kind != BlockKind::Exercise || b.text.empty() || course.find_exercise(b.text)) continue;
        std::string known;
        for (const Exercise& e : course.exercises) known += (known.empty() ? "" : ", ") + e.id;
        lesson.problems.push_back(
            {Severity::Error, lesson.path, b.line, 1,
             "exercise: unknown exercise '" + b.text + "' (the course has: " + (known.empty() ? "none" : known) + ")"});
    }
}

}  // namespace

namespace detail {

bool read_file(const std::filesystem::path& p, std::string& out, std::string& error, std::size_t limit) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(p, ec);
    if (ec) {
        error = "cannot read the file: " + ec.message();
        return false;
    }
    if (size > limit) {
        error = "file is " + std::to_string(size) + " bytes, over the limit of " + std::to_string(limit) + " bytes";
        return false;
    }
    // stdio and one read of the known size, then whatever a growing file added since file_size() (usually
    // nothing): an ifstream copied through istreambuf_iterator byte by byte was 4% of loading a course.
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(p.c_str(), "rb"), &std::fclose);
    if (!file) {
        error = "cannot open the file";
        return false;
    }
    out.resize(static_cast<std::size_t>(size));
    out.resize(std::fread(out.data(), 1, out.size(), file.get()));
    char more[4096];
    for (std::size_t n; (n = std::fread(more, 1, sizeof more, file.get())) > 0;) out.append(more, n);
    return true;
}

}  // namespace detail

Lesson parse_lesson(std::string_view text, const std::string& path) {
    LessonRefs refs;
    return parse_lesson_impl(text, path, refs);
}

std::vector<Block> parse_markdown(std::string_view text, const std::string& path, int first_line,
                                  std::vector<Diagnostic>& problems) {
    ParseContext ctx{path, &problems, nullptr, 0};
    return parse_body(text, ctx, first_line, nullptr);
}

Course load_course(const std::filesystem::path& dir) {
    namespace fs = std::filesystem;
    Course course;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        course.problems.push_back({Severity::Error, dir.string(), 0, 0, "lesson folder not found"});
        return course;
    }
    std::vector<std::string> order;
    load_course_toml(course, dir, order);

    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        if (p.extension() == ".md" && p.filename() != "README.md" && it->is_regular_file(ec)) files.push_back(p);
    }
    if (ec) course.problems.push_back({Severity::Error, dir.string(), 0, 0, "cannot list the folder: " + ec.message()});
    std::sort(files.begin(), files.end());

    std::vector<LessonRefs> refs;
    for (const fs::path& p : files) {
        std::string text, error;
        LessonRefs r;
        Lesson lesson;
        if (read_file(p, text, error, kMaxLessonBytes)) {
            lesson = parse_lesson_impl(text, p.string(), r);
        } else {
            lesson.path = p.string();
            lesson.problems.push_back({Severity::Error, lesson.path, 0, 0, error});
        }
        if (lesson.id.empty()) lesson.id = p.stem().string();
        if (lesson.title.empty()) lesson.title = lesson.id;
        course.lessons.push_back(std::move(lesson));
        refs.push_back(std::move(r));
    }

    // Course order: course.toml's `order` first, then the rest by file name.
    std::vector<std::size_t> index(course.lessons.size());
    for (std::size_t i = 0; i < index.size(); ++i) index[i] = i;
    auto rank = [&](std::size_t i) {
        auto it = std::find(order.begin(), order.end(), course.lessons[i].id);
        return it == order.end() ? order.size() : static_cast<std::size_t>(it - order.begin());
    };
    std::stable_sort(index.begin(), index.end(), [&](std::size_t a, std::size_t b) { return rank(a) < rank(b); });
    std::vector<Lesson> sorted;
    std::vector<LessonRefs> sorted_refs;
    for (std::size_t i : index) {
        sorted.push_back(std::move(course.lessons[i]));
        sorted_refs.push_back(std::move(refs[i]));
    }
    course.lessons = std::move(sorted);
    for (const auto& id : order)
        if (!course.find_lesson(id))
            course.problems.push_back(
                {Severity::Warning, (dir / "course.toml").string(), 0, 0, "order names unknown lesson '" + id + "'"});

    load_glossary(course, dir);
    load_faq(course, dir);
    course.exercises = load_exercises(dir / "exercises", course.problems);
    load_achievements(course, dir);
    for (Lesson& lesson : course.lessons) check_exercise_blocks(course, lesson.blocks, lesson);
    check_references(course, dir, sorted_refs);
    return course;
}

}  // namespace dojo
