// format() and formatlist(), with the verbs of cty's stdlib format.go (Go's
// fmt verbs: %v %#v %t %d %b %o %x %X %e %E %f %g %G %s %q %%, flags
// + - # 0 space, width, precision, explicit argument indexes %[n]d).
#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <variant>

#include "analyzer/eval/functions_impl.h"

namespace ecslint::eval::functions {

namespace {

struct Verb {
  bool plus = false, minus = false, sharp = false, zero = false, space = false;
  int width = -1, precision = -1;
  char verb = 0;
};

size_t rune_count(std::string_view s) { return code_point_starts(s).size(); }

std::string pad(std::string s, const Verb& v, bool numeric) {
  size_t n = rune_count(s);
  if (v.width < 0 || n >= size_t(v.width)) return s;
  size_t fill = size_t(v.width) - n;
  if (v.minus) return s + std::string(fill, ' ');
  if (v.zero && numeric) {
    size_t sign = !s.empty() && (s[0] == '-' || s[0] == '+' || s[0] == ' ') ? 1 : 0;
    return s.substr(0, sign) + std::string(fill, '0') + s.substr(sign);
  }
  return std::string(fill, ' ') + s;
}

std::string sign_prefix(double n, const Verb& v) {
  if (n < 0 || std::signbit(n)) return "-";
  if (v.plus) return "+";
  if (v.space) return " ";
  return "";
}

std::string format_integer(double n, const Verb& v) {
  double mag = std::fabs(n);
  std::string digits;
  switch (v.verb) {
    case 'd': digits = format_number(mag); break;
    case 'b': digits = fmt::format("{:b}", uint64_t(mag)); break;
    case 'o': digits = fmt::format("{}{:o}", v.sharp ? "0" : "", uint64_t(mag)); break;
    case 'x': digits = fmt::format("{}{:x}", v.sharp ? "0x" : "", uint64_t(mag)); break;
    case 'X': digits = fmt::format("{}{:X}", v.sharp ? "0X" : "", uint64_t(mag)); break;
  }
  return pad(sign_prefix(n, v) + digits, v, true);
}

// Go's %g without a precision: the shortest digits, in exponent form when
// the exponent is below -4 or at least 6 (strconv's and big.Float's rule).
std::string format_shortest_g(double mag, char verb) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, mag, std::chars_format::scientific);
  std::string sci(buf, end);
  int exp = std::atoi(sci.c_str() + sci.find('e') + 1);
  if (exp >= -4 && exp < 6) return format_number(mag);
  if (verb == 'G') sci[sci.find('e')] = 'E';
  return sci;
}

std::string format_float(double n, const Verb& v) {
  double mag = std::fabs(n);
  int prec = v.precision;
  std::string digits;
  switch (v.verb) {
    case 'f': digits = fmt::format("{:.{}f}", mag, prec < 0 ? 6 : prec); break;
    case 'e': digits = fmt::format("{:.{}e}", mag, prec < 0 ? 6 : prec); break;
    case 'E': digits = fmt::format("{:.{}E}", mag, prec < 0 ? 6 : prec); break;
    case 'g':
    case 'G':
      digits = prec < 0 ? format_shortest_g(mag, v.verb)
                        : fmt::format(fmt::runtime(v.verb == 'g' ? "{:.{}g}" : "{:.{}G}"), mag, prec);
      break;
  }
  return pad(sign_prefix(n, v) + digits, v, true);
}

std::optional<std::string> json_text(const Value& v) { return json_encode(v); }

// One verb applied to one argument; an error message when it cannot apply.
std::variant<std::string, std::string> apply_verb(const Verb& v, const Value& arg) {
  using R = std::variant<std::string, std::string>;
  auto fail = [&](const std::string& what) { return R(std::in_place_index<1>, what); };
  auto ok = [](std::string s) { return R(std::in_place_index<0>, std::move(s)); };
  switch (v.verb) {
    case 'v': {
      if (v.sharp || arg.is_tuple() || arg.is_object() || arg.is_null()) {
        if (arg.is_null() && !v.sharp) return fail("null value cannot be formatted");
        auto j = json_text(arg);
        return j ? ok(pad(*j, v, false)) : fail("value cannot be formatted");
      }
      return ok(pad(*string_of(arg), v, false));
    }
    case 't': {
      auto b = arg.is_null() ? std::nullopt : bool_of(arg);
      return b ? ok(*b ? "true" : "false") : fail("bool required");  // cty ignores the width here
    }
    case 'd': case 'b': case 'o': case 'x': case 'X': {
      auto n = number_arg(arg);
      if (!n) return fail("number required");
      if (*n != std::floor(*n)) return fail("integer required");
      return ok(format_integer(*n, v));
    }
    case 'e': case 'E': case 'f': case 'g': case 'G': {
      auto n = number_arg(arg);
      return n ? ok(format_float(*n, v)) : fail("number required");
    }
    case 's': case 'q': {
      auto s = string_arg(arg);
      if (!s) return fail(arg.is_null() ? "null value cannot be formatted" : "string required");
      if (v.precision >= 0) {
        auto starts = code_point_starts(*s);
        if (size_t(v.precision) < starts.size()) s = s->substr(0, starts[size_t(v.precision)]);
      }
      return ok(pad(v.verb == 'q' ? *json_encode(Value::string(*s)) : *s, v, false));
    }
  }
  return fail(std::string("unrecognized format character '") + v.verb + "'");
}

struct Parsed {
  Verb verb;
  int arg_index = -1;  // explicit %[n]
  size_t next = 0;
};

std::optional<Parsed> parse_verb(std::string_view f, size_t i) {
  Parsed p;
  for (; i < f.size(); ++i) {
    char c = f[i];
    if (c == '+') p.verb.plus = true;
    else if (c == '-') p.verb.minus = true;
    else if (c == '#') p.verb.sharp = true;
    else if (c == '0') p.verb.zero = true;
    else if (c == ' ') p.verb.space = true;
    else break;
  }
  auto digits = [&](int& out) {
    if (i >= f.size() || !std::isdigit(static_cast<unsigned char>(f[i]))) return;
    out = 0;
    while (i < f.size() && std::isdigit(static_cast<unsigned char>(f[i]))) out = out * 10 + (f[i++] - '0');
  };
  if (i < f.size() && f[i] == '[') {
    ++i;
    digits(p.arg_index);
    if (i >= f.size() || f[i] != ']') return std::nullopt;
    ++i;
  }
  digits(p.verb.width);
  if (i < f.size() && f[i] == '.') {
    ++i;
    p.verb.precision = 0;
    digits(p.verb.precision);
  }
  if (i >= f.size()) return std::nullopt;
  p.verb.verb = f[i];
  p.next = i + 1;
  return p;
}

// Formats `args` into a string, or into pieces when some are unknown.
Value format_values(const Call& c, std::string_view f, Args args) {
  std::vector<StringPiece> pieces(1);
  bool known = true;
  size_t next_arg = 0;
  bool used_all_check = true;
  for (size_t i = 0; i < f.size();) {
    if (f[i] != '%') {
      pieces.back().text += f[i++];
      continue;
    }
    if (i + 1 < f.size() && f[i + 1] == '%') {
      pieces.back().text += '%';
      i += 2;
      continue;
    }
    auto p = parse_verb(f, i + 1);
    if (!p) return c.fail("invalid format string starting at offset " + std::to_string(i));
    if (p->arg_index > 0) {
      next_arg = size_t(p->arg_index - 1);
      used_all_check = false;
    }
    if (next_arg >= args.size()) return c.fail("not enough arguments for \"%" + std::string(1, p->verb.verb) +
                                               "\" at " + std::to_string(i));
    const Value& arg = args[next_arg++];
    i = p->next;
    if (!arg.is_known()) {
      known = false;
      if (arg.pieces().empty()) pieces.push_back({.text = {}, .symbol = arg.symbol(), .unknown = true});
      for (const auto& piece : arg.pieces()) pieces.push_back(piece);
      pieces.push_back({});
      continue;
    }
    auto r = apply_verb(p->verb, arg);
    if (r.index() == 1)
      return c.fail("unsupported value for \"%" + std::string(1, p->verb.verb) + "\" at " +
                    std::to_string(i) + ": " + std::get<1>(r));
    pieces.back().text += std::get<0>(r);
  }
  if (used_all_check && next_arg < args.size()) return c.fail("too many arguments; no verbs left to use them");
  if (known) return Value::string(std::move(pieces[0].text), c.origin);
  std::erase_if(pieces, [](const StringPiece& p) { return !p.unknown && p.text.empty(); });
  return Value::unknown_string(std::move(pieces), c.origin);
}

Value fn_format(const Call& c) {
  if (!c.args[0].is_known()) return Value::unknown(c.origin);
  auto f = string_arg(c.args[0]);
  if (!f) return c.bad_arg(0, "string required");
  return format_values(c, *f, c.args.subspan(1));
}

Value fn_formatlist(const Call& c) {
  auto f = string_arg(c.args[0]);
  if (!f) return c.bad_arg(0, "string required");
  size_t n = SIZE_MAX;
  for (size_t i = 1; i < c.args.size(); ++i) {
    const Value& a = c.args[i];
    if (!a.is_tuple()) continue;
    if (n != SIZE_MAX && a.items().size() != n)
      return c.fail("argument " + std::to_string(i + 1) + " has length " + std::to_string(a.items().size()) +
                    ", which is inconsistent with argument 1 of length " + std::to_string(n));
    n = a.items().size();
  }
  if (n == SIZE_MAX) n = 1;
  std::vector<Value> out;
  for (size_t row = 0; row < n; ++row) {
    std::vector<Value> args;
    for (size_t i = 1; i < c.args.size(); ++i)
      args.push_back(c.args[i].is_tuple() ? c.args[i].items()[row] : c.args[i]);
    out.push_back(format_values(c, *f, args));
    if (out.back().is_error()) return out.back();
  }
  return Value::tuple(std::move(out), c.origin);
}

const FunctionDef kFunctions[] = {
    {"format", 1, -1, fn_format, false, true},
    {"formatlist", 1, -1, fn_formatlist},
};

}  // namespace

std::span<const FunctionDef> format_functions() { return kFunctions; }

}  // namespace ecslint::eval::functions
