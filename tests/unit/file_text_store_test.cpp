// The desktop TextStore on a real temporary folder: round trips, atomic replacement, Missing,
// and saves that must fail with a useful message.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>
#include <chrono>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "storage/file_text_store.h"

namespace {

namespace fs = std::filesystem;
using dojo::FileTextStore;
using dojo::TextStore;

class FileTextStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device random;
        root = fs::temp_directory_path() / ("dojo-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
        fs::create_directories(root);
    }
    void TearDown() override {
        std::error_code ec;
        fs::permissions(root, fs::perms::owner_all, fs::perm_options::add, ec);
        for (const auto& entry : fs::recursive_directory_iterator(root, ec))
            fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(root, ec);
    }
    std::string slurp(const fs::path& path) {
        std::ifstream in(path, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }
    std::vector<std::string> names_in(const fs::path& dir) {
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }

    fs::path root;
};

TEST_F(FileTextStoreTest, WritesThenReadsTheSameBytesCreatingTheFolder) {
    FileTextStore store(root / "nested" / "compute-dojo");
    const char bytes[] = "{\"a\": 1}\n\0binary\xFF tail";
    const std::string text(bytes, sizeof bytes - 1);
    std::string error;
    ASSERT_TRUE(store.write("progress.json", text, error)) << error;
    EXPECT_EQ(slurp(root / "nested" / "compute-dojo" / "progress.json"), text);

    std::string read_back;
    EXPECT_EQ(store.read("progress.json", read_back, error), TextStore::ReadStatus::Ok) << error;
    EXPECT_EQ(read_back, text);
    EXPECT_EQ(store.location("progress.json"), (root / "nested" / "compute-dojo" / "progress.json").string());
}

TEST_F(FileTextStoreTest, ReadsALargeFileWhole) {
    FileTextStore store(root);
    std::string big(300 * 1024, 'x');
    for (std::size_t i = 0; i < big.size(); i += 977) big[i] = static_cast<char>('a' + i % 26);
    std::string error, read_back;
    ASSERT_TRUE(store.write("big.json", big, error)) << error;
    ASSERT_EQ(store.read("big.json", read_back, error), TextStore::ReadStatus::Ok);
    EXPECT_EQ(read_back, big);
}

TEST_F(FileTextStoreTest, ReplacesAtomicallyLeavingNoTempFiles) {
    FileTextStore store(root);
    std::string error;
    ASSERT_TRUE(store.write("progress.json", "old and rather longer text", error));
    // Hold the old file open: an atomic replace swaps in a new inode, so this view stays whole.
    std::ifstream held(root / "progress.json", std::ios::binary);
    struct stat before {};
    ASSERT_EQ(::stat((root / "progress.json").c_str(), &before), 0);

    ASSERT_TRUE(store.write("progress.json", "new", error)) << error;
    struct stat after {};
    ASSERT_EQ(::stat((root / "progress.json").c_str(), &after), 0);
    EXPECT_NE(before.st_ino, after.st_ino);  // renamed over, not truncated and rewritten in place
    EXPECT_EQ(slurp(root / "progress.json"), "new");
    const std::string seen_by_holder{std::istreambuf_iterator<char>(held), std::istreambuf_iterator<char>()};
    EXPECT_EQ(seen_by_holder, "old and rather longer text");
    EXPECT_EQ(names_in(root), std::vector<std::string>{"progress.json"});
}

TEST_F(FileTextStoreTest, TempFilesLeftByCrashedSavesAreRemovedButNotOneBeingWritten) {
    // 300 crashes mid-save used to leave their temp files for good; here are three, an hour old,
    // one written a moment ago (another instance saving right now), and other files that stay.
    const auto hour_ago = fs::file_time_type::clock::now() - std::chrono::hours(1);
    for (const char* leftover : {".progress.json.tmp-a1B2c3", ".progress.json.tmp-Zz9Yy8", ".progress.json.tmp-000000"}) {
        std::ofstream(root / leftover) << "half a save";
        fs::last_write_time(root / leftover, hour_ago);
    }
    std::ofstream(root / ".progress.json.tmp-fresh1") << "being written";
    std::ofstream(root / ".other.json.tmp-qwerty") << "another file's";
    fs::last_write_time(root / ".other.json.tmp-qwerty", hour_ago);
    std::ofstream(root / "progress.json.bad-20261206-101500") << "kept aside on purpose";
    fs::last_write_time(root / "progress.json.bad-20261206-101500", hour_ago);

    FileTextStore store(root);
    std::string error;
    ASSERT_TRUE(store.write("progress.json", "{}", error)) << error;
    EXPECT_EQ(store.stale_temps_removed(), 3);
    EXPECT_EQ(names_in(root), (std::vector<std::string>{".other.json.tmp-qwerty", ".progress.json.tmp-fresh1", "progress.json",
                                                        "progress.json.bad-20261206-101500"}));
    ASSERT_TRUE(store.write("progress.json", "{}", error)) << error;
    EXPECT_EQ(store.stale_temps_removed(), 3) << "looked for once per name, not on every save";
}

TEST_F(FileTextStoreTest, AnAbsentFileIsMissingNotAnError) {
    FileTextStore store(root / "never-created");
    std::string text = "untouched", error;
    EXPECT_EQ(store.read("progress.json", text, error), TextStore::ReadStatus::Missing);
    EXPECT_EQ(text, "untouched");
    EXPECT_EQ(error, "");
}

TEST_F(FileTextStoreTest, AFolderInPlaceOfTheFileIsAReadError) {
    fs::create_directories(root / "progress.json");
    FileTextStore store(root);
    std::string text, error;
    EXPECT_EQ(store.read("progress.json", text, error), TextStore::ReadStatus::Error);
    EXPECT_NE(error.find((root / "progress.json").string()), std::string::npos) << error;
    EXPECT_NE(error.find("directory"), std::string::npos) << error;

    // And writing over a folder fails without harming it.
    EXPECT_FALSE(store.write("progress.json", "x", error));
    EXPECT_TRUE(fs::is_directory(root / "progress.json"));
    EXPECT_EQ(names_in(root), std::vector<std::string>{"progress.json"});  // no temp file left behind
}

TEST_F(FileTextStoreTest, AReadOnlyFolderFailsWithThePathAndReason) {
    if (::geteuid() == 0) GTEST_SKIP() << "root ignores folder permissions; see AParentThatIsAFileFails";
    FileTextStore store(root);
    std::string error;
    ASSERT_TRUE(store.write("progress.json", "kept", error));
    fs::permissions(root, fs::perms::owner_read | fs::perms::owner_exec, fs::perm_options::replace);
    EXPECT_FALSE(store.write("progress.json", "lost", error));
    EXPECT_NE(error.find((root / "progress.json").string()), std::string::npos) << error;
    EXPECT_NE(error.find("Permission denied"), std::string::npos) << error;
    EXPECT_EQ(slurp(root / "progress.json"), "kept");
}

TEST_F(FileTextStoreTest, AParentThatIsAFileFailsWithThePathAndReason) {
    std::ofstream(root / "not-a-folder") << "plain file";
    FileTextStore store(root / "not-a-folder" / "compute-dojo");
    std::string error;
    EXPECT_FALSE(store.write("progress.json", "text", error));
    EXPECT_NE(error.find((root / "not-a-folder").string()), std::string::npos) << error;
    EXPECT_FALSE(error.empty());
    EXPECT_EQ(slurp(root / "not-a-folder"), "plain file");

    std::string text;
    EXPECT_EQ(store.read("progress.json", text, error), TextStore::ReadStatus::Error);  // ENOTDIR, not Missing
}

TEST_F(FileTextStoreTest, TheKeeperWorksOverRealFiles) {
    FileTextStore store(root);
    dojo::ProgressKeeper keeper(store);
    dojo::Progress progress;
    progress.track_xp["gpu"] = 17;
    std::string error;
    ASSERT_TRUE(keeper.save(progress, error)) << error;
    progress.track_xp["gpu"] = 18;
    ASSERT_TRUE(keeper.save(progress, error)) << error;
    EXPECT_EQ(names_in(root), (std::vector<std::string>{"progress.backup.json", "progress.json"}));

    std::ofstream(root / "progress.json", std::ios::trunc) << "{\"format\": \"compute-dojo-progress\", \"ver";
    dojo::Progress loaded;
    const auto report = keeper.load(loaded);
    EXPECT_EQ(report.kind, dojo::LoadReport::Kind::RecoveredFromBackup);
    EXPECT_EQ(loaded.total_xp(), 17);
    EXPECT_NE(report.message.find(root.string()), std::string::npos) << report.message;
    EXPECT_EQ(names_in(root).size(), 3u);
}

TEST(FileTextStoreDefaultDir, FollowsXdgDataHomeThenHome) {
    const char* old_xdg = std::getenv("XDG_DATA_HOME");
    const char* old_home = std::getenv("HOME");
    const std::string saved_xdg = old_xdg ? old_xdg : "", saved_home = old_home ? old_home : "";

    ::setenv("XDG_DATA_HOME", "/data/xdg", 1);
    ::setenv("HOME", "/home/learner", 1);
    EXPECT_EQ(FileTextStore::default_dir(), fs::path("/data/xdg/compute-dojo"));
    ::setenv("XDG_DATA_HOME", "relative/is/ignored", 1);
    EXPECT_EQ(FileTextStore::default_dir(), fs::path("/home/learner/.local/share/compute-dojo"));
    ::unsetenv("XDG_DATA_HOME");
    EXPECT_EQ(FileTextStore::default_dir(), fs::path("/home/learner/.local/share/compute-dojo"));

    if (old_xdg)
        ::setenv("XDG_DATA_HOME", saved_xdg.c_str(), 1);
    else
        ::unsetenv("XDG_DATA_HOME");
    if (old_home)
        ::setenv("HOME", saved_home.c_str(), 1);
    else
        ::unsetenv("HOME");
}

}  // namespace
