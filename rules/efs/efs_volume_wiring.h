#pragma once

#include "rules/rule.h"

namespace ecslint::rules {

// efs-volume-wiring: a mountPoints[].sourceVolume with no matching volume
// (warning for a volume never mounted); EFS authorizationConfig without
// transitEncryption ENABLED; Fargate platform_version below 1.4.0 with EFS.
class EfsVolumeWiring final : public Rule {
 public:
  static constexpr RuleMeta kMeta{"efs-volume-wiring", Severity::Error, true, FixAvailability::None,
                                  "Volumes, mount points and EFS settings do not fit together"};
  const RuleMeta& meta() const override { return kMeta; }
  void check(const Model& model, Report& report) const override;
};

}  // namespace ecslint::rules
