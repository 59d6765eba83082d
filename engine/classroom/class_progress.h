// A class's progress at a glance, from the progress files students exported: who finished which
// lesson, and per quiz question how many answered it and how many were right the first time, weakest
// first, so a teacher spots a misconception. Both tables also export as CSV.
#pragma once

#include <string>
#include <vector>

#include "classroom/class_results.h"
#include "course/course.h"

namespace dojo {

struct ClassStudent {
    std::string name;  // from the file name: "ana-progress.json" -> "ana"
    std::string file;
    int xp = 0;
    std::vector<bool> completed;  // per lesson of the course, in course order
    int completed_count = 0;
};

struct ClassQuestion {
    std::string lesson_id, lesson_title, question_id, prompt;
    int answered = 0;   // students with at least one counted answer
    int first_try = 0;  // of those, right on their first answer
    double first_try_rate() const { return answered > 0 ? static_cast<double>(first_try) / answered : 0.0; }
};

struct ClassProgress {
    std::vector<std::string> lesson_ids, lesson_titles;  // the course's lessons, in order
    std::vector<ClassStudent> students;                  // in the order the files were given
    std::vector<ClassQuestion> questions;                // answered by someone; lowest first-try rate first
    std::vector<std::string> messages;                   // one sentence per file skipped, merged or renamed
};

// The student's name a progress file's name suggests; "student" when it suggests none.
std::string student_name_from_file(const std::string& file_name);

// Never throws. Malformed files and files of another format or version are skipped with a message;
// two files with the same content count once; two students with the same name keep both, the second
// as "name (2)".
ClassProgress summarize_class_progress(const Course& course, const std::vector<ClassFile>& files);

// RFC 4180 CSV: a header, then one row per student (name, file, XP, lessons done, then each lesson
// "yes" or empty) or one row per question (lesson, question, prompt, answered, right first try, rate).
std::string class_lessons_csv(const ClassProgress& summary);
std::string class_questions_csv(const ClassProgress& summary);

}  // namespace dojo
