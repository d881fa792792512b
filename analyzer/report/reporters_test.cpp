// The machine-readable reporters (SARIF, JUnit, Checkstyle, GitHub): exact
// output for a few hand-built findings, escaping, determinism, and SARIF
// validated against the official 2.1.0 schema.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "analyzer/report/json_schema_test_support.h"
#include "analyzer/report/reporter.h"

namespace ecslint::report {
namespace {

using nlohmann::json;

// Two files, three findings: an error with a related location in the other
// file and a fix (non-ASCII text, so columns differ from bytes), a warning,
// and a notice whose message needs escaping everywhere.
struct Sample {
  SourceFile tf{"infra/main.tf",
                "resource \"aws_ecs_task_definition\" \"app\" {\n"
                "  family = \"caf\xC3\xA9-\xC3\xBC\"\n"
                "  cpu    = 256\n"
                "}\n"};
  SourceFile task{"task defs/task.json", "{\n  \"family\": \"app\"\n}\n"};
  std::vector<Finding> findings;
  std::vector<LoadError> load_errors;

  static Range find(const SourceFile& file, std::string_view needle) {
    size_t at = file.text().find(needle);
    EXPECT_NE(at, std::string_view::npos) << needle;
    return {uint32_t(at), uint32_t(at + needle.size())};
  }

  Sample() {
    Finding& a = findings.emplace_back();
    a.rule = "taskdef-family-mismatch";
    a.severity = Severity::Error;
    a.location = {&tf, find(tf, "\"caf\xC3\xA9-\xC3\xBC\"")};
    a.message = "family \"caf\xC3\xA9-\xC3\xBC\" differs from <task> & 'json'";
    a.related.push_back({{&task, find(task, "\"app\"")}, "task definition family is here"});
    Fix fix;
    fix.description = "Use \"app\"";
    fix.applicability = Applicability::Unsafe;
    fix.edits.push_back({&tf, a.location.range, "\"app\""});
    a.fix = std::move(fix);

    Finding& b = findings.emplace_back();
    b.rule = "taskdef-cpu-size";
    b.severity = Severity::Warning;
    b.location = {&tf, find(tf, "256")};
    b.message = "cpu 256 is below the 512 the service needs";

    Finding& c = findings.emplace_back();
    c.rule = "env-unused";
    c.severity = Severity::Notice;
    c.location = {&task, find(task, "\"family\": \"app\"")};
    c.message = "100% unused: a,b:c\nsecond line\r";
  }

  RunSummary run(bool with_load_errors = false) {
    if (with_load_errors && load_errors.empty()) load_errors.push_back({"missing dir/x.tf", "no such file"});
    return {2, &load_errors};
  }
};

const RuleDescription kRules[] = {
    {"env-unused", "Environment variable set but never read", Severity::Notice, {}},
    {"taskdef-cpu-size", "CPU below what the service needs", Severity::Warning, {}},
    {"taskdef-family-mismatch", "Task family differs between Terraform and JSON", Severity::Error,
     "https://example.com/docs/rules/taskdef-family-mismatch.md"},
};

std::string sarif(const std::vector<Finding>& findings, const RunSummary& run) {
  std::ostringstream out;
  write_sarif(out, findings, run, kRules);
  return out.str();
}

template <typename Writer>
std::string render(Writer writer, const std::vector<Finding>& findings, const RunSummary& run) {
  std::ostringstream out;
  writer(out, findings, run);
  return out.str();
}

// ---------------------------------------------------------------- escaping

TEST(ReportEscape, Xml) {
  EXPECT_EQ(xml_escape("a<b>&\"c\"'d'", false), "a&lt;b&gt;&amp;\"c\"'d'");
  EXPECT_EQ(xml_escape("a<b>&\"c\"'d'", true), "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
  EXPECT_EQ(xml_escape("l1\nl2\tx\ry", true), "l1&#10;l2&#9;x&#13;y");
  EXPECT_EQ(xml_escape("l1\nl2\tx\ry", false), "l1\nl2\tx&#13;y");
  // Characters XML 1.0 cannot carry, and ill-formed UTF-8, become U+FFFD.
  EXPECT_EQ(xml_escape(std::string("a\x01" "b\x00" "c", 5), false), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
  EXPECT_EQ(xml_escape("x\xFFy\xC3", false), "x\xEF\xBF\xBDy\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape("caf\xC3\xA9 \xF0\x9F\x9A\x80", true), "caf\xC3\xA9 \xF0\x9F\x9A\x80");
}

TEST(ReportEscape, Utf8) {
  EXPECT_EQ(valid_utf8("ok \xC3\xA9"), "ok \xC3\xA9");
  EXPECT_EQ(valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");      // overlong
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
}

TEST(ReportEscape, JsonString) {
  auto json = [](std::string_view text) {
    std::string out;
    append_json_string(out, text);
    return out;
  };
  // What nlohmann::json's dump() writes: no HTML escapes, '/' and DEL as they are.
  EXPECT_EQ(json("a\"b\\c/<&>\x7F"), "\"a\\\"b\\\\c/<&>\x7F\"");
  EXPECT_EQ(json("\b\f\n\r\t"), "\"\\b\\f\\n\\r\\t\"");
  EXPECT_EQ(json(std::string("\x01\x1f\x00", 3)), "\"\\u0001\\u001f\\u0000\"");
  EXPECT_EQ(json("caf\xC3\xA9 \xF0\x9F\x9A\x80"), "\"caf\xC3\xA9 \xF0\x9F\x9A\x80\"");
  EXPECT_EQ(json("x\xFFy\xC0\xAF"), "\"x\xEF\xBF\xBDy\xEF\xBF\xBD\xEF\xBF\xBD\"");  // ill-formed, overlong
}

TEST(ReportEscape, GitHub) {
  EXPECT_EQ(github_escape_data("100%: a,b\r\nc"), "100%25: a,b%0D%0Ac");
  EXPECT_EQ(github_escape_property("100%: a,b\r\nc"), "100%25%3A a%2Cb%0D%0Ac");
}

TEST(ReportEscape, PathToUri) {
  EXPECT_EQ(path_to_uri("infra/main.tf"), "infra/main.tf");
  EXPECT_EQ(path_to_uri("./infra/main.tf"), "infra/main.tf");
  EXPECT_EQ(path_to_uri("task defs/t\xC3\xA9.json"), "task%20defs/t%C3%A9.json");
  EXPECT_EQ(path_to_uri("a:b/50%.tf"), "a%3Ab/50%25.tf");
  EXPECT_EQ(path_to_uri("/abs/x y.tf"), "file:///abs/x%20y.tf");
  EXPECT_EQ(path_to_uri("C:\\src\\main.tf"), "file:///C:/src/main.tf");
  EXPECT_EQ(path_to_uri("..\\up\\main.tf"), "../up/main.tf");
}

// ---------------------------------------------------------------- SARIF

TEST(SarifReporter, Structure) {
  Sample s;
  json root = json::parse(sarif(s.findings, s.run()));
  EXPECT_EQ(root["version"], "2.1.0");
  EXPECT_EQ(root["$schema"],
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
  ASSERT_EQ(root["runs"].size(), 1u);
  const json& run = root["runs"][0];
  EXPECT_EQ(run["columnKind"], "unicodeCodePoints");
  EXPECT_EQ(run["tool"]["driver"]["name"], "ecslint");
  EXPECT_EQ(run["tool"]["driver"]["version"], kToolVersion);
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], true);

  const json& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[0]["id"], "env-unused");
  EXPECT_EQ(rules[0]["shortDescription"]["text"], "Environment variable set but never read");
  EXPECT_EQ(rules[0]["defaultConfiguration"]["level"], "note");
  EXPECT_FALSE(rules[0].contains("helpUri"));  // no absolute docs base configured
  EXPECT_EQ(rules[0]["help"]["text"], "See docs/rules/env-unused.md in the ecslint sources.");
  EXPECT_EQ(rules[1]["defaultConfiguration"]["level"], "warning");
  EXPECT_EQ(rules[2]["helpUri"], "https://example.com/docs/rules/taskdef-family-mismatch.md");

  const json& results = run["results"];
  ASSERT_EQ(results.size(), 3u);
  const json& a = results[0];
  EXPECT_EQ(a["ruleId"], "taskdef-family-mismatch");
  EXPECT_EQ(a["ruleIndex"], 2);
  EXPECT_EQ(a["level"], "error");
  EXPECT_EQ(a["message"]["text"], "family \"caf\xC3\xA9-\xC3\xBC\" differs from <task> & 'json'");
  const json& loc = a["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"], json({{"uri", "infra/main.tf"}, {"uriBaseId", "%SRCROOT%"}}));
  // Code-point columns: "café-ü" with quotes is 8 code points, 10 bytes.
  EXPECT_EQ(loc["region"], json({{"startLine", 2}, {"startColumn", 12}, {"endLine", 2}, {"endColumn", 20}}));
  const json& rel = a["relatedLocations"][0];
  EXPECT_EQ(rel["id"], 1);
  EXPECT_EQ(rel["message"]["text"], "task definition family is here");
  EXPECT_EQ(rel["physicalLocation"]["artifactLocation"]["uri"], "task%20defs/task.json");
  EXPECT_EQ(rel["physicalLocation"]["region"],
            json({{"startLine", 2}, {"startColumn", 13}, {"endLine", 2}, {"endColumn", 18}}));
  const json& fix = a["fixes"][0];
  EXPECT_EQ(fix["description"]["text"], "Use \"app\"");
  EXPECT_EQ(fix["properties"]["applicability"], "unsafe");
  const json& change = fix["artifactChanges"][0];
  EXPECT_EQ(change["artifactLocation"]["uri"], "infra/main.tf");
  EXPECT_EQ(change["replacements"][0]["deletedRegion"],
            json({{"startLine", 2},
                  {"startColumn", 12},
                  {"endLine", 2},
                  {"endColumn", 20},
                  {"byteOffset", 54},
                  {"byteLength", 10}}));
  EXPECT_EQ(change["replacements"][0]["insertedContent"]["text"], "\"app\"");
  EXPECT_TRUE(a["partialFingerprints"]["ecslint/v1"].get<std::string>().ends_with(":1"));

  EXPECT_EQ(results[1]["level"], "warning");
  EXPECT_FALSE(results[1].contains("fixes"));
  EXPECT_FALSE(results[1].contains("relatedLocations"));
  EXPECT_EQ(results[2]["level"], "note");
  EXPECT_EQ(results[2]["message"]["text"], "100% unused: a,b:c\nsecond line\r");
}

TEST(SarifReporter, ExactOutputForOneFinding) {
  SourceFile file("main.tf", "a = 1\n");
  Finding f;
  f.rule = "env-unused";
  f.severity = Severity::Notice;
  f.location = {&file, {4, 5}};
  f.message = "unused";
  std::vector<RuleDescription> rules = {{"env-unused", "Unused", Severity::Notice, {}}};
  std::ostringstream out;
  std::vector<LoadError> no_errors;
  write_sarif(out, {f}, {1, &no_errors}, rules);
  EXPECT_EQ(out.str(), R"({
  "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
  "version": "2.1.0",
  "runs": [
    {
      "tool": {
        "driver": {
          "name": "ecslint",
          "version": "0.1.0",
          "semanticVersion": "0.1.0",
          "rules": [
            {
              "id": "env-unused",
              "shortDescription": {
                "text": "Unused"
              },
              "help": {
                "text": "See docs/rules/env-unused.md in the ecslint sources."
              },
              "defaultConfiguration": {
                "level": "note"
              }
            }
          ]
        }
      },
      "invocations": [
        {
          "executionSuccessful": true
        }
      ],
      "columnKind": "unicodeCodePoints",
      "results": [
        {
          "ruleId": "env-unused",
          "ruleIndex": 0,
          "level": "note",
          "message": {
            "text": "unused"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "main.tf",
                  "uriBaseId": "%SRCROOT%"
                },
                "region": {
                  "startLine": 1,
                  "startColumn": 5,
                  "endLine": 1,
                  "endColumn": 6
                }
              }
            }
          ],
          "partialFingerprints": {
            "ecslint/v1": "7965379aaadf9566:1"
          }
        }
      ]
    }
  ]
}
)");
}

TEST(SarifReporter, Deterministic) {
  Sample s;
  std::string first = sarif(s.findings, s.run(true));
  Sample again;
  EXPECT_EQ(first, sarif(again.findings, again.run(true)));
  EXPECT_EQ(first, sarif(s.findings, s.run(true)));
}

TEST(SarifReporter, FingerprintIgnoresLineButNotText) {
  SourceFile before("main.tf", "x = \"bad\"\n");
  SourceFile after("main.tf", "# moved\n\nx = \"bad\"\nx = \"bad\"\n");
  SourceFile other_text("main.tf", "x = \"worse\"\n");
  auto fingerprints = [](const SourceFile& file, std::string_view needle) {
    std::vector<Finding> findings;
    for (size_t at = file.text().find(needle); at != std::string_view::npos; at = file.text().find(needle, at + 1)) {
      Finding& f = findings.emplace_back();
      f.rule = "r";
      f.location = {&file, {uint32_t(at), uint32_t(at + needle.size())}};
      f.message = "m";
    }
    json root = json::parse(sarif(findings, {1, nullptr}));
    std::vector<std::string> out;
    for (const json& r : root["runs"][0]["results"]) out.push_back(r["partialFingerprints"]["ecslint/v1"]);
    return out;
  };
  std::vector<std::string> a = fingerprints(before, "\"bad\"");
  std::vector<std::string> b = fingerprints(after, "\"bad\"");
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(a[0], b[0]);  // moved two lines down: same identity
  EXPECT_EQ(b[0].substr(0, 16), b[1].substr(0, 16));
  EXPECT_TRUE(b[1].ends_with(":2"));  // the second identical text is told apart
  EXPECT_NE(a[0], fingerprints(other_text, "\"worse\"")[0]);
}

TEST(SarifReporter, LoadErrorsAndUnknownRule) {
  Sample s;
  s.findings[1].rule = "not-described";
  json root = json::parse(sarif(s.findings, s.run(true)));
  const json& run = root["runs"][0];
  EXPECT_FALSE(run["results"][1].contains("ruleIndex"));
  const json& invocation = run["invocations"][0];
  EXPECT_EQ(invocation["executionSuccessful"], false);
  EXPECT_EQ(invocation["toolExecutionNotifications"][0]["message"]["text"], "no such file");
  EXPECT_EQ(invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "missing%20dir/x.tf");
}

TEST(SarifReporter, InvalidUtf8IsReplacedNotThrown) {
  SourceFile file("main.tf", "x = \"\xFF\"\n");
  Finding f;
  f.rule = "r";
  f.location = {&file, {4, 7}};
  f.message = "bad byte \xFF here";
  std::string text = sarif({f}, {1, nullptr});
  json root = json::parse(text);
  EXPECT_EQ(root["runs"][0]["results"][0]["message"]["text"], "bad byte \xEF\xBF\xBD here");
}

// -------------------------------------------------------- SARIF vs schema

std::filesystem::path sarif_schema_path() {
#ifdef ECSLINT_SHARED_DIR
  return std::filesystem::path(ECSLINT_SHARED_DIR) / "schemas" / "sarif-schema-2.1.0.json";
#else
  return {};
#endif
}

std::optional<json> load_sarif_schema() {
  std::filesystem::path path = sarif_schema_path();
  if (path.empty() || !std::filesystem::exists(path)) return std::nullopt;
  std::ifstream in(path);
  return json::parse(in);
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

TEST(SarifSchema, OutputValidates) {
  std::optional<json> schema = load_sarif_schema();
  if (!schema) GTEST_SKIP() << "SARIF schema not found at " << sarif_schema_path() << " (ECSLINT_SHARED_DIR)";
  testing::JsonSchemaValidator validator(*schema);
  Sample s;
  for (bool load_errors : {false, true}) {
    std::vector<std::string> errors = validator.validate(json::parse(sarif(s.findings, s.run(load_errors))));
    EXPECT_TRUE(errors.empty()) << join(errors);
  }
  // A clean run, with and without rule descriptions.
  std::ostringstream clean;
  write_sarif(clean, {}, {0, nullptr}, {});
  std::vector<std::string> errors = validator.validate(json::parse(clean.str()));
  EXPECT_TRUE(errors.empty()) << join(errors);
  errors = validator.validate(json::parse(sarif({}, {3, nullptr})));
  EXPECT_TRUE(errors.empty()) << join(errors);
}

// The validator must reject what the schema rejects, or passing means nothing.
TEST(SarifSchema, ValidatorRejectsBrokenLogs) {
  std::optional<json> schema = load_sarif_schema();
  if (!schema) GTEST_SKIP() << "SARIF schema not found at " << sarif_schema_path() << " (ECSLINT_SHARED_DIR)";
  testing::JsonSchemaValidator validator(*schema);
  Sample s;
  const json good = json::parse(sarif(s.findings, s.run()));
  ASSERT_TRUE(validator.validate(good).empty());

  auto expect_invalid = [&](const char* what, auto mutate, std::string_view expected) {
    json bad = good;
    mutate(bad);
    std::vector<std::string> errors = validator.validate(bad);
    EXPECT_NE(join(errors).find(expected), std::string::npos) << what << ":\n" << join(errors);
  };
  // Each mutation gets the document and its one run.
  auto run = [](json& j) -> json& { return j["runs"][0]; };
  expect_invalid("no version", [](json& j) { j.erase("version"); }, "missing required property \"version\"");
  expect_invalid("bad version", [](json& j) { j["version"] = "2.0.0"; }, "not in enum");
  expect_invalid("bad level", [&](json& j) { run(j)["results"][0]["level"] = "fatal"; }, "not in enum");
  expect_invalid(
      "line 0", [&](json& j) { run(j)["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0; },
      "below minimum");
  expect_invalid(
      "relative helpUri", [&](json& j) { run(j)["tool"]["driver"]["rules"][0]["helpUri"] = "docs/x.md"; },
      "is not a valid uri");
  expect_invalid("unknown property", [&](json& j) { run(j)["tool"]["driver"]["bogus"] = 1; },
                 "additional property not allowed");
  expect_invalid(
      "empty replacements",
      [&](json& j) { run(j)["results"][0]["fixes"][0]["artifactChanges"][0]["replacements"] = json::array(); },
      "fewer than 1 items");
  expect_invalid(
      "duplicate rules",
      [&](json& j) {
        json& rules = run(j)["tool"]["driver"]["rules"];
        rules.push_back(rules[0]);
      },
      "are equal");
  expect_invalid("bad guid", [&](json& j) { run(j)["results"][0]["guid"] = "not-a-guid"; }, "does not match pattern");
  expect_invalid("string for int", [&](json& j) { run(j)["results"][0]["ruleIndex"] = "0"; }, "expected type");
}

// Also through python-jsonschema when the machine has it (CI may not).
TEST(SarifSchema, PythonJsonschemaAgrees) {
  std::filesystem::path schema = sarif_schema_path();
  if (schema.empty() || !std::filesystem::exists(schema)) GTEST_SKIP() << "SARIF schema not found";
  if (std::system("python3 -c 'import jsonschema' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "python3 with jsonschema not available";
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("ecslint_sarif_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                               "_" + std::to_string(reinterpret_cast<uintptr_t>(&schema)));
  std::filesystem::create_directories(dir);
  Sample s;
  std::ofstream(dir / "out.sarif") << sarif(s.findings, s.run(true));
  std::string script =
      "import json,sys,jsonschema\n"
      "schema=json.load(open(sys.argv[1]))\n"
      "log=json.load(open(sys.argv[2]))\n"
      "v=jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)\n"
      "errs=list(v.iter_errors(log))\n"
      "[print(e.json_path, e.message) for e in errs]\n"
      "sys.exit(1 if errs else 0)\n";
  std::ofstream(dir / "check.py") << script;
  std::string command =
      "python3 '" + (dir / "check.py").string() + "' '" + schema.string() + "' '" + (dir / "out.sarif").string() + "'";
  int status = std::system(command.c_str());
  std::filesystem::remove_all(dir);
  EXPECT_EQ(status, 0) << command;
}

// ---------------------------------------------------------------- JUnit

TEST(JunitReporter, ExactOutput) {
  Sample s;
  EXPECT_EQ(render(write_junit, s.findings, s.run(true)),
            R"(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="ecslint" tests="4" failures="3" errors="1">
  <testsuite name="missing dir/x.tf" tests="1" failures="0" errors="1">
    <testcase name="load missing dir/x.tf" classname="missing dir/x.tf">
      <error message="no such file" type="load-error">missing dir/x.tf: error: no such file
</error>
    </testcase>
  </testsuite>
  <testsuite name="infra/main.tf" tests="2" failures="2" errors="0">
    <testcase name="taskdef-family-mismatch infra/main.tf:2" classname="infra/main.tf" file="infra/main.tf" line="2">
      <failure message="family &quot;café-ü&quot; differs from &lt;task&gt; &amp; &apos;json&apos;" type="error">infra/main.tf:2:12: error[taskdef-family-mismatch]: family "café-ü" differs from &lt;task&gt; &amp; 'json'
  note: task defs/task.json:2:13: task definition family is here
  fix (unsafe): Use "app"
</failure>
    </testcase>
    <testcase name="taskdef-cpu-size infra/main.tf:3" classname="infra/main.tf" file="infra/main.tf" line="3">
      <failure message="cpu 256 is below the 512 the service needs" type="warning">infra/main.tf:3:12: warning[taskdef-cpu-size]: cpu 256 is below the 512 the service needs
</failure>
    </testcase>
  </testsuite>
  <testsuite name="task defs/task.json" tests="1" failures="1" errors="0">
    <testcase name="env-unused task defs/task.json:2" classname="task defs/task.json" file="task defs/task.json" line="2">
      <failure message="100% unused: a,b:c&#10;second line&#13;" type="notice">task defs/task.json:2:3: notice[env-unused]: 100% unused: a,b:c
second line&#13;
</failure>
    </testcase>
  </testsuite>
</testsuites>
)");
}

TEST(JunitReporter, CleanRunHasAPassingTestCase) {
  EXPECT_EQ(render(write_junit, {}, {3, nullptr}),
            R"(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="ecslint" tests="1" failures="0" errors="0">
  <testsuite name="ecslint" tests="1" failures="0" errors="0">
    <testcase name="no problems in 3 files" classname="ecslint"/>
  </testsuite>
</testsuites>
)");
}

// ---------------------------------------------------------------- Checkstyle

TEST(CheckstyleReporter, ExactOutput) {
  Sample s;
  EXPECT_EQ(render(write_checkstyle, s.findings, s.run(true)),
            R"(<?xml version="1.0" encoding="UTF-8"?>
<checkstyle version="4.3">
  <file name="missing dir/x.tf">
    <error severity="error" message="no such file" source="ecslint.load"/>
  </file>
  <file name="infra/main.tf">
    <error line="2" column="12" severity="error" message="family &quot;café-ü&quot; differs from &lt;task&gt; &amp; &apos;json&apos;" source="ecslint.taskdef-family-mismatch"/>
    <error line="3" column="12" severity="warning" message="cpu 256 is below the 512 the service needs" source="ecslint.taskdef-cpu-size"/>
  </file>
  <file name="task defs/task.json">
    <error line="2" column="3" severity="info" message="100% unused: a,b:c&#10;second line&#13;" source="ecslint.env-unused"/>
  </file>
</checkstyle>
)");
  EXPECT_EQ(render(write_checkstyle, {}, {1, nullptr}),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n</checkstyle>\n");
}

// The XML reporters' output is well-formed (checked with Python's parser
// when python3 is present).
TEST(XmlReporters, WellFormed) {
  if (std::system("python3 -c 'import xml.etree.ElementTree' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "python3 not available";
  Sample s;
  s.findings[2].message += std::string("\x01 ]]> \xFF");
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("ecslint_xml_" + std::to_string(reinterpret_cast<uintptr_t>(&s)));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "junit.xml") << render(write_junit, s.findings, s.run(true));
  std::ofstream(dir / "checkstyle.xml") << render(write_checkstyle, s.findings, s.run(true));
  std::string command = "python3 -c 'import sys,xml.etree.ElementTree as E; [E.parse(p) for p in sys.argv[1:]]' '" +
                        (dir / "junit.xml").string() + "' '" + (dir / "checkstyle.xml").string() + "'";
  int status = std::system(command.c_str());
  std::filesystem::remove_all(dir);
  EXPECT_EQ(status, 0);
}

// ---------------------------------------------------------------- GitHub

TEST(GithubReporter, ExactOutput) {
  Sample s;
  EXPECT_EQ(render(write_github, s.findings, s.run(true)),
            "::error file=missing dir/x.tf,title=ecslint::no such file\n"
            "::error file=infra/main.tf,line=2,col=12,endLine=2,endColumn=20,title=ecslint(taskdef-family-mismatch)::"
            "family \"caf\xC3\xA9-\xC3\xBC\" differs from <task> & 'json'"
            "%0A  note: task defs/task.json:2:13: task definition family is here"
            "%0A  fix (unsafe): Use \"app\"\n"
            "::warning file=infra/main.tf,line=3,col=12,endLine=3,endColumn=15,title=ecslint(taskdef-cpu-size)::"
            "cpu 256 is below the 512 the service needs\n"
            "::notice file=task defs/task.json,line=2,col=3,endLine=2,endColumn=18,title=ecslint(env-unused)::"
            "100%25 unused: a,b:c%0Asecond line%0D\n");
}

TEST(GithubReporter, MultiLineRangeHasNoColumns) {
  SourceFile file("a,b:c%.tf", "x = [\n  1,\n]\n");
  Finding f;
  f.rule = "r";
  f.location = {&file, {4, 12}};
  f.message = "m";
  EXPECT_EQ(render(write_github, {f}, {1, nullptr}),
            "::error file=a%2Cb%3Ac%25.tf,line=1,endLine=3,title=ecslint(r)::m\n");
}

TEST(MachineReporters, Deterministic) {
  Sample s;
  for (auto writer : {write_junit, write_checkstyle, write_github}) {
    std::string first = render(writer, s.findings, s.run(true));
    EXPECT_EQ(first, render(writer, s.findings, s.run(true)));
    Sample again;
    EXPECT_EQ(first, render(writer, again.findings, again.run(true)));
  }
}

}  // namespace
}  // namespace ecslint::report
