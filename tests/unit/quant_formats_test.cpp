// The number-formats explorer's model against values worked by hand (being written).
#include <gtest/gtest.h>

#include "explorers/quant_formats.h"

namespace dojo {
namespace {

TEST(QuantFormats, ListsTheFormatsLessonsName) {
    const auto& ids = quant_format_ids();
    ASSERT_EQ(ids.size(), 11u);
    EXPECT_EQ(ids.front(), "fp32");
    EXPECT_EQ(ids.back(), "int4");
}

}  // namespace
}  // namespace dojo
