// Ruby: ENV["X"], ENV.fetch("X"[, default]) { block }, ENV.key?("X").
#include <algorithm>
#include <array>

#include "analyzer/contracts/scan_support.h"

namespace ecslint::contracts::scan {
namespace {

std::string_view slice(std::string_view s, uint32_t b, uint32_t e) { return s.substr(b, e - b); }

bool followed_by_block(std::string_view code, uint32_t pos) {
  pos = skip_space(code, pos);
  return (pos < code.size() && code[pos] == '{') ||
         (starts_with_at(code, pos, "do") && (pos + 2 >= code.size() || !is_ident_char(code[pos + 2])));
}

// ENV["X"]: nil when unset; a `||` fallback makes it optional. Assignments are writes.
void env_index(const ScanContext& ctx, uint32_t bracket) {
  std::string_view code = ctx.code();
  auto arg = literal_arg(*ctx.view, ctx.text, bracket + 1);
  uint32_t close = arg ? skip_space(code, arg->after) : bracket;
  if (!arg || close >= code.size() || code[close] != ']') return ctx.dynamic();
  uint32_t p = skip_space(code, close + 1);
  if (starts_with_at(code, p, "||")) return ctx.add(*arg, ReadKind::Optional, "ENV[]");
  bool write = p < code.size() && code[p] == '=' && !starts_with_at(code, p, "==") &&
               !starts_with_at(code, p, "=~") && !starts_with_at(code, p, "=>");
  if (!write) ctx.add(*arg, ReadKind::Required, "ENV[]");
}

// ENV.fetch("X") raises KeyError when unset unless a default or block is given.
void env_fetch(const ScanContext& ctx, uint32_t pos) {
  std::string_view code = ctx.code();
  pos = skip_space(code, pos);
  bool paren = pos < code.size() && code[pos] == '(';
  auto arg = literal_arg(*ctx.view, ctx.text, paren ? pos + 1 : pos);
  if (!arg) return ctx.dynamic();
  bool has_default = false;
  uint32_t after;
  if (paren) {
    CallArgs args = split_call_args(code, pos);
    has_default = args.args.size() >= 2;
    after = args.close + 1;
  } else {  // ENV.fetch "X", "default"
    uint32_t p = skip_space(code, arg->after);
    has_default = p < code.size() && code[p] == ',';
    after = arg->after;
  }
  has_default |= followed_by_block(code, after);
  ctx.add(*arg, has_default ? ReadKind::Optional : ReadKind::Required, "ENV.fetch");
}

void env_method(const ScanContext& ctx, uint32_t dot) {
  std::string_view code = ctx.code();
  uint32_t b = skip_space(code, dot + 1), e = b;
  while (e < code.size() && is_ident_char(code[e])) ++e;
  if (e < code.size() && (code[e] == '?' || code[e] == '!')) ++e;
  std::string_view method = slice(code, b, e);
  if (method == "fetch") return env_fetch(ctx, e);
  static constexpr std::array<std::string_view, 4> kPresence = {"key?", "has_key?", "include?", "member?"};
  static constexpr std::array<std::string_view, 8> kWrites = {"store", "delete", "update", "merge!",
                                                              "replace", "clear", "[]=", "reject!"};
  if (std::ranges::find(kPresence, method) != kPresence.end()) {
    uint32_t p = skip_space(code, e);
    auto arg = literal_arg(*ctx.view, ctx.text, p < code.size() && code[p] == '(' ? p + 1 : p);
    if (arg) return ctx.add(*arg, ReadKind::Optional, "ENV.key?");
    return ctx.dynamic();
  }
  if (std::ranges::find(kWrites, method) == kWrites.end()) ctx.dynamic();  // to_h, each, slice...
}

}  // namespace

void scan_ruby(ScanContext& ctx) {
  static const Regex kEnv(R"((?<![\w.:$@])(?:::)?ENV\b(?!\s*::))");
  std::string_view code = ctx.code();
  kEnv.for_each(code, [&](const Regex::Match& m) {
    uint32_t p = skip_space(code, m.end());
    if (p < code.size() && code[p] == '[') return env_index(ctx, p);
    if (p < code.size() && code[p] == '.') return env_method(ctx, p);
    ctx.dynamic();  // the whole ENV handed on
  });
}

}  // namespace ecslint::contracts::scan
