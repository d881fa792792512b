#include "grammar/syntax.h"

namespace ecslint::grammar {

namespace {
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
}  // namespace

Syntax syntax_for_path(std::string_view path) {
  if (ends_with(path, ".tf.json") || ends_with(path, ".tfvars.json") || ends_with(path, ".hcl.json"))
    return Syntax::HclJson;
  if (ends_with(path, ".json")) return Syntax::Json;
  if (ends_with(path, ".tf") || ends_with(path, ".tfvars") || ends_with(path, ".hcl")) return Syntax::HclNative;
  return Syntax::Template;
}

std::unique_ptr<ParsedFile> parse(const SourceFile& source, Syntax syntax) {
  switch (syntax) {
    case Syntax::HclNative: return parse_hcl(source);
    case Syntax::HclJson:
    case Syntax::Json: return parse_json(source, syntax);
    case Syntax::Template: return parse_template(source);
  }
  return parse_hcl(source);
}

}  // namespace ecslint::grammar
