// Builds the code view: comments and string-literal contents blanked, offsets
// kept. One small lexer with per-syntax branches; it only needs to know where
// comments and literals start and end, never what the code means.
#include <algorithm>
#include <array>

#include "analyzer/contracts/scan_support.h"

namespace ecslint::contracts::scan {
namespace {

enum class Interp : uint8_t { None, Brace, DollarBrace, HashBrace, DollarParen };

struct StringSpec {
  std::string close;        // closing delimiter
  bool escapes = true;      // a backslash escapes the next character
  bool doubled_quote = false;  // "" stands for one quote (C# verbatim, YAML '')
  Interp interp = Interp::None;
  bool multiline = true;    // an unterminated single-line literal ends at the newline
  bool keep = false;        // content stays visible (shell "...", YAML quotes)
};

struct PendingHeredoc {
  std::string id;
  bool indented = false;  // terminator may be indented (<<- <<~)
  bool keep = false;      // body is code (unquoted shell heredoc)
};

// Deep nesting (f-strings in f-strings ...) is legal but bounded in practice;
// the guard keeps hostile input from exhausting the stack.
constexpr int kMaxNesting = 64;

class Lexer {
 public:
  Lexer(LexerSyntax syntax, std::string_view text) : syntax_(syntax), text_(text) {
    view_.code.assign(text);
    init_interesting();
  }

  CodeView run() {
    size_t i = 0;
    while (i < text_.size()) {
      lex_code(i, '\0', '\0', 0);
      if (i < text_.size()) ++i;  // a stray closing bracket at top level
    }
    return std::move(view_);
  }

 private:
  char at(size_t i) const { return i < text_.size() ? text_[i] : '\0'; }
  bool starts(size_t i, std::string_view s) const { return text_.substr(std::min(i, text_.size())).starts_with(s); }
  bool prev_is_ident(size_t i) const { return i > 0 && is_ident_char(text_[i - 1]); }
  bool at_line_start(size_t i) const { return i == 0 || text_[i - 1] == '\n'; }
  bool c_comments() const {
    return syntax_ != LexerSyntax::Python && syntax_ != LexerSyntax::Ruby && syntax_ != LexerSyntax::Shell &&
           syntax_ != LexerSyntax::Yaml && syntax_ != LexerSyntax::Properties;
  }

  void blank(size_t b, size_t e) {
    for (size_t k = b; k < e && k < text_.size(); ++k)
      if (view_.code[k] != '\n') view_.code[k] = ' ';
  }

  // Characters that may start a comment, a literal or a heredoc body, or that
  // nest; everything else is skipped without a closer look (the hot loop).
  void init_interesting() {
    std::string_view chars = "\n()[]{}'\"";
    switch (syntax_) {
      case LexerSyntax::Python: chars = "\n()[]{}'\"#rRbBuUfF"; break;
      case LexerSyntax::CLike:
      case LexerSyntax::Kotlin: chars = "\n()[]{}'\"/"; break;
      case LexerSyntax::JavaScript:
      case LexerSyntax::Go: chars = "\n()[]{}'\"/`"; break;
      case LexerSyntax::Rust: chars = "\n()[]{}'\"/rb"; break;
      case LexerSyntax::CSharp: chars = "\n()[]{}'\"/@$"; break;
      case LexerSyntax::Ruby: chars = "\n()[]{}'\"`#%</="; break;
      case LexerSyntax::Shell: chars = "\n()[]{}'\"#$\\<"; break;
      case LexerSyntax::Yaml: chars = "\n()[]{}'\"#"; break;
      case LexerSyntax::Properties: chars = "\n()[]{}#!"; break;
    }
    for (char c : chars) interesting_[static_cast<unsigned char>(c)] = true;
  }

  // Lexes code from i until `close` at bracket depth 0 (or the end of text);
  // on return i is at that closing bracket.
  void lex_code(size_t& i, char open, char close, int nesting) {
    int depth = 0;
    while (i < text_.size()) {
      char c = text_[i];
      if (!interesting_[static_cast<unsigned char>(c)]) {
        ++i;
        continue;
      }
      if (close != '\0') {
        if (c == open) {
          ++depth;
        } else if (c == close) {
          if (depth == 0) return;
          --depth;
        }
      }
      if (c == '\n') {
        ++i;
        if (!pending_.empty()) lex_heredoc_bodies(i);
        continue;
      }
      if (try_comment(i) || try_string(i, nesting) || try_special(i)) continue;
      if (is_ident_char(c)) {  // a prefix letter that starts no literal: skip the identifier
        while (i < text_.size() && is_ident_char(text_[i])) ++i;
        continue;
      }
      ++i;
    }
  }

  bool try_comment(size_t& i) {
    char c = text_[i];
    bool line_comment = false;
    switch (syntax_) {
      case LexerSyntax::Python:
      case LexerSyntax::Ruby:
        line_comment = c == '#';
        break;
      case LexerSyntax::Shell:
        // '#' starts a comment only at the start of a word ($# and ${#x} are not).
        line_comment = c == '#' && (i == 0 || std::string_view(" \t\n;|&(").find(text_[i - 1]) != std::string_view::npos);
        break;
      case LexerSyntax::Yaml:
        line_comment = c == '#' && (i == 0 || text_[i - 1] == ' ' || text_[i - 1] == '\t' || text_[i - 1] == '\n');
        break;
      case LexerSyntax::Properties: {
        if (c != '#' && c != '!') return false;
        size_t k = i;
        while (k > 0 && (text_[k - 1] == ' ' || text_[k - 1] == '\t')) --k;
        line_comment = at_line_start(k);
        break;
      }
      default:
        if (c == '/' && at(i + 1) == '/') line_comment = true;
        else if (c == '/' && at(i + 1) == '*') return lex_block_comment(i), true;
        break;
    }
    if (syntax_ == LexerSyntax::Ruby && at_line_start(i) && starts(i, "=begin")) return lex_ruby_block_comment(i), true;
    if (!line_comment) return false;
    size_t e = text_.find('\n', i);
    if (e == std::string_view::npos) e = text_.size();
    blank(i, e);
    i = e;
    return true;
  }

  void lex_block_comment(size_t& i) {
    bool nests = syntax_ == LexerSyntax::Rust || syntax_ == LexerSyntax::Kotlin;
    size_t b = i;
    int depth = 0;
    while (i < text_.size()) {
      if (starts(i, "/*")) {
        ++depth;
        i += 2;
        if (!nests) break;
      } else if (starts(i, "*/")) {
        i += 2;
        if (--depth == 0) break;
      } else {
        ++i;
      }
    }
    if (!nests) {  // first "*/" ends it
      size_t e = text_.find("*/", i);
      i = e == std::string_view::npos ? text_.size() : e + 2;
    }
    blank(b, i);
  }

  // Ruby =begin ... =end, both at the start of a line.
  void lex_ruby_block_comment(size_t& i) {
    size_t b = i;
    size_t k = text_.find("\n=end", i);
    size_t e = k == std::string_view::npos ? std::string_view::npos : text_.find('\n', k + 1);
    i = e == std::string_view::npos ? text_.size() : e;
    blank(b, i);
  }

  // ---- string literals ----------------------------------------------------
  bool try_string(size_t& i, int nesting) {
    switch (syntax_) {
      case LexerSyntax::Python: return try_python_string(i, nesting);
      case LexerSyntax::CLike:
      case LexerSyntax::JavaScript:
      case LexerSyntax::Kotlin: return try_clike_string(i, nesting);
      case LexerSyntax::Go: return try_go_string(i, nesting);
      case LexerSyntax::Rust: return try_rust_string(i, nesting);
      case LexerSyntax::CSharp: return try_csharp_string(i, nesting);
      case LexerSyntax::Ruby: return try_ruby_string(i, nesting);
      case LexerSyntax::Shell: return try_shell_string(i, nesting);
      case LexerSyntax::Yaml: return try_yaml_string(i, nesting);
      case LexerSyntax::Properties: return false;
    }
    return false;
  }

  // Lexes a literal whose content starts at `content`; `begin` includes prefixes.
  void lex_string(size_t& i, size_t begin, size_t content, const StringSpec& spec, int nesting) {
    size_t index = view_.literals.size();
    view_.literals.push_back({uint32_t(begin), 0, uint32_t(content), 0, text_[content - 1], false});
    i = content;
    bool can_nest = nesting < kMaxNesting;
    const char close0 = spec.close[0];
    while (i < text_.size()) {
      char c = text_[i];
      if (c != close0 && c != '\\' && c != '\n' && c != '{' && c != '$' && c != '#') {  // plain content
        if (!spec.keep) view_.code[i] = ' ';
        ++i;
        continue;
      }
      if (spec.doubled_quote && starts(i, spec.close) && at(i + 1) == spec.close[0]) {
        if (!spec.keep) blank(i, i + 2);
        i += 2;
        continue;
      }
      if (starts(i, spec.close)) break;
      if (spec.escapes && c == '\\') {
        if (!spec.keep || at(i + 1) == '$') blank(i, i + 2);
        i += 2;
        continue;
      }
      if (!spec.multiline && c == '\n') break;
      size_t opener = interpolation_opener(spec.interp, i);
      if (opener != 0 && can_nest) {
        view_.literals[index].interpolated = true;
        char open = spec.interp == Interp::DollarParen ? '(' : '{';
        char close = spec.interp == Interp::DollarParen ? ')' : '}';
        if (!spec.keep) blank(i, i + opener);
        i += opener;
        lex_code(i, open, close, nesting + 1);
        if (i < text_.size()) ++i;
        continue;
      }
      if (spec.interp == Interp::Brace && c == '{' && at(i + 1) == '{') {  // escaped brace
        if (!spec.keep) blank(i, i + 2);
        i += 2;
        continue;
      }
      if (!spec.keep) blank(i, i + 1);
      ++i;
    }
    StringLiteral& lit = view_.literals[index];
    lit.content_end = uint32_t(std::min(i, text_.size()));
    if (starts(i, spec.close)) i += spec.close.size();
    lit.end = uint32_t(std::min(i, text_.size()));
  }

  // Length of the interpolation opener at i, or 0.
  size_t interpolation_opener(Interp interp, size_t i) const {
    switch (interp) {
      case Interp::None: return 0;
      case Interp::Brace: return text_[i] == '{' && at(i + 1) != '{' ? 1 : 0;
      case Interp::DollarBrace: return text_[i] == '$' && at(i + 1) == '{' ? 2 : 0;
      case Interp::HashBrace: return text_[i] == '#' && at(i + 1) == '{' ? 2 : 0;
      case Interp::DollarParen: return text_[i] == '$' && at(i + 1) == '(' ? 2 : 0;
    }
    return 0;
  }

  bool try_python_string(size_t& i, int nesting) {
    size_t k = i;
    bool formatted = false;
    if (!prev_is_ident(i)) {
      while (k < i + 2 && std::string_view("rRbBuUfF").find(at(k)) != std::string_view::npos) {
        formatted |= at(k) == 'f' || at(k) == 'F';
        ++k;
      }
    }
    char q = at(k);
    if (q != '"' && q != '\'') return false;
    StringSpec spec;
    spec.interp = formatted ? Interp::Brace : Interp::None;
    bool triple = at(k + 1) == q && at(k + 2) == q;
    spec.close = std::string(triple ? 3 : 1, q);
    spec.multiline = triple;
    lex_string(i, i, k + spec.close.size(), spec, nesting);
    return true;
  }

  bool try_clike_string(size_t& i, int nesting) {
    char c = text_[i];
    bool kotlin = syntax_ == LexerSyntax::Kotlin;
    StringSpec spec;
    if (c == '"' && at(i + 1) == '"' && at(i + 2) == '"' && syntax_ != LexerSyntax::JavaScript) {
      spec.close = "\"\"\"";  // Java text block / Kotlin raw string
      spec.escapes = !kotlin;
      spec.interp = kotlin ? Interp::DollarBrace : Interp::None;
      lex_string(i, i, i + 3, spec, nesting);
      return true;
    }
    if (c == '"' || c == '\'') {
      spec.close = std::string(1, c);
      spec.multiline = false;
      spec.interp = kotlin && c == '"' ? Interp::DollarBrace : Interp::None;
      lex_string(i, i, i + 1, spec, nesting);
      return true;
    }
    if (c == '`' && syntax_ == LexerSyntax::JavaScript) {
      spec.close = "`";
      spec.interp = Interp::DollarBrace;
      lex_string(i, i, i + 1, spec, nesting);
      return true;
    }
    return false;
  }

  bool try_go_string(size_t& i, int nesting) {
    char c = text_[i];
    if (c != '"' && c != '\'' && c != '`') return false;
    StringSpec spec;
    spec.close = std::string(1, c);
    spec.escapes = c != '`';
    spec.multiline = c == '`';
    lex_string(i, i, i + 1, spec, nesting);
    return true;
  }

  bool try_rust_string(size_t& i, int nesting) {
    size_t k = i;
    if (!prev_is_ident(i) && at(k) == 'b') ++k;
    if (!prev_is_ident(i) && at(k) == 'r' && (at(k + 1) == '"' || at(k + 1) == '#')) {
      size_t hashes = 0, q = k + 1;
      while (at(q) == '#') ++hashes, ++q;
      if (at(q) != '"') return false;
      StringSpec spec;
      spec.close = "\"";
      spec.close.append(hashes, '#');
      spec.escapes = false;
      lex_string(i, i, q + 1, spec, nesting);
      return true;
    }
    if (at(k) == '"' && (k == i || !prev_is_ident(i))) {
      StringSpec spec;
      spec.close = "\"";
      lex_string(i, i, k + 1, spec, nesting);
      return true;
    }
    if (at(k) == '\'') {
      // A char literal ('a', '\n', '\u{1F600}') rather than a lifetime ('a).
      size_t e = std::string_view::npos;
      if (at(k + 1) == '\\') {
        e = text_.find('\'', k + 2);
        if (e != std::string_view::npos && e - k > 12) e = std::string_view::npos;
      } else {
        size_t n = k + 2;
        while (n < text_.size() && (uint8_t(text_[n]) & 0xC0) == 0x80) ++n;
        if (at(n) == '\'' && at(k + 1) != '\n') e = n;
      }
      if (e == std::string_view::npos) return false;
      StringSpec spec;
      spec.close = "'";
      spec.multiline = false;
      lex_string(i, i, k + 1, spec, nesting);
      return true;
    }
    return false;
  }

  bool try_csharp_string(size_t& i, int nesting) {
    size_t k = i;
    int dollars = 0;
    bool verbatim = false;
    while (at(k) == '$' || at(k) == '@') {
      if (at(k) == '$') ++dollars;
      else verbatim = true;
      ++k;
    }
    char c = at(k);
    if (c == '\'' && k == i) {
      StringSpec spec;
      spec.close = "'";
      spec.multiline = false;
      lex_string(i, i, i + 1, spec, nesting);
      return true;
    }
    if (c != '"') return false;
    StringSpec spec;
    spec.interp = dollars > 0 ? Interp::Brace : Interp::None;
    size_t quotes = 0;
    while (at(k + quotes) == '"') ++quotes;
    if (quotes >= 3) {  // raw string literal: closed by the same run of quotes
      spec.close = std::string(quotes, '"');
      spec.escapes = false;
      lex_string(i, i, k + quotes, spec, nesting);
      return true;
    }
    spec.close = "\"";
    if (verbatim) {
      spec.escapes = false;
      spec.doubled_quote = true;
    } else {
      spec.multiline = false;
    }
    lex_string(i, i, k + 1, spec, nesting);
    return true;
  }

  bool try_ruby_string(size_t& i, int nesting) {
    char c = text_[i];
    StringSpec spec;
    if (c == '"' || c == '`') {
      spec.close = std::string(1, c);
      spec.interp = Interp::HashBrace;
      lex_string(i, i, i + 1, spec, nesting);
      return true;
    }
    if (c == '\'') {
      spec.close = "'";
      lex_string(i, i, i + 1, spec, nesting);
      return true;
    }
    if (c == '%') return try_ruby_percent(i);
    if (c == '<' && at(i + 1) == '<') return try_heredoc_opener(i);
    return false;
  }

  // %w[...] %q(...) %Q{...} %(...) %i<...>: blanked whole (no interpolation).
  bool try_ruby_percent(size_t& i) {
    size_t k = i + 1;
    if (std::string_view("qQwWiIrxs").find(at(k)) != std::string_view::npos && at(k) != '\0') ++k;
    char open = at(k);
    static constexpr std::string_view kOpen = "([{<", kClose = ")]}>";
    size_t pair = kOpen.find(open);
    if (pair == std::string_view::npos) return false;
    if (k == i + 1) {  // bare %( is a literal only where an operand is expected
      size_t p = skip_space_back(view_.code, uint32_t(i));
      if (p > 0 && (is_ident_char(view_.code[p - 1]) || std::string_view(")]}").find(view_.code[p - 1]) != std::string_view::npos))
        return false;
    }
    char close = kClose[pair];
    int depth = 0;
    size_t e = k;
    for (; e < text_.size(); ++e) {
      if (text_[e] == '\\') { ++e; continue; }
      if (text_[e] == open) ++depth;
      else if (text_[e] == close && --depth == 0) break;
    }
    view_.literals.push_back({uint32_t(i), uint32_t(std::min(e + 1, text_.size())), uint32_t(k + 1),
                              uint32_t(std::min(e, text_.size())), open, false});
    blank(k + 1, e);
    i = std::min(e + 1, text_.size());
    return true;
  }

  bool try_shell_string(size_t& i, int nesting) {
    char c = text_[i];
    StringSpec spec;
    if (c == '\\') {  // an escaped character is never an expansion or a quote
      blank(i, i + 2);
      i += 2;
      return true;
    }
    if (c == '\'' || (c == '$' && at(i + 1) == '\'')) {
      size_t content = c == '$' ? i + 2 : i + 1;
      spec.close = "'";
      spec.escapes = c == '$';
      lex_string(i, i, content, spec, nesting);
      return true;
    }
    if (c == '"') {  // expansions happen inside double quotes: keep the content
      spec.close = "\"";
      spec.keep = true;
      spec.interp = Interp::DollarParen;
      lex_string(i, i, i + 1, spec, nesting);
      return true;
    }
    if (c == '<' && at(i + 1) == '<' && at(i + 2) != '<') return try_heredoc_opener(i);
    return false;
  }

  bool try_yaml_string(size_t& i, int nesting) {
    char c = text_[i];
    if (c != '"' && c != '\'') return false;
    // A quote opens a quoted scalar only where a scalar starts.
    size_t p = i;
    while (p > 0 && (text_[p - 1] == ' ' || text_[p - 1] == '\t')) --p;
    if (p > 0 && std::string_view(":-[{,\n").find(text_[p - 1]) == std::string_view::npos) return false;
    StringSpec spec;
    spec.close = std::string(1, c);
    spec.keep = true;
    spec.escapes = c == '"';
    spec.doubled_quote = c == '\'';
    lex_string(i, i, i + 1, spec, nesting);
    return true;
  }

  // ---- heredocs (Ruby, shell) ----------------------------------------------
  bool try_heredoc_opener(size_t& i) {
    size_t k = i + 2;
    bool indented = false;
    if (at(k) == '~' || at(k) == '-') indented = true, ++k;
    bool shell = syntax_ == LexerSyntax::Shell;
    if (shell) while (at(k) == ' ' || at(k) == '\t') ++k;
    char q = at(k);
    bool quoted = q == '\'' || q == '"' || (shell && q == '\\');
    size_t id_begin = quoted ? k + 1 : k;
    size_t id_end = id_begin;
    while (id_end < text_.size() && is_ident_char(text_[id_end])) ++id_end;
    if (id_end == id_begin) return false;
    // Ruby `a <<b` is an append; a heredoc id is upper case or quoted, or uses <<~ / <<-.
    if (!shell && !quoted && !indented && !(text_[id_begin] >= 'A' && text_[id_begin] <= 'Z')) return false;
    size_t end = id_end;
    if (quoted && (q == '\'' || q == '"')) {
      if (at(id_end) != q) return false;
      end = id_end + 1;
    }
    // Shell: unquoted bodies expand $VARS, so they stay visible.
    pending_.push_back({std::string(text_.substr(id_begin, id_end - id_begin)), indented, shell && !quoted});
    i = end;
    return true;
  }

  void lex_heredoc_bodies(size_t& i) {
    std::vector<PendingHeredoc> pending;
    pending.swap(pending_);
    for (const PendingHeredoc& doc : pending) {
      size_t body = i;
      size_t line = i;
      while (line < text_.size()) {
        size_t eol = text_.find('\n', line);
        if (eol == std::string_view::npos) eol = text_.size();
        std::string_view l = text_.substr(line, eol - line);
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        if (doc.indented) l.remove_prefix(std::min(l.find_first_not_of(" \t"), l.size()));
        if (l == doc.id) {
          record_heredoc(body, line, doc.keep);
          i = eol;  // the newline after the terminator is lexed as code
          goto next;
        }
        line = eol + 1;
      }
      record_heredoc(body, text_.size(), doc.keep);
      i = text_.size();
      return;
    next:;
    }
  }

  void record_heredoc(size_t body, size_t terminator, bool keep) {
    view_.literals.push_back({uint32_t(body), uint32_t(terminator), uint32_t(body), uint32_t(terminator), '<', keep});
    if (!keep) blank(body, terminator);
  }

  // ---- regex literals (JavaScript, Ruby) ------------------------------------
  bool try_special(size_t& i) {
    if (text_[i] != '/') return false;
    if (syntax_ != LexerSyntax::JavaScript && syntax_ != LexerSyntax::Ruby) return false;
    if (!regex_allowed_before(i)) return false;
    bool in_class = false;
    size_t e = i + 1;
    for (; e < text_.size(); ++e) {
      char c = text_[e];
      if (c == '\n') return false;  // not a regex after all: a division
      if (c == '\\') { ++e; continue; }
      if (c == '[') in_class = true;
      else if (c == ']') in_class = false;
      else if (c == '/' && !in_class) break;
    }
    if (e >= text_.size()) return false;
    blank(i + 1, e);
    i = e + 1;
    while (i < text_.size() && is_ident_char(text_[i])) ++i;  // flags
    return true;
  }

  // A '/' starts a regex where an operand is expected, not after a value.
  bool regex_allowed_before(size_t i) const {
    size_t p = skip_space_back(view_.code, uint32_t(i));
    if (p == 0) return true;
    char c = view_.code[p - 1];
    if (c == ')' || c == ']' || c == '"' || c == '\'' || c == '`') return false;
    if (!is_ident_char(c)) return true;
    size_t w = p;
    while (w > 0 && is_ident_char(view_.code[w - 1])) --w;
    std::string_view word(view_.code.data() + w, p - w);
    static constexpr std::array<std::string_view, 16> kKeywords = {
        "return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void",
        "throw", "instanceof", "yield", "await", "when", "if"};
    return std::ranges::find(kKeywords, word) != kKeywords.end();
  }

  LexerSyntax syntax_;
  std::string_view text_;
  CodeView view_;
  std::vector<PendingHeredoc> pending_;
  std::array<bool, 256> interesting_{};
};

}  // namespace

CodeView make_code_view(LexerSyntax syntax, std::string_view text) { return Lexer(syntax, text).run(); }

const StringLiteral* CodeView::literal_starting_at(uint32_t pos) const {
  auto it = std::ranges::lower_bound(literals, pos, {}, &StringLiteral::begin);
  return it != literals.end() && it->begin == pos ? &*it : nullptr;
}

std::span<const StringLiteral> CodeView::literals_from(uint32_t begin, uint32_t end) const {
  auto first = std::ranges::lower_bound(literals, begin, {}, &StringLiteral::begin);
  auto last = std::ranges::lower_bound(first, literals.end(), end, {}, &StringLiteral::begin);
  return {first, last};
}

const StringLiteral* CodeView::literal_ending_at(uint32_t pos) const {
  auto it = std::ranges::lower_bound(literals, pos, {}, &StringLiteral::begin);
  // Literals nested in interpolations sit between an outer literal and pos.
  for (int n = 0; n < 8 && it != literals.begin(); ++n) {
    --it;
    if (it->end == pos) return &*it;
  }
  return nullptr;
}

}  // namespace ecslint::contracts::scan
