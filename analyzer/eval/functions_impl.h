// The function library's internal table: each functions_<family>.cpp
// defines its functions and exposes them as a span of FunctionDefs that
// functions.cpp gathers. A function body sees its arguments after the
// common checks (arity, errors, unknowns) unless its def says otherwise.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "analyzer/eval/convert.h"
#include "analyzer/eval/evaluator.h"

namespace ecslint::eval::functions {

using Args = std::span<const Value>;

struct Call {
  std::string_view name;
  Args args;
  const EvalContext& context;
  Origin origin;

  Value fail(const std::string& message) const {
    return Value::error("Call to function \"" + std::string(name) + "\" failed: " + message, origin);
  }
  Value bad_arg(size_t index, const std::string& message) const {
    return Value::error("Invalid value for argument " + std::to_string(index + 1) + " of \"" + std::string(name) +
                        "\": " + message, origin);
  }
};

using Function = Value (*)(const Call&);

struct FunctionDef {
  std::string_view name;
  int min_args;
  int max_args;  // -1: variadic
  Function fn;
  // Sees error arguments as values (try, can) instead of failing with them.
  bool sees_errors = false;
  // Sees top-level unknown arguments instead of returning Unknown for them.
  bool sees_unknowns = false;
  // Decides the result's sensitivity itself (sensitive, nonsensitive).
  bool own_marks = false;
};

std::span<const FunctionDef> string_functions();
std::span<const FunctionDef> format_functions();
std::span<const FunctionDef> collection_functions();
std::span<const FunctionDef> encoding_functions();
std::span<const FunctionDef> file_functions();
std::span<const FunctionDef> network_functions();
std::span<const FunctionDef> numeric_functions();

// Argument conversions; nullopt when the argument has no such conversion.
inline std::optional<std::string> string_arg(const Value& v) { return v.is_null() ? std::nullopt : string_of(v); }
inline std::optional<double> number_arg(const Value& v) { return v.is_null() ? std::nullopt : number_of(v); }
inline std::optional<int64_t> integer_arg(const Value& v) {
  auto n = number_arg(v);
  if (!n || *n != double(int64_t(*n))) return std::nullopt;
  return int64_t(*n);
}

// Elements of a list, tuple or set argument; nullopt otherwise.
inline std::optional<std::span<const Value>> list_arg(const Value& v) {
  if (!v.is_tuple()) return std::nullopt;
  return v.items();
}

// A copy of a tuple's elements or an object's members, to build a new one from.
template <typename T>
std::vector<T> to_vector(std::span<const T> items) {
  return std::vector<T>(items.begin(), items.end());
}

// Sorts and de-duplicates as a Terraform set: strings lexically, numbers by
// value, mixed primitives as strings.
std::vector<Value> make_set(std::vector<Value> items);

// Code points of a UTF-8 string, as byte offsets of their starts.
std::vector<size_t> code_point_starts(std::string_view s);

}  // namespace ecslint::eval::functions
