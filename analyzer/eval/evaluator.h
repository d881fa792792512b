// Evaluation of HCL expressions with Terraform's semantics.
//
// The evaluator knows expressions, operators, templates and functions; what a
// name means (var.x, local.y, aws_s3_bucket.b.arn, each.key, count.index,
// path.module) is the Scope's business, supplied by the module loader.
// Nothing here fails: an unresolvable name, an unknown function or a bad
// argument gives an Unknown value (with an error recorded only where
// Terraform itself would fail on known values, for tests and for `can`/`try`).
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analyzer/eval/value.h"
#include "grammar/ast.h"

namespace ecslint::eval {

// Reads files for file(), templatefile(), fileexists(). Implementations keep
// the SourceFiles alive for the whole run so origins can point into them.
class FileReader {
 public:
  virtual ~FileReader() = default;
  // `path` as written, resolved against the calling module's directory by the
  // caller. nullptr when the file does not exist or cannot be read.
  virtual const SourceFile* read(const std::string& path) const = 0;
};

// Resolves references. `steps` is the whole traversal (steps[0] is the root
// name); the scope returns the value of as much of it as it understands and
// applies the rest with apply_steps().
class Scope {
 public:
  virtual ~Scope() = default;
  virtual Value resolve(std::span<const ast::TraversalStep> steps, Origin origin) const = 0;
};

// The values of constant tuples and objects (ast::Expr::constant), made once
// and shared: a module called from several places, or an instance per
// for_each key, builds the same literal container definitions every time
// otherwise. Safe to use from several threads.
class ConstantCache {
 public:
  std::optional<Value> find(const ast::Expr* expr, const SourceFile* file) const;
  // Keeps `value` unless another thread kept one first; returns the kept one.
  Value keep(const ast::Expr* expr, const SourceFile* file, Value value);

 private:
  struct KeyHash {
    size_t operator()(const std::pair<const ast::Expr*, const SourceFile*>& k) const {
      return std::hash<const void*>()(k.first) ^ (std::hash<const void*>()(k.second) << 1);
    }
  };
  mutable std::mutex lock_;
  std::unordered_map<std::pair<const ast::Expr*, const SourceFile*>, Value, KeyHash> values_;
};

struct EvalContext {
  const Scope* scope = nullptr;        // nullptr: every reference is unknown
  const FileReader* files = nullptr;   // nullptr: file() and templatefile() give unknown
  std::string_view module_dir = ".";   // path.module (owned by the caller; contexts are copied per instance)
  ConstantCache* constants = nullptr;  // nullptr: constants are evaluated every time
};

// This thread's stacks of the elements and members gathered for the tuples,
// objects and bodies being built, innermost last: take the size as a mark,
// push, move what is above the mark into the value (Value::tuple_of,
// object_of), resize back to the mark. Builds nest (an expression inside a
// body, a body inside a block); each leaves what is below its mark alone.
// Building a collection this way allocates only the value.
std::vector<Value>& item_scratch();
std::vector<Member>& member_scratch();

// Evaluates `expr` (written in `file`).
Value evaluate(const ast::Expr& expr, const SourceFile& file, const EvalContext& context);

// Applies attribute/index/splat steps to a value (unknown in, unknown out).
Value apply_steps(const Value& value, std::span<const ast::TraversalStep> steps, Origin origin);

// Calls a Terraform function on evaluated arguments. Unknown function or
// arguments that cannot be handled: Unknown. `origin` is the call's range.
Value call_function(std::string_view name, std::span<const Value> args, const EvalContext& context, Origin origin);

// Whether `name` is a function the evaluator implements.
bool is_supported_function(std::string_view name);

// Serialises as Terraform's jsonencode does (keys sorted, no spaces, HTML-safe
// escapes of <, >, &). nullopt when the value is not wholly known.
std::optional<std::string> json_encode(const Value& value);

// Parses JSON text into a Value whose origins point into `file` (when the
// text is exactly a range of that file; pass nullptr otherwise).
Value json_decode(std::string_view text, const SourceFile* file, uint32_t base_offset, Origin fallback);

// The same for JSON already parsed (grammar::parse_json) from `file`
// itself: the value of its syntax tree `root`.
Value json_value(const ast::Expr& root, const SourceFile* file, Origin fallback);

}  // namespace ecslint::eval
