// Escaping shared by the machine-readable reporters.
#include <fmt/format.h>

#include "analyzer/report/reporter.h"

namespace ecslint::report {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the well-formed UTF-8 sequence at `i` (RFC 3629: no overlongs,
// no surrogates, nothing past U+10FFFF), or 0 when it is ill-formed.
size_t sequence_length(std::string_view s, size_t i, uint32_t& code_point) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    code_point = b0;
    return 1;
  }
  size_t n;
  uint32_t cp;
  uint32_t min;
  if ((b0 & 0xE0) == 0xC0) n = 2, cp = b0 & 0x1F, min = 0x80;
  else if ((b0 & 0xF0) == 0xE0) n = 3, cp = b0 & 0x0F, min = 0x800;
  else if ((b0 & 0xF8) == 0xF0) n = 4, cp = b0 & 0x07, min = 0x10000;
  else return 0;
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  code_point = cp;
  return n;
}

// Calls fn(code_point, bytes) for each code point; an ill-formed byte comes
// as U+FFFD.
template <typename Fn>
void for_each_code_point(std::string_view s, Fn&& fn) {
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    size_t n = sequence_length(s, i, cp);
    if (n == 0) {
      fn(uint32_t{0xFFFD}, kReplacement);
      ++i;
    } else {
      fn(cp, s.substr(i, n));
      i += n;
    }
  }
}

bool is_uri_char(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("-._~!$&'()*+,;=@/").find(static_cast<char>(c)) != std::string_view::npos;
}

void percent_encode(std::string& out, std::string_view s) {
  for (unsigned char c : s) {
    if (is_uri_char(c)) out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for_each_code_point(text, [&](uint32_t, std::string_view bytes) { out += bytes; });
  return out;
}

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for_each_code_point(text, [&](uint32_t cp, std::string_view bytes) {
    switch (cp) {
      case '"': out += "\\\""; return;
      case '\\': out += "\\\\"; return;
      case '\b': out += "\\b"; return;
      case '\f': out += "\\f"; return;
      case '\n': out += "\\n"; return;
      case '\r': out += "\\r"; return;
      case '\t': out += "\\t"; return;
    }
    if (cp < 0x20) {
      out += "\\u00";
      out += kHex[cp >> 4];
      out += kHex[cp & 0xF];
    } else {
      out += bytes;
    }
  });
  out += '"';
}

std::string xml_escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for_each_code_point(text, [&](uint32_t cp, std::string_view bytes) {
    switch (cp) {
      case '&': out += "&amp;"; return;
      case '<': out += "&lt;"; return;
      case '>': out += "&gt;"; return;
      case '\r': out += "&#13;"; return;  // a raw CR would be normalized away
      case '"':
        out += attribute ? "&quot;" : "\"";
        return;
      case '\'':
        out += attribute ? "&apos;" : "'";
        return;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        return;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        return;
      default: break;
    }
    // XML 1.0 Char excludes other C0 controls and U+FFFE, U+FFFF.
    if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) out += kReplacement;
    else out += bytes;
  });
  return out;
}

std::string github_escape_data(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

std::string github_escape_property(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

std::string path_to_uri(std::string_view path) {
  std::string p(path);
  for (char& c : p)
    if (c == '\\') c = '/';
  std::string out;
  bool drive = p.size() >= 2 && p[1] == ':' &&
               ((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z')) && (p.size() == 2 || p[2] == '/');
  if (drive) {
    out = "file:///";
    out += p.substr(0, 2);
    percent_encode(out, std::string_view(p).substr(2));
    return out;
  }
  if (p.starts_with("//")) {  // UNC: //server/share/x
    out = "file:";
    percent_encode(out, p);
    return out;
  }
  if (p.starts_with('/')) {
    out = "file://";
    percent_encode(out, p);
    return out;
  }
  std::string_view rel(p);
  while (rel.starts_with("./")) {
    rel.remove_prefix(2);
    while (rel.starts_with('/')) rel.remove_prefix(1);
  }
  percent_encode(out, rel);  // ':' is encoded, so no segment reads as a scheme
  return out;
}

}  // namespace ecslint::report
