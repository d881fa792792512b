#include "analyzer/cli/contracts_command.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "analyzer/config.h"
#include "analyzer/model.h"
#include "analyzer/parallel.h"
#include "analyzer/projects.h"
#include "analyzer/workspace.h"
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

// What `contracts` shows of one app: its header and its containers' tables,
// apart, so that an app found in several projects (an `app` block of the
// config maps its containers in every project) is shown once with the
// containers of all of them.
struct AppReport {
  std::string directory;  // App::directory: the app's identity
  nlohmann::json json;    // without its containers
  std::string header;
  std::vector<nlohmann::json> containers_json;
  std::string containers_text;
};

struct ProjectReport {
  std::vector<AppReport> apps;
  std::vector<nlohmann::json> unmapped_json;  // containers without known code
  std::string unmapped_text;
};

// A container's table of variables, in both forms.
void add_container(const rules::env::ContainerContract& cc, AppReport& app) {
  std::string location = where(cc.container->origin.file, cc.container->origin.range.begin);
  std::vector<Row> rows = rows_for(cc);
  nlohmann::json jc{{"name", cc.name}, {"location", location}, {"set_complete", cc.set_complete}, {"variables", nlohmann::json::array()}};
  std::string& text = app.containers_text;
  text += fmt::format("\n  container {} ({}){}\n", cc.name, location,
                      cc.set_complete ? "" : " [some set variables are not known: missing ones are not reported]");
  size_t w_name = 8, w_read = 7, w_set = 6;
  for (const Row& row : rows) {
    w_name = std::max(w_name, row.name.size());
    w_read = std::max(w_read, row.read_at.empty() ? 1 : row.read_at.size());
    w_set = std::max(w_set, join(row.set_by).size());
  }
  text += fmt::format("    {:<{}}  {:<{}}  {:<8}  {:<{}}  {:<8}  {}\n", "VARIABLE", w_name, "READ AT", w_read, "KIND",
                      "SET BY", w_set, "STATUS", "LOCAL DEV");
  for (const Row& row : rows) {
    text += fmt::format("    {:<{}}  {:<{}}  {:<8}  {:<{}}  {:<8}  {}\n", row.name, w_name,
                        row.read_at.empty() ? "-" : row.read_at, w_read, row.kind.empty() ? "-" : row.kind,
                        join(row.set_by), w_set, row.status, join(row.local));
    jc["variables"].push_back({{"name", row.name},
                               {"read_at", row.read_at.empty() ? nlohmann::json() : nlohmann::json(row.read_at)},
                               {"kind", row.kind.empty() ? nlohmann::json() : nlohmann::json(row.kind)},
                               {"set_by", row.set_by},
                               {"local", row.local},
                               {"status", row.status}});
  }
  app.containers_json.push_back(std::move(jc));
}

ProjectReport report_project(const Model& model) {
  ProjectReport report;
  std::vector<rules::env::ContainerContract> containers = rules::env::container_contracts(model, rules::env::Containers::All);
  for (const contracts::App& app : model.contracts().apps) {
    AppReport& r = report.apps.emplace_back();
    r.directory = app.directory;
    r.json = {{"name", app.name},
              {"directory", app.display_directory},
              {"inference", std::string(contracts::inference_name(app.inference))},
              {"evidence", app.evidence},
              {"files_scanned", app.sources.size()},
              {"has_code", app.has_code},
              {"dynamic_reads", app.dynamic_reads}};
    r.header = fmt::format("app {} ({}/)\n  mapped by {}: {}\n  {} files scanned{}{}\n", app.name, app.display_directory,
                           contracts::inference_name(app.inference), app.evidence, app.sources.size(),
                           app.has_code ? "" : "; no program source: nothing is checked",
                           app.dynamic_reads ? "; reads computed names: unused variables are not reported" : "");
    for (const rules::env::ContainerContract& cc : containers)
      if (cc.app == &app) add_container(cc, r);
  }
  for (const rules::env::ContainerContract& cc : containers) {
    if (cc.app) continue;
    std::string location = where(cc.container->origin.file, cc.container->origin.range.begin);
    report.unmapped_json.push_back({{"name", cc.name}, {"location", location}});
    report.unmapped_text += fmt::format("  {} ({})\n", cc.name, location);
  }
  return report;
}

// One project read, parsed and modelled on its own, like lint's (see
// analyzer/projects.h): memory holds one project per worker, not the
// workspace. Runs on a parallel_for worker, whose stack the parser and the
// evaluator's recursion need.
ProjectReport contracts_of_project(const Workspace& walked, const ProjectGroup& group, bool whole, const Config& config,
                                   int threads, std::vector<std::pair<size_t, LoadError>>& read_errors) {
  ReadFiles read = read_files(walked, group.files, threads);
  read_errors = std::move(read.errors);
  Workspace project = project_workspace(walked, std::move(read.files), whole ? std::vector<std::string>{} : group.roots);
  project.options.threads = threads;
  parallel_for(project.files.size(), threads, [&](size_t i) { parse_file(project.files[i]); });
  Model model(project);
  model.set_apps(config.apps, config.directory);
  return report_project(model);
}

// The walked files grouped as lint's final projects: by project root, and
// roots a local module call crosses joined (group_files() over the files'
// facts). Each root group's files are read on one worker to find the calls;
// files that cannot be read are left out and go to `read_errors`.
std::vector<ProjectGroup> contract_projects(const Workspace& walked, int threads,
                                            std::vector<std::pair<size_t, LoadError>>& read_errors) {
  std::vector<ProjectGroup> by_root = group_by_root(walked);
  if (by_root.size() <= 1) return by_root;  // nothing to join: its files are read once, with the project
  std::vector<std::vector<FileFacts>> facts(by_root.size());
  std::vector<std::vector<size_t>> read_from(by_root.size());
  std::vector<std::vector<std::pair<size_t, LoadError>>> errors(by_root.size());
  parallel_for(by_root.size(), threads, [&](size_t g) {
    ReadFiles read = read_files(walked, by_root[g].files, 1);
    for (const LoadedFile& file : read.files) facts[g].push_back(facts_of(file));
    read_from[g] = std::move(read.read_from);
    errors[g] = std::move(read.errors);
  });
  std::vector<std::pair<size_t, FileFacts*>> readable;  // by walked index
  for (size_t g = 0; g < by_root.size(); ++g) {
    for (size_t k = 0; k < facts[g].size(); ++k) readable.emplace_back(read_from[g][k], &facts[g][k]);
    std::move(errors[g].begin(), errors[g].end(), std::back_inserter(read_errors));
  }
  std::ranges::sort(readable, {}, &std::pair<size_t, FileFacts*>::first);
  std::ranges::sort(read_errors, {}, &std::pair<size_t, LoadError>::first);
  std::vector<FileFacts> ordered;
  for (auto& [index, file] : readable) ordered.push_back(std::move(*file));
  std::vector<ProjectGroup> groups = group_files(ordered, walked);
  for (ProjectGroup& group : groups)
    for (size_t& i : group.files) i = readable[i].first;
  return groups;
}

// The projects' reports as one: apps in the order first met, each with the
// containers every project found for it.
ProjectReport merge_reports(std::vector<ProjectReport> reports) {
  ProjectReport merged;
  for (ProjectReport& report : reports) {
    for (AppReport& app : report.apps) {
      auto same = std::ranges::find(merged.apps, app.directory, &AppReport::directory);
      if (same == merged.apps.end()) {
        merged.apps.push_back(std::move(app));
        continue;
      }
      std::move(app.containers_json.begin(), app.containers_json.end(), std::back_inserter(same->containers_json));
      same->containers_text += app.containers_text;
    }
    std::move(report.unmapped_json.begin(), report.unmapped_json.end(), std::back_inserter(merged.unmapped_json));
    merged.unmapped_text += report.unmapped_text;
  }
  return merged;
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
  Workspace walked = walk_workspace(load);
  std::vector<std::pair<size_t, LoadError>> read_errors;
  std::vector<ProjectGroup> projects = contract_projects(walked, options.threads, read_errors);
  bool whole = projects.size() <= 1;
  if (projects.empty()) projects.emplace_back();  // no files: the config's apps are still shown
  std::vector<ProjectReport> reports(projects.size());
  std::vector<std::vector<std::pair<size_t, LoadError>>> changed(projects.size());  // unreadable on the second read
  parallel_for(projects.size(), whole ? 1 : options.threads, [&](size_t k) {
    reports[k] = contracts_of_project(walked, projects[k], whole, config, whole ? options.threads : 1, changed[k]);
  });
  for (auto& errors : changed) std::move(errors.begin(), errors.end(), std::back_inserter(read_errors));
  for (auto& [index, error] : read_errors) walked.errors.push_back(std::move(error));
  for (const LoadError& e : walked.errors) std::cerr << e.path << ": error: " << e.message << '\n';

  ProjectReport merged = merge_reports(std::move(reports));
  nlohmann::json out;
  std::string text;
  out["apps"] = nlohmann::json::array();
  for (AppReport& app : merged.apps) {
    app.json["containers"] = std::move(app.containers_json);
    text += app.header + app.containers_text;
    if (app.json["containers"].empty()) text += "  (no task definition container of that name was found)\n";
    text += "\n";
    out["apps"].push_back(std::move(app.json));
  }
  out["containers_without_code"] = std::move(merged.unmapped_json);
  if (!merged.unmapped_text.empty())
    text += "containers without known code (no env-missing / env-unused checks; map them with an `app` block in "
            ".ecslint.hcl):\n" + merged.unmapped_text;
  if (merged.apps.empty() && merged.unmapped_text.empty()) text += "no applications and no task definition containers found\n";
  if (options.format == "json") std::cout << out.dump(2) << '\n';
  else std::cout << text;
  return walked.errors.empty() ? 0 : 2;
}

}  // namespace ecslint::cli
