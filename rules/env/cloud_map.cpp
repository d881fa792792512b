#include "rules/env/cloud_map.h"

#include <algorithm>

#include "analyzer/model/references.h"

namespace ecslint::rules::env {

using eval::Value;

namespace {

const tf::ResourceInstance* referenced(const Value& v, std::string_view type, const tf::Configuration& configuration) {
  std::string_view symbol = model::reference_symbol(v);
  if (symbol.empty()) return nullptr;
  const tf::ResourceInstance* target = configuration.resolve_symbol(symbol);
  return target && target->type == type && !target->data ? target : nullptr;
}

// The blocks of a nested block type: a tuple of objects. nullopt when the
// member is there but cannot be read.
std::optional<std::vector<const Value*>> blocks(const Value& body, std::string_view key) {
  std::vector<const Value*> out;
  const Value* v = body.is_object() ? body.member(key) : nullptr;
  if (!v || v->is_null()) return out;
  if (v->is_object()) return std::vector<const Value*>{v};  // JSON object form
  if (!v->is_tuple()) return std::nullopt;
  for (const Value& item : v->items()) {
    if (!item.is_object()) return std::nullopt;
    out.push_back(&item);
  }
  return out;
}

std::optional<int> port_of(const Value* v) {
  if (!v) return std::nullopt;
  if (v->is_number() && v->as_number() >= 1 && v->as_number() <= 65535) return static_cast<int>(v->as_number());
  if (v->is_string() && !v->as_string().empty() && v->as_string().size() <= 5 &&
      std::ranges::all_of(v->as_string(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::stoi(v->as_string());
  return std::nullopt;
}

std::optional<std::string> lower_string(const Value* v) {
  if (!v || !v->is_string()) return std::nullopt;
  return normalize_host(v->as_string());
}

std::string_view directory_of(const SourceFile* file) {
  if (!file) return {};
  std::string_view path = file->path();
  size_t slash = path.rfind('/');
  return slash == path.npos ? std::string_view() : path.substr(0, slash);
}

// An unknown list (also a `dynamic` block over an unknown collection) is
// `connect_unknown`: any name may resolve through it.
void read_service_connect(const model::Service& service, CloudMap& out) {
  const Value& body = service.resource->body();
  auto configs = blocks(body, "service_connect_configuration");
  if (!configs) {
    out.connect_unknown = true;
    return;
  }
  for (const Value* config : *configs) {
    const Value* enabled = config->member("enabled");
    if (enabled && enabled->is_bool() && !enabled->as_bool()) continue;
    auto services = blocks(*config, "service");
    if (!services) {
      out.connect_unknown = true;
      continue;
    }
    for (const Value* s : *services) {
      for (std::string_view key : {"discovery_name", "port_name"}) {
        const Value* v = s->member(key);
        if (!v || v->is_null()) continue;
        if (auto name = lower_string(v)) out.connect_short_names.push_back(*name);
        else out.connect_unknown = true;
      }
      auto aliases = blocks(*s, "client_alias");
      if (!aliases) {
        out.connect_unknown = true;
        continue;
      }
      for (const Value* alias : *aliases) {
        const Value* dns = alias->member("dns_name");
        if (!dns || dns->is_null()) continue;
        if (auto name = lower_string(dns)) out.connect_dns_names.push_back(*name);
        else out.connect_unknown = true;
      }
    }
  }
}

}  // namespace

std::string normalize_host(std::string_view host) {
  std::string out;
  for (char c : host) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

const DnsNamespace* CloudMap::namespace_of_host(std::string_view host, std::string* label) const {
  const DnsNamespace* best = nullptr;
  for (const DnsNamespace& ns : namespaces) {
    if (host.size() <= ns.name.size() + 1 || !host.ends_with(ns.name) || host[host.size() - ns.name.size() - 1] != '.')
      continue;
    if (!best || ns.name.size() > best->name.size()) best = &ns;
  }
  if (best && label) *label = std::string(host.substr(0, host.size() - best->name.size() - 1));
  return best;
}

bool CloudMap::service_connect_may_resolve(std::string_view host, std::string_view label) const {
  if (connect_unknown) return true;
  return std::ranges::find(connect_dns_names, host) != connect_dns_names.end() ||
         std::ranges::find(connect_short_names, label) != connect_short_names.end();
}

std::optional<std::vector<int>> task_container_ports(const model::TaskDefinition& task) {
  if (!task.containers_known) return std::nullopt;
  std::vector<int> ports;
  for (const model::Container& c : task.containers) {
    const Value& pm = c.port_mappings;
    if (pm.is_null()) continue;
    if (!pm.is_tuple()) return std::nullopt;
    for (const Value& m : pm.items()) {
      if (!m.is_object()) return std::nullopt;
      const Value* p = m.member("containerPort");
      if (!p) continue;
      auto port = port_of(p);
      if (!port) return std::nullopt;
      ports.push_back(*port);
    }
  }
  return ports;
}

CloudMap read_cloud_map(const Model& model) {
  CloudMap out;
  const tf::Configuration& configuration = model.configuration();

  std::vector<std::string_view> hidden_directories;  // directories with a skipped remote module
  for (const tf::LoadNotice& n : configuration.notices())
    if (n.message.find("remote source") != std::string::npos) hidden_directories.push_back(directory_of(n.location.file));

  for (const tf::ResourceInstance* ns : configuration.of_type("aws_service_discovery_private_dns_namespace")) {
    const Value* name = ns->body().member("name");
    auto text = lower_string(name);
    if (!text || text->empty()) continue;  // unknown name: nothing can be said about it
    DnsNamespace d{ns, *text, {name->origin().file, name->origin().range}, false};
    if (!d.name_at.file) d.name_at = ns->location;
    d.hidden_registrations = std::ranges::find(hidden_directories, directory_of(ns->file)) != hidden_directories.end();
    out.namespaces.push_back(std::move(d));
  }

  for (const tf::ResourceInstance* s : configuration.of_type("aws_service_discovery_service")) {
    DiscoveryService d{s, lower_string(s->body().member("name")), nullptr};
    // dns_config.namespace_id for DNS namespaces; the top-level namespace_id otherwise.
    const Value* id = s->body().member("namespace_id");
    if (auto dns = blocks(s->body(), "dns_config"); dns && !dns->empty())
      if (const Value* inner = dns->front()->member("namespace_id")) id = inner;
    if (id) d.dns_namespace = referenced(*id, "aws_service_discovery_private_dns_namespace", configuration);
    out.discovery_services.push_back(std::move(d));
  }

  for (const model::Service& service : model.services()) {
    read_service_connect(service, out);
    auto registries = blocks(service.resource->body(), "service_registries");
    if (!registries) continue;
    for (const Value* r : *registries) {
      const Value* arn = r->member("registry_arn");
      const tf::ResourceInstance* discovery = arn ? referenced(*arn, "aws_service_discovery_service", configuration) : nullptr;
      if (!discovery) continue;
      std::optional<int> port = port_of(r->member("container_port"));
      if (!port) port = port_of(r->member("port"));
      out.registrations.push_back({&service, discovery, port});
    }
  }
  return out;
}

}  // namespace ecslint::rules::env
