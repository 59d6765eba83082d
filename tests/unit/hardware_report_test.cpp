// The report model: derived numbers, the JSON schema `dojo check --json` promises, and the verdict.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "hardware/hardware_report.h"

namespace {

dojo::HardwareReport sample(bool cuda_ok) {
    dojo::HardwareReport r;
    r.cpu.model = "Test CPU";
    r.cpu.physical_cores = 8;
    r.cpu.logical_threads = 16;
    r.cpu.simd = {"SSE4.2", "AVX", "AVX2", "FMA"};
    r.cuda.built = true;
    r.cuda.runtime_version = 13000;
    if (cuda_ok) {
        r.cuda.driver_version = 13000;
        dojo::CudaDevice d;
        d.name = "NVIDIA H100 80GB HBM3";
        d.compute_capability_major = 9;
        d.sm_count = 132;
        d.total_memory_bytes = 85'000'000'000ull;
        d.memory_clock_khz = 2'619'000;
        d.memory_bus_width_bits = 5120;
        d.proof = {true, true, "ok"};
        r.cuda.devices.push_back(d);
        r.cuda.available = true;
    } else {
        r.cuda.reason = "no NVIDIA driver is installed";
        r.cuda.advice = "Install the driver.";
    }
    r.vulkan.built = true;
    r.vulkan.available = true;
    r.vulkan.instance_version = "1.3.239";
    dojo::VulkanDevice v;
    v.name = "llvmpipe";
    v.type = "cpu";
    v.vendor_id = 0x10005;
    v.heaps = {{2ull << 30, true}};
    v.proof = {true, true, "ok"};
    r.vulkan.devices.push_back(v);
    return r;
}

}  // namespace

TEST(HardwareReport, TheoreticalBandwidthOfAnH100) {
    // H100 SXM: HBM3 at 2619 MHz on a 5120-bit bus, about 3.35 TB/s.
    EXPECT_NEAR(dojo::theoretical_bandwidth_gbs(2'619'000, 5120), 3352.3, 0.1);
    EXPECT_EQ(dojo::theoretical_bandwidth_gbs(0, 5120), 0.0);
}

TEST(HardwareReport, VersionAndVendorNames) {
    EXPECT_EQ(dojo::cuda_version_string(13000), "13.0");
    EXPECT_EQ(dojo::cuda_version_string(12040), "12.4");
    EXPECT_EQ(dojo::cuda_version_string(0), "none");
    EXPECT_EQ(dojo::vulkan_vendor_name(0x10DE), "NVIDIA");
    EXPECT_EQ(dojo::vulkan_vendor_name(0x10005), "Mesa");
    EXPECT_EQ(dojo::vulkan_vendor_name(0xABCD), "0xABCD");
}

TEST(HardwareReport, JsonHasTheDocumentedShape) {
    const nlohmann::json j = dojo::to_json(sample(true));
    ASSERT_TRUE(j.contains("cpu"));
    EXPECT_EQ(j["cpu"]["physical_cores"], 8);
    EXPECT_EQ(j["cuda"]["available"], true);
    EXPECT_FALSE(j["cuda"].contains("reason"));  // only when unavailable
    const auto& d = j["cuda"]["devices"].at(0);
    EXPECT_EQ(d["name"], "NVIDIA H100 80GB HBM3");
    EXPECT_EQ(d["compute_capability"], "9.0");
    EXPECT_EQ(d["sm_count"], 132);
    EXPECT_EQ(d["total_memory_bytes"], 85'000'000'000ull);
    EXPECT_NEAR(d["theoretical_bandwidth_gbs"].get<double>(), 3352.3, 0.1);
    EXPECT_EQ(j["vulkan"]["devices"].at(0)["type"], "cpu");
    EXPECT_EQ(j["vulkan"]["devices"].at(0)["vendor"], "Mesa");
    EXPECT_TRUE(j["verdict"].is_array());
}

TEST(HardwareReport, UnavailableCudaCarriesItsReason) {
    const nlohmann::json j = dojo::to_json(sample(false));
    EXPECT_EQ(j["cuda"]["available"], false);
    EXPECT_EQ(j["cuda"]["reason"], "no NVIDIA driver is installed");
    EXPECT_TRUE(j["cuda"]["devices"].empty());
}

TEST(HardwareReport, VerdictNamesWhatTheLabsCanUse) {
    const auto yes = dojo::verdict(sample(true));
    ASSERT_EQ(yes.size(), 3u);
    EXPECT_EQ(yes[0], "CPU labs: yes, on Test CPU (8 cores, widest SIMD AVX2).");
    EXPECT_EQ(yes[1], "CUDA labs: yes, on GPU 0, NVIDIA H100 80GB HBM3.");
    EXPECT_NE(yes[2].find("runs on the CPU"), std::string::npos);  // llvmpipe is no GPU

    const auto no = dojo::verdict(sample(false));
    EXPECT_EQ(no[1], "CUDA labs: no: no NVIDIA driver is installed.");
}

TEST(HardwareReport, TextReportShowsEachSection) {
    const std::string text = dojo::format_report(sample(true));
    for (const char* expected :
         {"CPU\n", "CUDA\n", "Vulkan\n", "Verdict\n", "GPU 0: NVIDIA H100 80GB HBM3", "3352 GB/s", "llvmpipe"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected;
}
