// Postfix operators: attribute access, indexing, legacy `.N` indexes and
// splats (HashiCorp's parseExpressionTraversals).
#include <fmt/format.h>

#include "grammar/hcl_parser_impl.h"

namespace ecslint::grammar::hcl {

namespace {

bool is_traversal(const ast::Expr* e) {
  return e->kind == ast::ExprKind::ScopeTraversal || e->kind == ast::ExprKind::RelativeTraversal;
}

std::span<ast::TraversalStep>& steps_of(ast::Expr* e) {
  if (e->kind == ast::ExprKind::ScopeTraversal) return static_cast<ast::ScopeTraversalExpr*>(e)->steps;
  return static_cast<ast::RelativeTraversalExpr*>(e)->steps;
}

ast::TraversalStep index_step(ast::Literal key, Range range) {
  ast::TraversalStep step;
  step.kind = ast::StepKind::Index;
  step.set_key(key);
  step.range = range;
  return step;
}

ast::TraversalStep attr_step(std::string_view name, Range range) {
  ast::TraversalStep step;
  step.kind = ast::StepKind::Attr;
  step.name = name;
  step.range = range;
  return step;
}

}  // namespace

// The steps go straight into the arena: their number is known (the caller
// ruled out true/false/null as the name, so it is a traversal's root).
ast::Expr* Parser::attribute_traversal(size_t count) {
  const Token* t = tokens_ + next_;
  auto* trav = make<ast::ScopeTraversalExpr>(ast::ExprKind::ScopeTraversal,
                                             Range::between(t[0].range(), t[count - 1].range()));
  std::span<ast::TraversalStep> steps = arena_.make_array<ast::TraversalStep>((count + 1) / 2);
  steps[0].name = bytes(t[0]);
  steps[0].range = t[0].range();
  for (size_t i = 1; i < count; i += 2)
    steps[(i + 1) / 2] = attr_step(bytes(t[i + 1]), Range::between(t[i].range(), t[i + 1].range()));
  trav->steps = steps;
  next_ += count;
  return trav;
}

// HCL extends a traversal node in place as steps follow (a.b.c[0] is one
// ScopeTraversalExpr). Here the steps of the traversal being extended sit on
// step_stack_ from `mark` on, and are copied into the arena once `ret`
// stops growing; a name's root step is already there (`pending_root`).
ast::Expr* Parser::parse_traversals(ast::Expr* from, size_t pending_root) {
  ast::Expr* ret = from;
  size_t mark = pending_root;
  auto materialize = [&] {
    if (mark == kNoPendingRoot) return;
    steps_of(ret) = tail(step_stack_, mark);
    mark = kNoPendingRoot;
  };
  auto append = [&](const ast::TraversalStep& step) {  // makeRelativeTraversal
    if (is_traversal(ret)) {
      if (mark == kNoPendingRoot) {
        mark = step_stack_.size();
        for (const auto& s : steps_of(ret)) step_stack_.push_back(s);
      }
      ret->range = Range::between(ret->range, step.range);
    } else {
      auto* rel = make<ast::RelativeTraversalExpr>(ast::ExprKind::RelativeTraversal, Range::between(ret->range, step.range));
      rel->source = ret;
      ret = rel;
      mark = step_stack_.size();
    }
    step_stack_.push_back(step);
  };
  auto legacy_index = [&](Token dot, Token num, bool in_splat, Range subject) -> ast::TraversalStep {
    std::string_view text = bytes(num);
    size_t dot_at = text.find('.');
    if (dot_at != std::string_view::npos) {
      error(subject, "Invalid legacy index syntax",
            fmt::format("When using the legacy index syntax, chaining two indexes together is not permitted. Use the "
                        "proper index syntax{} instead, like [{}][{}].",
                        in_splat ? " with a full splat expression [*]" : "", text.substr(0, dot_at),
                        text.substr(dot_at + 1)));
      return index_step({}, Range::between(dot.range(), num.range()));
    }
    return index_step(number_value(num), Range::between(dot.range(), num.range()));
  };

  for (;;) {
    Token next = peek();
    if (next.type == Tok::Dot) {
      Token dot = read();
      Token attr = peek();
      if (attr.type == Tok::Ident) {
        read();
        append(attr_step(bytes(attr), Range::between(dot.range(), attr.range())));
      } else if (attr.type == Tok::NumberLit) {
        read();
        append(legacy_index(dot, attr, false, attr.range()));
      } else if (attr.type == Tok::Star) {
        materialize();
        Token marker = read();
        Range first_range = next_range();
        Range last_range = marker.range();
        size_t each_mark = step_stack_.size();
        bool abandoned = false;
        while (peek().type == Tok::Dot) {
          Token dot2 = read();
          if (peek().type == Tok::NumberLit) {
            Token num = read();
            // HCL reports a chained legacy index here at the star (attrTok).
            step_stack_.push_back(legacy_index(dot2, num, true, attr.range()));
            last_range = num.range();
            continue;
          }
          if (peek().type != Tok::Ident) {
            if (!recovery_) {
              if (peek().type == Tok::Star) {
                error(next_range(), "Nested splat expression not allowed",
                      "A splat expression (*) cannot be used inside another attribute-only splat expression.");
              } else {
                error(attr.range(), "Invalid attribute name", "An attribute name is required after a dot.");
              }
            }
            recovery_ = true;
            abandoned = true;
            break;
          }
          Token name = read();
          step_stack_.push_back(attr_step(bytes(name), Range::between(dot2.range(), name.range())));
          last_range = name.range();
        }
        if (abandoned) {
          step_stack_.resize(each_mark);
          continue;
        }
        auto* item = make<ast::AnonSymbolExpr>(ast::ExprKind::AnonSymbol, Range::between(dot.range(), marker.range()));
        ast::Expr* each = item;
        if (step_stack_.size() > each_mark) {
          auto* rel = make<ast::RelativeTraversalExpr>(ast::ExprKind::RelativeTraversal, Range::between(first_range, last_range));
          rel->source = item;
          rel->steps = tail(step_stack_, each_mark);
          each = rel;
        }
        auto* splat = make<ast::SplatExpr>(ast::ExprKind::Splat, Range::between(from->range, last_range));
        splat->source = ret;
        splat->each = each;
        splat->marker = Range::between(dot.range(), marker.range());
        ret = splat;
      } else {
        error(attr.range(), "Invalid attribute name", "An attribute name is required after a dot.");
        recovery_ = true;
      }
      continue;
    }
    if (next.type != Tok::OBrack) break;

    Token open = read();
    if (peek().type == Tok::Star) {
      read();
      Token close = read();
      if (close.type != Tok::CBrack && !recovery_) {
        // HCL's diagnostic points at its `close` variable, which recovery
        // then overwrites: the subject is where recovery stopped.
        close = recover(Tok::CBrack);
        error(close.range(), "Missing close bracket on splat index",
              "The star for a full splat operator must be immediately followed by a closing bracket (\"]\").");
      }
      materialize();
      auto* item = make<ast::AnonSymbolExpr>(ast::ExprKind::AnonSymbol, Range::between(open.range(), close.range()));
      ast::Expr* each = parse_traversals(item);
      auto* splat = make<ast::SplatExpr>(ast::ExprKind::Splat, Range::between(from->range, each->range));
      splat->source = ret;
      splat->each = each;
      splat->marker = Range::between(open.range(), close.range());
      ret = splat;
      continue;
    }

    push_newlines(false);  // newlines are allowed inside the brackets
    size_t before = error_total_;
    ast::Expr* key = parse_expression();
    Token close;
    if (recovery_ && error_total_ > before) {
      close = recover(Tok::CBrack);
    } else {
      close = read();
      if (close.type != Tok::CBrack && !recovery_) {
        close = recover(Tok::CBrack);  // as above, the subject is where recovery stopped
        error(close.range(), "Missing close bracket on index", "The index operator must end with a closing bracket (\"]\").");
      }
    }
    pop_newlines();
    Range brackets = Range::between(open.range(), close.range());
    if (const auto* lit = ast::as<ast::LiteralExpr>(key)) {
      append(index_step(lit->value, brackets));
    } else if (key == single_literal_template_) {
      const auto* tmpl = static_cast<const ast::TemplateExpr*>(key);
      const auto* part = static_cast<const ast::LiteralExpr*>(tmpl->parts[0]);
      append(index_step(part->value, brackets));
    } else {
      materialize();
      auto* index = make<ast::IndexExpr>(ast::ExprKind::Index, Range::between(from->range, brackets));
      index->collection = ret;
      index->key = key;
      index->open_bracket = open.range();
      ret = index;
    }
  }
  materialize();
  return ret;
}

}  // namespace ecslint::grammar::hcl
