// Progress storage in the browser: window.localStorage, called synchronously through EM_JS.
// Disabled storage (private modes, blocked cookies) and a full quota are reported as errors, so
// the app keeps running and says that progress will not be kept.
#pragma once

#include "progress/progress_keeper.h"

namespace dojo {

class LocalStorageStore : public TextStore {
public:
    [[nodiscard]] ReadStatus read(const std::string& name, std::string& text, std::string& error) override;
    [[nodiscard]] bool write(const std::string& name, const std::string& text, std::string& error) override;
    std::string location(const std::string& name) const override;
};

}  // namespace dojo
