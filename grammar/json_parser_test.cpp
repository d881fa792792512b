// Unit tests of the JSON front end. Error positions and wording are those
// HashiCorp's JSON parser (hcloracle) reports for the same input; the
// differential suite in tests/json_conformance checks them file by file.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "grammar/large_stack.h"
#include "grammar/syntax.h"

namespace ecslint::grammar {
namespace {

struct Parsed {
  std::unique_ptr<SourceFile> source;
  std::unique_ptr<ParsedFile> file;
  const ast::Expr* root() const { return file->root; }
};

Parsed parse_text(std::string_view text, Syntax syntax = Syntax::Json) {
  Parsed p;
  p.source = std::make_unique<SourceFile>("test.json", text);
  p.file = parse_json(*p.source, syntax);
  return p;
}

// "line:col-line:col Summary" of the single error, or "OK".
std::string first_error(std::string_view text, Syntax syntax = Syntax::Json) {
  Parsed p = parse_text(text, syntax);
  if (p.file->errors.empty()) return "OK";
  const SyntaxError& e = p.file->errors.front();
  Position b = p.source->position(e.range.begin), en = p.source->position(e.range.end);
  return std::to_string(b.line) + ":" + std::to_string(b.column) + "-" + std::to_string(en.line) + ":" +
         std::to_string(en.column) + " " + e.summary;
}

std::string slice(const Parsed& p, const ast::Expr* e) { return std::string(p.source->slice(e->range)); }

const ast::LiteralExpr* lit(const ast::Expr* e) {
  auto* l = ast::as<ast::LiteralExpr>(e);
  EXPECT_NE(l, nullptr);
  return l;
}

std::string key_of(const ast::ObjectItem& item) { return std::string(lit(item.key)->value.text); }

TEST(JsonParser, ObjectArrayAndLiteralRanges) {
  Parsed p = parse_text(R"( {"a": 1, "b": [true, null, -2.5e3], "c": {}, "d": "x"} )");
  ASSERT_TRUE(p.file->ok());
  auto* obj = ast::as<ast::ObjectExpr>(p.root());
  ASSERT_NE(obj, nullptr);
  EXPECT_EQ(obj->range.begin, 1u);
  EXPECT_EQ(obj->range.end, 55u);
  ASSERT_EQ(obj->items.size(), 4u);

  EXPECT_EQ(slice(p, obj->items[0].key), "\"a\"");  // key ranges include the quotes
  EXPECT_EQ(key_of(obj->items[0]), "a");
  EXPECT_EQ(lit(obj->items[0].value)->value.type, ast::LiteralType::Number);
  EXPECT_EQ(lit(obj->items[0].value)->value.text, "1");

  auto* tuple = ast::as<ast::TupleExpr>(obj->items[1].value);
  ASSERT_NE(tuple, nullptr);
  EXPECT_EQ(slice(p, tuple), "[true, null, -2.5e3]");
  ASSERT_EQ(tuple->items.size(), 3u);
  EXPECT_EQ(lit(tuple->items[0])->value.type, ast::LiteralType::Bool);
  EXPECT_TRUE(lit(tuple->items[0])->value.boolean);
  EXPECT_EQ(slice(p, tuple->items[0]), "true");
  EXPECT_EQ(lit(tuple->items[1])->value.type, ast::LiteralType::Null);
  EXPECT_EQ(slice(p, tuple->items[1]), "null");
  EXPECT_EQ(lit(tuple->items[2])->value.text, "-2.5e3");

  auto* empty = ast::as<ast::ObjectExpr>(obj->items[2].value);
  ASSERT_NE(empty, nullptr);
  EXPECT_EQ(slice(p, empty), "{}");
  EXPECT_TRUE(empty->items.empty());

  EXPECT_EQ(slice(p, obj->items[3].value), "\"x\"");
  EXPECT_EQ(lit(obj->items[3].value)->value.type, ast::LiteralType::String);
  EXPECT_EQ(lit(obj->items[3].value)->value.text, "x");
}

TEST(JsonParser, DuplicateKeysAndCommentPropertiesKeptInOrder) {
  Parsed p = parse_text(R"({"a": 1, "//": "note", "a": 2, "//": "again"})", Syntax::HclJson);
  ASSERT_TRUE(p.file->ok());
  auto* obj = ast::as<ast::ObjectExpr>(p.root());
  ASSERT_EQ(obj->items.size(), 4u);
  EXPECT_EQ(key_of(obj->items[0]), "a");
  EXPECT_EQ(key_of(obj->items[1]), "//");
  EXPECT_EQ(key_of(obj->items[2]), "a");
  EXPECT_EQ(key_of(obj->items[3]), "//");
  EXPECT_EQ(lit(obj->items[0].value)->value.text, "1");
  EXPECT_EQ(lit(obj->items[2].value)->value.text, "2");
}

TEST(JsonParser, EscapeFreeStringsAreViewsIntoTheSource) {
  Parsed p = parse_text(R"(["plain text", "caf)" "\xC3\xA9" R"(", "with \n escape"])");
  ASSERT_TRUE(p.file->ok());
  auto* t = ast::as<ast::TupleExpr>(p.root());
  const char* begin = p.source->data();
  const char* end = begin + p.source->size();
  auto inside = [&](std::string_view s) { return s.data() >= begin && s.data() + s.size() <= end; };
  EXPECT_TRUE(inside(lit(t->items[0])->value.text));
  EXPECT_EQ(lit(t->items[0])->value.text.data(), begin + 2);
  EXPECT_TRUE(inside(lit(t->items[1])->value.text));
  EXPECT_EQ(lit(t->items[1])->value.text, "caf\xC3\xA9");
  EXPECT_FALSE(inside(lit(t->items[2])->value.text));  // decoded into the arena
  EXPECT_EQ(lit(t->items[2])->value.text, "with \n escape");
}

TEST(JsonParser, EscapesDecoded) {
  Parsed p = parse_text(R"(["\" \\ \/ \b \f \n \r \t", "\u0041\u00e9\u20AC", "\uD83D\uDE00", "a\u0000b", "\ud83d\ude00x"])");
  ASSERT_TRUE(p.file->ok());
  auto* t = ast::as<ast::TupleExpr>(p.root());
  EXPECT_EQ(lit(t->items[0])->value.text, "\" \\ / \b \f \n \r \t");
  EXPECT_EQ(lit(t->items[1])->value.text, "A\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(lit(t->items[2])->value.text, "\xF0\x9F\x98\x80");  // surrogate pair -> U+1F600
  EXPECT_EQ(lit(t->items[3])->value.text, std::string_view("a\0b", 3));
  EXPECT_EQ(lit(t->items[4])->value.text, "\xF0\x9F\x98\x80x");
  // The range is still the source text, quotes included.
  EXPECT_EQ(slice(p, t->items[2]), R"("\uD83D\uDE00")");
}

TEST(JsonParser, LoneSurrogatesBecomeReplacementCharacters) {
  // As Go's encoding/json (and so HashiCorp's parser) decodes them: accepted.
  Parsed p = parse_text(R"(["\ud800", "\udc00x", "\udc00\ud800", "\ud800\u0041", "\ud800\ud800\udc00"])");
  ASSERT_TRUE(p.file->ok());
  auto* t = ast::as<ast::TupleExpr>(p.root());
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(lit(t->items[0])->value.text, fffd);
  EXPECT_EQ(lit(t->items[1])->value.text, fffd + "x");
  EXPECT_EQ(lit(t->items[2])->value.text, fffd + fffd);
  EXPECT_EQ(lit(t->items[3])->value.text, fffd + "A");
  EXPECT_EQ(lit(t->items[4])->value.text, fffd + "\xF0\x90\x80\x80");
}

TEST(JsonParser, InvalidEscapes) {
  // HashiCorp reports one byte past the offending one (Go's SyntaxError offset).
  EXPECT_EQ(first_error(R"({"a": "x\qy"})"), "1:11-1:12 Invalid JSON string");
  EXPECT_EQ(first_error(R"({"a": "\u12"})"), "1:13-1:14 Invalid JSON string");
  EXPECT_EQ(first_error(R"({"a": "\u12G4"})"), "1:13-1:14 Invalid JSON string");
  EXPECT_EQ(first_error(R"({"a": "\x41"})"), "1:10-1:11 Invalid JSON string");
  EXPECT_EQ(first_error("[\"abc\\"), "1:7-1:7 Invalid JSON string");  // backslash at end of input
  EXPECT_EQ(first_error("[\"\\u12"), "1:7-1:7 Invalid JSON string");
}

TEST(JsonParser, BigNumbersKeptAsText) {
  Parsed p = parse_text("[123456789012345678901234567890123, -1.5e-400, 1E+400, 0.000000000000000000000001, -0]");
  ASSERT_TRUE(p.file->ok());
  auto* t = ast::as<ast::TupleExpr>(p.root());
  ASSERT_EQ(t->items.size(), 5u);
  EXPECT_EQ(lit(t->items[0])->value.text, "123456789012345678901234567890123");
  EXPECT_EQ(lit(t->items[1])->value.text, "-1.5e-400");
  EXPECT_EQ(lit(t->items[2])->value.text, "1E+400");
  EXPECT_EQ(lit(t->items[3])->value.text, "0.000000000000000000000001");
  EXPECT_EQ(lit(t->items[4])->value.text, "-0");
}

TEST(JsonParser, ErrorsAtHashiCorpPositions) {
  EXPECT_EQ(first_error(R"({"a": 1,})"), "1:8-1:9 Trailing comma in object");
  EXPECT_EQ(first_error("[1, 2,]"), "1:6-1:7 Trailing comma in array");
  EXPECT_EQ(first_error("{\n  \"a\": [\n    1,\n    2,\n  ]\n}\n"), "4:6-4:7 Trailing comma in array");
  EXPECT_EQ(first_error(R"({"a" 1})"), "1:6-1:7 Missing property value colon");
  EXPECT_EQ(first_error(R"({"a" = 1})"), "1:6-1:7 Missing property value colon");
  EXPECT_EQ(first_error(R"({"a",})"), "1:5-1:6 Missing object value");
  EXPECT_EQ(first_error(R"({"a":})"), "1:6-1:7 Missing JSON value");
  // After a missing comma HashiCorp skips to the next closing brace and
  // blames the token after it.
  EXPECT_EQ(first_error(R"({"a": 1 "b": 2})"), "1:16-1:16 Missing attribute seperator comma");
  EXPECT_EQ(first_error(R"({"a": {"b": 1 "c": 2}, "d": 3})"), "1:22-1:23 Missing attribute seperator comma");
  EXPECT_EQ(first_error("[1 2]"), "1:6-1:6 Missing attribute seperator comma");
  EXPECT_EQ(first_error("[[1, 2] [3]] "), "1:12-1:13 Missing attribute seperator comma");
  EXPECT_EQ(first_error(R"({"a": "abc)"), "1:11-1:11 Invalid JSON string");  // unterminated
  EXPECT_EQ(first_error("{\n  \"a\": \"abc\n}\n"), "2:12-3:1 Invalid JSON string");
  EXPECT_EQ(first_error("{\"a\": \"a\tb\"}"), "1:9-1:10 Invalid JSON string");  // control character
  EXPECT_EQ(first_error(R"({"a": tru})"), "1:7-1:10 Invalid JSON keyword");
  EXPECT_EQ(first_error(R"({"a": NaN})"), "1:7-1:10 Invalid JSON keyword");
  EXPECT_EQ(first_error(R"({"a": 01})"), "1:7-1:9 Invalid JSON number");
  EXPECT_EQ(first_error(R"({"a": 1e})"), "1:7-1:9 Invalid JSON number");
  EXPECT_EQ(first_error("[-Infinity]"), "1:2-1:3 Invalid JSON number");
  EXPECT_EQ(first_error("[+1, .5]"), "1:2-1:4 Invalid JSON number");
  EXPECT_EQ(first_error("\xEF\xBB\xBF{}"), "1:1-1:2 Invalid start of value");  // BOM
  EXPECT_EQ(first_error("{} x"), "1:4-1:5 Extraneous data after value");
  EXPECT_EQ(first_error("{\"a\": 1}\n// done\n"), "2:1-2:2 Extraneous data after value");
  EXPECT_EQ(first_error(""), "1:1-1:1 Missing value");
  EXPECT_EQ(first_error("   \n  "), "2:3-2:3 Missing value");
  EXPECT_EQ(first_error("{"), "1:2-1:2 Missing value");
  EXPECT_EQ(first_error("{\"a\": 1"), "1:1-1:2 Unclosed object");
  EXPECT_EQ(first_error("[1, 2"), "1:1-1:2 Unclosed object");
  EXPECT_EQ(first_error(R"({"a":1])"), "1:8-1:8 Mismatched braces");
  EXPECT_EQ(first_error("[1}"), "1:4-1:4 Mismatched brackets");
  EXPECT_EQ(first_error("[1:2]"), "1:6-1:6 Invalid array value");
  EXPECT_EQ(first_error("[1, ]"), "1:3-1:4 Trailing comma in array");
  EXPECT_EQ(first_error("[,]"), "1:2-1:3 Invalid start of value");
  EXPECT_EQ(first_error("[]]"), "1:3-1:4 Extraneous data after value");
  EXPECT_EQ(first_error("{1: 2}"), "1:2-1:3 Invalid object property name");
  EXPECT_EQ(first_error("{{\"x\": 1}: 2}"), "1:2-1:3 Invalid object property name");
  EXPECT_EQ(first_error("{[1,]: 2}"), "1:4-1:5 Trailing comma in array");  // the key's own error first
  EXPECT_EQ(first_error("{'a': 1}"), "1:2-1:3 Invalid start of value");
  EXPECT_EQ(first_error("{\n  // c\n  \"a\": 1}"), "2:3-2:4 Invalid start of value");
}

TEST(JsonParser, ErrorDetailsMirrorHashiCorp) {
  Parsed p = parse_text(R"({"a": tru})");
  ASSERT_EQ(p.file->errors.size(), 1u);
  EXPECT_EQ(p.file->errors[0].detail, R"("tru" is not a valid JSON keyword. Did you mean "true"?)");
  p = parse_text(R"({"a": yes})");
  EXPECT_EQ(p.file->errors[0].detail, R"("yes" is not a valid JSON keyword.)");
  p = parse_text("[NaN]");
  EXPECT_EQ(p.file->errors[0].detail, R"(The JavaScript identifier "NaN" cannot be used in JSON.)");
  p = parse_text("[1,]");
  EXPECT_EQ(p.file->errors[0].detail, "JSON does not permit a trailing comma after the final value in an array.");
  p = parse_text("{\"a\" = 1}");
  EXPECT_EQ(p.file->errors[0].detail, "JSON uses a colon as its name/value delimiter, not an equals sign.");
  EXPECT_EQ(p.root(), nullptr);  // no root after an error
}

TEST(JsonParser, NulBytes) {
  EXPECT_EQ(first_error(std::string_view("\0", 1)), "1:1-1:2 Invalid start of value");
  EXPECT_EQ(first_error(std::string_view("{\"a\":1}\0", 8)), "1:8-1:9 Extraneous data after value");
  EXPECT_EQ(first_error(std::string_view("{\"a\": \"\0\"}", 10)), "1:8-1:9 Invalid JSON string");
  EXPECT_EQ(first_error(std::string_view("[1,\0]", 5)), "1:4-1:5 Invalid start of value");
}

TEST(JsonParser, InvalidUtf8) {
  EXPECT_EQ(first_error("{\"a\": \"\xFF\"}"), "1:8-1:9 Invalid character encoding");
  EXPECT_EQ(first_error("[\"ok \xC3\xA9 then \xC0\xAF\"]"), "1:13-1:14 Invalid character encoding");  // overlong
  EXPECT_EQ(first_error("[\"\xED\xA0\x80\"]"), "1:3-1:4 Invalid character encoding");             // surrogate
  EXPECT_EQ(first_error("[\"\xF4\x90\x80\x80\"]"), "1:3-1:4 Invalid character encoding");         // > U+10FFFF
  EXPECT_EQ(first_error("[\"\xE2\x82\"]"), "1:3-1:4 Invalid character encoding");                 // truncated
  EXPECT_EQ(first_error("[\"\xE2\x82"), "1:3-1:4 Invalid character encoding");  // truncated at end of input
  EXPECT_EQ(first_error("[\xC3\xA9]"), "1:2-1:3 Invalid start of value");        // outside a string
  EXPECT_EQ(first_error("[\"\xF0\x9F\x98\x80 \xE6\x97\xA5\"]"), "OK");
}

TEST(JsonParser, RootKinds) {
  EXPECT_EQ(first_error("\"s\"", Syntax::Json), "OK");
  EXPECT_EQ(first_error(" 42 ", Syntax::Json), "OK");
  EXPECT_EQ(first_error("\"s\"", Syntax::HclJson), "1:1-1:4 Root value must be object");
  EXPECT_EQ(first_error("null", Syntax::HclJson), "1:1-1:5 Root value must be object");
  EXPECT_EQ(first_error("[{}]", Syntax::HclJson), "OK");
  EXPECT_EQ(first_error("{}", Syntax::HclJson), "OK");
  Parsed p = parse_text("true");
  ASSERT_TRUE(p.file->ok());
  EXPECT_EQ(p.file->syntax, Syntax::Json);
  EXPECT_TRUE(lit(p.root())->value.boolean);
}

TEST(JsonParser, CrlfLineEndings) {
  Parsed p = parse_text("{\r\n  \"a\": [1, 2],\r\n  \"b\": \"x\"\r\n}\r\n");
  ASSERT_TRUE(p.file->ok());
  auto* obj = ast::as<ast::ObjectExpr>(p.root());
  ASSERT_EQ(obj->items.size(), 2u);
  Position pos = p.source->position(obj->items[1].key->range.begin);
  EXPECT_EQ(pos.line, 3u);
  EXPECT_EQ(pos.column, 3u);
  EXPECT_EQ(p.source->position(obj->range.end).line, 4u);
  EXPECT_EQ(first_error("{\r\n  \"a\": [1, 2],\r\n  \"b\": \"x\",\r\n}\r\n"), "3:11-3:12 Trailing comma in object");
  EXPECT_EQ(first_error("{\r\n  \"a\": \"x\r\n\"}"), "2:10-2:11 Invalid JSON string");
}

std::string nested(size_t depth, std::string_view inner = "1") {
  std::string s;
  s.reserve(depth * 2 + inner.size());
  for (size_t i = 0; i < depth; ++i) s += (i % 2 ? "{\"k\":" : "[");
  s += inner;
  for (size_t i = depth; i-- > 0;) s += (i % 2 ? "}" : "]");
  return s;
}

size_t depth_of(const ast::Expr* e) {
  size_t depth = 0;
  for (;;) {
    if (auto* t = ast::as<ast::TupleExpr>(e)) {
      if (t->items.empty()) return depth + 1;
      e = t->items[0];
    } else if (auto* o = ast::as<ast::ObjectExpr>(e)) {
      if (o->items.empty()) return depth + 1;
      e = o->items[0].value;
    } else {
      return depth;
    }
    ++depth;
  }
}

TEST(JsonParser, DeepNesting10k) {
  // The parser is iterative: no large stack needed, but run as production does.
  run_with_large_stack([] {
    Parsed p = parse_text(nested(10000));
    ASSERT_TRUE(p.file->ok());
    EXPECT_EQ(depth_of(p.root()), 10000u);
  });
}

TEST(JsonParser, DeepNestingAtTheLimit) {
  Parsed p = parse_text(std::string(size_t(kMaxNesting), '[') + std::string(size_t(kMaxNesting), ']'));
  ASSERT_TRUE(p.file->ok());
  EXPECT_EQ(depth_of(p.root()), size_t(kMaxNesting));
}

TEST(JsonParser, DeepNesting200kIsAnErrorNotACrash) {
  std::string text = nested(200000);
  Parsed p = parse_text(text);
  ASSERT_EQ(p.file->errors.size(), 1u);
  const SyntaxError& e = p.file->errors[0];
  EXPECT_EQ(e.summary, "Nesting too deep");
  // The opening bracket that would be level kMaxNesting + 1.
  size_t opens = 0, offset = 0;
  for (; offset < text.size(); ++offset)
    if ((text[offset] == '[' || text[offset] == '{') && ++opens == size_t(kMaxNesting) + 1) break;
  EXPECT_EQ(e.range.begin, offset);
  EXPECT_EQ(p.root(), nullptr);
  // Unclosed and deeper still: the same single error, no crash.
  Parsed q = parse_text(std::string(200000, '['));
  ASSERT_EQ(q.file->errors.size(), 1u);
  EXPECT_EQ(q.file->errors[0].range.begin, uint32_t(kMaxNesting));
}

TEST(JsonParser, ScratchReusedAcrossFilesAndThreads) {
  // Items gathered at one depth must not leak into another file's containers.
  std::vector<std::string> docs = {R"({"a": [1, 2, {"b": [3]}], "c": 4})", "[[[[1, 2, 3]]], [4]]", nested(300), "[]"};
  auto check = [&] {
    for (int round = 0; round < 3; ++round) {
      for (const std::string& d : docs) {
        Parsed p = parse_text(d);
        ASSERT_TRUE(p.file->ok()) << d;
        EXPECT_EQ(slice(p, p.root()), d);
      }
      Parsed bad = parse_text(R"({"a": [1, 2, {"b": [3 4]}]})");
      ASSERT_FALSE(bad.file->ok());
    }
    Parsed p = parse_text(R"({"a": [1, 2, {"b": [3]}], "c": 4})");
    auto* obj = ast::as<ast::ObjectExpr>(p.root());
    ASSERT_EQ(obj->items.size(), 2u);
    auto* a = ast::as<ast::TupleExpr>(obj->items[0].value);
    ASSERT_EQ(a->items.size(), 3u);
    auto* inner = ast::as<ast::ObjectExpr>(a->items[2]);
    ASSERT_EQ(inner->items.size(), 1u);
    EXPECT_EQ(ast::as<ast::TupleExpr>(inner->items[0].value)->items.size(), 1u);
  };
  check();
  run_with_large_stack(check, size_t(8) << 20);
}

TEST(JsonParser, SyntaxDispatch) {
  EXPECT_EQ(syntax_for_path("main.tf.json"), Syntax::HclJson);
  EXPECT_EQ(syntax_for_path("task-definition.json"), Syntax::Json);
  SourceFile src("x.tf.json", "{\"resource\": {}}");
  auto file = parse(src, Syntax::HclJson);
  EXPECT_TRUE(file->ok());
  EXPECT_EQ(file->syntax, Syntax::HclJson);
  EXPECT_NE(ast::as<ast::ObjectExpr>(file->root), nullptr);
}

}  // namespace
}  // namespace ecslint::grammar
