#include "analyzer/cli/lint_command.h"

#include <unistd.h>

#include <iostream>

#include "analyzer/model.h"
#include "analyzer/report/reporter.h"
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

}  // namespace

int run_lint_command(const LintOptions& options) {
  for (const std::string& id : options.rules) {
    if (!rules::is_known_rule(id)) {
      std::cerr << "ecslint: unknown rule '" << id << "' (see `ecslint rules`)\n";
      return 2;
    }
  }
  LoadOptions load{options.paths, options.excludes, options.threads};
  Workspace workspace = load_workspace(load);
  Model model(workspace);
  rules::RuleSelection selection;
  selection.only = options.rules;
  selection.threads = options.threads;
  std::vector<Finding> findings = rules::run_rules(model, selection);

  report::RunSummary run{workspace.files.size(), &workspace.errors};
  if (options.format == "json") report::write_json(std::cout, findings, run);
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
