#include "analyzer/suppress.h"

#include "analyzer/text.h"

#include <fmt/format.h>

#include <map>
#include <optional>

namespace ecslint {

namespace {

// The comment's text without its markers.
std::string_view comment_body(std::string_view text) {
  if (text.starts_with("#")) return text.substr(1);
  if (text.starts_with("//")) return text.substr(2);
  if (text.starts_with("/*")) {
    text.remove_prefix(2);
    if (text.ends_with("*/")) text.remove_suffix(2);
  }
  return text;
}

std::vector<std::string> split_ids(std::string_view list) {
  std::vector<std::string> ids;
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view id = trim_blanks(list.substr(0, comma));
    // Anything after the ids (" -- reason") is a free-form explanation.
    id = id.substr(0, id.find_first_of(" \t"));
    if (!id.empty()) ids.emplace_back(id);
    if (comma == list.npos) break;
    list.remove_prefix(comma + 1);
  }
  return ids;
}

bool code_precedes(const SourceFile& file, uint32_t offset) {
  Position p = file.position(offset);
  std::string_view line = file.line_text(p.line);
  uint32_t line_start = uint32_t(line.data() - file.data());
  return !trim_blanks(line.substr(0, offset - line_start)).empty();
}

// The directive a comment's text holds, or nullopt.
std::optional<IgnoreDirective> directive_of(std::string_view body) {
  body = trim_blanks(body);
  bool whole_file = body.starts_with("ecslint-ignore-file:");
  if (!whole_file && !body.starts_with("ecslint-ignore:")) return std::nullopt;
  body.remove_prefix(body.find(':') + 1);
  IgnoreDirective d;
  d.whole_file = whole_file;
  d.rule_ids = split_ids(body);
  return d;
}

// "//" properties of the objects of a .tf.json file, depth first. An
// explicit stack: generated JSON may nest deeper than the call stack allows.
void find_json_directives(const SourceFile& source, const ast::Expr* root, std::vector<IgnoreDirective>& out) {
  std::vector<const ast::Expr*> stack = {root};
  while (!stack.empty()) {
    const ast::Expr* e = stack.back();
    stack.pop_back();
    if (const auto* tuple = ast::as<ast::TupleExpr>(e)) {
      for (auto it = tuple->items.rbegin(); it != tuple->items.rend(); ++it) stack.push_back(*it);
      continue;
    }
    const auto* object = ast::as<ast::ObjectExpr>(e);
    if (!object) continue;
    for (const ast::ObjectItem& item : object->items) {
      const auto* key = ast::as<ast::LiteralExpr>(item.key);
      const auto* text = ast::as<ast::LiteralExpr>(item.value);
      if (key && key->value.text == "//" && text && text->value.type == ast::LiteralType::String) {
        auto d = directive_of(text->value.text);
        // ecslint-ignore-file belongs in the root object, where it reads as file-wide.
        if (!d || (d->whole_file && e != root)) continue;
        d->file = &source;
        d->range = Range::between(item.key->range, item.value->range);
        d->line = source.position(item.key->range.begin).line;
        d->object_scope = !d->whole_file;
        d->scope = object->range;
        out.push_back(std::move(*d));
      }
    }
    for (auto it = object->items.rbegin(); it != object->items.rend(); ++it) stack.push_back(it->value);
  }
}

}  // namespace

std::vector<IgnoreDirective> find_ignore_directives(const LoadedFile& file) {
  std::vector<IgnoreDirective> directives;
  if (!file.parsed) return directives;
  const SourceFile& source = *file.source;
  if (file.parsed->syntax == grammar::Syntax::HclJson && file.parsed->root)
    find_json_directives(source, file.parsed->root, directives);
  for (const grammar::Comment& comment : file.parsed->comments) {
    auto found = directive_of(comment_body(source.slice(comment.range)));
    if (!found) continue;
    IgnoreDirective& d = *found;
    d.file = &source;
    d.range = comment.range;
    d.line = source.position(comment.range.begin).line;
    d.trailing = code_precedes(source, comment.range.begin);
    directives.push_back(std::move(d));
  }
  return directives;
}

namespace {

bool covers(const IgnoreDirective& d, const Finding& f, uint32_t finding_line) {
  if (f.location.file != d.file) return false;
  if (d.whole_file) return true;
  if (d.object_scope) return d.scope.contains(f.location.range.begin);
  // A trailing comment covers its own line; a comment alone on its line
  // covers the next line (and its own, for findings that start in it).
  return finding_line == d.line || (!d.trailing && finding_line == d.line + 1);
}

bool names(const IgnoreDirective& d, std::string_view rule, size_t& index) {
  for (index = 0; index < d.rule_ids.size(); ++index)
    if (d.rule_ids[index] == rule || d.rule_ids[index] == "all") return true;
  return false;
}

}  // namespace

void apply_suppressions(const Workspace& workspace, std::vector<Finding>& findings, const RuleQuery& rules) {
  std::vector<IgnoreDirective> directives;
  for (const LoadedFile& file : workspace.files) {
    auto found = find_ignore_directives(file);
    std::move(found.begin(), found.end(), std::back_inserter(directives));
  }
  if (directives.empty()) return;
  std::vector<std::vector<bool>> used(directives.size());
  for (size_t i = 0; i < directives.size(); ++i) used[i].assign(directives[i].rule_ids.size(), false);

  std::vector<Finding> kept;
  for (Finding& f : findings) {
    bool suppressed = false;
    uint32_t line = f.location.file ? f.location.file->position(f.location.range.begin).line : 0;
    for (size_t i = 0; i < directives.size(); ++i) {
      size_t id_index;
      if (covers(directives[i], f, line) && names(directives[i], f.rule, id_index)) {
        used[i][id_index] = true;
        suppressed = true;
      }
    }
    if (!suppressed) kept.push_back(std::move(f));
  }
  for (size_t i = 0; i < directives.size(); ++i) {
    const IgnoreDirective& d = directives[i];
    for (size_t k = 0; k < d.rule_ids.size(); ++k) {
      if (used[i][k]) continue;
      const std::string& id = d.rule_ids[k];
      bool known = id == "all" || rules.is_known(id);
      if (known && id != "all" && !rules.ran(id)) continue;
      Finding& notice = kept.emplace_back();
      notice.rule = kUnusedIgnoreRule;
      notice.severity = Severity::Notice;
      notice.location = {d.file, d.range};
      notice.message = known ? fmt::format("this ecslint-ignore for {} suppresses nothing; remove it", id)
                             : fmt::format("ecslint-ignore names {}, which is not a rule (see `ecslint rules`)", id);
    }
  }
  findings = std::move(kept);
  sort_findings(findings);
}

}  // namespace ecslint
