#include "analyzer/terraform/configuration.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "grammar/large_stack.h"

namespace ecslint::tf {
namespace {

namespace fs = std::filesystem;
using eval::Value;

// Writes `files` under a fresh directory and loads the configuration there.
struct Project {
  fs::path dir;
  Workspace workspace;
  Configuration config;

  Project(const std::string& name, const std::vector<std::pair<std::string, std::string>>& files,
          InputVariables inputs = {}) {
    dir = fs::temp_directory_path() / ("ecslint_config_" + name);
    fs::remove_all(dir);
    for (const auto& [path, text] : files) {
      fs::create_directories((dir / path).parent_path());
      std::ofstream(dir / path) << text;
    }
    inputs.read_environment = false;
    run_with_large_stack([&] {
      workspace = load_workspace({{dir.string()}, {}, 1, dir.string()});
      config = load_configuration(workspace, inputs);
    });
  }

  const ResourceInstance& one(std::string_view address) const {
    for (const ResourceInstance& i : config.instances)
      if (i.address == address) return i;
    ADD_FAILURE() << "no instance " << address;
    static ResourceInstance none;
    return none;
  }
};

uint32_t line_of(const Value& v) { return v.origin().file ? v.origin().file->position(v.origin().range.begin).line : 0; }

TEST(Configuration, VariablesLocalsAndTfvars) {
  Project p("vars", {{"main.tf", R"(
variable "env" {
  default = "dev"
}
variable "region" {}
variable "password" {
  sensitive = true
  default   = "x"
}
locals {
  name = "${var.env}-api"
  tags = merge({ Team = "core" }, { Env = var.env })
}
resource "aws_ecs_cluster" "main" {
  name   = local.name
  region = var.region
  secret = var.password
  tags   = local.tags
}
)"},
                     {"terraform.tfvars", "env = \"prod\"\n"}});
  const ResourceInstance& c = p.one("aws_ecs_cluster.main");
  ASSERT_TRUE(c.body.member("name"));
  EXPECT_EQ(c.body.member("name")->as_string(), "prod-api");
  EXPECT_FALSE(c.body.member("region")->is_known());  // no default, no value: unknown, not an error
  EXPECT_FALSE(c.body.member("region")->is_error());
  EXPECT_TRUE(c.body.member("secret")->sensitive());
  EXPECT_EQ(c.body.member("tags")->member("Env")->as_string(), "prod");
  EXPECT_EQ(line_of(*c.body.member("name")), 11u);  // where the value was written: the local
}

TEST(Configuration, CountForEachAndReferencesBetweenResources) {
  Project p("count", {{"main.tf", R"(
resource "aws_subnet" "private" {
  count      = 2
  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index + 10)
}
resource "aws_security_group" "by_name" {
  for_each = toset(["api", "worker"])
  name     = "sg-${each.key}"
}
resource "aws_efs_mount_target" "t" {
  count     = 2
  subnet_id = aws_subnet.private[count.index].id
  sgs       = [aws_security_group.by_name["api"].id]
  cidr      = aws_subnet.private[1].cidr_block
}
resource "aws_ecs_service" "api" {
  subnets = aws_subnet.private[*].id
}
)"}});
  EXPECT_EQ(p.config.of_type("aws_subnet").size(), 2u);
  EXPECT_EQ(p.one("aws_subnet.private[1]").body.member("cidr_block")->as_string(), "10.0.11.0/24");
  EXPECT_EQ(p.one("aws_security_group.by_name[\"worker\"]").body.member("name")->as_string(), "sg-worker");
  const ResourceInstance& t1 = p.one("aws_efs_mount_target.t[1]");
  const Value& subnet = *t1.body.member("subnet_id");
  EXPECT_FALSE(subnet.is_known());
  EXPECT_EQ(subnet.symbol(), "aws_subnet.private[1].id");
  std::string attribute;
  const ResourceInstance* target = p.config.resolve_symbol(subnet.symbol(), &attribute);
  ASSERT_NE(target, nullptr);
  EXPECT_EQ(target->address, "aws_subnet.private[1]");
  EXPECT_EQ(attribute, "id");
  EXPECT_EQ(t1.body.member("sgs")->items()[0].symbol(), "aws_security_group.by_name[\"api\"].id");
  EXPECT_EQ(t1.body.member("cidr")->as_string(), "10.0.11.0/24");
  const Value& subnets = *p.one("aws_ecs_service.api").body.member("subnets");
  ASSERT_TRUE(subnets.is_tuple());
  ASSERT_EQ(subnets.items().size(), 2u);
  EXPECT_EQ(subnets.items()[0].symbol(), "aws_subnet.private[0].id");
}

TEST(Configuration, NestedAndDynamicBlocksBecomeTuplesOfObjects) {
  Project p("blocks", {{"main.tf", R"(
locals {
  ports = [80, 443]
}
resource "aws_security_group" "web" {
  ingress {
    from_port = 22
  }
  dynamic "ingress" {
    for_each = local.ports
    content {
      from_port = ingress.value
    }
  }
}
)"}});
  const Value& ingress = *p.one("aws_security_group.web").body.member("ingress");
  ASSERT_TRUE(ingress.is_tuple());
  ASSERT_EQ(ingress.items().size(), 3u);
  EXPECT_EQ(ingress.items()[0].member("from_port")->as_number(), 22);
  EXPECT_EQ(ingress.items()[2].member("from_port")->as_number(), 443);
  EXPECT_EQ(line_of(ingress.items()[1]), 11u);  // the content block
}

TEST(Configuration, LocalModulesGetTheirInputsAndRemoteOnesAreANotice) {
  Project p("modules", {{"main.tf", R"(
module "svc" {
  source = "./modules/svc"
  name   = "api"
}
module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}
resource "aws_ecs_cluster" "main" {
  name = module.svc.service_name
}
)"},
                        {"modules/svc/main.tf", R"(
variable "name" {}
resource "aws_ecs_service" "this" {
  name = "${var.name}-svc"
}
output "service_name" {
  value = aws_ecs_service.this.name
}
)"}});
  EXPECT_EQ(p.one("module.svc.aws_ecs_service.this").body.member("name")->as_string(), "api-svc");
  EXPECT_EQ(p.one("aws_ecs_cluster.main").body.member("name")->as_string(), "api-svc");
  // The module directory is not also loaded as a root with unknown inputs.
  EXPECT_EQ(p.config.of_type("aws_ecs_service").size(), 1u);
  ASSERT_EQ(p.config.notices.size(), 1u);
  EXPECT_NE(p.config.notices[0].message.find("terraform-aws-modules/vpc/aws"), std::string::npos);
}

TEST(Configuration, ContainerEnvironmentBuiltWithMergeAndForKeepsOrigins) {
  Project p("env", {{"main.tf", R"(
locals {
  common_env = {
    LOG_LEVEL = "info"
    REGION    = "eu-west-1"
  }
}
resource "aws_ecs_task_definition" "api" {
  container_definitions = jsonencode([{
    name  = "api"
    image = "api:1"
    environment = [for k, v in merge(local.common_env, {
      DATABASE_URL = "postgres://db"
    }) : { name = k, value = v }]
  }])
}
)"}});
  const Value& defs = *p.one("aws_ecs_task_definition.api").body.member("container_definitions");
  ASSERT_TRUE(defs.is_string());
  ASSERT_NE(defs.encoded_from(), nullptr);
  const Value& env = *defs.encoded_from()->items()[0].member("environment");
  ASSERT_EQ(env.items().size(), 3u);
  EXPECT_EQ(env.items()[0].member("name")->as_string(), "DATABASE_URL");
  EXPECT_EQ(line_of(*env.items()[0].member("value")), 13u);  // written in the merge's second map
  EXPECT_EQ(env.items()[1].member("name")->as_string(), "LOG_LEVEL");
  EXPECT_EQ(line_of(*env.items()[1].member("value")), 4u);  // written in local.common_env
}

TEST(Configuration, CyclesAndUnknownCountsDoNotHang) {
  Project p("cycles", {{"main.tf", R"(
locals {
  a = local.b
  b = local.a
}
resource "aws_ecs_service" "s" {
  count = length(var.unknown_list)
  name  = local.a
}
)"}});
  ASSERT_EQ(p.config.of_type("aws_ecs_service").size(), 1u);
  EXPECT_FALSE(p.config.of_type("aws_ecs_service")[0]->body.member("name")->is_known());
}

}  // namespace
}  // namespace ecslint::tf

namespace ecslint::tf {
namespace {

TEST(Configuration, VarFilesAndCliVarsOverrideTfvarsInTerraformsOrder) {
  auto dir = fs::temp_directory_path() / "ecslint_config_varfile_input";
  fs::create_directories(dir);
  std::ofstream(dir / "prod.tfvars") << "env = \"prod\"\nregion = \"eu-west-1\"\n";
  InputVariables inputs;
  inputs.var_files = {(dir / "prod.tfvars").string()};
  inputs.cli_vars = {{"region", "us-east-2"}};
  Project p("varfile", {{"main.tf", R"(
variable "env" {}
variable "region" {}
resource "aws_ecs_cluster" "main" {
  name = "${var.env}-${var.region}"
}
)"},
                        {"terraform.tfvars", "env = \"dev\"\n"}},
            inputs);
  EXPECT_EQ(p.one("aws_ecs_cluster.main").body.member("name")->as_string(), "prod-us-east-2");
}

}  // namespace
}  // namespace ecslint::tf
