#include "analyzer/cli/contracts_command.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "analyzer/config.h"
#include "analyzer/model.h"
#include "grammar/large_stack.h"
#include "rules/env/env_contract.h"

namespace ecslint::cli {

namespace {

std::string where(const SourceFile* file, uint32_t offset) {
  if (!file) return "?";
  Position p = file->position(offset);
  return fmt::format("{}:{}", file->path(), p.line);
}

struct Row {
  std::string name;
  std::string read_at;  // "" when not read
  std::string kind;     // required | optional | ""
  std::vector<std::string> set_by;
  std::vector<std::string> local;
  std::string status;
};

// Mirrors the env-* rules, so the table explains their findings.
std::vector<Row> rows_for(const rules::env::ContainerContract& cc) {
  const contracts::App& app = *cc.app;
  std::set<std::string> names;
  for (const contracts::VariableRead& r : app.reads) names.insert(r.name);
  for (const rules::env::SetVariable& s : cc.set) names.insert(s.name);
  std::vector<Row> rows;
  for (const std::string& name : names) {
    Row row{name, {}, {}, {}, {}, {}};
    const contracts::VariableRead* read = app.read(name);
    if (read) {
      row.read_at = rules::env::site(*read);
      row.kind = std::string(contracts::read_kind_name(read->kind));
    }
    for (const rules::env::SetVariable& s : cc.set)
      if (s.name == name && std::ranges::find(row.set_by, s.source) == row.set_by.end()) row.set_by.emplace_back(s.source);
    if (app.image_sets(name)) row.set_by.emplace_back("image");
    for (const contracts::LocalVariable& l : app.local_env)
      if (l.name == name) row.local.push_back(l.source);
    bool set = !row.set_by.empty();
    if (read) {
      if (set) row.status = "ok";
      else if (contracts::is_platform_injected(name)) row.status = "platform";
      else if (!cc.set_complete) row.status = "unknown";
      else if (read->kind == contracts::ReadKind::Required) row.status = "MISSING";
      else row.status = "default";
    } else {
      if (app.dynamic_reads) row.status = "unknown";
      else if (contracts::is_platform_injected(name) || rules::env::is_runtime_consumed(name)) row.status = "runtime";
      else row.status = "UNUSED";
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? "-" : out;
}

bool load_config_for(const ContractsOptions& options, Config& config) {
  std::string path = options.config.empty() ? find_config_file() : options.config;
  if (path.empty()) return true;
  std::vector<ConfigError> errors;
  config = load_config(path, errors);
  for (const ConfigError& e : errors)
    std::cerr << e.file << ":" << e.position.line << ":" << e.position.column << ": error: " << e.message << '\n';
  return errors.empty();
}

}  // namespace

CLI::App* add_contracts_command(CLI::App& app, ContractsOptions& options) {
  auto* cmd = app.add_subcommand("contracts", "Show which code runs in which container and the variables it reads vs. sets");
  cmd->add_option("paths", options.paths, "Files or directories (default: .)");
  cmd->add_option("-f,--format", options.format, "Output format")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--config", options.config, "Configuration file (default: .ecslint.hcl, searched upwards)");
  cmd->add_option("--exclude", options.excludes, "Skip paths matching this glob (repeatable)");
  cmd->add_option("-j,--threads", options.threads, "Worker threads (0 = one per core)")->check(CLI::NonNegativeNumber);
  return cmd;
}

int run_contracts_command(const ContractsOptions& options) {
  Config config;
  if (!load_config_for(options, config)) return 2;
  LoadOptions load{options.paths, options.excludes, options.threads};
  load.excludes.insert(load.excludes.end(), config.excludes.begin(), config.excludes.end());
  Workspace workspace = load_workspace(load);
  for (const LoadError& e : workspace.errors) std::cerr << e.path << ": error: " << e.message << '\n';
  Model model(workspace);
  model.set_apps(config.apps, config.directory);
  nlohmann::json out;
  std::string text;
  run_with_large_stack([&] {
    std::vector<rules::env::ContainerContract> containers = rules::env::container_contracts(model);
    const contracts::ContractModel& cm = model.contracts();
    out["apps"] = nlohmann::json::array();
    for (const contracts::App& app : cm.apps) {
      nlohmann::json japp{{"name", app.name},
                          {"directory", app.display_directory},
                          {"inference", std::string(contracts::inference_name(app.inference))},
                          {"evidence", app.evidence},
                          {"files_scanned", app.sources.size()},
                          {"has_code", app.has_code},
                          {"dynamic_reads", app.dynamic_reads},
                          {"containers", nlohmann::json::array()}};
      text += fmt::format("app {} ({}/)\n  mapped by {}: {}\n  {} files scanned{}{}\n", app.name, app.display_directory,
                          contracts::inference_name(app.inference), app.evidence, app.sources.size(),
                          app.has_code ? "" : "; no program source: nothing is checked",
                          app.dynamic_reads ? "; reads computed names: unused variables are not reported" : "");
      for (const rules::env::ContainerContract& cc : containers) {
        if (cc.app != &app) continue;
        std::string location = where(cc.container->origin.file, cc.container->origin.range.begin);
        std::vector<Row> rows = rows_for(cc);
        nlohmann::json jc{{"name", cc.name}, {"location", location}, {"set_complete", cc.set_complete}, {"variables", nlohmann::json::array()}};
        text += fmt::format("\n  container {} ({}){}\n", cc.name, location,
                            cc.set_complete ? "" : " [some set variables are not known: missing ones are not reported]");
        size_t w_name = 8, w_read = 7, w_set = 6;
        for (const Row& r : rows) {
          w_name = std::max(w_name, r.name.size());
          w_read = std::max(w_read, r.read_at.empty() ? 1 : r.read_at.size());
          w_set = std::max(w_set, join(r.set_by).size());
        }
        text += fmt::format("    {:<{}}  {:<{}}  {:<8}  {:<{}}  {:<8}  {}\n", "VARIABLE", w_name, "READ AT", w_read, "KIND",
                            "SET BY", w_set, "STATUS", "LOCAL DEV");
        for (const Row& r : rows) {
          text += fmt::format("    {:<{}}  {:<{}}  {:<8}  {:<{}}  {:<8}  {}\n", r.name, w_name,
                              r.read_at.empty() ? "-" : r.read_at, w_read, r.kind.empty() ? "-" : r.kind,
                              join(r.set_by), w_set, r.status, join(r.local));
          jc["variables"].push_back({{"name", r.name},
                                     {"read_at", r.read_at.empty() ? nlohmann::json() : nlohmann::json(r.read_at)},
                                     {"kind", r.kind.empty() ? nlohmann::json() : nlohmann::json(r.kind)},
                                     {"set_by", r.set_by},
                                     {"local", r.local},
                                     {"status", r.status}});
        }
        japp["containers"].push_back(std::move(jc));
      }
      if (japp["containers"].empty()) text += "  (no task definition container of that name was found)\n";
      text += "\n";
      out["apps"].push_back(std::move(japp));
    }
    out["containers_without_code"] = nlohmann::json::array();
    std::string unmapped;
    for (const rules::env::ContainerContract& cc : containers) {
      if (cc.app) continue;
      std::string location = where(cc.container->origin.file, cc.container->origin.range.begin);
      out["containers_without_code"].push_back({{"name", cc.name}, {"location", location}});
      unmapped += fmt::format("  {} ({})\n", cc.name, location);
    }
    if (!unmapped.empty())
      text += "containers without known code (no env-missing / env-unused checks; map them with an `app` block in "
              ".ecslint.hcl):\n" + unmapped;
    if (cm.apps.empty() && unmapped.empty()) text += "no applications and no task definition containers found\n";
  });
  if (options.format == "json") std::cout << out.dump(2) << '\n';
  else std::cout << text;
  return workspace.errors.empty() ? 0 : 2;
}

}  // namespace ecslint::cli
