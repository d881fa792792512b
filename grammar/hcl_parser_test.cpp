// Parser tests. The expected dumps and diagnostics of the table-like tests
// below were produced by HashiCorp's parser (hcloracle, HCL v2.14.1), except
// where a comment says otherwise; positions are line:column as Terraform
// prints them.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/hcl_lexer.h"
#include "grammar/large_stack.h"
#include "grammar/syntax.h"

namespace ecslint::grammar {
namespace {

using namespace std::string_view_literals;

std::unique_ptr<ParsedFile> parse_text(const SourceFile& source) { return parse_hcl(source); }

// The S-expression dump (as `hcloracle -dump`), or the diagnostics if any.
std::string dump_of(std::string_view text, bool ranges = false) {
  SourceFile source("test.tf", text);
  auto file = parse_text(source);
  if (!file->ok()) {
    std::string out = "unexpected errors:";
    for (const auto& e : file->errors) out += "\n  " + e.summary + "; " + e.detail;
    return out;
  }
  return dump_body(*file->body, source, ranges);
}

// Every diagnostic as "line:col-line:col: Summary; Detail", in report order.
std::vector<std::string> errors_of(std::string_view text) {
  SourceFile source("test.tf", text);
  auto file = parse_text(source);
  std::vector<std::string> out;
  for (const auto& e : file->errors) {
    Position a = hcl::position(source, e.range.begin);
    Position b = hcl::position(source, e.range.end);
    std::string detail = e.detail;
    for (char& c : detail) {
      if (c == '\n') c = ' ';
    }
    out.push_back(std::to_string(a.line) + ":" + std::to_string(a.column) + "-" + std::to_string(b.line) + ":" +
                  std::to_string(b.column) + ": " + e.summary + "; " + detail);
  }
  return out;
}

// ------------------------------------------------------------------ valid inputs by spec section, then
// invalid inputs with every diagnostic (the first one at exactly the oracle's position).

TEST(HclParseStructure, empty_file) {
  EXPECT_EQ(dump_of(""sv),
              "(body)");
}

TEST(HclParseStructure, only_comments) {
  EXPECT_EQ(dump_of("# a\n// b\n/* c */\n"sv),
              "(body)");
}

TEST(HclParseStructure, attributes) {
  EXPECT_EQ(dump_of("a = 1\nb = \"x\"\n"sv),
              "(body\n"
              "  (attr \"a\" (lit #1))\n"
              "  (attr \"b\" (template (lit \"x\"))))");
}

TEST(HclParseStructure, attribute_at_eof_without_newline) {
  EXPECT_EQ(dump_of("a = 1"sv),
              "(body\n"
              "  (attr \"a\" (lit #1)))");
}

TEST(HclParseStructure, block_with_labels) {
  EXPECT_EQ(dump_of("resource \"aws_ecs_service\" \"web\" {\n  name = \"web\"\n}\n"sv),
              "(body\n"
              "  (block \"resource\" (\"aws_ecs_service\" \"web\") (body\n"
              "    (attr \"name\" (template (lit \"web\"))))))");
}

TEST(HclParseStructure, block_bare_labels) {
  EXPECT_EQ(dump_of("a b-c d {\n}\n"sv),
              "(body\n"
              "  (block \"a\" (\"b-c\" \"d\") (body)))");
}

TEST(HclParseStructure, nested_blocks) {
  EXPECT_EQ(dump_of("a {\n  b {\n    c = 1\n  }\n  b {\n  }\n}\n"sv),
              "(body\n"
              "  (block \"a\" () (body\n"
              "    (block \"b\" () (body\n"
              "      (attr \"c\" (lit #1))))\n"
              "    (block \"b\" () (body)))))");
}

TEST(HclParseStructure, oneline_block) {
  EXPECT_EQ(dump_of("a { b = 1 }\n"sv),
              "(body\n"
              "  (block \"a\" () (body\n"
              "    (attr \"b\" (lit #1)))))");
}

TEST(HclParseStructure, oneline_block_empty) {
  EXPECT_EQ(dump_of("a \"x\" {}\n"sv),
              "(body\n"
              "  (block \"a\" (\"x\") (body)))");
}

TEST(HclParseStructure, attr_and_block_same_name) {
  EXPECT_EQ(dump_of("a = 1\na {\n}\n"sv),
              "(body\n"
              "  (attr \"a\" (lit #1))\n"
              "  (block \"a\" () (body)))");
}

TEST(HclParseStructure, reserved_words_as_names) {
  EXPECT_EQ(dump_of("for = 1\nif = 2\nin = 3\ntrue = 4\n"sv),
              "(body\n"
              "  (attr \"for\" (lit #1))\n"
              "  (attr \"if\" (lit #2))\n"
              "  (attr \"in\" (lit #3))\n"
              "  (attr \"true\" (lit #4)))");
}

TEST(HclParseStructure, unicode_identifier) {
  EXPECT_EQ(dump_of("h\xc3\xa9llo = 1\n"sv),
              "(body\n"
              "  (attr \"h\xc3\xa9llo\" (lit #1)))");
}

TEST(HclParseStructure, label_escapes) {
  EXPECT_EQ(dump_of("a \"x\\ty\" {\n}\n"sv),
              "(body\n"
              "  (block \"a\" (\"x\\ty\") (body)))");
}

TEST(HclParseLiterals, numbers) {
  EXPECT_EQ(dump_of("a = 1\nb = 1.5\nc = 1e3\nd = 1000000\ne = 0.00001\nf = 007\ng = 12.50E-1\n"sv),
              "(body\n"
              "  (attr \"a\" (lit #1))\n"
              "  (attr \"b\" (lit #1.5))\n"
              "  (attr \"c\" (lit #1000))\n"
              "  (attr \"d\" (lit #1e+06))\n"
              "  (attr \"e\" (lit #1e-05))\n"
              "  (attr \"f\" (lit #7))\n"
              "  (attr \"g\" (lit #1.25)))");
}

TEST(HclParseLiterals, bool_null) {
  EXPECT_EQ(dump_of("a = true\nb = false\nc = null\n"sv),
              "(body\n"
              "  (attr \"a\" (lit true))\n"
              "  (attr \"b\" (lit false))\n"
              "  (attr \"c\" (lit null)))");
}

TEST(HclParseTemplates, string_escapes) {
  EXPECT_EQ(dump_of("a = \"\\n\\r\\t\\\"\\\\\\u00e9\\U0001F600\"\n"sv),
              "(body\n"
              "  (attr \"a\" (template (lit \"\\n\\r\\t\\\"\\\\\xc3\xa9\xf0\x9f\x98\x80\"))))");
}

TEST(HclParseTemplates, string_dollar_literal) {
  EXPECT_EQ(dump_of("a = \"100% $x $$ $${y} %%{z}\"\n"sv),
              "(body\n"
              "  (attr \"a\" (template (lit \"100% $x $$ ${y} %{z}\"))))");
}

TEST(HclParseTemplates, interpolation) {
  EXPECT_EQ(dump_of("a = \"x ${b} y\"\n"sv),
              "(body\n"
              "  (attr \"a\" (template (lit \"x \") (trav b) (lit \" y\"))))");
}

TEST(HclParseTemplates, template_wrap) {
  EXPECT_EQ(dump_of("a = \"${b}\"\n"sv),
              "(body\n"
              "  (attr \"a\" (wrap (trav b))))");
}

TEST(HclParseTemplates, strip_markers) {
  EXPECT_EQ(dump_of("a = \"x ${~ b ~} y\"\n"sv),
              "(body\n"
              "  (attr \"a\" (template (lit \"x\") (trav b) (lit \"y\"))))");
}

TEST(HclParseTemplates, strip_only_interp) {
  EXPECT_EQ(dump_of("a = \" ${~b}\"\n"sv),
              "(body\n"
              "  (attr \"a\" (template (lit \"\") (trav b))))");
}

TEST(HclParseTemplates, if_directive) {
  EXPECT_EQ(dump_of("a = \"%{if c}yes%{else}no%{endif}\"\n"sv),
              "(body\n"
              "  (attr \"a\" (template (cond (trav c) (template (lit \"yes\")) (template (lit \"no\"))))))");
}

TEST(HclParseTemplates, if_without_else) {
  EXPECT_EQ(dump_of("a = \"%{ if c }yes%{ endif }\"\n"sv),
              "(body\n"
              "  (attr \"a\" (template (cond (trav c) (template (lit \"yes\")) (template (lit \"\"))))))");
}

TEST(HclParseTemplates, for_directive) {
  EXPECT_EQ(dump_of("a = \"%{for k, v in m}${k}=${v};%{endfor}\"\n"sv),
              "(body\n"
              "  (attr \"a\" (template (join (for \"k\" \"v\" (trav m) nil (template (trav k) (lit \"=\") (trav v) (lit \";\")) nil)))))");
}

TEST(HclParseTemplates, nested_quotes) {
  EXPECT_EQ(dump_of("a = \"${ \"inner ${b}\" }\"\n"sv),
              "(body\n"
              "  (attr \"a\" (wrap (template (lit \"inner \") (trav b)))))");
}

TEST(HclParseTemplates, brace_in_interp) {
  EXPECT_EQ(dump_of("a = \"${ {x=1}.x }\"\n"sv),
              "(body\n"
              "  (attr \"a\" (wrap (reltrav (object (item (key (trav x)) (lit #1))) .x))))");
}

TEST(HclParseTemplates, newline_in_interp) {
  EXPECT_EQ(dump_of("a = \"${\n  b\n}\"\n"sv),
              "(body\n"
              "  (attr \"a\" (wrap (trav b))))");
}

TEST(HclParseTemplates, empty_string) {
  EXPECT_EQ(dump_of("a = \"\"\n"sv),
              "(body\n"
              "  (attr \"a\" (template (lit \"\"))))");
}

TEST(HclParseHeredocs, heredoc) {
  EXPECT_EQ(dump_of("a = <<EOT\nhello\n  ${b}\nEOT\n"sv),
              "(body\n"
              "  (attr \"a\" (template (lit \"hello\\n  \") (trav b) (lit \"\\n\"))))");
}

TEST(HclParseHeredocs, heredoc_empty) {
  EXPECT_EQ(dump_of("a = <<EOT\nEOT\n"sv),
              "(body\n"
              "  (attr \"a\" (template (lit \"\"))))");
}

TEST(HclParseHeredocs, heredoc_indented_marker) {
  EXPECT_EQ(dump_of("a = <<EOT\nx\n   EOT\n"sv),
              "(body\n"
              "  (attr \"a\" (template (lit \"x\\n\"))))");
}

TEST(HclParseHeredocs, heredoc_flush) {
  EXPECT_EQ(dump_of("a = <<-EOT\n    x\n      y\n    EOT\n"sv),
              "(body\n"
              "  (attr \"a\" (template (lit \"x\\n  y\\n\"))))");
}

TEST(HclParseHeredocs, heredoc_flush_blank_lines) {
  EXPECT_EQ(dump_of("a = <<-EOT\n    x\n\n      y\n  EOT\n"sv),
              "(body\n"
              "  (attr \"a\" (template (lit \"x\\n\\n  y\\n\"))))");
}

TEST(HclParseHeredocs, heredoc_flush_interp_at_column_0) {
  EXPECT_EQ(dump_of("a = <<-EOT\n    x\n${y}\n    EOT\n"sv),
              "(body\n"
              "  (attr \"a\" (template (lit \"    x\\n\") (trav y) (lit \"\\n\"))))");
}

TEST(HclParseHeredocs, heredoc_flush_after_strip) {
  EXPECT_EQ(dump_of("a = <<-EOT\n    %{ for n in l ~}\n    name=${n}\n    %{ endfor ~}\n  EOT\n"sv),
              "(body\n"
              "  (attr \"a\" (template (lit \"\") (join (for \"\" \"n\" (trav l) nil (template (lit \"    name=\") (trav n) (lit \"\\n\")) nil)) (lit \"\"))))");
}

TEST(HclParseHeredocs, heredoc_flush_tabs) {
  EXPECT_EQ(dump_of("a = <<-EOT\n\t\tx\n\ty\n\tEOT\n"sv),
              "(body\n"
              "  (attr \"a\" (template (lit \"\\tx\\ny\\n\"))))");
}

TEST(HclParseHeredocs, heredoc_backslash_is_literal) {
  EXPECT_EQ(dump_of("a = <<EOT\nC:\\path \\n\nEOT\n"sv),
              "(body\n"
              "  (attr \"a\" (template (lit \"C:\\\\path \\\\n\\n\"))))");
}

TEST(HclParseHeredocs, heredoc_crlf) {
  EXPECT_EQ(dump_of("a = <<EOT\r\nfoo\r\nEOT\r\n"sv),
              "(body\n"
              "  (attr \"a\" (template (lit \"foo\\r\\n\"))))");
}

// Escapes split literal text into pieces that are joined into one literal
// (ranges from hcloracle -dump -ranges).
TEST(HclParseHeredocs, heredoc_escapes_join_into_one_literal) {
  EXPECT_EQ(dump_of("a = <<-EOT\n    {\"x\": \"$${y}\", \"z\": %%{w}}\n    $${q}\n    EOT\nb = \"p$${q}r%%{s}t\"\n"sv, true),
            "(body@1:1-6:1\n"
            "  (attr \"a\"@1:1-4:8 (template@1:5-4:8 (lit@2:5-4:1 \"{\\\"x\\\": \\\"${y}\\\", \\\"z\\\": %{w}}\\n${q}\\n\")))\n"
            "  (attr \"b\"@5:1-5:20 (template@5:5-5:20 (lit@5:6-5:19 \"p${q}r%{s}t\"))))");
}

// A heredoc of JSON with an escape on every line (ECS container definitions
// for templatefile) is thousands of pieces: one literal, its text intact.
TEST(HclParseHeredocs, heredoc_with_an_escape_on_every_line) {
  std::string text = "a = <<-EOT\n", expected;
  for (int i = 0; i < 2000; ++i) {
    text += "    \"k" + std::to_string(i) + "\": \"$${v" + std::to_string(i) + "}\",\n";
    expected += "\\\"k" + std::to_string(i) + "\\\": \\\"${v" + std::to_string(i) + "}\\\",\\n";
  }
  text += "    EOT\n";
  EXPECT_EQ(dump_of(text), "(body\n  (attr \"a\" (template (lit \"" + expected + "\"))))");
}

TEST(HclParseHeredocs, heredoc_in_call) {
  EXPECT_EQ(dump_of("a = f(<<EOT\nx\nEOT\n)\n"sv),
              "(body\n"
              "  (attr \"a\" (call f (template (lit \"x\\n\")))))");
}

TEST(HclParseHeredocs, heredoc_marker_in_text) {
  EXPECT_EQ(dump_of("a = <<EOT\n  NOT EOT\nEOT\n"sv),
              "(body\n"
              "  (attr \"a\" (template (lit \"  NOT EOT\\n\"))))");
}

TEST(HclParseHeredocs, two_heredocs_in_tuple) {
  EXPECT_EQ(dump_of("a = [<<A\nx\nA\n, <<B\ny\nB\n]\n"sv),
              "(body\n"
              "  (attr \"a\" (tuple (template (lit \"x\\n\")) (template (lit \"y\\n\")))))");
}

TEST(HclParseNewlines, comment_ends_attribute) {
  EXPECT_EQ(dump_of("a = 1 # c\nb = 2 // d\nc = 3 /* e */\n"sv),
              "(body\n"
              "  (attr \"a\" (lit #1))\n"
              "  (attr \"b\" (lit #2))\n"
              "  (attr \"c\" (lit #3)))");
}

TEST(HclParseNewlines, newlines_in_parens) {
  EXPECT_EQ(dump_of("a = (1 +\n 2)\n"sv),
              "(body\n"
              "  (attr \"a\" (paren (binop + (lit #1) (lit #2)))))");
}

TEST(HclParseNewlines, newlines_in_brackets) {
  EXPECT_EQ(dump_of("a = [\n  1,\n  2,\n]\nb = c[\n 0\n]\n"sv),
              "(body\n"
              "  (attr \"a\" (tuple (lit #1) (lit #2)))\n"
              "  (attr \"b\" (trav c [#0])))");
}

TEST(HclParseNewlines, newlines_in_call) {
  EXPECT_EQ(dump_of("a = f(\n  1,\n  2\n)\n"sv),
              "(body\n"
              "  (attr \"a\" (call f (lit #1) (lit #2))))");
}

TEST(HclParseNewlines, object_newline_separators) {
  EXPECT_EQ(dump_of("a = {\n  b = 1\n  c = 2, d = 3\n}\n"sv),
              "(body\n"
              "  (attr \"a\" (object (item (key (trav b)) (lit #1)) (item (key (trav c)) (lit #2)) (item (key (trav d)) (lit #3)))))");
}

TEST(HclParseNewlines, object_colon_and_keys) {
  EXPECT_EQ(dump_of("a = {b: 1, \"c\" = 2, (d) = 3, e.f = 4}\n"sv),
              "(body\n"
              "  (attr \"a\" (object (item (key (trav b)) (lit #1)) (item (key (template (lit \"c\"))) (lit #2)) (item (key nonlit (paren (trav d))) (lit #3)) (item (key (trav e .f)) (lit #4)))))");
}

TEST(HclParseNewlines, for_multiline) {
  EXPECT_EQ(dump_of("a = [\n  for v in l :\n  v\n  if v\n]\n"sv),
              "(body\n"
              "  (attr \"a\" (for \"\" \"v\" (trav l) nil (trav v) (trav v))))");
}

TEST(HclParseNewlines, crlf_file) {
  EXPECT_EQ(dump_of("a = 1\r\nb {\r\n  c = 2\r\n}\r\n"sv),
              "(body\n"
              "  (attr \"a\" (lit #1))\n"
              "  (block \"b\" () (body\n"
              "    (attr \"c\" (lit #2)))))");
}

TEST(HclParseNewlines, bom) {
  EXPECT_EQ(dump_of("\xef\xbb\xbf" "a = 1\n"sv),
              "(body\n"
              "  (attr \"a\" (lit #1)))");
}

TEST(HclParseNewlines, tabs_are_spaces) {
  EXPECT_EQ(dump_of("a\t=\t1\n"sv),
              "(body\n"
              "  (attr \"a\" (lit #1)))");
}

TEST(HclParseOperators, precedence) {
  EXPECT_EQ(dump_of("a = 1 + 2 * 3 - 4 / 5 % 6\n"sv),
              "(body\n"
              "  (attr \"a\" (binop - (binop + (lit #1) (binop * (lit #2) (lit #3))) (binop % (binop / (lit #4) (lit #5)) (lit #6)))))");
}

TEST(HclParseOperators, comparison_and_logic) {
  EXPECT_EQ(dump_of("a = b == c || d != e && f < g\n"sv),
              "(body\n"
              "  (attr \"a\" (binop || (binop == (trav b) (trav c)) (binop && (binop != (trav d) (trav e)) (binop < (trav f) (trav g))))))");
}

TEST(HclParseOperators, left_associative) {
  EXPECT_EQ(dump_of("a = 1 - 2 - 3\n"sv),
              "(body\n"
              "  (attr \"a\" (binop - (binop - (lit #1) (lit #2)) (lit #3))))");
}

TEST(HclParseOperators, unary) {
  EXPECT_EQ(dump_of("a = -b.c + 1\nb = !c == d\nc = - -1\nd = !!e\ne = -f(1)[0]\n"sv),
              "(body\n"
              "  (attr \"a\" (binop + (unop neg (trav b .c)) (lit #1)))\n"
              "  (attr \"b\" (binop == (unop ! (trav c)) (trav d)))\n"
              "  (attr \"c\" (unop neg (unop neg (lit #1))))\n"
              "  (attr \"d\" (unop ! (unop ! (trav e))))\n"
              "  (attr \"e\" (unop neg (reltrav (call f (lit #1)) [#0]))))");
}

TEST(HclParseOperators, conditional) {
  EXPECT_EQ(dump_of("a = b ? c : d ? e : f\nb = c ? d ? 1 : 2 : 3\n"sv),
              "(body\n"
              "  (attr \"a\" (cond (trav b) (trav c) (cond (trav d) (trav e) (trav f))))\n"
              "  (attr \"b\" (cond (trav c) (cond (trav d) (lit #1) (lit #2)) (lit #3))))");
}

TEST(HclParseOperators, parentheses) {
  EXPECT_EQ(dump_of("a = (1 + 2) * 3\n"sv),
              "(body\n"
              "  (attr \"a\" (binop * (paren (binop + (lit #1) (lit #2))) (lit #3))))");
}

TEST(HclParseTraversals, traversal) {
  EXPECT_EQ(dump_of("a = b.c[0][\"d\"].e\n"sv),
              "(body\n"
              "  (attr \"a\" (trav b .c [#0] [\"d\"] .e)))");
}

TEST(HclParseTraversals, index_expression) {
  EXPECT_EQ(dump_of("a = b[c]\nb = c[\"${d}\"]\n"sv),
              "(body\n"
              "  (attr \"a\" (index (trav b) (trav c)))\n"
              "  (attr \"b\" (index (trav c) (wrap (trav d)))))");
}

TEST(HclParseTraversals, legacy_index) {
  EXPECT_EQ(dump_of("a = b.0.c.1\n"sv),
              "(body\n"
              "  (attr \"a\" (trav b [#0] .c [#1])))");
}

TEST(HclParseTraversals, attribute_splat) {
  EXPECT_EQ(dump_of("a = b.*.c.d\nb = c.*.d[0]\nc = d.*.e.0.f\n"sv),
              "(body\n"
              "  (attr \"a\" (splat (trav b) (reltrav (anon) .c .d)))\n"
              "  (attr \"b\" (reltrav (splat (trav c) (reltrav (anon) .d)) [#0]))\n"
              "  (attr \"c\" (splat (trav d) (reltrav (anon) .e [#0] .f))))");
}

TEST(HclParseTraversals, full_splat) {
  EXPECT_EQ(dump_of("a = b[*].c[0]\nb = c[*].d[*].e\nc = d[*]\n"sv),
              "(body\n"
              "  (attr \"a\" (splat (trav b) (reltrav (anon) .c [#0])))\n"
              "  (attr \"b\" (splat (trav c) (splat (reltrav (anon) .d) (reltrav (anon) .e))))\n"
              "  (attr \"c\" (splat (trav d) (anon))))");
}

TEST(HclParseTraversals, relative_traversal) {
  EXPECT_EQ(dump_of("a = f(1).b[0]\nb = [1][0]\nc = \"x\"[0]\n"sv),
              "(body\n"
              "  (attr \"a\" (reltrav (call f (lit #1)) .b [#0]))\n"
              "  (attr \"b\" (reltrav (tuple (lit #1)) [#0]))\n"
              "  (attr \"c\" (reltrav (template (lit \"x\")) [#0])))");
}

TEST(HclParseTraversals, keywords_after_dot) {
  EXPECT_EQ(dump_of("a = b.true.null.for\n"sv),
              "(body\n"
              "  (attr \"a\" (trav b .true .null .for)))");
}

// A name followed by `.attribute`s and a token that ends the expression is
// built without the general path. Inside brackets a newline is skipped, so
// `[E\n]` takes the general path to the tree `[E]` gets directly: the two
// must agree, ranges included, for forms on both sides of the boundary.
TEST(HclParseTraversals, attribute_only_traversals_built_directly) {
  EXPECT_EQ(dump_of("x = b.c.d\ny = f(a.b, c.d)\nz = true.a\nw = null.a.b\n"sv),
            "(body\n"
            "  (attr \"x\" (trav b .c .d))\n"
            "  (attr \"y\" (call f (trav a .b) (trav c .d)))\n"
            "  (attr \"z\" (reltrav (lit true) .a))\n"
            "  (attr \"w\" (reltrav (lit null) .a .b)))");
  for (std::string_view e : {"b.c", "b.c.d.e.f", "true.a", "false.a.b", "null.a", "b.c.0", "b.c[0]", "b.c.*.d",
                             "b.c[*]", "b.c + 1", "b.c ? d.e : f.g", "b.c == d.e", "f(b.c.d)", "f(b.c...)",
                             "{k = b.c}", "{b.c = d.e}", "[for v in b.c : v.d]"}) {
    // The tuple's element with its ranges (the tuple's own range differs).
    auto element = [](const std::string& dump) {
      size_t start = dump.find(' ', dump.find("(tuple@")) + 1;
      return dump.substr(start, dump.size() - start - 3);
    };
    std::string direct = dump_of("x = [" + std::string(e) + "]\n", true);
    ASSERT_EQ(direct.find("unexpected errors"), std::string::npos) << e << ": " << direct;
    EXPECT_EQ(element(direct), element(dump_of("x = [" + std::string(e) + "\n]\n", true))) << e;
  }
  // The dump leaves out the steps' own ranges: a step runs from its dot.
  SourceFile source("test.tf", "x = aws_iam_role.task.arn\n"sv);
  auto file = parse_text(source);
  ASSERT_TRUE(file->ok());
  const auto* trav = ast::as<ast::ScopeTraversalExpr>(file->body->attributes[0].value);
  ASSERT_NE(trav, nullptr);
  ASSERT_EQ(trav->steps.size(), 3u);
  std::vector<std::pair<uint32_t, uint32_t>> ranges;
  for (const ast::TraversalStep& step : trav->steps) ranges.emplace_back(step.range.begin, step.range.end);
  EXPECT_EQ(ranges, (std::vector<std::pair<uint32_t, uint32_t>>{{4, 16}, {16, 21}, {21, 25}}));
}

TEST(HclParseCalls, function_calls) {
  EXPECT_EQ(dump_of("a = f()\nb = f(1, 2,)\nc = f(1, [2]...)\n"sv),
              "(body\n"
              "  (attr \"a\" (call f))\n"
              "  (attr \"b\" (call f (lit #1) (lit #2)))\n"
              "  (attr \"c\" (call f ... (lit #1) (tuple (lit #2)))))");
}

TEST(HclParseCalls, namespaced_function) {
  EXPECT_EQ(dump_of("a = provider::aws::arn_parse(\"x\")\n"sv),
              "(body\n"
              "  (attr \"a\" (call provider::aws::arn_parse (template (lit \"x\")))))");
}

TEST(HclParseCollections, tuples) {
  EXPECT_EQ(dump_of("a = []\nb = [1, \"two\", [3]]\n"sv),
              "(body\n"
              "  (attr \"a\" (tuple))\n"
              "  (attr \"b\" (tuple (lit #1) (template (lit \"two\")) (tuple (lit #3)))))");
}

TEST(HclParseCollections, objects) {
  EXPECT_EQ(dump_of("a = {}\nb = {c = 1}\n"sv),
              "(body\n"
              "  (attr \"a\" (object))\n"
              "  (attr \"b\" (object (item (key (trav c)) (lit #1)))))");
}

TEST(HclParseCollections, for_tuple) {
  EXPECT_EQ(dump_of("a = [for v in l : v * 2 if v > 1]\n"sv),
              "(body\n"
              "  (attr \"a\" (for \"\" \"v\" (trav l) nil (binop * (trav v) (lit #2)) (binop > (trav v) (lit #1)))))");
}

TEST(HclParseCollections, for_object) {
  EXPECT_EQ(dump_of("a = {for k, v in m : k => v...}\n"sv),
              "(body\n"
              "  (attr \"a\" (for \"k\" \"v\" (trav m) (trav k) (trav v) group nil)))");
}

TEST(HclParseCollections, for_object_if) {
  EXPECT_EQ(dump_of("a = {for k, v in m : v => k if k != \"\"}\n"sv),
              "(body\n"
              "  (attr \"a\" (for \"k\" \"v\" (trav m) (trav v) (trav k) (binop != (trav k) (template (lit \"\"))))))");
}

TEST(HclParseError, missing_newline_after_argument) {
  EXPECT_EQ(errors_of("a = 1 b = 2\n"sv),
            (std::vector<std::string>{
                {"1:7-1:8: Missing newline after argument; An argument definition must end with a newline."},
            }));
}

TEST(HclParseError, comma_after_argument) {
  EXPECT_EQ(errors_of("a = 1, b = 2\n"sv),
            (std::vector<std::string>{
                {"1:6-1:7: Unexpected comma after argument; Argument definitions must be separated by newlines, not commas. An argument definition must end with a newline."},
            }));
}

TEST(HclParseError, block_comment_is_not_newline) {
  EXPECT_EQ(errors_of("a = 1 /*\n*/ b = 2\n"sv),
            (std::vector<std::string>{
                {"2:4-2:5: Missing newline after argument; An argument definition must end with a newline."},
            }));
}

TEST(HclParseError, invalid_expression) {
  EXPECT_EQ(errors_of("a = \n"sv),
            (std::vector<std::string>{
                {"1:5-2:1: Invalid expression; Expected the start of an expression, but found an invalid expression token."},
            }));
}

TEST(HclParseError, missing_expression_at_eof) {
  EXPECT_EQ(errors_of("a ="sv),
            (std::vector<std::string>{
                {"1:4-1:4: Missing expression; Expected the start of an expression, but found the end of the file."},
            }));
}

TEST(HclParseError, bare_multiline_operator) {
  EXPECT_EQ(errors_of("a = 1 +\n 2\n"sv),
            (std::vector<std::string>{
                {"1:8-2:1: Invalid expression; Expected the start of an expression, but found an invalid expression token."},
            }));
}

TEST(HclParseError, unclosed_block) {
  EXPECT_EQ(errors_of("a {\n  b = 1\n"sv),
            (std::vector<std::string>{
                {"1:3-1:4: Unclosed configuration block; There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file."},
            }));
}

TEST(HclParseError, block_brace_on_next_line) {
  EXPECT_EQ(errors_of("a\n{\n}\n"sv),
            (std::vector<std::string>{
                {"1:1-1:2: Argument or block definition required; An argument or block definition is required here. To set an argument, use the equals sign \"=\" to introduce the argument value."},
            }));
}

TEST(HclParseError, block_close_on_attribute_line) {
  EXPECT_EQ(errors_of("a {\n  b = 1 }\n"sv),
            (std::vector<std::string>{
                {"2:9-2:10: Missing newline after argument; An argument definition must end with a newline."},
            }));
}

TEST(HclParseError, block_after_close) {
  EXPECT_EQ(errors_of("a {\n} b {\n}\n"sv),
            (std::vector<std::string>{
                {"2:3-2:4: Missing newline after block definition; A block definition must end with a newline."},
            }));
}

TEST(HclParseError, oneline_block_two_attributes) {
  EXPECT_EQ(errors_of("a { b = 1, c = 2 }\n"sv),
            (std::vector<std::string>{
                {"1:10-1:11: Invalid single-argument block definition; Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line."},
            }));
}

TEST(HclParseError, oneline_block_nested_block) {
  EXPECT_EQ(errors_of("a { b {} }\n"sv),
            (std::vector<std::string>{
                {"1:5-1:8: Argument definition required; A single-line block definition can contain only a single argument. If you meant to define argument \"b\", use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block."},
            }));
}

TEST(HclParseError, oneline_block_not_closed) {
  EXPECT_EQ(errors_of("a { b = 1\n}\n"sv),
            (std::vector<std::string>{
                {"1:10-2:1: Invalid single-argument block definition; An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition."},
            }));
}

TEST(HclParseError, oneline_block_unclosed_at_eof) {
  EXPECT_EQ(errors_of("a { b = 1"sv),
            (std::vector<std::string>{
                {"1:3-1:4: Unclosed configuration block; There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file."},
            }));
}

TEST(HclParseError, equals_in_block_header) {
  EXPECT_EQ(errors_of("a = {\n}\nb \"x\" = {\n}\n"sv),
            (std::vector<std::string>{
                {"3:7-3:8: Invalid block definition; The equals sign \"=\" indicates an argument definition, and must not be used when defining a block."},
            }));
}

TEST(HclParseError, quoted_argument_name) {
  EXPECT_EQ(errors_of("\"a\" = 1\n"sv),
            (std::vector<std::string>{
                {"1:1-1:2: Invalid argument name; Argument names must not be quoted."},
            }));
}

TEST(HclParseError, label_with_interpolation) {
  EXPECT_EQ(errors_of("a \"${b}\" {\n}\n"sv),
            (std::vector<std::string>{
                {"1:4-1:6: Invalid string literal; Template sequences are not allowed in this string. To include a literal \"$\", double it (as \"$$\") to escape it."},
            }));
}

TEST(HclParseError, multiline_string) {
  EXPECT_EQ(errors_of("a = \"x\ny\"\n"sv),
            (std::vector<std::string>{
                {"1:7-2:1: Invalid multi-line string; Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the \"heredoc\" multi-line template syntax."},
                {"1:7-2:1: Unterminated template string; No closing marker was found for the string."},
            }));
}

TEST(HclParseError, unterminated_string) {
  EXPECT_EQ(errors_of("a = \"abc"sv),
            (std::vector<std::string>{
                {"1:9-1:9: Unterminated template string; No closing marker was found for the string."},
            }));
}

TEST(HclParseError, invalid_escape) {
  EXPECT_EQ(errors_of("a = \"x\\qy\"\n"sv),
            (std::vector<std::string>{
                {"1:7-1:9: Invalid escape sequence; The symbol \"q\" is not a valid escape sequence selector."},
            }));
}

TEST(HclParseError, short_unicode_escape) {
  EXPECT_EQ(errors_of("a = \"\\u12\"\n"sv),
            (std::vector<std::string>{
                {"1:6-1:10: Invalid escape sequence; The \\u escape sequence must be followed by four hexadecimal digits."},
            }));
}

TEST(HclParseError, unencodable_escape) {
  EXPECT_EQ(errors_of("a = \"\\UFFFFFFFF\"\n"sv),
            (std::vector<std::string>{
                {"1:6-1:16: Invalid escape sequence; Cannot encode character U+ffffffff in UTF-8."},
            }));
}

TEST(HclParseError, invalid_character) {
  EXPECT_EQ(errors_of("a = @\n"sv),
            (std::vector<std::string>{
                {"1:5-1:6: Invalid character; This character is not used within the language."},
                {"1:5-1:6: Invalid expression; Expected the start of an expression, but found an invalid expression token."},
            }));
}

TEST(HclParseError, curly_quotes) {
  EXPECT_EQ(errors_of("a = \xe2\x80\x9cx\xe2\x80\x9d\n"sv),
            (std::vector<std::string>{
                {"1:5-1:6: Invalid character; \"Curly quotes\" are not valid here. These can sometimes be inadvertently introduced when sharing code via documents or discussion forums. It might help to replace the character with a \"straight quote\"."},
                {"1:7-1:8: Invalid character; \"Curly quotes\" are not valid here. These can sometimes be inadvertently introduced when sharing code via documents or discussion forums. It might help to replace the character with a \"straight quote\"."},
                {"1:5-1:6: Invalid expression; Expected the start of an expression, but found an invalid expression token."},
            }));
}

TEST(HclParseError, single_quotes) {
  EXPECT_EQ(errors_of("a = 'x'\n"sv),
            (std::vector<std::string>{
                {"1:5-1:6: Invalid character; Single quotes are not valid. Use double quotes (\") to enclose strings."},
                {"1:5-1:6: Invalid expression; Expected the start of an expression, but found an invalid expression token."},
            }));
}

TEST(HclParseError, semicolon) {
  EXPECT_EQ(errors_of("a = 1;\n"sv),
            (std::vector<std::string>{
                {"1:6-1:7: Invalid character; The \";\" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values."},
                {"1:6-1:7: Missing newline after argument; An argument definition must end with a newline."},
            }));
}

TEST(HclParseError, bitwise_operators) {
  EXPECT_EQ(errors_of("a = b & c | d ^ e\n"sv),
            (std::vector<std::string>{
                {"1:7-1:8: Unsupported operator; Bitwise operators are not supported. Did you mean boolean AND (\"&&\")?"},
                {"1:11-1:12: Unsupported operator; Bitwise operators are not supported. Did you mean boolean OR (\"||\")?"},
                {"1:15-1:16: Unsupported operator; Bitwise operators are not supported."},
                {"1:7-1:8: Missing newline after argument; An argument definition must end with a newline."},
            }));
}

TEST(HclParseError, backtick) {
  EXPECT_EQ(errors_of("a = `x`\n"sv),
            (std::vector<std::string>{
                {"1:5-1:6: Invalid character; The \"`\" character is not valid. To create a multi-line string, use the \"heredoc\" syntax, like \"<<EOT\"."},
                {"1:5-1:6: Invalid expression; Expected the start of an expression, but found an invalid expression token."},
            }));
}

TEST(HclParseError, star_star) {
  EXPECT_EQ(errors_of("a = 2 ** 3\n"sv),
            (std::vector<std::string>{
                {"1:8-1:9: Invalid expression; Expected the start of an expression, but found an invalid expression token."},
            }));
}

TEST(HclParseError, attribute_redefined) {
  EXPECT_EQ(errors_of("a = 1\nb = 2\na = 3\n"sv),
            (std::vector<std::string>{
                {"3:1-3:2: Attribute redefined; The argument \"a\" was already set at test.tf:1,1-2. Each argument may be set only once."},
            }));
}

TEST(HclParseError, invalid_number) {
  EXPECT_EQ(errors_of("a = 1.2.3\n"sv),
            (std::vector<std::string>{
                {"1:5-1:10: Invalid number literal; Failed to recognize the value of this number literal."},
            }));
}

TEST(HclParseError, legacy_index_chain) {
  EXPECT_EQ(errors_of("a = b.0.1.c\n"sv),
            (std::vector<std::string>{
                {"1:7-1:10: Invalid legacy index syntax; When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax instead, like [0][1]."},
            }));
}

TEST(HclParseError, nested_splat) {
  EXPECT_EQ(errors_of("a = b.*.*\n"sv),
            (std::vector<std::string>{
                {"1:9-1:10: Nested splat expression not allowed; A splat expression (*) cannot be used inside another attribute-only splat expression."},
            }));
}

TEST(HclParseError, attribute_name_after_dot) {
  EXPECT_EQ(errors_of("a = b.\"c\"\n"sv),
            (std::vector<std::string>{
                {"1:7-1:8: Invalid attribute name; An attribute name is required after a dot."},
            }));
}

TEST(HclParseError, missing_close_bracket) {
  EXPECT_EQ(errors_of("a = b[1 2]\n"sv),
            (std::vector<std::string>{
                {"1:10-1:11: Missing close bracket on index; The index operator must end with a closing bracket (\"]\")."},
            }));
}

TEST(HclParseError, missing_close_paren) {
  EXPECT_EQ(errors_of("a = (1 2)\n"sv),
            (std::vector<std::string>{
                {"1:8-1:9: Unbalanced parentheses; Expected a closing parenthesis to terminate the expression."},
            }));
}

TEST(HclParseError, missing_item_separator) {
  EXPECT_EQ(errors_of("a = [1\n2]\n"sv),
            (std::vector<std::string>{
                {"2:1-2:2: Missing item separator; Expected a comma to mark the beginning of the next item."},
            }));
}

TEST(HclParseError, tuple_only_comma) {
  EXPECT_EQ(errors_of("a = [,]\n"sv),
            (std::vector<std::string>{
                {"1:6-1:7: Invalid expression; Expected the start of an expression, but found an invalid expression token."},
            }));
}

TEST(HclParseError, ellipsis_in_tuple) {
  EXPECT_EQ(errors_of("a = [b...]\n"sv),
            (std::vector<std::string>{
                {"1:7-1:10: Missing item separator; Expected a comma to mark the beginning of the next item."},
            }));
}

TEST(HclParseError, object_missing_separator) {
  EXPECT_EQ(errors_of("a = {b = 1 c = 2}\n"sv),
            (std::vector<std::string>{
                {"1:12-1:13: Missing attribute separator; Expected a newline or comma to mark the beginning of the next attribute."},
            }));
}

TEST(HclParseError, object_missing_value) {
  EXPECT_EQ(errors_of("a = {b}\n"sv),
            (std::vector<std::string>{
                {"1:7-1:8: Missing key/value separator; Expected an equals sign (\"=\") to mark the beginning of the attribute value."},
            }));
}

TEST(HclParseError, object_for_key) {
  EXPECT_EQ(errors_of("a = {for = 1}\n"sv),
            (std::vector<std::string>{
                {"1:10-1:11: Invalid 'for' expression; For expression requires variable name after 'for'."},
            }));
}

TEST(HclParseError, unterminated_object) {
  EXPECT_EQ(errors_of("a = {b = 1"sv),
            (std::vector<std::string>{
                {"1:5-1:6: Unterminated object constructor expression; There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file."},
            }));
}

TEST(HclParseError, unterminated_tuple) {
  EXPECT_EQ(errors_of("a = [1"sv),
            (std::vector<std::string>{
                {"1:5-1:6: Unterminated tuple constructor expression; There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file."},
            }));
}

TEST(HclParseError, unterminated_call) {
  EXPECT_EQ(errors_of("a = f(1"sv),
            (std::vector<std::string>{
                {"1:5-1:7: Unterminated function call; There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parethesis nesting elsewhere in this file."},
            }));
}

TEST(HclParseError, missing_argument_separator) {
  EXPECT_EQ(errors_of("a = f(1 2)\n"sv),
            (std::vector<std::string>{
                {"1:9-1:10: Missing argument separator; A comma is required to separate each function argument from the next."},
            }));
}

TEST(HclParseError, expansion_not_last) {
  EXPECT_EQ(errors_of("a = f(b..., c)\n"sv),
            (std::vector<std::string>{
                {"1:8-1:11: Missing closing parenthesis; An expanded function argument (with ...) must be immediately followed by closing parentheses."},
            }));
}

TEST(HclParseError, for_tuple_with_key) {
  EXPECT_EQ(errors_of("a = [for k, v in m : k => v]\n"sv),
            (std::vector<std::string>{
                {"1:22-1:23: Invalid 'for' expression; Key expression is not valid when building a tuple."},
            }));
}

TEST(HclParseError, for_object_without_key) {
  EXPECT_EQ(errors_of("a = {for v in l : v}\n"sv),
            (std::vector<std::string>{
                {"1:19-1:20: Invalid 'for' expression; Key expression is required when building an object."},
            }));
}

TEST(HclParseError, for_tuple_group) {
  EXPECT_EQ(errors_of("a = [for v in l : v...]\n"sv),
            (std::vector<std::string>{
                {"1:20-1:23: Invalid 'for' expression; Grouping ellipsis (...) cannot be used when building a tuple."},
            }));
}

TEST(HclParseError, for_missing_in) {
  EXPECT_EQ(errors_of("a = [for v of l : v]\n"sv),
            (std::vector<std::string>{
                {"1:12-1:14: Invalid 'for' expression; For expression requires the 'in' keyword after its name declarations."},
            }));
}

TEST(HclParseError, for_missing_colon) {
  EXPECT_EQ(errors_of("a = [for v in l v]\n"sv),
            (std::vector<std::string>{
                {"1:17-1:18: Invalid 'for' expression; For expression requires a colon after the collection expression."},
            }));
}

TEST(HclParseError, conditional_missing_colon) {
  EXPECT_EQ(errors_of("a = b ? c\n"sv),
            (std::vector<std::string>{
                {"1:10-2:1: Missing false expression in conditional; The conditional operator (...?...:...) requires a false expression, delimited by a colon."},
            }));
}

TEST(HclParseError, bare_multiline_conditional) {
  EXPECT_EQ(errors_of("a = b\n ? c\n : d\n"sv),
            (std::vector<std::string>{
                {"2:2-2:3: Argument or block definition required; An argument or block definition is required here."},
            }));
}

TEST(HclParseError, heredoc_space_after_marker) {
  EXPECT_EQ(errors_of("a = <<EOT \nx\nEOT\n"sv),
            (std::vector<std::string>{
                {"1:5-1:6: Invalid expression; Expected the start of an expression, but found an invalid expression token."},
                {"2:1-2:2: Argument or block definition required; An argument or block definition is required here. To set an argument, use the equals sign \"=\" to introduce the argument value."},
                {"3:1-3:4: Argument or block definition required; An argument or block definition is required here. To set an argument, use the equals sign \"=\" to introduce the argument value."},
            }));
}

TEST(HclParseError, heredoc_unterminated) {
  EXPECT_EQ(errors_of("a = <<EOT\nx\n"sv),
            (std::vector<std::string>{
                {"3:1-3:1: Unterminated template string; No closing marker was found for the string."},
            }));
}

TEST(HclParseError, heredoc_marker_without_newline) {
  EXPECT_EQ(errors_of("a = <<EOT\nx\nEOT"sv),
            (std::vector<std::string>{
                {"3:4-3:4: Unterminated template string; No closing marker was found for the string."},
            }));
}

TEST(HclParseError, heredoc_close_followed_by_paren) {
  EXPECT_EQ(errors_of("a = f(<<EOT\nx\nEOT)\n"sv),
            (std::vector<std::string>{
                {"4:1-4:1: Unterminated template string; No closing marker was found for the string."},
            }));
}

TEST(HclParseError, unclosed_interpolation) {
  EXPECT_EQ(errors_of("a = \"${b\"\n"sv),
            (std::vector<std::string>{
                {"1:10-2:1: Invalid multi-line string; Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the \"heredoc\" multi-line template syntax."},
                {"1:6-1:8: Unclosed template interpolation sequence; There is no closing brace for this interpolation sequence before the end of the quoted template. This might be caused by incorrect nesting inside the given expression."},
            }));
}

TEST(HclParseError, interpolation_extra_characters) {
  EXPECT_EQ(errors_of("a = \"${b c}\"\n"sv),
            (std::vector<std::string>{
                {"1:10-1:11: Extra characters after interpolation expression; Expected a closing brace to end the interpolation expression, but found extra characters.  This can happen when you include interpolation syntax for another language, such as shell scripting, but forget to escape the interpolation start token. If this is an embedded sequence for another language, escape it by starting with \"$${\" instead of just \"${\"."},
            }));
}

TEST(HclParseError, interpolation_colon) {
  EXPECT_EQ(errors_of("a = \"${b:c}\"\n"sv),
            (std::vector<std::string>{
                {"1:9-1:10: Extra characters after interpolation expression; Template interpolation doesn't expect a colon at this location. Did you intend this to be a literal sequence to be processed as part of another language? If so, you can escape it by starting with \"$${\" instead of just \"${\"."},
            }));
}

TEST(HclParseError, tilde_needs_brace) {
  EXPECT_EQ(errors_of("a = \"${ ~b}\"\n"sv),
            (std::vector<std::string>{
                {"1:9-1:10: Unsupported operator; Bitwise operators are not supported. Did you mean boolean NOT (\"!\")?"},
                {"1:9-1:10: Invalid expression; Expected the start of an expression, but found an invalid expression token."},
            }));
}

TEST(HclParseError, else_in_for) {
  EXPECT_EQ(errors_of("a = \"%{for v in l}%{else}%{endfor}\"\n"sv),
            (std::vector<std::string>{
                {"1:19-1:26: Unexpected else directive; An else clause is not expected for a for directive."},
                {"1:26-1:35: Unexpected endfor directive; The control directives within this template are unbalanced."},
            }));
}

TEST(HclParseError, unclosed_if) {
  EXPECT_EQ(errors_of("a = \"%{if b}x\"\n"sv),
            (std::vector<std::string>{
                {"1:14-1:15: Unexpected end of template; The if directive at test.tf:1,6-13 is missing its corresponding endif directive."},
            }));
}

TEST(HclParseError, unexpected_endif) {
  EXPECT_EQ(errors_of("a = \"x%{endif}\"\n"sv),
            (std::vector<std::string>{
                {"1:7-1:15: Unexpected endif directive; The control directives within this template are unbalanced."},
            }));
}

TEST(HclParseError, bad_directive_keyword) {
  EXPECT_EQ(errors_of("a = \"%{iff b}%{endif}\"\n"sv),
            (std::vector<std::string>{
                {"1:8-1:11: Invalid template control keyword; \"iff\" is not a valid template control keyword. Did you mean \"if\"?"},
                {"1:14-1:22: Unexpected endif directive; The control directives within this template are unbalanced."},
            }));
}

TEST(HclParseError, directive_not_keyword) {
  EXPECT_EQ(errors_of("a = \"%{1}\"\n"sv),
            (std::vector<std::string>{
                {"1:8-1:9: Invalid template directive; A template directive keyword (\"if\", \"for\", etc) is expected at the beginning of a %{ sequence."},
            }));
}

TEST(HclParseError, invalid_utf8) {
  EXPECT_EQ(errors_of("a = \"\xff\"\n"sv),
            (std::vector<std::string>{
                {"1:6-1:7: Invalid character encoding; All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor."},
                {"1:6-1:7: Unterminated template string; No closing marker was found for the string."},
            }));
}

TEST(HclParseError, invalid_utf8_identifier) {
  EXPECT_EQ(errors_of("a\xc3 = 1\n"sv),
            (std::vector<std::string>{
                {"1:2-1:3: Invalid character encoding; All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor."},
                {"1:1-1:2: Argument or block definition required; An argument or block definition is required here. To set an argument, use the equals sign \"=\" to introduce the argument value."},
            }));
}

TEST(HclParseError, nul_byte) {
  EXPECT_EQ(errors_of("a = 1\x00\n"sv),
            (std::vector<std::string>{
                {"1:6-1:7: Invalid character; This character is not used within the language."},
                {"1:6-1:7: Missing newline after argument; An argument definition must end with a newline."},
            }));
}

TEST(HclParseError, nul_in_string) {
  EXPECT_EQ(dump_of("a = \"x\x00y\"\n"sv),
              "(body\n"
              "  (attr \"a\" (template (lit \"x\\x00y\"))))");
}

TEST(HclParseError, stray_closing_brace) {
  EXPECT_EQ(errors_of("}\n"sv),
            (std::vector<std::string>{
                {"1:1-1:2: Argument or block definition required; An argument or block definition is required here."},
            }));
}

TEST(HclParseError, lone_carriage_return) {
  EXPECT_EQ(errors_of("a = 1\rb = 2\n"sv),
            (std::vector<std::string>{
                {"1:6-1:7: Invalid character; This character is not used within the language."},
                {"1:6-1:7: Missing newline after argument; An argument definition must end with a newline."},
            }));
}

TEST(HclParseError, several_errors) {
  EXPECT_EQ(errors_of("a = \nb = 1 2\nc {\n"sv),
            (std::vector<std::string>{
                {"1:5-2:1: Invalid expression; Expected the start of an expression, but found an invalid expression token."},
            }));
}

TEST(HclParseError, grapheme_columns) {
  EXPECT_EQ(errors_of("x = \"\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\" +\n"sv),
            (std::vector<std::string>{
                {"1:10-2:1: Invalid expression; Expected the start of an expression, but found an invalid expression token."},
            }));
}

// ------------------------------------------------------------------ ranges

TEST(HclParseRanges, AttributeBlockAndTemplateRanges) {
  EXPECT_EQ(dump_of("a = \"x${b}\"\nc \"l\" {\n  d = [1, 2]\n}\n"sv, true),
            "(body@1:1-5:1\n"
            "  (attr \"a\"@1:1-1:12 (template@1:5-1:12 (lit@1:6-1:7 \"x\") (trav@1:9-1:10 b)))\n"
            "  (block \"c\"@2:1-2:6 (\"l\") (body@2:7-4:2\n"
            "    (attr \"d\"@3:3-3:13 (tuple@3:7-3:13 (lit@3:8-3:9 #1) (lit@3:11-3:12 #2))))))");
}

TEST(HclParseRanges, FlushedHeredocLiteralStartsAfterTheRemovedIndent) {
  EXPECT_EQ(dump_of("a = <<-EOT\n    x\n      y\n    EOT\n"sv, true),
            "(body@1:1-5:1\n"
            "  (attr \"a\"@1:1-4:8 (template@1:5-4:8 (lit@2:5-4:1 \"x\\n  y\\n\"))))");
}

TEST(HclParseRanges, ColumnsCountGraphemesAndSkipTheBom) {
  SourceFile source("t.tf", "\xEF\xBB\xBFx = \"\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA9\" + y\n");
  auto file = parse_hcl(source);
  ASSERT_TRUE(file->ok());
  EXPECT_EQ(dump_body(*file->body, source, true),
            "(body@1:1-2:1\n"
            "  (attr \"x\"@1:1-1:12 (binop@1:5-1:12 + (template@1:5-1:8 (lit@1:6-1:7 "
            "\"\xF0\x9F\x91\xA9\\u200d\xF0\x9F\x91\xA9\")) (trav@1:11-1:12 y))))");
}

// ------------------------------------------------------------------ the parse result

TEST(HclParseResult, RecordsEveryCommentWithoutItsNewline) {
  SourceFile source("t.tf", "# one\r\na = 1 // two\n/* three\n */ b = 2 # four");
  auto file = parse_hcl(source);
  std::vector<std::string_view> comments;
  for (const Comment& c : file->comments) comments.push_back(source.slice(c.range));
  EXPECT_EQ(comments, (std::vector<std::string_view>{"# one", "// two", "/* three\n */", "# four"}));
}

TEST(HclParseResult, StringsViewTheSourceUnlessEscapesWereDecoded) {
  SourceFile source("t.tf", "a = \"plain\"\nb = \"tab\\there\"\n");
  auto file = parse_hcl(source);
  ASSERT_TRUE(file->ok());
  auto literal_of = [&](size_t i) {
    auto* lit = ast::as<ast::LiteralExpr>(file->body->attributes[i].value);
    EXPECT_TRUE(lit && lit->value.quoted);
    return lit ? lit->value.text : std::string_view("<not a quoted literal>");
  };
  std::string_view plain = literal_of(0), decoded = literal_of(1);
  EXPECT_EQ(plain, "plain");
  EXPECT_EQ(plain.data(), source.data() + 5);
  EXPECT_EQ(decoded, "tab\there");
  EXPECT_FALSE(decoded.data() >= source.data() && decoded.data() < source.data() + source.size());
}

// The two compact shapes (see ast::Literal::quoted and ast::ObjectKeyExpr):
// what consumers of the tree see, and the dump still in HashiCorp's shape
// (the expected dump is `hcloracle -dump -ranges` of the same text).
TEST(HclParseResult, QuotedStringsAreLiteralsAndBareKeysAreNames) {
  SourceFile source("t.tf", "a = { name = \"x\", \"q\" = \"\", (p) = 1, true = 2, e.f = 3 }\nb = \"${\"hi\"} there\"\n");
  auto file = parse_hcl(source);
  ASSERT_TRUE(file->ok());
  auto* object = ast::as<ast::ObjectExpr>(file->body->attributes[0].value);
  ASSERT_TRUE(object);
  ASSERT_EQ(object->items.size(), 5u);
  auto key = [&](size_t i) { return ast::as<ast::ObjectKeyExpr>(object->items[i].key); };
  auto quoted = [](const ast::Expr* e) {
    auto* lit = ast::as<ast::LiteralExpr>(e);
    return lit && lit->value.type == ast::LiteralType::String && lit->value.quoted ? lit : nullptr;
  };

  ASSERT_TRUE(key(0));
  EXPECT_EQ(key(0)->wrapped, nullptr);
  EXPECT_EQ(key(0)->name, "name");
  EXPECT_EQ(source.slice(key(0)->range), "name");
  ASSERT_TRUE(quoted(object->items[0].value));
  EXPECT_EQ(quoted(object->items[0].value)->value.text, "x");
  EXPECT_EQ(source.slice(object->items[0].value->range), "\"x\"");

  ASSERT_TRUE(key(1) && quoted(key(1)->wrapped));
  EXPECT_EQ(quoted(key(1)->wrapped)->value.text, "q");
  ASSERT_TRUE(quoted(object->items[1].value));
  EXPECT_EQ(source.slice(object->items[1].value->range), "\"\"");

  ASSERT_TRUE(key(2));
  EXPECT_TRUE(key(2)->force_non_literal);
  EXPECT_TRUE(ast::as<ast::ParenthesesExpr>(key(2)->wrapped));
  ASSERT_TRUE(key(3));
  auto* keyword = ast::as<ast::LiteralExpr>(key(3)->wrapped);
  ASSERT_TRUE(keyword);
  EXPECT_EQ(keyword->value.type, ast::LiteralType::Bool);
  ASSERT_TRUE(key(4));
  auto* traversal = ast::as<ast::ScopeTraversalExpr>(key(4)->wrapped);
  ASSERT_TRUE(traversal);
  EXPECT_EQ(traversal->steps.size(), 2u);

  // An interpolated "hi" stays a part of its own beside the template text.
  auto* tmpl = ast::as<ast::TemplateExpr>(file->body->attributes[1].value);
  ASSERT_TRUE(tmpl);
  ASSERT_EQ(tmpl->parts.size(), 2u);
  ASSERT_TRUE(quoted(tmpl->parts[0]));
  EXPECT_EQ(quoted(tmpl->parts[0])->value.text, "hi");
  auto* text = ast::as<ast::LiteralExpr>(tmpl->parts[1]);
  ASSERT_TRUE(text);
  EXPECT_FALSE(text->value.quoted);
  EXPECT_EQ(text->value.text, " there");

  EXPECT_EQ(dump_body(*file->body, source, true),
            "(body@1:1-3:1\n"
            "  (attr \"a\"@1:1-1:57 (object@1:5-1:57"
            " (item (key@1:7-1:11 (trav@1:7-1:11 name)) (template@1:14-1:17 (lit@1:15-1:16 \"x\")))"
            " (item (key@1:19-1:22 (template@1:19-1:22 (lit@1:20-1:21 \"q\"))) (template@1:25-1:27 (lit@1:27-1:27 \"\")))"
            " (item (key@1:29-1:32 nonlit (paren@1:29-1:32 (trav@1:30-1:31 p))) (lit@1:35-1:36 #1))"
            " (item (key@1:38-1:42 (lit@1:38-1:42 true)) (lit@1:45-1:46 #2))"
            " (item (key@1:48-1:51 (trav@1:48-1:51 e .f)) (lit@1:54-1:55 #3))))\n"
            "  (attr \"b\"@2:1-2:20 (template@2:5-2:20 (template@2:8-2:12 (lit@2:9-2:11 \"hi\")) (lit@2:13-2:19 \" there\"))))");
}

TEST(HclParseResult, KeepsSourceOrderAndTheFirstOfRedefinedAttributes) {
  SourceFile source("t.tf", "b = 1\na = 2\nb = 3\nx {\n}\n");
  auto file = parse_hcl(source);
  ASSERT_EQ(file->errors.size(), 1u);
  EXPECT_EQ(file->errors[0].detail, "The argument \"b\" was already set at t.tf:1,1-2. Each argument may be set only once.");
  ASSERT_EQ(file->body->attributes.size(), 2u);
  EXPECT_EQ(file->body->attributes[0].name, "b");
  EXPECT_EQ(source.slice(file->body->attributes[0].value->range), "1");
  EXPECT_EQ(file->body->blocks.size(), 1u);
}

TEST(HclParseResult, BodyIsPresentEvenWithErrors) {
  SourceFile source("t.tf", "a = {\nb {\n");
  auto file = parse_hcl(source);
  EXPECT_FALSE(file->ok());
  ASSERT_NE(file->body, nullptr);
}

TEST(HclParseResult, ErrorsAreBoundedByKMaxErrors) {
  std::string text;
  for (int i = 0; i < 500; ++i) text += "a" + std::to_string(i) + " = @\n";
  SourceFile source("t.tf", text);
  auto file = parse_hcl(source);
  EXPECT_EQ(file->errors.size(), kMaxErrors);
  EXPECT_EQ(file->errors[0].summary, "Invalid character");
}

// Like hclsyntax, the lexer's errors come first, and once the parser has
// recovered from an error it stays quiet about follow-on syntax errors of the
// same statement kinds, but still reports redefinitions and bad items.
TEST(HclParseResult, ReportsErrorsInHashiCorpsOrder) {
  EXPECT_EQ(errors_of("a = 1 2\nb = 3\nb = 4\nc\n{\n}\nd = @\n"),
            (std::vector<std::string>{
                "7:5-7:6: Invalid character; This character is not used within the language.",
                "1:7-1:8: Missing newline after argument; An argument definition must end with a newline.",
                "3:1-3:2: Attribute redefined; The argument \"b\" was already set at test.tf:2,1-2. Each argument may "
                "be set only once.",
                "4:1-4:2: Argument or block definition required; An argument or block definition is required here. To "
                "set an argument, use the equals sign \"=\" to introduce the argument value.",
            }));
}

// ------------------------------------------------------------------ templates outside native files

TEST(HclTemplate, StandaloneTemplateFile) {
  SourceFile source("t.tpl", "Hello ${name}!\n%{ for s in list ~}\n- ${s}\n%{ endfor ~}\n");
  auto file = parse_template(source);
  ASSERT_TRUE(file->ok());
  auto* tmpl = ast::as<ast::TemplateExpr>(file->root);
  ASSERT_NE(tmpl, nullptr);
  ASSERT_EQ(tmpl->parts.size(), 5u);
  EXPECT_EQ(ast::as<ast::LiteralExpr>(tmpl->parts[0])->value.text, "Hello ");
  EXPECT_NE(ast::as<ast::TemplateJoinExpr>(tmpl->parts[3]), nullptr);
}

TEST(HclTemplate, StandaloneTemplateOfOneInterpolationUnwraps) {
  SourceFile source("t.tpl", "${jsonencode(x)}");
  auto file = parse_template(source);
  ASSERT_TRUE(file->ok());
  EXPECT_NE(ast::as<ast::TemplateWrapExpr>(file->root), nullptr);
}

TEST(HclTemplate, StandaloneTemplateErrorPosition) {
  SourceFile source("t.tpl", "a\n%{ if x }b\n");
  auto file = parse_template(source);
  ASSERT_EQ(file->errors.size(), 1u);
  EXPECT_EQ(file->errors[0].summary, "Unexpected end of template");
  Position p = hcl::position(source, file->errors[0].range.begin);
  EXPECT_EQ(p.line, 3u);
  EXPECT_EQ(p.column, 1u);
}

TEST(HclTemplate, FragmentRangesAreOffsetByBase) {
  ast::Arena arena;
  std::vector<SyntaxError> errors;
  ast::Expr* e = parse_template_fragment("x-${a.b}", 100, arena, errors);
  ASSERT_TRUE(errors.empty());
  auto* tmpl = ast::as<ast::TemplateExpr>(e);
  ASSERT_NE(tmpl, nullptr);
  ASSERT_EQ(tmpl->parts.size(), 2u);
  EXPECT_EQ(tmpl->parts[1]->range.begin, 104u);
  EXPECT_EQ(tmpl->parts[1]->range.end, 107u);
}

TEST(HclTemplate, FragmentErrors) {
  ast::Arena arena;
  std::vector<SyntaxError> errors;
  parse_template_fragment("${a", 10, arena, errors);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].summary, "Unclosed template interpolation sequence");
}

// ------------------------------------------------------------------ hostile input

std::string nested(std::string_view open, std::string_view inner, std::string_view close, int depth) {
  std::string text = "a = ";
  for (int i = 0; i < depth; ++i) text += open;
  text += inner;
  for (int i = 0; i < depth; ++i) text += close;
  text += "\n";
  return text;
}

void expect_parses_on_large_stack(const std::string& text, bool ok) {
  SourceFile source("deep.tf", text);
  std::unique_ptr<ParsedFile> file;
  run_with_large_stack([&] { file = parse_hcl(source); });
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->ok(), ok) << (file->errors.empty() ? "" : file->errors[0].summary);
}

TEST(HclParseDeep, TenThousandParentheses) { expect_parses_on_large_stack(nested("(", "1", ")", 10000), true); }
TEST(HclParseDeep, TenThousandBrackets) { expect_parses_on_large_stack(nested("[", "1", "]", 10000), true); }
TEST(HclParseDeep, TenThousandBraces) { expect_parses_on_large_stack(nested("{a=", "1", "}", 10000), true); }
TEST(HclParseDeep, TenThousandInterpolations) { expect_parses_on_large_stack(nested("\"${", "1", "}\"", 10000), true); }
TEST(HclParseDeep, TenThousandBlocks) {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "b {\n";
  for (int i = 0; i < 10000; ++i) text += "}\n";
  expect_parses_on_large_stack(text, true);
}
TEST(HclParseDeep, TenThousandUnclosed) { expect_parses_on_large_stack(nested("([{\"${", "", "", 10000), false); }

TEST(HclParseDeep, NestingBeyondTheLimitIsAnError) {
  SourceFile source("deep.tf", nested("(", "1", ")", kMaxNesting + 10));
  std::unique_ptr<ParsedFile> file;
  run_with_large_stack([&] { file = parse_hcl(source); });
  ASSERT_FALSE(file->ok());
  EXPECT_EQ(file->errors[0].summary, "Nesting too deep");
}

TEST(HclParseHostile, NulBytesAndInvalidUtf8DoNotCrash) {
  std::string text = "a = \"\xC3\x28\" \x00 \xFF\xFE\n\x80 = 1\n<<\xFF\n";
  text += std::string("b = \"\0\"\n", 9);
  SourceFile source("t.tf", text);
  auto file = parse_hcl(source);
  ASSERT_FALSE(file->ok());
  EXPECT_EQ(file->errors[0].summary, "Invalid character encoding");
}

TEST(HclParseHostile, FiftyMegabyteFile) {
  std::string text;
  text.reserve(51u << 20);
  for (int i = 0; text.size() < (50u << 20); ++i) {
    text += "resource \"aws_ecs_service\" \"s" + std::to_string(i) +
            "\" {\n  name = \"svc-${var.env}\"\n  desired_count = var.n * 2\n  tags = { a = 1, b = [1, 2, 3] }\n"
            "  dynamic \"x\" {\n    for_each = local.m\n    content { v = x.value }\n  }\n}\n";
  }
  SourceFile source("big.tf", text);
  auto t0 = std::chrono::steady_clock::now();
  auto file = parse_hcl(source);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_TRUE(file->ok());
  EXPECT_GT(file->body->blocks.size(), 100000u);
  EXPECT_LT(seconds, 60.0);  // about 0.3 s in a Release build
}

}  // namespace
}  // namespace ecslint::grammar
