#include "analyzer/eval/convert.h"

#include <charconv>
#include <cmath>

namespace ecslint::eval {

std::optional<std::string> string_of(const Value& v) {
  switch (v.kind()) {
    case ValueKind::String: return v.as_string();
    case ValueKind::Number: return format_number(v.as_number());
    case ValueKind::Bool: return v.as_bool() ? "true" : "false";
    default: return std::nullopt;
  }
}

std::optional<double> parse_number(std::string_view text) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (!std::isfinite(n)) return std::nullopt;  // "inf", "nan" are not decimal numbers
  return n;
}

std::optional<double> number_of(const Value& v) {
  if (v.is_number()) return v.as_number();
  if (v.is_string()) return parse_number(v.as_string());
  return std::nullopt;
}

std::optional<bool> bool_of(const Value& v) {
  if (v.is_bool()) return v.as_bool();
  if (v.is_string() && v.as_string() == "true") return true;
  if (v.is_string() && v.as_string() == "false") return false;
  return std::nullopt;
}

const Value* first_error(std::span<const Value> values) {
  for (const Value& v : values)
    if (v.is_error()) return &v;
  return nullptr;
}

Value carry_sensitivity(Value result, std::span<const Value> inputs) {
  for (const Value& v : inputs)
    if (v.contains_sensitive()) return result.marked_sensitive();
  return result;
}

Value unknown_like(const Value& v, Origin origin) {
  if (v.is_error()) return v;
  Value u = v.pieces().empty() ? Value::unknown(origin, v.symbol()) : Value::unknown_string(v.pieces(), origin);
  return v.sensitive() ? u.marked_sensitive() : u;
}

std::string pieces_text(const Value& v) {
  if (v.is_known()) return string_of(v).value_or("");
  if (v.pieces().empty()) return "${" + (v.symbol().empty() ? std::string("?") : v.symbol()) + "}";
  std::string out;
  for (const auto& p : v.pieces())
    out += p.unknown ? "${" + (p.symbol.empty() ? std::string("?") : p.symbol) + "}" : p.text;
  return out;
}

}  // namespace ecslint::eval
