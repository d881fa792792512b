// Runs the enabled rules over a model and returns their findings, sorted.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rules/rule.h"

namespace ecslint::rules {

struct RuleOverride {
  std::optional<bool> enabled;
  std::optional<Severity> severity;
};

struct RuleSelection {
  std::vector<std::string> only;  // when non-empty, run just these ids
  std::map<std::string, RuleOverride, std::less<>> overrides;
  int threads = 0;
};

// Whether `id` names a rule; unknown ids in --rule or config are user errors.
bool is_known_rule(std::string_view id);

// Whether rule `id` runs under `selection`.
bool is_enabled(std::string_view id, const RuleSelection& selection);

std::vector<Finding> run_rules(const Model& model, const RuleSelection& selection);

}  // namespace ecslint::rules
