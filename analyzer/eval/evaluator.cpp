// Expression evaluation with Terraform's semantics (hcl/v2 hclsyntax
// expression.go and cty's operators), over the shared AST.
//
// Every failure Terraform would report on known values becomes an error
// value (Value::error) that flows outward like any other value, so `try` and
// `can` see it; everything that cannot be known statically is Unknown.
#include "analyzer/eval/evaluator.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cmath>
#include <optional>
#include <variant>

#include "analyzer/eval/convert.h"

namespace ecslint::eval {

namespace {

// Deeper expressions than this evaluate to Unknown instead of risking the
// stack; real configurations nest a few dozen levels at most.
constexpr int kMaxDepth = 1000;

std::string step_text(const ast::TraversalStep& step) {
  switch (step.kind) {
    case ast::StepKind::Root: return std::string(step.name);
    case ast::StepKind::Attr: return fmt::format(".{}", step.name);
    case ast::StepKind::Splat: return "[*]";
    case ast::StepKind::Index:
      if (step.key_type == ast::LiteralType::String) return fmt::format("[\"{}\"]", step.name);
      return fmt::format("[{}]", step.name);
  }
  return {};
}

std::string steps_text(std::span<const ast::TraversalStep> steps) {
  std::string out;
  for (const auto& s : steps) out += step_text(s);
  return out;
}

Value literal_value(const ast::Literal& lit, Origin origin) {
  switch (lit.type) {
    case ast::LiteralType::Null: return Value::null(origin);
    case ast::LiteralType::Bool: return Value::boolean(lit.boolean, origin);
    case ast::LiteralType::String: return Value::string(std::string(lit.text), origin);
    case ast::LiteralType::Number: {
      // Most numbers written are small integers (ports, sizes, counts):
      // exact as doubles up to 15 digits, read without std::from_chars.
      if (!lit.text.empty() && lit.text.size() <= 15 &&
          std::ranges::all_of(lit.text, [](char c) { return c >= '0' && c <= '9'; })) {
        uint64_t whole = 0;
        for (char c : lit.text) whole = whole * 10 + uint64_t(c - '0');
        return Value::number(double(whole), origin);
      }
      double n = 0;
      auto [end, ec] = std::from_chars(lit.text.data(), lit.text.data() + lit.text.size(), n);
      if (ec == std::errc::result_out_of_range) n = HUGE_VAL;
      else if (ec != std::errc() || end != lit.text.data() + lit.text.size()) return Value::error("invalid number");
      return Value::number(n, origin);
    }
  }
  return Value::null(origin);
}

// An unknown standing for `base` followed by `suffix`: symbols grow with the
// traversal ("aws_lb.main" + ".arn").
Value unknown_after(const Value& base, const std::string& suffix, Origin origin) {
  if (base.is_error()) return base;
  Value u = Value::unknown(origin, base.symbol().empty() ? std::string() : fmt::format("{}{}", base.symbol(), suffix));
  return base.sensitive() ? u.marked_sensitive() : u;
}

Value inherit_sensitivity(Value element, const Value& container) {
  if (container.sensitive() && !element.sensitive()) return element.marked_sensitive();
  return element;
}

Value get_attr(const Value& v, std::string_view name, Origin origin) {
  if (!v.is_known()) {
    if (v.is_error()) return v;
    // The symbol grows only when there is one: most unknowns have none.
    Value u = v.symbol().empty() ? Value::unknown(origin)
                                 : Value::unknown(origin, fmt::format("{}.{}", v.symbol(), name));
    return v.sensitive() ? u.marked_sensitive() : u;
  }
  if (v.is_null()) return Value::error("Attempt to get attribute from null value", origin);
  if (!v.is_object()) return Value::error("Unsupported attribute: this value does not have any attributes", origin);
  const Value* m = v.member(name);
  if (!m && !v.symbol().empty()) return Value::unknown(origin, v.symbol() + "." + std::string(name));
  if (!m) return Value::error("Unsupported attribute: this object does not have an attribute named \"" +
                                  std::string(name) + "\"", origin);
  return inherit_sensitivity(*m, v);
}

Value get_index(const Value& v, const Value& key, Origin origin) {
  if (key.is_error()) return key;
  if (!v.is_known() || !key.is_known()) {
    std::string suffix = key.is_known() ? fmt::format("[{}]", string_of(key).value_or("?")) : "[?]";
    if (key.is_string()) suffix = fmt::format("[\"{}\"]", key.as_string());
    return unknown_after(v, suffix, origin);
  }
  if (v.is_null()) return Value::error("Attempt to index null value", origin);
  if (key.is_null()) return Value::error("Invalid index: can't use a null value as an indexing key", origin);
  if (v.is_tuple()) {
    auto n = number_of(key);
    if (!n) return Value::error("Invalid index: a number is required", origin);
    if (*n != std::floor(*n) || *n < 0 || *n >= double(v.items().size()))
      return Value::error("Invalid index: the given key does not identify an element in this collection value",
                          origin);
    return inherit_sensitivity(v.items()[size_t(*n)], v);
  }
  if (v.is_object()) {
    const Value* m = nullptr;
    if (key.is_string()) {
      m = v.member(key.as_string());
    } else {
      auto k = string_of(key);
      if (!k) return Value::error("Invalid index: a string is required", origin);
      m = v.member(*k);
    }
    if (!m) return Value::error("Invalid index: the given key does not identify an element in this collection value",
                                origin);
    return inherit_sensitivity(*m, v);
  }
  return Value::error("Invalid index: this value does not have any indices", origin);
}

// A splat's source as the list it iterates: null is empty, a non-list value
// is a list of one. Points into `v`, which must outlive the span.
std::span<const Value> splat_items(const Value& v) {
  if (v.is_null()) return {};
  if (v.is_tuple()) return v.items();
  return {&v, 1};
}

}  // namespace

Value apply_steps(const Value& value, std::span<const ast::TraversalStep> steps, Origin origin) {
  Value v = value;
  for (size_t i = 0; i < steps.size(); ++i) {
    const auto& step = steps[i];
    if (v.is_error()) return v;
    switch (step.kind) {
      case ast::StepKind::Root: break;
      case ast::StepKind::Attr: v = get_attr(v, step.name, origin); break;
      case ast::StepKind::Index: {
        // ["name"] on an object that has it: no key value to build.
        const Value* m = v.is_object() && step.key_type == ast::LiteralType::String ? v.member(step.name) : nullptr;
        v = m ? inherit_sensitivity(*m, v) : get_index(v, literal_value(step.key(), origin), origin);
        break;
      }
      case ast::StepKind::Splat: {
        if (!v.is_known()) return unknown_after(v, steps_text(steps.subspan(i)), origin);
        std::vector<Value> out;
        for (const Value& item : splat_items(v)) {
          out.push_back(apply_steps(item, steps.subspan(i + 1), origin));
          if (out.back().is_error()) return out.back();
        }
        Value t = Value::tuple(std::move(out), origin);
        return v.sensitive() ? t.marked_sensitive() : t;
      }
    }
  }
  return v;
}

namespace {

// The for-expression's variables in front of the enclosing scope.
class ForScope : public Scope {
 public:
  ForScope(const Scope* outer, std::string_view key_var, std::string_view value_var)
      : outer_(outer), key_var_(key_var), value_var_(value_var) {}

  void bind(Value key, Value value) {
    key_ = std::move(key);
    value_ = std::move(value);
  }

  Value resolve(std::span<const ast::TraversalStep> steps, Origin origin) const override {
    std::string_view root = steps[0].name;
    if (!key_var_.empty() && root == key_var_) return apply_steps(key_, steps.subspan(1), origin);
    if (root == value_var_) return apply_steps(value_, steps.subspan(1), origin);
    if (outer_) return outer_->resolve(steps, origin);
    return Value::unknown(origin, steps_text(steps));
  }

 private:
  const Scope* outer_;
  std::string_view key_var_, value_var_;
  Value key_, value_;
};

class Evaluator {
 public:
  Evaluator(const SourceFile& file, const EvalContext& context)
      : file_(file), context_(context), scope_(context.scope) {}

  Value eval(const ast::Expr* e) {
    if (!e) return Value::null();
    if (depth_ >= kMaxDepth) {
      depth_limited_ = true;
      return Value::unknown(at(e->range));
    }
    ++depth_;
    Value v = dispatch(*e);
    --depth_;
    return v;
  }

 private:
  Origin at(Range r) const { return {&file_, r}; }

  Value dispatch(const ast::Expr& e) {
    using K = ast::ExprKind;
    switch (e.kind) {
      case K::Literal: return literal_value(ast::as<ast::LiteralExpr>(&e)->value, at(e.range));
      case K::Template: return eval_template(*ast::as<ast::TemplateExpr>(&e));
      case K::TemplateWrap: return eval(ast::as<ast::TemplateWrapExpr>(&e)->wrapped);
      case K::TemplateJoin: return eval_template_join(*ast::as<ast::TemplateJoinExpr>(&e));
      case K::ScopeTraversal: return eval_traversal(*ast::as<ast::ScopeTraversalExpr>(&e));
      case K::RelativeTraversal: {
        auto* r = ast::as<ast::RelativeTraversalExpr>(&e);
        return apply_steps(eval(r->source), r->steps, at(e.range));
      }
      case K::FunctionCall: return eval_call(*ast::as<ast::FunctionCallExpr>(&e));
      case K::Conditional: return eval_conditional(*ast::as<ast::ConditionalExpr>(&e));
      case K::BinaryOp: return eval_binary(*ast::as<ast::BinaryOpExpr>(&e));
      case K::UnaryOp: return eval_unary(*ast::as<ast::UnaryOpExpr>(&e));
      case K::Parentheses: return eval(ast::as<ast::ParenthesesExpr>(&e)->inner);
      case K::Tuple:
        if (e.constant && context_.constants && !making_constant_)
          return constant(e, [&] { return eval_tuple(*ast::as<ast::TupleExpr>(&e)); });
        return eval_tuple(*ast::as<ast::TupleExpr>(&e));
      case K::Object:
        if (e.constant && context_.constants && !making_constant_)
          return constant(e, [&] { return eval_object(*ast::as<ast::ObjectExpr>(&e)); });
        return eval_object(*ast::as<ast::ObjectExpr>(&e));
      case K::ObjectKey: return eval_key(&e);
      case K::For: return eval_for(*ast::as<ast::ForExpr>(&e));
      case K::Index: {
        auto* ix = ast::as<ast::IndexExpr>(&e);
        Value coll = eval(ix->collection);
        if (coll.is_error()) return coll;
        return get_index(coll, eval(ix->key), at(e.range));
      }
      case K::Splat: return eval_splat(*ast::as<ast::SplatExpr>(&e));
      case K::AnonSymbol: return anon_ ? *anon_ : Value::unknown(at(e.range));
    }
    return Value::unknown(at(e.range));
  }

  // A constant's value from the cache, else made (its own constant parts
  // uncached: the whole is kept) and kept. A value cut short by the depth
  // limit depends on where it was evaluated, so it is not kept.
  template <typename Make>
  Value constant(const ast::Expr& e, Make make) {
    if (std::optional<Value> kept = context_.constants->find(&e, &file_)) return *std::move(kept);
    making_constant_ = true;
    bool limited_before = depth_limited_;
    depth_limited_ = false;
    Value v = make();
    making_constant_ = false;
    bool limited = depth_limited_;
    depth_limited_ = limited_before || limited;
    return limited ? v : context_.constants->keep(&e, &file_, std::move(v));
  }

  Value eval_traversal(const ast::ScopeTraversalExpr& t) {
    if (t.steps.empty()) return Value::unknown(at(t.range));
    if (!scope_) return Value::unknown(at(t.range), steps_text(t.steps));
    return scope_->resolve(t.steps, at(t.range));
  }

  // Appends one interpolated value to a template's text and pieces; an
  // error value when Terraform refuses it. Pieces are only built once an
  // unknown appears: until then the text is the whole result.
  struct TemplateText {
    std::string text;  // everything so far while known; after an unknown, the text piece still open
    std::vector<StringPiece> pieces;
    bool text_open = false;  // text added since the start or the last unknown piece
    bool known = true;
    bool sensitive = false;

    void add_text(std::string_view s) {
      text += s;
      text_open = true;
    }
    void close_text() {
      if (text_open) pieces.push_back({.text = std::move(text), .symbol = {}, .unknown = false});
      text.clear();
      text_open = false;
    }
    void add_unknown(const Value& v) {
      known = false;
      if (v.pieces().empty()) {
        close_text();
        pieces.push_back({.text = {}, .symbol = v.symbol(), .unknown = true});
        return;
      }
      for (const auto& p : v.pieces()) {
        if (!p.unknown) {
          add_text(p.text);
          continue;
        }
        close_text();
        pieces.push_back(p);
      }
    }
    std::optional<Value> add(const Value& v, Origin origin) {
      if (v.is_error()) return v;
      sensitive = sensitive || v.sensitive();
      if (!v.is_known()) {
        add_unknown(v);
        return std::nullopt;
      }
      if (v.is_string()) {
        add_text(v.as_string());
        return std::nullopt;
      }
      if (v.is_null()) return Value::error("Invalid template interpolation value: the value is null", origin);
      auto s = string_of(v);
      if (!s) return Value::error("Invalid template interpolation value: cannot include the given value in a "
                                  "string template: string required", origin);
      add_text(*s);
      return std::nullopt;
    }
    Value finish(Origin origin) {
      Value v;
      if (known) {
        v = Value::string(std::move(text), origin);
      } else {
        close_text();
        v = Value::unknown_string(std::move(pieces), origin);
      }
      return sensitive ? v.marked_sensitive() : v;
    }
  };

  Value eval_template(const ast::TemplateExpr& t) {
    TemplateText out;
    for (const ast::Expr* part : t.parts) {
      // Literal text goes straight in, without a string value of its own.
      if (auto* lit = ast::as<ast::LiteralExpr>(part); lit && lit->value.type == ast::LiteralType::String) {
        out.add_text(lit->value.text);
        continue;
      }
      if (auto err = out.add(eval(part), at(part->range))) return *err;
    }
    return out.finish(at(t.range));
  }

  Value eval_template_join(const ast::TemplateJoinExpr& t) {
    Value items = eval(t.tuple);
    if (!items.is_known()) return unknown_like(items, at(t.range));
    TemplateText out;
    for (const Value& item : items.items())
      if (auto err = out.add(item, at(t.range))) return *err;
    if (items.sensitive()) out.sensitive = true;
    return out.finish(at(t.range));
  }

  Value eval_call(const ast::FunctionCallExpr& call) {
    std::vector<Value> args;
    args.reserve(call.args.size());
    for (const ast::Expr* a : call.args) args.push_back(eval(a));
    if (call.expand_final && !args.empty()) {
      Value last = std::move(args.back());
      args.pop_back();
      if (last.is_error()) return last;
      if (!last.is_known()) return unknown_like(last, at(call.range));
      if (!last.is_tuple())
        return Value::error("Invalid expanding argument value: the expanding argument (indicated by ...) must be "
                            "of a tuple, list, or set type", at(call.range));
      for (const Value& item : last.items()) args.push_back(inherit_sensitivity(item, last));
    }
    return call_function(call.name, args, context_, at(call.range));
  }

  Value eval_conditional(const ast::ConditionalExpr& c) {
    Value cond = eval(c.condition);
    if (cond.is_error()) return cond;
    if (!cond.is_known()) {
      Value t = eval(c.true_result), f = eval(c.false_result);
      if (t.is_wholly_known() && f.is_wholly_known() && equal_values(t, f))
        return carry_sensitivity(t, std::span(&cond, 1));
      return cond.sensitive() ? Value::unknown(at(c.range)).marked_sensitive() : Value::unknown(at(c.range));
    }
    if (cond.is_null()) return Value::error("Null condition: the condition value is null", at(c.condition->range));
    auto b = bool_of(cond);
    if (!b) return Value::error("Incorrect condition type: the condition expression must be of type bool",
                                at(c.condition->range));
    Value chosen = eval(*b ? c.true_result : c.false_result);
    Value other = eval(*b ? c.false_result : c.true_result);
    if (chosen.is_error()) return chosen;
    return carry_sensitivity(unify_result(chosen, other, at(c.range)), std::span(&cond, 1));
  }

  // Terraform converts both results to one type: a string when one side is
  // a string and the other a number or bool; mismatched structures fail.
  static Value unify_result(const Value& chosen, const Value& other, Origin origin) {
    if (!chosen.is_known() || !other.is_known() || chosen.is_null() || other.is_null()) return chosen;
    if (chosen.kind() == other.kind()) return chosen;
    auto primitive = [](const Value& v) { return v.is_string() || v.is_number() || v.is_bool(); };
    if (primitive(chosen) && primitive(other) && (chosen.is_string() || other.is_string())) {
      Value s = Value::string(*string_of(chosen), chosen.origin());
      return chosen.sensitive() ? s.marked_sensitive() : s;
    }
    return Value::error("Inconsistent conditional result types: the true and false result expressions must have "
                        "consistent types", origin);
  }

  Value eval_binary(const ast::BinaryOpExpr& b) {
    Value l = eval(b.lhs);
    if (l.is_error()) return l;
    Value r = eval(b.rhs);
    if (r.is_error()) return r;
    Value result = binary(b.op, l, r, at(b.range));
    Value both[] = {std::move(l), std::move(r)};
    return carry_sensitivity(std::move(result), both);
  }

  static Value binary(ast::BinaryOp op, const Value& l, const Value& r, Origin origin) {
    using Op = ast::BinaryOp;
    switch (op) {
      case Op::And:
      case Op::Or: return logical(op == Op::And, l, r, origin);
      case Op::Equal:
      case Op::NotEqual: {
        if (!l.is_wholly_known() || !r.is_wholly_known()) return Value::unknown(origin);
        return Value::boolean(equal_values(l, r) == (op == Op::Equal), origin);
      }
      default: return arithmetic(op, l, r, origin);
    }
  }

  static Value logical(bool is_and, const Value& l, const Value& r, Origin origin) {
    std::optional<bool> lb, rb;
    if (l.is_known() && !(lb = bool_of(l)))
      return Value::error("Invalid operand: unsuitable value for left operand: bool required", origin);
    if (r.is_known() && !(rb = bool_of(r)))
      return Value::error("Invalid operand: unsuitable value for right operand: bool required", origin);
    // A decided side settles the result even when the other is unknown.
    if (is_and && ((lb && !*lb) || (rb && !*rb))) return Value::boolean(false, origin);
    if (!is_and && ((lb && *lb) || (rb && *rb))) return Value::boolean(true, origin);
    if (!lb || !rb) return Value::unknown(origin);
    return Value::boolean(is_and ? (*lb && *rb) : (*lb || *rb), origin);
  }

  static Value arithmetic(ast::BinaryOp op, const Value& l, const Value& r, Origin origin) {
    using Op = ast::BinaryOp;
    if (!l.is_known() || !r.is_known()) return Value::unknown(origin);
    auto a = number_of(l);
    if (!a) return Value::error("Invalid operand: unsuitable value for left operand: a number is required", origin);
    auto b = number_of(r);
    if (!b) return Value::error("Invalid operand: unsuitable value for right operand: a number is required", origin);
    switch (op) {
      case Op::Greater: return Value::boolean(*a > *b, origin);
      case Op::GreaterOrEqual: return Value::boolean(*a >= *b, origin);
      case Op::Less: return Value::boolean(*a < *b, origin);
      case Op::LessOrEqual: return Value::boolean(*a <= *b, origin);
      case Op::Add: return Value::number(*a + *b, origin);
      case Op::Subtract: return Value::number(*a - *b, origin);
      case Op::Multiply: return Value::number(*a * *b, origin);
      case Op::Divide:
        if (*a == 0 && *b == 0) return Value::error("Error in division: can't divide zero by zero", origin);
        return Value::number(*a / *b, origin);
      case Op::Modulo:
        if (*b == 0) return Value::error("Error in modulo: can't use modulo by zero", origin);
        return Value::number(std::fmod(*a, *b), origin);
      default: return Value::unknown(origin);
    }
  }

  Value eval_unary(const ast::UnaryOpExpr& u) {
    Value v = eval(u.operand);
    if (v.is_error()) return v;
    Origin o = at(u.range);
    Value out;
    if (!v.is_known()) {
      out = Value::unknown(o);
    } else if (u.op == ast::UnaryOp::Not) {
      auto b = bool_of(v);
      out = b ? Value::boolean(!*b, o) : Value::error("Invalid operand: a bool is required", o);
    } else {
      auto n = number_of(v);
      out = n ? Value::number(-*n, o) : Value::error("Invalid operand: a number is required", o);
    }
    return carry_sensitivity(out, std::span(&v, 1));
  }

  Value eval_tuple(const ast::TupleExpr& t) {
    std::vector<Value>& items = item_scratch();
    size_t mark = items.size();
    for (const ast::Expr* item : t.items) {
      Value v = eval(item);
      if (v.is_error()) {
        items.resize(mark);
        return v;
      }
      items.push_back(std::move(v));
    }
    Value out = Value::tuple_of(std::span(items).subspan(mark), at(t.range));
    items.resize(mark);
    return out;
  }

  // An object key other than a bare name (see literal_name_key()): it is
  // evaluated, and must convert to a string.
  Value eval_key(const ast::Expr* key) {
    auto* k = ast::as<ast::ObjectKeyExpr>(key);
    if (!k) return eval(key);
    if (!k->wrapped) return Value::string(std::string(k->name), at(k->range));
    return eval(k->wrapped);
  }

  // A bare name key (`name = ...`), unless parenthesised: the name itself
  // is the key, not a reference. Empty when the key is an expression.
  static std::string_view literal_name_key(const ast::Expr* key) {
    auto* k = ast::as<ast::ObjectKeyExpr>(key);
    if (!k || k->force_non_literal) return {};
    if (!k->wrapped) return k->name;
    auto* name = ast::as<ast::ScopeTraversalExpr>(k->wrapped);
    return name && name->steps.size() == 1 ? name->steps[0].name : std::string_view();
  }

  Value eval_object(const ast::ObjectExpr& o) {
    std::vector<Member>& members = member_scratch();
    size_t mark = members.size();
    auto fail = [&](Value error) {
      members.resize(mark);
      return error;
    };
    bool known = true, sensitive_key = false;
    for (const ast::ObjectItem& item : o.items) {
      // Most keys are bare names: their text goes straight into the member.
      if (std::string_view name = literal_name_key(item.key); !name.empty()) {
        Value value = eval(item.value);
        if (value.is_error()) return fail(std::move(value));
        members.push_back({Key::stable(name), std::move(value), at(item.key->range)});  // a view of the source text
        continue;
      }
      Value key = eval_key(item.key);
      if (key.is_error()) return fail(std::move(key));
      Value value = eval(item.value);
      if (value.is_error()) return fail(std::move(value));
      if (!key.is_known()) {
        known = false;
        continue;
      }
      auto k = key.is_null() ? std::nullopt : string_of(key);
      if (!k)
        return fail(Value::error("Incorrect key type: can't use this value as a key: a string is required",
                                 at(item.key->range)));
      sensitive_key = sensitive_key || key.sensitive();
      members.push_back({Key::interned(*k), std::move(value), at(item.key->range)});
    }
    Value out = known ? Value::object_of(std::span(members).subspan(mark), at(o.range)) : Value::unknown(at(o.range));
    members.resize(mark);
    return sensitive_key ? out.marked_sensitive() : out;
  }

  Value eval_for(const ast::ForExpr& f) {
    Value coll = eval(f.collection);
    Origin o = at(f.range);
    if (coll.is_error()) return coll;
    if (!coll.is_known()) return coll.sensitive() ? Value::unknown(o).marked_sensitive() : Value::unknown(o);
    if (coll.is_null()) return Value::error("Iteration over null value: a null value cannot be used as the "
                                            "collection in a 'for' expression", at(f.collection->range));
    if (!coll.is_tuple() && !coll.is_object())
      return Value::error("Iteration over non-iterable value: a value of type " +
                          std::string(kind_name(coll.kind())) + " cannot be used as the collection in a 'for' "
                          "expression", at(f.collection->range));
    ForScope scope(scope_, f.key_var, f.value_var);
    const Scope* saved = scope_;
    scope_ = &scope;
    Value out = f.key ? for_object(f, coll, scope) : for_tuple(f, coll, scope);
    scope_ = saved;
    return carry_sensitivity(out, std::span(&coll, 1));
  }

  // Binds element `i` of `coll` and evaluates the condition: true to keep
  // it, false to skip, or a value (error or unknown) that ends the loop.
  std::variant<bool, Value> bind_element(const ast::ForExpr& f, const Value& coll, size_t i, ForScope& scope) {
    if (coll.is_tuple())
      scope.bind(Value::number(double(i), coll.origin()), inherit_sensitivity(coll.items()[i], coll));
    else {
      const Member& m = coll.members()[i];
      scope.bind(Value::string(m.key.str(), m.key_origin), inherit_sensitivity(m.value, coll));
    }
    if (!f.condition) return true;
    Value cond = eval(f.condition);
    if (cond.is_error() || !cond.is_known()) return cond;
    auto b = bool_of(cond);
    if (!b) return Value::error("Invalid 'for' condition: the 'if' clause value is invalid: bool required",
                                at(f.condition->range));
    return *b;
  }

  static size_t element_count(const Value& coll) {
    return coll.is_tuple() ? coll.items().size() : coll.members().size();
  }

  Value for_tuple(const ast::ForExpr& f, const Value& coll, ForScope& scope) {
    std::vector<Value> items;
    for (size_t i = 0; i < element_count(coll); ++i) {
      auto keep = bind_element(f, coll, i, scope);
      if (auto* stop = std::get_if<Value>(&keep)) return stop->is_error() ? *stop : Value::unknown(at(f.range));
      if (!std::get<bool>(keep)) continue;
      items.push_back(eval(f.value));
      if (items.back().is_error()) return items.back();
    }
    return Value::tuple(std::move(items), at(f.range));
  }

  Value for_object(const ast::ForExpr& f, const Value& coll, ForScope& scope) {
    std::vector<Member> members;
    std::vector<std::vector<Value>> groups;  // parallel to members when f.group
    bool known = true;
    for (size_t i = 0; i < element_count(coll); ++i) {
      auto keep = bind_element(f, coll, i, scope);
      if (auto* stop = std::get_if<Value>(&keep)) return stop->is_error() ? *stop : Value::unknown(at(f.range));
      if (!std::get<bool>(keep)) continue;
      Value key = eval(f.key);
      if (key.is_error()) return key;
      Value value = eval(f.value);
      if (value.is_error()) return value;
      if (!key.is_known()) {
        known = false;
        continue;
      }
      auto k = key.is_null() ? std::nullopt : string_of(key);
      if (!k) return Value::error("Invalid object key: key expression result must be a string", at(f.key->range));
      if (auto err = add_for_member(f, *k, std::move(value), at(f.key->range), members, groups)) return *err;
    }
    if (!known) return Value::unknown(at(f.range));
    if (f.group)
      for (size_t i = 0; i < members.size(); ++i) members[i].value = Value::tuple(std::move(groups[i]), at(f.range));
    return Value::object(std::move(members), at(f.range));
  }

  std::optional<Value> add_for_member(const ast::ForExpr& f, const std::string& key, Value value, Origin key_origin,
                                      std::vector<Member>& members, std::vector<std::vector<Value>>& groups) {
    for (size_t i = 0; i < members.size(); ++i) {
      if (members[i].key != key) continue;
      if (!f.group)
        return Value::error("Duplicate object key: two different items produced the key \"" + key +
                            "\" in this 'for' expression; use the ellipsis (...) to group", key_origin);
      groups[i].push_back(std::move(value));
      return std::nullopt;
    }
    members.push_back({Key::interned(key), f.group ? Value() : value, key_origin});
    if (f.group) groups.push_back({std::move(value)});
    return std::nullopt;
  }

  Value eval_splat(const ast::SplatExpr& s) {
    Value source = eval(s.source);
    if (source.is_error()) return source;
    if (!source.is_known()) return unknown_after(source, "[*]", at(s.range));
    std::vector<Value> out;
    const Value* saved = anon_;
    for (const Value& item : splat_items(source)) {
      Value element = inherit_sensitivity(item, source);
      anon_ = &element;
      out.push_back(eval(s.each));
      if (out.back().is_error()) break;
    }
    anon_ = saved;
    if (!out.empty() && out.back().is_error()) return out.back();
    Value t = Value::tuple(std::move(out), at(s.range));
    return source.sensitive() ? t.marked_sensitive() : t;
  }

  const SourceFile& file_;
  const EvalContext& context_;
  const Scope* scope_;
  const Value* anon_ = nullptr;
  int depth_ = 0;
  bool making_constant_ = false;
  bool depth_limited_ = false;  // the depth limit cut an evaluation short
};

}  // namespace

std::vector<Value>& item_scratch() {
  thread_local std::vector<Value> items;
  return items;
}

std::vector<Member>& member_scratch() {
  thread_local std::vector<Member> members;
  return members;
}

std::optional<Value> ConstantCache::find(const ast::Expr* expr, const SourceFile* file) const {
  std::lock_guard hold(lock_);
  auto it = values_.find({expr, file});
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

Value ConstantCache::keep(const ast::Expr* expr, const SourceFile* file, Value value) {
  std::lock_guard hold(lock_);
  return values_.try_emplace({expr, file}, std::move(value)).first->second;
}

Value evaluate(const ast::Expr& expr, const SourceFile& file, const EvalContext& context) {
  Evaluator evaluator(file, context);
  return evaluator.eval(&expr);
}

}  // namespace ecslint::eval
