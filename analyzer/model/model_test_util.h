// A throwaway project on disk for the model's tests: files written to a
// temporary directory, loaded and modelled as the CLI would.
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/model.h"
#include "grammar/large_stack.h"

namespace ecslint::model::testing {

struct Project {
  std::filesystem::path dir;
  Workspace workspace;
  std::unique_ptr<Model> model;

  Project(const std::string& name, const std::vector<std::pair<std::string, std::string>>& files) {
    namespace fs = std::filesystem;
    dir = fs::temp_directory_path() / ("ecslint_model_" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const auto& [path, text] : files) {
      fs::create_directories((dir / path).parent_path());
      std::ofstream(dir / path) << text;
    }
    tf::InputVariables inputs;
    inputs.read_environment = false;
    // Evaluation recurses: build everything on a big stack, as the CLI does.
    run_with_large_stack([&] {
      workspace = load_workspace({{dir.string()}, {}, 1, dir.string()});
      model = std::make_unique<Model>(workspace, inputs);
      model->task_definitions();
      model->network();
    });
  }
};

}  // namespace ecslint::model::testing
