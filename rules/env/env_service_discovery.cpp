#include "rules/env/env_service_discovery.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "rules/env/cloud_map.h"
#include "rules/env/env_contract.h"

namespace ecslint::rules {

using eval::Value;

namespace {

// The project a workspace file belongs to (see contracts::project_root), so
// a namespace in one repository never judges a URL in another linted beside
// it. Empty when the file is not a workspace file.
class Projects {
 public:
  explicit Projects(const Model& model) {
    for (const LoadedFile& f : model.files()) disk_paths_[f.source.get()] = f.disk_path;
  }
  const std::string& of(const SourceFile* file) {
    auto cached = cache_.find(file);
    if (cached != cache_.end()) return cached->second;
    auto disk = disk_paths_.find(file);
    std::string root = disk == disk_paths_.end() || disk->second.empty() ? std::string() : finder_.of(disk->second);
    return cache_.emplace(file, std::move(root)).first->second;
  }

 private:
  std::map<const SourceFile*, std::string> disk_paths_;
  std::map<const SourceFile*, std::string> cache_;
  contracts::ProjectRootFinder finder_{{"/"}};
};

std::string address_of(const tf::ResourceInstance* r) { return r ? r->address : std::string("?"); }

std::string join_ports(const std::vector<int>& ports) {
  std::string out;
  for (int p : std::set<int>(ports.begin(), ports.end())) out += (out.empty() ? "" : ", ") + std::to_string(p);
  return out;
}

bool is_awsvpc(const model::TaskDefinition& td) {
  if (td.network_mode.is_string()) return td.network_mode.as_string() == "awsvpc";
  if (!td.network_mode.is_null() || !td.requires_compatibilities.is_tuple()) return false;
  for (const Value& v : td.requires_compatibilities.items())
    if (v.is_string() && v.as_string() == "FARGATE") return true;
  return false;
}

// The ports the tasks behind a discovery service listen on; nullopt when no
// ECS service registers it or any task's ports are not known. Only awsvpc
// tasks: there the name's A record is the task's own address.
std::optional<std::vector<int>> ports_behind(const env::CloudMap& map, const tf::ResourceInstance* discovery,
                                             std::vector<const model::Service*>& services) {
  std::vector<int> ports;
  for (const env::Registration& r : map.registrations) {
    if (r.discovery != discovery) continue;
    if (!r.service->task || !is_awsvpc(*r.service->task)) return std::nullopt;
    auto declared = env::task_container_ports(*r.service->task);
    if (!declared) return std::nullopt;
    ports.insert(ports.end(), declared->begin(), declared->end());
    if (r.container_port) ports.push_back(*r.container_port);
    services.push_back(r.service);
  }
  if (services.empty()) return std::nullopt;
  return ports;
}

}  // namespace

void EnvServiceDiscovery::check(const Model& model, Report& report) const {
  env::CloudMap map = env::read_cloud_map(model);
  if (map.namespaces.empty()) return;
  Projects projects(model);
  std::set<std::tuple<const SourceFile*, uint32_t>> seen;
  for (const model::TaskDefinition& td : model.task_definitions()) {
    for (const model::Container& c : td.containers) {
      std::string container = c.name.is_string() ? c.name.as_string() : "?";
      for (const model::EnvVar& e : c.environment) {
        if (!e.name.is_string()) continue;
        auto text = env::known_prefix(e.value);
        auto url = text ? env::parse_url(*text) : std::nullopt;
        if (!url) continue;
        std::string host = env::normalize_host(url->host);
        std::string label;
        const env::DnsNamespace* ns = map.namespace_of_host(host, &label);
        // One label before the namespace: `<service>.<namespace>` is the name Cloud Map creates.
        if (!ns || label.empty() || label.find('.') != std::string::npos) continue;
        if (projects.of(td.location.file) != projects.of(ns->resource->file)) continue;
        if (map.service_connect_may_resolve(host, label)) continue;
        const eval::Origin& o = e.value.origin().known() ? e.value.origin() : e.origin;
        if (!o.known() || !seen.insert({o.file, o.range.begin}).second) continue;
        std::string variable = e.name.as_string();

        // Services that are, or may be, `label` in this namespace.
        std::vector<const env::DiscoveryService*> in_namespace, candidates;
        bool unsure = ns->hidden_registrations;
        for (const env::DiscoveryService& s : map.discovery_services) {
          bool here = s.dns_namespace == ns->resource;
          if (here) in_namespace.push_back(&s);
          if (!here && s.dns_namespace) continue;  // another declared namespace
          if (!s.name) unsure = true;
          else if (*s.name == label) candidates.push_back(&s);
        }
        if (candidates.empty()) {
          if (unsure) continue;
          std::string registered;
          std::set<std::string_view> listed;  // each name once, in declaration order
          for (const env::DiscoveryService* s : in_namespace)
            if (s->name && listed.insert(*s->name).second) registered += (registered.empty() ? "" : ", ") + *s->name;
          Finding& f = report.add(
              {o.file, o.range},
              fmt::format("{} of container \"{}\" points at {}, but no service discovery service \"{}\" is registered in "
                          "the private DNS namespace \"{}\" ({}): the name does not resolve and the connection fails; {}",
                          variable, container, host, label, ns->name, ns->resource->address,
                          registered.empty()
                              ? fmt::format("register one (aws_service_discovery_service \"{}\" with dns_config.namespace_id "
                                            "= {}.id, named in its ECS service's service_registries)",
                                            label, ns->resource->address)
                              : fmt::format("registered there: {}; fix the host or register \"{}\"", registered, label)));
          f.related.push_back({ns->name_at, fmt::format("namespace \"{}\" is declared here", ns->name)});
          continue;
        }
        if (!url->port || candidates.size() != 1 || !candidates.front()->dns_namespace) continue;
        std::vector<const model::Service*> services;
        auto ports = ports_behind(map, candidates.front()->resource, services);
        if (!ports || ports->empty() || std::ranges::find(*ports, *url->port) != ports->end()) continue;
        std::string behind;
        for (const model::Service* s : services) behind += (behind.empty() ? "" : ", ") + address_of(s->resource);
        Finding& f = report.add(
            {o.file, o.range},
            fmt::format("{} of container \"{}\" points at {}:{}, but the tasks behind service discovery service \"{}\" "
                        "({}) listen on {} (containerPort), not {}: the connection is refused; use {}",
                        variable, container, host, *url->port, label, behind, join_ports(*ports), *url->port,
                        std::set<int>(ports->begin(), ports->end()).size() == 1 ? "port " + join_ports(*ports)
                                                                                 : "one of these ports"));
        f.related.push_back({candidates.front()->resource->location,
                             fmt::format("service discovery service \"{}\" is declared here", label)});
        for (const model::Service* s : services)
          if (s->task) f.related.push_back({s->task->location, "the task definition behind it"});
      }
    }
  }
}

}  // namespace ecslint::rules
