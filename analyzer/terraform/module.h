// Internals of configuration loading: a module's declarations and the scope
// that gives Terraform meaning to var., local., module., data. and resource
// references while its blocks are evaluated.
#pragma once

#include <map>
#include <mutex>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "analyzer/eval/convert.h"
#include "analyzer/text.h"
#include "analyzer/terraform/configuration.h"

namespace ecslint::tf {

// A block in a parsed file.
struct BlockRef {
  const SourceFile* file = nullptr;
  const ast::Block* block = nullptr;
};

struct ExprRef {
  const SourceFile* file = nullptr;
  const ast::Expr* expr = nullptr;
};

// Names are views of the block's labels (in its file or the module's arena).
struct ResourceDecl {
  std::string_view type, name;
  bool data = false;
  BlockRef where;
  // Index of the first declaration with this key (itself, unless the key is
  // declared twice, which Terraform rejects): a module instance keeps what
  // it works out about a resource in this slot, shared by both declarations.
  size_t slot = 0;
};

// A resource block's identity within its module: `data.TYPE.NAME` or `TYPE.NAME`.
struct ResourceKey {
  bool data = false;
  std::string_view type, name;
  bool operator==(const ResourceKey&) const = default;
};

struct ResourceKeyHash {
  size_t operator()(const ResourceKey& key) const {
    std::hash<std::string_view> hash;
    return hash(key.type) * 31 + hash(key.name) + key.data;
  }
};

// The file a node of a merged block came from when it is not the block's
// own file: an override file's attributes (keyed by their value Expr) and
// nested blocks (keyed by their Body).
using NodeFiles = std::unordered_map<const void*, const SourceFile*>;

// What one module directory declares (its .tf and .tf.json files merged,
// then its override files merged into those declarations).
struct ModuleDecls {
  std::string dir;
  std::string absolute_dir;  // what path.module gives
  // Keyed by views of the names in the declarations, which live as long as
  // the files (or the arena below): no copies.
  std::map<std::string_view, BlockRef> variables;
  std::unordered_map<std::string_view, ExprRef> locals;  // looked up by name only
  std::map<std::string_view, ExprRef> outputs;
  std::vector<ResourceDecl> resources;
  std::unordered_map<ResourceKey, size_t, ResourceKeyHash> resource_index;  // → resources[i]
  std::map<std::string_view, BlockRef> calls;  // module blocks
  std::map<std::string_view, eval::TypeConstraint> variable_types;  // variables with a `type`
  NodeFiles foreign;
  ast::Arena arena;                    // .tf.json files read as native bodies, merged override blocks
  std::vector<LoadNotice> notices;     // while reading; moved to the configuration's in directory order

  const SourceFile& file_of(const void* node, const SourceFile& home) const {
    auto it = foreign.find(node);
    return it == foreign.end() ? home : *it->second;
  }
};

// The type constraint a variable's `type` expression names; nullopt when it
// is not one ecslint reads (then the value is taken as given).
std::optional<eval::TypeConstraint> type_constraint(const ast::Expr& expr, const SourceFile& file);

// Reads files for file() and templatefile(), keeping them alive for the run.
class CachingFileReader final : public eval::FileReader {
 public:
  // Files are named relative to `display_base` in findings, like the
  // workspace's own files (empty: the working directory).
  explicit CachingFileReader(std::string display_base = {}) : display_base_(std::move(display_base)) {}
  const SourceFile* read(const std::string& path) const override;

 private:
  std::string display_base_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::unique_ptr<SourceFile>> files_;
};

// Terraform reads file() paths relative to where it runs: the root
// module's directory, which need not be ecslint's working directory.
class RootRelativeReader final : public eval::FileReader {
 public:
  RootRelativeReader(const CachingFileReader& files, std::string root_dir)
      : files_(files), root_dir_(std::move(root_dir)) {}
  const SourceFile* read(const std::string& path) const override;

 private:
  const CachingFileReader& files_;
  std::string root_dir_;  // absolute
};

class Loader;

// One instance of a module: its declarations plus the values bound to its
// variables. Resolves references for the evaluator.
class ModuleScope final : public eval::Scope {
  friend struct ResourceInstance;

 public:
  // A root module, its variables given from outside. `notices` collects
  // the root's load notices. `lock` serialises the root's evaluation:
  // values are computed on first use, and rules on several threads ask.
  ModuleScope(const Loader& loader, const ModuleDecls& decls,
              std::map<std::string, eval::Value, std::less<>> variable_values,
              std::shared_ptr<const RootRelativeReader> reader, std::vector<LoadNotice>& notices,
              std::recursive_mutex& lock);

  eval::Value resolve(std::span<const ast::TraversalStep> steps, eval::Origin origin) const override;

  eval::Value evaluate(const ExprRef& ref, const eval::Scope& scope) const;
  eval::Value evaluate(const ExprRef& ref) const { return evaluate(ref, *this); }

  // Creates the scopes of the modules this one calls, and theirs: what is
  // known about the module tree (and its notices: remote sources, missing
  // directories) is known once loading ends. Nothing else is evaluated.
  void load_module_tree() const;

  // Expands every resource and data block of the module (count and
  // for_each evaluated, bodies left for first use) and binds every
  // variable, then does the same in the modules it calls, and lists the
  // instances in `out` in that order. The scope keeps owning them.
  void collect_instances(std::vector<const ResourceInstance*>& out) const;

  // The instances of one resource type, in the order collect_instances()
  // lists them; only blocks of that type are expanded.
  void collect_instances_of(std::string_view type, bool data, std::vector<const ResourceInstance*>& out) const;

  // The instances of the block `[data.]type.name` in the module that
  // `module_names` calls down from this one (empty: this module).
  void collect_instances_at(std::span<const std::string_view> module_names, bool data, std::string_view type,
                            std::string_view name, std::vector<const ResourceInstance*>& out) const;

  // Evaluates an instance's body, once (see ResourceInstance::body()).
  void evaluate_instance(const ResourceInstance& instance) const;

  const std::string& module_path() const { return module_path_; }

 private:
  // An input of a module call: evaluated in the caller's scope when the
  // variable is first read.
  struct Input {
    const ast::Expr* expr = nullptr;
    const SourceFile* file = nullptr;
  };
  // A called module's scope.
  ModuleScope(const ModuleScope& caller, const ModuleDecls& decls, std::string module_path,
              std::map<std::string, Input, std::less<>> inputs);

  eval::Value variable(std::string_view name) const;
  eval::Value bind_variable(std::string_view name) const;
  eval::Value local(std::string_view name) const;
  eval::Value resource(std::string_view type, std::string_view name, bool data,
                       std::span<const ast::TraversalStep> rest, eval::Origin origin) const;
  eval::Value module_outputs(std::string_view name) const;
  // The unknown a reference gives to a resource the module does not declare:
  // `[data.]type.name`, or with `attr` its attribute (`aws_lb.main.arn`).
  // Named after the target, with no origin; made once per target, since a
  // module refers to the same few many times.
  const eval::Value& unknown_reference(bool data, std::string_view type, std::string_view name,
                                       std::string_view attr) const;
  const ModuleScope* child(std::string_view name) const;
  std::string symbol_prefix() const { return module_path_.empty() ? "" : module_path_ + "."; }

  std::vector<ResourceInstance> expand(const ResourceDecl& decl) const;
  const std::vector<ResourceInstance>& expanded(const ResourceDecl& decl) const;
  // resource_base() of a declaration, made once.
  const std::string& base_of(const ResourceDecl& decl) const;
  void expand_all() const;
  void list_instances(std::vector<const ResourceInstance*>& out) const;
  // `[module.x.][data.]type.name`: the symbol of a resource in this module.
  std::string resource_base(bool data, std::string_view type, std::string_view name) const {
    std::string base;  // sized once: made for every resource a module instance refers to
    base.reserve(module_path_.size() + 6 + type.size() + 1 + name.size());
    if (!module_path_.empty()) base.append(module_path_).append(".");
    if (data) base += "data.";
    base.append(type).append(".").append(name);
    return base;
  }
  std::string resource_base(const ResourceDecl& decl) const { return resource_base(decl.data, decl.type, decl.name); }
  void notice(Location location, std::string message) const { notices_.push_back({location, std::move(message)}); }

  const Loader& loader_;
  const ModuleDecls& decls_;
  std::string module_path_;
  std::map<std::string, eval::Value, std::less<>> variable_values_;  // a root's, from outside
  const ModuleScope* caller_ = nullptr;                             // a called module's
  std::map<std::string, Input, std::less<>> inputs_;
  int depth_ = 0;
  std::shared_ptr<const RootRelativeReader> reader_;
  std::vector<LoadNotice>& notices_;
  std::recursive_mutex& lock_;  // the root module's: serialises evaluation after loading
  eval::EvalContext context_;

  // Lazily computed; evaluation is single-threaded per root module (roots
  // run in parallel but share nothing mutable; after loading, `lock_`).
  mutable TextMap<std::optional<eval::Value>> locals_;  // nullopt = in progress
  // What this module instance works out about a resource declaration, kept
  // in the declaration's slot (ResourceDecl::slot) of resources_, which is
  // sized once, on first use; a slot's state is made when the declaration is
  // first asked about (most never are), and never moves: its instances are
  // referred to.
  struct ResourceState {
    std::string base;  // resource_base(), made once
    std::optional<std::vector<ResourceInstance>> instances;
    // What a reference to the resource evaluates to before its steps are
    // applied: built once, not for every reference (a counted resource's
    // tuple holds all its instances).
    std::optional<eval::Value> reference;
    // The unknowns of the attributes the body does not set
    // (`aws_iam_role.task.arn`), by attribute: a resource is asked for the
    // same two or three many times, and a scan of these beats a lookup by
    // (data, type, name, attr) in unknown_references_.
    std::vector<std::pair<std::string, eval::Value>> computed;
    int8_t repeated = -1;    // has count or for_each; -1 until asked
    bool expanding = false;  // inside expanded()
  };
  ResourceState& state_of(const ResourceDecl& decl) const;
  mutable std::vector<std::unique_ptr<ResourceState>> resources_;
  mutable TextMap<std::unique_ptr<ModuleScope>> children_;
  mutable TextMap<eval::Value> outputs_;  // by module call name
  mutable TextMap<eval::Value> variables_;  // bound and converted to their types
  using ReferenceTarget = std::tuple<bool, std::string, std::string, std::string>;  // data, type, name, attr
  mutable std::map<ReferenceTarget, eval::Value, std::less<>> unknown_references_;
};

// Owns the modules' declarations and the file reader for one load.
class Loader {
 public:
  Loader(const Workspace& workspace, std::shared_ptr<CachingFileReader> files);

  // Directories holding configuration files, sorted.
  std::vector<std::string> directories() const;

  // Reads the declarations of every directory's module, once, before
  // evaluation starts; afterwards the loader is read-only and shared by the
  // roots evaluated in parallel. Notices go to `notices`, in directory order.
  void read_all_modules(std::vector<LoadNotice>& notices);
  // The declarations of the module in `dir`; nullptr when it has no files.
  const ModuleDecls* module_at(const std::string& dir) const;
  const CachingFileReader& files() const { return *files_; }
  // Constant tuples and objects, evaluated once for all the project's
  // module scopes (its own lock makes it safe to share).
  eval::ConstantCache& constants() const { return constants_; }

 private:
  static std::string module_key(const std::string& dir);
  void read_module(ModuleDecls& decls, const std::vector<const LoadedFile*>& files) const;
  void read_declarations(const LoadedFile& file, ModuleDecls& decls, bool override_file) const;
  const ast::Block* merge_block(const BlockRef& base, const BlockRef& override_block, ModuleDecls& decls) const;

  const Workspace& workspace_;
  std::shared_ptr<CachingFileReader> files_;
  std::map<std::string, std::vector<const LoadedFile*>> files_by_dir_;
  std::map<std::string, std::unique_ptr<ModuleDecls>> modules_;
  mutable eval::ConstantCache constants_;
};

// The declarations of the variables named as `wanted` accepts, in every
// module directory the loader knows.
std::vector<VariableDecl> declared_variables(const Loader& loader, const std::function<bool(std::string_view)>& wanted);

// The attribute `name` of a body, or nullptr.
const ast::Attribute* find_attribute(const ast::Body& body, std::string_view name);

// Terraform's meta-arguments of a resource or data block (count, for_each,
// depends_on, provider, lifecycle): they say how Terraform manages the
// resource, not what it is, and no rule reads them as values.
bool is_meta_argument(std::string_view name);

// Which members evaluate_body() gives: all of them, or a resource's
// arguments without its meta-arguments (evaluating `depends_on` would
// evaluate every resource it names).
enum class BodyMembers { All, ResourceArguments };

// The value of a block's body: attributes as members, nested blocks as
// tuples of objects, dynamic blocks expanded.
// `foreign` names the files of nodes merged in from override files.
eval::Value evaluate_body(const ast::Body& body, const SourceFile& file, const eval::EvalContext& context,
                          eval::Origin origin, const NodeFiles* foreign = nullptr,
                          BodyMembers members = BodyMembers::All);

// A scope that adds one name (count, each, a dynamic block's iterator) on top of another.
class NamedValueScope final : public eval::Scope {
 public:
  NamedValueScope(const eval::Scope& parent, std::string name, eval::Value value)
      : parent_(parent), name_(std::move(name)), value_(std::move(value)) {}
  eval::Value resolve(std::span<const ast::TraversalStep> steps, eval::Origin origin) const override;

 private:
  const eval::Scope& parent_;
  std::string name_;
  eval::Value value_;
};

}  // namespace ecslint::tf
