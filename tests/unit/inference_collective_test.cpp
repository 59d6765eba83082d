// The inference and collectives explorers' math against cases worked by hand (being written).
#include <gtest/gtest.h>

#include "explorers/collective_model.h"

namespace dojo {
namespace {

TEST(Collective, RingAllReduceSendsTwiceTheShareOfItsBuffer) {
    CollectiveInputs in;  // 8 GPUs, 1 GB each, NVLink 4
    const CollectiveEstimate e = estimate_collective(in);
    ASSERT_TRUE(e.ok) << e.error;
    EXPECT_DOUBLE_EQ(e.bytes_sent, 2 * 7.0 / 8 * 1e9);
}

}  // namespace
}  // namespace dojo
