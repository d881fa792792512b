// Terraform JSON syntax (.tf.json) read as the native-syntax body it stands
// for, so that declarations, count/for_each, dynamic blocks and body
// evaluation have one tree shape to walk.
//
// Terraform decides per property whether a JSON object is an attribute value
// or a nested block from the provider's schema, which ecslint does not have.
// The translation is schema-light: a property is a nested block when its
// name is one of the nested block types of the resources the rules read
// (kNestedBlockTypes) and its value is an object or an array of objects;
// anything else is an attribute. Ranges stay exact: an attribute's name is
// the JSON key, a block's range is its object, so findings point into the
// .tf.json file.
#include "analyzer/terraform/json_body.h"

#include <algorithm>
#include <array>

namespace ecslint::tf {

namespace {

// Nested block types of the AWS resources ecslint's rules and model read,
// plus Terraform's own meta blocks. Sorted (binary search). A name missing
// here turns a JSON block into an object attribute, so a rule reading it
// would see an object where it expects a tuple of objects: add the block
// type here when a rule starts reading a new one.
constexpr auto kNestedBlockTypes = std::to_array<std::string_view>({
    "alarms",
    "authorization_config",
    "capacity_provider_strategy",
    "cookies",
    "cookies_config",
    "custom_error_response",
    "custom_header",
    "custom_origin_config",
    "default_cache_behavior",
    "deployment_circuit_breaker",
    "deployment_controller",
    "docker_volume_configuration",
    "efs_volume_configuration",
    "egress",
    "ephemeral_storage",
    "forwarded_values",
    "function_association",
    "geo_restriction",
    "headers",
    "headers_config",
    "ingress",
    "lambda_function_association",
    "lifecycle",
    "lifecycle_policy",
    "load_balancer",
    "logging_config",
    "network_configuration",
    "ordered_cache_behavior",
    "ordered_placement_strategy",
    "origin",
    "origin_group",
    "origin_shield",
    "parameters_in_cache_key_and_forwarded_to_origin",
    "placement_constraints",
    "proxy_configuration",
    "query_strings",
    "query_strings_config",
    "restrictions",
    "runtime_platform",
    "s3_origin_config",
    "service_connect_configuration",
    "service_registries",
    "timeouts",
    "viewer_certificate",
    "volume",
});
static_assert(std::is_sorted(kNestedBlockTypes.begin(), kNestedBlockTypes.end()));

bool is_nested_block_type(std::string_view name) {
  return std::binary_search(kNestedBlockTypes.begin(), kNestedBlockTypes.end(), name);
}

bool is_comment_key(std::string_view key) { return key == "//"; }

const ast::LiteralExpr* as_string(const ast::Expr* e) {
  const auto* lit = ast::as<ast::LiteralExpr>(e);
  return lit && lit->value.type == ast::LiteralType::String ? lit : nullptr;
}

std::string_view key_text(const ast::ObjectItem& item) {
  const ast::LiteralExpr* key = as_string(item.key);
  return key ? key->value.text : std::string_view();
}

// Calls `fn` with the object `e`, or with each object of the array `e`
// (HCL JSON allows either wherever a block may appear).
template <typename Fn>
void for_each_object(const ast::Expr* e, Fn&& fn) {
  if (const auto* object = ast::as<ast::ObjectExpr>(e)) {
    fn(*object);
  } else if (const auto* tuple = ast::as<ast::TupleExpr>(e)) {
    for (const ast::Expr* item : tuple->items)
      if (const auto* object = ast::as<ast::ObjectExpr>(item)) fn(*object);
  }
}

bool is_object_or_objects(const ast::Expr* e) {
  if (ast::as<ast::ObjectExpr>(e)) return true;
  const auto* tuple = ast::as<ast::TupleExpr>(e);
  if (!tuple || tuple->items.empty()) return false;
  return std::all_of(tuple->items.begin(), tuple->items.end(),
                     [](const ast::Expr* item) { return ast::as<ast::ObjectExpr>(item) != nullptr; });
}

// Decoded byte offsets of a JSON string's text → offsets in the file: a
// template parsed from the decoded text gets its ranges moved back onto the
// escaped source, so positions after a \" stay exact.
class EscapeMap {
 public:
  EscapeMap(std::string_view raw, uint32_t raw_begin) {
    for (size_t i = 0; i < raw.size();) {
      size_t raw_len = 1, decoded_len = 1;
      if (raw[i] == '\\' && i + 1 < raw.size()) {
        raw_len = 2;
        if (raw[i + 1] == 'u') {
          uint32_t cp = code_unit(raw, i + 2);
          raw_len = 6;
          if (cp >= 0xD800 && cp <= 0xDBFF && raw.substr(i + 6, 2) == "\\u") {
            raw_len = 12;
            cp = 0x10000;  // a surrogate pair: always four UTF-8 bytes
          }
          decoded_len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        }
      }
      for (size_t k = 0; k < decoded_len; ++k) raw_of_.push_back(raw_begin + uint32_t(i));
      i += std::min(raw_len, raw.size() - i);
    }
    raw_of_.push_back(raw_begin + uint32_t(raw.size()));
  }

  // Moves every range of the tree at `e` (built with base `base`) onto the source.
  void remap(ast::Expr* e, uint32_t base) {
    if (!e) return;
    base_ = base;
    walk(e);
  }

 private:
  static uint32_t code_unit(std::string_view raw, size_t at) {
    uint32_t cp = 0;
    for (size_t k = at; k < at + 4 && k < raw.size(); ++k) {
      char c = raw[k];
      cp = cp * 16 + uint32_t(c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0');
    }
    return cp;
  }

  uint32_t at(uint32_t offset) const {
    size_t d = offset >= base_ ? offset - base_ : 0;
    return raw_of_[std::min(d, raw_of_.size() - 1)];
  }
  void fix(Range& r) const { r = {at(r.begin), at(r.end)}; }

  void steps(std::span<ast::TraversalStep> list) {
    for (ast::TraversalStep& step : list) fix(step.range);
  }

  void walk(ast::Expr* e) {
    if (!e) return;
    fix(e->range);
    using K = ast::ExprKind;
    switch (e->kind) {
      case K::Template:
        for (ast::Expr* part : static_cast<ast::TemplateExpr*>(e)->parts) walk(part);
        break;
      case K::TemplateWrap: walk(static_cast<ast::TemplateWrapExpr*>(e)->wrapped); break;
      case K::TemplateJoin: walk(static_cast<ast::TemplateJoinExpr*>(e)->tuple); break;
      case K::ScopeTraversal: steps(static_cast<ast::ScopeTraversalExpr*>(e)->steps); break;
      case K::RelativeTraversal: {
        auto* t = static_cast<ast::RelativeTraversalExpr*>(e);
        walk(t->source);
        steps(t->steps);
        break;
      }
      case K::FunctionCall: {
        auto* call = static_cast<ast::FunctionCallExpr*>(e);
        fix(call->name_range);
        fix(call->open_paren);
        fix(call->close_paren);
        for (ast::Expr* arg : call->args) walk(arg);
        break;
      }
      case K::Conditional: {
        auto* c = static_cast<ast::ConditionalExpr*>(e);
        walk(c->condition);
        walk(c->true_result);
        walk(c->false_result);
        break;
      }
      case K::BinaryOp:
        walk(static_cast<ast::BinaryOpExpr*>(e)->lhs);
        walk(static_cast<ast::BinaryOpExpr*>(e)->rhs);
        break;
      case K::UnaryOp: walk(static_cast<ast::UnaryOpExpr*>(e)->operand); break;
      case K::Parentheses: walk(static_cast<ast::ParenthesesExpr*>(e)->inner); break;
      case K::Tuple:
        for (ast::Expr* item : static_cast<ast::TupleExpr*>(e)->items) walk(item);
        break;
      case K::Object:
        for (ast::ObjectItem& item : static_cast<ast::ObjectExpr*>(e)->items) {
          walk(item.key);
          walk(item.value);
        }
        break;
      case K::ObjectKey: walk(static_cast<ast::ObjectKeyExpr*>(e)->wrapped); break;
      case K::For: {
        auto* f = static_cast<ast::ForExpr*>(e);
        fix(f->open_bracket);
        fix(f->close_bracket);
        walk(f->collection);
        walk(f->key);
        walk(f->value);
        walk(f->condition);
        break;
      }
      case K::Index: {
        auto* i = static_cast<ast::IndexExpr*>(e);
        fix(i->open_bracket);
        walk(i->collection);
        walk(i->key);
        break;
      }
      case K::Splat: {
        auto* sp = static_cast<ast::SplatExpr*>(e);
        fix(sp->marker);
        walk(sp->source);
        walk(sp->each);
        break;
      }
      case K::Literal:
      case K::AnonSymbol: break;
    }
  }

  std::vector<uint32_t> raw_of_;
  uint32_t base_ = 0;
};

// How a body's properties are read.
enum class BodyKind : uint8_t {
  Resource,    // resource, data, dynamic content: schema-light nested blocks
  Attributes,  // locals, module, output: every property an attribute
  Variable,    // default is a literal value, type a type expression
  Literal,     // lifecycle and the like: values as written
};

class Translator {
 public:
  Translator(const SourceFile& source, ast::Arena& arena) : source_(source), arena_(arena) {}

  ast::Body* file_body(const ast::Expr* root) {
    BodyParts parts;
    for_each_object(root, [&](const ast::ObjectExpr& object) { top_level(object, parts); });
    return finish(parts, root ? root->range : Range{});
  }

 private:
  struct BodyParts {
    std::vector<ast::Attribute> attributes;
    std::vector<ast::Block> blocks;
  };

  ast::Body* finish(const BodyParts& parts, Range range) {
    ast::Body* body = arena_.make<ast::Body>();
    body->attributes = arena_.copy(parts.attributes);
    body->blocks = arena_.copy(parts.blocks);
    body->range = range;
    return body;
  }

  // A block whose labels are the keys leading to `object`; its type range
  // is the last key, so a finding on the block names the declaration.
  ast::Block block(std::string_view type, const std::vector<ast::BlockLabel>& labels, Range key_range,
                   const ast::ObjectExpr& object, BodyKind kind) {
    ast::Block b;
    b.type = type;
    b.type_range = labels.empty() ? key_range : labels.back().range;
    b.labels = arena_.copy(labels);
    b.body = body(object, kind);
    b.open_brace = {object.range.begin, object.range.begin + 1};
    b.close_brace = {object.range.end - 1, object.range.end};
    b.range = object.range;
    return b;
  }

  static ast::BlockLabel label(const ast::ObjectItem& item) {
    return {key_text(item), item.key->range, true};
  }

  void top_level(const ast::ObjectExpr& root, BodyParts& parts) {
    for (const ast::ObjectItem& item : root.items) {
      std::string_view key = key_text(item);
      if (key == "resource" || key == "data") {
        labelled(key, item, 2, BodyKind::Resource, parts);
      } else if (key == "variable") {
        labelled(key, item, 1, BodyKind::Variable, parts);
      } else if (key == "output" || key == "module") {
        labelled(key, item, 1, BodyKind::Attributes, parts);
      } else if (key == "locals") {
        for_each_object(item.value, [&](const ast::ObjectExpr& object) {
          parts.blocks.push_back(block(key, {}, item.key->range, object, BodyKind::Attributes));
        });
      }
      // provider, terraform, moved, import, check and "//" declare nothing the model reads.
    }
  }

  // "resource": {"TYPE": {"NAME": {body}}}: one level of keys per label.
  void labelled(std::string_view type, const ast::ObjectItem& item, size_t label_count, BodyKind kind,
                BodyParts& parts) {
    std::vector<ast::BlockLabel> labels;
    auto descend = [&](auto& self, const ast::Expr* value) -> void {
      for_each_object(value, [&](const ast::ObjectExpr& object) {
        if (labels.size() == label_count) {
          parts.blocks.push_back(block(type, labels, item.key->range, object, kind));
          return;
        }
        for (const ast::ObjectItem& next : object.items) {
          if (is_comment_key(key_text(next))) continue;
          labels.push_back(label(next));
          self(self, next.value);
          labels.pop_back();
        }
      });
    };
    descend(descend, item.value);
  }

  ast::Body* body(const ast::ObjectExpr& object, BodyKind kind) {
    BodyParts parts;
    for (const ast::ObjectItem& item : object.items) {
      std::string_view key = key_text(item);
      if (key.empty() || is_comment_key(key)) continue;
      if (kind == BodyKind::Resource && resource_property(key, item, parts)) continue;
      if (kind == BodyKind::Variable && key == "validation") continue;
      parts.attributes.push_back(attribute(key, item, value_for(key, item.value, kind)));
    }
    return finish(parts, object.range);
  }

  // Blocks and meta-arguments of a resource body; false for a plain attribute.
  bool resource_property(std::string_view key, const ast::ObjectItem& item, BodyParts& parts) {
    if (key == "provisioner" || key == "connection") return true;  // never read; not worth a shape
    if (key == "dynamic") {
      for_each_object(item.value, [&](const ast::ObjectExpr& types) {
        for (const ast::ObjectItem& type : types.items) {
          if (is_comment_key(key_text(type))) continue;
          for_each_object(type.value, [&](const ast::ObjectExpr& object) {
            parts.blocks.push_back(dynamic_block(item, type, object));
          });
        }
      });
      return true;
    }
    if (!is_nested_block_type(key) || !is_object_or_objects(item.value)) return false;
    BodyKind kind = key == "lifecycle" ? BodyKind::Literal : BodyKind::Resource;
    for_each_object(item.value, [&](const ast::ObjectExpr& object) {
      parts.blocks.push_back(block(key, {}, item.key->range, object, kind));
    });
    return true;
  }

  // "dynamic": {"ingress": {"for_each": "${...}", "iterator": "rule", "content": {...}}}
  ast::Block dynamic_block(const ast::ObjectItem& dynamic, const ast::ObjectItem& type, const ast::ObjectExpr& object) {
    BodyParts parts;
    for (const ast::ObjectItem& item : object.items) {
      std::string_view key = key_text(item);
      if (key == "content") {
        for_each_object(item.value, [&](const ast::ObjectExpr& content) {
          parts.blocks.push_back(block(key, {}, item.key->range, content, BodyKind::Resource));
        });
      } else if (key == "iterator") {
        if (const ast::LiteralExpr* name = as_string(item.value))
          parts.attributes.push_back(attribute(key, item, type_expression(item.value, *name)));
      } else if (key == "for_each") {
        parts.attributes.push_back(attribute(key, item, expression(item.value)));
      }
    }
    ast::Block b;
    b.type = key_text(dynamic);
    b.type_range = type.key->range;
    b.labels = arena_.copy(std::vector<ast::BlockLabel>{label(type)});
    b.body = finish(parts, object.range);
    b.open_brace = {object.range.begin, object.range.begin + 1};
    b.close_brace = {object.range.end - 1, object.range.end};
    b.range = object.range;
    return b;
  }

  static ast::Attribute attribute(std::string_view name, const ast::ObjectItem& item, ast::Expr* value) {
    return {name, item.key->range, value, Range::between(item.key->range, item.value->range)};
  }

  ast::Expr* value_for(std::string_view key, ast::Expr* value, BodyKind kind) {
    switch (kind) {
      case BodyKind::Literal: return value;
      case BodyKind::Variable:
        // Terraform decodes a variable's default without an evaluation
        // context: "${...}" in a JSON default is literal text.
        if (key == "type") {
          if (const ast::LiteralExpr* text = as_string(value)) return type_expression(value, *text);
        }
        return value;
      case BodyKind::Resource:
        if (key == "depends_on" || key == "provider") return value;  // references, not values
        return expression(value);
      case BodyKind::Attributes: return expression(value);
    }
    return value;
  }

  // A JSON value in expression context: every string is a template.
  ast::Expr* expression(ast::Expr* e) {
    if (const ast::LiteralExpr* s = as_string(e)) return template_of(e, *s);
    if (const auto* object = ast::as<ast::ObjectExpr>(e)) {
      std::vector<ast::ObjectItem> items;
      items.reserve(object->items.size());
      for (const ast::ObjectItem& item : object->items) items.push_back({expression(item.key), expression(item.value)});
      auto* out = arena_.make<ast::ObjectExpr>(*object);
      out->items = arena_.copy(items);
      return out;
    }
    if (const auto* tuple = ast::as<ast::TupleExpr>(e)) {
      std::vector<ast::Expr*> items;
      items.reserve(tuple->items.size());
      for (ast::Expr* item : tuple->items) items.push_back(expression(item));
      auto* out = arena_.make<ast::TupleExpr>(*tuple);
      out->items = arena_.copy(items);
      return out;
    }
    return e;
  }

  // The string's text as a template. Ranges are exact while the JSON
  // string has no escape before the position. A string that is not a valid
  // template stays the literal text (Terraform would reject the file).
  ast::Expr* template_of(ast::Expr* e, const ast::LiteralExpr& s) {
    std::string_view text = s.value.text;
    if (text.find("${") == text.npos && text.find("%{") == text.npos) return e;
    std::vector<grammar::SyntaxError> errors;
    ast::Expr* parsed = grammar::parse_template_fragment(text, s.range.begin + 1, arena_, errors);
    if (!parsed || !errors.empty()) return e;
    remap_escapes(s, parsed, s.range.begin + 1);
    return parsed;
  }

  // When the JSON string had escapes, the decoded text is shorter than the
  // source: move the template's ranges back onto the source.
  void remap_escapes(const ast::LiteralExpr& s, ast::Expr* parsed, uint32_t base) {
    std::string_view raw = source_.slice({s.range.begin + 1, s.range.end - 1});
    if (raw.size() == s.value.text.size()) return;
    EscapeMap(raw, s.range.begin + 1).remap(parsed, base);
  }

  // The string's text as an expression ("list(string)", an iterator name),
  // parsed as the single interpolation "${text}" so ranges stay exact
  // (while the string has no escapes; these never need positions).
  ast::Expr* type_expression(ast::Expr* e, const ast::LiteralExpr& s) {
    std::string wrapped = "${" + std::string(s.value.text) + "}";
    std::vector<grammar::SyntaxError> errors;
    uint32_t base = s.range.begin + 1 >= 2 ? s.range.begin + 1 - 2 : 0;
    ast::Expr* parsed = grammar::parse_template_fragment(wrapped, base, arena_, errors);
    if (!parsed || !errors.empty()) return e;

    if (const auto* wrap = ast::as<ast::TemplateWrapExpr>(parsed)) return wrap->wrapped;
    return parsed;
  }

  const SourceFile& source_;
  ast::Arena& arena_;
};

}  // namespace

const ast::Body* json_configuration_body(const grammar::ParsedFile& parsed, ast::Arena& arena) {
  if (!parsed.root) return nullptr;
  return Translator(*parsed.source, arena).file_body(parsed.root);
}

}  // namespace ecslint::tf
