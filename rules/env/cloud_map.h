// Cloud Map and ECS Service Connect as env-service-discovery needs them: the
// private DNS namespaces declared in the configuration, the discovery
// services registered in them, the ECS services whose tasks those services
// list, and the names Service Connect makes resolvable. Kept beside the rule
// family until the model grows typed network resources of its own.
//
// Every "unknown" here widens what might resolve: a discovery service whose
// namespace cannot be resolved may be in any namespace, a Service Connect
// alias that cannot be read may be any name.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace ecslint::rules::env {

struct DnsNamespace {
  const tf::ResourceInstance* resource = nullptr;
  std::string name;  // lower case, no trailing dot
  Location name_at;
  // A remote module in the same directory is skipped: it may register
  // services in this namespace that we cannot see.
  bool hidden_registrations = false;
};

struct DiscoveryService {
  const tf::ResourceInstance* resource = nullptr;
  std::optional<std::string> name;               // lower case; nullopt: unknown
  const tf::ResourceInstance* dns_namespace = nullptr;  // nullptr: not resolved to a declared namespace
};

// An aws_ecs_service `service_registries` entry naming a discovery service.
struct Registration {
  const model::Service* service = nullptr;
  const tf::ResourceInstance* discovery = nullptr;
  std::optional<int> container_port;  // service_registries.container_port / port
};

struct CloudMap {
  std::vector<DnsNamespace> namespaces;
  std::vector<DiscoveryService> discovery_services;
  std::vector<Registration> registrations;
  // Service Connect: full client alias names and discovery/port names (all
  // lower case) that clients in the namespace can resolve.
  std::vector<std::string> connect_dns_names;
  std::vector<std::string> connect_short_names;
  bool connect_unknown = false;  // some Service Connect name could not be read

  // The declared namespace `host` ends in ("api.app.local" -> "app.local"),
  // the longest when several do; nullptr when none. `label` gets the rest.
  const DnsNamespace* namespace_of_host(std::string_view host, std::string* label) const;
  // Whether Service Connect may make `host` (label.namespace) resolve.
  bool service_connect_may_resolve(std::string_view host, std::string_view label) const;
};

CloudMap read_cloud_map(const Model& model);

// The ports a task's containers declare (portMappings containerPort), or
// nullopt when any is unknown.
std::optional<std::vector<int>> task_container_ports(const model::TaskDefinition& task);

// Lower-case host without a trailing dot.
std::string normalize_host(std::string_view host);

}  // namespace ecslint::rules::env
