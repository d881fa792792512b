// The model the rules read: the loaded files and, built from them, the
// Terraform configuration (every resource instance evaluated). Rules never
// look at raw text. The configuration is built on first use, once.
#pragma once

#include <memory>
#include <mutex>

#include "analyzer/model/task_definitions.h"
#include "analyzer/terraform/configuration.h"
#include "analyzer/workspace.h"

namespace ecslint {

class Model {
 public:
  explicit Model(const Workspace& workspace, tf::InputVariables inputs = {})
      : workspace_(workspace), inputs_(std::move(inputs)) {}

  const std::vector<LoadedFile>& files() const { return workspace_.files; }

  const tf::Configuration& configuration() const {
    std::call_once(built_, [this] { configuration_ = std::make_unique<tf::Configuration>(tf::load_configuration(workspace_, inputs_)); });
    return *configuration_;
  }

  // Task definitions (Terraform resources and task-definition JSON files) in
  // one shape, and the ECS services mapped to them; built on first use, once.
  const std::vector<model::TaskDefinition>& task_definitions() const { return task_model().task_definitions; }
  const std::vector<model::Service>& services() const { return task_model().services; }

 private:
  const Workspace& workspace_;
  tf::InputVariables inputs_;
  mutable std::once_flag built_;
  mutable std::unique_ptr<tf::Configuration> configuration_;
  mutable std::once_flag tasks_built_;
  mutable std::unique_ptr<model::TaskModel> task_model_;

  const model::TaskModel& task_model() const {
    std::call_once(tasks_built_, [this] {
      task_model_ = std::make_unique<model::TaskModel>(model::build_task_model(configuration(), files()));
    });
    return *task_model_;
  }
};

}  // namespace ecslint
