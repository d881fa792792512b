// JUnit XML as GitLab and Jenkins render it: a <testsuite> per file, a failing
// <testcase> per finding ("rule file:line", classname = file).
#include <fmt/format.h>

#include "analyzer/report/reporter.h"

namespace ecslint::report {

namespace {

std::string attr(std::string_view text) { return xml_escape(text, true); }

std::string location_text(const Location& location) {
  Position p = location.file->position(location.range.begin);
  return fmt::format("{}:{}:{}", location.file->path(), p.line, p.column);
}

struct Suite {
  std::string name;
  std::vector<const Finding*> findings;
  std::vector<const LoadError*> errors;
};

void write_case(fmt::memory_buffer& buf, const Finding& f) {
  std::string file = f.location.file ? f.location.file->path() : std::string("ecslint");
  std::string where = f.location.file ? location_text(f.location) : file;
  uint32_t line = f.location.file ? f.location.file->position(f.location.range.begin).line : 0;
  std::string name = f.location.file ? fmt::format("{} {}:{}", f.rule, file, line) : std::string(f.rule);
  fmt::format_to(std::back_inserter(buf), "    <testcase name=\"{}\" classname=\"{}\"", attr(name), attr(file));
  if (f.location.file) fmt::format_to(std::back_inserter(buf), " file=\"{}\" line=\"{}\"", attr(file), line);
  fmt::format_to(std::back_inserter(buf), ">\n");
  std::string body = fmt::format("{}: {}[{}]: {}\n", where, severity_name(f.severity), f.rule, f.message);
  for (const RelatedLocation& r : f.related)
    if (r.location.file) body += fmt::format("  note: {}: {}\n", location_text(r.location), r.message);
  if (f.fix) body += fmt::format("  fix ({}): {}\n", applicability_name(f.fix->applicability), f.fix->description);
  fmt::format_to(std::back_inserter(buf), "      <failure message=\"{}\" type=\"{}\">{}</failure>\n", attr(f.message),
                 severity_name(f.severity), xml_escape(body, false));
  fmt::format_to(std::back_inserter(buf), "    </testcase>\n");
}

}  // namespace

void write_junit(std::ostream& out, const std::vector<Finding>& findings, const RunSummary& run) {
  // Suites in order of first appearance (findings come sorted by file).
  std::vector<Suite> suites;
  auto suite_for = [&](std::string_view name) -> Suite& {
    for (Suite& s : suites)
      if (s.name == name) return s;
    return suites.emplace_back(Suite{std::string(name), {}, {}});
  };
  if (run.load_errors)
    for (const LoadError& e : *run.load_errors) suite_for(e.path).errors.push_back(&e);
  for (const Finding& f : findings)
    suite_for(f.location.file ? f.location.file->path() : "ecslint").findings.push_back(&f);

  size_t tests = 0, failures = 0, errors = 0;
  for (const Suite& s : suites) {
    tests += s.findings.size() + s.errors.size();
    failures += s.findings.size();
    errors += s.errors.size();
  }
  bool clean = suites.empty();
  if (clean) tests = 1;

  fmt::memory_buffer buf;
  fmt::format_to(std::back_inserter(buf), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  fmt::format_to(std::back_inserter(buf), "<testsuites name=\"ecslint\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
                 tests, failures, errors);
  if (clean) {
    fmt::format_to(std::back_inserter(buf),
                   "  <testsuite name=\"ecslint\" tests=\"1\" failures=\"0\" errors=\"0\">\n"
                   "    <testcase name=\"{}\" classname=\"ecslint\"/>\n"
                   "  </testsuite>\n",
                   attr(fmt::format("no problems in {} file{}", run.files, run.files == 1 ? "" : "s")));
  }
  for (const Suite& s : suites) {
    fmt::format_to(std::back_inserter(buf), "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
                   attr(s.name), s.findings.size() + s.errors.size(), s.findings.size(), s.errors.size());
    for (const LoadError* e : s.errors) {
      fmt::format_to(std::back_inserter(buf),
                     "    <testcase name=\"{}\" classname=\"{}\">\n"
                     "      <error message=\"{}\" type=\"load-error\">{}: error: {}\n</error>\n"
                     "    </testcase>\n",
                     attr(fmt::format("load {}", e->path)), attr(e->path), attr(e->message),
                     xml_escape(e->path, false), xml_escape(e->message, false));
    }
    for (const Finding* f : s.findings) write_case(buf, *f);
    fmt::format_to(std::back_inserter(buf), "  </testsuite>\n");
  }
  fmt::format_to(std::back_inserter(buf), "</testsuites>\n");
  out.write(buf.data(), std::streamsize(buf.size()));
}

}  // namespace ecslint::report
