// Blocks as values: the shape rules read resources in.

#include "analyzer/terraform/module.h"

namespace ecslint::tf {

using eval::Key;
using eval::Member;
using eval::Origin;
using eval::Value;

eval::Value NamedValueScope::resolve(std::span<const ast::TraversalStep> steps, Origin origin) const {
  if (!steps.empty() && steps[0].name == name_) return eval::apply_steps(value_, steps.subspan(1), origin);
  return parent_.resolve(steps, origin);
}

const ast::Attribute* find_attribute(const ast::Body& body, std::string_view name) {
  for (const ast::Attribute& a : body.attributes)
    if (a.name == name) return &a;
  return nullptr;
}

namespace {

// The blocks of a body, gathered in source order on this thread's stack of
// blocks being built (bodies nest), then grouped by type into the body's
// members: a body has a few blocks at most, and a scan of them costs no
// allocation where a list per type cost one or two.
struct BlockValue {
  std::string_view type;  // a view into the syntax tree
  Value value;
  bool unknown = false;   // a dynamic block over a collection we cannot know: the whole list is unknown
};

class BlockLists {
 public:
  BlockLists() : blocks_(scratch()), mark_(blocks_.size()) {}
  ~BlockLists() { blocks_.resize(mark_); }
  BlockLists(const BlockLists&) = delete;
  BlockLists& operator=(const BlockLists&) = delete;

  void add(std::string_view type, Value v) { blocks_.push_back({type, std::move(v), false}); }
  void add_unknown(std::string_view type) { blocks_.push_back({type, Value(), true}); }

  // Calls fn(type, list) for each type in the order it first appears; the
  // list is the tuple of its blocks, or unknown.
  template <typename Fn>
  void each_type(Origin origin, Fn fn) {
    std::vector<Value>& items = eval::item_scratch();
    for (size_t i = mark_; i < blocks_.size(); ++i) {
      std::string_view type = blocks_[i].type;
      bool seen = false;
      for (size_t k = mark_; k < i && !seen; ++k) seen = blocks_[k].type == type;
      if (seen) continue;
      size_t item_mark = items.size();
      bool unknown = false;
      for (size_t k = i; k < blocks_.size(); ++k) {
        if (blocks_[k].type != type) continue;
        unknown = unknown || blocks_[k].unknown;
        if (!blocks_[k].unknown) items.push_back(std::move(blocks_[k].value));
      }
      Value list = unknown ? Value::unknown(origin) : Value::tuple_of(std::span(items).subspan(item_mark), origin);
      items.resize(item_mark);
      fn(type, std::move(list));
    }
  }

 private:
  static std::vector<BlockValue>& scratch() {
    thread_local std::vector<BlockValue> blocks;
    return blocks;
  }
  std::vector<BlockValue>& blocks_;
  size_t mark_;
};

Origin origin_of(const SourceFile& file, Range range) { return {&file, range}; }

// dynamic "ingress" { for_each = ...  iterator = rule  content { ... } }
void expand_dynamic(const ast::Block& block, const SourceFile& file, const eval::EvalContext& context,
                    BlockLists& lists, const NodeFiles* foreign) {
  if (block.labels.size() != 1) return;
  std::string_view type = block.labels[0].value;  // the syntax tree's: outlives the lists
  const ast::Attribute* for_each = find_attribute(*block.body, "for_each");
  const ast::Block* content = nullptr;
  for (const ast::Block& nested : block.body->blocks)
    if (nested.type == "content") content = &nested;
  if (!for_each || !content) return;
  std::string iterator(type);
  if (const ast::Attribute* it = find_attribute(*block.body, "iterator")) {
    if (const auto* trav = ast::as<ast::ScopeTraversalExpr>(it->value); trav && trav->steps.size() == 1)
      iterator = trav->steps[0].name;
  }
  Value collection = eval::evaluate(*for_each->value, file, context);
  if (!collection.is_known()) {
    lists.add_unknown(type);
    return;
  }
  auto emit = [&](Value key, Value value) {
    Value element = Value::object({{"key", std::move(key), {}}, {"value", std::move(value), {}}});
    NamedValueScope scope(*context.scope, iterator, element);
    eval::EvalContext inner = context;
    inner.scope = &scope;
    lists.add(type, evaluate_body(*content->body, file, inner, origin_of(file, content->range), foreign));
  };
  if (collection.is_tuple()) {
    const auto& items = collection.items();
    for (size_t i = 0; i < items.size(); ++i) emit(Value::number(double(i)), items[i]);
  } else if (collection.is_object()) {
    for (const Member& m : collection.members()) emit(Value::string(m.key.str()), m.value);
  }
}

}  // namespace

bool is_meta_argument(std::string_view name) {
  return name == "count" || name == "for_each" || name == "depends_on" || name == "provider" || name == "lifecycle";
}

Value evaluate_body(const ast::Body& body, const SourceFile& home, const eval::EvalContext& context, Origin origin,
                    const NodeFiles* foreign, BodyMembers which) {
  bool arguments_only = which == BodyMembers::ResourceArguments;
  auto file_of = [&](const void* node) -> const SourceFile& {
    if (!foreign) return home;
    auto it = foreign->find(node);
    return it == foreign->end() ? home : *it->second;
  };
  std::vector<Member>& members = eval::member_scratch();
  size_t mark = members.size();
  for (const ast::Attribute& a : body.attributes) {
    if (arguments_only && is_meta_argument(a.name)) continue;
    const SourceFile& file = file_of(a.value);
    members.push_back({Key::stable(a.name), eval::evaluate(*a.value, file, context), origin_of(file, a.name_range)});
  }
  BlockLists lists;
  for (const ast::Block& block : body.blocks) {
    if (arguments_only && is_meta_argument(block.type)) continue;
    const SourceFile& file = file_of(block.body);
    if (block.type == "dynamic") {
      expand_dynamic(block, file, context, lists, foreign);
      continue;
    }
    lists.add(block.type, evaluate_body(*block.body, file, context, origin_of(file, block.range), foreign));
  }
  lists.each_type(origin, [&](std::string_view type, Value list) {
    // An attribute of the same name wins; Terraform would reject the pair anyway.
    if (!find_attribute(body, type)) members.push_back({Key::stable(type), std::move(list), origin});
  });
  Value out = Value::object_of(std::span(members).subspan(mark), origin);
  members.resize(mark);
  return out;
}

}  // namespace ecslint::tf
