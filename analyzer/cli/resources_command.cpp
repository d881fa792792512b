#include "analyzer/cli/resources_command.h"

#include <fmt/format.h>

#include "analyzer/model.h"
#include "grammar/large_stack.h"

namespace ecslint::cli {

namespace {
std::string where(const Location& location) {
  if (!location.file) return "?";
  Position p = location.file->position(location.range.begin);
  return fmt::format("{}:{}:{}", location.file->path(), p.line, p.column);
}
}  // namespace

int run_resources_command(const ResourcesOptions& options) {
  Workspace workspace = load_workspace({options.paths, {}, options.threads});
  Model model(workspace);
  int status = workspace.errors.empty() ? 0 : 2;
  for (const LoadError& e : workspace.errors) fmt::print(stderr, "{}: error: {}\n", e.path, e.message);
  // Evaluation recurses through expressions: give it the parser's stack.
  run_with_large_stack([&] {
    const tf::Configuration& config = model.configuration();
    size_t shown = 0;
    for (const tf::ResourceInstance* instance : config.all_instances()) {
      if (!options.type.empty() && instance->type != options.type) continue;
      fmt::print("{:<60} {}\n", instance->address, where(instance->location));
      ++shown;
    }
    for (const tf::LoadNotice& notice : config.notices()) fmt::print("notice: {}: {}\n", where(notice.location), notice.message);
    fmt::print("{} instances\n", shown);
  });
  return status;
}

}  // namespace ecslint::cli
