// Small text helpers shared by the analyzer's line-oriented readers.
#pragma once

#include <string_view>

namespace ecslint {

// `s` without leading and trailing spaces and tabs, nor a trailing '\r'
// (a CRLF line end left on a line).
inline std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace ecslint
