// Presenter mode: one screen of a lesson at a time, large type, a footer with the progress, the
// timer and buttons for touch; quizzes reveal their answer without recording anything.
#include "ui/presenter_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "labs/lab_catalog.h"
#include "ui/explorers_view.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/lesson_reader.h"
#include "ui/redraw.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace dojo {

namespace {

constexpr ImGuiWindowFlags kFullWindow = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNav |
                                         ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;

const char* kKindNames[] = {"title", "content", "quiz", "lab"};

// Wrapped text `width` wide from the cursor, in a font and color.
void wrapped(const std::string& text, float width, ImFont* font, ImU32 color) {
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

// The items of an ordering question in the order the class sees them: rotated by half, so that
// every item moves (when there are two or more) and the answer is never what is shown.
std::vector<std::size_t> shown_order(std::size_t n) {
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = (i + (n + 1) / 2) % n;
    return order;
}

std::string number_text(double v) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

}  // namespace

// ---- State ---------------------------------------------------------------------------------------

void PresenterView::open(const Lesson& lesson, int index) {
    if (lesson.id != lesson_id_) {
        lesson_id_ = lesson.id;
        started_ = -1;
        blank_ = false;
        revealed_.clear();
    }
    focus_ = true;
    screens_ = split_into_screens(lesson);
    screen_ = std::clamp(index, 0, screen_count() - 1);
    scroll_top_ = true;
}

void PresenterView::go_to(int index) {
    index = std::clamp(index, 0, screen_count() - 1);
    if (index == screen_) return;
    screen_ = index;
    moved_ = true;
    scroll_top_ = true;
}

std::string PresenterView::route() const {
    return "#/present/" + lesson_id_ + "/" + std::to_string(screen_ + 1);
}

float PresenterView::text_zoom(ImVec2 size) {
    // 1.5x on a 1280 x 800 projector, 2x on 1920 x 1080, never smaller than normal; in quarter steps
    // so that resizing a window does not rebuild the fonts at every pixel.
    const float fit = std::min(size.x / 840.0f, size.y / 520.0f);
    return std::clamp(std::floor(fit * 4.0f) / 4.0f, 1.0f, 2.5f);
}

const Question* PresenterView::current_question(const Lesson& lesson) const {
    if (screen_ < 0 || screen_ >= screen_count()) return nullptr;
    const PresenterScreen& s = screens_[static_cast<std::size_t>(screen_)];
    for (std::size_t i = s.first; i < s.first + s.count && i < lesson.blocks.size(); ++i) {
        const Block& b = lesson.blocks[i];
        if (b.kind == BlockKind::Quiz && b.question >= 0 && static_cast<std::size_t>(b.question) < lesson.questions.size())
            return &lesson.questions[static_cast<std::size_t>(b.question)];
    }
    return nullptr;
}

std::string PresenterView::elapsed_text() const {
    const long seconds = started_ < 0 ? 0 : static_cast<long>(now_ - started_);
    char buf[32];
    if (seconds >= 3600)
        std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", seconds / 3600, seconds / 60 % 60, seconds % 60);
    else
        std::snprintf(buf, sizeof buf, "%02ld:%02ld", seconds / 60, seconds % 60);
    return buf;
}

nlohmann::json PresenterView::test_state() const {
    const PresenterScreen* s = screen_ < screen_count() ? &screens_[static_cast<std::size_t>(screen_)] : nullptr;
    nlohmann::json revealed = nlohmann::json::array();
    for (const auto& id : revealed_) revealed.push_back(id);
    return {{"lesson", lesson_id_},           {"screen", screen_ + 1},
            {"screens", screen_count()},      {"kind", s ? kKindNames[static_cast<int>(s->kind)] : ""},
            {"heading", s ? s->heading : ""}, {"blank", blank_},
            {"revealed", revealed},           {"elapsed", started_ < 0 ? 0.0 : now_ - started_}};
}

// ---- Keys ----------------------------------------------------------------------------------------

void PresenterView::handle_keys() {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsAnyItemActive()) return;  // typing into a lab's field, dragging a slider
    // No key repeat: one press is one screen, even when a slow frame makes a quick press look held.
    auto pressed = [](ImGuiKey key) {
        const int index = ImGui::GetKeyIndex(key);
        return index >= 0 && ImGui::IsKeyPressed(index, false);
    };
    int step = 0;
    if (pressed(ImGuiKey_RightArrow) || pressed(ImGuiKey_DownArrow) || pressed(ImGuiKey_Space) || pressed(ImGuiKey_PageDown))
        step = 1;
    if (pressed(ImGuiKey_LeftArrow) || pressed(ImGuiKey_UpArrow) || pressed(ImGuiKey_PageUp)) step = -1;
    const bool home = pressed(ImGuiKey_Home), end = pressed(ImGuiKey_End);
    if (pressed(ImGuiKey_Escape)) leave_ = true;
    // Letters come as typed characters: ImGui 1.86 names no letter keys but A, C, V, X, Y and Z.
    bool toggle_blank = false, reveal = false;
    for (const ImWchar c : io.InputQueueCharacters) {
        if (c == 'b' || c == 'B' || c == '.') toggle_blank = !toggle_blank;
        if (c == 't' || c == 'T') started_ = now_;
        if (c == 'r' || c == 'R') reveal = !reveal;
    }
    if (blank_) {
        // On a blank screen any move only brings the screen back, so the class sees where it was.
        if (step != 0 || home || end || toggle_blank) blank_ = false;
        return;
    }
    if (toggle_blank) blank_ = true;
    if (step != 0) go_to(screen_ + step);
    if (home) go_to(0);
    if (end) go_to(screen_count() - 1);
    if (reveal) pending_reveal_ = true;
}

// ---- Frame ---------------------------------------------------------------------------------------

PresenterAction PresenterView::draw(PresenterContext& ctx) {
    if (screens_.empty() || ctx.lesson.id != lesson_id_) open(ctx.lesson, screen_);
    now_ = ImGui::GetTime();
    if (started_ < 0) started_ = now_;
    // The timer shows whole seconds: one frame at each new second is all it needs.
    const double elapsed = now_ - started_;
    redraw::request_frame_in(std::floor(elapsed) + 1.0 - elapsed);
    moved_ = leave_ = false;
    pending_reveal_ = false;
    handle_keys();
    if (pending_reveal_)
        if (const Question* q = current_question(ctx.lesson); q && !revealed_.erase(q->id)) {
            revealed_.insert(q->id);
            scroll_to_answer_ = true;
        }

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    if (focus_) {
        ImGui::SetNextWindowFocus();  // keys go to the presentation, not a button left focused before
        focus_ = false;
    }
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
    ImGui::Begin("##presenter", nullptr, kFullWindow);
    ImGui::PopStyleVar();

    if (blank_) {
        ImGui::GetWindowDrawList()->AddRectFilled(vp->WorkPos, {vp->WorkPos.x + vp->WorkSize.x, vp->WorkPos.y + vp->WorkSize.y},
                                                  theme::rgb(0, 0, 0));
        // A click or tap anywhere brings the screen back.
        if (ImGui::InvisibleButton("Show the screen again", vp->WorkSize)) blank_ = false;
        ImGui::End();
        return leave_ ? PresenterAction::Leave : PresenterAction::None;
    }

    const float fs = ImGui::GetFontSize();
    const float footer = std::floor(fs * 3.0f);
    const float margin = std::clamp(vp->WorkSize.x * 0.05f, 12.0f, 96.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {margin, std::clamp(vp->WorkSize.y * 0.06f, 8.0f, fs * 2.5f)});
    ImGui::BeginChild("##screen", {vp->WorkSize.x, vp->WorkSize.y - footer}, false,
                      ImGuiWindowFlags_NoNav | ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
    if (scroll_top_) {
        ImGui::SetScrollY(0);
        scroll_top_ = false;
    }
    const PresenterScreen& s = screens_[static_cast<std::size_t>(screen_)];
    const float avail = ImGui::GetContentRegionAvail().x;
    // Text keeps a readable line length; a lab's chart takes the whole width.
    const float width = s.kind == PresenterScreen::Kind::Lab ? avail : std::min(avail, fs * 42.0f);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - width) * 0.5f);
    ImGui::BeginGroup();
    draw_screen(ctx, width);
    ImGui::EndGroup();
    ImGui::Dummy({0, fs});
    ImGui::EndChild();

    draw_footer({vp->WorkPos.x, vp->WorkPos.y + vp->WorkSize.y - footer},
                {vp->WorkPos.x + vp->WorkSize.x, vp->WorkPos.y + vp->WorkSize.y});
    ImGui::End();
    if (leave_) return PresenterAction::Leave;
    return moved_ ? PresenterAction::Moved : PresenterAction::None;
}

void PresenterView::draw_screen(PresenterContext& ctx, float width) {
    const Lesson& lesson = ctx.lesson;
    const PresenterScreen& s = screens_[static_cast<std::size_t>(screen_)];
    if (s.kind == PresenterScreen::Kind::Title) {
        draw_title(lesson, ctx.course, width);
        return;
    }
    ReaderContext reader{ctx.course, lesson, ctx.platform, quizzes_, no_record_, {}, nullptr, ctx.explorers};
    std::size_t at = s.first;
    const std::size_t end = std::min(s.first + s.count, lesson.blocks.size());
    // The heading that opens a screen is its title, in the largest type.
    if (at < end && lesson.blocks[at].kind == BlockKind::Heading && lesson.blocks[at].level <= 2) {
        wrapped(plain_text(lesson.blocks[at].spans), width, fonts().title, theme::kText);
        ImGui::Dummy({0, ImGui::GetFontSize() * 0.6f});
        ++at;
    }
    std::size_t run = at;  // the start of blocks the lesson reader draws as they are
    auto flush = [&](std::size_t upto) {
        if (upto > run) draw_blocks(std::span<const Block>(lesson.blocks).subspan(run, upto - run), width, reader);
        run = upto + 1;
    };
    for (std::size_t i = at; i < end; ++i) {
        const Block& b = lesson.blocks[i];
        if (b.kind == BlockKind::Quiz) {
            flush(i);
            if (b.question >= 0 && static_cast<std::size_t>(b.question) < lesson.questions.size())
                draw_quiz(lesson.questions[static_cast<std::size_t>(b.question)], width);
        } else if (b.kind == BlockKind::Lab) {
            flush(i);
            draw_lab(ctx, b, width);
        }
    }
    flush(end);
    // Links are not followed here: leaving the presentation for a glossary entry would lose the class.
}

void PresenterView::draw_title(const Lesson& lesson, const Course& course, float width) {
    const float fs = ImGui::GetFontSize();
    // Centered a little above the middle, by the height the title screen took in the last frame.
    const float top = std::max(0.0f, (ImGui::GetContentRegionAvail().y - title_height_) * 0.4f);
    ImGui::Dummy({0, top});
    const float start = ImGui::GetCursorPosY();
    std::string meta;
    if (const Track* t = course.find_track(lesson.track))
        meta = std::string(icon::icon_by_name(t->icon)) + "  " + t->name + "   ";
    meta += std::string(icon::kClock) + " " + std::to_string(lesson.minutes) + " min   " + icon::kQuestion + " " +
            std::to_string(lesson.questions.size()) + (lesson.questions.size() == 1 ? " question" : " questions");
    wrapped(meta, width, fonts().strong, theme::kAccent);
    ImGui::Dummy({0, fs * 0.3f});
    wrapped(lesson.title, width, fonts().title, theme::kText);
    ImGui::Dummy({0, fs * 0.5f});
    wrapped(lesson.summary, width, fonts().subheading, theme::kTextDim);
    if (!lesson.objectives.empty()) {
        ImGui::Dummy({0, fs});
        wrapped("In this lesson you will", width, fonts().strong, theme::kText);
        for (const auto& o : lesson.objectives)
            wrapped(std::string(icon::kChevronRight) + "  " + o, width, fonts().body, theme::kText);
    }
    ImGui::Dummy({0, fs * 1.5f});
    wrapped(
        "Right arrow or Space: next screen.  Left arrow: back.  B: blank the screen.  T: restart the timer.  "
        "Esc: leave.",
        width, fonts().body, theme::kTextDim);
    title_height_ = ImGui::GetCursorPosY() - start + fs * 2;  // and the space below it
}

void PresenterView::draw_quiz(const Question& q, float width) {
    const float fs = ImGui::GetFontSize();
    const bool shown = revealed_.count(q.id) > 0;
    ImGui::PushID(q.id.c_str());
    wrapped(std::string(icon::kQuestion) + "  QUESTION", width, fonts().strong, theme::kHighlight);
    ImGui::Dummy({0, fs * 0.2f});
    wrapped(q.prompt, width, fonts().heading, theme::kText);
    ImGui::Dummy({0, fs * 0.5f});

    // One row per option: a letter (or a number for ordering) in a box, then its text.
    auto row = [&](const std::string& mark, const std::string& text, bool right, bool dim) {
        const ImVec2 start = ImGui::GetCursorScreenPos();
        const float box = fs * 1.9f;
        ImGui::SetCursorScreenPos({start.x + box + fs * 0.7f, start.y + (box - fs) * 0.5f});
        wrapped(text + (right ? std::string("   ") + icon::kCheck : ""), width - box - fs * 0.7f,
                right ? fonts().strong : fonts().body,
                right ? theme::kSuccess
                : dim ? theme::kTextDim
                      : theme::kText);
        const float bottom = std::max(ImGui::GetItemRectMax().y, start.y + box);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImU32 edge = right ? theme::kSuccess : theme::kBorder;
        dl->AddRectFilled(start, {start.x + box, start.y + box}, right ? theme::tint(theme::kSuccess, 0.75f) : theme::kSurface,
                          fs * 0.3f);
        dl->AddRect(start, {start.x + box, start.y + box}, edge, fs * 0.3f, 0, std::max(right ? 3.0f : 2.0f, theme::kLineWidth));
        ImGui::PushFont(fonts().strong);
        const ImVec2 ts = ImGui::CalcTextSize(mark.c_str());
        dl->AddText({start.x + (box - ts.x) * 0.5f, start.y + (box - ts.y) * 0.5f}, right ? theme::kSuccess : theme::kText,
                    mark.c_str());
        ImGui::PopFont();
        ImGui::SetCursorScreenPos({start.x, bottom + fs * 0.5f});
        ImGui::Dummy({0, 0});
    };

    switch (q.kind) {
        case QuestionKind::Single:
        case QuestionKind::Multiple:
            if (q.kind == QuestionKind::Multiple)
                wrapped("More than one answer can be right.", width, fonts().italic, theme::kTextDim);
            for (std::size_t i = 0; i < q.choices.size(); ++i)
                row(std::string(1, static_cast<char>('A' + i % 26)), q.choices[i].text, shown && q.choices[i].correct,
                    shown && !q.choices[i].correct);
            break;
        case QuestionKind::TrueFalse:
            row("T", "True", shown && q.truth, shown && !q.truth);
            row("F", "False", shown && !q.truth, shown && q.truth);
            break;
        case QuestionKind::Numeric: {
            std::string line = "A number" + (q.unit.empty() ? std::string(".") : ", in " + q.unit + ".");
            if (shown) {
                line = std::string(icon::kCheck) + "  " + number_text(q.answer) + (q.unit.empty() ? "" : " " + q.unit);
                if (q.tolerance > 0) line += "  (within " + number_text(q.tolerance) + ")";
            }
            wrapped(line, width, shown ? fonts().heading : fonts().body, shown ? theme::kSuccess : theme::kTextDim);
            break;
        }
        case QuestionKind::Ordering: {
            wrapped(shown ? "In order:" : "Put these in order:", width, fonts().italic, theme::kTextDim);
            const std::vector<std::size_t> order = shown_order(q.order.size());
            for (std::size_t i = 0; i < q.order.size(); ++i)
                row(std::to_string(i + 1), q.order[shown ? i : order[i]], shown, false);
            break;
        }
    }

    ImGui::Dummy({0, fs * 0.4f});
    ImGui::PushStyleColor(ImGuiCol_Button, theme::tint(theme::kHighlight, 0.6f));
    if (ImGui::Button(shown ? "Hide the answer (R)" : "Reveal the answer (R)") && !revealed_.erase(q.id)) {
        revealed_.insert(q.id);
        scroll_to_answer_ = true;
    }
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    text_colored(theme::kTextDim, "Nothing is recorded here and no XP is earned.");
    if (shown && !q.explanation.empty()) {
        ImGui::Dummy({0, fs * 0.4f});
        begin_card(width, fs);
        wrapped("Why", width - 2 * fs - 4, fonts().strong, theme::kSuccess);
        wrapped(q.explanation, width - 2 * fs - 4, fonts().body, theme::kText);
        end_card(theme::kSurface, theme::kSuccess);
        if (scroll_to_answer_) {  // the explanation just appeared: bring it into view
            ImGui::SetScrollHereY(1.0f);
            scroll_to_answer_ = false;
        }
    }
    ImGui::PopID();
}

void PresenterView::draw_lab(PresenterContext& ctx, const Block& lab, float width) {
    const LabInfo* info = find_lab(lab.text);
    if (!info) return;
    ImGui::PushID(lab.text.c_str());
    wrapped(std::string(icon::kFlask) + "  LAB", width, fonts().strong, theme::kHighlight);
    wrapped(info->title, width, fonts().title, theme::kText);
    ImGui::Dummy({0, ImGui::GetFontSize() * 0.3f});
    if (ExplorersView::handles(info->id) && ctx.explorers) {
        ctx.explorers->draw(info->id, width, lab.params);
    } else if (!ExplorersView::handles(info->id) && ctx.draw_measured_lab) {
        ctx.draw_measured_lab(lab, width);
    } else {
        ReaderContext reader{ctx.course, ctx.lesson, ctx.platform, quizzes_, no_record_, {}, nullptr, ctx.explorers};
        draw_blocks(std::span<const Block>(&lab, 1), width, reader);
    }
    ImGui::PopID();
}

void PresenterView::draw_footer(ImVec2 min, ImVec2 max) {
    const float fs = ImGui::GetFontSize();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(min, max, theme::kSurface);
    // The progress bar along the footer's top edge.
    const float bar = std::max(4.0f, std::floor(fs * 0.3f));
    const float done = screen_count() > 1 ? static_cast<float>(screen_) / static_cast<float>(screen_count() - 1) : 1.0f;
    dl->AddRectFilled(min, {max.x, min.y + bar}, theme::kBorder);
    dl->AddRectFilled(min, {min.x + (max.x - min.x) * done, min.y + bar}, theme::kAccent);

    const float pad = std::clamp((max.x - min.x) * 0.02f, 8.0f, 32.0f);
    const float narrow = (max.x - min.x) < fs * 38.0f;  // a phone: icons only
    const float y = min.y + bar + (max.y - min.y - bar - ImGui::GetFrameHeight()) * 0.5f;
    ImGui::SetCursorScreenPos({min.x + pad, y});
    ImGui::BeginDisabled(screen_ == 0);
    if (ImGui::Button(narrow ? (std::string(icon::kChevronLeft) + "##Previous").c_str()
                             : (std::string(icon::kChevronLeft) + "  Previous##Previous").c_str()))
        go_to(screen_ - 1);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(screen_ + 1 >= screen_count());
    ImGui::PushStyleColor(ImGuiCol_Button, theme::tint(theme::kAccent, 0.55f));
    if (ImGui::Button(narrow ? (std::string(icon::kChevronRight) + "##Next").c_str()
                             : (std::string("Next  ") + icon::kChevronRight + "##Next").c_str()))
        go_to(screen_ + 1);
    ImGui::PopStyleColor();
    ImGui::EndDisabled();

    ImGui::SameLine(0, narrow ? fs * 0.5f : fs);
    ImGui::AlignTextToFramePadding();
    const std::string count = std::to_string(screen_count());
    const std::string where = std::to_string(screen_ + 1) + (narrow ? "/" + count : " of " + count);
    ImGui::PushFont(fonts().strong);
    ImGui::TextUnformatted(where.c_str());
    ImGui::PopFont();
    const float left_end = ImGui::GetItemRectMax().x;

    // Right side, laid out from the right edge: timer, restart, blank (not on a phone), exit.
    const std::string timer = narrow ? elapsed_text() : std::string(icon::kClock) + " " + elapsed_text();
    const std::string restart = narrow ? std::string(icon::kRefresh) + "##Restart the timer"
                                       : std::string(icon::kRefresh) + "  Restart timer##Restart the timer";
    const std::string blank = "Blank (B)##Blank the screen";
    const std::string exit = narrow ? std::string(icon::kTimes) + "##Leave the presentation"
                                    : std::string(icon::kTimes) + "  Exit##Leave the presentation";
    const ImGuiStyle& st = ImGui::GetStyle();
    auto button_w = [&](const std::string& label) {
        return ImGui::CalcTextSize(label.c_str(), nullptr, true).x + st.FramePadding.x * 2;
    };
    const float timer_w = ImGui::CalcTextSize(timer.c_str()).x;
    const float right_w =
        timer_w + button_w(restart) + (narrow ? 0 : button_w(blank) + st.ItemSpacing.x) + button_w(exit) + st.ItemSpacing.x * 2;
    const float right_x = max.x - pad - right_w;

    // The section's heading between the two sides, shortened with an ellipsis to the room there is.
    const PresenterScreen& s = screens_[static_cast<std::size_t>(screen_)];
    const float room = right_x - left_end - fs * 2;
    if (!narrow && !s.heading.empty() && room > fs * 4) {
        std::string heading = s.heading;
        if (ImGui::CalcTextSize(heading.c_str()).x > room) {
            while (!heading.empty() && ImGui::CalcTextSize((heading + "\xe2\x80\xa6").c_str()).x > room) {
                heading.pop_back();
                while (!heading.empty() && (static_cast<unsigned char>(heading.back()) & 0xC0) == 0x80)
                    heading.pop_back();  // whole UTF-8 characters
                if (!heading.empty() && static_cast<unsigned char>(heading.back()) >= 0xC0) heading.pop_back();
            }
            heading += "\xe2\x80\xa6";  // ellipsis
        }
        ImGui::SameLine(0, fs);
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextDim);
        ImGui::TextUnformatted(heading.c_str());
        ImGui::PopStyleColor();
    }

    // The timer's text gives way on a screen too narrow for it; its button stays.
    const bool timer_fits = right_x > left_end + st.ItemSpacing.x;
    ImGui::SetCursorScreenPos({timer_fits ? right_x : right_x + timer_w + st.ItemSpacing.x, y});
    if (timer_fits) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(timer.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Time since the presentation started. T restarts it.");
        ImGui::SameLine();
    }
    if (ImGui::Button(restart.c_str())) started_ = now_;
    if (!narrow) {  // blanking is for projectors; a phone has no class watching it
        ImGui::SameLine();
        if (ImGui::Button(blank.c_str())) blank_ = true;
    }
    ImGui::SameLine();
    if (ImGui::Button(exit.c_str())) leave_ = true;
}

}  // namespace dojo
