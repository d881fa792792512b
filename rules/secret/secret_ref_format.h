#pragma once

#include "rules/rule.h"

namespace ecslint::rules {

// secret-ref-format: a `secrets[].valueFrom` the ECS agent rejects: a
// Secrets Manager ARN with other than 0 or 3 fields after the secret id,
// version-stage and version-id both given, an ARN of another service; and
// (warning) a literal Secrets Manager ARN without its 6-character suffix.
class SecretRefFormat final : public Rule {
 public:
  static constexpr RuleMeta kMeta{"secret-ref-format", Severity::Error, true, FixAvailability::Sometimes,
                                  "A secrets[].valueFrom is not a valid Secrets Manager ARN or SSM parameter"};
  const RuleMeta& meta() const override { return kMeta; }
  void check(const Model& model, Report& report) const override;
};

}  // namespace ecslint::rules
