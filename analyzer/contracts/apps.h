// Application contracts: which code runs in which container, and which
// environment variables that code reads.
//
// An application is a source directory plus the container names that run it.
// Where the mapping comes from, strongest first:
//   config      `.ecslint.hcl` `app "NAME" { source = "dir", containers = [...] }`
//   compose     a docker-compose service named like the container, with a `build:` context
//   dockerfile  a Dockerfile in a directory named like the container (or `Dockerfile.<name>`)
//   name        a directory named like the container, or like its image repository
// Names match when equal after lower-casing and dropping `-`, `_` and `.`
// ("ecom-agents" matches "ecom_agents"). An ambiguous match maps nothing:
// a wrong mapping would produce wrong findings, a missing one only misses.
//
// The app's files are scanned with the env_scan scanners (in parallel), except
// tests, dependencies and build output: a read in a test is not a production read.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "analyzer/config.h"
#include "analyzer/directory_reader.h"
#include "analyzer/contracts/env_scan.h"
#include "analyzer/model/task_definitions.h"
#include "grammar/source.h"

namespace ecslint::contracts {

enum class Inference : uint8_t { Config, Compose, Dockerfile, Name };
std::string_view inference_name(Inference inference);

struct ScannedSource {
  std::unique_ptr<SourceFile> file;  // display path like the workspace's files
  SourceLanguage language = SourceLanguage::Unknown;
  EnvScan scan;
};

// One variable as the app reads it, over all its files: Required when any
// production read requires it. The site is the first read of that strength.
struct VariableRead {
  std::string name;
  ReadKind kind = ReadKind::Required;
  const SourceFile* file = nullptr;
  Range range;
  uint32_t line = 0, column = 0;
  std::string_view how;
  uint32_t sites = 0;  // how many reads of this name
};

// A variable set for local development: docker-compose `environment` /
// `env_file`, `.env` files. For env-parity and `ecslint contracts`.
struct LocalVariable {
  std::string name;
  std::string source;  // "docker-compose.yml service api", ".env"
  const SourceFile* file = nullptr;
  Range range;
};

struct App {
  std::string name;
  std::string directory;          // on disk
  std::string display_directory;  // for messages
  std::vector<std::string> containers;
  // Inferred mappings hold for the containers defined in these files only: a
  // directory named "app" in one project says nothing about a container
  // "app" in another. Config mappings hold for every container of the name.
  std::vector<const SourceFile*> container_files;
  Inference inference = Inference::Name;
  std::string evidence;  // what the inference rests on, for `ecslint contracts`
  std::vector<ScannedSource> sources;
  std::vector<VariableRead> reads;      // Required/Optional reads, sorted by name
  std::vector<VariableRead> image_env;  // Dockerfile ENV of the app's Dockerfile(s): the image sets these
  std::vector<LocalVariable> local_env;
  bool dynamic_reads = false;
  // Whether any program source (not only a Dockerfile or .env) was scanned:
  // without it nothing can be said about what the code reads.
  bool has_code = false;

  const VariableRead* read(std::string_view name) const;
  const VariableRead* image_sets(std::string_view name) const;
};

// A container of the deployment, as the mapping needs it.
struct ContainerRef {
  std::string name;
  std::string image_repository;  // last path segment of the image, without tag; may be empty
  const SourceFile* file = nullptr;  // where the container is defined
  std::string disk_path;             // that file on disk (empty: unknown)
};

struct ContractInputs {
  std::vector<std::string> roots;  // linted paths (directories or files); empty = "."
  std::string display_base;        // display paths are relative to this (empty: working directory)
  std::vector<std::string> excludes;
  std::vector<AppConfig> configured;  // `app` blocks
  std::string config_directory;       // where their `source` paths start
  std::vector<ContainerRef> containers;
  int threads = 0;
  // Directories the walk listed and whether each holds a project marker
  // (Workspace::marker_directories), or null: see ProjectRootFinder.
  const std::unordered_map<std::string, bool>* listed_directories = nullptr;
  // The walk's listings of those directories (Workspace::listings), or null:
  // discovery reads a directory listed there from the listing, any other
  // from the disk.
  const DirectoryListings* listings = nullptr;
};

struct ContractModel {
  std::vector<App> apps;
  // docker-compose files read for the mapping: LocalVariable::file points into them.
  std::vector<std::unique_ptr<SourceFile>> compose_files;
  // The app that runs in `container` defined in `file`, or nullptr.
  const App* app_for_container(std::string_view container, const SourceFile* file) const;
};

ContractModel build_contract_model(const ContractInputs& inputs);

// What discovery finds under the roots (compose files, Dockerfiles,
// directories by name, directories holding code), a line each, in its
// order: for tests that compare discovery from listings with discovery
// from the disk.
std::string describe_discovery(const ContractInputs& inputs);

struct LoadedFileRef {
  const SourceFile* file = nullptr;
  std::string disk_path;
};

// The containers of these task definitions (each name once), with the image
// repository when the image names one.
// `files` gives the disk path of each workspace file.
std::vector<ContainerRef> containers_of(const std::vector<model::TaskDefinition>& task_definitions,
                                        const std::vector<LoadedFileRef>& files);

// The file a container is defined in: its origin, else its task definition's.
const SourceFile* container_file(const model::TaskDefinition& task, const model::Container& container);

// The project a file belongs to: the nearest directory holding .git,
// .ecslint.hcl or a LICENSE/LICENCE/COPYING file, not above the linted root
// that contains it (that root when none does).
std::string project_root(const std::string& disk_path, const std::vector<std::string>& roots);

// project_root for many files: the linted roots are resolved once, each
// directory's answer and markers are looked up once (a workspace has
// thousands of directories, each a dozen marker lookups deep).
class ProjectRootFinder {
 public:
  // `listed`: directories known to hold a marker or not (Workspace::marker_directories); others are looked up.
  explicit ProjectRootFinder(const std::vector<std::string>& roots,
                             const std::unordered_map<std::string, bool>* listed = nullptr);
  const std::string& of(const std::string& disk_path);

 private:
  bool has_marker(const std::string& directory);
  std::vector<std::string> roots_;  // absolute, lexically normal directories
  std::unordered_map<std::string, std::string> by_parent_;  // a file's directory as written -> its project
  std::unordered_map<std::string, bool> markers_;
  const std::unordered_map<std::string, bool>* listed_;
};

// Lower case without `-`, `_`, `.`: the form in which names are compared.
std::string normalize_name(std::string_view name);

// Whether a path component names a directory whose files are not production
// code (tests, dependencies, virtualenvs, build output).
bool is_skipped_source_directory(std::string_view name);
bool is_test_file_name(std::string_view name);

// docker-compose services as far as the mapping needs them.
struct ComposeService {
  std::string name;
  std::string build_context;  // relative to the compose file; empty when no build
  std::string dockerfile;
  struct Variable {
    std::string name;
    Range range;
  };
  std::vector<Variable> environment;
  std::vector<std::string> env_files;
};
std::vector<ComposeService> parse_compose(std::string_view text);

}  // namespace ecslint::contracts
