// `ecslint contracts [PATH...] [--format text|json]`: the application
// contracts ecslint sees. For each application: where its code is, how the
// mapping to containers was found (config / compose / dockerfile / name),
// and per container a table of the variables the code reads (site,
// required/optional) against those the container sets (environment,
// secrets, the image's Dockerfile ENV) and those set for local development
// (docker-compose, .env), with the status of each. Values are never printed.
// Like lint, it reads and models one project at a time (analyzer/projects.h):
// apps are listed in the order first found, each once with the containers
// of every project, and containers without known code project by project.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace ecslint::cli {

struct ContractsOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string config;  // default: .ecslint.hcl searched upwards
  std::vector<std::string> excludes;
  int threads = 0;
};

// Registers the subcommand on `app`; returns it for got_subcommand().
CLI::App* add_contracts_command(CLI::App& app, ContractsOptions& options);

int run_contracts_command(const ContractsOptions& options);

}  // namespace ecslint::cli
