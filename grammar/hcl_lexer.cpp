// Hand-written port of HashiCorp's Ragel scanner (hclsyntax/scan_tokens.rl).
//
// The scanner is a stack of modes, as the Ragel machine's fcall/fret stack:
// Main (expressions), Quoted ("..." templates), Heredoc and Bare (a whole
// file of template text). `${` and `%{` push Main; the `}` that brings the
// brace count back to the level where the sequence opened pops it. Literal
// text is split into tokens exactly where Ragel splits it (at `$`, `%` and
// line ends), because strip markers and `<<-` flushing act on single tokens.
#include "grammar/hcl_lexer.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <new>
#include <iterator>

namespace ecslint::grammar::hcl {

namespace {

struct CodeRange {
  uint32_t first, last;
};

#include "grammar/hcl_unicode_tables.inc"

template <size_t N>
bool in_table(const CodeRange (&table)[N], uint32_t cp) {
  auto it = std::upper_bound(std::begin(table), std::end(table), cp,
                             [](uint32_t v, const CodeRange& r) { return v < r.first; });
  return it != std::begin(table) && cp <= (it - 1)->last;
}

constexpr bool is_ascii_ident_start(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
constexpr bool is_ascii_ident_continue(unsigned char c) {
  return is_ascii_ident_start(c) || (c >= '0' && c <= '9') || c == '_' || c == '-';
}
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

constexpr auto kAsciiIdentStart = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 128; ++c) table[size_t(c)] = is_ascii_ident_start(static_cast<unsigned char>(c)) || c == '_';
  return table;
}();

// Main-mode bytes that are always a valid token by themselves; Nil for the
// others (the never-valid ones go through main_token(), which flags them).
constexpr auto kSingleCharToken = [] {
  std::array<Tok, 256> table{};
  table.fill(Tok::Nil);
  table['\n'] = Tok::Newline;
  table['['] = Tok::OBrack;
  table[']'] = Tok::CBrack;
  table['('] = Tok::OParen;
  table[')'] = Tok::CParen;
  table[','] = Tok::Comma;
  table['*'] = Tok::Star;
  table['+'] = Tok::Plus;
  table['-'] = Tok::Minus;
  table['%'] = Tok::Percent;
  table['?'] = Tok::Question;
  return table;
}();

// ASCII identifier-continue bytes (letters, digits, `_`, `-`); NUL is not one,
// so scans stop in the zero padding after the text.
constexpr auto kAsciiIdentContinue = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 128; ++c) table[size_t(c)] = is_ascii_ident_continue(static_cast<unsigned char>(c));
  return table;
}();

// Bytes that plainly continue literal text in a quoted string or in heredoc
// and bare template text. NUL is excluded so scans stop in the padding; the
// slow path then tells a NUL in the text from the end.
constexpr std::array<bool, 256> plain_bytes(std::string_view specials) {
  std::array<bool, 256> table{};
  for (int c = 1; c < 128; ++c) table[size_t(c)] = specials.find(char(c)) == std::string_view::npos;
  return table;
}
constexpr auto kQuotedPlain = plain_bytes("$%\"\\\r\n");
constexpr auto kTemplatePlain = plain_bytes("$%\r\n");

class Lexer {
 public:
  Lexer(std::string_view text, uint32_t base, TokenBuffer& out, std::vector<Comment>* comments)
      : s_(reinterpret_cast<const unsigned char*>(text.data())), n_(uint32_t(text.size())), base_(base), out_(out),
        cursor_(out.data()), limit_(out.data() + out.capacity()), comments_(comments) {}

  void run(LexMode mode);

 private:
  enum class Mode : uint8_t { Main, Quoted, Heredoc, Bare };
  struct Heredoc {
    std::string_view marker;
    bool start_of_line = true;
  };

  // Tokens are written through a cursor into `out_`, grown on demand (the
  // vector's own push_back reloads its pointers after every store).
  void emit(Tok type, uint32_t begin, uint32_t end) {
    if (cursor_ == limit_) grow();
    *cursor_++ = Token{type, begin + base_, end + base_};
    invalid_seen_ |= type >= Tok::BitwiseAnd && type <= Tok::QuotedNewline;
  }
  void grow() {
    size_t used = size_t(cursor_ - out_.data());
    out_.reserve(std::max<size_t>(64, out_.capacity() * 2), used);
    cursor_ = out_.data() + used;
    limit_ = out_.data() + out_.capacity();
  }

 public:
  // Trims `out_` to the tokens written; true when one of them is never valid.
  LexResult finish() const { return {size_t(cursor_ - out_.data()), invalid_seen_}; }

 private:

  // Lexes Main-mode tokens until the mode changes or the text ends.
  void main_tokens();
  // One token (or a run of blanks); false when it left Main mode.
  bool main_token();
  void quoted_token();
  void heredoc_token();
  void bare_token();

  void number();
  void identifier();
  void line_comment();
  void comment(uint32_t begin, uint32_t end);
  void block_comment_or_slash();
  void less_or_heredoc();
  void close_brace(bool tilde);
  // Whether a `}` here ends the `${` or `%{` sequence that entered Main mode
  // (the brace count is back where the sequence opened).
  bool closes_template_sequence() const { return !ret_braces_.empty() && ret_braces_.back() == braces_; }
  void non_ascii_in_main();
  // `${` / `%{` (with an optional `~`) at p_, if present: emits it and enters Main.
  bool template_sequence_start();
  // Length of `$${`, `$${~`, `%%{` or `%%{~` at p_, or 0.
  uint32_t template_escape_length() const;
  // End of a run of literal characters other than `$`, `%`, CR and LF.
  uint32_t plain_run_end(uint32_t from) const;
  uint32_t eol_length(uint32_t at) const;
  void heredoc_line_end(uint32_t begin, uint32_t end);
  void stop_with_invalid_rest();
  uint32_t lone_sigil_length() const;

  bool at_end() const { return p_ >= n_; }
  unsigned char at(uint32_t i) const { return s_[i]; }  // padding makes i <= n_ + 63 readable

  const unsigned char* s_;
  uint32_t n_;
  uint32_t base_;
  uint32_t p_ = 0;
  TokenBuffer& out_;
  Token* cursor_ = nullptr;
  Token* limit_ = nullptr;
  bool invalid_seen_ = false;
  std::vector<Mode> modes_;
  int braces_ = 0;
  std::vector<int> ret_braces_;
  std::vector<Heredoc> heredocs_;
  bool stopped_ = false;
  std::vector<Comment>* comments_;
};

void Lexer::run(LexMode mode) {
  if (n_ >= 3 && s_[0] == 0xEF && s_[1] == 0xBB && s_[2] == 0xBF) p_ = 3;
  modes_.push_back(mode == LexMode::Config ? Mode::Main : Mode::Bare);
  while (!at_end() && !stopped_) {
    switch (modes_.back()) {
      case Mode::Main: main_tokens(); break;
      case Mode::Quoted: quoted_token(); break;
      case Mode::Heredoc: heredoc_token(); break;
      case Mode::Bare: bare_token(); break;
    }
  }
  emit(Tok::Eof, n_, n_);
  emit(Tok::Eof, n_, n_);
  --cursor_;  // the copy is not counted
}

// ---------------------------------------------------------------- byte runs

// Which bytes of a 64-byte block of the text continue an ASCII identifier
// ([A-Za-z0-9_-]) and which are blanks (space, tab), one bit per byte. Main
// mode finds where an identifier or a run of blanks ends with a shift and a
// count of trailing zeros on these words, instead of a vector scan that has
// to wait for the previous token's end: lexing is one long chain of
// dependent positions, and this takes most of the links out of it.
struct ByteClasses {
  static constexpr uint32_t kNone = UINT32_MAX;
  uint32_t block = kNone;  // offset of the block's first byte; a multiple of 64
  uint64_t ident = 0;
  uint64_t blank = 0;
};

#if defined(__SSE2__)
// Which of `kWidth` bytes at `p` continue an identifier and which are
// blanks, as vectors of all-ones and zero bytes. The rules are written once,
// in GCC's vector extensions, for the 16-byte (SSE2) and the 32-byte (AVX2)
// classifier below, which turn them into bit masks. A letter is a byte
// that, with the case bit set and shifted so that 'a' lands on -128, is
// below -128 + 26: one add and one signed compare per range, which is all
// SSE2 offers.
template <int kWidth>
struct ByteVectors {
  typedef signed char Vector __attribute__((vector_size(kWidth)));
  Vector ident;
  Vector blank;
};

template <int kWidth>
[[gnu::always_inline]] inline void classify_bytes(const unsigned char* p, ByteVectors<kWidth>& out) {
  typedef unsigned char Bytes __attribute__((vector_size(kWidth)));  // wraps on overflow
  using Signed = typename ByteVectors<kWidth>::Vector;
  Bytes bytes;
  std::memcpy(&bytes, p, kWidth);
  Signed letter = (Signed)((bytes | 0x20) + (0x80 - 'a')) < -128 + 26;
  Signed digit = (Signed)(bytes + (0x80 - '0')) < -128 + 10;
  out.ident = letter | digit | (Signed)(bytes == '_') | (Signed)(bytes == '-');
  out.blank = (Signed)((bytes == ' ') | (bytes == '\t'));
}

// Reads s[block, block + 64): the text's zero padding (SourceFile::kPadding)
// covers the last block.
void classify_block_sse2(const unsigned char* s, uint32_t block, ByteClasses& out) {
  uint64_t ident = 0, blank = 0;
  for (int i = 0; i < 4; ++i) {
    ByteVectors<16> v;
    classify_bytes(s + block + 16 * i, v);
    ident |= uint64_t(uint32_t(_mm_movemask_epi8(__m128i(v.ident)))) << (16 * i);
    blank |= uint64_t(uint32_t(_mm_movemask_epi8(__m128i(v.blank)))) << (16 * i);
  }
  out = {block, ident, blank};
}
#endif

#if defined(__x86_64__) && defined(__GNUC__)
#define ECSLINT_HAVE_AVX2_PATH 1
// The same with 32-byte vectors, for the processors that have them (chosen
// at run time: the build targets plain x86-64).
[[gnu::target("avx2")]] void classify_block_avx2(const unsigned char* s, uint32_t block, ByteClasses& out) {
  uint64_t ident = 0, blank = 0;
  for (int i = 0; i < 2; ++i) {
    ByteVectors<32> v;
    classify_bytes(s + block + 32 * i, v);
    ident |= uint64_t(uint32_t(_mm256_movemask_epi8(__m256i(v.ident)))) << (32 * i);
    blank |= uint64_t(uint32_t(_mm256_movemask_epi8(__m256i(v.blank)))) << (32 * i);
  }
  out = {block, ident, blank};
}

// Set before main (libgcc's own detection may not have run yet, hence the
// init call); tests turn it off to check the baseline path.
bool use_avx2 = [] {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") != 0;
}();
#endif

void classify_block(const unsigned char* s, uint32_t block, ByteClasses& out) {
#if defined(ECSLINT_HAVE_AVX2_PATH)
  if (use_avx2) return classify_block_avx2(s, block, out);
#endif
#if defined(__SSE2__)
  classify_block_sse2(s, block, out);
#else
  uint64_t ident = 0, blank = 0;
  for (uint32_t i = 0; i < 64; ++i) {
    unsigned char c = s[block + i];
    ident |= uint64_t(kAsciiIdentContinue[c]) << i;
    blank |= uint64_t(c == ' ' || c == '\t') << i;
  }
  out = {block, ident, blank};
#endif
}

// Where the run of bytes of one class (`kind`) that starts at `p` ends.
template <uint64_t ByteClasses::*kind>
inline uint32_t class_run_end(const unsigned char* s, ByteClasses& classes, uint32_t p) {
  for (;;) {
    uint32_t block = p & ~63u;
    if (block != classes.block) [[unlikely]] classify_block(s, block, classes);
    // Bits shifted in from the top read as "in the run": a run that reaches
    // the block's end goes on in the next block.
    uint64_t stop = ~(classes.*kind) >> (p & 63);
    if (stop != 0) return p + uint32_t(__builtin_ctzll(stop));
    p = block + 64;
  }
}

// The length of the run of bytes at `p` that `plain` (kQuotedPlain or
// kTemplatePlain) accepts, sixteen bytes at a time; `quoted` says which one
// it is. Reads up to 15 bytes past the run, which the text's zero padding
// covers; NUL and bytes >= 0x80 end the run.
template <bool quoted>
uint32_t plain_run(const unsigned char* p) {
#if defined(__SSE2__)
  const __m128i dollar = _mm_set1_epi8('$'), percent = _mm_set1_epi8('%'), cr = _mm_set1_epi8('\r'),
                lf = _mm_set1_epi8('\n'), quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  uint32_t length = 0;
  for (;;) {
    __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + length));
    __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, dollar), _mm_cmpeq_epi8(bytes, percent)),
                                _mm_or_si128(_mm_cmpeq_epi8(bytes, cr), _mm_cmpeq_epi8(bytes, lf)));
    stop = _mm_or_si128(stop, _mm_cmpeq_epi8(bytes, _mm_setzero_si128()));
    if constexpr (quoted)
      stop = _mm_or_si128(stop, _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)));
    // movemask of the bytes themselves: their high bits, the non-ASCII ones.
    unsigned end = unsigned(_mm_movemask_epi8(stop)) | unsigned(_mm_movemask_epi8(bytes));
    if (end != 0) return length + uint32_t(__builtin_ctz(end));
    length += 16;
  }
#else
  const auto& plain = quoted ? kQuotedPlain : kTemplatePlain;
  uint32_t length = 0;
  while (plain[p[length]]) ++length;
  return length;
#endif
}

// ---------------------------------------------------------------- Main mode

// Blanks are skipped here rather than dispatched as tokens of their own, and
// identifiers and one-character tokens, most of a file, are told apart
// before the switch: each saves a hard-to-predict jump through its table.
// The position and the token cursor live in locals: stored through the
// cursor, a token's uint32_t offsets may alias the members, which the
// compiler would otherwise reload after every token. They go back to the
// members around each call that reads them there.
void Lexer::main_tokens() {
  const unsigned char* const s = s_;
  const uint32_t n = n_;
  const uint32_t base = base_;
  uint32_t p = p_;
  Token* cursor = cursor_;
  Token* limit = limit_;
  ByteClasses classes;
  auto put = [&](Tok type, uint32_t begin, uint32_t end) {
    if (cursor == limit) [[unlikely]] {
      cursor_ = cursor;
      grow();
      cursor = cursor_;
      limit = limit_;
    }
    *cursor++ = Token{type, begin + base, end + base};
  };
  for (;;) {
    unsigned char c = s[p];
    if (c == ' ' || c == '\t') {
      p = class_run_end<&ByteClasses::blank>(s, classes, p);
      c = s[p];
    }
    if (p >= n) break;
    if (kAsciiIdentStart[c]) {
      uint32_t begin = p;
      p = class_run_end<&ByteClasses::ident>(s, classes, p + 1);
      if (s[p] < 0x80 || p >= n) [[likely]] {
        put(Tok::Ident, begin, p);
        continue;
      }
      // A non-ASCII byte may continue the identifier: the general path.
      p_ = begin;
      cursor_ = cursor;
      identifier();
      p = p_;
      cursor = cursor_;
      limit = limit_;
      continue;
    }
    Tok single = kSingleCharToken[c];
    if (single != Tok::Nil) {
      put(single, p, p + 1);
      ++p;
      continue;
    }
    // The commonest of the rest: an argument's `=`, a block's `{` and `}`,
    // a traversal's `.` and a string's opening quote.
    unsigned char next = s[p + 1];
    if (c == '=' && next != '=' && next != '>') {
      put(Tok::Equal, p, p + 1);
      ++p;
      continue;
    }
    if (c == '{') {
      put(Tok::OBrace, p, p + 1);
      ++p;
      ++braces_;
      continue;
    }
    if (c == '.' && next != '.') {
      put(Tok::Dot, p, p + 1);
      ++p;
      continue;
    }
    if (c == '}' && !closes_template_sequence()) {
      // A block's or an object's end; the `}` that closes a template
      // sequence leaves Main mode in close_brace().
      put(Tok::CBrace, p, p + 1);
      ++p;
      --braces_;
      continue;
    }
    if (c == '"') {
      put(Tok::OQuote, p, p + 1);
      ++p;
      // Most strings are plain text to the closing quote: the tokens
      // Quoted mode would give, without entering it.
      uint32_t q = p + plain_run<true>(s + p);
      if (s[q] == '"' && q < n) {
        if (q > p) put(Tok::QuotedLit, p, q);
        put(Tok::CQuote, q, q + 1);
        p = q + 1;
        continue;
      }
      modes_.push_back(Mode::Quoted);
      break;
    }
    p_ = p;
    cursor_ = cursor;
    bool still_main = main_token();
    p = p_;
    cursor = cursor_;
    limit = limit_;
    if (!still_main) return;
  }
  p_ = p;
  cursor_ = cursor;
}

bool Lexer::main_token() {
  uint32_t b = p_;
  unsigned char c = at(p_);
  auto one = [&](Tok t) { ++p_; emit(t, b, p_); };
  auto two_if = [&](unsigned char next, Tok pair, Tok single) {
    if (at(p_ + 1) == next && p_ + 1 < n_) { p_ += 2; emit(pair, b, p_); } else { one(single); }
  };
  switch (c) {
    case ' ': case '\t':
      while (at(p_) == ' ' || at(p_) == '\t') ++p_;
      return true;
    case '\n': one(Tok::Newline); return true;
    case '\r':
      if (at(p_ + 1) == '\n' && p_ + 1 < n_) { p_ += 2; emit(Tok::Newline, b, p_); } else { one(Tok::Invalid); }
      return true;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
      number(); return true;
    case '#': line_comment(); return true;
    case '/': block_comment_or_slash(); return true;
    case '=':
      if (at(p_ + 1) == '=') { p_ += 2; emit(Tok::EqualOp, b, p_); return true; }
      two_if('>', Tok::FatArrow, Tok::Equal);
      return true;
    case '!': two_if('=', Tok::NotEqual, Tok::Bang); return true;
    case '>': two_if('=', Tok::GreaterEq, Tok::Greater); return true;
    case '<': less_or_heredoc(); return modes_.back() == Mode::Main;
    case '&': two_if('&', Tok::And, Tok::BitwiseAnd); return true;
    case '|': two_if('|', Tok::Or, Tok::BitwiseOr); return true;
    case '.':
      if (at(p_ + 1) == '.' && at(p_ + 2) == '.') { p_ += 3; emit(Tok::Ellipsis, b, p_); } else { one(Tok::Dot); }
      return true;
    case '~':
      if (at(p_ + 1) == '}') { close_brace(true); return modes_.back() == Mode::Main; }
      one(Tok::BitwiseNot);
      return true;
    case '{': one(Tok::OBrace); ++braces_; return true;
    case '}': close_brace(false); return modes_.back() == Mode::Main;
    case '"':
      one(Tok::OQuote);
      modes_.push_back(Mode::Quoted);
      return false;
    case '[': one(Tok::OBrack); return true;
    case ']': one(Tok::CBrack); return true;
    case '(': one(Tok::OParen); return true;
    case ')': one(Tok::CParen); return true;
    case ',': one(Tok::Comma); return true;
    case '*': one(Tok::Star); return true;
    case '+': one(Tok::Plus); return true;
    case '-': one(Tok::Minus); return true;
    case '%': one(Tok::Percent); return true;
    case '?': one(Tok::Question); return true;
    case ':': two_if(':', Tok::DoubleColon, Tok::Colon); return true;
    case '^': one(Tok::BitwiseXor); return true;
    case ';': one(Tok::Semicolon); return true;
    case '`': one(Tok::Backtick); return true;
    case '\'': one(Tok::Apostrophe); return true;
    default:
      if (is_ascii_ident_start(c) || c == '_') [[likely]] {
        identifier();
      } else if (c >= 0x80) {
        non_ascii_in_main();
      } else {
        one(Tok::Invalid);
      }
      return true;
  }
}

// NumberLit = digit ("" | (NumberLitContinue - '.') | (NumberLitContinue* (NumberLitContinue - '.')))
// with NumberLitContinue = digit | '.' | [eE][+-]?digit: greedy, then backed
// off so the literal does not end in a dot.
void Lexer::number() {
  uint32_t b = p_;
  uint32_t q = p_ + 1;
  uint32_t last_good = q;
  for (;;) {
    unsigned char c = at(q);
    if (q >= n_) break;
    if (is_digit(c)) {
      ++q;
      last_good = q;
    } else if (c == '.') {
      ++q;
    } else if (c == 'e' || c == 'E') {
      uint32_t r = q + 1;
      if ((at(r) == '+' || at(r) == '-') && r < n_) ++r;
      if (r < n_ && is_digit(at(r))) {
        q = r + 1;
        last_good = q;
      } else {
        break;
      }
    } else {
      break;
    }
  }
  p_ = last_good;
  emit(Tok::NumberLit, b, p_);
}

inline void Lexer::identifier() {
  uint32_t b = p_;
  ++p_;  // the start character was checked by the caller (ASCII) or decoded (non-ASCII)
  if (at(b) >= 0x80) {
    uint32_t cp;
    p_ = b + uint32_t(utf8_sequence(s_ + b, s_ + n_, &cp));
  }
  ByteClasses classes;
  p_ = class_run_end<&ByteClasses::ident>(s_, classes, p_);
  for (;;) {
    unsigned char c = at(p_);
    if (kAsciiIdentContinue[c]) {
      ++p_;
      continue;
    }
    if (c < 0x80 || p_ >= n_) break;
    uint32_t cp;
    int len = utf8_sequence(s_ + p_, s_ + n_, &cp);
    if (len == 0 || !is_id_continue(cp)) break;
    p_ += uint32_t(len);
  }
  emit(Tok::Ident, b, p_);
}

void Lexer::non_ascii_in_main() {
  uint32_t cp;
  int len = utf8_sequence(s_ + p_, s_ + n_, &cp);
  if (len == 0) {
    emit(Tok::BadUtf8, p_, p_ + 1);
    ++p_;
  } else if (is_id_start(cp)) {
    identifier();
  } else {
    emit(Tok::Invalid, p_, p_ + uint32_t(len));
    p_ += uint32_t(len);
  }
}

// `#` and `//` comments run to the end of the line and include its newline.
void Lexer::line_comment() {
  uint32_t b = p_;
  const void* nl = p_ < n_ ? std::memchr(s_ + p_, '\n', n_ - p_) : nullptr;
  p_ = nl ? uint32_t(static_cast<const unsigned char*>(nl) - s_) + 1 : n_;
  comment(b, p_);
}

// A comment token, or with a comment list: the comment (without its
// newline) there, and a Newline token standing for a line comment's end.
void Lexer::comment(uint32_t begin, uint32_t end) {
  if (!comments_) {
    emit(Tok::Comment, begin, end);
    return;
  }
  uint32_t text_end = end;
  if (at(end - 1) == '\n') {
    --text_end;
    if (text_end > begin && at(text_end - 1) == '\r') --text_end;
    emit(Tok::Newline, begin, end);
  }
  comments_->push_back({{begin + base_, text_end + base_}});
}

// An unterminated `/*` is not a comment: Ragel falls back to `/` and `*`.
void Lexer::block_comment_or_slash() {
  uint32_t b = p_;
  if (at(p_ + 1) == '/' && p_ + 1 < n_) { line_comment(); return; }
  if (at(p_ + 1) == '*' && p_ + 1 < n_) {
    std::string_view rest(reinterpret_cast<const char*>(s_) + p_ + 2, n_ - p_ - 2);
    size_t close = rest.find("*/");
    if (close != std::string_view::npos) {
      p_ = p_ + 2 + uint32_t(close) + 2;
      comment(b, p_);
      return;
    }
  }
  ++p_;
  emit(Tok::Slash, b, p_);
}

// `<<ID` or `<<-ID` immediately followed by a newline opens a heredoc.
void Lexer::less_or_heredoc() {
  uint32_t b = p_;
  if (at(p_ + 1) == '<' && p_ + 1 < n_) {
    uint32_t q = p_ + 2;
    if (at(q) == '-' && q < n_) ++q;
    uint32_t marker_begin = q;
    uint32_t cp = 0;
    int len = at(q) < 0x80 ? (q < n_ && (is_ascii_ident_start(at(q)) || at(q) == '_')) : utf8_sequence(s_ + q, s_ + n_, &cp);
    if (len > 0 && (at(q) < 0x80 || is_id_start(cp))) {
      q += uint32_t(len);
      for (;;) {
        unsigned char c = at(q);
        if (q >= n_) break;
        if (c < 0x80) {
          if (!is_ascii_ident_continue(c)) break;
          ++q;
          continue;
        }
        int l = utf8_sequence(s_ + q, s_ + n_, &cp);
        if (l == 0 || !is_id_continue(cp)) break;
        q += uint32_t(l);
      }
      uint32_t marker_end = q;
      uint32_t eol = eol_length(q);
      if (eol > 0) {
        p_ = q + eol;
        emit(Tok::OHeredoc, b, p_);
        heredocs_.push_back({std::string_view(reinterpret_cast<const char*>(s_) + marker_begin, marker_end - marker_begin), true});
        modes_.push_back(Mode::Heredoc);
        return;
      }
    }
  }
  if (at(p_ + 1) == '=' && p_ + 1 < n_) {
    p_ += 2;
    emit(Tok::LessEq, b, p_);
    return;
  }
  ++p_;
  emit(Tok::Less, b, p_);
}

// `}` closes a template sequence when the brace count is back at the level
// where the sequence opened; `~}` is always a sequence end (the parser
// reports a misplaced one).
void Lexer::close_brace(bool tilde) {
  uint32_t b = p_;
  p_ += tilde ? 2 : 1;
  if (closes_template_sequence()) {
    emit(Tok::TemplateSeqEnd, b, p_);
    --braces_;
    ret_braces_.pop_back();
    modes_.pop_back();
    return;
  }
  emit(tilde ? Tok::TemplateSeqEnd : Tok::CBrace, b, p_);
  --braces_;
}

// ---------------------------------------------------------------- templates

bool Lexer::template_sequence_start() {
  unsigned char c = at(p_);
  if ((c != '$' && c != '%') || at(p_ + 1) != '{' || p_ + 1 >= n_) return false;
  uint32_t b = p_;
  p_ += (at(p_ + 2) == '~' && p_ + 2 < n_) ? 3 : 2;
  emit(c == '$' ? Tok::TemplateInterp : Tok::TemplateControl, b, p_);
  ++braces_;
  ret_braces_.push_back(braces_);
  if (!heredocs_.empty()) heredocs_.back().start_of_line = false;
  modes_.push_back(Mode::Main);
  return true;
}

uint32_t Lexer::template_escape_length() const {
  unsigned char c = at(p_);
  if (at(p_ + 1) != c || at(p_ + 2) != '{' || p_ + 2 >= n_) return 0;
  return (at(p_ + 3) == '~' && p_ + 3 < n_) ? 4 : 3;
}

uint32_t Lexer::plain_run_end(uint32_t q) const {
  for (;;) {
    q += plain_run<false>(s_ + q);
    if (q >= n_) return n_;
    unsigned char c = at(q);
    if (c < 0x80) {
      if (c == '$' || c == '%' || c == '\r' || c == '\n') return q;
      ++q;
      continue;
    }
    uint32_t cp;
    int len = utf8_sequence(s_ + q, s_ + n_, &cp);
    if (len == 0) return q;
    q += uint32_t(len);
  }
}

uint32_t Lexer::eol_length(uint32_t q) const {
  if (q < n_ && at(q) == '\n') return 1;
  if (q + 1 < n_ && at(q) == '\r' && at(q + 1) == '\n') return 2;
  return 0;
}

void Lexer::quoted_token() {
  if (template_sequence_start()) return;
  uint32_t b = p_;
  unsigned char c = at(p_);
  if (c == '"') {
    ++p_;
    emit(Tok::CQuote, b, p_);
    modes_.pop_back();
    return;
  }
  if (c == '$' || c == '%') {
    uint32_t esc = template_escape_length();
    if (esc > 0) {
      p_ += esc;
      emit(Tok::QuotedLit, b, p_);
    } else {
      // A lone `$` is literal, but Ragel needs to see the next byte to know.
      ++p_;
      emit(p_ < n_ ? Tok::QuotedLit : Tok::Invalid, b, p_);
    }
    return;
  }
  if (c == '\r' || c == '\n') {
    while (p_ < n_ && (at(p_) == '\r' || at(p_) == '\n')) ++p_;
    emit(Tok::QuotedNewline, b, p_);
    return;
  }
  // A run of characters other than `$ % " \r \n`, where `\` takes the next
  // character with it.
  uint32_t q = p_;
  for (;;) {
    q += plain_run<true>(s_ + q);
    if (q >= n_) {
      q = n_;
      break;
    }
    unsigned char ch = at(q);
    if (ch == '$' || ch == '%' || ch == '"' || ch == '\r' || ch == '\n') break;
    uint32_t start = q;
    if (ch == '\\') ++q;
    if (q >= n_) { q = start; break; }
    unsigned char d = at(q);
    if (d < 0x80) {
      if (start != q && (d == '\r' || d == '\n')) { q = start; break; }
      ++q;
      continue;
    }
    uint32_t cp;
    int len = utf8_sequence(s_ + q, s_ + n_, &cp);
    if (len == 0) { q = start; break; }
    q += uint32_t(len);
  }
  if (q > p_) {
    p_ = q;
    emit(Tok::QuotedLit, b, p_);
    return;
  }
  // A backslash before a newline or the end, or a malformed UTF-8 byte.
  if (c == '\\') {
    ++p_;
    emit(Tok::Invalid, b, p_);
  } else {
    ++p_;
    emit(Tok::BadUtf8, b, p_);
  }
}

void Lexer::heredoc_token() {
  if (template_sequence_start()) return;
  uint32_t b = p_;
  unsigned char c = at(p_);
  if (c == '$' || c == '%') {
    uint32_t esc = template_escape_length();
    if (esc > 0) {
      uint32_t end = p_ + esc;
      uint32_t eol = eol_length(end);
      if (eol > 0) {
        p_ = end + eol;
        heredoc_line_end(b, p_);
      } else {
        p_ = end;
        heredocs_.back().start_of_line = false;
        emit(Tok::StringLit, b, p_);
      }
      return;
    }
    if (p_ + 1 >= n_) {  // Ragel needs one more byte to decide
      stop_with_invalid_rest();
      return;
    }
    p_ += lone_sigil_length();
    heredocs_.back().start_of_line = false;
    emit(Tok::StringLit, b, p_);
    return;
  }
  uint32_t q = plain_run_end(p_);
  uint32_t eol = eol_length(q);
  if (eol > 0) {
    p_ = q + eol;
    heredoc_line_end(b, p_);
    return;
  }
  if (q > p_) {
    p_ = q;
    heredocs_.back().start_of_line = false;
    emit(Tok::StringLit, b, p_);
    return;
  }
  if (at(q) == '\r') {
    // A CR that does not start CRLF matches no heredoc rule: the Ragel
    // scanner stops, and the rest of the file becomes one invalid token.
    stop_with_invalid_rest();
    return;
  }
  ++p_;
  emit(Tok::BadUtf8, b, p_);
}

// A heredoc line that ends with a newline: the closing marker when it is the
// whole line (spaces trimmed), else literal text.
void Lexer::heredoc_line_end(uint32_t begin, uint32_t end) {
  Heredoc& top = heredocs_.back();
  if (top.start_of_line) {
    uint32_t tb = begin, te = end;
    auto space_at = [&](uint32_t i) {
      unsigned char ch = at(i);
      return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
    };
    while (tb < te && space_at(tb)) ++tb;
    while (te > tb && space_at(te - 1)) --te;
    std::string_view candidate(reinterpret_cast<const char*>(s_) + tb, te - tb);
    if (candidate == top.marker) {
      uint32_t newline_begin = end - 1;
      if (at(end - 2) == '\r' && end >= begin + 2) newline_begin = end - 2;
      emit(Tok::CHeredoc, begin, newline_begin);
      emit(Tok::Newline, newline_begin, end);
      heredocs_.pop_back();
      modes_.pop_back();
      return;
    }
  }
  top.start_of_line = true;
  emit(Tok::StringLit, begin, end);
}

void Lexer::bare_token() {
  if (template_sequence_start()) return;
  uint32_t b = p_;
  unsigned char c = at(p_);
  if (c == '$' || c == '%') {
    uint32_t esc = template_escape_length();
    if (esc > 0) {
      p_ += esc;
      p_ += eol_length(p_);
    } else {
      p_ += lone_sigil_length();
    }
    emit(Tok::StringLit, b, p_);
    return;
  }
  uint32_t q = plain_run_end(p_);
  q += eol_length(q);
  if (q > p_) {
    p_ = q;
    emit(Tok::StringLit, b, p_);
    return;
  }
  if (at(q) == '\r') {
    stop_with_invalid_rest();
    return;
  }
  ++p_;
  emit(Tok::BadUtf8, b, p_);
}

// A lone `$` or `%` is literal. Ragel's held-back lookahead byte joins the
// token when the byte after it starts a line ending.
uint32_t Lexer::lone_sigil_length() const {
  if (p_ + 2 < n_ && (at(p_ + 2) == '\n' || at(p_ + 2) == '\r')) return 2;
  return 1;
}

// Where no Ragel rule matches, the scanner stops: the rest of the file is one
// token, literal text in a top-level bare template, else invalid.
void Lexer::stop_with_invalid_rest() {
  bool bare_top = modes_.size() == 1 && modes_.back() == Mode::Bare;
  emit(bare_top ? Tok::StringLit : Tok::Invalid, p_, n_);
  p_ = n_;
  stopped_ = true;
}

}  // namespace

// ---------------------------------------------------------------- public

bool use_avx2_byte_classes(bool on) {
#if defined(ECSLINT_HAVE_AVX2_PATH)
  bool was = use_avx2;
  use_avx2 = on && __builtin_cpu_supports("avx2");
  return was;
#else
  (void)on;
  return false;
#endif
}

const char* token_name(Tok type) {
  static constexpr const char* kNames[] = {
      "OBrace", "CBrace", "OBrack", "CBrack", "OParen", "CParen", "OQuote", "CQuote", "OHeredoc", "CHeredoc",
      "Star", "Slash", "Plus", "Minus", "Percent", "Equal", "EqualOp", "NotEqual", "Less", "LessEq",
      "Greater", "GreaterEq", "And", "Or", "Bang", "Dot", "Comma", "Ellipsis", "FatArrow", "Question",
      "Colon", "DoubleColon", "TemplateInterp", "TemplateControl", "TemplateSeqEnd", "QuotedLit", "StringLit", "NumberLit",
      "Ident", "Comment", "Newline", "Eof", "BitwiseAnd", "BitwiseOr", "BitwiseNot", "BitwiseXor",
      "Apostrophe", "Backtick", "Semicolon", "Invalid", "BadUtf8", "QuotedNewline", "Nil",
  };
  static_assert(std::size(kNames) == size_t(Tok::Nil) + 1);
  return kNames[size_t(type)];
}

void TokenBuffer::Free::operator()(Token* tokens) const { std::free(tokens); }

void TokenBuffer::reserve(size_t at_least, size_t keep) {
  if (at_least <= capacity_) return;
  // Tokens are implicit-lifetime aggregates: malloc'd storage holds them as
  // they are assigned, and the pages past the last one written stay untouched.
  auto* grown = static_cast<Token*>(std::malloc(at_least * sizeof(Token)));
  if (!grown) throw std::bad_alloc();
  if (keep > 0) std::memcpy(grown, tokens_.get(), keep * sizeof(Token));
  tokens_.reset(grown);
  capacity_ = at_least;
}

LexResult lex(std::string_view text, uint32_t base, LexMode mode, TokenBuffer& out,
              std::vector<Comment>* comments) {
  // Typical HCL has a token per 5-8 bytes; grow() handles more. Room never
  // written costs nothing, so the first guess may be generous.
  out.reserve(text.size() / 4 + 64);
  Lexer lexer(text, base, out, comments);
  lexer.run(mode);
  return lexer.finish();
}

int utf8_sequence(const unsigned char* p, const unsigned char* end, uint32_t* code_point) {
  unsigned char c = p[0];
  int len;
  uint32_t cp;
  if (c < 0x80) { *code_point = c; return 1; }
  if (c >= 0xC0 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
  else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
  else if (c >= 0xF0 && c <= 0xF7) { len = 4; cp = c & 0x07; }
  else return 0;
  if (end - p < len) return 0;
  for (int i = 1; i < len; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  *code_point = cp;
  return len;
}

bool is_id_start(uint32_t cp) {
  if (cp < 0x80) return is_ascii_ident_start(static_cast<unsigned char>(cp));
  return in_table(kIdStart, cp);
}

bool is_id_continue(uint32_t cp) {
  if (cp < 0x80) return is_ascii_ident_continue(static_cast<unsigned char>(cp)) && cp != '-';
  return in_table(kIdContinue, cp);
}

bool is_unicode_space(uint32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');
  return in_table(kSpace, cp);
}

bool is_printable(uint32_t cp) {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7F;
  return !in_table(kNotPrintable, cp);
}

uint32_t grapheme_count(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  uint32_t count = 0;
  uint32_t prev = 0;
  bool prev_regional_pair_open = false;
  while (p < end) {
    uint32_t cp;
    int len = utf8_sequence(p, end, &cp);
    if (len == 0) { cp = 0xFFFD; len = 1; }
    bool joins = false;
    if (cp >= 0x80) {
      if (in_table(kGraphemeExtend, cp)) joins = count > 0;
      else if (prev == 0x200D && cp >= 0x2000) joins = true;  // emoji ZWJ sequence
      else if (cp >= 0x1F1E6 && cp <= 0x1F1FF) {
        joins = prev_regional_pair_open;
        prev_regional_pair_open = !prev_regional_pair_open;
      }
    } else if (cp == '\n' && prev == '\r') {
      joins = true;
    }
    if (!(cp >= 0x1F1E6 && cp <= 0x1F1FF)) prev_regional_pair_open = false;
    if (!joins) ++count;
    prev = cp;
    p += len;
  }
  return count;
}

Position position(const SourceFile& source, uint32_t offset) {
  offset = std::min(offset, source.size());
  Position pos = source.position(offset);
  std::string_view text = source.text();
  uint32_t line_start = uint32_t(source.line_text(pos.line).data() - text.data());
  if (line_start == 0 && text.starts_with("\xEF\xBB\xBF") && offset >= 3) line_start = 3;
  std::string_view prefix = text.substr(line_start, offset - line_start);
  bool ascii = std::all_of(prefix.begin(), prefix.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  pos.column = (ascii ? uint32_t(prefix.size()) : grapheme_count(prefix)) + 1;
  return pos;
}

}  // namespace ecslint::grammar::hcl
