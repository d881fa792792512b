#pragma once

#include "rules/rule.h"

namespace ecslint::rules {

// tf-parse: a file that does not parse. Every syntax error of every file is a
// finding at the parser's exact position; the other files are still linted.
class TfParse final : public Rule {
 public:
  static constexpr RuleMeta kMeta{"tf-parse", Severity::Error, true, FixAvailability::None,
                                  "The file does not parse"};
  const RuleMeta& meta() const override { return kMeta; }
  void check(const Model& model, Report& report) const override;
};

}  // namespace ecslint::rules
