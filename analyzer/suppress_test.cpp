#include "analyzer/suppress.h"

#include <gtest/gtest.h>

namespace ecslint {
namespace {

struct Fixture {
  Workspace workspace;
  const SourceFile* file = nullptr;

  explicit Fixture(std::string_view text, std::string name = "main.tf") {
    LoadedFile loaded;
    loaded.source = std::make_unique<SourceFile>(name, text);
    loaded.parsed = name.ends_with(".json") ? grammar::parse_json(*loaded.source, grammar::Syntax::HclJson)
                                            : grammar::parse_hcl(*loaded.source);
    file = loaded.source.get();
    workspace.files.push_back(std::move(loaded));
  }

  // A finding of `rule` at the start of 1-based `line`.
  Finding at_line(std::string_view rule, uint32_t line) const {
    std::string_view text = file->line_text(line);
    uint32_t begin = uint32_t(text.data() - file->data());
    Finding f;
    f.rule = rule;
    f.location = {file, {begin, begin + uint32_t(text.size())}};
    f.message = "m";
    return f;
  }
};

RuleQuery all_known() {
  return {[](std::string_view id) { return id == "secret-plaintext" || id == "env-missing"; },
          [](std::string_view) { return true; }};
}

TEST(Suppress, CommentOnTheLineBeforeSuppresses) {
  Fixture fx("# ecslint-ignore: secret-plaintext\nx = 1\ny = 2\n");
  std::vector<Finding> findings = {fx.at_line("secret-plaintext", 2), fx.at_line("secret-plaintext", 3)};
  apply_suppressions(fx.workspace, findings, all_known());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(fx.file->position(findings[0].location.range.begin).line, 3u);
}

TEST(Suppress, TrailingCommentCoversOnlyItsLine) {
  Fixture fx("x = 1 // ecslint-ignore: secret-plaintext, env-missing\ny = 2\n");
  std::vector<Finding> findings = {fx.at_line("secret-plaintext", 1), fx.at_line("secret-plaintext", 2),
                                   fx.at_line("env-missing", 1)};
  apply_suppressions(fx.workspace, findings, all_known());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "secret-plaintext");
  EXPECT_EQ(fx.file->position(findings[0].location.range.begin).line, 2u);
}

TEST(Suppress, BlockCommentAndFileWideIgnore) {
  Fixture fx("/* ecslint-ignore-file: env-missing */\nx = 1\n\n\ny = 2\n");
  std::vector<Finding> findings = {fx.at_line("env-missing", 2), fx.at_line("env-missing", 5)};
  apply_suppressions(fx.workspace, findings, all_known());
  EXPECT_TRUE(findings.empty());
}

TEST(Suppress, UnusedIgnoreIsANotice) {
  Fixture fx("# ecslint-ignore: env-missing\nx = 1\n");
  std::vector<Finding> findings;
  apply_suppressions(fx.workspace, findings, all_known());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, kUnusedIgnoreRule);
  EXPECT_EQ(findings[0].severity, Severity::Notice);
  EXPECT_NE(findings[0].message.find("suppresses nothing"), std::string::npos);
}

TEST(Suppress, UnknownRuleIdIsANotice) {
  Fixture fx("x = 1 # ecslint-ignore: secret-plaintxt\n");
  std::vector<Finding> findings = {fx.at_line("secret-plaintext", 1)};
  apply_suppressions(fx.workspace, findings, all_known());
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_NE(findings[1].message.find("not a rule"), std::string::npos);
}

TEST(Suppress, IgnoreForARuleThatDidNotRunIsNotJudged) {
  Fixture fx("# ecslint-ignore: env-missing\nx = 1\n");
  std::vector<Finding> findings;
  RuleQuery query = all_known();
  query.ran = [](std::string_view) { return false; };
  apply_suppressions(fx.workspace, findings, query);
  EXPECT_TRUE(findings.empty());
}

TEST(Suppress, ReasonAfterIdsIsIgnored) {
  Fixture fx("# ecslint-ignore: env-missing -- set by the sidecar\nx = 1\n");
  std::vector<Finding> findings = {fx.at_line("env-missing", 2)};
  apply_suppressions(fx.workspace, findings, all_known());
  EXPECT_TRUE(findings.empty());
}

constexpr std::string_view kJson = R"({
  "resource": {
    "aws_ecs_task_definition": {
      "api": {
        "//": "ecslint-ignore: secret-plaintext -- rotated by hand",
        "container_definitions": "..."
      },
      "worker": {
        "container_definitions": "..."
      }
    }
  }
})";

TEST(Suppress, JsonCommentPropertyCoversItsObject) {
  Fixture fx(kJson, "main.tf.json");
  std::vector<Finding> findings = {fx.at_line("secret-plaintext", 6), fx.at_line("secret-plaintext", 9),
                                   fx.at_line("env-missing", 6)};
  apply_suppressions(fx.workspace, findings, all_known());
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].rule, "env-missing");
  EXPECT_EQ(findings[1].rule, "secret-plaintext");
  EXPECT_EQ(fx.file->position(findings[1].location.range.begin).line, 9u);  // the worker: another object
}

TEST(Suppress, JsonFileWideIgnoreOnlyAtTheRoot) {
  Fixture fx(R"({
  "//": "ecslint-ignore-file: env-missing",
  "locals": {"//": "ecslint-ignore-file: secret-plaintext", "a": 1}
})",
             "main.tf.json");
  std::vector<Finding> findings = {fx.at_line("env-missing", 3), fx.at_line("secret-plaintext", 1)};
  apply_suppressions(fx.workspace, findings, all_known());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "secret-plaintext");  // a nested ignore-file is not a directive
}

TEST(Suppress, UnusedJsonIgnoreIsANoticeAtTheProperty) {
  Fixture fx(kJson, "main.tf.json");
  std::vector<Finding> findings;
  apply_suppressions(fx.workspace, findings, all_known());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, kUnusedIgnoreRule);
  Position p = fx.file->position(findings[0].location.range.begin);
  EXPECT_EQ(p.line, 5u);
  EXPECT_EQ(p.column, 9u);
}

}  // namespace
}  // namespace ecslint
