// GitHub Actions workflow commands: each finding becomes an annotation on the
// pull request's diff (::error / ::warning / ::notice).
#include <fmt/format.h>

#include "analyzer/report/reporter.h"

namespace ecslint::report {

namespace {

std::string_view command(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Notice: return "notice";
  }
  return "error";
}

std::string prop(std::string_view text) { return github_escape_property(valid_utf8(text)); }
std::string message_data(std::string_view text) { return github_escape_data(valid_utf8(text)); }

}  // namespace

void write_github(std::ostream& out, const std::vector<Finding>& findings, const RunSummary& run) {
  fmt::memory_buffer buf;
  if (run.load_errors)
    for (const LoadError& e : *run.load_errors)
      fmt::format_to(std::back_inserter(buf), "::error file={},title=ecslint::{}\n", prop(e.path),
                     message_data(e.message));
  for (const Finding& f : findings) {
    fmt::format_to(std::back_inserter(buf), "::{} ", command(f.severity));
    if (f.location.file) {
      Position start = f.location.file->position(f.location.range.begin);
      Position end = f.location.file->position(f.location.range.end);
      fmt::format_to(std::back_inserter(buf), "file={},line={},", prop(f.location.file->path()), start.line);
      // GitHub takes columns only when the annotation sits on one line.
      if (end.line == start.line)
        fmt::format_to(std::back_inserter(buf), "col={},endLine={},endColumn={},", start.column, end.line, end.column);
      else fmt::format_to(std::back_inserter(buf), "endLine={},", end.line);
    }
    std::string text = f.message;
    for (const RelatedLocation& r : f.related) {
      if (!r.location.file) continue;
      Position p = r.location.file->position(r.location.range.begin);
      text += fmt::format("\n  note: {}:{}:{}: {}", r.location.file->path(), p.line, p.column, r.message);
    }
    if (f.fix) text += fmt::format("\n  fix ({}): {}", applicability_name(f.fix->applicability), f.fix->description);
    fmt::format_to(std::back_inserter(buf), "title={}::{}\n", prop(fmt::format("ecslint({})", f.rule)),
                   message_data(text));
  }
  out.write(buf.data(), std::streamsize(buf.size()));
}

}  // namespace ecslint::report
