#pragma once

#include "rules/rule.h"

namespace ecslint::rules {

// secret-variable-sensitive: a Terraform variable whose name looks secret
// without `sensitive = true`, or with a literal default.
class SecretVariableSensitive final : public Rule {
 public:
  static constexpr RuleMeta kMeta{"secret-variable-sensitive", Severity::Warning, true, FixAvailability::Sometimes,
                                  "A secret-looking variable is not sensitive or has a literal default"};
  const RuleMeta& meta() const override { return kMeta; }
  void check(const Model& model, Report& report) const override;
};

}  // namespace ecslint::rules
