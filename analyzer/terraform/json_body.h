// Terraform JSON syntax read as native syntax (see json_body.cpp).
#pragma once

#include "grammar/syntax.h"

namespace ecslint::tf {

// The native-syntax body a parsed .tf.json file stands for: resource, data,
// variable, output, module and locals blocks, built in `arena` over the
// file's nodes (ranges point into the .tf.json). nullptr without a root.
const ast::Body* json_configuration_body(const grammar::ParsedFile& parsed, ast::Arena& arena);

}  // namespace ecslint::tf
