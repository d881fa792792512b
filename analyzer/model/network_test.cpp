#include "analyzer/model/network.h"

#include <gtest/gtest.h>

#include "analyzer/model/model_test_util.h"

namespace ecslint::model {
namespace {

using testing::Project;

const SecurityGroup& group(const Project& p, std::string_view address) {
  for (const SecurityGroup& g : p.model->network().security_groups)
    if (g.instance->address == address) return g;
  throw std::runtime_error("no group " + std::string(address));
}

std::string text(const eval::Value* v) {
  if (!v) return "<absent>";
  if (v->is_string()) return v->as_string();
  if (v->is_number()) return eval::format_number(v->as_number());
  return v->is_known() ? "<other>" : "<unknown>";
}

TEST(NetworkModel, RulesFromAllThreeShapesLandOnTheirGroup) {
  Project p("network_shapes", {{"main.tf", R"(
resource "aws_security_group" "efs" {
  ingress {
    protocol        = "tcp"
    from_port       = 2049
    to_port         = 2049
    security_groups = [aws_security_group.tasks.id]
  }
  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_security_group" "tasks" {}
resource "aws_security_group_rule" "legacy" {
  type                     = "ingress"
  security_group_id        = aws_security_group.tasks.id
  protocol                 = "tcp"
  from_port                = 8080
  to_port                  = 8080
  source_security_group_id = aws_security_group.efs.id
}
resource "aws_vpc_security_group_ingress_rule" "vpc" {
  security_group_id = aws_security_group.tasks.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "10.0.0.0/16"
}
resource "aws_vpc_security_group_egress_rule" "out" {
  security_group_id = aws_security_group.tasks.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}
)"}});
  const SecurityGroup& efs = group(p, "aws_security_group.efs");
  ASSERT_EQ(efs.rules.size(), 2u);
  EXPECT_EQ(efs.rules[0].direction, Direction::Ingress);
  EXPECT_EQ(text(efs.rules[0].from_port), "2049");
  ASSERT_TRUE(efs.rules[0].peer_groups && efs.rules[0].peer_groups->is_tuple());
  EXPECT_EQ(efs.rules[0].peer_groups->items()[0].symbol(), "aws_security_group.tasks.id");
  EXPECT_EQ(efs.rules[1].direction, Direction::Egress);
  EXPECT_TRUE(efs.ingress_known);

  const SecurityGroup& tasks = group(p, "aws_security_group.tasks");
  ASSERT_EQ(tasks.rules.size(), 3u);
  EXPECT_EQ(tasks.rules[0].declared_by->address, "aws_security_group_rule.legacy");
  EXPECT_EQ(tasks.rules[0].direction, Direction::Ingress);
  EXPECT_EQ(tasks.rules[0].peer_groups->symbol(), "aws_security_group.efs.id");
  EXPECT_EQ(tasks.rules[1].declared_by->address, "aws_vpc_security_group_ingress_rule.vpc");
  EXPECT_EQ(text(tasks.rules[1].peer_cidrs_ipv4), "10.0.0.0/16");
  EXPECT_EQ(text(tasks.rules[1].protocol), "tcp");
  EXPECT_EQ(tasks.rules[2].direction, Direction::Egress);
  EXPECT_EQ(tasks.rules[1].at.file->position(tasks.rules[1].at.range.begin).line, 25u);
  EXPECT_TRUE(p.model->network().unattached_rules.empty());
}

TEST(NetworkModel, UnknownTargetsAndDynamicBlocksAreNotMistakenForAbsence) {
  Project p("network_unknowns", {{"main.tf", R"(
variable "sg_id" {}
variable "ports" {}
resource "aws_security_group" "dyn" {
  dynamic "ingress" {
    for_each = var.ports
    content {
      protocol  = "tcp"
      from_port = ingress.value
      to_port   = ingress.value
    }
  }
}
resource "aws_security_group_rule" "elsewhere" {
  type              = "ingress"
  security_group_id = var.sg_id
  protocol          = "tcp"
  from_port         = 2049
  to_port           = 2049
  self              = true
}
data "aws_security_group" "shared" { name = "shared" }
resource "aws_security_group_rule" "on_data_source" {
  type              = "ingress"
  security_group_id = data.aws_security_group.shared.id
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
}
)"}});
  const SecurityGroup& dyn = group(p, "aws_security_group.dyn");
  EXPECT_FALSE(dyn.ingress_known);
  EXPECT_TRUE(dyn.egress_known);
  EXPECT_TRUE(dyn.rules.empty());
  // The rule on a variable's group may be any group's; the one on a data
  // source's group is no managed group's.
  ASSERT_EQ(p.model->network().unattached_rules.size(), 1u);
  EXPECT_EQ(p.model->network().unattached_rules[0].declared_by->address, "aws_security_group_rule.elsewhere");
}

TEST(NetworkModel, ReferencedInstanceNeedsAnUnambiguousManagedInstance) {
  Project p("network_referenced", {{"main.tf", R"(
resource "aws_subnet" "private" {
  count      = 2
  cidr_block = "10.0.${count.index}.0/24"
}
locals { first = aws_subnet.private[0].id }
)"}});
  const tf::Configuration& c = p.model->configuration();
  const tf::ResourceInstance* subnet =
      referenced_instance(eval::Value::unknown({}, "aws_subnet.private[1].id"), c, "aws_subnet");
  ASSERT_NE(subnet, nullptr);
  EXPECT_EQ(subnet->address, "aws_subnet.private[1]");
  EXPECT_EQ(referenced_instance(eval::Value::unknown({}, "aws_subnet.private[?].id"), c, "aws_subnet"), nullptr);
  EXPECT_EQ(referenced_instance(eval::Value::unknown({}, "aws_subnet.private[1].id"), c, "aws_security_group"),
            nullptr);
  EXPECT_EQ(referenced_instance(eval::Value::string("subnet-123"), c, "aws_subnet"), nullptr);
}

}  // namespace
}  // namespace ecslint::model
