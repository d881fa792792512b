#pragma once

#include "rules/rule.h"

namespace ecslint::rules {

// cloudfront-api-methods: a behaviour routed to an API (path /api/* or a
// custom origin) that caches responses of an authenticated API (Authorization
// forwarded, default_ttl > 0) (AWS-FACTS §5.1, §5.3).
class CloudfrontApiMethods final : public Rule {
 public:
  static constexpr RuleMeta kMeta{"cloudfront-api-methods", Severity::Error, true, FixAvailability::None,
                                  "A CloudFront behaviour for an API blocks its methods or caches authenticated responses"};
  const RuleMeta& meta() const override { return kMeta; }
  void check(const Model& model, Report& report) const override;
};

}  // namespace ecslint::rules
