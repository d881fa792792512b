#include "analyzer/model/references.h"

namespace ecslint::model {

using eval::Value;

std::string_view reference_symbol(const Value& v) {
  if (!v.is_known() && !v.symbol().empty()) return v.symbol();
  for (const eval::StringPiece& piece : v.pieces())
    if (piece.unknown && !piece.symbol.empty()) return piece.symbol;
  return {};
}

const tf::ResourceInstance* referenced_instance(const Value& v, const tf::Configuration& configuration,
                                                std::string_view type) {
  if (v.is_known() || v.symbol().empty()) return nullptr;
  // "aws_subnet.x[?].id": an instance we cannot tell apart.
  if (v.symbol().find("[?]") != std::string::npos) return nullptr;
  const tf::ResourceInstance* instance = configuration.resolve_symbol(v.symbol());
  return instance && instance->type == type && !instance->data ? instance : nullptr;
}

}  // namespace ecslint::model
