// WCAG 2 contrast of every palette: each color drawn as text must reach 4.5:1 (the AA level for
// body text) on every background it is drawn on. The pairs checked, per theme:
//   text, text_dim, accent (links, icons, headings), highlight (XP), danger, success, note, tip,
//   warning and analogy (callout titles), code_text  on  background and surface;
//   code_text and text on code_background; text on button, button_hover and frame (labels of
//   ImGui buttons, inputs and checkboxes).
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "ui/theme.h"

namespace {

using dojo::theme::contrast_ratio;
using dojo::theme::Palette;
using dojo::theme::Theme;

constexpr Theme kThemes[] = {Theme::Dark, Theme::Light, Theme::Projector};
constexpr double kBodyText = 4.5;

struct Pair {
    std::string what;
    ImU32 foreground, background;
};

std::vector<Pair> text_pairs(const Palette& p) {
    std::vector<Pair> pairs;
    const std::pair<const char*, ImU32> texts[] = {
        {"text", p.text},       {"text_dim", p.text_dim}, {"accent", p.accent},      {"highlight", p.highlight},
        {"danger", p.danger},   {"success", p.success},   {"note", p.note},          {"tip", p.tip},
        {"warning", p.warning}, {"analogy", p.analogy},   {"code_text", p.code_text}};
    for (const auto& [name, color] : texts) {
        pairs.push_back({std::string(name) + " on background", color, p.background});
        pairs.push_back({std::string(name) + " on surface", color, p.surface});
    }
    pairs.push_back({"code_text on code_background", p.code_text, p.code_background});
    pairs.push_back({"text on code_background", p.text, p.code_background});
    pairs.push_back({"text on button", p.text, p.button});
    pairs.push_back({"text on button_hover", p.text, p.button_hover});
    pairs.push_back({"text on frame", p.text, p.frame});
    return pairs;
}

TEST(ThemeContrast, KnownValuesOfTheFormula) {
    // Black on white is 21:1, a color on itself 1:1, and #777 on white about 4.48:1 (just failing AA).
    EXPECT_NEAR(contrast_ratio(dojo::theme::rgb(0, 0, 0), dojo::theme::rgb(255, 255, 255)), 21.0, 1e-9);
    EXPECT_NEAR(contrast_ratio(dojo::theme::rgb(0x12, 0x34, 0x56), dojo::theme::rgb(0x12, 0x34, 0x56)), 1.0, 1e-9);
    EXPECT_NEAR(contrast_ratio(dojo::theme::rgb(0x77, 0x77, 0x77), dojo::theme::rgb(255, 255, 255)), 4.48, 0.01);
    EXPECT_NEAR(dojo::theme::relative_luminance(dojo::theme::rgb(255, 255, 255)), 1.0, 1e-9);
    // Order does not matter.
    EXPECT_DOUBLE_EQ(contrast_ratio(dojo::theme::rgb(10, 200, 30), dojo::theme::rgb(240, 240, 240)),
                     contrast_ratio(dojo::theme::rgb(240, 240, 240), dojo::theme::rgb(10, 200, 30)));
}

TEST(ThemeContrast, TheCheckCatchesAFailingPair) {
    // The dark theme's dim text on the light theme's background would be unreadable: the same check
    // that passes the real palettes must fail here.
    Palette broken = dojo::theme::palette(Theme::Light);
    broken.text_dim = dojo::theme::palette(Theme::Dark).text_dim;
    bool failed = false;
    for (const Pair& pair : text_pairs(broken)) failed |= contrast_ratio(pair.foreground, pair.background) < kBodyText;
    EXPECT_TRUE(failed);
}

TEST(ThemeContrast, EveryTextColorReachesAaOnEveryTheme) {
    for (Theme t : kThemes) {
        const Palette& p = dojo::theme::palette(t);
        for (const Pair& pair : text_pairs(p)) {
            const double ratio = contrast_ratio(pair.foreground, pair.background);
            EXPECT_GE(ratio, kBodyText) << dojo::theme::name(t) << ": " << pair.what << " is only " << ratio << ":1";
        }
    }
}

TEST(ThemeContrast, ProjectorIsTheStrongest) {
    const Palette& projector = dojo::theme::palette(Theme::Projector);
    EXPECT_GE(contrast_ratio(projector.text, projector.background), 15.0);
    EXPECT_GE(contrast_ratio(projector.text_dim, projector.background), 7.0);  // AAA for body text
    EXPECT_GT(projector.line_width, dojo::theme::palette(Theme::Light).line_width);
    EXPECT_GT(projector.stroke_width, dojo::theme::palette(Theme::Dark).stroke_width);
    EXPECT_GT(projector.spacing, 1.0f);
    // Light themes have a light background (dark themes wash out on projectors).
    EXPECT_GT(dojo::theme::relative_luminance(projector.background), 0.9);
    EXPECT_GT(dojo::theme::relative_luminance(dojo::theme::palette(Theme::Light).background), 0.8);
    EXPECT_LT(dojo::theme::relative_luminance(dojo::theme::palette(Theme::Dark).background), 0.05);
}

TEST(ThemeSwitch, NamedColorsFollowTheActiveTheme) {
    for (Theme t : kThemes) {
        dojo::theme::use(t);
        EXPECT_EQ(dojo::theme::active(), t);
        EXPECT_EQ(dojo::theme::kText, dojo::theme::palette(t).text);
        EXPECT_EQ(dojo::theme::kBackground, dojo::theme::palette(t).background);
        EXPECT_EQ(dojo::theme::kStrokeWidth, dojo::theme::palette(t).stroke_width);
        EXPECT_EQ(dojo::theme::from_name(dojo::theme::name(t)), t);
    }
    EXPECT_FALSE(dojo::theme::from_name("sepia"));
    dojo::theme::use(Theme::Dark);
}

TEST(ThemeSwitch, ReadableLiftsDataColorsToAa) {
    // A lesson's pale track color drawn as text on a light theme, and a dark one on the dark theme.
    for (Theme t : kThemes) {
        dojo::theme::use(t);
        for (ImU32 color :
             {dojo::theme::rgb(0x3F, 0xD0, 0xC0), dojo::theme::rgb(0xF6, 0xE0, 0x4E), dojo::theme::rgb(0x20, 0x20, 0x60)}) {
            const ImU32 out = dojo::theme::readable(color);
            EXPECT_GE(contrast_ratio(out, dojo::theme::kBackground), kBodyText) << dojo::theme::name(t);
            EXPECT_GE(contrast_ratio(out, dojo::theme::kSurface), kBodyText) << dojo::theme::name(t);
        }
    }
    dojo::theme::use(Theme::Dark);
}

}  // namespace
