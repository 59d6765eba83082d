// The access tree (engine/ui/access_tree.h) in a headless app: a lesson's blocks become the semantic nodes a
// screen reader needs (headings with levels, paragraphs with their links, a list, a table whose empty corner
// heads nothing, a callout, code, a diagram, a quiz as a radio group); widgets out of view are there too;
// the page's focus and activation reach ImGui; a frame that draws the same tree again is no change; and the
// JSON for the browser nests children in order.
#include <gtest/gtest.h>

#include <string>

#include "course/course_loader.h"
#include "headless_app.h"
#include "headless_imgui.h"
#include "ui/access_json.h"
#include "ui/access_tree.h"

namespace {

using dojo::AccessNode;
using dojo::AccessRole;

dojo::Course one_lesson() {
    dojo::Course c;
    c.tracks.push_back({"t", "Track", "#3FD0C0", "microchip"});
    std::string body =
        "+++\nid = \"one\"\ntitle = \"Reading\"\ntrack = \"t\"\nsummary = \"S.\"\nrequires = []\nxp = 10\n"
        "minutes = 5\nobjectives = [\"o\"]\nsources = [\"s\"]\n+++\n"
        "## A section\n\nThe **first** paragraph, with [a link](lesson:one) in it.\n\n"
        "- one item\n- another item\n\n"
        "| | CPU | GPU |\n|---|---|---|\n| lanes | 16 | 16384 |\n\n"
        "```tip\nA tip to read.\n```\n\n"
        "```python\nprint('hi')\n```\n\n"
        "```diagram\ntitle = \"Two boxes\"\nnodes = [{ id = \"a\", label = \"CPU\" }, { id = \"b\", label = \"GPU\" }]\n"
        "edges = [{ from = \"a\", to = \"b\", label = \"PCIe\" }]\n```\n\n";
    for (int i = 0; i < 40; ++i) body += "Filler paragraph number " + std::to_string(i) + ", long enough to wrap a little.\n\n";
    body +=
        "```quiz\nid = \"q\"\ntype = \"single\"\nprompt = \"Which chip has more lanes?\"\nexplanation = \"The GPU.\"\nchoices = "
        "[\n"
        "  { text = \"The CPU\" },\n  { text = \"The GPU\", correct = true },\n  { text = \"Neither\" },\n]\n```\n";
    c.lessons.push_back(dojo::parse_lesson(body, "one.md"));
    return c;
}

const std::vector<AccessNode>& nodes() {
    return dojo::access_tree().last_frame();
}

// The text inside a node: its own name and its descendants' names, in order.
std::string text_of(std::size_t index) {
    std::string text = nodes()[index].name;
    for (std::size_t i = index + 1; i < nodes().size(); ++i)
        if (nodes()[i].parent == static_cast<int>(index)) text += text_of(i);
    return text;
}

// The first node of `role` named `text`, or with no name of its own and `text` inside.
int find(AccessRole role, const std::string& text) {
    for (std::size_t i = 0; i < nodes().size(); ++i)
        if (nodes()[i].role == role && (nodes()[i].name.empty() ? text_of(i) == text : nodes()[i].name == text))
            return static_cast<int>(i);
    return -1;
}

std::vector<int> children(int parent, AccessRole role) {
    std::vector<int> out;
    for (std::size_t i = 0; i < nodes().size(); ++i)
        if (nodes()[i].parent == parent && nodes()[i].role == role) out.push_back(static_cast<int>(i));
    return out;
}

class AccessTreeTest : public ::testing::Test {
protected:
    void SetUp() override {
        dojo::test::start_headless_imgui(1024, 600);
        // Keyboard navigation on, as the app's runner sets it; ImGui 1.86 then wants its keys mapped.
        ImGuiIO& io = ImGui::GetIO();
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = 256 + k;
        dojo::access_tree().enable();
    }
    void TearDown() override {
        dojo::access_tree().disable();
        ImGui::DestroyContext();
    }
    dojo::NullPlatform platform;
    dojo::MemoryTextStore store;
};

}  // namespace

TEST(AccessTreeLabels, ReadableLabelDropsTheIdAndTheIconGlyphs) {
    EXPECT_EQ(dojo::readable_label("\xef\x80\x8c  Check answer##q3"), "Check answer");
    EXPECT_EQ(dojo::readable_label("##only-an-id"), "");
    EXPECT_EQ(dojo::readable_label("10\xe2\x81\xb9 bytes \xc2\xb7 \xce\xbcs"), "10\xe2\x81\xb9 bytes \xc2\xb7 \xce\xbcs");
}

TEST_F(AccessTreeTest, TheLessonsBlocksBecomeTheNodesAScreenReaderNeeds) {
    dojo::AppShell shell(one_lesson(), platform, store, "#/lesson/one");
    for (int i = 0; i < 3; ++i) (void)dojo::test::frame(shell);

    const int title = find(AccessRole::Heading, "Reading");
    ASSERT_GE(title, 0);
    EXPECT_EQ(nodes()[static_cast<std::size_t>(title)].level, 1);
    const int section = find(AccessRole::Heading, "A section");
    ASSERT_GE(section, 0);
    EXPECT_EQ(nodes()[static_cast<std::size_t>(section)].level, 2);

    const int para = find(AccessRole::Paragraph, "The first paragraph, with a link in it.");
    ASSERT_GE(para, 0) << "the runs and the link, in order";
    const std::vector<int> links = children(para, AccessRole::Link);
    ASSERT_EQ(links.size(), 1u);
    EXPECT_EQ(nodes()[static_cast<std::size_t>(links[0])].href, "#/lesson/one");

    const int item = find(AccessRole::ListItem, "another item");
    ASSERT_GE(item, 0) << "a list item holds its paragraph";
    EXPECT_EQ(nodes()[static_cast<std::size_t>(item)].parent >= 0
                  ? nodes()[static_cast<std::size_t>(nodes()[static_cast<std::size_t>(item)].parent)].role
                  : AccessRole::Text,
              AccessRole::List);

    ASSERT_GE(find(AccessRole::ColumnHeader, "GPU"), 0);
    ASSERT_GE(find(AccessRole::Cell, "16384"), 0);
    ASSERT_GE(find(AccessRole::Cell, ""), 0) << "the empty corner is a cell, not a header";
    EXPECT_LT(find(AccessRole::ColumnHeader, ""), 0);

    const int note = find(AccessRole::Note, "Tip");
    ASSERT_GE(note, 0);
    EXPECT_EQ(find(AccessRole::Code, "print('hi')") >= 0, true);
    const int figure = find(AccessRole::Figure, "Two boxes");
    ASSERT_GE(figure, 0);
    EXPECT_GE(find(AccessRole::ListItem, "CPU \xe2\x86\x92 GPU (PCIe)"), 0) << "the arrows in words";

    // The quiz, far below the window: its radios and its button are in the tree although ImGui clipped them.
    const int group = find(AccessRole::RadioGroup, "Which chip has more lanes?");
    ASSERT_GE(group, 0);
    const std::vector<int> radios = children(group, AccessRole::Radio);
    ASSERT_EQ(radios.size(), 3u);
    for (int r : radios) {
        EXPECT_TRUE(nodes()[static_cast<std::size_t>(r)].state & dojo::access_state::kCheckable);
        EXPECT_FALSE(nodes()[static_cast<std::size_t>(r)].state & dojo::access_state::kChecked);
        EXPECT_NE(nodes()[static_cast<std::size_t>(r)].id, 0u);
    }
    EXPECT_GE(find(AccessRole::Button, "Check answer"), 0);
    EXPECT_GT(nodes()[static_cast<std::size_t>(radios[1])].y, 1200.0f) << "the quiz is far out of view";
}

TEST_F(AccessTreeTest, ThePagesFocusAndActivationReachImGuiAndOnlyAChangeIsReported) {
    dojo::AppShell shell(one_lesson(), platform, store, "#/lesson/one");
    for (int i = 0; i < 3; ++i) (void)dojo::test::frame(shell);
    (void)dojo::access_tree().take_changed();
    (void)dojo::test::frame(shell);
    EXPECT_FALSE(dojo::access_tree().take_changed()) << "the same tree again is no change";

    // The quiz's radios in the last frame (each frame has its own indices: look them up again).
    auto radios = [] {
        const int group = find(AccessRole::RadioGroup, "Which chip has more lanes?");
        return group < 0 ? std::vector<int>{} : children(group, AccessRole::Radio);
    };
    ASSERT_EQ(radios().size(), 3u);
    const unsigned gpu = nodes()[static_cast<std::size_t>(radios()[1])].id;
    dojo::access_tree().request_focus(gpu);
    (void)dojo::test::frame(shell);
    (void)dojo::test::frame(shell);
    EXPECT_EQ(dojo::access_tree().focus(), gpu) << "ImGui's keyboard focus follows the page's";
    ASSERT_EQ(radios().size(), 3u);
    const AccessNode& shown = nodes()[static_cast<std::size_t>(radios()[1])];
    EXPECT_GT(shown.y, 60.0f) << "the view scrolls to it";
    EXPECT_LT(shown.y + shown.h, 600.0f) << "the view scrolls to it";
    EXPECT_TRUE(dojo::access_tree().take_changed());

    dojo::access_tree().request_activate(gpu);
    (void)dojo::test::frame(shell);
    (void)dojo::test::frame(shell);
    const std::vector<int> after = radios();
    ASSERT_EQ(after.size(), 3u);
    EXPECT_TRUE(nodes()[static_cast<std::size_t>(after[1])].state & dojo::access_state::kChecked)
        << "activating the radio picks it";
    EXPECT_FALSE(nodes()[static_cast<std::size_t>(after[0])].state & dojo::access_state::kChecked);
}

TEST_F(AccessTreeTest, TheJsonNestsChildrenInOrderWithOnlyTheFieldsTheyUse) {
    dojo::AccessTree& tree = dojo::access_tree();
    ImGui::NewFrame();
    tree.begin_frame();
    tree.open({.role = AccessRole::RadioGroup, .name = "Pick one"});
    tree.add({.role = AccessRole::Radio, .name = "A", .state = dojo::access_state::kCheckable, .id = 7});
    tree.add({.role = AccessRole::Radio,
              .name = "B",
              .state = dojo::access_state::kCheckable | dojo::access_state::kChecked,
              .id = 8});
    tree.close();
    tree.open({.role = AccessRole::Paragraph});
    tree.text("Read ");
    tree.text("this ");
    tree.add({.role = AccessRole::Link, .name = "page", .href = "#/faq"});
    tree.text(".");
    tree.close();
    tree.close();  // one close too many does nothing
    tree.add({.role = AccessRole::Slider, .value = 4, .min = 1, .max = 20, .value_text = "4 runs"});
    ImGui::EndFrame();
    tree.end_frame();
    const nlohmann::json j = dojo::access_json(tree);
    ASSERT_EQ(j["nodes"].size(), 3u);
    const nlohmann::json& group = j["nodes"][0];
    EXPECT_EQ(group["role"], "radiogroup");
    ASSERT_EQ(group["children"].size(), 2u);
    EXPECT_EQ(group["children"][0]["checked"], false);
    EXPECT_EQ(group["children"][1]["checked"], true);
    EXPECT_EQ(group["children"][1]["id"], 8);
    const nlohmann::json& para = j["nodes"][1];
    ASSERT_EQ(para["children"].size(), 3u) << "runs in a row merge into one";
    EXPECT_EQ(para["children"][0]["role"], "");
    EXPECT_EQ(para["children"][0]["name"], "Read this ");
    EXPECT_EQ(para["children"][1]["href"], "#/faq");
    EXPECT_FALSE(para.contains("checked"));
    EXPECT_EQ(j["nodes"][2]["max"], 20.0);
    EXPECT_EQ(j["nodes"][2]["valueText"], "4 runs");
}

// A table whose words cannot all sit side by side (seven columns on a phone) is drawn a row at a
// time, each cell after its column's heading, and is still a table of rows and cells; on a wide
// screen the same table is a grid whose cells hold their own text.
TEST_F(AccessTreeTest, ATableTooWideForThePhoneIsStackedARowAtATime) {
    dojo::Course c;
    c.tracks.push_back({"t", "Track", "#3FD0C0", "microchip"});
    c.lessons.push_back(dojo::parse_lesson(
        "+++\nid = \"wide\"\ntitle = \"Wide\"\ntrack = \"t\"\nsummary = \"S.\"\nrequires = []\nxp = 10\nminutes = 5\n"
        "objectives = [\"o\"]\nsources = [\"s\"]\n+++\n"
        "| Part | Where it lives | Memory | Bandwidth | Dense BF16 | Dense FP4 | Max power |\n"
        "| --- | --- | --- | --- | --- | --- | --- |\n"
        "| B300 | HGX B300 board, 8 GPUs | 288 GB | 8 TB/s | 2,250 TFLOPS | 13,500 TFLOPS | 1,100 W |\n"
        "| GB200 | NVL72 rack | 186 GB | 8 TB/s | 2,500 TFLOPS | 10,000 TFLOPS | 1,200 W |\n",
        "wide.md"));
    for (const int width : {360, 1024}) {
        ImGui::GetIO().DisplaySize = {static_cast<float>(width), 900};
        dojo::AppShell shell(c, platform, store, "#/lesson/wide");
        for (int i = 0; i < 3; ++i) (void)dojo::test::frame(shell);
        int table = -1;
        for (std::size_t i = 0; i < nodes().size() && table < 0; ++i)
            if (nodes()[i].role == AccessRole::Table) table = static_cast<int>(i);
        ASSERT_GE(table, 0) << width;
        const std::vector<int> rows = children(table, AccessRole::Row);
        if (width == 360) {
            ASSERT_EQ(rows.size(), 2u) << "one card per row, the heading row folded into the cells";
            EXPECT_GE(find(AccessRole::Cell, "Dense FP4: 13,500 TFLOPS"), 0);
            EXPECT_GE(find(AccessRole::Cell, "Memory: 186 GB"), 0);
        } else {
            ASSERT_EQ(rows.size(), 3u) << "the heading row and two rows";
            EXPECT_GE(find(AccessRole::Cell, "13,500 TFLOPS"), 0);
            EXPECT_GE(find(AccessRole::ColumnHeader, "Dense FP4"), 0);
            EXPECT_LT(find(AccessRole::Cell, "Dense FP4: 13,500 TFLOPS"), 0);
        }
    }
}
