// Desktop platform services over SDL2 and the file system.
#include "desktop_platform.h"

#include <SDL.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <vector>

#include <stb/stb_image_write.h>

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

void DesktopPlatform::copy_to_clipboard(const std::string& text) {
    SDL_SetClipboardText(text.c_str());
}

ImTextureID DesktopPlatform::image(const std::string& path, ImVec2& size) {
    return runner_.texture((lessons_dir_ / path).string(), size);
}

std::string DesktopPlatform::export_file(const std::string& filename, const std::string& text) {
    std::error_code ec;
    fs::create_directories(export_dir_, ec);
    const fs::path target = export_dir_ / filename;
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) return "Could not save " + target.string() + ": check that the folder exists and is writable.";
    if (target.extension() == ".csv" || target.extension() == ".png") return "Saved to " + target.string() + ".";
    if (filename.find("progress") == std::string::npos)
        return "Saved to " + target.string() + ". Drop that file onto the app's window on another computer to compare.";
    return "Progress saved to " + target.string() + ". Drop that file onto this window to import it on another computer.";
}

std::string DesktopPlatform::import_hint() const {
    return "To import, drop a progress file (compute-dojo-progress.json) onto this window.";
}

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

namespace dojo {

LabHost* DesktopPlatform::labs() {
    if (!labs_) labs_ = std::make_unique<NativeLabHost>();
    return labs_.get();
}

ExerciseHost* DesktopPlatform::exercises() {
    if (!exercises_) exercises_ = std::make_unique<NativeExerciseHost>();
    return exercises_.get();
}

std::string DesktopPlatform::export_png(const std::string& filename, ImVec2 min, ImVec2 max) {
    if (max.x <= min.x || max.y <= min.y) return "There is no chart on screen to save.";
    std::error_code ec;
    fs::create_directories(export_dir_, ec);
    png_ = PngRequest{export_dir_ / filename, min, max};
    return "The chart is saved to " + png_->path.string() + ".";
}

void DesktopPlatform::after_render(const std::function<void(const std::string&, bool)>& notice) {
    if (!png_) return;
    const PngRequest request = *png_;
    png_.reset();
    std::vector<unsigned char> rgba;
    int w = 0, h = 0;
    if (!runner_.read_pixels(rgba, w, h) || w <= 0 || h <= 0) {
        if (notice) notice("Could not read the window's pixels to save the chart.", true);
        return;
    }
    // Logical pixels to framebuffer pixels.
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float sx = display.x > 0 ? static_cast<float>(w) / display.x : 1.0f,
                sy = display.y > 0 ? static_cast<float>(h) / display.y : 1.0f;
    const int x0 = std::clamp(static_cast<int>(request.min.x * sx), 0, w),
              y0 = std::clamp(static_cast<int>(request.min.y * sy), 0, h);
    const int x1 = std::clamp(static_cast<int>(request.max.x * sx + 0.5f), 0, w),
              y1 = std::clamp(static_cast<int>(request.max.y * sy + 0.5f), 0, h);
    if (x1 <= x0 || y1 <= y0) {
        if (notice) notice("The chart is not on screen: scroll to it and save again.", true);
        return;
    }
    const int cw = x1 - x0, ch = y1 - y0;
    std::vector<unsigned char> crop(static_cast<std::size_t>(cw) * static_cast<std::size_t>(ch) * 4);
    for (int y = 0; y < ch; ++y)
        std::copy_n(&rgba[(static_cast<std::size_t>(y0 + y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x0)) * 4],
                    static_cast<std::size_t>(cw) * 4, &crop[static_cast<std::size_t>(y) * static_cast<std::size_t>(cw) * 4]);
    if (!stbi_write_png(request.path.string().c_str(), cw, ch, 4, crop.data(), cw * 4) && notice)
        notice("Could not save " + request.path.string() + ": check that the folder exists and is writable.", true);
}

}  // namespace dojo
