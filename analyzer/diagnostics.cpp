#include "analyzer/diagnostics.h"

#include <algorithm>
#include <tuple>

namespace ecslint {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::Notice: return "notice";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view name) {
  if (name == "notice") return Severity::Notice;
  if (name == "warning") return Severity::Warning;
  if (name == "error") return Severity::Error;
  return std::nullopt;
}

std::string_view applicability_name(Applicability applicability) {
  switch (applicability) {
    case Applicability::Safe: return "safe";
    case Applicability::Unsafe: return "unsafe";
    case Applicability::DisplayOnly: return "display-only";
  }
  return "display-only";
}

void sort_findings(std::vector<Finding>& findings) {
  auto key = [](const Finding& f) {
    std::string_view path = f.location.file ? std::string_view(f.location.file->path()) : std::string_view();
    return std::tuple(path, f.location.range.begin, f.location.range.end, f.rule, std::string_view(f.message));
  };
  std::stable_sort(findings.begin(), findings.end(),
                   [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
}

}  // namespace ecslint
