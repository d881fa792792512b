#pragma once

#include "rules/rule.h"

namespace ecslint::rules {

// env-missing: a variable the application reads without a default is set by
// neither `environment` nor `secrets` of the container that runs that code
// (nor by the image's Dockerfile ENV). Only containers whose code is known
// (analyzer/contracts/apps.h) and whose variables are all known by name.
// When set variables look like the missing one's replacement (POSTGRES_HOST +
// POSTGRES_PORT for DATABASE_URL) the message says so.
class EnvMissing final : public Rule {
 public:
  static constexpr RuleMeta kMeta{"env-missing", Severity::Error, true, FixAvailability::None,
                                  "The application reads a variable its container does not set"};
  const RuleMeta& meta() const override { return kMeta; }
  void check(const Model& model, Report& report) const override;
};

}  // namespace ecslint::rules
