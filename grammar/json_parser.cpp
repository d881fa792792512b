// The JSON front end: plain JSON (task definitions, dashboards, JSON in
// heredocs) and the syntax layer of HCL's JSON syntax (.tf.json).
//
// One pass over the padded source buffer: a hand-written lexer (a switch on
// the current byte) feeds an iterative parser whose explicit stack makes
// nesting depth a matter of memory, not of the call stack. Strings without
// escapes are views into the source; decoded strings and all nodes live in the
// file's arena; item lists are gathered in per-depth scratch vectors that a
// thread reuses from file to file.
//
// Errors mirror HashiCorp's JSON parser (hcl/v2/json parser.go, v2.14.1):
// the same summary and detail, and the first error at the position where that
// parser reports it, including its recovery quirks (after a missing comma it
// skips to the next closing brace and blames the token after it). Tokens are
// cut exactly where its scanner cuts them (a string ends at an unescaped quote
// or a control character, a number is any run of [-+.eE0-9], a keyword any
// run of letters and '_'), so those positions agree token for token. The
// first error ends the file: HashiCorp's parser only adds consequential noise
// after it.
//
// Deliberate differences from HashiCorp's parser: invalid UTF-8 inside a
// string is an error (Go silently replaces it with U+FFFD), and nesting deeper
// than kMaxNesting is an error.
#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/syntax.h"

namespace ecslint::grammar {

namespace {

enum class Tok : uint8_t {
  BraceO, BraceC, BrackO, BrackC, Comma, Colon, Equals, String, Number, Keyword, Eof, Invalid,
};

enum class StrError : uint8_t { None, Syntax, Encoding };

struct Token {
  Tok kind = Tok::Eof;
  bool escaped = false;                  // String: contains a backslash escape
  StrError str_error = StrError::None;  // String: the first problem inside it
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t error_at = 0;  // String with an error: byte offset of the problem

  Range range() const { return {begin, end}; }
};

// Bytes a string scan can pass over without a second look: printable ASCII
// other than the quote and the backslash.
constexpr std::array<bool, 256> make_plain_table() {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x80; ++c) t[size_t(c)] = c != '"' && c != '\\';
  return t;
}
constexpr std::array<bool, 256> kPlain = make_plain_table();

bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool is_number_char(unsigned char c) {
  return is_digit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}
int hex_value(unsigned char c) {
  if (is_digit(c)) return c - '0';
  unsigned char l = c | 0x20;
  if (l >= 'a' && l <= 'f') return l - 'a' + 10;
  return -1;
}

// Length of the well-formed UTF-8 sequence starting at `p` (whose first byte
// is >= 0x80), or 0 when it is malformed. Reads at most 3 bytes ahead, which
// the buffer's zero padding makes safe; a zero byte is never a continuation.
uint32_t utf8_length(const unsigned char* p) {
  unsigned char c = p[0];
  auto cont = [](unsigned char b) { return (b & 0xC0) == 0x80; };
  if (c < 0xC2) return 0;
  if (c < 0xE0) return cont(p[1]) ? 2 : 0;
  if (c < 0xF0) {
    unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return p[1] >= lo && p[1] <= hi && cont(p[2]) ? 3 : 0;
  }
  if (c < 0xF5) {
    unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return p[1] >= lo && p[1] <= hi && cont(p[2]) && cont(p[3]) ? 4 : 0;
  }
  return 0;
}

class Lexer {
 public:
  Lexer(const char* data, uint32_t size) : s_(reinterpret_cast<const unsigned char*>(data)), size_(size) {}

  Token next() {
    uint32_t p = pos_;
    if (dead_) return {Tok::Eof, false, StrError::None, p, p};
    for (;;) {
      unsigned char c = s_[p];
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        ++p;
        continue;
      }
      break;
    }
    Token t;
    t.begin = p;
    switch (s_[p]) {
      case '{': return single(t, Tok::BraceO);
      case '}': return single(t, Tok::BraceC);
      case '[': return single(t, Tok::BrackO);
      case ']': return single(t, Tok::BrackC);
      case ',': return single(t, Tok::Comma);
      case ':': return single(t, Tok::Colon);
      case '=': return single(t, Tok::Equals);
      case '"': return string(t);
      case '-': case '+': case '.':
      case '0': case '1': case '2': case '3': case '4':
      case '5': case '6': case '7': case '8': case '9':
        ++p;
        while (is_number_char(s_[p])) ++p;
        t.kind = Tok::Number;
        t.end = pos_ = p;
        return t;
      case 0:
        if (p >= size_) {
          t.kind = Tok::Eof;
          t.end = pos_ = p;
          return t;
        }
        return invalid(t);
      default:
        if (is_alpha(s_[p])) {
          ++p;
          while (is_alpha(s_[p]) || s_[p] == '_') ++p;
          t.kind = Tok::Keyword;
          t.end = pos_ = p;
          return t;
        }
        return invalid(t);
    }
  }

 private:
  Token single(Token& t, Tok kind) {
    t.kind = kind;
    t.end = pos_ = t.begin + 1;
    return t;
  }

  // HashiCorp's scanner gives up at the first byte it cannot start a token
  // with: one Invalid token, then end of input right after it.
  Token invalid(Token& t) {
    t.kind = Tok::Invalid;
    t.end = pos_ = t.begin + 1;
    dead_ = true;
    return t;
  }

  // The token ends at the first unescaped quote, at a control character or
  // at the end of input (then it is unterminated). Escapes and encoding are
  // checked on the way, as Go's encoding/json would check the token:
  // its error offset is one past the offending byte, or the token's length
  // when the token ends early.
  Token string(Token& t) {
    t.kind = Tok::String;
    uint32_t p = t.begin + 1;
    for (;;) {
      unsigned char c = s_[p];
      if (kPlain[c]) {
        ++p;
        continue;
      }
      if (c == '"') {
        t.end = pos_ = p + 1;
        return t;
      }
      if (c == '\\') {
        t.escaped = true;
        unsigned char e = s_[p + 1];
        switch (e) {
          case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
            p += 2;
            continue;
          case 'u': {
            uint32_t q = p + 2;
            while (q < p + 6 && hex_value(s_[q]) >= 0) ++q;
            if (q == p + 6) {
              p = q;
              continue;
            }
            // Go's offset: one past the bad byte, or the token's end when it ends there.
            return string_error(t, p + 2, StrError::Syntax, s_[q] < 0x20 ? q : q + 1);
          }
          default:
            if (e < 0x20) return string_error(t, p + 1, StrError::Syntax, p + 1);  // ends the token
            return string_error(t, p + 2, StrError::Syntax, p + 2);
        }
      }
      if (c >= 0x80) {
        uint32_t n = utf8_length(s_ + p);
        if (n == 0) return string_error(t, p + 1, StrError::Encoding, p);
        p += n;
        continue;
      }
      // A control character, or the end of input: the string is unterminated.
      t.str_error = StrError::Syntax;
      t.error_at = p;
      t.end = pos_ = p;
      return t;
    }
  }

  // Records the first problem in a string and finds where the token ends,
  // from `p` on, by the scanner's rules alone.
  Token string_error(Token& t, uint32_t p, StrError kind, uint32_t at) {
    t.str_error = kind;
    t.error_at = at;
    for (;;) {
      unsigned char c = s_[p];
      if (c == '"') {
        ++p;
        break;
      }
      if (c < 0x20) break;  // control character or end of input
      if (c == '\\' && s_[p + 1] >= 0x20) {
        p += 2;
        continue;
      }
      ++p;
    }
    t.end = pos_ = p;
    return t;
  }

  const unsigned char* s_;
  uint32_t size_;
  uint32_t pos_ = 0;
  bool dead_ = false;
};

// ---------------------------------------------------------------- helpers

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(char(cp));
  } else if (cp < 0x800) {
    out.push_back(char(0xC0 | (cp >> 6)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(char(0xE0 | (cp >> 12)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(char(0xF0 | (cp >> 18)));
    out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  }
}

uint32_t hex4(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = v * 16 + uint32_t(hex_value(static_cast<unsigned char>(p[i])));
  return v;
}

bool is_hex4_escape(std::string_view raw, size_t i) {
  if (i + 6 > raw.size() || raw[i] != '\\' || raw[i + 1] != 'u') return false;
  for (size_t k = i + 2; k < i + 6; ++k)
    if (hex_value(static_cast<unsigned char>(raw[k])) < 0) return false;
  return true;
}

// Decodes the body of a valid string token (quotes removed) the way Go's
// encoding/json does: a surrogate that is not half of a pair becomes U+FFFD.
void decode_escapes(std::string_view raw, std::string& out) {
  out.clear();
  size_t i = 0;
  while (i < raw.size()) {
    size_t j = raw.find('\\', i);
    if (j == std::string_view::npos) j = raw.size();
    out.append(raw.data() + i, j - i);
    i = j;
    if (i >= raw.size()) break;
    char e = raw[i + 1];
    i += 2;
    switch (e) {
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'u': {
        uint32_t cp = hex4(raw.data() + i);
        i += 4;
        if (cp >= 0xD800 && cp < 0xE000) {
          if (cp < 0xDC00 && is_hex4_escape(raw, i)) {
            uint32_t lo = hex4(raw.data() + i + 2);
            if (lo >= 0xDC00 && lo < 0xE000) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              i += 6;
              append_utf8(out, cp);
              break;
            }
          }
          cp = 0xFFFD;
        }
        append_utf8(out, cp);
        break;
      }
      default: out.push_back(e); break;  // '"', '\\', '/'
    }
  }
}

bool valid_number(const unsigned char* s, uint32_t begin, uint32_t end) {
  uint32_t p = begin;
  if (s[p] == '-') ++p;
  if (s[p] == '0') {
    ++p;
  } else if (s[p] >= '1' && s[p] <= '9') {
    while (is_digit(s[p])) ++p;
  } else {
    return false;
  }
  if (s[p] == '.') {
    ++p;
    if (!is_digit(s[p])) return false;
    while (is_digit(s[p])) ++p;
  }
  if (s[p] == 'e' || s[p] == 'E') {
    ++p;
    if (s[p] == '+' || s[p] == '-') ++p;
    if (!is_digit(s[p])) return false;
    while (is_digit(s[p])) ++p;
  }
  return p == end;
}

size_t levenshtein(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// Scratch storage reused by every parse on a thread: one pair of item lists
// per nesting depth, so gathering a container's items allocates nothing once
// the thread has seen a file as deep.
struct Level {
  std::vector<ast::ObjectItem> items;
  std::vector<ast::Expr*> values;
};

struct Frame {
  ast::Expr* key = nullptr;  // object: the key whose value is being parsed
  uint32_t open = 0;         // offset of the opening brace or bracket
  bool object = false;
  bool want_key = false;  // object: the next finished value is a property name
};

struct Scratch {
  std::vector<Frame> frames;
  std::vector<Level> levels;
  std::string decoded;
  bool busy = false;
};

thread_local Scratch tls_scratch;

constexpr const char* kValueStartDetail =
    "A JSON value must start with a brace, a bracket, a number, a string, or a keyword.";

class Parser {
 public:
  Parser(ParsedFile& file, Scratch& scratch)
      : file_(file),
        src_(reinterpret_cast<const unsigned char*>(file.source->data())),
        lex_(file.source->data(), file.source->size()),
        scratch_(scratch),
        stack_(scratch.frames) {
    stack_.clear();
  }

  void run() {
    advance();
    for (;;) {
      ast::Expr* value = parse_value_start();
      if (failed_) return;
      if (value == nullptr) continue;  // opened a container: parse its first element
      if (!deliver(value)) return;
    }
  }

 private:
  void advance() { tok_ = lex_.next(); }
  Token read() {
    Token t = tok_;
    if (t.kind != Tok::Eof) advance();
    return t;
  }

  void fail(Range range, std::string summary, std::string detail) {
    file_.errors.push_back({range, std::move(summary), std::move(detail)});
    failed_ = true;
  }

  // Starts the value at the current token. Returns the finished value, or
  // nullptr when a container was opened (or on error).
  ast::Expr* parse_value_start() {
    switch (tok_.kind) {
      case Tok::BraceO:
      case Tok::BrackO: {
        bool object = tok_.kind == Tok::BraceO;
        if (stack_.size() >= size_t(kMaxNesting)) {
          fail(tok_.range(), "Nesting too deep",
               "JSON values nested more than " + std::to_string(kMaxNesting) +
                   " levels deep are not supported.");
          return nullptr;
        }
        push(object, tok_.begin);
        advance();
        if (object && tok_.kind == Tok::BraceC) return close_object();
        if (!object && tok_.kind == Tok::BrackC) return close_array();
        return nullptr;
      }
      case Tok::String: return string_literal();
      case Tok::Number: {
        if (!valid_number(src_, tok_.begin, tok_.end)) {
          fail(tok_.range(), "Invalid JSON number", "There is a syntax error in the given JSON number.");
          return nullptr;
        }
        auto* e = literal(ast::LiteralType::Number);
        e->value.text = file_.source->slice(tok_.range());
        advance();
        return e;
      }
      case Tok::Keyword: return keyword_literal();
      case Tok::BraceC: fail(tok_.range(), "Missing JSON value", kValueStartDetail); return nullptr;
      case Tok::BrackC: fail(tok_.range(), "Missing array element value", kValueStartDetail); return nullptr;
      case Tok::Eof: fail(tok_.range(), "Missing value", "The JSON data ends prematurely."); return nullptr;
      default: fail(tok_.range(), "Invalid start of value", kValueStartDetail); return nullptr;
    }
  }

  ast::LiteralExpr* literal(ast::LiteralType type) {
    auto* e = file_.arena.make<ast::LiteralExpr>();
    e->kind = ast::ExprKind::Literal;
    e->range = tok_.range();
    e->value.type = type;
    return e;
  }

  ast::Expr* string_literal() {
    if (tok_.str_error == StrError::Encoding) {
      fail({tok_.error_at, tok_.error_at + 1}, "Invalid character encoding",
           "All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.");
      return nullptr;
    }
    if (tok_.str_error == StrError::Syntax) {
      uint32_t at = tok_.error_at;
      uint32_t end = at < file_.source->size() ? at + 1 : at;
      fail({at, end}, "Invalid JSON string", "There is a syntax error in the given JSON string.");
      return nullptr;
    }
    auto* e = literal(ast::LiteralType::String);
    std::string_view raw = file_.source->slice({tok_.begin + 1, tok_.end - 1});
    if (tok_.escaped) {
      decode_escapes(raw, scratch_.decoded);
      e->value.text = file_.arena.copy(scratch_.decoded);
    } else {
      e->value.text = raw;
    }
    advance();
    return e;
  }

  ast::Expr* keyword_literal() {
    std::string_view word = file_.source->slice(tok_.range());
    ast::LiteralExpr* e = nullptr;
    if (word == "true" || word == "false") {
      e = literal(ast::LiteralType::Bool);
      e->value.boolean = word == "true";
    } else if (word == "null") {
      e = literal(ast::LiteralType::Null);
    } else if (word == "undefined" || word == "NaN" || word == "Infinity") {
      std::string detail = "The JavaScript identifier \"";
      detail.append(word).append("\" cannot be used in JSON.");
      fail(tok_.range(), "Invalid JSON keyword", std::move(detail));
      return nullptr;
    } else {
      std::string detail = "\"";
      detail.append(word).append("\" is not a valid JSON keyword.");
      for (std::string_view k : {"false", "true", "null"}) {
        if (levenshtein(word, k) < 3) {
          detail.append(" Did you mean \"").append(k).append("\"?");
          break;
        }
      }
      fail(tok_.range(), "Invalid JSON keyword", std::move(detail));
      return nullptr;
    }
    advance();
    return e;
  }

  void push(bool object, uint32_t open) {
    size_t depth = stack_.size();
    stack_.push_back({nullptr, open, object, object});
    if (scratch_.levels.size() <= depth) scratch_.levels.emplace_back();
    Level& level = scratch_.levels[depth];
    if (object) {
      level.items.clear();
    } else {
      level.values.clear();
    }
  }

  // The current token is the closing brace: builds the object and pops it.
  ast::Expr* close_object() {
    Level& level = scratch_.levels[stack_.size() - 1];
    auto* e = file_.arena.make<ast::ObjectExpr>();
    e->kind = ast::ExprKind::Object;
    e->range = {stack_.back().open, tok_.end};
    e->items = file_.arena.copy(level.items);
    stack_.pop_back();
    advance();
    return e;
  }

  ast::Expr* close_array() {
    Level& level = scratch_.levels[stack_.size() - 1];
    auto* e = file_.arena.make<ast::TupleExpr>();
    e->kind = ast::ExprKind::Tuple;
    e->range = {stack_.back().open, tok_.end};
    e->items = file_.arena.copy(level.values);
    stack_.pop_back();
    advance();
    return e;
  }

  // HashiCorp's recovery after a bad separator: skip tokens (the current
  // one included) through the first closing token that brings the count of
  // open ones back to one (not necessarily the matching one), or to the end.
  void recover(Tok open_kind, Tok close_kind) {
    int open = 1;
    Token t = read();
    for (;;) {
      if (t.kind == open_kind) {
        ++open;
      } else if (t.kind == close_kind) {
        if (--open <= 1) return;
      } else if (t.kind == Tok::Eof) {
        return;
      }
      t = read();
    }
  }

  // Hands a finished value to the enclosing containers, closing as many as
  // the following tokens close. Returns true when another value must be
  // parsed, false when the file is done (or failed).
  bool deliver(ast::Expr* value) {
    for (;;) {
      if (stack_.empty()) {
        finish_root(value);
        return false;
      }
      Frame& frame = stack_.back();
      if (frame.object) {
        if (frame.want_key) {
          if (value->kind != ast::ExprKind::Literal ||
              static_cast<ast::LiteralExpr*>(value)->value.type != ast::LiteralType::String) {
            Range r = value->range;
            if (value->kind == ast::ExprKind::Object || value->kind == ast::ExprKind::Tuple) r.end = r.begin + 1;
            fail(r, "Invalid object property name", "A JSON object property name must be a string");
            return false;
          }
          frame.key = value;
          if (tok_.kind != Tok::Colon) {
            if (tok_.kind == Tok::BraceC || tok_.kind == Tok::Comma) {
              fail(tok_.range(), "Missing object value",
                   "A JSON object attribute must have a value, introduced by a colon.");
            } else if (tok_.kind == Tok::Equals) {
              fail(tok_.range(), "Missing property value colon",
                   "JSON uses a colon as its name/value delimiter, not an equals sign.");
            } else {
              fail(tok_.range(), "Missing property value colon",
                   "A colon must appear between an object property's name and its value.");
            }
            return false;
          }
          advance();
          frame.want_key = false;
          return true;
        }
        scratch_.levels[stack_.size() - 1].items.push_back({frame.key, value});
        switch (tok_.kind) {
          case Tok::Comma: {
            Range comma = tok_.range();
            advance();
            if (tok_.kind == Tok::BraceC) {
              fail(comma, "Trailing comma in object",
                   "JSON does not permit a trailing comma after the final property in an object.");
              return false;
            }
            frame.want_key = true;
            return true;
          }
          case Tok::Eof:
            fail({frame.open, frame.open + 1}, "Unclosed object", "No closing brace was found for this JSON object.");
            return false;
          case Tok::BrackC:
            advance();
            fail(tok_.range(), "Mismatched braces", "A JSON object must be closed with a brace, not a bracket.");
            return false;
          case Tok::BraceC:
            value = close_object();
            continue;
          default:
            recover(Tok::BraceO, Tok::BraceC);
            fail(tok_.range(), "Missing attribute seperator comma",
                 "A comma must appear between each property definition in an object.");
            return false;
        }
      }
      scratch_.levels[stack_.size() - 1].values.push_back(value);
      switch (tok_.kind) {
        case Tok::Comma: {
          Range comma = tok_.range();
          advance();
          if (tok_.kind == Tok::BrackC) {
            fail(comma, "Trailing comma in array",
                 "JSON does not permit a trailing comma after the final value in an array.");
            return false;
          }
          return true;
        }
        case Tok::Colon:
          recover(Tok::BrackO, Tok::BrackC);
          fail(tok_.range(), "Invalid array value", "A colon is not used to introduce values in a JSON array.");
          return false;
        case Tok::Eof:
          fail({frame.open, frame.open + 1}, "Unclosed object", "No closing bracket was found for this JSON array.");
          return false;
        case Tok::BraceC:
          recover(Tok::BrackO, Tok::BrackC);
          fail(tok_.range(), "Mismatched brackets", "A JSON array must be closed with a bracket, not a brace.");
          return false;
        case Tok::BrackC:
          value = close_array();
          continue;
        default:
          recover(Tok::BrackO, Tok::BrackC);
          fail(tok_.range(), "Missing attribute seperator comma", "A comma must appear between each value in an array.");
          return false;
      }
    }
  }

  void finish_root(ast::Expr* value) {
    if (tok_.kind != Tok::Eof) {
      fail(tok_.range(), "Extraneous data after value", "Extra characters appear after the JSON value.");
      return;
    }
    if (file_.syntax == Syntax::HclJson && value->kind != ast::ExprKind::Object &&
        value->kind != ast::ExprKind::Tuple) {
      fail(value->range, "Root value must be object",
           "The root value in a JSON-based configuration must be either a JSON object or a JSON array of "
           "objects.");
      return;
    }
    file_.root = value;
  }

  ParsedFile& file_;
  const unsigned char* src_;
  Lexer lex_;
  Scratch& scratch_;
  Token tok_;
  std::vector<Frame>& stack_;
  bool failed_ = false;
};

}  // namespace

// On a syntax error the file has exactly one error and no root.
std::unique_ptr<ParsedFile> parse_json(const SourceFile& source, Syntax syntax) {
  auto file = std::make_unique<ParsedFile>();
  file->source = &source;
  file->syntax = syntax;
  Scratch local;
  Scratch& scratch = tls_scratch.busy ? local : tls_scratch;
  scratch.busy = true;
  {
    Parser parser(*file, scratch);
    parser.run();
  }
  scratch.busy = false;
  // Keep the scratch of ordinary files; let go of what a pathological one grew.
  if (scratch.levels.size() > 4096) {
    scratch.levels.resize(64);
    scratch.levels.shrink_to_fit();
    scratch.frames.clear();
    scratch.frames.shrink_to_fit();
  }
  return file;
}

}  // namespace ecslint::grammar
