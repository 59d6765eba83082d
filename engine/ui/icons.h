// Font Awesome 4.7 glyphs used by the views, as UTF-8 strings. The font itself comes from the
// Debian package fonts-font-awesome and is merged into the text fonts (see fonts.cpp).
#pragma once

#include <string_view>

namespace dojo::icon {

inline constexpr const char* kMicrochip = "\xef\x8b\x9b";      // U+F2DB
inline constexpr const char* kGraduationCap = "\xef\x86\x9d";  // U+F19D
inline constexpr const char* kStar = "\xef\x80\x85";           // U+F005
inline constexpr const char* kBook = "\xef\x80\xad";           // U+F02D
inline constexpr const char* kWarning = "\xef\x81\xb1";        // U+F071
inline constexpr const char* kClock = "\xef\x80\x97";          // U+F017
inline constexpr const char* kChevronRight = "\xef\x81\x94";   // U+F054
inline constexpr const char* kChevronLeft = "\xef\x81\x93";    // U+F053
inline constexpr const char* kCheck = "\xef\x80\x8c";          // U+F00C
inline constexpr const char* kTimes = "\xef\x80\x8d";          // U+F00D
inline constexpr const char* kLightbulb = "\xef\x83\xab";      // U+F0EB
inline constexpr const char* kInfoCircle = "\xef\x81\x9a";     // U+F05A
inline constexpr const char* kExchange = "\xef\x83\xac";       // U+F0EC
inline constexpr const char* kCopy = "\xef\x83\x85";           // U+F0C5
inline constexpr const char* kFlask = "\xef\x83\x83";          // U+F0C3
inline constexpr const char* kSitemap = "\xef\x83\xa8";        // U+F0E8
inline constexpr const char* kSearch = "\xef\x80\x82";         // U+F002
inline constexpr const char* kQuestion = "\xef\x84\xa8";       // U+F128
inline constexpr const char* kRefresh = "\xef\x80\xa1";        // U+F021
inline constexpr const char* kHome = "\xef\x80\x95";           // U+F015
inline constexpr const char* kBars = "\xef\x83\x89";           // U+F0C9
inline constexpr const char* kTrophy = "\xef\x82\x91";         // U+F091
inline constexpr const char* kLock = "\xef\x80\xa3";           // U+F023
inline constexpr const char* kPlay = "\xef\x81\x8b";           // U+F04B
inline constexpr const char* kExternalLink = "\xef\x82\x8e";   // U+F08E
inline constexpr const char* kDownload = "\xef\x80\x99";       // U+F019
inline constexpr const char* kUpload = "\xef\x82\x93";         // U+F093
inline constexpr const char* kTrash = "\xef\x87\xb8";          // U+F1F8
inline constexpr const char* kCheckCircle = "\xef\x81\x98";    // U+F058
inline constexpr const char* kCircle = "\xef\x84\x8c";         // U+F10C
inline constexpr const char* kChevronDown = "\xef\x81\xb8";    // U+F078
inline constexpr const char* kUserCircle = "\xef\x8a\xbd";     // U+F2BD
inline constexpr const char* kDesktop = "\xef\x84\x88";        // U+F108

inline constexpr const char* kPause = "\xef\x81\x8c";  // U+F04C
inline constexpr const char* kCog = "\xef\x80\x93";    // U+F013
// Track icons that course.toml names (icon_by_name below).
inline constexpr const char* kDatabase = "\xef\x87\x80";    // U+F1C0
inline constexpr const char* kCode = "\xef\x84\xa1";        // U+F121
inline constexpr const char* kBolt = "\xef\x83\xa7";        // U+F0E7
inline constexpr const char* kCloud = "\xef\x83\x82";       // U+F0C2
inline constexpr const char* kWrench = "\xef\x82\xad";      // U+F0AD
inline constexpr const char* kServer = "\xef\x88\xb3";      // U+F233
inline constexpr const char* kTachometer = "\xef\x83\xa4";  // U+F0E4
inline constexpr const char* kCogs = "\xef\x82\x85";        // U+F085
inline constexpr const char* kLineChart = "\xef\x88\x81";   // U+F201
inline constexpr const char* kRocket = "\xef\x84\xb5";      // U+F135
// Achievement and streak icons (lessons/achievements.toml names them too).
inline constexpr const char* kFire = "\xef\x81\xad";       // U+F06D
inline constexpr const char* kCalendar = "\xef\x81\xb3";   // U+F073
inline constexpr const char* kBug = "\xef\x86\x88";        // U+F188
inline constexpr const char* kSnowflake = "\xef\x8b\x9c";  // U+F2DC

// Every glyph above. Only these are rasterized into the font atlas (fonts.cpp): 6 fonts times all
// 737 glyphs of Font Awesome made the atlas, and the app's start, several times larger. A new icon
// goes here too (tests/unit/fonts_test.cpp checks that none is missing).
inline constexpr const char* kAll[] = {
    kMicrochip, kGraduationCap, kStar,       kBook,        kWarning,    kClock,      kChevronRight, kChevronLeft, kCheck,
    kTimes,     kLightbulb,     kInfoCircle, kExchange,    kCopy,       kFlask,      kSitemap,      kSearch,      kQuestion,
    kRefresh,   kHome,          kBars,       kTrophy,      kLock,       kPlay,       kExternalLink, kDownload,    kUpload,
    kTrash,     kCheckCircle,   kCircle,     kChevronDown, kUserCircle, kDesktop,    kPause,        kCog,         kDatabase,
    kCode,      kBolt,          kCloud,      kWrench,      kServer,     kTachometer, kCogs,         kLineChart,   kRocket,
    kFire,      kCalendar,      kBug,        kSnowflake,
};

// The glyph for a Font Awesome 4.7 name used in course.toml (e.g. "microchip"); a book if unknown.
inline const char* icon_by_name(std::string_view name) {
    struct Named {
        std::string_view name;
        const char* glyph;
    };
    static constexpr Named kNamed[] = {
        {"microchip", kMicrochip},
        {"database", kDatabase},
        {"code", kCode},
        {"bolt", kBolt},
        {"cloud", kCloud},
        {"wrench", kWrench},
        {"graduation-cap", kGraduationCap},
        {"flask", kFlask},
        {"desktop", kDesktop},
        {"sitemap", kSitemap},
        {"book", kBook},
        {"star", kStar},
        {"server", kServer},
        {"tachometer", kTachometer},
        {"cogs", kCogs},
        {"line-chart", kLineChart},
        {"rocket", kRocket},
        {"trophy", kTrophy},
        {"fire", kFire},
        {"calendar", kCalendar},
        {"bug", kBug},
        {"snowflake-o", kSnowflake},
        {"check-circle", kCheckCircle},
        {"refresh", kRefresh},
        {"lightbulb-o", kLightbulb},
    };
    for (const auto& n : kNamed)
        if (n.name == name) return n.glyph;
    return kBook;
}

}  // namespace dojo::icon
