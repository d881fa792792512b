// Files that PROVIDE values (Dockerfile ENV, .env) and Spring configuration
// files whose ${X} placeholders read the environment.
#include <algorithm>
#include <cctype>
#include <utility>

#include "analyzer/contracts/scan_support.h"

namespace ecslint::contracts::scan {
namespace {

std::string_view slice(std::string_view s, uint32_t b, uint32_t e) { return s.substr(b, e - b); }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::ranges::equal(a, b, [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// ---- Dockerfile -------------------------------------------------------------
// One instruction with its continuation lines joined; offs maps each character
// back to its offset in the file.
struct Instruction {
  std::string text;
  std::vector<uint32_t> offs;
};

struct Stage {
  std::string name, base;
  std::vector<EnvRead> env;
};

// `# escape=`` (a parser directive before any instruction) switches the escape character.
char escape_character(std::string_view text) {
  static const Regex kDirective(R"(^(?:[ \t]*#[ \t]*\w+[ \t]*=[^\n]*\n)*?[ \t]*#[ \t]*escape[ \t]*=[ \t]*(\S))");
  char escape = '\\';
  kDirective.for_each(text.substr(0, 4096), [&](const Regex::Match& m) { escape = text[m.begin(1)]; });
  return escape;
}

std::vector<Instruction> dockerfile_instructions(std::string_view text, char escape) {
  std::vector<Instruction> out;
  Instruction current;
  uint32_t pos = 0;
  while (pos < text.size()) {
    uint32_t eol = uint32_t(std::min(text.find('\n', pos), text.size()));
    uint32_t first = pos;
    while (first < eol && is_blank(text[first])) ++first;
    bool comment = first < eol && text[first] == '#';
    if (!comment && first < eol) {
      uint32_t last = eol;
      while (last > first && is_blank(text[last - 1])) --last;
      bool continues = text[last - 1] == escape;
      uint32_t stop = continues ? last - 1 : last;
      for (uint32_t k = first; k < stop; ++k) {
        current.text.push_back(text[k]);
        current.offs.push_back(k);
      }
      if (continues) {
        current.text.push_back(' ');
        current.offs.push_back(stop);
      }
      if (!continues) out.push_back(std::exchange(current, {}));
    }
    pos = eol + 1;
  }
  if (!current.text.empty()) out.push_back(std::move(current));
  return out;
}

struct Token {
  uint32_t begin, end;  // in Instruction::text
};

// Words separated by unquoted whitespace; quotes and escapes stay in the word.
std::vector<Token> split_words(std::string_view s, uint32_t from, char escape) {
  std::vector<Token> words;
  uint32_t i = from;
  while (i < s.size()) {
    while (i < s.size() && is_blank(s[i])) ++i;
    if (i >= s.size()) break;
    uint32_t b = i;
    char quote = 0;
    for (; i < s.size(); ++i) {
      char c = s[i];
      if (c == escape && quote != '\'') { ++i; continue; }
      if (quote) { if (c == quote) quote = 0; continue; }
      if (c == '"' || c == '\'') quote = c;
      else if (is_blank(c)) break;
    }
    words.push_back({b, std::min(i, uint32_t(s.size()))});
  }
  return words;
}

void dockerfile_env(const Instruction& ins, uint32_t args, char escape, std::vector<EnvRead>& out) {
  std::vector<Token> words = split_words(ins.text, args, escape);
  if (words.empty()) return;
  auto add = [&](uint32_t b, uint32_t e) {
    std::string name = ins.text.substr(b, e - b);
    if (is_env_name(name)) out.push_back({name, ReadKind::Default, ins.offs[b], ins.offs[e - 1] + 1, 0, 0, "Dockerfile ENV"});
  };
  std::string_view first(ins.text.data() + words[0].begin, words[0].end - words[0].begin);
  if (first.find('=') == std::string_view::npos) {  // legacy `ENV NAME value with spaces`
    add(words[0].begin, words[0].end);
    return;
  }
  for (const Token& w : words) {
    std::string_view word(ins.text.data() + w.begin, w.end - w.begin);
    size_t eq = word.find('=');
    if (eq != std::string_view::npos && eq > 0) add(w.begin, w.begin + uint32_t(eq));
  }
}

// FROM [--platform=...] image [AS name]
Stage dockerfile_stage(const Instruction& ins, uint32_t args, char escape) {
  Stage stage;
  std::vector<Token> words = split_words(ins.text, args, escape);
  auto word = [&](size_t i) { return std::string_view(ins.text).substr(words[i].begin, words[i].end - words[i].begin); };
  size_t i = 0;
  while (i < words.size() && word(i).starts_with("--")) ++i;
  if (i < words.size()) stage.base = word(i);
  if (i + 2 < words.size() && iequals(word(i + 1), "AS")) stage.name = word(i + 2);
  return stage;
}

}  // namespace

// Only the final stage's ENV reaches the running container, together with the
// stages it is built FROM (a builder stage's ENV does not).
void scan_dockerfile(ScanContext& ctx) {
  char escape = escape_character(ctx.text);
  std::vector<Stage> stages(1);  // ENV before any FROM (invalid, but kept)
  for (const Instruction& ins : dockerfile_instructions(ctx.text, escape)) {
    uint32_t k = 0;
    while (k < ins.text.size() && !is_blank(ins.text[k])) ++k;
    std::string_view keyword(ins.text.data(), k);
    if (iequals(keyword, "FROM")) stages.push_back(dockerfile_stage(ins, k, escape));
    else if (iequals(keyword, "ENV")) dockerfile_env(ins, k, escape, stages.back().env);
  }
  std::vector<const Stage*> chain{&stages.back()};
  for (size_t guard = 0; guard < stages.size(); ++guard) {
    const Stage* s = chain.back();
    auto parent = std::ranges::find_if(stages, [&](const Stage& p) { return !p.name.empty() && iequals(p.name, s->base); });
    if (parent == stages.end() || std::ranges::find(chain, &*parent) != chain.end()) break;
    chain.push_back(&*parent);
  }
  if (stages.size() == 1) chain = {&stages[0]};
  for (const Stage* s : chain) ctx.out->reads.insert(ctx.out->reads.end(), s->env.begin(), s->env.end());
}

// ---- .env ---------------------------------------------------------------------
void scan_dotenv(ScanContext& ctx) {
  static const Regex kLine(R"((?m)^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*=)");
  std::string_view text = ctx.text;
  uint32_t resume = 0;  // past the end of a multi-line quoted value
  kLine.for_each(text, [&](const Regex::Match& m) {
    if (m.begin() < resume) return;
    ctx.add(std::string(slice(text, m.begin(1), m.end(1))), ReadKind::Default, m.begin(1), m.end(1), ".env");
    uint32_t v = m.end();
    while (v < text.size() && is_blank(text[v])) ++v;
    if (v < text.size() && (text[v] == '"' || text[v] == '\'' || text[v] == '`')) {
      char q = text[v];
      size_t close = v + 1;
      while (close < text.size() && text[close] != q) close += (text[close] == '\\' && q == '"') ? 2 : 1;
      resume = uint32_t(std::min(close + 1, text.size()));
    }
  });
}

// ---- Spring -------------------------------------------------------------------
namespace {

bool is_env_style(std::string_view name) {
  if (name.empty() || !(name[0] >= 'A' && name[0] <= 'Z')) return false;
  return std::ranges::all_of(name, [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; });
}

// Parses ${NAME} or ${NAME:default} at pos ('$'); a read inside a default is
// only evaluated when the outer one is missing, so it is optional.
uint32_t spring_placeholder(const ScanContext& ctx, std::string_view src, uint32_t pos, uint32_t end, bool nested,
                            std::string_view how, int depth) {
  uint32_t b = pos + 2, i = b;
  while (i < end && src[i] != ':' && src[i] != '}' && src[i] != '\n' && src[i] != '$') ++i;
  uint32_t name_end = i;
  bool has_default = i < end && src[i] == ':';
  if (has_default) {
    ++i;
    while (i < end && src[i] != '}' && src[i] != '\n') {
      if (src[i] == '$' && i + 1 < end && src[i + 1] == '{' && depth < 16) i = spring_placeholder(ctx, src, i, end, true, how, depth + 1);
      else ++i;
    }
  }
  if (i >= end || src[i] != '}') return i;  // unterminated: not a placeholder
  std::string_view name = slice(src, b, name_end);
  // Lower-case dotted names (${spring.datasource.url}) refer to properties.
  if (is_env_style(name))
    ctx.add(std::string(name), has_default || nested ? ReadKind::Optional : ReadKind::Required, b, name_end, how);
  return i + 1;
}

}  // namespace

void scan_spring_placeholders(const ScanContext& ctx, std::string_view source, uint32_t begin, uint32_t end,
                              std::string_view how) {
  uint32_t pos = begin;
  while (pos < end) {
    size_t found = source.substr(0, end).find("${", pos);
    if (found == std::string_view::npos) break;
    pos = spring_placeholder(ctx, source, uint32_t(found), end, false, how, 0);
    if (pos <= found) pos = uint32_t(found) + 2;
  }
}

void scan_spring_config(ScanContext& ctx) {
  scan_spring_placeholders(ctx, ctx.code(), 0, uint32_t(ctx.code().size()), "Spring ${} placeholder");
}

}  // namespace ecslint::contracts::scan
