// The course model's own methods (course.h, diagnostic.h): finding lessons, tracks and terms,
// gathering and counting diagnostics, and printing one the way compilers do.
#include "course/course.h"

#include <algorithm>
#include <sstream>
#include <tuple>

namespace dojo {

const char* callout_title(CalloutKind kind) {
    switch (kind) {
        case CalloutKind::Tip:
            return "Tip";
        case CalloutKind::Warning:
            return "Watch out";
        case CalloutKind::Analogy:
            return "Analogy";
        case CalloutKind::Note:
            break;
    }
    return "Note";
}

std::vector<std::string> diagram_arrows(const Diagram& d) {
    auto label = [&](const std::string& id) {
        for (const DiagramNode& n : d.nodes)
            if (n.id == id) return n.label;
        return id;
    };
    std::vector<std::string> out;
    for (const DiagramEdge& e : d.edges)
        out.push_back(label(e.from) + " \xe2\x86\x92 " + label(e.to) + (e.label.empty() ? "" : " (" + e.label + ")"));
    return out;
}

bool Lesson::has_errors() const {
    return std::any_of(problems.begin(), problems.end(),
                       [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::Error; });
}

const Lesson* Course::find_lesson(const std::string& id) const {
    for (const auto& l : lessons)
        if (l.id == id) return &l;
    return nullptr;
}

const Track* Course::find_track(const std::string& id) const {
    for (const auto& t : tracks)
        if (t.id == id) return &t;
    return nullptr;
}

const GlossaryTerm* Course::find_term(const std::string& id) const {
    for (const auto& t : glossary)
        if (t.id == id) return &t;
    return nullptr;
}

const Achievement* Course::find_achievement(const std::string& id) const {
    for (const auto& a : achievements)
        if (a.id == id) return &a;
    return nullptr;
}

const Exercise* Course::find_exercise(const std::string& id) const {
    for (const auto& e : exercises)
        if (e.id == id) return &e;
    return nullptr;
}

namespace {

std::size_t count_severity(const Course& c, Diagnostic::Severity s) {
    std::size_t n = 0;
    for (const Diagnostic* d : c.diagnostics()) n += d->severity == s;
    return n;
}

}  // namespace

std::vector<const Diagnostic*> Course::diagnostics() const {
    std::vector<const Diagnostic*> all;
    for (const auto& d : problems) all.push_back(&d);
    for (const auto& lesson : lessons)
        for (const auto& d : lesson.problems) all.push_back(&d);
    std::stable_sort(all.begin(), all.end(), [](const Diagnostic* a, const Diagnostic* b) {
        return std::tie(a->path, a->line, a->column) < std::tie(b->path, b->line, b->column);
    });
    return all;
}

std::size_t Course::error_count() const {
    return count_severity(*this, Diagnostic::Severity::Error);
}
std::size_t Course::warning_count() const {
    return count_severity(*this, Diagnostic::Severity::Warning);
}

std::string Diagnostic::to_string() const {
    std::ostringstream out;
    out << path;
    if (line > 0) {
        out << ':' << line;
        if (column > 0) out << ':' << column;
    }
    out << (severity == Severity::Error ? ": error: " : ": warning: ") << message;
    return out.str();
}

}  // namespace dojo
