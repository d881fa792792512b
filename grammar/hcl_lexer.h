// The HCL native-syntax lexer.
//
// A hand-written port of HashiCorp's Ragel scanner (hclsyntax/scan_tokens.rl,
// v2.14.1): the same token types, the same token boundaries (template literal
// splits included, since strip markers and `<<-` flushing act on single
// tokens) and the same mode stack with brace counting for `${`, `%{`, quoted
// strings and heredocs. Tokens hold byte offsets into the source; line and
// column are computed only when a diagnostic or a dump needs them.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "grammar/source.h"
#include "grammar/syntax.h"

namespace ecslint::grammar::hcl {

enum class Tok : uint8_t {
  OBrace, CBrace, OBrack, CBrack, OParen, CParen,
  OQuote, CQuote, OHeredoc, CHeredoc,
  Star, Slash, Plus, Minus, Percent,
  Equal, EqualOp, NotEqual, Less, LessEq, Greater, GreaterEq,
  And, Or, Bang, Dot, Comma, Ellipsis, FatArrow, Question, Colon,
  DoubleColon,  // provider::name::fn (HCL >= 2.20; Terraform >= 1.8)
  TemplateInterp,   // ${ or ${~
  TemplateControl,  // %{ or %{~
  TemplateSeqEnd,   // } or ~} closing a template sequence
  QuotedLit,        // literal text of a quoted string: may hold backslash escapes
  StringLit,        // literal text of a heredoc or bare template
  NumberLit, Ident,
  Comment,  // # and // comments include their newline; /* */ do not
  Newline, Eof,
  // Never valid; reported by the pre-pass that HashiCorp calls checkInvalidTokens.
  BitwiseAnd, BitwiseOr, BitwiseNot, BitwiseXor, Apostrophe, Backtick, Semicolon,
  Invalid, BadUtf8, QuotedNewline,
  Nil,
};

// A short name for debugging and tests ("Ident", "OQuote", ...).
const char* token_name(Tok type);

struct Token {
  Tok type = Tok::Nil;
  uint32_t begin = 0;
  uint32_t end = 0;

  Range range() const { return {begin, end}; }
};

enum class LexMode : uint8_t {
  Config,    // a .tf/.hcl file or a standalone expression
  Template,  // a whole file (or string) of template text
};

// Where the lexer stores tokens, reused from file to file. Unlike a
// std::vector it never initialises what it has not written: a buffer grown
// for the largest file touches only the pages of the tokens stored in it
// (resizing a vector zeroed every new element: 372 KB of fresh pages for a
// 588 KB project whose largest file needs 92 KB).
class TokenBuffer {
 public:
  Token* data() { return tokens_.get(); }
  const Token* data() const { return tokens_.get(); }
  size_t capacity() const { return capacity_; }
  const Token& operator[](size_t i) const { return tokens_.get()[i]; }
  // Room for `at_least` tokens, keeping the first `keep`.
  void reserve(size_t at_least, size_t keep = 0);

 private:
  struct Free {
    void operator()(Token* tokens) const;
  };
  std::unique_ptr<Token, Free> tokens_;
  size_t capacity_ = 0;
};

struct LexResult {
  size_t count = 0;                 // tokens of this text: out[0, count), the last one Eof
  bool has_invalid_tokens = false;  // some token is never valid HCL (Invalid, BadUtf8, `;`, ...)
};

// Stores the tokens of `text` at the start of `out`, ending with one Eof
// token, and a copy of that Eof token after them (out[count], for a reader
// that looks one past the end). `out` only ever grows; its tokens past that
// are stale or were never written. Offsets are relative to `text` plus
// `base`. A leading UTF-8 BOM is skipped, as HashiCorp's scanner does.
// `text` must be followed by 64 readable zero bytes (SourceFile::kPadding:
// bytes are classified 64 at a time, from offsets that are multiples of 64).
//
// With `comments`, comments are appended there (without their newline)
// instead of becoming Comment tokens, and a line comment leaves a Newline
// token with the comment's range in the stream: that is all the parser ever
// sees of a comment, so it never has to step over one.
LexResult lex(std::string_view text, uint32_t base, LexMode mode, TokenBuffer& out,
              std::vector<Comment>* comments = nullptr);

// Whether Main mode classifies bytes with AVX2 (where the processor has it;
// the default) or with the SSE2 baseline. Returns the previous setting. For
// tests, which lex the same text both ways.
bool use_avx2_byte_classes(bool on);

// ---------------------------------------------------------------- Unicode

// Decodes one UTF-8 sequence the way the Ragel scanner accepts them (lead
// byte plus continuation bytes, no overlong or surrogate checks). Returns the
// length (1-4), or 0 when `p` does not start a well-formed sequence.
int utf8_sequence(const unsigned char* p, const unsigned char* end, uint32_t* code_point);

bool is_id_start(uint32_t cp);
bool is_id_continue(uint32_t cp);
// Go's unicode.IsSpace.
bool is_unicode_space(uint32_t cp);
// Go's strconv.IsPrint.
bool is_printable(uint32_t cp);

// The width of `bytes` in user-perceived characters, approximating Unicode
// grapheme clusters as HashiCorp's columns count them: combining marks,
// joiners and emoji modifiers do not start a new column.
uint32_t grapheme_count(std::string_view bytes);

// Line and column of `offset` as HashiCorp reports them: columns count
// grapheme clusters, and a leading BOM takes no column.
Position position(const SourceFile& source, uint32_t offset);

}  // namespace ecslint::grammar::hcl
