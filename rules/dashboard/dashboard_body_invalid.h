#pragma once

#include "rules/rule.h"

namespace ecslint::rules {

// dashboard-body-invalid: a dashboard_body PutDashboard rejects: not JSON, no
// `widgets`, an unknown widget type, a metric widget without metrics or
// region, positions out of range, alarm annotation with metrics
// (AWS-FACTS §4.1, §4.2).
class DashboardBodyInvalid final : public Rule {
 public:
  static constexpr RuleMeta kMeta{"dashboard-body-invalid", Severity::Error, true, FixAvailability::None,
                                  "A CloudWatch dashboard body that PutDashboard rejects"};
  const RuleMeta& meta() const override { return kMeta; }
  void check(const Model& model, Report& report) const override;
};

}  // namespace ecslint::rules
