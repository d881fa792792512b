// `ecslint resources [PATH...]`: what ecslint understood of the
// configuration: every resource and data instance with its location, and
// the loading notices (remote modules skipped, ...). For debugging rules and
// for users who wonder why a rule did or did not fire.
#pragma once

#include <string>
#include <vector>

namespace ecslint::cli {

struct ResourcesOptions {
  std::vector<std::string> paths;
  std::string type;  // only instances of this resource type
  int threads = 0;
};

int run_resources_command(const ResourcesOptions& options);

}  // namespace ecslint::cli
