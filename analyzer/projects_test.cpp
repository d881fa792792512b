#include "analyzer/projects.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "analyzer/contracts/apps.h"

namespace ecslint {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> sources(std::string_view text) {
  std::vector<std::string> out;
  for (std::string_view s : local_sources_named(text)) out.emplace_back(s);
  return out;
}

TEST(LocalSourcesNamed, FindsLocalModuleSourcesInNativeAndJsonSyntax) {
  EXPECT_EQ(sources("module \"app\" {\n  source = \"../modules/app\"\n}\n"), std::vector<std::string>{"../modules/app"});
  EXPECT_EQ(sources("module \"a\" { source=\"./a\" }"), std::vector<std::string>{"./a"});
  EXPECT_EQ(sources("{\"module\": {\"m\": {\"source\" : \"../m\"}}}"), std::vector<std::string>{"../m"});
}

// "source" is looked for sixteen bytes at a time: at every offset around
// the block size, after an "s" or "so" that is not it, and at the very end.
TEST(LocalSourcesNamed, FindsTheArgumentAtEveryOffset) {
  for (size_t pad = 0; pad <= 40; ++pad) {
    for (std::string_view lead : {"", "s", "so", "sourc"}) {
      std::string text = std::string(pad, ' ') + std::string(lead) + " source = \"./m\"";
      EXPECT_EQ(sources(text), std::vector<std::string>{"./m"}) << pad << " '" << lead << "'";
      EXPECT_EQ(sources(text + "\nsource=\"../n\""), (std::vector<std::string>{"./m", "../n"})) << pad;
    }
  }
}

TEST(LocalSourcesNamed, IgnoresRemoteSourcesAndOtherNames) {
  EXPECT_TRUE(sources("module \"vpc\" { source = \"terraform-aws-modules/vpc/aws\" }").empty());
  EXPECT_TRUE(sources("resource \"x\" \"y\" { source_arn = \"./a\" }").empty());
  EXPECT_TRUE(sources("resource \"x\" \"y\" { event_source = \"./a\" }").empty());
  EXPECT_TRUE(sources("source = var.dir").empty());
  EXPECT_TRUE(sources("source = \"./unterminated").empty());
}

TEST(LocalSourcesNamed, OverApproximatesRatherThanMisses) {
  // An archive's source file is not a module call; naming it only joins
  // more directories into one group, which changes no result.
  EXPECT_EQ(sources("data \"archive_file\" \"z\" { source = \"./lambda.py\" }"), std::vector<std::string>{"./lambda.py"});
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

struct Tree {
  // One directory per test: ctest runs tests in parallel processes.
  fs::path root = fs::temp_directory_path() /
                  ("ecslint_projects_test_" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()));
  Tree() {
    fs::remove_all(root);
    write(root / "a/LICENSE", "MIT");
    write(root / "a/main.tf", "module \"m\" {\n  source = \"../shared/m\"\n}\n");
    write(root / "b/.git/HEAD", "ref: refs/heads/main\n");
    write(root / "b/main.tf", "resource \"aws_ecs_cluster\" \"b\" {}\n");
    write(root / "c/LICENSE.md", "MIT");
    write(root / "c/x.tf", "resource \"aws_ecs_cluster\" \"c\" {}\n");
    write(root / "shared/m/main.tf", "resource \"aws_ecs_cluster\" \"m\" {}\n");
  }
  ~Tree() { fs::remove_all(root); }
  Workspace read() const {
    LoadOptions options;
    options.paths = {root.string()};
    options.display_base = root.string();
    return read_workspace(options);
  }
};

TEST(GroupByProject, ProjectsApartModuleCallsTogether) {
  Tree tree;
  Workspace workspace = tree.read();
  ASSERT_EQ(workspace.files.size(), 4u);  // a/main.tf, b/main.tf, c/x.tf, shared/m/main.tf
  std::vector<ProjectGroup> groups = group_by_project(workspace);
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].files, (std::vector<size_t>{0, 3}));  // a calls shared/m
  EXPECT_EQ(groups[1].files, std::vector<size_t>{1});
  EXPECT_EQ(groups[2].files, std::vector<size_t>{2});
  std::string root = fs::absolute(tree.root).lexically_normal().string();
  // shared/m holds no marker: its project is the linted root.
  EXPECT_EQ(groups[0].roots, (std::vector<std::string>{root, root + "/a"}));
  EXPECT_EQ(groups[1].roots, std::vector<std::string>{root + "/b"});
}

TEST(GroupByProject, MarkerlessWorkspaceIsOneGroup) {
  Tree tree;
  fs::remove(tree.root / "a/LICENSE");
  fs::remove_all(tree.root / "b/.git");
  fs::remove(tree.root / "c/LICENSE.md");
  std::vector<ProjectGroup> groups = group_by_project(tree.read());
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].files.size(), 4u);
}

// Projects found by root, each tied to directories by its own files, are
// joined exactly where group_files() over all files puts them together:
// through a module in another project, a chain of calls, or a directory
// without files that two projects call.
TEST(GroupByProject, JoinedProjectsAreTheGroupsGroupFilesMakes) {
  Tree tree;
  write(tree.root / "d/LICENSE", "MIT");
  write(tree.root / "d/main.tf", "module \"m\" {\n  source = \"../shared/m\"\n}\n");
  write(tree.root / "e/LICENSE", "MIT");
  write(tree.root / "e/main.tf", "module \"n\" {\n  source = \"../nowhere\"\n}\n");
  write(tree.root / "f/LICENSE", "MIT");
  write(tree.root / "f/x.tf.json", R"({"module": {"n": {"source": "../nowhere/"}}})");
  write(tree.root / "g/LICENSE", "MIT");
  write(tree.root / "g/main.tf", "module \"self\" {\n  source = \"./sub\"\n}\n");
  write(tree.root / "g/sub/main.tf", "resource \"aws_ecs_cluster\" \"g\" {}\n");
  Workspace workspace = tree.read();
  std::vector<FileFacts> facts;
  for (const LoadedFile& f : workspace.files) facts.push_back(facts_of(f));
  std::vector<ProjectGroup> by_root = group_by_root(workspace);
  std::vector<std::vector<std::string>> tied;
  std::vector<size_t> project_of_file(facts.size());
  for (size_t p = 0; p < by_root.size(); ++p) {
    std::vector<FileFacts> own;
    for (size_t f : by_root[p].files) {
      own.push_back(facts[f]);
      project_of_file[f] = p;
    }
    tied.push_back(tied_directories(own, by_root[p].roots.front()));
  }
  std::vector<std::vector<size_t>> expected;
  for (const ProjectGroup& group : group_files(facts, workspace)) {
    std::vector<size_t> projects;
    for (size_t f : group.files) projects.push_back(project_of_file[f]);
    std::sort(projects.begin(), projects.end());
    projects.erase(std::unique(projects.begin(), projects.end()), projects.end());
    if (projects.size() > 1) expected.push_back(projects);
  }
  ASSERT_EQ(expected.size(), 2u);  // {root, a, d} through shared/m; {e, f} through nowhere; g alone
  EXPECT_EQ(projects_joined(tied), expected);
}

TEST(ProjectRootFinder, ListedDirectoriesGiveTheAnswersStatWould) {
  Tree tree;
  Workspace workspace = tree.read();
  EXPECT_TRUE(workspace.marker_directories->at(fs::absolute(tree.root / "b").lexically_normal().string()));
  EXPECT_FALSE(workspace.marker_directories->at(fs::absolute(tree.root / "shared/m").lexically_normal().string()));
  contracts::ProjectRootFinder listed(workspace.options.paths, workspace.marker_directories.get());
  contracts::ProjectRootFinder looked_up(workspace.options.paths);
  for (const LoadedFile& f : workspace.files) {
    EXPECT_EQ(listed.of(f.disk_path), looked_up.of(f.disk_path)) << f.disk_path;
    EXPECT_EQ(listed.of(f.disk_path), contracts::project_root(f.disk_path, workspace.options.paths)) << f.disk_path;
  }
}

TEST(ProjectRootFinder, EverySpellingOfAPathGivesTheSameProject) {
  Tree tree;
  std::string absolute = fs::absolute(tree.root).lexically_normal().string();
  std::string relative = fs::relative(tree.root, fs::current_path()).string();
  for (const std::string& root : {absolute, relative}) {
    for (const std::string& spelled : {absolute + "/b/main.tf", relative + "/b/main.tf", relative + "/./b/../b/main.tf",
                                       absolute + "//b/.git/../main.tf", "/" + absolute + "/./b/main.tf"}) {
      contracts::ProjectRootFinder finder({root});  // fresh: answers are kept by directory as written
      EXPECT_EQ(finder.of(spelled), absolute + "/b") << spelled << " in " << root;
    }
    contracts::ProjectRootFinder finder({root});
    EXPECT_EQ(finder.of(relative + "/shared/m/main.tf"), absolute) << root;  // no marker up to the linted root
    EXPECT_EQ(finder.of(relative + "/a/../c/x.tf"), absolute + "/c") << root;
  }
}

TEST(DisplayPath, PlainRelativePathsAndTheGeneralCaseAgree) {
  EXPECT_EQ(display_path("a/b.tf"), "a/b.tf");
  EXPECT_EQ(display_path("./a/b.tf"), "a/b.tf");
  EXPECT_EQ(display_path("././a"), "a");
  EXPECT_EQ(display_path("a//b.tf"), "a/b.tf");
  EXPECT_EQ(display_path("a/../b.tf"), "b.tf");
  EXPECT_EQ(display_path("a/./b.tf"), "a/b.tf");
  EXPECT_EQ(display_path((fs::current_path() / "x/y.tf").string()), "x/y.tf");
  EXPECT_EQ(display_path("a/b.tf", "a"), "b.tf");
  // Absolute paths and paths leaving the working directory, against the
  // std::filesystem computation display_path makes for a base.
  std::string cwd = fs::current_path().string();
  std::string parent = fs::current_path().parent_path().string();
  for (const std::string& path : {cwd + "/x/y.tf", cwd + "//x/./y.tf", cwd + "/a/../b.tf", cwd, cwd + "/",
                                  parent + "/elsewhere/a.tf", std::string("/etc/../etc/a.tf"), std::string("../up/a.tf"),
                                  std::string("./../up/./a.tf"), std::string("a/../../b.tf"), std::string("/"),
                                  cwd + "x/y.tf"})
    EXPECT_EQ(display_path(path), display_path(path, cwd)) << path;
  EXPECT_EQ(display_path(cwd + "//x/./y.tf"), "x/y.tf");
  EXPECT_EQ(display_path(parent + "/elsewhere/a.tf"), parent + "/elsewhere/a.tf");
  EXPECT_EQ(display_path("/etc/../etc/a.tf"), "/etc/a.tf");
}

// normal_directory works on strings; std::filesystem is the reference, over
// every path of up to five parts from a set that holds each special case.
TEST(NormalDirectory, AgreesWithLexicallyNormalOnEveryShortPath) {
  const std::vector<std::string> parts = {"a", "bc", ".", "..", "", "..."};
  auto reference = [](const std::string& path) {
    std::string out = fs::path(path).lexically_normal().string();
    while (out.size() > 1 && out.back() == '/') out.pop_back();
    return out;
  };
  size_t checked = 0;
  std::vector<std::string> paths = {""};
  for (int length = 1; length <= 5; ++length) {
    std::vector<std::string> longer;
    for (const std::string& prefix : paths)
      for (const std::string& part : parts) longer.push_back(prefix.empty() && length == 1 ? part : prefix + "/" + part);
    for (const std::string& relative : longer) {
      for (const std::string& path : {relative, "/" + relative}) {
        ASSERT_EQ(normal_directory(path), reference(path)) << "path: '" << path << "'";
        ++checked;
      }
    }
    paths = std::move(longer);
  }
  EXPECT_GT(checked, 18000u);
}

}  // namespace
}  // namespace ecslint
