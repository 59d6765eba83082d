// Formats a HardwareReport as JSON and as readable text, and draws the verdict from it.
#include "hardware/hardware_report.h"

#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

namespace dojo {

namespace {

std::string gib(std::uint64_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f GiB", static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
    return buf;
}

std::string join(const std::vector<std::string>& items, const char* sep) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
    return out;
}

nlohmann::json proof_json(const ComputeProof& p) {
    return {{"ran", p.ran}, {"passed", p.passed}, {"detail", p.detail}};
}

// The widest vector instruction set, the one that bounds the CPU's arithmetic throughput.
std::string widest_simd(const std::vector<std::string>& simd) {
    for (const char* best : {"AVX-512F", "AVX2", "AVX", "SSE4.2", "SVE2", "SVE", "NEON"})
        for (const auto& s : simd)
            if (s == best) return s;
    return "none";
}

const char* proof_mark(const ComputeProof& p) {
    return !p.ran ? "not run" : p.passed ? "PASS" : "FAIL";
}

}  // namespace

std::string CudaDevice::compute_capability() const {
    return std::to_string(compute_capability_major) + "." + std::to_string(compute_capability_minor);
}

double theoretical_bandwidth_gbs(int memory_clock_khz, int bus_width_bits) {
    return 2.0 * memory_clock_khz * 1e3 * (bus_width_bits / 8.0) / 1e9;
}

std::string vulkan_vendor_name(std::uint32_t id) {
    switch (id) {
        case 0x10DE:
            return "NVIDIA";
        case 0x1002:
            return "AMD";
        case 0x8086:
            return "Intel";
        case 0x13B5:
            return "Arm";
        case 0x5143:
            return "Qualcomm";
        case 0x106B:
            return "Apple";
        case 0x1010:
            return "Imagination";
        case 0x10005:
            return "Mesa";  // VK_VENDOR_ID_MESA: software drivers such as lavapipe
        default: {
            char buf[16];
            std::snprintf(buf, sizeof buf, "0x%04X", id);
            return buf;
        }
    }
}

std::string cuda_version_string(int v) {
    if (v <= 0) return "none";
    return std::to_string(v / 1000) + "." + std::to_string((v % 1000) / 10);
}

std::vector<std::string> verdict(const HardwareReport& r) {
    std::vector<std::string> lines;
    lines.push_back("CPU labs: yes, on " + (r.cpu.model.empty() ? std::string("this CPU") : r.cpu.model) + " (" +
                    std::to_string(r.cpu.physical_cores) + " cores" + ", widest SIMD " + widest_simd(r.cpu.simd) + ").");
    if (r.cuda.available) {
        for (const auto& d : r.cuda.devices)
            if (d.proof.passed) lines.push_back("CUDA labs: yes, on GPU " + std::to_string(d.index) + ", " + d.name + ".");
    } else {
        lines.push_back("CUDA labs: no: " + r.cuda.reason + ".");
    }
    if (r.vulkan.available) {
        for (const auto& d : r.vulkan.devices) {
            if (!d.proof.passed) continue;
            if (d.type == "cpu")
                lines.push_back(
                    "Vulkan labs: yes, on " + d.name +
                    ", a Vulkan driver that runs on the CPU: results are correct, but expect CPU speed, not GPU speed.");
            else
                lines.push_back("Vulkan labs: yes, on " + d.name + " (" + d.type + " GPU).");
        }
    } else {
        lines.push_back("Vulkan labs: no: " + r.vulkan.reason + ".");
    }
    return lines;
}

nlohmann::json to_json(const HardwareReport& r) {
    using nlohmann::json;
    json cpu = {{"model", r.cpu.model},
                {"architecture", r.cpu.architecture},
                {"physical_cores", r.cpu.physical_cores},
                {"logical_threads", r.cpu.logical_threads},
                {"simd", r.cpu.simd},
                {"memory_total_bytes", r.cpu.memory_total_bytes},
                {"memory_available_bytes", r.cpu.memory_available_bytes}};

    json cuda_devices = json::array();
    for (const auto& d : r.cuda.devices) {
        cuda_devices.push_back(
            {{"index", d.index},
             {"name", d.name},
             {"compute_capability", d.compute_capability()},
             {"sm_count", d.sm_count},
             {"total_memory_bytes", d.total_memory_bytes},
             {"free_memory_bytes", d.free_memory_bytes},
             {"memory_clock_khz", d.memory_clock_khz},
             {"memory_bus_width_bits", d.memory_bus_width_bits},
             {"theoretical_bandwidth_gbs", theoretical_bandwidth_gbs(d.memory_clock_khz, d.memory_bus_width_bits)},
             {"l2_cache_bytes", d.l2_cache_bytes},
             {"proof", proof_json(d.proof)}});
    }
    json cuda = {{"built", r.cuda.built},
                 {"available", r.cuda.available},
                 {"driver_version", cuda_version_string(r.cuda.driver_version)},
                 {"runtime_version", cuda_version_string(r.cuda.runtime_version)},
                 {"devices", cuda_devices}};
    if (!r.cuda.available) {
        cuda["reason"] = r.cuda.reason;
        cuda["advice"] = r.cuda.advice;
    }

    json vk_devices = json::array();
    for (const auto& d : r.vulkan.devices) {
        json heaps = json::array();
        for (const auto& h : d.heaps) heaps.push_back({{"size_bytes", h.size_bytes}, {"device_local", h.device_local}});
        vk_devices.push_back({{"name", d.name},
                              {"type", d.type},
                              {"vendor", vulkan_vendor_name(d.vendor_id)},
                              {"vendor_id", d.vendor_id},
                              {"device_id", d.device_id},
                              {"api_version", d.api_version},
                              {"driver_name", d.driver_name},
                              {"driver_info", d.driver_info},
                              {"memory_heaps", heaps},
                              {"proof", proof_json(d.proof)}});
    }
    json vulkan = {{"built", r.vulkan.built},
                   {"available", r.vulkan.available},
                   {"instance_version", r.vulkan.instance_version},
                   {"devices", vk_devices}};
    if (!r.vulkan.available) {
        vulkan["reason"] = r.vulkan.reason;
        vulkan["advice"] = r.vulkan.advice;
    }
    return {{"cpu", cpu}, {"cuda", cuda}, {"vulkan", vulkan}, {"verdict", verdict(r)}};
}

std::string format_report(const HardwareReport& r) {
    std::ostringstream out;
    char buf[256];
    auto row = [&](const char* key, const std::string& value) {
        std::snprintf(buf, sizeof buf, "  %-22s %s\n", key, value.c_str());
        out << buf;
    };

    out << "CPU\n";
    row("model", r.cpu.model.empty() ? "unknown" : r.cpu.model);
    row("architecture", r.cpu.architecture);
    row("cores / threads",
        std::to_string(r.cpu.physical_cores) + " physical, " + std::to_string(r.cpu.logical_threads) + " threads");
    row("SIMD", r.cpu.simd.empty() ? "none detected" : join(r.cpu.simd, ", "));
    row("memory", gib(r.cpu.memory_total_bytes) + " total, " + gib(r.cpu.memory_available_bytes) + " available");

    out << "\nCUDA\n";
    row("built in", r.cuda.built ? "yes" : "no");
    if (r.cuda.built) {
        row("driver / runtime", cuda_version_string(r.cuda.driver_version) + " / " + cuda_version_string(r.cuda.runtime_version));
        for (const auto& d : r.cuda.devices) {
            out << "  GPU " << d.index << ": " << d.name << "\n";
            row("  compute capability", d.compute_capability());
            row("  SMs", std::to_string(d.sm_count));
            row("  memory", gib(d.total_memory_bytes) + " total, " + gib(d.free_memory_bytes) + " free");
            std::snprintf(buf, sizeof buf, "%d MHz x %d-bit bus = %.0f GB/s theoretical", d.memory_clock_khz / 1000,
                          d.memory_bus_width_bits, theoretical_bandwidth_gbs(d.memory_clock_khz, d.memory_bus_width_bits));
            row("  memory bandwidth", buf);
            std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(d.l2_cache_bytes) / (1024.0 * 1024.0));
            row("  L2 cache", buf);
            row("  compute proof", std::string(proof_mark(d.proof)) + ": " + d.proof.detail);
        }
    }
    if (!r.cuda.available) {
        if (!r.cuda.reason.empty()) row("not available", r.cuda.reason);
        if (!r.cuda.advice.empty()) row("what to do", r.cuda.advice);
    }

    out << "\nVulkan\n";
    row("built in", r.vulkan.built ? "yes (the loader is opened at run time)" : "no");
    if (r.vulkan.built) {
        row("instance version", r.vulkan.instance_version.empty() ? "unknown" : r.vulkan.instance_version);
        for (std::size_t i = 0; i < r.vulkan.devices.size(); ++i) {
            const auto& d = r.vulkan.devices[i];
            out << "  device " << i << ": " << d.name << "\n";
            row("  type", d.type);
            row("  vendor", vulkan_vendor_name(d.vendor_id));
            row("  driver",
                d.driver_name.empty() ? "unknown" : d.driver_name + (d.driver_info.empty() ? "" : " (" + d.driver_info + ")"));
            row("  API version", d.api_version);
            for (std::size_t h = 0; h < d.heaps.size(); ++h)
                row(h == 0 ? "  memory heaps" : "",
                    gib(d.heaps[h].size_bytes) + (d.heaps[h].device_local ? ", device-local" : ", host"));
            row("  compute proof", std::string(proof_mark(d.proof)) + ": " + d.proof.detail);
        }
    }
    if (!r.vulkan.available) {
        if (!r.vulkan.reason.empty()) row("not available", r.vulkan.reason);
        if (!r.vulkan.advice.empty()) row("what to do", r.vulkan.advice);
    }

    out << "\nVerdict\n";
    for (const auto& line : verdict(r)) out << "  " << line << "\n";
    return out.str();
}

}  // namespace dojo
