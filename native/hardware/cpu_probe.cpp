// CPU model, cores, SIMD and memory from /proc, with sysconf as the fallback.
#include "hardware/cpu_probe.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <utility>

namespace dojo {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::string read_file(const char* path) {
    std::ifstream in(path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

bool has_word(std::string_view words, std::string_view word) {
    std::size_t pos = 0;
    while ((pos = words.find(word, pos)) != std::string_view::npos) {
        const bool starts = pos == 0 || words[pos - 1] == ' ';
        const bool ends = pos + word.size() == words.size() || words[pos + word.size()] == ' ';
        if (starts && ends) return true;
        pos += word.size();
    }
    return false;
}

}  // namespace

void parse_cpuinfo(std::string_view text, CpuInfo& cpu) {
    int processors = 0;
    std::set<std::pair<std::string, std::string>> cores;  // (physical id, core id)
    std::string physical_id, flags, features, arm_part;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        const std::string_view line = text.substr(pos, nl - pos);
        pos = nl + 1;
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        const std::string_view key = trim(line.substr(0, colon));
        const std::string_view value = trim(line.substr(colon + 1));
        if (key == "processor")
            ++processors;
        else if (key == "model name" && cpu.model.empty())
            cpu.model = value;
        else if (key == "physical id")
            physical_id = value;
        else if (key == "core id")
            cores.emplace(physical_id, std::string(value));
        else if (key == "flags" && flags.empty())
            flags = value;
        else if (key == "Features" && features.empty())
            features = value;
        else if (key == "CPU part" && arm_part.empty())
            arm_part = value;
    }
    cpu.logical_threads = processors;
    // Arm and some VMs list no core ids: count every processor as a core then.
    cpu.physical_cores = cores.empty() ? processors : static_cast<int>(cores.size());
    if (cpu.model.empty() && !arm_part.empty()) cpu.model = "Arm CPU (part " + arm_part + ")";

    cpu.simd.clear();
    const std::pair<const char*, const char*> x86[] = {{"sse4_2", "SSE4.2"},
                                                       {"avx", "AVX"},
                                                       {"avx2", "AVX2"},
                                                       {"fma", "FMA"},
                                                       {"avx512f", "AVX-512F"},
                                                       {"avx512_vnni", "AVX-512 VNNI"},
                                                       {"avx512_bf16", "AVX-512 BF16"},
                                                       {"amx_tile", "AMX"}};
    for (const auto& [flag, name] : x86)
        if (has_word(flags, flag)) cpu.simd.emplace_back(name);
    const std::pair<const char*, const char*> arm[] = {
        {"asimd", "NEON"}, {"asimddp", "NEON dot product"}, {"sve", "SVE"}, {"sve2", "SVE2"}};
    for (const auto& [flag, name] : arm)
        if (has_word(features, flag)) cpu.simd.emplace_back(name);
}

void parse_meminfo(std::string_view text, CpuInfo& cpu) {
    auto kib = [&](std::string_view key) -> std::uint64_t {
        const std::size_t at = text.find(key);
        if (at == std::string_view::npos || (at > 0 && text[at - 1] != '\n')) return 0;
        return std::strtoull(std::string(text.substr(at + key.size(), 32)).c_str(), nullptr, 10);
    };
    cpu.memory_total_bytes = kib("MemTotal:") * 1024;
    cpu.memory_available_bytes = kib("MemAvailable:") * 1024;
}

CpuInfo probe_cpu() {
    CpuInfo cpu;
    parse_cpuinfo(read_file("/proc/cpuinfo"), cpu);
    parse_meminfo(read_file("/proc/meminfo"), cpu);
    if (cpu.logical_threads == 0) cpu.logical_threads = static_cast<int>(std::thread::hardware_concurrency());
    if (cpu.physical_cores == 0) cpu.physical_cores = cpu.logical_threads;
    if (cpu.memory_total_bytes == 0)
        cpu.memory_total_bytes =
            static_cast<std::uint64_t>(sysconf(_SC_PHYS_PAGES)) * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
    utsname u{};
    if (uname(&u) == 0) cpu.architecture = u.machine;
    return cpu;
}

}  // namespace dojo
