// The fixture runner (ruff's fixtures, clang-tidy's check driver):
//   fixtures/<rule-id>/fires/<case>/   must produce exactly expected.json
//   fixtures/<rule-id>/silent/<case>/  must produce nothing
// Only the rule under test runs, with no configuration from outside the case.
// A case may name a shared repository in a `scenario` file (a folder under
// fixtures/) instead of holding its own copy; see fixtures/scenarios/README.md.
// ECSLINT_UPDATE_EXPECTED=1 rewrites expected.json files: review the diff.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analyzer/model.h"
#include "analyzer/report/reporter.h"
#include "analyzer/workspace.h"
#include "rules/runner.h"

namespace ecslint {
namespace {

namespace fs = std::filesystem;

struct FixtureCase {
  std::string rule;
  std::string kind;  // "fires" or "silent"
  fs::path dir;
};

void PrintTo(const FixtureCase& c, std::ostream* os) { *os << c.dir.string(); }

std::vector<FixtureCase> discover_cases() {
  std::vector<FixtureCase> cases;
  fs::path root = fs::path(ECSLINT_SOURCE_DIR) / "fixtures";
  for (const auto& rule_dir : fs::directory_iterator(root)) {
    std::string rule = rule_dir.path().filename().string();
    if (!rules::is_known_rule(rule)) continue;  // example projects, scanner inputs
    for (std::string kind : {"fires", "silent"}) {
      fs::path kind_dir = rule_dir.path() / kind;
      if (!fs::is_directory(kind_dir)) continue;
      for (const auto& case_dir : fs::directory_iterator(kind_dir))
        if (case_dir.is_directory()) cases.push_back({rule, kind, case_dir.path()});
    }
  }
  std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.dir < b.dir; });
  return cases;
}

// The folder a case lints: its own, or the scenario it names.
fs::path linted_dir(const FixtureCase& c) {
  std::ifstream scenario(c.dir / "scenario");
  std::string relative;
  if (scenario && std::getline(scenario, relative) && !relative.empty())
    return fs::path(ECSLINT_SOURCE_DIR) / "fixtures" / relative;
  return c.dir;
}

nlohmann::json lint_case(const FixtureCase& c) {
  fs::path dir = linted_dir(c);
  EXPECT_TRUE(fs::is_directory(dir)) << dir;
  LoadOptions load;
  load.paths = {dir.string()};
  load.display_base = dir.string();
  Workspace workspace = load_workspace(load);
  EXPECT_TRUE(workspace.errors.empty()) << c.dir;
  Model model(workspace);
  rules::RuleSelection selection;
  selection.only = {c.rule};
  std::vector<Finding> findings = rules::run_rules(model, selection);
  std::ostringstream out;
  report::write_json(out, findings, {workspace.files.size(), &workspace.errors});
  return nlohmann::json::parse(out.str())["findings"];
}

class Fixture : public testing::TestWithParam<FixtureCase> {};

TEST_P(Fixture, MatchesExpectation) {
  const FixtureCase& c = GetParam();
  nlohmann::json actual = lint_case(c);
  if (c.kind == "silent") {
    EXPECT_TRUE(actual.empty()) << "silent case produced findings:\n" << actual.dump(2);
    return;
  }
  EXPECT_FALSE(actual.empty()) << "a fires case must produce findings";
  fs::path expected_path = c.dir / "expected.json";
  if (std::getenv("ECSLINT_UPDATE_EXPECTED")) {
    std::ofstream(expected_path) << nlohmann::json{{"findings", actual}}.dump(2) << '\n';
    return;
  }
  std::ifstream in(expected_path);
  ASSERT_TRUE(in) << expected_path << " is missing (run with ECSLINT_UPDATE_EXPECTED=1 and review it)";
  nlohmann::json expected = nlohmann::json::parse(in)["findings"];
  EXPECT_EQ(actual, expected) << "actual:\n" << actual.dump(2) << "\nexpected:\n" << expected.dump(2);
}

std::string case_name(const testing::TestParamInfo<FixtureCase>& info) {
  std::string name = info.param.rule + "_" + info.param.kind + "_" + info.param.dir.filename().string();
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Rules, Fixture, testing::ValuesIn(discover_cases()), case_name);

}  // namespace
}  // namespace ecslint
