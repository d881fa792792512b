// What the EFS networking rules share: which services mount which
// aws_efs_file_system, and that file system's mount targets.
#pragma once

#include <string>
#include <vector>

#include "analyzer/model.h"

namespace ecslint::rules::efs {

struct EfsUse {
  const model::Service* service = nullptr;
  const model::TaskDefinition* task = nullptr;
  const model::Volume* volume = nullptr;
  const tf::ResourceInstance* file_system = nullptr;
};

// Every (service, EFS volume) whose file_system_id names an
// aws_efs_file_system of the configuration.
std::vector<EfsUse> efs_uses(const Model& model);

// The aws_efs_mount_target instances of a file system.
std::vector<const tf::ResourceInstance*> mount_targets(const tf::ResourceInstance& file_system,
                                                       const tf::Configuration& configuration);

}  // namespace ecslint::rules::efs
