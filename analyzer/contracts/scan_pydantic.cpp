// pydantic-settings: every annotated field of a BaseSettings subclass is an
// environment variable (env_prefix + field name, upper-cased unless
// case_sensitive), required when the field has no default.
#include <algorithm>
#include <map>

#include "analyzer/contracts/scan_support.h"

namespace ecslint::contracts::scan {
namespace {

struct SettingsOptions {
  std::string prefix;
  bool case_sensitive = false;
};

struct PydanticFile {
  bool v1 = false;  // pydantic v1: Optional[...] fields default to None
  std::map<std::string, SettingsOptions, std::less<>> settings_classes;
};

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
  return out;
}

std::string_view slice(std::string_view s, uint32_t b, uint32_t e) { return s.substr(b, e - b); }

// End of the logical line starting at `first`: the newline outside brackets
// that is not escaped by a backslash.
uint32_t logical_end(std::string_view code, uint32_t first) {
  int depth = 0;
  for (uint32_t i = first; i < code.size(); ++i) {
    char c = code[i];
    if (c == '(' || c == '[' || c == '{') ++depth;
    else if (c == ')' || c == ']' || c == '}') depth = std::max(0, depth - 1);
    else if (c == '\n' && depth == 0 && !(i > first && code[i - 1] == '\\')) return i;
  }
  return uint32_t(code.size());
}

// Calls fn(first, end) for each statement directly in the block that starts at
// `body` and is indented deeper than `outer_indent`.
template <class Fn>
uint32_t for_each_block_statement(std::string_view code, uint32_t body, uint32_t outer_indent, Fn&& fn) {
  uint32_t pos = body;
  int64_t block_indent = -1;
  while (pos < code.size()) {
    uint32_t first = pos;
    while (first < code.size() && (code[first] == ' ' || code[first] == '\t')) ++first;
    if (first >= code.size()) return first;
    if (code[first] == '\n' || code[first] == '\r') {  // blank (comments and docstrings are blank too)
      pos = first + 1;
      continue;
    }
    uint32_t indent = first - pos;
    if (indent <= outer_indent) return pos;
    if (block_indent < 0) block_indent = indent;
    uint32_t end = logical_end(code, first);
    if (indent == block_indent) fn(first, end);
    pos = end + 1;
  }
  return uint32_t(code.size());
}

// env_prefix / case_sensitive given as keywords (SettingsConfigDict(...),
// class kwargs, v1 Config attributes) or as dict keys ({"env_prefix": ...}).
void read_options(const ScanContext& ctx, uint32_t b, uint32_t e, SettingsOptions& opt) {
  static const Regex kPrefix(R"(\benv_prefix\s*=\s*)");
  static const Regex kCase(R"(\bcase_sensitive\s*=\s*(True|False)\b)");
  std::string_view code = ctx.code(), range = slice(code, b, e);
  kPrefix.for_each(range, [&](const Regex::Match& m) {
    if (auto lit = literal_arg(*ctx.view, ctx.text, b + m.end())) opt.prefix = lit->value;
  });
  kCase.for_each(range, [&](const Regex::Match& m) { opt.case_sensitive = range[m.begin(1)] == 'T'; });
  for (const StringLiteral& lit : ctx.view->literals_from(b, e)) {
    if (lit.end > e) continue;
    std::string_view key = slice(ctx.text, lit.content_begin, lit.content_end);
    uint32_t colon = skip_space(code, lit.end);
    if (colon >= code.size() || code[colon] != ':') continue;
    if (key == "env_prefix") {
      if (auto v = literal_arg(*ctx.view, ctx.text, colon + 1)) opt.prefix = v->value;
    } else if (key == "case_sensitive") {
      opt.case_sensitive = starts_with_at(code, skip_space(code, colon + 1), "True");
    }
  }
}

// The names a Field(...) gives the variable directly, ignoring env_prefix:
// alias=, validation_alias= (a string or AliasChoices(...)), v1 env=.
std::vector<LiteralArg> explicit_names(const ScanContext& ctx, const CallArgs& args) {
  std::vector<LiteralArg> names;
  for (std::string_view key : {"validation_alias", "alias", "env"}) {
    const CallArg* a = args.keyword(key);
    if (a == nullptr) continue;
    if (auto lit = literal_arg(*ctx.view, ctx.text, a->value_begin)) {
      names.push_back(*lit);
    } else {  // AliasChoices("A", "B") or env=["A", "B"]
      for (const StringLiteral& l : ctx.view->literals_from(a->value_begin, a->end))
        if (l.end <= a->end)
          if (auto v = literal_arg(*ctx.view, ctx.text, l.begin)) names.push_back(*v);
    }
    if (!names.empty()) break;
  }
  return names;
}

struct FieldDecl {
  uint32_t name_begin, name_end;
  uint32_t annotation_begin, annotation_end;
  uint32_t default_begin = 0, default_end = 0;  // empty: no "= ..."
};

bool parse_field(std::string_view code, uint32_t first, uint32_t end, FieldDecl& f) {
  static const Regex kField(R"(^([A-Za-z_]\w*)[ \t]*:(?!=)\s*)");
  bool ok = false;
  kField.for_each(slice(code, first, end), [&](const Regex::Match& m) {
    f.name_begin = first + m.begin(1);
    f.name_end = first + m.end(1);
    f.annotation_begin = first + m.end();
    ok = true;
  });
  if (!ok) return false;
  int depth = 0;
  f.annotation_end = end;
  for (uint32_t i = f.annotation_begin; i < end; ++i) {
    char c = code[i];
    if (c == '(' || c == '[' || c == '{') ++depth;
    else if (c == ')' || c == ']' || c == '}') --depth;
    else if (c == '=' && depth == 0) {
      f.annotation_end = skip_space_back(code, i);
      f.default_begin = skip_space(code, i + 1);
      f.default_end = skip_space_back(code, end);
      break;
    }
  }
  return true;
}

// The Field(...) call in the default or inside Annotated[..., Field(...)].
std::optional<CallArgs> field_call(std::string_view code, uint32_t b, uint32_t e) {
  static const Regex kFieldCall(R"((?<![\w.])(?:pydantic\s*\.\s*)?Field\s*\()");
  std::optional<CallArgs> out;
  kFieldCall.for_each(slice(code, b, e), [&](const Regex::Match& m) {
    if (!out) out = split_call_args(code, b + m.end() - 1);
  });
  return out;
}

bool is_ellipsis(std::string_view code, const CallArg& a) { return slice(code, a.value_begin, a.end) == "..."; }

bool is_optional_annotation(std::string_view code, const FieldDecl& f) {
  static const Regex kOptional(R"(\bOptional\s*\[|\bNone\b)");
  return kOptional.matches(slice(code, f.annotation_begin, f.annotation_end));
}

// v2 has no implicit defaults; v1 gives Optional[...] fields a None default.
bool field_has_default(std::string_view code, const FieldDecl& f, const std::optional<CallArgs>& call, bool v1) {
  bool has_assignment = f.default_end > f.default_begin;
  bool default_is_call = call && has_assignment && call->close > f.default_begin && call->close <= f.default_end;
  if (call) {
    for (const CallArg& a : call->args) {
      if (a.keyword == "default") return !is_ellipsis(code, a);
      if (a.keyword == "default_factory") return true;
    }
    if (call->positional() > 0) return !is_ellipsis(code, call->args.front());
  }
  if (has_assignment && !default_is_call) return true;
  return v1 && is_optional_annotation(code, f);
}

void report_field(const ScanContext& ctx, const FieldDecl& f, const SettingsOptions& opt, bool v1) {
  std::string_view code = ctx.code();
  std::string_view field = slice(code, f.name_begin, f.name_end);
  if (field.starts_with('_') || field == "model_config") return;  // private attributes, configuration
  static const Regex kClassVar(R"(\bClassVar\b)");
  if (kClassVar.matches(slice(code, f.annotation_begin, f.annotation_end))) return;
  std::optional<CallArgs> call = field_call(code, f.default_end > f.default_begin ? f.default_begin : f.annotation_begin,
                                            f.default_end > f.default_begin ? f.default_end : f.annotation_end);
  if (!call) call = field_call(code, f.annotation_begin, f.annotation_end);
  ReadKind kind = field_has_default(code, f, call, v1) ? ReadKind::Optional : ReadKind::Required;
  auto canonical = [&](std::string_view name) { return opt.case_sensitive ? std::string(name) : upper(name); };
  std::vector<LiteralArg> names = call ? explicit_names(ctx, *call) : std::vector<LiteralArg>{};
  if (names.empty()) {
    ctx.add(canonical(opt.prefix + std::string(field)), kind, f.name_begin, f.name_end, "pydantic field");
    return;
  }
  // Any one of several alias choices satisfies the field, so none is required on its own.
  if (names.size() > 1) kind = ReadKind::Optional;
  for (const LiteralArg& n : names) ctx.add(canonical(n.value), kind, n.begin, n.end, "pydantic alias");
}

struct ClassHeader {
  uint32_t indent = 0;
  std::string name;
  uint32_t open = 0;  // the '(' of the base list
  CallArgs bases;
  uint32_t body = 0;  // start of the line after the header
};

std::optional<SettingsOptions> settings_base(const ScanContext& ctx, const ClassHeader& h, const PydanticFile& file) {
  std::string_view code = ctx.code();
  for (const CallArg& a : h.bases.args) {
    if (!a.keyword.empty()) continue;
    std::string_view base = slice(code, a.begin, a.end);
    size_t dot = base.find_last_of('.');
    std::string_view last = dot == std::string_view::npos ? base : base.substr(dot + 1);
    if (last == "BaseSettings") return SettingsOptions{};
    auto it = file.settings_classes.find(last);
    if (it != file.settings_classes.end()) return it->second;  // options are inherited
  }
  return std::nullopt;
}

void scan_settings_class(const ScanContext& ctx, const ClassHeader& h, PydanticFile& file) {
  std::optional<SettingsOptions> options = settings_base(ctx, h, file);
  if (!options) return;
  std::string_view code = ctx.code();
  read_options(ctx, h.open, h.bases.close, *options);  // class Settings(BaseSettings, env_prefix="APP_")
  static const Regex kConfigClass(R"(^class\s+Config\b)");
  static const Regex kModelConfig(R"(^model_config\b)");
  std::vector<FieldDecl> fields;
  // Options may follow the fields, so collect both before reporting.
  for_each_block_statement(code, h.body, h.indent, [&](uint32_t first, uint32_t end) {
    std::string_view stmt = slice(code, first, end);
    size_t nl = code.rfind('\n', first);
    uint32_t line_indent = first - (nl == std::string_view::npos ? 0 : uint32_t(nl + 1));
    if (kConfigClass.matches(stmt)) {
      file.v1 = true;
      uint32_t body = logical_end(code, first) + 1;
      uint32_t body_end = for_each_block_statement(code, body, line_indent, [](uint32_t, uint32_t) {});
      read_options(ctx, body, body_end, *options);
    } else if (kModelConfig.matches(stmt)) {
      read_options(ctx, first, end, *options);
    } else if (FieldDecl f; parse_field(code, first, end, f)) {
      fields.push_back(f);
    }
  });
  file.settings_classes[h.name] = *options;
  for (const FieldDecl& f : fields) report_field(ctx, f, *options, file.v1);
}

}  // namespace

void scan_pydantic(ScanContext& ctx) {
  if (ctx.text.find("BaseSettings") == std::string_view::npos) return;
  static const Regex kClass(R"((?m)^([ \t]*)class[ \t]+([A-Za-z_]\w*)[ \t]*\()");
  static const Regex kV1Import(R"(\bfrom\s+pydantic\s+import\b[^\n]*\bBaseSettings\b)");
  std::string_view code = ctx.code();
  PydanticFile file;
  file.v1 = kV1Import.matches(code);
  kClass.for_each(code, [&](const Regex::Match& m) {
    ClassHeader h;
    h.indent = m.end(1) - m.begin(1);
    h.name = std::string(slice(code, m.begin(2), m.end(2)));
    h.open = m.end() - 1;
    h.bases = split_call_args(code, h.open);
    size_t colon = code.find(':', h.bases.close);
    size_t nl = colon == std::string_view::npos ? colon : code.find('\n', colon);
    h.body = nl == std::string_view::npos ? uint32_t(code.size()) : uint32_t(nl + 1);
    scan_settings_class(ctx, h, file);
  });
}

}  // namespace ecslint::contracts::scan
