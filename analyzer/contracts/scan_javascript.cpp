// JavaScript / TypeScript: process.env (dot, bracket, optional chaining,
// destructuring, aliases), import.meta.env (Vite) and Bun.env.
#include <algorithm>
#include <memory>

#include "analyzer/contracts/scan_support.h"

namespace ecslint::contracts::scan {
namespace {

bool is_js_ident_char(char c) { return is_ident_char(c) || c == '$'; }

std::string_view slice(std::string_view s, uint32_t b, uint32_t e) { return s.substr(b, e - b); }

// `const env = process.env`, `const { env } = process`, `import { env } from "node:process"`.
std::vector<std::string> collect_aliases(const ScanContext& ctx) {
  static const Regex kAssign(R"re(\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*process\s*\.\s*env\b(?!\s*(?:\?\.|[.\[])))re");
  static const Regex kDestructure(R"re(\b(?:const|let|var)\s*\{([^{}]*)\}\s*=\s*process\b(?!\s*(?:\?\.|[.\[])))re");
  static const Regex kImport(R"(\bimport\s*\{([^{}]*)\}\s*from\s*)");
  static const Regex kEnvBinding(R"((?<![\w$])env\s*(?::\s*([A-Za-z_$][\w$]*))?(?![\w$]))");
  std::string_view code = ctx.code();
  std::vector<std::string> aliases;
  kAssign.for_each(code, [&](const Regex::Match& m) { aliases.emplace_back(slice(code, m.begin(1), m.end(1))); });
  auto bindings = [&](const Regex::Match& m) {
    std::string_view list = slice(code, m.begin(1), m.end(1));
    kEnvBinding.for_each(list, [&](const Regex::Match& b) {
      aliases.emplace_back(b.has(1) ? slice(list, b.begin(1), b.end(1)) : std::string_view("env"));
    });
  };
  kDestructure.for_each(code, bindings);
  kImport.for_each(code, [&](const Regex::Match& m) {
    auto from = literal_arg(*ctx.view, ctx.text, m.end());
    if (from && (from->value == "process" || from->value == "node:process")) bindings(m);
  });
  return aliases;
}

// After a read: a `??` / `||` fallback or a ternary presence test makes it optional.
bool has_fallback(std::string_view code, uint32_t pos) {
  static const Regex kCast(R"(^\s*(?:!(?!=)|\)|\bas\s+[\w$.]+(?:\s*\|\s*[\w$.]+)*))");
  for (int guard = 0; guard < 16; ++guard) {
    uint32_t next = pos;
    kCast.for_each(code.substr(pos, 200), [&](const Regex::Match& m) { next = pos + m.end(); });
    if (next == pos) break;
    pos = next;
  }
  pos = skip_space(code, pos);
  if (starts_with_at(code, pos, "??") || starts_with_at(code, pos, "||")) return true;
  return pos < code.size() && code[pos] == '?' && !starts_with_at(code, pos, "?.");
}

bool is_write(std::string_view code, uint32_t pos) {
  pos = skip_space(code, pos);
  return pos < code.size() && code[pos] == '=' && !starts_with_at(code, pos, "==") && !starts_with_at(code, pos, "=>");
}

void report(const ScanContext& ctx, std::string_view name, uint32_t begin, uint32_t end, uint32_t after,
            std::string_view how) {
  if (is_write(ctx.code(), after)) return;  // process.env.X = "..." sets, not reads
  ReadKind kind = has_fallback(ctx.code(), after) ? ReadKind::Optional : ReadKind::Required;
  ctx.add(std::string(name), kind, begin, end, how);
}

// const { A, B = "d", C: local, ...rest } = process.env
void destructuring(const ScanContext& ctx, uint32_t close_brace, std::string_view how) {
  std::string_view code = ctx.code();
  int depth = 0;
  uint32_t open = close_brace;
  for (; open > 0; --open) {
    if (code[open] == '}') ++depth;
    else if (code[open] == '{' && --depth == 0) break;
  }
  static const Regex kEntry(R"(^(\.\.\.)?\s*([A-Za-z_$][\w$]*)?)");
  for (const CallArg& entry : split_call_args(code, open, '=').args) {
    std::string_view text = slice(code, entry.begin, entry.end);
    auto quoted = literal_arg(*ctx.view, ctx.text, entry.begin);
    bool has_default = entry.keyword.empty() ? text.find('=') != std::string_view::npos : true;
    if (quoted) {
      ctx.add(*quoted, has_default ? ReadKind::Optional : ReadKind::Required, how);
      continue;
    }
    kEntry.for_each(text, [&](const Regex::Match& m) {
      if (m.has(1)) return ctx.dynamic();  // ...rest keeps every other variable
      if (!m.has(2)) return;
      ctx.add(std::string(text.substr(m.begin(2), m.end(2) - m.begin(2))),
              has_default ? ReadKind::Optional : ReadKind::Required, entry.begin + m.begin(2),
              entry.begin + m.end(2), how);
    });
  }
}

bool presence_check(const ScanContext& ctx, uint32_t begin) {
  std::string_view code = ctx.code();
  uint32_t p = skip_space_back(code, begin);
  if (p < 2 || slice(code, p - 2, p) != "in" || (p > 2 && is_js_ident_char(code[p - 3]))) return false;
  const StringLiteral* lit = ctx.view->literal_ending_at(skip_space_back(code, p - 2));
  if (lit == nullptr || lit->interpolated) return false;
  ctx.add(std::string(slice(ctx.text, lit->content_begin, lit->content_end)), ReadKind::Optional,
          lit->content_begin, lit->content_end, "in process.env");
  return true;
}

void bare_mapping(const ScanContext& ctx, uint32_t begin, std::string_view how) {
  std::string_view code = ctx.code();
  uint32_t p = skip_space_back(code, begin);
  if (p >= 2 && code[p - 1] == '=' && std::string_view("=!<>").find(code[p - 2]) == std::string_view::npos) {
    uint32_t q = skip_space_back(code, p - 1);
    if (q > 0 && code[q - 1] == '}') return destructuring(ctx, q - 1, how);
    static const Regex kAliasDecl(R"(\b(?:const|let|var)\s+[A-Za-z_$][\w$]*\s*$)");
    uint32_t from = q > 200 ? q - 200 : 0;
    if (kAliasDecl.matches(slice(code, from, q))) return;  // const env = process.env
  }
  if (presence_check(ctx, begin)) return;
  ctx.dynamic();  // {...process.env}, Object.keys(process.env), spawn(cmd, { env: process.env })
}

void env_access(const ScanContext& ctx, uint32_t begin, uint32_t after, std::string_view how) {
  std::string_view code = ctx.code();
  uint32_t p = skip_space(code, after);
  bool optional_chain = starts_with_at(code, p, "?.");
  if (optional_chain) p = skip_space(code, p + 2);
  if (p < code.size() && code[p] == '.' && !optional_chain) p = skip_space(code, p + 1), optional_chain = true;
  if (p < code.size() && code[p] == '[') {
    auto arg = literal_arg(*ctx.view, ctx.text, p + 1);
    uint32_t close = arg ? skip_space(code, arg->after) : p;
    if (!arg || close >= code.size() || code[close] != ']') return ctx.dynamic();
    return report(ctx, arg->value, arg->begin, arg->end, close + 1, how);
  }
  if (optional_chain) {  // a property name
    uint32_t e = p;
    while (e < code.size() && is_js_ident_char(code[e])) ++e;
    if (e > p) report(ctx, slice(code, p, e), p, e, e, how);
    return;
  }
  bare_mapping(ctx, begin, how);
}

std::string env_pattern(std::vector<std::string> aliases) {
  std::ranges::sort(aliases);
  aliases.erase(std::ranges::unique(aliases).begin(), aliases.end());
  std::string alt;
  for (const std::string& a : aliases) {
    alt += "|";
    for (char c : a) alt += c == '$' ? std::string("\\$") : std::string(1, c);
  }
  return R"re((?<![\w$.])(?:process\s*\.\s*env|import\s*\.\s*meta\s*\.\s*env|Bun\s*\.\s*env)re" + alt +
         R"re()(?![\w$]))re";
}

}  // namespace

void scan_javascript(ScanContext& ctx) {
  std::vector<std::string> aliases = collect_aliases(ctx);
  static const Regex kDefault(env_pattern({}));
  std::unique_ptr<Regex> custom;
  if (!aliases.empty()) custom = std::make_unique<Regex>(env_pattern(aliases));
  const Regex& pattern = custom ? *custom : kDefault;
  std::string_view code = ctx.code();
  pattern.for_each(code, [&](const Regex::Match& m) {
    std::string_view matched = slice(code, m.begin(), m.end());
    std::string_view how = matched.starts_with("import") ? "import.meta.env"
                           : matched.starts_with("Bun")  ? "Bun.env"
                                                         : "process.env";
    env_access(ctx, m.begin(), m.end(), how);
  });
}

}  // namespace ecslint::contracts::scan
