// Lexer tests. Expected token streams come from HashiCorp's own scanner
// (hclsyntax.LexConfig / LexTemplate, v2.14.1) unless a comment says otherwise.
#include "grammar/hcl_lexer.h"

#include <gtest/gtest.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ecslint::grammar::hcl {
namespace {

using namespace std::string_view_literals;

std::string describe(std::string_view text, LexMode mode) {
  std::string padded(text);
  padded.append(SourceFile::kPadding, '\0');
  TokenBuffer out;
  LexResult lexed = lex(std::string_view(padded.data(), text.size()), 0, mode, out);
  std::string s;
  for (const Token& t : std::span(out.data(), lexed.count)) {
    if (!s.empty()) s += ' ';
    s += token_name(t.type);
    s += ' ' + std::to_string(t.begin) + '-' + std::to_string(t.end);
  }
  return s;
}

std::string tokens(std::string_view text) { return describe(text, LexMode::Config); }
std::string template_tokens(std::string_view text) { return describe(text, LexMode::Template); }

TEST(HclLexer, operators) {
  EXPECT_EQ(tokens("a == b != c <= d >= e && f || g => h ... i ! j ? k : l"sv),
            "Ident 0-1 EqualOp 2-4 Ident 5-6 NotEqual 7-9 Ident 10-11 LessEq 12-14 "
            "Ident 15-16 GreaterEq 17-19 Ident 20-21 And 22-24 Ident 25-26 Or 27-29 "
            "Ident 30-31 FatArrow 32-34 Ident 35-36 Ellipsis 37-40 Ident 41-42 Bang 43-44 "
            "Ident 45-46 Question 47-48 Ident 49-50 Colon 51-52 Ident 53-54 Eof 54-54");
}

TEST(HclLexer, single_char_tokens) {
  EXPECT_EQ(tokens("{}[]()*/+-%=<>.,"sv),
            "OBrace 0-1 CBrace 1-2 OBrack 2-3 CBrack 3-4 OParen 4-5 CParen 5-6 Star 6-7 "
            "Slash 7-8 Plus 8-9 Minus 9-10 Percent 10-11 Equal 11-12 Less 12-13 Greater 13-14 "
            "Dot 14-15 Comma 15-16 Eof 16-16");
}

TEST(HclLexer, numbers) {
  EXPECT_EQ(tokens("1 1.5 1e3 2E-4 1.2.3 1. 1e 0x10 007"sv),
            "NumberLit 0-1 NumberLit 2-5 NumberLit 6-9 NumberLit 10-14 NumberLit 15-20 "
            "NumberLit 21-22 Dot 22-23 NumberLit 24-25 Ident 25-26 NumberLit 27-28 "
            "Ident 28-31 NumberLit 32-35 Eof 35-35");
}

TEST(HclLexer, identifiers) {
  EXPECT_EQ(tokens("a-b _c h\xc3\xa9 x1-2 for"sv),
            "Ident 0-3 Ident 4-6 Ident 7-10 Ident 11-15 Ident 16-19 Eof 19-19");
}

// Identifiers are scanned sixteen bytes at a time: every length around the
// block size, each byte class at each offset, a run ending in non-ASCII
// letters or at the end of the text (where the padding starts), and every
// ASCII byte that is not an identifier byte ending a 20-byte run.
TEST(HclLexer, identifiers_of_every_length) {
  for (size_t n = 1; n <= 40; ++n) {
    std::string name(n, 'a');
    for (size_t i = 1; i < n; ++i) name[i] = "zZ09_-mM"[i % 8];
    std::string expected = "Ident 0-" + std::to_string(n);
    EXPECT_EQ(tokens(name), expected + " Eof " + std::to_string(n) + "-" + std::to_string(n)) << n;
    EXPECT_EQ(tokens(name + " x"), expected + " Ident " + std::to_string(n + 1) + "-" + std::to_string(n + 2) +
                                       " Eof " + std::to_string(n + 2) + "-" + std::to_string(n + 2))
        << n;
    EXPECT_EQ(tokens(name + "\xc3\xa9t"), "Ident 0-" + std::to_string(n + 3) + " Eof " + std::to_string(n + 3) + "-" +
                                              std::to_string(n + 3))
        << n;
  }
  for (int c = 1; c < 128; ++c) {
    bool ident = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    std::string text = "abcdefghijklmnopqrst" + std::string(1, char(c));
    std::string first = describe(text, LexMode::Config).substr(0, 10);
    EXPECT_EQ(first, ident ? "Ident 0-21" : "Ident 0-20") << c;
  }
}

// Blanks, quoted-string text and template text are scanned sixteen bytes
// at a time too: every run length around the block size, runs ending at the
// end of the text, and every ASCII byte ending a 20-byte run.
TEST(HclLexer, blank_and_literal_runs_of_every_length) {
  auto str = [](size_t n) { return std::to_string(n); };
  // All plain in quoted strings and in templates (none of $ % " \ CR LF).
  const std::string filler = "ab {}=./:'()*+,;<>?@[]^`|~!#&-_\t";
  for (size_t n = 1; n <= 40; ++n) {
    std::string blanks(n, ' ');
    for (size_t i = 0; i < n; i += 3) blanks[i] = '\t';
    EXPECT_EQ(tokens("a" + blanks + "b"), "Ident 0-1 Ident " + str(n + 1) + "-" + str(n + 2) + " Eof " + str(n + 2) +
                                              "-" + str(n + 2))
        << n;
    EXPECT_EQ(tokens("a" + blanks), "Ident 0-1 Eof " + str(n + 1) + "-" + str(n + 1)) << n;

    std::string text;
    for (size_t i = 0; i < n; ++i) text += filler[i % filler.size()];
    EXPECT_EQ(tokens("\"" + text + "\""), "OQuote 0-1 QuotedLit 1-" + str(n + 1) + " CQuote " + str(n + 1) + "-" +
                                              str(n + 2) + " Eof " + str(n + 2) + "-" + str(n + 2))
        << n;
    // Unterminated: the run stops where the text's zero padding starts.
    EXPECT_EQ(tokens("\"" + text), "OQuote 0-1 QuotedLit 1-" + str(n + 1) + " Eof " + str(n + 1) + "-" + str(n + 1))
        << n;
    EXPECT_EQ(template_tokens(text), "StringLit 0-" + str(n) + " Eof " + str(n) + "-" + str(n)) << n;
    EXPECT_EQ(template_tokens(text + "\xc3\xa9"), "StringLit 0-" + str(n + 2) + " Eof " + str(n + 2) + "-" + str(n + 2))
        << n;
  }
  EXPECT_EQ(tokens("x = \"\"\n"sv), "Ident 0-1 Equal 2-3 OQuote 4-5 CQuote 5-6 Newline 6-7 Eof 7-7");
  // Non-ASCII text and escapes end the plain run before the closing quote.
  EXPECT_EQ(tokens("\"h\xc3\xa9llo\""sv), "OQuote 0-1 QuotedLit 1-7 CQuote 7-8 Eof 8-8");
  EXPECT_EQ(tokens("\"a\\\"b\" c"sv), "OQuote 0-1 QuotedLit 1-5 CQuote 5-6 Ident 7-8 Eof 8-8");
  // A NUL inside the text is literal text, not its end.
  EXPECT_EQ(tokens("\"ab\0cd\""sv), "OQuote 0-1 QuotedLit 1-6 CQuote 6-7 Eof 7-7");
  EXPECT_EQ(template_tokens("ab\0cd"sv), "StringLit 0-5 Eof 5-5");
  const std::string run20 = filler.substr(0, 20);
  for (int c = 1; c < 128; ++c) {
    std::string byte(1, char(c));
    std::string after_blanks = describe("a" + std::string(20, ' ') + byte, LexMode::Config);
    if (c != ' ' && c != '\t') {
      EXPECT_NE(after_blanks.find(" 21-"), std::string::npos) << c << ": " << after_blanks;
    }

    bool ends_quoted = std::string_view("$%\"\r\n").find(char(c)) != std::string_view::npos;
    EXPECT_EQ(tokens("\"" + run20 + byte + "x\"").substr(0, 25),
              std::string("OQuote 0-1 QuotedLit 1-") + (ends_quoted ? "21" : "23"))
        << c;

    std::string_view end = c == '$' || c == '%' || c == '\r' ? "20" : c == '\n' ? "21" : "22";
    EXPECT_EQ(template_tokens(run20 + byte + "x").substr(0, 14), "StringLit 0-" + std::string(end)) << c;
  }
}

TEST(HclLexer, line_comments_take_their_newline) {
  EXPECT_EQ(tokens("a # one\nb // two\r\nc"sv),
            "Ident 0-1 Comment 2-8 Ident 8-9 Comment 10-18 Ident 18-19 Eof 19-19");
}

TEST(HclLexer, block_comment) {
  EXPECT_EQ(tokens("a /* x\ny */ b"sv),
            "Ident 0-1 Comment 2-11 Ident 12-13 Eof 13-13");
}

TEST(HclLexer, unterminated_block_comment_is_slash_star) {
  EXPECT_EQ(tokens("a /* b"sv),
            "Ident 0-1 Slash 2-3 Star 3-4 Ident 5-6 Eof 6-6");
}

TEST(HclLexer, quoted_string) {
  EXPECT_EQ(tokens("\"a\\n${b}c\""sv),
            "OQuote 0-1 QuotedLit 1-4 TemplateInterp 4-6 Ident 6-7 TemplateSeqEnd 7-8 "
            "QuotedLit 8-9 CQuote 9-10 Eof 10-10");
}

TEST(HclLexer, dollar_and_percent_split_literals) {
  EXPECT_EQ(tokens("\"x$y%z$${w}%%{v}\""sv),
            "OQuote 0-1 QuotedLit 1-2 QuotedLit 2-3 QuotedLit 3-4 QuotedLit 4-5 QuotedLit 5-6 "
            "QuotedLit 6-9 QuotedLit 9-11 QuotedLit 11-14 QuotedLit 14-16 CQuote 16-17 "
            "Eof 17-17");
}

TEST(HclLexer, nested_interpolation_braces) {
  EXPECT_EQ(tokens("\"${ {a = \"${b}\"} }\""sv),
            "OQuote 0-1 TemplateInterp 1-3 OBrace 4-5 Ident 5-6 Equal 7-8 OQuote 9-10 "
            "TemplateInterp 10-12 Ident 12-13 TemplateSeqEnd 13-14 CQuote 14-15 CBrace 15-16 "
            "TemplateSeqEnd 17-18 CQuote 18-19 Eof 19-19");
}

TEST(HclLexer, strip_markers) {
  EXPECT_EQ(tokens("\"${~ a ~}\""sv),
            "OQuote 0-1 TemplateInterp 1-4 Ident 5-6 TemplateSeqEnd 7-9 CQuote 9-10 Eof 10-10");
}

TEST(HclLexer, control_sequence) {
  EXPECT_EQ(tokens("\"%{ if a }b%{ endif }\""sv),
            "OQuote 0-1 TemplateControl 1-3 Ident 4-6 Ident 7-8 TemplateSeqEnd 9-10 "
            "QuotedLit 10-11 TemplateControl 11-13 Ident 14-19 TemplateSeqEnd 20-21 "
            "CQuote 21-22 Eof 22-22");
}

TEST(HclLexer, quoted_newline) {
  EXPECT_EQ(tokens("\"a\nb\""sv),
            "OQuote 0-1 QuotedLit 1-2 QuotedNewline 2-3 QuotedLit 3-4 CQuote 4-5 Eof 5-5");
}

TEST(HclLexer, heredoc) {
  EXPECT_EQ(tokens("<<EOT\nline ${a}\n  EOT\n"sv),
            "OHeredoc 0-6 StringLit 6-11 TemplateInterp 11-13 Ident 13-14 "
            "TemplateSeqEnd 14-15 StringLit 15-16 CHeredoc 16-21 Newline 21-22 Eof 22-22");
}

TEST(HclLexer, flush_heredoc_crlf) {
  EXPECT_EQ(tokens("<<-EOT\r\n  x\r\n  EOT\r\n"sv),
            "OHeredoc 0-8 StringLit 8-13 CHeredoc 13-18 Newline 18-20 Eof 20-20");
}

TEST(HclLexer, heredoc_marker_needs_its_own_line) {
  EXPECT_EQ(tokens("<<EOT\nx EOT\nEOT\n"sv),
            "OHeredoc 0-6 StringLit 6-12 CHeredoc 12-15 Newline 15-16 Eof 16-16");
}

TEST(HclLexer, heredoc_space_after_marker_is_not_heredoc) {
  EXPECT_EQ(tokens("<<EOT \nx"sv),
            "Less 0-1 Less 1-2 Ident 2-5 Newline 6-7 Ident 7-8 Eof 8-8");
}

TEST(HclLexer, heredoc_sigils) {
  EXPECT_EQ(tokens("<<EOT\n$x\n$xy\n%\n$${\nEOT\n"sv),
            "OHeredoc 0-6 StringLit 6-8 StringLit 8-9 StringLit 9-10 StringLit 10-13 "
            "StringLit 13-14 StringLit 14-15 StringLit 15-19 CHeredoc 19-22 Newline 22-23 "
            "Eof 23-23");
}

TEST(HclLexer, bom_is_skipped) {
  EXPECT_EQ(tokens("\xef\xbb\xbf" "a = 1"sv),
            "Ident 3-4 Equal 5-6 NumberLit 7-8 Eof 8-8");
}

TEST(HclLexer, crlf_and_lone_cr) {
  EXPECT_EQ(tokens("a\r\nb\rc"sv),
            "Ident 0-1 Newline 1-3 Ident 3-4 Invalid 4-5 Ident 5-6 Eof 6-6");
}

TEST(HclLexer, nul_and_invalid) {
  EXPECT_EQ(tokens("a\x00@\xe2\x80\x9c"sv),
            "Ident 0-1 Invalid 1-2 Invalid 2-3 Invalid 3-6 Eof 6-6");
}

TEST(HclLexer, bad_utf8) {
  EXPECT_EQ(tokens("a\xff\xc3(b"sv),
            "Ident 0-1 BadUtf8 1-2 BadUtf8 2-3 OParen 3-4 Ident 4-5 Eof 5-5");
}

TEST(HclLexer, tilde_brace_outside_template) {
  EXPECT_EQ(tokens("a ~} ~"sv),
            "Ident 0-1 TemplateSeqEnd 2-4 BitwiseNot 5-6 Eof 6-6");
}

TEST(HclLexer, invalid_tokens) {
  EXPECT_EQ(tokens("& | ^ ; ` '"sv),
            "BitwiseAnd 0-1 BitwiseOr 2-3 BitwiseXor 4-5 Semicolon 6-7 Backtick 8-9 "
            "Apostrophe 10-11 Eof 11-11");
}

TEST(HclLexer, double_colon) {
  // HCL >= 2.20 (v2.14 lexes two colons)
  EXPECT_EQ(tokens("provider::aws::f"sv),
            "Ident 0-8 DoubleColon 8-10 Ident 10-13 DoubleColon 13-15 Ident 15-16 Eof 16-16");
}

TEST(HclLexer, bare_template) {
  EXPECT_EQ(template_tokens("Hello ${name}!\n%{ if x }y%{ endif }\n"sv),
            "StringLit 0-6 TemplateInterp 6-8 Ident 8-12 TemplateSeqEnd 12-13 StringLit 13-15 "
            "TemplateControl 15-17 Ident 18-20 Ident 21-22 TemplateSeqEnd 23-24 "
            "StringLit 24-25 TemplateControl 25-27 Ident 28-33 TemplateSeqEnd 34-35 "
            "StringLit 35-36 Eof 36-36");
}

TEST(HclLexer, bare_template_dollars) {
  EXPECT_EQ(template_tokens("a$b $${c}\n100%"sv),
            "StringLit 0-1 StringLit 1-2 StringLit 2-4 StringLit 4-7 StringLit 7-10 "
            "StringLit 10-13 StringLit 13-14 Eof 14-14");
}

TEST(HclLexer, bare_template_lone_cr_stops) {
  EXPECT_EQ(template_tokens("a\rb ${c}"sv),
            "StringLit 0-1 StringLit 1-8 Eof 8-8");
}

TEST(HclLexer, ReportsWhetherAnyTokenIsNeverValid) {
  std::string padded = std::string("a = 1;") + std::string(SourceFile::kPadding, '\0');
  TokenBuffer out;
  EXPECT_TRUE(lex(std::string_view(padded.data(), 6), 0, LexMode::Config, out).has_invalid_tokens);
  EXPECT_FALSE(lex(std::string_view(padded.data(), 5), 0, LexMode::Config, out).has_invalid_tokens);
}

TEST(HclLexer, OffsetsAreShiftedByBase) {
  std::string padded = std::string("a") + std::string(SourceFile::kPadding, '\0');
  TokenBuffer out;
  LexResult lexed = lex(std::string_view(padded.data(), 1), 40, LexMode::Config, out);
  ASSERT_EQ(lexed.count, 2u);
  EXPECT_EQ(out[0].begin, 40u);
  EXPECT_EQ(out[1].begin, 41u);
}

TEST(HclLexer, TenThousandNestedInterpolationsKeepTheirBraceLevels) {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "\"${";
  for (int i = 0; i < 10000; ++i) text += "}\"";
  std::string padded = text + std::string(SourceFile::kPadding, '\0');
  TokenBuffer out;
  LexResult lexed = lex(std::string_view(padded.data(), text.size()), 0, LexMode::Config, out);
  ASSERT_EQ(lexed.count, 40001u);
  EXPECT_EQ(out[20000].type, Tok::TemplateSeqEnd);
  EXPECT_EQ(out[39999].type, Tok::CQuote);
}

// Not HashiCorp's stream: with a comment list, what the parser reads.
TEST(HclLexer, CommentListTakesCommentsOutOfTheStream) {
  std::string text = "a = 1 # one\r\n/* two */ b // three";
  std::string padded = text + std::string(SourceFile::kPadding, '\0');
  TokenBuffer out;
  std::vector<Comment> comments;
  LexResult lexed = lex(std::string_view(padded.data(), text.size()), 0, LexMode::Config, out, &comments);
  std::string s;
  for (const Token& t : std::span(out.data(), lexed.count)) {
    s += std::string(token_name(t.type)) + ' ' + std::to_string(t.begin) + '-' + std::to_string(t.end) + ' ';
  }
  // The line comment leaves a newline with its own range; the block comment
  // and the comment at the end of the file, without a newline, leave nothing.
  EXPECT_EQ(s, "Ident 0-1 Equal 2-3 NumberLit 4-5 Newline 6-13 Ident 23-24 Eof 33-33 ");
  ASSERT_EQ(comments.size(), 3u);
  EXPECT_EQ(text.substr(comments[0].range.begin, comments[0].range.size()), "# one");
  EXPECT_EQ(text.substr(comments[1].range.begin, comments[1].range.size()), "/* two */");
  EXPECT_EQ(text.substr(comments[2].range.begin, comments[2].range.size()), "// three");
}

// Identifiers and blanks are found through per-64-byte-block masks: runs
// that cross blocks, end exactly at a block's end or at the text's end, and
// both the AVX2 and the SSE2 classifier must give the same tokens.
// The parser peeks at out[count] once it has read the Eof token.
TEST(HclLexer, LeavesACopyOfEofPastTheCount) {
  for (std::string_view text : {""sv, "a = 1\n"sv, "x = \"${y}\""sv}) {
    std::string padded = std::string(text) + std::string(SourceFile::kPadding, '\0');
    TokenBuffer out;
    LexResult lexed = lex(std::string_view(padded.data(), text.size()), 7, LexMode::Config, out);
    ASSERT_GE(out.capacity(), lexed.count + 1);
    const Token& eof = out[lexed.count - 1];
    const Token& copy = out[lexed.count];
    EXPECT_EQ(eof.type, Tok::Eof);
    EXPECT_EQ(copy.type, Tok::Eof);
    EXPECT_EQ(copy.begin, eof.begin);
    EXPECT_EQ(copy.end, uint32_t(text.size() + 7));
  }
}

TEST(HclLexer, RunsAcrossByteBlocksLexAlikeWithEitherClassifier) {
  std::string text;
  size_t lines = 0;
  for (int width = 1; width <= 140; width += 3, ++lines) {
    // Four identifiers a line pair: the long one, b, c and k.
    text += std::string(size_t(width % 70), ' ') + std::string(size_t(width), 'a') + "_9-x = b.c\n";
    text += std::string(size_t(width), '\t') + "k\t=\t\"v\" # c\n";
  }
  text += std::string(63, 'z');  // the last identifier ends with the text
  bool before = use_avx2_byte_classes(false);
  std::string baseline = tokens(text);
  use_avx2_byte_classes(true);
  std::string wide = tokens(text);
  use_avx2_byte_classes(before);
  EXPECT_EQ(wide, baseline);

  size_t idents = 0;
  for (size_t at = baseline.find("Ident "); at != std::string::npos; at = baseline.find("Ident ", at + 1)) ++idents;
  EXPECT_EQ(idents, 4 * lines + 1);
  std::string end = std::to_string(text.size());
  EXPECT_TRUE(baseline.ends_with("Ident " + std::to_string(text.size() - 63) + "-" + end + " Eof " + end + "-" + end));
  // A run of width w spans from its line's indentation: check one that
  // crosses a 64-byte boundary whole.
  size_t long_run = text.find(std::string(100, 'a'));
  ASSERT_NE(long_run, std::string::npos);
  EXPECT_NE(baseline.find("Ident " + std::to_string(long_run) + "-" + std::to_string(long_run + 100 + 4)),
            std::string::npos);
}

// Seeded random text of the bytes the block masks sort (letters, digits,
// `_`, `-`, blanks) mixed with the ones they do not (punctuation, quotes,
// newlines, non-ASCII letters, NUL): both classifiers must agree.
TEST(HclLexer, RandomTextLexesAlikeWithEitherClassifier) {
  static constexpr std::string_view kPieces[] = {
      "a", "Zz", "_", "-", "9", "x1-y_2", " ", "\t", "  ", "\n", "=", "==", "{", "}", ".", "...", "[", "]",
      "(", ")", ",", "\"s\"", "\"${x}\"", "# c\n", "// c\n", "/* c */", "\xc3\xa9", "\xce\xbb", "1.5e3", "<<",
      ";", std::string_view("\0", 1), "%{", "~}", "\r\n",
  };
  uint32_t state = 12345;
  auto next = [&] {
    state = state * 1103515245u + 12345u;
    return state >> 8;
  };
  bool before = use_avx2_byte_classes(true);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    size_t pieces = 1 + next() % 200;
    for (size_t i = 0; i < pieces; ++i) {
      std::string_view piece = kPieces[next() % std::size(kPieces)];
      size_t repeat = next() % 8 == 0 ? 1 + next() % 70 : 1;  // sometimes a long run
      for (size_t r = 0; r < repeat; ++r) text += piece;
    }
    use_avx2_byte_classes(true);
    std::string wide = tokens(text);
    use_avx2_byte_classes(false);
    std::string baseline = tokens(text);
    ASSERT_EQ(wide, baseline) << "round " << round;
  }
  use_avx2_byte_classes(before);
}

TEST(HclUnicode, GraphemeCount) {
  EXPECT_EQ(grapheme_count("abc"), 3u);
  EXPECT_EQ(grapheme_count("e\xCC\x81"), 1u);                                  // e + combining acute
  EXPECT_EQ(grapheme_count("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA9"), 1u);  // ZWJ sequence
  EXPECT_EQ(grapheme_count("\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA"), 1u);              // a flag
  EXPECT_EQ(grapheme_count("\r\n"), 1u);
}

TEST(HclUnicode, PositionCountsGraphemesAndSkipsTheBom) {
  SourceFile source("t.tf", "\xEF\xBB\xBF" "ab\n\xC3\xA9x\n");
  EXPECT_EQ(position(source, 3).column, 1u);
  EXPECT_EQ(position(source, 5).column, 3u);
  Position p = position(source, 8);
  EXPECT_EQ(p.line, 2u);
  EXPECT_EQ(p.column, 2u);
}

TEST(HclUnicode, Classes) {
  EXPECT_TRUE(is_id_start(U'\u00e9'));
  EXPECT_FALSE(is_id_start(U'1'));
  EXPECT_TRUE(is_id_continue(U'1'));
  EXPECT_TRUE(is_unicode_space(0x2003));
  EXPECT_FALSE(is_printable(0x200D));
  EXPECT_TRUE(is_printable(U'\u00e9'));
}

}  // namespace
}  // namespace ecslint::grammar::hcl
