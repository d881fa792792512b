#include "analyzer/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace ecslint {
namespace {

// Each test writes its own file: ctest runs tests in parallel processes.
Config load_text(const std::string& text, std::vector<ConfigError>& errors) {
  auto dir = std::filesystem::temp_directory_path() /
             ("ecslint_config_test_" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()));
  std::filesystem::create_directories(dir);
  auto path = (dir / ".ecslint.hcl").string();
  std::ofstream(path) << text;
  return load_config(path, errors);
}

TEST(Config, ReadsRulesAppsVarfilesAndExcludes) {
  std::vector<ConfigError> errors;
  Config config = load_text(R"(
rule "secret-plaintext" {
  enabled = false
}
rule "env-unused" { severity = "notice" }
app "api" {
  source     = "services/api"
  containers = ["api", "worker"]
  language   = "python"
}
varfile = ["env/prod.tfvars"]
exclude = ["legacy/**"]
)",
                            errors);
  ASSERT_TRUE(errors.empty()) << errors[0].message;
  ASSERT_EQ(config.rules.size(), 2u);
  EXPECT_EQ(config.rules["secret-plaintext"].enabled, false);
  EXPECT_EQ(config.rules["env-unused"].severity, "notice");
  ASSERT_EQ(config.apps.size(), 1u);
  EXPECT_EQ(config.apps[0].name, "api");
  EXPECT_EQ(config.apps[0].source, "services/api");
  EXPECT_EQ(config.apps[0].containers, (std::vector<std::string>{"api", "worker"}));
  EXPECT_EQ(config.varfiles, (std::vector<std::string>{"env/prod.tfvars"}));
  EXPECT_EQ(config.excludes, (std::vector<std::string>{"legacy/**"}));
}

TEST(Config, UnknownKeysAreErrorsWithPosition) {
  std::vector<ConfigError> errors;
  load_text("rule \"env-missing\" {\n  enable = false\n}\nexclude = \"x\"\nfoo {}\n", errors);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].position.line, 2u);
  EXPECT_EQ(errors[0].position.column, 3u);
  EXPECT_NE(errors[0].message.find("unknown setting 'enable'"), std::string::npos);
  EXPECT_EQ(errors[1].position.line, 4u);
  EXPECT_EQ(errors[1].position.column, 11u);
  EXPECT_EQ(errors[2].position.line, 5u);
}

TEST(Config, BadSeverityAndSyntaxErrors) {
  std::vector<ConfigError> errors;
  load_text("rule \"env-missing\" {\n  severity = \"fatal\"\n}\n", errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].position.line, 2u);
  EXPECT_EQ(errors[0].position.column, 14u);
  errors.clear();
  load_text("rule \"x\" {\n", errors);
  EXPECT_FALSE(errors.empty());
}

}  // namespace
}  // namespace ecslint
