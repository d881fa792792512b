#include "rules/env/env_localhost_url.h"

#include <fmt/format.h>

#include <algorithm>

#include <set>
#include <tuple>

#include "rules/env/env_contract.h"

namespace ecslint::rules {

using eval::Value;

namespace {

bool is_localhost(std::string_view host) {
  return host == "localhost" || host == "127.0.0.1" || host == "0.0.0.0" || host == "[::1]" || host == "[::]";
}

// Ports of well-known sidecars that listen without declaring portMappings.
std::vector<int> sidecar_ports(const model::Container& c) {
  // A FireLens log router opens whatever inputs its configuration names
  // (EMF over TCP on 25888, forward on 24224, ...): its ports are not known.
  if (c.raw.is_object() && c.raw.member("firelensConfiguration") && !c.raw.member("firelensConfiguration")->is_null())
    return {};
  if (!c.image.is_string()) return {};
  std::string image = c.image.as_string();
  struct Known {
    std::string_view needle;
    std::vector<int> ports;
  };
  static const Known kKnown[] = {
      {"datadog", {8126, 8125}},
      {"xray", {2000}},
      {"otel", {4317, 4318, 55681, 2000, 8888, 13133}},
      {"opentelemetry", {4317, 4318, 55681, 8888, 13133}},
      {"envoy", {9901, 15000, 15001}},
      {"cloudwatch-agent", {25888, 4316, 4317, 2000}},
  };
  for (const Known& k : kKnown)
    if (image.find(k.needle) != std::string::npos) return k.ports;
  return {};
}

// The container ports it declares; nullopt when not known. An absent
// portMappings is an empty list.
std::optional<std::vector<int>> declared_ports(const model::Container& c) {
  const Value& pm = c.port_mappings;
  if (pm.is_null()) return std::vector<int>{};
  if (!pm.is_tuple()) return std::nullopt;
  std::vector<int> ports;
  for (const Value& m : pm.items()) {
    if (!m.is_object()) return std::nullopt;
    const Value* p = m.member("containerPort");
    if (!p) continue;
    if (p->is_number()) ports.push_back(static_cast<int>(p->as_number()));
    else if (p->is_string() && !p->as_string().empty() &&
             std::ranges::all_of(p->as_string(), [](char ch) { return ch >= '0' && ch <= '9'; }))
      ports.push_back(std::stoi(p->as_string()));
    else return std::nullopt;
  }
  return ports;
}

// Names of variables that configure where a server binds: 0.0.0.0 there is right.
bool is_bind_name(std::string_view name) {
  for (std::string_view s : {"BIND", "LISTEN", "URLS"})
    if (name.find(s) != name.npos) return true;
  return false;
}

}  // namespace

void EnvLocalhostUrl::check(const Model& model, Report& report) const {
  std::set<std::tuple<const SourceFile*, uint32_t>> seen;
  for (const model::TaskDefinition& td : model.task_definitions()) {
    std::string mode;
    if (td.network_mode.is_string()) {
      mode = td.network_mode.as_string();
    } else if (td.network_mode.is_null()) {
      bool fargate = false;
      if (td.requires_compatibilities.is_tuple())
        for (const Value& v : td.requires_compatibilities.items()) fargate |= v.is_string() && v.as_string() == "FARGATE";
      // Not written: bridge on EC2, but snippets often leave it out; judge it
      // like awsvpc (any container of the task may be the one listening).
      mode = fargate ? "awsvpc" : "default";
    } else {
      continue;
    }
    if (mode != "awsvpc" && mode != "bridge" && mode != "default") continue;  // host: localhost is the instance, anything may listen
    for (const model::Container& c : td.containers) {
      // Who may answer on localhost: the container itself, and in awsvpc mode
      // every container of the task (each must declare its ports or be a known sidecar).
      auto own = declared_ports(c);
      if (!own) continue;
      std::set<int> ports(own->begin(), own->end());
      bool complete = true;
      if (mode != "bridge") {
        for (const model::Container& other : td.containers) {
          if (&other == &c) continue;
          auto declared = declared_ports(other);
          std::vector<int> sidecar = sidecar_ports(other);
          if (!declared || (declared->empty() && sidecar.empty())) {
            complete = false;
            break;
          }
          ports.insert(declared->begin(), declared->end());
          ports.insert(sidecar.begin(), sidecar.end());
        }
        if (!td.containers_known) complete = false;
      }
      if (!complete) continue;
      std::string container = c.name.is_string() ? c.name.as_string() : "?";
      for (const model::EnvVar& e : c.environment) {
        if (!e.name.is_string()) continue;
        auto text = env::known_prefix(e.value);
        if (!text) continue;
        auto url = env::parse_url(*text);
        if (!url || !is_localhost(url->host) || !url->port) continue;
        if (url->host == "0.0.0.0" && is_bind_name(e.name.as_string())) continue;
        if (ports.contains(*url->port)) continue;
        const eval::Origin& o = e.value.origin().known() ? e.value.origin() : e.origin;
        if (!o.known() || !seen.insert({o.file, o.range.begin}).second) continue;
        std::string listening;
        for (int p : ports) listening += (listening.empty() ? "" : ", ") + std::to_string(p);
        std::string where = mode == "awsvpc"   ? "in awsvpc mode (every Fargate task) localhost is the task itself"
                            : mode == "bridge" ? "in bridge mode localhost is the container itself"
                                               : "localhost is the container (bridge mode, the default) or the task (awsvpc)";
        report.add({o.file, o.range},
                   fmt::format("{} of container \"{}\" points at {}:{}, but no container of this task listens on {} "
                               "({}): {}, so the connection is refused; use the service's address (service discovery, "
                               "a load balancer) or run it as a container of this task",
                               e.name.as_string(), container, url->host, *url->port, *url->port,
                               listening.empty() ? "it declares no ports" : "declared ports: " + listening, where));
      }
    }
  }
}

}  // namespace ecslint::rules
