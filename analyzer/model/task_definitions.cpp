#include "analyzer/model/task_definitions.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "analyzer/eval/evaluator.h"
#include "analyzer/model/references.h"
#include "analyzer/parallel.h"

namespace ecslint::model {

using eval::Member;
using eval::Origin;
using eval::StringPiece;
using eval::Value;

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The AWS provider decodes container_definitions with Go's encoding/json,
// which matches keys case-insensitively: "MountPoints" is mountPoints to
// ECS. An exact key wins, as it does in Go.
Value member_or_null(const Value& object, std::string_view key) {
  if (!object.is_object()) return Value::null(object.origin());
  if (const Value* v = object.member(key)) return *v;
  for (const eval::Member& m : object.members())
    if (equal_ignoring_case(m.key, key)) return m.value;
  return Value::null(object.origin());
}

// The objects of list member `key`; `known` turns false when the list, or
// one of its elements, cannot be known (rules then stay silent about it).
template <typename Entry, typename Make>
std::vector<Entry> read_objects(const Value& object, std::string_view key, bool& known, Make make) {
  std::vector<Entry> out;
  Value list = member_or_null(object, key);
  if (!list.is_tuple()) {
    if (!list.is_known()) known = false;
    return out;
  }
  out.reserve(list.items().size());
  for (const Value& item : list.items()) {
    if (item.is_object()) out.push_back(make(item));
    else known = known && item.is_known();
  }
  return out;
}

namespace {

// First member present of several spellings (JSON camelCase, Terraform snake_case).
Value pick(const Value& object, std::initializer_list<std::string_view> keys) {
  if (object.is_object())
    for (std::string_view key : keys)
      if (const Value* v = object.member(key)) return *v;
  return Value::null(object.origin());
}

// A nested block of a Terraform body: a tuple of objects; its first element.
Value first_block(const Value& body, std::string_view key) {
  const Value* v = body.is_object() ? body.member(key) : nullptr;
  if (!v) return Value::null(body.origin());
  if (v->is_tuple()) return v->items().empty() ? Value::null(v->origin()) : v->items()[0];
  return *v;  // JSON object form
}

constexpr std::string_view kPlaceholder = "__ecslint_unknown_";

// Replaces the placeholders left in decoded strings by the unknown pieces
// they stand for.
Value restore_unknowns(const Value& v, const std::vector<StringPiece>& unknowns) {
  if (v.is_string()) {
    const std::string& s = v.as_string();
    if (s.find(kPlaceholder) == std::string::npos) return v;
    std::vector<StringPiece> pieces;
    size_t at = 0;
    while (at < s.size()) {
      size_t p = s.find(kPlaceholder, at);
      if (p == std::string::npos) {
        pieces.push_back({s.substr(at), {}, false});
        break;
      }
      if (p > at) pieces.push_back({s.substr(at, p - at), {}, false});
      size_t digits = p + kPlaceholder.size();
      size_t end = s.find("__", digits);
      if (end == std::string::npos) return Value::unknown(v.origin());
      size_t index = std::stoul(s.substr(digits, end - digits));
      if (index >= unknowns.size()) return Value::unknown(v.origin());
      pieces.push_back(unknowns[index]);
      at = end + 2;
    }
    if (pieces.size() == 1 && pieces[0].unknown) return Value::unknown(v.origin(), pieces[0].symbol);
    return Value::unknown_string(std::move(pieces), v.origin());
  }
  if (v.is_tuple()) {
    std::vector<Value> items;
    for (const Value& item : v.items()) items.push_back(restore_unknowns(item, unknowns));
    return Value::tuple(std::move(items), v.origin());
  }
  if (v.is_object()) {
    std::vector<Member> members;
    for (const Member& m : v.members()) members.push_back({m.key, restore_unknowns(m.value, unknowns), m.key_origin});
    return Value::object(std::move(members), v.origin());
  }
  return v;
}

}  // namespace

Value decode_json_string(const Value& text, Origin fallback) {
  if (const Value* source = text.encoded_from()) return *source;
  Origin where = text.origin().known() ? text.origin() : fallback;
  if (text.is_string()) {
    const std::string& s = text.as_string();
    const Origin& o = text.origin();
    if (o.known() && !s.empty()) {
      std::string_view written = o.file->slice(o.range);
      size_t at = written.find(s);
      if (at != std::string_view::npos && written.find(s, at + 1) == std::string_view::npos)
        return eval::json_decode(s, o.file, o.range.begin + uint32_t(at), where);
    }
    return eval::json_decode(s, nullptr, 0, where);
  }
  // A heredoc or template with interpolated unknowns ("${aws_x.y.arn}"):
  // decode with placeholders, then put the unknowns back.
  if (!text.pieces().empty()) {
    std::string joined;
    std::vector<StringPiece> unknowns;
    for (const StringPiece& piece : text.pieces()) {
      if (!piece.unknown) {
        joined += piece.text;
        continue;
      }
      joined += fmt::format("{}{}__", kPlaceholder, unknowns.size());
      unknowns.push_back(piece);
    }
    Value decoded = eval::json_decode(joined, nullptr, 0, where);
    if (!decoded.is_known()) return Value::unknown(where);
    return restore_unknowns(decoded, unknowns);
  }
  return Value::unknown(where);
}

namespace {

Container read_container(const Value& def) {
  Container c;
  c.raw = def;
  c.origin = def.origin();
  c.name = member_or_null(def, "name");
  c.image = member_or_null(def, "image");
  c.essential = member_or_null(def, "essential");
  c.port_mappings = member_or_null(def, "portMappings");
  c.health_check = member_or_null(def, "healthCheck");
  c.log_configuration = member_or_null(def, "logConfiguration");
  c.depends_on = member_or_null(def, "dependsOn");

  c.environment = read_objects<EnvVar>(def, "environment", c.environment_known, [](const Value& e) {
    return EnvVar{member_or_null(e, "name"), member_or_null(e, "value"), e.origin()};
  });
  c.secrets = read_objects<SecretVar>(def, "secrets", c.secrets_known, [](const Value& e) {
    return SecretVar{member_or_null(e, "name"), member_or_null(e, "valueFrom"), e.origin()};
  });
  c.mount_points = read_objects<MountPoint>(def, "mountPoints", c.mount_points_known, [](const Value& m) {
    return MountPoint{member_or_null(m, "sourceVolume"), member_or_null(m, "containerPath"),
                      member_or_null(m, "readOnly"), m.origin()};
  });
  return c;
}

EfsVolume read_efs(const Value& efs, bool terraform) {
  EfsVolume out;
  out.origin = efs.origin();
  out.file_system_id = pick(efs, {terraform ? "file_system_id" : "fileSystemId"});
  out.root_directory = pick(efs, {terraform ? "root_directory" : "rootDirectory"});
  out.transit_encryption = pick(efs, {terraform ? "transit_encryption" : "transitEncryption"});
  Value auth = terraform ? first_block(efs, "authorization_config") : member_or_null(efs, "authorizationConfig");
  if (auth.is_object() || !auth.is_known()) {
    out.has_authorization = true;
    out.authorization_origin = auth.origin();
    out.access_point_id = pick(auth, {terraform ? "access_point_id" : "accessPointId"});
    out.iam = pick(auth, {"iam"});
  } else {
    out.access_point_id = Value::null(efs.origin());
    out.iam = Value::null(efs.origin());
  }
  return out;
}

Volume read_volume(const Value& v, bool terraform) {
  Volume out;
  out.origin = v.origin();
  out.name = member_or_null(v, "name");
  Value efs = terraform ? first_block(v, "efs_volume_configuration") : member_or_null(v, "efsVolumeConfiguration");
  if (efs.is_object()) {
    out.has_efs = true;
    out.efs = read_efs(efs, terraform);
  }
  return out;
}

TaskDefinition from_resource(const tf::ResourceInstance& instance) {
  TaskDefinition td;
  td.source = TaskDefinitionSource::TerraformResource;
  td.resource = &instance;
  td.location = instance.location;
  const Value& body = instance.body();
  td.family = member_or_null(body, "family");
  td.network_mode = member_or_null(body, "network_mode");
  td.requires_compatibilities = member_or_null(body, "requires_compatibilities");
  td.cpu = member_or_null(body, "cpu");
  td.memory = member_or_null(body, "memory");
  td.execution_role_arn = member_or_null(body, "execution_role_arn");
  td.task_role_arn = member_or_null(body, "task_role_arn");
  td.misplaced_volumes = member_or_null(body, "volumes");
  if (const Value* volumes = body.is_object() ? body.member("volume") : nullptr) {
    if (volumes->is_tuple()) {
      for (const Value& v : volumes->items()) td.volumes.push_back(read_volume(v, true));
    } else {
      td.volumes_known = false;
    }
  }
  td.container_definitions = member_or_null(body, "container_definitions");
  Origin fallback = td.container_definitions.origin().known() ? td.container_definitions.origin()
                                                               : Origin{instance.location.file, instance.location.range};
  td.containers = read_containers(td.container_definitions, fallback, &td.containers_known);
  return td;
}

TaskDefinition from_json_file(const LoadedFile& file) {
  TaskDefinition td;
  td.source = TaskDefinitionSource::JsonFile;
  td.file = &file;
  const SourceFile* source = file.source.get();
  Origin whole{source, {0, source->size()}};
  td.location = {source, {0, 0}};
  // Read from the file's own syntax tree: the text was parsed when loaded.
  Value root = file.parsed && file.parsed->syntax == grammar::Syntax::Json && file.parsed->root
                   ? eval::json_value(*file.parsed->root, source, whole)
                   : eval::json_decode(source->text(), source, 0, whole);
  if (root.is_object())
    if (const Value* inner = root.member("taskDefinition"); inner && inner->is_object()) {
      Value unwrapped = *inner;  // copy first: `inner` lives inside `root`
      root = std::move(unwrapped);
    }
  if (root.is_object() && root.origin().known()) td.location = {source, {root.origin().range.begin, root.origin().range.begin + 1}};
  td.family = member_or_null(root, "family");
  td.network_mode = member_or_null(root, "networkMode");
  td.requires_compatibilities = member_or_null(root, "requiresCompatibilities");
  td.cpu = member_or_null(root, "cpu");
  td.memory = member_or_null(root, "memory");
  td.execution_role_arn = member_or_null(root, "executionRoleArn");
  td.task_role_arn = member_or_null(root, "taskRoleArn");
  td.misplaced_volumes = Value::null();
  Value volumes = member_or_null(root, "volumes");
  if (volumes.is_tuple()) {
    for (const Value& v : volumes.items()) td.volumes.push_back(read_volume(v, false));
  } else if (!volumes.is_known()) {
    td.volumes_known = false;
  }
  td.container_definitions = member_or_null(root, "containerDefinitions");
  td.containers = read_containers(td.container_definitions, whole, &td.containers_known);
  if (!root.is_object()) td.containers_known = false;
  return td;
}

}  // namespace

std::vector<Container> read_containers(const Value& definitions, Origin fallback, bool* known) {
  *known = true;
  Value defs = definitions;
  if (definitions.encoded_from()) {
    defs = *definitions.encoded_from();
  } else if (definitions.is_string() || !definitions.pieces().empty()) {
    defs = decode_json_string(definitions, fallback);
  }
  std::vector<Container> out;
  if (!defs.is_tuple()) {
    *known = false;
    return out;
  }
  out.reserve(defs.items().size());
  for (const Value& def : defs.items()) {
    if (!def.is_object()) {
      if (!def.is_known()) *known = false;
      continue;
    }
    out.push_back(read_container(def));
  }
  return out;
}

TaskModel build_task_model(const tf::Configuration& configuration, const std::vector<LoadedFile>& files, int threads) {
  TaskModel model;
  // Lookups by resource and family: large workspaces have thousands of each.
  std::vector<const tf::ResourceInstance*> resources = configuration.of_type("aws_ecs_task_definition");
  std::vector<const LoadedFile*> json_files;
  for (const LoadedFile& file : files)
    if (file.task_definition_json && file.parsed && file.parsed->ok()) json_files.push_back(&file);
  // Task definitions are read in parallel into a fixed order. Bodies of one
  // root module are evaluated one at a time, so a worker takes all of a
  // root's (largest batch first) rather than waiting on another's.
  model.task_definitions.resize(resources.size() + json_files.size());
  std::vector<std::vector<size_t>> batches;
  std::unordered_map<const void*, size_t> batch_of_group;
  for (size_t i = 0; i < resources.size(); ++i) {
    auto [it, inserted] = batch_of_group.try_emplace(resources[i]->evaluation_group(), batches.size());
    if (inserted) batches.emplace_back();
    batches[it->second].push_back(i);
  }
  for (size_t i = resources.size(); i < model.task_definitions.size(); ++i) batches.push_back({i});
  std::stable_sort(batches.begin(), batches.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  parallel_for(batches.size(), threads, [&](size_t b) {
    for (size_t i : batches[b]) {
      TaskDefinition& td = model.task_definitions[i];
      if (i >= resources.size()) td = from_json_file(*json_files[i - resources.size()]);
      else td = from_resource(*resources[i]);
    }
  });
  std::unordered_map<const tf::ResourceInstance*, const TaskDefinition*> task_of_resource;  // the last one, as a scan finds
  std::unordered_map<std::string, const TaskDefinition*> first_of_family;
  for (const TaskDefinition& td : model.task_definitions) {
    task_of_resource[td.resource] = &td;
    if (td.family.is_string()) first_of_family.emplace(td.family.as_string(), &td);
  }

  for (const tf::ResourceInstance* instance : configuration.of_type("aws_ecs_service")) {
    Service s;
    s.resource = instance;
    s.location = instance->location;
    const Value& body = instance->body();
    s.task_definition_ref = member_or_null(body, "task_definition");
    s.platform_version = member_or_null(body, "platform_version");
    s.launch_type = member_or_null(body, "launch_type");
    s.capacity_provider_strategy = member_or_null(body, "capacity_provider_strategy");
    Value network = first_block(body, "network_configuration");
    s.network_origin = network.origin();
    s.subnets = member_or_null(network, "subnets");
    s.security_groups = member_or_null(network, "security_groups");
    if (!network.is_object()) {
      s.subnets = network.is_known() ? Value::null(body.origin()) : Value::unknown(network.origin());
      s.security_groups = s.subnets;
    }

    std::string symbol(reference_symbol(s.task_definition_ref));
    if (!symbol.empty()) {
      if (const tf::ResourceInstance* target = configuration.resolve_symbol(symbol);
          target && target->type == "aws_ecs_task_definition") {
        if (auto td = task_of_resource.find(target); td != task_of_resource.end()) s.task = td->second;
      }
    } else if (s.task_definition_ref.is_string()) {
      // "family" or "family:revision" or a full ARN naming a family declared here.
      std::string family = s.task_definition_ref.as_string();
      if (size_t slash = family.rfind('/'); slash != std::string::npos) family = family.substr(slash + 1);
      if (size_t colon = family.find(':'); colon != std::string::npos) family = family.substr(0, colon);
      if (auto td = first_of_family.find(family); td != first_of_family.end()) s.task = td->second;
    }
    model.services.push_back(std::move(s));
  }
  return model;
}

}  // namespace ecslint::model
