// Font Awesome 4.7 glyphs used by the views, as UTF-8 strings. The font itself comes from the
// Debian package fonts-font-awesome and is merged into the text fonts (see fonts.cpp).
#pragma once

namespace dojo::icon {

inline constexpr unsigned short kFirst = 0xF000;
inline constexpr unsigned short kLast = 0xF2E0;

inline constexpr const char* kMicrochip = "\xef\x8b\x9b";      // U+F2DB
inline constexpr const char* kGraduationCap = "\xef\x86\x9d";  // U+F19D
inline constexpr const char* kStar = "\xef\x80\x85";           // U+F005
inline constexpr const char* kBook = "\xef\x80\xad";           // U+F02D
inline constexpr const char* kWarning = "\xef\x81\xb1";        // U+F071
inline constexpr const char* kClock = "\xef\x80\x97";          // U+F017
inline constexpr const char* kChevronRight = "\xef\x81\x94";   // U+F054
inline constexpr const char* kChevronLeft = "\xef\x81\x93";    // U+F053

}  // namespace dojo::icon
