#include "analyzer/workspace.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string_view>

namespace ecslint {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

// A tree wider than the walk's queue of open directories, with markers,
// variable files, a skipped directory and a symlinked one (not entered).
fs::path wide_tree() {
  fs::path root = fs::temp_directory_path() / "ecslint_workspace_walk";
  fs::remove_all(root);
  for (int i = 0; i < 40; ++i) {
    fs::path repo = root / ("repo" + std::to_string(i));
    if (i % 3 == 0) write(repo / "LICENSE", "MIT");
    for (int j = 0; j < 3; ++j) {
      fs::path env = repo / "envs" / ("env" + std::to_string(j));
      write(env / "main.tf", "resource \"aws_ecs_cluster\" \"c\" {}\n");
      if (j == 1) write(env / "terraform.tfvars", "a = 1\n");
      if (j == 2) write(env / "b.auto.tfvars.json", "{}");
    }
    write(repo / ".terraform/modules/m/main.tf", "");
  }
  fs::create_directory_symlink(root / "repo1", root / "link");
  return root;
}

// Everything a walk finds, in a comparable form.
std::string walked(const fs::path& root, int threads) {
  LoadOptions options;
  options.paths = {root.string()};
  options.threads = threads;
  Workspace w = walk_workspace(options);
  std::string out;
  for (const LoadedFile& f : w.files) out += "file " + f.disk_path + "\n";
  for (const auto& [dir, marked] : std::map(w.marker_directories->begin(), w.marker_directories->end()))
    out += "dir " + dir + (marked ? " marked" : "") + "\n";
  for (const auto& [dir, names] : std::map(w.variable_files->begin(), w.variable_files->end())) {
    std::vector<std::string> sorted = names;
    std::sort(sorted.begin(), sorted.end());
    for (const std::string& name : sorted) out += "vars " + dir + "/" + name + "\n";
  }
  return out;
}

TEST(Walk, SameFindingsOnAnyNumberOfWorkers) {
  fs::path root = wide_tree();
  std::string one = walked(root, 1);
  auto lines = [&](std::string_view kind) {
    size_t n = 0;
    for (size_t at = one.find(kind); at != std::string::npos; at = one.find(kind, at + 1))
      n += at == 0 || one[at - 1] == '\n';
    return n;
  };
  EXPECT_EQ(lines("file "), 40u * 5);     // three main.tf and two variable files per repository
  EXPECT_EQ(lines("dir "), 1u + 40 * 5);  // the root; each repository, envs/ and three environments
  EXPECT_EQ(lines("vars "), 40u * 2);
  for (int threads : {2, 3, 8}) EXPECT_EQ(walked(root, threads), one) << threads << " workers";
  EXPECT_EQ(one.find("/link/"), std::string::npos);        // a symlinked directory is not entered
  EXPECT_EQ(one.find("/.terraform/"), std::string::npos);  // nor a skipped one
  EXPECT_NE(one.find("repo0 marked"), std::string::npos);
  EXPECT_NE(one.find("repo1/envs/env1/terraform.tfvars"), std::string::npos);
  fs::remove_all(root);
}

}  // namespace
}  // namespace ecslint
