// Terraform semantics over the parsed files: modules (a directory's .tf
// files, local `module` sources loaded with their inputs bound), variables
// and their values from outside (tfvars, --var, TF_VAR_*), locals, and every
// resource and data instance (count and for_each expanded where known, when
// its type is first asked for), its body evaluated into one Value when first
// read.
//
// An instance's `body` is the block as data: attributes are members, nested
// blocks are members holding a tuple of objects (dynamic blocks expanded),
// every value with its origin. Attributes the provider computes (`.arn`,
// `.id`) are not in the body; a reference to one is an Unknown whose symbol
// names it ("aws_secretsmanager_secret.app.arn"), and resolve_symbol() maps
// such a symbol back to its instance.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/diagnostics.h"
#include "analyzer/eval/evaluator.h"
#include "analyzer/terraform/variables.h"
#include "analyzer/workspace.h"

namespace ecslint::tf {

// Values for root module variables from outside the configuration, in
// Terraform's order of precedence (later wins): TF_VAR_* environment,
// terraform.tfvars, *.auto.tfvars (sorted), var_files, cli_vars.
struct InputVariables {
  std::vector<std::string> var_files;                   // --var-file and config varfile
  std::vector<std::pair<std::string, std::string>> cli_vars;  // --var NAME=VALUE
  bool read_environment = true;                         // TF_VAR_*
};

class ModuleScope;
struct ResourceDecl;

struct ResourceInstance {
  // Views into the declaration and the module instance, which live as long
  // as the instance does.
  std::string_view type;         // aws_ecs_service
  std::string_view name;         // api
  bool data = false;             // a data source
  std::string_view module_path;  // "" for a root module, "module.a" inside a call
  std::string address;       // module.a.aws_ecs_service.api[0]
  eval::Value index;         // count.index or each.key; Unknown without count/for_each
  Location location;         // the block header
  const SourceFile* file = nullptr;

  // The evaluated block (see above), evaluated on first use: rules read a
  // few resource types, and most of a configuration's blocks are never
  // asked for. Safe to call from several threads while the configuration
  // lives (until release_instances()).
  const eval::Value& body() const {
    if (!body_ready_.load(std::memory_order_acquire)) evaluate_body();
    return body_;
  }

  // Bodies of instances in one group (a root module and the modules it
  // calls) are evaluated one at a time; groups evaluate in parallel.
  const void* evaluation_group() const;

  ResourceInstance() = default;
  ResourceInstance(ResourceInstance&& other) noexcept;
  ResourceInstance& operator=(ResourceInstance&&) = delete;

 private:
  friend class ModuleScope;
  void evaluate_body() const;

  // How to evaluate the body: the module instance it belongs to, its block,
  // and count or each as the block sees them.
  const ModuleScope* scope_ = nullptr;
  const ResourceDecl* decl_ = nullptr;
  std::string_view iterator_;   // "count", "each", or empty
  eval::Value iteration_;       // count = {index}, each = {key, value}
  mutable eval::Value body_;
  mutable std::atomic<bool> body_ready_{false};
  mutable bool evaluating_ = false;  // guarded by the root's evaluation lock
};

// A notice about loading (a remote module source skipped, a module cycle).
struct LoadNotice {
  Location location;
  std::string message;
};

class Configuration {
 public:
  Configuration();
  ~Configuration();
  Configuration(Configuration&&) noexcept;
  Configuration& operator=(Configuration&&) noexcept;
  Configuration(const Configuration&) = delete;
  Configuration& operator=(const Configuration&) = delete;

  // The declarations of the variables whose names `wanted` accepts, in
  // every module directory, by directory then name. Made on each call, for
  // those names only: a rule checks a few variables of the hundreds a
  // configuration declares, and each declaration evaluates its default.
  // Empty after release_instances().
  std::vector<VariableDecl> variables(const std::function<bool(std::string_view name)>& wanted) const;

  // The instances of a resource (or data) type, in load order: root
  // modules by directory, each module's blocks in file order, then the
  // modules it calls. Only blocks of the types asked for are expanded:
  // rules read a few types, and most blocks of a configuration are never
  // asked for. Safe to call from several threads while the configuration
  // lives (until release_instances()).
  const std::vector<const ResourceInstance*>& of_type(std::string_view type, bool data = false) const;

  // The instance a symbol names, and the rest of the symbol after its
  // address: "aws_security_group.efs.id" gives the instance of
  // aws_security_group.efs and attribute "id". nullptr when none matches.
  const ResourceInstance* resolve_symbol(std::string_view symbol, std::string* attribute = nullptr) const;

  // Every instance of every module, in load order. Expands every block and
  // binds every variable: for listings, not for rules.
  const std::vector<const ResourceInstance*>& all_instances() const;

  // Notices about loading: modules not loaded are known once loading ends;
  // a variable value that does not convert to its type only once the
  // variable is read (all_instances() reads all). Sorted by place.
  std::vector<LoadNotice> notices() const;

  // Frees the instances and the declarations (most of a run's memory) once
  // every rule has read them. Notices stay, and so do the files read by
  // templatefile() and the variable texts: findings point into them.
  void release_instances();

 private:
  friend Configuration load_configuration(const Workspace&, const InputVariables&);
  // The loader, the root modules' scopes (which own the instances) and
  // what has been asked of them so far.
  struct Evaluation;
  std::unique_ptr<Evaluation> evaluation_;
  std::vector<LoadNotice> notices_;  // reading's; after release_instances(), all
  // Files read by file()/templatefile(): origins point into them.
  std::shared_ptr<const eval::FileReader> files_;
  // Text of TF_VAR_* and --var values parsed as expressions: origins point into them.
  std::vector<std::shared_ptr<const SourceFile>> variable_sources_;
};

Configuration load_configuration(const Workspace& workspace, const InputVariables& inputs);

}  // namespace ecslint::tf
