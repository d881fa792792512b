#pragma once

#include "rules/rule.h"

namespace ecslint::rules {

// env-parity: local development and production disagree about a variable the
// application's code reads. Local sources are the docker-compose service's
// `environment`/`env_file` and the app's `.env`, `.env.example`, ... files
// (analyzer/contracts/apps.h, App::local_env); production is the container's
// `environment` and `secrets` plus the image's Dockerfile ENV.
//
//   local only       read with a default: production silently runs on the
//                    default while local runs do not. (A read without a
//                    default is env-missing's, which reports it as an error.)
//   production only  read without a default: a local run without it fails;
//                    only when the local setup names variables at all.
//
// Only for apps whose mapping is certain (config, compose, Dockerfile; not a
// bare directory name), whose code is known, and, for local-only variables,
// whose production variables are all known by name. Variables the platform or
// runtime provide and local-only toggles (COMPOSE_*, DEBUG, UID, ...) are skipped.
class EnvParity final : public Rule {
 public:
  static constexpr RuleMeta kMeta{"env-parity", Severity::Warning, true, FixAvailability::None,
                                  "Local development and production set different variables for a service"};
  const RuleMeta& meta() const override { return kMeta; }
  void check(const Model& model, Report& report) const override;
};

// Variables that only make sense on a developer's machine.
bool is_local_only_variable(std::string_view name);

// Whether a local source is production configuration after all (`.env.production`).
bool is_production_env_file(std::string_view path);

// Where `name` is set for local development of `app`, when the app's mapping
// is certain enough for env-parity to judge it; nullptr otherwise.
// env-optional-missing leaves such variables to env-parity.
const contracts::LocalVariable* set_locally_for_parity(const contracts::App& app, std::string_view name);

}  // namespace ecslint::rules
