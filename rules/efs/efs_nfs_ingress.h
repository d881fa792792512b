#pragma once

#include "rules/rule.h"

namespace ecslint::rules {

// efs-nfs-ingress: the security groups of an EFS file system's mount
// targets do not allow TCP 2049 from the security groups (or subnet CIDRs)
// of an ECS service whose task mounts it. A rule whose source, ports or
// protocol cannot be resolved counts as "maybe allows".
class EfsNfsIngress final : public Rule {
 public:
  static constexpr RuleMeta kMeta{"efs-nfs-ingress", Severity::Error, true, FixAvailability::None,
                                  "EFS mount targets do not allow NFS (TCP 2049) from the service"};
  const RuleMeta& meta() const override { return kMeta; }
  void check(const Model& model, Report& report) const override;
};

}  // namespace ecslint::rules
