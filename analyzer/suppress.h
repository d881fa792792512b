// Suppression: `# ecslint-ignore: id[, id]` (also `//` and `/* */`) on the
// line before or at the end of the offending line, and
// `# ecslint-ignore-file: id` anywhere in a file. JSON has no comments, so
// in .tf.json and .tfvars.json files Terraform's comment property carries
// them: `"//": "ecslint-ignore: id"` covers the object it is written in,
// and `"//": "ecslint-ignore-file: id"` in the root object the whole file.
// Applied once, after all rules ran; an ignore that suppresses nothing is
// itself reported.
#pragma once

#include <functional>
#include <vector>

#include "analyzer/diagnostics.h"
#include "analyzer/workspace.h"

namespace ecslint {

// The id of the notice reported for an ignore comment that matched nothing
// or names no known rule.
inline constexpr std::string_view kUnusedIgnoreRule = "unused-ignore";

struct IgnoreDirective {
  const SourceFile* file = nullptr;
  Range range;                       // the comment
  uint32_t line = 0;                 // line of the comment
  bool whole_file = false;           // ecslint-ignore-file
  bool trailing = false;             // code precedes the comment on its line
  bool object_scope = false;         // a "//" property: covers `scope`, not lines
  Range scope;                       // the JSON object holding the "//" property
  std::vector<std::string> rule_ids;  // "all" matches every rule
};

// Reads the directives out of a parsed file's comments.
std::vector<IgnoreDirective> find_ignore_directives(const LoadedFile& file);

struct RuleQuery {
  std::function<bool(std::string_view)> is_known;  // a registered rule id
  std::function<bool(std::string_view)> ran;       // enabled in this run
};

// Removes suppressed findings; appends an `unused-ignore` notice for every
// directive id that names no rule, or names a rule that ran and suppressed
// nothing (an ignore for a rule switched off in this run is not judged).
void apply_suppressions(const Workspace& workspace, std::vector<Finding>& findings, const RuleQuery& rules);

}  // namespace ecslint
