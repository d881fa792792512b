// Checkstyle 4.3 XML, read by Jenkins (warnings-ng), reviewdog, SonarQube and
// most code-review bots.
#include <fmt/format.h>

#include "analyzer/report/reporter.h"

namespace ecslint::report {

namespace {

std::string attr(std::string_view text) { return xml_escape(text, true); }

std::string_view checkstyle_severity(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Notice: return "info";
  }
  return "error";
}

struct FileEntry {
  std::string name;
  std::vector<const Finding*> findings;
  std::vector<const LoadError*> errors;
};

}  // namespace

void write_checkstyle(std::ostream& out, const std::vector<Finding>& findings, const RunSummary& run) {
  std::vector<FileEntry> files;  // in order of first appearance
  auto entry_for = [&](std::string_view name) -> FileEntry& {
    for (FileEntry& e : files)
      if (e.name == name) return e;
    return files.emplace_back(FileEntry{std::string(name), {}, {}});
  };
  if (run.load_errors)
    for (const LoadError& e : *run.load_errors) entry_for(e.path).errors.push_back(&e);
  for (const Finding& f : findings) entry_for(f.location.file ? f.location.file->path() : "").findings.push_back(&f);

  fmt::memory_buffer buf;
  fmt::format_to(std::back_inserter(buf), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
  for (const FileEntry& file : files) {
    fmt::format_to(std::back_inserter(buf), "  <file name=\"{}\">\n", attr(file.name));
    for (const LoadError* e : file.errors)
      fmt::format_to(std::back_inserter(buf),
                     "    <error severity=\"error\" message=\"{}\" source=\"ecslint.load\"/>\n", attr(e->message));
    for (const Finding* f : file.findings) {
      fmt::format_to(std::back_inserter(buf), "    <error");
      if (f->location.file) {
        Position p = f->location.file->position(f->location.range.begin);
        fmt::format_to(std::back_inserter(buf), " line=\"{}\" column=\"{}\"", p.line, p.column);
      }
      fmt::format_to(std::back_inserter(buf), " severity=\"{}\" message=\"{}\" source=\"{}\"/>\n",
                     checkstyle_severity(f->severity), attr(f->message), attr(fmt::format("ecslint.{}", f->rule)));
    }
    fmt::format_to(std::back_inserter(buf), "  </file>\n");
  }
  fmt::format_to(std::back_inserter(buf), "</checkstyle>\n");
  out.write(buf.data(), std::streamsize(buf.size()));
}

}  // namespace ecslint::report
