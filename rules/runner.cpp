#include "rules/runner.h"

#include <algorithm>

#include "analyzer/parallel.h"
#include "analyzer/timing.h"

namespace ecslint::rules {

bool is_known_rule(std::string_view id) { return find_rule(id) != nullptr; }

namespace {
bool is_enabled(const Rule& rule, const RuleSelection& selection) {
  const RuleMeta& meta = rule.meta();
  if (!selection.only.empty())
    return std::find(selection.only.begin(), selection.only.end(), meta.id) != selection.only.end();
  auto it = selection.overrides.find(meta.id);
  if (it != selection.overrides.end() && it->second.enabled) return *it->second.enabled;
  return meta.enabled_by_default;
}

}  // namespace

bool is_enabled(std::string_view id, const RuleSelection& selection) {
  const Rule* rule = find_rule(id);
  return rule && is_enabled(*rule, selection);
}

namespace {
Severity effective_severity(const Rule& rule, const RuleSelection& selection) {
  auto it = selection.overrides.find(rule.meta().id);
  if (it != selection.overrides.end() && it->second.severity) return *it->second.severity;
  return rule.meta().severity;
}
}  // namespace

std::vector<Finding> run_rules(const Model& model, const RuleSelection& selection) {
  std::vector<const Rule*> enabled;
  for (const Rule* rule : all_rules())
    if (is_enabled(*rule, selection)) enabled.push_back(rule);
  PhaseTimer timer("rules (all)");
  std::vector<std::vector<Finding>> per_rule(enabled.size());
  parallel_for(enabled.size(), selection.threads, [&](size_t i) {
    PhaseTimer timer(enabled[i]->meta().id);
    Report report(enabled[i]->meta(), effective_severity(*enabled[i], selection), per_rule[i]);
    enabled[i]->check(model, report);
  });
  std::vector<Finding> findings;
  for (auto& list : per_rule) std::move(list.begin(), list.end(), std::back_inserter(findings));
  sort_findings(findings);
  return findings;
}

}  // namespace ecslint::rules
