// The app every platform shows: a top bar (product, navigation, level and XP), and the views
// below it: home, lesson reader, skill tree, review, glossary, FAQ and search. It draws with
// ImGui only; the platform shell gives it the course, a place to keep progress and the few
// platform services in ui/platform.h, and calls frame() between ImGui::NewFrame() and Render().
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "course/course.h"
#include "course/skill_tree.h"
#include "progress/learning.h"
#include "progress/progress.h"
#include "progress/progress_keeper.h"
#include "ui/explorers_view.h"
#include "ui/labs_view.h"
#include "ui/platform.h"
#include "ui/quiz_view.h"

namespace dojo {

enum class View { Home, Lesson, Tree, Review, Glossary, Faq, Search, Labs };

class AppShell : private QuizHost {
public:
    // Loads the saved progress from `store`, then opens `initial_route` (a shared link), or where
    // the learner left off when it is empty.
    AppShell(Course course, Platform& platform, TextStore& store, const std::string& initial_route = "");

    void frame();

    // Opens a route such as "#/lesson/cpu-vs-gpu", "#/tree", "#/glossary/vram", "#/review";
    // unknown routes open the home view. `from_history`: the browser's back/forward asked for it.
    void navigate(const std::string& route, bool from_history = false);
    // Replaces the learner's progress with an exported file's text; false (and a message on
    // screen) when the text is not a progress file.
    bool import_progress(const std::string& text);
    // A lab results file (format "compute-dojo-results", e.g. dropped onto the window): opens the
    // Labs view with its reports beside the learner's own; false (and a message) when it is not one.
    bool import_lab_results(const std::string& text, const std::string& source);
    // Keeps a finished lab run with the progress (the latest per lab) and saves.
    void store_lab_report(const std::string& lab, const LabReport& report);
    // A message shown at the top of the app until dismissed, e.g. storage that will not keep data.
    void show_notice(const std::string& text, bool is_error);

    // For the test hooks: {view, route, lessons, broken, xp, track_xp, level, completed, due,
    // notices, questions: {"<lesson>/<question>": {attempts, correct, due_day}}, lesson?}.
    nlohmann::json test_state() const;

    const Course& course() const { return course_; }
    const Progress& progress() const { return progress_; }
    const std::string& route() const { return route_; }

    // Today, as a day number; tests move it to check review schedules.
    void set_today(std::int64_t day) { today_ = day; }

private:
    struct Notice {
        std::string text;
        bool error = false;
    };
    struct Celebration {
        std::string title, detail;
        float time_left = 0;
    };

    // QuizHost: lesson quizzes record answers and award XP.
    Outcome answer(const Lesson& lesson, const Question& question, const Answer& answer, bool used_hint) override;
    const QuestionProgress* progress_of(const Lesson& lesson, const Question& question) const override;
    void after_outcome(const Outcome& outcome, const Lesson& lesson);
    void save();

    void draw_top_bar(float height);
    enum class NavStyle { Labels, Icons, Menu };
    void draw_nav_items(NavStyle style);
    void draw_menu_popup();
    void draw_notices(float width);
    void draw_celebration();

    void draw_home(float width);
    void draw_lesson(const Lesson& lesson, float width);
    void draw_tree(float width, float height);
    void draw_tree_details(const Lesson& lesson, float width);
    void draw_review(float width);
    void draw_glossary(float width);
    void draw_faq(float width);
    void draw_search(float width);
    const std::map<std::string, std::string>& lab_headlines();

    bool lesson_row(const Lesson& lesson, float width);  // a card in lists; true when clicked
    void follow_link(const std::string& link);
    const Lesson* current_lesson() const;
    int lesson_index(const std::string& id) const;
    ImU32 track_color(const std::string& track) const;

    Course course_;
    Platform& platform_;
    ProgressKeeper keeper_;
    Progress progress_;
    bool storage_failed_ = false;
    std::int64_t today_;

    View view_ = View::Home;
    std::string route_ = "#/";
    int lesson_ = -1;           // the open lesson, an index into course_.lessons
    std::string focus_term_;    // glossary term to scroll to
    bool scroll_to_top_ = false;

    // Card heights by lesson, for the width they were measured at: off-screen cards only reserve space.
    std::map<const Lesson*, ImVec2> card_sizes_;
    std::size_t due_count_ = 0;  // reviews due, counted once per frame

    QuizView quizzes_;
    std::vector<Notice> notices_;
    Celebration celebration_;
    bool confirm_reset_ = false;

    SkillTreeLayout tree_;
    float tree_zoom_ = 1.0f;
    ImVec2 tree_pan_{0, 0};
    bool tree_fitted_ = false;
    int tree_selected_ = -1;

    ExplorersView explorers_;  // before labs_, which draws them too
    LabsView labs_;
    LabsViewEvents labs_events_;
    std::map<std::string, std::pair<std::string, std::string>> headline_cache_;  // lab -> (report text, headline)
    std::map<std::string, std::string> headlines_;

    std::vector<bool> faq_open_;  // which FAQ answers are unfolded
    char glossary_filter_[96] = {};
    char search_query_[96] = {};
    // Lowercase plain text for search and the glossary filter, made once: the course never changes.
    std::vector<std::string> search_text_;    // per lesson
    std::vector<std::string> glossary_text_;  // per glossary term: term and definition
    std::vector<std::string> faq_text_;       // per FAQ entry: question and answer
    static std::string lowercase(std::string s);

    // Review: the due items are captured when a review starts, so answering does not reshuffle them.
    struct ReviewItem {
        int lesson = -1, question = -1;
    };
    std::vector<ReviewItem> review_queue_;
    std::size_t review_pos_ = 0;
    int reviewed_right_ = 0, reviewed_total_ = 0;
    QuizView review_quizzes_;
    std::unique_ptr<QuizHost> review_host_;
    friend class ReviewHost;
};

}  // namespace dojo
