#include <nlohmann/json.hpp>

#include "analyzer/report/reporter.h"

namespace ecslint::report {

namespace {

using nlohmann::ordered_json;

void put_range(ordered_json& j, const Location& location) {
  Position start = location.file->position(location.range.begin);
  Position end = location.file->position(location.range.end);
  j["file"] = location.file->path();
  j["line"] = start.line;
  j["column"] = start.column;
  j["end_line"] = end.line;
  j["end_column"] = end.column;
}

ordered_json fix_json(const Fix& fix) {
  ordered_json j;
  j["description"] = fix.description;
  j["applicability"] = applicability_name(fix.applicability);
  ordered_json edits = ordered_json::array();
  for (const Edit& edit : fix.edits) {
    ordered_json e;
    put_range(e, {edit.file, edit.range});
    e["start_byte"] = edit.range.begin;
    e["end_byte"] = edit.range.end;
    e["replacement"] = edit.replacement;
    edits.push_back(std::move(e));
  }
  j["edits"] = std::move(edits);
  return j;
}

}  // namespace

void write_json(std::ostream& out, const std::vector<Finding>& findings, const RunSummary& run) {
  ordered_json root;
  root["version"] = 1;
  ordered_json list = ordered_json::array();
  for (const Finding& f : findings) {
    ordered_json j;
    j["rule"] = f.rule;
    j["severity"] = severity_name(f.severity);
    put_range(j, f.location);
    j["message"] = f.message;
    ordered_json related = ordered_json::array();
    for (const RelatedLocation& r : f.related) {
      ordered_json rj;
      put_range(rj, r.location);
      rj["message"] = r.message;
      related.push_back(std::move(rj));
    }
    j["related"] = std::move(related);
    j["fix"] = f.fix ? fix_json(*f.fix) : ordered_json(nullptr);
    list.push_back(std::move(j));
  }
  root["findings"] = std::move(list);
  Counts counts = count_findings(findings);
  ordered_json summary;
  summary["files"] = run.files;
  summary["findings"] = findings.size();
  summary["errors"] = counts.errors;
  summary["warnings"] = counts.warnings;
  summary["notices"] = counts.notices;
  summary["fixable"] = counts.fixable;
  ordered_json load_errors = ordered_json::array();
  if (run.load_errors)
    for (const LoadError& e : *run.load_errors) load_errors.push_back({{"path", e.path}, {"message", e.message}});
  summary["load_errors"] = std::move(load_errors);
  root["summary"] = std::move(summary);
  out << root.dump(2) << '\n';
}

}  // namespace ecslint::report
