// A small JSON Schema validator for tests (draft-04/07 keywords the SARIF
// 2.1.0 schema uses). Header-only; not part of the analyzer library.
//
// Covered: $ref (local JSON pointers: "#", "#/definitions/x"), type, enum,
// const, minimum/maximum (+ exclusive*, draft-04 boolean and draft-06 number
// forms), minLength/maxLength, pattern, format (uri strict: a scheme is
// required; uri-reference lenient; date-time), items (schema or tuple) and
// additionalItems, minItems/maxItems, uniqueItems, properties,
// patternProperties, additionalProperties, required, min/maxProperties,
// allOf/anyOf/oneOf/not. Annotations (description, default, title, ...) are
// ignored; any other keyword is reported as unsupported rather than skipped,
// so a schema using more than this cannot pass by accident.
#pragma once

#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace ecslint::testing {

class JsonSchemaValidator {
 public:
  using json = nlohmann::json;

  explicit JsonSchemaValidator(json schema) : root_(std::move(schema)) {}

  // Every violation as "<json pointer>: <what>"; empty when valid.
  std::vector<std::string> validate(const json& instance) const {
    std::vector<std::string> errors;
    check(root_, instance, "", errors);
    return errors;
  }

 private:
  static std::string escape_pointer(const std::string& key) {
    std::string out;
    for (char c : key) {
      if (c == '~') out += "~0";
      else if (c == '/') out += "~1";
      else out += c;
    }
    return out;
  }

  const json* resolve(const std::string& ref) const {
    if (ref == "#") return &root_;
    if (!ref.starts_with("#/")) return nullptr;
    try {
      return &root_.at(json::json_pointer(ref.substr(1)));
    } catch (const json::exception&) {
      return nullptr;
    }
  }

  static bool has_type(const json& v, const std::string& type) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "boolean") return v.is_boolean();
    if (type == "null") return v.is_null();
    if (type == "number") return v.is_number();
    if (type == "integer") {
      if (v.is_number_integer()) return true;
      if (v.is_number_float()) {
        double d = v.get<double>();
        return d == static_cast<double>(static_cast<long long>(d));
      }
      return false;
    }
    return false;
  }

  static size_t code_points(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s)
      if ((c & 0xC0) != 0x80) ++n;
    return n;
  }

  static bool matches_format(const std::string& format, const std::string& s) {
    static const std::regex uri(R"(^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]*$)");
    static const std::regex date_time(
        R"(^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+\-]\d{2}:\d{2})$)");
    if (format == "uri") return std::regex_match(s, uri);
    if (format == "uri-reference") {
      for (unsigned char c : s)
        if (c <= 0x20 || c == 0x7F || c == '\\' || c == '"' || c == '<' || c == '>') return false;
      return true;
    }
    if (format == "date-time") return std::regex_match(s, date_time);
    return true;  // unknown formats are annotations
  }

  void check(const json& schema, const json& v, const std::string& at, std::vector<std::string>& errors) const {
    auto fail = [&](const std::string& what) { errors.push_back((at.empty() ? "/" : at) + ": " + what); };
    if (schema.is_boolean()) {
      if (!schema.get<bool>()) fail("false schema");
      return;
    }
    if (!schema.is_object()) {
      fail("schema is not an object");
      return;
    }
    if (auto ref = schema.find("$ref"); ref != schema.end()) {
      // Draft-04/07: $ref replaces the rest of the schema object.
      const json* target = resolve(ref->get<std::string>());
      if (!target) fail("unresolvable $ref " + ref->get<std::string>());
      else check(*target, v, at, errors);
      return;
    }
    static const std::set<std::string> annotations = {"$schema", "id", "$id", "title", "description", "default",
                                                      "definitions", "examples", "$comment", "deprecated"};
    static const std::set<std::string> supported = {
        "type", "enum", "const", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
        "maxLength", "pattern", "format", "items", "additionalItems", "minItems", "maxItems", "uniqueItems",
        "properties", "patternProperties", "additionalProperties", "required", "minProperties", "maxProperties",
        "allOf", "anyOf", "oneOf", "not"};
    for (const auto& [key, value] : schema.items())
      if (!annotations.contains(key) && !supported.contains(key)) fail("unsupported schema keyword " + key);

    if (auto t = schema.find("type"); t != schema.end()) {
      bool ok = false;
      if (t->is_string()) ok = has_type(v, t->get<std::string>());
      else
        for (const json& one : *t) ok = ok || has_type(v, one.get<std::string>());
      if (!ok) {
        fail("expected type " + t->dump() + ", got " + v.type_name());
        return;  // the other keywords would only repeat the mismatch
      }
    }
    if (auto e = schema.find("enum"); e != schema.end()) {
      bool ok = false;
      for (const json& one : *e) ok = ok || one == v;
      if (!ok) fail("value " + v.dump() + " not in enum " + e->dump());
    }
    if (auto c = schema.find("const"); c != schema.end() && *c != v) fail("value " + v.dump() + " is not " + c->dump());

    if (v.is_number()) {
      double x = v.get<double>();
      bool exclusive_min_flag = schema.value("exclusiveMinimum", json(false)).is_boolean() &&
                                schema.value("exclusiveMinimum", json(false)).get<bool>();
      bool exclusive_max_flag = schema.value("exclusiveMaximum", json(false)).is_boolean() &&
                                schema.value("exclusiveMaximum", json(false)).get<bool>();
      if (auto m = schema.find("minimum"); m != schema.end()) {
        double lo = m->get<double>();
        if (exclusive_min_flag ? !(x > lo) : !(x >= lo)) fail("value " + v.dump() + " below minimum " + m->dump());
      }
      if (auto m = schema.find("maximum"); m != schema.end()) {
        double hi = m->get<double>();
        if (exclusive_max_flag ? !(x < hi) : !(x <= hi)) fail("value " + v.dump() + " above maximum " + m->dump());
      }
      if (auto m = schema.find("exclusiveMinimum"); m != schema.end() && m->is_number() && !(x > m->get<double>()))
        fail("value " + v.dump() + " not above " + m->dump());
      if (auto m = schema.find("exclusiveMaximum"); m != schema.end() && m->is_number() && !(x < m->get<double>()))
        fail("value " + v.dump() + " not below " + m->dump());
    }

    if (v.is_string()) {
      const std::string& s = v.get_ref<const std::string&>();
      if (auto m = schema.find("minLength"); m != schema.end() && code_points(s) < m->get<size_t>())
        fail("string shorter than " + m->dump());
      if (auto m = schema.find("maxLength"); m != schema.end() && code_points(s) > m->get<size_t>())
        fail("string longer than " + m->dump());
      if (auto p = schema.find("pattern");
          p != schema.end() && !std::regex_search(s, std::regex(p->get<std::string>())))
        fail("string " + v.dump() + " does not match pattern " + p->dump());
      if (auto f = schema.find("format"); f != schema.end() && !matches_format(f->get<std::string>(), s))
        fail("string " + v.dump() + " is not a valid " + f->get<std::string>());
    }

    if (v.is_array()) {
      if (auto m = schema.find("minItems"); m != schema.end() && v.size() < m->get<size_t>())
        fail("array has fewer than " + m->dump() + " items");
      if (auto m = schema.find("maxItems"); m != schema.end() && v.size() > m->get<size_t>())
        fail("array has more than " + m->dump() + " items");
      if (auto u = schema.find("uniqueItems"); u != schema.end() && u->get<bool>()) {
        for (size_t i = 0; i < v.size(); ++i)
          for (size_t j = i + 1; j < v.size(); ++j)
            if (v[i] == v[j]) fail("items " + std::to_string(i) + " and " + std::to_string(j) + " are equal");
      }
      if (auto items = schema.find("items"); items != schema.end()) {
        if (items->is_array()) {
          for (size_t i = 0; i < v.size(); ++i) {
            std::string where = at + "/" + std::to_string(i);
            if (i < items->size()) check((*items)[i], v[i], where, errors);
            else if (auto extra = schema.find("additionalItems"); extra != schema.end())
              check(*extra, v[i], where, errors);
          }
        } else {
          for (size_t i = 0; i < v.size(); ++i) check(*items, v[i], at + "/" + std::to_string(i), errors);
        }
      }
    }

    if (v.is_object()) {
      if (auto r = schema.find("required"); r != schema.end())
        for (const json& name : *r)
          if (!v.contains(name.get<std::string>())) fail("missing required property " + name.dump());
      if (auto m = schema.find("minProperties"); m != schema.end() && v.size() < m->get<size_t>())
        fail("object has fewer than " + m->dump() + " properties");
      if (auto m = schema.find("maxProperties"); m != schema.end() && v.size() > m->get<size_t>())
        fail("object has more than " + m->dump() + " properties");
      const json* properties = schema.contains("properties") ? &schema["properties"] : nullptr;
      const json* patterns = schema.contains("patternProperties") ? &schema["patternProperties"] : nullptr;
      const json* additional = schema.contains("additionalProperties") ? &schema["additionalProperties"] : nullptr;
      for (const auto& [key, value] : v.items()) {
        std::string where = at + "/" + escape_pointer(key);
        bool matched = false;
        if (properties && properties->contains(key)) {
          matched = true;
          check((*properties)[key], value, where, errors);
        }
        if (patterns) {
          for (const auto& [pattern, sub] : patterns->items()) {
            if (std::regex_search(key, std::regex(pattern))) {
              matched = true;
              check(sub, value, where, errors);
            }
          }
        }
        if (!matched && additional) {
          if (additional->is_boolean()) {
            if (!additional->get<bool>()) errors.push_back(where + ": additional property not allowed");
          } else {
            check(*additional, value, where, errors);
          }
        }
      }
    }

    auto passes = [&](const json& sub) {
      std::vector<std::string> scratch;
      check(sub, v, at, scratch);
      return scratch.empty();
    };
    if (auto all = schema.find("allOf"); all != schema.end())
      for (const json& sub : *all) check(sub, v, at, errors);
    if (auto any = schema.find("anyOf"); any != schema.end()) {
      bool ok = false;
      for (const json& sub : *any) ok = ok || passes(sub);
      if (!ok) fail("matches none of anyOf");
    }
    if (auto one = schema.find("oneOf"); one != schema.end()) {
      size_t n = 0;
      for (const json& sub : *one) n += passes(sub) ? 1 : 0;
      if (n != 1) fail("matches " + std::to_string(n) + " of oneOf, want exactly 1");
    }
    if (auto no = schema.find("not"); no != schema.end() && passes(*no)) fail("matches the schema under not");
  }

  json root_;
};

}  // namespace ecslint::testing
