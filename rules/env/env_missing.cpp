#include "rules/env/env_missing.h"

#include <fmt/format.h>

#include <set>
#include <tuple>

#include "rules/env/env_contract.h"

namespace ecslint::rules {

namespace {

bool credential_part(std::string_view name) {
  for (std::string_view s : {"_USER", "_USERNAME", "_PASSWORD", "_PASS", "_PASSWD", "_PWD"})
    if (name.ends_with(s)) return true;
  return false;
}

}  // namespace

void EnvMissing::check(const Model& model, Report& report) const {
  std::set<std::tuple<const SourceFile*, uint32_t, std::string>> seen;
  for (const env::ContainerContract& cc : env::container_contracts(model)) {
    if (!cc.set_complete) continue;
    std::vector<const env::SetVariable*> unread;
    for (const env::SetVariable& s : cc.set)
      if (!cc.app->read(s.name)) unread.push_back(&s);
    for (const contracts::VariableRead& r : cc.app->reads) {
      if (r.kind != contracts::ReadKind::Required) continue;
      if (cc.find(r.name) || cc.app->image_sets(r.name) || contracts::is_platform_injected(r.name)) continue;
      if (!seen.insert({cc.anchor.file, cc.anchor.range.begin, r.name}).second) continue;
      std::string hint;
      std::vector<const env::SetVariable*> related = env::url_parts(r.name, unread);
      if (!related.empty()) {
        std::string names;
        bool credentials = env::is_database_like(r.name);
        for (const env::SetVariable* s : related) {
          names += (names.empty() ? "" : ", ") + s->name;
          credentials |= credential_part(s->name);
        }
        hint = fmt::format("; {} {} set and look{} like its parts: set {}{}", names, related.size() == 1 ? "is" : "are",
                           related.size() == 1 ? "s" : "", r.name,
                           credentials ? " (as a secret if it holds a password)" : "");
      } else {
        const env::SetVariable* best = nullptr;
        double best_score = 0.5;
        for (const env::SetVariable* s : unread) {
          double score = env::name_similarity(r.name, s->name);
          if (score > best_score || (!best && score >= best_score)) {
            best = s;
            best_score = score;
          }
        }
        if (best) {
          related.push_back(best);
          hint = fmt::format("; {} is set in `{}` and looks like it: did you mean {}?", best->name, best->source, r.name);
        } else {
          hint = ": set it in `environment` (or `secrets` if it is sensitive)";
        }
      }
      Finding& f = report.add(cc.anchor, fmt::format("{} is read at {} but not set for container \"{}\"{}", r.name,
                                                     env::site(r), cc.name, hint));
      if (r.file) f.related.push_back({{r.file, r.range}, fmt::format("{} is read here ({})", r.name, r.how)});
      for (const env::SetVariable* s : related)
        if (s->origin.known()) f.related.push_back({{s->origin.file, s->origin.range}, fmt::format("{} is set here", s->name)});
    }
  }
}

}  // namespace ecslint::rules
