#include "grammar/syntax.h"

namespace ecslint::grammar {

Syntax syntax_for_path(std::string_view path) {
  if (path.ends_with(".tf.json") || path.ends_with(".tfvars.json") || path.ends_with(".hcl.json"))
    return Syntax::HclJson;
  if (path.ends_with(".json")) return Syntax::Json;
  if (path.ends_with(".tf") || path.ends_with(".tfvars") || path.ends_with(".hcl")) return Syntax::HclNative;
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
