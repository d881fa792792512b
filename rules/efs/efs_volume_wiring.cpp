#include "rules/efs/efs_volume_wiring.h"

#include <fmt/format.h>

#include <charconv>
#include <set>

namespace ecslint::rules {

using eval::Value;

namespace {

Location at(const Value& v, const eval::Origin& fallback) {
  const eval::Origin& o = v.origin().known() ? v.origin() : fallback;
  return {o.file, o.range};
}

// "1.3.0" → {1,3,0}; nullopt for LATEST or anything else.
std::optional<std::array<int, 3>> parse_version(std::string_view s) {
  std::array<int, 3> out{0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out[i]);
    if (ec != std::errc()) return std::nullopt;
    s.remove_prefix(size_t(end - s.data()));
    if (i < 2) {
      if (s.empty()) return i == 0 ? std::nullopt : std::optional(out);
      if (s[0] != '.') return std::nullopt;
      s.remove_prefix(1);
    }
  }
  if (!s.empty()) return std::nullopt;
  return out;
}

std::string task_label(const model::TaskDefinition& td) {
  if (td.resource) return td.resource->address;
  if (td.family.is_string()) return fmt::format("task definition \"{}\"", td.family.as_string());
  return "task definition";
}

void check_mounts(const model::TaskDefinition& td, Report& report) {
  std::set<std::string> names;
  bool names_known = td.volumes_known;
  for (const model::Volume& v : td.volumes) {
    if (v.name.is_string()) names.insert(v.name.as_string());
    else names_known = false;
  }
  bool mounts_known = td.containers_known;
  std::set<std::string> mounted;
  for (const model::Container& c : td.containers) {
    mounts_known = mounts_known && c.mount_points_known;
    for (const model::MountPoint& m : c.mount_points) {
      if (!m.source_volume.is_string()) {
        mounts_known = false;
        continue;
      }
      const std::string& source = m.source_volume.as_string();
      mounted.insert(source);
      if (!names_known || names.count(source)) continue;
      std::string declared;
      for (const std::string& n : names) declared += fmt::format("{}\"{}\"", declared.empty() ? "" : ", ", n);
      std::string hint;
      if (!td.misplaced_volumes.is_null())
        hint = fmt::format("; `volumes = [...]` is not an argument of aws_ecs_task_definition: declare a "
                           "`volume {{ name = \"{}\" ... }}` block (with `efs_volume_configuration {{ ... }}` for EFS)",
                           source);
      else if (td.resource)
        hint = fmt::format("; add a `volume {{ name = \"{}\" ... }}` block to {}", source, td.resource->address);
      else
        hint = fmt::format("; add {{\"name\": \"{}\", ...}} to `volumes`", source);
      report.add(at(m.source_volume, m.origin),
                 fmt::format("container \"{}\": mountPoints sourceVolume \"{}\" names no volume of {} (ECS "
                             "rejects it: \"Unknown volume '{}'\"); declared volumes: {}{}",
                             c.name.is_string() ? c.name.as_string() : "?", source, task_label(td), source,
                             declared.empty() ? "none" : declared, hint));
    }
  }
  if (!mounts_known || !names_known) return;
  for (const model::Volume& v : td.volumes) {
    if (!v.name.is_string() || mounted.count(v.name.as_string())) continue;
    report.add(at(v.name, v.origin),
               fmt::format("volume \"{}\" of {} is never mounted: no container has a mountPoints entry with "
                           "sourceVolume \"{}\"; mount it or remove it",
                           v.name.as_string(), task_label(td), v.name.as_string()),
               Severity::Warning);
  }
}

void check_efs_auth(const model::TaskDefinition& td, Report& report) {
  for (const model::Volume& v : td.volumes) {
    if (!v.has_efs || !v.efs.has_authorization) continue;
    const model::EfsVolume& efs = v.efs;
    bool access_point = !efs.access_point_id.is_null();  // a reference counts: it is there
    bool iam = efs.iam.is_string() && efs.iam.as_string() == "ENABLED";
    if (!access_point && !iam) continue;
    const Value& te = efs.transit_encryption;
    if (!te.is_known()) continue;
    if (te.is_string() && te.as_string() == "ENABLED") continue;
    std::string what = access_point && iam ? "an access point and IAM authorization"
                       : access_point      ? "an access point"
                                           : "IAM authorization";
    std::string key = td.resource ? "transit_encryption = \"ENABLED\"" : "\"transitEncryption\": \"ENABLED\"";
    report.add(at(te.is_null() ? efs.access_point_id.is_null() ? efs.iam : efs.access_point_id : te, efs.origin),
               fmt::format("EFS volume \"{}\" of {} uses {} without transit encryption (RegisterTaskDefinition "
                           "rejects it: authorizationConfig requires transit encryption); set {}",
                           v.name.is_string() ? v.name.as_string() : "?", task_label(td), what, key));
  }
}

}  // namespace

void EfsVolumeWiring::check(const Model& model, Report& report) const {
  // Module instances of one block give the same task definition several
  // times: judge each written block once.
  std::set<std::pair<const SourceFile*, uint32_t>> seen;
  for (const model::TaskDefinition& td : model.task_definitions()) {
    if (!seen.insert({td.location.file, td.location.range.begin}).second) continue;
    check_mounts(td, report);
    check_efs_auth(td, report);
  }
  for (const model::Service& s : model.services()) {
    if (!s.task || !s.task->has_efs_volume() || !s.platform_version.is_string()) continue;
    auto version = parse_version(s.platform_version.as_string());
    if (!version || *version >= std::array<int, 3>{1, 4, 0}) continue;
    report.add(at(s.platform_version, {s.location.file, s.location.range}),
               fmt::format("{} runs {} with an EFS volume on Fargate platform version {}; EFS needs Linux platform "
                           "version 1.4.0 or later: set platform_version = \"1.4.0\" or \"LATEST\"",
                           s.resource->address, task_label(*s.task), s.platform_version.as_string()));
  }
}

}  // namespace ecslint::rules
