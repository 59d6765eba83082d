// Browser services through EM_JS. Each runs inside the user's click (ImGui reacts in the same
// event-loop turn), which the clipboard and pop-up rules of browsers require.
#include "web_platform.h"

#include <emscripten.h>

namespace dojo {

namespace {

// clang-format off
EM_JS(void, dojo_open_url, (const char* url), {
    const u = UTF8ToString(url);
    if (u.startsWith("https://") || u.startsWith("http://")) window.open(u, "_blank", "noopener");
});
// clang-format on

// clang-format off
EM_JS(void, dojo_copy_text, (const char* text), {
    const t = UTF8ToString(text);
    if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(t).catch((e) => console.log("clipboard: " + e));
    }
});
// clang-format on

// clang-format off
EM_JS(void, dojo_download, (const char* name, const char* text), {
    const blob = new Blob([UTF8ToString(text)], {type: "application/json"});
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = UTF8ToString(name);
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 0);
});
// clang-format on

// Opens a file picker. A progress file's text goes to dojo_import; lab results files (several at
// once) go to dojo_import_results with their names; with results 2, a class's files (several progress
// and results files) go to dojo_import_class_file with their names (all exported by main.cpp).
// clang-format off
EM_JS(void, dojo_pick_file, (int results), {
    const input = document.createElement("input");
    input.type = "file";
    input.accept = ".json,application/json";
    input.multiple = !!results;
    input.onchange = () => {
        for (const file of Array.from(input.files || [])) {
            file.text().then((text) => {
                if (results === 2) Module.ccall("dojo_import_class_file", null, ["string", "string"], [text, file.name]);
                else if (results) Module.ccall("dojo_import_results", null, ["string", "string"], [text, file.name]);
                else Module.ccall("dojo_import", null, ["string"], [text]);
            });
        }
    };
    input.click();
});
// clang-format on

// clang-format off
EM_JS(void, dojo_set_route, (const char* route, int replace), {
    const r = UTF8ToString(route);
    if (window.location.hash === r || (r === "#/" && window.location.hash === "")) return;
    if (replace) history.replaceState(null, "", r);
    else history.pushState(null, "", r);
});
// clang-format on

}  // namespace

void WebPlatform::open_url(const std::string& url) {
    dojo_open_url(url.c_str());
}
void WebPlatform::copy_to_clipboard(const std::string& text) {
    dojo_copy_text(text.c_str());
}
ImTextureID WebPlatform::image(const std::string& path, ImVec2& size) {
    return runner_.texture("/lessons/" + path, size);
}

std::string WebPlatform::export_file(const std::string& filename, const std::string& text) {
    dojo_download(filename.c_str(), text.c_str());
    if (filename.find("progress") == std::string::npos) return "Downloaded " + filename + " (see your browser's downloads).";
    return "Your progress was downloaded as " + filename + ". Import it here or on another device to continue.";
}

void WebPlatform::request_import() {
    dojo_pick_file(0);
}
void WebPlatform::request_results_file() {
    dojo_pick_file(1);
}
void WebPlatform::request_class_files() {
    dojo_pick_file(2);
}
void WebPlatform::route_changed(const std::string& route, bool replace) {
    dojo_set_route(route.c_str(), replace ? 1 : 0);
}

}  // namespace dojo
