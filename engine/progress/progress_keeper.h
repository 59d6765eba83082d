// Loading and saving Progress so that a damaged file never costs the learner everything: the
// previous save is kept as a backup, and a bad file is kept aside, byte for byte, not overwritten.
// Storage itself is a TextStore: a folder on the desktop, localStorage on the web, memory in tests.
#pragma once

#include <map>
#include <set>
#include <string>

#include "progress/progress.h"

namespace dojo {

class TextStore {
public:
    virtual ~TextStore() = default;
    enum class ReadStatus { Ok, Missing, Error };
    [[nodiscard]] virtual ReadStatus read(const std::string& name, std::string& text, std::string& error) = 0;
    // Replaces `name` atomically: after a crash it holds either the old text or the new, never a mix.
    [[nodiscard]] virtual bool write(const std::string& name, const std::string& text, std::string& error) = 0;
    virtual std::string location(const std::string& name) const = 0;  // for messages, e.g. a full path
};

// A TextStore in memory, for tests; it can be told to fail.
class MemoryTextStore : public TextStore {
public:
    std::map<std::string, std::string> files;
    bool fail_writes = false;
    std::set<std::string> unreadable;  // names whose read() reports an Error

    [[nodiscard]] ReadStatus read(const std::string& name, std::string& text, std::string& error) override;
    [[nodiscard]] bool write(const std::string& name, const std::string& text, std::string& error) override;
    std::string location(const std::string& name) const override;
};

struct LoadReport {
    enum class Kind { Fresh, Loaded, RecoveredFromBackup, StartedOver } kind = Kind::Fresh;
    std::string message;  // empty for Fresh and Loaded; otherwise a sentence for the learner
};

class ProgressKeeper {
public:
    static constexpr const char* kMainName = "progress.json";
    static constexpr const char* kBackupName = "progress.backup.json";

    explicit ProgressKeeper(TextStore& store);

    // progress.json if it is good; otherwise keeps the bad file aside as
    // "progress.json.bad-YYYYMMDD-HHMMSS" and falls back to progress.backup.json, then to a fresh start.
    LoadReport load(Progress& out);

    // Keeps the current progress.json (when it is a good save) as progress.backup.json, then
    // replaces progress.json. Returns false with a message on failure; progress.json is never damaged.
    [[nodiscard]] bool save(const Progress& progress, std::string& error);

private:
    TextStore& store_;

    // Copies `name`'s exact bytes to a new "<name>.bad-<time>"; returns that name, or "" with `error`.
    [[nodiscard]] std::string keep_aside(const std::string& name, const std::string& bytes, std::string& error);
};

}  // namespace dojo
