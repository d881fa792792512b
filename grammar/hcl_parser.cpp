// Placeholder until the HCL native parser lands.
#include "grammar/syntax.h"

namespace ecslint::grammar {

std::unique_ptr<ParsedFile> parse_hcl(const SourceFile& source) {
  auto file = std::make_unique<ParsedFile>();
  file->source = &source;
  file->body = file->arena.make<ast::Body>();
  return file;
}

std::unique_ptr<ParsedFile> parse_template(const SourceFile& source) {
  auto file = std::make_unique<ParsedFile>();
  file->source = &source;
  file->syntax = Syntax::Template;
  return file;
}

ast::Expr* parse_template_fragment(std::string_view, uint32_t, ast::Arena&, std::vector<SyntaxError>&) {
  return nullptr;
}

std::string dump_body(const ast::Body&, const SourceFile&, bool) { return "(body)"; }

}  // namespace ecslint::grammar
