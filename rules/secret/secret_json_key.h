#pragma once

#include "rules/rule.h"

namespace ecslint::rules {

// secret-json-key: `valueFrom = "${aws_secretsmanager_secret.x.arn}:KEY::"`
// names a JSON key that the secret_string of that secret's
// aws_secretsmanager_secret_version does not contain. Lists the keys that
// exist, closest first (never their values).
class SecretJsonKey final : public Rule {
 public:
  static constexpr RuleMeta kMeta{"secret-json-key", Severity::Error, true, FixAvailability::None,
                                  "valueFrom names a JSON key the secret does not contain"};
  const RuleMeta& meta() const override { return kMeta; }
  void check(const Model& model, Report& report) const override;
};

}  // namespace ecslint::rules
