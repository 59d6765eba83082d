// Runs the real `dojo` binary and checks what it says against what this machine has.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace {

struct CliResult {
    int status = -1;
    std::string out;
};

CliResult run(const std::string& args) {
    CliResult r;
    const std::string command = std::string(DOJO_CLI_PATH) + " " + args + " 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return r;
    std::array<char, 4096> buf;
    while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) r.out.append(buf.data(), n);
    const int status = pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

bool lavapipe_installed() {
    for (const char* icd : {"/usr/share/vulkan/icd.d/lvp_icd.x86_64.json", "/usr/share/vulkan/icd.d/lvp_icd.aarch64.json"})
        if (std::filesystem::exists(icd)) return true;
    return false;
}

}  // namespace

TEST(DojoCli, VersionHelpAndUsageErrors) {
    const CliResult version = run("--version");
    EXPECT_EQ(version.status, 0);
    EXPECT_NE(version.out.find("dojo " DOJO_VERSION), std::string::npos) << version.out;
    const CliResult help = run("--help");
    EXPECT_EQ(help.status, 0);
    EXPECT_NE(help.out.find("check"), std::string::npos);
    EXPECT_EQ(run("").status, 2);
    EXPECT_EQ(run("check --no-such-flag").status, 2);
    EXPECT_EQ(run("no-such-command").status, 2);
}

TEST(DojoCli, CheckJsonMatchesThisMachine) {
    const CliResult r = run("check --json");
    ASSERT_EQ(r.status, 0) << "the check must exit 0 whatever it finds";
    const auto j = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(j.is_discarded()) << "not valid JSON:\n" << r.out;

    EXPECT_GT(j.at("cpu").at("logical_threads").get<int>(), 0);
    EXPECT_GT(j.at("cpu").at("memory_total_bytes").get<std::uint64_t>(), 0u);

    const auto& cuda = j.at("cuda");
    ASSERT_TRUE(cuda.at("available").is_boolean());
    ASSERT_TRUE(cuda.at("devices").is_array());
    for (const auto& d : cuda["devices"])
        for (const char* key : {"name", "total_memory_bytes", "sm_count", "compute_capability"}) EXPECT_TRUE(d.contains(key)) << key;
    const bool nvidia_present = std::filesystem::exists("/dev/nvidiactl") || std::filesystem::exists("/dev/nvidia0");
    if (cuda["available"]) {
        EXPECT_TRUE(nvidia_present);
        ASSERT_FALSE(cuda["devices"].empty());
    } else {
        EXPECT_FALSE(cuda.at("reason").get<std::string>().empty()) << "an unavailable backend must say why";
        if (cuda.at("built").get<bool>() && nvidia_present)
            ADD_FAILURE() << "an NVIDIA device node exists but CUDA is unavailable: " << cuda["reason"];
    }

    const auto& vulkan = j.at("vulkan");
    ASSERT_TRUE(vulkan.at("available").is_boolean());
    if (!vulkan.at("built").get<bool>()) GTEST_SKIP() << "this build has no Vulkan; the Vulkan proof is checked in the main build";
    if (!lavapipe_installed()) GTEST_SKIP() << "lavapipe (mesa-vulkan-drivers) is not installed here";
    bool lavapipe_passed = false;
    for (const auto& d : vulkan.at("devices")) {
        EXPECT_TRUE(d.contains("name") && d.contains("type"));
        if (d["type"] == "cpu" && d["proof"]["passed"] == true) lavapipe_passed = true;
    }
    EXPECT_TRUE(lavapipe_passed) << "lavapipe is installed, so a Vulkan device of type cpu must pass the compute proof:\n"
                                 << vulkan.dump(2);
    EXPECT_TRUE(vulkan["available"].get<bool>());
}

TEST(DojoCli, CheckTextEndsWithAVerdict) {
    const CliResult r = run("check");
    ASSERT_EQ(r.status, 0);
    EXPECT_NE(r.out.find("\nVerdict\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("CPU labs: yes"), std::string::npos);
}
