// Terraform's implicit conversions between primitive values, shared by the
// operators (evaluator.cpp) and the function library (functions*.cpp).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

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

}  // namespace ecslint::eval
