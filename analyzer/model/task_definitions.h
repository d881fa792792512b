// Task definitions and ECS services in one shape, whatever their source:
// `aws_ecs_task_definition` (container_definitions as jsonencode([...]), a
// heredoc, file("x.json") or templatefile()) and standalone task-definition
// JSON files (`aws ecs register-task-definition --cli-input-json`).
//
// Every field is an eval::Value (known or unknown) with its origin, so a rule
// reports at the line that wrote it. A field that is absent is a Null value
// whose origin is its parent's.
#pragma once

#include <string_view>
#include <vector>

#include "analyzer/eval/value.h"
#include "analyzer/terraform/configuration.h"
#include "analyzer/workspace.h"

namespace ecslint::model {

// `environment[]` entry.
struct EnvVar {
  eval::Value name;
  eval::Value value;
  eval::Origin origin;  // the entry object
};

// `secrets[]` entry (also used for logConfiguration.secretOptions).
struct SecretVar {
  eval::Value name;
  eval::Value value_from;
  eval::Origin origin;
};

struct MountPoint {
  eval::Value source_volume;
  eval::Value container_path;
  eval::Value read_only;
  eval::Origin origin;
};

// efsVolumeConfiguration / efs_volume_configuration.
struct EfsVolume {
  eval::Value file_system_id;
  eval::Value root_directory;
  eval::Value transit_encryption;
  eval::Value access_point_id;  // authorizationConfig.accessPointId
  eval::Value iam;              // authorizationConfig.iam
  bool has_authorization = false;
  eval::Origin authorization_origin;
  eval::Origin origin;
};

struct Volume {
  eval::Value name;
  bool has_efs = false;
  EfsVolume efs;
  eval::Origin origin;
};

struct Container {
  eval::Value name;
  eval::Value image;
  eval::Value essential;
  std::vector<EnvVar> environment;
  bool environment_known = true;  // false when the list itself is unknown
  std::vector<SecretVar> secrets;
  bool secrets_known = true;
  std::vector<MountPoint> mount_points;
  bool mount_points_known = true;
  eval::Value port_mappings;
  eval::Value health_check;
  eval::Value log_configuration;
  eval::Value depends_on;
  eval::Value raw;  // the whole container definition object
  eval::Origin origin;
};

enum class TaskDefinitionSource : uint8_t { TerraformResource, JsonFile };

struct TaskDefinition {
  TaskDefinitionSource source = TaskDefinitionSource::TerraformResource;
  const tf::ResourceInstance* resource = nullptr;  // TerraformResource
  const LoadedFile* file = nullptr;                // JsonFile
  Location location;                               // resource header / JSON root
  eval::Value family;
  eval::Value network_mode;
  eval::Value requires_compatibilities;
  eval::Value cpu;
  eval::Value memory;
  eval::Value execution_role_arn;
  eval::Value task_role_arn;
  std::vector<Volume> volumes;
  bool volumes_known = true;
  // A `volumes = [...]` attribute on the Terraform resource: not an argument
  // of aws_ecs_task_definition (the block is `volume`); kept so a rule can say so.
  eval::Value misplaced_volumes;
  std::vector<Container> containers;
  bool containers_known = true;  // false: container definitions could not be read
  eval::Value container_definitions;  // the attribute / JSON member as written

  bool has_efs_volume() const {
    for (const Volume& v : volumes)
      if (v.has_efs) return true;
    return false;
  }
};

// An aws_ecs_service and the task definition it runs (when resolvable).
struct Service {
  const tf::ResourceInstance* resource = nullptr;
  Location location;
  eval::Value task_definition_ref;  // the attribute as written
  const TaskDefinition* task = nullptr;
  eval::Value subnets;           // network_configuration[0].subnets
  eval::Value security_groups;   // network_configuration[0].security_groups
  eval::Value platform_version;
  eval::Value launch_type;
  eval::Value capacity_provider_strategy;
  eval::Origin network_origin;
};

struct TaskModel {
  std::vector<TaskDefinition> task_definitions;
  std::vector<Service> services;
};

// Builds task definitions from the configuration's aws_ecs_task_definition
// instances and the workspace's task-definition JSON files, then services.
// `threads` as for parallel_for (0: one per core).
TaskModel build_task_model(const tf::Configuration& configuration, const std::vector<LoadedFile>& files,
                           int threads = 1);

// Reads container definitions from a value: a tuple of objects, or a JSON
// string (decoded with exact origins when the string is written verbatim in
// a file, else with `fallback`). Sets *known to false when they cannot be read.
std::vector<Container> read_containers(const eval::Value& definitions, eval::Origin fallback, bool* known);

// The value of `key` in `object`, or Null at the object's origin.
eval::Value member_or_null(const eval::Value& object, std::string_view key);

// Decodes a JSON string value: exact origins when its text is written
// verbatim inside its origin's file; unknown pieces of a partially known
// string become unknown values (keeping their symbols). Unknown on failure.
eval::Value decode_json_string(const eval::Value& text, eval::Origin fallback);

}  // namespace ecslint::model
