#pragma once

#include "rules/rule.h"

namespace ecslint::rules {

// secret-plaintext: a secret in a container's plain `environment`: a name
// that looks secret (_KEY, _SECRET, _TOKEN, _PASSWORD, _PASS), a URL with a
// password, or a value from a sensitive Terraform variable. The value is
// never printed.
class SecretPlaintext final : public Rule {
 public:
  static constexpr RuleMeta kMeta{"secret-plaintext", Severity::Error, true, FixAvailability::None,
                                  "A secret is set in environment instead of secrets"};
  const RuleMeta& meta() const override { return kMeta; }
  void check(const Model& model, Report& report) const override;
};

}  // namespace ecslint::rules
