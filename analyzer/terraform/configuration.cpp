// Loading a configuration: modules by directory and the module tree each
// root calls, root module variables from outside; resource instances are
// expanded and evaluated when first asked for.
#include "analyzer/terraform/configuration.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <iterator>
#include <mutex>
#include <optional>
#include <set>
#include <tuple>

#include "analyzer/parallel.h"
#include "analyzer/timing.h"
#include "analyzer/terraform/json_body.h"
#include "analyzer/terraform/module.h"
#include "analyzer/text.h"

extern char** environ;

namespace ecslint::tf {

namespace fs = std::filesystem;
using eval::Value;

// ---------------------------------------------------------------- files

const SourceFile* CachingFileReader::read(const std::string& path) const {
  std::lock_guard lock(mutex_);
  auto it = files_.find(path);
  if (it != files_.end()) return it->second.get();
  auto loaded = SourceFile::load(path, display_path(path, display_base_));
  auto& slot = files_[path];
  if (loaded) slot = std::move(*loaded);
  return slot.get();
}

// ---------------------------------------------------------------- declarations

namespace {

// The directory key of a file's module.
std::string module_directory_of(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return normal_directory(slash == 0 ? "/" : std::string_view(path).substr(0, slash));
}

bool is_configuration_file(const std::string& path) { return path.ends_with(".tf") || path.ends_with(".tf.json"); }

// override.tf, override.tf.json, *_override.tf, *_override.tf.json: merged
// into the other files' declarations after they are all read.
bool is_override_file(const std::string& path) {
  std::string_view stem(path);
  if (size_t slash = stem.rfind('/'); slash != stem.npos) stem.remove_prefix(slash + 1);
  if (stem.ends_with(".json")) stem.remove_suffix(5);
  if (stem.ends_with(".tf")) stem.remove_suffix(3);
  return stem == "override" || stem.ends_with("_override");
}

// A nested block's kind for override merges: a dynamic "ingress" block
// stands for ingress blocks.
std::string_view nested_type(const ast::Block& block) {
  return block.type == "dynamic" && block.labels.size() == 1 ? block.labels[0].value : block.type;
}

}  // namespace

// Terraform's override rules (language/files/override): an argument in the
// override replaces the original's; nested blocks of a type in the override
// replace all the original's blocks of that type. Nodes taken from the
// override file are recorded in `decls.foreign` so their values point there.
const ast::Block* Loader::merge_block(const BlockRef& base, const BlockRef& override_block, ModuleDecls& decls) const {
  const ast::Body& original = *base.block->body;
  const ast::Body& replacing = *override_block.block->body;
  std::vector<ast::Attribute> attributes;
  for (const ast::Attribute& a : original.attributes)
    if (!find_attribute(replacing, a.name)) attributes.push_back(a);
  for (const ast::Attribute& a : replacing.attributes) {
    attributes.push_back(a);
    decls.foreign[a.value] = override_block.file;
  }
  std::set<std::string_view> replaced;
  for (const ast::Block& b : replacing.blocks) replaced.insert(nested_type(b));
  std::vector<ast::Block> blocks;
  for (const ast::Block& b : original.blocks)
    if (!replaced.count(nested_type(b))) blocks.push_back(b);
  for (const ast::Block& b : replacing.blocks) {
    blocks.push_back(b);
    decls.foreign[b.body] = override_block.file;
  }
  ast::Body* body = decls.arena.make<ast::Body>(original);
  body->attributes = decls.arena.copy(attributes);
  body->blocks = decls.arena.copy(blocks);
  ast::Block* merged = decls.arena.make<ast::Block>(*base.block);
  merged->body = body;
  return merged;
}

void Loader::read_declarations(const LoadedFile& file, ModuleDecls& decls, bool override_file) const {
  const SourceFile* source = file.source.get();
  const ast::Body* body = file.parsed->syntax == grammar::Syntax::HclJson
                              ? json_configuration_body(*file.parsed, decls.arena)
                              : file.parsed->body;
  if (!body) return;
  auto missing = [&](const ast::Block& block, std::string_view what) {
    decls.notices.push_back({{source, block.type_range},
                             fmt::format("override {} has no original declaration to merge into; ignored", what)});
  };
  for (const ast::Block& block : body->blocks) {
    auto label = [&](size_t i) { return block.labels[i].value; };
    BlockRef ref{source, &block};
    if (block.type == "variable" && block.labels.size() == 1) {
      auto it = decls.variables.find(label(0));
      if (!override_file) decls.variables[label(0)] = ref;
      else if (it != decls.variables.end()) it->second.block = merge_block(it->second, ref, decls);
      else missing(block, "variable \"" + std::string(label(0)) + "\"");
    } else if (block.type == "locals") {
      for (const ast::Attribute& a : block.body->attributes) decls.locals[a.name] = {source, a.value};
    } else if (block.type == "output" && block.labels.size() == 1) {
      for (const ast::Attribute& a : block.body->attributes)
        if (a.name == "value") decls.outputs[label(0)] = {source, a.value};
    } else if ((block.type == "resource" || block.type == "data") && block.labels.size() == 2) {
      bool data = block.type == "data";
      ResourceKey key{data, label(0), label(1)};
      auto it = decls.resource_index.find(key);
      if (!override_file) {
        size_t slot = it != decls.resource_index.end() ? decls.resources[it->second].slot : decls.resources.size();
        decls.resource_index[key] = decls.resources.size();
        decls.resources.push_back({label(0), label(1), data, ref, slot});
      } else if (it != decls.resource_index.end()) {
        BlockRef& where = decls.resources[it->second].where;
        where.block = merge_block(where, ref, decls);
      } else {
        missing(block, fmt::format("{} {}{}.{}", block.type, data ? "data." : "", label(0), label(1)));
      }
    } else if (block.type == "module" && block.labels.size() == 1) {
      auto it = decls.calls.find(label(0));
      if (!override_file) decls.calls[label(0)] = ref;
      else if (it != decls.calls.end()) it->second.block = merge_block(it->second, ref, decls);
      else missing(block, "module \"" + std::string(label(0)) + "\"");
    }
  }
}

Loader::Loader(const Workspace& workspace, std::shared_ptr<CachingFileReader> files)
    : workspace_(workspace), files_(std::move(files)) {
  for (const LoadedFile& file : workspace_.files)
    if (is_configuration_file(file.disk_path) && file.parsed)
      files_by_dir_[module_directory_of(file.disk_path)].push_back(&file);
}

std::vector<std::string> Loader::directories() const {
  std::vector<std::string> dirs;
  for (const auto& [dir, files] : files_by_dir_) dirs.push_back(dir);
  return dirs;
}

std::string Loader::module_key(const std::string& dir) { return normal_directory(dir); }

void Loader::read_all_modules(std::vector<LoadNotice>& notices) {
  struct Pending {
    ModuleDecls* decls;
    const std::vector<const LoadedFile*>* files;
  };
  std::vector<Pending> pending;
  for (const auto& [dir, files] : files_by_dir_) {
    auto& slot = modules_[module_key(dir)];
    if (slot) continue;
    slot = std::make_unique<ModuleDecls>();
    slot->dir = module_key(dir);
    slot->absolute_dir = absolute_directory(slot->dir);
    pending.push_back({slot.get(), &files});
  }
  // Modules are read independently (each has its own arena for merged and
  // JSON bodies); their notices are merged in directory order.
  parallel_for(pending.size(), workspace_.options.threads,
               [&](size_t i) { read_module(*pending[i].decls, *pending[i].files); });
  for (const Pending& p : pending) {
    std::move(p.decls->notices.begin(), p.decls->notices.end(), std::back_inserter(notices));
    p.decls->notices.clear();
  }
}

void Loader::read_module(ModuleDecls& decls, const std::vector<const LoadedFile*>& files) const {
  for (const LoadedFile* file : files)
    if (!is_override_file(file->disk_path)) read_declarations(*file, decls, false);
  for (const LoadedFile* file : files)
    if (is_override_file(file->disk_path)) read_declarations(*file, decls, true);
  for (const auto& [name, ref] : decls.variables) {
    const ast::Attribute* type = find_attribute(*ref.block->body, "type");
    if (!type) continue;
    if (auto constraint = type_constraint(*type->value, decls.file_of(type->value, *ref.file)))
      decls.variable_types[name] = std::move(*constraint);
  }
}

const ModuleDecls* Loader::module_at(const std::string& dir) const {
  auto it = modules_.find(module_key(dir));
  return it == modules_.end() ? nullptr : it->second.get();
}

// ---------------------------------------------------------------- root variables

namespace {

using Values = std::map<std::string, Value, std::less<>>;

void read_tfvars(const SourceFile& source, Values& values) {
  if (source.path().ends_with(".json")) {
    // JSON variable files hold literal values: Terraform reads them without
    // an evaluation context, so "${...}" is text, as in a JSON default.
    auto parsed = grammar::parse_json(source, grammar::Syntax::HclJson);
    const auto* root = ast::as<ast::ObjectExpr>(parsed->ok() ? parsed->root : nullptr);
    if (!root) return;
    for (const ast::ObjectItem& item : root->items) {
      const auto* key = ast::as<ast::LiteralExpr>(item.key);
      if (!key || key->value.text == "//") continue;
      values[std::string(key->value.text)] = eval::evaluate(*item.value, source, eval::EvalContext{});
    }
    return;
  }
  auto parsed = grammar::parse_hcl(source);
  if (!parsed->ok() || !parsed->body) return;
  for (const ast::Attribute& a : parsed->body->attributes)
    values[std::string(a.name)] = eval::evaluate(*a.value, source, eval::EvalContext{});
}

void read_tfvars_file(const CachingFileReader& files, const std::string& path, Values& values) {
  if (const SourceFile* source = files.read(path)) read_tfvars(*source, values);
}

// Values given as text (TF_VAR_*, --var): Terraform takes them literally for
// a variable without a type or with a primitive one, and parses them as an
// HCL expression for any other type (list(string), any, ...).
struct RawValue {
  std::string name;    // what the text came from, for origins: "TF_VAR_x", "--var x"
  std::string text;
};

// The variable files Terraform reads in a root module's directory, in its
// order: terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json)
// sorted. The walk's listing when it listed the directory.
std::vector<std::string> variable_files_in(const std::string& dir, const std::string& absolute_dir,
                                           const Workspace& workspace) {
  std::string prefix = dir.ends_with('/') ? dir : dir + "/";
  std::vector<std::string> names;
  if (const auto* listed = workspace.variable_files.get(); listed && listed->contains(absolute_dir)) {
    names = listed->at(absolute_dir);
  } else {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      std::string name = entry.path().filename().string();
      if (is_variable_file_name(name)) names.push_back(std::move(name));
    }
  }
  std::vector<std::string> out, auto_files;
  for (const char* fixed : {"terraform.tfvars", "terraform.tfvars.json"})
    if (std::ranges::find(names, fixed) != names.end()) out.push_back(prefix + fixed);
  for (const std::string& name : names)
    if (name.ends_with(".auto.tfvars") || name.ends_with(".auto.tfvars.json")) auto_files.push_back(prefix + name);
  std::sort(auto_files.begin(), auto_files.end());
  out.insert(out.end(), auto_files.begin(), auto_files.end());
  return out;
}

std::map<std::string, Value, std::less<>> root_variables(const std::string& dir, const std::string& absolute_dir,
                                                         const Workspace& workspace, const InputVariables& inputs,
                                                         const CachingFileReader& files,
                                                         std::map<std::string, RawValue, std::less<>>& raw) {
  Values values;
  if (inputs.read_environment) {
    for (char** e = environ; e && *e; ++e) {
      std::string_view entry(*e);
      if (!entry.starts_with("TF_VAR_")) continue;
      size_t eq = entry.find('=');
      if (eq == entry.npos) continue;
      std::string name(entry.substr(7, eq - 7));
      values[name] = Value::string(std::string(entry.substr(eq + 1)));
      raw[name] = {"TF_VAR_" + name, std::string(entry.substr(eq + 1))};
    }
  }
  auto forget_raw = [&](const Values& from_file) {
    for (const auto& [name, value] : from_file) raw.erase(name);
  };
  std::vector<std::string> var_files = variable_files_in(dir, absolute_dir, workspace);
  var_files.insert(var_files.end(), inputs.var_files.begin(), inputs.var_files.end());
  for (const auto& path : var_files) {
    Values from_file;
    read_tfvars_file(files, path, from_file);
    forget_raw(from_file);
    for (auto& [name, value] : from_file) values[name] = std::move(value);
  }
  for (const auto& [name, value] : inputs.cli_vars) {
    values[name] = Value::string(value);
    raw[name] = {"--var " + name, value};
  }
  return values;
}

// Parses the raw text of variables whose type is not primitive, as Terraform
// does; the text's SourceFile lives as long as the configuration.
void parse_raw_values(const ModuleDecls& decls, const std::map<std::string, RawValue, std::less<>>& raw,
                      Values& values, std::vector<std::shared_ptr<const SourceFile>>& sources) {
  for (const auto& [name, given] : raw) {
    auto type = decls.variable_types.find(name);
    if (type == decls.variable_types.end()) continue;
    eval::TypeKind kind = type->second.kind;
    if (kind == eval::TypeKind::String || kind == eval::TypeKind::Number || kind == eval::TypeKind::Bool) continue;
    auto source = std::make_shared<SourceFile>(given.name, "value = " + given.text + "\n");
    auto parsed = grammar::parse_hcl(*source);
    if (!parsed->ok() || !parsed->body || parsed->body->attributes.size() != 1) {
      values[name] = Value::unknown({}, "var." + name);  // Terraform would refuse the text
      continue;
    }
    values[name] = eval::evaluate(*parsed->body->attributes[0].value, *source, eval::EvalContext{});
    sources.push_back(std::move(source));
  }
}

}  // namespace

// ---------------------------------------------------------------- configuration

namespace {

// A resource address at the start of a symbol:
// "module.a.data.aws_x.y[0].id" is modules {a}, data, aws_x, y, and its
// `length` ends before "[0]".
struct AddressPrefix {
  std::vector<std::string_view> modules;
  bool data = false;
  std::string_view type, name;
  size_t length = 0;
};

std::optional<AddressPrefix> address_prefix(std::string_view symbol) {
  AddressPrefix out;
  size_t at = 0;
  auto part = [&] {  // a name, up to the next step
    size_t end = at;  // (find_first_of calls memchr over the two stops at every byte)
    while (end < symbol.size() && symbol[end] != '.' && symbol[end] != '[') ++end;
    std::string_view name = symbol.substr(at, end - at);
    at = end;
    return name;
  };
  auto dot = [&] { return at < symbol.size() && symbol[at] == '.' && ++at; };
  std::string_view first = part();
  while (first == "module") {
    if (!dot()) return std::nullopt;
    std::string_view call = part();
    if (call.empty() || !dot()) return std::nullopt;
    out.modules.push_back(call);
    first = part();
  }
  if (first == "data") {
    out.data = true;
    if (!dot()) return std::nullopt;
    first = part();
  }
  if (first.empty() || !dot()) return std::nullopt;
  out.type = first;
  out.name = part();
  if (out.name.empty()) return std::nullopt;
  out.length = at;
  return out;
}

}  // namespace

// A root module: its scope (which owns its instances) and what evaluating
// it produced. Evaluation of one root is serialised by its lock.
struct RootRun {
  const ModuleDecls* decls = nullptr;
  std::string dir;
  std::recursive_mutex lock;
  std::unique_ptr<ModuleScope> scope;
  std::vector<LoadNotice> notices;
  std::vector<std::shared_ptr<const SourceFile>> variable_sources;
};

struct Configuration::Evaluation {
  std::unique_ptr<Loader> loader;
  std::deque<RootRun> roots;
  // What rules have asked for, by type ("data." prefix for data) and by
  // resource address without index (the secret rules ask by address for
  // every container secret). Node-based: values do not move.
  std::mutex asked_lock;
  std::map<std::string, std::vector<const ResourceInstance*>, std::less<>> by_type;
  TextMap<std::vector<const ResourceInstance*>> by_address;
  std::optional<std::vector<const ResourceInstance*>> all;
};

Configuration::Configuration() = default;
Configuration::~Configuration() = default;
Configuration::Configuration(Configuration&&) noexcept = default;
Configuration& Configuration::operator=(Configuration&&) noexcept = default;

const std::vector<const ResourceInstance*>& Configuration::of_type(std::string_view type, bool data) const {
  // Rules ask this inside loops over instances: the answer is kept, not copied.
  static const std::vector<const ResourceInstance*> none;
  if (!evaluation_) return none;
  Evaluation& e = *evaluation_;
  std::lock_guard hold(e.asked_lock);
  std::string key = (data ? "data." : "") + std::string(type);
  auto it = e.by_type.find(key);
  if (it != e.by_type.end()) return it->second;
  std::vector<const ResourceInstance*> found;
  for (RootRun& root : e.roots) {
    std::lock_guard evaluating(root.lock);
    root.scope->collect_instances_of(type, data, found);
  }
  return e.by_type.emplace(std::move(key), std::move(found)).first->second;
}

const ResourceInstance* Configuration::resolve_symbol(std::string_view symbol, std::string* attribute) const {
  std::optional<AddressPrefix> prefix = address_prefix(symbol);
  if (!prefix || !evaluation_) return nullptr;
  Evaluation& e = *evaluation_;
  std::unique_lock hold(e.asked_lock);
  std::string_view base = symbol.substr(0, prefix->length);
  auto it = e.by_address.find(base);
  if (it == e.by_address.end()) {
    std::vector<const ResourceInstance*> found;
    for (RootRun& root : e.roots) {
      std::lock_guard evaluating(root.lock);
      root.scope->collect_instances_at(prefix->modules, prefix->data, prefix->type, prefix->name, found);
    }
    it = e.by_address.emplace(std::string(base), std::move(found)).first;
  }
  hold.unlock();
  const std::vector<const ResourceInstance*>& instances = it->second;
  if (instances.empty()) return nullptr;
  // The longest instance address that is a prefix of the symbol at a step
  // boundary ("aws_x.y[1]" in "aws_x.y[1].id"); else the first instance.
  auto matched = [&](const ResourceInstance* instance, size_t end) {
    if (attribute) {
      std::string_view rest = symbol.substr(end);
      if (rest.starts_with(".")) rest.remove_prefix(1);
      *attribute = std::string(rest);
    }
    return instance;
  };
  for (size_t end = symbol.size(); end > prefix->length; --end) {
    if (end != symbol.size() && symbol[end] != '.' && symbol[end] != '[') continue;
    for (const ResourceInstance* instance : instances)
      if (instance->address == symbol.substr(0, end)) return matched(instance, end);
  }
  return matched(instances.front(), prefix->length);
}

const std::vector<const ResourceInstance*>& Configuration::all_instances() const {
  static const std::vector<const ResourceInstance*> none;
  if (!evaluation_) return none;
  Evaluation& e = *evaluation_;
  std::lock_guard hold(e.asked_lock);
  if (!e.all) {
    e.all.emplace();
    for (RootRun& root : e.roots) {
      std::lock_guard evaluating(root.lock);
      root.scope->collect_instances(*e.all);
    }
  }
  return *e.all;
}

std::vector<LoadNotice> Configuration::notices() const {
  if (!evaluation_) return notices_;
  std::vector<LoadNotice> out = notices_;
  for (RootRun& root : evaluation_->roots) {
    std::lock_guard evaluating(root.lock);
    out.insert(out.end(), root.notices.begin(), root.notices.end());
  }
  // Variables are read in the order rules ask for them, on several threads:
  // notices are put in an order of their own.
  auto place = [](const LoadNotice& n) {
    return std::tuple(n.location.file ? n.location.file->path() : std::string_view(), n.location.range.begin,
                      std::string_view(n.message));
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const LoadNotice& a, const LoadNotice& b) { return place(a) < place(b); });
  return out;
}

std::vector<VariableDecl> Configuration::variables(const std::function<bool(std::string_view)>& wanted) const {
  if (!evaluation_) return {};
  return declared_variables(*evaluation_->loader, wanted);
}

void Configuration::release_instances() {
  notices_ = notices();
  evaluation_.reset();
}

Configuration load_configuration(const Workspace& workspace, const InputVariables& inputs) {
  Configuration out;
  auto files = std::make_shared<CachingFileReader>(workspace.options.display_base);
  out.files_ = files;
  out.evaluation_ = std::make_unique<Configuration::Evaluation>();
  Loader& loader = *(out.evaluation_->loader = std::make_unique<Loader>(workspace, files));
  {
    PhaseTimer timer("configuration: read modules");
    loader.read_all_modules(out.notices_);
  }
  std::vector<std::string> dirs = loader.directories();

  // A directory another module calls with a local source is loaded through
  // that call, with its inputs bound, not as a root of its own.
  std::set<std::string> called;
  for (const std::string& dir : dirs) {
    const ModuleDecls* decls = loader.module_at(dir);
    if (!decls) continue;
    for (const auto& [name, call] : decls->calls) {
      const ast::Attribute* a = find_attribute(*call.block->body, "source");
      if (!a) continue;
      Value source = eval::evaluate(*a->value, decls->file_of(a->value, *call.file), eval::EvalContext{});
      if (source.is_string() && (source.as_string().starts_with("./") || source.as_string().starts_with("../")))
        called.insert(normal_directory(dir + "/" + source.as_string()));
    }
  }
  std::deque<RootRun>& roots = out.evaluation_->roots;
  for (const std::string& dir : dirs) {
    if (called.count(normal_directory(dir))) continue;
    const ModuleDecls* decls = loader.module_at(dir);
    if (!decls) continue;
    RootRun& root = roots.emplace_back();
    root.decls = decls;
    root.dir = dir;
  }

  // Roots share nothing mutable (declarations are read, files are cached
  // behind a lock), so their module trees are loaded in parallel.
  PhaseTimer roots_timer("configuration: module trees");
  parallel_for(roots.size(), workspace.options.threads, [&](size_t i) {
    RootRun& root = roots[i];
    std::map<std::string, RawValue, std::less<>> raw;
    Values values = root_variables(root.dir, root.decls->absolute_dir, workspace, inputs, loader.files(), raw);
    parse_raw_values(*root.decls, raw, values, root.variable_sources);
    auto reader = std::make_shared<RootRelativeReader>(loader.files(), root.decls->absolute_dir);
    root.scope = std::make_unique<ModuleScope>(loader, *root.decls, std::move(values), std::move(reader), root.notices,
                                               root.lock);
    root.scope->load_module_tree();
  });
  for (RootRun& root : roots)
    std::move(root.variable_sources.begin(), root.variable_sources.end(), std::back_inserter(out.variable_sources_));
  return out;
}

}  // namespace ecslint::tf
