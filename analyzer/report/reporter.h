// Reporters turn findings into text for people and formats for tools.
#pragma once

#include <ostream>
#include <string_view>
#include <vector>

#include "analyzer/diagnostics.h"
#include "analyzer/workspace.h"

namespace ecslint::report {

struct RunSummary {
  size_t files = 0;  // files linted
  const std::vector<LoadError>* load_errors = nullptr;
};

struct Counts {
  size_t errors = 0, warnings = 0, notices = 0, fixable = 0;
};
Counts count_findings(const std::vector<Finding>& findings);

// file:line:col: severity[rule]: message, the source line with a caret
// underline, related locations, and a summary line. Colour only when asked.
void write_text(std::ostream& out, const std::vector<Finding>& findings, const RunSummary& run, bool color);

// {"version": 1, "findings": [...], "summary": {...}}
void write_json(std::ostream& out, const std::vector<Finding>& findings, const RunSummary& run);

}  // namespace ecslint::report
