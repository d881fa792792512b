// Loading: finds the files under the linted paths, reads each once and parses
// it with the front end its name (or content) calls for, in parallel.
#pragma once

#include <memory>
#include <string>
#include <vector>

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
  std::unique_ptr<SourceFile> source;
  std::unique_ptr<grammar::ParsedFile> parsed;
  // A plain .json file is linted only when it is a task definition (or looks
  // like one and fails to parse); other JSON (package.json, ...) is ignored.
  bool task_definition_json = false;
};

struct Workspace {
  std::vector<LoadedFile> files;  // sorted by display path
  std::vector<LoadError> errors;  // unreadable or missing paths
  LoadOptions options;            // what was asked for (roots, display base): the contract model walks the same roots
};

// Directories never descended into.
bool is_skipped_directory(std::string_view name);

// Whether a file name is one ecslint reads.
bool is_lintable_name(std::string_view name);

Workspace load_workspace(const LoadOptions& options);

// Display path of `path`: relative to `base` (default: the working
// directory) when below it.
std::string display_path(const std::string& path, const std::string& base = {});

}  // namespace ecslint
