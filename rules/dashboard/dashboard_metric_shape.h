#pragma once

#include "rules/rule.h"

namespace ecslint::rules {

// dashboard-metric-shape: a metric widget's `metrics` entry that is not
// [Namespace, MetricName, DimName, DimValue, ..., {options}] or
// [{expression}]: the apply-time "Should NOT have more than N items"
// (AWS-FACTS §4.3, §4.4).
class DashboardMetricShape final : public Rule {
 public:
  static constexpr RuleMeta kMeta{"dashboard-metric-shape", Severity::Error, true, FixAvailability::Sometimes,
                                  "A dashboard metrics entry does not follow the metric array grammar"};
  const RuleMeta& meta() const override { return kMeta; }
  void check(const Model& model, Report& report) const override;
};

}  // namespace ecslint::rules
