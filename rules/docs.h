// The rule documentation pages (docs/rules/<id>.md), compiled into the
// binary so `ecslint explain` works wherever the binary is installed.
#pragma once

#include <string_view>

namespace ecslint::rules {

// The Markdown page of rule `id`; empty when it has none.
std::string_view rule_doc(std::string_view id);

}  // namespace ecslint::rules
