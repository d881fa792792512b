#include "rules/env/env_optional_missing.h"

#include <fmt/format.h>

#include <set>
#include <tuple>

#include "rules/env/env_contract.h"
#include "rules/env/env_parity.h"

namespace ecslint::rules {

void EnvOptionalMissing::check(const Model& model, Report& report) const {
  std::set<std::tuple<const SourceFile*, uint32_t, std::string>> seen;
  for (const env::ContainerContract& cc : env::container_contracts(model)) {
    if (!cc.set_complete) continue;
    for (const contracts::VariableRead& r : cc.app->reads) {
      if (r.kind != contracts::ReadKind::Optional || r.how == "$VAR") continue;  // a bare shell $VAR is no contract
      if (cc.find(r.name) || cc.app->image_sets(r.name)) continue;
      if (contracts::is_platform_injected(r.name) || env::is_runtime_consumed(r.name)) continue;
      if (set_locally_for_parity(*cc.app, r.name)) continue;  // env-parity reports it, as a warning
      if (!seen.insert({cc.anchor.file, cc.anchor.range.begin, r.name}).second) continue;
      Finding& f = report.add(cc.anchor, fmt::format("{} is read with a default at {} but container \"{}\" does not "
                                                     "set it: production runs on the code's default",
                                                     r.name, env::site(r), cc.name));
      if (r.file) f.related.push_back({{r.file, r.range}, fmt::format("{} is read here ({})", r.name, r.how)});
    }
  }
}

}  // namespace ecslint::rules
