// Compiled languages: Go (os.Getenv, struct tags), Java/Kotlin (System.getenv,
// @Value placeholders), C# (Environment.GetEnvironmentVariable), Rust (env::var,
// env!/option_env!).
#include <algorithm>
#include <array>

#include "analyzer/contracts/scan_support.h"

namespace ecslint::contracts::scan {
namespace {

std::string_view slice(std::string_view s, uint32_t b, uint32_t e) { return s.substr(b, e - b); }

// The literal first argument of the call whose '(' is at open; marks the scan
// dynamic when the argument is an expression.
std::optional<LiteralArg> name_argument(const ScanContext& ctx, uint32_t open) {
  auto arg = literal_arg(*ctx.view, ctx.text, open + 1);
  if (!arg) {
    uint32_t p = skip_space(ctx.code(), open + 1);
    if (p < ctx.code().size() && ctx.code()[p] != ')') ctx.dynamic();
  }
  return arg;
}

// The identifier after a '.' at pos (after whitespace), and where it ends.
std::string_view method_after(std::string_view code, uint32_t pos, uint32_t* end) {
  pos = skip_space(code, pos);
  if (pos >= code.size() || code[pos] != '.') return {};
  uint32_t b = skip_space(code, pos + 1), e = b;
  while (e < code.size() && is_ident_char(code[e])) ++e;
  *end = e;
  return slice(code, b, e);
}

// ---- Go ---------------------------------------------------------------------
struct TagPair {
  std::string_view key, value;
  uint32_t value_begin;
};

std::vector<TagPair> parse_struct_tag(std::string_view text, const StringLiteral& lit) {
  static const Regex kPair(R"re(([\w.-]+):"((?:[^"\\]|\\.)*)")re");
  std::vector<TagPair> pairs;
  std::string_view content = slice(text, lit.content_begin, lit.content_end);
  kPair.for_each(content, [&](const Regex::Match& m) {
    pairs.push_back({slice(content, m.begin(1), m.end(1)), slice(content, m.begin(2), m.end(2)),
                     lit.content_begin + m.begin(2)});
  });
  return pairs;
}

// A raw string is a struct tag when it ends a field line: `Name Type `tag``.
bool looks_like_struct_tag(std::string_view code, const StringLiteral& lit) {
  size_t nl = code.rfind('\n', lit.begin);
  uint32_t line = nl == std::string_view::npos ? 0 : uint32_t(nl + 1);
  static const Regex kFieldPrefix(R"(^\s*[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*\s+[\w.*\[\]]+\s*$)");
  return kFieldPrefix.matches(slice(code, line, lit.begin));
}

// caarlos0/env `env:"X,required" envDefault:"d"`, kelseyhightower/envconfig
// `envconfig:"X" required:"true" default:"d"`.
void go_struct_tag(const ScanContext& ctx, const StringLiteral& lit) {
  std::vector<TagPair> pairs = parse_struct_tag(ctx.text, lit);
  bool required = false, has_default = false;
  const TagPair* name = nullptr;
  for (const TagPair& p : pairs) {
    if (p.key == "env" || p.key == "envconfig") {
      name = &p;
      std::string_view options = p.value.substr(std::min(p.value.find(','), p.value.size()));
      required |= options.find("required") != std::string_view::npos || options.find("notEmpty") != std::string_view::npos;
    } else if (p.key == "required") {
      required |= p.value == "true";
    } else if (p.key == "envDefault" || p.key == "default") {
      has_default = true;
    }
  }
  if (name == nullptr) return;
  std::string_view var = name->value.substr(0, name->value.find(','));
  if (var.empty() || var == "-") return;
  ReadKind kind = required && !has_default ? ReadKind::Required : ReadKind::Optional;
  ctx.add(std::string(var), kind, name->value_begin, name->value_begin + uint32_t(var.size()),
          name->key == "env" ? "env struct tag" : "envconfig struct tag");
}

void go_expand_env(const ScanContext& ctx, const LiteralArg& arg) {
  static const Regex kVar(R"(\$\{?([A-Za-z_]\w*))");
  kVar.for_each(arg.value, [&](const Regex::Match& m) {
    ctx.add(std::string(arg.value.substr(m.begin(1), m.end(1) - m.begin(1))), ReadKind::Required,
            arg.begin + m.begin(1), arg.begin + m.end(1), "os.ExpandEnv");
  });
}

}  // namespace

void scan_go(ScanContext& ctx) {
  static const Regex kCall(R"((?<![\w.])(?:os|syscall)\s*\.\s*(Getenv|LookupEnv|Environ|ExpandEnv)\s*\()");
  std::string_view code = ctx.code();
  kCall.for_each(code, [&](const Regex::Match& m) {
    std::string_view fn = slice(code, m.begin(1), m.end(1));
    if (fn == "Environ") return ctx.dynamic();
    auto arg = name_argument(ctx, m.end() - 1);
    if (!arg) return;
    if (fn == "ExpandEnv") return go_expand_env(ctx, *arg);
    // Getenv cannot tell unset from empty, so the code relies on the value;
    // LookupEnv reports presence, so the code handles absence.
    if (fn == "Getenv") ctx.add(*arg, ReadKind::Required, "os.Getenv");
    else ctx.add(*arg, ReadKind::Optional, "os.LookupEnv");
  });
  for (const StringLiteral& lit : ctx.view->literals)
    if (lit.quote == '`' && looks_like_struct_tag(code, lit)) go_struct_tag(ctx, lit);
}

// ---- Java / Kotlin ----------------------------------------------------------
namespace {

bool kotlin_elvis_fallback(std::string_view code, uint32_t pos) {
  // Skip a safe-call chain first: System.getenv("PORT")?.toInt() ?: 8080
  for (int guard = 0; guard < 16; ++guard) {
    pos = skip_space(code, pos);
    uint32_t dot = starts_with_at(code, pos, "?.") ? pos + 1 : pos;
    uint32_t end = 0;
    if (method_after(code, dot, &end).empty()) break;
    uint32_t p = skip_space(code, end);
    pos = p < code.size() && code[p] == '(' ? matching_close(code, p) + 1 : end;
  }
  pos = skip_space(code, pos);
  if (!starts_with_at(code, pos, "?:")) return false;
  uint32_t rhs = skip_space(code, pos + 2);
  // `?: throw ...` and `?: error("...")` fail on absence: still required.
  return !starts_with_at(code, rhs, "throw") && !starts_with_at(code, rhs, "error(");
}

bool java_wrapped_with_default(std::string_view code, uint32_t begin) {
  static const Regex kWrapper(R"((?:Optional\s*\.\s*ofNullable|requireNonNullElse(?:Get)?)\s*\(\s*$)");
  uint32_t from = begin > 80 ? begin - 80 : 0;
  return kWrapper.matches(slice(code, from, begin));
}

// System.getenv() map: .get("X"), .getOrDefault("X", d), ["X"] (Kotlin).
void java_env_map(const ScanContext& ctx, uint32_t close, bool kotlin) {
  std::string_view code = ctx.code();
  uint32_t end = 0;
  std::string_view method = method_after(code, close + 1, &end);
  uint32_t p = skip_space(code, method.empty() ? close + 1 : end);
  bool index = method.empty() && p < code.size() && code[p] == '[';
  if ((method.empty() && !index) || p >= code.size() || (code[p] != '(' && !index)) return ctx.dynamic();
  auto arg = literal_arg(*ctx.view, ctx.text, p + 1);
  if (!arg) return ctx.dynamic();
  uint32_t after = matching_close(code, p) + 1;
  if (index || method == "get") {
    bool fallback = kotlin && kotlin_elvis_fallback(code, after);
    ctx.add(*arg, fallback ? ReadKind::Optional : ReadKind::Required, "System.getenv().get");
  } else if (method == "getOrDefault" || method == "containsKey") {
    ctx.add(*arg, ReadKind::Optional, "System.getenv().getOrDefault");
  } else {
    ctx.dynamic();
  }
}

void spring_value_annotations(const ScanContext& ctx) {
  static const Regex kValue(R"(@Value\s*\(\s*(?:value\s*=\s*)?)");
  kValue.for_each(ctx.code(), [&](const Regex::Match& m) {
    const StringLiteral* lit = ctx.view->literal_starting_at(m.end());
    if (lit != nullptr) scan_spring_placeholders(ctx, ctx.text, lit->content_begin, lit->content_end, "@Value");
  });
}

}  // namespace

void scan_java(ScanContext& ctx, bool kotlin) {
  static const Regex kGetenv(R"((?<![\w.])(?:java\s*\.\s*lang\s*\.\s*)?System\s*\.\s*getenv\s*\()");
  std::string_view code = ctx.code();
  kGetenv.for_each(code, [&](const Regex::Match& m) {
    uint32_t open = m.end() - 1;
    uint32_t p = skip_space(code, open + 1);
    if (p < code.size() && code[p] == ')') return java_env_map(ctx, p, kotlin);
    auto arg = name_argument(ctx, open);
    if (!arg) return;
    uint32_t after = matching_close(code, open) + 1;
    bool fallback = (kotlin && kotlin_elvis_fallback(code, after)) || java_wrapped_with_default(code, m.begin());
    ctx.add(*arg, fallback ? ReadKind::Optional : ReadKind::Required, "System.getenv");
  });
  if (ctx.text.find("@Value") != std::string_view::npos) spring_value_annotations(ctx);
}

// ---- C# ---------------------------------------------------------------------
void scan_csharp(ScanContext& ctx) {
  static const Regex kGet(
      R"((?<![\w.])(?:System\s*\.\s*)?Environment\s*\.\s*(GetEnvironmentVariables?)\s*\()");
  std::string_view code = ctx.code();
  kGet.for_each(code, [&](const Regex::Match& m) {
    if (m.end(1) - m.begin(1) == std::string_view("GetEnvironmentVariables").size()) return ctx.dynamic();
    auto arg = name_argument(ctx, m.end() - 1);
    if (!arg) return;
    uint32_t after = skip_space(code, matching_close(code, m.end() - 1) + 1);
    bool fallback = starts_with_at(code, after, "??");
    ctx.add(*arg, fallback ? ReadKind::Optional : ReadKind::Required, "Environment.GetEnvironmentVariable");
  });
}

// ---- Rust -------------------------------------------------------------------
namespace {

// Walks the method chain after env::var(...) until a method decides whether
// absence is handled (unwrap_or...) or fatal (unwrap, expect, ?).
ReadKind rust_chain_kind(std::string_view code, uint32_t pos) {
  static constexpr std::array<std::string_view, 11> kHandles = {
      "unwrap_or", "unwrap_or_else", "unwrap_or_default", "ok", "is_ok", "is_err",
      "map_or", "map_or_else", "or", "or_else", "err"};
  static constexpr std::array<std::string_view, 4> kFails = {"unwrap", "expect", "context", "with_context"};
  for (int guard = 0; guard < 32; ++guard) {
    pos = skip_space(code, pos);
    if (pos < code.size() && code[pos] == '?') return ReadKind::Required;
    uint32_t end = 0;
    std::string_view method = method_after(code, pos, &end);
    if (method.empty()) return ReadKind::Required;
    if (std::ranges::find(kHandles, method) != kHandles.end()) return ReadKind::Optional;
    if (std::ranges::find(kFails, method) != kFails.end()) return ReadKind::Required;
    uint32_t p = skip_space(code, end);
    if (starts_with_at(code, p, "::")) {  // turbofish: .parse::<u16>()
      p = uint32_t(std::min(code.find('(', p), code.size()));
    }
    pos = p < code.size() && code[p] == '(' ? matching_close(code, p) + 1 : end;
  }
  return ReadKind::Required;
}

// `if let Ok(v) = env::var("X")` and `match env::var("X")` handle absence.
bool rust_handled_by_pattern(std::string_view code, uint32_t begin) {
  static const Regex kPattern(R"((?:\blet\s+(?:Ok|Some)\s*\([^=;{}]*=|\bmatch)\s*$)");
  uint32_t from = begin > 120 ? begin - 120 : 0;
  return kPattern.matches(slice(code, from, begin));
}

}  // namespace

void scan_rust(ScanContext& ctx) {
  static const Regex kVar(
      R"((?<![\w:])(?:(?:::\s*)?std\s*::\s*env|env|dotenvy|dotenv)\s*::\s*(var_os|var|vars_os|vars)\s*\()");
  static const Regex kMacro(R"((?<![\w:])(env|option_env)\s*!\s*\()");
  std::string_view code = ctx.code();
  kVar.for_each(code, [&](const Regex::Match& m) {
    if (slice(code, m.begin(1), m.end(1)).starts_with("vars")) return ctx.dynamic();
    auto arg = name_argument(ctx, m.end() - 1);
    if (!arg) return;
    ReadKind kind = rust_handled_by_pattern(code, m.begin())
                        ? ReadKind::Optional
                        : rust_chain_kind(code, matching_close(code, m.end() - 1) + 1);
    ctx.add(*arg, kind, "env::var");
  });
  kMacro.for_each(code, [&](const Regex::Match& m) {
    auto arg = literal_arg(*ctx.view, ctx.text, m.end());
    if (!arg) return;
    // env! is resolved when the binary is BUILT; reported as the brief's catalog asks.
    bool optional = slice(code, m.begin(1), m.end(1)) == "option_env";
    ctx.add(*arg, optional ? ReadKind::Optional : ReadKind::Required, optional ? "option_env!" : "env!");
  });
}

}  // namespace ecslint::contracts::scan
