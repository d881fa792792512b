// SARIF 2.1.0 (OASIS), the format GitHub code scanning and IDE viewers read.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "analyzer/baseline.h"
#include "analyzer/report/reporter.h"

namespace ecslint::report {

namespace {

using nlohmann::ordered_json;

constexpr std::string_view kSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kFingerprintKey = "ecslint/v1";

std::string_view level(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Notice: return "note";
  }
  return "error";
}

ordered_json message(std::string_view text) { return {{"text", valid_utf8(text)}}; }

ordered_json artifact_location(std::string_view path) {
  ordered_json j;
  std::string uri = path_to_uri(path);
  bool relative = !uri.starts_with("file:");
  j["uri"] = std::move(uri);
  if (relative) j["uriBaseId"] = "%SRCROOT%";
  return j;
}

// Lines and code-point columns; the end column is the one after the range.
ordered_json region(const SourceFile& file, Range range) {
  Position start = file.position(range.begin);
  Position end = file.position(range.end);
  return {{"startLine", start.line}, {"startColumn", start.column}, {"endLine", end.line}, {"endColumn", end.column}};
}

ordered_json physical_location(const Location& location) {
  return {{"artifactLocation", artifact_location(location.file->path())},
          {"region", region(*location.file, location.range)}};
}

ordered_json fix_json(const Fix& fix) {
  // One artifactChange per file, files in order of first edit, edits in
  // the order the rule gave them.
  std::vector<const SourceFile*> files;
  for (const Edit& e : fix.edits)
    if (e.file && std::find(files.begin(), files.end(), e.file) == files.end()) files.push_back(e.file);
  ordered_json changes = ordered_json::array();
  for (const SourceFile* file : files) {
    ordered_json replacements = ordered_json::array();
    for (const Edit& e : fix.edits) {
      if (e.file != file) continue;
      ordered_json deleted = region(*file, e.range);
      deleted["byteOffset"] = e.range.begin;
      deleted["byteLength"] = e.range.size();
      ordered_json r;
      r["deletedRegion"] = std::move(deleted);
      r["insertedContent"] = {{"text", valid_utf8(e.replacement)}};
      replacements.push_back(std::move(r));
    }
    changes.push_back(
        {{"artifactLocation", artifact_location(file->path())}, {"replacements", std::move(replacements)}});
  }
  ordered_json j;
  j["description"] = message(fix.description);
  j["artifactChanges"] = std::move(changes);
  j["properties"] = {{"applicability", applicability_name(fix.applicability)}};
  return j;
}

}  // namespace

void write_sarif(std::ostream& out, const std::vector<Finding>& findings, const RunSummary& run,
                 std::span<const RuleDescription> rules) {
  ordered_json driver;
  driver["name"] = "ecslint";
  driver["version"] = kToolVersion;
  driver["semanticVersion"] = kToolVersion;
  if (!kInformationUri.empty()) driver["informationUri"] = kInformationUri;
  ordered_json rule_list = ordered_json::array();
  std::map<std::string_view, size_t> rule_index;
  for (const RuleDescription& rule : rules) {
    if (rule_index.contains(rule.id)) continue;
    rule_index.emplace(rule.id, rule_list.size());
    ordered_json r;
    r["id"] = rule.id;
    r["shortDescription"] = message(rule.summary);
    std::string help_uri(rule.help_uri);
    if (help_uri.empty() && !kRuleDocsBaseUri.empty()) help_uri = fmt::format("{}{}.md", kRuleDocsBaseUri, rule.id);
    if (!help_uri.empty()) r["helpUri"] = std::move(help_uri);
    else r["help"] = message(fmt::format("See docs/rules/{}.md in the ecslint sources.", rule.id));
    r["defaultConfiguration"] = {{"level", level(rule.default_severity)}};
    rule_list.push_back(std::move(r));
  }
  driver["rules"] = std::move(rule_list);

  ordered_json results = ordered_json::array();
  std::vector<std::string> fingerprints = finding_fingerprints(findings);
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    ordered_json r;
    r["ruleId"] = f.rule;
    if (auto it = rule_index.find(f.rule); it != rule_index.end()) r["ruleIndex"] = it->second;
    r["level"] = level(f.severity);
    r["message"] = message(f.message);
    if (f.location.file) r["locations"] = ordered_json::array({{{"physicalLocation", physical_location(f.location)}}});
    ordered_json related = ordered_json::array();
    for (const RelatedLocation& rel : f.related) {
      if (!rel.location.file) continue;
      ordered_json l;
      l["id"] = related.size() + 1;
      l["physicalLocation"] = physical_location(rel.location);
      l["message"] = message(rel.message);
      related.push_back(std::move(l));
    }
    if (!related.empty()) r["relatedLocations"] = std::move(related);
    if (f.fix && !f.fix->edits.empty()) r["fixes"] = ordered_json::array({fix_json(*f.fix)});
    if (f.location.file) r["partialFingerprints"] = {{kFingerprintKey, fingerprints[i]}};
    results.push_back(std::move(r));
  }

  ordered_json invocation;
  bool clean = !run.load_errors || run.load_errors->empty();
  invocation["executionSuccessful"] = clean;
  if (!clean) {
    ordered_json notes = ordered_json::array();
    for (const LoadError& e : *run.load_errors) {
      ordered_json n;
      n["level"] = "error";
      n["message"] = message(e.message);
      ordered_json location;
      location["physicalLocation"] = {{"artifactLocation", artifact_location(e.path)}};
      n["locations"] = ordered_json::array({std::move(location)});
      notes.push_back(std::move(n));
    }
    invocation["toolExecutionNotifications"] = std::move(notes);
  }

  ordered_json sarif_run;
  sarif_run["tool"] = {{"driver", std::move(driver)}};
  sarif_run["invocations"] = ordered_json::array({std::move(invocation)});
  sarif_run["columnKind"] = "unicodeCodePoints";
  sarif_run["results"] = std::move(results);

  ordered_json root;
  root["$schema"] = kSchemaUri;
  root["version"] = "2.1.0";
  root["runs"] = ordered_json::array({std::move(sarif_run)});
  out << root.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace ecslint::report
