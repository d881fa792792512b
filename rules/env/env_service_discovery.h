#pragma once

#include "rules/rule.h"

namespace ecslint::rules {

// env-service-discovery: an environment URL's host is `<name>.<namespace>`
// for a private DNS namespace declared in the configuration, but no Cloud Map
// service `<name>` is registered in that namespace (the name does not
// resolve), or the URL's port is not a container port of the task behind that
// service. A Service Connect alias or discovery name that matches resolves
// the name too. Unknown namespaces, names, registrations and ports are
// silent: only what the configuration says for certain is reported.
class EnvServiceDiscovery final : public Rule {
 public:
  static constexpr RuleMeta kMeta{"env-service-discovery", Severity::Error, true, FixAvailability::None,
                                  "An environment URL names a service discovery host that is not registered or not listening"};
  const RuleMeta& meta() const override { return kMeta; }
  void check(const Model& model, Report& report) const override;
};

}  // namespace ecslint::rules
