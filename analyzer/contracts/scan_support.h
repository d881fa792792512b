// Internals shared by the per-language env scanners (not a public header).
#pragma once

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/contracts/env_scan.h"

namespace ecslint::contracts::scan {

// ---------------------------------------------------------------------------
// PCRE2 pattern compiled once (with JIT when available) and shared read-only
// between threads; every search allocates its own match data.
class Regex {
 public:
  explicit Regex(std::string_view pattern, uint32_t options = 0);
  ~Regex();
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  struct Match {
    const PCRE2_SIZE* ovector;
    uint32_t group_count;
    bool has(uint32_t g) const { return g < group_count && ovector[2 * g] != PCRE2_UNSET; }
    uint32_t begin(uint32_t g = 0) const { return uint32_t(ovector[2 * g]); }
    uint32_t end(uint32_t g = 0) const { return uint32_t(ovector[2 * g + 1]); }
  };

  // Calls fn(match) for every non-overlapping match in subject, in order.
  template <class Fn>
  void for_each(std::string_view subject, Fn&& fn) const {
    pcre2_match_data* data = pcre2_match_data_create_from_pattern(code_, nullptr);
    if (data == nullptr) throw std::bad_alloc();
    PCRE2_SIZE start = 0;
    while (start <= subject.size()) {
      int rc = pcre2_match(code_, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), start, 0,
                           data, nullptr);
      if (rc <= 0) break;  // no match, or a match/JIT-stack limit: stop, never loop
      const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(data);
      fn(Match{ov, uint32_t(rc)});
      start = ov[1] > ov[0] ? ov[1] : ov[0] + 1;  // never loop on an empty match
    }
    pcre2_match_data_free(data);
  }
  bool matches(std::string_view subject) const;

 private:
  pcre2_code* code_ = nullptr;
};

// ---------------------------------------------------------------------------
// Code view: the text with comment and string-literal contents replaced by
// spaces (newlines kept), so byte offsets match the original. Patterns run over
// the code view; names are read from the original through `literals`.
struct StringLiteral {
  uint32_t begin = 0;          // first byte, prefix (f, r, @, $...) included
  uint32_t end = 0;            // one past the closing delimiter
  uint32_t content_begin = 0;  // after the opening delimiter
  uint32_t content_end = 0;    // at the closing delimiter
  char quote = '"';            // opening quote character (` for Go raw strings)
  bool interpolated = false;   // holds code (f-string fields, ${...}, #{...})
};

struct CodeView {
  std::string code;
  std::vector<StringLiteral> literals;  // sorted by begin

  const StringLiteral* literal_starting_at(uint32_t pos) const;
  const StringLiteral* literal_ending_at(uint32_t pos) const;
  // Literals that begin in [begin, end) (nested ones may end past `end`).
  std::span<const StringLiteral> literals_from(uint32_t begin, uint32_t end) const;
};

enum class LexerSyntax : uint8_t { Python, CLike, JavaScript, Go, Rust, Kotlin, CSharp, Ruby, Shell, Yaml, Properties };
CodeView make_code_view(LexerSyntax syntax, std::string_view text);

// ---------------------------------------------------------------------------
// Helpers over the code view.
uint32_t skip_space(std::string_view code, uint32_t pos);        // forward over whitespace
uint32_t skip_space_back(std::string_view code, uint32_t pos);   // returns index after last non-space before pos
bool starts_with_at(std::string_view code, uint32_t pos, std::string_view word);
bool is_ident_char(char c);
bool is_env_name(std::string_view name);  // [A-Za-z_][A-Za-z0-9_.-]*
// The offset of the bracket that closes the one at `open`, or npos-like size.
uint32_t matching_close(std::string_view code, uint32_t open);

// A string literal used as an argument: the name, its range in the text, and
// where the code continues after the literal.
struct LiteralArg {
  std::string_view value;
  uint32_t begin = 0, end = 0;  // content range
  uint32_t after = 0;           // one past the closing delimiter
};
// The plain (non-interpolated, escape-free) literal that starts at pos after
// whitespace, if any.
std::optional<LiteralArg> literal_arg(const CodeView& view, std::string_view text, uint32_t pos);

// Top-level arguments of the call whose '(' is at `open`: trimmed ranges and
// the keyword (Python kw=, C# name:) when present.
struct CallArg {
  uint32_t begin = 0, end = 0;
  std::string_view keyword;  // empty for positional arguments
  uint32_t value_begin = 0;  // after "keyword ="
};
struct CallArgs {
  std::vector<CallArg> args;
  uint32_t close = 0;  // offset of ')' (or the text size when unbalanced)
  size_t positional() const;
  const CallArg* keyword(std::string_view name) const;
};
CallArgs split_call_args(std::string_view code, uint32_t open, char keyword_sep = '=');

// ---------------------------------------------------------------------------
// Collector handed to every language scanner.
struct ScanContext {
  std::string_view text;
  const CodeView* view = nullptr;  // null for the line-based scanners
  EnvScan* out = nullptr;

  std::string_view code() const { return view->code; }
  void add(std::string name, ReadKind kind, uint32_t begin, uint32_t end, std::string_view how) const;
  void add(const LiteralArg& arg, ReadKind kind, std::string_view how) const {
    add(std::string(arg.value), kind, arg.begin, arg.end, how);
  }
  void dynamic() const { out->dynamic_reads = true; }
};

void scan_python(ScanContext& ctx);
void scan_pydantic(ScanContext& ctx);
void scan_javascript(ScanContext& ctx);
void scan_go(ScanContext& ctx);
void scan_java(ScanContext& ctx, bool kotlin);
void scan_csharp(ScanContext& ctx);
void scan_rust(ScanContext& ctx);
void scan_ruby(ScanContext& ctx);
void scan_shell(ScanContext& ctx);
void scan_dockerfile(ScanContext& ctx);
void scan_dotenv(ScanContext& ctx);
void scan_spring_config(ScanContext& ctx);
// Spring ${NAME} / ${NAME:default} placeholders inside [begin, end) of text.
void scan_spring_placeholders(const ScanContext& ctx, std::string_view source, uint32_t begin, uint32_t end,
                              std::string_view how);

}  // namespace ecslint::contracts::scan
