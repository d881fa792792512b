// The model the rules read: the loaded files and, built from them, the
// Terraform configuration (every resource instance, its body evaluated when
// first read). Rules never look at raw text. The configuration is built on
// first use, once.
#pragma once

#include <memory>
#include <mutex>

#include "analyzer/config.h"
#include "analyzer/contracts/apps.h"
#include "analyzer/model/network.h"
#include "analyzer/model/task_definitions.h"
#include "analyzer/terraform/configuration.h"
#include "analyzer/timing.h"
#include "analyzer/workspace.h"

namespace ecslint {

class Model {
 public:
  explicit Model(const Workspace& workspace, tf::InputVariables inputs = {})
      : workspace_(workspace), inputs_(std::move(inputs)) {}

  const std::vector<LoadedFile>& files() const { return workspace_.files; }

  const tf::Configuration& configuration() const {
    std::call_once(built_, [this] {
      PhaseTimer timer("model: configuration");
      configuration_ = std::make_unique<tf::Configuration>(tf::load_configuration(workspace_, inputs_));
    });
    return *configuration_;
  }

  // Task definitions (Terraform resources and task-definition JSON files) in
  // one shape, and the ECS services mapped to them; built on first use, once.
  const std::vector<model::TaskDefinition>& task_definitions() const { return task_model().task_definitions; }
  const std::vector<model::Service>& services() const { return task_model().services; }

  // Frees the evaluated configuration and the models built from it once the
  // rules have run. Everything a finding may point into stays: the workspace
  // files, files read by templatefile(), app code and compose files. The
  // model is not to be read again.
  void release_evaluation() {
    if (configuration_) configuration_->release_instances();
    task_model_.reset();
    network_.reset();
  }

  // Security groups with their rules from every resource shape; built on first use, once.
  const model::NetworkModel& network() const {
    std::call_once(network_built_, [this] {
      const tf::Configuration& config = configuration();
      PhaseTimer timer("model: network");
      network_ = std::make_unique<model::NetworkModel>(model::build_network_model(config));
    });
    return *network_;
  }

  // Application contracts: which code runs in which container and what it
  // reads (analyzer/contracts/apps.h). The config's `app` blocks are given by
  // the caller; the rest is inferred from the linted roots. Built on first use.
  void set_apps(std::vector<AppConfig> apps, std::string config_directory) {
    apps_ = std::move(apps);
    apps_directory_ = std::move(config_directory);
  }
  const contracts::ContractModel& contracts() const {
    std::call_once(contracts_built_, [this] {
      const std::vector<model::TaskDefinition>& tasks = task_definitions();
      PhaseTimer timer("model: contracts");
      std::vector<contracts::LoadedFileRef> files;
      for (const LoadedFile& f : workspace_.files) files.push_back({f.source.get(), f.disk_path});
      contracts::ContractInputs in{workspace_.options.paths, workspace_.options.display_base, workspace_.options.excludes,
                                   apps_, apps_directory_, contracts::containers_of(tasks, files),
                                   workspace_.options.threads, workspace_.marker_directories.get(),
                                   workspace_.listings.get()};
      contracts_ = std::make_unique<contracts::ContractModel>(contracts::build_contract_model(in));
    });
    return *contracts_;
  }

 private:
  const Workspace& workspace_;
  tf::InputVariables inputs_;
  mutable std::once_flag built_;
  mutable std::unique_ptr<tf::Configuration> configuration_;
  mutable std::once_flag network_built_;
  mutable std::unique_ptr<model::NetworkModel> network_;
  mutable std::once_flag tasks_built_;
  mutable std::unique_ptr<model::TaskModel> task_model_;
  std::vector<AppConfig> apps_;
  std::string apps_directory_;
  mutable std::once_flag contracts_built_;
  mutable std::unique_ptr<contracts::ContractModel> contracts_;

  const model::TaskModel& task_model() const {
    std::call_once(tasks_built_, [this] {
      const tf::Configuration& config = configuration();
      PhaseTimer timer("model: task definitions");
      task_model_ = std::make_unique<model::TaskModel>(model::build_task_model(config, files(), workspace_.options.threads));
    });
    return *task_model_;
  }
};

}  // namespace ecslint
