// The app shell: composing the views, routing to them, saving progress, imports, the frame that
// lays out the top bar and the current view, and the test hook. The chrome is in app_chrome.cpp,
// the home and lesson views in app_views.cpp, presenter mode in app_presenter.cpp.
#include "ui/app_shell.h"

#include <algorithm>
#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "labs/lab_report.h"
#include "progress/achievements.h"
#include "progress/habit.h"
#include "progress/progress_merge.h"
#include "ui/access_tree.h"
#include "ui/announcer.h"
#include "ui/redraw.h"
#include "ui/text_layer.h"
#include "ui/widget_registry.h"

namespace dojo {

namespace {

constexpr float kReadingWidth = 760.0f;  // a comfortable line length for 17 px Inter
constexpr float kLabsWidth = 1480.0f;    // charts and tables use a wide screen

}  // namespace

AppShell::AppShell(Course course, Platform& platform, TextStore& store, const std::string& initial_route)
    : course_(std::move(course)),
      platform_(platform),
      keeper_(store),
      today_(today_day_number()),
      exercises_(course_, progress_),
      cards_(course_, progress_),
      tree_(course_, progress_),
      review_(course_, progress_),
      profile_(course_, progress_),
      reference_(course_, cards_),
      labs_(platform, &explorers_),
      class_(course_, platform) {
    auto navigate_to = [this](const std::string& route) { navigate(route); };
    tree_events_.navigate = navigate_to;
    review_events_.navigate = navigate_to;
    review_events_.save = [this] { save(); };
    exercise_events_.save = [this] { save(); };
    exercise_events_.outcome = [this](const Outcome& o, const Lesson& lesson) {
        if (o.xp_awarded > 0) celebrate({"Exercise passed", "+" + std::to_string(o.xp_awarded) + " XP", 2.5f});
        after_outcome(o, lesson);
    };
    reference_events_.navigate = navigate_to;
    reference_events_.follow_link = [this](const std::string& link) { follow_link(link); };
    class_events_.navigate = navigate_to;
    class_events_.notice = [this](const std::string& text, bool error) { show_notice(text, error); };
    labs_events_.finished = [this](const std::string& lab, const LabReport& report) { store_lab_report(lab, report); };
    labs_events_.notice = [this](const std::string& text, bool error) { show_notice(text, error); };
    const LoadReport report = keeper_.load(progress_);
    apply_settings();
    check_motivation(true);
    if (!report.message.empty()) show_notice(report.message, report.kind == LoadReport::Kind::StartedOver);
    const std::string start =
        !initial_route.empty() && initial_route != "#" && initial_route != "#/" ? initial_route : progress_.last_place;
    navigate(start.empty() ? "#/" : start, true);
}

AppShell::~AppShell() {
    exercises_.flush(exercise_events_);
}

// ---- Routing -------------------------------------------------------------------------------------

const Lesson* AppShell::current_lesson() const {
    return view_ == View::Lesson && lesson_ >= 0 ? &course_.lessons[static_cast<std::size_t>(lesson_)] : nullptr;
}

void AppShell::navigate(const std::string& requested, bool from_history) {
    exercises_.flush(exercise_events_);  // code typed a moment ago is saved before the view changes
    Route parsed = parse_route(requested);
    std::string route;
    switch (parsed.view) {
        case View::Lesson: {
            const std::string& id = *parsed.argument;
            const int index = lesson_index(course_, id);
            if (index < 0 || course_.lessons[static_cast<std::size_t>(index)].has_errors()) {
                show_notice("There is no lesson '" + id + "' that can be opened; here is the course instead.", true);
                parsed = Route{};
            } else {
                lesson_ = index;
            }
            break;
        }
        case View::Review:
            review_.restart();
            break;
        case View::Glossary:
            reference_.focus_term(parsed.argument.value_or(""));
            break;
        case View::Labs:
            if (parsed.argument) labs_.select(*parsed.argument);
            for (const std::string& problem : labs_.apply_params(parsed.params))
                show_notice("The link's lab setting was not used: " + problem + ".", true);
            parsed.params.clear();  // they preselect settings once; the address keeps the lab alone
            break;
        case View::Present:
            if (present_route(*parsed.argument))
                route = presenter_.route();
            else
                parsed = Route{};
            break;
        default:
            break;
    }
    if (route.empty()) route = format_route(parsed);
    const bool changed = route != route_;
    view_ = parsed.view;
    route_ = route;
    scroll_to_top_ = true;
    if (changed || from_history) platform_.route_changed(route_, from_history);
    if (progress_.last_place != route_) {
        progress_.last_place = route_;
        save();
    }
}

void AppShell::follow_link(const std::string& link) {
    if (link.empty()) return;
    const std::string href = link_href(link);
    if (href[0] == '#')
        navigate(href);
    else
        platform_.open_url(href);
}

// ---- Progress ------------------------------------------------------------------------------------

// The habit's days that are over are judged, and what the progress now earns is awarded: before every
// save, so nothing earned is ever lost, and once at start, so an old file gets what it had earned.
void AppShell::check_motivation(bool quietly) {
    const SettleReport settled = settle(progress_.habit, today_);
    if (settled.clock_went_back && !clock_back_told_) {
        clock_back_told_ = true;
        show_notice("Your clock is set earlier than a day this app has already seen (" +
                        day_text(progress_.habit.latest_day_seen) +
                        "). Study still counts, but no day is judged again until the clock catches up, so the streak "
                        "neither grows nor breaks meanwhile.",
                    false);
    }
    if (!settled.frozen.empty())
        show_notice(std::string(settled.frozen.size() == 1 ? "A streak freeze covered " : "Streak freezes covered ") +
                        (settled.frozen.size() == 1 ? day_text(settled.frozen.front())
                                                    : std::to_string(settled.frozen.size()) + " missed days") +
                        ", so your streak of " + std::to_string(progress_.habit.streak) + " days goes on.",
                    false);
    else if (settled.streak_ended)
        show_notice("Your " + std::to_string(settled.ended_streak) +
                        "-day streak ended on a day without study. A new one starts "
                        "with today's goal.",
                    false);
    const std::vector<const Achievement*> earned = award_achievements(course_, progress_, today_);
    if (earned.empty()) return;
    if (quietly) {
        show_notice("Your progress already earns " + std::to_string(earned.size()) +
                        (earned.size() == 1 ? " achievement" : " achievements") + ": see your profile.",
                    false);
        return;
    }
    for (const Achievement* a : earned) celebrate({"Achievement: " + a->title, a->text, 3.0f});
}

void AppShell::save() {
    check_motivation(false);
    std::string error;
    if (keeper_.save(progress_, error)) {
        if (storage_failed_) show_notice("Progress is being saved again.", false);
        storage_failed_ = false;
    } else if (!storage_failed_) {
        storage_failed_ = true;  // say it once, not on every answer
        show_notice(error +
                        ". Until that changes, progress will not be kept after you close the app; Export progress in the menu "
                        "saves a copy.",
                    true);
    }
}

Outcome AppShell::answer(const Lesson& lesson, const Question& question, const Answer& answer, bool used_hint) {
    const Outcome o = record_answer(progress_, course_, lesson, question, answer, used_hint, today_);
    if (o.counted) {
        after_outcome(o, lesson);
        save();
    }
    return o;
}

const QuestionProgress* AppShell::progress_of(const Lesson& lesson, const Question& question) const {
    return question_progress(progress_, lesson, question);
}

void AppShell::after_outcome(const Outcome& o, const Lesson& lesson) {
    if (o.level_up)
        celebrate({"Level up!", "You are now " + o.level_name + ".", 3.0f});
    else if (o.lesson_completed)
        celebrate({"Lesson complete", lesson.title + "  +" + std::to_string(o.lesson_xp_awarded) + " XP", 2.5f});
}

void AppShell::celebrate(Celebration c) {
    announce(c.title + " " + c.detail);
    if (celebration_.time_left > 0) {
        // Earned at the same moment (an exercise passed and an achievement with it): one card says both,
        // for no longer than one would, so the app rests as soon as it would have.
        celebration_.detail += "\n" + c.title + ": " + c.detail;
        celebration_.time_left = std::max(celebration_.time_left, std::min(c.time_left, 3.0f));
    } else {
        celebration_ = std::move(c);
    }
    redraw::request_frame();
}

bool AppShell::import_progress(const std::string& text) {
    ProgressParseResult parsed = parse_progress(text);
    if (!parsed.ok) {
        show_notice("That file could not be imported, and your progress is unchanged: " + parsed.error, true);
        return false;
    }
    keep_days_and_firsts(progress_, parsed.progress);  // streak days and achievements are joined, never lost
    progress_ = std::move(parsed.progress);
    apply_settings();  // the file's settings come with it
    quizzes_.clear();
    exercises_.clear();
    save();
    show_notice("Progress imported: " + std::to_string(progress_.total_xp()) +
                    " XP. Your study days and achievements were kept and joined with the file's.",
                false);
    return true;
}

bool AppShell::import_lab_results(const std::string& text, const std::string& source) {
    std::string error;
    if (!labs_.add_comparison(text, source, error)) {
        show_notice("That results file could not be opened: " + error, true);
        return false;
    }
    navigate("#/labs/" + labs_.last_compared_lab());
    show_notice("Results from " + (source.empty() ? std::string("the file") : source) + " are shown beside yours for comparison.",
                false);
    return true;
}

void AppShell::import_class_file(const std::string& text, const std::string& name) {
    class_.add_file(text, name);
    if (view_ != View::Class) navigate("#/class");
}

void AppShell::store_lab_report(const std::string& lab, const LabReport& report) {
    progress_.lab_results[lab] = to_json(report).dump();
    const Outcome o = record_lab_run(progress_, course_, report, today_);
    if (o.level_up) celebrate({"Level up!", "You are now " + o.level_name + ".", 3.0f});
    save();
}

void AppShell::show_notice(const std::string& text, bool is_error) {
    for (const auto& n : notices_)
        if (n.text == text) return;
    notices_.push_back({text, is_error});
    announce(text);
    redraw::request_frame();  // a notice can come from outside a frame's input (storage, a worker)
}

// ---- Frame ---------------------------------------------------------------------------------------

namespace {

// What a frame records beside drawing (the widgets for tests, the text layer, the access tree): begun
// before any view draws, and ended when frame() returns, whichever view it drew.
struct FrameRecords {
    FrameRecords() {
        widget_registry().begin_frame();
        text_layer().begin_frame();
        access_tree().begin_frame();
    }
    ~FrameRecords() {
        widget_registry().end_frame();
        text_layer().end_frame();
        access_tree().end_frame();
    }
    FrameRecords(const FrameRecords&) = delete;
    FrameRecords& operator=(const FrameRecords&) = delete;
};

}  // namespace

void AppShell::frame() {
    const FrameRecords records;
    access_tree().apply_requests();  // the page's mirror was focused or activated
    enter_presses_focused_widget();
    labs_.poll(labs_events_);  // a run that ends while another view is open is still kept
    present_zoom();
    if (view_ == View::Present) {  // the whole window, no top bar
        draw_presenter();
        return;
    }
    due_count_ = due_reviews(course_, progress_, today_).size();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float bar_height = ImGui::GetFontSize() * 3.4f;
    draw_top_bar(bar_height);

    ImGui::SetNextWindowPos({vp->WorkPos.x, vp->WorkPos.y + bar_height});
    ImGui::SetNextWindowSize({vp->WorkSize.x, vp->WorkSize.y - bar_height});
    const float margin = std::clamp(vp->WorkSize.x * 0.04f, 12.0f, 32.0f);
    const bool canvas_view = view_ == View::Tree;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, canvas_view ? ImVec2{0, 0} : ImVec2{margin, 20});
    ImGui::Begin("##main", nullptr,
                 kPanelFlags | (canvas_view ? ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse : 0));
    ImGui::PopStyleVar();
    access_tree().open({.role = AccessRole::Main});
    if (scroll_to_top_) {
        ImGui::SetScrollY(0);
        scroll_to_top_ = false;
    }
    if (scroll_by_ != 0) {
        ImGui::SetScrollY(std::clamp(ImGui::GetScrollY() + scroll_by_, 0.0f, ImGui::GetScrollMaxY()));
        scroll_by_ = 0;
    }
    const float avail = ImGui::GetContentRegionAvail().x;
    if (view_ == View::Tree) {
        tree_.draw(avail, ImGui::GetContentRegionAvail().y, tree_events_);
    } else {
        // A centered reading column.
        // The labs' charts and tables get a wider column than text does.
        const float width = std::min(view_ == View::Labs || view_ == View::Class ? kLabsWidth : kReadingWidth, avail);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - width) * 0.5f);
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        draw_notices(width);
        switch (view_) {
            case View::Home:
                draw_home(width);
                break;
            case View::Lesson:
                if (const Lesson* l = current_lesson()) draw_lesson(*l, width);
                break;
            case View::Review:
                review_.draw(width, today_, review_events_);
                break;
            case View::Glossary:
                reference_.draw_glossary(width, reference_events_);
                break;
            case View::Faq:
                reference_.draw_faq(width, reference_events_);
                break;
            case View::Search:
                reference_.draw_search(width, reference_events_);
                break;
            case View::Profile:
                if (profile_.draw(width, today_)) save();
                break;
            case View::Settings:
                if (settings_view_.draw(progress_.settings, width)) {
                    apply_settings();
                    save();
                }
                break;
            case View::Labs:
                labs_.draw(width, progress_.lab_results, labs_events_);
                break;
            case View::Class:
                class_.draw(width, labs_, class_events_);
                break;
            case View::Tree:
            case View::Present:
                break;  // drawn full window before the top bar
        }
        ImGui::Dummy({0, 40});
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
    }
    access_tree().close();
    ImGui::End();
    draw_celebration();
    draw_keyboard_focus_ring();
}

// ---- Settings ------------------------------------------------------------------------------------

void AppShell::apply_settings() {
    settings_view_.apply(progress_.settings);
    explorers_.set_reduce_motion(settings_view_.reduce_motion(progress_.settings));
}

bool AppShell::override_theme(const std::string& name) {
    return settings_view_.override_theme(name, progress_.settings);
}

void AppShell::set_system_reduce_motion(bool reduce) {
    settings_view_.set_system_reduce_motion(reduce);
    explorers_.set_reduce_motion(settings_view_.reduce_motion(progress_.settings));
}

// ---- Test hook -----------------------------------------------------------------------------------

nlohmann::json AppShell::test_state() const {
    nlohmann::json lessons = nlohmann::json::array(), broken = nlohmann::json::array(), completed = nlohmann::json::array();
    for (const auto& l : course_.lessons) {
        (l.has_errors() ? broken : lessons).push_back(l.id);
        if (is_complete(progress_, l)) completed.push_back(l.id);
    }
    nlohmann::json notices = nlohmann::json::array();
    for (const auto& n : notices_) notices.push_back(n.text);
    nlohmann::json state = {{"view", view_name(view_)},
                            {"route", route_},
                            {"lessons", lessons},
                            {"broken", broken},
                            {"xp", progress_.total_xp()},
                            {"track_xp", progress_.track_xp},
                            {"level", level_for(course_, progress_.total_xp()).name},
                            {"completed", completed},
                            {"due", due_reviews(course_, progress_, today_).size()},
                            {"notices", notices},
                            {"profile", profile_.test_state(today_)},
                            {"celebration", celebration_.time_left > 0 ? celebration_.title : std::string()}};
    nlohmann::json questions = nlohmann::json::object();
    for (const auto& [key, q] : progress_.questions)
        questions[key] = {{"attempts", q.attempts}, {"correct", q.correct}, {"due_day", q.card.due_day}};
    state["questions"] = questions;
    nlohmann::json exercises = nlohmann::json::object();
    const auto summaries = exercises_.summaries();
    const auto rooflines = exercises_.rooflines();
    for (const auto& [id, e] : progress_.exercises) {
        nlohmann::json languages = nlohmann::json::array();
        for (const auto& [language, code] : e.code) languages.push_back(language);
        exercises[id] = {{"passed", e.passed},           {"runs", e.runs},
                         {"failed_runs", e.failed_runs}, {"xp_awarded", e.xp_awarded},
                         {"hints_shown", e.hints_shown}, {"languages", languages}};
        if (const auto it = summaries.find(id); it != summaries.end()) exercises[id]["summary"] = it->second;
        if (const auto it = rooflines.find(id); it != rooflines.end()) exercises[id]["roofline"] = it->second;
    }
    state["exercises"] = exercises;
    state["exercise_running"] = exercises_.any_running();
    if (const Lesson* l = current_lesson()) state["lesson"] = l->id;
    nlohmann::json stored = nlohmann::json::array();
    for (const auto& [lab, text] : progress_.lab_results) stored.push_back(lab);
    state["lab_results"] = stored;
    state["labs"] = labs_.test_state();
    state["explorers"] = explorers_.test_state();
    state["settings"] = settings_view_.test_state(progress_.settings);
    state["class"] = class_.test_state();
    if (view_ == View::Present) state["present"] = presenter_.test_state();
    state["tree"] = tree_.test_state();
    return state;
}

}  // namespace dojo
