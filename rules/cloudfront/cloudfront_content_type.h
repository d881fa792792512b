#pragma once

#include "rules/rule.h"

namespace ecslint::rules {

// cloudfront-content-type: a behaviour that accepts POST/PUT/PATCH but does
// not send Content-Type to its origin. Error where policies drop it (a cache
// policy alone, or policies whose header settings exclude it); warning for a
// legacy forwarded_values allowlist without it (AWS-FACTS §5.1, §5.3).
class CloudfrontContentType final : public Rule {
 public:
  static constexpr RuleMeta kMeta{"cloudfront-content-type", Severity::Error, true, FixAvailability::Sometimes,
                                  "A CloudFront behaviour that accepts request bodies does not forward Content-Type"};
  const RuleMeta& meta() const override { return kMeta; }
  void check(const Model& model, Report& report) const override;
};

}  // namespace ecslint::rules
