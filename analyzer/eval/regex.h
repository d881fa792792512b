// Regular expressions for regex(), regexall() and replace(), on PCRE2 with
// the options that make it behave as Go's RE2 on the syntax both share
// ($ only at the end of the text, ASCII classes, UTF-8 subjects).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ecslint::eval {

class Regex {
 public:
  explicit Regex(std::string_view pattern);
  ~Regex();
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  bool ok() const { return code_ != nullptr; }
  const std::string& error() const { return error_; }
  int group_count() const { return groups_; }
  // The name of capture group `i` (1-based), empty when unnamed.
  const std::string& group_name(int i) const { return names_[size_t(i)]; }
  int named_count() const;
  // Group number of a name, -1 when absent.
  int group_number(std::string_view name) const;

  // One match: byte offsets [begin, end) of group 0 and each capture group;
  // an unset group has begin == npos.
  struct Span {
    size_t begin = std::string::npos;
    size_t end = std::string::npos;
  };
  using Match = std::vector<Span>;

  // Successive non-overlapping matches, as Go's FindAll (an empty match
  // right after a previous match is skipped).
  std::vector<Match> find_all(std::string_view subject, size_t limit = SIZE_MAX) const;

 private:
  struct Code;
  Code* code_ = nullptr;
  std::string error_;
  int groups_ = 0;
  std::vector<std::string> names_;
};

}  // namespace ecslint::eval
