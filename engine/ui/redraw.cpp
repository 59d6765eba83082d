// The frame requests of the views and the loop's decision to rest (see redraw.h).
#include "ui/redraw.h"

#include <algorithm>

namespace dojo {

namespace {
double g_requested = kWaitForInput;
}  // namespace

namespace redraw {

void request_frame() {
    g_requested = 0.0;
}
void request_frame_in(double seconds) {
    g_requested = std::min(g_requested, std::max(0.0, seconds));
}
double requested_in() {
    return g_requested;
}
void clear() {
    g_requested = kWaitForInput;
}

}  // namespace redraw

double FramePacer::wait_after_frame(double requested_in, bool held) {
    if (frames_since_input_ < kSettleFrames) ++frames_since_input_;
    if (frames_since_input_ < kSettleFrames || held) return 0.0;
    return requested_in;
}

}  // namespace dojo
