// Loading: finds the files under the linted paths, reads each once and parses
// it with the front end its name (or content) calls for, in parallel.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analyzer/directory_reader.h"
#include "grammar/syntax.h"

namespace ecslint {

struct LoadOptions {
  std::vector<std::string> paths;     // files or directories; default "."
  std::vector<std::string> excludes;  // glob patterns matched against display paths
  int threads = 0;                    // 0 = all cores
  std::string display_base;           // display paths are relative to this (default: working directory)
};

struct LoadError {
  std::string path;
  std::string message;
};

struct LoadedFile {
  std::string disk_path;  // where it was read from (SourceFile::path() is the display path)
  // In a walked workspace: its directory's descriptor, kept open by the walk
  // (Workspace::open_directories), to open the file by its name from; -1:
  // by its path.
  int directory_fd = -1;
  std::unique_ptr<SourceFile> source;
  std::unique_ptr<grammar::ParsedFile> parsed;
  // A plain .json file is linted only when it is a task definition (or looks
  // like one and fails to parse); other JSON (package.json, ...) is ignored.
  bool task_definition_json = false;
};

// Directory descriptors a walk kept open (LoadedFile::directory_fd), closed
// when the last workspace sharing them goes away.
class OpenDirectories {
 public:
  explicit OpenDirectories(std::vector<int> fds) : fds_(std::move(fds)) {}
  ~OpenDirectories();
  OpenDirectories(const OpenDirectories&) = delete;
  OpenDirectories& operator=(const OpenDirectories&) = delete;
  size_t size() const { return fds_.size(); }

 private:
  std::vector<int> fds_;
};

struct Workspace {
  std::vector<LoadedFile> files;  // sorted by display path
  std::vector<LoadError> errors;  // unreadable or missing paths
  LoadOptions options;            // what was asked for (roots, display base): the contract model walks the same roots
  // Every directory the walk listed (absolute, lexically normal, no trailing
  // slash) and whether it holds a project marker (is_project_marker): the
  // answers contracts::ProjectRootFinder would otherwise stat for (null in
  // a workspace no walk made). Shared, like variable_files, by the
  // workspaces of the projects linted from this one.
  std::shared_ptr<const std::unordered_map<std::string, bool>> marker_directories;
  // Every directory the walk listed (keyed as above) and the names of the
  // Terraform variable files in it (is_variable_file_name): root modules
  // find theirs without listing their directory again. Shared by the
  // workspaces of the projects linted from this one.
  std::shared_ptr<const std::unordered_map<std::string, std::vector<std::string>>> variable_files;
  // Every directory the walk listed (keyed as above) with its entries, for
  // contract discovery, which walks the same trees again (null in a
  // workspace no walk made). Left out for a root whose path has a ".." after
  // a name ("a/link/../b"): its directories' keys, being lexical, need not
  // name the directories listed. Shared like the two above.
  std::shared_ptr<const DirectoryListings> listings;
  // The descriptors the files' directory_fd are (null when none).
  std::shared_ptr<const OpenDirectories> open_directories;
};

// terraform.tfvars, terraform.tfvars.json, *.auto.tfvars, *.auto.tfvars.json:
// the files Terraform reads a root module's variables from by name.
bool is_variable_file_name(std::string_view name);

// Names whose presence makes a directory a project root: .git, .ecslint.hcl,
// LICENSE/LICENCE/COPYING (see contracts::project_root).
bool is_project_marker(std::string_view name);
inline constexpr const char* kProjectMarkers[] = {".git",       ".ecslint.hcl", "LICENSE",    "LICENCE",    "COPYING",
                                                  "LICENSE.md", "LICENSE.txt",  "LICENCE.md", "LICENCE.txt"};

// Directories never descended into.
bool is_skipped_directory(std::string_view name);

// Whether a file name is one ecslint reads.
bool is_lintable_name(std::string_view name);

// Finds and reads the files (in parallel) and parses them.
Workspace load_workspace(const LoadOptions& options);

// The directory walk alone: the files carry their disk path only (no text),
// in path order.
Workspace walk_workspace(const LoadOptions& options);

// The walked files `indexes` (into walked.files) read on `threads` workers.
struct ReadFiles {
  std::vector<LoadedFile> files;  // those linted (a plain .json file only when it is a task definition), in `indexes` order
  std::vector<size_t> read_from;  // the walked index of each of `files`
  std::vector<std::pair<size_t, LoadError>> errors;  // those that could not be read, by walked index
};
ReadFiles read_files(const Workspace& walked, const std::vector<size_t>& indexes, int threads);

// Files in the order the workspace keeps them: by display path.
void sort_by_display_path(std::vector<LoadedFile>& files);

// A part of the walked workspace loaded on its own (a project): `files`,
// read from it, in display-path order, with the walk's options, its roots
// replaced by `roots` unless that is empty, and its variable files and
// marker directories, shared.
Workspace project_workspace(const Workspace& walked, std::vector<LoadedFile> files,
                            std::vector<std::string> roots = {});

// The first half of load_workspace: files found and read, not parsed
// (LoadedFile::parsed is null), for callers that parse a part at a time.
Workspace read_workspace(const LoadOptions& options);

// Parses one file read by read_workspace with the front end its name calls for.
void parse_file(LoadedFile& file);

// `path` lexically normal without a trailing slash ("/" stays "/"): the one
// spelling of a directory used as a key.
std::string normal_directory(std::string_view path);

// The same, made absolute against the working directory first (`path`
// unchanged when the working directory cannot be read).
std::string absolute_directory(std::string_view path);

// Display path of `path`: relative to `base` (default: the working
// directory) when below it.
std::string display_path(const std::string& path, const std::string& base = {});

}  // namespace ecslint
