// Splitting a workspace into projects that can be linted one at a time.
//
// Rules relate resources within one configuration and containers to the code
// of their own project (contracts::project_root), never across projects, so a
// run over many repositories can load, evaluate and check one project, keep
// its findings and free its trees and values before the next: memory is
// bounded by the largest project, not by the workspace.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/workspace.h"

namespace ecslint {

// Files of the workspace that are linted together.
struct ProjectGroup {
  std::vector<size_t> files;       // indexes into the workspace's files, ascending
  std::vector<std::string> roots;  // the project roots of those files (contracts::project_root), sorted
};

// The workspace's files grouped by project: files whose directories share a
// project root, or where a module in one directory calls a local module
// (`source = "./..."` or `"../..."`) in another, are in one group. Groups are
// ordered by their first file. Lint does this in two steps (group_by_root(),
// then projects_joined()); this is the grouping the two steps are tested to
// give.
std::vector<ProjectGroup> group_by_project(const Workspace& workspace);

// What grouping needs to know of a file, for grouping files that are not
// held in memory together.
struct FileFacts {
  std::string disk_path;
  std::vector<std::string> local_sources;  // local_sources_named() of a .tf/.tf.json text
};
FileFacts facts_of(const LoadedFile& file);

// group_by_project() over those facts; `workspace` gives the roots and the
// walk's marker directories.
std::vector<ProjectGroup> group_files(const std::vector<FileFacts>& files, const Workspace& workspace);

// The directories that tie a project's files to other projects in
// group_files(): each file's own, the project root `root` (one
// group_by_root() group's), and the directories their local module sources
// name; absolute, lexically normal, sorted, unique.
std::vector<std::string> tied_directories(const std::vector<FileFacts>& files, const std::string& root);

// Which of the projects, given each one's tied_directories(), group_files()
// would put in one group: projects whose directories meet, directly or
// through others. Only groups of two or more, each ascending, ordered by
// their first project.
std::vector<std::vector<size_t>> projects_joined(const std::vector<std::vector<std::string>>& tied);

// The walked files (their texts not read) grouped by project root alone:
// every group group_files() makes of them is one of these or a union of
// several (where a module call crosses projects).
std::vector<ProjectGroup> group_by_root(const Workspace& workspace);

// Every local path a `source` argument or JSON property names in `text`
// ("./x", "../x"): found textually, so it may name more than module calls
// (an archive's source file), never fewer, which is the safe side for
// grouping.
std::vector<std::string_view> local_sources_named(std::string_view text);

}  // namespace ecslint
