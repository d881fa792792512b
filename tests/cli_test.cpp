// End-to-end tests of the ecslint binary: exit codes, output formats,
// relative paths, config and ignore handling, determinism across threads.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>
#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;

struct Result {
  int status = -1;
  std::string out;
};

// Runs a shell command; its exit status and standard output.
Result shell(const std::string& command) {
  Result run;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.out.append(buffer.data(), n);
  int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// Runs ecslint with `args` in directory `cwd`; stderr is folded into the output when asked.
Result ecslint(const std::string& cwd, const std::string& args, bool with_stderr = false) {
  return shell("cd '" + cwd + "' && '" + ECSLINT_BINARY + "' " + args + (with_stderr ? " 2>&1" : " 2>/dev/null"));
}

std::string fixture(const std::string& relative) { return std::string(ECSLINT_SOURCE_DIR) + "/fixtures/" + relative; }

fs::path scratch(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("ecslint_cli_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(Cli, CleanProjectExitsZero) {
  Result run = ecslint(fixture("example/infra"), "--rule tf-parse");
  EXPECT_EQ(run.status, 0) << run.out;
  EXPECT_NE(run.out.find("No problems found in 5 files."), std::string::npos) << run.out;
}

TEST(Cli, BrokenFileIsAFindingAndOtherFilesStillLoad) {
  Result run = ecslint(fixture("tf-parse/fires/two_files_one_broken"), "--format json");
  EXPECT_EQ(run.status, 1);
  auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["version"], 1);
  EXPECT_EQ(json["summary"]["files"], 2);
  ASSERT_EQ(json["findings"].size(), 1u);
  const auto& f = json["findings"][0];
  EXPECT_EQ(f["rule"], "tf-parse");
  EXPECT_EQ(f["severity"], "error");
  EXPECT_EQ(f["file"], "main.tf");
  EXPECT_EQ(f["line"], 3);
  EXPECT_EQ(f["column"], 16);
  for (const char* key : {"end_line", "end_column", "message", "related", "fix"}) EXPECT_TRUE(f.contains(key)) << key;
}

TEST(Cli, RepeatableOptionsTakeOneValueEachAndLeavePathsAlone) {
  fs::path dir = scratch("repeatable");
  fs::create_directories(dir / "broken");
  std::ofstream(dir / "broken" / "main.tf") << "x = 1 +\n";
  // `--rule ID PATH`: the path is a path, not a second rule id.
  Result run = ecslint(dir.string(), "--rule tf-parse broken --format json");
  EXPECT_EQ(run.status, 1) << run.out;
  ASSERT_EQ(nlohmann::json::parse(run.out)["findings"].size(), 1u);
  Result listed = ecslint(dir.string(), "--rule env-missing,tf-parse broken --format json");
  EXPECT_EQ(listed.status, 1) << listed.out;
  Result excluded = ecslint(dir.string(), "--exclude 'broken/*' . --format json");
  EXPECT_EQ(excluded.status, 0) << excluded.out;
  EXPECT_TRUE(nlohmann::json::parse(excluded.out)["findings"].empty());
}

TEST(Cli, TextFormatShowsPositionRuleSourceLineAndCaret) {
  Result run = ecslint(fixture("tf-parse/fires/missing_newline"), "--color never");
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.out.find("main.tf:2:16: error[tf-parse]: Missing newline after argument"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find(" 2 |   name = \"api\" desired_count = 2\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("   |                ^^^^^^^^^^^^^\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Found 1 error, 0 warnings, 0 notices in 1 file."), std::string::npos) << run.out;
}

TEST(Cli, FilePathsAreRelativeToTheWorkingDirectory) {
  Result run = ecslint(std::string(ECSLINT_SOURCE_DIR) + "/fixtures", "--format json tf-parse/fires/missing_newline");
  auto json = nlohmann::json::parse(run.out);
  ASSERT_EQ(json["findings"].size(), 1u);
  EXPECT_EQ(json["findings"][0]["file"], "tf-parse/fires/missing_newline/main.tf");
}

TEST(Cli, ExitStatusFollowsFailOn) {
  std::string dir = fixture("tf-parse/fires/missing_newline");
  EXPECT_EQ(ecslint(dir, "--fail-on never").status, 0);
  EXPECT_EQ(ecslint(dir, "--fail-on warning").status, 1);
  EXPECT_EQ(ecslint(dir, "--fail-on bogus").status, 2);
}

TEST(Cli, UsageAndIoErrorsExitTwo) {
  std::string dir = fixture("example/infra");
  EXPECT_EQ(ecslint(dir, "does-not-exist").status, 2);
  EXPECT_EQ(ecslint(dir, "--rule no-such-rule").status, 2);
  EXPECT_EQ(ecslint(dir, "--no-such-flag").status, 2);
}

TEST(Cli, ConfigErrorsAreReportedWithPositionAndExitTwo) {
  fs::path dir = scratch("config");
  std::ofstream(dir / "main.tf") << "x = 1\n";
  std::ofstream(dir / ".ecslint.hcl") << "rule \"tf-parse\" {\n  enabled = false\n  colour = \"red\"\n}\n";
  Result run = ecslint(dir.string(), "", true);
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.out.find(".ecslint.hcl:3:3: error: unknown setting 'colour'"), std::string::npos) << run.out;
}

TEST(Cli, ConfigCanDisableARuleAndChangeItsSeverity) {
  fs::path dir = scratch("config_rules");
  std::ofstream(dir / "main.tf") << "x = 1 +\n";
  std::ofstream(dir / ".ecslint.hcl") << "rule \"tf-parse\" { severity = \"warning\" }\n";
  Result warned = ecslint(dir.string(), "--format json");
  EXPECT_EQ(warned.status, 0);
  EXPECT_EQ(nlohmann::json::parse(warned.out)["findings"][0]["severity"], "warning");
  std::ofstream(dir / ".ecslint.hcl") << "rule \"tf-parse\" { enabled = false }\n";
  Result disabled = ecslint(dir.string(), "--format json");
  EXPECT_EQ(disabled.status, 0);
  EXPECT_TRUE(nlohmann::json::parse(disabled.out)["findings"].empty());
}

TEST(Cli, IgnoreCommentSuppressesAndUnusedIgnoreIsANotice) {
  fs::path dir = scratch("ignore");
  std::ofstream(dir / "main.tf") << "# ecslint-ignore: tf-parse\nx = 1 +\n";
  std::ofstream(dir / "other.tf") << "# ecslint-ignore: tf-parse\ny = 1\n";
  Result run = ecslint(dir.string(), "--format json");
  EXPECT_EQ(run.status, 0) << run.out;
  auto findings = nlohmann::json::parse(run.out)["findings"];
  ASSERT_EQ(findings.size(), 1u) << findings.dump(2);
  EXPECT_EQ(findings[0]["rule"], "unused-ignore");
  EXPECT_EQ(findings[0]["file"], "other.tf");
  EXPECT_EQ(findings[0]["severity"], "notice");
}

TEST(Cli, SkipsToolDirectories) {
  fs::path dir = scratch("skips");
  for (const char* sub : {".terraform", ".git", "node_modules"}) {
    fs::create_directories(dir / sub);
    std::ofstream(dir / sub / "broken.tf") << "x = \n";
  }
  std::ofstream(dir / "main.tf") << "x = 1\n";
  Result run = ecslint(dir.string(), "--format json");
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(nlohmann::json::parse(run.out)["summary"]["files"], 1);
}

TEST(Cli, OutputIsIdenticalAcrossThreadCounts) {
  std::string dir = fixture("tf-parse");
  Result one = ecslint(dir, "--format json -j 1");
  Result two = ecslint(dir, "--format json -j 2");
  Result again = ecslint(dir, "--format json -j 2");
  EXPECT_EQ(one.out, two.out);
  EXPECT_EQ(two.out, again.out);
  EXPECT_FALSE(nlohmann::json::parse(one.out)["findings"].empty());
}

// The numbers after a phase's name in ECSLINT_TIMING's table or trace.
std::vector<double> phase_numbers(const std::string& text, const std::string& table_header, const std::string& phase) {
  size_t at = text.find(table_header);
  if (at == std::string::npos) return {};
  at = text.find("\n" + phase + " ", at);
  if (at == std::string::npos) return {};
  std::istringstream line(text.substr(at + 1 + phase.size(), text.find('\n', at + 1) - at - 1 - phase.size()));
  std::vector<double> numbers;
  for (double n; line >> n;) numbers.push_back(n);
  return numbers;
}

// ECSLINT_TIMING goes to stderr and leaves the report alone: per phase its
// time, calls and the page faults taken meanwhile; with `trace`, each
// phase's interval on its thread.
TEST(Cli, TimingCountsPhasesAndFaultsAndTracesOnRequest) {
  std::string dir = fixture("example");
  std::string run = "cd '" + dir + "' && ECSLINT_TIMING=";
  std::string lint = " '" + std::string(ECSLINT_BINARY) + "' --format json";
  Result plain = ecslint(dir, "--format json");
  Result table = shell(run + "1" + lint + " 2>&1 >/dev/null");
  std::vector<double> projects = phase_numbers(table.out, "phase (nested phases overlap)", "lint projects");
  ASSERT_EQ(projects.size(), 3u) << table.out;  // ms, calls, faults
  EXPECT_EQ(projects[1], 1);
  EXPECT_GT(projects[2], 0) << "a lint touches fresh memory";
  EXPECT_EQ(table.out.find("trace: phase"), std::string::npos);

  fs::path trace_file = scratch("timing") / "stderr.txt";
  Result traced = shell(run + "trace" + lint + " 2>'" + trace_file.string() + "'");
  EXPECT_EQ(traced.out, plain.out);  // the report is the same with timings on
  std::ifstream in(trace_file);
  std::string trace((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<double> interval = phase_numbers(trace, "trace: phase", "lint projects");
  ASSERT_EQ(interval.size(), 3u) << trace;  // thread, begin ms, end ms
  EXPECT_LE(interval[1], interval[2]);
}

// Several projects are linted one at a time (analyzer/projects.h); together
// they report exactly what each reports alone, at every thread count, and
// ignore comments work inside each.
TEST(Cli, ProjectsLintedTogetherReportWhatEachReportsAlone) {
  fs::path dir = scratch("projects");
  const char* cases[] = {"example", "secret-json-key/fires/not_json_secret", "efs-nfs-ingress/fires/wrong_port",
                         "env-missing/fires/compose_service"};
  std::string all_args;
  std::vector<nlohmann::json> alone;
  for (size_t i = 0; i < std::size(cases); ++i) {
    std::string name = "p" + std::to_string(i);
    fs::copy(fixture(cases[i]), dir / name, fs::copy_options::recursive);
    std::ofstream(dir / name / "LICENSE") << "MIT\n";
    all_args += " " + name;
    alone.push_back(nlohmann::json::parse(ecslint(dir.string(), "--format json " + name).out)["findings"]);
    EXPECT_FALSE(alone.back().empty()) << cases[i];
  }
  nlohmann::json expected = nlohmann::json::array();
  for (const nlohmann::json& findings : alone)
    for (const nlohmann::json& f : findings) expected.push_back(f);
  // --fail-on never: exit 0, which LeakSanitizer (the unit tests' second
  // CI pass) turns into a failure when the run leaks.
  Result one = ecslint(dir.string(), "--format json --fail-on never -j 1" + all_args);
  Result two = ecslint(dir.string(), "--format json --fail-on never -j 2");
  EXPECT_EQ(one.status, 0);
  EXPECT_EQ(two.status, 0);
  EXPECT_EQ(nlohmann::json::parse(one.out)["findings"], expected);
  EXPECT_EQ(nlohmann::json::parse(two.out)["findings"], expected);
  EXPECT_EQ(nlohmann::json::parse(two.out)["summary"]["files"], nlohmann::json::parse(one.out)["summary"]["files"]);
}

// Projects are first found by their roots alone; one whose module call
// reaches into another project is linted again together with it, so the
// module is checked with the caller's inputs, as when that group is linted
// on its own.
TEST(Cli, ProjectsJoinedByAModuleCallAreLintedTogether) {
  fs::path dir = scratch("joined_projects");
  fs::create_directories(dir / "app");
  fs::create_directories(dir / "shared/modules/svc");
  std::ofstream(dir / "app/LICENSE") << "MIT\n";
  std::ofstream(dir / "shared/LICENSE") << "MIT\n";
  std::ofstream(dir / "app/main.tf") << R"(module "svc" {
  source    = "../shared/modules/svc"
  redis_url = "redis://127.0.0.1/0"
}
)";
  std::ofstream(dir / "shared/modules/svc/main.tf") << R"(variable "redis_url" {}
resource "aws_ecs_task_definition" "client" {
  family = "client"
  container_definitions = jsonencode([{
    name         = "client"
    image        = "example/client:2.0"
    portMappings = [{ containerPort = 80 }]
    environment  = [{ name = "REDIS_URL", value = var.redis_url }]
  }])
}
)";
  fs::copy(fixture("secret-json-key/fires/not_json_secret"), dir / "other", fs::copy_options::recursive);
  std::ofstream(dir / "other/LICENSE") << "MIT\n";
  auto rules_of = [](const Result& r) {
    std::vector<std::string> out;
    nlohmann::json report = nlohmann::json::parse(r.out);
    for (const nlohmann::json& f : report["findings"])
      out.push_back(f["rule"].get<std::string>() + " " + f["file"].get<std::string>());
    return out;
  };
  // The module alone does not know the URL; with its caller it does.
  EXPECT_EQ(rules_of(ecslint(dir.string(), "--format json shared")), std::vector<std::string>{});
  std::vector<std::string> together = rules_of(ecslint(dir.string(), "--format json app shared"));
  EXPECT_EQ(together, std::vector<std::string>{"env-localhost-url app/main.tf"});
  std::vector<std::string> other = rules_of(ecslint(dir.string(), "--format json other"));
  ASSERT_FALSE(other.empty());
  std::vector<std::string> expected = together;
  expected.insert(expected.end(), other.begin(), other.end());
  std::sort(expected.begin(), expected.end());
  for (const char* threads : {"-j 1", "-j 2"}) {
    Result all = ecslint(dir.string(), std::string("--format json ") + threads);
    std::vector<std::string> found = rules_of(all);
    std::sort(found.begin(), found.end());
    EXPECT_EQ(found, expected) << threads;
    EXPECT_EQ(nlohmann::json::parse(all.out)["summary"]["files"], 3) << threads;
  }
}

// `contracts` reads one project at a time too (analyzer/projects.h); an app
// the config maps is shown once, with its containers from every project,
// as when the workspace was read whole, and the same at every thread count.
TEST(Cli, ContractsOfSeveralProjectsShowAConfiguredAppOnce) {
  fs::path dir = scratch("contracts_projects");
  fs::create_directories(dir / "code");
  std::ofstream(dir / ".ecslint.hcl") << "app \"svc\" {\n  source     = \"code\"\n  containers = [\"svc\"]\n}\n";
  std::ofstream(dir / "code/main.py") << "import os\nurl = os.environ[\"DATABASE_URL\"]\n";
  for (const char* project : {"p1", "p2"}) {
    fs::create_directories(dir / project);
    std::ofstream(dir / project / "LICENSE") << "MIT\n";
    std::string variable = std::string(project) == "p1" ? "DATABASE_URL" : "POSTGRES_HOST";
    std::ofstream(dir / project / "main.tf") << "resource \"aws_ecs_task_definition\" \"svc\" {\n"
                                                "  family = \"svc\"\n"
                                                "  container_definitions = jsonencode([{\n"
                                                "    name        = \"svc\"\n"
                                                "    image       = \"example/svc:1.0\"\n"
                                                "    environment = [{ name = \"" + variable + "\", value = \"x\" }]\n"
                                                "  }])\n"
                                                "}\n";
  }
  Result one = ecslint(dir.string(), "contracts -f json -j 1");
  Result two = ecslint(dir.string(), "contracts -f json -j 2");
  ASSERT_EQ(one.status, 0);
  EXPECT_EQ(one.out, two.out);
  nlohmann::json report = nlohmann::json::parse(one.out);
  ASSERT_EQ(report["apps"].size(), 1u);
  const nlohmann::json& containers = report["apps"][0]["containers"];
  ASSERT_EQ(containers.size(), 2u);
  EXPECT_EQ(containers[0]["location"], "p1/main.tf:3");
  EXPECT_EQ(containers[0]["variables"][0]["status"], "ok");
  EXPECT_EQ(containers[1]["location"], "p2/main.tf:3");
  EXPECT_EQ(containers[1]["variables"][0]["name"], "DATABASE_URL");
  EXPECT_EQ(containers[1]["variables"][0]["status"], "MISSING");
  // Each project alone shows its own container only.
  nlohmann::json alone = nlohmann::json::parse(ecslint(dir.string(), "contracts -f json p2").out);
  ASSERT_EQ(alone["apps"][0]["containers"].size(), 1u);
  EXPECT_EQ(alone["apps"][0]["containers"][0], containers[1]);
}

TEST(Cli, RulesAndExplain) {
  std::string dir = fixture("tf-parse");
  Result rules = ecslint(dir, "rules");
  EXPECT_EQ(rules.status, 0);
  EXPECT_NE(rules.out.find("tf-parse"), std::string::npos);
  Result explain = ecslint(dir, "explain tf-parse");
  EXPECT_EQ(explain.status, 0);
  EXPECT_TRUE(explain.out.starts_with("# tf-parse\n"));
  EXPECT_EQ(ecslint(dir, "explain nope").status, 2);
}

}  // namespace

namespace {

TEST(Cli, BaselineHidesKnownFindingsEvenWhenTheyMove) {
  fs::path dir = scratch("baseline");
  std::ofstream(dir / "main.tf") << "x = 1 +\n";
  Result write = ecslint(dir.string(), "--baseline-write baseline.json");
  EXPECT_EQ(write.status, 0);
  EXPECT_EQ(ecslint(dir.string(), "--baseline baseline.json").status, 0);
  // The same broken text three lines down is still the known finding ...
  std::ofstream(dir / "main.tf") << "# moved\n\n\nx = 1 +\n";
  EXPECT_EQ(ecslint(dir.string(), "--baseline baseline.json").status, 0);
  // ... a new broken line is not.
  std::ofstream(dir / "other.tf") << "y = [1 2]\n";
  Result fresh = ecslint(dir.string(), "--baseline baseline.json --format json");
  EXPECT_EQ(fresh.status, 1);
  auto findings = nlohmann::json::parse(fresh.out)["findings"];
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0]["file"], "other.tf");
  EXPECT_EQ(ecslint(dir.string(), "--baseline missing.json").status, 2);
}

}  // namespace

namespace {

// "Never print a secret's value": not in the message, not in a code frame,
// in no output format.
TEST(Cli, SecretValuesAreNeverPrinted) {
  std::string dir = fixture("secret-plaintext/fires/seed_broken_env");
  for (const char* format : {"text", "json", "sarif", "junit", "checkstyle", "github"}) {
    Result run = ecslint(dir, std::string("--color never --rule secret-plaintext --format ") + format);
    EXPECT_EQ(run.status, 1) << format;
    EXPECT_NE(run.out.find("CONSOLE_PASSWORD"), std::string::npos) << format << ": the finding names the variable";
    EXPECT_EQ(run.out.find("\"admin\""), std::string::npos) << format << " printed the secret:\n" << run.out;
  }
}

}  // namespace
