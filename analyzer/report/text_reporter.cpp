#include <fmt/format.h>

#include <algorithm>

#include "analyzer/report/reporter.h"

namespace ecslint::report {

namespace {

struct Style {
  bool color;
  std::string_view on(std::string_view code) const { return color ? code : ""; }
  std::string_view off() const { return color ? "\x1b[0m" : ""; }
};

std::string_view severity_color(Severity severity) {
  switch (severity) {
    case Severity::Error: return "\x1b[1;31m";
    case Severity::Warning: return "\x1b[1;33m";
    case Severity::Notice: return "\x1b[1;36m";
  }
  return "";
}

// Defence in depth for "never print a secret's value": whatever rule made
// the finding, a line that names a secret-looking key and also holds a
// quoted literal is not echoed (the position is still printed).
bool line_may_hold_secret(std::string_view line) {
  std::string lower(line);
  for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
  static constexpr std::string_view kMarkers[] = {"password", "passwd", "secret", "token", "api_key",
                                                  "apikey",   "private_key", "_key", "credential"};
  bool named = false;
  for (std::string_view marker : kMarkers) named = named || lower.find(marker) != std::string::npos;
  if (!named) return false;
  size_t quotes = size_t(std::count(lower.begin(), lower.end(), '"'));
  // More than the quotes around one name: a literal value is on the line too.
  return quotes > 2 || lower.find('\'') != std::string::npos;
}

// Tabs become one space so the caret lines up with the code points counted
// in the column.
std::string printable_line(std::string_view line) {
  std::string out(line);
  std::replace(out.begin(), out.end(), '\t', ' ');
  return out;
}

void write_snippet(fmt::memory_buffer& buf, const SourceFile& file, Range range, const Style& style) {
  Position start = file.position(range.begin);
  Position end = file.position(range.end);
  std::string_view line = file.line_text(start.line);
  uint32_t line_columns = count_code_points(line);
  uint32_t width = 1;
  if (end.line == start.line && end.column > start.column) width = end.column - start.column;
  else if (end.line != start.line && line_columns + 1 > start.column) width = line_columns + 1 - start.column;
  std::string number = std::to_string(start.line);
  std::string gutter(number.size(), ' ');
  fmt::format_to(std::back_inserter(buf), " {} | {}\n", number, printable_line(line));
  fmt::format_to(std::back_inserter(buf), " {} | {}{}{}{}\n", gutter, std::string(start.column - 1, ' '),
                 style.on("\x1b[1;32m"), std::string(width, '^'), style.off());
}

std::string location_text(const Location& location) {
  if (!location.file) return "<unknown>";
  Position p = location.file->position(location.range.begin);
  return fmt::format("{}:{}:{}", location.file->path(), p.line, p.column);
}

std::string plural(size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

}  // namespace

Counts count_findings(const std::vector<Finding>& findings) {
  Counts counts;
  for (const Finding& f : findings) {
    if (f.severity == Severity::Error) ++counts.errors;
    else if (f.severity == Severity::Warning) ++counts.warnings;
    else ++counts.notices;
    if (f.fix && f.fix->applicability == Applicability::Safe) ++counts.fixable;
  }
  return counts;
}

void write_text(std::ostream& out, const std::vector<Finding>& findings, const RunSummary& run, bool color) {
  Style style{color};
  fmt::memory_buffer buf;
  if (run.load_errors) {
    for (const LoadError& e : *run.load_errors)
      fmt::format_to(std::back_inserter(buf), "{}: {}error{}: {}\n", e.path, style.on("\x1b[1;31m"), style.off(),
                     e.message);
  }
  for (const Finding& f : findings) {
    fmt::format_to(std::back_inserter(buf), "{}{}{}: {}{}{}[{}]: {}\n", style.on("\x1b[1m"), location_text(f.location),
                   style.off(), style.on(severity_color(f.severity)), severity_name(f.severity), style.off(), f.rule,
                   f.message);
    bool hide = f.hide_source ||
                (f.location.file && line_may_hold_secret(f.location.file->line_text(
                                        f.location.file->position(f.location.range.begin).line)));
    if (f.location.file && hide)
      fmt::format_to(std::back_inserter(buf), "  (source line not shown: it may contain a secret)\n");
    else if (f.location.file)
      write_snippet(buf, *f.location.file, f.location.range, style);
    for (const RelatedLocation& r : f.related)
      fmt::format_to(std::back_inserter(buf), "  {}note{}: {}: {}\n", style.on("\x1b[1;36m"), style.off(),
                     location_text(r.location), r.message);
    if (f.fix)
      fmt::format_to(std::back_inserter(buf), "  {}fix{} ({}): {}\n", style.on("\x1b[1;32m"), style.off(),
                     applicability_name(f.fix->applicability), f.fix->description);
  }
  Counts counts = count_findings(findings);
  if (findings.empty()) {
    fmt::format_to(std::back_inserter(buf), "No problems found in {}.\n", plural(run.files, "file"));
  } else {
    fmt::format_to(std::back_inserter(buf), "Found {}, {}, {} in {}", plural(counts.errors, "error"),
                   plural(counts.warnings, "warning"), plural(counts.notices, "notice"), plural(run.files, "file"));
    if (counts.fixable) fmt::format_to(std::back_inserter(buf), " ({} with a safe fix attached)", counts.fixable);
    fmt::format_to(std::back_inserter(buf), ".\n");
  }
  out.write(buf.data(), std::streamsize(buf.size()));
}

}  // namespace ecslint::report
