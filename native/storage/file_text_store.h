// The desktop TextStore: one file per name in a data folder, replaced atomically (write a temp
// file, fsync, rename over the target, fsync the folder) so a crash or power cut mid-save leaves
// the old progress intact.
#pragma once

#include <filesystem>
#include <string>

#include "progress/progress_keeper.h"

namespace dojo {

class FileTextStore : public TextStore {
public:
    explicit FileTextStore(std::filesystem::path dir);

    // $XDG_DATA_HOME/compute-dojo, else $HOME/.local/share/compute-dojo (the XDG default).
    static std::filesystem::path default_dir();

    [[nodiscard]] ReadStatus read(const std::string& name, std::string& text, std::string& error) override;
    [[nodiscard]] bool write(const std::string& name, const std::string& text,
                             std::string& error) override;  // creates the folder
    std::string location(const std::string& name) const override;

    const std::filesystem::path& dir() const { return dir_; }

private:
    std::filesystem::path dir_;
};

}  // namespace dojo
