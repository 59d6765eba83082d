// The class progress summary: each progress file parsed and checked, students named from their file
// names, completions laid out in course order, and first-try rates per question.
#include "classroom/class_progress.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

#include "classroom/class_file.h"
#include "compute/matmul.h"
#include "progress/progress.h"

namespace dojo {

namespace {

std::string lowercase(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Strips separators a browser or a person puts around a name: "-", "_", ".", spaces.
std::string trim_separators(const std::string& s) {
    const auto keep = [](char c) { return c != '-' && c != '_' && c != '.' && c != ' '; };
    const auto first = std::find_if(s.begin(), s.end(), keep);
    const auto last = std::find_if(s.rbegin(), s.rend(), keep).base();
    return first < last ? std::string(first, last) : std::string();
}

std::string percent(double rate) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.0f%%", rate * 100.0);
    return buf;
}

}  // namespace

std::string student_name_from_file(const std::string& file_name) {
    const auto slash = file_name.find_last_of("/\\");
    std::string name = slash == std::string::npos ? file_name : file_name.substr(slash + 1);
    if (ends_with(lowercase(name), ".json")) name.resize(name.size() - 5);
    // The app's own export name says nothing about the student: "compute-dojo-progress.json" and a
    // browser's "compute-dojo-progress (1).json" keep only what follows it.
    for (const std::string marker : {"compute-dojo-progress", "compute-dojo"}) {
        const auto at = lowercase(name).find(marker);
        if (at != std::string::npos) {
            name.erase(at, marker.size());
            break;
        }
    }
    if (ends_with(lowercase(name), "progress")) name.resize(name.size() - 8);  // "ana-progress"
    name = trim_separators(name);
    if (name.empty()) return "student";
    if (std::all_of(name.begin(), name.end(),
                    [](unsigned char c) { return std::isdigit(c) || c == '(' || c == ')' || c == ' '; }))
        return "student " + name;
    return name;
}

ClassProgress summarize_class_progress(const Course& course, const std::vector<ClassFile>& files) {
    ClassProgress out;
    for (const Lesson& l : course.lessons) {
        out.lesson_ids.push_back(l.id);
        out.lesson_titles.push_back(l.title);
    }
    std::vector<Progress> kept;
    std::vector<std::string> canonical;  // progress_to_json of each kept file: equal text, same student
    std::map<std::string, int> name_uses;
    for (const ClassFile& file : files) {
        const std::string problem =
            class_file_problem(file.name, file.text, kProgressFormat, 1, Progress::kVersion);  // older ones migrate
        if (!problem.empty()) {
            out.messages.push_back(problem);
            continue;
        }
        ProgressParseResult parsed = parse_progress(file.text);
        if (!parsed.ok) {
            out.messages.push_back(file.name + " could not be read, so it was skipped: " + parsed.error + ".");
            continue;
        }
        std::string text = progress_to_json(parsed.progress);
        if (const auto same = std::find(canonical.begin(), canonical.end(), text); same != canonical.end()) {
            const ClassStudent& first = out.students[static_cast<std::size_t>(same - canonical.begin())];
            out.messages.push_back(first.file == file.name ? file.name + " was opened twice; " + first.name + " is counted once."
                                                           : file.name + " has exactly the same progress as " + first.file +
                                                                 ", so " + first.name + " is counted once.");
            continue;
        }
        ClassStudent student;
        student.file = file.name;
        student.name = student_name_from_file(file.name);
        if (const int uses = ++name_uses[lowercase(student.name)]; uses > 1) {
            const std::string base = student.name;
            student.name += " (" + std::to_string(uses) + ")";
            out.messages.push_back(file.name + " is another student called " + base + " (the progress differs), shown as " +
                                   student.name + ".");
        }
        student.xp = parsed.progress.total_xp();
        for (const Lesson& l : course.lessons) {
            const auto it = parsed.progress.lessons.find(l.id);
            const bool done = it != parsed.progress.lessons.end() && it->second.completed;
            student.completed.push_back(done);
            student.completed_count += done;
        }
        out.students.push_back(std::move(student));
        kept.push_back(std::move(parsed.progress));
        canonical.push_back(std::move(text));
    }

    for (const Lesson& l : course.lessons) {
        for (const Question& q : l.questions) {
            ClassQuestion row{l.id, l.title, q.id, q.prompt, 0, 0};
            for (const Progress& p : kept) {
                const auto it = p.questions.find(question_key(l.id, q.id));
                if (it == p.questions.end() || it->second.attempts <= 0) continue;
                ++row.answered;
                // Reviews do not count attempts, so no wrong answer at all means the first one was right.
                row.first_try += it->second.correct && it->second.wrong_attempts == 0;
            }
            if (row.answered > 0) out.questions.push_back(std::move(row));
        }
    }
    // Weakest first; ties keep course order, so the table reads the same every time.
    std::stable_sort(out.questions.begin(), out.questions.end(),
                     [](const ClassQuestion& a, const ClassQuestion& b) { return a.first_try_rate() < b.first_try_rate(); });
    return out;
}

std::string class_lessons_csv(const ClassProgress& summary) {
    std::string csv = "student,file,xp,lessons completed";
    for (const auto& title : summary.lesson_titles) csv += "," + csv_field(title);
    csv += "\r\n";
    for (const ClassStudent& s : summary.students) {
        csv += csv_field(s.name) + "," + csv_field(s.file) + "," + std::to_string(s.xp) + "," + std::to_string(s.completed_count);
        for (bool done : s.completed) csv += done ? ",yes" : ",";
        csv += "\r\n";
    }
    return csv;
}

std::string class_questions_csv(const ClassProgress& summary) {
    std::string csv = "lesson,question,prompt,answered,right first try,first-try rate\r\n";
    for (const ClassQuestion& q : summary.questions)
        csv += csv_field(q.lesson_title) + "," + csv_field(q.question_id) + "," + csv_field(q.prompt) + "," +
               std::to_string(q.answered) + "," + std::to_string(q.first_try) + "," + percent(q.first_try_rate()) + "\r\n";
    return csv;
}

}  // namespace dojo
