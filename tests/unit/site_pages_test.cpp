// The static lesson pages (engine/site/): text escaped, lesson and glossary links moved to the pages,
// a quiz's answer folded behind <details>, and the real course: a page per lesson with its title,
// description, every heading and every quiz prompt, and every link between the pages resolving.
// (That each page is valid HTML and passes axe-core is checked in Chromium: tests/web/site.test.mjs.)
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "course/course_loader.h"
#include "course/sections.h"
#include "site/lesson_html.h"
#include "site/site_pages.h"

namespace {

using namespace dojo;

const Course& real_course() {
    static const Course course = load_course(DOJO_SOURCE_LESSONS_DIR);
    return course;
}

std::map<std::string, std::string> pages_of(const Course& course, const SiteOptions& options = {}) {
    std::map<std::string, std::string> out;
    for (SitePage& p : render_site(course, options)) out[p.path] = std::move(p.text);
    return out;
}

// Every heading's text, however deep in callouts and lists.
void headings(const std::vector<Block>& blocks, std::vector<std::string>& out) {
    for (const Block& b : blocks) {
        if (b.kind == BlockKind::Heading) out.push_back(plain_text(b.spans));
        for (const auto& item : b.items) headings(item, out);
        headings(b.children, out);
    }
}

TEST(SiteHtml, TextIsEscapedAndLinksGoToThePages) {
    EXPECT_EQ(html_escape("a < b && \"c\" > d"), "a &lt; b &amp;&amp; &quot;c&quot; &gt; d");
    EXPECT_EQ(site_href("lesson:cpu-vs-gpu"), "cpu-vs-gpu.html");
    EXPECT_EQ(site_href("term:vram"), "glossary.html#vram");
    EXPECT_EQ(site_href("https://example.org/x"), "https://example.org/x");
    Spans spans = {{"See ", 0, ""}, {"the ", 0, "term:vram"}, {"VRAM", kBold, "term:vram"}, {" <now>", kCode, ""}};
    EXPECT_EQ(spans_html(spans), "See <a href=\"glossary.html#vram\">the <strong>VRAM</strong></a><code> &lt;now&gt;</code>");
}

TEST(SiteHtml, AQuizShowsItsQuestionAndFoldsItsAnswer) {
    Course course;
    Lesson lesson;
    Question q;
    q.prompt = "Which is faster?";
    q.choices = {{"The bus", false, ""}, {"The GPU's memory", true, ""}};
    q.explanation = "HBM moves terabytes a second.";
    lesson.questions.push_back(q);
    Block b;
    b.kind = BlockKind::Quiz;
    b.question = 0;
    const std::string html = blocks_html({b}, lesson, course);
    const auto details = html.find("<details>");
    ASSERT_NE(details, std::string::npos) << html;
    EXPECT_LT(html.find("Which is faster?"), details);
    EXPECT_LT(html.find("<li>The GPU's memory</li>"), details);
    EXPECT_GT(html.find("The answer is B."), details) << html;
    EXPECT_GT(html.find("HBM moves terabytes a second."), details);
}

TEST(SitePages, EveryLessonHasAPageWithItsTitleHeadingsAndQuizPrompts) {
    const Course& course = real_course();
    ASSERT_EQ(course.error_count(), 0u);
    SiteOptions options;
    options.base_url = "https://example.org/lessons/";
    const auto pages = pages_of(course, options);
    for (const Lesson& l : course.lessons) {
        const auto page = pages.find(l.id + ".html");
        ASSERT_NE(page, pages.end()) << l.id;
        const std::string& html = page->second;
        EXPECT_NE(html.find("<title>" + html_escape(l.title) + " \xc2\xb7 Compute Dojo</title>"), std::string::npos) << l.id;
        EXPECT_NE(html.find("<meta name=\"description\" content=\"" + html_escape(l.summary) + "\">"), std::string::npos);
        EXPECT_NE(html.find("<h1>" + html_escape(l.title) + "</h1>"), std::string::npos) << l.id;
        EXPECT_NE(html.find("href=\"../index.html#/lesson/" + l.id + "\""), std::string::npos) << l.id << ": no link to the app";
        std::vector<std::string> titles;
        headings(l.blocks, titles);
        for (const std::string& h : titles)
            EXPECT_NE(html.find(html_escape(h)), std::string::npos) << l.id << ": heading '" << h << "' missing";
        for (const Question& q : l.questions)
            EXPECT_NE(html.find("<p class=\"prompt\">" + html_escape(q.prompt) + "</p>"), std::string::npos)
                << l.id << ": quiz '" << q.id << "' missing";
        EXPECT_EQ(html.find("href=\"lesson:"), std::string::npos) << l.id << ": a link was not moved to the pages";
        EXPECT_EQ(html.find("href=\"term:"), std::string::npos) << l.id;
    }
    ASSERT_TRUE(pages.count("sitemap.xml"));
    EXPECT_NE(pages.at("sitemap.xml").find("<loc>https://example.org/lessons/index.html</loc>"), std::string::npos);
    EXPECT_EQ(pages_of(course).count("sitemap.xml"), 0u) << "a sitemap needs the site's address";
}

TEST(SitePages, EveryLinkBetweenThePagesResolves) {
    const Course& course = real_course();
    const auto pages = pages_of(course);
    // The anchors each page defines.
    std::map<std::string, std::set<std::string>> anchors;
    const std::regex id_attr("\\bid=\"([^\"]+)\"");
    for (const auto& [path, html] : pages)
        for (auto m = std::sregex_iterator(html.begin(), html.end(), id_attr); m != std::sregex_iterator(); ++m)
            anchors[path].insert((*m)[1]);
    const std::regex href("href=\"([^\"]+)\"");
    std::size_t checked = 0;
    for (const auto& [path, html] : pages) {
        for (auto m = std::sregex_iterator(html.begin(), html.end(), href); m != std::sregex_iterator(); ++m) {
            const std::string target = (*m)[1];
            if (target.rfind("http", 0) == 0 || target.rfind("../", 0) == 0) continue;  // the web, and the app
            const std::string file = target.substr(0, target.find('#'));
            ASSERT_TRUE(pages.count(file)) << path << " links to " << target << ", which is not a page";
            if (const auto hash = target.find('#'); hash != std::string::npos) {
                EXPECT_TRUE(anchors[file].count(target.substr(hash + 1))) << path << " links to " << target << ": no such anchor";
            }
            ++checked;
        }
    }
    EXPECT_GT(checked, 300u);
    // Images go where the export copies them.
    const std::regex img("<img src=\"([^\"]+)\"");
    for (const auto& [path, html] : pages)
        for (auto m = std::sregex_iterator(html.begin(), html.end(), img); m != std::sregex_iterator(); ++m)
            EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(DOJO_SOURCE_LESSONS_DIR) / std::string((*m)[1])))
                << path << ": " << (*m)[1];
}

}  // namespace
