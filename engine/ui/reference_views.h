// The reference views: the glossary (#/glossary, filterable, #/glossary/<term> scrolls to a term),
// the FAQ (#/faq, answers that unfold) and search across lessons, terms and questions (#/search).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "course/course.h"
#include "ui/lesson_cards.h"

namespace dojo {

// What the views ask of the app around them.
struct ReferenceViewEvents {
    std::function<void(const std::string& route)> navigate;
    // A link in an answer's text: "lesson:<id>", "term:<id>", a route, or a web address.
    std::function<void(const std::string& link)> follow_link;
};

class ReferenceViews {
public:
    // `cards` draws lessons in the search results, sharing its measurements with the home view.
    ReferenceViews(const Course& course, LessonCards& cards);

    // The glossary scrolls to this term (by id) the next time it is drawn; empty for none.
    void focus_term(const std::string& id) { focus_term_ = id; }

    void draw_glossary(float width, ReferenceViewEvents& events);
    void draw_faq(float width, ReferenceViewEvents& events);
    void draw_search(float width, ReferenceViewEvents& events);

private:
    const Course& course_;
    LessonCards& cards_;
    std::string focus_term_;      // glossary term to scroll to
    std::vector<bool> faq_open_;  // which FAQ answers are unfolded
    char glossary_filter_[96] = {};
    char search_query_[96] = {};
    // Lowercase plain text for search and the glossary filter, made once: the course never changes.
    std::vector<std::string> search_text_;    // per lesson
    std::vector<std::string> glossary_text_;  // per glossary term: term and definition
    std::vector<std::string> faq_text_;       // per FAQ entry: question and answer
};

}  // namespace dojo
