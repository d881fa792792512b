#include "analyzer/model/network.h"

#include <array>

namespace ecslint::model {

using eval::Value;

const SecurityGroup* NetworkModel::security_group(const tf::ResourceInstance* instance) const {
  auto it = index_.find(instance);
  return it == index_.end() ? nullptr : &security_groups[it->second];
}

namespace {

Location location_of(const Value& v, const tf::ResourceInstance& fallback) {
  if (v.origin().known()) return {v.origin().file, v.origin().range};
  return fallback.location;
}

// The attribute names of one way of writing a rule.
struct RuleShape {
  std::string_view protocol, peer_groups, peer_cidrs_ipv4, self;  // self: "" when the shape has none
  std::array<std::string_view, 2> other_peers;
};
constexpr RuleShape kInlineRule{"protocol", "security_groups", "cidr_blocks", "self",
                                {"prefix_list_ids", "ipv6_cidr_blocks"}};
constexpr RuleShape kSecurityGroupRule{"protocol", "source_security_group_id", "cidr_blocks", "self",
                                       {"prefix_list_ids", "ipv6_cidr_blocks"}};
constexpr RuleShape kVpcRule{"ip_protocol", "referenced_security_group_id", "cidr_ipv4", "",
                             {"prefix_list_id", "cidr_ipv6"}};

SecurityGroupRule read_rule(const Value& body, const RuleShape& shape, Direction direction,
                            const tf::ResourceInstance& declared_by, Location at) {
  SecurityGroupRule r;
  r.direction = direction;
  r.protocol = body.member(shape.protocol);
  r.from_port = body.member("from_port");
  r.to_port = body.member("to_port");
  r.peer_groups = body.member(shape.peer_groups);
  r.peer_cidrs_ipv4 = body.member(shape.peer_cidrs_ipv4);
  if (!shape.self.empty()) r.self = body.member(shape.self);
  for (std::string_view other : shape.other_peers)
    if (const Value* v = body.member(other)) r.other_peers.push_back(v);
  r.declared_by = &declared_by;
  r.at = at;
  return r;
}

// Inline `ingress`/`egress` blocks (or the attribute form `ingress = [...]`).
// False when the list cannot be read.
bool read_inline(const tf::ResourceInstance& sg, std::string_view type, Direction direction,
                 std::vector<SecurityGroupRule>& out) {
  const Value* list = sg.body().member(type);
  if (!list) return true;
  if (!list->is_tuple()) return list->is_null();
  bool known = true;
  for (const Value& rule : list->items()) {
    if (rule.is_object()) out.push_back(read_rule(rule, kInlineRule, direction, sg, location_of(rule, sg)));
    else known = false;
  }
  return known;
}

Direction direction_of(const Value* type) {
  if (!type || !type->is_string()) return Direction::Unknown;
  if (type->as_string() == "ingress") return Direction::Ingress;
  if (type->as_string() == "egress") return Direction::Egress;
  return Direction::Unknown;
}

}  // namespace

NetworkModel build_network_model(const tf::Configuration& configuration) {
  NetworkModel model;
  for (const tf::ResourceInstance* sg : configuration.of_type("aws_security_group")) {
    SecurityGroup group;
    group.instance = sg;
    group.ingress_known = read_inline(*sg, "ingress", Direction::Ingress, group.rules);
    group.egress_known = read_inline(*sg, "egress", Direction::Egress, group.rules);
    model.index_[sg] = model.security_groups.size();
    model.security_groups.push_back(std::move(group));
  }

  auto attach = [&](const tf::ResourceInstance& instance, SecurityGroupRule rule) {
    const Value* id = instance.body().member("security_group_id");
    if (!id) return;  // not a valid rule: it applies to nothing
    if (const tf::ResourceInstance* sg = referenced_instance(*id, configuration, "aws_security_group")) {
      auto it = model.index_.find(sg);
      if (it != model.index_.end()) model.security_groups[it->second].rules.push_back(std::move(rule));
      return;
    }
    // A group this configuration resolves to something else (a data
    // source, another resource type) is not one of ours.
    bool names_other = !id->is_known() && !id->symbol().empty() && id->symbol().find("[?]") == std::string::npos &&
                       configuration.resolve_symbol(id->symbol()) != nullptr;
    if (!names_other) model.unattached_rules.push_back(std::move(rule));
  };
  for (const tf::ResourceInstance* r : configuration.of_type("aws_security_group_rule"))
    attach(*r, read_rule(r->body(), kSecurityGroupRule, direction_of(r->body().member("type")), *r, r->location));
  for (const tf::ResourceInstance* r : configuration.of_type("aws_vpc_security_group_ingress_rule"))
    attach(*r, read_rule(r->body(), kVpcRule, Direction::Ingress, *r, r->location));
  for (const tf::ResourceInstance* r : configuration.of_type("aws_vpc_security_group_egress_rule"))
    attach(*r, read_rule(r->body(), kVpcRule, Direction::Egress, *r, r->location));
  return model;
}

}  // namespace ecslint::model
