// The function table and the checks every call shares: arity, error and
// unknown arguments, sensitivity. The functions themselves live in
// functions_<family>.cpp.
#include <algorithm>
#include <unordered_map>

#include "analyzer/eval/functions_impl.h"

namespace ecslint::eval {

namespace functions {

namespace {

// try: the first argument that evaluated without an error. An unknown one
// decides nothing yet, so the result is unknown (as Terraform's try).
Value fn_try(const Call& c) {
  for (const Value& v : c.args) {
    if (v.is_error()) continue;
    if (!v.is_wholly_known()) return unknown_like(v, c.origin);
    return v;
  }
  return c.fail("no expression succeeded");
}

Value fn_can(const Call& c) {
  const Value& v = c.args[0];
  if (v.is_error()) return Value::boolean(false, c.origin);
  if (!v.is_wholly_known()) return Value::unknown(c.origin);
  return Value::boolean(true, c.origin);
}

Value fn_sensitive(const Call& c) { return c.args[0].marked_sensitive(); }

Value unmark_deep(const Value& v);

Value fn_nonsensitive(const Call& c) { return unmark_deep(c.args[0]); }

Value fn_issensitive(const Call& c) {
  return Value::boolean(c.args[0].contains_sensitive(), c.origin);
}

Value unmark_deep(const Value& v) {
  if (v.is_tuple()) {
    std::vector<Value> items;
    for (const Value& item : v.items()) items.push_back(unmark_deep(item));
    return Value::tuple(std::move(items), v.origin());
  }
  if (v.is_object()) {
    std::vector<Member> members;
    for (const Member& m : v.members()) members.push_back({m.key, unmark_deep(m.value), m.key_origin});
    return Value::object(std::move(members), v.origin());
  }
  if (!v.sensitive()) return v;
  switch (v.kind()) {
    case ValueKind::Null: return Value::null(v.origin());
    case ValueKind::Bool: return Value::boolean(v.as_bool(), v.origin());
    case ValueKind::Number: return Value::number(v.as_number(), v.origin());
    case ValueKind::String: {
      Value s = Value::string(v.as_string(), v.origin());
      return v.encoded_from() ? s.with_encoded_from(*v.encoded_from()) : s;
    }
    default: return v.pieces().empty() ? Value::unknown(v.origin(), v.symbol())
                                       : Value::unknown_string(v.pieces(), v.origin());
  }
}

const FunctionDef kCoreFunctions[] = {
    {"try", 1, -1, fn_try, true, true, true},
    {"can", 1, 1, fn_can, true, true, true},
    {"sensitive", 1, 1, fn_sensitive, false, true, true},
    {"nonsensitive", 1, 1, fn_nonsensitive, false, true, true},
    {"issensitive", 1, 1, fn_issensitive, false, true, true},
};

using Table = std::unordered_map<std::string_view, const FunctionDef*>;

Table build_table() {
  Table table;
  for (auto family : {std::span<const FunctionDef>(kCoreFunctions), string_functions(), format_functions(),
                      collection_functions(),
                      encoding_functions(), file_functions(), network_functions(), numeric_functions()})
    for (const FunctionDef& def : family) table.emplace(def.name, &def);
  return table;
}

const FunctionDef* find(std::string_view name) {
  static const Table table = build_table();
  if (name.starts_with("core::")) name.remove_prefix(6);
  auto it = table.find(name);
  return it == table.end() ? nullptr : it->second;
}

}  // namespace

std::vector<Value> make_set(std::vector<Value> items) {
  bool mixed = std::any_of(items.begin(), items.end(), [&](const Value& v) { return v.kind() != items[0].kind(); });
  if (mixed)
    for (Value& v : items)
      if (auto s = string_of(v); s && !v.is_string()) v = Value::string(*s, v.origin());
  std::stable_sort(items.begin(), items.end(), [](const Value& a, const Value& b) {
    if (a.kind() != b.kind()) return a.kind() < b.kind();
    if (a.is_string()) return a.as_string() < b.as_string();
    if (a.is_number()) return a.as_number() < b.as_number();
    if (a.is_bool()) return a.as_bool() < b.as_bool();
    return false;
  });
  std::vector<Value> out;
  for (Value& v : items)
    if (out.empty() || !equal_values(out.back(), v)) out.push_back(std::move(v));
  return out;
}

std::vector<size_t> code_point_starts(std::string_view s) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
  return starts;
}

}  // namespace functions

bool is_supported_function(std::string_view name) { return functions::find(name) != nullptr; }

namespace {

Value arity_error(const functions::FunctionDef& def, size_t given, Origin origin) {
  bool too_few = int(given) < def.min_args;
  return Value::error(std::string(too_few ? "Not enough function arguments" : "Too many function arguments") +
                          ": function \"" + std::string(def.name) + "\" expects " +
                          std::to_string(too_few ? def.min_args : def.max_args) + " argument(s)",
                      origin);
}

}  // namespace

Value call_function(std::string_view name, std::span<const Value> args, const EvalContext& context, Origin origin) {
  const functions::FunctionDef* def = functions::find(name);
  if (!def) {
    if (const Value* err = first_error(args)) return *err;
    return carry_sensitivity(Value::unknown(origin), args);
  }
  if (int(args.size()) < def->min_args || (def->max_args >= 0 && int(args.size()) > def->max_args))
    return arity_error(*def, args.size(), origin);
  if (!def->sees_errors)
    if (const Value* err = first_error(args)) return *err;
  if (!def->sees_unknowns)
    for (const Value& a : args)
      if (!a.is_known()) return carry_sensitivity(Value::unknown(origin), args);
  Value result = def->fn(functions::Call{def->name, args, context, origin});
  if (!result.origin().known() && !result.is_error()) result = result.with_origin(origin);
  return def->own_marks || result.is_error() ? result : carry_sensitivity(std::move(result), args);
}

}  // namespace ecslint::eval
