#pragma once

#include "rules/rule.h"

namespace ecslint::rules {

// env-unused: a variable the container sets that the code running in it never
// reads. Only when the code is known and reads no computed names; variables
// runtimes and SDKs read by themselves (PYTHONUNBUFFERED, OTEL_*, ...) and
// ones the container's command expands are never reported.
class EnvUnused final : public Rule {
 public:
  static constexpr RuleMeta kMeta{"env-unused", Severity::Warning, true, FixAvailability::None,
                                  "The container sets a variable its application never reads"};
  const RuleMeta& meta() const override { return kMeta; }
  void check(const Model& model, Report& report) const override;
};

}  // namespace ecslint::rules
