// The desktop's platform services: SDL's clipboard and URL opener, PNG textures from the lessons
// folder, export to the Downloads folder, import by dropping a file on the window, and the
// hardware check run on a worker thread.
#pragma once

#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <optional>

#include "exercises/native_exercise_host.h"
#include "labs/lab_host_native.h"
#include "sdl_gl_runner.h"
#include "ui/platform.h"

namespace dojo {

class DesktopPlatform : public Platform {
public:
    DesktopPlatform(SdlGlRunner& runner, std::filesystem::path lessons_dir, std::filesystem::path export_dir);
    ~DesktopPlatform() override;

    void open_url(const std::string& url) override;
    void copy_to_clipboard(const std::string& text) override;
    ImTextureID image(const std::string& path, ImVec2& size) override;
    std::string export_file(const std::string& filename, const std::string& text) override;
    void request_import() override {}
    std::string import_hint() const override;
    void route_changed(const std::string&, bool) override {}
    bool runs_native_labs() const override { return true; }
    const HardwareReport* hardware_report() override;
    // The lab host starts (and opens the backends on its worker) on first call.
    LabHost* labs() override;
    // The exercise host starts (and looks for devices on its worker) on first call.
    ExerciseHost* exercises() override;
    std::string export_png(const std::string& filename, ImVec2 min, ImVec2 max) override;

    // Call after the frame is rendered into the back buffer: writes a pending PNG export, and tells
    // `notice` when that failed.
    void after_render(const std::function<void(const std::string&, bool)>& notice);

    // Where exports go: $XDG_DOWNLOAD_DIR, ~/Downloads, or the home folder.
    static std::filesystem::path default_export_dir();

private:
    SdlGlRunner& runner_;
    std::filesystem::path lessons_dir_, export_dir_;
    std::future<HardwareReport> pending_;
    std::optional<HardwareReport> report_;
    std::unique_ptr<NativeLabHost> labs_;
    std::unique_ptr<NativeExerciseHost> exercises_;
    struct PngRequest {
        std::filesystem::path path;
        ImVec2 min, max;
    };
    std::optional<PngRequest> png_;
};

}  // namespace dojo
