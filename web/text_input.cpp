// The on-screen keyboard for the browser (see text_input.h). JavaScript owns the hidden <input>; it
// reports typing as "text" and "key" items that reach ImGui one key press per frame, because ImGui
// 1.86 reads keys as held-down state and would miss a press and release within one frame.
#include "text_input.h"

#include <emscripten.h>

#include <SDL.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <deque>
#include <string>

#include "page_loop.h"
#include "ui/fonts.h"
#include "ui/text_fields.h"

namespace {

struct Typed {
    std::string text;                         // characters to add, when key is unknown
    SDL_Scancode key = SDL_SCANCODE_UNKNOWN;  // else a key to press and release
};
std::deque<Typed> g_queue;
SDL_Scancode g_held = SDL_SCANCODE_UNKNOWN;  // pressed last frame, released this one
bool g_wanted = false;                       // ImGui wanted text input in the last frame drawn
bool g_hovering_text_field = false;          // the pointer was over a text field in the last frame drawn

void send_key(SDL_Scancode key, bool down) {
    SDL_Event e{};
    e.type = down ? SDL_KEYDOWN : SDL_KEYUP;
    e.key.state = down ? SDL_PRESSED : SDL_RELEASED;
    e.key.keysym.scancode = key;
    e.key.keysym.sym = SDL_GetKeyFromScancode(key);
    SDL_PushEvent(&e);
}

// Creates the hidden input once and wires its events to dojo_text_input_typed(). It lies over the field
// being edited, transparent, so the browser scrolls that place into view above the keyboard. A tap on a
// text field focuses it inside the tap's own event, since phones raise the keyboard only for focus
// that comes from a user gesture. Only touch needs any of this: with a mouse, the physical keyboard
// already reaches the canvas, so the input stays out of the way.
// clang-format off
EM_JS(void, dojo_text_input_install, (), {
    if (Module.dojoTextInput) return;
    const input = document.createElement("input");
    input.type = "text";
    input.id = "dojo-text-input";
    input.setAttribute("autocomplete", "off");
    input.setAttribute("autocapitalize", "off");
    input.setAttribute("spellcheck", "false");
    input.setAttribute("aria-label", "Text for the field being edited");
    input.style.cssText = "position:fixed;left:0;top:-100px;width:1px;height:24px;opacity:0;border:0;padding:0;" +
                          "margin:0;font-size:16px;background:transparent;color:transparent;caret-color:transparent;z-index:1";
    (document.getElementById("app") || document.body).appendChild(input);  // in the landmark that holds the canvas
    const SENTINEL = " ";
    let previous = SENTINEL;
    const reset = () => { input.value = SENTINEL; previous = SENTINEL; input.setSelectionRange(1, 1); };
    const typed = (text, key) => Module.ccall("dojo_text_input_typed", null, ["string", "number"], [text, key]);
    const keys = { Backspace: 42, Enter: 40, Tab: 43, Escape: 41, Delete: 76, ArrowLeft: 80, ArrowRight: 79,
                   ArrowUp: 82, ArrowDown: 81, Home: 74, End: 77 };
    input.addEventListener("input", () => {
        const now = input.value;
        let same = 0;
        while (same < now.length && same < previous.length && now[same] === previous[same]) ++same;
        for (let i = same; i < previous.length; ++i) typed("", keys.Backspace);
        if (now.length > same) typed(now.slice(same), 0);
        previous = now;
        if (!now.startsWith(SENTINEL)) reset();
    });
    input.addEventListener("keydown", (e) => {
        e.stopPropagation();
        if (e.key !== "Backspace" && keys[e.key] !== undefined) {
            e.preventDefault();
            typed("", keys[e.key]);
            if (e.key === "Enter") reset();
        }
    });
    input.addEventListener("keyup", (e) => e.stopPropagation());
    input.addEventListener("keypress", (e) => e.stopPropagation());
    const focusNow = () => {
        if (document.activeElement === input) return;
        reset();
        input.focus({ preventScroll: true });
    };
    let touching = false;
    Module.canvas.addEventListener("pointerdown", (e) => { touching = e.pointerType === "touch" || e.pointerType === "pen"; });
    Module.canvas.addEventListener("pointerup", () => {
        if (touching && Module.ccall("dojo_text_input_hovering", "number", [], [])) focusNow();
    });
    let placed = "";
    Module.dojoTextInput = {
        input: input,
        show: (x, y, h, decimal) => {
            if (!touching) return;
            const where = [Math.round(x), Math.round(y), Math.round(Math.max(h, 16)), decimal].join(",");
            if (where !== placed) {
                placed = where;
                input.setAttribute("inputmode", decimal ? "decimal" : "text");
                input.style.left = Math.round(x) + "px";
                input.style.top = Math.round(y) + "px";
                input.style.height = Math.round(Math.max(h, 16)) + "px";
            }
            focusNow();
        },
        hide: () => {
            if (document.activeElement === input) {
                input.blur();
                Module.canvas.focus({ preventScroll: true });
            }
            input.style.top = "-100px";
            placed = "";
        },
    };
});
// clang-format on

// clang-format off
EM_JS(void, dojo_text_input_show, (float x, float y, float h, int decimal), { Module.dojoTextInput.show(x, y, h, decimal); });
// clang-format on
// clang-format off
EM_JS(void, dojo_text_input_hide, (), { Module.dojoTextInput.hide(); });
// clang-format on

}  // namespace

extern "C" {

// Typing in the hidden input: `text` to add, or with `scancode` non-zero one key (an SDL scancode) to press.
EMSCRIPTEN_KEEPALIVE void dojo_text_input_typed(const char* text, int scancode) {
    dojo::page_loop::wake();  // the keys are handed to ImGui at the next frame
    if (scancode > 0 && scancode < SDL_NUM_SCANCODES)
        g_queue.push_back({"", static_cast<SDL_Scancode>(scancode)});
    else if (text && *text)
        g_queue.push_back({text, SDL_SCANCODE_UNKNOWN});
}

// Whether a tap that ends now lands on a text field: ImGui shows the text cursor over one.
EMSCRIPTEN_KEEPALIVE int dojo_text_input_hovering() {
    return g_hovering_text_field || g_wanted ? 1 : 0;
}

}  // extern "C"

namespace dojo {

void text_input_before_frame() {
    dojo_text_input_install();
    if (g_held != SDL_SCANCODE_UNKNOWN) {  // released a frame after its press, so ImGui saw it down
        send_key(g_held, false);
        g_held = SDL_SCANCODE_UNKNOWN;
        return;
    }
    // Text goes in at once, up to the next key: order matters (a Backspace, then the replacing letters).
    while (!g_queue.empty() && g_queue.front().key == SDL_SCANCODE_UNKNOWN) {
        ImGui::GetIO().AddInputCharactersUTF8(g_queue.front().text.c_str());
        g_queue.pop_front();
    }
    if (!g_queue.empty()) {
        g_held = g_queue.front().key;
        g_queue.pop_front();
        send_key(g_held, true);
    }
}

void text_input_after_frame() {
    const ImGuiContext& g = *GImGui;
    g_hovering_text_field = ImGui::GetMouseCursor() == ImGuiMouseCursor_TextInput;
    const bool wanted = g.WantTextInputNextFrame == 1;
    if (wanted) {
        // PlatformImePos is the text cursor of the field being edited, in ImGui units: ui_scale() CSS pixels each.
        const ImVec2 at = g.PlatformImePos;
        const float scale = ui_scale();
        const bool decimal = editing_numeric_field();
        const bool placed = at.x != FLT_MAX && at.y != FLT_MAX;
        dojo_text_input_show(placed ? at.x * scale : 0, placed ? at.y * scale : 0, g.FontSize * 1.4f * scale, decimal ? 1 : 0);
    } else if (g_wanted) {
        dojo_text_input_hide();
        g_queue.clear();
    }
    g_wanted = wanted;
}

}  // namespace dojo
