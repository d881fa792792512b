#include "analyzer/workspace.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>

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


// The walked files `indexes`, read: "path: text" or "path: error: message".
std::string read_back(const Workspace& walked, std::vector<size_t> indexes) {
  ReadFiles read = read_files(walked, indexes, 1);
  std::map<std::string, std::string> out;
  for (const LoadedFile& f : read.files) out[f.disk_path] = std::string(f.source->text());
  for (const auto& [index, error] : read.errors) out[walked.files[index].disk_path] = "error: " + error.message;
  std::string text;
  for (const auto& [path, what] : out) text += path + ": " + what + "\n";
  return text;
}

TEST(Walk, FilesAreReadFromTheDirectoriesKeptOpen) {
  fs::path root = fs::temp_directory_path() / "ecslint_workspace_kept_open";
  fs::remove_all(root);
  write(root / "a/main.tf", "a = 1");
  write(root / "a/b/gone.tf", "");
  write(root / "a/b/replaced.tf", "");
  write(root / "target.tf", "t = 1");
  write(root / "named.tf.txt", "n = 1");
  fs::create_symlink(root / "target.tf", root / "a/b/linked.tf");
  LoadOptions options;
  options.paths = {root.string(), (root / "named.tf.txt").string()};
  Workspace walked = walk_workspace(options);
  ASSERT_EQ(walked.files.size(), 6u);
  ASSERT_TRUE(walked.open_directories);
  EXPECT_EQ(walked.open_directories->size(), 3u);
  std::vector<size_t> all;
  for (size_t i = 0; i < walked.files.size(); ++i) {
    all.push_back(i);
    bool named = walked.files[i].disk_path.ends_with(".txt");
    EXPECT_EQ(walked.files[i].directory_fd < 0, named) << walked.files[i].disk_path;  // named ones by path
  }
  fs::remove(root / "a/b/gone.tf");
  fs::remove(root / "a/b/replaced.tf");
  fs::create_directory(root / "a/b/replaced.tf");
  std::string r = root.string();
  std::string by_name = read_back(walked, all);
  EXPECT_EQ(by_name, r + "/a/b/gone.tf: error: cannot open file\n" + r + "/a/b/linked.tf: t = 1\n" + r +
                                        "/a/b/replaced.tf: error: cannot read file\n" + r + "/a/main.tf: a = 1\n" + r +
                                        "/named.tf.txt: n = 1\n" + r + "/target.tf: t = 1\n");
  int kept = walked.files[0].directory_fd;
  for (LoadedFile& f : walked.files) f.directory_fd = -1;
  EXPECT_EQ(read_back(walked, all), by_name);  // the same answers by path
  walked = Workspace();
  EXPECT_EQ(::fcntl(kept, F_GETFD), -1);  // closed with the workspace
  fs::remove_all(root);
}

TEST(Walk, KeepsABoundedNumberOfDirectoriesOpen) {
  fs::path root = fs::temp_directory_path() / "ecslint_workspace_many_directories";
  fs::remove_all(root);
  for (int i = 0; i < 300; ++i) write(root / ("d" + std::to_string(i)) / "main.tf", std::to_string(i) + "\n");
  LoadOptions options;
  options.paths = {root.string()};
  options.threads = 2;
  Workspace walked = walk_workspace(options);
  ASSERT_EQ(walked.files.size(), 300u);
  ASSERT_TRUE(walked.open_directories);
  rlimit open_files{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &open_files), 0);
  size_t bound = std::min<size_t>(256, open_files.rlim_cur / 8);
  EXPECT_EQ(walked.open_directories->size(), bound);
  size_t by_name = std::ranges::count_if(walked.files, [](const LoadedFile& f) { return f.directory_fd >= 0; });
  EXPECT_EQ(by_name, bound == 0 ? 0 : bound - 1);  // the root holds no file
  std::vector<size_t> all(walked.files.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  ReadFiles read = read_files(walked, all, 2);
  EXPECT_TRUE(read.errors.empty());
  ASSERT_EQ(read.files.size(), 300u);
  fs::remove_all(root);
}

}  // namespace
}  // namespace ecslint
