// Kernel exercises on a real Vulkan device (lavapipe here): every model solution passes and every
// starter fails, and wrong kernels get the right verdict: a missing guard, an off-by-one, x and y
// swapped, a compile error at its line, and a kernel that never ends (after which the next run works).
#include <gtest/gtest.h>

#include <filesystem>

#include "course/exercise_loader.h"
#include "exercises/exercise_check.h"
#include "vulkan/vulkan_exercise_device.h"
#include "vulkan_presence.h"

namespace {

using namespace dojo;

class VulkanExercises : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        std::vector<Diagnostic> problems;
        exercises_ =
            new std::vector<Exercise>(load_exercises(std::filesystem::path(DOJO_SOURCE_LESSONS_DIR) / "exercises", problems));
        device_ = new VulkanExerciseDevice();
        opened_ = device_->open(why_not_);
    }
    static void TearDownTestSuite() {
        delete device_;
        delete exercises_;
    }
    void SetUp() override {
        if (opened_) return;
        const std::string absent = test::vulkan_absent_reason();
        if (!absent.empty()) GTEST_SKIP() << absent;
        FAIL() << "a Vulkan device exists, but the exercise device did not open: " << why_not_;
    }
    static const Exercise& exercise(const std::string& id) {
        for (const auto& e : *exercises_)
            if (e.id == id) return e;
        throw std::runtime_error("no exercise " + id);
    }
    static Verdict check(const std::string& id, const std::string& code) {
        return check_exercise(exercise(id), code, *device_, false);
    }
    static std::string solution(const std::string& id) { return exercise(id).code.at(KernelLanguage::Glsl).solution; }

    static std::vector<Exercise>* exercises_;
    static VulkanExerciseDevice* device_;
    static bool opened_;
    static std::string why_not_;
};
std::vector<Exercise>* VulkanExercises::exercises_ = nullptr;
VulkanExerciseDevice* VulkanExercises::device_ = nullptr;
bool VulkanExercises::opened_ = false;
std::string VulkanExercises::why_not_;

TEST_F(VulkanExercises, EveryModelSolutionPassesAndEveryStarterFails) {
    ASSERT_FALSE(exercises_->empty());
    for (const Exercise& e : *exercises_) {
        const ExerciseCode& code = e.code.at(KernelLanguage::Glsl);
        const Verdict pass = check_exercise(e, code.solution, *device_, false);
        EXPECT_TRUE(pass.passed) << e.id << ": " << pass.summary();
        const Verdict starter = check_exercise(e, code.starter, *device_, false);
        EXPECT_TRUE(starter.compiled) << e.id << ": the starter code compiles: " << starter.summary();
        EXPECT_FALSE(starter.passed) << e.id << ": the untouched starter must not pass";
    }
}

TEST_F(VulkanExercises, AMissingGuardIsCaughtAsAnOutOfBoundsWrite) {
    const Verdict v = check("guard", "void main() {\n    uint i = gl_GlobalInvocationID.x;\n    result[i] = a[i] + 10.0;\n}\n");
    EXPECT_FALSE(v.passed);
    EXPECT_FALSE(v.first_mismatch) << "the 10 elements themselves are right";
    EXPECT_EQ(v.out_of_bounds_count, 6u) << "16 threads, 10 elements: 6 stray writes";
    ASSERT_FALSE(v.out_of_bounds.empty());
    EXPECT_EQ(v.out_of_bounds.front().index, 10);
}

TEST_F(VulkanExercises, AWriteBeforeTheFirstElementIsCaught) {
    const Verdict v = check("map-add-ten",
                            "void main() {\n    int i = int(gl_GlobalInvocationID.x);\n    result[i] = a[i] + 10.0;\n"
                            "    if (i == 0) result[i - 1] = 1.0;\n}\n");
    EXPECT_FALSE(v.passed);
    EXPECT_FALSE(v.first_mismatch) << "the 16 elements themselves are right";
    ASSERT_EQ(v.out_of_bounds_count, 1u) << v.summary();
    EXPECT_EQ(v.out_of_bounds.front().index, -1);
    EXPECT_NE(v.summary().find("before element 0"), std::string::npos) << v.summary();
}

TEST_F(VulkanExercises, AKernelMayUseOnlyTheAppsBuffersAnd32BitTypes) {
    const Verdict extra = check("map-add-ten",
                                "layout(std430, binding = 5) buffer Mine { float mine[]; };\nvoid main() {\n"
                                "    mine[0] = 1.0;\n}\n");
    EXPECT_FALSE(extra.compiled);
    ASSERT_FALSE(extra.compile_errors.empty());
    EXPECT_NE(extra.compile_errors.front().message.find("binding 5"), std::string::npos) << extra.summary();
    const Verdict wide = check("map-add-ten", "void main() {\n    double d = 1.0lf;\n    result[0] = float(d);\n}\n");
    EXPECT_FALSE(wide.compiled);
    EXPECT_NE(wide.summary().find("capability"), std::string::npos) << wide.summary();
}

TEST_F(VulkanExercises, APastedVersionLineKeepsTheLineNumbers) {
    const Verdict v = check("map-add-ten",
                            "#version 450\nvoid main() {\n    uint i = gl_GlobalInvocationID.x;\n    result[i] = a[i] + "
                            "10.0;\n}\n");
    EXPECT_TRUE(v.passed) << v.summary();
    const Verdict e = check("map-add-ten", "#version 450\nvoid main() {\n    result[0] = nope;\n}\n");
    ASSERT_FALSE(e.compile_errors.empty());
    EXPECT_EQ(e.compile_errors.front().line, 3);
}

TEST_F(VulkanExercises, AnOffByOneNamesTheFirstWrongElement) {
    const Verdict v = check("map-add-ten",
                            "void main() {\n    uint i = gl_GlobalInvocationID.x;\n    if (i > 0) result[i] = "
                            "a[i - 1] + 10.0;\n}\n");
    EXPECT_FALSE(v.passed);
    ASSERT_TRUE(v.first_mismatch);
    EXPECT_EQ(v.first_mismatch->index, 0u);
    EXPECT_TRUE(v.first_mismatch->never_written);
}

TEST_F(VulkanExercises, SwappedXAndYAreWrong) {
    const Verdict v = check("grid-2d",
                            "void main() {\n    uint x = gl_GlobalInvocationID.x;\n    uint y = gl_GlobalInvocationID.y;\n"
                            "    if (x < size.width && y < size.height) {\n        uint i = x * size.height + y;\n"
                            "        result[y * size.width + x] = a[i] + 10.0;\n    }\n}\n");
    EXPECT_FALSE(v.passed);
    EXPECT_TRUE(v.first_mismatch);
    EXPECT_EQ(v.out_of_bounds_count, 0u);
}

TEST_F(VulkanExercises, ACompileErrorIsAtTheLearnersLine) {
    const Verdict v =
        check("map-add-ten", "void main() {\n    uint i = gl_GlobalInvocationID.x;\n    result[i] = a[j] + 10.0;\n}\n");
    EXPECT_FALSE(v.compiled);
    ASSERT_FALSE(v.compile_errors.empty());
    EXPECT_EQ(v.compile_errors.front().line, 3);
    EXPECT_NE(v.compile_errors.front().message.find("'j'"), std::string::npos) << v.compile_errors.front().message;
    EXPECT_NE(v.summary().find("line 3"), std::string::npos) << v.summary();
}

TEST_F(VulkanExercises, AKernelThatNeverEndsIsStoppedAndTheNextRunWorks) {
    const Verdict v = check("map-add-ten",
                            "void main() {\n    uint i = gl_GlobalInvocationID.x;\n    while (true) {\n        "
                            "result[i] = 1.0;\n    }\n}\n");
    EXPECT_TRUE(v.timed_out) << v.summary();
    EXPECT_FALSE(v.passed);
    EXPECT_NE(v.summary().find("would never have ended"), std::string::npos) << v.summary();
    const Verdict next = check("map-add-ten", solution("map-add-ten"));
    EXPECT_TRUE(next.passed) << next.summary();
}

TEST_F(VulkanExercises, APassIsTimedAgainstTheModelSolution) {
    const Verdict v = check_exercise(exercise("map-add-ten"), solution("map-add-ten"), *device_, true);
    ASSERT_TRUE(v.passed) << v.summary();
    EXPECT_GT(v.time_ms, 0);
    EXPECT_GT(v.reference_time_ms, 0);
    EXPECT_GT(v.bytes, 0);
}

}  // namespace
