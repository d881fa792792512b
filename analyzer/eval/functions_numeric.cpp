// Numeric functions (cty's stdlib number.go, Terraform's lang/funcs/number.go).
#include <cmath>

#include "analyzer/eval/functions_impl.h"

namespace ecslint::eval::functions {

namespace {

template <double (*F)(double)>
Value unary(const Call& c) {
  auto n = number_arg(c.args[0]);
  if (!n) return c.bad_arg(0, "number required");
  return Value::number(F(*n), c.origin);
}

double signum(double n) { return n > 0 ? 1 : n < 0 ? -1 : 0; }
double abs_value(double n) { return std::fabs(n); }
double ceil_value(double n) { return std::ceil(n); }
double floor_value(double n) { return std::floor(n); }

template <bool Max>
Value extreme(const Call& c) {
  if (c.args.empty()) return c.fail("must pass at least one number");
  double best = 0;
  for (size_t i = 0; i < c.args.size(); ++i) {
    auto n = number_arg(c.args[i]);
    if (!n) return c.bad_arg(i, "number required");
    if (i == 0 || (Max ? *n > best : *n < best)) best = *n;
  }
  return Value::number(best, c.origin);
}

Value fn_sum(const Call& c) {
  const auto list = list_arg(c.args[0]);
  if (!list) return c.bad_arg(0, "cannot sum noniterable");
  if (list->empty()) return c.fail("cannot sum an empty list");
  double total = 0;
  for (const Value& item : *list) {
    if (!item.is_known()) return Value::unknown(c.origin);
    auto n = number_arg(item);
    if (!n) return c.fail(item.is_null() ? "argument must be list, set, or tuple of number values"
                                         : "argument must be list, set, or tuple of number values");
    total += *n;
  }
  return Value::number(total, c.origin);
}

Value fn_pow(const Call& c) {
  auto a = number_arg(c.args[0]);
  auto b = number_arg(c.args[1]);
  if (!a || !b) return c.bad_arg(a ? 1 : 0, "number required");
  return Value::number(std::pow(*a, *b), c.origin);
}

Value fn_log(const Call& c) {
  auto a = number_arg(c.args[0]);
  auto b = number_arg(c.args[1]);
  if (!a || !b) return c.bad_arg(a ? 1 : 0, "number required");
  return Value::number(std::log(*a) / std::log(*b), c.origin);
}

Value fn_parseint(const Call& c) {
  auto s = string_arg(c.args[0]);
  auto base = integer_arg(c.args[1]);
  if (!s || !c.args[0].is_string()) return c.bad_arg(0, "string required");
  if (!base || *base < 2 || *base > 62) return c.bad_arg(1, "base must be a whole number between 2 and 62");
  std::string_view text = *s;
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  if (text.empty()) return c.fail("cannot parse \"" + *s + "\" as a base " + std::to_string(*base) + " integer");
  double value = 0;
  for (char ch : text) {
    int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'z' ? ch - 'a' + 10
          : ch >= 'A' && ch <= 'Z' ? ch - 'A' + (*base <= 36 ? 10 : 36) : 99;
    if (d >= *base) return c.fail("cannot parse \"" + *s + "\" as a base " + std::to_string(*base) + " integer");
    value = value * double(*base) + d;
  }
  return Value::number(negative ? -value : value, c.origin);
}

const FunctionDef kFunctions[] = {
    {"abs", 1, 1, unary<abs_value>},
    {"ceil", 1, 1, unary<ceil_value>},
    {"floor", 1, 1, unary<floor_value>},
    {"signum", 1, 1, unary<signum>},
    {"min", 0, -1, extreme<false>},
    {"max", 0, -1, extreme<true>},
    {"sum", 1, 1, fn_sum},
    {"pow", 2, 2, fn_pow},
    {"log", 2, 2, fn_log},
    {"parseint", 2, 2, fn_parseint},
};

}  // namespace

std::span<const FunctionDef> numeric_functions() { return kFunctions; }

}  // namespace ecslint::eval::functions
