#include "rules/efs/efs_mount_target_az.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <set>

#include "rules/efs/efs_network.h"

namespace ecslint::rules {

using eval::Value;

namespace {

// A subnet's Availability Zone when known ("us-east-1a", or the zone id).
std::optional<std::string> zone_of(const tf::ResourceInstance& subnet) {
  for (std::string_view key : {"availability_zone", "availability_zone_id"}) {
    const Value* az = subnet.body().member(key);
    if (az && az->is_string()) return std::string(key) + "=" + az->as_string();
  }
  return std::nullopt;
}

}  // namespace

void EfsMountTargetAz::check(const Model& model, Report& report) const {
  const tf::Configuration& configuration = model.configuration();
  std::set<std::string> reported;
  for (const efs::EfsUse& use : efs::efs_uses(model)) {
    // One Zone file systems have one mount target by design.
    const Value* one_zone = use.file_system->body().member("availability_zone_name");
    if (one_zone && !one_zone->is_null()) continue;
    const Value& subnets = use.service->subnets;
    if (!subnets.is_tuple()) continue;
    // The mount targets' subnets and zones; any we cannot resolve may cover anything.
    std::set<const tf::ResourceInstance*> covered;
    std::set<std::string> zones;
    bool all_known = true;
    auto targets = efs::mount_targets(*use.file_system, configuration);
    for (const tf::ResourceInstance* mt : targets) {
      const Value* id = mt->body().member("subnet_id");
      const tf::ResourceInstance* subnet = id ? model::referenced_instance(*id, configuration, "aws_subnet") : nullptr;
      if (!subnet) {
        all_known = false;
        break;
      }
      covered.insert(subnet);
      if (auto z = zone_of(*subnet)) zones.insert(*z);
    }
    if (!all_known) continue;
    // Mount targets made elsewhere (a module, another configuration) are invisible: only
    // judge file systems whose mount targets are declared here.
    if (targets.empty()) continue;
    for (const Value& s : subnets.items()) {
      const tf::ResourceInstance* subnet = model::referenced_instance(s, configuration, "aws_subnet");
      if (!subnet || covered.count(subnet)) continue;
      auto zone = zone_of(*subnet);
      if (!zone) continue;  // another subnet of the same zone may hold the mount target
      if (zones.count(*zone)) continue;
      // Every mount target subnet's zone must be known to say this one is missing.
      bool zones_known = true;
      for (const tf::ResourceInstance* c : covered) zones_known = zones_known && zone_of(*c).has_value();
      if (!zones_known) continue;
      std::string key = use.service->resource->address + "|" + use.file_system->address + "|" + *zone;
      if (!reported.insert(key).second) continue;
      std::vector<std::string> have;
      for (const std::string& z : zones) have.push_back(z.substr(z.find('=') + 1));
      std::string az = zone->substr(zone->find('=') + 1);
      const eval::Origin& o = s.origin().known() ? s.origin() : subnets.origin();
      Finding& f = report.add(
          {o.file, o.range},
          fmt::format("{} runs tasks in {} ({}), but EFS {} (volume \"{}\") has no mount target in that "
                      "Availability Zone (mount targets in: {}); tasks placed there cannot resolve the file "
                      "system's DNS name. Add an aws_efs_mount_target in {} (e.g. count = "
                      "length(<the service subnets>) with subnet_id = <subnets>[count.index])",
                      use.service->resource->address, subnet->address, az, use.file_system->address,
                      use.volume->name.is_string() ? use.volume->name.as_string() : "?",
                      have.empty() ? std::string("none") : fmt::format("{}", fmt::join(have, ", ")), az));
      if (!targets.empty())
        f.related.push_back({targets.front()->location, "the file system's mount targets"});
    }
  }
}

}  // namespace ecslint::rules
