// Templates: quoted strings, heredocs and standalone template files
// (HashiCorp's parser_template.go).
//
// Parsing runs in two passes as in HCL: the token stream is first raised to
// template parts (literals with escapes decoded and strip markers applied,
// interpolations, directive markers), `<<-` heredocs are flushed on those
// parts, and then directives are matched into ConditionalExpr and
// TemplateJoinExpr nodes. Adjacent literals are melded (as HCL >= 2.16 does).
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "grammar/hcl_parser_impl.h"

namespace ecslint::grammar::hcl {

namespace {

uint32_t decode_at(std::string_view s, size_t i, uint32_t* cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  int len = utf8_sequence(p, reinterpret_cast<const unsigned char*>(s.data()) + s.size(), cp);
  if (len == 0) {
    *cp = 0xFFFD;
    return 1;
  }
  return uint32_t(len);
}

// strings.TrimLeftFunc(s, unicode.IsSpace)
std::string_view trim_left_space(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    uint32_t cp;
    uint32_t len = decode_at(s, i, &cp);
    if (!is_unicode_space(cp)) break;
    i += len;
  }
  return s.substr(i);
}

// strings.TrimRightFunc(s, unicode.IsSpace)
std::string_view trim_right_space(std::string_view s) {
  size_t end = s.size();
  while (end > 0) {
    size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80 && end - start < 4) --start;
    uint32_t cp;
    uint32_t len = decode_at(s, start, &cp);
    if (start + len != end) { cp = 0xFFFD; start = end - 1; }
    if (!is_unicode_space(cp)) break;
    end = start;
  }
  return s.substr(0, end);
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

size_t levenshtein(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string_view directive_name(TemplatePart::Kind kind) {
  switch (kind) {
    case TemplatePart::EndIf: return "endif";
    case TemplatePart::Else: return "else";
    default: return "endfor";
  }
}

}  // namespace

// ---------------------------------------------------------------- literals

// The value of a literal token: a view into the source unless escapes had to
// be decoded (then a copy in the arena).
std::string_view Parser::decode_literal(Token tok, bool quoted) {
  std::string_view s = bytes(tok);
  bool plain;
  if (quoted) {
    // The lexer ends a quoted literal run at `$` and `%` unless a backslash
    // takes one along: only an escape token (`$${`, `%%{`) starts with one.
    plain = (s.empty() || (s[0] != '$' && s[0] != '%')) && std::memchr(s.data(), '\\', s.size()) == nullptr;
  } else {
    // Heredoc text: the rest of a file the scanner gave up on is one token.
    plain = std::memchr(s.data(), '$', s.size()) == nullptr && std::memchr(s.data(), '%', s.size()) == nullptr;
  }
  if (plain) return s;
  std::string& out = decode_buffer_;
  out.clear();
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if ((c == '$' || c == '%') && i + 2 < s.size() + 0 && s[i + 1] == c && s[i + 2] == '{') {
      out += c;
      out += '{';
      i += 3;
      continue;
    }
    if (c != '\\' || !quoted) {
      out += c;
      ++i;
      continue;
    }
    Range at{uint32_t(tok.begin + i), uint32_t(tok.begin + i + 1)};
    if (i + 1 >= s.size()) {
      error(at, "Invalid escape sequence", "Backslash must be followed by an escape sequence selector character.");
      out += c;
      ++i;
      continue;
    }
    char sel = s[i + 1];
    switch (sel) {
      case 'n': out += '\n'; i += 2; continue;
      case 'r': out += '\r'; i += 2; continue;
      case 't': out += '\t'; i += 2; continue;
      case '"': out += '"'; i += 2; continue;
      case '\\': out += '\\'; i += 2; continue;
      default: break;
    }
    if (sel == 'u' || sel == 'U') {
      size_t want = sel == 'u' ? 4 : 8;
      size_t j = i + 2;
      while (j < s.size() && j - (i + 2) < want && is_hex(s[j])) ++j;
      at.end = uint32_t(tok.begin + j);
      std::string_view slice = s.substr(i, j - i);
      if (j - (i + 2) != want) {
        error(at, "Invalid escape sequence",
              sel == 'u' ? "The \\u escape sequence must be followed by four hexadecimal digits."
                         : "The \\U escape sequence must be followed by eight hexadecimal digits.");
        out.append(slice);
        i = j;
        continue;
      }
      uint32_t cp = uint32_t(std::stoul(std::string(slice.substr(2)), nullptr, 16));
      if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        error(at, "Invalid escape sequence", fmt::format("Cannot encode character U+{:04x} in UTF-8.", cp));
        out.append(slice);
      } else {
        append_utf8(out, cp);
      }
      i = j;
      continue;
    }
    uint32_t cp;
    uint32_t len = decode_at(s, i + 1, &cp);
    std::string_view symbol = s.substr(i + 1, len);
    at.end = uint32_t(tok.begin + i + 1 + len);
    error(at, "Invalid escape sequence",
          fmt::format("The symbol {} is not a valid escape sequence selector.", go_quote(symbol)));
    out.append(symbol);
    i += 1 + len;
  }
  return arena_.copy(std::string_view(out));
}

// ---------------------------------------------------------------- parts

// `"text"` without sequences, by far the most common template: a quoted
// literal (see ast::Literal::quoted), whose value is what the general path
// below gives.
ast::Expr* Parser::parse_simple_string(Token open) {
  const Token& first = tokens_[next_];
  std::string_view text;
  Token close;
  if (first.type == Tok::CQuote) {
    close = first;
    next_ += 1;
  } else {
    close = tokens_[next_ + 1];
    text = decode_literal(first, true);
    next_ += 2;
  }
  auto* lit = make<ast::LiteralExpr>(ast::ExprKind::Literal, Range::between(open.range(), close.range()));
  lit->value.type = ast::LiteralType::String;
  lit->value.quoted = true;
  lit->value.text = text;
  return lit;
}

ast::Expr* Parser::parse_template_term() {
  Token open = read();
  if (open.type == Tok::OQuote && next_ + 1 < token_count_ &&
      (tokens_[next_].type == Tok::CQuote ||
       (tokens_[next_].type == Tok::QuotedLit && tokens_[next_ + 1].type == Tok::CQuote))) {
    return parse_simple_string(open);
  }
  if (!enter_nesting()) return placeholder(open.range());
  Tok closer = open.type == Tok::OQuote ? Tok::CQuote : Tok::CHeredoc;
  bool flush = open.type == Tok::OHeredoc && bytes(open).starts_with("<<-");
  TemplateResult result = parse_template(closer, flush, open.range());
  leave_nesting();
  if (result.parts == 1 && result.literal_tokens == 1) single_literal_template_ = result.expr;
  return result.expr;
}

void Parser::parse_template_parts(Tok end, Range* whole) {
  Range start_range = next_range();
  Range end_range;
  size_t mark = part_stack_.size();
  bool ltrim_next = false;
  bool next_can_trim_prev = false;
  for (;;) {
    Token next = read();
    if (next.type == end) {
      end_range = next.range();
      break;
    }
    bool ltrim = ltrim_next;
    ltrim_next = false;
    bool can_trim_prev = next_can_trim_prev;
    next_can_trim_prev = false;
    switch (next.type) {
      case Tok::StringLit:
      case Tok::QuotedLit: {
        std::string_view text = decode_literal(next, next.type == Tok::QuotedLit);
        if (ltrim) text = trim_left_space(text);
        TemplatePart part;
        part.kind = TemplatePart::Literal;
        part.range = next.range();
        part.text = text;
        part_stack_.push_back(part);
        next_can_trim_prev = true;
        continue;
      }
      case Tok::TemplateInterp:
      case Tok::TemplateControl: {
        // `${~` / `%{~` strip the whitespace that ends the literal just before.
        std::string_view opener = bytes(next);
        if (can_trim_prev && opener.size() == 3 && opener[2] == '~' && part_stack_.size() > mark &&
            part_stack_.back().kind == TemplatePart::Literal) {
          part_stack_.back().text = trim_right_space(part_stack_.back().text);
        }
        if (next.type == Tok::TemplateInterp) {
          parse_interp_part(next, end, start_range, &ltrim_next);
        } else {
          parse_control_part(next, &ltrim_next);
        }
        continue;
      }
      default:
        if (!recovery_) error(next.range(), "Unterminated template string", "No closing marker was found for the string.");
        end_range = recover(end).range();
        break;
    }
    break;
  }
  if (part_stack_.size() == mark) {
    // "" is one empty literal, placed (as HCL does) at the end of the token after the opener.
    TemplatePart empty;
    empty.range = {start_range.end, start_range.end};
    part_stack_.push_back(empty);
  }
  TemplatePart end_part;
  end_part.kind = TemplatePart::End;
  end_part.range = end_range;
  part_stack_.push_back(end_part);
  *whole = Range::between(start_range, end_range);
}

void Parser::parse_interp_part(Token open, Tok end, Range start_range, bool* ltrim_next) {
  push_newlines(false);
  ast::Expr* expr = parse_expression();
  Token close = peek();
  if (close.type != Tok::TemplateSeqEnd) {
    if (!recovery_) {
      if (close.type == Tok::Eof) {
        error(start_range, "Unclosed template interpolation sequence",
              "There is no closing brace for this interpolation sequence before the end of the file. This might be "
              "caused by incorrect nesting inside the given expression.");
      } else if (close.type == Tok::Colon) {
        error(close.range(), "Extra characters after interpolation expression",
              "Template interpolation doesn't expect a colon at this location. Did you intend this to be a literal "
              "sequence to be processed as part of another language? If so, you can escape it by starting with "
              "\"$${\" instead of just \"${\".");
      } else if ((close.type == Tok::CQuote || close.type == Tok::OQuote) && end == Tok::CQuote) {
        error(start_range, "Unclosed template interpolation sequence",
              "There is no closing brace for this interpolation sequence before the end of the quoted template. This "
              "might be caused by incorrect nesting inside the given expression.");
      } else {
        error(close.range(), "Extra characters after interpolation expression",
              "Expected a closing brace to end the interpolation expression, but found extra characters.\n\nThis can "
              "happen when you include interpolation syntax for another language, such as shell scripting, but "
              "forget to escape the interpolation start token. If this is an embedded sequence for another language, "
              "escape it by starting with \"$${\" instead of just \"${\".");
      }
    }
    recover(Tok::TemplateSeqEnd);
  } else {
    read();
    if (bytes(close).size() == 2 && bytes(close)[0] == '~') *ltrim_next = true;
  }
  pop_newlines();
  TemplatePart part;
  part.kind = TemplatePart::Interp;
  part.range = Range::between(open.range(), close.range());
  part.expr = expr;
  part_stack_.push_back(part);
}

void Parser::parse_control_part(Token open, bool* ltrim_next) {
  push_newlines(false);
  auto give_up = [&] {
    recover(Tok::TemplateSeqEnd);
    pop_newlines();
  };
  Token kw = peek();
  if (kw.type != Tok::Ident) {
    if (!recovery_) {
      error(kw.range(), "Invalid template directive",
            "A template directive keyword (\"if\", \"for\", etc) is expected at the beginning of a %{ sequence.");
    }
    give_up();
    return;
  }
  read();
  std::string_view word = bytes(kw);
  TemplatePart part;
  if (word == "if") {
    part.kind = TemplatePart::If;
    part.expr = parse_expression();
  } else if (word == "else" || word == "endif" || word == "endfor") {
    part.kind = word == "else" ? TemplatePart::Else : word == "endif" ? TemplatePart::EndIf : TemplatePart::EndFor;
  } else if (word == "for") {
    auto fail = [&](std::string_view detail) {
      if (!recovery_) error(next_range(), "Invalid 'for' directive", std::string(detail));
      give_up();
    };
    if (peek().type != Tok::Ident) return fail("For directive requires variable name after 'for'.");
    part.value_var = bytes(read());
    if (peek().type == Tok::Comma) {
      part.key_var = part.value_var;
      read();
      if (peek().type != Tok::Ident) return fail("For directive requires value variable name after comma.");
      part.value_var = bytes(read());
    }
    if (!is_keyword(peek(), "in")) return fail("For directive requires 'in' keyword after names.");
    read();
    part.kind = TemplatePart::For;
    part.expr = parse_expression();
  } else {
    if (!recovery_) {
      std::string suggestion;
      for (std::string_view candidate : {"if", "for", "else", "endif", "endfor"}) {
        if (levenshtein(word, candidate) < 3) {
          suggestion = fmt::format(" Did you mean {}?", go_quote(candidate));
          break;
        }
      }
      error(kw.range(), "Invalid template control keyword",
            fmt::format("{} is not a valid template control keyword.{}", go_quote(word), suggestion));
    }
    give_up();
    return;
  }
  part.range = Range::between(open.range(), next_range());
  part_stack_.push_back(part);
  Token close = peek();
  if (close.type != Tok::TemplateSeqEnd) {
    if (!recovery_) {
      error(close.range(), fmt::format("Extra characters in {} marker", word),
            "Expected a closing brace to end the sequence, but found extra characters.");
    }
    recover(Tok::TemplateSeqEnd);
  } else {
    read();
    if (bytes(close).size() == 2 && bytes(close)[0] == '~') *ltrim_next = true;
  }
  pop_newlines();
}

// The builder melds adjacent literals pairwise, which copies the text so far
// at every step: a heredoc of JSON with a `$${` escape on every line is
// thousands of literal parts, and quadratic. A run is joined here once: a
// view when its pieces lie end to end (in the source), else one copy.
void Parser::join_literal_runs(size_t mark) {
  size_t out = mark;
  for (size_t i = mark; i < part_stack_.size();) {
    size_t end = i + 1;
    while (part_stack_[i].kind == TemplatePart::Literal && end < part_stack_.size() &&
           part_stack_[end].kind == TemplatePart::Literal)
      ++end;
    TemplatePart joined = part_stack_[i];
    if (end - i > 1) {
      joined.range = Range::between(part_stack_[i].range, part_stack_[end - 1].range);
      size_t total = 0, pieces = 0;
      bool end_to_end = true;
      const char* next = nullptr;
      for (size_t k = i; k < end; ++k) {
        std::string_view text = part_stack_[k].text;
        if (text.empty()) continue;  // as the builder's meld: an empty piece joins nothing
        if (pieces++ == 0) joined.text = text;
        else end_to_end = end_to_end && text.data() == next;
        next = text.data() + text.size();
        total += text.size();
      }
      if (pieces > 1 && end_to_end) {
        joined.text = {joined.text.data(), total};
      } else if (pieces > 1) {
        char* copy = static_cast<char*>(arena_.allocate_bytes(total));
        size_t at = 0;
        for (size_t k = i; k < end; ++k) {
          std::string_view text = part_stack_[k].text;
          std::copy(text.begin(), text.end(), copy + at);
          at += text.size();
        }
        joined.text = {copy, total};
      }
    }
    part_stack_[out++] = joined;
    i = end;
  }
  part_stack_.resize(out);
}

// `<<-`: remove the smallest indentation among line-leading literals from
// each of them. Computed on parts, after strip markers, as HCL does.
void Parser::flush_heredoc(size_t mark) {
  constexpr size_t kMax = std::numeric_limits<size_t>::max();
  size_t min_spaces = kMax;
  bool newline = true;
  std::vector<size_t> adjust;
  for (size_t i = mark; i < part_stack_.size(); ++i) {
    const TemplatePart& part = part_stack_[i];
    if (newline) {
      newline = false;
      size_t spaces = 0;
      if (part.kind == TemplatePart::Literal) {
        std::string_view trimmed = trim_left_space(part.text);
        if (trimmed.empty() && part.text.ends_with('\n')) {
          spaces = kMax;  // a blank line does not count
        } else {
          spaces = grapheme_count(part.text.substr(0, part.text.size() - trimmed.size()));
          adjust.push_back(i);
        }
      } else if (part.kind == TemplatePart::End) {
        break;
      }
      min_spaces = std::min(min_spaces, spaces);
    }
    if (part.kind == TemplatePart::Literal && part.text.ends_with('\n')) newline = true;
  }
  for (size_t i : adjust) {
    TemplatePart& part = part_stack_[i];
    size_t cut = 0;
    for (size_t n = 0; n < min_spaces && cut < part.text.size(); ++n) {
      if (part.text[cut] == '\r' && cut + 1 < part.text.size() && part.text[cut + 1] == '\n') {
        cut += 2;
        continue;
      }
      uint32_t cp;
      cut += decode_at(part.text, cut, &cp);
    }
    part.text = part.text.substr(cut);
    part.range.begin += uint32_t(cut);
  }
}

// ---------------------------------------------------------------- directives

// Turns the parts [mark, End] into expressions (HCL's templateParser).
class TemplateBuilder {
 public:
  // Parts start at part_stack_[mark]; expressions go on expr_stack_ above `floor`.
  TemplateBuilder(Parser& p, size_t mark, size_t floor) : p_(p), pos_(mark), floor_(floor) {}

  // Pushes the root expressions onto the parser's expr_stack_.
  void parse_root() {
    while (part().kind != TemplatePart::End) add(parse_expr());
  }

 private:
  const TemplatePart& part() const { return p_.part_stack_[pos_]; }

  void add(ast::Expr* e) {
    auto& stack = p_.expr_stack_;
    // Runs of template text meld; an interpolated "string" (a quoted
    // literal) stays a part of its own, as the template it is in HCL.
    auto text_part = [](const ast::Expr* x) {
      const auto* lit = ast::as<ast::LiteralExpr>(x);
      return lit && lit->value.type == ast::LiteralType::String && !lit->value.quoted ? lit : nullptr;
    };
    const ast::LiteralExpr* lit = text_part(e);
    if (lit && stack.size() > floor_) {
      auto* prev = const_cast<ast::LiteralExpr*>(text_part(stack.back()));
      if (prev) {
        prev->value.text = meld(prev->value.text, lit->value.text);
        prev->range = Range::between(prev->range, lit->range);
        return;
      }
    }
    stack.push_back(e);
  }

  std::string_view meld(std::string_view a, std::string_view b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    if (a.data() + a.size() == b.data()) return {a.data(), a.size() + b.size()};
    std::string joined;
    joined.reserve(a.size() + b.size());
    joined.append(a).append(b);
    return p_.arena_.copy(std::string_view(joined));
  }

  ast::Expr* string_literal(std::string_view text, Range range) {
    auto* lit = p_.make<ast::LiteralExpr>(ast::ExprKind::Literal, range);
    lit->value.type = ast::LiteralType::String;
    lit->value.text = text;
    return lit;
  }

  ast::Expr* parse_expr() {
    const TemplatePart& t = part();
    switch (t.kind) {
      case TemplatePart::Literal: ++pos_; return string_literal(t.text, t.range);
      case TemplatePart::Interp: ++pos_; return t.expr;
      case TemplatePart::If: return parse_if();
      case TemplatePart::For: return parse_for();
      default:
        ++pos_;
        p_.error(t.range, fmt::format("Unexpected {} directive", directive_name(t.kind)),
                 "The control directives within this template are unbalanced.");
        return p_.placeholder(t.range);
    }
  }

  // Collects expressions until a directive end; returns that part's index or
  // SIZE_MAX at the end of the template.
  size_t collect_until_directive_end() {
    while (part().kind != TemplatePart::End) {
      TemplatePart::Kind k = part().kind;
      if (k == TemplatePart::Else || k == TemplatePart::EndIf || k == TemplatePart::EndFor) return pos_++;
      add(parse_expr());
    }
    return std::numeric_limits<size_t>::max();
  }

  ast::TemplateExpr* finish_list(size_t mark, Range empty_at) {
    auto& stack = p_.expr_stack_;
    if (stack.size() == mark) stack.push_back(string_literal({}, empty_at));
    auto* tmpl = p_.make<ast::TemplateExpr>(ast::ExprKind::Template, Range::between(stack[mark]->range, stack.back()->range));
    tmpl->parts = p_.tail(stack, mark);
    return tmpl;
  }

  ast::Expr* parse_if() {
    const TemplatePart open = part();
    ++pos_;
    size_t saved_floor = floor_;
    size_t if_mark = p_.expr_stack_.size();
    floor_ = if_mark;
    ast::TemplateExpr* true_result = nullptr;
    Range endif_range;
    for (;;) {
      size_t end = collect_until_directive_end();
      if (end == std::numeric_limits<size_t>::max()) {
        const TemplatePart& eof = part();
        p_.error(eof.range, "Unexpected end of template",
                 fmt::format("The if directive at {} is missing its corresponding endif directive.", p_.describe(open.range)));
        return abandon(if_mark, saved_floor, eof.range);
      }
      const TemplatePart& directive = p_.part_stack_[end];
      if (directive.kind == TemplatePart::Else && !true_result) {
        true_result = finish_list(if_mark, {open.range.end, open.range.end});
        continue;
      }
      if (directive.kind == TemplatePart::EndIf) {
        endif_range = directive.range;
        break;
      }
      if (directive.kind == TemplatePart::Else) {
        p_.error(directive.range, "Unexpected else directive",
                 fmt::format("Already in the else clause for the if started at {}.", p_.describe(open.range)));
      } else {
        p_.error(directive.range, fmt::format("Unexpected {} directive", directive_name(directive.kind)),
                 fmt::format("Expecting an endif directive for the if started at {}.", p_.describe(open.range)));
      }
      return abandon(if_mark, saved_floor, directive.range);
    }
    ast::TemplateExpr* false_result;
    if (!true_result) {
      true_result = finish_list(if_mark, {open.range.end, open.range.end});
      false_result = finish_list(if_mark, {endif_range.begin, endif_range.begin});
    } else {
      false_result = finish_list(if_mark, {endif_range.begin, endif_range.begin});
    }
    floor_ = saved_floor;
    auto* cond = p_.make<ast::ConditionalExpr>(ast::ExprKind::Conditional, Range::between(open.range, endif_range));
    cond->condition = open.expr;
    cond->true_result = true_result;
    cond->false_result = false_result;
    return cond;
  }

  ast::Expr* parse_for() {
    const TemplatePart open = part();
    ++pos_;
    size_t saved_floor = floor_;
    size_t mark = p_.expr_stack_.size();
    floor_ = mark;
    size_t end = collect_until_directive_end();
    if (end == std::numeric_limits<size_t>::max()) {
      const TemplatePart& eof = part();
      p_.error(eof.range, "Unexpected end of template",
               fmt::format("The for directive at {} is missing its corresponding endfor directive.", p_.describe(open.range)));
      return abandon(mark, saved_floor, eof.range);
    }
    const TemplatePart& directive = p_.part_stack_[end];
    if (directive.kind != TemplatePart::EndFor) {
      if (directive.kind == TemplatePart::Else) {
        p_.error(directive.range, "Unexpected else directive", "An else clause is not expected for a for directive.");
      } else {
        p_.error(directive.range, fmt::format("Unexpected {} directive", directive_name(directive.kind)),
                 fmt::format("Expecting an endfor directive corresponding to the for directive at {}.",
                             p_.describe(open.range)));
      }
      return abandon(mark, saved_floor, directive.range);
    }
    ast::TemplateExpr* content = finish_list(mark, {open.range.end, open.range.end});
    floor_ = saved_floor;
    Range whole = Range::between(open.range, directive.range);
    auto* each = p_.make<ast::ForExpr>(ast::ExprKind::For, whole);
    each->key_var = open.key_var;
    each->value_var = open.value_var;
    each->collection = open.expr;
    each->value = content;
    each->open_bracket = open.range;
    each->close_bracket = directive.range;
    auto* join = p_.make<ast::TemplateJoinExpr>(ast::ExprKind::TemplateJoin, whole);
    join->tuple = each;
    return join;
  }

  ast::Expr* abandon(size_t mark, size_t saved_floor, Range at) {
    p_.expr_stack_.resize(mark);
    floor_ = saved_floor;
    return p_.placeholder(at);
  }

  Parser& p_;
  size_t pos_;
  size_t floor_;  // melding never reaches below the current list's start
};

TemplateResult Parser::parse_template(Tok end, bool flush_heredoc_parts, Range open) {
  size_t mark = part_stack_.size();
  Range whole;
  parse_template_parts(end, &whole);
  if (flush_heredoc_parts) flush_heredoc(mark);

  TemplateResult result;
  result.parts = part_stack_.size() - mark - 1;  // without the End part
  for (size_t i = mark; i + 1 < part_stack_.size(); ++i) result.literal_tokens += part_stack_[i].kind == TemplatePart::Literal;
  bool passthru = result.parts == 1 && part_stack_[mark].kind == TemplatePart::Interp;
  join_literal_runs(mark);
  Range range = end == Tok::Eof ? whole : Range::between(open, prev_range());

  size_t expr_mark = expr_stack_.size();
  TemplateBuilder builder(*this, mark, expr_mark);
  builder.parse_root();
  part_stack_.resize(mark);

  if (passthru) {
    auto* wrap = make<ast::TemplateWrapExpr>(ast::ExprKind::TemplateWrap, range);
    wrap->wrapped = expr_stack_[expr_mark];
    expr_stack_.resize(expr_mark);
    result.expr = wrap;
    return result;
  }
  auto* tmpl = make<ast::TemplateExpr>(ast::ExprKind::Template, range);
  tmpl->heredoc = end == Tok::CHeredoc;
  tmpl->parts = tail(expr_stack_, expr_mark);
  result.expr = tmpl;
  return result;
}

}  // namespace ecslint::grammar::hcl
