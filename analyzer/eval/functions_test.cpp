// Known Terraform results of the function library (checked against
// `terraform console`, v1.11).
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "analyzer/eval/eval_test_util.h"

namespace ecslint::eval {
namespace {

using testing::eval_expr;

struct Case {
  const char* expr;
  const char* want;
};

void expect_all(std::initializer_list<Case> cases) {
  for (const Case& c : cases) EXPECT_EQ(eval_expr(c.expr), c.want) << c.expr;
}

TEST(Functions, Jsonencode) {
  expect_all({
      {"jsonencode({b = 1, a = \"<x>\"})", R"("{\"a\":\"\\u003cx\\u003e\",\"b\":1}")"},
      {"jsonencode([1, 2.5, true, null])", R"("[1,2.5,true,null]")"},
      {"jsonencode(\"a&b\\n\\t\\\"q\\\"\")", R"("\"a\\u0026b\\n\\t\\\"q\\\"\"")"},
      {"jsonencode({})", R"("{}")"},
      {"jsonencode(1e21)", R"("1000000000000000000000")"},
      {"jsondecode(\"{\\\"b\\\":[1,{\\\"c\\\":null}],\\\"a\\\":\\\"x\\\"}\")", R"({"a":"x","b":[1,{"c":null}]})"},
      {"jsondecode(\"[1\")", "<error: Call to function \"jsondecode\" failed: Unclosed object>"},
  });
}

// jsonencode's text is made when first read (rules read encoded_from()):
// it must come out the same, on any thread, and infinity must still fail
// at the call, however deep it sits.
TEST(Functions, JsonencodeTextIsMadeWhenRead) {
  testing::Config config(R"(
x = jsonencode({ b = [1, "x"], a = { c = true } })
deep = jsonencode({ a = [{ b = 1e400 }] })
top = jsonencode(1e400)
)");
  ASSERT_TRUE(config.ok());
  Value x = config.eval("x");
  ASSERT_NE(x.encoded_from(), nullptr);
  EXPECT_TRUE(x.encoded_from()->is_object());
  const std::string want = R"({"a":{"c":true},"b":[1,"x"]})";
  std::vector<std::string> seen(8);
  std::vector<std::thread> readers;
  for (size_t i = 0; i < seen.size(); ++i) readers.emplace_back([&, i] { seen[i] = x.as_string(); });
  for (std::thread& t : readers) t.join();
  for (const std::string& text : seen) EXPECT_EQ(text, want);
  Value copy = x;  // copies share the text
  EXPECT_EQ(&copy.as_string(), &x.as_string());
  EXPECT_EQ(testing::render(config.eval("deep")), "<error: Call to function \"jsonencode\" failed: cannot serialize infinity as JSON>");
  EXPECT_EQ(testing::render(config.eval("top")), "<error: Call to function \"jsonencode\" failed: cannot serialize infinity as JSON>");
}

// Go's escaping, byte by byte: plain runs are copied whole, so escapes at
// the start, the end and next to each other are where it could slip.
TEST(Functions, JsonencodeEscapesExactlyWhatGoDoes) {
  auto encoded = [](std::string_view s) { return json_encode(Value::string(std::string(s))).value_or("<none>"); };
  EXPECT_EQ(encoded(""), "\"\"");
  EXPECT_EQ(encoded("plain text, no escapes: 0-9 a-z {}[]/%$#@!~`'|^*()_+=;:?,."),
            "\"plain text, no escapes: 0-9 a-z {}[]/%$#@!~`'|^*()_+=;:?,.\"");
  EXPECT_EQ(encoded("<<a>>&&\"\"\\\\"), R"("\u003c\u003ca\u003e\u003e\u0026\u0026\"\"\\\\")");
  EXPECT_EQ(encoded("tab\there\nnl\r\b\f\x01\x1f end"), R"("tab\there\nnl\r\b\f\u0001\u001f end")");
  EXPECT_EQ(encoded("del\x7f raw"), "\"del\x7f raw\"");
  EXPECT_EQ(encoded("caf\xc3\xa9 \xe2\x80\xa8 \xe2\x80\xa9 \xf0\x9f\x98\x80"),
            "\"caf\xc3\xa9 \\u2028 \\u2029 \xf0\x9f\x98\x80\"");
  EXPECT_EQ(encoded("bad \xff\xc3 end"), R"("bad \ufffd\ufffd end")");
}

TEST(Functions, Format) {
  expect_all({
      {"format(\"%s-%d\", \"a\", 5)", "\"a-5\""},
      {"format(\"%.2f\", 3.14159)", "\"3.14\""},
      {"format(\"%5s|%-5s|\", \"ab\", \"cd\")", "\"   ab|cd   |\""},
      {"format(\"%05d\", -42)", "\"-0042\""},
      {"format(\"%q\", \"a\\\"b\")", R"("\"a\\\"b\"")"},
      {"format(\"%v %v %v\", \"s\", 1.5, true)", "\"s 1.5 true\""},
      {"format(\"%#v\", \"s\")", R"("\"s\"")"},
      {"format(\"%v\", [1, \"a\"])", R"("[1,\"a\"]")"},
      {"format(\"%t\", true)", "\"true\""},
      {"format(\"%x %X %o %b\", 255, 255, 8, 5)", "\"ff FF 10 101\""},
      {"format(\"%%\")", "\"%\""},
      {"format(\"%[2]s %[1]s\", \"a\", \"b\")", "\"b a\""},
      {"format(\"%d\", 1.5)", "<error: Call to function \"format\" failed: unsupported value for \"%d\" at 2: "
                              "integer required>"},
      {"format(\"%s %s\", \"a\")", "<error: Call to function \"format\" failed: not enough arguments for \"%s\" "
                                   "at 3>"},
      {"format(\"%s:KEY::\", aws_secretsmanager_secret.db.arn)",
       "<unknown: ${aws_secretsmanager_secret.db.arn}:KEY::>"},
      {"formatlist(\"%s=%s\", [\"a\", \"b\"], \"x\")", R"(["a=x","b=x"])"},
  });
}

TEST(Functions, Strings) {
  expect_all({
      {"join(\",\", [\"a\", \"b\"], [\"c\"])", "\"a,b,c\""},
      {"split(\",\", \"a,,b\")", R"(["a","","b"])"},
      {"split(\",\", \"\")", R"([""])"},
      {"replace(\"a-b-c\", \"-\", \"_\")", "\"a_b_c\""},
      {"replace(\"hello world\", \"/o(\\\\w)?/\", \"[$1]\")", "\"hell[] w[r]ld\""},
      {"replace(\"abc\", \"/(?P<x>b)/\", \"$${x}$${x}\")", "\"abbc\""},
      {"lower(\"AbC\")", "\"abc\""}, {"upper(\"abc\")", "\"ABC\""},
      {"title(\"hello big-world\")", "\"Hello Big-World\""},
      {"trimspace(\"  a b \\n\")", "\"a b\""}, {"trim(\"?!a?!\", \"!?\")", "\"a\""},
      {"trimprefix(\"helloworld\", \"hello\")", "\"world\""}, {"trimsuffix(\"helloworld\", \"world\")", "\"hello\""},
      {"substr(\"hello world\", 1, 4)", "\"ello\""}, {"substr(\"hello\", -3, -1)", "\"llo\""},
      {"substr(\"héllo\", 1, 2)", "\"él\""},
      {"startswith(\"hello\", \"he\")", "true"}, {"endswith(\"hello\", \"lo\")", "true"},
      {"strcontains(\"hello\", \"ell\")", "true"},
      {"regex(\"[a-z]+\", \"53453453.345345aaabbbccc23454\")", "\"aaabbbccc\""},
      {"regex(\"(\\\\d\\\\d\\\\d\\\\d)-(\\\\d\\\\d)-(\\\\d\\\\d)\", \"2019-02-01\")", R"(["2019","02","01"])"},
      {"regex(\"(?P<y>\\\\d+)-(?P<m>\\\\d+)\", \"2019-02\")", R"({"m":"02","y":"2019"})"},
      {"regexall(\"[a-z]+\", \"1234abcd5678efgh9\")", R"(["abcd","efgh"])"},
      {"regex(\"x\", \"abc\")", "<error: Call to function \"regex\" failed: pattern did not match any part of "
                                "the given string>"},
      {"base64encode(\"Hello World\")", "\"SGVsbG8gV29ybGQ=\""}, {"base64decode(\"SGVsbG8=\")", "\"Hello\""},
      {"chomp(\"a\\n\\n\")", "\"a\""}, {"indent(2, \"a\\nb\")", "\"a\\n  b\""},
      {"length(\"héllo\")", "5"},
  });
}

TEST(Functions, Collections) {
  expect_all({
      {"concat([1], [2, 3], [])", "[1,2,3]"},
      {"merge({a = 1, b = 2}, {b = 3}, null)", R"({"a":1,"b":3})"},
      {"lookup({a = 1}, \"a\")", "1"}, {"lookup({a = 1}, \"b\", 0)", "0"},
      {"lookup({a = 1}, \"b\")", "<error: Call to function \"lookup\" failed: lookup failed to find key \"b\">"},
      {"element([\"a\", \"b\"], 3)", "\"b\""},
      {"element([], 0)", "<error: Call to function \"element\" failed: cannot use element function with an empty "
                         "list>"},
      {"length([1, 2])", "2"}, {"length({a = 1})", "1"},
      {"keys({b = 1, a = 2})", R"(["a","b"])"}, {"values({b = 1, a = 2})", "[2,1]"},
      {"contains([\"a\"], \"a\")", "true"}, {"contains([1], \"1\")", "false"},
      {"distinct([1, 2, 1, 3])", "[1,2,3]"}, {"flatten([[1], [[2, 3]], 4])", "[1,2,3,4]"},
      {"zipmap([\"a\", \"b\"], [1, 2])", R"({"a":1,"b":2})"},
      {"coalesce(\"\", \"b\")", "\"b\""}, {"coalesce(null, 1, 2)", "1"}, {"coalesce(1, \"a\")", "\"1\""},
      {"coalescelist([], [1])", "[1]"},
      {"tostring(1)", "\"1\""}, {"tonumber(\"2.5\")", "2.5"}, {"tobool(\"true\")", "true"},
      {"tonumber(\"x\")", "<error: Invalid value for argument 1 of \"tonumber\": cannot convert \"x\" to number>"},
      {"tolist([1, \"a\"])", R"(["1","a"])"}, {"toset([\"b\", \"a\", \"b\"])", R"(["a","b"])"},
      {"tomap({a = 1, b = \"x\"})", R"({"a":"1","b":"x"})"},
      {"reverse([1, 2, 3])", "[3,2,1]"}, {"sort([\"b\", \"a\", \"10\", \"9\"])", R"(["10","9","a","b"])"},
      {"slice([1, 2, 3, 4], 1, 3)", "[2,3]"}, {"one([])", "null"}, {"one([5])", "5"},
      {"index([\"a\", \"b\"], \"b\")", "1"}, {"chunklist([1, 2, 3], 2)", "[[1,2],[3]]"},
      {"compact([\"a\", \"\", null, \"b\"])", R"(["a","b"])"},
      {"setunion([\"b\"], [\"a\", \"b\"])", R"(["a","b"])"}, {"setintersection([1, 2], [2, 3])", "[2]"},
      {"setsubtract([1, 2, 3], [2])", "[1,3]"},
      {"alltrue([true, \"true\"])", "true"}, {"anytrue([])", "false"}, {"alltrue([])", "true"},
      {"range(3)", "[0,1,2]"}, {"range(1, 4)", "[1,2,3]"}, {"range(4, 1)", "[4,3,2]"}, {"range(0, 10, 4)", "[0,4,8]"},
      {"min(3, 1, 2)", "1"}, {"max(\"3\", 10)", "10"}, {"abs(-2)", "2"}, {"ceil(1.2)", "2"}, {"floor(-1.2)", "-2"},
      {"sum([1, 2.5])", "3.5"}, {"parseint(\"ff\", 16)", "255"}, {"pow(2, 10)", "1024"},
  });
}

TEST(Functions, Cidr) {
  expect_all({
      {"cidrsubnet(\"10.0.0.0/16\", 8, 2)", "\"10.0.2.0/24\""},
      {"cidrsubnet(\"172.16.0.0/12\", 4, 2)", "\"172.18.0.0/16\""},
      {"cidrsubnet(\"10.1.2.3/16\", 8, 255)", "\"10.1.255.0/24\""},
      {"cidrsubnet(\"fd00:fd12:3456:7890::/56\", 16, 162)", "\"fd00:fd12:3456:7800:a200::/72\""},
      {"cidrsubnet(\"10.0.0.0/16\", 8, 256)",
       "<error: Call to function \"cidrsubnet\" failed: prefix extension of 8 does not accommodate a subnet "
       "numbered 256>"},
      {"cidrhost(\"10.12.112.0/20\", 16)", "\"10.12.112.16\""},
      {"cidrhost(\"10.12.112.0/20\", -1)", "\"10.12.127.255\""},
      {"cidrhost(\"fd00:fd12:3456:7890:00a2::/72\", 34)", "\"fd00:fd12:3456:7890::22\""},
      {"cidrnetmask(\"172.16.0.0/12\")", "\"255.240.0.0\""},
      {"cidrsubnets(\"10.1.0.0/16\", 4, 4, 8, 4)", R"(["10.1.0.0/20","10.1.16.0/20","10.1.32.0/24","10.1.48.0/20"])"},
  });
}

TEST(Functions, UnknownArgumentsGiveUnknown) {
  expect_all({
      {"upper(var.x)", "<unknown>"}, {"merge(var.a, {b = 1})", "<unknown>"}, {"length([var.a, 1])", "2"},
      {"join(\",\", [var.a])", "<unknown>"}, {"cidrsubnet(var.cidr, 8, 1)", "<unknown>"},
  });
}

TEST(Functions, ArityErrors) {
  expect_all({
      {"upper()", "<error: Not enough function arguments: function \"upper\" expects 1 argument(s)>"},
      {"upper(\"a\", \"b\")", "<error: Too many function arguments: function \"upper\" expects 1 argument(s)>"},
  });
  EXPECT_TRUE(is_supported_function("jsonencode"));
  EXPECT_TRUE(is_supported_function("core::jsonencode"));
  EXPECT_FALSE(is_supported_function("timestamp"));
}

TEST(Functions, Yamlencode) {
  expect_all({
      {"yamlencode({a = 1, b = [\"x\", {c = true}], d = {}})",
       R"("\"a\": 1\n\"b\":\n- \"x\"\n- \"c\": true\n\"d\": {}\n")"},
  });
}

}  // namespace
}  // namespace ecslint::eval
