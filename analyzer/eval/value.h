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

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
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

namespace detail {
// The header of the ref-counted, immutable payload a Value points to when it
// needs more than its inline number or flags; the payload kinds are in
// value.cpp.
struct Node {
  mutable std::atomic<uint32_t> refs{1};
  uint8_t type = 0;
  // Summaries of the elements or members, computed once when the payload is
  // built, so the deep questions do not walk the tree each time they are asked.
  bool any_unknown = false;
  bool any_sensitive = false;
  bool any_nonfinite = false;  // an infinite or NaN number, which JSON cannot hold
};
void destroy(const Node* node);
struct Decorated;
}  // namespace detail

// 32 bytes: the inline part (kind, flags, origin, and a number or one
// pointer) plus, when the kind needs it, one shared immutable payload:
// the string, the elements, the members, or, rarely, a decorated payload
// holding a symbol, pieces or an encoded_from beside the content. Copies
// bump an atomic count: rules on several threads copy values out of the
// shared model.
class Value {
 public:
  Value() = default;  // Unknown
  Value(const Value& other)
      : inline_(other.inline_), origin_(other.origin_), kind_(other.kind_), flags_(other.flags_) {
    retain();
  }
  Value(Value&& other) noexcept
      : inline_(other.inline_), origin_(other.origin_), kind_(other.kind_), flags_(other.flags_) {
    other.kind_ = ValueKind::Unknown;
    other.flags_ = 0;
    other.inline_.node = nullptr;
  }
  // Safe when the source lives inside this value (`v = *v.member("x")`):
  // the new payload is held before the old one is released.
  Value& operator=(const Value& other) {
    Value copy(other);
    return *this = std::move(copy);
  }
  Value& operator=(Value&& other) noexcept {
    if (this == &other) return *this;
    Value old(std::move(*this));
    inline_ = other.inline_;
    origin_ = other.origin_;
    kind_ = other.kind_;
    flags_ = other.flags_;
    other.kind_ = ValueKind::Unknown;
    other.flags_ = 0;
    other.inline_.node = nullptr;
    return *this;
  }
  ~Value() { release(); }

  static Value unknown(Origin origin = {}, std::string symbol = {});
  static Value unknown_string(std::vector<StringPiece> pieces, Origin origin = {});
  static Value null(Origin origin = {});
  static Value boolean(bool b, Origin origin = {});
  static Value number(double n, Origin origin = {});
  static Value string(std::string s, Origin origin = {});
  // A string whose text is made from `source` by `make` when first read
  // (as_string(), from any thread). For text that is often never read:
  // jsonencode's result, when what is read is its encoded_from().
  static Value lazy_string(Value source, std::string (*make)(const Value&), Origin origin = {});
  static Value tuple(std::vector<Value> items, Origin origin = {});
  // The same, moving the elements out of `items` (a caller's scratch).
  static Value tuple_of(std::span<Value> items, Origin origin = {});
  // Members are sorted by key; a later duplicate key replaces an earlier one.
  static Value object(std::vector<Member> members, Origin origin = {});
  // The same, moving the members out of `members` (which it reorders).
  static Value object_of(std::span<Member> members, Origin origin = {});
  // What Terraform reports as an error on known values (element([], 0),
  // tonumber("x")): an Unknown that remembers why, so `try`/`can` and tests
  // can tell a failure from a value that is merely not known yet.
  static Value error(std::string message, Origin origin = {});

  ValueKind kind() const { return kind_; }
  bool is_error() const { return flags_ & kError; }
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

  bool as_bool() const { return kind_ == ValueKind::Bool && (flags_ & kTrue); }
  double as_number() const;
  const std::string& as_string() const;
  std::span<const Value> items() const;     // Tuple
  std::span<const Member> members() const;  // Object
  const Value* member(std::string_view key) const;  // Object: nullptr when absent

  // Unknown identity and partially known strings.
  const std::string& symbol() const;
  const std::vector<StringPiece>& pieces() const;  // empty unless a partially known string

  const Origin& origin() const { return origin_; }
  Value with_origin(Origin origin) const {
    Value v = *this;
    v.origin_ = origin;
    return v;
  }
  // A known object with a symbol stands for a resource instance: reading an
  // attribute it does not hold gives an Unknown named "<symbol>.<attr>".
  Value with_symbol(std::string symbol) const;

  bool sensitive() const { return flags_ & kSensitive; }
  Value marked_sensitive() const {
    Value v = *this;
    v.flags_ |= kSensitive;
    return v;
  }
  // Sensitive here or in any element or member (function results are
  // marked when any argument is, as Terraform unmarks arguments deeply).
  bool contains_sensitive() const;
  // An infinite or NaN number here or anywhere inside.
  bool contains_nonfinite() const;

  // When this string was produced by jsonencode/yamlencode, the value it
  // encodes (with its origins), so a rule can read the structure instead of
  // re-parsing text. nullptr otherwise.
  const Value* encoded_from() const;
  Value with_encoded_from(const Value& source) const;

  // Terraform's equality (==): kinds and contents; unknown compares unknown.
  friend bool equal_values(const Value& a, const Value& b);

 private:
  enum Flag : uint8_t {
    kSensitive = 1,
    kError = 2,      // the message is the content's text
    kTrue = 4,       // a Bool's value
    kDecorated = 8,  // inline_.node is a decorated payload (symbol, pieces, encoded_from)
  };

  // Whether inline_.node (rather than inline_.number) is the live member.
  bool holds_node() const { return kind_ != ValueKind::Number || (flags_ & kDecorated); }
  // The payload holding the string, elements or members (looking through a decoration).
  const detail::Node* content() const;
  void retain() const {
    if (holds_node() && inline_.node) inline_.node->refs.fetch_add(1, std::memory_order_relaxed);
  }
  void release() {
    if (holds_node() && inline_.node && inline_.node->refs.fetch_sub(1, std::memory_order_acq_rel) == 1)
      detail::destroy(inline_.node);
  }
  // Replaces the payload by a decorated copy of it and returns that copy,
  // still private to this value, to fill in.
  detail::Decorated* decorate();

  // A trivially copyable union: copying it whole is defined whichever member is live.
  union Inline {
    const detail::Node* node;
    double number;
  };
  Inline inline_{.node = nullptr};
  Origin origin_;
  ValueKind kind_ = ValueKind::Unknown;
  uint8_t flags_ = 0;
};

// An object member's key: a view of text that lives as long as the values
// built with it are read. Nearly every key is written in a source
// (attribute and block names, bare-name object keys, JSON keys of a parsed
// file): a view of the source text or of the project's syntax trees, which
// a project keeps until its values are no longer read, costs no copy, no
// allocation and keeps a member at 64 bytes. A key made at evaluation time
// (a quoted or computed object key, a for expression's `k => v`, zipmap,
// jsondecode, whose scratch tree is freed on return) is copied once into the
// run's key store. There is no conversion from std::string: each maker
// says which of the two it is.
class Key {
 public:
  Key() = default;  // ""
  template <size_t N>
  Key(const char (&literal)[N]) : data_(literal), size_(N - 1) {}  // NOLINT: a literal is static
  // Text that lives as long as the values are read: a source file's, a
  // project's syntax tree's, static.
  static Key stable(std::string_view text) { return Key(text.data(), text.size()); }
  // Text that may not: copied into the key store, which keeps it to the end
  // of the process (each thread stores a text once).
  static Key interned(std::string_view text);

  operator std::string_view() const { return {data_, size_}; }  // NOLINT: reads as text
  std::string_view view() const { return {data_, size_}; }
  std::string str() const { return std::string(data_, size_); }
  const char* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  friend bool operator==(Key a, std::string_view b) { return a.view() == b; }

 private:
  Key(const char* data, size_t size) : data_(data), size_(size) {}
  const char* data_ = "";
  size_t size_ = 0;
};

struct Member {
  Key key;
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
