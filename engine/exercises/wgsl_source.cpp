// The learner's WGSL kernel prepared for WebGPU, and its compiler messages read back (see
// wgsl_source.h).
//
// Why each loop has its own step counter, a variable of the function it is in, and not one
// module-scope counter per thread (as in GLSL): WGSL's uniformity analysis refuses a
// workgroupBarrier() inside a loop whose condition it cannot prove the same for every invocation of
// the workgroup. A private counter, or one counter shared by the function's loops, becomes
// non-uniform as soon as any loop runs a different number of steps per thread (softmax's per-thread
// loops before its reductions), and every later loop with a barrier would stop compiling. A counter
// of its own, starting at 0 and bumped through a pointer, stays uniform wherever the loop's own
// condition is. So the budget is per loop, over the whole call: an inner loop's steps add up across
// its outer loop's turns, and a loop that never ends stops after the budget.
#include "exercises/wgsl_source.h"

#include "exercises/source_scan.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace dojo {

namespace {

using source_scan::ident_char;

// One past the end of a comment starting at `i`, or `i` when none does (WGSL has no strings, so the
// scanner's string rule never applies to a kernel that compiles).
std::size_t skip_comment(std::string_view s, std::size_t i) {
    return source_scan::skip_comment_or_string(s, i);
}

bool keyword_at(std::string_view s, std::size_t i, std::string_view word) {
    return (i == 0 || !ident_char(s[i - 1])) && s.compare(i, word.size(), word) == 0 &&
           (i + word.size() == s.size() || !ident_char(s[i + word.size()]));
}

std::size_t skip_space(std::string_view s, std::size_t i) {
    while (i < s.size()) {
        if (const std::size_t e = skip_comment(s, i); e != i) {
            i = e;
        } else if (std::isspace(static_cast<unsigned char>(s[i]))) {
            ++i;
        } else {
            break;
        }
    }
    return i;
}

// From `i`, the first `{` outside parentheses and brackets (npos at a `;` or `}` first): where a
// function's body or a while loop's body opens.
std::size_t body_brace(std::string_view s, std::size_t i) {
    int depth = 0;
    while (i < s.size()) {
        if (const std::size_t e = skip_comment(s, i); e != i) {
            i = e;
            continue;
        }
        const char c = s[i];
        if (c == '(' || c == '[') ++depth;
        if ((c == ')' || c == ']') && depth > 0) --depth;
        if (depth == 0 && c == '{') return i;
        if (depth == 0 && (c == ';' || c == '}')) return std::string_view::npos;
        ++i;
    }
    return std::string_view::npos;
}

// The `)` matching the `(` at `open`, with the `;` directly inside it.
std::size_t matching_paren(std::string_view s, std::size_t open, std::vector<std::size_t>& semicolons) {
    int depth = 0;
    for (std::size_t i = open; i < s.size();) {
        if (const std::size_t e = skip_comment(s, i); e != i) {
            i = e;
            continue;
        }
        if (s[i] == '(') ++depth;
        if (s[i] == ')' && --depth == 0) return i;
        if (s[i] == ';' && depth == 1) semicolons.push_back(i);
        ++i;
    }
    return std::string_view::npos;
}

struct Edit {
    std::size_t at;  // in the source: the text goes in before s[at]
    std::string text;
};

}  // namespace

std::string instrument_wgsl_loops(std::string_view s, std::vector<WgslInsertion>* inserted) {
    std::vector<Edit> edits;
    std::size_t function = std::string_view::npos;  // the edit that declares the current function's counters
    int loops = 0;
    // The next loop's counter, declared at the top of the function it is in.
    auto counter = [&]() {
        const std::string name = "dojo_s" + std::to_string(loops++);
        if (function != std::string_view::npos) edits[function].text += " var " + name + ": u32 = 0u;";
        return "dojo_tick(&" + name + ")";
    };
    for (std::size_t i = 0; i < s.size();) {
        if (const std::size_t e = skip_comment(s, i); e != i) {
            i = e;
            continue;
        }
        if (keyword_at(s, i, "fn")) {
            const std::size_t open = body_brace(s, i + 2);
            if (open != std::string_view::npos) {
                function = edits.size();
                edits.push_back({open + 1, ""});
            }
            i += 2;
        } else if (keyword_at(s, i, "for")) {
            const std::size_t open = skip_space(s, i + 3);
            std::vector<std::size_t> semis;
            const std::size_t close = open < s.size() && s[open] == '(' ? matching_paren(s, open, semis) : std::string_view::npos;
            if (close != std::string_view::npos && semis.size() == 2) {
                const std::size_t begin = skip_space(s, semis[0] + 1);
                std::size_t end = semis[1];
                while (end > begin && std::isspace(static_cast<unsigned char>(s[end - 1]))) --end;
                const std::string tick = counter();
                if (begin >= end) {
                    edits.push_back({begin, tick});
                } else {
                    edits.push_back({begin, tick + " && ("});
                    edits.push_back({end, ")"});
                }
            }
            i += 3;
        } else if (keyword_at(s, i, "while")) {
            const std::size_t begin = skip_space(s, i + 5);
            const std::size_t open = body_brace(s, begin);
            if (open != std::string_view::npos && open > begin) {
                std::size_t end = open;
                while (end > begin && std::isspace(static_cast<unsigned char>(s[end - 1]))) --end;
                edits.push_back({begin, counter() + " && ("});
                edits.push_back({end, ")"});
            }
            i += 5;
        } else if (keyword_at(s, i, "loop")) {
            const std::size_t open = skip_space(s, i + 4);
            if (open < s.size() && s[open] == '{') edits.push_back({open + 1, " if !" + counter() + " { break; }"});
            i += 4;
        } else {
            ++i;
        }
    }
    // A function with no loop needs no counter.
    edits.erase(std::remove_if(edits.begin(), edits.end(), [](const Edit& e) { return e.text.empty(); }), edits.end());
    // In source order, ties kept in the order they were made (an insertion sort: the scan makes them
    // nearly sorted already, and it keeps the browser's build small).
    for (std::size_t k = 1; k < edits.size(); ++k)
        for (std::size_t m = k; m > 0 && edits[m].at < edits[m - 1].at; --m) std::swap(edits[m], edits[m - 1]);
    std::string out;
    out.reserve(s.size() + 32 * edits.size());
    std::size_t from = 0, line_start = 0;
    int line = 1;
    for (const Edit& e : edits) {
        for (std::size_t k = from; k < e.at; ++k)
            if (s[k] == '\n') {
                ++line;
                line_start = k + 1;
            }
        out.append(s.substr(from, e.at - from));
        out += e.text;
        if (inserted) inserted->push_back({line, static_cast<int>(e.at - line_start) + 1, static_cast<int>(e.text.size())});
        from = e.at;
    }
    out.append(s.substr(from));
    return out;
}

PreparedKernel prepare_wgsl(std::string_view learner_code, const Exercise& exercise) {
    // Plain string appends (no streams): the browser's build would otherwise link the iostreams.
    const auto n = [](long long v) { return std::to_string(v); };
    PreparedKernel k;
    k.source = "const WORKGROUP_X: u32 = " + n(exercise.launch.threads_x) + "u;\n" +
               "const WORKGROUP_Y: u32 = " + n(exercise.launch.threads_y) + "u;\n" +
               "struct DojoSize { n: u32, width: u32, height: u32 }\n" +
               "@group(0) @binding(0) var<storage, read> a: array<f32>;\n" +
               "@group(0) @binding(1) var<storage, read> b: array<f32>;\n" + "@group(0) @binding(" + n(kWgslResultBinding) +
               ") var<storage, read_write> result: array<f32>;\n" + "@group(0) @binding(" + n(kWgslStatusBinding) +
               ") var<storage, read_write> dojo_status: atomic<u32>;\n" + "@group(0) @binding(" + n(kWgslSizeBinding) +
               ") var<uniform> size: DojoSize;\n" + "fn dojo_tick(steps: ptr<function, u32>) -> bool {\n" +
               "    *steps = *steps + 1u;\n" + "    if (*steps < " + n(kKernelStepBudget) + "u) { return true; }\n" +
               "    atomicOr(&dojo_status, " + n(kStatusTimedOut) + "u);\n" + "    return false;\n" + "}\n";
    for (char c : k.source) k.prelude_lines += c == '\n';
    k.source += instrument_wgsl_loops(learner_code);
    if (k.source.back() != '\n') k.source += '\n';
    return k;
}

namespace {

// Makes the entry point `fn main(...) {` keep its global_invocation_id in `dojo_gid`: the learner's
// parameter where there is one, else one the app adds first in the list. No line moves.
std::string keep_thread_index(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        if (const std::size_t e = skip_comment(s, i); e != i) {
            i = e;
            continue;
        }
        if (!keyword_at(s, i, "fn") || !keyword_at(s, skip_space(s, i + 2), kWgslEntryPoint)) {
            ++i;
            continue;
        }
        const std::size_t open = skip_space(s, skip_space(s, i + 2) + std::char_traits<char>::length(kWgslEntryPoint));
        std::vector<std::size_t> unused;
        const std::size_t close = open < s.size() && s[open] == '(' ? matching_paren(s, open, unused) : std::string_view::npos;
        const std::size_t body = close == std::string_view::npos ? close : body_brace(s, close + 1);
        if (body == std::string_view::npos) break;
        // The learner's own name for it: the parameter after `@builtin(global_invocation_id)`.
        std::string name;
        const std::string_view params = s.substr(open, close - open);
        if (const std::size_t at = params.find("global_invocation_id"); at != std::string_view::npos) {
            std::size_t p = params.find(')', at);
            p = p == std::string_view::npos ? p : skip_space(params, p + 1);
            while (p != std::string_view::npos && p < params.size() && ident_char(params[p])) name += params[p++];
        }
        std::string out(s.substr(0, open + 1));
        if (name.empty()) {
            name = "dojo_gid_in";
            out += "@builtin(global_invocation_id) dojo_gid_in: vec3<u32>, ";
        }
        out.append(s.substr(open + 1, body + 1 - (open + 1)));
        out += " dojo_gid = " + name + ";";
        out.append(s.substr(body + 1));
        return out;
    }
    return std::string(s);
}

}  // namespace

PreparedKernel prepare_wgsl_traced(std::string_view learner_code, const Exercise& exercise, std::vector<SharedArray>& shared) {
    TracedSource traced = instrument_accesses(learner_code, KernelLanguage::Wgsl);
    shared = std::move(traced.shared);
    PreparedKernel k = prepare_wgsl(keep_thread_index(traced.code), exercise);
    const auto n = [](long long v) { return std::to_string(v); };
    std::string p =
        "struct DojoTrace { count: atomic<u32>, words: array<u32> }\n"
        "@group(0) @binding(" +
        n(kWgslTraceBinding) +
        ") var<storage, read_write> dojo_trace: DojoTrace;\n"
        "var<private> dojo_gid: vec3<u32>;\n"
        "var<private> dojo_epoch: u32 = 0u;\n"
        "fn dojo_log(id: u32, kind: u32, i: u32) {\n"
        "    let slot = atomicAdd(&dojo_trace.count, 1u);\n"
        "    if (slot >= " +
        n(kTraceCapacity) +
        "u) { return; }\n"
        "    dojo_trace.words[3u * slot] = dojo_gid.x | (dojo_gid.y << 16u);\n"
        "    dojo_trace.words[3u * slot + 1u] = (id << 24u) | (kind << 22u) | (dojo_epoch & 0x3FFFFFu);\n"
        "    dojo_trace.words[3u * slot + 2u] = i;\n"
        "}\n";
    const char* kinds[] = {"r", "w", "rw"};
    for (unsigned kind = 0; kind < 3; ++kind) {
        const std::string f = std::string("dojo_") + kinds[kind], log = "dojo_log(id, " + n(kind) + "u, ";
        p += "fn " + f + "(id: u32, i: u32) -> u32 { " + log + "i); return i; }\n";
        p += "fn " + f + "2(id: u32, i: u32, j: u32, d: u32) -> u32 { " + log + "i * d + j); return i; }\n";
    }
    p += "fn dojo_barrier() { dojo_epoch = dojo_epoch + 1u; workgroupBarrier(); }\n";
    // After the prelude, before the learner's first line.
    std::size_t at = 0;
    for (int line = 0; line < k.prelude_lines; ++line) at = k.source.find('\n', at) + 1;
    k.source.insert(at, p);
    for (char c : p) k.prelude_lines += c == '\n';
    return k;
}

std::vector<CompileError> read_wgsl_messages(const std::vector<WgslMessage>& messages, std::string_view learner_code,
                                             const PreparedKernel& kernel) {
    std::vector<WgslInsertion> inserted;
    (void)instrument_wgsl_loops(learner_code, &inserted);
    std::vector<CompileError> errors;
    for (const WgslMessage& m : messages) {
        if (m.type != "error") continue;
        CompileError e;
        e.message = m.message;
        const int line = m.line - kernel.prelude_lines;
        if (m.line > 0 && line >= 1) {
            e.line = line;
            // Columns count the budget's text before them on that line; take it back out.
            int column = m.column;
            int shift = 0;
            for (const WgslInsertion& in : inserted) {
                if (in.line != line) continue;
                const int at = in.column + shift;  // where the inserted text starts in the compiler's line
                if (m.column >= at + in.length)
                    column -= in.length;
                else if (m.column >= at)
                    column = in.column;
                shift += in.length;
            }
            e.column = std::max(column, 0);
        }
        errors.push_back(e);
    }
    return errors;
}

}  // namespace dojo
