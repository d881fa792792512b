// What a rule is: metadata (the five questions a rule answers) and a check
// over the model that reports findings.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/diagnostics.h"
#include "analyzer/model.h"

namespace ecslint::rules {

// Whether a rule can attach a fix to its findings (ruff's FixAvailability).
enum class FixAvailability : uint8_t { None, Sometimes, Always };

struct RuleMeta {
  std::string_view id;  // stable: the name in RULES.md, ignore comments, config and SARIF
  Severity severity;    // default; users may override it
  bool enabled_by_default;
  FixAvailability fix;
  std::string_view summary;  // one line, for `ecslint rules` and SARIF
};

// Collects one rule's findings with its effective severity.
class Report {
 public:
  Report(const RuleMeta& meta, Severity severity, std::vector<Finding>& out)
      : meta_(meta), severity_(severity), out_(out) {}

  Finding& add(Location location, std::string message) {
    Finding& finding = out_.emplace_back();
    finding.rule = meta_.id;
    finding.severity = severity_;
    finding.location = location;
    finding.message = std::move(message);
    return finding;
  }

  // For rules whose catalog entry has two levels (error / warning).
  Finding& add(Location location, std::string message, Severity severity) {
    Finding& finding = add(location, std::move(message));
    finding.severity = severity;
    return finding;
  }

 private:
  const RuleMeta& meta_;
  Severity severity_;
  std::vector<Finding>& out_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleMeta& meta() const = 0;
  virtual void check(const Model& model, Report& report) const = 0;
};

// Every rule, sorted by id.
std::span<const Rule* const> all_rules();
const Rule* find_rule(std::string_view id);

}  // namespace ecslint::rules
