// The app every platform shows: a top bar over the view the route names (ui/route.h), its own home or
// lesson view or one of the view classes it composes. ImGui only: the platform gives it the course, a
// store and the services in ui/platform.h, and calls frame() between ImGui::NewFrame() and Render().
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <imgui.h>
#include <nlohmann/json_fwd.hpp>

#include "course/course.h"
#include "progress/learning.h"
#include "progress/progress.h"
#include "progress/progress_keeper.h"
#include "ui/class_view.h"
#include "ui/exercises/exercise_view.h"
#include "ui/explorers_view.h"
#include "ui/labs_view.h"
#include "ui/lesson_cards.h"
#include "ui/platform.h"
#include "ui/presenter_view.h"
#include "ui/profile_view.h"
#include "ui/quiz_view.h"
#include "ui/reference_views.h"
#include "ui/review_view.h"
#include "ui/route.h"
#include "ui/settings_view.h"
#include "ui/tree_view.h"

namespace dojo {

class AppShell : private QuizHost {
public:
    // Loads the saved progress from `store`, then opens `initial_route` (a shared link), or where
    // the learner left off when it is empty.
    AppShell(Course course, Platform& platform, TextStore& store, const std::string& initial_route = "");
    ~AppShell() override;  // saves code typed in an exercise since the last save

    void frame();

    // Opens a route such as "#/lesson/cpu-vs-gpu", "#/tree", "#/glossary/vram", "#/review";
    // unknown routes open the home view. `from_history`: the browser's back/forward asked for it.
    void navigate(const std::string& route, bool from_history = false);
    // Scrolls the main view by `dy` ImGui units at the next frame (the browser's find reaching a line of
    // the text layer that is off screen).
    void scroll_by(float dy) { scroll_by_ += dy; }
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
    // notices, questions: {"<lesson>/<question>": {attempts, correct, due_day}}, lesson?,
    // exercises: {"<id>": {passed, runs, failed_runs, xp_awarded, languages, summary?}}, exercise_running}.
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
    void check_motivation(bool quietly);  // settles the habit and awards achievements (app_shell.cpp)
    bool clock_back_told_ = false;

    // The top bar's and the view's windows: fixed in place, undecorated, not saved.
    static constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                                    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

    // The chrome around the views (app_chrome.cpp).
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

    // The shell's own views (app_views.cpp).
    void draw_home(float width);
    void draw_lesson(const Lesson& lesson, float width);
    const std::map<std::string, std::string>& lab_headlines();

    void follow_link(const std::string& link);
    const Lesson* current_lesson() const;

    Course course_;
    Platform& platform_;
    ProgressKeeper keeper_;
    Progress progress_;
    bool storage_failed_ = false;
    std::int64_t today_;

    View view_ = View::Home;
    std::string route_ = "#/";
    int lesson_ = -1;  // the open lesson, an index into course_.lessons
    bool scroll_to_top_ = false;
    float scroll_by_ = 0;

    std::size_t due_count_ = 0;  // reviews due, counted once per frame

    QuizView quizzes_;
    ExerciseView exercises_;  // kernel exercises in lessons: their editors, runs and verdicts
    ExerciseViewEvents exercise_events_;
    std::vector<Notice> notices_;
    Celebration celebration_;
    void celebrate(Celebration c);  // shows it, and announces it to a screen reader
    bool confirm_reset_ = false;

    // The views it composes, each with the events it asks of the shell (set up in the constructor).
    LessonCards cards_;  // the home view's and search's lesson cards, sharing their measurements
    TreeView tree_;
    TreeViewEvents tree_events_;
    ReviewView review_;
    ProfileView profile_;
    ReviewViewEvents review_events_;
    ReferenceViews reference_;  // glossary, FAQ and search
    ReferenceViewEvents reference_events_;

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
    void present_zoom();                                          // asks for presenter mode's larger type, or gives it back
    void draw_present_button(const Lesson& lesson, float width);  // in the lesson's header
    std::map<std::string, std::pair<std::string, std::string>> headline_cache_;  // lab -> (report text, headline)
    std::map<std::string, std::string> headlines_;
};

}  // namespace dojo
