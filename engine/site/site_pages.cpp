// The course as static HTML pages (see site_pages.h).
#include "site/site_pages.h"

#include "site/lesson_html.h"

namespace dojo {

namespace {

constexpr const char* kSiteName = "Compute Dojo";

// Readable on a screen, and as a handout on paper: the links to the app and between pages are left
// off the print, the answers stay folded, and a block never breaks across pages where it fits on one.
constexpr const char* kStylesheet = R"css(/* Compute Dojo's lesson pages. */
:root { color-scheme: light dark; --text: #1b1f24; --dim: #4d5661; --line: #d0d7de; --accent: #0b6e66;
  --code: #f3f5f7; --aside: #eef7f6; }
@media (prefers-color-scheme: dark) {
  :root { --text: #e6edf3; --dim: #aab4be; --line: #39424c; --accent: #5fd4c7; --code: #161b22; --aside: #14262a; }
  body { background: #0d1117; }
}
body { margin: 0 auto; max-width: 46rem; padding: 1rem 1.25rem 3rem; color: var(--text);
  font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: var(--accent); }
header nav, footer nav { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; font-size: 0.95rem; }
header { border-bottom: 1px solid var(--line); margin-bottom: 1.5rem; padding-bottom: 0.5rem; }
footer { border-top: 1px solid var(--line); margin-top: 2.5rem; padding-top: 0.75rem; }
h1 { line-height: 1.25; margin: 0.5rem 0; }
h2, h3 { line-height: 1.3; margin-top: 2rem; }
.summary { font-size: 1.15rem; color: var(--dim); }
.meta { color: var(--dim); font-size: 0.95rem; }
.open-in-app { display: inline-block; padding: 0.4rem 0.9rem; border: 2px solid var(--accent); border-radius: 6px;
  font-weight: 600; text-decoration: none; }
pre { background: var(--code); padding: 0.75rem 1rem; overflow-x: auto; border-radius: 6px; font-size: 0.9rem; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
table { border-collapse: collapse; margin: 1rem 0; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--line); padding: 0.35rem 0.6rem; vertical-align: top; }
img { max-width: 100%; height: auto; }
blockquote { margin-left: 0; padding-left: 1rem; border-left: 4px solid var(--line); color: var(--dim); }
.callout, .quiz, .lab, .exercise, .diagram { border: 1px solid var(--line); border-left: 4px solid var(--accent);
  border-radius: 6px; padding: 0.25rem 1rem; margin: 1.25rem 0; background: var(--aside); }
.callout-title, .quiz-label { font-weight: 700; margin-bottom: 0.25rem; }
.prompt { font-weight: 600; }
details { margin: 0.5rem 0 0.75rem; }
summary { cursor: pointer; color: var(--accent); font-weight: 600; }
dt { font-weight: 700; margin-top: 1rem; }
dd { margin-left: 0; }
.lessons li { margin: 0.4rem 0; }
@media print {
  body { max-width: none; font-size: 11pt; color: #000; background: #fff; }
  header, footer, .open-in-app { display: none; }
  a { color: inherit; text-decoration: none; }
  .callout, .quiz, .lab, .exercise, .diagram, pre, table, figure { break-inside: avoid; background: none; }
  h2, h3 { break-after: avoid; }
}
)css";

std::string page(const std::string& title, const std::string& description, const std::string& path, const SiteOptions& options,
                 const std::string& body) {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
        html_escape(title) + "</title>\n<meta name=\"description\" content=\"" + html_escape(description) + "\">\n";
    if (!options.base_url.empty()) out += "<link rel=\"canonical\" href=\"" + html_escape(options.base_url + path) + "\">\n";
    out +=
        "<link rel=\"stylesheet\" href=\"site.css\">\n</head>\n<body>\n<header>\n<nav aria-label=\"Site\">\n"
        "<a href=\"index.html\">All lessons</a>\n<a href=\"glossary.html\">Glossary</a>\n<a href=\"faq.html\">FAQ</a>\n"
        "<a href=\"" +
        html_escape(options.app) + "\">Open the app</a>\n</nav>\n</header>\n<main>\n";
    return out + body + "</main>\n</body>\n</html>\n";
}

std::string lesson_link(const Lesson& l) {
    return "<a href=\"" + html_escape(l.id) + ".html\">" + html_escape(l.title) + "</a>";
}

std::string lesson_page(const Lesson& lesson, const Course& course, const SiteOptions& options, const Lesson* previous,
                        const Lesson* next) {
    const Track* track = course.find_track(lesson.track);
    std::string body = "<article>\n<h1>" + html_escape(lesson.title) + "</h1>\n<p class=\"summary\">" +
                       html_escape(lesson.summary) + "</p>\n<p class=\"meta\">" +
                       (track ? html_escape(track->name) + " \xc2\xb7 " : std::string()) + std::to_string(lesson.minutes) +
                       " minutes \xc2\xb7 " + std::to_string(lesson.xp) + " XP</p>\n";
    body += "<p><a class=\"open-in-app\" href=\"" + html_escape(options.app) + "#/lesson/" + html_escape(lesson.id) +
            "\">Open this lesson in the app</a> to answer its quizzes, run its labs and keep your progress.</p>\n";
    if (!lesson.requires_.empty()) {
        body += "<p>Before this lesson: ";
        for (std::size_t i = 0; i < lesson.requires_.size(); ++i) {
            const Lesson* r = course.find_lesson(lesson.requires_[i]);
            body += (i == 0 ? "" : ", ") + (r ? lesson_link(*r) : html_escape(lesson.requires_[i]));
        }
        body += ".</p>\n";
    }
    if (!lesson.objectives.empty()) {
        body += "<section aria-label=\"What you will learn\">\n<h2>What you will learn</h2>\n<ul>\n";
        for (const std::string& o : lesson.objectives) body += "<li>" + html_escape(o) + "</li>\n";
        body += "</ul>\n</section>\n";
    }
    body += blocks_html(lesson.blocks, lesson, course);
    if (!lesson.sources.empty()) {
        body += "<section aria-label=\"Sources\">\n<h2>Sources</h2>\n<ul>\n";
        for (const std::string& s : lesson.sources) body += "<li>" + html_escape(s) + "</li>\n";
        body += "</ul>\n</section>\n";
    }
    body += "</article>\n<footer>\n<nav aria-label=\"Lessons\">\n";
    if (previous)
        body += "<a href=\"" + html_escape(previous->id) + ".html\" rel=\"prev\">Previous: " + html_escape(previous->title) +
                "</a>\n";
    if (next) body += "<a href=\"" + html_escape(next->id) + ".html\" rel=\"next\">Next: " + html_escape(next->title) + "</a>\n";
    body += "</nav>\n</footer>\n";
    return page(lesson.title + " \xc2\xb7 " + kSiteName, lesson.summary, lesson.id + ".html", options, body);
}

std::string index_page(const Course& course, const std::vector<const Lesson*>& lessons, const SiteOptions& options) {
    std::string body = std::string("<h1>") + kSiteName +
                       " lessons</h1>\n<p class=\"summary\">How AI hardware works: CPUs and GPUs, memory and bandwidth, "
                       "CUDA and its alternatives, low precision, inference, and checking a GPU. Every lesson here is "
                       "also in the app, with its quizzes, labs and exercises.</p>\n<p><a class=\"open-in-app\" href=\"" +
                       html_escape(options.app) + "\">Open the app</a></p>\n";
    for (const Track& t : course.tracks) {
        std::string items;
        for (const Lesson* l : lessons)
            if (l->track == t.id) items += "<li>" + lesson_link(*l) + ": " + html_escape(l->summary) + "</li>\n";
        if (!items.empty()) body += "<h2>" + html_escape(t.name) + "</h2>\n<ol class=\"lessons\">\n" + items + "</ol>\n";
    }
    body +=
        "<p>Also: the <a href=\"glossary.html\">glossary</a> of terms and the <a href=\"faq.html\">questions "
        "learners ask</a>.</p>\n";
    return page(std::string(kSiteName) + ": lessons on AI hardware",
                "Free lessons on how AI hardware works, from CPUs and GPUs to memory bandwidth, CUDA, low precision and "
                "inference.",
                "index.html", options, body);
}

std::string lesson_list(const std::vector<std::string>& ids, const Course& course) {
    std::string out;
    for (const std::string& id : ids)
        if (const Lesson* l = course.find_lesson(id)) out += std::string(out.empty() ? "" : ", ") + lesson_link(*l);
    return out;
}

std::string glossary_page(const Course& course, const SiteOptions& options) {
    std::string body =
        "<h1>Glossary</h1>\n<p class=\"summary\">The terms the lessons use, each in a sentence or "
        "two.</p>\n<dl>\n";
    for (const GlossaryTerm& t : course.glossary) {
        body +=
            "<dt id=\"" + html_escape(t.id) + "\">" + html_escape(t.term) + "</dt>\n<dd><p>" + html_escape(t.definition) + "</p>";
        if (!t.code.empty()) body += "<pre tabindex=\"0\"><code>" + html_escape(t.code) + "</code></pre>";
        if (const std::string related = lesson_list(t.related, course); !related.empty())
            body += "<p>In the lessons: " + related + ".</p>";
        body += "</dd>\n";
    }
    body += "</dl>\n";
    return page(std::string("Glossary \xc2\xb7 ") + kSiteName,
                "The terms of AI hardware the Compute Dojo lessons use, explained.", "glossary.html", options, body);
}

std::string faq_page(const Course& course, const SiteOptions& options) {
    std::string body = "<h1>Questions learners ask</h1>\n";
    for (const FaqEntry& f : course.faq) {
        body += "<section>\n<h2>" + html_escape(f.question) + "</h2>\n<p>" + spans_html(f.answer_spans) + "</p>\n";
        if (const std::string related = lesson_list(f.related, course); !related.empty())
            body += "<p>More in: " + related + ".</p>\n";
        body += "</section>\n";
    }
    return page(std::string("Questions learners ask \xc2\xb7 ") + kSiteName,
                "Short answers to the questions learners ask about GPUs, memory and AI hardware.", "faq.html", options, body);
}

std::string sitemap(const std::vector<SitePage>& pages, const std::string& base) {
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (const SitePage& p : pages)
        if (p.path.size() > 5 && p.path.compare(p.path.size() - 5, 5, ".html") == 0)
            out += "<url><loc>" + html_escape(base + p.path) + "</loc></url>\n";
    return out + "</urlset>\n";
}

}  // namespace

std::vector<SitePage> render_site(const Course& course, const SiteOptions& options) {
    std::vector<const Lesson*> lessons;
    for (const Lesson& l : course.lessons)
        if (!l.has_errors()) lessons.push_back(&l);
    std::vector<SitePage> pages;
    pages.push_back({"index.html", index_page(course, lessons, options)});
    for (std::size_t i = 0; i < lessons.size(); ++i)
        pages.push_back({lessons[i]->id + ".html", lesson_page(*lessons[i], course, options, i > 0 ? lessons[i - 1] : nullptr,
                                                               i + 1 < lessons.size() ? lessons[i + 1] : nullptr)});
    pages.push_back({"glossary.html", glossary_page(course, options)});
    pages.push_back({"faq.html", faq_page(course, options)});
    if (!options.base_url.empty()) pages.push_back({"sitemap.xml", sitemap(pages, options.base_url)});
    pages.push_back({"site.css", kStylesheet});
    return pages;
}

}  // namespace dojo
