// The desktop's platform services: SDL's clipboard and URL opener, PNG textures from the lessons
// folder, export to the Downloads folder, import by dropping a file on the window, and the
// hardware check run on a worker thread.
#pragma once

#include <filesystem>
#include <future>
#include <optional>

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

    // Where exports go: $XDG_DOWNLOAD_DIR, ~/Downloads, or the home folder.
    static std::filesystem::path default_export_dir();

private:
    SdlGlRunner& runner_;
    std::filesystem::path lessons_dir_, export_dir_;
    std::future<HardwareReport> pending_;
    std::optional<HardwareReport> report_;
};

}  // namespace dojo
