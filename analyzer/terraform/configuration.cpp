// Loading a configuration: modules by directory, root module variables from
// outside, and every resource instance evaluated.
#include "analyzer/terraform/configuration.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "analyzer/terraform/module.h"

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

std::string directory_of(const std::string& path) {
  std::string dir = fs::path(path).parent_path().string();
  return dir.empty() ? std::string(".") : dir;
}

bool is_configuration_file(const std::string& path) {
  return path.ends_with(".tf");  // .tf.json bodies are read by schema; not modelled yet
}

void read_declarations(const LoadedFile& file, ModuleDecls& decls) {
  const SourceFile* source = file.source.get();
  const ast::Body* body = file.parsed->body;
  if (!body) return;
  for (const ast::Block& block : body->blocks) {
    auto label = [&](size_t i) { return std::string(block.labels[i].value); };
    if (block.type == "variable" && block.labels.size() == 1) {
      decls.variables[label(0)] = {source, &block};
    } else if (block.type == "locals") {
      for (const ast::Attribute& a : block.body->attributes) decls.locals[std::string(a.name)] = {source, a.value};
    } else if (block.type == "output" && block.labels.size() == 1) {
      for (const ast::Attribute& a : block.body->attributes)
        if (a.name == "value") decls.outputs[label(0)] = {source, a.value};
    } else if ((block.type == "resource" || block.type == "data") && block.labels.size() == 2) {
      bool data = block.type == "data";
      decls.resource_index[(data ? "data." : "") + label(0) + "." + label(1)] = decls.resources.size();
      decls.resources.push_back({label(0), label(1), data, {source, &block}});
    } else if (block.type == "module" && block.labels.size() == 1) {
      decls.calls[label(0)] = {source, &block};
    }
  }
}

}  // namespace

Loader::Loader(const Workspace& workspace, Configuration& out, std::shared_ptr<CachingFileReader> files)
    : workspace_(workspace), out_(out), files_(std::move(files)) {
  for (const LoadedFile& file : workspace_.files)
    if (is_configuration_file(file.disk_path) && file.parsed)
      files_by_dir_[fs::path(directory_of(file.disk_path)).lexically_normal().string()].push_back(&file);
}

std::vector<std::string> Loader::directories() const {
  std::vector<std::string> dirs;
  for (const auto& [dir, files] : files_by_dir_) dirs.push_back(dir);
  return dirs;
}

const ModuleDecls* Loader::module_at(const std::string& dir) {
  std::string key = fs::path(dir).lexically_normal().string();
  while (key.size() > 1 && key.back() == '/') key.pop_back();
  auto it = modules_.find(key);
  if (it != modules_.end()) return it->second.get();
  auto& slot = modules_[key];
  auto files = files_by_dir_.find(key);
  if (files == files_by_dir_.end()) return nullptr;
  slot = std::make_unique<ModuleDecls>();
  slot->dir = key;
  for (const LoadedFile* file : files->second) read_declarations(*file, *slot);
  return slot.get();
}

// ---------------------------------------------------------------- root variables

namespace {

void read_tfvars(const SourceFile& source, std::map<std::string, Value, std::less<>>& values) {
  auto parsed = grammar::parse_hcl(source);
  if (!parsed->ok() || !parsed->body) return;
  for (const ast::Attribute& a : parsed->body->attributes)
    values[std::string(a.name)] = eval::evaluate(*a.value, source, eval::EvalContext{});
}

void read_tfvars_file(const CachingFileReader& files, const std::string& path,
                      std::map<std::string, Value, std::less<>>& values) {
  if (const SourceFile* source = files.read(path)) read_tfvars(*source, values);
}

std::map<std::string, Value, std::less<>> root_variables(const std::string& dir, const InputVariables& inputs,
                                                         const CachingFileReader& files) {
  std::map<std::string, Value, std::less<>> values;
  if (inputs.read_environment) {
    for (char** e = environ; e && *e; ++e) {
      std::string_view entry(*e);
      if (!entry.starts_with("TF_VAR_")) continue;
      size_t eq = entry.find('=');
      if (eq == entry.npos) continue;
      values[std::string(entry.substr(7, eq - 7))] = Value::string(std::string(entry.substr(eq + 1)));
    }
  }
  read_tfvars_file(files, (fs::path(dir) / "terraform.tfvars").string(), values);
  std::vector<std::string> auto_files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().filename().string().ends_with(".auto.tfvars")) auto_files.push_back(entry.path().string());
  std::sort(auto_files.begin(), auto_files.end());
  for (const auto& path : auto_files) read_tfvars_file(files, path, values);
  for (const auto& path : inputs.var_files) read_tfvars_file(files, path, values);
  for (const auto& [name, value] : inputs.cli_vars) values[name] = Value::string(value);
  return values;
}

}  // namespace

// ---------------------------------------------------------------- configuration

std::vector<const ResourceInstance*> Configuration::of_type(std::string_view type, bool data) const {
  // Rules ask this inside loops over instances: an index, not a scan.
  auto it = by_type_.find(data ? "data." + std::string(type) : std::string(type));
  return it == by_type_.end() ? std::vector<const ResourceInstance*>{} : it->second;
}

void Configuration::index() {
  by_address_.clear();
  by_type_.clear();
  for (size_t i = 0; i < instances.size(); ++i) {
    by_type_[(instances[i].data ? "data." : "") + instances[i].type].push_back(&instances[i]);
    by_address_.emplace(instances[i].address, i);
    // Without count/for_each, the address and the reference are the same;
    // with them, "aws_x.y" alone names the first instance for matching.
    std::string bare = instances[i].address.substr(0, instances[i].address.find('['));
    by_address_.emplace(bare, i);
  }
}

const ResourceInstance* Configuration::resolve_symbol(std::string_view symbol, std::string* attribute) const {
  // Longest address that is a prefix of the symbol at a step boundary.
  for (size_t end = symbol.size(); end > 0; --end) {
    if (end != symbol.size() && symbol[end] != '.' && symbol[end] != '[') continue;
    auto it = by_address_.find(symbol.substr(0, end));
    if (it == by_address_.end()) continue;
    if (attribute) {
      std::string_view rest = symbol.substr(end);
      if (rest.starts_with(".")) rest.remove_prefix(1);
      *attribute = std::string(rest);
    }
    return &instances[it->second];
  }
  return nullptr;
}

Configuration load_configuration(const Workspace& workspace, const InputVariables& inputs) {
  Configuration out;
  auto files = std::make_shared<CachingFileReader>(workspace.options.display_base);
  out.files_ = files;
  Loader loader(workspace, out, files);
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
      Value source = eval::evaluate(*a->value, *call.file, eval::EvalContext{});
      if (source.is_string() && (source.as_string().starts_with("./") || source.as_string().starts_with("../")))
        called.insert((fs::path(dir) / source.as_string()).lexically_normal().string());
    }
  }
  for (const std::string& dir : dirs) {
    std::string normal = fs::path(dir).lexically_normal().string();
    while (normal.size() > 1 && normal.back() == '/') normal.pop_back();
    if (called.count(normal) || called.count(normal + "/")) continue;
    const ModuleDecls* decls = loader.module_at(dir);
    if (!decls) continue;
    std::error_code ec;
    auto reader = std::make_shared<RootRelativeReader>(loader.files(), fs::absolute(dir, ec).lexically_normal().string());
    ModuleScope root(loader, *decls, "", root_variables(dir, inputs, loader.files()), 0, std::move(reader));
    root.collect_instances(out);
  }
  out.index();
  return out;
}

}  // namespace ecslint::tf
