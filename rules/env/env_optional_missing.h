#pragma once

#include "rules/rule.h"

namespace ecslint::rules {

// env-optional-missing: a variable the application reads with a default is
// not set by its container, so production runs on the code's default.
class EnvOptionalMissing final : public Rule {
 public:
  static constexpr RuleMeta kMeta{"env-optional-missing", Severity::Notice, true, FixAvailability::None,
                                  "A variable read with a default is not set in production"};
  const RuleMeta& meta() const override { return kMeta; }
  void check(const Model& model, Report& report) const override;
};

}  // namespace ecslint::rules
