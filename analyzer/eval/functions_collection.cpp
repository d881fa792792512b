// Collection functions and type conversions (Terraform's
// lang/funcs/collection.go, conversion.go and cty's stdlib). Lists, tuples
// and sets are all Tuple values; maps and objects are Object values.
#include <algorithm>
#include <cmath>

#include "analyzer/eval/functions_impl.h"

namespace ecslint::eval::functions {

namespace {

Value tuple_result(std::vector<Value> items, const Call& c) { return Value::tuple(std::move(items), c.origin); }

Value fn_concat(const Call& c) {
  std::vector<Value> out;
  for (size_t i = 0; i < c.args.size(); ++i) {
    const auto list = list_arg(c.args[i]);
    if (!list) return c.bad_arg(i, "all arguments must be lists or tuples");
    out.insert(out.end(), list->begin(), list->end());
  }
  return tuple_result(std::move(out), c);
}

Value fn_merge(const Call& c) {
  std::vector<Member> members;
  for (size_t i = 0; i < c.args.size(); ++i) {
    const Value& a = c.args[i];
    if (a.is_null()) continue;
    if (!a.is_object()) return c.bad_arg(i, "arguments must be maps or objects, got \"" +
                                                std::string(kind_name(a.kind())) + "\"");
    members.insert(members.end(), a.members().begin(), a.members().end());
  }
  return Value::object(std::move(members), c.origin);
}

Value fn_lookup(const Call& c) {
  const Value& map = c.args[0];
  if (!map.is_object()) return c.bad_arg(0, "map or object required");
  auto key = string_arg(c.args[1]);
  if (!key) return c.bad_arg(1, "string required");
  if (const Value* v = map.member(*key)) return *v;
  if (c.args.size() == 3) return c.args[2];
  return c.fail("lookup failed to find key \"" + *key + "\"");
}

Value fn_element(const Call& c) {
  const auto list = list_arg(c.args[0]);
  if (!list) return c.bad_arg(0, "list required");
  auto index = number_arg(c.args[1]);
  if (!index) return c.bad_arg(1, "number required");
  if (list->empty()) return c.fail("cannot use element function with an empty list");
  if (*index != std::floor(*index)) return c.bad_arg(1, "number must be an integer");
  // Terraform wraps with Go's remainder, which keeps the sign: -2 % 2 is
  // element 0, while -1 % 3 fails (a panic inside Terraform).
  int64_t i = int64_t(*index) % int64_t(list->size());
  if (i < 0) return c.fail("cannot use element function with a negative index");
  return (*list)[size_t(i)];
}

Value fn_length(const Call& c) {
  const Value& v = c.args[0];
  if (v.is_tuple()) return Value::number(double(v.items().size()), c.origin);
  if (v.is_object()) return Value::number(double(v.members().size()), c.origin);
  if (v.is_null()) return c.bad_arg(0, "argument must not be null");
  if (!v.is_string()) return c.bad_arg(0, "collection or structural type is required");
  return Value::number(double(code_point_starts(v.as_string()).size()), c.origin);
}

Value fn_keys(const Call& c) {
  if (!c.args[0].is_object()) return c.bad_arg(0, "must have map or object type");
  std::vector<Value> out;
  for (const Member& m : c.args[0].members()) out.push_back(Value::string(m.key.str(), m.key_origin));
  return tuple_result(std::move(out), c);
}

Value fn_values(const Call& c) {
  if (!c.args[0].is_object()) return c.bad_arg(0, "must have map or object type");
  std::vector<Value> out;
  for (const Member& m : c.args[0].members()) out.push_back(m.value);
  return tuple_result(std::move(out), c);
}

Value fn_contains(const Call& c) {
  const auto list = list_arg(c.args[0]);
  if (!list) return c.bad_arg(0, "list, tuple or set required");
  bool unknown = false;
  for (const Value& item : *list) {
    if (!item.is_wholly_known()) unknown = true;
    else if (equal_values(item, c.args[1])) return Value::boolean(true, c.origin);
  }
  return unknown ? Value::unknown(c.origin) : Value::boolean(false, c.origin);
}

Value fn_distinct(const Call& c) {
  const auto list = list_arg(c.args[0]);
  if (!list) return c.bad_arg(0, "list required");
  std::vector<Value> out;
  for (const Value& item : *list) {
    if (!item.is_wholly_known()) return Value::unknown(c.origin);
    if (std::none_of(out.begin(), out.end(), [&](const Value& v) { return equal_values(v, item); }))
      out.push_back(item);
  }
  return tuple_result(std::move(out), c);
}

bool flatten_into(const Value& v, std::vector<Value>& out) {
  for (const Value& item : v.items()) {
    if (!item.is_known()) return false;
    if (item.is_tuple()) {
      if (!flatten_into(item, out)) return false;
    } else {
      out.push_back(item);
    }
  }
  return true;
}

Value fn_flatten(const Call& c) {
  if (!c.args[0].is_tuple()) return c.bad_arg(0, "can only flatten lists, sets and tuples");
  std::vector<Value> out;
  if (!flatten_into(c.args[0], out)) return Value::unknown(c.origin);
  return tuple_result(std::move(out), c);
}

Value fn_zipmap(const Call& c) {
  const auto keys = list_arg(c.args[0]);
  const auto values = list_arg(c.args[1]);
  if (!keys) return c.bad_arg(0, "list of string required");
  if (!values) return c.bad_arg(1, "list or tuple required");
  if (keys->size() != values->size())
    return c.fail("number of keys (" + std::to_string(keys->size()) + ") does not match number of values (" +
                  std::to_string(values->size()) + ")");
  std::vector<Member> members;
  for (size_t i = 0; i < keys->size(); ++i) {
    if (!(*keys)[i].is_known()) return Value::unknown(c.origin);
    auto k = string_arg((*keys)[i]);
    if (!k) return c.bad_arg(0, "list of string required");
    members.push_back({Key::interned(*k), (*values)[i], (*keys)[i].origin()});
  }
  return Value::object(std::move(members), c.origin);
}

// coalesce: the first argument that is neither null nor "". Mixed
// primitives are compared as Terraform unifies them, as strings.
Value fn_coalesce(const Call& c) {
  bool any_string = std::any_of(c.args.begin(), c.args.end(), [](const Value& v) { return v.is_string(); });
  for (const Value& v : c.args) {
    if (!v.is_known()) return Value::unknown(c.origin);
    if (v.is_null() || (v.is_string() && v.as_string().empty())) continue;
    if (any_string && !v.is_string()) {
      auto s = string_of(v);
      if (!s) return c.fail("all arguments must have the same type");
      return Value::string(*s, v.origin());
    }
    return v;
  }
  return c.fail("no non-null, non-empty-string arguments");
}

Value fn_coalescelist(const Call& c) {
  for (size_t i = 0; i < c.args.size(); ++i) {
    const Value& v = c.args[i];
    if (!v.is_tuple()) return c.bad_arg(i, "list or tuple required");
    if (!v.items().empty()) return v;
  }
  return c.fail("no non-null arguments");
}

Value fn_tostring(const Call& c) {
  const Value& v = c.args[0];
  if (v.is_null()) return v;
  auto s = string_of(v);
  if (!s) return c.bad_arg(0, "cannot convert " + std::string(kind_name(v.kind())) + " to string");
  return Value::string(*s, v.origin());
}

Value fn_tonumber(const Call& c) {
  const Value& v = c.args[0];
  if (v.is_null()) return v;
  auto n = number_of(v);
  if (!n) return c.bad_arg(0, "cannot convert " + (v.is_string() ? "\"" + v.as_string() + "\"" :
                                                    std::string(kind_name(v.kind()))) + " to number");
  return Value::number(*n, v.origin());
}

Value fn_tobool(const Call& c) {
  const Value& v = c.args[0];
  if (v.is_null()) return v;
  auto b = bool_of(v);
  if (!b) return c.bad_arg(0, "cannot convert " + std::string(kind_name(v.kind())) + " to bool");
  return Value::boolean(*b, v.origin());
}

// A list's elements unified to one type: strings when primitives are mixed;
// nullopt when a structure is mixed with a primitive.
std::optional<std::vector<Value>> unify_elements(std::vector<Value> items) {
  auto structural = [](const Value& v) { return v.is_tuple() || v.is_object(); };
  auto primitive = [](const Value& v) { return v.is_string() || v.is_number() || v.is_bool(); };
  if (std::any_of(items.begin(), items.end(), structural) && std::any_of(items.begin(), items.end(), primitive))
    return std::nullopt;
  bool has_string = std::any_of(items.begin(), items.end(), [](const Value& v) { return v.is_string(); });
  bool has_other = std::any_of(items.begin(), items.end(),
                               [](const Value& v) { return v.is_number() || v.is_bool(); });
  if (!has_string || !has_other) return items;
  for (Value& v : items) {
    if (v.is_null() || v.is_string() || !v.is_known()) continue;
    auto s = string_of(v);
    if (!s) return std::nullopt;
    v = Value::string(*s, v.origin());
  }
  return items;
}

Value fn_tolist(const Call& c) {
  const Value& v = c.args[0];
  if (v.is_null()) return v;
  if (!v.is_tuple()) return c.bad_arg(0, "cannot convert " + std::string(kind_name(v.kind())) + " to list");
  auto items = unify_elements(to_vector(v.items()));
  if (!items) return c.bad_arg(0, "all list elements must have the same type");
  return Value::tuple(std::move(*items), v.origin());
}

Value fn_toset(const Call& c) {
  const Value& v = c.args[0];
  if (v.is_null()) return v;
  if (!v.is_tuple()) return c.bad_arg(0, "cannot convert " + std::string(kind_name(v.kind())) + " to set");
  if (!v.is_wholly_known()) return Value::unknown(c.origin);
  auto items = unify_elements(to_vector(v.items()));
  if (!items) return c.bad_arg(0, "all set elements must have the same type");
  return Value::tuple(make_set(std::move(*items)), v.origin());
}

Value fn_tomap(const Call& c) {
  const Value& v = c.args[0];
  if (v.is_null()) return v;
  if (!v.is_object()) return c.bad_arg(0, "cannot convert " + std::string(kind_name(v.kind())) + " to map");
  std::vector<Value> values;
  for (const Member& m : v.members()) values.push_back(m.value);
  auto unified = unify_elements(values);
  if (!unified) return c.bad_arg(0, "all map elements must have the same type");
  std::vector<Member> members = to_vector(v.members());
  for (size_t i = 0; i < members.size(); ++i) members[i].value = (*unified)[i];
  return Value::object(std::move(members), v.origin());
}

Value fn_reverse(const Call& c) {
  const auto list = list_arg(c.args[0]);
  if (!list) return c.bad_arg(0, "list or tuple required");
  return tuple_result(std::vector<Value>(list->rbegin(), list->rend()), c);
}

Value fn_sort(const Call& c) {
  const auto list = list_arg(c.args[0]);
  if (!list) return c.bad_arg(0, "list of string required");
  std::vector<Value> out;
  for (const Value& item : *list) {
    if (!item.is_known()) return Value::unknown(c.origin);
    auto s = string_arg(item);
    if (!s) return c.bad_arg(0, "list of string required");
    out.push_back(Value::string(*s, item.origin()));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Value& a, const Value& b) { return a.as_string() < b.as_string(); });
  return tuple_result(std::move(out), c);
}

Value fn_slice(const Call& c) {
  const auto list = list_arg(c.args[0]);
  if (!list) return c.bad_arg(0, "list required");
  auto start = integer_arg(c.args[1]);
  auto end = integer_arg(c.args[2]);
  if (!start || !end) return c.bad_arg(start ? 2 : 1, "a whole number is required");
  if (*start < 0) return c.bad_arg(1, "start index must not be less than zero");
  if (*end > int64_t(list->size())) return c.bad_arg(2, "end index must not be greater than the length of the list");
  if (*start > *end) return c.bad_arg(1, "start index must not be greater than end index");
  return tuple_result(std::vector<Value>(list->begin() + *start, list->begin() + *end), c);
}

Value fn_one(const Call& c) {
  const auto list = list_arg(c.args[0]);
  if (!list) return c.bad_arg(0, "must be a list, set, or tuple value with either zero or one elements");
  if (list->empty()) return Value::null(c.origin);
  if (list->size() == 1) return (*list)[0];
  return c.bad_arg(0, "must be a list, set, or tuple value with either zero or one elements");
}

Value fn_index(const Call& c) {
  const auto list = list_arg(c.args[0]);
  if (!list) return c.bad_arg(0, "list or tuple required");
  for (size_t i = 0; i < list->size(); ++i) {
    if (!(*list)[i].is_wholly_known()) return Value::unknown(c.origin);
    if (equal_values((*list)[i], c.args[1])) return Value::number(double(i), c.origin);
  }
  return c.fail("item not found");
}

Value fn_chunklist(const Call& c) {
  const auto list = list_arg(c.args[0]);
  if (!list) return c.bad_arg(0, "list required");
  auto size = integer_arg(c.args[1]);
  if (!size || *size < 0) return c.bad_arg(1, "the size argument must be positive");
  std::vector<Value> out;
  if (*size == 0) {
    out.push_back(Value::tuple(to_vector(*list), c.origin));
    return tuple_result(std::move(out), c);
  }
  for (size_t i = 0; i < list->size(); i += size_t(*size)) {
    size_t end = std::min(list->size(), i + size_t(*size));
    out.push_back(Value::tuple(std::vector<Value>(list->begin() + i, list->begin() + end), c.origin));
  }
  return tuple_result(std::move(out), c);
}

Value fn_compact(const Call& c) {
  const auto list = list_arg(c.args[0]);
  if (!list) return c.bad_arg(0, "list of string required");
  std::vector<Value> out;
  for (const Value& item : *list) {
    if (!item.is_known()) return Value::unknown(c.origin);
    if (item.is_null()) continue;
    auto s = string_of(item);
    if (!s) return c.bad_arg(0, "list of string required");
    if (!s->empty()) out.push_back(Value::string(*s, item.origin()));
  }
  return tuple_result(std::move(out), c);
}

// The set functions: every argument as a set, combined by `keep`.
template <int Mode>  // 0 union, 1 intersection, 2 subtract
Value set_op(const Call& c) {
  std::vector<std::vector<Value>> sets;
  for (size_t i = 0; i < c.args.size(); ++i) {
    if (!c.args[i].is_tuple()) return c.bad_arg(i, "set required");
    if (!c.args[i].is_wholly_known()) return Value::unknown(c.origin);
    sets.push_back(make_set(to_vector(c.args[i].items())));
  }
  auto in = [](const std::vector<Value>& set, const Value& v) {
    return std::any_of(set.begin(), set.end(), [&](const Value& x) { return equal_values(x, v); });
  };
  std::vector<Value> out;
  if (Mode == 0)
    for (const auto& s : sets) out.insert(out.end(), s.begin(), s.end());
  for (const Value& v : sets[0]) {
    if (Mode == 1 && std::all_of(sets.begin() + 1, sets.end(), [&](const auto& s) { return in(s, v); }))
      out.push_back(v);
    if (Mode == 2 && !in(sets[1], v)) out.push_back(v);
  }
  return tuple_result(make_set(std::move(out)), c);
}

template <bool All>
Value bool_fold(const Call& c) {
  const auto list = list_arg(c.args[0]);
  if (!list) return c.bad_arg(0, "list of bool required");
  bool unknown = false;
  for (const Value& item : *list) {
    if (!item.is_known()) {
      unknown = true;
      continue;
    }
    auto b = item.is_null() ? std::nullopt : bool_of(item);
    if (!b) return c.bad_arg(0, "list of bool required");
    if (*b != All) return Value::boolean(!All, c.origin);
  }
  return unknown ? Value::unknown(c.origin) : Value::boolean(All, c.origin);
}

Value fn_range(const Call& c) {
  std::vector<double> n;
  for (size_t i = 0; i < c.args.size(); ++i) {
    auto x = number_arg(c.args[i]);
    if (!x) return c.bad_arg(i, "number required");
    n.push_back(*x);
  }
  double start = n.size() == 1 ? 0 : n[0];
  double limit = n.size() == 1 ? n[0] : n[1];
  double step = n.size() == 3 ? n[2] : (start <= limit ? 1 : -1);
  if (step == 0) return c.fail("step must not be zero");
  if ((step > 0 && start > limit) || (step < 0 && start < limit))
    return c.fail(step > 0 ? "start must not be greater than limit for incrementing ranges"
                           : "start must not be less than limit for decrementing ranges");
  std::vector<Value> out;
  for (double v = start; step > 0 ? v < limit : v > limit; v += step) {
    if (out.size() >= 1024) return c.fail("more than 1024 values were generated; either decrease the difference "
                                          "between start and end or use a smaller step");
    out.push_back(Value::number(v, c.origin));
  }
  return tuple_result(std::move(out), c);
}

const FunctionDef kFunctions[] = {
    {"concat", 1, -1, fn_concat},
    {"merge", 0, -1, fn_merge},
    {"lookup", 2, 3, fn_lookup},
    {"element", 2, 2, fn_element},
    {"length", 1, 1, fn_length},
    {"keys", 1, 1, fn_keys},
    {"values", 1, 1, fn_values},
    {"contains", 2, 2, fn_contains},
    {"distinct", 1, 1, fn_distinct},
    {"flatten", 1, 1, fn_flatten},
    {"zipmap", 2, 2, fn_zipmap},
    {"coalesce", 1, -1, fn_coalesce, false, true},
    {"coalescelist", 1, -1, fn_coalescelist},
    {"tostring", 1, 1, fn_tostring},
    {"tonumber", 1, 1, fn_tonumber},
    {"tobool", 1, 1, fn_tobool},
    {"tolist", 1, 1, fn_tolist},
    {"toset", 1, 1, fn_toset},
    {"tomap", 1, 1, fn_tomap},
    {"reverse", 1, 1, fn_reverse},
    {"sort", 1, 1, fn_sort},
    {"slice", 3, 3, fn_slice},
    {"one", 1, 1, fn_one},
    {"index", 2, 2, fn_index},
    {"chunklist", 2, 2, fn_chunklist},
    {"compact", 1, 1, fn_compact},
    {"setunion", 1, -1, set_op<0>},
    {"setintersection", 1, -1, set_op<1>},
    {"setsubtract", 2, 2, set_op<2>},
    {"alltrue", 1, 1, bool_fold<true>},
    {"anytrue", 1, 1, bool_fold<false>},
    {"range", 1, 3, fn_range},
};

}  // namespace

std::span<const FunctionDef> collection_functions() { return kFunctions; }

}  // namespace ecslint::eval::functions
