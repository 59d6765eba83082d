// /proc parsing on recorded files from an x86 server and an Arm board, and the live probe.
#include <gtest/gtest.h>

#include <algorithm>

#include "hardware/cpu_probe.h"

namespace {

bool has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST(CpuInfo, X86TwoSocketsWithHyperThreads) {
    std::string text;
    int processor = 0;
    for (int socket = 0; socket < 2; ++socket)
        for (int thread = 0; thread < 2; ++thread)
            for (int core = 0; core < 4; ++core)
                text += "processor\t: " + std::to_string(processor++) +
                        "\nmodel name\t: Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz\n" +
                        "physical id\t: " + std::to_string(socket) + "\ncore id\t\t: " + std::to_string(core) +
                        "\nflags\t\t: fpu sse4_1 sse4_2 avx avx2 fma avx512f avx512bw avx512_vnni\n\n";
    dojo::CpuInfo cpu;
    dojo::parse_cpuinfo(text, cpu);
    EXPECT_EQ(cpu.model, "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz");
    EXPECT_EQ(cpu.logical_threads, 16);
    EXPECT_EQ(cpu.physical_cores, 8);
    EXPECT_TRUE(has(cpu.simd, "SSE4.2"));
    EXPECT_TRUE(has(cpu.simd, "AVX2"));
    EXPECT_TRUE(has(cpu.simd, "AVX-512F"));
    EXPECT_TRUE(has(cpu.simd, "AVX-512 VNNI"));
    EXPECT_FALSE(has(cpu.simd, "AVX-512 BF16"));
    EXPECT_FALSE(has(cpu.simd, "NEON"));
}

TEST(CpuInfo, FlagsMatchWholeWordsOnly) {
    dojo::CpuInfo cpu;
    dojo::parse_cpuinfo("processor : 0\nflags : avx512fx avx2x\n", cpu);  // not avx512f, not avx2
    EXPECT_TRUE(cpu.simd.empty());
}

TEST(CpuInfo, ArmWithoutModelName) {
    dojo::CpuInfo cpu;
    dojo::parse_cpuinfo(
        "processor\t: 0\nFeatures\t: fp asimd evtstrm aes sve\nCPU part\t: 0xd0c\n\n"
        "processor\t: 1\nFeatures\t: fp asimd evtstrm aes sve\nCPU part\t: 0xd0c\n",
        cpu);
    EXPECT_EQ(cpu.logical_threads, 2);
    EXPECT_EQ(cpu.physical_cores, 2);
    EXPECT_EQ(cpu.model, "Arm CPU (part 0xd0c)");
    EXPECT_TRUE(has(cpu.simd, "NEON"));
    EXPECT_TRUE(has(cpu.simd, "SVE"));
    EXPECT_FALSE(has(cpu.simd, "SVE2"));
}

TEST(MemInfo, ReadsTotalAndAvailable) {
    dojo::CpuInfo cpu;
    dojo::parse_meminfo("MemTotal:       16384000 kB\nMemFree:         1000 kB\nMemAvailable:    8192000 kB\n", cpu);
    EXPECT_EQ(cpu.memory_total_bytes, 16384000ull * 1024);
    EXPECT_EQ(cpu.memory_available_bytes, 8192000ull * 1024);
}

TEST(CpuProbe, ThisMachine) {
    const dojo::CpuInfo cpu = dojo::probe_cpu();
    EXPECT_GT(cpu.logical_threads, 0);
    EXPECT_GT(cpu.physical_cores, 0);
    EXPECT_LE(cpu.physical_cores, cpu.logical_threads);
    EXPECT_GT(cpu.memory_total_bytes, 0u);
    EXPECT_FALSE(cpu.architecture.empty());
}
