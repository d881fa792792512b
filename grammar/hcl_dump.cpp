// The S-expression dump of `hcloracle -dump [-ranges]`, so that our trees
// compare as text with those of HashiCorp's parser.
#include <fmt/format.h>

#include <algorithm>
#include <climits>

#include "grammar/hcl_parser_impl.h"

namespace ecslint::grammar {

namespace hcl {

namespace {

// utf8.DecodeRuneInString: strict (no overlongs, no surrogates). Returns the
// length, or 0 for an invalid byte.
int decode_strict(std::string_view s, size_t i, uint32_t* cp) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) { *cp = c; return 1; }
  size_t left = s.size() - i;
  auto cont = [&](size_t k) { return (b(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF && left >= 2 && cont(i + 1)) {
    *cp = ((c & 0x1Fu) << 6) | (b(i + 1) & 0x3Fu);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF && left >= 3 && cont(i + 1) && cont(i + 2)) {
    uint32_t v = ((c & 0x0Fu) << 12) | ((b(i + 1) & 0x3Fu) << 6) | (b(i + 2) & 0x3Fu);
    if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4 && left >= 4 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
    uint32_t v = ((c & 0x07u) << 18) | ((b(i + 1) & 0x3Fu) << 12) | ((b(i + 2) & 0x3Fu) << 6) | (b(i + 3) & 0x3Fu);
    if (v < 0x10000 || v > 0x10FFFF) return 0;
    *cp = v;
    return 4;
  }
  return 0;
}

}  // namespace

std::string go_quote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (size_t i = 0; i < text.size();) {
    uint32_t cp;
    int len = decode_strict(text, i, &cp);
    if (len == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (cp == '"' || cp == '\\') {
      out += '\\';
      out += char(cp);
    } else if (is_printable(cp)) {
      out.append(text.substr(i, size_t(len)));
    } else {
      switch (cp) {
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\v': out += "\\v"; break;
        default:
          if (cp < ' ' || cp == 0x7F) out += fmt::format("\\x{:02x}", cp);
          else if (cp < 0x10000) out += fmt::format("\\u{:04x}", cp);
          else out += fmt::format("\\U{:08x}", cp);
      }
    }
    i += size_t(len);
  }
  out += '"';
  return out;
}

// big.Float.Text('g', -1) of a decimal literal, computed on its digits.
std::string go_number_text(std::string_view literal) {
  std::string digits;
  long long point = 0;  // value = 0.digits * 10^point
  size_t i = 0;
  while (i < literal.size() && literal[i] >= '0' && literal[i] <= '9') digits += literal[i++];
  point = static_cast<long long>(digits.size());
  if (i < literal.size() && literal[i] == '.') {
    ++i;
    while (i < literal.size() && literal[i] >= '0' && literal[i] <= '9') digits += literal[i++];
  }
  if (i < literal.size() && (literal[i] == 'e' || literal[i] == 'E')) {
    ++i;
    bool negative = i < literal.size() && literal[i] == '-';
    if (i < literal.size() && (literal[i] == '+' || literal[i] == '-')) ++i;
    long long exponent = 0;
    for (; i < literal.size(); ++i) exponent = std::min(exponent * 10 + (literal[i] - '0'), LLONG_MAX / 100);
    point += negative ? -exponent : exponent;
  }
  size_t lead = digits.find_first_not_of('0');
  if (lead == std::string::npos) return "0";
  digits.erase(0, lead);
  point -= static_cast<long long>(lead);
  digits.erase(digits.find_last_not_of('0') + 1);

  long long exp = point - 1;
  if (exp < -4 || exp >= 6) {
    std::string out(1, digits[0]);
    if (digits.size() > 1) {
      out += '.';
      out.append(digits, 1);
    }
    out += exp < 0 ? "e-" : "e+";
    long long magnitude = exp < 0 ? -exp : exp;
    if (magnitude < 10) out += '0';
    out += std::to_string(magnitude);
    return out;
  }
  std::string out;
  long long n = static_cast<long long>(digits.size());
  if (point > 0) {
    for (long long k = 0; k < point; ++k) out += k < n ? digits[size_t(k)] : '0';
  } else {
    out += '0';
  }
  long long frac = std::max<long long>(n - point, 0);
  if (frac > 0) {
    out += '.';
    for (long long k = 0; k < frac; ++k) {
      long long at = point + k;
      out += (at >= 0 && at < n) ? digits[size_t(at)] : '0';
    }
  }
  return out;
}

}  // namespace hcl

namespace {

class Dumper {
 public:
  Dumper(const SourceFile& source, bool ranges) : source_(source), ranges_(ranges) {}

  void body(const ast::Body& b, int level);
  std::string take() { return std::move(out_); }

 private:
  void range(Range r) {
    if (!ranges_) return;
    Position a = hcl::position(source_, r.begin);
    Position b = hcl::position(source_, r.end);
    fmt::format_to(std::back_inserter(out_), "@{}:{}-{}:{}", a.line, a.column, b.line, b.column);
  }
  void open(std::string_view name, Range r) {
    out_ += '(';
    out_ += name;
    range(r);
  }
  void value(const ast::Literal& v);
  void traversal(std::span<const ast::TraversalStep> steps);
  void expr(const ast::Expr* e);
  void template_expr(const ast::TemplateExpr& t);
  void quoted_literal(const ast::Literal& literal, Range r);

  const SourceFile& source_;
  bool ranges_;
  std::string out_;
};

void Dumper::body(const ast::Body& b, int level) {
  struct Item {
    uint32_t offset;
    const ast::Attribute* attr;
    const ast::Block* block;
  };
  std::vector<Item> items;
  items.reserve(b.attributes.size() + b.blocks.size());
  for (const auto& a : b.attributes) items.push_back({a.range.begin, &a, nullptr});
  for (const auto& bl : b.blocks) items.push_back({bl.type_range.begin, nullptr, &bl});
  std::stable_sort(items.begin(), items.end(), [](const Item& x, const Item& y) { return x.offset < y.offset; });
  open("body", b.range);
  for (const Item& it : items) {
    out_ += '\n';
    out_.append(size_t(level) * 2, ' ');
    if (it.attr) {
      out_ += "(attr ";
      out_ += hcl::go_quote(it.attr->name);
      range(it.attr->range);
      out_ += ' ';
      expr(it.attr->value);
      out_ += ')';
      continue;
    }
    const ast::Block& bl = *it.block;
    out_ += "(block ";
    out_ += hcl::go_quote(bl.type);
    range(bl.labels.empty() ? bl.type_range : Range::between(bl.type_range, bl.labels.back().range));
    out_ += " (";
    for (size_t k = 0; k < bl.labels.size(); ++k) {
      if (k > 0) out_ += ' ';
      out_ += hcl::go_quote(bl.labels[k].value);
    }
    out_ += ") ";
    body(*bl.body, level + 1);
    out_ += ')';
  }
  out_ += ')';
}

void Dumper::value(const ast::Literal& v) {
  switch (v.type) {
    case ast::LiteralType::Null: out_ += "null"; break;
    case ast::LiteralType::Bool: out_ += v.boolean ? "true" : "false"; break;
    case ast::LiteralType::Number:
      out_ += '#';
      out_ += hcl::go_number_text(v.text);
      break;
    case ast::LiteralType::String: out_ += hcl::go_quote(v.text); break;
  }
}

void Dumper::traversal(std::span<const ast::TraversalStep> steps) {
  for (const auto& s : steps) {
    switch (s.kind) {
      case ast::StepKind::Root: out_ += ' '; out_ += s.name; break;
      case ast::StepKind::Attr: out_ += " ."; out_ += s.name; break;
      case ast::StepKind::Index:
        out_ += " [";
        value(s.key());
        out_ += ']';
        break;
      case ast::StepKind::Splat: out_ += " [*]"; break;
    }
  }
}

// A quoted literal as HashiCorp's parser has it: a template of one literal
// part, between the quotes (or, for "", empty at the closing quote's end).
void Dumper::quoted_literal(const ast::Literal& literal, Range r) {
  open("template", r);
  out_ += ' ';
  Range inner = r.size() > 2 ? Range{r.begin + 1, r.end - 1} : Range{r.end, r.end};
  open("lit", inner);
  out_ += ' ';
  value(literal);
  out_ += "))";
}

void Dumper::template_expr(const ast::TemplateExpr& t) {
  open("template", t.range);
  for (const ast::Expr* p : t.parts) {
    out_ += ' ';
    expr(p);
  }
  out_ += ')';
}

void Dumper::expr(const ast::Expr* e) {
  if (!e) {
    out_ += "nil";
    return;
  }
  auto sp = [&] { out_ += ' '; };
  switch (e->kind) {
    case ast::ExprKind::Literal: {
      const ast::Literal& literal = static_cast<const ast::LiteralExpr*>(e)->value;
      if (literal.quoted) {
        quoted_literal(literal, e->range);
        return;
      }
      open("lit", e->range);
      sp();
      value(literal);
      break;
    }
    case ast::ExprKind::Template: template_expr(*static_cast<const ast::TemplateExpr*>(e)); return;
    case ast::ExprKind::TemplateWrap:
      open("wrap", e->range);
      sp();
      expr(static_cast<const ast::TemplateWrapExpr*>(e)->wrapped);
      break;
    case ast::ExprKind::TemplateJoin:
      open("join", e->range);
      sp();
      expr(static_cast<const ast::TemplateJoinExpr*>(e)->tuple);
      break;
    case ast::ExprKind::ScopeTraversal:
      open("trav", e->range);
      traversal(static_cast<const ast::ScopeTraversalExpr*>(e)->steps);
      break;
    case ast::ExprKind::RelativeTraversal: {
      const auto* t = static_cast<const ast::RelativeTraversalExpr*>(e);
      open("reltrav", e->range);
      sp();
      expr(t->source);
      traversal(t->steps);
      break;
    }
    case ast::ExprKind::FunctionCall: {
      const auto* c = static_cast<const ast::FunctionCallExpr*>(e);
      open("call", e->range);
      sp();
      out_ += c->name;
      if (c->expand_final) out_ += " ...";
      for (const ast::Expr* a : c->args) {
        sp();
        expr(a);
      }
      break;
    }
    case ast::ExprKind::Conditional: {
      const auto* c = static_cast<const ast::ConditionalExpr*>(e);
      open("cond", e->range);
      sp();
      expr(c->condition);
      sp();
      expr(c->true_result);
      sp();
      expr(c->false_result);
      break;
    }
    case ast::ExprKind::BinaryOp: {
      static constexpr const char* kOps[] = {"||", "&&", "==", "!=", ">", ">=", "<", "<=", "+", "-", "*", "/", "%"};
      const auto* b = static_cast<const ast::BinaryOpExpr*>(e);
      open("binop", e->range);
      sp();
      out_ += kOps[size_t(b->op)];
      sp();
      expr(b->lhs);
      sp();
      expr(b->rhs);
      break;
    }
    case ast::ExprKind::UnaryOp: {
      const auto* u = static_cast<const ast::UnaryOpExpr*>(e);
      open("unop", e->range);
      out_ += u->op == ast::UnaryOp::Negate ? " neg " : " ! ";
      expr(u->operand);
      break;
    }
    case ast::ExprKind::Parentheses:
      open("paren", e->range);
      sp();
      expr(static_cast<const ast::ParenthesesExpr*>(e)->inner);
      break;
    case ast::ExprKind::Tuple:
      open("tuple", e->range);
      for (const ast::Expr* item : static_cast<const ast::TupleExpr*>(e)->items) {
        sp();
        expr(item);
      }
      break;
    case ast::ExprKind::Object:
      open("object", e->range);
      for (const auto& item : static_cast<const ast::ObjectExpr*>(e)->items) {
        out_ += " (item ";
        expr(item.key);
        sp();
        expr(item.value);
        out_ += ')';
      }
      break;
    case ast::ExprKind::ObjectKey: {
      const auto* k = static_cast<const ast::ObjectKeyExpr*>(e);
      open("key", e->range);
      if (k->force_non_literal) out_ += " nonlit";
      sp();
      if (k->wrapped) {
        expr(k->wrapped);
      } else {  // a bare name: HashiCorp's one-step traversal
        open("trav", e->range);
        out_ += ' ';
        out_ += k->name;
        out_ += ')';
      }
      break;
    }
    case ast::ExprKind::For: {
      const auto* f = static_cast<const ast::ForExpr*>(e);
      open("for", e->range);
      out_ += ' ';
      out_ += hcl::go_quote(f->key_var);
      out_ += ' ';
      out_ += hcl::go_quote(f->value_var);
      out_ += ' ';
      expr(f->collection);
      sp();
      expr(f->key);
      sp();
      expr(f->value);
      if (f->group) out_ += " group";
      sp();
      expr(f->condition);
      break;
    }
    case ast::ExprKind::Index: {
      const auto* ix = static_cast<const ast::IndexExpr*>(e);
      open("index", e->range);
      sp();
      expr(ix->collection);
      sp();
      expr(ix->key);
      break;
    }
    case ast::ExprKind::Splat: {
      const auto* s = static_cast<const ast::SplatExpr*>(e);
      open("splat", e->range);
      sp();
      expr(s->source);
      sp();
      expr(s->each);
      break;
    }
    case ast::ExprKind::AnonSymbol: open("anon", e->range); break;
  }
  out_ += ')';
}

}  // namespace

std::string dump_body(const ast::Body& body, const SourceFile& source, bool with_ranges) {
  Dumper d(source, with_ranges);
  d.body(body, 1);
  return d.take();
}

}  // namespace ecslint::grammar
