// What names mean inside one module instance.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iterator>

#include "analyzer/terraform/module.h"

namespace ecslint::tf {

using eval::Member;
using eval::Origin;
using eval::Value;

namespace {

constexpr int kMaxModuleDepth = 16;
constexpr double kMaxCount = 1000;  // more instances than this are not expanded one by one

std::string_view attr_name(const ast::TraversalStep& step) {
  return step.kind == ast::StepKind::Attr || step.kind == ast::StepKind::Root ? step.name : std::string_view();
}

bool is_sensitive_variable(const BlockRef& ref) {
  const ast::Attribute* a = find_attribute(*ref.block->body, "sensitive");
  if (!a) return false;
  const auto* lit = ast::as<ast::LiteralExpr>(a->value);
  return lit && lit->value.type == ast::LiteralType::Bool && lit->value.boolean;
}

// "<base>.<attr>", in one allocation.
std::string dotted(std::string_view base, std::string_view attr) {
  std::string out;
  out.reserve(base.size() + 1 + attr.size());
  return out.append(base).append(".").append(attr);
}

// Whether evaluate_body() could give the resource's value a member `name`:
// an argument, a nested block or a dynamic block of that name.
bool names_member(const ast::Body& body, std::string_view name) {
  if (is_meta_argument(name)) return false;
  if (find_attribute(body, name)) return true;
  for (const ast::Block& block : body.blocks) {
    if (block.type == name) return true;
    if (block.type == "dynamic" && !block.labels.empty() && block.labels[0].value == name) return true;
  }
  return false;
}

std::string index_suffix(const Value& key) {
  if (key.is_number()) return fmt::format("[{}]", eval::format_number(key.as_number()));
  if (key.is_string()) return fmt::format("[\"{}\"]", key.as_string());
  return "";
}

// The value a reference to a known resource stands for: the instance, or
// the tuple (count) or object (for_each) of all instances. Its top-level
// origin is set by the caller for a collection.
Value reference_value(const std::vector<ResourceInstance>& instances, const std::string& base, const ast::Body& body) {
  bool repeated = find_attribute(body, "count") || find_attribute(body, "for_each");
  if (!repeated) return instances[0].body().with_symbol(base);
  bool by_key = find_attribute(body, "for_each") != nullptr;
  std::vector<Value> items;
  std::vector<Member> members;
  if (by_key) members.reserve(instances.size());
  else items.reserve(instances.size());
  for (const ResourceInstance& instance : instances) {
    Value item = instance.body().with_symbol(base + index_suffix(instance.index));
    if (!by_key) {
      items.push_back(std::move(item));
      continue;
    }
    std::string_view key = instance.index.is_string() ? std::string_view(instance.index.as_string()) : "";
    members.push_back({eval::Key::interned(key), std::move(item), {}});
  }
  Value all = by_key ? Value::object(std::move(members)) : Value::tuple(std::move(items));
  return all.with_symbol(base);
}

}  // namespace

const SourceFile* RootRelativeReader::read(const std::string& path) const {
  if (path.empty() || path.front() == '/') return files_.read(path);
  return files_.read((std::filesystem::path(root_dir_) / path).lexically_normal().string());
}

ModuleScope::ModuleScope(const Loader& loader, const ModuleDecls& decls,
                         std::map<std::string, Value, std::less<>> variable_values,
                         std::shared_ptr<const RootRelativeReader> reader, std::vector<LoadNotice>& notices,
                         std::recursive_mutex& lock)
    : loader_(loader),
      decls_(decls),
      variable_values_(std::move(variable_values)),
      reader_(std::move(reader)),
      notices_(notices),
      lock_(lock) {
  context_.scope = this;
  context_.files = reader_.get();
  context_.module_dir = decls_.absolute_dir;
  context_.constants = &loader_.constants();
}

ModuleScope::ModuleScope(const ModuleScope& caller, const ModuleDecls& decls, std::string module_path,
                         std::map<std::string, Input, std::less<>> inputs)
    : loader_(caller.loader_),
      decls_(decls),
      module_path_(std::move(module_path)),
      caller_(&caller),
      inputs_(std::move(inputs)),
      depth_(caller.depth_ + 1),
      reader_(caller.reader_),
      notices_(caller.notices_),
      lock_(caller.lock_) {
  context_.scope = this;
  context_.files = reader_.get();
  context_.module_dir = decls_.absolute_dir;
  context_.constants = &loader_.constants();
}

Value ModuleScope::evaluate(const ExprRef& ref, const eval::Scope& scope) const {
  eval::EvalContext context = context_;
  context.scope = &scope;
  return eval::evaluate(*ref.expr, *ref.file, context);
}

Value ModuleScope::resolve(std::span<const ast::TraversalStep> steps, Origin origin) const {
  if (steps.empty()) return Value::unknown(origin);
  std::string_view root = steps[0].name;
  std::string_view second = steps.size() > 1 ? attr_name(steps[1]) : std::string_view();
  auto rest = [&](size_t from) { return steps.size() > from ? steps.subspan(from) : steps.subspan(steps.size()); };
  if (root == "var" && !second.empty()) return eval::apply_steps(variable(second), rest(2), origin);
  if (root == "local" && !second.empty()) return eval::apply_steps(local(second), rest(2), origin);
  if (root == "path") {
    if (second == "module") return Value::string(decls_.absolute_dir, origin);
    if (second == "root" || second == "cwd") return Value::string(".", origin);
    return Value::unknown(origin);
  }
  if (root == "terraform" && second == "workspace") return Value::string("default", origin);
  if (root == "module" && !second.empty()) return eval::apply_steps(module_outputs(second), rest(2), origin);
  if (root == "data" && steps.size() > 2 && !second.empty())
    return resource(second, attr_name(steps[2]), true, rest(3), origin);
  if (root == "count" || root == "each" || root == "self") return Value::unknown(origin);
  if (!second.empty()) return resource(root, second, false, rest(2), origin);
  return Value::unknown(origin);
}

Value ModuleScope::variable(std::string_view name) const {
  auto it = variables_.find(name);
  if (it == variables_.end()) it = variables_.emplace(std::string(name), bind_variable(name)).first;
  return it->second;
}

// The value given from outside (or the default), converted to the declared
// type as Terraform converts it. A value that does not convert is unknown
// and reported as a load notice, never as a finding.
Value ModuleScope::bind_variable(std::string_view name) const {
  auto decl = decls_.variables.find(name);
  bool sensitive = decl != decls_.variables.end() && is_sensitive_variable(decl->second);
  auto symbol = [&] { return symbol_prefix() + "var." + std::string(name); };
  std::optional<Value> bound;
  if (auto given = variable_values_.find(name); given != variable_values_.end()) {
    bound = given->second;
  } else if (auto input = inputs_.find(name); input != inputs_.end()) {
    bound = eval::evaluate(*input->second.expr, *input->second.file, caller_->context_);
  } else if (decl != decls_.variables.end()) {
    if (const ast::Attribute* def = find_attribute(*decl->second.block->body, "default"))
      bound = eval::evaluate(*def->value, decls_.file_of(def->value, *decl->second.file), eval::EvalContext{});
  }
  Value value = bound ? std::move(*bound) : Value::unknown({}, symbol());
  if (auto type = decls_.variable_types.find(name); type != decls_.variable_types.end()) {
    if (auto converted = eval::convert_to_type(value, type->second)) {
      value = std::move(*converted);
    } else {
      const ast::Block& block = *decl->second.block;
      Location location = value.origin().known() ? Location{value.origin().file, value.origin().range}
                                                 : Location{decl->second.file, block.type_range};
      notice(location, fmt::format("{}: the value given does not convert to {}; it is treated as unknown",
                                           symbol(), eval::type_name(type->second)));
      value = Value::unknown({}, symbol());
    }
  }
  return sensitive ? value.marked_sensitive() : value;
}

Value ModuleScope::local(std::string_view name) const {
  auto it = locals_.find(name);
  if (it != locals_.end()) return it->second ? *it->second : Value::unknown();  // nullopt: a cycle
  auto decl = decls_.locals.find(name);
  if (decl == decls_.locals.end()) {  // not declared: an unknown, made once
    Value missing = Value::unknown({}, symbol_prefix() + "local." + std::string(name));
    return *locals_.emplace(std::string(name), std::move(missing)).first->second;
  }
  locals_[std::string(name)] = std::nullopt;
  Value value = evaluate(decl->second);
  locals_[std::string(name)] = value;
  return value;
}

Value ModuleScope::resource(std::string_view type, std::string_view name, bool data,
                            std::span<const ast::TraversalStep> rest, Origin origin) const {
  // The first attribute step folds into a cached unknown (see unknown_reference()).
  std::string_view attr = !rest.empty() && rest[0].kind == ast::StepKind::Attr ? rest[0].name : std::string_view();
  auto found = decls_.resource_index.find(ResourceKey{data, type, name});
  if (found == decls_.resource_index.end()) {
    const Value& target = unknown_reference(data, type, name, attr);
    return eval::apply_steps(target.with_origin(origin), rest.subspan(attr.empty() ? 0 : 1), origin);
  }
  const ResourceDecl* decl = &decls_.resources[found->second];
  ResourceState& state = state_of(*decl);
  const std::string& base = base_of(*decl);
  if (state.expanding) return eval::apply_steps(Value::unknown(origin, base), rest, origin);

  const ast::Body& body = *decl->where.block->body;
  if (state.repeated < 0) state.repeated = find_attribute(body, "count") || find_attribute(body, "for_each");
  bool repeated = state.repeated;
  // `aws_iam_role.task.arn`: an attribute the provider computes is unknown
  // whatever the body holds, so a body nobody has asked for yet is not
  // evaluated for it (what apply_steps() gives for a member the body lacks),
  // and a resource not expanded yet is not expanded for it either. An
  // attribute found computed before is not looked for in the body again.
  auto known = std::ranges::find(state.computed, attr, &std::pair<std::string, Value>::first);
  bool computed_attribute = !repeated && !attr.empty() &&
                            (known != state.computed.end() || !names_member(body, attr));
  auto computed = [&] {  // `attr` is rest[0]'s name here
    auto it = std::ranges::find(state.computed, attr, &std::pair<std::string, Value>::first);
    if (it == state.computed.end())
      it = state.computed.insert(it, {std::string(attr), Value::unknown({}, dotted(base, attr))});
    return eval::apply_steps(it->second.with_origin(origin), rest.subspan(1), origin);
  };
  if (computed_attribute && !state.instances) return computed();

  const std::vector<ResourceInstance>& instances = expanded(*decl);
  if (!repeated) {
    if (instances.empty()) return eval::apply_steps(Value::unknown(origin, base), rest, origin);
  } else if (instances.size() == 1 && !instances[0].index.is_known()) {
    // Repeated with an unknown count: one representative instance whose index is unknown.
    return eval::apply_steps(Value::unknown(origin, base), rest, origin);
  }
  // A body that refers back to itself, directly or through others (a cycle
  // Terraform rejects): the reference is unknown.
  for (const ResourceInstance& instance : instances)
    if (instance.evaluating_) return eval::apply_steps(Value::unknown(origin, base), rest, origin);
  if (computed_attribute && !instances[0].body_ready_.load(std::memory_order_acquire)) return computed();
  std::optional<Value>& built = state.reference;
  if (!built) built = reference_value(instances, base, body);
  // A repeated resource's collection takes the origin of the reference.
  return eval::apply_steps(repeated ? built->with_origin(origin) : *built, rest, origin);
}

const Value& ModuleScope::unknown_reference(bool data, std::string_view type, std::string_view name,
                                            std::string_view attr) const {
  auto found = unknown_references_.find(std::tuple{data, type, name, attr});
  if (found != unknown_references_.end()) return found->second;
  std::string symbol = resource_base(data, type, name);
  if (!attr.empty()) symbol.append(".").append(attr);
  ReferenceTarget target{data, std::string(type), std::string(name), std::string(attr)};
  return unknown_references_.emplace(std::move(target), Value::unknown({}, std::move(symbol))).first->second;
}

std::vector<ResourceInstance> ModuleScope::expand(const ResourceDecl& decl) const {
  const SourceFile& file = *decl.where.file;
  const ast::Block& block = *decl.where.block;
  const std::string& address = base_of(decl);
  Location location{&file, Range::between(block.type_range, block.labels.empty() ? block.type_range
                                                                                 : block.labels.back().range)};
  auto make = [&](std::string_view iterator, Value iteration, Value index) {
    ResourceInstance instance;
    instance.type = decl.type;
    instance.name = decl.name;
    instance.data = decl.data;
    instance.module_path = module_path_;
    instance.address = address + index_suffix(index);
    instance.index = std::move(index);
    instance.location = location;
    instance.file = &file;
    instance.scope_ = this;
    instance.decl_ = &decl;
    instance.iterator_ = iterator;
    instance.iteration_ = std::move(iteration);
    return instance;
  };
  std::vector<ResourceInstance> out;
  if (const ast::Attribute* count = find_attribute(*block.body, "count")) {
    Value n = eval::evaluate(*count->value, decls_.file_of(count->value, file), context_);
    if (!n.is_number() || n.as_number() > kMaxCount) {
      out.push_back(make("count", Value::object({{"index", Value::unknown(), {}}}), Value::unknown()));
      return out;
    }
    out.reserve(size_t(std::max(0.0, n.as_number())));
    for (int i = 0; i < int(n.as_number()); ++i)
      out.push_back(make("count", Value::object({{"index", Value::number(i), {}}}), Value::number(i)));
    return out;
  }
  if (const ast::Attribute* for_each = find_attribute(*block.body, "for_each")) {
    Value collection = eval::evaluate(*for_each->value, decls_.file_of(for_each->value, file), context_);
    auto each = [&](Value key, Value value) {
      out.push_back(make("each", Value::object({{"key", key, {}}, {"value", std::move(value), {}}}), key));
    };
    if (collection.is_object()) {
      for (const Member& m : collection.members()) each(Value::string(m.key.str()), m.value);
    } else if (collection.is_tuple() && collection.is_wholly_known()) {
      for (const Value& v : collection.items())
        if (v.is_string()) each(v, v);
    } else {
      out.push_back(
          make("each", Value::object({{"key", Value::unknown(), {}}, {"value", Value::unknown(), {}}}), Value::unknown()));
    }
    return out;
  }
  out.push_back(make({}, {}, Value::unknown()));
  return out;
}

ModuleScope::ResourceState& ModuleScope::state_of(const ResourceDecl& decl) const {
  if (resources_.empty()) resources_.resize(decls_.resources.size());
  std::unique_ptr<ResourceState>& state = resources_[decl.slot];
  if (!state) state = std::make_unique<ResourceState>();
  return *state;
}

const std::string& ModuleScope::base_of(const ResourceDecl& decl) const {
  std::string& base = state_of(decl).base;
  if (base.empty()) base = resource_base(decl);
  return base;
}

const std::vector<ResourceInstance>& ModuleScope::expanded(const ResourceDecl& decl) const {
  ResourceState& state = state_of(decl);  // stays valid: states never move
  if (state.instances) return *state.instances;
  state.expanding = true;
  std::vector<ResourceInstance> instances = expand(decl);
  state.expanding = false;
  // Should expand() have filled the slot itself, the first expansion stays.
  if (!state.instances) state.instances.emplace(std::move(instances));
  return *state.instances;
}

void ModuleScope::evaluate_instance(const ResourceInstance& instance) const {
  std::lock_guard hold(lock_);
  if (instance.body_ready_.load(std::memory_order_relaxed) || instance.evaluating_) return;
  instance.evaluating_ = true;
  const SourceFile& file = *instance.decl_->where.file;
  const ast::Block& block = *instance.decl_->where.block;
  eval::EvalContext context = context_;
  std::optional<NamedValueScope> iteration;
  if (!instance.iterator_.empty())
    context.scope = &iteration.emplace(*this, std::string(instance.iterator_), instance.iteration_);
  instance.body_ = evaluate_body(*block.body, file, context, Origin{&file, block.range}, &decls_.foreign,
                                 BodyMembers::ResourceArguments);
  instance.evaluating_ = false;
  instance.body_ready_.store(true, std::memory_order_release);
}

const void* ResourceInstance::evaluation_group() const { return scope_ ? &scope_->lock_ : nullptr; }

void ResourceInstance::evaluate_body() const {
  if (scope_) scope_->evaluate_instance(*this);
}

ResourceInstance::ResourceInstance(ResourceInstance&& other) noexcept
    : type(std::move(other.type)),
      name(std::move(other.name)),
      data(other.data),
      module_path(std::move(other.module_path)),
      address(std::move(other.address)),
      index(std::move(other.index)),
      location(other.location),
      file(other.file),
      scope_(other.scope_),
      decl_(other.decl_),
      iterator_(other.iterator_),
      iteration_(std::move(other.iteration_)),
      body_(std::move(other.body_)),
      body_ready_(other.body_ready_.load(std::memory_order_relaxed)),
      evaluating_(other.evaluating_) {}

const ModuleScope* ModuleScope::child(std::string_view name) const {
  if (auto it = children_.find(name); it != children_.end()) return it->second.get();
  children_[std::string(name)] = nullptr;  // also marks a call in progress
  auto call = decls_.calls.find(name);
  if (call == decls_.calls.end()) return nullptr;
  const ast::Block& block = *call->second.block;
  Location location{call->second.file, block.type_range};
  const ast::Attribute* source_attr = find_attribute(*block.body, "source");
  const SourceFile& call_file = *call->second.file;
  Value source = source_attr ? eval::evaluate(*source_attr->value, decls_.file_of(source_attr->value, call_file), context_)
                             : Value::unknown();
  if (!source.is_string()) return nullptr;
  const std::string& src = source.as_string();
  if (!src.starts_with("./") && !src.starts_with("../")) {
    notice(location, fmt::format("module \"{}\": remote source {} is not fetched; its resources are not checked",
                                         name, src));
    return nullptr;
  }
  if (depth_ >= kMaxModuleDepth) {
    notice(location, fmt::format("module \"{}\": nesting deeper than {} modules; not loaded", name, kMaxModuleDepth));
    return nullptr;
  }
  std::string dir = normal_directory(decls_.dir.empty() ? src : decls_.dir + "/" + src);
  const ModuleDecls* decls = loader_.module_at(dir);
  if (!decls) {
    notice(location, fmt::format("module \"{}\": no Terraform files in {}", name, dir));
    return nullptr;
  }
  std::map<std::string, Input, std::less<>> inputs;
  for (const ast::Attribute& a : block.body->attributes) {
    if (a.name == "source" || a.name == "version" || a.name == "providers" || a.name == "depends_on" ||
        a.name == "count" || a.name == "for_each")
      continue;
    inputs[std::string(a.name)] = Input{a.value, &decls_.file_of(a.value, call_file)};
  }
  std::unique_ptr<ModuleScope> scope(
      new ModuleScope(*this, *decls, symbol_prefix() + "module." + std::string(name), std::move(inputs)));
  return (children_[std::string(name)] = std::move(scope)).get();
}

Value ModuleScope::module_outputs(std::string_view name) const {
  if (auto it = outputs_.find(name); it != outputs_.end()) return it->second;
  outputs_[std::string(name)] = Value::unknown();  // a module whose outputs refer back to itself
  std::string symbol = symbol_prefix() + "module." + std::string(name);
  const ModuleScope* module = child(name);
  if (!module) return outputs_[std::string(name)] = Value::unknown({}, symbol);
  std::vector<Member> members;
  for (const auto& [output, ref] : module->decls_.outputs) {
    const ast::Expr* value = ref.expr;
    if (value) members.push_back({eval::Key::stable(output), module->evaluate(ref), {}});
  }
  return outputs_[std::string(name)] = Value::object(std::move(members)).with_symbol(symbol);
}

void ModuleScope::load_module_tree() const {
  for (const auto& [name, call] : decls_.calls)
    if (const ModuleScope* module = child(name)) module->load_module_tree();
}

void ModuleScope::collect_instances(std::vector<const ResourceInstance*>& out) const {
  expand_all();
  list_instances(out);
}

void ModuleScope::collect_instances_of(std::string_view type, bool data,
                                       std::vector<const ResourceInstance*>& out) const {
  for (const ResourceDecl& decl : decls_.resources) {
    if (decl.type != type || decl.data != data) continue;
    for (const ResourceInstance& instance : expanded(decl)) out.push_back(&instance);
  }
  for (const auto& [name, call] : decls_.calls)
    if (const ModuleScope* module = child(name)) module->collect_instances_of(type, data, out);
}

void ModuleScope::collect_instances_at(std::span<const std::string_view> module_names, bool data, std::string_view type,
                                       std::string_view name, std::vector<const ResourceInstance*>& out) const {
  if (!module_names.empty()) {
    if (const ModuleScope* module = child(module_names.front()))
      module->collect_instances_at(module_names.subspan(1), data, type, name, out);
    return;
  }
  auto found = decls_.resource_index.find(ResourceKey{data, type, name});
  if (found == decls_.resource_index.end()) return;
  const ResourceDecl& decl = decls_.resources[found->second];
  for (const ResourceInstance& instance : expanded(decl)) out.push_back(&instance);
}

void ModuleScope::expand_all() const {
  // Every variable is bound, read or not, so that a listing shows every
  // notice (a value that does not convert).
  for (const auto& [name, decl] : decls_.variables) variable(name);
  for (const ResourceDecl& decl : decls_.resources) expanded(decl);
  for (const auto& [name, call] : decls_.calls)
    if (const ModuleScope* module = child(name)) module->expand_all();
}

void ModuleScope::list_instances(std::vector<const ResourceInstance*>& out) const {
  // A resource declared twice (Terraform rejects it) lists its instances
  // once per declaration.
  for (const ResourceDecl& decl : decls_.resources) {
    if (resources_.empty() || !resources_[decl.slot] || !resources_[decl.slot]->instances) continue;
    for (const ResourceInstance& instance : *resources_[decl.slot]->instances) out.push_back(&instance);
  }
  for (const auto& [name, call] : decls_.calls)
    if (auto it = children_.find(name); it != children_.end() && it->second) it->second->list_instances(out);
}

}  // namespace ecslint::tf
