// PLACEHOLDER (being written): the device table's data.
#include "explorers/device_table.h"

namespace dojo {

const std::vector<DeviceSpec>& device_table() {
    static const std::vector<DeviceSpec> table;
    return table;
}

const DeviceSpec* find_device(std::string_view id) {
    for (const DeviceSpec& d : device_table())
        if (d.id == id) return &d;
    return nullptr;
}

}  // namespace dojo
