// What a screen reader should hear without moving there: a quiz's verdict and the XP it earned, a
// notice, a level or a lesson completed, an exercise's verdict. The views announce; the browser reads
// the frame's announcements into a polite live region (web/dom_bridge.cpp, index.html #live).
#pragma once

#include <string>
#include <vector>

namespace dojo {

void announce(std::string text);
// The announcements since the last call, oldest first.
std::vector<std::string> take_announcements();

}  // namespace dojo
