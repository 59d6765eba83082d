// The Class view (#/class), for teachers: the students' exported progress files become a table of
// who finished which lesson and a list of quiz questions by first-try rate (weakest first, to spot a
// misconception), both exportable as CSV; their lab results files join the Labs charts side by side.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "classroom/class_progress.h"
#include "classroom/class_results.h"
#include "course/course.h"
#include "ui/labs_view.h"
#include "ui/platform.h"

namespace dojo {

// What the view asks of the app around it.
struct ClassViewEvents {
    std::function<void(const std::string& route)> navigate;
    std::function<void(const std::string& text, bool error)> notice;
};

class ClassView {
public:
    ClassView(const Course& course, Platform& platform) : course_(course), platform_(platform) {}

    // A file a teacher opened or dropped: a progress file joins the summary, a results file the lab
    // charts; anything else is listed with the reason it was skipped.
    void add_file(const std::string& text, const std::string& name);

    void draw(float width, LabsView& labs, ClassViewEvents& events);

    // For tests: {students, questions, results, messages, files} as counts, and notes: the messages.
    nlohmann::json test_state() const;

private:
    void rebuild();
    void draw_lessons_table(float width, ClassViewEvents& events);
    void draw_questions_table(float width, ClassViewEvents& events);
    void draw_results(float width, LabsView& labs, ClassViewEvents& events);
    void show_in_labs(const std::string& lab, LabsView& labs, ClassViewEvents& events);

    const Course& course_;
    Platform& platform_;
    std::vector<ClassFile> progress_files_, results_files_;  // results_files_ also holds unreadable ones
    ClassProgress summary_;
    ClassResults results_;
    std::vector<std::string> messages_;  // both summaries' messages, in one list

    // Reports already handed to the Labs view (label and time), so showing a lab twice adds nothing;
    // forgotten when the Labs view's comparisons were removed there.
    std::set<std::string> sent_;
    std::size_t labs_comparisons_ = 0;
};

}  // namespace dojo
