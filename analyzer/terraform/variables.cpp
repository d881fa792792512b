#include "analyzer/terraform/variables.h"

#include "analyzer/terraform/module.h"

namespace ecslint::tf {

namespace {

VariableDecl declaration(std::string_view name, const BlockRef& ref, const ModuleDecls& decls) {
  const ast::Block& block = *ref.block;
  VariableDecl v;
  v.name = name;
  v.module_dir = decls.dir;
  v.file = ref.file;
  v.native_syntax = !ref.file->path().ends_with(".json");
  if (!block.labels.empty()) v.name_range = block.labels[0].range;
  v.block_range = block.range;
  v.close_brace = block.close_brace;
  if (!block.body->attributes.empty()) v.first_attribute = block.body->attributes[0].range;
  if (auto it = decls.variable_types.find(name); it != decls.variable_types.end()) v.type = it->second.kind;

  auto value_of = [&](const ast::Attribute& a) {
    const SourceFile& file = decls.file_of(a.value, *ref.file);
    return eval::evaluate(*a.value, file, eval::EvalContext{});
  };
  if (const ast::Attribute* d = find_attribute(*block.body, "default")) {
    v.default_value = value_of(*d);
    v.default_name_at = {&decls.file_of(d->value, *ref.file), d->name_range};
  }
  if (const ast::Attribute* s = find_attribute(*block.body, "sensitive")) v.sensitive = value_of(*s);
  return v;
}

}  // namespace

std::vector<VariableDecl> declared_variables(const Loader& loader,
                                             const std::function<bool(std::string_view)>& wanted) {
  std::vector<VariableDecl> out;
  for (const std::string& dir : loader.directories()) {
    const ModuleDecls* decls = loader.module_at(dir);
    if (!decls) continue;
    for (const auto& [name, ref] : decls->variables)
      if (wanted(name)) out.push_back(declaration(name, ref, *decls));
  }
  return out;
}

}  // namespace ecslint::tf
