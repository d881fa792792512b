// Entry points of the front ends and the parse result they share.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "grammar/ast.h"
#include "grammar/source.h"

namespace ecslint::grammar {

// A syntax error: "summary; detail" mirrors HashiCorp's diagnostics, and the
// range is where the reference parser puts its subject.
struct SyntaxError {
  Range range;
  std::string summary;
  std::string detail;
};

enum class Syntax : uint8_t {
  HclNative,  // .tf .hcl .tfvars
  HclJson,    // .tf.json .tfvars.json: JSON whose strings may be templates
  Json,       // task definitions and other plain JSON
  Template,   // files given to templatefile()
};

// Which front end reads a file, by name (task definitions are recognised by
// content later, in the analyzer).
Syntax syntax_for_path(std::string_view path);

struct Comment {
  Range range;  // the whole comment, markers included, without a trailing newline
};

// One file's parse. The arena owns every node; the source must outlive it.
struct ParsedFile {
  const SourceFile* source = nullptr;
  Syntax syntax = Syntax::HclNative;
  ast::Arena arena;
  ast::Body* body = nullptr;  // HclNative: the file body (present even with errors)
  ast::Expr* root = nullptr;  // HclJson / Json: the root value; Template: the template
  std::vector<Comment> comments;
  std::vector<SyntaxError> errors;  // in the order HashiCorp reports them (lexical first), bounded (kMaxErrors)

  bool ok() const { return errors.empty(); }
};

// Past this many errors in one file the parser stops reporting more.
inline constexpr size_t kMaxErrors = 50;
// Deeper nesting than this is a syntax error rather than a stack overflow.
inline constexpr int kMaxNesting = 100000;

std::unique_ptr<ParsedFile> parse_hcl(const SourceFile& source);
std::unique_ptr<ParsedFile> parse_json(const SourceFile& source, Syntax syntax = Syntax::Json);
std::unique_ptr<ParsedFile> parse_template(const SourceFile& source);
std::unique_ptr<ParsedFile> parse(const SourceFile& source, Syntax syntax);

// Parses `text` (a decoded .tf.json string) as a template into `arena`.
// Node ranges are `base` plus the offset in `text`: exact when the JSON
// string had no escapes before that point.
ast::Expr* parse_template_fragment(std::string_view text, uint32_t base, ast::Arena& arena,
                                   std::vector<SyntaxError>& errors);

// The S-expression dump that `hcloracle -dump [-ranges]` prints, so trees
// compare as text with HashiCorp's parser.
std::string dump_body(const ast::Body& body, const SourceFile& source, bool with_ranges);

}  // namespace ecslint::grammar
