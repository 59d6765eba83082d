// The known labs and their facts, and the one check of a parameter's value. The measurements
// themselves live in lab_runner.cpp and the compute backends.
#include "labs/lab_catalog.h"

#include <cmath>
#include <cstdlib>

#include "explorers/collective_model.h"
#include "explorers/inference_model.h"
#include "explorers/quant_formats.h"
#include "explorers/training_time.h"
#include "explorers/vram_plan.h"

namespace dojo {

namespace {

constexpr std::uint64_t kMiB = 1024ull * 1024, kGiB = 1024 * kMiB;

// Matrix sizes: one n x n x n multiply of the largest needs three matrices in memory (the host-memory
// check refuses what does not fit, with the numbers); the labs that sweep sizes stop lower.
LabParam size_param(const char* name, unsigned places, int max) {
    LabParam p{name, ParamKind::Size, places};
    p.min = 1, p.max = max;
    return p;
}

LabParam bytes_param(const char* name, unsigned places, double min, std::vector<LabPreset> presets, const char* example) {
    LabParam p{name, ParamKind::Bytes, places};
    p.min = min, p.max = 1.0e15;
    p.presets = std::move(presets);
    p.example = example;
    return p;
}

LabParam choice_param(const char* name, unsigned places, std::vector<std::string> choices) {
    LabParam p{name, ParamKind::Choice, places};
    p.choices = std::move(choices);
    return p;
}

LabParam text_param(const char* name, unsigned places) {
    return LabParam{name, ParamKind::Text, places};
}

std::vector<LabParam> numbers(std::initializer_list<const char*> names) {
    std::vector<LabParam> out;
    for (const char* n : names) out.push_back({n, ParamKind::Number, kInLesson});
    return out;
}

// Explorer inputs that are names (a model, a device) rather than numbers: their views look them up.
std::vector<LabParam> with_text(std::vector<LabParam> params, std::initializer_list<const char*> text) {
    for (auto& p : params)
        for (const char* t : text)
            if (p.name == t) p.kind = ParamKind::Text;
    return params;
}

// Explorer inputs that name one thing of a fixed list (a device, a model, a format): checked
// against that list, so a lesson that names a device the table lacks fails `dojo lessons check`.
std::vector<LabParam> with_choices(std::vector<LabParam> params, const char* name, std::vector<std::string> choices) {
    for (auto& p : params)
        if (p.name == name) {
            p.kind = ParamKind::Choice;
            p.choices = choices;
        }
    return params;
}

std::vector<std::string> device_ids() {
    std::vector<std::string> ids;
    for (const DeviceSpec& d : explorer_devices()) ids.push_back(d.id);
    return ids;
}

std::vector<std::string> model_ids() {
    std::vector<std::string> ids;
    for (const ModelPreset& m : model_presets()) ids.push_back(m.id);
    return ids;
}

const std::vector<std::string> kBackends = {"cpu", "cuda", "vulkan", "webgpu"};
const std::vector<std::string> kDtypes = {"fp32", "tf32", "fp16", "bf16", "all"};

std::string format_limit(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.0f", v);
    return b;
}

}  // namespace

const LabParam* LabInfo::param(std::string_view name) const {
    for (const auto& p : params)
        if (p.name == name) return &p;
    return nullptr;
}

const std::vector<LabInfo>& lab_catalog() {
    static const std::vector<LabInfo> labs = [] {
        std::vector<LabInfo> l;
        {
            LabInfo lab{"device-check", "Check this machine's hardware",
                        "which CPU, CUDA and Vulkan devices this machine has, and whether each one really computes"};
            lab.kind = LabKind::DeviceCheck;
            lab.cli = "dojo check";
            l.push_back(lab);
        }
        {
            LabInfo lab{"matmul", "Matrix multiply: CPU against GPU",
                        "how many billions of multiply-adds per second each kernel reaches, from a naive loop to the vendor "
                        "library"};
            lab.browser = true;
            lab.gpu = GpuUse::Helps;
            lab.cpu_first = true;
            lab.picks_kernels = true;
            lab.cli = "dojo bench";
            lab.cli_help = "Time the matrix-multiply ladders and check every result against a reference";
            lab.params = {size_param("size", kInLesson | kInCli, 65536), choice_param("backend", kInLesson | kInCli, kBackends),
                          text_param("kernel", kInLesson | kInCli), choice_param("dtype", kInLesson | kInCli, kDtypes)};
            lab.size_presets = {128, 256, 512, 1024, 2048, 4096};
            lab.default_sizes = {256, 512};
            lab.default_sizes_text = "None picked: 512.";
            lab.run = [](MatmulBackend& b, MatmulBackend*, const LabOptions& o, const LabProgress& p) {
                return run_matmul_lab(b, o, p);
            };
            l.push_back(lab);
        }
        {
            LabInfo lab{"transfer", "Host-to-device transfers", "how fast data crosses PCIe, with pinned and pageable memory"};
            lab.gpu = GpuUse::Required;
            lab.backend_need = BackendNeed::Transfers;
            lab.cli = "dojo lab transfer";
            lab.cli_help = "Host-to-device and device-to-host bandwidth, pinned against pageable memory, 4 KiB to 1 GiB";
            lab.params = {choice_param("backend", kInLesson, kBackends), bytes_param("max_size", kInLesson | kInCli, 4096,
                                                                                     {{"Automatic (up to 1 GiB)", 0},
                                                                                      {"16 MiB", 16 * kMiB},
                                                                                      {"64 MiB", 64 * kMiB},
                                                                                      {"256 MiB", 256 * kMiB},
                                                                                      {"1 GiB", kGiB}},
                                                                                     "64M or 1G")};
            for (auto& p : lab.params)
                if (p.name == "max_size") p.form_label = "Largest", p.form_id = "transfer-max";
            lab.run = [](MatmulBackend& b, MatmulBackend*, const LabOptions& o, const LabProgress& p) {
                return run_transfer_lab(b, o, p);
            };
            l.push_back(lab);
        }
        {
            LabInfo lab{"crossover", "When the GPU pays off",
                        "the matrix size below which copying to the GPU costs more than it saves"};
            lab.browser = true;
            lab.gpu = GpuUse::Required;
            lab.needs_cpu_too = true;
            lab.cli = "dojo lab crossover";
            lab.cli_help = "CPU against GPU (copies included) for n = 32 to 4096: where the GPU starts to pay off";
            lab.params = {choice_param("backend", kInLesson, kBackends), size_param("size", kInLesson, 16384),
                          size_param("max_size", kInLesson, 16384), size_param("sizes", kInCli, 16384)};
            lab.size_presets = {32, 64, 128, 256, 512, 1024, 2048, 4096};
            lab.default_sizes_text = "None picked: n = 32 to 4096, doubling.";
            // run_lab() gives the crossover its CPU side, or stops with why (needs_cpu_too).
            lab.run = [](MatmulBackend& b, MatmulBackend* cpu, const LabOptions& o, const LabProgress& p) {
                return run_crossover_lab(*cpu, b, o, p);
            };
            l.push_back(lab);
        }
        {
            LabInfo lab{"vram", "The VRAM wall",
                        "how much memory a GPU really gives you before 'out of memory', and that it all comes back"};
            lab.gpu = GpuUse::Required;
            lab.backend_need = BackendNeed::DeviceMemory;
            lab.cli = "dojo lab vram";
            lab.cli_help = "Allocate until the GPU says out of memory, show the error, free it all and prove it came back";
            lab.params = {choice_param("backend", kInLesson, kBackends),
                          bytes_param("limit", kInLesson | kInCli, 1 << 20,
                                      {{"To the wall (no limit)", 0},
                                       {"256 MiB", 256 * kMiB},
                                       {"1 GiB", kGiB},
                                       {"4 GiB", 4 * kGiB},
                                       {"16 GiB", 16 * kGiB}},
                                      "512M or 8G"),
                          bytes_param("chunk", kInCli, 1 << 20, {}, "256M")};
            for (auto& p : lab.params)
                if (p.name == "limit") p.form_label = "Stop at", p.form_id = "vram-limit";
            lab.run = [](MatmulBackend& b, MatmulBackend*, const LabOptions& o, const LabProgress& p) {
                return run_vram_lab(b, o, p);
            };
            l.push_back(lab);
        }
        {
            LabInfo lab{"precision", "Mixed precision",
                        "speed, bytes and error of FP32, TF32, FP16 and BF16 on the same problem"};
            lab.gpu = GpuUse::Helps;
            lab.cli = "dojo lab precision";
            lab.cli_help = "FP32, TF32, FP16 and BF16 on one problem: speed, bytes and error against FP64";
            lab.params = {choice_param("backend", kInLesson, kBackends), size_param("size", kInLesson, 16384),
                          size_param("sizes", kInCli, 16384)};
            lab.size_presets = {256, 512, 1024, 2048};
            lab.default_sizes = {512};
            lab.default_sizes_text = "None picked: 1024.";
            lab.single_size = true;
            lab.run = [](MatmulBackend& b, MatmulBackend*, const LabOptions& o, const LabProgress& p) {
                return run_precision_lab(b, o, p);
            };
            l.push_back(lab);
        }
        {
            LabInfo lab{"roofline", "The roofline",
                        "peak arithmetic and memory bandwidth, and where each kernel sits between them"};
            lab.gpu = GpuUse::Helps;
            lab.backend_need = BackendNeed::Peaks;
            lab.cli = "dojo lab roofline";
            lab.cli_help = "Peak arithmetic and bandwidth, and where each matmul kernel sits beneath them";
            lab.params = {choice_param("backend", kInLesson, kBackends), size_param("size", kInLesson, 16384),
                          size_param("sizes", kInCli, 16384), text_param("kernel", kInCli)};
            lab.size_presets = {64, 128, 256, 512, 1024, 2048};
            lab.default_sizes_text = "None picked: 64, 256 and 1024.";
            lab.run = [](MatmulBackend& b, MatmulBackend*, const LabOptions& o, const LabProgress& p) {
                return run_roofline_lab(b, o, p);
            };
            l.push_back(lab);
        }
        // Explorers: computed, not measured, so they run everywhere (engine/explorers/). Their views
        // clamp each number to what their sliders allow.
        auto explorer = [&l](const char* id, const char* title, const char* shows, std::vector<LabParam> params) {
            LabInfo lab{id, title, shows};
            lab.kind = LabKind::Explore;
            lab.browser = true;
            lab.params = std::move(params);
            l.push_back(lab);
        };
        explorer("explore-workers", "Workers: few strong cores or thousands of simple ones",
                 "how long a few fast CPU cores and thousands of slower GPU cores take over the same grid of multiply-adds",
                 numbers({"cpu_cores", "gpu_cores", "cpu_clock", "gpu_clock", "size"}));
        explorer("explore-vram", "VRAM planner", "how much memory a model needs to train or run, and which GPUs it fits on",
                 with_choices(with_choices(with_text(numbers({"params", "model", "dtype", "mode", "optimizer", "batch", "seq",
                                                              "checkpointing", "device"}),
                                                     {"dtype", "mode", "optimizer", "checkpointing"}),
                                           "device", device_ids()),
                              "model", model_ids()));
        explorer("explore-roofline", "Roofline explorer",
                 "whether an operation is limited by memory or by arithmetic on a device, and the speed it can reach",
                 with_choices(with_text(numbers({"device", "op", "size", "dtype"}), {"op", "dtype"}), "device", device_ids()));
        explorer("explore-training", "Training-time estimator",
                 "how long training takes on a CPU, a GPU or your own measured speed",
                 with_choices(numbers({"dataset", "flops_per_sample", "epochs", "device", "utilization", "gflops"}), "device",
                              device_ids()));
        explorer("explore-cloud", "Cloud or on-premise", "when buying a GPU costs less than renting one",
                 numbers({"price_per_hour", "gpus", "purchase", "power_w", "pue", "electricity", "fixed_per_year", "life_years",
                          "utilization", "horizon"}));
        explorer("explore-inference", "LLM inference explorer",
                 "how many tokens a second a model generates per user and in total, against batch and context, on a device",
                 with_choices(with_choices(with_choices(with_choices(numbers({"device", "model", "dtype", "kv_dtype", "batch",
                                                                              "context", "kv_heads"}),
                                                                     "device", device_ids()),
                                                        "model", model_ids()),
                                           "dtype", inference_weight_formats()),
                              "kv_dtype", inference_kv_formats()));
        explorer("explore-formats", "Number formats explorer",
                 "the error each low-precision format (FP8, MXFP4, NVFP4, INT8, INT4...) makes on the same tensor",
                 with_choices(numbers({"format", "outliers", "outlier_scale"}), "format", quant_format_ids()));
        explorer("explore-collective", "Collectives explorer",
                 "how long an all-reduce, reduce-scatter, all-gather or all-to-all takes among N GPUs on a link",
                 with_choices(
                     with_choices(with_choices(numbers({"op", "gpus", "data_gb", "link", "network"}), "op", collective_names()),
                                  "link", link_ids()),
                     "network", link_ids(true)));
        return l;
    }();
    return labs;
}

const LabInfo* find_lab(std::string_view id) {
    for (const auto& lab : lab_catalog())
        if (lab.id == id) return &lab;
    return nullptr;
}

std::string lab_id_of(const LabReport& report) {
    return report.lab == "bench" ? "matmul" : report.lab;
}

std::string lab_ids(LabKind kind) {
    std::string out;
    for (const auto& lab : lab_catalog())
        if (lab.kind == kind) out += (out.empty() ? "" : ", ") + lab.id;
    return out;
}

std::string all_lab_ids() {
    std::string out;
    for (const auto& lab : lab_catalog()) out += (out.empty() ? "" : ", ") + lab.id;
    return out;
}

bool parse_bytes(std::string_view text_in, std::uint64_t& bytes) {
    const std::string text(text_in);
    if (text.empty()) return false;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || !(v > 0) || !std::isfinite(v)) return false;
    std::string unit(end);
    if (!unit.empty() && (unit.back() == 'B' || unit.back() == 'b')) unit.pop_back();
    if (unit == "i" || unit.size() > 2) return false;
    if (unit.size() == 2 && unit[1] == 'i') unit.pop_back();
    double scale = 1;
    if (unit == "K" || unit == "k")
        scale = 1024.0;
    else if (unit == "M" || unit == "m")
        scale = 1024.0 * 1024;
    else if (unit == "G" || unit == "g")
        scale = 1024.0 * 1024 * 1024;
    else if (unit == "T" || unit == "t")
        scale = 1024.0 * 1024 * 1024 * 1024;
    else if (!unit.empty())
        return false;
    const double total = v * scale;
    if (total < 1 || total > 1.0e15) return false;
    bytes = static_cast<std::uint64_t>(total);
    return true;
}

std::string check_lab_param(const LabInfo& lab, std::string_view name, std::string_view value) {
    const LabParam* p = lab.param(name);
    const std::string n(name), v(value);
    if (!p) return "lab '" + lab.id + "' has no parameter '" + n + "'";
    switch (p->kind) {
        case ParamKind::Size: {
            char* end = nullptr;
            const long long x = std::strtoll(v.c_str(), &end, 10);
            if (v.empty() || *end != '\0' || x < p->min || x > p->max)
                return n + " must be a whole number from " + format_limit(p->min) + " to " + format_limit(p->max) + " (got " +
                       (v.empty() ? "nothing" : v) + ")";
            return "";
        }
        case ParamKind::Bytes: {
            std::uint64_t bytes = 0;
            if (!parse_bytes(v, bytes) || static_cast<double>(bytes) < p->min)
                return n + " '" + v + "' must be a size of at least " + (p->min >= (1 << 20) ? "1M" : "4K") + ", such as " +
                       p->example;
            return "";
        }
        case ParamKind::Choice: {
            for (const auto& c : p->choices)
                if (c == v) return "";
            std::string list;
            for (std::size_t i = 0; i < p->choices.size(); ++i)
                list += (i == 0 ? "" : i + 1 == p->choices.size() ? " or " : ", ") + p->choices[i];
            return n + " '" + v + "' must be " + list;
        }
        case ParamKind::Number: {
            char* end = nullptr;
            const double x = std::strtod(v.c_str(), &end);
            if (v.empty() || *end != '\0' || !std::isfinite(x)) return n + " must be a number (got '" + v + "')";
            return "";
        }
        case ParamKind::Text:
            return v.empty() ? n + " must not be empty" : "";
    }
    return "";
}

std::string apply_lab_param(const LabInfo& lab, std::string_view name, std::string_view value, LabOptions& options) {
    if (std::string error = check_lab_param(lab, name, value); !error.empty()) return error;
    const std::string v(value);
    if (name == "size" || name == "sizes") {
        options.sizes.push_back(std::atoi(v.c_str()));
    } else if (name == "max_size" && lab.param(name)->kind == ParamKind::Size) {
        options.sizes.clear();
        for (int n : lab.size_presets)
            if (n <= std::atoi(v.c_str())) options.sizes.push_back(n);
    } else if (name == "max_size" || name == "limit" || name == "chunk") {
        std::uint64_t bytes = 0;
        (void)parse_bytes(v, bytes);  // checked above
        (name == "max_size" ? options.max_bytes : name == "limit" ? options.limit_bytes : options.chunk_bytes) = bytes;
    } else if (name == "kernel") {
        options.kernels.push_back(v);
    } else if (name == "dtype") {
        options.dtype = v;
    }
    return "";
}

bool backend_can_run(const LabInfo& lab, const LabBackendInfo& b) {
    if (!b.available) return false;
    if (lab.gpu == GpuUse::Required && b.name == "cpu") return false;
    switch (lab.backend_need) {
        case BackendNeed::Matmul:
            return true;
        case BackendNeed::Transfers:
            return b.transfers;
        case BackendNeed::DeviceMemory:
            return b.memory;
        case BackendNeed::Peaks:
            return b.peaks;
    }
    return true;
}

std::string why_backend_cannot_run(const LabInfo& lab, const LabBackendInfo& b) {
    if (!b.available) return b.why_not;
    if (lab.needs_cpu_too && b.name == "cpu") return "the " + lab.id + " lab compares the CPU with a GPU";
    switch (lab.backend_need) {
        case BackendNeed::Matmul:
            return "";
        case BackendNeed::Transfers:
            return "its memory is the host's: there is no transfer to measure";
        case BackendNeed::DeviceMemory:
            return "it has no device memory of its own";
        case BackendNeed::Peaks:
            return "it cannot measure its peaks";
    }
    return "";
}

}  // namespace dojo
