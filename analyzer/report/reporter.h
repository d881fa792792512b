// Reporters turn findings into text for people and formats for tools.
#pragma once

#include <ostream>
#include <span>
#include <string>
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

// Reported as tool.driver.version in SARIF; keep in step with project(VERSION).
inline constexpr std::string_view kToolVersion = "0.1.0";
// tool.driver.informationUri (an absolute URI); left out of SARIF while empty.
inline constexpr std::string_view kInformationUri = "";
// Absolute base of the rule pages, <base><id>.md (e.g. the repository's
// docs/rules/ at the release tag). SARIF's helpUri must be an absolute URI
// (GitHub's upload rejects a relative one), so while this is empty SARIF
// names docs/rules/<id>.md in the rule's help text instead.
inline constexpr std::string_view kRuleDocsBaseUri = "";

// What SARIF says about a rule. The analyzer does not see rules/, so the CLI
// builds these from rules::all_rules().
struct RuleDescription {
  std::string_view id;
  std::string_view summary;
  Severity default_severity = Severity::Error;
  std::string_view help_uri;  // absolute; empty: kRuleDocsBaseUri<id>.md
};

// SARIF 2.1.0: one run, rules from `rules`, results with related locations,
// fixes and partial fingerprints (rule + file + offending text). Byte-stable.
void write_sarif(std::ostream& out, const std::vector<Finding>& findings, const RunSummary& run,
                 std::span<const RuleDescription> rules);

// JUnit XML: one <testsuite> per file, one failing <testcase> per finding; a
// clean run has one passing test case.
void write_junit(std::ostream& out, const std::vector<Finding>& findings, const RunSummary& run);

// Checkstyle 4.3 XML: <file name> elements with <error source="ecslint.<rule>">.
void write_checkstyle(std::ostream& out, const std::vector<Finding>& findings, const RunSummary& run);

// GitHub Actions workflow commands: ::error file=..,line=..::message.
void write_github(std::ostream& out, const std::vector<Finding>& findings, const RunSummary& run);

// Escaping shared by the reporters (exposed for tests).
// Valid UTF-8 with each ill-formed sequence replaced by U+FFFD.
std::string valid_utf8(std::string_view text);
// `text` as a JSON string, escaped as nlohmann::json dumps it (quote,
// backslash and control characters; no HTML escapes, unlike jsonencode),
// appended to `out`; each ill-formed UTF-8 sequence becomes U+FFFD.
void append_json_string(std::string& out, std::string_view text);
// XML 1.0 character data or attribute value (quotes and newlines escaped in
// attributes; characters XML cannot hold become U+FFFD).
std::string xml_escape(std::string_view text, bool attribute);
// GitHub workflow command data (%, CR, LF) and property values (also : and ,).
std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);
// A file path as a SARIF artifactLocation.uri: relative paths stay relative
// (with / separators, ./ dropped), absolute paths become file:// URIs, bytes
// outside the URI grammar are percent-encoded.
std::string path_to_uri(std::string_view path);

}  // namespace ecslint::report
