// Variable declarations as rules read them: one per `variable` block of each
// module directory (written once, whatever number of times the module is
// instantiated), from .tf and .tf.json alike, with override files merged.
// Positions only, no syntax tree: a rule that wants to add an attribute
// (a fix) gets the ranges it needs here.
#pragma once

#include <optional>
#include <string>

#include "analyzer/diagnostics.h"
#include "analyzer/eval/convert.h"
#include "analyzer/eval/value.h"
#include "grammar/source.h"

namespace ecslint::tf {

struct VariableDecl {
  std::string name;
  std::string module_dir;  // the module directory, as loaded
  const SourceFile* file = nullptr;  // where the block is written
  bool native_syntax = true;         // .tf: HCL text may be inserted into the block
  Range name_range;                  // the label
  Range block_range;                 // `variable` through the closing brace
  Range close_brace;
  std::optional<Range> first_attribute;  // the first attribute of the body, for indentation

  eval::TypeKind type = eval::TypeKind::Any;  // Any when no `type` is written
  // Each is absent (nullopt) when not written. Values are evaluated without a
  // scope, as Terraform evaluates them: a reference gives an unknown.
  // Origins point at the written value; the attribute's name is `*_name_at`.
  std::optional<eval::Value> default_value;
  Location default_name_at;
  std::optional<eval::Value> sensitive;
};

}  // namespace ecslint::tf
