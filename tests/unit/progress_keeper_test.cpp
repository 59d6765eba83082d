// The load/save policy: fresh start, normal load, recovery from the backup with the bad file kept
// aside byte for byte, starting over, newer versions, backups on save, and failed saves.
#include <gtest/gtest.h>

#include <string>

#include "progress/progress_keeper.h"

namespace {

using dojo::LoadReport;
using dojo::MemoryTextStore;
using dojo::Progress;
using dojo::ProgressKeeper;

Progress progress_with_xp(int xp) {
    Progress p;
    p.track_xp["gpu"] = xp;
    p.last_place = "#/lesson/cpu-vs-gpu";
    return p;
}

// The names of the files kept aside from `name`.
std::vector<std::string> kept_aside(const MemoryTextStore& store, const std::string& name) {
    std::vector<std::string> found;
    for (const auto& [file, text] : store.files)
        if (file.rfind(name + ".bad-", 0) == 0) found.push_back(file);
    return found;
}

bool looks_like_timestamp(const std::string& suffix) {
    // YYYYMMDD-HHMMSS
    if (suffix.size() != 15 || suffix[8] != '-') return false;
    for (std::size_t i = 0; i < suffix.size(); ++i)
        if (i != 8 && (suffix[i] < '0' || suffix[i] > '9')) return false;
    return true;
}

TEST(ProgressKeeper, NothingSavedIsAFreshStart) {
    MemoryTextStore store;
    ProgressKeeper keeper(store);
    Progress p = progress_with_xp(7);  // whatever was there is replaced
    const LoadReport report = keeper.load(p);
    EXPECT_EQ(report.kind, LoadReport::Kind::Fresh);
    EXPECT_EQ(report.message, "");
    EXPECT_EQ(p.total_xp(), 0);
    EXPECT_TRUE(store.files.empty());  // loading writes nothing
}

TEST(ProgressKeeper, SaveThenLoad) {
    MemoryTextStore store;
    ProgressKeeper keeper(store);
    std::string error;
    ASSERT_TRUE(keeper.save(progress_with_xp(42), error)) << error;
    EXPECT_EQ(store.files.count("progress.json"), 1u);
    EXPECT_EQ(store.files.count("progress.backup.json"), 0u);  // no previous version yet

    Progress loaded;
    const LoadReport report = keeper.load(loaded);
    EXPECT_EQ(report.kind, LoadReport::Kind::Loaded);
    EXPECT_EQ(report.message, "");
    EXPECT_EQ(loaded.total_xp(), 42);
    EXPECT_EQ(loaded.last_place, "#/lesson/cpu-vs-gpu");
}

TEST(ProgressKeeper, SaveKeepsThePreviousVersionAsTheBackup) {
    MemoryTextStore store;
    ProgressKeeper keeper(store);
    std::string error;
    ASSERT_TRUE(keeper.save(progress_with_xp(10), error));
    const std::string first = store.files.at("progress.json");
    ASSERT_TRUE(keeper.save(progress_with_xp(20), error));
    EXPECT_EQ(store.files.at("progress.backup.json"), first);
    EXPECT_EQ(dojo::parse_progress(store.files.at("progress.json")).progress.total_xp(), 20);

    // Saving the same progress again does not push the older version out of the backup.
    ASSERT_TRUE(keeper.save(progress_with_xp(20), error));
    EXPECT_EQ(store.files.at("progress.backup.json"), first);

    ASSERT_TRUE(keeper.save(progress_with_xp(30), error));
    EXPECT_EQ(dojo::parse_progress(store.files.at("progress.backup.json")).progress.total_xp(), 20);
}

TEST(ProgressKeeper, CorruptMainWithAGoodBackupIsRecoveredAndKeptAsideByteForByte) {
    MemoryTextStore store;
    store.files["progress.backup.json"] = dojo::progress_to_json(progress_with_xp(30));
    const char cut_short[] = "{\"format\": \"compute-dojo-progress\", \"vers\0\xFF";
    const std::string bad(cut_short, sizeof cut_short - 1);
    store.files["progress.json"] = bad;

    ProgressKeeper keeper(store);
    Progress loaded;
    const LoadReport report = keeper.load(loaded);
    EXPECT_EQ(report.kind, LoadReport::Kind::RecoveredFromBackup);
    EXPECT_EQ(loaded.total_xp(), 30);

    const auto aside = kept_aside(store, "progress.json");
    ASSERT_EQ(aside.size(), 1u);
    EXPECT_TRUE(looks_like_timestamp(aside[0].substr(std::string("progress.json.bad-").size()))) << aside[0];
    EXPECT_EQ(store.files.at(aside[0]), bad);         // exact bytes, the NUL and the 0xFF included
    EXPECT_EQ(store.files.at("progress.json"), bad);  // loading never rewrites the main file

    EXPECT_NE(report.message.find("memory:progress.json"), std::string::npos) << report.message;
    EXPECT_NE(report.message.find("memory:" + aside[0]), std::string::npos) << report.message;
    EXPECT_NE(report.message.find("last good save was restored"), std::string::npos) << report.message;
    EXPECT_NE(report.message.find("line 1"), std::string::npos) << report.message;  // says where it broke
}

TEST(ProgressKeeper, AfterRecoveryTheNextSaveDoesNotReplaceTheGoodBackupWithTheBadFile) {
    MemoryTextStore store;
    const std::string good = dojo::progress_to_json(progress_with_xp(30));
    store.files["progress.backup.json"] = good;
    store.files["progress.json"] = "{ truncated";
    ProgressKeeper keeper(store);
    Progress loaded;
    ASSERT_EQ(keeper.load(loaded).kind, LoadReport::Kind::RecoveredFromBackup);

    loaded.track_xp["gpu"] = 35;
    std::string error;
    ASSERT_TRUE(keeper.save(loaded, error)) << error;
    EXPECT_EQ(store.files.at("progress.backup.json"), good);
    EXPECT_EQ(dojo::parse_progress(store.files.at("progress.json")).progress.total_xp(), 35);
}

TEST(ProgressKeeper, CorruptMainWithoutABackupStartsOverAndSaysWhereTheFileIs) {
    MemoryTextStore store;
    store.files["progress.json"] = "{\"format\": \"compute-dojo-progress\", \"version\": 1, \"track_xp\": {\"gpu\": -3}}";
    ProgressKeeper keeper(store);
    Progress loaded = progress_with_xp(99);
    const LoadReport report = keeper.load(loaded);
    EXPECT_EQ(report.kind, LoadReport::Kind::StartedOver);
    EXPECT_EQ(loaded.total_xp(), 0);
    const auto aside = kept_aside(store, "progress.json");
    ASSERT_EQ(aside.size(), 1u);
    EXPECT_EQ(store.files.at(aside[0]), store.files.at("progress.json"));
    EXPECT_NE(report.message.find("started over"), std::string::npos) << report.message;
    EXPECT_NE(report.message.find("memory:" + aside[0]), std::string::npos) << report.message;
    EXPECT_NE(report.message.find("track_xp/gpu must be a non-negative integer"), std::string::npos) << report.message;
}

TEST(ProgressKeeper, CorruptMainAndCorruptBackupStartOverAndKeepBothAside) {
    MemoryTextStore store;
    store.files["progress.json"] = "garbage";
    store.files["progress.backup.json"] = "{\"version\": 1}";
    ProgressKeeper keeper(store);
    Progress loaded;
    const LoadReport report = keeper.load(loaded);
    EXPECT_EQ(report.kind, LoadReport::Kind::StartedOver);
    EXPECT_EQ(kept_aside(store, "progress.json").size(), 1u);
    ASSERT_EQ(kept_aside(store, "progress.backup.json").size(), 1u);
    EXPECT_EQ(store.files.at(kept_aside(store, "progress.backup.json")[0]), "{\"version\": 1}");
    EXPECT_NE(report.message.find("backup"), std::string::npos) << report.message;
}

TEST(ProgressKeeper, AMainFileFromANewerVersionIsKeptAsideNotLost) {
    MemoryTextStore store;
    const std::string future = R"({"format": "compute-dojo-progress", "version": 99, "track_xp": {"gpu": 500}})";
    store.files["progress.json"] = future;
    store.files["progress.backup.json"] = dojo::progress_to_json(progress_with_xp(12));
    ProgressKeeper keeper(store);
    Progress loaded;
    const LoadReport report = keeper.load(loaded);
    EXPECT_EQ(report.kind, LoadReport::Kind::RecoveredFromBackup);
    EXPECT_EQ(loaded.total_xp(), 12);
    EXPECT_NE(report.message.find("newer version"), std::string::npos) << report.message;
    const auto aside = kept_aside(store, "progress.json");
    ASSERT_EQ(aside.size(), 1u);
    EXPECT_EQ(store.files.at(aside[0]), future);

    // A save now must not put the newer file into the backup either (it is safe in the aside copy).
    std::string error;
    ASSERT_TRUE(keeper.save(loaded, error));
    EXPECT_EQ(dojo::parse_progress(store.files.at("progress.backup.json")).progress.total_xp(), 12);
}

TEST(ProgressKeeper, TwoBadLoadsInOneSecondKeepTwoCopies) {
    MemoryTextStore store;
    ProgressKeeper keeper(store);
    Progress loaded;
    store.files["progress.json"] = "first bad";
    keeper.load(loaded);
    store.files["progress.json"] = "second bad";
    keeper.load(loaded);
    const auto aside = kept_aside(store, "progress.json");
    ASSERT_EQ(aside.size(), 2u);
    EXPECT_NE(store.files.at(aside[0]), store.files.at(aside[1]));
}

TEST(ProgressKeeper, AMissingMainWithABackupIsRestored) {
    MemoryTextStore store;
    store.files["progress.backup.json"] = dojo::progress_to_json(progress_with_xp(8));
    ProgressKeeper keeper(store);
    Progress loaded;
    const LoadReport report = keeper.load(loaded);
    EXPECT_EQ(report.kind, LoadReport::Kind::RecoveredFromBackup);
    EXPECT_EQ(loaded.total_xp(), 8);
    EXPECT_NE(report.message.find("was missing"), std::string::npos) << report.message;
}

TEST(ProgressKeeper, AnUnreadableMainIsReportedAndTheBackupUsed) {
    MemoryTextStore store;
    store.files["progress.json"] = dojo::progress_to_json(progress_with_xp(50));
    store.files["progress.backup.json"] = dojo::progress_to_json(progress_with_xp(40));
    store.unreadable.insert("progress.json");
    ProgressKeeper keeper(store);
    Progress loaded;
    const LoadReport report = keeper.load(loaded);
    EXPECT_EQ(report.kind, LoadReport::Kind::RecoveredFromBackup);
    EXPECT_EQ(loaded.total_xp(), 40);
    EXPECT_NE(report.message.find("could not be read"), std::string::npos) << report.message;
    EXPECT_NE(report.message.find("simulated read error"), std::string::npos) << report.message;
}

TEST(ProgressKeeper, AFailedSaveReturnsTheErrorAndLeavesTheMainFileIntact) {
    MemoryTextStore store;
    ProgressKeeper keeper(store);
    std::string error;
    ASSERT_TRUE(keeper.save(progress_with_xp(10), error));
    const auto before = store.files;

    store.fail_writes = true;
    error.clear();
    EXPECT_FALSE(keeper.save(progress_with_xp(20), error));
    EXPECT_NE(error.find("not saved"), std::string::npos) << error;
    EXPECT_NE(error.find("simulated write error"), std::string::npos) << error;
    EXPECT_EQ(store.files, before);

    store.fail_writes = false;
    Progress loaded;
    EXPECT_EQ(keeper.load(loaded).kind, LoadReport::Kind::Loaded);
    EXPECT_EQ(loaded.total_xp(), 10);
}

}  // namespace
