// The model the rules read: the loaded files and, built from them, the
// Terraform configuration (every resource instance evaluated). Rules never
// look at raw text. The configuration is built on first use, once.
#pragma once

#include <memory>
#include <mutex>

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

 private:
  const Workspace& workspace_;
  tf::InputVariables inputs_;
  mutable std::once_flag built_;
  mutable std::unique_ptr<tf::Configuration> configuration_;
};

}  // namespace ecslint
