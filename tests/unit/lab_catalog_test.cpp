// The lab catalog is the one source of each lab's facts: these tests pin what every entry point
// (lesson block, link, CLI, form, both lab hosts) reads from it, and the one check of a value.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "course/course_loader.h"
#include "labs/lab_catalog.h"

namespace {

using dojo::find_lab;
using dojo::LabInfo;

const LabInfo& lab(const char* id) {
    const LabInfo* l = find_lab(id);
    EXPECT_NE(l, nullptr) << id;
    return *l;
}

dojo::LabBackendInfo backend(const char* name, bool transfers, bool memory, bool peaks) {
    dojo::LabBackendInfo b;
    b.name = name;
    b.available = true;
    b.transfers = transfers, b.memory = memory, b.peaks = peaks;
    return b;
}

TEST(LabCatalog, EveryMeasuringLabHasARunnerAndACommand) {
    for (const LabInfo& l : dojo::lab_catalog()) {
        EXPECT_EQ(l.kind == dojo::LabKind::Measure, l.run != nullptr) << l.id;
        if (l.kind != dojo::LabKind::Explore) {
            EXPECT_FALSE(l.cli.empty()) << l.id;
        }
        if (l.kind == dojo::LabKind::Measure) {
            EXPECT_FALSE(l.cli_help.empty()) << l.id;
        }
        EXPECT_EQ(find_lab(l.id), &l);
    }
    EXPECT_EQ(find_lab("bench"), nullptr) << "reports say bench; lab ids do not (lab_id_of)";
    EXPECT_EQ(find_lab("warp-drive"), nullptr);
}

TEST(LabCatalog, WhereEachLabRuns) {
    std::set<std::string> browser, gpu_only;
    for (const LabInfo& l : dojo::lab_catalog()) {
        if (l.browser && l.kind != dojo::LabKind::Explore) browser.insert(l.id);
        if (l.gpu == dojo::GpuUse::Required) gpu_only.insert(l.id);
    }
    EXPECT_EQ(browser, (std::set<std::string>{"matmul", "crossover"}));
    EXPECT_EQ(gpu_only, (std::set<std::string>{"transfer", "crossover", "vram"}));
    EXPECT_TRUE(lab("crossover").needs_cpu_too);
    EXPECT_TRUE(lab("matmul").cpu_first);
    EXPECT_FALSE(lab("precision").cpu_first);
}

TEST(LabCatalog, WhichBackendCanRunWhichLab) {
    const auto cpu = backend("cpu", false, false, true), vk = backend("vulkan", true, true, true);
    EXPECT_TRUE(dojo::backend_can_run(lab("matmul"), cpu));
    EXPECT_TRUE(dojo::backend_can_run(lab("roofline"), cpu));
    EXPECT_FALSE(dojo::backend_can_run(lab("transfer"), cpu));
    EXPECT_EQ(dojo::why_backend_cannot_run(lab("transfer"), cpu), "its memory is the host's: there is no transfer to measure");
    EXPECT_FALSE(dojo::backend_can_run(lab("crossover"), cpu));
    EXPECT_EQ(dojo::why_backend_cannot_run(lab("crossover"), cpu), "the crossover lab compares the CPU with a GPU");
    EXPECT_EQ(dojo::why_backend_cannot_run(lab("vram"), cpu), "it has no device memory of its own");
    for (const char* id : {"matmul", "transfer", "crossover", "vram", "precision", "roofline"})
        EXPECT_TRUE(dojo::backend_can_run(lab(id), vk)) << id;
    auto gone = vk;
    gone.available = false;
    gone.why_not = "no Vulkan driver";
    EXPECT_FALSE(dojo::backend_can_run(lab("matmul"), gone));
    EXPECT_EQ(dojo::why_backend_cannot_run(lab("matmul"), gone), "no Vulkan driver");
}

TEST(LabCatalog, OneCheckForEveryValue) {
    EXPECT_EQ(dojo::check_lab_param(lab("matmul"), "size", "512"), "");
    EXPECT_EQ(dojo::check_lab_param(lab("matmul"), "size", "60000"), "") << "refused later, with the memory it needs";
    EXPECT_EQ(dojo::check_lab_param(lab("matmul"), "size", "0"), "size must be a whole number from 1 to 65536 (got 0)");
    EXPECT_EQ(dojo::check_lab_param(lab("matmul"), "size", "12x"), "size must be a whole number from 1 to 65536 (got 12x)");
    EXPECT_EQ(dojo::check_lab_param(lab("precision"), "size", "20000"),
              "size must be a whole number from 1 to 16384 (got 20000)");
    EXPECT_EQ(dojo::check_lab_param(lab("matmul"), "dtype", "fp8"), "dtype 'fp8' must be fp32, tf32, fp16, bf16 or all");
    EXPECT_EQ(dojo::check_lab_param(lab("matmul"), "backend", "tpu"), "backend 'tpu' must be cpu, cuda, vulkan or webgpu");
    EXPECT_EQ(dojo::check_lab_param(lab("transfer"), "max_size", "64M"), "");
    EXPECT_EQ(dojo::check_lab_param(lab("transfer"), "max_size", "12Q"),
              "max_size '12Q' must be a size of at least 4K, such as 64M or 1G");
    EXPECT_EQ(dojo::check_lab_param(lab("vram"), "limit", "100K"),
              "limit '100K' must be a size of at least 1M, such as 512M or 8G");
    EXPECT_EQ(dojo::check_lab_param(lab("matmul"), "speed", "1"), "lab 'matmul' has no parameter 'speed'");
    EXPECT_EQ(dojo::check_lab_param(lab("crossover"), "size", "64"), "") << "a link picks one crossover size";
    EXPECT_EQ(dojo::check_lab_param(lab("roofline"), "backend", "vulkan"), "");
    EXPECT_EQ(dojo::check_lab_param(lab("explore-cloud"), "gpus", "eight"), "gpus must be a number (got 'eight')");
}

TEST(LabCatalog, ApplyingAParameterSetsTheRunsOptions) {
    dojo::LabOptions o;
    EXPECT_EQ(dojo::apply_lab_param(lab("vram"), "limit", "2G", o), "");
    EXPECT_EQ(o.limit_bytes, 2ull << 30);
    EXPECT_EQ(dojo::apply_lab_param(lab("transfer"), "max_size", "16M", o), "");
    EXPECT_EQ(o.max_bytes, 16ull << 20);
    EXPECT_EQ(dojo::apply_lab_param(lab("crossover"), "max_size", "256", o), "");
    EXPECT_EQ(o.sizes, (std::vector<int>{32, 64, 128, 256}));
    dojo::LabOptions bad;
    EXPECT_NE(dojo::apply_lab_param(lab("vram"), "limit", "lots", bad), "");
    EXPECT_EQ(bad.limit_bytes, 0u) << "a refused value changes nothing";
}

TEST(LabCatalog, BytesAreReadInPowersOf1024) {
    std::uint64_t b = 0;
    EXPECT_TRUE(dojo::parse_bytes("4096", b));
    EXPECT_EQ(b, 4096u);
    EXPECT_TRUE(dojo::parse_bytes("1.5G", b));
    EXPECT_EQ(b, 3ull << 29);
    EXPECT_TRUE(dojo::parse_bytes("256MiB", b));
    EXPECT_EQ(b, 256ull << 20);
    for (const char* bad : {"", "G", "-1M", "1X", "1iB", "nan"}) EXPECT_FALSE(dojo::parse_bytes(bad, b)) << bad;
}

TEST(LabCatalog, ALessonBlockIsCheckedByTheCatalog) {
    auto problems = [](const std::string& block) {
        const std::string text =
            "+++\nid = \"t\"\ntitle = \"T\"\ntrack = \"foundations\"\nsummary = \"S\"\nrequires = []\nxp = 1\nminutes = 1\n"
            "objectives = [\"o\"]\nsources = [\"s\"]\n+++\n```lab\n" +
            block + "\n```\n";
        std::vector<std::string> out;
        for (const auto& d : dojo::parse_lesson(text, "p.md").problems) out.push_back(d.to_string());
        return out;
    };
    EXPECT_TRUE(problems("id = \"matmul\"\nsize = 512").empty());
    const auto too_small = problems("id = \"matmul\"\nsize = 0");
    ASSERT_EQ(too_small.size(), 1u);
    EXPECT_NE(too_small[0].find("lab 'matmul': size must be a whole number from 1 to 65536 (got 0)"), std::string::npos)
        << too_small[0];
    const auto cli_only = problems("id = \"vram\"\nchunk = \"256M\"");
    ASSERT_EQ(cli_only.size(), 1u);
    EXPECT_NE(cli_only[0].find("lab 'vram' has no parameter 'chunk'"), std::string::npos) << cli_only[0];
}

}  // namespace
