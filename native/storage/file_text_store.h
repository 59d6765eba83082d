// The desktop TextStore: one file per name in a data folder, replaced atomically (write a temp
// file, fsync, rename over the target, fsync the folder) so a crash or power cut mid-save leaves
// the old progress intact.
#pragma once

#include <filesystem>
#include <set>
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
    // Temp files of crashed saves removed so far (the first write of each name sweeps them).
    int stale_temps_removed() const { return stale_temps_removed_; }

private:
    int remove_stale_temps(const std::string& name);
    std::filesystem::path dir_;
    std::set<std::string> swept_;  // names whose leftover temp files were already looked for
    int stale_temps_removed_ = 0;
};

}  // namespace dojo
