// Small text helpers shared by the analyzer.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ecslint {

// `s` without leading and trailing spaces and tabs, nor a trailing '\r'
// (a CRLF line end left on a line).
inline std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// `s` with ASCII letters upper-cased, as std::toupper does in the "C"
// locale, without a library call per character.
inline std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
  return out;
}

// Hashes std::string and std::string_view alike, so that a lookup by a
// view (a name in a syntax tree, a part of a symbol) makes no string.
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
};

// A hash map keyed by owned text and looked up by views.
template <typename T>
using TextMap = std::unordered_map<std::string, T, TextHash, std::equal_to<>>;

}  // namespace ecslint
