// Markdown into blocks with md4c (markdown_blocks.h). Positions: md4c reports none, but the text it hands
// back points into the source buffer, so each block's line and each link's column are recovered from
// those pointers.
#include "course/markdown_blocks.h"

#include <md4c.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <utility>

namespace dojo::detail {

namespace {

constexpr int kMaxNesting = 32;

class MarkdownBuilder {
public:
    MarkdownBuilder(std::string_view text, const ParseContext& ctx, int first_line)
        : owned_(text), text_(owned_), lines_(owned_), ctx_(ctx), first_line_(first_line) {}

    std::vector<Block> build() {
        MD_PARSER parser{};
        parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_NOHTML;
        parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) { return static_cast<MarkdownBuilder*>(u)->enter_block(t, d); };
        parser.leave_block = [](MD_BLOCKTYPE t, void* d, void* u) { return static_cast<MarkdownBuilder*>(u)->leave_block(t, d); };
        parser.enter_span = [](MD_SPANTYPE t, void* d, void* u) { return static_cast<MarkdownBuilder*>(u)->enter_span(t, d); };
        parser.leave_span = [](MD_SPANTYPE t, void* d, void* u) { return static_cast<MarkdownBuilder*>(u)->leave_span(t, d); };
        parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* u) {
            return static_cast<MarkdownBuilder*>(u)->on_text(t, s, n);
        };
        stack_.clear();
        stack_.push_back(Frame{Block{BlockKind::Quote}, false});  // the document root
        md_parse(text_.data(), static_cast<MD_SIZE>(text_.size()), &parser, this);
        while (stack_.size() > 1) close_top();
        return std::move(stack_.front().block.children);
    }

private:
    struct Frame {
        Block block;
        bool implicit = false;  // a paragraph opened for text in a tight list item
    };
    enum class Target { None, Spans, Cell, Code };

    // Position of a pointer md4c handed us, when it points into our text.
    bool position(const char* p, int& line, int& col) const {
        if (p < text_.data() || p > text_.data() + text_.size()) return false;
        const auto off = static_cast<std::size_t>(p - text_.data());
        line = first_line_ - 1 + lines_.line(off);
        col = lines_.column(off);
        return true;
    }

    void note_line(const char* p, std::size_t size) {
        int line = 0, col = 0;
        if (!position(p, line, col)) return;
        last_line_ = line;
        last_end_ = static_cast<std::size_t>(p - text_.data()) + size;
        Block& b = stack_.back().block;
        if (b.line == 0) b.line = b.kind == BlockKind::Code && fenced_ ? line - 1 : line;
    }

    void push(BlockKind kind) {
        Frame f{Block{kind}, false};
        f.block.line = 0;
        stack_.push_back(std::move(f));
    }

    // Moves the finished top block into its parent.
    void close_top() {
        Frame f = std::move(stack_.back());
        stack_.pop_back();
        if (f.block.line == 0) f.block.line = last_line_;
        const bool empty_para = f.block.kind == BlockKind::Paragraph && f.block.spans.empty();
        if (empty_para) return;
        Block& parent = stack_.back().block;
        if (parent.kind == BlockKind::List) {
            if (parent.items.empty()) parent.items.emplace_back();
            parent.items.back().push_back(std::move(f.block));
        } else {
            parent.children.push_back(std::move(f.block));
        }
    }

    void close_implicit_paragraph() {
        if (stack_.size() > 1 && stack_.back().implicit) close_top();
    }

    int enter_block(MD_BLOCKTYPE type, void* detail) {
        if (skip_ > 0 || stack_.size() > kMaxNesting) {
            if (skip_++ == 0) ctx_.error(last_line_, 0, "Markdown nested deeper than " + std::to_string(kMaxNesting) + " levels");
            return 0;
        }
        switch (type) {
            case MD_BLOCK_DOC:
                break;
            case MD_BLOCK_QUOTE:
                close_implicit_paragraph();
                push(BlockKind::Quote);
                break;
            case MD_BLOCK_UL:
            case MD_BLOCK_OL:
                close_implicit_paragraph();
                push(BlockKind::List);
                if (type == MD_BLOCK_OL) {
                    stack_.back().block.ordered = true;
                    stack_.back().block.start =
                        static_cast<int>(std::min(static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start, 1000000u));
                }
                break;
            case MD_BLOCK_LI:
                close_implicit_paragraph();
                stack_.back().block.items.emplace_back();
                break;
            case MD_BLOCK_HR: {
                close_implicit_paragraph();
                push(BlockKind::Rule);
                stack_.back().block.line = rule_line();
                close_top();
                break;
            }
            case MD_BLOCK_H:
                push(BlockKind::Heading);
                stack_.back().block.level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
                target_ = Target::Spans;
                break;
            case MD_BLOCK_CODE: {
                close_implicit_paragraph();
                push(BlockKind::Code);
                auto* d = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
                fenced_ = d->fence_char != 0;
                stack_.back().block.lang = trim(std::string_view(d->info.text ? d->info.text : "", d->info.size));
                if (auto sp = stack_.back().block.lang.find(' '); sp != std::string::npos) stack_.back().block.lang.resize(sp);
                // The fence's own line: md4c gives the info string's position, or nothing for a bare fence.
                int line = 0, col = 0;
                if (d->info.size > 0 && position(d->info.text, line, col)) stack_.back().block.line = line;
                target_ = Target::Code;
                break;
            }
            case MD_BLOCK_P:
                close_implicit_paragraph();
                push(BlockKind::Paragraph);
                target_ = Target::Spans;
                break;
            case MD_BLOCK_TABLE:
                close_implicit_paragraph();
                push(BlockKind::Table);
                break;
            case MD_BLOCK_THEAD:
            case MD_BLOCK_TBODY:
                break;
            case MD_BLOCK_TR:
                stack_.back().block.rows.emplace_back();
                break;
            case MD_BLOCK_TH:
            case MD_BLOCK_TD: {
                Block& table = stack_.back().block;
                if (table.rows.empty()) table.rows.emplace_back();
                table.rows.back().emplace_back();
                if (table.rows.size() == 1) {
                    const MD_ALIGN a = static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align;
                    table.align.push_back(a == MD_ALIGN_CENTER ? 1 : a == MD_ALIGN_RIGHT ? 2 : 0);
                }
                target_ = Target::Cell;
                break;
            }
            case MD_BLOCK_HTML:
                break;  // not produced with MD_FLAG_NOHTML
        }
        return 0;
    }

    int leave_block(MD_BLOCKTYPE type, void*) {
        if (skip_ > 0) {
            --skip_;
            return 0;
        }
        switch (type) {
            case MD_BLOCK_QUOTE:
            case MD_BLOCK_UL:
            case MD_BLOCK_OL:
            case MD_BLOCK_H:
            case MD_BLOCK_CODE:
            case MD_BLOCK_P:
            case MD_BLOCK_TABLE:
                close_implicit_paragraph();
                if (stack_.size() > 1) close_top();
                target_ = Target::None;
                fenced_ = false;
                break;
            case MD_BLOCK_LI:
                close_implicit_paragraph();
                break;
            case MD_BLOCK_TH:
            case MD_BLOCK_TD:
                target_ = Target::None;
                break;
            default:
                break;
        }
        return 0;
    }

    int enter_span(MD_SPANTYPE type, void* detail) {
        switch (type) {
            case MD_SPAN_EM:
                ++italic_;
                break;
            case MD_SPAN_STRONG:
                ++bold_;
                break;
            case MD_SPAN_CODE:
                ++code_;
                break;
            case MD_SPAN_DEL:
                ++strike_;
                break;
            case MD_SPAN_A: {
                auto* d = static_cast<MD_SPAN_A_DETAIL*>(detail);
                link_ = std::string(d->href.text ? d->href.text : "", d->href.size);
                int line = last_line_, col = 0;
                position(d->href.text, line, col);
                record_link(link_, line, col);
                break;
            }
            case MD_SPAN_IMG: {
                auto* d = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
                image_src_ = std::string(d->src.text ? d->src.text : "", d->src.size);
                image_line_ = last_line_;
                image_col_ = 0;
                position(d->src.text, image_line_, image_col_);
                image_alt_.clear();
                ++in_image_;
                break;
            }
            default:
                break;  // wiki links, LaTeX and underline are not enabled
        }
        return 0;
    }

    int leave_span(MD_SPANTYPE type, void*) {
        switch (type) {
            case MD_SPAN_EM:
                --italic_;
                break;
            case MD_SPAN_STRONG:
                --bold_;
                break;
            case MD_SPAN_CODE:
                --code_;
                break;
            case MD_SPAN_DEL:
                --strike_;
                break;
            case MD_SPAN_A:
                link_.clear();
                break;
            case MD_SPAN_IMG:
                if (--in_image_ == 0) emit_image();
                break;
            default:
                break;
        }
        return 0;
    }

    // md4c gives a thematic break no position: it is the first line after the last text that holds only three or
    // more of one of '-', '*', '_' (blanks, and a quote's '>' before them, aside). The search for the next one
    // starts after it.
    int rule_line() {
        for (int l = last_end_ > 0 ? lines_.line(last_end_ - 1) + 1 : 1; l <= lines_.count(); ++l) {
            const std::size_t end = l < lines_.count() ? lines_.start(l + 1) : text_.size();
            char mark = 0;
            int marks = 0;
            bool rule = true;
            for (const char c : text_.substr(lines_.start(l), end - lines_.start(l))) {
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || (c == '>' && marks == 0)) continue;
                rule = rule && (c == '-' || c == '*' || c == '_') && (mark == 0 || c == mark);
                mark = c;
                ++marks;
            }
            if (rule && marks >= 3) {
                last_end_ = end;
                last_line_ = first_line_ - 1 + l;
                return last_line_;
            }
        }
        return std::min(last_line_ + 1, first_line_ - 1 + lines_.count());  // not found (a rule in a list item)
    }

    // An image becomes a block of its own, between the text before and after it.
    void emit_image() {
        if (ctx_.refs) ctx_.refs->images.push_back({image_src_, image_line_, image_col_});
        Block image{BlockKind::Image};
        image.line = image_line_;
        image.text = image_src_;
        image.spans.push_back({image_alt_, 0, ""});
        if (stack_.size() > 1 && (stack_.back().block.kind == BlockKind::Paragraph)) {
            Frame& para = stack_.back();
            const bool implicit = para.implicit;
            close_top();  // the text so far (dropped when empty)
            Block& parent = stack_.back().block;
            if (parent.kind == BlockKind::List) {
                if (parent.items.empty()) parent.items.emplace_back();
                parent.items.back().push_back(std::move(image));
            } else {
                parent.children.push_back(std::move(image));
            }
            push(BlockKind::Paragraph);  // for the text after the image
            stack_.back().implicit = implicit;
        }
    }

    void record_link(const std::string& href, int line, int col) {
        if (!ctx_.refs) return;
        if (href.rfind("lesson:", 0) == 0)
            ctx_.refs->lessons.push_back({href.substr(7), line, col});
        else if (href.rfind("term:", 0) == 0)
            ctx_.refs->terms.push_back({href.substr(5), line, col});
        else if (href.rfind("https://", 0) != 0 && href.rfind("http://", 0) != 0 && href.rfind("mailto:", 0) != 0)
            ctx_.error(line, col, "link '" + href + "' is neither lesson:<id>, term:<id> nor an http(s) address");
    }

    Spans* spans_target() {
        if (target_ == Target::Cell) {
            Block& table = stack_.back().block;
            if (table.kind != BlockKind::Table || table.rows.empty() || table.rows.back().empty()) return nullptr;
            return &table.rows.back().back();
        }
        if (target_ == Target::Spans || stack_.back().implicit) return &stack_.back().block.spans;
        // Text straight inside a list item (a tight list) or a quote: open an implicit paragraph.
        if (stack_.back().block.kind == BlockKind::List || stack_.back().block.kind == BlockKind::Quote || stack_.size() == 1) {
            push(BlockKind::Paragraph);
            stack_.back().implicit = true;
            return &stack_.back().block.spans;
        }
        return nullptr;
    }

    void append(std::string_view s) {
        if (in_image_ > 0) {
            image_alt_ += s;
            return;
        }
        Spans* spans = spans_target();
        if (!spans) return;
        const std::uint8_t style = static_cast<std::uint8_t>((bold_ ? kBold : 0) | (italic_ ? kItalic : 0) | (code_ ? kCode : 0) |
                                                             (strike_ ? kStrike : 0));
        if (!spans->empty() && spans->back().style == style && spans->back().link == link_)
            spans->back().text += s;
        else
            spans->push_back({std::string(s), style, link_});
    }

    int on_text(MD_TEXTTYPE type, const MD_CHAR* s, MD_SIZE n) {
        if (skip_ > 0) {
            if (type == MD_TEXT_NORMAL || type == MD_TEXT_CODE) append(std::string_view(s, n));
            return 0;
        }
        note_line(s, n);
        switch (type) {
            case MD_TEXT_NORMAL:
            case MD_TEXT_HTML:
                append(std::string_view(s, n));
                break;
            case MD_TEXT_CODE:
                if (target_ == Target::Code && stack_.back().block.kind == BlockKind::Code)
                    stack_.back().block.text.append(s, n);
                else
                    append(std::string_view(s, n));
                break;
            case MD_TEXT_NULLCHAR:
                append("\xEF\xBF\xBD");
                break;
            case MD_TEXT_BR:
                append("\n");
                break;
            case MD_TEXT_SOFTBR:
                append(" ");
                break;
            case MD_TEXT_ENTITY:
                append(decode_entity(std::string_view(s, n)));
                break;
            default:
                break;
        }
        return 0;
    }

    static std::string decode_entity(std::string_view e) {
        static const std::map<std::string_view, std::string_view> named = {{"&amp;", "&"},
                                                                           {"&lt;", "<"},
                                                                           {"&gt;", ">"},
                                                                           {"&quot;", "\""},
                                                                           {"&apos;", "'"},
                                                                           {"&nbsp;", "\xC2\xA0"},
                                                                           {"&times;", "\xC3\x97"},
                                                                           {"&mdash;", "\xE2\x80\x94"},
                                                                           {"&ndash;", "\xE2\x80\x93"},
                                                                           {"&hellip;", "\xE2\x80\xA6"},
                                                                           {"&rarr;", "\xE2\x86\x92"},
                                                                           {"&asymp;", "\xE2\x89\x88"},
                                                                           {"&le;", "\xE2\x89\xA4"},
                                                                           {"&ge;", "\xE2\x89\xA5"}};
        if (auto it = named.find(e); it != named.end()) return std::string(it->second);
        if (e.size() > 3 && e[1] == '#') {
            unsigned long cp = e[2] == 'x' || e[2] == 'X' ? std::strtoul(std::string(e.substr(3)).c_str(), nullptr, 16)
                                                          : std::strtoul(std::string(e.substr(2)).c_str(), nullptr, 10);
            if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
            std::string out;
            if (cp < 0x80) {
                out += static_cast<char>(cp);
            } else if (cp < 0x800) {
                out += static_cast<char>(0xC0 | (cp >> 6));
                out += static_cast<char>(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                out += static_cast<char>(0xE0 | (cp >> 12));
                out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (cp & 0x3F));
            } else {
                out += static_cast<char>(0xF0 | (cp >> 18));
                out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
                out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (cp & 0x3F));
            }
            return out;
        }
        return std::string(e);
    }

    // md4c scans lines with strcspn(), which needs a NUL after the text; a string_view may have none
    // (found by the fuzzer under ASan's strict_string_checks), so the builder parses its own copy.
    std::string owned_;
    std::string_view text_;
    LineMap lines_;
    const ParseContext& ctx_;
    int first_line_;
    std::vector<Frame> stack_;
    Target target_ = Target::None;
    bool fenced_ = false;
    int last_line_ = 1;
    std::size_t last_end_ = 0;  // offset just past the last text md4c handed us
    int skip_ = 0;
    int bold_ = 0, italic_ = 0, code_ = 0, strike_ = 0, in_image_ = 0;
    std::string link_, image_src_, image_alt_;
    int image_line_ = 0, image_col_ = 0;
};

}  // namespace

std::vector<Block> markdown_blocks(std::string_view text, const ParseContext& ctx, int first_line) {
    MarkdownBuilder builder(text, ctx, first_line);
    return builder.build();
}

}  // namespace dojo::detail
