#pragma once

#include "rules/rule.h"

namespace ecslint::rules {

// env-localhost-url: an environment value is a URL to localhost, 127.0.0.1,
// 0.0.0.0 or ::1 on a port no container of the task listens on. In awsvpc mode
// (Fargate) localhost is the task itself: the service the URL names is not
// there. Applies without application code. Unknown hosts and ports are skipped,
// and so are tasks with a container whose ports are not known.
class EnvLocalhostUrl final : public Rule {
 public:
  static constexpr RuleMeta kMeta{"env-localhost-url", Severity::Error, true, FixAvailability::None,
                                  "An environment URL points at localhost where nothing listens"};
  const RuleMeta& meta() const override { return kMeta; }
  void check(const Model& model, Report& report) const override;
};

}  // namespace ecslint::rules
