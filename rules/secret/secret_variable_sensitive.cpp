#include "rules/secret/secret_variable_sensitive.h"

#include <fmt/format.h>

#include "rules/secret/secret_refs.h"

namespace ecslint::rules {

namespace {

// The whitespace that starts the line holding `offset`, when only
// whitespace precedes `offset` on it.
std::optional<std::string_view> indentation_before(const SourceFile& file, uint32_t offset) {
  std::string_view text = file.text();
  uint32_t start = offset;
  while (start > 0 && text[start - 1] != '\n') --start;
  std::string_view lead = text.substr(start, offset - start);
  if (lead.find_first_not_of(" \t") != lead.npos) return std::nullopt;
  return lead;
}

// `sensitive = true` as a line before the closing brace, indented like the
// block's attributes; nullopt for one-line blocks and JSON.
std::optional<Fix> insert_sensitive(const tf::VariableDecl& variable) {
  if (!variable.native_syntax) return std::nullopt;
  const SourceFile& file = *variable.file;
  auto close_indent = indentation_before(file, variable.close_brace.begin);
  if (!close_indent) return std::nullopt;
  std::string indent;
  if (variable.first_attribute) {
    auto first = indentation_before(file, variable.first_attribute->begin);
    if (!first) return std::nullopt;
    indent = std::string(*first);
  } else if (auto header = indentation_before(file, variable.block_range.begin)) {
    indent = std::string(*header) + "  ";
  } else {
    return std::nullopt;
  }
  uint32_t line_start = variable.close_brace.begin - uint32_t(close_indent->size());
  Fix fix;
  fix.description = "add `sensitive = true`";
  fix.applicability = Applicability::Safe;
  fix.edits.push_back({&file, {line_start, line_start}, indent + "sensitive = true\n"});
  return fix;
}

// A default written as a value (not computed): a non-empty string or a number.
bool literal_non_empty(const std::optional<eval::Value>& v) {
  if (!v) return false;
  if (v->is_string()) return !v->as_string().empty();
  return v->is_number();
}

}  // namespace

void SecretVariableSensitive::check(const Model& model, Report& report) const {
  auto secret_looking = [](std::string_view name) { return secret::secret_looking_name(name, nullptr); };
  for (const tf::VariableDecl& variable : model.configuration().variables(secret_looking)) {
    const std::string& name = variable.name;
    std::string why;
    secret::secret_looking_name(name, &why);
    // A bool or number variable is a switch or a size, not a secret.
    if (variable.type == eval::TypeKind::Bool || variable.type == eval::TypeKind::Number) continue;
    if (variable.default_value && variable.default_value->is_bool()) continue;
    if (!variable.sensitive) {
      Finding& f = report.add({variable.file, variable.name_range},
                              fmt::format("variable \"{}\" looks like a secret (name ends in {}) but is not "
                                          "marked `sensitive = true`: plan output, logs and state diffs will "
                                          "show its value; add `sensitive = true`",
                                          name, why));
      f.fix = insert_sensitive(variable);
    } else if (variable.sensitive->is_bool() && !variable.sensitive->as_bool()) {
      const eval::Origin& at = variable.sensitive->origin();
      report.add(at.known() ? Location{at.file, at.range} : Location{variable.file, variable.name_range},
                 fmt::format("variable \"{}\" looks like a secret (name ends in {}) but sets "
                             "`sensitive = false`; set it to true",
                             name, why));
    }
    if (literal_non_empty(variable.default_value)) {
      Finding& with_default = report.add(
          variable.default_name_at,
          fmt::format("variable \"{}\" looks like a secret (name ends in {}) and has a literal default: "
                      "the secret is committed with the code and used whenever no value is given; remove "
                      "the default and pass the value from a secret store (TF_VAR_{}, a git-ignored "
                      "*.tfvars, or an aws_secretsmanager_secret / random_password)",
                      name, why, name));
      with_default.hide_source = true;
    }
  }
}

}  // namespace ecslint::rules
