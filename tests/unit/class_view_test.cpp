// The Class view drawn headless inside the app shell: files opened for a class fill its state, the
// CSV export reaches the platform, and "Show in Labs" puts every machine in the Labs charts once.
#include <gtest/gtest.h>

#include <algorithm>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "course/course_loader.h"
#include "headless_app.h"
#include "headless_imgui.h"
#include "labs/lab_report.h"
#include "progress/progress.h"
#include "progress/progress_keeper.h"
#include "ui/app_shell.h"
#include "ui/platform.h"
#include "ui/widget_registry.h"

namespace {

class ClassViewTest : public ::testing::Test {
protected:
    void SetUp() override { dojo::test::start_headless_imgui(); }
    void TearDown() override { ImGui::DestroyContext(); }

    dojo::NullPlatform platform_;
    dojo::MemoryTextStore store_;

    static void frame(dojo::AppShell& shell) { (void)dojo::test::frame(shell); }
    // Scrolls the main window down until the widget is on screen, then clicks it.
    void click(dojo::AppShell& shell, const std::string& label) {
        ImGuiIO& io = ImGui::GetIO();
        for (int i = 0; i < 60; ++i) {
            frame(shell);
            const auto rect = dojo::widget_registry().find(label);
            if (rect && rect->y >= 0 && rect->y + rect->h <= io.DisplaySize.y) {
                dojo::test::click(shell, label);
                return;
            }
            io.MousePos = {io.DisplaySize.x / 2, io.DisplaySize.y / 2};
            io.MouseWheel = -3;
        }
        FAIL() << "no widget labelled '" << label << "' came into view";
    }

    static dojo::Course course() {
        dojo::Course c;
        c.tracks.push_back({"t", "Track", "#3FD0C0", "microchip"});
        c.lessons.push_back(
            dojo::parse_lesson("+++\nid = \"one\"\ntitle = \"First lesson\"\ntrack = \"t\"\nsummary = \"S.\"\n"
                               "requires = []\nxp = 10\nminutes = 5\nobjectives = [\"o\"]\nsources = [\"s\"]\n+++\n"
                               "Hello.\n",
                               "one.md"));
        return c;
    }
    static std::string student(bool done, int xp) {
        dojo::Progress p;
        p.lessons["one"].completed = done;
        p.track_xp["t"] = xp;
        return dojo::progress_to_json(p);
    }
    static std::string results(const std::string& host) {
        dojo::LabReport r;
        r.lab = "bench";
        r.backend = "cpu";
        r.device = "Test CPU";
        r.created = "2026-11-22T09:00:00Z";
        r.machine = {host, "Linux", "Test CPU", ""};
        dojo::BenchResult b;
        b.backend = "cpu";
        b.kernel = "naive";
        b.dtype = "fp32";
        b.m = b.n = b.k = 64;
        b.repetitions = 1;
        b.gflops = 2;
        b.passed = true;
        r.matmul.push_back(b);
        return dojo::lab_report_to_json(r);
    }
};

TEST_F(ClassViewTest, FilesFillTheSummaryAndExportAsCsv) {
    dojo::AppShell shell(course(), platform_, store_);
    shell.import_class_file(student(true, 20), "ana-progress.json");
    shell.import_class_file(student(false, 5), "ben-progress.json");
    shell.import_class_file("{\"format\": \"compute-dojo-progress\", \"version\": 9}", "future.json");
    frame(shell);
    const auto state = shell.test_state();
    EXPECT_EQ(state["view"], "class");
    EXPECT_EQ(state["route"], "#/class");
    EXPECT_EQ(state["class"]["students"], 2);
    EXPECT_EQ(state["class"]["messages"], 1);
    EXPECT_EQ(state["class"]["files"], 3);

    click(shell, "\xef\x80\x99  Export CSV##lessons");
    EXPECT_EQ(platform_.exported_name, "class-lessons.csv");
    EXPECT_EQ(platform_.exported_text,
              "student,file,xp,lessons completed,First lesson\r\n"
              "ana,ana-progress.json,20,1,yes\r\nben,ben-progress.json,5,0,\r\n");

    click(shell, "\xef\x87\xb8  Start a new class");
    EXPECT_EQ(shell.test_state()["class"]["files"], 0);
}

TEST_F(ClassViewTest, ShowInLabsAddsEveryMachineOnce) {
    dojo::AppShell shell(course(), platform_, store_);
    shell.navigate("#/class");
    shell.import_class_file(results("lab-pc-1"), "a.json");
    shell.import_class_file(results("cloud"), "b.json");
    const std::string show = "\xef\x83\x83  Show in Labs: Matrix multiply: CPU against GPU";
    click(shell, show);
    auto state = shell.test_state();
    EXPECT_EQ(state["view"], "labs");
    EXPECT_EQ(state["labs"]["comparisons"], 2);

    shell.navigate("#/class");
    click(shell, show);
    EXPECT_EQ(shell.test_state()["labs"]["comparisons"], 2);  // not twice
}

}  // namespace
