// The JSON report, written straight to text in the layout nlohmann::json's
// dump(2) gives (keys in this order, two-space indents, "key": value): a
// document tree for a few dozen findings cost more than the rest of the
// report, on the serial tail of every run.

#include <cstdint>
#include <string>
#include <string_view>

#include "analyzer/report/reporter.h"

namespace ecslint::report {

namespace {

// Members and elements written one after another at a nesting depth.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void open(char bracket) {
    out_ += bracket;
    ++depth_;
    first_ = true;
  }
  // A container nothing was written into closes on its own line: [] or {}.
  void close(char bracket) {
    --depth_;
    if (!first_) newline();
    out_ += bracket;
    first_ = false;
  }
  void key(std::string_view name) {
    next();
    append_json_string(out_, name);
    out_ += ": ";
  }
  void element() { next(); }

  void string(std::string_view name, std::string_view value) {
    key(name);
    append_json_string(out_, value);
  }
  void number(std::string_view name, uint64_t value) {
    key(name);
    out_ += std::to_string(value);
  }

 private:
  void next() {
    if (!first_) out_ += ',';
    newline();
    first_ = false;
  }
  void newline() {
    out_ += '\n';
    out_.append(size_t(depth_) * 2, ' ');
  }

  std::string& out_;
  int depth_ = 0;
  bool first_ = true;
};

void put_range(Writer& w, const Location& location) {
  Position start = location.file->position(location.range.begin);
  Position end = location.file->position(location.range.end);
  w.string("file", location.file->path());
  w.number("line", start.line);
  w.number("column", start.column);
  w.number("end_line", end.line);
  w.number("end_column", end.column);
}

void put_fix(Writer& w, const Fix& fix) {
  w.open('{');
  w.string("description", fix.description);
  w.string("applicability", applicability_name(fix.applicability));
  w.key("edits");
  w.open('[');
  for (const Edit& edit : fix.edits) {
    w.element();
    w.open('{');
    put_range(w, {edit.file, edit.range});
    w.number("start_byte", edit.range.begin);
    w.number("end_byte", edit.range.end);
    w.string("replacement", edit.replacement);
    w.close('}');
  }
  w.close(']');
  w.close('}');
}

}  // namespace

void write_json(std::ostream& out, const std::vector<Finding>& findings, const RunSummary& run) {
  std::string text;
  text.reserve(512 + findings.size() * 512);
  Writer w(text);
  w.open('{');
  w.number("version", 1);
  w.key("findings");
  w.open('[');
  for (const Finding& f : findings) {
    w.element();
    w.open('{');
    w.string("rule", f.rule);
    w.string("severity", severity_name(f.severity));
    put_range(w, f.location);
    w.string("message", f.message);
    w.key("related");
    w.open('[');
    for (const RelatedLocation& r : f.related) {
      w.element();
      w.open('{');
      put_range(w, r.location);
      w.string("message", r.message);
      w.close('}');
    }
    w.close(']');
    w.key("fix");
    if (f.fix) put_fix(w, *f.fix);
    else text += "null";
    w.close('}');
  }
  w.close(']');
  Counts counts = count_findings(findings);
  w.key("summary");
  w.open('{');
  w.number("files", run.files);
  w.number("findings", findings.size());
  w.number("errors", counts.errors);
  w.number("warnings", counts.warnings);
  w.number("notices", counts.notices);
  w.number("fixable", counts.fixable);
  w.key("load_errors");
  w.open('[');
  if (run.load_errors)
    for (const LoadError& e : *run.load_errors) {
      w.element();
      w.open('{');
      w.string("path", e.path);
      w.string("message", e.message);
      w.close('}');
    }
  w.close(']');
  w.close('}');
  w.close('}');
  text += '\n';
  out << text;
}

}  // namespace ecslint::report
