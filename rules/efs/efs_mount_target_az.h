#pragma once

#include "rules/rule.h"

namespace ecslint::rules {

// efs-mount-target-az: an ECS service runs in a subnet whose Availability
// Zone has no mount target of an EFS file system its task mounts.
class EfsMountTargetAz final : public Rule {
 public:
  static constexpr RuleMeta kMeta{"efs-mount-target-az", Severity::Error, true, FixAvailability::None,
                                  "A service subnet's AZ has no mount target of the EFS file system"};
  const RuleMeta& meta() const override { return kMeta; }
  void check(const Model& model, Report& report) const override;
};

}  // namespace ecslint::rules
