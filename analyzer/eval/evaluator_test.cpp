#include "analyzer/eval/evaluator.h"

#include <gtest/gtest.h>

#include "analyzer/eval/eval_test_util.h"

namespace ecslint::eval {
namespace {

using testing::Config;
using testing::eval_expr;
using testing::MapScope;
using testing::render;

struct Case {
  const char* expr;
  const char* want;
};

void expect_all(std::initializer_list<Case> cases, const EvalContext& context = {}) {
  for (const Case& c : cases) EXPECT_EQ(eval_expr(c.expr, context), c.want) << c.expr;
}

TEST(Evaluator, Literals) {
  expect_all({
      {"1", "1"}, {"1.5", "1.5"}, {"1e3", "1000"}, {"true", "true"}, {"null", "null"},
      {"\"a\\nb\"", "\"a\\nb\""}, {"[1, \"a\", null]", "[1,\"a\",null]"},
  });
}

TEST(Evaluator, Arithmetic) {
  expect_all({
      {"1 + 2 * 3", "7"}, {"(1 + 2) * 3", "9"}, {"\"5\" + 1", "6"}, {"7 % 3", "1"}, {"-5 % 3", "-2"},
      {"10 / 4", "2.5"}, {"-(2)", "-2"}, {"1 < 2", "true"}, {"\"10\" > 9", "true"},
      {"\"x\" + 1", "<error: Invalid operand: unsuitable value for left operand: a number is required>"},
      {"true + 1", "<error: Invalid operand: unsuitable value for left operand: a number is required>"},
  });
}

TEST(Evaluator, EqualityAcrossTypesIsFalse) {
  expect_all({
      {"1 == \"1\"", "false"}, {"1 == 1.0", "true"}, {"[1, 2] == [1, 2]", "true"}, {"{a = 1} == {a = 1}", "true"},
      {"null == null", "true"}, {"null != \"a\"", "true"}, {"\"a\" != \"a\"", "false"},
  });
}

TEST(Evaluator, LogicWithUnknowns) {
  expect_all({
      {"true && false", "false"}, {"true || false", "true"}, {"!true", "false"},
      {"false && var.unknown", "false"}, {"var.unknown && false", "false"}, {"true || var.unknown", "true"},
      {"true && var.unknown", "<unknown>"}, {"false || var.unknown", "<unknown>"},
      {"\"true\" && true", "true"},
  });
}

TEST(Evaluator, Conditionals) {
  expect_all({
      {"true ? 1 : 2", "1"}, {"false ? 1 : 2", "2"}, {"var.c ? 1 : 1", "1"}, {"var.c ? 1 : 2", "<unknown>"},
      {"true ? 1 : \"a\"", "\"1\""}, {"false ? \"x\" : tonumber(\"y\")",
                                      "<error: Invalid value for argument 1 of \"tonumber\": cannot convert "
                                      "\"y\" to number>"},
      {"true ? \"x\" : tonumber(\"y\")", "\"x\""},
      {"null ? 1 : 2", "<error: Null condition: the condition value is null>"},
  });
}

TEST(Evaluator, TemplatesKeepPiecesOfUnknowns) {
  expect_all({
      {"\"a-${1 + 1}-b\"", "\"a-2-b\""},
      {"\"${aws_secretsmanager_secret.app.arn}:KEY::\"", "<unknown: ${aws_secretsmanager_secret.app.arn}:KEY::>"},
      {"\"%{if true}yes%{else}no%{endif}\"", "\"yes\""},
      {"\"%{for s in [\"a\", \"b\"]}${s},%{endfor}\"", "\"a,b,\""},
      {"\"a${null}\"", "<error: Invalid template interpolation value: the value is null>"},
  });
  // A template that is a single interpolation yields the raw value.
  EXPECT_EQ(eval_expr("\"${[1, 2]}\""), "[1,2]");
  EXPECT_EQ(eval_expr("\"${null}\""), "null");
}

TEST(Evaluator, TraversalsAndIndexes) {
  MapScope scope;
  Config data("v = { list = [10, 20], map = { a = \"A\" }, \"k-1\" = 3 }\n");
  scope.roots["local"] = data.eval("v");
  EvalContext context{&scope};
  expect_all({
      {"local.list[1]", "20"}, {"local.list.0", "10"}, {"local.map.a", "\"A\""}, {"local.map[\"a\"]", "\"A\""},
      {"local[\"k-1\"]", "3"}, {"local.list[\"1\"]", "20"},
      {"local.list[2]", "<error: Invalid index: the given key does not identify an element in this collection value>"},
      {"local.nope", "<error: Unsupported attribute: this object does not have an attribute named \"nope\">"},
      {"[1, 2, 3][0]", "1"}, {"{a = 1}.a", "1"},
  }, context);
}

TEST(Evaluator, UnknownSymbolsGrowWithTraversal) {
  Value v = Config("x = aws_lb.main\n").eval("x");
  EXPECT_EQ(v.symbol(), "aws_lb.main");
  EXPECT_EQ(apply_steps(v, {}, {}).symbol(), "aws_lb.main");
  Config c("x = [aws_lb.main][0].arn\n");
  EXPECT_EQ(c.eval("x").symbol(), "aws_lb.main.arn");
}

TEST(Evaluator, Splats) {
  MapScope scope;
  Config data(
      "tasks = [{ name = \"a\", port = 80 }, { name = \"b\", port = 443 }]\n"
      "one = { name = \"solo\" }\n");
  scope.roots["aws_ecs_task_definition"] = Value::object({{"t", data.eval("tasks"), {}}});
  scope.roots["single"] = data.eval("one");
  scope.roots["nothing"] = Value::null();
  EvalContext context{&scope};
  expect_all({
      {"aws_ecs_task_definition.t[*].name", "[\"a\",\"b\"]"},
      {"aws_ecs_task_definition.t.*.port", "[80,443]"},
      {"aws_ecs_task_definition.t.*.name[0]", "\"a\""},  // `.*` stops before [0]
      {"aws_ecs_task_definition.t[*].name[0]", "<error: Invalid index: this value does not have any indices>"},
      {"single[*].name", "[\"solo\"]"},
      {"nothing[*]", "[]"},
      {"[1, 2][*]", "[1,2]"},
      {"aws_unknown.x[*].id", "<unknown>"},
  }, context);
}

TEST(Evaluator, ForExpressions) {
  expect_all({
      {"[for x in [1, 2, 3] : x * 2]", "[2,4,6]"},
      {"[for i, x in [\"a\", \"b\"] : \"${i}:${x}\"]", "[\"0:a\",\"1:b\"]"},
      {"[for x in [1, 2, 3, 4] : x if x % 2 == 0]", "[2,4]"},
      {"{for k, v in {a = 1, b = 2} : v => k}", "{\"1\":\"a\",\"2\":\"b\"}"},
      {"{for s in [\"aa\", \"ab\", \"b\"] : substr(s, 0, 1) => s...}", "{\"a\":[\"aa\",\"ab\"],\"b\":[\"b\"]}"},
      {"{for s in [\"a\", \"a\"] : s => 1}",
       "<error: Duplicate object key: two different items produced the key \"a\" in this 'for' expression; use "
       "the ellipsis (...) to group>"},
      {"[for x in null : x]",
       "<error: Iteration over null value: a null value cannot be used as the collection in a 'for' expression>"},
      {"[for x in var.list : x]", "<unknown>"},
  });
}

TEST(Evaluator, ForVariablesShadowTheScope) {
  MapScope scope;
  scope.roots["x"] = Value::string("outer");
  scope.roots["k"] = Value::string("outer-k");
  EvalContext context{&scope};
  expect_all({
      {"[for x in [\"inner\"] : x]", "[\"inner\"]"},
      {"[for x in [1] : k]", "[\"outer-k\"]"},
      {"[[for x in [1] : x], x]", "[[1],\"outer\"]"},
      {"[for x in [[1, 2]] : [for x in x : x + 1]]", "[[2,3]]"},
  }, context);
}

TEST(Evaluator, ObjectKeys) {
  MapScope scope;
  scope.roots["name"] = Value::string("dynamic");
  EvalContext context{&scope};
  expect_all({
      {"{name = 1}", "{\"name\":1}"},
      {"{(name) = 1}", "{\"dynamic\":1}"},
      {"{\"${name}-x\" = 1}", "{\"dynamic-x\":1}"},
      {"{b = 1, a = 2, b = 3}", "{\"a\":2,\"b\":3}"},
      {"{(var.k) = 1}", "<unknown>"},
  }, context);
}

TEST(Evaluator, ConstantTuplesAndObjectsAreMadeOnceAndShared) {
  Config config(R"(
constant = { name = "web", ports = [80, 443], "quoted key" = { deep = [true, null] } }
partly   = { name = "web", region = var.region, ports = [80, 443] }
keyed    = { (var.k) = 1 }
)");
  ASSERT_TRUE(config.ok());
  auto* constant = ast::as<ast::ObjectExpr>(config.attr("constant"));
  auto* partly = ast::as<ast::ObjectExpr>(config.attr("partly"));
  EXPECT_TRUE(constant->constant);
  EXPECT_TRUE(constant->items[1].value->constant);  // [80, 443]
  EXPECT_FALSE(partly->constant);
  EXPECT_TRUE(partly->items[2].value->constant);
  EXPECT_FALSE(config.attr("keyed")->constant);  // a computed key

  MapScope scope;
  scope.roots["var"] = Value::object({{"region", Value::string("eu-west-1"), {}}, {"k", Value::string("a"), {}}});
  ConstantCache cache;
  EvalContext cached{.scope = &scope, .constants = &cache};
  const SourceFile* file = config.source.get();

  Value first = config.eval("constant", cached);
  std::optional<Value> kept = cache.find(constant, file);
  ASSERT_TRUE(kept);
  EXPECT_EQ(render(*kept), render(first));
  EXPECT_FALSE(cache.find(constant->items[1].value, file));  // kept whole, not part by part
  Value again = config.eval("constant", cached);
  EXPECT_EQ(render(again), R"({"name":"web","ports":[80,443],"quoted key":{"deep":[true,null]}})");
  EXPECT_EQ(config.line_of(again.member("ports")->origin()), 2u);

  // Around a reference, only the constant parts are kept; the result is
  // what evaluating without a cache gives.
  Value mixed = config.eval("partly", cached);
  EXPECT_FALSE(cache.find(partly, file));
  EXPECT_TRUE(cache.find(partly->items[2].value, file));
  EXPECT_EQ(render(mixed), render(config.eval("partly", EvalContext{.scope = &scope})));
  EXPECT_EQ(render(mixed), R"({"name":"web","ports":[80,443],"region":"eu-west-1"})");
}

TEST(Evaluator, FunctionCallExpansion) {
  expect_all({
      {"max([1, 5, 3]...)", "5"},
      {"concat([1], [[2], [3]]...)", "[1,2,3]"},
      {"max(1...)",
       "<error: Invalid expanding argument value: the expanding argument (indicated by ...) must be of a tuple, "
       "list, or set type>"},
      {"no_such_function(1)", "<unknown>"},
      {"provider::aws::arn_parse(\"x\")", "<unknown>"},
  });
}

TEST(Evaluator, ErrorsReachTryAndCan) {
  expect_all({
      {"try(tonumber(\"x\"), 5)", "5"}, {"try(local_unknown_missing, 1)", "<unknown>"},
      {"can(tonumber(\"x\"))", "false"}, {"can(tonumber(\"1\"))", "true"},
      {"try({a = 1}.b, \"default\")", "\"default\""}, {"try([1][3], [2][0])", "2"},
      {"[1, element([], 0)]", "<error: Call to function \"element\" failed: cannot use element function with an "
                              "empty list>"},
  });
}

TEST(Evaluator, SensitivityPropagates) {
  MapScope scope;
  scope.roots["var"] = Value::object({{"password", Value::string("hunter2").marked_sensitive(), {}},
                                      {"name", Value::string("db"), {}}});
  EvalContext context{&scope};
  auto eval = [&](std::string_view expr) { return Config("x = " + std::string(expr) + "\n").eval("x", context); };
  EXPECT_TRUE(eval("var.password").sensitive());
  EXPECT_FALSE(eval("var.name").sensitive());
  EXPECT_TRUE(eval("\"pw=${var.password}\"").sensitive());
  EXPECT_TRUE(eval("upper(var.password)").sensitive());
  EXPECT_TRUE(eval("jsonencode([{ value = var.password }])").sensitive());
  EXPECT_TRUE(eval("length(var.password) + 1").sensitive());
  EXPECT_TRUE(eval("var.password == \"x\"").sensitive());
  EXPECT_FALSE(eval("[var.password, var.name][1]").sensitive());
  EXPECT_TRUE(eval("[var.password, var.name][0]").sensitive());
  EXPECT_TRUE(eval("[for p in [var.password] : p][0]").sensitive());
  EXPECT_FALSE(eval("nonsensitive(var.password)").sensitive());
  EXPECT_TRUE(eval("sensitive(\"x\")").sensitive());
  EXPECT_FALSE(eval("try(var.name, var.password)").sensitive());
}

TEST(Evaluator, OriginsSurviveJsonencode) {
  Config config(
      "x = jsonencode([\n"
      "  {\n"
      "    name  = \"X\"\n"
      "    value = \"y\"\n"
      "  },\n"
      "])\n");
  ASSERT_TRUE(config.ok());
  Value v = config.eval("x");
  ASSERT_TRUE(v.is_string());
  EXPECT_EQ(v.as_string(), R"([{"name":"X","value":"y"}])");
  ASSERT_NE(v.encoded_from(), nullptr);
  const Value& element = v.encoded_from()->items()[0];
  EXPECT_EQ(config.line_of(element.origin()), 2u);
  EXPECT_EQ(config.line_of(element.member("name")->origin()), 3u);
  EXPECT_EQ(config.line_of(element.member("value")->origin()), 4u);
  EXPECT_EQ(config.line_of(element.members()[1].key_origin), 4u);
  // jsondecode gives the same structure back, origins included.
  Config round("x = jsondecode(jsonencode([{ name = \"X\" }]))\n");
  Value back = round.eval("x");
  EXPECT_EQ(render(back), R"([{"name":"X"}])");
  EXPECT_EQ(back.items()[0].member("name")->origin().range.begin, 36u);
}

TEST(Evaluator, JsonencodeOfPartlyUnknownKeepsStructure) {
  Config config("x = jsonencode([{ name = \"app\", image = aws_ecr_repository.app.repository_url }])\n");
  Value v = config.eval("x");
  EXPECT_FALSE(v.is_known());
  ASSERT_NE(v.encoded_from(), nullptr);
  const Value& container = v.encoded_from()->items()[0];
  EXPECT_EQ(container.member("name")->as_string(), "app");
  EXPECT_EQ(container.member("image")->symbol(), "aws_ecr_repository.app.repository_url");
}

TEST(Evaluator, ContainerEnvFromMergedLocals) {
  Config locals(
      "common_env = {\n"
      "  LOG_LEVEL = \"info\"\n"
      "  REGION    = \"eu-west-1\"\n"
      "}\n");
  MapScope scope;
  scope.roots["local"] = Value::object({{"common_env", locals.eval("common_env"), {}}});
  EvalContext context{&scope};
  Config task(
      "environment = [for k, v in merge(local.common_env, {\n"
      "  DB_HOST = aws_db_instance.main.address\n"
      "  REGION  = \"us-east-1\"\n"
      "}) : { name = k, value = v }]\n");
  ASSERT_TRUE(task.ok());
  Value env = task.eval("environment", context);
  ASSERT_TRUE(env.is_tuple());
  ASSERT_EQ(env.items().size(), 3u);
  struct Want {
    const char* name;
    const Config* name_file;
    uint32_t name_line;
    uint32_t value_line;
    const Config* value_file;
  };
  Want want[] = {{"DB_HOST", &task, 2, 2, &task}, {"LOG_LEVEL", &locals, 2, 2, &locals},
                 {"REGION", &task, 3, 3, &task}};
  for (size_t i = 0; i < 3; ++i) {
    const Value& item = env.items()[i];
    const Value* name = item.member("name");
    const Value* value = item.member("value");
    ASSERT_TRUE(name && value);
    EXPECT_EQ(name->as_string(), want[i].name);
    EXPECT_EQ(name->origin().file, want[i].name_file->source.get()) << want[i].name;
    EXPECT_EQ(want[i].name_file->line_of(name->origin()), want[i].name_line) << want[i].name;
    EXPECT_EQ(want[i].value_file->line_of(value->origin()), want[i].value_line) << want[i].name;
  }
  EXPECT_EQ(env.items()[0].member("value")->symbol(), "aws_db_instance.main.address");
  EXPECT_EQ(env.items()[2].member("value")->as_string(), "us-east-1");
}

TEST(Evaluator, TemplatefileOriginsPointIntoTheTemplate) {
  testing::MemoryFiles files;
  files.add("tpl/env.json.tftpl", "[\n  {\"name\": \"A\", \"value\": \"${a}\"}\n]\n");
  EvalContext context{nullptr, &files};
  Config config("x = jsondecode(templatefile(\"tpl/env.json.tftpl\", { a = \"1\" }))\n");
  Value v = config.eval("x", context);
  ASSERT_EQ(render(v), R"([{"name":"A","value":"1"}])");
  EXPECT_EQ(eval_expr("templatefile(\"tpl/env.json.tftpl\", {})", context),
            "<error: Invalid function argument: vars map does not contain key \"a\">");
  EXPECT_EQ(eval_expr("templatefile(\"missing\", {})", context),
            "<error: Call to function \"templatefile\" failed: no file exists at \"missing\">");
  Value t = Config("x = templatefile(\"tpl/env.json.tftpl\", { a = \"1\" })\n").eval("x", context);
  ASSERT_TRUE(t.is_string());
  EXPECT_EQ(t.origin().file, files.read("tpl/env.json.tftpl"));
}

// A template's syntax tree lives for one templatefile() call, and the
// values made from it outlive it: its bare-name keys view the template's
// text (which the file reader keeps for the run), quoted ones are copied
// (see Key). jsonencode's text is made on first read, from the object,
// after the call has returned: under AddressSanitizer (CI) a key left
// pointing into the freed tree fails here.
TEST(Evaluator, KeysWrittenInATemplateOutliveItsTree) {
  testing::MemoryFiles files;
  files.add("tpl/env.json.tftpl", "${jsonencode({name = a, \"awslogs-group\" = \"g\", port = 80})}");
  EvalContext context{nullptr, &files};
  Config config("x = templatefile(\"tpl/env.json.tftpl\", { a = \"web\" })\n");
  Value x = config.eval("x", context);
  for (int i = 0; i < 3; ++i) config.eval("x", context);  // more trees made and freed meanwhile
  ASSERT_TRUE(x.is_string());
  EXPECT_EQ(x.as_string(), R"({"awslogs-group":"g","name":"web","port":80})");
  ASSERT_NE(x.encoded_from(), nullptr);
  ASSERT_NE(x.encoded_from()->member("awslogs-group"), nullptr);
  EXPECT_EQ(x.encoded_from()->member("name")->as_string(), "web");
}

TEST(Evaluator, FileAndJsondecodeOriginsPointIntoTheFile) {
  testing::MemoryFiles files;
  files.add("task.json", "[\n  {\n    \"name\": \"web\"\n  }\n]\n");
  EvalContext context{nullptr, &files};
  Value v = Config("x = jsondecode(file(\"task.json\"))\n").eval("x", context);
  ASSERT_TRUE(v.is_tuple());
  const Value* name = v.items()[0].member("name");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->origin().file, files.read("task.json"));
  EXPECT_EQ(name->origin().file->position(name->origin().range.begin).line, 3u);
  EXPECT_EQ(eval_expr("fileexists(\"task.json\")", context), "true");
  EXPECT_EQ(eval_expr("fileexists(\"nope.json\")", context), "false");
  EXPECT_EQ(eval_expr("file(\"x\")"), "<unknown>");  // no reader: unknown, not an error
}

TEST(Evaluator, DeepNestingDoesNotCrash) {
  std::string expr(3000, '(');
  expr += "1";
  expr += std::string(3000, ')');
  std::string got = eval_expr(expr);
  EXPECT_TRUE(got == "<unknown>" || got == "1" || got.starts_with("<parse error")) << got;
}

}  // namespace
}  // namespace ecslint::eval

namespace ecslint::eval {
namespace {

// Assigning a value from inside itself must not free the source midway
// (ASan caught this in the task definition model).
TEST(Value, AssignmentFromOwnMemberIsSafe) {
  Value inner = Value::object({{"family", Value::string("api"), {}}});
  Value root = Value::object({{"taskDefinition", inner, {}}, {"other", Value::number(1), {}}});
  root = *root.member("taskDefinition");
  ASSERT_TRUE(root.is_object());
  EXPECT_EQ(root.member("family")->as_string(), "api");
  Value list = Value::tuple({Value::tuple({Value::string("x")})});
  list = list.items()[0];
  EXPECT_EQ(list.items()[0].as_string(), "x");
}

}  // namespace
}  // namespace ecslint::eval
