#include "analyzer/cli/lint_command.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <numeric>
#include <unordered_set>

#include "analyzer/baseline.h"
#include "analyzer/cli/teardown_helper.h"
#include "analyzer/config.h"
#include "analyzer/model.h"
#include "analyzer/parallel.h"
#include "analyzer/projects.h"
#include "analyzer/report/reporter.h"
#include "analyzer/suppress.h"
#include "analyzer/timing.h"
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

// The workspace and the projects' models hold the files findings point into
// (and, for a single project, every tree and value: millions of small
// allocations that would cost a tenth of the run to free just before the
// process exits). They stay reachable from here, so LeakSanitizer does not
// count them as leaks.
Workspace* workspace_left_to_exit = nullptr;
struct ProjectRun;
std::vector<ProjectRun>* projects_left_to_exit = nullptr;
std::vector<ProjectRun>* joined_projects_left_to_exit = nullptr;

struct LintSetup {
  const Config& config;
  tf::InputVariables inputs;
  rules::RuleSelection selection;
};

// One project linted on its own: its files read and parsed, its model built,
// the rules run and its ignore comments applied; then its trees and values
// are freed while the texts findings point into stay for the report.
struct ProjectRun {
  Workspace workspace;
  std::unique_ptr<Model> model;
  std::vector<Finding> findings;
  std::vector<size_t> linted;     // walked files it linted (indexes into the walk's files)
  std::vector<std::string> tied;  // tied_directories() of its files, when they may join another project
  std::vector<std::pair<size_t, LoadError>> read_errors;  // by walked file
  bool superseded = false;        // its project turned out to call into another's
};

// Reads the walked files `indexes` for a run, on `threads` workers, as a
// workspace linting `roots` (the walk's own when empty; see
// project_workspace()). With `tie`, also notes the directories the files
// tie the run to, from its first root.
void read_project_files(ProjectRun& run, const std::vector<size_t>& indexes, const Workspace& walked, int threads,
                        std::vector<std::string> roots, bool tie) {
  PhaseTimer timer("project: read");
  ReadFiles read = read_files(walked, indexes, threads);
  run.read_errors = std::move(read.errors);
  run.linted = std::move(read.read_from);
  if (tie) {
    std::vector<FileFacts> facts;
    for (const LoadedFile& file : read.files) facts.push_back(facts_of(file));
    run.tied = tied_directories(facts, roots.front());
  }
  run.workspace = project_workspace(walked, std::move(read.files), std::move(roots));
}

// After its report: frees a project's trees, the texts of its files that no
// finding points into and, with `free_values`, its evaluated values. Values
// kept are never read again (they point into the freed trees): the process
// leaves them to exit.
void release_project(ProjectRun& run, bool free_values) {
  if (free_values) run.model->release_evaluation();
  std::unordered_set<const SourceFile*> referenced;
  for (const Finding& f : run.findings) {
    referenced.insert(f.location.file);
    for (const RelatedLocation& r : f.related) referenced.insert(r.location.file);
    if (f.fix)
      for (const Edit& e : f.fix->edits) referenced.insert(e.file);
  }
  for (LoadedFile& f : run.workspace.files) {
    f.parsed.reset();
    if (!referenced.contains(f.source.get())) f.source.reset();
  }
}

void lint_project(ProjectRun& run, const LintSetup& setup, int threads) {
  run.workspace.options.threads = threads;
  {
    PhaseTimer timer("project: parse");
    parallel_for(run.workspace.files.size(), threads, [&](size_t i) { parse_file(run.workspace.files[i]); });
  }
  run.model = std::make_unique<Model>(run.workspace, setup.inputs);
  run.model->set_apps(setup.config.apps, setup.config.directory);
  rules::RuleSelection selection = setup.selection;
  selection.threads = threads;
  run.findings = rules::run_rules(*run.model, selection);
  apply_suppressions(run.workspace, run.findings,
                     {rules::is_known_rule, [&](std::string_view id) { return rules::is_enabled(id, selection); }});
}

std::vector<size_t> largest_first(const std::vector<ProjectGroup>& groups) {
  std::vector<size_t> order(groups.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return groups[a].files.size() > groups[b].files.size(); });
  return order;
}

// Reads and lints each of `groups` into the run of the same index, largest
// first on all workers, with `threads_each` workers inside each. A project
// is freed when done only while another still waits for a worker: its
// memory is worth handing back only to a project still to come. When one
// project is left its values are kept: freeing their many small blocks is
// most of a release (1 ms of a 400 KB project's 10 ms on the bench VM), and
// the trees and texts freed hold enough for the last project (the 1 MB
// bench input: 3,197 page faults against 3,161 when all is freed). `tie`
// notes the directories that may join a project to another (see
// read_project_files()).
void run_projects(const std::vector<ProjectGroup>& groups, std::vector<ProjectRun>& runs, const Workspace& walked,
                  const LintSetup& setup, int threads_each, bool tie) {
  std::vector<size_t> order = largest_first(groups);
  std::atomic<size_t> started{0};
  parallel_for(groups.size(), walked.options.threads, [&](size_t k) {
    ++started;
    const ProjectGroup& group = groups[order[k]];
    ProjectRun& run = runs[order[k]];
    read_project_files(run, group.files, walked, threads_each, group.roots, tie);
    lint_project(run, setup, threads_each);
    size_t waiting = groups.size() - started.load();
    if (waiting > 0) release_project(run, waiting > 1);
  });
}

// Lints the walked workspace project by project (see analyzer/projects.h),
// largest first on all workers, each project on one; a workspace that is one
// project is linted whole with every worker on it. Projects are found by
// their roots first, without reading a file; where a module call crosses
// into another project (rare), the projects joined by it are linted again
// together, so the result is what linting each final group alone gives.
// Read errors go to `walked.errors`; `linted_files` counts the files linted.
std::vector<Finding> lint_by_project(Workspace& walked, const LintSetup& setup, size_t& linted_files) {
  std::vector<ProjectGroup> groups = [&] {
    PhaseTimer timer("load: group by project");
    return group_by_root(walked);
  }();
  int threads = walked.options.threads;
  auto& runs = *(projects_left_to_exit = new std::vector<ProjectRun>(std::max<size_t>(groups.size(), 1)));
  PhaseTimer timer("lint projects");
  if (groups.size() <= 1) {
    std::vector<size_t> all(walked.files.size());
    std::iota(all.begin(), all.end(), 0);
    read_project_files(runs[0], all, walked, threads, {}, false);
    lint_project(runs[0], setup, threads);
    for (auto& [index, error] : runs[0].read_errors) walked.errors.push_back(std::move(error));
    linted_files = runs[0].linted.size();
    return std::move(runs[0].findings);
  }
  run_projects(groups, runs, walked, setup, 1, true);

  // The final groups, from what the reads found: projects whose directories
  // meet through a module call are joined (the grouping group_files() does,
  // with each project's part computed by its own run).
  linted_files = 0;
  for (const ProjectRun& run : runs) linted_files += run.linted.size();
  std::vector<ProjectGroup> joined;
  {
    PhaseTimer regroup_timer("load: regroup by module calls");
    std::vector<std::vector<std::string>> tied(runs.size());
    for (size_t r = 0; r < runs.size(); ++r) tied[r] = std::move(runs[r].tied);
    for (const std::vector<size_t>& together : projects_joined(tied)) {
      ProjectGroup& group = joined.emplace_back();
      for (size_t r : together) {
        runs[r].superseded = true;
        group.files.insert(group.files.end(), runs[r].linted.begin(), runs[r].linted.end());
        group.roots.push_back(groups[r].roots.front());
      }
      std::sort(group.files.begin(), group.files.end());
      std::sort(group.roots.begin(), group.roots.end());
      group.roots.erase(std::unique(group.roots.begin(), group.roots.end()), group.roots.end());
    }
  }
  auto& joined_runs = *(joined_projects_left_to_exit = new std::vector<ProjectRun>(joined.size()));
  PhaseTimer joined_timer("lint projects joined by module calls");
  run_projects(joined, joined_runs, walked, setup, joined.size() == 1 ? threads : 1, false);

  std::vector<Finding> findings;
  std::vector<std::pair<size_t, LoadError>> read_errors;
  for (ProjectRun& run : runs) {
    std::move(run.read_errors.begin(), run.read_errors.end(), std::back_inserter(read_errors));
    if (run.superseded) {
      run.findings.clear();
      for (LoadedFile& f : run.workspace.files) f.source.reset();
      continue;
    }
    std::move(run.findings.begin(), run.findings.end(), std::back_inserter(findings));
  }
  std::ranges::sort(read_errors, {}, &std::pair<size_t, LoadError>::first);
  for (auto& [index, error] : read_errors) walked.errors.push_back(std::move(error));
  for (ProjectRun& run : joined_runs) {
    std::move(run.findings.begin(), run.findings.end(), std::back_inserter(findings));
    // A file that changed between the two reads.
    for (auto& [index, error] : run.read_errors) walked.errors.push_back(std::move(error));
  }
  sort_findings(findings);
  return findings;
}

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
  hand_teardown_to_helper();
  LoadOptions load{options.paths, options.excludes, options.threads};
  load.excludes.insert(load.excludes.end(), config.excludes.begin(), config.excludes.end());
  Workspace& workspace = *(workspace_left_to_exit = new Workspace(walk_workspace(load)));
  size_t file_count = 0;
  std::vector<Finding> findings = lint_by_project(
      workspace, {config, input_variables(options, config), make_selection(options, config)}, file_count);
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

  PhaseTimer report_timer("report");
  report::RunSummary run{file_count, &workspace.errors};
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
