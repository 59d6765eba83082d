// The browser's platform services: links in new tabs, the async Clipboard API, textures from the
// preloaded lessons, downloads and uploads of progress files, history entries for each route so
// back, forward and shared links work, the labs' worker and WGSL kernel exercises on WebGPU.
#pragma once

#include "sdl_gl_runner.h"
#include "ui/platform.h"
#include "web_exercise_host.h"
#include "web_lab_host.h"

namespace dojo {

class WebPlatform : public Platform {
public:
    explicit WebPlatform(SdlGlRunner& runner) : runner_(runner) {}

    void open_url(const std::string& url) override;
    void copy_to_clipboard(const std::string& text) override;
    ImTextureID image(const std::string& path, ImVec2& size) override;
    std::string export_file(const std::string& filename, const std::string& text) override;
    void request_import() override;
    std::string import_hint() const override { return "Choose a progress file (compute-dojo-progress.json) to import."; }
    void route_changed(const std::string& route, bool replace) override;
    bool runs_native_labs() const override { return false; }
    const HardwareReport* hardware_report() override { return nullptr; }
    LabHost* labs() override { return &labs_; }
    ExerciseHost* exercises() override { return &exercises_; }
    WebExerciseHost& exercise_host() { return exercises_; }
    bool picks_results_files() const override { return true; }
    void request_results_file() override;
    bool picks_class_files() const override { return true; }
    void request_class_files() override;
    std::string results_hint() const override {
        return "Open a results file (from dojo bench --json or an export) to compare it with yours.";
    }

private:
    SdlGlRunner& runner_;
    WebLabHost labs_;
    WebExerciseHost exercises_;
};

}  // namespace dojo
