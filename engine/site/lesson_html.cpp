// A lesson's blocks as HTML (see lesson_html.h). Code blocks and tables take the keyboard's focus
// (tabindex): a wide one scrolls sideways, and a keyboard must be able to scroll it.
#include "site/lesson_html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "course/sections.h"
#include "exercises/operations.h"
#include "labs/lab_catalog.h"

namespace dojo {

namespace {

std::string number_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// A quiz: the question as the learner meets it, the answer and the explanation behind <details>.
std::string quiz_html(const Question& q) {
    std::string out = "<section class=\"quiz\">\n<p class=\"quiz-label\">Question</p>\n";
    out += "<p class=\"prompt\">" + html_escape(q.prompt) + "</p>\n";
    std::string answer;  // the answer's HTML, behind <details>
    switch (q.kind) {
        case QuestionKind::Single:
        case QuestionKind::Multiple: {
            out += q.kind == QuestionKind::Multiple ? "<p>Pick every right answer.</p>\n" : "";
            out += "<ol class=\"choices\" type=\"A\">\n";
            std::vector<std::string> right;
            for (std::size_t i = 0; i < q.choices.size(); ++i) {
                out += "<li>" + html_escape(q.choices[i].text) + "</li>\n";
                if (q.choices[i].correct) right.push_back(std::string(1, static_cast<char>('A' + i)));
            }
            out += "</ol>\n";
            std::string letters;
            for (std::size_t i = 0; i < right.size(); ++i)
                letters += (i == 0 ? "" : i + 1 == right.size() ? " and " : ", ") + right[i];
            answer = "<p>" + std::string(right.size() == 1 ? "The answer is " : "The answers are ") + letters + ".</p>\n";
            break;
        }
        case QuestionKind::Numeric:
            out += "<p>Answer with a number" + (q.unit.empty() ? std::string() : " in " + html_escape(q.unit)) + ".</p>\n";
            answer = "<p>" +
                     html_escape("The answer is " + number_text(q.answer) + (q.unit.empty() ? "" : " " + q.unit) +
                                 (q.tolerance > 0 ? " (within " + number_text(q.tolerance) + ")" : "") + ".") +
                     "</p>\n";
            break;
        case QuestionKind::Ordering: {
            // Listed in alphabetical order, which is not the answer's, as the app shuffles them.
            std::vector<std::string> items = q.order;
            std::sort(items.begin(), items.end());
            out += "<p>Put these in order:</p>\n<ul>\n";
            for (const std::string& item : items) out += "<li>" + html_escape(item) + "</li>\n";
            out += "</ul>\n";
            answer = "<p>The order is:</p>\n<ol>\n";
            for (const std::string& item : q.order) answer += "<li>" + html_escape(item) + "</li>\n";
            answer += "</ol>\n";
            break;
        }
        case QuestionKind::TrueFalse:
            out += "<p>True or false?</p>\n";
            answer = q.truth ? "<p>True.</p>\n" : "<p>False.</p>\n";
            break;
    }
    out += "<details>\n<summary>Show the answer</summary>\n" + answer;
    if (!q.explanation.empty()) out += "<p>" + html_escape(q.explanation) + "</p>\n";
    out += "</details>\n</section>\n";
    return out;
}

// A diagram: its boxes in order, each with its detail, then the arrows between them.
std::string diagram_html(const Diagram& d) {
    std::string out = "<figure class=\"diagram\">\n";
    if (!d.title.empty()) out += "<figcaption>" + html_escape(d.title) + "</figcaption>\n";
    out += "<ol>\n";
    for (const DiagramNode& n : d.nodes) {
        out += "<li><strong>" + html_escape(n.label) + "</strong>";
        if (!n.detail.empty()) out += ": " + html_escape(n.detail);
        out += "</li>\n";
    }
    out += "</ol>\n";
    if (!d.edges.empty()) {
        out += "<ul class=\"arrows\">\n";
        for (const std::string& arrow : diagram_arrows(d)) out += "<li>" + html_escape(arrow) + "</li>\n";
        out += "</ul>\n";
    }
    return out + "</figure>\n";
}

// A lab: what it measures, and its command with the lesson's settings where the command takes them.
std::string lab_html(const Block& b) {
    const LabInfo* lab = find_lab(b.text);
    if (!lab) return "";
    std::string command = lab->cli;
    for (const auto& [name, value] : b.params) {
        const LabParam* p = lab->param(name);
        if (!p || !(p->places & kInCli)) continue;
        std::string option = name;
        std::replace(option.begin(), option.end(), '_', '-');
        command += " --" + option + " " + value;
    }
    std::string out = "<section class=\"lab\">\n<p class=\"quiz-label\">Lab</p>\n<p><strong>" + html_escape(lab->title) +
                      "</strong>: " + html_escape(lab->measures) + "</p>\n";
    if (lab->kind == LabKind::Explore)
        out += "<p>Open the lesson in the app to try it.</p>\n";
    else if (!command.empty())
        out += "<p>Run it in the app" + std::string(lab->browser ? " (in the browser too)" : " (desktop)") +
               ", or on a machine with no screen:</p>\n<pre tabindex=\"0\"><code>" + html_escape(command) + "</code></pre>\n";
    return out + "</section>\n";
}

// An exercise: its task, its launch, and how to check a kernel without the app.
std::string exercise_html(const Block& b, const Course& course) {
    const Exercise* e = course.find_exercise(b.text);
    if (!e) return "";
    std::string out = "<section class=\"exercise\">\n<p class=\"quiz-label\">Exercise</p>\n";
    out += "<p><strong>" + html_escape(e->title) + "</strong></p>\n<p>" + html_escape(e->task) + "</p>\n";
    if (const Operation* op = find_operation(e->operation)) out += "<p>" + html_escape(launch_words(*e, *op)) + "</p>\n";
    out +=
        "<p>Write and run it in the app (WGSL in the browser; GLSL or CUDA on the desktop), or on a machine with "
        "no screen:</p>\n<pre tabindex=\"0\"><code>dojo exercise show " +
        html_escape(e->id) + " --lang cuda\ndojo exercise check " + html_escape(e->id) + " kernel.cu</code></pre>\n";
    return out + "</section>\n";
}

void append_blocks(std::string& out, const std::vector<Block>& blocks, const Lesson& lesson, const Course& course);

void append_block(std::string& out, const Block& b, const Lesson& lesson, const Course& course) {
    switch (b.kind) {
        case BlockKind::Paragraph:
            out += "<p>" + spans_html(b.spans) + "</p>\n";
            break;
        case BlockKind::Heading: {
            const std::string h = "h" + std::to_string(std::clamp(b.level, 2, 6));
            out += "<" + h + ">" + spans_html(b.spans) + "</" + h + ">\n";
            break;
        }
        case BlockKind::List: {
            const std::string tag = b.ordered ? "ol" : "ul";
            out += "<" + tag + (b.ordered && b.start != 1 ? " start=\"" + std::to_string(b.start) + "\"" : "") + ">\n";
            for (const auto& item : b.items) {
                // A tight item of one paragraph reads as text, not a paragraph.
                if (item.size() == 1 && item[0].kind == BlockKind::Paragraph) {
                    out += "<li>" + spans_html(item[0].spans) + "</li>\n";
                } else {
                    out += "<li>\n";
                    append_blocks(out, item, lesson, course);
                    out += "</li>\n";
                }
            }
            out += "</" + tag + ">\n";
            break;
        }
        case BlockKind::Code:
            out += "<pre tabindex=\"0\"><code" +
                   (b.lang.empty() ? std::string() : " class=\"language-" + html_escape(b.lang) + "\"") + ">" +
                   html_escape(b.text) + "</code></pre>\n";
            break;
        case BlockKind::Table: {
            out += "<table tabindex=\"0\">\n";  // focusable: a wide table scrolls sideways
            static const char* align[] = {"", " style=\"text-align: center\"", " style=\"text-align: right\""};
            for (std::size_t r = 0; r < b.rows.size(); ++r) {
                if (r == 0) out += "<thead>\n";
                if (r == 1) out += "<tbody>\n";
                out += "<tr>";
                for (std::size_t c = 0; c < b.rows[r].size(); ++c) {
                    const int a = c < b.align.size() ? std::clamp(b.align[c], 0, 2) : 0;
                    // An empty header cell (a table's corner) is a plain cell: a header must name something.
                    const char* cell = r == 0 && !plain_text(b.rows[r][c]).empty() ? "th" : "td";
                    out += std::string("<") + cell + (cell[1] == 'h' ? " scope=\"col\"" : "") + align[a] + ">" +
                           spans_html(b.rows[r][c]) + "</" + cell + ">";
                }
                out += "</tr>\n";
                if (r == 0) out += "</thead>\n";
            }
            if (b.rows.size() > 1) out += "</tbody>\n";
            out += "</table>\n";
            break;
        }
        case BlockKind::Quote:
            out += "<blockquote>\n";
            append_blocks(out, b.children, lesson, course);
            out += "</blockquote>\n";
            break;
        case BlockKind::Callout: {
            // A note, not an <aside>: asides are landmarks, and a page of several would repeat one name.
            out += std::string("<div class=\"callout\" role=\"note\">\n<p class=\"callout-title\">") + callout_title(b.callout) +
                   "</p>\n";
            append_blocks(out, b.children, lesson, course);
            out += "</div>\n";
            break;
        }
        case BlockKind::Image:
            out +=
                "<figure><img src=\"" + html_escape(b.text) + "\" alt=\"" + html_escape(plain_text(b.spans)) + "\"></figure>\n";
            break;
        case BlockKind::Rule:
            out += "<hr>\n";
            break;
        case BlockKind::Quiz:
            if (b.question >= 0 && static_cast<std::size_t>(b.question) < lesson.questions.size())
                out += quiz_html(lesson.questions[static_cast<std::size_t>(b.question)]);
            break;
        case BlockKind::Lab:
            out += lab_html(b);
            break;
        case BlockKind::Diagram:
            if (b.diagram >= 0 && static_cast<std::size_t>(b.diagram) < lesson.diagrams.size())
                out += diagram_html(lesson.diagrams[static_cast<std::size_t>(b.diagram)]);
            break;
        case BlockKind::Exercise:
            out += exercise_html(b, course);
            break;
    }
}

void append_blocks(std::string& out, const std::vector<Block>& blocks, const Lesson& lesson, const Course& course) {
    for (const Block& b : blocks) append_block(out, b, lesson, course);
}

}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string site_href(const std::string& link) {
    if (link.rfind("lesson:", 0) == 0) return link.substr(7) + ".html";
    if (link.rfind("term:", 0) == 0) return "glossary.html#" + link.substr(5);
    return link;
}

std::string spans_html(const Spans& spans) {
    std::string out;
    for (std::size_t i = 0; i < spans.size();) {
        // The spans of one link (a link's text may change style) go inside one <a>.
        std::size_t end = i + 1;
        while (!spans[i].link.empty() && end < spans.size() && spans[end].link == spans[i].link) ++end;
        std::string text;
        for (std::size_t k = i; k < end; ++k) {
            const Span& s = spans[k];
            std::string t = html_escape(s.text);
            if (s.style & kCode) t = "<code>" + t + "</code>";
            if (s.style & kStrike) t = "<s>" + t + "</s>";
            if (s.style & kItalic) t = "<em>" + t + "</em>";
            if (s.style & kBold) t = "<strong>" + t + "</strong>";
            text += t;
        }
        if (const std::string& link = spans[i].link; !link.empty()) {
            const bool external = link.rfind("http", 0) == 0;
            text =
                "<a href=\"" + html_escape(site_href(link)) + "\"" + (external ? " rel=\"noopener\"" : "") + ">" + text + "</a>";
        }
        out += text;
        i = end;
    }
    return out;
}

std::string blocks_html(const std::vector<Block>& blocks, const Lesson& lesson, const Course& course) {
    std::string out;
    append_blocks(out, blocks, lesson, course);
    return out;
}

}  // namespace dojo
