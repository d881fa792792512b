// The HCL native-syntax parser: bodies, attributes, blocks and expressions.
// A port of HashiCorp's hclsyntax/parser.go (v2.14.1); the function names
// follow theirs so the two can be read side by side.
#include <fmt/format.h>

#include <algorithm>
#include <span>

#include "grammar/hcl_parser_impl.h"

namespace ecslint::grammar {

namespace hcl {

namespace {

// Go's Range.String(): "file:line,col-col" or "file:line,col-line,col".
std::string range_string(const SourceFile* source, Range r) {
  if (!source) return fmt::format("offset {}", r.begin);
  Position a = position(*source, r.begin);
  Position b = position(*source, r.end);
  if (a.line == b.line) return fmt::format("{}:{},{}-{}", source->path(), a.line, a.column, b.column);
  return fmt::format("{}:{},{}-{},{}", source->path(), a.line, a.column, b.line, b.column);
}

Tok opposite_bracket(Tok t) {
  switch (t) {
    case Tok::OBrace: return Tok::CBrace;
    case Tok::OBrack: return Tok::CBrack;
    case Tok::OParen: return Tok::CParen;
    case Tok::OQuote: return Tok::CQuote;
    case Tok::OHeredoc: return Tok::CHeredoc;
    case Tok::CBrace: return Tok::OBrace;
    case Tok::CBrack: return Tok::OBrack;
    case Tok::CParen: return Tok::OParen;
    case Tok::CQuote: return Tok::OQuote;
    case Tok::CHeredoc: return Tok::OHeredoc;
    case Tok::TemplateControl:
    case Tok::TemplateInterp: return Tok::TemplateSeqEnd;
    case Tok::TemplateSeqEnd: return Tok::TemplateInterp;
    default: return Tok::Nil;
  }
}

constexpr std::string_view kBodyItemRequired = "Argument or block definition required";
constexpr std::string_view kUnclosedBlockDetail =
    "There is no closing brace for this block before the end of the file. This may be caused by incorrect brace "
    "nesting elsewhere in this file.";

}  // namespace

static ParserScratch& acquire_scratch(std::unique_ptr<ParserScratch>& own) {
  thread_local ParserScratch shared;
  if (shared.in_use) {
    own = std::make_unique<ParserScratch>();
    own->in_use = true;
    return *own;
  }
  shared.in_use = true;
  return shared;
}

Parser::Parser(const SourceFile* source, std::string_view text, uint32_t base, const Token* tokens, size_t token_count,
               ast::Arena& arena, std::vector<SyntaxError>& errors)
    : source_(source), text_(text), base_(base), tokens_(tokens), token_count_(token_count),
      arena_(arena), errors_(errors), space_(acquire_scratch(own_scratch_)) {}

Parser::~Parser() {
  // An aborted parse (nesting limit) may leave partial stacks behind.
  attr_stack_.clear();
  attr_hash_stack_.clear();
  block_stack_.clear();
  label_stack_.clear();
  expr_stack_.clear();
  item_stack_.clear();
  step_stack_.clear();
  part_stack_.clear();
  space_.in_use = false;
}

// ---------------------------------------------------------------- peeker

// The lexer already turned line comments into the newlines they end with
// (keeping the comment's range, as HCL does) and dropped the rest.
Parser::Peeked Parser::next_token() const {
  for (size_t i = next_; i < token_count_; ++i) {
    const Token& t = tokens_[i];
    if (t.type == skipped_) continue;
    return {t, i + 1};
  }
  return {tokens_[token_count_ - 1], token_count_};
}

Token Parser::read_slow() {
  Peeked p = next_token();
  next_ = p.next;
  return p.token;
}

Range Parser::prev_range() const {
  if (next_ == 0) return next_range();
  return tokens_[next_ - 1].range();
}

// ---------------------------------------------------------------- diagnostics

void Parser::error(Range subject, std::string_view summary, std::string detail) {
  ++error_total_;
  if (errors_.size() >= kMaxErrors) return;
  errors_.push_back({subject, std::string(summary), std::move(detail)});
}

std::string Parser::describe(Range r) const { return range_string(source_, r); }

// Skips to the token after `end`, counting nested brackets of the same kind.
Token Parser::recover(Tok end) {
  Tok start = opposite_bracket(end);
  recovery_ = true;
  int nest = 0;
  for (;;) {
    Token tok = read();
    Tok ty = tok.type;
    if (end == Tok::TemplateSeqEnd && ty == Tok::TemplateControl) ty = Tok::TemplateInterp;
    if (ty == start) {
      ++nest;
    } else if (ty == end) {
      if (nest < 1) return tok;
      --nest;
    } else if (ty == Tok::Eof) {
      return tok;
    }
  }
}

// Skips to the next newline outside any brackets opened since the item began.
void Parser::recover_after_body_item() {
  recovery_ = true;
  std::vector<Tok> open;
  for (;;) {
    Token tok = read();
    switch (tok.type) {
      case Tok::Newline:
        if (open.empty()) return;
        break;
      case Tok::Eof: return;
      case Tok::OBrace: case Tok::OBrack: case Tok::OParen: case Tok::OQuote: case Tok::OHeredoc:
      case Tok::TemplateInterp: case Tok::TemplateControl:
        open.push_back(tok.type);
        break;
      case Tok::CBrace: case Tok::CBrack: case Tok::CParen: case Tok::CQuote: case Tok::CHeredoc: {
        Tok opener = opposite_bracket(tok.type);
        while (!open.empty() && open.back() != opener) open.pop_back();
        if (!open.empty()) open.pop_back();
        break;
      }
      case Tok::TemplateSeqEnd:
        while (!open.empty() && open.back() != Tok::TemplateInterp && open.back() != Tok::TemplateControl) open.pop_back();
        if (!open.empty()) open.pop_back();
        break;
      default: break;
    }
  }
}

// Past kMaxNesting levels the rest of the file is skipped with one error, so
// hostile input cannot exhaust the stack.
bool Parser::enter_nesting() {
  if (++depth_ <= kMaxNesting) return true;
  --depth_;
  if (!recovery_) {
    error(next_range(), "Nesting too deep",
          fmt::format("Expressions and blocks may be nested at most {} levels deep.", kMaxNesting));
  }
  recovery_ = true;
  next_ = token_count_ - 1;  // the Eof token
  return false;
}

// HashiCorp's checkInvalidTokens: tokens that never belong in HCL, reported
// before any parse error, with repeats limited the same way.
void Parser::check_invalid_tokens() {
  int told_bitwise = 0, told_backtick = 0, told_apostrophe = 0, told_semicolon = 0, told_bad_utf8 = 0;
  for (size_t i = 0; i < token_count_; ++i) {
    const Token& tok = tokens_[i];
    switch (tok.type) {
      case Tok::BitwiseAnd: case Tok::BitwiseOr: case Tok::BitwiseXor: case Tok::BitwiseNot: {
        if (told_bitwise >= 4) break;
        std::string_view suggestion = tok.type == Tok::BitwiseAnd ? " Did you mean boolean AND (\"&&\")?"
                                      : tok.type == Tok::BitwiseOr ? " Did you mean boolean OR (\"||\")?"
                                      : tok.type == Tok::BitwiseNot ? " Did you mean boolean NOT (\"!\")?"
                                                                    : "";
        error(tok.range(), "Unsupported operator", fmt::format("Bitwise operators are not supported.{}", suggestion));
        ++told_bitwise;
        break;
      }
      case Tok::Backtick:
        if (told_backtick % 2 == 0) {
          error(tok.range(), "Invalid character",
                "The \"`\" character is not valid. To create a multi-line string, use the \"heredoc\" syntax, like "
                "\"<<EOT\".");
        }
        if (told_backtick <= 2) ++told_backtick;
        break;
      case Tok::Apostrophe:
        if (told_apostrophe % 2 == 0) {
          error(tok.range(), "Invalid character", "Single quotes are not valid. Use double quotes (\") to enclose strings.");
        }
        if (told_apostrophe <= 2) ++told_apostrophe;
        break;
      case Tok::Semicolon:
        if (told_semicolon < 1) {
          error(tok.range(), "Invalid character",
                "The \";\" character is not valid. Use newlines to separate arguments and blocks, and commas to "
                "separate items in collection values.");
          ++told_semicolon;
        }
        break;
      case Tok::BadUtf8:
        if (told_bad_utf8 < 1) {
          error(tok.range(), "Invalid character encoding",
                "All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.");
          ++told_bad_utf8;
        }
        break;
      case Tok::QuotedNewline:
        error(tok.range(), "Invalid multi-line string",
              "Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n "
              "escape to represent a newline character or use the \"heredoc\" multi-line template syntax.");
        break;
      case Tok::Invalid: {
        std::string_view chars = bytes(tok);
        if (chars == "\u201c" || chars == "\u201d") {
          error(tok.range(), "Invalid character",
                "\"Curly quotes\" are not valid here. These can sometimes be inadvertently introduced when sharing "
                "code via documents or discussion forums. It might help to replace the character with a \"straight "
                "quote\".");
        } else {
          error(tok.range(), "Invalid character", "This character is not used within the language.");
        }
        break;
      }
      default: break;
    }
  }
}

// ---------------------------------------------------------------- bodies

ast::Body* Parser::empty_body(Range range) {
  ast::Body* body = arena_.make<ast::Body>();
  body->range = range;
  return body;
}

ast::Body* Parser::parse_body(Tok end) {
  Range start_range = prev_range();
  Range end_range;
  size_t attr_mark = attr_stack_.size();
  size_t block_mark = block_stack_.size();
  if (!enter_nesting()) return empty_body(start_range);
  for (;;) {
    Token next = peek();
    if (next.type == end) {
      end_range = next_range();
      read();
      break;
    }
    if (next.type == Tok::Newline) {
      read();
      continue;
    }
    if (next.type == Tok::Ident) {
      parse_body_item(attr_mark);
      continue;
    }
    Token bad = read();
    if (!recovery_) {
      if (bad.type == Tok::OQuote) {
        error(bad.range(), "Invalid argument name", "Argument names must not be quoted.");
      } else if (bad.type == Tok::Eof) {
        if (end == Tok::CBrace) {
          error(start_range, "Unclosed configuration block", std::string(kUnclosedBlockDetail));
        } else {
          error(start_range, "Unclosed configuration body", "Found end of file before the end of this configuration body.");
        }
      } else {
        error(bad.range(), kBodyItemRequired, "An argument or block definition is required here.");
      }
    }
    end_range = prev_range();
    recover(end);
    break;
  }
  leave_nesting();
  ast::Body* body = arena_.make<ast::Body>();
  body->range = Range::between(start_range, end_range);
  attr_hash_stack_.resize(attr_hash_stack_.size() - (attr_stack_.size() - attr_mark));
  body->attributes = tail(attr_stack_, attr_mark);
  body->blocks = tail(block_stack_, block_mark);
  return body;
}

namespace {

// A prefilter, not a digest: the length and three of the bytes tell most
// names apart, and it costs the same for long names as for short ones.
uint32_t name_hash(std::string_view name) {
  if (name.empty()) return 0;
  auto byte = [&](size_t i) { return uint32_t(static_cast<unsigned char>(name[i])); };
  return uint32_t(name.size()) * 0x9E3779B1u ^ byte(0) ^ byte(name.size() / 2) << 8 ^ byte(name.size() - 1) << 16;
}

}  // namespace

// add_attribute(), parse_body_item(), finish_attribute() and finish_block()
// are always inlined (hence defined `inline`, for this file's callers only):
// parse_body() then makes one call per item instead of four, which was 6-8%
// of the parse.

// Duplicate names are a parse error; the first definition is kept. The
// body's names are compared by hash first: a scan over a dense array of
// integers stays cheap even for a tfvars file with thousands of arguments.
[[gnu::always_inline]] inline void Parser::add_attribute(const ast::Attribute& attr, size_t attr_mark) {
  uint32_t hash = name_hash(attr.name);
  size_t count = attr_stack_.size() - attr_mark;
  const uint32_t* hashes = attr_hash_stack_.data() + attr_hash_stack_.size() - count;
  const ast::Attribute* existing = nullptr;
  for (size_t i = 0; i < count; ++i) {
    if (hashes[i] == hash && attr_stack_[attr_mark + i].name == attr.name) [[unlikely]] {
      existing = &attr_stack_[attr_mark + i];
      break;
    }
  }
  if (existing) {
    error(attr.name_range, "Attribute redefined",
          fmt::format("The argument {} was already set at {}. Each argument may be set only once.", go_quote(attr.name),
                      describe(existing->name_range)));
    return;
  }
  attr_stack_.push_back(attr);
  attr_hash_stack_.push_back(hash);
}

[[gnu::always_inline]] inline bool Parser::parse_body_item(size_t attr_mark) {
  Token ident = read();
  Token next = peek();
  switch (next.type) {
    case Tok::Equal:
      add_attribute(finish_attribute(ident, false), attr_mark);
      return true;
    case Tok::OQuote:
    case Tok::OBrace:
    case Tok::Ident:
      block_stack_.push_back(finish_block(ident));
      return true;
    default:
      recover_after_body_item();
      error(ident.range(), kBodyItemRequired,
            "An argument or block definition is required here. To set an argument, use the equals sign \"=\" to "
            "introduce the argument value.");
      return false;
  }
}

[[gnu::always_inline]] inline ast::Attribute Parser::finish_attribute(Token ident, bool single_line) {
  read();  // the equals sign
  size_t before = error_total_;
  ast::Expr* expr = parse_expression();
  Range end_range;
  if (recovery_ && error_total_ > before) {
    end_range = prev_range();
    recover_after_body_item();
  } else {
    end_range = prev_range();
    if (!single_line) {
      Token end = peek();
      if (end.type != Tok::Newline && end.type != Tok::Eof) {
        if (!recovery_) {
          if (end.type == Tok::Comma) {
            error(end.range(), "Unexpected comma after argument",
                  "Argument definitions must be separated by newlines, not commas. An argument definition must end "
                  "with a newline.");
          } else {
            error(end.range(), "Missing newline after argument", "An argument definition must end with a newline.");
          }
        }
        end_range = prev_range();
        recover_after_body_item();
      } else {
        end_range = prev_range();
        read();  // the newline
      }
    }
  }
  ast::Attribute attr;
  attr.name = bytes(ident);
  attr.name_range = ident.range();
  attr.value = expr;
  attr.range = Range::between(ident.range(), end_range);
  return attr;
}

[[gnu::always_inline]] inline ast::Block Parser::finish_block(Token ident) {
  ast::Block block;
  block.type = bytes(ident);
  block.type_range = ident.range();
  size_t label_mark = label_stack_.size();
  Token open;
  for (;;) {
    Token tok = peek();
    if (tok.type == Tok::OBrace) {
      open = read();
      break;
    }
    if (tok.type == Tok::OQuote) {
      ast::BlockLabel label;
      label.quoted = true;
      parse_quoted_string_literal(&label.value, &label.range);
      label_stack_.push_back(label);
      continue;
    }
    if (tok.type == Tok::Ident) {
      read();
      label_stack_.push_back({bytes(tok), tok.range(), false});
      continue;
    }
    if (tok.type == Tok::Equal) {
      error(tok.range(), "Invalid block definition",
            "The equals sign \"=\" indicates an argument definition, and must not be used when defining a block.");
    } else if (tok.type == Tok::Newline) {
      error(tok.range(), "Invalid block definition",
            "A block definition must have block content delimited by \"{\" and \"}\", starting on the same line as "
            "the block header.");
    } else if (!recovery_) {
      error(tok.range(), "Invalid block definition",
            "Either a quoted string block label or an opening brace (\"{\") is expected here.");
    }
    recover_after_body_item();
    block.labels = tail(label_stack_, label_mark);
    block.body = empty_body(ident.range());
    block.open_brace = block.close_brace = ident.range();
    block.range = ident.range();
    return block;
  }
  block.labels = tail(label_stack_, label_mark);
  block.open_brace = open.range();

  ast::Body* body = nullptr;
  Tok first = peek().type;
  if (first == Tok::Newline || first == Tok::Eof || first == Tok::CBrace) {
    body = parse_body(Tok::CBrace);
  } else {
    // HCL lists the body's own errors after those about how it is closed.
    size_t body_errors_begin = errors_.size();
    body = parse_single_attr_body();
    size_t body_errors_end = errors_.size();
    Token after = peek();
    switch (after.type) {
      case Tok::CBrace:
        read();
        break;
      case Tok::Comma:
        error(after.range(), "Invalid single-argument block definition",
              "Single-line block syntax can include only one argument definition. To define multiple arguments, use "
              "the multi-line block syntax with one argument definition per line.");
        recover(Tok::CBrace);
        break;
      case Tok::Newline:
        error(after.range(), "Invalid single-argument block definition",
              "An argument definition on the same line as its containing block creates a single-line block "
              "definition, which must also be closed on the same line. Place the block's closing brace immediately "
              "after the argument definition.");
        recover(Tok::CBrace);
        break;
      default:
        if (!recovery_) {
          if (after.type == Tok::Eof) {
            error(open.range(), "Unclosed configuration block", std::string(kUnclosedBlockDetail));
          } else {
            error(after.range(), "Invalid single-argument block definition",
                  "A single-line block definition must end with a closing brace immediately after its single "
                  "argument definition.");
          }
        }
        recover(Tok::CBrace);
        break;
    }
    std::rotate(errors_.begin() + long(body_errors_begin), errors_.begin() + long(body_errors_end), errors_.end());
  }
  Range close_range = prev_range();
  Token eol = peek();
  if (eol.type == Tok::Newline || eol.type == Tok::Eof) {
    read();
  } else {
    if (!recovery_) {
      error(eol.range(), "Missing newline after block definition", "A block definition must end with a newline.");
    }
    recover_after_body_item();
  }
  if (!body) {
    body = empty_body(Range::between(open.range(), close_range));
  }
  block.body = body;
  block.close_brace = close_range;
  block.range = Range::between(ident.range(), close_range);
  return block;
}

// `name { arg = value }`: one attribute, all on the block's line.
ast::Body* Parser::parse_single_attr_body() {
  Token ident = read();
  if (ident.type != Tok::Ident) {
    recover_after_body_item();
    error(ident.range(), kBodyItemRequired, "An argument or block definition is required here.");
    return nullptr;
  }
  Token next = peek();
  if (next.type == Tok::Equal) {
    ast::Attribute attr = finish_attribute(ident, true);
    ast::Body* body = arena_.make<ast::Body>();
    body->range = attr.range;
    size_t mark = attr_stack_.size();
    attr_stack_.push_back(attr);
    body->attributes = tail(attr_stack_, mark);
    return body;
  }
  recover_after_body_item();
  if (next.type == Tok::OQuote || next.type == Tok::OBrace || next.type == Tok::Ident) {
    error(Range::between(ident.range(), next.range()), "Argument definition required",
          fmt::format("A single-line block definition can contain only a single argument. If you meant to define "
                      "argument {}, use an equals sign to assign it a value. To define a nested block, place it on a "
                      "line of its own within its parent block.",
                      go_quote(bytes(ident))));
  } else {
    error(ident.range(), kBodyItemRequired,
          "An argument or block definition is required here. To set an argument, use the equals sign \"=\" to "
          "introduce the argument value.");
  }
  return nullptr;
}

// A block label: a quoted string without template sequences.
bool Parser::parse_quoted_string_literal(std::string_view* value, Range* range) {
  Token open = read();
  scratch_.clear();
  bool single_view = true;
  std::string_view only;
  Range end_range;
  for (bool done = false; !done;) {
    Token tok = read();
    switch (tok.type) {
      case Tok::CQuote:
        end_range = tok.range();
        done = true;
        break;
      case Tok::QuotedLit: {
        std::string_view part = decode_literal(tok, true);
        if (single_view && only.empty()) {
          only = part;
        } else {
          if (single_view) scratch_.assign(only);
          single_view = false;
          scratch_.append(part);
        }
        break;
      }
      case Tok::TemplateControl:
      case Tok::TemplateInterp: {
        std::string_view which = tok.type == Tok::TemplateControl ? "%" : "$";
        error(tok.range(), "Invalid string literal",
              fmt::format("Template sequences are not allowed in this string. To include a literal \"{0}\", double "
                          "it (as \"{0}{0}\") to escape it.",
                          which));
        if (single_view) scratch_.assign(only);
        single_view = false;
        scratch_.append(which);
        scratch_.append("{ ... }");
        recover(Tok::TemplateSeqEnd);
        break;
      }
      case Tok::Eof:
        error(tok.range(), "Unterminated string literal", "Unable to find the closing quote mark before the end of the file.");
        end_range = tok.range();
        done = true;
        break;
      default:
        error(tok.range(), "Invalid string literal", "This item is not valid in a string literal.");
        recover(Tok::CQuote);
        end_range = tok.range();
        done = true;
        break;
    }
  }
  *value = single_view ? only : arena_.copy(std::string_view(scratch_));
  *range = Range::between(open.range(), end_range);
  return true;
}

// ---------------------------------------------------------------- expressions

ast::Expr* Parser::placeholder(Range r) {
  auto* lit = make<ast::LiteralExpr>(ast::ExprKind::Literal, r);
  lit->value.type = ast::LiteralType::Null;
  return lit;
}

namespace {

bool is_literal_keyword(std::string_view name) { return name == "true" || name == "false" || name == "null"; }

// Tokens that can follow a complete expression but continue neither it (as a
// traversal, call or operator would) nor a conditional around it.
bool closes_expression(Tok t) {
  switch (t) {
    case Tok::Comma: case Tok::CBrace: case Tok::CBrack: case Tok::CParen: case Tok::Colon:
    case Tok::Equal: case Tok::FatArrow: case Tok::TemplateSeqEnd: case Tok::Eof:
      return true;
    default:
      return false;
  }
}

}  // namespace

// `name =` or `name :` in an object constructor, where newlines count: the
// key is the name itself, with nothing to parse as an expression.
bool Parser::bare_name_key(const Token& next) const {
  return next.type == Tok::Ident && next_ + 1 < token_count_ &&
         (tokens_[next_ + 1].type == Tok::Equal || tokens_[next_ + 1].type == Tok::Colon) &&
         !is_literal_keyword(bytes(next));
}

// A whole expression that is one term without operators, the most common
// by far (`"text"`, `name`, `8080`, `true`, `var.name`), is built directly:
// the general path through parse_ternary comes to the same node after four
// more peeks.
ast::Expr* Parser::parse_expression() {
  if (next_ + 3 < token_count_) {
    const Token* t = tokens_ + next_;
    auto ends_at = [&](size_t i) { return closes_expression(t[i].type) || (t[i].type == Tok::Newline && newlines_count()); };
    switch (t[0].type) {
      case Tok::OQuote:
        if ((t[1].type == Tok::CQuote && ends_at(2)) ||
            (t[1].type == Tok::QuotedLit && t[2].type == Tok::CQuote && ends_at(3))) {
          return parse_simple_string(tokens_[next_++]);
        }
        break;
      case Tok::Ident: {
        if (ends_at(1)) return name_term(tokens_[next_++]);
        size_t n = 1;  // var.name, aws_iam_role.task.arn: a name and its attributes
        while (next_ + n + 1 < token_count_ && t[n].type == Tok::Dot && t[n + 1].type == Tok::Ident) n += 2;
        if (n > 1 && next_ + n < token_count_ && ends_at(n) && !is_literal_keyword(bytes(t[0])))
          return attribute_traversal(n);
        break;
      }
      case Tok::NumberLit:
        if (ends_at(1)) return number_term(tokens_[next_++]);
        break;
      default: break;
    }
  }
  return parse_ternary();
}

ast::Expr* Parser::parse_ternary() {
  Range start = next_range();
  size_t before = error_total_;
  ast::Expr* cond = parse_binary(0);
  if (recovery_ && error_total_ > before) return cond;
  if (peek().type != Tok::Question) return cond;
  read();
  before = error_total_;
  ast::Expr* true_result = parse_expression();
  if (recovery_ && error_total_ > before) return cond;
  Token colon = peek();
  if (colon.type != Tok::Colon) {
    error(colon.range(), "Missing false expression in conditional",
          "The conditional operator (...?...:...) requires a false expression, delimited by a colon.");
    return cond;
  }
  read();
  before = error_total_;
  ast::Expr* false_result = parse_expression();
  if (recovery_ && error_total_ > before) return cond;
  auto* e = make<ast::ConditionalExpr>(ast::ExprKind::Conditional, Range::between(start, false_result->range));
  e->condition = cond;
  e->true_result = true_result;
  e->false_result = false_result;
  return e;
}

namespace {

// Binary operator precedence, loosest first: || && (== !=) (< <= > >=) (+ -) (* / %).
int binary_level(Tok t, ast::BinaryOp* op) {
  switch (t) {
    case Tok::Or: *op = ast::BinaryOp::Or; return 0;
    case Tok::And: *op = ast::BinaryOp::And; return 1;
    case Tok::EqualOp: *op = ast::BinaryOp::Equal; return 2;
    case Tok::NotEqual: *op = ast::BinaryOp::NotEqual; return 2;
    case Tok::Greater: *op = ast::BinaryOp::Greater; return 3;
    case Tok::GreaterEq: *op = ast::BinaryOp::GreaterOrEqual; return 3;
    case Tok::Less: *op = ast::BinaryOp::Less; return 3;
    case Tok::LessEq: *op = ast::BinaryOp::LessOrEqual; return 3;
    case Tok::Plus: *op = ast::BinaryOp::Add; return 4;
    case Tok::Minus: *op = ast::BinaryOp::Subtract; return 4;
    case Tok::Star: *op = ast::BinaryOp::Multiply; return 5;
    case Tok::Slash: *op = ast::BinaryOp::Divide; return 5;
    case Tok::Percent: *op = ast::BinaryOp::Modulo; return 5;
    default: return -1;
  }
}

}  // namespace

// Precedence climbing; builds the same left-associative trees as HCL's
// one-function-per-level recursion, and stops consuming tokens as soon as an
// operand fails in recovery mode, as HCL does.
ast::Expr* Parser::parse_binary(int min_level) {
  size_t before = error_total_;
  ast::Expr* lhs = parse_with_traversals();
  if (recovery_ && error_total_ > before) return lhs;
  for (;;) {
    ast::BinaryOp op = ast::BinaryOp::Or;
    int level = binary_level(peek().type, &op);
    if (level < min_level) return lhs;
    read();
    before = error_total_;
    ast::Expr* rhs = parse_binary(level + 1);
    if (recovery_ && error_total_ > before) return lhs;
    auto* e = make<ast::BinaryOpExpr>(ast::ExprKind::BinaryOp, Range::between(lhs->range, rhs->range));
    e->op = op;
    e->lhs = lhs;
    e->rhs = rhs;
    lhs = e;
  }
}

ast::Expr* Parser::parse_with_traversals() {
  size_t pending_root = kNoPendingRoot;
  ast::Expr* term = parse_term(&pending_root);
  return parse_traversals(term, pending_root);
}

ast::Literal Parser::number_value(Token tok) {
  // cty.ParseNumberVal (big.Float): digits, an optional fraction, an optional exponent.
  std::string_view s = bytes(tok);
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  bool ok = digits();
  if (ok && i < s.size() && s[i] == '.') {
    ++i;
    digits();
  }
  if (ok && i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    ok = digits();
  }
  ast::Literal lit;
  if (!ok || i != s.size()) {
    error(tok.range(), "Invalid number literal", "Failed to recognize the value of this number literal.");
    return lit;  // null stands in for HCL's unknown number
  }
  lit.type = ast::LiteralType::Number;
  lit.text = s;
  return lit;
}

ast::Expr* Parser::number_term(Token tok) {
  auto* lit = make<ast::LiteralExpr>(ast::ExprKind::Literal, tok.range());
  lit->value = number_value(tok);
  return lit;
}

// An identifier that is not a function name: a keyword literal or the root
// of a traversal.
ast::Expr* Parser::name_term(Token tok, size_t* pending_root) {
  std::string_view name = bytes(tok);
  if (is_literal_keyword(name)) {
    auto* lit = make<ast::LiteralExpr>(ast::ExprKind::Literal, tok.range());
    lit->value.type = name == "null" ? ast::LiteralType::Null : ast::LiteralType::Bool;
    lit->value.boolean = name == "true";
    lit->value.text = name;
    return lit;
  }
  auto* trav = make<ast::ScopeTraversalExpr>(ast::ExprKind::ScopeTraversal, tok.range());
  if (pending_root) {
    *pending_root = step_stack_.size();
    ast::TraversalStep& root = step_stack_.emplace_back();
    root.name = name;
    root.range = tok.range();
    return trav;
  }
  trav->steps = arena_.make_array<ast::TraversalStep>(1);
  trav->steps[0].name = name;
  trav->steps[0].range = tok.range();
  return trav;
}

ast::Expr* Parser::parse_term(size_t* pending_root) {
  Token start = peek();
  switch (start.type) {
    case Tok::OParen: return parse_paren();
    case Tok::NumberLit:
      read();
      return number_term(start);
    case Tok::Ident:
      read();
      if (peek().type == Tok::OParen || peek().type == Tok::DoubleColon) return parse_function_call(start);
      return name_term(start, pending_root);
    case Tok::OQuote:
    case Tok::OHeredoc: return parse_template_term();
    case Tok::Minus:
    case Tok::Bang: {
      read();
      if (!enter_nesting()) return placeholder(start.range());
      ast::Expr* operand = parse_with_traversals();
      leave_nesting();
      auto* e = make<ast::UnaryOpExpr>(ast::ExprKind::UnaryOp, Range::between(start.range(), operand->range));
      e->op = start.type == Tok::Minus ? ast::UnaryOp::Negate : ast::UnaryOp::Not;
      e->operand = operand;
      return e;
    }
    case Tok::OBrack: return parse_tuple();
    case Tok::OBrace: return parse_object();
    default:
      if (!recovery_) {
        if (start.type == Tok::Eof) {
          error(start.range(), "Missing expression", "Expected the start of an expression, but found the end of the file.");
        } else {
          error(start.range(), "Invalid expression",
                "Expected the start of an expression, but found an invalid expression token.");
        }
      }
      recovery_ = true;
      return placeholder(start.range());
  }
}

ast::Expr* Parser::parse_paren() {
  Token open = read();
  if (!enter_nesting()) return placeholder(open.range());
  push_newlines(false);
  size_t before = error_total_;
  ast::Expr* inner = parse_expression();
  if (error_total_ > before) {
    recover(Tok::CParen);
    pop_newlines();
    leave_nesting();
    return inner;
  }
  Token close = peek();
  if (close.type != Tok::CParen) {
    error(close.range(), "Unbalanced parentheses", "Expected a closing parenthesis to terminate the expression.");
    recovery_ = true;
  }
  Token cparen = read();
  pop_newlines();
  leave_nesting();
  auto* e = make<ast::ParenthesesExpr>(ast::ExprKind::Parentheses, Range::between(open.range(), cparen.range()));
  e->inner = inner;
  return e;
}

// `name(...)`, or a namespaced `provider::aws::name(...)` as HCL >= 2.20
// parses it (the name keeps its `::` separators).
ast::Expr* Parser::parse_function_call(Token name) {
  Token open = read();
  Range name_range = name.range();
  std::string_view full_name = bytes(name);
  if (open.type == Tok::DoubleColon) {
    scratch_.assign(full_name);
    while (open.type == Tok::DoubleColon) {
      Token part = read();
      if (part.type != Tok::Ident) {
        error(part.range(), "Missing function name",
              "Function scope resolution symbol :: must be followed by a function name in this scope.");
        for (Token t = part; t.type != Tok::OParen && t.type != Tok::Eof; t = read()) {
        }
        recover(Tok::CParen);
        return placeholder(Range::between(name.range(), part.range()));
      }
      scratch_.append("::").append(bytes(part));
      name_range.end = part.end;
      open = read();
    }
    full_name = arena_.copy(std::string_view(scratch_));
    if (open.type != Tok::OParen) {
      error(open.range(), "Missing open parenthesis",
            "Function selector must be followed by an open parenthesis to begin the function call.");
      recover_after_body_item();
      return placeholder(Range::between(name.range(), open.range()));
    }
  }
  if (!enter_nesting()) return placeholder(name.range());
  push_newlines(false);
  size_t mark = expr_stack_.size();
  bool expand_final = false;
  Token close;
  for (;;) {
    if (peek().type == Tok::CParen) {
      close = read();
      break;
    }
    size_t before = error_total_;
    expr_stack_.push_back(parse_expression());
    if (recovery_ && error_total_ > before) {
      close = recover(Tok::CParen);
      break;
    }
    Token sep = read();
    if (sep.type == Tok::CParen) {
      close = sep;
      break;
    }
    if (sep.type == Tok::Ellipsis) {
      expand_final = true;
      if (peek().type != Tok::CParen) {
        if (!recovery_) {
          error(sep.range(), "Missing closing parenthesis",
                "An expanded function argument (with ...) must be immediately followed by closing parentheses.");
        }
        close = recover(Tok::CParen);
      } else {
        close = read();
      }
      break;
    }
    if (sep.type != Tok::Comma) {
      if (sep.type == Tok::Eof) {
        error(Range::between(name_range, open.range()), "Unterminated function call",
              "There is no closing parenthesis for this function call before the end of the file. This may be caused "
              "by incorrect parethesis nesting elsewhere in this file.");
      } else {
        error(sep.range(), "Missing argument separator",
              "A comma is required to separate each function argument from the next.");
      }
      close = recover(Tok::CParen);
      break;
    }
    if (peek().type == Tok::CParen) {
      close = read();
      break;
    }
  }
  pop_newlines();
  leave_nesting();
  auto* call = make<ast::FunctionCallExpr>(ast::ExprKind::FunctionCall, Range::between(name_range, close.range()));
  call->name = full_name;
  call->name_range = name_range;
  call->args = tail(expr_stack_, mark);
  call->expand_final = expand_final;
  call->open_paren = open.range();
  call->close_paren = close.range();
  return call;
}

ast::Expr* Parser::parse_tuple() {
  Token open = read();
  if (!enter_nesting()) return placeholder(open.range());
  push_newlines(false);
  ast::Expr* result;
  if (is_keyword(peek(), "for")) {
    result = parse_for(open);
  } else {
    size_t mark = expr_stack_.size();
    Token close;
    for (;;) {
      if (peek().type == Tok::CBrack) {
        close = read();
        break;
      }
      size_t before = error_total_;
      expr_stack_.push_back(parse_expression());
      if (recovery_ && error_total_ > before) {
        close = recover(Tok::CBrack);
        break;
      }
      Token next = peek();
      if (next.type == Tok::CBrack) {
        close = read();
        break;
      }
      if (next.type != Tok::Comma) {
        if (!recovery_) {
          if (next.type == Tok::Eof) {
            error(open.range(), "Unterminated tuple constructor expression",
                  "There is no corresponding closing bracket before the end of the file. This may be caused by "
                  "incorrect bracket nesting elsewhere in this file.");
          } else {
            error(next.range(), "Missing item separator", "Expected a comma to mark the beginning of the next item.");
          }
        }
        close = recover(Tok::CBrack);
        break;
      }
      read();  // comma
    }
    auto* tuple = make<ast::TupleExpr>(ast::ExprKind::Tuple, Range::between(open.range(), close.range()));
    tuple->items = tail(expr_stack_, mark);
    tuple->constant = std::ranges::all_of(tuple->items, ast::is_constant);
    result = tuple;
  }
  pop_newlines();
  leave_nesting();
  return result;
}

ast::Expr* Parser::parse_object() {
  Token open = read();
  if (!enter_nesting()) return placeholder(open.range());
  // `for` is looked for with newlines ignored; items are newline-separated.
  push_newlines(false);
  bool is_for = is_keyword(peek(), "for");
  pop_newlines();
  if (is_for) {
    ast::Expr* e = parse_for(open);
    leave_nesting();
    return e;
  }
  push_newlines(true);
  size_t mark = item_stack_.size();
  Token close;
  for (;;) {
    Token next = peek();
    if (next.type == Tok::Newline) {
      read();
      continue;
    }
    if (next.type == Tok::CBrace) {
      close = read();
      break;
    }
    ast::ObjectKeyExpr* key_expr;
    if (bare_name_key(next)) {
      read();
      key_expr = make<ast::ObjectKeyExpr>(ast::ExprKind::ObjectKey, next.range());
      key_expr->name = bytes(next);
    } else {
      bool force_non_literal = next.type == Tok::OParen;
      size_t before = error_total_;
      ast::Expr* key = parse_expression();
      if (recovery_ && error_total_ > before) {
        close = recover(Tok::CBrace);
        break;
      }
      key_expr = make<ast::ObjectKeyExpr>(ast::ExprKind::ObjectKey, key->range);
      key_expr->wrapped = key;
      key_expr->force_non_literal = force_non_literal;
    }
    next = peek();
    if (next.type != Tok::Equal && next.type != Tok::Colon) {
      if (!recovery_) {
        switch (next.type) {
          case Tok::Newline:
          case Tok::Comma:
            error(next.range(), "Missing attribute value",
                  "Expected an attribute value, introduced by an equals sign (\"=\").");
            break;
          case Tok::Ident:
            error(next.range(), "Missing key/value separator",
                  "Expected an equals sign (\"=\") to mark the beginning of the attribute value. If you intended to "
                  "given an attribute name containing periods or spaces, write the name in quotes to create a string "
                  "literal.");
            break;
          case Tok::Eof:
            error(open.range(), "Unterminated object constructor expression",
                  "There is no corresponding closing brace before the end of the file. This may be caused by incorrect "
                  "brace nesting elsewhere in this file.");
            break;
          default:
            error(next.range(), "Missing key/value separator",
                  "Expected an equals sign (\"=\") to mark the beginning of the attribute value.");
            break;
        }
      }
      close = recover(Tok::CBrace);
      break;
    }
    read();  // = or :
    size_t before = error_total_;
    ast::Expr* value = parse_expression();
    if (recovery_ && error_total_ > before) {
      close = recover(Tok::CBrace);
      break;
    }
    item_stack_.push_back({key_expr, value});
    next = peek();
    if (next.type == Tok::CBrace) {
      close = read();
      break;
    }
    if (next.type != Tok::Comma && next.type != Tok::Newline) {
      if (!recovery_) {
        if (next.type == Tok::Eof) {
          error(open.range(), "Unterminated object constructor expression",
                "There is no corresponding closing brace before the end of the file. This may be caused by incorrect "
                "brace nesting elsewhere in this file.");
        } else {
          error(next.range(), "Missing attribute separator",
                "Expected a newline or comma to mark the beginning of the next attribute.");
        }
      }
      close = recover(Tok::CBrace);
      break;
    }
    read();  // comma or newline
  }
  pop_newlines();
  leave_nesting();
  auto* object = make<ast::ObjectExpr>(ast::ExprKind::Object, Range::between(open.range(), close.range()));
  object->items = tail(item_stack_, mark);
  object->constant = std::ranges::all_of(object->items, [](const ast::ObjectItem& item) {
    auto* key = static_cast<const ast::ObjectKeyExpr*>(item.key);
    bool literal_key = !key->wrapped || key->wrapped->kind == ast::ExprKind::Literal;
    return literal_key && ast::is_constant(item.value);
  });
  return object;
}

ast::Expr* Parser::parse_for(Token open) {
  push_newlines(false);
  read();  // for
  bool make_object = open.type == Tok::OBrace;
  Tok close_type = make_object ? Tok::CBrace : Tok::CBrack;
  auto fail = [&](std::string_view detail) -> ast::Expr* {
    if (!recovery_ && !detail.empty()) {
      error(next_range(), "Invalid 'for' expression", std::string(detail));
    }
    Token close = recover(close_type);
    pop_newlines();
    return placeholder(Range::between(open.range(), close.range()));
  };
  std::string_view key_name, value_name;
  if (peek().type != Tok::Ident) return fail("For expression requires variable name after 'for'.");
  value_name = bytes(read());
  if (peek().type == Tok::Comma) {
    key_name = value_name;
    read();
    if (peek().type != Tok::Ident) return fail("For expression requires value variable name after comma.");
    value_name = bytes(read());
  }
  if (!is_keyword(peek(), "in")) return fail("For expression requires the 'in' keyword after its name declarations.");
  read();
  size_t before = error_total_;
  ast::Expr* collection = parse_expression();
  if (recovery_ && error_total_ > before) return fail("");
  if (peek().type != Tok::Colon) return fail("For expression requires a colon after the collection expression.");
  read();
  ast::Expr* key = nullptr;
  before = error_total_;
  ast::Expr* value = parse_expression();
  if (peek().type == Tok::FatArrow) {
    read();
    key = value;
    value = parse_expression();
  }
  if (recovery_ && error_total_ > before) return fail("");
  bool group = false;
  Token ellipsis;
  if (peek().type == Tok::Ellipsis) {
    ellipsis = read();
    group = true;
  }
  ast::Expr* condition = nullptr;
  if (is_keyword(peek(), "if")) {
    read();
    before = error_total_;
    condition = parse_expression();
    if (recovery_ && error_total_ > before) return fail("");
  }
  Token close;
  if (peek().type == close_type) {
    close = read();
  } else {
    if (!recovery_) error(next_range(), "Invalid 'for' expression", "Extra characters after the end of the 'for' expression.");
    close = recover(close_type);
  }
  if (!make_object) {
    if (key) error(key->range, "Invalid 'for' expression", "Key expression is not valid when building a tuple.");
    if (group) {
      error(ellipsis.range(), "Invalid 'for' expression", "Grouping ellipsis (...) cannot be used when building a tuple.");
    }
  } else if (!key) {
    error(value->range, "Invalid 'for' expression", "Key expression is required when building an object.");
  }
  pop_newlines();
  auto* e = make<ast::ForExpr>(ast::ExprKind::For, Range::between(open.range(), close.range()));
  e->key_var = key_name;
  e->value_var = value_name;
  e->collection = collection;
  e->key = key;
  e->value = value;
  e->condition = condition;
  e->group = group;
  e->open_bracket = open.range();
  e->close_bracket = close.range();
  return e;
}

}  // namespace hcl

// ---------------------------------------------------------------- entry points

namespace {

struct Scratch {
  hcl::TokenBuffer tokens;
  std::vector<Comment> comments;  // of templates, which keep none
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

}  // namespace

std::unique_ptr<ParsedFile> parse_hcl(const SourceFile& source) {
  auto file = std::make_unique<ParsedFile>();
  file->source = &source;
  file->syntax = Syntax::HclNative;
  hcl::TokenBuffer& tokens = scratch().tokens;
  hcl::LexResult lexed = hcl::lex(source.text(), 0, hcl::LexMode::Config, tokens, &file->comments);
  hcl::Parser parser(&source, source.text(), 0, tokens.data(), lexed.count, file->arena, file->errors);
  if (lexed.has_invalid_tokens) parser.check_invalid_tokens();
  file->body = parser.parse_body(hcl::Tok::Eof);
  return file;
}

std::unique_ptr<ParsedFile> parse_template(const SourceFile& source) {
  auto file = std::make_unique<ParsedFile>();
  file->source = &source;
  file->syntax = Syntax::Template;
  hcl::TokenBuffer& tokens = scratch().tokens;
  std::vector<Comment>& comments = scratch().comments;
  comments.clear();
  hcl::LexResult lexed = hcl::lex(source.text(), 0, hcl::LexMode::Template, tokens, &comments);
  hcl::Parser parser(&source, source.text(), 0, tokens.data(), lexed.count, file->arena, file->errors);
  if (lexed.has_invalid_tokens) parser.check_invalid_tokens();
  file->root = parser.parse_template(hcl::Tok::Eof, false, {0, 0}).expr;
  return file;
}

ast::Expr* parse_template_fragment(std::string_view text, uint32_t base, ast::Arena& arena,
                                   std::vector<SyntaxError>& errors) {
  // The lexer reads a few bytes past the end; fragments are not padded.
  std::string padded(text);
  padded.append(SourceFile::kPadding, '\0');
  std::string_view copy = arena.copy(std::string_view(padded));
  std::string_view body = copy.substr(0, text.size());
  hcl::TokenBuffer tokens;
  std::vector<Comment> comments;
  hcl::LexResult lexed = hcl::lex(body, base, hcl::LexMode::Template, tokens, &comments);
  hcl::Parser parser(nullptr, body, base, tokens.data(), lexed.count, arena, errors);
  if (lexed.has_invalid_tokens) parser.check_invalid_tokens();
  return parser.parse_template(hcl::Tok::Eof, false, {base, base}).expr;
}

}  // namespace ecslint::grammar
