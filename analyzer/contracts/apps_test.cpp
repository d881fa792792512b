#include "analyzer/contracts/apps.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "analyzer/workspace.h"

namespace ecslint::contracts {
namespace {

namespace fs = std::filesystem;

class TempTree {
 public:
  TempTree() {
    root_ = fs::temp_directory_path() / ("ecslint_apps_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  ~TempTree() { fs::remove_all(root_); }
  void write(const std::string& rel, const std::string& text) {
    fs::path p = root_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  std::string root() const { return root_.string(); }

 private:
  fs::path root_;
};

ContractInputs inputs_for(const TempTree& t, std::vector<std::string> containers) {
  ContractInputs in;
  in.roots = {t.root()};
  in.display_base = t.root();
  for (auto& c : containers) in.containers.push_back({c, {}});
  return in;
}

std::vector<std::string> read_names(const App& app) {
  std::vector<std::string> out;
  for (const VariableRead& r : app.reads) out.push_back(r.name);
  return out;
}

TEST(ContractApps, NormalizesNames) {
  EXPECT_EQ(normalize_name("ecom-agents"), "ecomagents");
  EXPECT_EQ(normalize_name("Ecom_Agents"), "ecomagents");
}

TEST(ContractApps, ParsesComposeServices) {
  std::string text = R"(version: "3.8"
services:
  api:
    build: ./api   # the API
    environment:
      - DATABASE_URL=postgres://db/app
      - "LOG_LEVEL=debug"
      - PLAIN
    env_file: .env.local
  worker:
    build:
      context: ./worker
      dockerfile: Dockerfile.prod
    environment:
      QUEUE_URL: redis://redis:6379
      WORKERS: "4"
    env_file:
      - a.env
      - path: b.env
  redis:
    image: redis:7
)";
  auto services = parse_compose(text);
  ASSERT_EQ(services.size(), 3u);
  EXPECT_EQ(services[0].name, "api");
  EXPECT_EQ(services[0].build_context, "./api");
  ASSERT_EQ(services[0].environment.size(), 3u);
  EXPECT_EQ(services[0].environment[0].name, "DATABASE_URL");
  EXPECT_EQ(text.substr(services[0].environment[0].range.begin, 12), "DATABASE_URL");
  EXPECT_EQ(services[0].environment[1].name, "LOG_LEVEL");
  EXPECT_EQ(services[0].environment[2].name, "PLAIN");
  EXPECT_EQ(services[0].env_files, std::vector<std::string>{".env.local"});
  EXPECT_EQ(services[1].build_context, "./worker");
  EXPECT_EQ(services[1].dockerfile, "Dockerfile.prod");
  ASSERT_EQ(services[1].environment.size(), 2u);
  EXPECT_EQ(services[1].environment[0].name, "QUEUE_URL");
  EXPECT_EQ(text.substr(services[1].environment[0].range.begin, 9), "QUEUE_URL");
  EXPECT_EQ(services[1].env_files, (std::vector<std::string>{"a.env", "b.env"}));
  EXPECT_TRUE(services[2].build_context.empty());
}

TEST(ContractApps, ConfigWins) {
  TempTree t;
  t.write("services/payments/main.py", "import os\nX = os.environ['PAY_KEY']\n");
  t.write("api/main.py", "import os\nY = os.environ['API_KEY']\n");
  ContractInputs in = inputs_for(t, {"api"});
  in.configured.push_back({"payments", "services/payments", {"api"}, ""});
  in.config_directory = t.root();
  ContractModel m = build_contract_model(in);
  const App* app = m.app_for_container("api", nullptr);
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->inference, Inference::Config);
  EXPECT_EQ(read_names(*app), std::vector<std::string>{"PAY_KEY"});
}

TEST(ContractApps, ComposeBuildContext) {
  TempTree t;
  t.write("docker-compose.yml", "services:\n  web-api:\n    build:\n      context: ./src/server\n    environment:\n      - TOKEN=x\n");
  t.write("src/server/index.js", "const t = process.env.TOKEN;\nconst p = process.env.PORT || 3000;\n");
  ContractModel m = build_contract_model(inputs_for(t, {"web_api"}));
  const App* app = m.app_for_container("web_api", nullptr);
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->inference, Inference::Compose);
  EXPECT_TRUE(app->has_code);
  EXPECT_EQ(read_names(*app), (std::vector<std::string>{"PORT", "TOKEN"}));
  EXPECT_EQ(app->read("PORT")->kind, ReadKind::Optional);
  EXPECT_EQ(app->read("TOKEN")->kind, ReadKind::Required);
  ASSERT_EQ(app->local_env.size(), 1u);
  EXPECT_EQ(app->local_env[0].name, "TOKEN");
}

TEST(ContractApps, ConfiguredAppKeepsTheComposeServiceThatBuildsIt) {
  TempTree t;
  t.write("docker-compose.yml",
          "services:\n  backend:\n    build: ./services/payments\n    environment:\n      - FEATURE_X=on\n"
          "    env_file: ./services/payments/dev.env\n  other:\n    build: ./elsewhere\n    environment:\n      - NOT_OURS=1\n");
  t.write("services/payments/dev.env", "FROM_ENV_FILE=1\n");
  t.write("services/payments/.env.example", "FROM_EXAMPLE=\n");
  t.write("services/payments/main.py", "import os\nX = os.getenv('FEATURE_X', 'off')\n");
  ContractInputs in = inputs_for(t, {"api"});
  in.configured.push_back({"payments", "services/payments", {"api"}, ""});
  in.config_directory = t.root();
  ContractModel m = build_contract_model(in);
  const App* app = m.app_for_container("api", nullptr);
  ASSERT_NE(app, nullptr);
  std::vector<std::string> local;
  for (const LocalVariable& l : app->local_env) local.push_back(l.name);
  std::sort(local.begin(), local.end());
  EXPECT_EQ(local, (std::vector<std::string>{"FEATURE_X", "FROM_ENV_FILE", "FROM_EXAMPLE"}));
  for (const LocalVariable& l : app->local_env)
    if (l.name == "FEATURE_X") {
      EXPECT_EQ(l.source, "docker-compose.yml service \"backend\"");
      // The compose file outlives the build: findings point into it.
      ASSERT_NE(l.file, nullptr);
      EXPECT_EQ(l.file->path(), "docker-compose.yml");
      EXPECT_EQ(l.file->text().substr(l.range.begin, l.range.end - l.range.begin), "FEATURE_X");
    }
}

TEST(ContractApps, DockerfileDirectoryAndImageEnv) {
  TempTree t;
  t.write("ecom_agents/Dockerfile", "FROM python:3.11\nENV PYTHONUTF8=1 MODE=prod\n");
  t.write("ecom_agents/src/app.py", "import os\nos.environ['MODE']\n");
  ContractModel m = build_contract_model(inputs_for(t, {"ecom-agents"}));
  const App* app = m.app_for_container("ecom-agents", nullptr);
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->inference, Inference::Dockerfile);
  EXPECT_NE(app->image_sets("MODE"), nullptr);
  EXPECT_NE(app->image_sets("PYTHONUTF8"), nullptr);
}

TEST(ContractApps, NameMatchSkipsTestsAndDirectoriesWithoutCode) {
  TempTree t;
  t.write("terraform/modules/api/main.tf", "# no code\n");
  t.write("services/api/main.go",
          "package main\nimport \"os\"\nfunc main() { _ = os.Getenv(\"API_MODE\") }\n");
  t.write("services/api/main_test.go", "package main\nimport \"os\"\nvar _ = os.Getenv(\"TEST_ONLY\")\n");
  t.write("services/api/tests/helper.go", "package tests\nimport \"os\"\nvar _ = os.Getenv(\"TEST_DIR_ONLY\")\n");
  ContractModel m = build_contract_model(inputs_for(t, {"api"}));
  const App* app = m.app_for_container("api", nullptr);
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->inference, Inference::Name);
  EXPECT_EQ(read_names(*app), std::vector<std::string>{"API_MODE"});
}

TEST(ContractApps, AmbiguousNameMapsNothing) {
  TempTree t;
  t.write("a/api/main.py", "import os\nos.environ['A']\n");
  t.write("b/api/main.py", "import os\nos.environ['B']\n");
  ContractModel m = build_contract_model(inputs_for(t, {"api"}));
  EXPECT_EQ(m.app_for_container("api", nullptr), nullptr);
}

TEST(ContractApps, ImageRepositoryMatches) {
  TempTree t;
  t.write("billing/server.rb", "x = ENV.fetch('BILLING_KEY')\n");
  ContractInputs in = inputs_for(t, {});
  in.containers.push_back({"app", "billing"});
  ContractModel m = build_contract_model(in);
  ASSERT_NE(m.app_for_container("app", nullptr), nullptr);
  EXPECT_EQ(read_names(*m.app_for_container("app", nullptr)), std::vector<std::string>{"BILLING_KEY"});
}

TEST(ContractApps, DynamicReadsAreRecorded) {
  TempTree t;
  t.write("worker/run.py", "import os\nfor k in KEYS:\n    print(os.environ[k])\n");
  ContractModel m = build_contract_model(inputs_for(t, {"worker"}));
  ASSERT_NE(m.app_for_container("worker", nullptr), nullptr);
  EXPECT_TRUE(m.app_for_container("worker", nullptr)->dynamic_reads);
}

TEST(ContractApps, NoCodeNoApp) {
  TempTree t;
  t.write("infra/main.tf", "");
  ContractModel m = build_contract_model(inputs_for(t, {"infra"}));
  EXPECT_EQ(m.app_for_container("infra", nullptr), nullptr);
}


TEST(ContractApps, ProjectRootStopsAtLicenseOrGit) {
  TempTree t;
  t.write("repo-a/LICENSE", "MIT\n");
  t.write("repo-a/api/main.py", "import os\nos.environ['A']\n");
  t.write("repo-b/LICENSE", "MIT\n");
  t.write("repo-b/deploy/task.json", "{}\n");
  std::string b = project_root(t.root() + "/repo-b/deploy/task.json", {t.root()});
  EXPECT_TRUE(b.ends_with("repo-b")) << b;
  EXPECT_EQ(project_root(t.root() + "/x/y.tf", {t.root()}), fs::path(t.root()).lexically_normal().string());
  // A container "api" defined in repo-b is not the code in repo-a/api.
  ContractInputs in = inputs_for(t, {});
  in.containers.push_back({"api", {}, nullptr, t.root() + "/repo-b/deploy/task.json"});
  EXPECT_EQ(build_contract_model(in).app_for_container("api", nullptr), nullptr);
  in.containers.back().disk_path = t.root() + "/repo-a/deploy/task.json";
  EXPECT_NE(build_contract_model(in).app_for_container("api", nullptr), nullptr);
}


// A tree for discovery with what the lint walk and discovery treat
// differently: directories the walk skips (.terraform, node_modules) or
// excludes, dot directories discovery skips, a linked directory, a linked
// file and a dangling link.
void write_discovery_tree(TempTree& t) {
  t.write("svc/api/main.py", "import os\nos.environ['A']\n");
  t.write("svc/api/Dockerfile", "FROM python\n");
  t.write("svc/worker/worker.go", "package main\n");
  t.write("svc/worker/Dockerfile.jobs", "FROM golang\n");
  t.write("svc/excluded/app/index.js", "process.env.B\n");
  t.write("svc/.hidden/app.py", "");
  t.write("node_modules/x/index.js", "");
  t.write(".terraform/modules/m/main.tf", "");
  t.write("infra/main.tf", "");
  t.write("infra/docker-compose.yml", "services: {}\n");
  fs::create_directory_symlink(t.root() + "/svc/api", t.root() + "/linked-api");
  fs::create_symlink(t.root() + "/infra/docker-compose.yml", t.root() + "/docker-compose.yml");
  fs::create_symlink(t.root() + "/nowhere", t.root() + "/dangling.py");
}

// The roots' discovery from the walk's listings, checked against discovery
// from the disk.
void expect_same_discovery(const Workspace& walked, std::vector<std::string> roots, std::vector<std::string> excludes) {
  ContractInputs in;
  in.roots = std::move(roots);
  in.excludes = std::move(excludes);
  std::string from_disk = describe_discovery(in);
  in.listings = walked.listings.get();
  EXPECT_EQ(describe_discovery(in), from_disk) << in.roots.front();
  EXPECT_NE(from_disk.find("dockerfile"), std::string::npos) << from_disk;
}

TEST(ContractDiscovery, ListingsGiveWhatTheDiskGives) {
  TempTree t;
  write_discovery_tree(t);
  LoadOptions options;
  options.paths = {t.root()};
  options.excludes = {"svc/excluded"};
  options.display_base = t.root();
  Workspace walked = walk_workspace(options);
  ASSERT_TRUE(walked.listings);
  std::string root = fs::path(t.root()).lexically_normal().string();
  EXPECT_TRUE(walked.listings->contains(root + "/svc/api"));
  EXPECT_FALSE(walked.listings->contains(root + "/svc/excluded"));  // read from the disk
  EXPECT_FALSE(walked.listings->contains(root + "/node_modules"));
  EXPECT_FALSE(walked.listings->contains(root + "/linked-api"));
  std::string relative = fs::relative(root, fs::current_path()).string();
  for (const std::string& r : {root, root + "/", root + "//svc/./", relative, relative + "/svc", root + "/svc/api"}) {
    expect_same_discovery(walked, {r}, {});
    expect_same_discovery(walked, {r}, {"svc/api"});
  }
  expect_same_discovery(walked, {root + "/svc", root + "/infra", root}, {});
}

TEST(ContractDiscovery, ListingsKeepTypesAndLinks) {
  TempTree t;
  write_discovery_tree(t);
  LoadOptions options;
  options.paths = {t.root()};
  Workspace walked = walk_workspace(options);
  const DirectoryListing& top = walked.listings->at(fs::path(t.root()).lexically_normal().string());
  std::map<std::string, std::string> types;
  for (const DirectoryListing::Entry& e : top.entries())
    types[std::string(top.name_view(e))] = std::to_string(int(e.type.kind)) + (e.type.link ? " link" : "") +
                                            (e.type.dangling ? " dangling" : "");
  EXPECT_EQ(types.size(), 7u);  // every entry, skipped or not
  EXPECT_EQ(types["svc"], std::to_string(int(EntryType::Directory)));
  EXPECT_EQ(types["node_modules"], std::to_string(int(EntryType::Directory)));
  EXPECT_EQ(types["linked-api"], std::to_string(int(EntryType::Directory)) + " link");
  EXPECT_EQ(types["docker-compose.yml"], std::to_string(int(EntryType::File)) + " link");
  EXPECT_EQ(types["dangling.py"], std::to_string(int(EntryType::Other)) + " link dangling");

  // A root with ".." after a name keeps no listings: its lexical keys need
  // not name what was listed.
  options.paths = {t.root() + "/svc/../infra"};
  EXPECT_TRUE(walk_workspace(options).listings->empty());
}

// Discovery reads a listed directory from its listing, not from the disk:
// entries only the listing has are found, for every spelling of the root.
TEST(ContractDiscovery, ReadsListingsForEverySpellingOfTheRoot) {
  TempTree t;
  t.write("svc/api/main.py", "");
  DirectoryListings listings;
  std::string root = fs::path(t.root()).lexically_normal().string();
  listings[root + "/svc"].add("api", {EntryType::Directory});
  listings[root + "/svc/api"].add("compose.yml", {EntryType::File});
  std::string cwd = fs::current_path().lexically_normal().string();
  listings[cwd].add("only-listed.Dockerfile", {EntryType::File});
  ContractInputs in;
  in.listings = &listings;
  std::string relative = fs::relative(root, fs::current_path()).string();
  for (const std::string& r : {root + "/svc", root + "/svc/", relative + "/svc", "./" + relative + "/./svc"}) {
    in.roots = {r};
    std::string found = describe_discovery(in);
    std::string compose = "compose " + fs::path(r).lexically_normal().string();
    EXPECT_NE(found.find(compose), std::string::npos) << r << "\n" << found;
    EXPECT_EQ(found.find("code "), std::string::npos) << r << "\n" << found;  // svc/api/main.py is not listed
  }
  in.roots = {"."};
  std::string found = describe_discovery(in);
  EXPECT_NE(found.find("dockerfile only-listed.Dockerfile only-listed\n"), std::string::npos) << found;
  EXPECT_EQ(found.find("code "), std::string::npos) << found;
}

}  // namespace
}  // namespace ecslint::contracts
