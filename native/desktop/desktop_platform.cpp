// Desktop platform services over SDL2 and the file system.
#include "desktop_platform.h"

#include <SDL.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

#include "cuda/cuda_probe.h"
#include "hardware/cpu_probe.h"
#include "vulkan/vulkan_probe.h"

namespace dojo {

namespace fs = std::filesystem;

DesktopPlatform::DesktopPlatform(SdlGlRunner& runner, fs::path lessons_dir, fs::path export_dir)
    : runner_(runner), lessons_dir_(std::move(lessons_dir)), export_dir_(std::move(export_dir)) {}

DesktopPlatform::~DesktopPlatform() {
    if (pending_.valid()) pending_.wait();  // the probes finish in a second or so; never leave a device half-used
}

fs::path DesktopPlatform::default_export_dir() {
    std::error_code ec;
    if (const char* d = std::getenv("XDG_DOWNLOAD_DIR"); d && *d && fs::is_directory(d, ec)) return d;
    if (const char* home = std::getenv("HOME"); home && *home) {
        if (fs::is_directory(fs::path(home) / "Downloads", ec)) return fs::path(home) / "Downloads";
        return home;
    }
    return fs::current_path(ec);
}

void DesktopPlatform::open_url(const std::string& url) {
    if (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0) SDL_OpenURL(url.c_str());
}

void DesktopPlatform::copy_to_clipboard(const std::string& text) { SDL_SetClipboardText(text.c_str()); }

ImTextureID DesktopPlatform::image(const std::string& path, ImVec2& size) { return runner_.texture((lessons_dir_ / path).string(), size); }

std::string DesktopPlatform::export_file(const std::string& filename, const std::string& text) {
    std::error_code ec;
    fs::create_directories(export_dir_, ec);
    const fs::path target = export_dir_ / filename;
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) return "Could not save " + target.string() + ": check that the folder exists and is writable.";
    return "Progress saved to " + target.string() + ". Drop that file onto this window to import it on another computer.";
}

std::string DesktopPlatform::import_hint() const { return "To import, drop a progress file (compute-dojo-progress.json) onto this window."; }

const HardwareReport* DesktopPlatform::hardware_report() {
    if (report_) return &*report_;
    if (!pending_.valid()) {
        pending_ = std::async(std::launch::async, [] {
            HardwareReport r;
            r.cpu = probe_cpu();
            r.cuda = probe_cuda();
            r.vulkan = probe_vulkan();
            return r;
        });
    }
    if (pending_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) report_ = pending_.get();
    return report_ ? &*report_ : nullptr;
}

}  // namespace dojo
