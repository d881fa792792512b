#include "rules/efs/efs_nfs_ingress.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "rules/efs/efs_network.h"

namespace ecslint::rules {

using eval::Value;

namespace {

enum class Verdict : uint8_t { No, Maybe, Yes };

Verdict best(Verdict a, Verdict b) { return std::max(a, b); }
Verdict worst(Verdict a, Verdict b) { return std::min(a, b); }

std::optional<std::pair<uint32_t, int>> parse_cidr(std::string_view s) {
  uint32_t addr = 0;
  int parts = 0;
  size_t slash = s.find('/');
  if (slash == s.npos) return std::nullopt;
  std::string_view ip = s.substr(0, slash);
  while (!ip.empty() && parts < 4) {
    size_t dot = ip.find('.');
    std::string_view octet = ip.substr(0, dot);
    if (octet.empty() || octet.size() > 3) return std::nullopt;
    int n = 0;
    for (char c : octet) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      n = n * 10 + (c - '0');
    }
    if (n > 255) return std::nullopt;
    addr = (addr << 8) | uint32_t(n);
    ++parts;
    ip = dot == ip.npos ? std::string_view() : ip.substr(dot + 1);
  }
  if (parts != 4 || !ip.empty()) return std::nullopt;
  int prefix = 0;
  std::string_view p = s.substr(slash + 1);
  if (p.empty() || p.size() > 2) return std::nullopt;
  for (char c : p) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    prefix = prefix * 10 + (c - '0');
  }
  if (prefix > 32) return std::nullopt;
  return std::pair{addr, prefix};
}

bool cidr_contains(std::pair<uint32_t, int> outer, std::pair<uint32_t, int> inner) {
  if (inner.second < outer.second) return false;
  uint32_t mask = outer.second == 0 ? 0 : ~uint32_t(0) << (32 - outer.second);
  return (outer.first & mask) == (inner.first & mask);
}

struct Clients {
  std::set<const tf::ResourceInstance*> groups;   // the service's SGs, resolved
  std::set<std::string> group_symbols;           // unresolved SG symbols
  bool groups_known = true;                      // every SG resolved
  std::vector<std::pair<uint32_t, int>> subnet_cidrs;
  bool subnets_known = true;
};

Clients clients_of(const model::Service& s, const tf::Configuration& configuration) {
  Clients c;
  if (s.security_groups.is_tuple()) {
    for (const Value& g : s.security_groups.items()) {
      if (const tf::ResourceInstance* sg = model::referenced_instance(g, configuration, "aws_security_group")) {
        c.groups.insert(sg);
      } else {
        c.groups_known = false;
        if (!g.is_known() && !g.symbol().empty()) c.group_symbols.insert(g.symbol());
      }
    }
  } else {
    c.groups_known = false;
  }
  if (s.subnets.is_tuple()) {
    for (const Value& sn : s.subnets.items()) {
      const tf::ResourceInstance* subnet = model::referenced_instance(sn, configuration, "aws_subnet");
      const Value* cidr = subnet ? subnet->body().member("cidr_block") : nullptr;
      auto parsed = cidr && cidr->is_string() ? parse_cidr(cidr->as_string()) : std::nullopt;
      if (parsed) c.subnet_cidrs.push_back(*parsed);
      else c.subnets_known = false;
    }
  } else {
    c.subnets_known = false;
  }
  return c;
}

Verdict source_group(const Value& g, const Clients& clients, const tf::Configuration& configuration) {
  if (const tf::ResourceInstance* sg = model::referenced_instance(g, configuration, "aws_security_group")) {
    if (clients.groups.count(sg)) return Verdict::Yes;
    return clients.groups_known ? Verdict::No : Verdict::Maybe;
  }
  if (!g.is_known() && clients.group_symbols.count(g.symbol())) return Verdict::Yes;
  if (g.is_null()) return Verdict::No;
  return Verdict::Maybe;
}

Verdict source_cidr(const Value& cidr, const Clients& clients) {
  if (!cidr.is_string()) return cidr.is_null() ? Verdict::No : Verdict::Maybe;
  auto outer = parse_cidr(cidr.as_string());
  if (!outer) return Verdict::Maybe;  // IPv6 or something we do not read
  if (outer->second == 0) return Verdict::Yes;
  if (!clients.subnets_known || clients.subnet_cidrs.empty()) return Verdict::Maybe;
  for (const auto& inner : clients.subnet_cidrs)
    if (!cidr_contains(*outer, inner)) return Verdict::No;
  return Verdict::Yes;
}

Verdict each_of(const Value* list, auto&& one) {
  if (!list || list->is_null()) return Verdict::No;
  if (!list->is_tuple()) return list->is_known() ? one(*list) : Verdict::Maybe;
  Verdict v = Verdict::No;
  for (const Value& item : list->items()) v = best(v, one(item));
  return v;
}

// Protocol and ports: does the rule cover TCP 2049?
Verdict covers_nfs(const Value* protocol, const Value* from, const Value* to) {
  if (!protocol || !protocol->is_known()) return Verdict::Maybe;
  std::string p = protocol->is_string() ? protocol->as_string()
                  : protocol->is_number() ? eval::format_number(protocol->as_number()) : "";
  std::transform(p.begin(), p.end(), p.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  if (p == "-1" || p == "all") return Verdict::Yes;
  if (p != "tcp" && p != "6") return Verdict::No;
  auto number = [](const Value* v) -> std::optional<double> {
    if (!v) return std::nullopt;
    if (v->is_number()) return v->as_number();
    if (v->is_string()) {
      try {
        return std::stod(v->as_string());
      } catch (...) {
        return std::nullopt;
      }
    }
    return std::nullopt;
  };
  auto lo = number(from), hi = number(to);
  if (!lo || !hi) return Verdict::Maybe;
  return *lo <= 2049 && 2049 <= *hi ? Verdict::Yes : Verdict::No;
}

Verdict self_source(const Value* self, const tf::ResourceInstance& sg, const Clients& clients) {
  if (!self || !self->is_known()) return self ? Verdict::Maybe : Verdict::No;
  if (!self->is_bool() || !self->as_bool()) return Verdict::No;
  if (clients.groups.count(&sg)) return Verdict::Yes;
  return clients.groups_known ? Verdict::No : Verdict::Maybe;
}

// Prefix lists and IPv6 ranges: not resolved here.
Verdict other_source(const Value* v) {
  if (!v || v->is_null()) return Verdict::No;
  if (v->is_tuple() && v->items().empty()) return Verdict::No;
  return Verdict::Maybe;
}

// Whether one rule lets NFS in from the clients, if it applies to `sg` at all.
Verdict rule_allows(const model::SecurityGroupRule& rule, const tf::ResourceInstance& sg, const Clients& clients,
                    const tf::Configuration& configuration) {
  if (rule.direction == model::Direction::Egress) return Verdict::No;
  Verdict ports = covers_nfs(rule.protocol, rule.from_port, rule.to_port);
  Verdict source = each_of(rule.peer_groups, [&](const Value& g) { return source_group(g, clients, configuration); });
  source = best(source, each_of(rule.peer_cidrs_ipv4, [&](const Value& c) { return source_cidr(c, clients); }));
  source = best(source, self_source(rule.self, sg, clients));
  for (const Value* other : rule.other_peers) source = best(source, other_source(other));
  Verdict verdict = worst(ports, source);
  return rule.direction == model::Direction::Unknown ? worst(verdict, Verdict::Maybe) : verdict;
}

Verdict group_allows(const tf::ResourceInstance& sg, const Clients& clients, const Model& model) {
  const tf::Configuration& configuration = model.configuration();
  const model::SecurityGroup* group = model.network().security_group(&sg);
  if (!group || !group->ingress_known) return Verdict::Maybe;
  Verdict verdict = Verdict::No;
  for (const model::SecurityGroupRule& rule : group->rules)
    verdict = best(verdict, rule_allows(rule, sg, clients, configuration));
  // A rule whose group is unknown may be this group's.
  for (const model::SecurityGroupRule& rule : model.network().unattached_rules)
    verdict = best(verdict, worst(Verdict::Maybe, rule_allows(rule, sg, clients, configuration)));
  return verdict;
}

}  // namespace

void EfsNfsIngress::check(const Model& model, Report& report) const {
  const tf::Configuration& configuration = model.configuration();
  std::set<std::string> reported;
  for (const efs::EfsUse& use : efs::efs_uses(model)) {
    Clients clients = clients_of(*use.service, configuration);
    if (clients.groups.empty() && clients.group_symbols.empty() && !clients.subnets_known) continue;
    for (const tf::ResourceInstance* mt : efs::mount_targets(*use.file_system, configuration)) {
      const Value* groups = mt->body().member("security_groups");
      if (!groups || !groups->is_tuple() || groups->items().empty()) continue;  // the VPC's default SG: unknown
      Verdict verdict = Verdict::No;
      std::vector<std::string> names;
      for (const Value& g : groups->items()) {
        const tf::ResourceInstance* sg = model::referenced_instance(g, configuration, "aws_security_group");
        if (!sg) {
          verdict = Verdict::Maybe;
          break;
        }
        names.push_back(sg->address);
        verdict = best(verdict, group_allows(*sg, clients, model));
      }
      if (verdict != Verdict::No) continue;
      std::string key = fmt::format("{}|{}", use.service->resource->address, fmt::join(names, ","));
      if (!reported.insert(key).second) continue;
      std::vector<std::string> sources;
      for (const tf::ResourceInstance* g : clients.groups) sources.push_back(g->address);
      std::sort(sources.begin(), sources.end());
      std::string suggestion =
          sources.empty()
              ? std::string("an ingress rule for TCP 2049 from the service's subnets")
              : fmt::format("an ingress rule `from_port = 2049, to_port = 2049, protocol = \"tcp\", "
                            "security_groups = [{}.id]`",
                            sources[0]);
      const eval::Origin& o = groups->origin().known() ? groups->origin() : eval::Origin{mt->location.file, mt->location.range};
      Finding& f = report.add(
          {o.file, o.range},
          fmt::format("{} mounts EFS {} (volume \"{}\" of {}), but the security group{} of its mount target {} "
                      "({}) allow{} no inbound NFS (TCP 2049) from the service's security groups{}; the task fails "
                      "to start with a mount timeout. Add to {} {}",
                      use.service->resource->address, use.file_system->address,
                      use.volume->name.is_string() ? use.volume->name.as_string() : "?",
                      use.task->resource ? use.task->resource->address : "its task definition",
                      names.size() == 1 ? "" : "s", mt->address, fmt::join(names, ", "), names.size() == 1 ? "s" : "",
                      sources.empty() ? "" : fmt::format(" ({})", fmt::join(sources, ", ")), names[0], suggestion));
      if (use.service->security_groups.origin().known())
        f.related.push_back({{use.service->security_groups.origin().file, use.service->security_groups.origin().range},
                             "the service's security groups"});
    }
  }
}

}  // namespace ecslint::rules
