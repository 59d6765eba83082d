// The resting requestAnimationFrame loop (see page_loop.h).
#include "page_loop.h"

#include <emscripten.h>

#include <cmath>

#include <SDL.h>

namespace dojo::page_loop {

namespace {

bool g_resting = false;
bool g_woken = false;

// Module.dojoWake() lets the page's scripts (index.html, the labs worker's messages) wake the loop.
// clang-format off
EM_JS(void, dojo_install_wake, (), {
    Module.dojoWake = () => { if (Module._dojo_wake) Module._dojo_wake(); };
});
// clang-format on

// A frame after `ms` milliseconds (a clock's next second, the caret's blink); replaces the last one.
// It only restarts the loop: a frame a view asked for needs no settle frames after it.
// clang-format off
EM_JS(void, dojo_wake_after, (double ms), {
    clearTimeout(Module.dojoWakeTimer);
    Module.dojoWakeTimer = setTimeout(() => Module._dojo_resume(), ms);
});
// clang-format on

// clang-format off
EM_JS(void, dojo_cancel_wake_timer, (), { clearTimeout(Module.dojoWakeTimer); });
// clang-format on

}  // namespace

// Restarts a stopped loop at the next animation frame.
void resume() {
    if (!g_resting) return;
    g_resting = false;
    dojo_cancel_wake_timer();
    emscripten_resume_main_loop();
}

namespace {

// SDL's browser backend turns every DOM event it listens to (pointer, touch, keys, wheel, resize,
// focus) into an SDL event; a watch sees each one as it is queued, even while the loop is stopped.
// SDL's own poll sentinel (pushed on every poll) is no news. Events are counted as input by the
// frame that polls them, so this only restarts the loop.
int wake_on_event(void*, SDL_Event* event) {
    if (event->type != SDL_POLLSENTINEL) resume();
    return 0;
}

}  // namespace

void run(void (*frame)()) {
    dojo_install_wake();
    SDL_AddEventWatch(wake_on_event, nullptr);
    emscripten_set_main_loop(frame, 0, true);
}

void rest(double seconds) {
    if (seconds <= 0 || g_resting) return;
    g_resting = true;
    emscripten_pause_main_loop();
    if (std::isfinite(seconds)) dojo_wake_after(seconds * 1000.0);
}

void wake() {
    g_woken = true;
    resume();
}

bool take_wake() {
    const bool woken = g_woken;
    g_woken = false;
    return woken;
}

}  // namespace dojo::page_loop

extern "C" {

// Module.dojoWake(): input the SDL watch does not see (a navigation, a file, a worker's message).
EMSCRIPTEN_KEEPALIVE void dojo_wake() {
    dojo::page_loop::wake();
}
// A view's timer came due.
EMSCRIPTEN_KEEPALIVE void dojo_resume() {
    dojo::page_loop::resume();
}

}  // extern "C"
