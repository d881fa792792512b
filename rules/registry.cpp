// The one table of rules, sorted by id. A new rule adds one row here.
#include <algorithm>
#include <array>

#include "rules/rule.h"
#include "rules/tf/tf_parse.h"

namespace ecslint::rules {

namespace {
const TfParse tf_parse;

const std::array<const Rule*, 1> kRules = {
    &tf_parse,
};
}  // namespace

std::span<const Rule* const> all_rules() { return kRules; }

const Rule* find_rule(std::string_view id) {
  auto it = std::find_if(kRules.begin(), kRules.end(), [&](const Rule* r) { return r->meta().id == id; });
  return it == kRules.end() ? nullptr : *it;
}

}  // namespace ecslint::rules
