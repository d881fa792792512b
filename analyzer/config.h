// `.ecslint.hcl`: the project's configuration.
//
//   rule "secret-plaintext" { enabled = false }
//   rule "env-unused"       { severity = "notice" }
//   app "api" {
//     source     = "services/api"
//     containers = ["api", "worker"]
//     language   = "python"   # optional hint
//   }
//   varfile = ["env/prod.tfvars"]
//   exclude = ["legacy/**"]
//
// Unknown blocks and keys, and values of the wrong type, are errors with
// their position: a typo in a config must not silently switch a rule off.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "grammar/source.h"

namespace ecslint {

struct RuleConfig {
  std::optional<bool> enabled;
  std::optional<std::string> severity;  // validated: error | warning | notice
  Range range;                          // the block, for messages
};

struct AppConfig {
  std::string name;
  std::string source;  // directory, relative to the config file
  std::vector<std::string> containers;
  std::string language;
};

struct ConfigError {
  std::string file;
  Position position;
  std::string message;
};

struct Config {
  std::string path;  // empty when no config file was found
  std::string directory;  // where relative paths in it start
  std::map<std::string, RuleConfig, std::less<>> rules;
  std::vector<AppConfig> apps;
  std::vector<std::string> varfiles;
  std::vector<std::string> excludes;
};

// Parses the config at `path`. Errors (syntax and schema) are collected;
// the config is still returned with whatever was valid.
Config load_config(const std::string& path, std::vector<ConfigError>& errors);

// `.ecslint.hcl` in the working directory or the nearest parent that holds
// it, stopping at the repository root (a directory with .git). Empty if none.
std::string find_config_file();

}  // namespace ecslint
