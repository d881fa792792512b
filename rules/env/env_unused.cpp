#include "rules/env/env_unused.h"

#include <fmt/format.h>

#include <set>
#include <tuple>

#include "rules/env/env_contract.h"

namespace ecslint::rules {

namespace {

// `$NAME` or `${NAME` in the container's command or entry point.
bool expanded_by_command(const std::string& command, std::string_view name) {
  for (std::string_view form : {"$", "${"}) {
    std::string needle = std::string(form) + std::string(name);
    for (size_t at = command.find(needle); at != command.npos; at = command.find(needle, at + 1)) {
      size_t after = at + needle.size();
      if (after >= command.size() || !(std::isalnum(static_cast<unsigned char>(command[after])) || command[after] == '_'))
        return true;
    }
  }
  return false;
}

}  // namespace

void EnvUnused::check(const Model& model, Report& report) const {
  std::set<std::tuple<const SourceFile*, uint32_t, std::string>> seen;
  for (const env::ContainerContract& cc : env::container_contracts(model)) {
    if (cc.app->dynamic_reads) continue;
    for (const env::SetVariable& s : cc.set) {
      if (cc.app->read(s.name) || cc.app->image_sets(s.name)) continue;
      if (contracts::is_platform_injected(s.name) || env::is_runtime_consumed(s.name)) continue;
      if (expanded_by_command(cc.command_text, s.name)) continue;
      if (!s.origin.known() || !seen.insert({s.origin.file, s.origin.range.begin, s.name}).second) continue;
      const contracts::VariableRead* best = nullptr;
      double best_score = 0.5;
      for (const contracts::VariableRead& r : cc.app->reads) {
        double score = env::name_similarity(s.name, r.name);
        if (score > best_score || (!best && score >= best_score)) {
          best = &r;
          best_score = score;
        }
      }
      std::string message = fmt::format("{} is set in `{}` of container \"{}\" but the code in {}/ never reads it",
                                        s.name, s.source, cc.name, cc.app->display_directory);
      if (best) message += fmt::format("; the closest variable it reads is {} ({})", best->name, env::site(*best));
      Finding& f = report.add({s.origin.file, s.origin.range}, std::move(message));
      if (best && best->file) f.related.push_back({{best->file, best->range}, fmt::format("{} is read here", best->name)});
    }
  }
}

}  // namespace ecslint::rules
