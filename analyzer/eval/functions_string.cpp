// String functions (Terraform's lang/funcs/string.go and cty's stdlib).
// Case mapping covers Latin, Greek and Cyrillic, and lengths count code
// points where Terraform counts grapheme clusters.
#include <algorithm>
#include <cctype>
#include <tuple>

#include "analyzer/eval/functions_impl.h"
#include "analyzer/eval/regex.h"

namespace ecslint::eval::functions {

namespace {

Value string_result(std::string s, const Call& c) { return Value::string(std::move(s), c.origin); }

// The string arguments of a call, or the error for the first that is not one.
std::variant<std::vector<std::string>, Value> strings(const Call& c) {
  std::vector<std::string> out;
  for (size_t i = 0; i < c.args.size(); ++i) {
    auto s = string_arg(c.args[i]);
    if (!s) return c.bad_arg(i, "string required");
    out.push_back(std::move(*s));
  }
  return out;
}

template <typename F>
Value with_strings(const Call& c, F f) {
  auto s = strings(c);
  if (auto* err = std::get_if<Value>(&s)) return *err;
  return f(std::get<0>(s));
}

Value fn_join(const Call& c) {
  auto sep = string_arg(c.args[0]);
  if (!sep) return c.bad_arg(0, "string required");
  std::string out;
  bool first = true;
  for (size_t i = 1; i < c.args.size(); ++i) {
    const auto list = list_arg(c.args[i]);
    if (!list) return c.bad_arg(i, "list of string required");
    for (const Value& item : *list) {
      if (!item.is_known()) return Value::unknown(c.origin);
      auto s = string_arg(item);
      if (!s) return c.bad_arg(i, item.is_null() ? "element is null" : "list of string required");
      if (!first) out += *sep;
      out += *s;
      first = false;
    }
  }
  return string_result(std::move(out), c);
}

Value fn_split(const Call& c) {
  return with_strings(c, [&](const std::vector<std::string>& a) {
    const std::string& sep = a[0];
    const std::string& s = a[1];
    std::vector<Value> out;
    if (sep.empty()) {
      auto starts = code_point_starts(s);
      for (size_t i = 0; i < starts.size(); ++i)
        out.push_back(Value::string(s.substr(starts[i], (i + 1 < starts.size() ? starts[i + 1] : s.size()) - starts[i]),
                                    c.origin));
      return Value::tuple(std::move(out), c.origin);
    }
    size_t pos = 0;
    for (size_t hit; (hit = s.find(sep, pos)) != std::string::npos; pos = hit + sep.size())
      out.push_back(Value::string(s.substr(pos, hit - pos), c.origin));
    out.push_back(Value::string(s.substr(pos), c.origin));
    return Value::tuple(std::move(out), c.origin);
  });
}

// Go's Regexp.Expand: $1, ${1}, $name, ${name}, $$.
std::string expand(std::string_view repl, std::string_view subject, const Regex& re, const Regex::Match& m) {
  std::string out;
  auto group_text = [&](std::string_view name) -> std::string_view {
    int g = -1;
    if (!name.empty() && std::all_of(name.begin(), name.end(), [](char ch) { return std::isdigit(ch); }))
      g = name.size() < 6 ? std::stoi(std::string(name)) : -1;
    else
      g = re.group_number(name);
    if (g < 0 || g > re.group_count() || m[size_t(g)].begin == std::string::npos) return {};
    return subject.substr(m[size_t(g)].begin, m[size_t(g)].end - m[size_t(g)].begin);
  };
  auto is_name = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; };
  for (size_t i = 0; i < repl.size();) {
    if (repl[i] != '$' || i + 1 >= repl.size()) {
      out += repl[i++];
      continue;
    }
    if (repl[i + 1] == '$') {
      out += '$';
      i += 2;
      continue;
    }
    size_t start = i + 1, end = start;
    bool braced = repl[start] == '{';
    if (braced) ++start, end = start;
    while (end < repl.size() && is_name(repl[end])) ++end;
    if (end == start || (braced && (end >= repl.size() || repl[end] != '}'))) {
      out += repl[i++];  // not a valid reference: the '$' stays
      continue;
    }
    out += group_text(repl.substr(start, end - start));
    i = braced ? end + 1 : end;
  }
  return out;
}

Value fn_replace(const Call& c) {
  return with_strings(c, [&](const std::vector<std::string>& a) {
    const std::string& s = a[0];
    const std::string& sub = a[1];
    const std::string& repl = a[2];
    if (sub.size() >= 2 && sub.front() == '/' && sub.back() == '/') {
      Regex re(std::string_view(sub).substr(1, sub.size() - 2));
      if (!re.ok()) return c.fail("invalid regular expression: " + re.error());
      std::string out;
      size_t last = 0;
      for (const auto& m : re.find_all(s)) {
        out.append(s, last, m[0].begin - last);
        out += expand(repl, s, re, m);
        last = m[0].end;
      }
      out.append(s, last);
      return string_result(std::move(out), c);
    }
    if (sub.empty()) {  // Go's strings.Replace inserts at every code point boundary
      std::string out;
      auto starts = code_point_starts(s);
      starts.push_back(s.size());
      for (size_t i = 0; i < starts.size(); ++i) {
        out += repl;
        if (i + 1 < starts.size()) out.append(s, starts[i], starts[i + 1] - starts[i]);
      }
      return string_result(std::move(out), c);
    }
    std::string out;
    size_t pos = 0;
    for (size_t hit; (hit = s.find(sub, pos)) != std::string::npos; pos = hit + sub.size())
      out.append(s, pos, hit - pos) += repl;
    out.append(s, pos);
    return string_result(std::move(out), c);
  });
}

// Simple case mapping of the alphabets configurations use: ASCII, Latin-1,
// Latin Extended-A, Greek and Cyrillic. Other code points stay as they are.
uint32_t map_case(uint32_t cp, bool upper) {
  if (cp < 0x80) return uint32_t(upper ? std::toupper(int(cp)) : std::tolower(int(cp)));
  if (cp == 0xD7 || cp == 0xF7) return cp;  // multiplication and division signs
  if (upper && cp == 0xFF) return 0x178;
  if (!upper && cp == 0x178) return 0xFF;
  for (auto [lo, up, n] : {std::tuple{0xE0u, 0xC0u, 0x1Fu}, {0x3B1u, 0x391u, 0x11u}, {0x3C3u, 0x3A3u, 0x09u},
                           {0x430u, 0x410u, 0x20u}, {0x450u, 0x400u, 0x10u}}) {
    if (upper && cp >= lo && cp < lo + n) return cp - lo + up;
    if (!upper && cp >= up && cp < up + n) return cp - up + lo;
  }
  // Latin Extended-A: upper/lower pairs, upper first (odd-first in 0x139-0x148).
  bool even_pairs = (cp >= 0x100 && cp < 0x138 && cp != 0x130 && cp != 0x131) || (cp >= 0x14A && cp < 0x178);
  bool odd_pairs = cp >= 0x139 && cp < 0x149;
  if (even_pairs) return upper ? cp & ~1u : cp | 1u;
  if (odd_pairs) {
    bool is_upper = cp & 1u;
    if (upper && !is_upper) return cp - 1;
    if (!upper && is_upper) return cp + 1;
  }
  return cp;
}

uint32_t decode_utf8(std::string_view s, size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (i + len > s.size()) len = 1;
  uint32_t cp = len == 1 ? c : c & (0xFFu >> (len + 1));
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

void encode_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

std::string change_case(std::string_view s, bool upper) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    uint32_t cp = decode_utf8(s, i);
    if (cp >= 0x80 && i - start == 1) out += s[start];  // a stray byte stays as it is
    else encode_utf8(out, map_case(cp, upper));
  }
  return out;
}

template <bool Upper>
Value change_case_call(const Call& c) {
  return with_strings(c, [&](const std::vector<std::string>& a) { return string_result(change_case(a[0], Upper), c); });
}

// Go's unicode.IsSpace beyond ASCII (NEL, NBSP, the U+2000 block, ...).
bool is_unicode_space(uint32_t cp) {
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// Go's strings.Title: the first letter of each word upper-cased; words are
// separated by spaces and ASCII punctuation.
Value fn_title(const Call& c) {
  return with_strings(c, [&](const std::vector<std::string>& a) {
    const std::string& s = a[0];
    std::string out;
    bool at_start = true;
    for (size_t i = 0; i < s.size();) {
      uint32_t cp = decode_utf8(s, i);
      bool separator = cp < 0x80 ? !(std::isalnum(int(cp)) || cp == '_') : is_unicode_space(cp);
      encode_utf8(out, at_start && !separator ? map_case(cp, true) : cp);
      at_start = separator;
    }
    return string_result(std::move(out), c);
  });
}

bool is_space(unsigned char ch) { return ch == ' ' || (ch >= '\t' && ch <= '\r'); }

Value fn_trimspace(const Call& c) {
  return with_strings(c, [&](const std::vector<std::string>& a) {
    std::string_view s = a[0];
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return string_result(std::string(s), c);
  });
}

Value fn_trimprefix(const Call& c) {
  return with_strings(c, [&](const std::vector<std::string>& a) {
    std::string_view s = a[0];
    if (s.starts_with(a[1])) s.remove_prefix(a[1].size());
    return string_result(std::string(s), c);
  });
}

Value fn_trimsuffix(const Call& c) {
  return with_strings(c, [&](const std::vector<std::string>& a) {
    std::string_view s = a[0];
    if (s.ends_with(a[1])) s.remove_suffix(a[1].size());
    return string_result(std::string(s), c);
  });
}

// Splits a UTF-8 string into its code points.
std::vector<std::string_view> code_points(std::string_view s) {
  auto starts = code_point_starts(s);
  std::vector<std::string_view> out;
  for (size_t i = 0; i < starts.size(); ++i)
    out.push_back(s.substr(starts[i], (i + 1 < starts.size() ? starts[i + 1] : s.size()) - starts[i]));
  return out;
}

Value fn_trim(const Call& c) {
  return with_strings(c, [&](const std::vector<std::string>& a) {
    auto cut = code_points(a[1]);
    auto chars = code_points(a[0]);
    auto in_cut = [&](std::string_view ch) { return std::find(cut.begin(), cut.end(), ch) != cut.end(); };
    size_t b = 0, e = chars.size();
    while (b < e && in_cut(chars[b])) ++b;
    while (e > b && in_cut(chars[e - 1])) --e;
    std::string out;
    for (size_t i = b; i < e; ++i) out += chars[i];
    return string_result(std::move(out), c);
  });
}

Value fn_chomp(const Call& c) {
  return with_strings(c, [&](const std::vector<std::string>& a) {
    std::string_view s = a[0];
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
    return string_result(std::string(s), c);
  });
}

Value fn_strrev(const Call& c) {
  return with_strings(c, [&](const std::vector<std::string>& a) {
    auto chars = code_points(a[0]);
    std::string out;
    for (auto it = chars.rbegin(); it != chars.rend(); ++it) out += *it;
    return string_result(std::move(out), c);
  });
}

Value fn_indent(const Call& c) {
  auto n = integer_arg(c.args[0]);
  auto s = string_arg(c.args[1]);
  if (!n || *n < 0) return c.bad_arg(0, "number required");
  if (!s) return c.bad_arg(1, "string required");
  std::string out;
  for (char ch : *s) {
    out += ch;
    if (ch == '\n') out += std::string(size_t(*n), ' ');
  }
  return string_result(std::move(out), c);
}

Value fn_substr(const Call& c) {
  auto s = string_arg(c.args[0]);
  auto offset = integer_arg(c.args[1]);
  auto length = integer_arg(c.args[2]);
  if (!s) return c.bad_arg(0, "string required");
  if (!offset || !length) return c.bad_arg(offset ? 2 : 1, "a whole number is required");
  auto chars = code_points(*s);
  int64_t total = int64_t(chars.size());
  int64_t off = *offset;
  if (off < 0) off = std::max<int64_t>(0, off + total);
  if (off > total) return string_result("", c);
  int64_t len = *length < 0 ? total - off : std::min(*length, total - off);
  if (*length < -1) return c.fail("length is out of range");
  std::string out;
  for (int64_t i = off; i < off + len; ++i) out += chars[size_t(i)];
  return string_result(std::move(out), c);
}

Value fn_startswith(const Call& c) {
  return with_strings(c, [&](const auto& a) { return Value::boolean(a[0].starts_with(a[1]), c.origin); });
}
Value fn_endswith(const Call& c) {
  return with_strings(c, [&](const auto& a) { return Value::boolean(a[0].ends_with(a[1]), c.origin); });
}
Value fn_strcontains(const Call& c) {
  return with_strings(c, [&](const auto& a) {
    return Value::boolean(a[0].find(a[1]) != std::string::npos, c.origin);
  });
}

// One match as regex() returns it: the whole match without groups, an
// object for named groups, a tuple for numbered ones (unset groups null).
Value match_value(const Regex& re, const Regex::Match& m, std::string_view s, Origin origin) {
  auto group = [&](int g) {
    const auto& span = m[size_t(g)];
    if (span.begin == std::string::npos) return Value::null(origin);
    return Value::string(std::string(s.substr(span.begin, span.end - span.begin)), origin);
  };
  if (re.group_count() == 0) return group(0);
  if (re.named_count() > 0) {
    std::vector<Member> members;
    for (int g = 1; g <= re.group_count(); ++g) members.push_back({Key::interned(re.group_name(g)), group(g), origin});
    return Value::object(std::move(members), origin);
  }
  std::vector<Value> items;
  for (int g = 1; g <= re.group_count(); ++g) items.push_back(group(g));
  return Value::tuple(std::move(items), origin);
}

template <bool All>
Value regex_call(const Call& c) {
  return with_strings(c, [&](const std::vector<std::string>& a) {
    Regex re(a[0]);
    if (!re.ok()) return c.fail("invalid regular expression pattern: " + re.error());
    if (re.named_count() > 0 && re.named_count() != re.group_count())
      return c.fail("invalid regular expression pattern: cannot mix both named and unnamed capture groups");
    auto matches = re.find_all(a[1], All ? SIZE_MAX : 1);
    if (!All) {
      if (matches.empty()) return c.fail("pattern did not match any part of the given string");
      return match_value(re, matches[0], a[1], c.origin);
    }
    std::vector<Value> items;
    for (const auto& m : matches) items.push_back(match_value(re, m, a[1], c.origin));
    return Value::tuple(std::move(items), c.origin);
  });
}


const FunctionDef kFunctions[] = {
    {"join", 2, -1, fn_join},
    {"split", 2, 2, fn_split},
    {"replace", 3, 3, fn_replace},
    {"lower", 1, 1, change_case_call<false>},
    {"upper", 1, 1, change_case_call<true>},
    {"title", 1, 1, fn_title},
    {"trimspace", 1, 1, fn_trimspace},
    {"trimprefix", 2, 2, fn_trimprefix},
    {"trimsuffix", 2, 2, fn_trimsuffix},
    {"trim", 2, 2, fn_trim},
    {"chomp", 1, 1, fn_chomp},
    {"strrev", 1, 1, fn_strrev},
    {"indent", 2, 2, fn_indent},
    {"substr", 3, 3, fn_substr},
    {"startswith", 2, 2, fn_startswith},
    {"endswith", 2, 2, fn_endswith},
    {"strcontains", 2, 2, fn_strcontains},
    {"regex", 2, 2, regex_call<false>},
    {"regexall", 2, 2, regex_call<true>},
};

}  // namespace

std::span<const FunctionDef> string_functions() { return kFunctions; }

}  // namespace ecslint::eval::functions
