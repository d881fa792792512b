// Terraform's implicit conversions between primitive values, shared by the
// operators (evaluator.cpp) and the function library (functions*.cpp).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/eval/value.h"

namespace ecslint::eval {

// string, number ("5" → 5) and bool ("true") as Terraform converts them;
// nullopt when the value has no such conversion (null, collections, "x").
std::optional<std::string> string_of(const Value& v);
std::optional<double> number_of(const Value& v);
std::optional<bool> bool_of(const Value& v);

// Parses a decimal number as Terraform reads one from a string.
std::optional<double> parse_number(std::string_view text);

// The first error among `values`, or nullptr.
const Value* first_error(std::span<const Value> values);

// Marks `result` sensitive when any of `inputs` holds a sensitive value.
Value carry_sensitivity(Value result, std::span<const Value> inputs);

// The string of an Unknown that stands for `v`: keeps its symbol, pieces
// and sensitivity; an error stays an error.
Value unknown_like(const Value& v, Origin origin);

// Text of a partially known string: known pieces verbatim, each unknown as
// "${symbol}" (or "${?}"), for messages and tests.
std::string pieces_text(const Value& v);

// ---------------------------------------------------------------- type constraints

enum class TypeKind : uint8_t { Any, String, Number, Bool, List, Set, Map, Tuple, Object };

// A variable's `type` as Terraform reads it: list(string), map(number),
// object({ port = optional(number, 80) }), any.
struct TypeConstraint {
  TypeKind kind = TypeKind::Any;
  // List/Set/Map: the element type; Tuple: each element; Object: each attribute.
  std::vector<TypeConstraint> elements;
  // When this is an object attribute: its name, whether optional(), and the
  // default optional() gives (null when none).
  std::string name;
  bool optional = false;
  Value default_value = Value::null();
};

// `v` converted to `type` as Terraform converts a variable's value ("8080"
// to number 8080, "true" to bool, a tuple to list(string), missing optional
// object attributes filled with their defaults). nullopt when the value does
// not convert; unknown parts stay unknown.
std::optional<Value> convert_to_type(const Value& v, const TypeConstraint& type);

// "number", "list(string)", for messages.
std::string type_name(const TypeConstraint& type);

}  // namespace ecslint::eval
