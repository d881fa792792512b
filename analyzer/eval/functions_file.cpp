// file(), fileexists(), filebase64() and templatefile(). Files come from the
// context's FileReader, which keeps them alive so a value read from a file,
// or produced by a template, keeps an origin inside that file.
#include "analyzer/eval/functions_impl.h"
#include "grammar/syntax.h"

namespace ecslint::eval::functions {

namespace {

// Only the template's variables: templatefile() sees nothing else.
class VarsScope : public Scope {
 public:
  explicit VarsScope(const Value& vars) : vars_(vars) {}

  Value resolve(std::span<const ast::TraversalStep> steps, Origin origin) const override {
    std::string name(steps[0].name);
    const Value* v = vars_.is_object() ? vars_.member(name) : nullptr;
    if (!v) return Value::error("Invalid function argument: vars map does not contain key \"" + name + "\"", origin);
    return apply_steps(*v, steps.subspan(1), origin);
  }

 private:
  const Value& vars_;
};

// The file a path names, or the error/unknown Terraform would give.
std::variant<const SourceFile*, Value> open_file(const Call& c) {
  auto path = string_arg(c.args[0]);
  if (!path) return c.bad_arg(0, "string required");
  if (!c.context.files) return Value::unknown(c.origin);
  const SourceFile* file = c.context.files->read(*path);
  if (!file) return c.fail("no file exists at \"" + *path + "\"");
  return file;
}

Value fn_file(const Call& c) {
  auto f = open_file(c);
  if (auto* v = std::get_if<Value>(&f)) return *v;
  const SourceFile* file = std::get<0>(f);
  return Value::string(std::string(file->text()), Origin{file, {0, file->size()}});
}

Value fn_fileexists(const Call& c) {
  auto path = string_arg(c.args[0]);
  if (!path) return c.bad_arg(0, "string required");
  if (!c.context.files) return Value::unknown(c.origin);
  return Value::boolean(c.context.files->read(*path) != nullptr, c.origin);
}

Value fn_filebase64(const Call& c) {
  auto f = open_file(c);
  if (auto* v = std::get_if<Value>(&f)) return *v;
  Value text = Value::string(std::string(std::get<0>(f)->text()));
  return call_function("base64encode", std::span(&text, 1), c.context, c.origin);
}

// Templates may not call templatefile themselves (Terraform forbids it);
// this also bounds recursion through file contents.
thread_local int template_depth = 0;

Value fn_templatefile(const Call& c) {
  if (template_depth > 0) return c.fail("cannot recursively call templatefile from inside templatefile");
  auto f = open_file(c);
  if (auto* v = std::get_if<Value>(&f)) return *v;
  const Value& vars = c.args[1];
  if (!vars.is_object()) return c.bad_arg(1, "vars must be a map or object");
  const SourceFile* file = std::get<0>(f);
  auto parsed = grammar::parse_template(*file);
  if (!parsed->ok() || !parsed->root)
    return c.fail(parsed->errors.empty() ? "template could not be parsed" : parsed->errors[0].summary);
  VarsScope scope(vars);
  EvalContext inner{&scope, c.context.files, c.context.module_dir};
  ++template_depth;
  Value result = evaluate(*parsed->root, *file, inner);
  --template_depth;
  return result;
}

const FunctionDef kFunctions[] = {
    {"file", 1, 1, fn_file},
    {"fileexists", 1, 1, fn_fileexists},
    {"filebase64", 1, 1, fn_filebase64},
    {"templatefile", 2, 2, fn_templatefile},
};

}  // namespace

std::span<const FunctionDef> file_functions() { return kFunctions; }

}  // namespace ecslint::eval::functions
