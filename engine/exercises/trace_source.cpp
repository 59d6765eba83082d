// Rewriting a kernel's accesses for the traced run (see trace_source.h).
#include "exercises/trace_source.h"

#include "exercises/source_scan.h"

#include <cctype>
#include <sstream>

namespace dojo {

namespace {

using source_scan::ident_char;
using source_scan::skip_comment_or_string;
using source_scan::skip_space;

// The ']' matching the '[' at `open`, or npos.
std::size_t matching_bracket(std::string_view s, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < s.size();) {
        if (const std::size_t e = skip_comment_or_string(s, i); e != i) {
            i = e;
            continue;
        }
        if (s[i] == '[') ++depth;
        if (s[i] == ']' && --depth == 0) return i;
        ++i;
    }
    return std::string_view::npos;
}

std::string word_at(std::string_view s, std::size_t i) {
    std::size_t e = i;
    while (e < s.size() && ident_char(s[e])) ++e;
    return std::string(s.substr(i, e - i));
}

// `shared <type> <name>[d1]([d2]);` declarations (`__shared__` in CUDA), with where each name
// stands (not an access).
std::vector<SharedArray> find_shared(std::string_view s, std::string_view keyword, std::vector<std::size_t>& declared_at) {
    std::vector<SharedArray> out;
    for (std::size_t i = 0; i < s.size();) {
        if (const std::size_t e = skip_comment_or_string(s, i); e != i) {
            i = e;
            continue;
        }
        const bool starts = i == 0 || !ident_char(s[i - 1]);
        const std::size_t k = keyword.size();
        if (!starts || s.compare(i, k, keyword) != 0 || (i + k < s.size() && ident_char(s[i + k]))) {
            ++i;
            continue;
        }
        std::size_t p = skip_space(s, i + k);
        const std::string type = word_at(s, p);
        p = skip_space(s, p + type.size());
        const std::string name = word_at(s, p);
        const std::size_t name_at = p;
        p = skip_space(s, p + name.size());
        SharedArray a{name, {}};
        while (p < s.size() && s[p] == '[' && a.dims.size() < 2) {
            const std::size_t close = matching_bracket(s, p);
            if (close == std::string_view::npos) break;
            a.dims.emplace_back(s.substr(p + 1, close - p - 1));
            p = skip_space(s, close + 1);
        }
        if (!type.empty() && !name.empty() && !a.dims.empty()) {
            out.push_back(a);
            declared_at.push_back(name_at);
        }
        i = p;
    }
    return out;
}

// The `>` closing the `<` at `open` (nested `<...>` counted), or npos.
std::size_t matching_angle(std::string_view s, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < s.size(); ++i) {
        if (s[i] == '<') ++depth;
        if (s[i] == '>' && --depth == 0) return i;
        if (s[i] == ';' || s[i] == '{') break;
    }
    return std::string_view::npos;
}

// A WGSL array type at `p`, `array<T, N>` or `array<array<T, M>, N>`: its counts, outermost first
// ({"N", "M"}); empty when `p` holds no sized array.
std::vector<std::string> wgsl_array_dims(std::string_view s, std::size_t p) {
    if (word_at(s, p) != "array") return {};
    const std::size_t open = skip_space(s, p + 5);
    if (open >= s.size() || s[open] != '<') return {};
    const std::size_t close = matching_angle(s, open);
    if (close == std::string_view::npos) return {};
    // The element type ends at the comma outside any nested `<...>`.
    int depth = 0;
    std::size_t comma = std::string_view::npos;
    for (std::size_t i = open + 1; i < close && comma == std::string_view::npos; ++i) {
        depth += s[i] == '<' ? 1 : s[i] == '>' ? -1 : 0;
        if (depth == 0 && s[i] == ',') comma = i;
    }
    if (comma == std::string_view::npos) return {};
    std::size_t begin = skip_space(s, comma + 1), end = close;
    while (end > begin && std::isspace(static_cast<unsigned char>(s[end - 1]))) --end;
    std::vector<std::string> dims{std::string(s.substr(begin, end - begin))};
    for (std::string& inner : wgsl_array_dims(s, skip_space(s, open + 1))) dims.push_back(std::move(inner));
    return dims;
}

// WGSL's `var<workgroup> <name>: array<...>;` declarations, with where each name stands.
std::vector<SharedArray> find_workgroup_vars(std::string_view s, std::vector<std::size_t>& declared_at) {
    std::vector<SharedArray> out;
    constexpr std::string_view keyword = "var<workgroup>";
    for (std::size_t i = 0; i < s.size();) {
        if (const std::size_t e = skip_comment_or_string(s, i); e != i) {
            i = e;
            continue;
        }
        if ((i > 0 && ident_char(s[i - 1])) || s.compare(i, keyword.size(), keyword) != 0) {
            ++i;
            continue;
        }
        std::size_t p = skip_space(s, i + keyword.size());
        const std::string name = word_at(s, p);
        const std::size_t name_at = p;
        p = skip_space(s, p + name.size());
        if (!name.empty() && p < s.size() && s[p] == ':') {
            std::vector<std::string> dims = wgsl_array_dims(s, skip_space(s, p + 1));
            if (dims.size() > 2) dims.resize(2);
            if (!dims.empty()) {
                out.push_back({name, std::move(dims)});
                declared_at.push_back(name_at);
            }
        }
        i = p;
    }
    return out;
}

struct Rewriter {
    std::string_view s;
    std::string_view barrier_word;
    bool wgsl = false;  // WGSL has no overloads: indexes go in as u32
    std::vector<SharedArray> shared;
    std::vector<std::size_t> declared_at;

    int id_of(const std::string& name) const {
        if (name == "a") return static_cast<int>(kTraceA);
        if (name == "b") return static_cast<int>(kTraceB);
        if (name == "result") return static_cast<int>(kTraceResult);
        for (std::size_t k = 0; k < shared.size(); ++k)
            if (shared[k].name == name) return static_cast<int>(kTraceFirstShared + k);
        return -1;
    }

    // Read, write, or both, from what follows the access (and what precedes it: ++x[i]).
    const char* kind_of(std::size_t before, std::size_t after) const {
        std::size_t b = before;
        while (b > 0 && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
        if (b >= 2 && (s.compare(b - 2, 2, "++") == 0 || s.compare(b - 2, 2, "--") == 0)) return "rw";
        const std::size_t a = skip_space(s, after);
        if (s.compare(a, 2, "++") == 0 || s.compare(a, 2, "--") == 0) return "rw";
        if (a < s.size() && s[a] == '=' && (a + 1 >= s.size() || s[a + 1] != '=')) return "w";
        static const char* compound[] = {"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>="};
        for (const char* op : compound)
            if (s.compare(a, std::char_traits<char>::length(op), op) == 0) return "rw";
        return "r";
    }

    // An index as the logging functions take it: as written in GLSL and CUDA (their overloads take
    // int and uint), converted to u32 in WGSL.
    std::string index(const std::string& i) const { return (wgsl ? "u32(" : "(") + i + ")"; }

    std::string run(std::size_t begin, std::size_t end) const {
        std::string out;
        for (std::size_t i = begin; i < end;) {
            if (const std::size_t e = skip_comment_or_string(s, i); e != i) {
                out.append(s.substr(i, std::min(e, end) - i));
                i = e;
                continue;
            }
            if (!ident_char(s[i]) || (i > 0 && (ident_char(s[i - 1]) || s[i - 1] == '.'))) {
                out += s[i++];
                continue;
            }
            const std::string word = word_at(s, i);
            const std::size_t after_word = i + word.size();
            if (word == barrier_word && s.compare(skip_space(s, after_word), 1, "(") == 0) {
                out += "dojo_barrier";
                i = after_word;
                continue;
            }
            const int id = id_of(word);
            const std::size_t open = skip_space(s, after_word);
            bool declaration = false;
            for (std::size_t d : declared_at) declaration = declaration || d == i;
            if (id < 0 || declaration || open >= end || s[open] != '[') {
                out += word;
                i = after_word;
                continue;
            }
            const std::size_t close = matching_bracket(s, open);
            if (close == std::string_view::npos || close >= end) {
                out += word;
                i = after_word;
                continue;
            }
            const std::string first = run(open + 1, close);
            const SharedArray* two_d = nullptr;
            if (id >= static_cast<int>(kTraceFirstShared) &&
                shared[static_cast<std::size_t>(id) - kTraceFirstShared].dims.size() == 2)
                two_d = &shared[static_cast<std::size_t>(id) - kTraceFirstShared];
            const std::size_t open2 = skip_space(s, close + 1);
            if (two_d && open2 < end && s[open2] == '[') {
                const std::size_t close2 = matching_bracket(s, open2);
                if (close2 != std::string_view::npos && close2 < end) {
                    const std::string second = run(open2 + 1, close2);
                    out += word + std::string(s.substr(after_word, open - after_word)) + "[dojo_" + kind_of(i, close2 + 1) +
                           "2(" + std::to_string(id) + "u, " + index(first) + ", " + index(second) + ", " +
                           (wgsl ? "u32(" : "int(") + two_d->dims[1] + "))]" +
                           std::string(s.substr(close + 1, open2 - close - 1)) + "[" + second + "]";
                    i = close2 + 1;
                    continue;
                }
            }
            out += word + std::string(s.substr(after_word, open - after_word)) + "[dojo_" + kind_of(i, close + 1) + "(" +
                   std::to_string(id) + "u, " + (wgsl ? index(first) : first) + ")]";
            i = close + 1;
        }
        return out;
    }
};

}  // namespace

TracedSource instrument_accesses(std::string_view code, KernelLanguage language) {
    const bool cuda = language == KernelLanguage::Cuda, wgsl = language == KernelLanguage::Wgsl;
    Rewriter r{code, cuda ? "__syncthreads" : wgsl ? "workgroupBarrier" : "barrier", wgsl, {}, {}};
    r.shared = wgsl ? find_workgroup_vars(code, r.declared_at) : find_shared(code, cuda ? "__shared__" : "shared", r.declared_at);
    return {r.run(0, code.size()), r.shared};
}

PreparedKernel prepare_glsl_traced(std::string_view learner_code, const Exercise& exercise, std::vector<SharedArray>& shared) {
    const TracedSource traced = instrument_accesses(learner_code);
    shared = traced.shared;
    PreparedKernel k = prepare_glsl(traced.code, exercise);
    // The logging functions go before `#line 1`, so the learner's lines keep their numbers.
    std::ostringstream p;
    p << "layout(std430, binding = 4) buffer DojoTrace { uint dojo_trace_count; uint dojo_trace[]; };\n"
      << "uint dojo_epoch = 0u;\n"
      << "void dojo_log(uint id, uint kind, int i) {\n"
      << "    uint slot = atomicAdd(dojo_trace_count, 1u);\n"
      << "    if (slot >= " << kTraceCapacity << "u) return;\n"
      << "    dojo_trace[3u * slot] = gl_GlobalInvocationID.x | (gl_GlobalInvocationID.y << 16);\n"
      << "    dojo_trace[3u * slot + 1u] = (id << 24) | (kind << 22) | (dojo_epoch & 0x3FFFFFu);\n"
      << "    dojo_trace[3u * slot + 2u] = uint(i);\n"
      << "}\n";
    const char* kinds[] = {"r", "w", "rw"};
    for (unsigned kind = 0; kind < 3; ++kind) {
        const std::string f = std::string("dojo_") + kinds[kind];
        p << "int " << f << "(uint id, int i) { dojo_log(id, " << kind << "u, i); return i; }\n"
          << "uint " << f << "(uint id, uint i) { dojo_log(id, " << kind << "u, int(i)); return i; }\n"
          << "int " << f << "2(uint id, int i, int j, int d) { dojo_log(id, " << kind << "u, i * d + j); return i; }\n"
          << "uint " << f << "2(uint id, uint i, uint j, int d) { dojo_log(id, " << kind
          << "u, int(i) * d + int(j)); return i; }\n";
    }
    p << "void dojo_barrier() { dojo_epoch++; barrier(); }\n";
    const std::string marker = "#line 1\n";
    const std::size_t at = k.source.rfind(marker);
    k.source.insert(at, p.str());
    k.prelude_lines = 0;
    for (std::size_t i = 0; i < at + p.str().size() + marker.size(); ++i) k.prelude_lines += k.source[i] == '\n';
    return k;
}

PreparedKernel prepare_cuda_traced(std::string_view learner_code, std::vector<SharedArray>& shared) {
    const TracedSource traced = instrument_accesses(learner_code, KernelLanguage::Cuda);
    shared = traced.shared;
    PreparedKernel k = prepare_cuda(traced.code);
    std::ostringstream p;
    p << "extern \"C\" {\n"
      << "__device__ unsigned int* dojo_trace;   // the count, then three words per access\n"
      << "__device__ unsigned int* dojo_epochs;  // barriers each thread of the launch has passed\n"
      << "}\n"
      << "__device__ __forceinline__ unsigned int dojo_linear_thread() {\n"
      << "    const unsigned int block = (blockIdx.z * gridDim.y + blockIdx.y) * gridDim.x + blockIdx.x;\n"
      << "    return block * (blockDim.x * blockDim.y * blockDim.z) + (threadIdx.z * blockDim.y + threadIdx.y) * blockDim.x + "
         "threadIdx.x;\n"
      << "}\n"
      << "__device__ void dojo_log(unsigned int id, unsigned int kind, int i) {\n"
      << "    const unsigned int slot = atomicAdd(dojo_trace, 1u);\n"
      << "    if (slot >= " << kTraceCapacity << "u) return;\n"
      << "    const unsigned int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;\n"
      << "    dojo_trace[1u + 3u * slot] = x | (y << 16);\n"
      << "    dojo_trace[2u + 3u * slot] = (id << 24) | (kind << 22) | (dojo_epochs[dojo_linear_thread()] & 0x3FFFFFu);\n"
      << "    dojo_trace[3u + 3u * slot] = (unsigned int)i;\n"
      << "}\n";
    const char* kinds[] = {"r", "w", "rw"};
    for (unsigned kind = 0; kind < 3; ++kind) {
        const std::string f = std::string("dojo_") + kinds[kind];
        p << "template <class I> __device__ __forceinline__ I " << f << "(unsigned int id, I i) { dojo_log(id, " << kind
          << "u, (int)i); return i; }\n"
          << "template <class I, class J> __device__ __forceinline__ I " << f << "2(unsigned int id, I i, J j, int d) { "
          << "dojo_log(id, " << kind << "u, (int)i * d + (int)j); return i; }\n";
    }
    p << "__device__ __forceinline__ void dojo_barrier() { dojo_epochs[dojo_linear_thread()] += 1u; __syncthreads(); }\n";
    const std::string marker = std::string("#line 1 \"") + kCudaFileName + "\"\n";
    const std::size_t at = k.source.find(marker);
    k.source.insert(at, p.str());
    k.prelude_lines = 0;
    for (std::size_t i = 0; i < at + p.str().size() + marker.size(); ++i) k.prelude_lines += k.source[i] == '\n';
    return k;
}

}  // namespace dojo
