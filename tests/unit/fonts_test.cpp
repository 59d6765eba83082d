// The embedded fonts are cut down to what the app draws (cmake/DojoFontSubset.cmake) and the atlas
// holds only the icons the views use (icon::kAll): every icon constant must be listed there with its
// code point, and every glyph the text needs must survive the subsetting.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <imgui.h>

#include "headless_imgui.h"
#include "ui/fonts.h"
#include "ui/icons.h"

namespace {

unsigned decode_utf8(const std::string& s) {
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    if (s.size() == 3) return ((b(0) & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu);
    return 0;
}

// "\xef\x8b\x9b" as written in the header, to its bytes.
std::string unescape(const std::string& literal) {
    std::string out;
    for (std::size_t i = 0; i + 4 <= literal.size(); i += 4)
        out.push_back(static_cast<char>(std::stoi(literal.substr(i + 2, 2), nullptr, 16)));
    return out;
}

TEST(Icons, EveryConstantIsInTheAtlasListWithItsCodePoint) {
    std::ifstream in(DOJO_ICONS_HEADER);
    ASSERT_TRUE(in) << DOJO_ICONS_HEADER;
    std::set<unsigned> listed;
    for (const char* glyph : dojo::icon::kAll) listed.insert(decode_utf8(glyph));
    const std::regex constant(R"re(^inline constexpr const char\* (k\w+) = "((?:\\x[0-9a-f]{2})+)";\s*// U\+([0-9A-F]{4}))re");
    int constants = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("inline constexpr const char* k", 0) != 0 || line.find("kAll[]") != std::string::npos) continue;
        std::smatch m;
        ASSERT_TRUE(std::regex_search(line, m, constant)) << "an icon constant without its // U+XXXX code point: " << line;
        const unsigned code = decode_utf8(unescape(m[2]));
        EXPECT_EQ(code, std::stoul(m[3], nullptr, 16)) << m[1] << ": the comment's code point is not the string's";
        EXPECT_TRUE(listed.count(code)) << m[1] << " is not in icon::kAll, so it would draw as '?'";
        ++constants;
    }
    EXPECT_EQ(static_cast<std::size_t>(constants), std::size(dojo::icon::kAll)) << "kAll lists each constant once";
}

class Atlas : public ::testing::Test {
protected:
    void SetUp() override { dojo::test::start_headless_imgui(); }
    void TearDown() override { ImGui::DestroyContext(); }
};

TEST_F(Atlas, HoldsEveryIconTheViewsUseAndNoOther) {
    const ImFont* body = dojo::fonts().body;
    ASSERT_NE(body, nullptr);
    for (const char* glyph : dojo::icon::kAll)
        EXPECT_NE(body->FindGlyphNoFallback(static_cast<ImWchar>(decode_utf8(glyph))), nullptr)
            << "U+" << std::hex << decode_utf8(glyph);
    int icons = 0;
    for (const ImFontGlyph& g : body->Glyphs) icons += g.Codepoint >= 0xF000 && g.Codepoint <= 0xF8FF;
    EXPECT_EQ(static_cast<std::size_t>(icons), std::size(dojo::icon::kAll));
}

TEST_F(Atlas, TheSubsetFontsKeepTheTextGlyphsTheLessonsUse) {
    // Letters, Latin-1 (é, ×), Greek (µ, σ), dashes and quotes, superscripts, arrows and math.
    for (const ImFont* font : {dojo::fonts().body, dojo::fonts().strong, dojo::fonts().italic, dojo::fonts().strong_italic})
        for (const ImWchar c : {u'A', u'z', u'0', u'é', u'×', u'µ', u'σ', u'—', u'“', u'…', u'⁹', u'→', u'≤', u'≈'})
            EXPECT_NE(font->FindGlyphNoFallback(c), nullptr) << "U+" << std::hex << static_cast<unsigned>(c);
    for (const ImWchar c : {u'{', u'}', u'_', u'→'})
        EXPECT_NE(dojo::fonts().mono->FindGlyphNoFallback(c), nullptr) << "code: U+" << std::hex << static_cast<unsigned>(c);
}

}  // namespace
