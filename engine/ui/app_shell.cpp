// The app shell: composing the views, routing, the top bar, notices and celebrations, saving
// progress, and the home and lesson views. The skill tree, review, glossary, FAQ and search views
// are classes of their own (tree_view, review_view, reference_views).
#include "ui/app_shell.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "labs/lab_report.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/lesson_reader.h"
#include "ui/redraw.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"
#include "ui/widgets.h"

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
      cards_(course_, progress_),
      tree_(course_, progress_),
      review_(course_, progress_),
      reference_(course_, cards_),
      labs_(platform, &explorers_),
      class_(course_, platform) {
    auto navigate_to = [this](const std::string& route) { navigate(route); };
    tree_events_.navigate = navigate_to;
    review_events_.navigate = navigate_to;
    review_events_.save = [this] { save(); };
    reference_events_.navigate = navigate_to;
    reference_events_.follow_link = [this](const std::string& link) { follow_link(link); };
    class_events_.navigate = navigate_to;
    class_events_.notice = [this](const std::string& text, bool error) { show_notice(text, error); };
    labs_events_.finished = [this](const std::string& lab, const LabReport& report) { store_lab_report(lab, report); };
    labs_events_.notice = [this](const std::string& text, bool error) { show_notice(text, error); };
    const LoadReport report = keeper_.load(progress_);
    apply_settings();
    if (!report.message.empty()) show_notice(report.message, report.kind == LoadReport::Kind::StartedOver);
    const std::string start =
        !initial_route.empty() && initial_route != "#" && initial_route != "#/" ? initial_route : progress_.last_place;
    navigate(start.empty() ? "#/" : start, true);
}

// ---- Routing -------------------------------------------------------------------------------------

const Lesson* AppShell::current_lesson() const {
    return view_ == View::Lesson && lesson_ >= 0 ? &course_.lessons[static_cast<std::size_t>(lesson_)] : nullptr;
}

void AppShell::navigate(const std::string& requested, bool from_history) {
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
            labs_.apply_params(parsed.params);
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
    if (link.rfind("lesson:", 0) == 0)
        navigate("#/lesson/" + link.substr(7));
    else if (link.rfind("term:", 0) == 0)
        navigate("#/glossary/" + link.substr(5));
    else if (link[0] == '#')
        navigate(link);
    else
        platform_.open_url(link);
}

// ---- Progress ------------------------------------------------------------------------------------

void AppShell::save() {
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
        celebration_ = {"Level up!", "You are now " + o.level_name + ".", 3.0f};
    else if (o.lesson_completed)
        celebration_ = {"Lesson complete", lesson.title + "  +" + std::to_string(o.lesson_xp_awarded) + " XP", 2.5f};
}

bool AppShell::import_progress(const std::string& text) {
    ProgressParseResult parsed = parse_progress(text);
    if (!parsed.ok) {
        show_notice("That file could not be imported, and your progress is unchanged: " + parsed.error, true);
        return false;
    }
    progress_ = std::move(parsed.progress);
    apply_settings();  // the file's settings come with it
    quizzes_.clear();
    save();
    show_notice("Progress imported: " + std::to_string(progress_.total_xp()) + " XP.", false);
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
    save();
}

void AppShell::show_notice(const std::string& text, bool is_error) {
    for (const auto& n : notices_)
        if (n.text == text) return;
    notices_.push_back({text, is_error});
    redraw::request_frame();  // a notice can come from outside a frame's input (storage, a worker)
}

// ---- Frame ---------------------------------------------------------------------------------------

void AppShell::frame() {
    widget_registry().begin_frame();
    enter_presses_focused_widget();
    labs_.poll(labs_events_);  // a run that ends while another view is open is still kept
    present_zoom();
    if (view_ == View::Present) {  // the whole window, no top bar
        draw_presenter();
        widget_registry().end_frame();
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
    if (scroll_to_top_) {
        ImGui::SetScrollY(0);
        scroll_to_top_ = false;
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
    ImGui::End();
    draw_celebration();
    draw_keyboard_focus_ring();
    widget_registry().end_frame();
}

// ---- Top bar -------------------------------------------------------------------------------------

void AppShell::draw_nav_items(NavStyle style) {
    struct Item {
        const char* icon;
        const char* label;
        const char* route;
        View view;
    };
    const Item items[] = {{icon::kHome, "Home", "#/", View::Home},
                          {icon::kSitemap, "Skill tree", "#/tree", View::Tree},
                          {icon::kRefresh, "Review", "#/review", View::Review},
                          {icon::kBook, "Glossary", "#/glossary", View::Glossary},
                          {icon::kFlask, "Labs", "#/labs", View::Labs},
                          {icon::kQuestion, "FAQ", "#/faq", View::Faq},
                          {icon::kSearch, "Search", "#/search", View::Search}};
    const std::size_t due = due_count_;
    for (const Item& it : items) {
        std::string label = std::string(it.icon) + "  " + it.label;
        if (it.view == View::Review && due > 0) label += " (" + std::to_string(due) + ")";
        // Icons alone on medium screens; the name stays in the widget's id and its tooltip.
        if (style == NavStyle::Icons)
            label =
                std::string(it.icon) + (it.view == View::Review && due > 0 ? " " + std::to_string(due) : "") + "##" + it.label;
        const bool active = view_ == it.view;
        ImGui::PushStyleColor(ImGuiCol_Button, active ? theme::kSurfaceHover : 0u);
        ImGui::PushStyleColor(ImGuiCol_Text, active ? theme::kText : theme::kTextDim);
        if (style == NavStyle::Menu) {
            if (ImGui::Selectable(label.c_str(), active)) navigate(it.route);
        } else if (ImGui::Button(label.c_str())) {
            navigate(it.route);
        }
        if (style == NavStyle::Icons && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", it.label);
        ImGui::PopStyleColor(2);
        if (style != NavStyle::Menu) ImGui::SameLine(0, 2);
    }
}

void AppShell::draw_top_bar(float height) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize({vp->WorkSize.x, height});
    ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::kSurface);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {16, 0});
    ImGui::Begin("##topbar", nullptr, kPanelFlags);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 pos = ImGui::GetWindowPos();
    // Full labels need about 1260 logical pixels beside the title and XP; icons alone fit from 700.
    const NavStyle nav = vp->WorkSize.x >= 1260 ? NavStyle::Labels : vp->WorkSize.x >= 700 ? NavStyle::Icons : NavStyle::Menu;
    const bool narrow = nav == NavStyle::Menu;

    // The level: a thin bar along the bottom edge fills toward the next level.
    const LevelInfo level = level_for(course_, progress_.total_xp());
    dl->PushClipRectFullScreen();
    dl->AddLine({pos.x, pos.y + height - 1}, {pos.x + vp->WorkSize.x, pos.y + height - 1}, theme::kBorder);
    dl->AddRectFilled({pos.x, pos.y + height - 3}, {pos.x + vp->WorkSize.x * level.fraction, pos.y + height}, theme::kHighlight);
    dl->PopClipRect();

    const float row_y = (height - ImGui::GetFrameHeight()) * 0.5f;
    ImGui::SetCursorPosY(row_y);
    if (narrow) {
        ImGui::PushStyleColor(ImGuiCol_Button, 0u);
        const bool open = ImGui::Button((std::string(icon::kBars) + "##Menu").c_str());
        ImGui::PopStyleColor();
        if (open) ImGui::OpenPopup("##nav");
        if (ImGui::BeginPopup("##nav")) {
            draw_nav_items(NavStyle::Menu);
            ImGui::EndPopup();
        }
        ImGui::SameLine();
    }
    // The logo is drawn at a fixed height: text after a framed button would inherit its baseline.
    {
        ImGui::PushFont(fonts().heading);
        const float fs = ImGui::GetFontSize();
        ImGui::PopFont();
        const bool with_name = !narrow || vp->WorkSize.x > 520;
        const ImVec2 at{ImGui::GetCursorScreenPos().x, pos.y + (height - fs) * 0.5f};
        const float chip_w = fonts().heading->CalcTextSizeA(fs, FLT_MAX, 0, icon::kMicrochip).x;
        dl->AddText(fonts().heading, fs, at, theme::kAccent, icon::kMicrochip);
        float w = chip_w;
        if (with_name) {
            dl->AddText(fonts().heading, fs, {at.x + chip_w + 10, at.y}, theme::kText, "Compute Dojo");
            w += 10 + fonts().heading->CalcTextSizeA(fs, FLT_MAX, 0, "Compute Dojo").x;
        }
        ImGui::SetCursorPosY(row_y);
        ImGui::Dummy({w, ImGui::GetFrameHeight()});
        ImGui::SameLine(0, 24);
    }
    if (!narrow) {
        ImGui::SetCursorPosY(row_y);
        draw_nav_items(nav);
    }

    // Right side: total XP | the current track's XP, the level, and the menu.
    const Lesson* focus = current_lesson();
    if (!focus) focus = continue_lesson(course_, progress_);
    const Track* track = focus ? course_.find_track(focus->track) : nullptr;
    std::string xp = std::string(icon::kStar) + " " + std::to_string(progress_.total_xp()) + " XP";
    if (track && nav == NavStyle::Labels) {
        const auto it = progress_.track_xp.find(track->id);
        xp += "  |  " + track->name + " " + std::to_string(it == progress_.track_xp.end() ? 0 : it->second);
    }
    const std::string lvl = nav != NavStyle::Labels ? "" : "Lv " + std::to_string(level.index + 1) + " \xc2\xb7 " + level.name;
    ImGui::PushFont(fonts().strong);
    const float xp_w = ImGui::CalcTextSize(xp.c_str()).x;
    ImGui::PopFont();
    const float lvl_w = lvl.empty() ? 0 : ImGui::CalcTextSize(lvl.c_str()).x + 20;
    const float menu_w = ImGui::GetFrameHeight() + 8;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowWidth() - xp_w - lvl_w - menu_w - 24));
    if (!lvl.empty()) {
        ImGui::SetCursorPosY(row_y);
        ImGui::AlignTextToFramePadding();
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
        ImGui::TextUnformatted(lvl.c_str());
        ImGui::PopStyleColor();
        ImGui::SameLine(0, 20);
    }
    ImGui::PushFont(fonts().strong);
    ImGui::SetCursorPosY(row_y);
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kHighlight);
    ImGui::TextUnformatted(xp.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::SameLine(0, 12);
    ImGui::SetCursorPosY(row_y);
    ImGui::PushStyleColor(ImGuiCol_Button, 0u);
    if (ImGui::Button((std::string(icon::kUserCircle) + "##Your progress").c_str())) ImGui::OpenPopup("##menu");
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Your progress: export, import, reset");
    draw_menu_popup();

    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

void AppShell::draw_menu_popup() {
    if (ImGui::BeginPopup("##menu")) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
        ImGui::Text("%d XP \xc2\xb7 %s", progress_.total_xp(), level_for(course_, progress_.total_xp()).name.c_str());
        ImGui::PopStyleColor();
        ImGui::Separator();
        if (ImGui::Selectable((std::string(icon::kDownload) + "  Export progress").c_str()))
            show_notice(platform_.export_file("compute-dojo-progress.json", progress_to_json(progress_)), false);
        if (ImGui::Selectable((std::string(icon::kUpload) + "  Import progress").c_str())) {
            platform_.request_import();
            show_notice(platform_.import_hint(), false);
        }
        if (ImGui::Selectable((std::string(icon::kTrash) + "  Reset progress").c_str())) confirm_reset_ = true;
        if (ImGui::Selectable((std::string(icon::kCog) + "  Settings: theme, size, motion").c_str())) navigate("#/settings");
        ImGui::Separator();
        if (ImGui::Selectable((std::string(icon::kGraduationCap) + "  Class results (for teachers)").c_str()))
            navigate("#/class");
        ImGui::EndPopup();
    }
    if (confirm_reset_) {
        ImGui::OpenPopup("Reset progress?");
        confirm_reset_ = false;
    }
    ImGui::SetNextWindowSize({std::min(440.0f, ImGui::GetMainViewport()->WorkSize.x - 24), 0});
    if (ImGui::BeginPopupModal("Reset progress?", nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::TextWrapped(
            "This removes all your XP, completed lessons, quiz answers and review schedule. It cannot be undone; "
            "export your progress first if you may want it back.");
        ImGui::Dummy({0, 6});
        ImGui::PushStyleColor(ImGuiCol_Button, theme::tint(theme::kDanger, 0.5f));
        if (ImGui::Button("Reset everything")) {
            const std::string place = progress_.last_place;
            const Settings settings = progress_.settings;  // a reset clears progress, not the look
            progress_ = Progress{};
            progress_.settings = settings;
            progress_.last_place = place;
            quizzes_.clear();
            review_.clear_answers();
            save();
            show_notice("Progress reset.", false);
            ImGui::CloseCurrentPopup();
        }
        ImGui::PopStyleColor();
        ImGui::SameLine();
        if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

// ---- Notices and celebration ---------------------------------------------------------------------

void AppShell::draw_notices(float width) {
    for (std::size_t i = 0; i < notices_.size();) {
        const Notice& n = notices_[i];
        ImGui::PushID(static_cast<int>(i));
        begin_card(width, 12);
        const ImU32 color = n.error ? theme::kDanger : theme::kNote;
        ImGui::PushStyleColor(ImGuiCol_Text, color);
        ImGui::TextUnformatted(n.error ? icon::kWarning : icon::kInfoCircle);
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 120);
        ImGui::TextWrapped("%s", n.text.c_str());
        ImGui::PopTextWrapPos();
        const bool dismiss = ImGui::SmallButton("Dismiss");
        end_card(theme::tint(color, 0.85f), color);
        ImGui::PopID();
        if (dismiss)
            notices_.erase(notices_.begin() + static_cast<long>(i));
        else
            ++i;
        ImGui::Dummy({0, 4});
    }
}

void AppShell::draw_celebration() {
    if (celebration_.time_left <= 0) return;
    redraw::request_frame();  // it fades and its sparks fly until it is gone
    celebration_.time_left -= ImGui::GetIO().DeltaTime;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // With reduced motion the card appears and goes without fading, and no sparks fly.
    const bool calm = settings_view_.reduce_motion(progress_.settings);
    const float alpha = calm ? 1.0f : std::clamp(celebration_.time_left / 0.4f, 0.0f, 1.0f);
    ImGui::SetNextWindowPos({vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.32f}, 0, {0.5f, 0.5f});
    ImGui::SetNextWindowBgAlpha(0.96f * alpha);
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, alpha);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {28, 20});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 12);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::kSurfaceHover);
    ImGui::Begin("##celebration", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoInputs |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
    ImGui::PushFont(fonts().title);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kHighlight);
    ImGui::Text("%s  %s", icon::kTrophy, celebration_.title.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::TextUnformatted(celebration_.detail.c_str());
    // A burst of sparks around the card, unless the learner asked for less motion.
    if (!calm) {
        const ImVec2 c{ImGui::GetWindowPos().x + ImGui::GetWindowWidth() / 2,
                       ImGui::GetWindowPos().y + ImGui::GetWindowHeight() / 2};
        const float t = 3.0f - celebration_.time_left;
        ImDrawList* fg = ImGui::GetForegroundDrawList();
        for (int i = 0; i < 24; ++i) {
            const float angle = static_cast<float>(i) * 0.2618f;
            const float r = 80 + t * 140;
            const ImU32 col = (i % 3 == 0) ? theme::kAccent : (i % 3 == 1) ? theme::kHighlight : theme::kAnalogy;
            fg->AddCircleFilled({c.x + std::cos(angle) * r, c.y + std::sin(angle) * r * 0.6f + t * t * 30}, 4,
                                (col & 0x00FFFFFF) | (static_cast<ImU32>(alpha * 255) << 24));
        }
    }
    ImGui::End();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
}

// ---- Home ----------------------------------------------------------------------------------------

void AppShell::draw_home(float width) {
    ImGui::PushFont(fonts().title);
    ImGui::TextWrapped("Learn how AI hardware works");
    ImGui::PopFont();
    text_colored(theme::kTextDim,
                 "Why GPUs beat CPUs at AI math, what VRAM is for, and how to check the hardware in front of you. Short lessons, "
                 "quizzes that count, and a skill tree that opens as you learn.");
    ImGui::Dummy({0, 8});

    if (const Lesson* next = continue_lesson(course_, progress_)) {
        ImGui::PushFont(fonts().strong);
        const std::string label =
            std::string(icon::kPlay) + "  " + (progress_.lessons.empty() ? "Start: " : "Continue: ") + next->title;
        ImGui::PopFont();
        ImGui::PushStyleColor(ImGuiCol_Button, theme::tint(theme::kAccent, 0.55f));
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, {16, 10});
        if (ImGui::Button(label.c_str())) navigate("#/lesson/" + next->id);
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
    } else if (!course_.lessons.empty()) {
        text_colored(theme::kSuccess,
                     (std::string(icon::kTrophy) + "  Every lesson is complete. Reviews keep it fresh.").c_str());
    }
    const std::size_t due = due_count_;
    if (due > 0) {
        ImGui::SameLine();
        if (ImGui::Button((std::string(icon::kRefresh) + "  " + std::to_string(due) + " to review").c_str()))
            navigate("#/review");
    }
    ImGui::Dummy({0, 10});

    if (course_.lessons.empty()) {
        text_colored(theme::kTextDim, "No lessons were found.");
        for (const auto& d : course_.problems) text_colored(theme::kDanger, d.to_string().c_str());
        return;
    }
    // The lessons by track, in course order.
    std::vector<std::string> tracks;
    for (const Lesson& l : course_.lessons)
        if (std::find(tracks.begin(), tracks.end(), l.track) == tracks.end()) tracks.push_back(l.track);
    for (const std::string& track_id : tracks) {
        const Track* t = course_.find_track(track_id);
        ImGui::Dummy({0, 6});
        ImGui::PushFont(fonts().heading);
        ImGui::PushStyleColor(ImGuiCol_Text, track_color(course_, track_id));
        ImGui::TextUnformatted(t ? icon::icon_by_name(t->icon) : icon::kBook);
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::TextUnformatted(t ? t->name.c_str() : (track_id.empty() ? "Lessons" : track_id.c_str()));
        ImGui::PopFont();
        for (const Lesson& l : course_.lessons)
            if (l.track == track_id && cards_.row(l, width)) navigate("#/lesson/" + l.id);
    }
}

// ---- Lesson --------------------------------------------------------------------------------------

void AppShell::draw_lesson(const Lesson& lesson, float width) {
    const Track* track = course_.find_track(lesson.track);
    ImGui::PushStyleColor(ImGuiCol_Button, 0u);
    if (ImGui::Button((std::string(icon::kChevronLeft) + "  All lessons").c_str())) navigate("#/");
    ImGui::PopStyleColor();
    if (track) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::PushStyleColor(ImGuiCol_Text, track_color(course_, lesson.track));
        ImGui::Text("%s  %s", icon::icon_by_name(track->icon), track->name.c_str());
        ImGui::PopStyleColor();
    }
    draw_present_button(lesson, width);
    ImGui::PushFont(fonts().title);
    ImGui::TextWrapped("%s", lesson.title.c_str());
    ImGui::PopFont();
    const bool complete = is_complete(progress_, lesson);
    std::string meta = std::string(icon::kClock) + " " + std::to_string(lesson.minutes) + " min   " + icon::kStar + " " +
                       std::to_string(lesson.xp) + " XP   " + std::to_string(lesson.questions.size()) +
                       (lesson.questions.size() == 1 ? " question" : " questions");
    if (complete) meta += std::string("   ") + icon::kCheck + " Complete";
    text_colored(complete ? theme::kSuccess : theme::kTextDim, meta.c_str());
    if (!lesson.objectives.empty()) {
        begin_card(width, 14);
        ImGui::PushFont(fonts().strong);
        ImGui::TextUnformatted("In this lesson you will");
        ImGui::PopFont();
        for (const auto& o : lesson.objectives) ImGui::TextWrapped("%s  %s", icon::kChevronRight, o.c_str());
        end_card(theme::kSurface, track_color(course_, lesson.track));
    }
    ImGui::Dummy({0, 4});

    ReaderContext ctx{course_, lesson, platform_, quizzes_, *this, {}, &lab_headlines(), &explorers_};
    // A first heading that repeats the title (as Markdown viewers need) is already shown above.
    std::size_t first = 0;
    if (!lesson.blocks.empty() && lesson.blocks[0].kind == BlockKind::Heading && lesson.blocks[0].level == 1) {
        std::string text;
        for (const Span& s : lesson.blocks[0].spans) text += s.text;
        if (text == lesson.title) first = 1;
    }
    draw_blocks(std::span<const Block>(lesson.blocks).subspan(first), width, ctx);
    if (!ctx.clicked_link.empty()) follow_link(ctx.clicked_link);

    // The end of the lesson: reaching it counts as reading it.
    ImGui::Dummy({0, 8});
    column_rule(width);
    ImGui::Dummy({width, 1});
    if (ImGui::IsItemVisible()) {
        auto it = progress_.lessons.find(lesson.id);
        if (it == progress_.lessons.end() || !it->second.read_to_end) {
            const Outcome o = mark_read_to_end(progress_, course_, lesson, today_);
            after_outcome(o, lesson);
            save();
        }
    }
    std::size_t solved = 0;
    for (const auto& q : lesson.questions)
        if (const QuestionProgress* p = progress_of(lesson, q); p && p->correct) ++solved;
    if (is_complete(progress_, lesson)) {
        text_colored(theme::kSuccess, (std::string(icon::kCheckCircle) + "  Lesson complete.").c_str());
    } else {
        const std::string left = "Answer every question correctly to complete this lesson: " + std::to_string(solved) + " of " +
                                 std::to_string(lesson.questions.size()) + " so far.";
        text_colored(theme::kTextDim, left.c_str());
    }
    if (const Lesson* next = continue_lesson(course_, progress_); next && next != &lesson) {
        if (ImGui::Button((std::string("Next: ") + next->title + "  " + icon::kChevronRight).c_str()))
            navigate("#/lesson/" + next->id);
    }
    if (!lesson.sources.empty()) {
        ImGui::Dummy({0, 10});
        ImGui::PushFont(fonts().strong);
        text_colored(theme::kTextDim, "Sources");
        ImGui::PopFont();
        for (const auto& s : lesson.sources) text_colored(theme::kTextDim, ("\xe2\x80\xa2 " + s).c_str());
    }
}

// The headline of each stored lab result, for the lab cards in lessons; parsed again only when a result changes.
const std::map<std::string, std::string>& AppShell::lab_headlines() {
    for (const auto& [lab, text] : progress_.lab_results) {
        auto& cached = headline_cache_[lab];
        if (cached.first == text) continue;
        cached.first = text;
        const LabReportParse parsed = parse_lab_reports(text);
        cached.second = parsed.ok && !parsed.reports.empty() ? lab_headline(parsed.reports.front()) : "";
        headlines_[lab] = cached.second;
    }
    for (auto it = headlines_.begin(); it != headlines_.end();)
        it = progress_.lab_results.count(it->first) ? std::next(it) : headlines_.erase(it);
    return headlines_;
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
                            {"notices", notices}};
    nlohmann::json questions = nlohmann::json::object();
    for (const auto& [key, q] : progress_.questions)
        questions[key] = {{"attempts", q.attempts}, {"correct", q.correct}, {"due_day", q.card.due_day}};
    state["questions"] = questions;
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
