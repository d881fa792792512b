// Helpers for the evaluator's tests: parse one expression (as the value of
// an attribute `x`), evaluate it against a small scope, render the result.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/eval/convert.h"
#include "analyzer/eval/evaluator.h"
#include "grammar/syntax.h"

namespace ecslint::eval::testing {

// Root names (var, local, aws_x, ...) mapped to values; anything else is
// an Unknown named after its traversal, as a module scope would give it.
class MapScope : public Scope {
 public:
  std::map<std::string, Value, std::less<>> roots;

  Value resolve(std::span<const ast::TraversalStep> steps, Origin origin) const override {
    auto it = roots.find(steps[0].name);
    if (it != roots.end()) return apply_steps(it->second, steps.subspan(1), origin);
    std::string symbol(steps[0].name);
    for (const auto& s : steps.subspan(1))
      if (s.kind == ast::StepKind::Attr) symbol.append(".").append(s.name);
    return Value::unknown(origin, symbol);
  }
};

// In-memory files for file() and templatefile().
class MemoryFiles : public FileReader {
 public:
  std::map<std::string, std::unique_ptr<SourceFile>> files;

  void add(const std::string& path, std::string_view text) {
    files[path] = std::make_unique<SourceFile>(path, text);
  }
  const SourceFile* read(const std::string& path) const override {
    auto it = files.find(path);
    return it == files.end() ? nullptr : it->second.get();
  }
};

// A parsed configuration whose attributes can be evaluated by name.
struct Config {
  std::unique_ptr<SourceFile> source;
  std::unique_ptr<grammar::ParsedFile> parsed;

  explicit Config(std::string_view text, std::string path = "main.tf")
      : source(std::make_unique<SourceFile>(std::move(path), text)), parsed(grammar::parse_hcl(*source)) {}

  bool ok() const { return parsed->ok(); }
  const ast::Expr* attr(std::string_view name) const {
    for (const auto& a : parsed->body->attributes)
      if (a.name == name) return a.value;
    return nullptr;
  }
  Value eval(std::string_view name, const EvalContext& context = {}) const {
    const ast::Expr* e = attr(name);
    return e ? evaluate(*e, *source, context) : Value::error("no attribute " + std::string(name));
  }
  uint32_t line_of(const Origin& o) const { return o.known() ? o.file->position(o.range.begin).line : 0; }
};

// JSON of a known value; "<unknown>" (or the pieces), "<error: ...>", "<parse error>".
inline std::string render(const Value& v) {
  if (v.is_error()) return "<error: " + v.error_message() + ">";
  if (!v.is_known()) return v.pieces().empty() ? "<unknown>" : "<unknown: " + pieces_text(v) + ">";
  auto j = json_encode(v);
  return j ? *j : "<unknown inside>";
}

inline std::string eval_expr(std::string_view expr, const EvalContext& context = {}) {
  Config config("x = " + std::string(expr) + "\n");
  if (!config.ok()) return "<parse error: " + config.parsed->errors[0].summary + ">";
  return render(config.eval("x", context));
}

}  // namespace ecslint::eval::testing
