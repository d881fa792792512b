#include <stdexcept>
#include <string>

#include "analyzer/contracts/scan_support.h"

namespace ecslint::contracts::scan {

Regex::Regex(std::string_view pattern, uint32_t options) {
  int error = 0;
  PCRE2_SIZE offset = 0;
  code_ = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), options, &error, &offset,
                        nullptr);
  if (code_ == nullptr) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(error, message, sizeof message);
    // A broken built-in pattern is a programming error, caught by the tests.
    throw std::logic_error("env scanner pattern does not compile at " + std::to_string(offset) + ": " +
                           reinterpret_cast<const char*>(message));
  }
  // Without JIT support PCRE2 falls back to the interpreter; both are correct.
  pcre2_jit_compile(code_, PCRE2_JIT_COMPLETE);
}

Regex::~Regex() { pcre2_code_free(code_); }

bool Regex::matches(std::string_view subject) const {
  bool found = false;
  pcre2_match_data* data = pcre2_match_data_create_from_pattern(code_, nullptr);
  found = pcre2_match(code_, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0, 0, data, nullptr) > 0;
  pcre2_match_data_free(data);
  return found;
}

bool is_ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool is_env_name(std::string_view name) {
  if (name.empty() || !(is_ident_char(name[0]) && !(name[0] >= '0' && name[0] <= '9'))) return false;
  for (char c : name)
    if (!is_ident_char(c) && c != '.' && c != '-') return false;
  return true;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

uint32_t skip_space(std::string_view code, uint32_t pos) {
  while (pos < code.size() && is_space(code[pos])) ++pos;
  return pos;
}

uint32_t skip_space_back(std::string_view code, uint32_t pos) {
  while (pos > 0 && is_space(code[pos - 1])) --pos;
  return pos;
}

bool starts_with_at(std::string_view code, uint32_t pos, std::string_view word) {
  return pos <= code.size() && code.substr(pos).starts_with(word);
}

uint32_t matching_close(std::string_view code, uint32_t open) {
  int depth = 0;
  for (uint32_t i = open; i < code.size(); ++i) {
    char c = code[i];
    if (c == '(' || c == '[' || c == '{') ++depth;
    else if ((c == ')' || c == ']' || c == '}') && --depth == 0) return i;
  }
  return uint32_t(code.size());
}

std::optional<LiteralArg> literal_arg(const CodeView& view, std::string_view text, uint32_t pos) {
  pos = skip_space(view.code, pos);
  const StringLiteral* lit = view.literal_starting_at(pos);
  if (lit == nullptr || lit->interpolated) return std::nullopt;
  std::string_view value = text.substr(lit->content_begin, lit->content_end - lit->content_begin);
  if (value.find('\\') != std::string_view::npos) return std::nullopt;  // escapes: not a plain name
  return LiteralArg{value, lit->content_begin, lit->content_end, lit->end};
}

size_t CallArgs::positional() const {
  size_t n = 0;
  for (const CallArg& a : args) n += a.keyword.empty();
  return n;
}

const CallArg* CallArgs::keyword(std::string_view name) const {
  for (const CallArg& a : args)
    if (a.keyword == name) return &a;
  return nullptr;
}

// Reads "name =" (or "name:") at the start of an argument.
static void detect_keyword(std::string_view code, CallArg& arg, char sep) {
  uint32_t k = arg.begin;
  while (k < arg.end && is_ident_char(code[k])) ++k;
  if (k == arg.begin) return;
  uint32_t s = skip_space(code.substr(0, arg.end), k);
  if (s < arg.end && code[s] == sep && (s + 1 >= code.size() || code[s + 1] != '=')) {
    arg.keyword = code.substr(arg.begin, k - arg.begin);
    arg.value_begin = skip_space(code, s + 1);
  }
}

CallArgs split_call_args(std::string_view code, uint32_t open, char keyword_sep) {
  CallArgs out;
  int depth = 0;
  uint32_t start = open + 1;
  auto finish = [&](uint32_t end) {
    CallArg a;
    a.begin = skip_space(code, start);
    a.end = std::max(a.begin, skip_space_back(code, end));
    a.value_begin = a.begin;
    if (a.end > a.begin) {
      detect_keyword(code, a, keyword_sep);
      out.args.push_back(a);
    }
  };
  for (uint32_t i = open + 1; i < code.size(); ++i) {
    char c = code[i];
    if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      if (depth-- == 0) {
        finish(i);
        out.close = i;
        return out;
      }
    } else if (c == ',' && depth == 0) {
      finish(i);
      start = i + 1;
    }
  }
  finish(uint32_t(code.size()));
  out.close = uint32_t(code.size());
  return out;
}

void ScanContext::add(std::string name, ReadKind kind, uint32_t begin, uint32_t end, std::string_view how) const {
  if (!is_env_name(name)) return;
  out->reads.push_back({std::move(name), kind, begin, end, 0, 0, how});
}

}  // namespace ecslint::contracts::scan
