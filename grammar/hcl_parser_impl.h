// Internal to the HCL native-syntax front end: the recursive-descent parser
// shared by hcl_parser.cpp (bodies, expressions) and hcl_template.cpp
// (template parts, heredoc flushing, directives).
//
// The parser is a close port of HashiCorp's hclsyntax parser (v2.14.1, the
// version Terraform's users meet most), including its newline-sensitivity
// stack, its recovery rules and its diagnostic wording, because the first
// error of a file must be reported exactly where Terraform reports it.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/ast.h"
#include "grammar/hcl_lexer.h"
#include "grammar/syntax.h"

namespace ecslint::grammar::hcl {

// Go's strconv.Quote.
std::string go_quote(std::string_view text);
// Go's big.Float.Text('g', -1) of a valid HCL number literal, worked out on
// its decimal digits (the oracle dump prints numbers this way).
std::string go_number_text(std::string_view literal);

// A template "token" as HashiCorp's parseTemplateParts produces them: a
// literal (decoded, trimmed), an interpolation, or a directive marker.
struct TemplatePart {
  enum Kind : uint8_t { Literal, Interp, If, For, Else, EndIf, EndFor, End };
  Kind kind = Literal;
  Range range;
  std::string_view text;        // Literal: the decoded value
  ast::Expr* expr = nullptr;    // Interp: the expression; If: condition; For: collection
  std::string_view key_var;     // For
  std::string_view value_var;   // For
};

struct TemplateResult {
  ast::Expr* expr = nullptr;  // a TemplateExpr or TemplateWrapExpr
  // Literal tokens before melding; HashiCorp v2.14 treats `a["k"]` as a
  // static traversal step only when the key template is one literal token.
  size_t literal_tokens = 0;
  size_t parts = 0;
};

struct ParserScratch {
  std::vector<ast::Attribute> attrs;
  std::vector<uint32_t> attr_hashes;  // of attrs' names, one per body attribute
  std::vector<ast::Block> blocks;
  std::vector<ast::BlockLabel> labels;
  std::vector<ast::Expr*> exprs;
  std::vector<ast::ObjectItem> items;
  std::vector<ast::TraversalStep> steps;
  std::vector<TemplatePart> parts;
  std::string text;
  std::string decoded;
  bool in_use = false;
};

// No traversal root waiting on the parser's step stack (see name_term()).
inline constexpr size_t kNoPendingRoot = std::numeric_limits<size_t>::max();

class Parser {
 public:
  // `source` may be null (template fragments of JSON strings); `text` holds
  // the bytes that token offsets minus `base` index. The tokens come from
  // lex() with a comment list: the stream holds no Comment tokens, and
  // tokens[token_count] is readable (a copy of the Eof token).
  Parser(const SourceFile* source, std::string_view text, uint32_t base, const Token* tokens, size_t token_count,
         ast::Arena& arena, std::vector<SyntaxError>& errors);
  ~Parser();
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  void check_invalid_tokens();
  ast::Body* parse_body(Tok end);
  ast::Expr* parse_expression();
  // A whole template up to `end` (Eof for standalone templates).
  TemplateResult parse_template(Tok end, bool flush_heredoc, Range open);

 private:
  friend class TemplateBuilder;
  struct Peeked {
    Token token;
    size_t next;
  };

  // ---- peeker (HashiCorp's peeker.go)
  // The next token is the one at next_ unless it is a newline that the
  // current context skips, or the stream has ended (Eof repeats: next_ is
  // token_count_ once Eof was read, where lex() left a copy of it). A peek
  // or read is a few instructions, and there are three of them per token.
  Peeked next_token() const;
  [[gnu::always_inline]] Token peek() const {
    const Token& t = tokens_[next_];
    return t.type != skipped_ ? t : next_token().token;
  }
  [[gnu::always_inline]] Token read() {
    const Token& t = tokens_[next_];
    if (t.type != skipped_ && t.type != Tok::Eof) {
      ++next_;
      return t;
    }
    return read_slow();
  }
  Token read_slow();
  Range prev_range() const;
  Range next_range() const { return peek().range(); }
  void push_newlines(bool include) {
    include_newlines_.push_back(include ? 1 : 0);
    skipped_ = include ? Tok::Nil : Tok::Newline;
  }
  void pop_newlines() {
    include_newlines_.pop_back();
    skipped_ = include_newlines_.back() != 0 ? Tok::Nil : Tok::Newline;
  }
  // Whether newlines are tokens in the current context (not inside brackets).
  bool newlines_count() const { return skipped_ != Tok::Newline; }
  std::string_view bytes(const Token& t) const { return text_.substr(t.begin - base_, t.end - t.begin); }
  std::string_view bytes(Range r) const { return text_.substr(r.begin - base_, r.end - r.begin); }
  bool is_keyword(const Token& t, std::string_view word) const { return t.type == Tok::Ident && bytes(t) == word; }

  // ---- diagnostics and recovery
  void error(Range subject, std::string_view summary, std::string detail);
  std::string describe(Range r) const;  // "file:1,2-5" as hcl.Range.String()
  Token recover(Tok end);
  void recover_after_body_item();
  bool enter_nesting();
  void leave_nesting() { --depth_; }

  // ---- structure
  bool parse_body_item(size_t attr_mark);
  ast::Attribute finish_attribute(Token ident, bool single_line);
  ast::Block finish_block(Token ident);
  ast::Body* parse_single_attr_body();
  ast::Body* empty_body(Range range);
  bool parse_quoted_string_literal(std::string_view* value, Range* range);
  void add_attribute(const ast::Attribute& attr, size_t attr_mark);

  // ---- expressions
  ast::Expr* parse_ternary();
  ast::Expr* parse_binary(int min_level);
  ast::Expr* parse_with_traversals();
  // `pending_root`: the index on step_stack_ of `from`'s root step, when
  // name_term() left it there for the steps that follow (kNoPendingRoot: none).
  ast::Expr* parse_traversals(ast::Expr* from, size_t pending_root = kNoPendingRoot);
  ast::Expr* parse_term(size_t* pending_root = nullptr);
  ast::Expr* parse_paren();
  ast::Expr* parse_function_call(Token name);
  ast::Expr* parse_tuple();
  ast::Expr* parse_object();
  ast::Expr* parse_for(Token open);
  ast::Expr* parse_template_term();
  ast::Expr* parse_simple_string(Token open);
  bool bare_name_key(const Token& next) const;
  ast::Expr* placeholder(Range r);
  ast::Literal number_value(Token tok);
  ast::Expr* number_term(Token tok);
  // With `pending_root`, a traversal's root step stays on step_stack_ (its
  // index goes there) for parse_traversals() to copy with the steps after it.
  ast::Expr* name_term(Token tok, size_t* pending_root = nullptr);
  // The `count` tokens from next_ on, a name followed by `.attribute`s, as
  // the traversal the general path would make of them.
  ast::Expr* attribute_traversal(size_t count);

  // ---- templates (hcl_template.cpp)
  void parse_template_parts(Tok end, Range* whole);
  void parse_interp_part(Token open, Tok end, Range start_range, bool* ltrim_next);
  void parse_control_part(Token open, bool* ltrim_next);
  std::string_view decode_literal(Token tok, bool quoted);
  void flush_heredoc(size_t mark);
  // Joins each run of literal parts from `mark` into one part.
  void join_literal_runs(size_t mark);

  // Copies stack[mark, end) into the arena and truncates the stack.
  template <typename T>
  std::span<T> tail(std::vector<T>& stack, size_t mark) {
    std::span<T> out = arena_.copy(std::span<const T>(stack.data() + mark, stack.size() - mark));
    stack.resize(mark);
    return out;
  }

  template <typename T>
  T* make(ast::ExprKind kind, Range range) {
    T* node = arena_.make<T>();
    node->kind = kind;
    node->range = range;
    return node;
  }

  const SourceFile* source_;
  std::string_view text_;
  uint32_t base_;
  const Token* tokens_;
  size_t token_count_;
  size_t next_ = 0;
  ast::Arena& arena_;
  std::vector<SyntaxError>& errors_;
  size_t error_total_ = 0;  // counts past kMaxErrors, so sub-parses can tell whether they failed
  bool recovery_ = false;
  int depth_ = 0;
  // The last template that was a single literal token (`"k"`): an index with
  // such a key is a static traversal step in HCL v2.14.
  const ast::Expr* single_literal_template_ = nullptr;
  std::vector<uint8_t> include_newlines_{1};
  // What peek() steps over: Newline when include_newlines_.back() is 0,
  // otherwise Nil (no token has that type). Read on every peek.
  Tok skipped_ = Tok::Nil;

  // Scratch stacks: a construct pushes its children, then copies its slice
  // [mark, end) into the arena and truncates. Nesting keeps the discipline.
  // They live per thread and are reused from file to file.
  std::unique_ptr<ParserScratch> own_scratch_;  // only when the thread's is busy
  ParserScratch& space_;
  std::vector<ast::Attribute>& attr_stack_ = space_.attrs;
  std::vector<uint32_t>& attr_hash_stack_ = space_.attr_hashes;
  std::vector<ast::Block>& block_stack_ = space_.blocks;
  std::vector<ast::BlockLabel>& label_stack_ = space_.labels;
  std::vector<ast::Expr*>& expr_stack_ = space_.exprs;
  std::vector<ast::ObjectItem>& item_stack_ = space_.items;
  std::vector<ast::TraversalStep>& step_stack_ = space_.steps;
  std::vector<TemplatePart>& part_stack_ = space_.parts;
  std::string& scratch_ = space_.text;
  std::string& decode_buffer_ = space_.decoded;
};

}  // namespace ecslint::grammar::hcl
