// The explorers' math against hand-worked cases (engine/explorers/).
#include <gtest/gtest.h>

#include "explorers/device_table.h"

namespace dojo {
namespace {

TEST(DeviceTable, EveryDeviceHasASource) {
    for (const DeviceSpec& d : device_table()) EXPECT_FALSE(d.source.empty()) << d.id;
}

}  // namespace
}  // namespace dojo
