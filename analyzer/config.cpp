#include "analyzer/config.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "analyzer/diagnostics.h"
#include "grammar/syntax.h"

namespace ecslint {

namespace fs = std::filesystem;

namespace {

// Reads a config body. Config values are literals: no references, no
// functions, so reading the AST directly is the whole story.
class ConfigReader {
 public:
  ConfigReader(const SourceFile& source, Config& config, std::vector<ConfigError>& errors)
      : source_(source), config_(config), errors_(errors) {}

  void read_root(const ast::Body& body) {
    for (const ast::Attribute& a : body.attributes) {
      if (a.name == "varfile") read_string_list(a, config_.varfiles);
      else if (a.name == "exclude") read_string_list(a, config_.excludes);
      else error(a.name_range, fmt::format("unknown setting '{}' (expected rule, app, varfile or exclude)", a.name));
    }
    for (const ast::Block& b : body.blocks) {
      if (b.type == "rule") read_rule(b);
      else if (b.type == "app") read_app(b);
      else error(b.type_range, fmt::format("unknown block '{}' (expected rule or app)", b.type));
    }
  }

 private:
  void error(Range range, std::string message) {
    errors_.push_back({source_.path(), source_.position(range.begin), std::move(message)});
  }

  const ast::Block* single_label(const ast::Block& b) {
    if (b.labels.size() == 1) return &b;
    error(b.type_range, fmt::format("a {} block takes exactly one label: {} \"NAME\" {{ ... }}", b.type, b.type));
    return nullptr;
  }

  void no_nested_blocks(const ast::Block& b) {
    for (const ast::Block& nested : b.body->blocks)
      error(nested.type_range, fmt::format("unexpected block '{}' in {} \"{}\"", nested.type, b.type, b.labels[0].value));
  }

  void read_rule(const ast::Block& b) {
    if (!single_label(b)) return;
    RuleConfig& rule = config_.rules[std::string(b.labels[0].value)];
    rule.range = b.range;
    for (const ast::Attribute& a : b.body->attributes) {
      if (a.name == "enabled") {
        if (auto v = literal_bool(*a.value)) rule.enabled = *v;
        else error(a.value->range, "enabled must be true or false");
      } else if (a.name == "severity") {
        auto v = literal_string(*a.value);
        if (v && parse_severity(*v)) rule.severity = *v;
        else error(a.value->range, "severity must be \"error\", \"warning\" or \"notice\"");
      } else {
        error(a.name_range, fmt::format("unknown setting '{}' in rule (expected enabled or severity)", a.name));
      }
    }
    no_nested_blocks(b);
  }

  void read_app(const ast::Block& b) {
    if (!single_label(b)) return;
    AppConfig app;
    app.name = b.labels[0].value;
    for (const ast::Attribute& a : b.body->attributes) {
      if (a.name == "source") {
        if (auto v = literal_string(*a.value)) app.source = *v;
        else error(a.value->range, "source must be a string (a directory)");
      } else if (a.name == "containers") {
        read_string_list(a, app.containers);
      } else if (a.name == "language") {
        if (auto v = literal_string(*a.value)) app.language = *v;
        else error(a.value->range, "language must be a string");
      } else {
        error(a.name_range,
              fmt::format("unknown setting '{}' in app (expected source, containers or language)", a.name));
      }
    }
    if (app.source.empty()) error(b.type_range, fmt::format("app \"{}\" needs a source directory", app.name));
    no_nested_blocks(b);
    config_.apps.push_back(std::move(app));
  }

  void read_string_list(const ast::Attribute& a, std::vector<std::string>& out) {
    const auto* tuple = ast::as<ast::TupleExpr>(a.value);
    if (!tuple) {
      error(a.value->range, fmt::format("{} must be a list of strings", a.name));
      return;
    }
    for (const ast::Expr* item : tuple->items) {
      if (auto v = literal_string(*item)) out.push_back(*v);
      else error(item->range, fmt::format("{} must be a list of strings", a.name));
    }
  }

  static std::optional<bool> literal_bool(const ast::Expr& e) {
    const auto* lit = ast::as<ast::LiteralExpr>(&e);
    if (lit && lit->value.type == ast::LiteralType::Bool) return lit->value.boolean;
    return std::nullopt;
  }

  // A quoted string without interpolations.
  static std::optional<std::string> literal_string(const ast::Expr& e) {
    if (const auto* lit = ast::as<ast::LiteralExpr>(&e); lit && lit->value.type == ast::LiteralType::String)
      return std::string(lit->value.text);
    const auto* tmpl = ast::as<ast::TemplateExpr>(&e);
    if (!tmpl) return std::nullopt;
    std::string text;
    for (const ast::Expr* part : tmpl->parts) {
      const auto* lit = ast::as<ast::LiteralExpr>(part);
      if (!lit || lit->value.type != ast::LiteralType::String) return std::nullopt;
      text += lit->value.text;
    }
    return text;
  }

  const SourceFile& source_;
  Config& config_;
  std::vector<ConfigError>& errors_;
};

}  // namespace

Config load_config(const std::string& path, std::vector<ConfigError>& errors) {
  Config config;
  config.path = path;
  fs::path parent = fs::path(path).parent_path();
  config.directory = (parent.empty() ? fs::path(".") : parent).string();
  auto source = SourceFile::load(path, path);
  if (!source) {
    errors.push_back({path, {1, 1}, source.error()});
    return config;
  }
  auto parsed = grammar::parse_hcl(**source);
  for (const auto& e : parsed->errors)
    errors.push_back({path, (*source)->position(e.range.begin),
                      e.detail.empty() ? e.summary : fmt::format("{}: {}", e.summary, e.detail)});
  size_t first_schema_error = errors.size();
  if (parsed->body) ConfigReader(**source, config, errors).read_root(*parsed->body);
  std::stable_sort(errors.begin() + std::ptrdiff_t(first_schema_error), errors.end(), [](const auto& a, const auto& b) {
    return std::pair(a.position.line, a.position.column) < std::pair(b.position.line, b.position.column);
  });
  return config;
}

std::string find_config_file() {
  std::error_code ec;
  fs::path dir = fs::current_path(ec);
  if (ec) return {};
  while (true) {
    fs::path candidate = dir / ".ecslint.hcl";
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
    if (fs::exists(dir / ".git", ec) || !dir.has_parent_path() || dir.parent_path() == dir) return {};
    dir = dir.parent_path();
  }
}

}  // namespace ecslint
