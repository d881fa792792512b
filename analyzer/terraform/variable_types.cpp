// Type constraints of variables: Terraform's type expressions read from the
// syntax tree (`type = list(string)`, or the string "list(string)" of a
// .tf.json file, which json_body.cpp parses as an expression).
#include "analyzer/terraform/module.h"

namespace ecslint::tf {

using eval::TypeConstraint;
using eval::TypeKind;

namespace {

// The name in an object type's key: `port` (native) or "port" (quoted).
std::string_view key_name(const ast::Expr* key) {
  if (const auto* k = ast::as<ast::ObjectKeyExpr>(key)) {
    if (!k->wrapped) return k->name;
    key = k->wrapped;
  }
  if (const auto* t = ast::as<ast::ScopeTraversalExpr>(key); t && t->steps.size() == 1) return t->steps[0].name;
  if (const auto* lit = ast::as<ast::LiteralExpr>(key); lit && lit->value.type == ast::LiteralType::String)
    return lit->value.text;
  if (const auto* tmpl = ast::as<ast::TemplateExpr>(key); tmpl && tmpl->parts.size() == 1) return key_name(tmpl->parts[0]);
  return {};
}

std::optional<TypeConstraint> keyword_type(std::string_view word) {
  TypeConstraint t;
  if (word == "string") t.kind = TypeKind::String;
  else if (word == "number") t.kind = TypeKind::Number;
  else if (word == "bool") t.kind = TypeKind::Bool;
  else if (word == "any") t.kind = TypeKind::Any;
  else if (word == "list" || word == "set" || word == "map") {
    // Legacy bare collection keywords mean a collection of any.
    t.kind = word == "list" ? TypeKind::List : word == "set" ? TypeKind::Set : TypeKind::Map;
    t.elements.push_back(TypeConstraint{});
  } else {
    return std::nullopt;
  }
  return t;
}

std::optional<TypeConstraint> parse_type(const ast::Expr& e, const SourceFile& file, bool attribute);

std::optional<TypeConstraint> object_type(const ast::FunctionCallExpr& call, const SourceFile& file) {
  const auto* attributes = call.args.size() == 1 ? ast::as<ast::ObjectExpr>(call.args[0]) : nullptr;
  if (!attributes) return std::nullopt;
  TypeConstraint t;
  t.kind = TypeKind::Object;
  for (const ast::ObjectItem& item : attributes->items) {
    std::string_view name = key_name(item.key);
    auto attribute = parse_type(*item.value, file, true);
    if (name.empty() || !attribute) return std::nullopt;
    attribute->name = std::string(name);
    t.elements.push_back(std::move(*attribute));
  }
  return t;
}

// `attribute`: directly inside object({...}), where optional() may appear.
std::optional<TypeConstraint> parse_type(const ast::Expr& e, const SourceFile& file, bool attribute) {
  if (const auto* t = ast::as<ast::ScopeTraversalExpr>(&e); t && t->steps.size() == 1)
    return keyword_type(t->steps[0].name);
  if (const auto* lit = ast::as<ast::LiteralExpr>(&e);
      lit && lit->value.type == ast::LiteralType::String && !lit->value.quoted)
    return keyword_type(lit->value.text);  // Terraform 0.11's quoted "string", "list", "map" (JSON)
  const auto* call = ast::as<ast::FunctionCallExpr>(&e);
  if (!call) return std::nullopt;
  if (call->name == "object") return object_type(*call, file);
  if (call->name == "optional" && attribute && !call->args.empty() && call->args.size() <= 2) {
    auto t = parse_type(*call->args[0], file, false);
    if (!t) return std::nullopt;
    t->optional = true;
    if (call->args.size() == 2) t->default_value = eval::evaluate(*call->args[1], file, eval::EvalContext{});
    return t;
  }
  if (call->name == "tuple" && call->args.size() == 1) {
    const auto* items = ast::as<ast::TupleExpr>(call->args[0]);
    if (!items) return std::nullopt;
    TypeConstraint t;
    t.kind = TypeKind::Tuple;
    for (const ast::Expr* item : items->items) {
      auto element = parse_type(*item, file, false);
      if (!element) return std::nullopt;
      t.elements.push_back(std::move(*element));
    }
    return t;
  }
  if ((call->name == "list" || call->name == "set" || call->name == "map") && call->args.size() == 1) {
    auto element = parse_type(*call->args[0], file, false);
    if (!element) return std::nullopt;
    TypeConstraint t;
    t.kind = call->name == "list" ? TypeKind::List : call->name == "set" ? TypeKind::Set : TypeKind::Map;
    t.elements.push_back(std::move(*element));
    return t;
  }
  return std::nullopt;
}

}  // namespace

std::optional<TypeConstraint> type_constraint(const ast::Expr& expr, const SourceFile& file) {
  return parse_type(expr, file, false);
}

}  // namespace ecslint::tf
