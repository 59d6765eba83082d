// What the views need from the platform they run on, and nothing more: one small interface with
// one implementation per platform (platform/, native/desktop, web/), chosen at build time.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "hardware/hardware_report.h"

namespace dojo {

class LabHost;
class ExerciseHost;

class Platform {
public:
    virtual ~Platform() = default;

    // Opens an http(s) address in the browser (a new tab on the web).
    virtual void open_url(const std::string& url) = 0;
    virtual void copy_to_clipboard(const std::string& text) = 0;

    // A texture of a PNG given relative to the lessons folder, and its size in pixels; null when it
    // cannot be loaded. Loaded once, kept for the app's life.
    virtual ImTextureID image(const std::string& path, ImVec2& size) = 0;

    // Saves `text` for the learner (a download on the web, a file on the desktop). Returns a
    // sentence that says where it went, or what went wrong.
    virtual std::string export_file(const std::string& filename, const std::string& text) = 0;
    // Lets the learner pick a progress file; the text comes back through AppShell::import_progress.
    virtual void request_import() = 0;
    // How to import on this platform, e.g. "Drop a progress file onto the window".
    virtual std::string import_hint() const = 0;

    // The app moved to `route` (such as "#/lesson/cpu-vs-gpu"), so the browser's back and forward
    // buttons and shared links work. `replace` rewrites the current history entry.
    virtual void route_changed(const std::string& route, bool replace) = 0;

    // Native platforms can measure this machine; the browser cannot.
    virtual bool runs_native_labs() const = 0;
    // The hardware check, started on a worker on first call; null until it has finished.
    virtual const HardwareReport* hardware_report() = 0;
    // Runs the compute labs on a worker thread (labs/lab_host.h); null where labs cannot run (the
    // browser, tests without a host).
    virtual LabHost* labs() { return nullptr; }
    // Checks learners' kernels on a worker (exercises/exercise_host.h); null where no device can
    // check them here. The desktop's starts looking for devices when first asked.
    virtual ExerciseHost* exercises() { return nullptr; }
    // Lets the learner pick a lab results file (dojo bench --json, an export) to compare; the text
    // comes back through AppShell::import_lab_results. Where this does nothing, results_hint() says how.
    virtual bool picks_results_files() const { return false; }
    virtual void request_results_file() {}
    virtual std::string results_hint() const { return "Drop a results file onto the window to compare it with yours."; }
    // Lets a teacher pick several students' files at once (progress and results files) for the Class
    // view; each text comes back through AppShell::import_class_file. Where this is false, files
    // dropped onto the window while the Class view is open go there.
    virtual bool picks_class_files() const { return false; }
    virtual void request_class_files() {}
    // Saves the window's pixels in [min, max) (logical pixels, e.g. a chart) as a PNG named
    // `filename`, once the frame being drawn is rendered. Returns a sentence that says where it goes
    // or why it cannot.
    virtual std::string export_png(const std::string& filename, ImVec2 min, ImVec2 max) {
        (void)filename, (void)min, (void)max;
        return "Saving a picture of the chart is not available here.";
    }
};

// A platform that does nothing: for tests and tools that draw without a window.
class NullPlatform : public Platform {
public:
    void open_url(const std::string& url) override { last_url = url; }
    void copy_to_clipboard(const std::string& text) override { clipboard = text; }
    ImTextureID image(const std::string&, ImVec2&) override { return nullptr; }
    std::string export_file(const std::string& filename, const std::string& text) override {
        exported_name = filename;
        exported_text = text;
        return "saved " + filename;
    }
    void request_import() override { import_requested = true; }
    std::string import_hint() const override { return "Import is not available here."; }
    void route_changed(const std::string& route, bool) override { routes.push_back(route); }
    // With a fake lab host the tests stand for the desktop; browser_labs makes them stand for the browser.
    bool runs_native_labs() const override { return lab_host && !browser_labs; }
    const HardwareReport* hardware_report() override { return nullptr; }
    LabHost* labs() override { return lab_host; }
    ExerciseHost* exercises() override { return exercise_host; }
    std::string export_png(const std::string& filename, ImVec2, ImVec2) override {
        exported_png = filename;
        return "Saving a picture of the chart is not available here.";
    }

    LabHost* lab_host = nullptr;  // tests set a fake one
    ExerciseHost* exercise_host = nullptr;
    bool browser_labs = false;
    std::string exported_png;
    std::string last_url, clipboard, exported_name, exported_text;
    bool import_requested = false;
    std::vector<std::string> routes;
};

}  // namespace dojo
