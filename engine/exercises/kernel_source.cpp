// The learner's kernel prepared for the compiler, and the compiler's messages read back (see
// kernel_source.h).
#include "exercises/kernel_source.h"

#include "exercises/source_scan.h"

#include <cctype>
#include <cstdlib>
#include <sstream>

namespace dojo {

namespace {

using source_scan::ident_char;
using source_scan::skip_comment_or_string;

// The index of the ')' matching the '(' at `open`, or npos.
std::size_t matching_paren(std::string_view s, std::size_t open, std::vector<std::size_t>* top_semicolons) {
    int depth = 0;
    for (std::size_t i = open; i < s.size();) {
        if (const std::size_t e = skip_comment_or_string(s, i); e != i) {
            i = e;
            continue;
        }
        if (s[i] == '(') ++depth;
        if (s[i] == ')' && --depth == 0) return i;
        if (s[i] == ';' && depth == 1 && top_semicolons) top_semicolons->push_back(i);
        ++i;
    }
    return std::string_view::npos;
}

bool blank(std::string_view s) {
    for (char c : s)
        if (!std::isspace(static_cast<unsigned char>(c))) return false;
    return true;
}

}  // namespace

std::string instrument_loops(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 64);
    std::size_t i = 0;
    while (i < s.size()) {
        if (const std::size_t e = skip_comment_or_string(s, i); e != i) {
            out.append(s.substr(i, e - i));
            i = e;
            continue;
        }
        const bool starts_word = (i == 0 || !ident_char(s[i - 1]));
        const bool is_for = starts_word && s.compare(i, 3, "for") == 0 && (i + 3 == s.size() || !ident_char(s[i + 3]));
        const bool is_while = starts_word && s.compare(i, 5, "while") == 0 && (i + 5 == s.size() || !ident_char(s[i + 5]));
        if (!is_for && !is_while) {
            out += s[i++];
            continue;
        }
        std::size_t open = i + (is_for ? 3 : 5);
        while (open < s.size() && std::isspace(static_cast<unsigned char>(s[open]))) ++open;
        std::vector<std::size_t> semis;
        const std::size_t close =
            open < s.size() && s[open] == '(' ? matching_paren(s, open, is_for ? &semis : nullptr) : std::string_view::npos;
        if (close == std::string_view::npos || (is_for && semis.size() != 2)) {
            out += s[i++];  // not a loop the compiler will accept either: it reports it
            continue;
        }
        const std::size_t cond_begin = is_for ? semis[0] + 1 : open + 1;
        const std::size_t cond_end = is_for ? semis[1] : close;
        const std::string_view cond = s.substr(cond_begin, cond_end - cond_begin);
        out.append(s.substr(i, cond_begin - i));
        if (blank(cond)) {
            out += " dojo_tick() ";
            out.append(cond);
        } else {
            out += "dojo_tick() && (";
            out.append(cond);
            out += ")";
        }
        i = cond_end;
    }
    return out;
}

PreparedKernel prepare_glsl(std::string_view learner_code, const Exercise& exercise) {
    std::ostringstream p;
    p << "#version 450\n"
      << "layout(local_size_x = " << exercise.launch.threads_x << ", local_size_y = " << exercise.launch.threads_y << ") in;\n"
      << "layout(std430, binding = 0) readonly buffer DojoA { float a[]; };\n"
      << "layout(std430, binding = 1) readonly buffer DojoB { float b[]; };\n"
      << "layout(std430, binding = 2) buffer DojoResult { float dojo_guard_before[" << kLeadingGuard << "]; float result[]; };\n"
      << "layout(std430, binding = 3) buffer DojoStatus { uint dojo_status; };\n"
      << "layout(push_constant) uniform DojoSize { uint n; uint width; uint height; } size;\n"
      << "uint dojo_steps = 0u;\n"
      << "bool dojo_tick() {\n"
      << "    if (++dojo_steps < " << kKernelStepBudget << "u) return true;\n"
      << "    atomicOr(dojo_status, " << kStatusTimedOut << "u);\n"
      << "    return false;\n"
      << "}\n";
    PreparedKernel k;
    k.source = p.str();
    // The line after `#line 1` is line 1: compiler messages then count the learner's own lines.
    k.source += "#line 1\n";
    for (char c : k.source) k.prelude_lines += c == '\n';
    // A pasted whole shader's own `#version` line would come after the prelude's: it becomes a blank
    // line, so the learner's lines keep their numbers.
    std::string code(learner_code);
    const std::size_t first = code.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && code.compare(first, 8, "#version") == 0) {
        const std::size_t end = code.find('\n', first);
        code.erase(first, (end == std::string::npos ? code.size() : end) - first);
    }
    k.source += instrument_loops(code);
    if (k.source.back() != '\n') k.source += '\n';
    return k;
}

std::vector<CompileError> read_glsl_log(const std::string& log) {
    std::vector<CompileError> errors;
    std::istringstream in(log);
    for (std::string line; std::getline(in, line);) {
        // "<name>:<line>: error: <message>" (warnings are not errors).
        const std::size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        char* end = nullptr;
        const long at = std::strtol(line.c_str() + colon + 1, &end, 10);
        if (end == line.c_str() + colon + 1 || *end != ':') continue;
        std::string rest = end + 1;
        while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
        if (rest.rfind("error:", 0) != 0) continue;
        rest.erase(0, 6);
        while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
        // glslang writes "'<token>' : <what>": put what first and the token after it, if any.
        if (rest.size() > 1 && rest.front() == '\'') {
            const std::size_t close = rest.find("' :", 1);
            if (close != std::string::npos) {
                const std::string token = rest.substr(1, close - 1);
                std::string what = rest.substr(close + 3);
                while (!what.empty() && what.front() == ' ') what.erase(0, 1);
                rest = token.empty() ? what : what + ": '" + token + "'";
            }
        }
        CompileError e;
        e.line = at >= 1 ? static_cast<int>(at) : 0;
        e.message = rest;
        errors.push_back(e);
    }
    if (errors.empty() && !log.empty()) errors.push_back({0, 0, log});
    return errors;
}

PreparedKernel prepare_cuda(std::string_view learner_code) {
    std::ostringstream p;
    p << "struct Size {\n"
      << "    int n, width, height;\n"
      << "};\n"
      << "extern \"C\" {\n"
      << "__device__ unsigned int dojo_status;\n"
      << "__device__ unsigned int* dojo_steps;  // one counter per thread of the launch\n"
      << "}\n"
      << "__device__ __forceinline__ bool dojo_tick() {\n"
      << "    const unsigned long long block = (unsigned long long)(blockIdx.z * gridDim.y + blockIdx.y) * gridDim.x + "
         "blockIdx.x;\n"
      << "    const unsigned int thread = (threadIdx.z * blockDim.y + threadIdx.y) * blockDim.x + threadIdx.x;\n"
      << "    if (++dojo_steps[block * (blockDim.x * blockDim.y * blockDim.z) + thread] < " << kKernelStepBudget
      << "u) return true;\n"
      << "    atomicOr(&dojo_status, " << kStatusTimedOut << "u);\n"
      << "    return false;\n"
      << "}\n"
      << "template <class T, class U> struct DojoSame { static constexpr bool value = false; };\n"
      << "template <class T> struct DojoSame<T, T> { static constexpr bool value = true; };\n";
    PreparedKernel k;
    k.source = p.str();
    k.source += std::string("#line 1 \"") + kCudaFileName + "\"\n";
    for (char c : k.source) k.prelude_lines += c == '\n';
    k.source += instrument_loops(learner_code);
    if (k.source.back() != '\n') k.source += '\n';
    // The launch passes a, b, result and size in that order: a kernel declared otherwise would read
    // garbage, so it is refused at compile time.
    k.source += std::string("#line 1 \"dojo-signature-check\"\n") + "static_assert(DojoSame<decltype(&" + kCudaKernelName +
                "), void (*)(const float*, const float*, float*, Size)>::value ||\n"
                "              DojoSame<decltype(&" +
                kCudaKernelName +
                "), void (*)(float*, float*, float*, Size)>::value,\n"
                "              \"the kernel must be declared as: __global__ void kernel(const float* a, const float* b, float* "
                "result, Size size)\");\n";
    return k;
}

std::vector<CompileError> read_nvrtc_log(const std::string& log) {
    std::vector<std::string> lines;
    std::istringstream in(log);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::vector<CompileError> errors;
    const std::string own = std::string(kCudaFileName) + "(";
    bool no_kernel = false;
    std::string signature;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        // "<name>(<line>): error: <message>" or "...: catastrophic error: ..."; warnings are not errors.
        const std::string& line = lines[i];
        const std::size_t open = line.find('('), close = line.find("): ");
        if (open == std::string::npos || close == std::string::npos || close < open) continue;
        std::string rest = line.substr(close + 3);
        std::size_t word = std::string::npos;
        for (const char* severity : {"error: ", "catastrophic error: "})
            if (rest.rfind(severity, 0) == 0) word = std::char_traits<char>::length(severity);
        if (word == std::string::npos) continue;
        char* end = nullptr;
        const long at = std::strtol(line.c_str() + open + 1, &end, 10);
        if (end != line.c_str() + close) continue;
        CompileError e;
        e.line = line.compare(0, own.size(), own) == 0 && at >= 1 ? static_cast<int>(at) : 0;
        e.message = rest.substr(word);
        if (e.line == 0) {
            // The app's own lines: the signature check and NVRTC's lookup of `kernel` say one thing.
            if (e.message.find("\"" + std::string(kCudaKernelName) + "\" is undefined") != std::string::npos)
                no_kernel = true;
            else if (const std::size_t q = e.message.find("static assertion failed with \""); q != std::string::npos)
                signature = e.message.substr(q + 30, e.message.size() - q - 31);
            continue;
        }
        // NVRTC echoes the line indented by two spaces, then a caret under the column.
        if (e.line > 0 && i + 2 < lines.size()) {
            const std::string& caret = lines[i + 2];
            const std::size_t c = caret.find('^');
            if (c != std::string::npos && c >= 2 && caret.find_first_not_of(' ') == c) e.column = static_cast<int>(c) - 1;
        }
        errors.push_back(e);
    }
    const std::string declare =
        std::string("__global__ void ") + kCudaKernelName + "(const float* a, const float* b, float* result, Size size)";
    if (no_kernel)
        errors.push_back({0, 0, std::string("there is no kernel named ") + kCudaKernelName + ": declare it as " + declare});
    else if (!signature.empty())
        errors.push_back({0, 0, signature});
    if (errors.empty() && !log.empty()) errors.push_back({0, 0, log});
    return errors;
}

}  // namespace dojo
