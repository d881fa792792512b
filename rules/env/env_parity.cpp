#include "rules/env/env_parity.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "rules/env/env_contract.h"

namespace ecslint::rules {

bool is_local_only_variable(std::string_view name) {
  // Compose and Docker CLI settings, dev-container tooling, file-watcher
  // polling for bind mounts, the host user's ids for bind-mount ownership,
  // and debug/reload toggles that production leaves off on purpose.
  static constexpr std::string_view kPrefixes[] = {"COMPOSE_", "DOCKER_", "DEVCONTAINER_", "VSCODE_", "CODESPACES",
                                                   "LOCAL_",   "LOCALSTACK_"};
  static constexpr std::string_view kExact[] = {"DEBUG",      "RELOAD",   "HOT_RELOAD", "LIVE_RELOAD", "WATCHPACK_POLLING",
                                                "CHOKIDAR_USEPOLLING", "UID", "GID", "PUID", "PGID", "USER_ID",
                                                "GROUP_ID",   "TESTING",  "DEVELOPMENT"};
  for (std::string_view p : kPrefixes)
    if (name.starts_with(p)) return true;
  if (name.ends_with("_DEBUG")) return true;
  return std::ranges::find(kExact, name) != std::end(kExact);
}

bool is_production_env_file(std::string_view path) {
  std::string_view name = path.substr(path.find_last_of('/') + 1);
  return name == ".env.production" || name == ".env.prod";
}

namespace {

bool mapping_is_certain(const contracts::App& app) { return app.inference != contracts::Inference::Name; }

const contracts::LocalVariable* local(const contracts::App& app, std::string_view name) {
  for (const contracts::LocalVariable& l : app.local_env)
    if (l.name == name && !(l.file && is_production_env_file(l.file->path()))) return &l;
  return nullptr;
}

}  // namespace

const contracts::LocalVariable* set_locally_for_parity(const contracts::App& app, std::string_view name) {
  if (!mapping_is_certain(app) || is_local_only_variable(name)) return nullptr;
  return local(app, name);
}

namespace {

bool provided_anyway(const contracts::App& app, std::string_view name) {
  return app.image_sets(name) || contracts::is_platform_injected(name) || env::is_runtime_consumed(name) ||
         is_local_only_variable(name);
}

}  // namespace

void EnvParity::check(const Model& model, Report& report) const {
  std::set<std::tuple<const SourceFile*, uint32_t, std::string>> seen;
  for (const env::ContainerContract& cc : env::container_contracts(model)) {
    if (!mapping_is_certain(*cc.app)) continue;
    const contracts::App& app = *cc.app;
    const contracts::LocalVariable* any_local = nullptr;
    std::vector<std::string_view> sources;
    for (const contracts::LocalVariable& l : app.local_env) {
      if (local(app, l.name) != &l) continue;
      if (!any_local) any_local = &l;
      if (std::ranges::find(sources, l.source) == sources.end()) sources.push_back(l.source);
    }
    if (!any_local) continue;
    std::string local_setup;
    for (std::string_view s : sources) local_setup += fmt::format("{}{}", local_setup.empty() ? "" : ", ", s);

    // Set locally, not in production. A read without a default is env-missing's.
    if (cc.set_complete) {
      for (const contracts::LocalVariable& l : app.local_env) {
        if (local(app, l.name) != &l || cc.find(l.name) || provided_anyway(app, l.name)) continue;
        const contracts::VariableRead* read = app.read(l.name);
        if (!read || read->kind != contracts::ReadKind::Optional || read->how == "$VAR") continue;
        if (!seen.insert({cc.anchor.file, cc.anchor.range.begin, l.name}).second) continue;
        Finding& f = report.add(
            cc.anchor, fmt::format("{} is set for local development ({}) but not for container \"{}\": the code reads it "
                                   "with a default at {}, so production runs on that default while local runs do not; "
                                   "set it in `environment` (or `secrets`), or drop it locally if the default is meant",
                                   l.name, l.source, cc.name, env::site(*read)));
        if (l.file) f.related.push_back({{l.file, l.range}, fmt::format("{} is set here for local development", l.name)});
        if (read->file) f.related.push_back({{read->file, read->range}, fmt::format("{} is read here ({})", l.name, read->how)});
      }
    }

    // Set in production, not locally: a local run of code that requires it fails.
    for (const env::SetVariable& s : cc.set) {
      if (app.local_env.end() != std::ranges::find(app.local_env, s.name, &contracts::LocalVariable::name)) continue;
      if (provided_anyway(app, s.name) || !s.origin.known()) continue;
      const contracts::VariableRead* read = app.read(s.name);
      if (!read || read->kind != contracts::ReadKind::Required) continue;
      if (!seen.insert({s.origin.file, s.origin.range.begin, s.name}).second) continue;
      Finding& f = report.add(
          {s.origin.file, s.origin.range},
          fmt::format("{} is set in `{}` of container \"{}\" and the code requires it ({}), but the local setup ({}) "
                      "does not set it: a local run fails or differs from production; add it there (a placeholder "
                      "in .env.example for a secret)",
                      s.name, s.source, cc.name, env::site(*read), local_setup));
      if (any_local->file)
        f.related.push_back({{any_local->file, any_local->range}, "the local setup sets its variables here"});
      if (read->file) f.related.push_back({{read->file, read->range}, fmt::format("{} is read here ({})", s.name, read->how)});
    }
  }
}

}  // namespace ecslint::rules
