// Drives the app shell headless (ImGui with no backend) and clicks widgets found by label, the
// way the browser and desktop tests do through their hooks.
//
// Index of this file:
// - The headless fixture (a small course, a memory store, clicks by label)
// - Lessons, quizzes by mouse and by keyboard, import, reset and export
// - Labs: a fake lab host, the desktop-app card, links with lab settings, a run kept with the
//   progress, a results file compared, lesson lab cards, and every lab's results view
#include <gtest/gtest.h>

#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include "course/course_loader.h"
#include "headless_app.h"
#include "headless_imgui.h"
#include "progress/progress_keeper.h"
#include "ui/app_shell.h"
#include "ui/fonts.h"
#include "ui/platform.h"
#include "ui/widget_registry.h"

namespace {

class HeadlessApp : public ::testing::Test {
protected:
    void SetUp() override { dojo::test::start_headless_imgui(); }
    void TearDown() override { ImGui::DestroyContext(); }

    dojo::NullPlatform platform_;
    dojo::MemoryTextStore store_;

    static void frame(dojo::AppShell& shell) { (void)dojo::test::frame(shell); }
    static void click(dojo::AppShell& shell, const std::string& label) { dojo::test::click(shell, label); }

    static dojo::Lesson lesson(const char* id, const char* title, const char* body) {
        return dojo::parse_lesson(std::string("+++\nid = \"") + id + "\"\ntitle = \"" + title +
                                      "\"\ntrack = \"t\"\nsummary = \"S.\"\nrequires = []\nxp = 10\nminutes = 5\n"
                                      "objectives = [\"o\"]\nsources = [\"s\"]\n+++\n" +
                                      body,
                                  std::string(id) + ".md");
    }
    static dojo::Course catalog() {
        dojo::Course c;
        c.tracks.push_back({"t", "Track", "#3FD0C0", "microchip"});
        c.lessons.push_back(lesson("one", "First lesson", "Hello.\n"));
        c.lessons.push_back(lesson("two", "Second lesson", "World.\n"));
        c.lessons.push_back(dojo::parse_lesson("not a lesson", "3.md"));
        c.lessons.back().id = "three";
        return c;
    }
};

}  // namespace

TEST_F(HeadlessApp, StartScreenListsEveryLessonOnScreen) {
    dojo::AppShell shell(catalog(), platform_, store_);
    frame(shell);
    frame(shell);
    const auto state = shell.test_state();
    EXPECT_EQ(state["view"], "home");
    EXPECT_EQ(state["xp"], 0);
    EXPECT_EQ(state["lessons"], nlohmann::json({"one", "two"}));
    EXPECT_EQ(state["broken"], nlohmann::json({"three"}));
    for (const char* title : {"First lesson", "Second lesson", "three"}) {  // a broken lesson shows its id
        const auto rect = dojo::widget_registry().find(title);
        ASSERT_TRUE(rect) << title;
        EXPECT_GT(rect->w, 100);
        EXPECT_GE(rect->x, 0);
        EXPECT_LE(rect->x + rect->w, 1024);
    }
}

TEST_F(HeadlessApp, ClickingALessonOpensItAndBackReturns) {
    dojo::AppShell shell(catalog(), platform_, store_);
    frame(shell);
    frame(shell);
    click(shell, "Second lesson");
    auto state = shell.test_state();
    EXPECT_EQ(state["view"], "lesson");
    EXPECT_EQ(state["lesson"], "two");
    click(shell, "\xef\x81\x93  All lessons");
    EXPECT_EQ(shell.test_state()["view"], "home");
}

TEST_F(HeadlessApp, ABrokenLessonDoesNotOpen) {
    dojo::AppShell shell(catalog(), platform_, store_);
    frame(shell);
    frame(shell);
    click(shell, "three");
    EXPECT_EQ(shell.test_state()["view"], "home");
}

TEST_F(HeadlessApp, NarrowPhoneWidthKeepsCardsInside) {
    ImGui::GetIO().DisplaySize = {360, 740};
    dojo::AppShell shell(catalog(), platform_, store_);
    frame(shell);
    frame(shell);
    const auto rect = dojo::widget_registry().find("First lesson");
    ASSERT_TRUE(rect);
    EXPECT_GE(rect->x, 0);
    EXPECT_LE(rect->x + rect->w, 360);
}

namespace {

// A course of one lesson with one single-choice question, for flows that answer it.
dojo::Course quiz_course() {
    dojo::Course c;
    c.tracks.push_back({"t", "Track", "#3FD0C0", "microchip"});
    c.levels = {{"Novice", 0}, {"Apprentice", 5}};
    c.lessons.push_back(dojo::parse_lesson(
        "+++\nid = \"one\"\ntitle = \"First lesson\"\ntrack = \"t\"\nsummary = \"S.\"\nrequires = []\nxp = 10\nminutes = 5\n"
        "objectives = [\"o\"]\nsources = [\"s\"]\n+++\nText.\n\n```quiz\nid = \"q\"\ntype = \"single\"\nprompt = \"Pick B.\"\n"
        "explanation = \"B is right.\"\nchoices = [{ text = \"Choice A\" }, { text = \"Choice B\", correct = true }]\n```\n",
        "one.md"));
    return c;
}

// Gives the shell's learner `xp` XP through an import, as a saved file would.
void give_xp(dojo::AppShell& shell, int xp) {
    dojo::Progress p;
    p.track_xp["t"] = xp;
    ASSERT_TRUE(shell.import_progress(dojo::progress_to_json(p)));
}

}  // namespace

TEST_F(HeadlessApp, AnsweringWithTheMouseAwardsXpOnceAndSchedulesAReview) {
    dojo::AppShell shell(quiz_course(), platform_, store_, "#/lesson/one");
    shell.set_today(1000);
    frame(shell);
    frame(shell);
    click(shell, "Choice A");
    click(shell, "Check answer##q");
    EXPECT_EQ(shell.test_state()["xp"], 0);
    click(shell, "Choice B");
    click(shell, "Try again##q");
    auto state = shell.test_state();
    EXPECT_EQ(state["xp"], 5 + 10) << "question XP, then the lesson's XP: it was read to the end and every question is right";
    EXPECT_EQ(state["level"], "Apprentice");
    EXPECT_EQ(state["questions"]["one/q"]["due_day"], 1001) << "SM-2: the first review comes the next day";
    EXPECT_EQ(state["due"], 0);
    ASSERT_TRUE(store_.files.count("progress.json")) << "progress is saved after an answer";

    shell.set_today(1001);
    EXPECT_EQ(shell.test_state()["due"], 1);
    shell.navigate("#/review");
    frame(shell);
    frame(shell);
    click(shell, "Choice B");
    click(shell, "Check answer##q");
    state = shell.test_state();
    EXPECT_EQ(state["xp"], 15 + dojo::kReviewXp) << "a right review earns a little XP, for the daily goal";
    EXPECT_EQ(state["due"], 0);
    EXPECT_EQ(state["questions"]["one/q"]["due_day"], 1007) << "SM-2: the second interval is six days";
}

TEST_F(HeadlessApp, TheQuizWorksWithTheKeyboardAlone) {
    dojo::AppShell shell(quiz_course(), platform_, store_, "#/lesson/one");
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.KeyMap[ImGuiKey_DownArrow] = 1;
    io.KeyMap[ImGuiKey_Space] = 2;
    auto press = [&](int key) {
        io.KeysDown[key] = true;
        frame(shell);
        io.KeysDown[key] = false;
        frame(shell);
    };
    // Arrow down until `label` has the keyboard focus, then press Space on it.
    auto reach_and_press = [&](const std::string& label) {
        for (int i = 0; i < 60; ++i) {
            const auto target = dojo::widget_registry().find(label);
            if (target && target->id != 0 && ImGui::GetCurrentContext()->NavId == target->id) {
                press(2);
                return true;
            }
            press(1);
        }
        return false;
    };
    frame(shell);
    frame(shell);
    ASSERT_TRUE(reach_and_press("Choice B")) << "the arrow keys never reached the choice";
    ASSERT_TRUE(reach_and_press("Check answer##q")) << "the arrow keys never reached the check button";
    const auto state = shell.test_state();
    EXPECT_EQ(state["questions"]["one/q"]["correct"], true) << "Space picked the choice and checked the answer";
    EXPECT_EQ(state["view"], "lesson");
}

TEST_F(HeadlessApp, ImportReplacesProgressAndRejectsAFileThatIsNotProgress) {
    dojo::AppShell shell(quiz_course(), platform_, store_);
    give_xp(shell, 42);
    EXPECT_EQ(shell.test_state()["xp"], 42);
    EXPECT_FALSE(shell.import_progress("{\"not\": \"progress\"}"));
    EXPECT_EQ(shell.test_state()["xp"], 42) << "a bad import leaves progress unchanged";
    bool told = false;
    const auto state = shell.test_state();  // held: ranging over a temporary's member would dangle
    for (const auto& n : state["notices"]) told |= n.get<std::string>().find("could not be imported") != std::string::npos;
    EXPECT_TRUE(told) << state["notices"].dump();
}

TEST_F(HeadlessApp, ResetAsksFirstThenClearsProgress) {
    dojo::AppShell shell(quiz_course(), platform_, store_);
    give_xp(shell, 42);
    frame(shell);
    frame(shell);
    click(shell, "\xef\x8a\xbd##Your progress");
    click(shell, "\xef\x87\xb8  Reset progress");
    EXPECT_EQ(shell.test_state()["xp"], 42) << "nothing is reset before the learner confirms";
    click(shell, "Reset everything");
    EXPECT_EQ(shell.test_state()["xp"], 0);
}

TEST_F(HeadlessApp, ExportGivesTheProgressJson) {
    dojo::AppShell shell(quiz_course(), platform_, store_);
    give_xp(shell, 7);
    frame(shell);
    frame(shell);
    click(shell, "\xef\x8a\xbd##Your progress");
    click(shell, "\xef\x80\x99  Export progress");
    EXPECT_EQ(platform_.exported_name, "compute-dojo-progress.json");
    EXPECT_TRUE(dojo::parse_progress(platform_.exported_text).ok);
    EXPECT_EQ(dojo::parse_progress(platform_.exported_text).progress.total_xp(), 7);
}

// ---- Labs ----------------------------------------------------------------------------------------

#include "labs/lab_host.h"
#include "labs/lab_report.h"

namespace {

// A LabHost that "runs" instantly and hands back a canned report.
class FakeLabHost : public dojo::LabHost {
public:
    FakeLabHost() {
        dojo::LabBackendInfo cpu;
        cpu.name = "cpu";
        cpu.device = "Test CPU";
        cpu.available = true;
        cpu.kernels = {{"naive", "the plain loop", dojo::NumberFormat::FP32, false},
                       {"openblas", "the library", dojo::NumberFormat::FP32, true}};
        dojo::LabBackendInfo gpu;
        gpu.name = "cuda";
        gpu.why_not = "no NVIDIA driver is installed";
        dojo::LabBackendInfo vk;
        vk.name = "vulkan";
        vk.device = "Test GPU";
        vk.available = true;
        vk.kernels = {{"naive", "", dojo::NumberFormat::FP32, false}, {"fp16-tiles", "", dojo::NumberFormat::FP16, false}};
        vk.transfers = vk.memory = vk.peaks = true;
        list_ = {cpu, gpu, vk};
    }
    const std::vector<dojo::LabBackendInfo>& backends() override { return list_; }
    bool start(const dojo::LabRequest& request, std::string&) override {
        requests.push_back(request);
        pending_ = true;
        return true;
    }
    dojo::LabStatus status() override { return {false, 2, 2, ""}; }
    void cancel() override {}
    bool take_report(dojo::LabReport& out) override {
        if (!pending_) return false;
        pending_ = false;
        out = for_lab(requests.back().lab);
        return true;
    }
    // A plausible report of each lab, for drawing every results view.
    static dojo::LabReport for_lab(const std::string& lab) {
        dojo::LabReport r = canned();
        if (lab == "matmul") return r;
        r.lab = lab;
        r.backend = "vulkan";
        r.device = "Test GPU";
        if (lab == "transfer") {
            r.matmul.clear();
            for (const char* dir : {"host-to-device", "device-to-host"})
                for (const char* mem : {"pinned", "pageable"})
                    for (std::uint64_t bytes : {4096ull, 1048576ull})
                        r.transfers.push_back({dir, mem, bytes, 5, 0.1, 0.09, 0.2, static_cast<double>(bytes) / 1e5});
        } else if (lab == "crossover") {
            r.matmul.clear();
            dojo::CrossoverSummary c{"openblas", "vulkan", "naive", 128, {}};
            c.points = {{64, 0.01, 0.5, 0.02, false}, {128, 1.0, 0.8, 0.1, true}, {256, 8.0, 2.0, 0.5, true}};
            r.crossover = c;
        } else if (lab == "vram") {
            r.matmul.clear();
            dojo::VramWall v;
            v.total_bytes = 8ull << 30;
            v.allocated_bytes = 7ull << 30;
            v.chunk_bytes = 256ull << 20;
            v.chunks = 28;
            v.hit_wall = true;
            v.error_code = "VK_ERROR_OUT_OF_DEVICE_MEMORY";
            v.error_message = "out of device memory";
            v.memory_returned = true;
            v.returned_how = "the same 7 GiB was allocated again";
            v.fixes = {"Use a smaller batch."};
            r.vram = v;
        } else if (lab == "precision") {
            r.matmul[1].kernel = "fp16-tiles";
            r.matmul[1].dtype = "fp16";
            r.matmul[1].max_rel_error = 1e-3;
        } else if (lab == "roofline") {
            r.roofline = dojo::Roofline{1000, 100, 10};
        }
        return r;
    }
    static dojo::LabReport canned() {
        dojo::LabReport r;
        r.lab = "bench";
        r.backend = "cpu";
        r.device = "Test CPU";
        r.created = "2026-11-22T07:00:00Z";
        r.machine.host = "test-host";
        for (auto [kernel, ms] : {std::pair<const char*, double>{"naive", 10.0}, {"openblas", 0.5}}) {
            dojo::BenchResult b;
            b.backend = "cpu";
            b.device = "Test CPU";
            b.kernel = kernel;
            b.dtype = "fp32";
            b.m = b.n = b.k = 128;
            b.repetitions = 5;
            b.median_ms = b.min_ms = b.max_ms = b.wall_median_ms = ms;
            b.gflops = 2.0 * 128 * 128 * 128 / (ms * 1e6);
            b.max_rel_error = 1e-7;
            b.tolerance = 1e-5;
            b.passed = true;
            r.matmul.push_back(b);
        }
        return r;
    }
    std::vector<dojo::LabRequest> requests;

private:
    std::vector<dojo::LabBackendInfo> list_;
    bool pending_ = false;
};

}  // namespace

TEST_F(HeadlessApp, LabsWithoutAHostSayTheyRunInTheDesktopApp) {
    dojo::AppShell shell(catalog(), platform_, store_, "#/labs");
    frame(shell);
    frame(shell);
    const auto state = shell.test_state();
    EXPECT_EQ(state["view"], "labs");
    EXPECT_EQ(state["route"], "#/labs");
    EXPECT_EQ(state["labs"]["host"], false);
    EXPECT_TRUE(dojo::widget_registry().find("labs:desktop-app")) << "the desktop-app card is on screen";
    shell.navigate("#/labs/transfer");
    frame(shell);
    EXPECT_EQ(shell.test_state()["labs"]["selected"], "transfer");
    EXPECT_EQ(shell.test_state()["view"], "labs");
}

// A link's lab settings go through the catalog's check, as a lesson block's do: a bad one is named.
TEST_F(HeadlessApp, ALinkWithABadLabSettingSaysWhatIsWrong) {
    dojo::AppShell shell(catalog(), platform_, store_, "#/labs/matmul?size=0&dtype=fp32");
    frame(shell);
    const auto state = shell.test_state();
    EXPECT_EQ(state["labs"]["selected"], "matmul");
    EXPECT_EQ(state["route"], "#/labs/matmul");
    bool told = false;
    for (const auto& n : state["notices"])
        told |= n.get<std::string>().find("size must be a whole number from 1 to 65536 (got 0)") != std::string::npos;
    EXPECT_TRUE(told) << state["notices"].dump();
    EXPECT_EQ(state["notices"].size(), 1u) << "dtype=fp32 is fine: " << state["notices"].dump();
}

TEST_F(HeadlessApp, ALabRunShowsItsTableAndIsKeptWithTheProgress) {
    FakeLabHost host;
    platform_.lab_host = &host;
    ImGui::GetIO().DisplaySize = {1024, 1600};  // the chart, the table and its export buttons all on screen
    dojo::AppShell shell(catalog(), platform_, store_, "#/labs/matmul");
    frame(shell);
    frame(shell);
    ASSERT_TRUE(dojo::widget_registry().find("naive##kernel"));
    click(shell, "None##kernels");
    click(shell, "naive##kernel");
    click(shell, "openblas##kernel");
    click(shell, "\xef\x81\x8b  Run the lab");
    ASSERT_EQ(host.requests.size(), 1u);
    EXPECT_EQ(host.requests[0].lab, "matmul");
    EXPECT_EQ(host.requests[0].backend, "cpu");
    EXPECT_EQ(host.requests[0].options.kernels, (std::vector<std::string>{"naive", "openblas"}));
    EXPECT_EQ(host.requests[0].options.sizes, (std::vector<int>{256, 512}));
    frame(shell);
    frame(shell);
    const auto state = shell.test_state();
    EXPECT_EQ(state["labs"]["running"], false);
    EXPECT_EQ(state["labs"]["results"]["matmul"][0]["matmul"], 2);
    EXPECT_EQ(state["lab_results"], nlohmann::json({"matmul"}));
    // The table is drawn: its export buttons follow it.
    EXPECT_TRUE(dojo::widget_registry().find("\xef\x80\x99  JSON"));
    // Saved with the progress, in the results format.
    ASSERT_TRUE(store_.files.count("progress.json"));
    const auto saved = dojo::parse_progress(store_.files["progress.json"]);
    ASSERT_TRUE(saved.ok) << saved.error;
    const auto reports = dojo::parse_lab_reports(saved.progress.lab_results.at("matmul"));
    ASSERT_TRUE(reports.ok) << reports.error;
    EXPECT_EQ(reports.reports.at(0).matmul.size(), 2u);
    // Export gives the report as JSON.
    click(shell, "\xef\x80\x99  JSON");
    EXPECT_EQ(platform_.exported_name, "compute-dojo-matmul-cpu.json");
    EXPECT_TRUE(dojo::parse_lab_reports(platform_.exported_text).ok);
    platform_.lab_host = nullptr;
}

TEST_F(HeadlessApp, AResultsFileOpensTheLabsViewForComparison) {
    FakeLabHost host;
    platform_.lab_host = &host;
    dojo::AppShell shell(catalog(), platform_, store_);
    frame(shell);
    auto other = FakeLabHost::canned();
    other.machine.host = "big-server";
    EXPECT_TRUE(shell.import_lab_results(dojo::lab_report_to_json(other), "server.json"));
    frame(shell);
    frame(shell);
    const auto state = shell.test_state();
    EXPECT_EQ(state["view"], "labs");
    EXPECT_EQ(state["labs"]["selected"], "matmul");
    EXPECT_EQ(state["labs"]["comparisons"], 1);
    EXPECT_FALSE(shell.import_lab_results("{\"format\": \"something-else\"}", "x.json"));
    platform_.lab_host = nullptr;
}

TEST_F(HeadlessApp, ALessonLabCardOffersTheRunAndQuotesTheLearnersNumbers) {
    FakeLabHost host;
    platform_.lab_host = &host;
    struct NativePlatform : dojo::NullPlatform {
        bool runs_native_labs() const override { return true; }
    } native;
    native.lab_host = &host;
    dojo::Course c;
    c.tracks.push_back({"t", "Track", "#3FD0C0", "microchip"});
    c.lessons.push_back(lesson("one", "First lesson", "Text.\n\n```lab\nid = \"matmul\"\nsize = 1024\n```\n"));
    ASSERT_FALSE(c.lessons.back().has_errors()) << c.lessons.back().problems.front().to_string();
    dojo::AppShell shell(c, native, store_, "#/lesson/one");
    frame(shell);
    frame(shell);
    EXPECT_TRUE(dojo::widget_registry().find("\xef\x81\x8b  Run this lab"));
    click(shell, "\xef\x81\x8b  Run this lab");
    EXPECT_EQ(shell.test_state()["route"], "#/labs/matmul");
    click(shell, "\xef\x81\x8b  Run the lab");
    ASSERT_EQ(host.requests.size(), 1u);
    EXPECT_EQ(host.requests[0].options.sizes, std::vector<int>{1024}) << "the lesson's block picked the size";
    frame(shell);
    frame(shell);
    // Back in the lesson, the card quotes the learner's own numbers.
    shell.navigate("#/lesson/one");
    frame(shell);
    frame(shell);
    EXPECT_EQ(shell.test_state()["lab_results"], nlohmann::json({"matmul"}));
    EXPECT_TRUE(dojo::widget_registry().find("your-run:matmul"));
    platform_.lab_host = nullptr;
}

// The browser runs the matmul and crossover labs (WebAssembly and WebGPU), not the ones that need
// the machine itself; an explorer draws inside its lesson card everywhere.
TEST_F(HeadlessApp, InTheBrowserOnlyTheBrowserLabsOfferARun) {
    FakeLabHost host;
    platform_.lab_host = &host;
    platform_.browser_labs = true;
    dojo::Course c;
    c.tracks.push_back({"t", "Track", "#3FD0C0", "microchip"});
    c.lessons.push_back(lesson("one", "First lesson", "Text.\n\n```lab\nid = \"matmul\"\n```\n"));
    c.lessons.push_back(lesson("two", "Second lesson", "Text.\n\n```lab\nid = \"vram\"\n```\n"));
    c.lessons.push_back(lesson("three", "Third lesson", "Text.\n\n```lab\nid = \"explore-roofline\"\n```\n"));
    dojo::AppShell shell(c, platform_, store_, "#/lesson/one");
    frame(shell);
    frame(shell);
    EXPECT_TRUE(dojo::widget_registry().find("\xef\x81\x8b  Run this lab")) << "matmul runs in the browser";
    shell.navigate("#/lesson/two");
    frame(shell);
    frame(shell);
    EXPECT_FALSE(dojo::widget_registry().find("\xef\x81\x8b  Run this lab")) << "the VRAM wall needs the desktop app";
    shell.navigate("#/labs/vram");
    frame(shell);
    frame(shell);
    EXPECT_TRUE(dojo::widget_registry().find("labs:desktop-app")) << "the Labs view says where it runs";
    EXPECT_TRUE(host.requests.empty());
    shell.navigate("#/lesson/three");
    frame(shell);
    frame(shell);
    EXPECT_FALSE(shell.test_state()["explorers"]["explore-roofline"].is_null()) << "the explorer drew inside the card";
    platform_.lab_host = nullptr;
}

TEST_F(HeadlessApp, EveryLabsResultsViewDraws) {
    FakeLabHost host;
    platform_.lab_host = &host;
    dojo::AppShell shell(catalog(), platform_, store_);
    for (const char* lab : {"matmul", "transfer", "crossover", "vram", "precision", "roofline"}) {
        shell.navigate(std::string("#/labs/") + lab);
        frame(shell);
        frame(shell);
        click(shell, "\xef\x81\x8b  Run the lab");
        ASSERT_FALSE(host.requests.empty()) << lab;
        EXPECT_EQ(host.requests.back().lab, lab);
        EXPECT_EQ(host.requests.back().backend, std::string(lab) == "matmul" ? "cpu" : "vulkan") << "GPU labs pick the GPU";
        frame(shell);
        frame(shell);
        const auto state = shell.test_state();
        EXPECT_EQ(state["labs"]["results"][lab].size(), 1u) << lab;
        if (std::string(lab) != "vram") {
            EXPECT_TRUE(
                dojo::widget_registry().find(std::string("chart:") + (std::string(lab) == "precision" ? "precision-speed" : lab)))
                << lab << ": no chart on screen";
        }
    }
    EXPECT_EQ(shell.test_state()["lab_results"].size(), 6u);
    platform_.lab_host = nullptr;
}
