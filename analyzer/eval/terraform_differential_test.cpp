// Differential test of the evaluator against the real Terraform CLI.
//
// Every expression in tests/terraform_eval/cases.txt (written by
// gen_cases.py there) is evaluated by `terraform console` and by ecslint and
// the two compared in a canonical form: whether evaluation succeeded, and the
// jsonencode() text of the result. `terraform console` prints only the last
// result of piped input, so a batch of expressions is sent as one tuple
// expression, each element `{ok = can(E), v = try(jsonencode(E), null)}`,
// the whole wrapped in base64encode(jsonencode(...)) so the printed string
// needs no unescaping. An expression Terraform rejects before evaluation
// (which can() cannot catch) makes the batch fail; the batch is then split
// until that expression stands alone, and it counts as an error.
//
// Differences are failures unless listed in kKnownDifferences with a reason.
// Without `terraform` on PATH the test is skipped with a message.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>

#include "analyzer/eval/eval_test_util.h"

namespace ecslint::eval {
namespace {

// Expression → why ecslint differs from Terraform there.
const std::map<std::string, std::string, std::less<>> kKnownDifferences = {
    {"1/3", "numbers are IEEE doubles here; Terraform computes with 512-bit floats and prints all their digits"},
    {"jsonencode(1 - 0.9)", "512-bit floats: Terraform prints 0.1000...0003 (150 digits); doubles give 0.1"},
    {"1e300 * 1e10", "beyond the double range: +Inf here, a 311-digit integer in Terraform"},
    {"no_such_function(1)", "an unknown function is Unknown, not an error: configurations may call provider "
                            "functions or functions of newer Terraform versions"},
};

struct Outcome {
  bool ok = false;
  std::optional<std::string> json;  // jsonencode of the value, when it has one
  bool unknown = false;             // ecslint only: evaluated to Unknown

  std::string describe() const {
    if (unknown) return "unknown";
    if (!ok) return "error";
    return json ? *json : "(no JSON)";
  }
  bool operator==(const Outcome& o) const { return ok == o.ok && json == o.json && unknown == o.unknown; }
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string base64_decode(std::string_view text) {
  static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char ch : text) {
    size_t v = kAlphabet.find(ch);
    if (v == std::string::npos) continue;
    acc = (acc << 6) | uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += char((acc >> bits) & 0xFF);
    }
  }
  return out;
}

class TerraformConsole {
 public:
  explicit TerraformConsole(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // Outcomes of `cases[begin, end)`, splitting batches around hard failures.
  void evaluate(const std::vector<std::string>& cases, size_t begin, size_t end, std::vector<Outcome>& out) {
    if (begin >= end) return;
    if (auto batch = run(cases, begin, end)) {
      for (size_t i = 0; i < batch->size(); ++i) out[begin + i] = (*batch)[i];
      return;
    }
    if (end - begin == 1) {
      out[begin] = Outcome{false, std::nullopt, false};
      return;
    }
    size_t mid = begin + (end - begin) / 2;
    evaluate(cases, begin, mid, out);
    evaluate(cases, mid, end, out);
  }

 private:
  std::optional<std::vector<Outcome>> run(const std::vector<std::string>& cases, size_t begin, size_t end) {
    std::string expr = "base64encode(jsonencode([";
    for (size_t i = begin; i < end; ++i)
      expr += "{ok = can(" + cases[i] + "), v = try(jsonencode(" + cases[i] + "), null)},";
    expr += "]))\n";
    std::ofstream(dir_ / "in.txt") << expr;
    std::string command = "cd '" + dir_.string() +
                          "' && TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1 terraform console -no-color "
                          "< in.txt > out.txt 2> err.txt";
    if (std::system(command.c_str()) != 0) return std::nullopt;
    std::string printed = read_file(dir_ / "out.txt");
    auto results = nlohmann::json::parse(base64_decode(printed), nullptr, false);
    if (!results.is_array() || results.size() != end - begin) return std::nullopt;
    std::vector<Outcome> out;
    for (const auto& r : results) {
      Outcome o{r["ok"].get<bool>(), std::nullopt, false};
      if (r["v"].is_string()) o.json = r["v"].get<std::string>();
      out.push_back(o);
    }
    return out;
  }

  std::filesystem::path dir_;
};

Outcome evaluate_with_ecslint(const std::string& expr) {
  testing::Config config("x = " + expr + "\n");
  if (!config.ok()) return Outcome{false, std::nullopt, false};
  Value v = config.eval("x");
  if (v.is_error()) return Outcome{false, std::nullopt, false};
  if (!v.is_wholly_known()) return Outcome{false, std::nullopt, true};
  return Outcome{true, json_encode(v), false};
}

bool terraform_available() { return std::system("command -v terraform > /dev/null 2>&1") == 0; }

TEST(TerraformDifferential, EvaluatorAgreesWithTerraformConsole) {
  if (!terraform_available())
    GTEST_SKIP() << "`terraform` is not on PATH: the differential test against the Terraform CLI did not run";
  std::vector<std::string> cases;
  std::istringstream lines(read_file(std::filesystem::path(ECSLINT_SOURCE_DIR) / "tests/terraform_eval/cases.txt"));
  for (std::string line; std::getline(lines, line);)
    if (!line.empty() && line[0] != '#') cases.push_back(line);
  ASSERT_GT(cases.size(), 100u) << "tests/terraform_eval/cases.txt is missing or short";

  char dir_template[] = "/tmp/ecslint-tfeval-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  std::filesystem::path dir(dir_template);
  std::vector<Outcome> terraform(cases.size());
  TerraformConsole console(dir);
  constexpr size_t kBatch = 100;
  for (size_t begin = 0; begin < cases.size(); begin += kBatch)
    console.evaluate(cases, begin, std::min(cases.size(), begin + kBatch), terraform);
  std::filesystem::remove_all(dir);

  size_t agree = 0, listed = 0, stale = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    Outcome ours = evaluate_with_ecslint(cases[i]);
    auto known = kKnownDifferences.find(cases[i]);
    if (ours == terraform[i]) {
      ++agree;
      if (known != kKnownDifferences.end()) {
        ++stale;
        std::cout << "note: listed difference now agrees: " << cases[i] << "\n";
      }
      continue;
    }
    if (known != kKnownDifferences.end()) {
      ++listed;
      continue;
    }
    ADD_FAILURE() << cases[i] << "\n  terraform: " << terraform[i].describe() << "\n  ecslint:   " << ours.describe();
  }
  std::cout << "terraform differential: " << cases.size() << " expressions, " << agree << " agree, " << listed
            << " listed differences, " << (cases.size() - agree - listed) << " unexpected, " << stale
            << " stale list entries\n";
}

}  // namespace
}  // namespace ecslint::eval
