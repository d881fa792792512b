// Security groups and their rules in one shape, whichever way the
// configuration writes a rule: inline `ingress`/`egress` blocks of
// `aws_security_group`, `aws_security_group_rule`, or
// `aws_vpc_security_group_ingress_rule` / `aws_vpc_security_group_egress_rule`.
// Rules that check reachability (EFS from the tasks, the ALB to the tasks)
// read this instead of three resource shapes.
//
// Fields are pointers into the instances' evaluated bodies (the
// configuration outlives the model); nullptr when the attribute is not
// written. A field may hold an unknown: deciding what an unknown means is
// the rule's business.
#pragma once

#include <map>
#include <string_view>
#include <vector>

#include "analyzer/eval/value.h"
#include "analyzer/model/references.h"
#include "analyzer/terraform/configuration.h"
#include "analyzer/workspace.h"

namespace ecslint::model {

enum class Direction : uint8_t { Ingress, Egress, Unknown };

struct SecurityGroupRule {
  Direction direction = Direction::Unknown;
  const eval::Value* protocol = nullptr;  // "tcp", "6", "-1", "all", ...
  const eval::Value* from_port = nullptr;
  const eval::Value* to_port = nullptr;
  // Sources (ingress) or destinations (egress). Each is a list or a single
  // value, as written: security_groups / source_security_group_id /
  // referenced_security_group_id, and cidr_blocks / cidr_ipv4.
  const eval::Value* peer_groups = nullptr;
  const eval::Value* peer_cidrs_ipv4 = nullptr;
  const eval::Value* self = nullptr;
  // Prefix lists and IPv6 ranges: peers this model does not resolve.
  std::vector<const eval::Value*> other_peers;
  const tf::ResourceInstance* declared_by = nullptr;  // the group itself (inline) or the rule resource
  Location at;
};

struct SecurityGroup {
  const tf::ResourceInstance* instance = nullptr;
  std::vector<SecurityGroupRule> rules;  // inline ones first, then separate resources in load order
  // False when some of the group's inline rules cannot be read: the ingress
  // list is unknown (also when a `dynamic "ingress"` iterates over an
  // unknown collection). Then absence of a rule proves nothing.
  bool ingress_known = true;
  bool egress_known = true;
};

struct NetworkModel {
  std::vector<SecurityGroup> security_groups;
  // Separate rule resources whose group is unknown (a computed id, an
  // ambiguous `[?]` instance): each may apply to any group. Rules naming a
  // group this configuration does not manage (a data source, another state)
  // are in neither list.
  std::vector<SecurityGroupRule> unattached_rules;

  const SecurityGroup* security_group(const tf::ResourceInstance* instance) const;

 private:
  friend NetworkModel build_network_model(const tf::Configuration&);
  std::map<const tf::ResourceInstance*, size_t> index_;
};

NetworkModel build_network_model(const tf::Configuration& configuration);

}  // namespace ecslint::model
