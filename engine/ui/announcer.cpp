// The queue of announcements for a screen reader (see announcer.h).
#include "ui/announcer.h"

namespace dojo {

namespace {

std::vector<std::string>& queue() {
    static std::vector<std::string> q;
    return q;
}

}  // namespace

void announce(std::string text) {
    if (text.empty()) return;
    if (queue().size() >= 16) queue().erase(queue().begin());  // a host that never reads them keeps only the last few
    queue().push_back(std::move(text));
}

std::vector<std::string> take_announcements() {
    std::vector<std::string> out;
    out.swap(queue());
    return out;
}

}  // namespace dojo
