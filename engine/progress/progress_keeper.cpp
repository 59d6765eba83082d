// The load/save policy for Progress over a TextStore: backups, keeping bad files aside, and
// messages that tell the learner what happened to their progress.
#include "progress/progress_keeper.h"

#include <cstdio>
#include <ctime>

#include "common/clock.h"

namespace dojo {

// ---- MemoryTextStore -----------------------------------------------------------------------------
TextStore::ReadStatus MemoryTextStore::read(const std::string& name, std::string& text, std::string& error) {
    if (unreadable.count(name)) {
        error = "could not read " + location(name) + ": simulated read error";
        return ReadStatus::Error;
    }
    const auto it = files.find(name);
    if (it == files.end()) return ReadStatus::Missing;
    text = it->second;
    return ReadStatus::Ok;
}

bool MemoryTextStore::write(const std::string& name, const std::string& text, std::string& error) {
    if (fail_writes) {
        error = "could not save " + location(name) + ": simulated write error";
        return false;
    }
    files[name] = text;
    return true;
}

std::string MemoryTextStore::location(const std::string& name) const {
    return "memory:" + name;
}

// ---- ProgressKeeper ------------------------------------------------------------------------------
namespace {

std::string timestamp_now() {
    const std::time_t now = wall_clock_now();
    std::tm local{};
    if (localtime_r(&now, &local) == nullptr) gmtime_r(&now, &local);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y%m%d-%H%M%S", &local);
    return buffer;
}

}  // namespace

ProgressKeeper::ProgressKeeper(TextStore& store) : store_(store) {}

std::string ProgressKeeper::keep_aside(const std::string& name, const std::string& bytes, std::string& error) {
    const std::string base = name + ".bad-" + timestamp_now();
    // Two bad loads within a second must not overwrite the first kept copy.
    for (int n = 1; n < 100; ++n) {
        const std::string candidate = n == 1 ? base : base + "-" + std::to_string(n);
        std::string ignored_text, read_error;
        const auto status = store_.read(candidate, ignored_text, read_error);
        if (status == TextStore::ReadStatus::Ok) continue;
        if (status == TextStore::ReadStatus::Error) {
            error = read_error;
            return {};
        }
        return store_.write(candidate, bytes, error) ? candidate : std::string();
    }
    error = "too many kept-aside copies named " + store_.location(base) + "-N";
    return {};
}

LoadReport ProgressKeeper::load(Progress& out) {
    out = Progress{};
    LoadReport report;

    std::string main_text, main_error;
    const auto main_status = store_.read(kMainName, main_text, main_error);
    std::string trouble;  // what went wrong with the main file, as the clause of a sentence
    if (main_status == TextStore::ReadStatus::Ok) {
        ProgressParseResult parsed = parse_progress(main_text);
        if (parsed.ok) {
            out = std::move(parsed.progress);
            report.kind = LoadReport::Kind::Loaded;
            return report;
        }
        const std::string where = store_.location(kMainName);
        trouble = parsed.newer_version
                      ? "Your progress file " + where + " was saved by a newer version of Compute Dojo (" + parsed.error + ")"
                      : "Your progress file " + where + " is damaged (" + parsed.error + ")";
        std::string aside_error;
        const std::string aside = keep_aside(kMainName, main_text, aside_error);
        trouble += aside.empty() ? ", and it could not be kept aside (" + aside_error + ")"
                                 : "; it was kept aside unchanged as " + store_.location(aside);
    } else if (main_status == TextStore::ReadStatus::Error) {
        trouble = "Your progress file " + store_.location(kMainName) + " could not be read (" + main_error +
                  "); it was left where it is";
    }

    std::string backup_text, backup_error;
    const auto backup_status = store_.read(kBackupName, backup_text, backup_error);
    if (main_status == TextStore::ReadStatus::Missing && backup_status == TextStore::ReadStatus::Missing) {
        return report;  // Fresh: a first start
    }
    const std::string backup_where = store_.location(kBackupName);
    std::string backup_trouble;
    if (backup_status == TextStore::ReadStatus::Ok) {
        ProgressParseResult parsed = parse_progress(backup_text);
        if (parsed.ok) {
            out = std::move(parsed.progress);
            report.kind = LoadReport::Kind::RecoveredFromBackup;
            report.message = (trouble.empty() ? "Your progress file " + store_.location(kMainName) + " was missing" : trouble) +
                             ". Your progress up to the last good save was restored from " + backup_where + ".";
            return report;
        }
        backup_trouble = "the backup " + backup_where + " is damaged too (" + parsed.error + ")";
        // Keep it aside as well: the next saves would otherwise replace it.
        std::string aside_error;
        if (const std::string aside = keep_aside(kBackupName, backup_text, aside_error); !aside.empty()) {
            backup_trouble += " and was kept aside as " + store_.location(aside);
        }
    } else if (backup_status == TextStore::ReadStatus::Error) {
        backup_trouble = "the backup could not be read (" + backup_error + ")";
    } else {
        backup_trouble = "there was no backup";
    }
    report.kind = LoadReport::Kind::StartedOver;
    report.message = (trouble.empty() ? "Your progress file " + store_.location(kMainName) + " was missing" : trouble) +
                     ", and " + backup_trouble + ", so Compute Dojo started over with no progress.";
    return report;
}

bool ProgressKeeper::save(const Progress& progress, std::string& error) {
    const std::string text = progress_to_json(progress);
    std::string current, read_error;
    const auto status = store_.read(kMainName, current, read_error);
    if (status == TextStore::ReadStatus::Ok) {
        if (current == text) return true;  // nothing changed: keep the older backup as it is
        // Only a good save becomes the backup: a damaged main file must not replace a good backup.
        if (parse_progress(current).ok && !store_.write(kBackupName, current, error)) {
            error = "Your progress was not saved, because the previous save could not be kept as a backup: " + error;
            return false;
        }
    }
    if (!store_.write(kMainName, text, error)) {
        error = "Your progress was not saved: " + error;
        return false;
    }
    return true;
}

}  // namespace dojo
