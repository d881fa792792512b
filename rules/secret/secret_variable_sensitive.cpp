#include "rules/secret/secret_variable_sensitive.h"

#include <fmt/format.h>

#include "rules/secret/secret_refs.h"

namespace ecslint::rules {

namespace {

const ast::Attribute* attribute(const ast::Body& body, std::string_view name) {
  for (const ast::Attribute& a : body.attributes)
    if (a.name == name) return &a;
  return nullptr;
}

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
// block's attributes; nullopt for one-line blocks.
std::optional<Fix> insert_sensitive(const SourceFile& file, const ast::Block& block) {
  auto close_indent = indentation_before(file, block.close_brace.begin);
  if (!close_indent) return std::nullopt;
  std::string indent;
  if (!block.body->attributes.empty()) {
    auto first = indentation_before(file, block.body->attributes[0].range.begin);
    if (!first) return std::nullopt;
    indent = std::string(*first);
  } else if (auto header = indentation_before(file, block.range.begin)) {
    indent = std::string(*header) + "  ";
  } else {
    return std::nullopt;
  }
  uint32_t line_start = block.close_brace.begin - uint32_t(close_indent->size());
  Fix fix;
  fix.description = "add `sensitive = true`";
  fix.applicability = Applicability::Safe;
  fix.edits.push_back({&file, {line_start, line_start}, indent + "sensitive = true\n"});
  return fix;
}

bool literal_non_empty(const ast::Expr* e) {
  if (const auto* lit = ast::as<ast::LiteralExpr>(e)) {
    if (lit->value.type == ast::LiteralType::String) return !lit->value.text.empty();
    return lit->value.type == ast::LiteralType::Number;
  }
  if (const auto* tpl = ast::as<ast::TemplateExpr>(e)) {
    // "admin" is a one-part template of a literal
    if (tpl->parts.size() != 1) return false;
    return literal_non_empty(tpl->parts[0]);
  }
  return false;
}

}  // namespace

void SecretVariableSensitive::check(const Model& model, Report& report) const {
  for (const LoadedFile& file : model.files()) {
    if (!file.disk_path.ends_with(".tf") || !file.parsed || !file.parsed->body) continue;
    const SourceFile& source = *file.source;
    for (const ast::Block& block : file.parsed->body->blocks) {
      if (block.type != "variable" || block.labels.size() != 1 || !block.body) continue;
      std::string_view name = block.labels[0].value;
      std::string why;
      if (!secret::secret_looking_name(name, &why)) continue;
      // A bool or number variable is a switch or a size, not a secret.
      if (const ast::Attribute* type = attribute(*block.body, "type")) {
        std::string_view written = source.slice(type->value->range);
        if (written == "bool" || written == "number") continue;
      }
      if (const ast::Attribute* d = attribute(*block.body, "default"))
        if (const auto* lit = ast::as<ast::LiteralExpr>(d->value); lit && lit->value.type == ast::LiteralType::Bool)
          continue;
      const ast::Attribute* sensitive = attribute(*block.body, "sensitive");
      const ast::Attribute* def = attribute(*block.body, "default");
      if (!sensitive) {
        Finding& f = report.add({&source, block.labels[0].range},
                                fmt::format("variable \"{}\" looks like a secret (name ends in {}) but is not "
                                            "marked `sensitive = true`: plan output, logs and state diffs will "
                                            "show its value; add `sensitive = true`",
                                            name, why));
        f.fix = insert_sensitive(source, block);
      } else if (const auto* lit = ast::as<ast::LiteralExpr>(sensitive->value);
                 lit && lit->value.type == ast::LiteralType::Bool && !lit->value.boolean) {
        report.add({&source, sensitive->value->range},
                   fmt::format("variable \"{}\" looks like a secret (name ends in {}) but sets "
                               "`sensitive = false`; set it to true",
                               name, why));
      }
      if (def && literal_non_empty(def->value)) {
        Finding& with_default = report.add({&source, def->name_range},
                   fmt::format("variable \"{}\" looks like a secret (name ends in {}) and has a literal default: "
                               "the secret is committed with the code and used whenever no value is given; remove "
                               "the default and pass the value from a secret store (TF_VAR_{}, a git-ignored "
                               "*.tfvars, or an aws_secretsmanager_secret / random_password)",
                               name, why, name));
        with_default.hide_source = true;
      }
    }
  }
}

}  // namespace ecslint::rules
