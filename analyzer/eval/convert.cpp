#include "analyzer/eval/convert.h"

#include <charconv>
#include <cmath>

#include "analyzer/eval/functions_impl.h"

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

// ---------------------------------------------------------------- type constraints

namespace {

std::optional<Value> convert_primitive(const Value& v, TypeKind kind) {
  switch (kind) {
    case TypeKind::String:
      if (v.is_string()) return v;
      if (auto s = string_of(v)) return carry_sensitivity(Value::string(*s, v.origin()), {&v, 1});
      return std::nullopt;
    case TypeKind::Number:
      if (v.is_number()) return v;
      if (auto n = number_of(v)) return carry_sensitivity(Value::number(*n, v.origin()), {&v, 1});
      return std::nullopt;
    case TypeKind::Bool: {
      if (v.is_bool()) return v;
      auto b = bool_of(v);
      // A variable's conversion also takes "1" and "0" (terraform console: TF_VAR_b=1 gives true).
      if (!b && v.is_string() && (v.as_string() == "1" || v.as_string() == "0")) b = v.as_string() == "1";
      if (b) return carry_sensitivity(Value::boolean(*b, v.origin()), {&v, 1});
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

std::optional<Value> convert_object(const Value& v, const TypeConstraint& type) {
  if (!v.is_object()) return std::nullopt;
  std::vector<Member> members;
  for (const TypeConstraint& attribute : type.elements) {
    const Value* given = v.member(attribute.name);
    Member m{Key::interned(attribute.name), Value::null(), {}};
    if (given && !(given->is_null() && attribute.optional)) {
      auto converted = convert_to_type(*given, attribute);
      if (!converted) return std::nullopt;
      m.value = std::move(*converted);
      for (const Member& original : v.members())
        if (original.key == attribute.name) m.key_origin = original.key_origin;
    } else if (attribute.optional) {
      // Terraform fills an absent (or null) optional attribute with its default.
      auto filled = attribute.default_value.is_null() ? std::optional<Value>(Value::null())
                                                      : convert_to_type(attribute.default_value, attribute);
      if (!filled) return std::nullopt;
      m.value = std::move(*filled);
    } else {
      return std::nullopt;  // a required attribute is missing
    }
    members.push_back(std::move(m));
  }
  return carry_sensitivity(Value::object(std::move(members), v.origin()), {&v, 1});
}

}  // namespace

std::optional<Value> convert_to_type(const Value& v, const TypeConstraint& type) {
  if (type.kind == TypeKind::Any || !v.is_known() || v.is_null()) return v;
  switch (type.kind) {
    case TypeKind::String:
    case TypeKind::Number:
    case TypeKind::Bool: return convert_primitive(v, type.kind);
    case TypeKind::List:
    case TypeKind::Set: {
      if (!v.is_tuple() || type.elements.size() != 1) return std::nullopt;
      std::vector<Value> items;
      for (const Value& item : v.items()) {
        auto converted = convert_to_type(item, type.elements[0]);
        if (!converted) return std::nullopt;
        items.push_back(std::move(*converted));
      }
      if (type.kind == TypeKind::Set && v.is_wholly_known()) items = functions::make_set(std::move(items));
      return carry_sensitivity(Value::tuple(std::move(items), v.origin()), {&v, 1});
    }
    case TypeKind::Map: {
      if (!v.is_object() || type.elements.size() != 1) return std::nullopt;
      std::vector<Member> members;
      for (const Member& m : v.members()) {
        auto converted = convert_to_type(m.value, type.elements[0]);
        if (!converted) return std::nullopt;
        members.push_back({m.key, std::move(*converted), m.key_origin});
      }
      return carry_sensitivity(Value::object(std::move(members), v.origin()), {&v, 1});
    }
    case TypeKind::Tuple: {
      if (!v.is_tuple() || v.items().size() != type.elements.size()) return std::nullopt;
      std::vector<Value> items;
      for (size_t i = 0; i < type.elements.size(); ++i) {
        auto converted = convert_to_type(v.items()[i], type.elements[i]);
        if (!converted) return std::nullopt;
        items.push_back(std::move(*converted));
      }
      return carry_sensitivity(Value::tuple(std::move(items), v.origin()), {&v, 1});
    }
    case TypeKind::Object: return convert_object(v, type);
    case TypeKind::Any: break;
  }
  return v;
}

std::string type_name(const TypeConstraint& type) {
  auto element = [&](std::string_view outer) {
    return std::string(outer) + "(" + (type.elements.empty() ? "any" : type_name(type.elements[0])) + ")";
  };
  switch (type.kind) {
    case TypeKind::Any: return "any";
    case TypeKind::String: return "string";
    case TypeKind::Number: return "number";
    case TypeKind::Bool: return "bool";
    case TypeKind::List: return element("list");
    case TypeKind::Set: return element("set");
    case TypeKind::Map: return element("map");
    case TypeKind::Tuple: return "tuple";
    case TypeKind::Object: return "object";
  }
  return "any";
}

}  // namespace ecslint::eval
