#include "rules/efs/efs_network.h"

namespace ecslint::rules::efs {

std::vector<EfsUse> efs_uses(const Model& model) {
  std::vector<EfsUse> out;
  const tf::Configuration& configuration = model.configuration();
  for (const model::Service& s : model.services()) {
    if (!s.task) continue;
    for (const model::Volume& v : s.task->volumes) {
      if (!v.has_efs) continue;
      if (const tf::ResourceInstance* fs = model::referenced_instance(v.efs.file_system_id, configuration, "aws_efs_file_system"))
        out.push_back({&s, s.task, &v, fs});
    }
  }
  return out;
}

std::vector<const tf::ResourceInstance*> mount_targets(const tf::ResourceInstance& file_system,
                                                       const tf::Configuration& configuration) {
  std::vector<const tf::ResourceInstance*> out;
  for (const tf::ResourceInstance* mt : configuration.of_type("aws_efs_mount_target")) {
    const eval::Value* id = mt->body().member("file_system_id");
    if (id && model::referenced_instance(*id, configuration, "aws_efs_file_system") == &file_system) out.push_back(mt);
  }
  return out;
}

}  // namespace ecslint::rules::efs
