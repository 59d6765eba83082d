// The lab report's JSON and CSV forms, its parser (checked field by field, never throwing), and the
// headline sentence lessons quote.
#include "labs/lab_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "common/json_syntax.h"
#include "labs/quantity_format.h"

namespace dojo {

using nlohmann::json;

namespace {

json finite(double v) {
    return std::isfinite(v) ? json(v) : json(nullptr);
}

json to_json(const TransferPoint& p) {
    return {{"direction", p.direction}, {"memory", p.memory}, {"bytes", p.bytes},   {"repetitions", p.repetitions},
            {"median_ms", p.median_ms}, {"min_ms", p.min_ms}, {"max_ms", p.max_ms}, {"gbps", p.gbps}};
}

json to_json(const CrossoverSummary& c) {
    json points = json::array();
    for (const auto& p : c.points)
        points.push_back({{"n", p.n},
                          {"cpu_ms", p.cpu_ms},
                          {"gpu_total_ms", p.gpu_total_ms},
                          {"gpu_kernel_ms", p.gpu_kernel_ms},
                          {"gpu_wins", p.gpu_wins}});
    return {{"cpu_kernel", c.cpu_kernel},
            {"gpu_backend", c.gpu_backend},
            {"gpu_kernel", c.gpu_kernel},
            {"crossover_n", c.crossover_n},
            {"points", points}};
}

json to_json(const VramWall& v) {
    return {{"total_bytes", v.total_bytes},
            {"free_before", v.free_before},
            {"free_after", v.free_after},
            {"free_known", v.free_known},
            {"chunk_bytes", v.chunk_bytes},
            {"limit_bytes", v.limit_bytes},
            {"allocated_bytes", v.allocated_bytes},
            {"chunks", v.chunks},
            {"hit_wall", v.hit_wall},
            {"error_code", v.error_code},
            {"error_message", v.error_message},
            {"memory_returned", v.memory_returned},
            {"returned_how", v.returned_how},
            {"fixes", v.fixes}};
}

// --- Parsing: a cursor that names the path of the field it complains about ---------------------

struct Reader {
    std::string error;

    const json* field(const json& obj, const char* key, const std::string& where, json::value_t type, bool required = true) {
        if (!error.empty()) return nullptr;
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (required) error = where + "/" + key + " is missing";
            return nullptr;
        }
        const bool number_ok = type == json::value_t::number_float && it->is_number();
        const bool unsigned_ok = type == json::value_t::number_unsigned && it->is_number_unsigned();
        const bool int_ok = type == json::value_t::number_integer && it->is_number_integer();
        if (it->type() != type && !number_ok && !unsigned_ok && !int_ok) {
            error = where + "/" + key + " has the wrong type (" + it->type_name() + ")";
            return nullptr;
        }
        return &*it;
    }
    void str(const json& o, const char* k, const std::string& w, std::string& out, bool required = true) {
        if (const json* v = field(o, k, w, json::value_t::string, required)) out = v->get<std::string>();
    }
    void num(const json& o, const char* k, const std::string& w, double& out, bool nullable = false) {
        if (!error.empty()) return;
        auto it = o.find(k);
        if (nullable && it != o.end() && it->is_null()) {
            out = NAN;
            return;
        }
        if (const json* v = field(o, k, w, json::value_t::number_float)) out = v->get<double>();
    }
    void integer(const json& o, const char* k, const std::string& w, int& out) {
        if (const json* v = field(o, k, w, json::value_t::number_integer)) {
            const auto x = v->get<std::int64_t>();
            if (x < 0 || x > 1'000'000'000)
                error = w + "/" + k + " is out of range";
            else
                out = static_cast<int>(x);
        }
    }
    void bytes(const json& o, const char* k, const std::string& w, std::uint64_t& out) {
        if (const json* v = field(o, k, w, json::value_t::number_unsigned)) out = v->get<std::uint64_t>();
    }
    void boolean(const json& o, const char* k, const std::string& w, bool& out) {
        if (const json* v = field(o, k, w, json::value_t::boolean)) out = v->get<bool>();
    }
    const json* array(const json& o, const char* k, const std::string& w, bool required = false) {
        return field(o, k, w, json::value_t::array, required);
    }
    const json* object(const json& o, const char* k, const std::string& w, bool required = false) {
        return field(o, k, w, json::value_t::object, required);
    }
    bool is_object(const json& v, const std::string& w) {
        if (error.empty() && !v.is_object()) error = w + " must be an object";
        return error.empty();
    }
};

BenchResult parse_bench(Reader& r, const json& o, const std::string& w) {
    BenchResult b;
    if (!r.is_object(o, w)) return b;
    r.str(o, "backend", w, b.backend);
    r.str(o, "device", w, b.device);
    r.str(o, "kernel", w, b.kernel);
    r.str(o, "dtype", w, b.dtype);
    r.integer(o, "m", w, b.m);
    r.integer(o, "n", w, b.n);
    r.integer(o, "k", w, b.k);
    r.integer(o, "repetitions", w, b.repetitions);
    r.num(o, "median_ms", w, b.median_ms);
    r.num(o, "min_ms", w, b.min_ms);
    r.num(o, "max_ms", w, b.max_ms);
    r.num(o, "wall_median_ms", w, b.wall_median_ms);
    r.num(o, "gflops", w, b.gflops);
    r.num(o, "max_rel_error", w, b.max_rel_error, true);
    r.num(o, "tolerance", w, b.tolerance);
    r.boolean(o, "passed", w, b.passed);
    if (const json* v = r.field(o, "error_sampled", w, json::value_t::boolean, false)) b.error_sampled = v->get<bool>();
    r.str(o, "error", w, b.error);
    return b;
}

LabReport parse_report(Reader& r, const json& doc, const std::string& w) {
    LabReport rep;
    if (!r.is_object(doc, w)) return rep;
    std::string format;
    r.str(doc, "format", w, format);
    if (r.error.empty() && format != kLabReportFormat) {
        r.error = w + "/format is '" + format + "', not '" + std::string(kLabReportFormat) +
                  "': this is not a Compute Dojo results file";
        return rep;
    }
    int version = 0;
    r.integer(doc, "version", w, version);
    if (r.error.empty() && version > kLabReportVersion) {
        r.error = w + "/version " + std::to_string(version) + " was written by a newer Compute Dojo; update to open it";
        return rep;
    }
    r.str(doc, "lab", w, rep.lab);
    r.str(doc, "backend", w, rep.backend);
    r.str(doc, "device", w, rep.device);
    r.str(doc, "created", w, rep.created);
    r.boolean(doc, "cancelled", w, rep.cancelled);
    if (const json* v = r.field(doc, "stopped_by_error", w, json::value_t::boolean, false)) rep.stopped_by_error = v->get<bool>();
    if (const json* m = r.object(doc, "machine", w, true)) {
        const std::string mw = w + "/machine";
        r.str(*m, "host", mw, rep.machine.host);
        r.str(*m, "os", mw, rep.machine.os);
        r.str(*m, "cpu", mw, rep.machine.cpu);
        r.str(*m, "gpu", mw, rep.machine.gpu);
    }
    if (const json* a = r.array(doc, "matmul", w))
        for (std::size_t i = 0; i < a->size() && r.error.empty(); ++i)
            rep.matmul.push_back(parse_bench(r, (*a)[i], w + "/matmul/" + std::to_string(i)));
    if (const json* a = r.array(doc, "transfers", w))
        for (std::size_t i = 0; i < a->size() && r.error.empty(); ++i) {
            const json& o = (*a)[i];
            const std::string pw = w + "/transfers/" + std::to_string(i);
            if (!r.is_object(o, pw)) break;
            TransferPoint p;
            r.str(o, "direction", pw, p.direction);
            r.str(o, "memory", pw, p.memory);
            r.bytes(o, "bytes", pw, p.bytes);
            r.integer(o, "repetitions", pw, p.repetitions);
            r.num(o, "median_ms", pw, p.median_ms);
            r.num(o, "min_ms", pw, p.min_ms);
            r.num(o, "max_ms", pw, p.max_ms);
            r.num(o, "gbps", pw, p.gbps);
            rep.transfers.push_back(p);
        }
    if (const json* c = r.object(doc, "crossover", w)) {
        const std::string cw = w + "/crossover";
        CrossoverSummary s;
        r.str(*c, "cpu_kernel", cw, s.cpu_kernel);
        r.str(*c, "gpu_backend", cw, s.gpu_backend);
        r.str(*c, "gpu_kernel", cw, s.gpu_kernel);
        r.integer(*c, "crossover_n", cw, s.crossover_n);
        if (const json* a = r.array(*c, "points", cw, true))
            for (std::size_t i = 0; i < a->size() && r.error.empty(); ++i) {
                const json& o = (*a)[i];
                const std::string pw = cw + "/points/" + std::to_string(i);
                if (!r.is_object(o, pw)) break;
                CrossoverPoint p;
                r.integer(o, "n", pw, p.n);
                r.num(o, "cpu_ms", pw, p.cpu_ms);
                r.num(o, "gpu_total_ms", pw, p.gpu_total_ms);
                r.num(o, "gpu_kernel_ms", pw, p.gpu_kernel_ms);
                r.boolean(o, "gpu_wins", pw, p.gpu_wins);
                s.points.push_back(p);
            }
        rep.crossover = s;
    }
    if (const json* v = r.object(doc, "vram", w)) {
        const std::string vw = w + "/vram";
        VramWall x;
        r.bytes(*v, "total_bytes", vw, x.total_bytes);
        r.bytes(*v, "free_before", vw, x.free_before);
        r.bytes(*v, "free_after", vw, x.free_after);
        r.boolean(*v, "free_known", vw, x.free_known);
        r.bytes(*v, "chunk_bytes", vw, x.chunk_bytes);
        r.bytes(*v, "limit_bytes", vw, x.limit_bytes);
        r.bytes(*v, "allocated_bytes", vw, x.allocated_bytes);
        r.integer(*v, "chunks", vw, x.chunks);
        r.boolean(*v, "hit_wall", vw, x.hit_wall);
        r.str(*v, "error_code", vw, x.error_code);
        r.str(*v, "error_message", vw, x.error_message);
        r.boolean(*v, "memory_returned", vw, x.memory_returned);
        r.str(*v, "returned_how", vw, x.returned_how);
        if (const json* f = r.array(*v, "fixes", vw, true))
            for (std::size_t i = 0; i < f->size() && r.error.empty(); ++i) {
                if (!(*f)[i].is_string())
                    r.error = vw + "/fixes/" + std::to_string(i) + " must be a string";
                else
                    x.fixes.push_back((*f)[i].get<std::string>());
            }
        rep.vram = x;
    }
    if (const json* o = r.object(doc, "roofline", w)) {
        const std::string rw = w + "/roofline";
        Roofline x;
        r.num(*o, "peak_gflops", rw, x.peak_gflops);
        r.num(*o, "bandwidth_gbps", rw, x.bandwidth_gbps);
        r.num(*o, "ridge_intensity", rw, x.ridge_intensity);
        rep.roofline = x;
    }
    if (const json* a = r.array(doc, "notes", w))
        for (std::size_t i = 0; i < a->size() && r.error.empty(); ++i) {
            if (!(*a)[i].is_string())
                r.error = w + "/notes/" + std::to_string(i) + " must be a string";
            else
                rep.notes.push_back((*a)[i].get<std::string>());
        }
    return rep;
}

std::string fmt(const char* format, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

}  // namespace

double matmul_intensity(int m, int n, int k) {
    const double flops = 2.0 * m * n * static_cast<double>(k);
    const double bytes = 4.0 * (static_cast<double>(m) * k + static_cast<double>(k) * n + static_cast<double>(m) * n);
    return bytes > 0 ? flops / bytes : 0;
}

json to_json(const LabReport& report) {
    json matmul = json::array(), transfers = json::array();
    for (const auto& r : report.matmul) matmul.push_back(to_json(r));
    for (const auto& t : report.transfers) transfers.push_back(to_json(t));
    json doc = {
        {"format", std::string(kLabReportFormat)},
        {"version", kLabReportVersion},
        {"lab", report.lab},
        {"backend", report.backend},
        {"device", report.device},
        {"created", report.created},
        {"machine",
         {{"host", report.machine.host}, {"os", report.machine.os}, {"cpu", report.machine.cpu}, {"gpu", report.machine.gpu}}},
        {"cancelled", report.cancelled},
        {"stopped_by_error", report.stopped_by_error},
        {"matmul", matmul},
        {"transfers", transfers},
        {"notes", report.notes}};
    if (report.crossover) doc["crossover"] = to_json(*report.crossover);
    if (report.vram) doc["vram"] = to_json(*report.vram);
    if (report.roofline)
        doc["roofline"] = {{"peak_gflops", finite(report.roofline->peak_gflops)},
                           {"bandwidth_gbps", finite(report.roofline->bandwidth_gbps)},
                           {"ridge_intensity", finite(report.roofline->ridge_intensity)}};
    return doc;
}

std::string lab_report_to_json(const LabReport& report) {
    return to_json(report).dump(2);
}

LabReportParse parse_lab_reports(std::string_view text) {
    LabReportParse out;
    json doc = json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded()) {
        out.error = "not valid JSON: " + describe_syntax_error(text);
        return out;
    }
    Reader r;
    if (doc.is_array()) {
        if (doc.empty()) r.error = "the file holds an empty list: no results to open";
        for (std::size_t i = 0; i < doc.size() && r.error.empty(); ++i)
            out.reports.push_back(parse_report(r, doc[i], "/" + std::to_string(i)));
    } else {
        out.reports.push_back(parse_report(r, doc, ""));
    }
    if (!r.error.empty()) {
        out.reports.clear();
        out.error = r.error;
        if (!out.error.empty() && out.error[0] == '/') out.error = out.error.substr(1);
        return out;
    }
    out.ok = true;
    return out;
}

std::string lab_report_to_csv(const LabReport& report) {
    std::string s;
    const std::string who = csv_field(report.backend) + ',' + csv_field(report.device) + ',';
    if (!report.matmul.empty()) {
        s += csv_header() + '\n';
        for (const auto& r : report.matmul) s += to_csv(r) + '\n';
    }
    if (!report.transfers.empty()) {
        if (!s.empty()) s += '\n';
        s += "backend,device,direction,memory,bytes,repetitions,median_ms,min_ms,max_ms,gbps\n";
        for (const auto& t : report.transfers)
            s += who + t.direction + ',' + t.memory + ',' + std::to_string(t.bytes) + ',' + std::to_string(t.repetitions) + ',' +
                 fmt("%.6g", t.median_ms) + ',' + fmt("%.6g", t.min_ms) + ',' + fmt("%.6g", t.max_ms) + ',' +
                 fmt("%.6g", t.gbps) + '\n';
    }
    if (report.crossover) {
        if (!s.empty()) s += '\n';
        s += "n,cpu_kernel,cpu_ms,gpu_backend,gpu_kernel,gpu_total_ms,gpu_kernel_ms,gpu_wins\n";
        for (const auto& p : report.crossover->points)
            s += std::to_string(p.n) + ',' + csv_field(report.crossover->cpu_kernel) + ',' + fmt("%.6g", p.cpu_ms) + ',' +
                 csv_field(report.crossover->gpu_backend) + ',' + csv_field(report.crossover->gpu_kernel) + ',' +
                 fmt("%.6g", p.gpu_total_ms) + ',' + fmt("%.6g", p.gpu_kernel_ms) + ',' + (p.gpu_wins ? "true" : "false") + '\n';
    }
    if (report.vram) {
        const VramWall& v = *report.vram;
        if (!s.empty()) s += '\n';
        s += "backend,device,total_bytes,allocated_bytes,chunk_bytes,limit_bytes,hit_wall,error_code,error_message,free_before,"
             "free_after,"
             "memory_returned\n";
        s += who + std::to_string(v.total_bytes) + ',' + std::to_string(v.allocated_bytes) + ',' + std::to_string(v.chunk_bytes) +
             ',' + std::to_string(v.limit_bytes) + ',' + (v.hit_wall ? "true" : "false") + ',' + csv_field(v.error_code) + ',' +
             csv_field(v.error_message) + ',' + std::to_string(v.free_before) + ',' + std::to_string(v.free_after) + ',' +
             (v.memory_returned ? "true" : "false") + '\n';
    }
    if (report.roofline) {
        if (!s.empty()) s += '\n';
        s += "backend,device,peak_gflops,bandwidth_gbps,ridge_intensity\n";
        s += who + fmt("%.6g", report.roofline->peak_gflops) + ',' + fmt("%.6g", report.roofline->bandwidth_gbps) + ',' +
             fmt("%.6g", report.roofline->ridge_intensity) + '\n';
    }
    return s;
}

std::string machine_label(const LabReport& report) {
    if (!report.machine.host.empty()) return report.machine.host;
    if (!report.machine.cpu.empty()) return report.machine.cpu;
    return report.device.empty() ? "another machine" : report.device;
}

std::string lab_headline(const LabReport& report) {
    const std::string on = report.device.empty() ? report.backend : report.device;
    if (report.lab == "transfer" && !report.transfers.empty()) {
        double best[2][2] = {};  // [h2d?][pinned?]
        for (const auto& t : report.transfers) {
            double& b = best[t.direction == "host-to-device"][t.memory == "pinned"];
            b = std::max(b, t.gbps);
        }
        return "On " + on + ", host to device peaked at " + fmt("%.1f", best[1][1]) + " GB/s from pinned memory and " +
               fmt("%.1f", best[1][0]) + " GB/s from pageable memory.";
    }
    if (report.lab == "crossover" && report.crossover) {
        const auto& c = *report.crossover;
        if (c.crossover_n == 0)
            return "On " + on + ", the GPU (" + c.gpu_kernel + "), copies included, never beat the CPU's " + c.cpu_kernel +
                   " in the sizes measured.";
        return "On " + on + ", the GPU (" + c.gpu_kernel + "), copies included, beats the CPU's " + c.cpu_kernel +
               " from n = " + std::to_string(c.crossover_n) + " up.";
    }
    if (report.lab == "vram" && report.vram) {
        const auto& v = *report.vram;
        std::string s = "On " + on + ", " + format_bytes(static_cast<double>(v.allocated_bytes)) + " of " +
                        format_bytes(static_cast<double>(v.total_bytes)) + " fit";
        s += v.hit_wall ? " before " + (v.error_code.empty() ? std::string("out of memory") : v.error_code)
                        : " (stopped at the limit)";
        s += v.memory_returned ? "; all of it came back when freed." : "; the memory did not all come back.";
        return s;
    }
    if (report.lab == "roofline" && report.roofline) {
        const auto& r = *report.roofline;
        return "On " + on + ": peak " + fmt("%.0f", r.peak_gflops) + " GFLOP/s and " + fmt("%.1f", r.bandwidth_gbps) +
               " GB/s, so kernels below " + fmt("%.1f", r.ridge_intensity) + " flops per byte are limited by memory.";
    }
    if (report.lab == "precision" && !report.matmul.empty()) {
        std::string s = "On " + on + ", the error against FP64 at " + std::to_string(report.matmul.front().n) + "^3 was";
        const char* sep = " ";
        for (const auto& r : report.matmul) {
            s += sep + r.dtype + " " +
                 (r.passed || std::isfinite(r.max_rel_error) ? fmt("%.1e", r.max_rel_error) : std::string("failed"));
            sep = ", ";
        }
        return s + "; fp16 and bf16 need half the bytes of fp32.";
    }
    // matmul, and any lab with matmul runs: the best passing run and the slowest for scale.
    const BenchResult* best = nullptr;
    const BenchResult* worst = nullptr;
    for (const auto& r : report.matmul) {
        if (!r.passed) continue;
        if (!best || r.gflops > best->gflops) best = &r;
        if (!worst || r.gflops < worst->gflops) worst = &r;
    }
    if (!best) {
        if (report.matmul.empty()) return "No measurements yet.";
        // Runs that never ran (a size refused, a device error) are not accuracy failures: say why.
        const std::string& why = report.matmul.front().error;
        const bool same_error = !why.empty() && std::all_of(report.matmul.begin(), report.matmul.end(),
                                                            [&](const BenchResult& r) { return r.error == why; });
        if (same_error) return "Nothing was measured on " + on + ": " + why + ".";
        return "No kernel passed its accuracy check on " + on + ".";
    }
    std::string s = "Best on " + on + ": " + best->kernel + " (" + best->dtype + "), " + fmt("%.1f", best->gflops) +
                    " GFLOP/s at " + std::to_string(best->m) + " x " + std::to_string(best->n) + " x " + std::to_string(best->k);
    if (worst != best) s += "; " + worst->kernel + " reached " + fmt("%.1f", worst->gflops);
    return s + ".";
}

LabOutcome lab_outcome(const LabReport& report) {
    LabOutcome worst = LabOutcome::Ok;
    auto note = [&worst](LabOutcome o) { worst = std::max(worst, o); };  // the enum is ordered by severity
    auto says = [](const std::string& text, const char* what) { return text.find(what) != std::string::npos; };
    for (const auto& m : report.matmul) {
        if (m.passed) continue;
        if (says(m.error, "device lost"))
            note(LabOutcome::DeviceLost);
        else if (says(m.error, "out of memory") || says(m.error, "OUT_OF_DEVICE_MEMORY"))
            note(LabOutcome::OutOfMemory);
        else
            note(LabOutcome::Failed);
    }
    if (report.stopped_by_error) {
        const bool lost =
            std::any_of(report.notes.begin(), report.notes.end(), [&](const std::string& n) { return says(n, "device lost"); });
        note(lost ? LabOutcome::DeviceLost : LabOutcome::Failed);
    }
    if (report.vram && !report.vram->memory_returned) note(LabOutcome::Failed);
    return worst;
}

std::string utc_timestamp() {
    const std::time_t now = wall_clock_now();
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace dojo
