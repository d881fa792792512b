#include "analyzer/eval/value.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace ecslint::eval {

namespace {

const std::string kEmptyString;
const std::vector<Value> kNoItems;
const std::vector<Member> kNoMembers;
const std::vector<StringPiece> kNoPieces;

}  // namespace

Value Value::unknown(Origin origin, std::string symbol) {
  Value v;
  v.origin_ = origin;
  v.symbol_ = std::move(symbol);
  return v;
}

Value Value::unknown_string(std::vector<StringPiece> pieces, Origin origin) {
  Value v;
  v.origin_ = origin;
  v.pieces_ = std::make_shared<const std::vector<StringPiece>>(std::move(pieces));
  return v;
}

Value Value::error(std::string message, Origin origin) {
  Value v;
  v.origin_ = origin;
  v.error_ = true;
  v.string_ = std::make_shared<const std::string>(std::move(message));
  return v;
}

Value Value::null(Origin origin) {
  Value v;
  v.kind_ = ValueKind::Null;
  v.origin_ = origin;
  return v;
}

Value Value::boolean(bool b, Origin origin) {
  Value v;
  v.kind_ = ValueKind::Bool;
  v.bool_ = b;
  v.origin_ = origin;
  return v;
}

Value Value::number(double n, Origin origin) {
  Value v;
  v.kind_ = ValueKind::Number;
  v.number_ = n;
  v.origin_ = origin;
  return v;
}

Value Value::string(std::string s, Origin origin) {
  Value v;
  v.kind_ = ValueKind::String;
  v.string_ = std::make_shared<const std::string>(std::move(s));
  v.origin_ = origin;
  return v;
}

Value Value::tuple(std::vector<Value> items, Origin origin) {
  Value v;
  v.kind_ = ValueKind::Tuple;
  v.items_ = std::make_shared<const std::vector<Value>>(std::move(items));
  v.origin_ = origin;
  return v;
}

Value Value::object(std::vector<Member> members, Origin origin) {
  // Stable, so among equal keys source order survives and the last one wins.
  std::stable_sort(members.begin(), members.end(),
                   [](const Member& a, const Member& b) { return a.key < b.key; });
  std::vector<Member> unique;
  unique.reserve(members.size());
  for (auto& m : members) {
    if (!unique.empty() && unique.back().key == m.key)
      unique.back() = std::move(m);
    else
      unique.push_back(std::move(m));
  }
  Value v;
  v.kind_ = ValueKind::Object;
  v.members_ = std::make_shared<const std::vector<Member>>(std::move(unique));
  v.origin_ = origin;
  return v;
}

bool Value::is_wholly_known() const {
  switch (kind_) {
    case ValueKind::Unknown: return false;
    case ValueKind::Tuple:
      return std::all_of(items().begin(), items().end(), [](const Value& v) { return v.is_wholly_known(); });
    case ValueKind::Object:
      return std::all_of(members().begin(), members().end(),
                         [](const Member& m) { return m.value.is_wholly_known(); });
    default: return true;
  }
}

bool Value::contains_sensitive() const {
  if (sensitive_) return true;
  if (kind_ == ValueKind::Tuple)
    return std::any_of(items().begin(), items().end(), [](const Value& v) { return v.contains_sensitive(); });
  if (kind_ == ValueKind::Object)
    return std::any_of(members().begin(), members().end(),
                       [](const Member& m) { return m.value.contains_sensitive(); });
  return false;
}

const std::string& Value::as_string() const {
  return kind_ == ValueKind::String && string_ ? *string_ : kEmptyString;
}

const std::string& Value::error_message() const { return error_ && string_ ? *string_ : kEmptyString; }

const std::vector<Value>& Value::items() const { return items_ ? *items_ : kNoItems; }

const std::vector<Member>& Value::members() const { return members_ ? *members_ : kNoMembers; }

const Value* Value::member(std::string_view key) const {
  const auto& ms = members();
  auto it = std::lower_bound(ms.begin(), ms.end(), key,
                             [](const Member& m, std::string_view k) { return m.key < k; });
  return it != ms.end() && it->key == key ? &it->value : nullptr;
}

const std::vector<StringPiece>& Value::pieces() const { return pieces_ ? *pieces_ : kNoPieces; }

Value Value::with_origin(Origin origin) const {
  Value v = *this;
  v.origin_ = origin;
  return v;
}

Value Value::marked_sensitive() const {
  Value v = *this;
  v.sensitive_ = true;
  return v;
}

Value Value::with_encoded_from(const Value& source) const {
  Value v = *this;
  v.encoded_from_ = std::make_shared<const Value>(source);
  return v;
}

bool equal_values(const Value& a, const Value& b) {
  if (a.kind() != b.kind() || !a.is_known()) return false;
  switch (a.kind()) {
    case ValueKind::Unknown: return false;
    case ValueKind::Null: return true;
    case ValueKind::Bool: return a.as_bool() == b.as_bool();
    case ValueKind::Number: return a.as_number() == b.as_number();
    case ValueKind::String: return a.as_string() == b.as_string();
    case ValueKind::Tuple:
      return std::equal(a.items().begin(), a.items().end(), b.items().begin(), b.items().end(), equal_values);
    case ValueKind::Object:
      return std::equal(a.members().begin(), a.members().end(), b.members().begin(), b.members().end(),
                        [](const Member& x, const Member& y) {
                          return x.key == y.key && equal_values(x.value, y.value);
                        });
  }
  return false;
}

std::string_view kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::Unknown: return "unknown";
    case ValueKind::Null: return "null";
    case ValueKind::Bool: return "bool";
    case ValueKind::Number: return "number";
    case ValueKind::String: return "string";
    case ValueKind::Tuple: return "tuple";
    case ValueKind::Object: return "object";
  }
  return "unknown";
}

namespace {

std::string fixed_shortest(double n) {
  char buf[400];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n, std::chars_format::fixed);
  return ec == std::errc() ? std::string(buf, end) : std::string("0");
}

}  // namespace

std::string format_number(double n) {
  if (std::isnan(n)) return "NaN";
  if (std::isinf(n)) return n > 0 ? "+Inf" : "-Inf";
  if (n == 0) return std::signbit(n) ? "-0" : "0";
  // Shortest round-trip digits, never in exponent form, as cty's
  // big.Float Text('f', -1) prints them.
  if (n == std::trunc(n)) return fixed_shortest(n);
  // Terraform computes in 512-bit decimal-friendly floats, where 0.1 + 0.2
  // is 0.3; a double's artefacts sit in the 16th and 17th digit, so a
  // 15-digit form that lies within a few ulps is the number meant.
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n, std::chars_format::general, 15);
  double rounded = 0;
  if (ec == std::errc() && std::from_chars(buf, end, rounded).ec == std::errc() &&
      std::fabs(rounded - n) <= 4 * std::fabs(std::nextafter(n, 0.0) - n))
    return fixed_shortest(rounded);
  return fixed_shortest(n);
}

Value Value::with_symbol(std::string symbol) const {
  Value v = *this;
  v.symbol_ = std::move(symbol);
  return v;
}

}  // namespace ecslint::eval
