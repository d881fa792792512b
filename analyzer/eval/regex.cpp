#include "analyzer/eval/regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>

namespace ecslint::eval {

struct Regex::Code {
  pcre2_code* code;
};

Regex::Regex(std::string_view pattern) {
  int error_code = 0;
  PCRE2_SIZE error_offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                   PCRE2_UTF | PCRE2_DOLLAR_ENDONLY, &error_code, &error_offset, nullptr);
  if (!code) {
    PCRE2_UCHAR buf[256];
    pcre2_get_error_message(error_code, buf, sizeof buf);
    error_ = reinterpret_cast<const char*>(buf);
    return;
  }
  code_ = new Code{code};
  uint32_t captures = 0;
  pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &captures);
  groups_ = int(captures);
  names_.assign(captures + 1, {});
  uint32_t name_count = 0, entry_size = 0;
  PCRE2_SPTR table = nullptr;
  pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &name_count);
  pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
  pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
  for (uint32_t i = 0; i < name_count; ++i) {
    PCRE2_SPTR entry = table + i * entry_size;
    int number = (entry[0] << 8) | entry[1];
    names_[size_t(number)] = reinterpret_cast<const char*>(entry + 2);
  }
}

Regex::~Regex() {
  if (code_) pcre2_code_free(code_->code);
  delete code_;
}

int Regex::named_count() const {
  return int(std::count_if(names_.begin() + 1, names_.end(), [](const std::string& n) { return !n.empty(); }));
}

int Regex::group_number(std::string_view name) const {
  for (size_t i = 1; i < names_.size(); ++i)
    if (names_[i] == name) return int(i);
  return -1;
}

namespace {

size_t next_code_point(std::string_view s, size_t pos) {
  ++pos;
  while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
  return pos;
}

}  // namespace

std::vector<Regex::Match> Regex::find_all(std::string_view subject, size_t limit) const {
  std::vector<Match> out;
  if (!code_) return out;
  pcre2_match_data* data = pcre2_match_data_create_from_pattern(code_->code, nullptr);
  auto* text = reinterpret_cast<PCRE2_SPTR>(subject.data());
  size_t pos = 0;
  size_t prev_end = std::string::npos;
  while (out.size() < limit && pos <= subject.size()) {
    int rc = pcre2_match(code_->code, text, subject.size(), pos, 0, data, nullptr);
    if (rc < 0) break;
    PCRE2_SIZE* ov = pcre2_get_ovector_pointer(data);
    bool accept = true;
    if (ov[1] == pos) {
      if (ov[0] == prev_end) accept = false;  // empty match abutting the previous one
      pos = pos < subject.size() ? next_code_point(subject, pos) : subject.size() + 1;
    } else {
      pos = ov[1];
    }
    prev_end = ov[1];
    if (!accept) continue;
    Match m(size_t(groups_) + 1);
    for (int g = 0; g <= groups_ && g < rc; ++g)
      if (ov[2 * g] != PCRE2_UNSET) m[size_t(g)] = {ov[2 * g], ov[2 * g + 1]};
    out.push_back(std::move(m));
  }
  pcre2_match_data_free(data);
  return out;
}

}  // namespace ecslint::eval
