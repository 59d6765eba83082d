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
#include "ui/class_view.h"
#include "ui/explorers_view.h"
#include "ui/labs_view.h"
#include "ui/platform.h"
#include "ui/presenter_view.h"
#include "ui/quiz_view.h"
#include "ui/route.h"
#include "ui/settings_view.h"

namespace dojo {

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
    // A student's file a teacher opened for the Class view (#/class): a progress file or a lab results
    // file; anything else is listed there with the reason it was skipped. Opens the Class view.
    void import_class_file(const std::string& text, const std::string& name);
    // Files dropped onto the window go to the Class view while it is open (else to import or Labs).
    bool class_view_open() const { return view_ == View::Class; }
    // Keeps a finished lab run with the progress (the latest per lab) and saves.
    void store_lab_report(const std::string& lab, const LabReport& report);
    // A message shown at the top of the app until dismissed, e.g. storage that will not keep data.
    void show_notice(const std::string& text, bool is_error);

    // Settings the page's address or the system asks for (the web shell calls these at start; see
    // SettingsView): a theme for this visit only, and the system's reduced-motion preference.
    bool override_theme(const std::string& name);
    void set_system_reduce_motion(bool reduce);

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
    // A thicker ring, in the accent color, over ImGui's thin one around the widget the keyboard has reached.
    static void draw_keyboard_focus_ring();
    // ImGui 1.86 presses a focused button with Space only; learners expect Enter to work too.
    static void enter_presses_focused_widget();

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
    int tree_focus_ = -1;  // the node (an index into tree_.nodes) the arrow keys move, -1 before any
    // Arrow keys, Enter and Space on the tree canvas when it has the keyboard focus; true when they moved it.
    bool tree_keyboard(ImGuiID canvas_id, ImVec2 canvas_size);
    nlohmann::json tree_test_state() const;

    SettingsView settings_view_;  // #/settings; applies theme, UI scale and motion
    void apply_settings();        // makes progress_.settings (and any override) take effect

    ExplorersView explorers_;  // before labs_, which draws them too
    LabsView labs_;
    LabsViewEvents labs_events_;
    ClassView class_;  // after course_ and labs_, which it uses
    ClassViewEvents class_events_;

    // Presenter mode (#/present/<lesson>/<screen>, app_presenter.cpp): full window, no top bar.
    PresenterView presenter_;
    bool present_route(const std::string& argument);  // "<lesson>[/<screen>]"; false when no such lesson
    void draw_presenter();
    void present_zoom();  // asks for presenter mode's larger type, or gives it back
    void draw_present_button(const Lesson& lesson, float width);  // in the lesson's header
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
