#include "analyzer/cli/lint_command.h"

#include <unistd.h>

#include <iostream>

#include "analyzer/baseline.h"
#include "analyzer/config.h"
#include "analyzer/model.h"
#include "analyzer/report/reporter.h"
#include "analyzer/suppress.h"
#include "analyzer/workspace.h"
#include "rules/runner.h"

namespace ecslint::cli {

namespace {

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  return isatty(STDOUT_FILENO) && getenv("NO_COLOR") == nullptr;
}

bool fails(const std::vector<Finding>& findings, const std::string& fail_on) {
  if (fail_on == "never") return false;
  Severity threshold = parse_severity(fail_on).value_or(Severity::Error);
  for (const Finding& f : findings)
    if (f.severity >= threshold) return true;
  return false;
}

// Reads the config; false (after printing why) when it is unusable.
bool load_project_config(const LintOptions& options, Config& config) {
  std::string path = options.config.empty() ? find_config_file() : options.config;
  if (path.empty()) return true;
  std::vector<ConfigError> errors;
  config = load_config(path, errors);
  for (const auto& [id, rule] : config.rules) {
    if (!rules::is_known_rule(id))
      errors.push_back({config.path, {}, "rule \"" + id + "\" is not a rule (see `ecslint rules`)"});
  }
  for (const ConfigError& e : errors)
    std::cerr << e.file << ":" << e.position.line << ":" << e.position.column << ": error: " << e.message << '\n';
  return errors.empty();
}

rules::RuleSelection make_selection(const LintOptions& options, const Config& config) {
  rules::RuleSelection selection;
  selection.only = options.rules;
  selection.threads = options.threads;
  for (const auto& [id, rule] : config.rules) {
    rules::RuleOverride& o = selection.overrides[id];
    o.enabled = rule.enabled;
    if (rule.severity) o.severity = parse_severity(*rule.severity);
  }
  return selection;
}

// Root module variables from outside: the config's varfile entries (relative
// to the config file), then --var-file, then --var, as terraform orders them.
tf::InputVariables input_variables(const LintOptions& options, const Config& config) {
  tf::InputVariables inputs;
  for (const std::string& file : config.varfiles)
    inputs.var_files.push_back(file.starts_with("/") ? file : config.directory + "/" + file);
  inputs.var_files.insert(inputs.var_files.end(), options.var_files.begin(), options.var_files.end());
  for (const std::string& assignment : options.vars) {
    size_t eq = assignment.find('=');
    if (eq != std::string::npos) inputs.cli_vars.emplace_back(assignment.substr(0, eq), assignment.substr(eq + 1));
  }
  return inputs;
}

// The workspace and model hold every tree and value of the run (millions of
// small allocations); freeing them after the report would cost over a tenth
// of the run just before the process exits. They stay reachable from here,
// so LeakSanitizer does not count them as leaks.
Workspace* workspace_left_to_exit = nullptr;
Model* model_left_to_exit = nullptr;

}  // namespace

int run_lint_command(const LintOptions& options) {
  for (const std::string& assignment : options.vars) {
    if (assignment.find('=') == std::string::npos) {
      std::cerr << "ecslint: --var takes NAME=VALUE, got '" << assignment << "'\n";
      return 2;
    }
  }
  for (const std::string& id : options.rules) {
    if (!rules::is_known_rule(id)) {
      std::cerr << "ecslint: unknown rule '" << id << "' (see `ecslint rules`)\n";
      return 2;
    }
  }
  Config config;
  if (!load_project_config(options, config)) return 2;
  LoadOptions load{options.paths, options.excludes, options.threads};
  load.excludes.insert(load.excludes.end(), config.excludes.begin(), config.excludes.end());
  Workspace& workspace = *(workspace_left_to_exit = new Workspace(load_workspace(load)));
  Model& model = *(model_left_to_exit = new Model(workspace, input_variables(options, config)));
  model.set_apps(config.apps, config.directory);
  rules::RuleSelection selection = make_selection(options, config);
  std::vector<Finding> findings = rules::run_rules(model, selection);
  apply_suppressions(workspace, findings,
                     {rules::is_known_rule, [&](std::string_view id) { return rules::is_enabled(id, selection); }});
  std::string error;
  if (!options.baseline_write.empty()) {
    if (!write_baseline(options.baseline_write, findings, error)) {
      std::cerr << "ecslint: " << error << '\n';
      return 2;
    }
    std::cerr << "ecslint: wrote " << findings.size() << " findings to " << options.baseline_write << '\n';
    return 0;
  }
  if (!options.baseline.empty() && filter_baseline(options.baseline, findings, error) < 0) {
    std::cerr << "ecslint: " << error << '\n';
    return 2;
  }

  report::RunSummary run{workspace.files.size(), &workspace.errors};
  if (options.format == "json") report::write_json(std::cout, findings, run);
  else if (options.format == "sarif") {
    std::vector<report::RuleDescription> descriptions;
    for (const rules::Rule* rule : rules::all_rules())
      descriptions.push_back({rule->meta().id, rule->meta().summary, rule->meta().severity, {}});
    report::write_sarif(std::cout, findings, run, descriptions);
  } else if (options.format == "junit") report::write_junit(std::cout, findings, run);
  else if (options.format == "checkstyle") report::write_checkstyle(std::cout, findings, run);
  else if (options.format == "github") report::write_github(std::cout, findings, run);
  else report::write_text(std::cout, findings, run, use_color(options.color));
  std::cout.flush();

  if (!workspace.errors.empty()) {
    if (options.format != "text")
      for (const LoadError& e : workspace.errors) std::cerr << e.path << ": error: " << e.message << '\n';
    return 2;
  }
  return fails(findings, options.fail_on) ? 1 : 0;
}

}  // namespace ecslint::cli
