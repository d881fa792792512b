// `ecslint [PATH...]`: load, analyze, run the rules, report.
#pragma once

#include <string>
#include <vector>

namespace ecslint::cli {

struct LintOptions {
  std::vector<std::string> paths;
  std::string format = "text";  // text | json | sarif | junit | checkstyle | github
  std::string fail_on = "error";  // error | warning | notice | never
  std::string color = "auto";     // auto | always | never
  std::vector<std::string> rules;  // --rule: run only these
  std::vector<std::string> excludes;
  std::string baseline;        // --baseline: drop findings recorded there
  std::string baseline_write;  // --baseline-write: record the findings and exit 0
  std::vector<std::string> vars;       // --var NAME=VALUE
  std::vector<std::string> var_files;  // --var-file FILE
  std::string config;  // --config; default: .ecslint.hcl found from the working directory up
  int threads = 0;
};

// Exit status: 0 when nothing at or above --fail-on was found, 1 when
// something was, 2 for usage or I/O errors.
int run_lint_command(const LintOptions& options);

}  // namespace ecslint::cli
