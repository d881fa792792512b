#include "analyzer/cli/app.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "analyzer/cli/contracts_command.h"
#include "analyzer/cli/lint_command.h"
#include "analyzer/cli/parse_command.h"
#include "analyzer/cli/resources_command.h"
#include "rules/docs.h"
#include "rules/rule.h"

namespace ecslint::cli {

namespace {

void add_lint_options(CLI::App& app, LintOptions& options) {
  app.add_option("paths", options.paths, "Files or directories to lint (default: .)");
  app.add_option("-f,--format", options.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit", "checkstyle", "github"}));
  app.add_option("--fail-on", options.fail_on, "Lowest severity that makes the exit status 1")
      ->check(CLI::IsMember({"error", "warning", "notice", "never"}));
  app.add_option("--color", options.color, "Colour the text output")->check(CLI::IsMember({"auto", "always", "never"}));
  // Repeatable options take one value per occurrence, so `--rule ID PATH`
  // does not swallow the path.
  app.add_option("--rule", options.rules, "Run only this rule (repeatable; or ID,ID)")->allow_extra_args(false)->delimiter(',');
  app.add_option("--exclude", options.excludes, "Skip paths matching this glob (repeatable)")->allow_extra_args(false);
  app.add_option("--baseline", options.baseline, "Report only findings not recorded in this baseline file");
  app.add_option("--baseline-write", options.baseline_write, "Record the current findings as the baseline and exit 0");
  app.add_option("--var", options.vars, "Set a root module variable, NAME=VALUE (repeatable)")->allow_extra_args(false);
  app.add_option("--var-file", options.var_files, "Read root module variables from a .tfvars file (repeatable)")
      ->check(CLI::ExistingFile);
  app.add_option("--config", options.config, "Configuration file (default: .ecslint.hcl, searched upwards)");
  app.add_option("-j,--threads", options.threads, "Worker threads (0 = one per core)")->check(CLI::NonNegativeNumber);
}

void add_parse_command(CLI::App& app, ParseOptions& options) {
  auto* parse = app.add_subcommand("parse", "Parse files and print syntax errors (debugging; mirrors hcloracle)");
  parse->add_option("paths", options.paths, "Files or directories")->required();
  parse->add_flag("-q,--quiet", options.quiet, "Print only files with diagnostics, plus TOTAL");
  parse->add_flag("--dump", options.dump, "Print the S-expression tree of each OK native-syntax file");
  parse->add_flag("--ranges", options.ranges, "With --dump, annotate nodes with source ranges");
  parse->add_option("--repeat", options.repeat, "Parse the in-memory set N times, report the best")
      ->check(CLI::PositiveNumber);
}

int print_rules() {
  for (const rules::Rule* rule : rules::all_rules()) {
    const rules::RuleMeta& meta = rule->meta();
    fmt::print("{:<28} {:<8} {:<4} {}\n", meta.id, severity_name(meta.severity),
               meta.fix == rules::FixAvailability::None ? "" : "fix", meta.summary);
  }
  return 0;
}

int explain_rule(const std::string& id) {
  const rules::Rule* rule = rules::find_rule(id);
  if (!rule) {
    fmt::print(stderr, "ecslint: unknown rule '{}' (see `ecslint rules`)\n", id);
    return 2;
  }
  std::string_view doc = rules::rule_doc(id);
  if (doc.empty()) {
    const rules::RuleMeta& meta = rule->meta();
    fmt::print("{}: {} (default severity: {})\n", meta.id, meta.summary, severity_name(meta.severity));
  } else {
    fmt::print("{}", doc);
  }
  return 0;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"ecslint: a static analyzer for AWS ECS deployments (Terraform HCL, Terraform JSON, task definitions)"};
  app.require_subcommand(0, 1);
  app.set_version_flag("--version", "ecslint 0.1.0");

  LintOptions lint_options;
  add_lint_options(app, lint_options);
  ParseOptions parse_options;
  add_parse_command(app, parse_options);
  auto* rules_command = app.add_subcommand("rules", "List the rules");
  ResourcesOptions resources_options;
  auto* resources = app.add_subcommand("resources", "List the resource instances ecslint evaluated");
  resources->add_option("paths", resources_options.paths, "Files or directories (default: .)");
  resources->add_option("--type", resources_options.type, "Only this resource type");
  resources->add_option("-j,--threads", resources_options.threads, "Worker threads for loading (0 = one per core)");
  ContractsOptions contracts_options;
  auto* contracts = add_contracts_command(app, contracts_options);
  std::string explain_id;
  auto* explain = app.add_subcommand("explain", "Describe a rule");
  explain->add_option("rule", explain_id, "Rule id")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (parse_options.paths.size() && app.got_subcommand("parse")) return run_parse_command(parse_options);
  if (app.got_subcommand(rules_command)) return print_rules();
  if (app.got_subcommand(resources)) return run_resources_command(resources_options);
  if (app.got_subcommand(explain)) return explain_rule(explain_id);
  if (app.got_subcommand(contracts)) return run_contracts_command(contracts_options);
  return run_lint_command(lint_options);
}

}  // namespace ecslint::cli
