// Values of Terraform expressions, as the evaluator computes them and the
// rules read them.
//
// Three things beyond plain data:
//  - Every value remembers where it came from (Origin), through jsonencode,
//    templatefile and file(), so a finding points at the line that wrote it.
//  - Unknown is a value, not an error: what cannot be known statically
//    (a provider-computed `.arn`, an unset variable) is Unknown, and rules
//    skip it. An unknown may still carry an identity (`symbol`, e.g.
//    "aws_secretsmanager_secret.app.arn"), and a string built from known text
//    and unknowns keeps its pieces, so "${aws_secretsmanager_secret.x.arn}:KEY::"
//    can still be checked.
//  - Sensitivity: values from `sensitive = true` variables are marked, and no
//    output ever prints them.
//
// Values are immutable; collections share their storage, so copies are cheap.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "grammar/source.h"

namespace ecslint::eval {

struct Origin {
  const SourceFile* file = nullptr;
  Range range;

  bool known() const { return file != nullptr; }
};

enum class ValueKind : uint8_t {
  Unknown,
  Null,
  Bool,
  Number,
  String,
  Tuple,   // lists, tuples and sets (sets are sorted and distinct)
  Object,  // objects and maps; members sorted by key as Terraform orders them
};

class Value;

struct Member;

// A piece of a partially known string: known text, or an unknown with an
// optional identity.
struct StringPiece {
  std::string text;    // when !unknown
  std::string symbol;  // when unknown: e.g. "aws_secretsmanager_secret.app.arn" (may be empty)
  bool unknown = false;
};

class Value {
 public:
  Value() = default;  // Unknown
  Value(const Value&) = default;
  Value(Value&&) noexcept = default;
  Value& operator=(Value&&) noexcept = default;
  // Copies before assigning: the source may live inside this value
  // (`v = *v.member("x")`), and the plain member-wise copy would free it midway.
  Value& operator=(const Value& other) {
    Value copy(other);
    return *this = std::move(copy);
  }

  static Value unknown(Origin origin = {}, std::string symbol = {});
  static Value unknown_string(std::vector<StringPiece> pieces, Origin origin = {});
  static Value null(Origin origin = {});
  static Value boolean(bool b, Origin origin = {});
  static Value number(double n, Origin origin = {});
  static Value string(std::string s, Origin origin = {});
  static Value tuple(std::vector<Value> items, Origin origin = {});
  // Members are sorted by key; a later duplicate key replaces an earlier one.
  static Value object(std::vector<Member> members, Origin origin = {});
  // What Terraform reports as an error on known values (element([], 0),
  // tonumber("x")): an Unknown that remembers why, so `try`/`can` and tests
  // can tell a failure from a value that is merely not known yet.
  static Value error(std::string message, Origin origin = {});

  ValueKind kind() const { return kind_; }
  bool is_error() const { return error_; }
  const std::string& error_message() const;  // empty unless is_error()
  bool is_known() const { return kind_ != ValueKind::Unknown; }
  bool is_null() const { return kind_ == ValueKind::Null; }
  bool is_string() const { return kind_ == ValueKind::String; }
  bool is_number() const { return kind_ == ValueKind::Number; }
  bool is_bool() const { return kind_ == ValueKind::Bool; }
  bool is_tuple() const { return kind_ == ValueKind::Tuple; }
  bool is_object() const { return kind_ == ValueKind::Object; }
  // Known all the way down (no unknown element or member anywhere).
  bool is_wholly_known() const;

  bool as_bool() const { return bool_; }
  double as_number() const { return number_; }
  const std::string& as_string() const;
  const std::vector<Value>& items() const;      // Tuple
  const std::vector<Member>& members() const;   // Object
  const Value* member(std::string_view key) const;  // Object: nullptr when absent

  // Unknown identity and partially known strings.
  const std::string& symbol() const { return symbol_; }
  const std::vector<StringPiece>& pieces() const;  // empty unless a partially known string

  const Origin& origin() const { return origin_; }
  Value with_origin(Origin origin) const;
  // A known object with a symbol stands for a resource instance: reading an
  // attribute it does not hold gives an Unknown named "<symbol>.<attr>".
  Value with_symbol(std::string symbol) const;

  bool sensitive() const { return sensitive_; }
  Value marked_sensitive() const;
  // Sensitive here or in any element or member (function results are
  // marked when any argument is, as Terraform unmarks arguments deeply).
  bool contains_sensitive() const;

  // When this string was produced by jsonencode/yamlencode, the value it
  // encodes (with its origins), so a rule can read the structure instead of
  // re-parsing text. nullptr otherwise.
  const Value* encoded_from() const { return encoded_from_.get(); }
  Value with_encoded_from(const Value& source) const;

  // Terraform's equality (==): kinds and contents; unknown compares unknown.
  friend bool equal_values(const Value& a, const Value& b);

 private:
  ValueKind kind_ = ValueKind::Unknown;
  bool bool_ = false;
  bool sensitive_ = false;
  bool error_ = false;  // the message lives in string_
  double number_ = 0;
  Origin origin_;
  std::string symbol_;
  std::shared_ptr<const std::string> string_;
  std::shared_ptr<const std::vector<Value>> items_;
  std::shared_ptr<const std::vector<Member>> members_;
  std::shared_ptr<const std::vector<StringPiece>> pieces_;
  std::shared_ptr<const Value> encoded_from_;
};

struct Member {
  std::string key;
  Value value;
  Origin key_origin;
};

bool equal_values(const Value& a, const Value& b);

// Terraform's type name for messages ("string", "number", "tuple", ...).
std::string_view kind_name(ValueKind kind);

// Number formatting as Terraform prints it (integers without a fraction,
// otherwise the shortest round-trip form).
std::string format_number(double n);

}  // namespace ecslint::eval
