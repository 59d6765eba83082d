// The course as the engine sees it once loaded: lessons parsed into blocks (Markdown plus our
// extension blocks: quizzes, callouts, labs, diagrams), tracks, levels, glossary and FAQ.
// Immutable once built by the loader (course_loader.h); views and progress only read it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "course/achievement.h"
#include "course/diagnostic.h"
#include "exercises/exercise.h"

namespace dojo {

// ---- Inline text -------------------------------------------------------------------------------
enum SpanStyle : std::uint8_t { kBold = 1, kItalic = 2, kCode = 4, kStrike = 8 };

struct Span {
    std::string text;
    std::uint8_t style = 0;  // SpanStyle bits
    std::string link;        // "" none; "lesson:<id>", "term:<id>", or an external URL
};
using Spans = std::vector<Span>;

// ---- Quizzes -------------------------------------------------------------------------------------
enum class QuestionKind { Single, Multiple, Numeric, Ordering, TrueFalse };

struct Choice {
    std::string text;
    bool correct = false;
    std::string feedback;  // shown when this choice is picked
};

struct Question {
    std::string id;  // unique within its lesson; progress keys are "<lesson>/<question>"
    QuestionKind kind = QuestionKind::Single;
    std::string prompt;
    std::vector<Choice> choices;     // Single, Multiple
    double answer = 0;               // Numeric
    double tolerance = 0;            // Numeric: absolute; an answer within [answer - tol, answer + tol] is right
    std::string unit;                // Numeric: shown beside the input, e.g. "GB"
    std::vector<std::string> order;  // Ordering: the items in their correct order (shown shuffled)
    bool truth = false;              // TrueFalse
    std::string hint;
    std::string explanation;  // shown after answering (right, or wrong with "show answer")
    int xp = 5;
    int line = 0;  // where the quiz block starts in the lesson file
};

// ---- Diagrams ------------------------------------------------------------------------------------
struct DiagramNode {
    std::string id, label, detail;
    std::string color;  // a track id or "" (neutral)
};
struct DiagramEdge {
    std::string from, to, label;
};
struct Diagram {
    std::string title;
    std::string direction = "right";  // "right" (a row) or "down" (a column)
    std::vector<DiagramNode> nodes;
    std::vector<DiagramEdge> edges;
};

// A diagram's arrows in words, for readers that cannot see it (the lesson's page, a screen reader):
// "CPU → GPU (PCIe)", with the boxes' labels.
std::vector<std::string> diagram_arrows(const Diagram& d);

// ---- Blocks --------------------------------------------------------------------------------------
enum class BlockKind { Paragraph, Heading, List, Code, Table, Quote, Callout, Image, Rule, Quiz, Lab, Diagram, Exercise };

enum class CalloutKind { Tip, Note, Warning, Analogy };

// The title a callout shows, in the reader and on the lesson's page: "Tip", "Note", "Watch out", "Analogy".
const char* callout_title(CalloutKind kind);

struct Block {
    BlockKind kind = BlockKind::Paragraph;
    int line = 0;  // 1-based line in the lesson file

    Spans spans;    // Paragraph, Heading; Image: alt text
    int level = 0;  // Heading: 1..6

    bool ordered = false;                   // List
    int start = 1;                          // List: first number when ordered
    std::vector<std::vector<Block>> items;  // List: each item is a list of blocks

    std::vector<Block> children;  // Quote, Callout

    std::string text;  // Code: the code; Image: the path relative to the lesson folder; Lab: lab id; Exercise: its id
    std::string lang;  // Code: info string
    CalloutKind callout = CalloutKind::Note;

    std::vector<std::vector<Spans>> rows;  // Table: rows of cells; rows[0] is the header
    std::vector<int> align;                // Table: per column 0 left, 1 center, 2 right

    int question = -1;                          // Quiz: index into Lesson::questions
    std::map<std::string, std::string> params;  // Lab: its parameters, as text
    int diagram = -1;                           // Diagram: index into Lesson::diagrams
};

// ---- Lessons and the course ----------------------------------------------------------------------
struct Lesson {
    std::string id, title, track, summary, path;
    std::vector<std::string> requires_;  // lesson ids ("requires" in the file)
    std::vector<std::string> objectives, sources;
    int xp = 0, minutes = 0;

    std::vector<Block> blocks;
    std::vector<Question> questions;
    std::vector<Diagram> diagrams;

    std::vector<Diagnostic> problems;  // errors make the lesson "can't be opened"
    bool has_errors() const;
};

struct Track {
    std::string id, name, color, icon;  // color "#RRGGBB"; icon: a Font Awesome 4.7 name
};

struct Level {
    std::string name;
    int xp = 0;  // total XP needed to reach it
};

struct GlossaryTerm {
    std::string id, term, definition, code;
    std::vector<std::string> related;  // lesson ids
};

struct FaqEntry {
    std::string question, answer;  // answer is Markdown
    Spans answer_spans;            // the answer parsed as one paragraph of inline text
    std::vector<std::string> related;
};

struct Course {
    std::vector<Lesson> lessons;  // in course order
    std::vector<Track> tracks;
    std::vector<Level> levels;  // ascending by xp; levels[0].xp == 0
    std::vector<GlossaryTerm> glossary;
    std::vector<FaqEntry> faq;
    std::vector<Exercise> exercises;        // exercises/<id>/, sorted by id
    std::vector<Achievement> achievements;  // achievements.toml, in file order
    std::vector<Diagnostic> problems;       // course-wide: course.toml, glossary.toml, faq.toml, exercises, cycles

    const Lesson* find_lesson(const std::string& id) const;
    const Track* find_track(const std::string& id) const;
    const GlossaryTerm* find_term(const std::string& id) const;
    const Exercise* find_exercise(const std::string& id) const;
    const Achievement* find_achievement(const std::string& id) const;
    // Every problem, the course's own and each lesson's, in order of file, line and column.
    std::vector<const Diagnostic*> diagnostics() const;
    std::size_t error_count() const;
    std::size_t warning_count() const;
};

}  // namespace dojo
