// Extension blocks: fenced blocks named quiz, lab, diagram or exercise read as TOML into a Question,
// a lab's parameters, a Diagram or an exercise's id, and callouts (tip, note, warning, analogy) parsed as Markdown inside.
#include "course/extension_blocks.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "course/markdown_blocks.h"
#include "course/toml_reader.h"
#include "labs/lab_catalog.h"

namespace dojo::detail {

namespace {

// ---- Quizzes, diagrams, labs -----------------------------------------------------------------------

std::optional<Question> parse_question(TomlTable t, const ParseContext& ctx, int offset) {
    TomlFields f(t, ctx, offset, "quiz: ");
    Question q;
    q.line = offset;
    q.id = f.str("id", true);
    if (!q.id.empty() && !valid_id(q.id)) f.error_at("id", "id '" + q.id + "' may use only lowercase letters, digits and '-'");
    const std::string type = f.str("type", true);
    q.prompt = f.str("prompt", true);
    q.hint = f.str("hint", false);
    q.explanation = f.str("explanation", true);
    if (auto xp = f.integer("xp", false, 0, 100)) q.xp = static_cast<int>(*xp);

    auto choices = [&](bool single) {
        f.reject_unknown({"id", "type", "prompt", "hint", "explanation", "xp", "choices"});
        for (TomlTable c : f.tables("choices", true)) {
            TomlFields cf(c, ctx, offset, "quiz choice: ");
            cf.reject_unknown({"text", "correct", "feedback"});
            Choice choice;
            choice.text = cf.str("text", true);
            choice.correct = cf.boolean("correct", false).value_or(false);
            choice.feedback = cf.str("feedback", false);
            q.choices.push_back(std::move(choice));
        }
        const auto correct = std::count_if(q.choices.begin(), q.choices.end(), [](const Choice& c) { return c.correct; });
        if (q.choices.size() < 2) f.error_here("a choice question needs at least two choices");
        if (single && correct != 1)
            f.error_here("a single-choice question needs exactly one choice with correct = true (found " +
                         std::to_string(correct) + ")");
        if (!single && correct < 1) f.error_here("a multiple-select question needs at least one choice with correct = true");
    };

    if (type == "single") {
        q.kind = QuestionKind::Single;
        choices(true);
    } else if (type == "multiple") {
        q.kind = QuestionKind::Multiple;
        choices(false);
    } else if (type == "numeric") {
        q.kind = QuestionKind::Numeric;
        f.reject_unknown({"id", "type", "prompt", "hint", "explanation", "xp", "answer", "tolerance", "unit"});
        q.answer = f.number("answer", true).value_or(0);
        if (!f.has("tolerance")) {
            f.error_here("a numeric question needs a 'tolerance' (use 0 for an exact answer)");
        } else if (auto tol = f.number("tolerance", true); tol && *tol < 0) {
            f.error_at("tolerance", "'tolerance' must not be negative");
        } else {
            q.tolerance = tol.value_or(0);
        }
        q.unit = f.str("unit", false);
    } else if (type == "order") {
        q.kind = QuestionKind::Ordering;
        f.reject_unknown({"id", "type", "prompt", "hint", "explanation", "xp", "items"});
        q.order = f.strings("items", true);
        if (f.has("items") && q.order.size() < 2) f.error_at("items", "an ordering question needs at least two items");
        std::set<std::string> seen(q.order.begin(), q.order.end());
        if (seen.size() != q.order.size()) f.error_here("ordering items must all differ");
    } else if (type == "truefalse") {
        q.kind = QuestionKind::TrueFalse;
        f.reject_unknown({"id", "type", "prompt", "hint", "explanation", "xp", "answer", "feedback_true", "feedback_false"});
        q.truth = f.boolean("answer", true).value_or(false);
        q.choices = {{"True", q.truth, f.str("feedback_true", false)}, {"False", !q.truth, f.str("feedback_false", false)}};
    } else if (!type.empty()) {
        f.error_at("type", "unknown question type '" + type + "' (expected single, multiple, numeric, order or truefalse)");
        return std::nullopt;
    } else {
        return std::nullopt;
    }
    return q;
}

std::optional<Diagram> parse_diagram(TomlTable t, const ParseContext& ctx, int offset) {
    TomlFields f(t, ctx, offset, "diagram: ");
    f.reject_unknown({"title", "direction", "nodes", "edges"});
    Diagram d;
    d.title = f.str("title", false);
    if (f.has("direction")) {
        d.direction = f.str("direction", false);
        if (d.direction != "right" && d.direction != "down") f.error_at("direction", "'direction' must be \"right\" or \"down\"");
    }
    std::set<std::string> ids;
    for (TomlTable n : f.tables("nodes", true)) {
        TomlFields nf(n, ctx, offset, "diagram node: ");
        nf.reject_unknown({"id", "label", "detail", "color"});
        DiagramNode node{nf.str("id", true), nf.str("label", true), nf.str("detail", false), nf.str("color", false)};
        if (!node.id.empty() && !ids.insert(node.id).second) nf.error_here("duplicate node id '" + node.id + "'");
        if (!node.color.empty() && ctx.refs) ctx.refs->tracks.push_back({node.color, nf.own_line(), nf.own_column()});
        d.nodes.push_back(std::move(node));
    }
    if (f.has("nodes") && d.nodes.empty()) f.error_here("a diagram needs at least one node");
    for (TomlTable e : f.tables("edges", false)) {
        TomlFields ef(e, ctx, offset, "diagram edge: ");
        ef.reject_unknown({"from", "to", "label"});
        DiagramEdge edge{ef.str("from", true), ef.str("to", true), ef.str("label", false)};
        for (const std::string* end : {&edge.from, &edge.to})
            if (!end->empty() && !ids.count(*end))
                ef.error_here("edge names node '" + *end + "', which the diagram does not declare");
        d.edges.push_back(std::move(edge));
    }
    return d;
}

void parse_lab(Block& b, TomlTable t, const ParseContext& ctx, int offset) {
    TomlFields f(t, ctx, offset, "lab: ");
    b.text = f.str("id", true);
    const LabInfo* lab = find_lab(b.text);
    if (!b.text.empty() && !lab) f.error_at("id", "unknown lab '" + b.text + "' (known labs: " + all_lab_ids() + ")");
    for (const std::string& key : f.keys()) {
        if (key == "id") continue;
        const LabParam* param = lab ? lab->param(key) : nullptr;
        if (lab && (!param || !(param->places & kInLesson))) {
            f.error_at(key, "lab '" + b.text + "' has no parameter '" + key + "'");
            continue;
        }
        const std::optional<std::string> value = f.scalar_text(key);
        if (!value) f.error_at(key, "lab parameter '" + key + "' must be a string, number or true/false");
        // The catalog checks the value, as it does for a link, the CLI and the desktop form.
        if (param && value)
            if (const std::string error = check_lab_param(*lab, key, *value); !error.empty())
                f.error_at(key, "lab '" + b.text + "': " + error);
        b.params[key] = value.value_or("");
    }
}

// An exercise block names one exercise of lessons/exercises/; that it exists is checked once the
// course has loaded them (load_course).
void parse_exercise(Block& b, TomlTable t, const ParseContext& ctx, int offset) {
    TomlFields f(t, ctx, offset, "exercise: ");
    f.reject_unknown({"id"});
    b.text = f.str("id", true);
}

}  // namespace

// ---- Expanding the fenced blocks of a body -------------------------------------------------------

// Turns fenced blocks named quiz, tip, note, warning, analogy, lab, diagram or exercise into their blocks.
void expand_extensions(std::vector<Block>& blocks, const ParseContext& ctx, Lesson* lesson) {
    for (Block& b : blocks) {
        for (auto& item : b.items) expand_extensions(item, ctx, lesson);
        expand_extensions(b.children, ctx, lesson);
        if (b.kind != BlockKind::Code) continue;
        const int first = b.line + 1;  // the first line inside the fence
        static const std::map<std::string, CalloutKind> callouts = {{"tip", CalloutKind::Tip},
                                                                    {"note", CalloutKind::Note},
                                                                    {"warning", CalloutKind::Warning},
                                                                    {"analogy", CalloutKind::Analogy}};
        if (auto c = callouts.find(b.lang); c != callouts.end()) {
            b.kind = BlockKind::Callout;
            b.callout = c->second;
            if (ctx.depth >= 4) {
                ctx.error(b.line, 1, "callouts nested more than four deep");
                b.children.clear();
            } else {
                ParseContext inner = ctx;
                inner.depth = ctx.depth + 1;
                b.children = parse_body(b.text, inner, first, lesson);
            }
            b.text.clear();
        } else if (b.lang == "quiz" || b.lang == "lab" || b.lang == "diagram" || b.lang == "exercise") {
            const std::string what = b.lang + ": ";
            const std::optional<TomlDocument> table = parse_toml(b.text, ctx, first, what);
            // Keys are reported on their own lines; what is missing from an empty block goes on its fence line,
            // since an empty block may have no line inside (an unclosed fence at the end of the file).
            const int offset = b.text.empty() ? b.line - 1 : first - 1;
            if (b.lang == "quiz") {
                b.kind = BlockKind::Quiz;
                if (!table) continue;
                if (auto q = parse_question(table->root(), ctx, offset)) {
                    q->line = b.line;
                    if (lesson) {
                        for (const auto& other : lesson->questions)
                            if (!q->id.empty() && other.id == q->id)
                                ctx.error(b.line, 1,
                                          "quiz: duplicate question id '" + q->id + "' (first used on line " +
                                              std::to_string(other.line) + ")");
                        b.question = static_cast<int>(lesson->questions.size());
                        lesson->questions.push_back(std::move(*q));
                    }
                }
            } else if (b.lang == "lab") {
                b.kind = BlockKind::Lab;
                if (table) parse_lab(b, table->root(), ctx, offset);
            } else if (b.lang == "exercise") {
                b.kind = BlockKind::Exercise;
                b.text.clear();
                if (table) parse_exercise(b, table->root(), ctx, offset);
            } else {
                b.kind = BlockKind::Diagram;
                if (!table) continue;
                if (auto d = parse_diagram(table->root(), ctx, offset); d && lesson) {
                    b.diagram = static_cast<int>(lesson->diagrams.size());
                    lesson->diagrams.push_back(std::move(*d));
                }
            }
            if (b.kind != BlockKind::Lab && b.kind != BlockKind::Exercise) b.text.clear();
        }
    }
}

std::vector<Block> parse_body(std::string_view text, const ParseContext& ctx, int first_line, Lesson* lesson) {
    std::vector<Block> blocks = markdown_blocks(text, ctx, first_line);
    expand_extensions(blocks, ctx, lesson);
    return blocks;
}

}  // namespace dojo::detail
