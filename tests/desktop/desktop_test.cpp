// Starts dojo-desktop under Xvfb, lets it draw a few frames, and checks its screenshot and the
// widgets it drew: a real window, a real GL context, the real lessons.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "course/course_loader.h"
#include "image_stats.h"

namespace fs = std::filesystem;

TEST(Desktop, StartScreenUnderXvfb) {
    const fs::path out = fs::path(DOJO_SCREENSHOT_DIR);
    fs::create_directories(out);
    const fs::path png = out / "desktop-start.png", state = out / "desktop-start.json";
    fs::remove(png);
    fs::remove(state);
    const std::string command = "xvfb-run -a -s '-screen 0 1400x900x24' " + std::string(DOJO_DESKTOP_PATH) +
                                " --size 1280x800 --frames 5 --screenshot " + png.string() + " --state " + state.string();
    const int status = std::system(command.c_str());
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "dojo-desktop failed: " << command;

    const auto stats = dojo::test::image_stats(png.string());
    EXPECT_EQ(dojo::test::blank_reason(stats), "");
    EXPECT_EQ(stats.width, 1280);
    EXPECT_EQ(stats.height, 800);

    std::ifstream in(state);
    const auto j = nlohmann::json::parse(in, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << "state file is not JSON";
    EXPECT_EQ(j["state"]["view"], "start");
    const auto catalog = dojo::load_course(DOJO_SOURCE_LESSONS_DIR);
    ASSERT_FALSE(catalog.lessons.empty());
    for (const auto& lesson : catalog.lessons) {
        bool drawn = false;
        for (const auto& w : j["widgets"])
            if (w["label"] == lesson.title && w["x"].get<float>() >= 0 && w["y"].get<float>() + w["h"].get<float>() <= 800) drawn = true;
        EXPECT_TRUE(drawn) << "the start screen did not show '" << lesson.title << "' inside the window";
    }
}
