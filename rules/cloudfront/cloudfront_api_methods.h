#pragma once

#include "rules/rule.h"

namespace ecslint::rules {

// cloudfront-api-methods: a behaviour whose allowed_methods block the
// POST/PUT/PATCH/DELETE routes of the app behind its origin (followed through
// load balancer, target group, ECS service and container; routes from
// analyzer/contracts/routes.h), an error; or a behaviour for an API that
// caches authenticated responses (Authorization forwarded, default_ttl > 0),
// a notice (AWS-FACTS §5.1, §5.3).
class CloudfrontApiMethods final : public Rule {
 public:
  static constexpr RuleMeta kMeta{"cloudfront-api-methods", Severity::Error, true, FixAvailability::None,
                                  "A CloudFront behaviour for an API blocks its methods or caches authenticated responses"};
  const RuleMeta& meta() const override { return kMeta; }
  void check(const Model& model, Report& report) const override;
};

}  // namespace ecslint::rules
