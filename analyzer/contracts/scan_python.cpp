// Python: os.environ / os.getenv (with import aliases), django-environ and
// python-decouple. pydantic-settings classes are in scan_pydantic.cpp.
#include <algorithm>
#include <memory>

#include "analyzer/contracts/scan_support.h"

namespace ecslint::contracts::scan {
namespace {

// Names under which this file can reach os, os.environ and os.getenv.
struct OsNames {
  std::vector<std::string> modules{"os"};
  std::vector<std::string> environ;  // from os import environ [as x]; x = os.environ
  std::vector<std::string> getenv;   // from os import getenv [as x]
  bool is_default() const { return modules.size() == 1 && environ.empty() && getenv.empty(); }
};

// names are identifiers (no escaping needed); repeated imports must not grow the pattern.
std::string alternation(std::vector<std::string> names) {
  if (names.empty()) return "(?!)";
  std::ranges::sort(names);
  names.erase(std::ranges::unique(names).begin(), names.end());
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : "|") + n;
  return out;
}

bool contains(const std::vector<std::string>& v, std::string_view s) { return std::ranges::find(v, s) != v.end(); }

// The start of the line holding pos.
uint32_t line_begin(std::string_view code, uint32_t pos) {
  size_t nl = code.rfind('\n', pos == 0 ? 0 : pos - 1);
  return nl == std::string_view::npos || pos == 0 ? 0 : uint32_t(nl + 1);
}

bool on_import_line(std::string_view code, uint32_t pos) {
  static const Regex kImport(R"(^\s*(?:from|import)\b)");
  uint32_t b = line_begin(code, pos);
  return kImport.matches(code.substr(b, pos - b));
}

// "from os import environ as env, getenv" (parenthesised lists included).
void collect_from_os(const ScanContext& ctx, OsNames& names) {
  static const Regex kFromOs(R"(\bfrom\s+os\s+import\s*)");
  static const Regex kItem(R"(([A-Za-z_]\w*)(?:\s+as\s+([A-Za-z_]\w*))?)");
  std::string_view code = ctx.code();
  kFromOs.for_each(code, [&](const Regex::Match& m) {
    uint32_t b = m.end(), e;
    if (b < code.size() && code[b] == '(') {
      e = matching_close(code, b);
    } else {
      size_t nl = code.find('\n', b);
      e = uint32_t(nl == std::string_view::npos ? code.size() : nl);
    }
    kItem.for_each(code.substr(b, e - b), [&](const Regex::Match& item) {
      std::string_view list = code.substr(b, e - b);
      std::string_view name = list.substr(item.begin(1), item.end(1) - item.begin(1));
      std::string alias(item.has(2) ? list.substr(item.begin(2), item.end(2) - item.begin(2)) : name);
      if (name == "environ") names.environ.push_back(alias);
      if (name == "getenv") names.getenv.push_back(alias);
    });
  });
}

OsNames collect_os_names(const ScanContext& ctx) {
  static const Regex kImportAs(R"(\bimport\s+os\s+as\s+([A-Za-z_]\w*))");
  static const Regex kEnvironAlias(R"((?m)^[ \t]*([A-Za-z_]\w*)[ \t]*=[ \t]*([A-Za-z_]\w*)[ \t]*\.[ \t]*environ[ \t]*$)");
  std::string_view code = ctx.code();
  OsNames names;
  kImportAs.for_each(code, [&](const Regex::Match& m) {
    names.modules.emplace_back(code.substr(m.begin(1), m.end(1) - m.begin(1)));
  });
  collect_from_os(ctx, names);
  kEnvironAlias.for_each(code, [&](const Regex::Match& m) {
    if (contains(names.modules, code.substr(m.begin(2), m.end(2) - m.begin(2))))
      names.environ.emplace_back(code.substr(m.begin(1), m.end(1) - m.begin(1)));
  });
  return names;
}

bool is_assignment_at(std::string_view code, uint32_t pos) {
  pos = skip_space(code, pos);
  return pos < code.size() && code[pos] == '=' && (pos + 1 >= code.size() || code[pos + 1] != '=');
}

bool word_before(std::string_view code, uint32_t pos, std::string_view word, uint32_t* word_begin) {
  uint32_t p = skip_space_back(code, pos);
  if (p < word.size() || code.substr(p - word.size(), word.size()) != word) return false;
  uint32_t b = p - uint32_t(word.size());
  if (b > 0 && is_ident_char(code[b - 1])) return false;
  *word_begin = b;
  return true;
}

// `"X" in os.environ` / `"X" not in os.environ`: a presence check.
bool presence_check(const ScanContext& ctx, uint32_t mapping_begin, std::string_view how) {
  uint32_t in_begin = 0, not_begin = 0;
  if (!word_before(ctx.code(), mapping_begin, "in", &in_begin)) return false;
  if (word_before(ctx.code(), in_begin, "not", &not_begin)) in_begin = not_begin;
  const StringLiteral* lit = ctx.view->literal_ending_at(skip_space_back(ctx.code(), in_begin));
  if (lit == nullptr || lit->interpolated) {
    ctx.dynamic();  // for key in os.environ: enumerates the environment
    return true;
  }
  ctx.add(std::string(ctx.text.substr(lit->content_begin, lit->content_end - lit->content_begin)),
          ReadKind::Optional, lit->content_begin, lit->content_end, how);
  return true;
}

// A method call on the mapping: get/setdefault/pop read a name with a fallback.
void environ_method(const ScanContext& ctx, uint32_t dot) {
  std::string_view code = ctx.code();
  uint32_t m = skip_space(code, dot + 1), e = m;
  while (e < code.size() && is_ident_char(code[e])) ++e;
  std::string_view method = code.substr(m, e - m);
  uint32_t paren = skip_space(code, e);
  bool call = paren < code.size() && code[paren] == '(';
  if (call && (method == "get" || method == "setdefault" || method == "pop")) {
    auto arg = literal_arg(*ctx.view, ctx.text, paren + 1);
    if (!arg) return ctx.dynamic();
    static constexpr std::string_view kHow[] = {"os.environ.get", "os.environ.setdefault", "os.environ.pop"};
    ctx.add(*arg, ReadKind::Optional, kHow[method == "get" ? 0 : method == "setdefault" ? 1 : 2]);
    return;
  }
  // copy(), items(), keys(), values(): the whole environment is handed on.
  if (method != "update" && method != "clear" && method != "__setitem__") ctx.dynamic();
}

void environ_access(const ScanContext& ctx, uint32_t begin, uint32_t after) {
  std::string_view code = ctx.code();
  uint32_t p = skip_space(code, after);
  char c = p < code.size() ? code[p] : '\0';
  if (c == '[') {
    auto arg = literal_arg(*ctx.view, ctx.text, p + 1);
    uint32_t close = arg ? skip_space(code, arg->after) : p;
    if (!arg || close >= code.size() || code[close] != ']') return ctx.dynamic();
    uint32_t del = 0;
    if (is_assignment_at(code, close + 1) || word_before(code, begin, "del", &del)) return;  // a write
    ctx.add(*arg, ReadKind::Required, "os.environ[]");
    return;
  }
  if (c == '.') return environ_method(ctx, p);
  if (on_import_line(code, begin) || is_assignment_at(code, after)) return;  // env = os.environ (the alias itself)
  if (presence_check(ctx, begin, "in os.environ")) return;
  static const Regex kAliasStatement(R"(^\s*[A-Za-z_]\w*\s*=\s*$)");
  uint32_t lb = line_begin(code, begin);
  if (kAliasStatement.matches(code.substr(lb, begin - lb))) return;  // env = os.environ
  ctx.dynamic();  // dict(os.environ), subprocess.run(env=os.environ) ...
}

void getenv_call(const ScanContext& ctx, uint32_t begin, uint32_t after) {
  std::string_view code = ctx.code();
  uint32_t p = skip_space(code, after);
  if (p >= code.size() || code[p] != '(') {
    if (!on_import_line(code, begin)) ctx.dynamic();
    return;
  }
  auto arg = literal_arg(*ctx.view, ctx.text, p + 1);
  if (!arg) return ctx.dynamic();
  // The code receives None for a missing variable and has to handle it.
  ctx.add(*arg, ReadKind::Optional, "os.getenv");
}

std::string os_pattern(const OsNames& n) {
  return "(?<![\\w.])(?:(?:" + alternation(n.modules) + ")\\s*\\.\\s*(?:(environ)|(getenv))|(" +
         alternation(n.environ) + ")|(" + alternation(n.getenv) + "))\\b";
}

void scan_os(const ScanContext& ctx) {
  OsNames names = collect_os_names(ctx);
  static const Regex kDefault(os_pattern(OsNames{}));
  std::unique_ptr<Regex> custom;
  if (!names.is_default()) custom = std::make_unique<Regex>(os_pattern(names));
  const Regex& pattern = custom ? *custom : kDefault;
  pattern.for_each(ctx.code(), [&](const Regex::Match& m) {
    if (m.has(1) || m.has(3)) environ_access(ctx, m.begin(), m.end());
    else getenv_call(ctx, m.begin(), m.end());
  });
}

// ---- django-environ ---------------------------------------------------------
// env = environ.Env(DEBUG=(bool, False)); env("X"), env.str("X", default=...).
struct DjangoEnv {
  std::vector<std::string> instances;
  std::vector<std::string> scheme_defaults;  // Env(NAME=(type, default)) gives NAME a default
};

DjangoEnv collect_django_env(const ScanContext& ctx) {
  static const Regex kImport(R"(\b(?:import\s+environ\b|from\s+environ\s+import\b))");
  static const Regex kInstance(R"(([A-Za-z_]\w*)\s*=\s*(?:environ\s*\.\s*)?Env\s*\()");
  DjangoEnv env;
  std::string_view code = ctx.code();
  if (!kImport.matches(code)) return env;
  kInstance.for_each(code, [&](const Regex::Match& m) {
    env.instances.emplace_back(code.substr(m.begin(1), m.end(1) - m.begin(1)));
    for (const CallArg& a : split_call_args(code, m.end() - 1).args) {
      if (a.keyword.empty() || a.value_begin >= code.size() || code[a.value_begin] != '(') continue;
      if (split_call_args(code, a.value_begin).args.size() >= 2) env.scheme_defaults.emplace_back(a.keyword);
    }
  });
  return env;
}

bool is_django_cast(std::string_view method) {
  static constexpr std::string_view kCasts[] = {"str", "bool", "int", "float", "list", "tuple", "dict",
                                                "url", "db", "db_url", "cache", "cache_url", "email",
                                                "email_url", "search_url", "json", "path", "bytes"};
  return std::ranges::find(kCasts, method) != std::end(kCasts);
}

void scan_django_environ(const ScanContext& ctx) {
  DjangoEnv env = collect_django_env(ctx);
  if (env.instances.empty()) return;
  Regex call("(?<![\\w.])(?:" + alternation(env.instances) + ")\\s*(?:\\.\\s*([a-z_]+)\\s*)?\\(");
  std::string_view code = ctx.code();
  call.for_each(code, [&](const Regex::Match& m) {
    bool method = m.has(1);
    if (method && !is_django_cast(code.substr(m.begin(1), m.end(1) - m.begin(1)))) return;
    if (!method && on_import_line(code, m.begin())) return;
    CallArgs args = split_call_args(code, m.end() - 1);
    auto arg = literal_arg(*ctx.view, ctx.text, m.end());
    if (!arg) {
      if (!args.args.empty()) ctx.dynamic();
      return;
    }
    // env(var, cast, default) / env.str(var, default): a default makes it optional.
    bool has_default = args.keyword("default") != nullptr || args.positional() >= (method ? 2u : 3u) ||
                       contains(env.scheme_defaults, arg->value);
    ctx.add(*arg, has_default ? ReadKind::Optional : ReadKind::Required, method ? "env.<cast>()" : "env()");
  });
}

// ---- python-decouple --------------------------------------------------------
void scan_decouple(const ScanContext& ctx) {
  static const Regex kFromImport(R"(\bfrom\s+decouple\s+import\b[^\n]*\bconfig\b)");
  static const Regex kModuleImport(R"(\bimport\s+decouple\b)");
  static const Regex kInstance(R"(([A-Za-z_]\w*)\s*=\s*(?:decouple\s*\.\s*)?(?:AutoConfig|Config)\s*\()");
  std::string_view code = ctx.code();
  std::vector<std::string> names;
  if (kFromImport.matches(code)) names.emplace_back("config");
  if (kModuleImport.matches(code)) names.emplace_back("decouple\\s*\\.\\s*config");
  kInstance.for_each(code, [&](const Regex::Match& m) {
    names.emplace_back(code.substr(m.begin(1), m.end(1) - m.begin(1)));
  });
  if (names.empty()) return;
  Regex call("(?<![\\w.])(?:" + alternation(names) + ")\\s*\\(");
  call.for_each(code, [&](const Regex::Match& m) {
    auto arg = literal_arg(*ctx.view, ctx.text, m.end());
    CallArgs args = split_call_args(code, m.end() - 1);
    if (!arg) {
      if (!args.args.empty()) ctx.dynamic();
      return;
    }
    bool has_default = args.keyword("default") != nullptr || args.positional() >= 2;
    ctx.add(*arg, has_default ? ReadKind::Optional : ReadKind::Required, "decouple config()");
  });
}

}  // namespace

void scan_python(ScanContext& ctx) {
  scan_os(ctx);
  std::string_view text = ctx.text;
  if (text.find("Env") != std::string_view::npos) scan_django_environ(ctx);
  if (text.find("decouple") != std::string_view::npos) scan_decouple(ctx);
}

}  // namespace ecslint::contracts::scan
