#include "analyzer/terraform/configuration.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

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
          InputVariables inputs = {}, int threads = 1) {
    dir = fs::temp_directory_path() / ("ecslint_config_" + name);
    fs::remove_all(dir);
    for (const auto& [path, text] : files) {
      fs::create_directories((dir / path).parent_path());
      std::ofstream(dir / path) << text;
    }
    inputs.read_environment = false;
    run_with_large_stack([&] {
      workspace = load_workspace({{dir.string()}, {}, threads, dir.string()});
      config = load_configuration(workspace, inputs);
    });
  }

  const ResourceInstance& one(std::string_view address) const {
    for (const ResourceInstance* i : config.all_instances())
      if (i->address == address) return *i;
    ADD_FAILURE() << "no instance " << address;
    static ResourceInstance none;
    return none;
  }
};

// Several roots, each calling a local module and a remote one (a notice),
// evaluated on one thread and on two: the same instances and notices in the
// same order, and counted resources referring to each other by index.
TEST(Configuration, ParallelRootsKeepTheirOrder) {
  std::vector<std::pair<std::string, std::string>> files;
  for (int i = 0; i < 6; ++i) {
    std::string root = "env" + std::to_string(i) + "/";
    files.push_back({root + "main.tf", R"(
resource "aws_sqs_queue" "q" {
  count = 3
  name  = "q-${count.index}"
}
resource "aws_sqs_queue" "dlq" {
  count = 3
  name  = "${aws_sqs_queue.q[count.index].name}-dlq"
}
module "app" {
  source = "../modules/app"
  name   = "app)" + std::to_string(i) + R"("
}
module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}
)"});
  }
  files.push_back({"modules/app/main.tf", R"(
variable "name" {}
resource "aws_ecs_cluster" "c" {
  name = var.name
}
)"});
  Project serial("parallel_roots_1", files, {}, 1);
  Project parallel("parallel_roots_2", files, {}, 2);
  auto addresses = [](const Project& p) {
    std::vector<std::string> out;
    for (const ResourceInstance* i : p.config.all_instances()) out.push_back(i->file->path() + " " + i->address);
    return out;
  };
  auto notices = [](const Project& p) {
    std::vector<std::string> out;
    for (const LoadNotice& n : p.config.notices()) out.push_back(n.location.file->path() + " " + n.message);
    return out;
  };
  ASSERT_EQ(addresses(serial).size(), 6u * 7u);
  EXPECT_EQ(addresses(parallel), addresses(serial));
  ASSERT_EQ(notices(parallel).size(), 6u);
  EXPECT_EQ(notices(parallel), notices(serial));
  for (size_t i = 0; i < 6; ++i)
    EXPECT_TRUE(notices(parallel)[i].starts_with("env" + std::to_string(i) + "/main.tf ")) << notices(parallel)[i];
  std::vector<std::string> clusters;
  for (const ResourceInstance* c : parallel.config.of_type("aws_ecs_cluster"))
    clusters.push_back(c->body().member("name") ? c->body().member("name")->as_string() : "");
  EXPECT_EQ(clusters, (std::vector<std::string>{"app0", "app1", "app2", "app3", "app4", "app5"}));
  // A root and the modules it calls are one evaluation group; roots are not.
  const auto& all = parallel.config.all_instances();
  for (const ResourceInstance* i : all) {
    if (!i->module_path.empty()) continue;
    for (const ResourceInstance* j : all) {
      if (!j->module_path.empty()) continue;
      bool same_root = i->file->path() == j->file->path();  // envN/main.tf
      EXPECT_EQ(i->evaluation_group() == j->evaluation_group(), same_root) << i->address << " " << j->address;
    }
  }
  for (size_t k = 1; k < all.size(); ++k) {
    if (all[k]->module_path.empty()) continue;  // module.app's cluster, listed after its root's queues
    EXPECT_EQ(all[k]->evaluation_group(), all[k - 1]->evaluation_group()) << all[k]->address;
  }
  const ResourceInstance& dlq = parallel.one("aws_sqs_queue.dlq[2]");
  ASSERT_TRUE(dlq.body().member("name") && dlq.body().member("name")->is_string());
  EXPECT_EQ(dlq.body().member("name")->as_string(), "q-2-dlq");
}

uint32_t line_of(const Value& v) { return v.origin().file ? v.origin().file->position(v.origin().range.begin).line : 0; }

// Blocks are expanded when rules ask for their type or a symbol names them,
// and then give the same instances as listing everything does.
std::vector<std::pair<std::string, std::string>> lazy_files() {
  return {{"main.tf", R"(
variable "bad" {
  type    = number
  default = "eighty"
}
resource "aws_sqs_queue" "q" {
  count = var.bad == null ? 1 : 2
}
resource "aws_sqs_queue" "one" {}
resource "aws_ecs_cluster" "c" {
  for_each = toset(["a", "b"])
  name     = "cluster-${each.key}"
}
data "aws_ecs_cluster" "c" {
  cluster_name = "existing"
}
module "app" {
  source = "./modules/app"
  name   = aws_ecs_cluster.c["a"].name
}
)"},
          {"modules/app/main.tf", R"(
variable "name" {}
resource "aws_ecs_cluster" "c" {
  count = 2
  name  = "${var.name}-${count.index}"
}
module "inner" {
  source = "../inner"
}
)"},
          {"modules/inner/main.tf", R"(
resource "aws_ecs_cluster" "c" {
  name = "inner"
}
)"}};
}

TEST(Configuration, OnlyTheTypesAskedForAreExpanded) {
  Project p("lazy_types", lazy_files());
  const auto& clusters = p.config.of_type("aws_ecs_cluster");
  std::vector<std::string> names;
  for (const ResourceInstance* c : clusters) names.push_back(c->address + "=" + c->body().member("name")->as_string());
  EXPECT_EQ(names, (std::vector<std::string>{"aws_ecs_cluster.c[\"a\"]=cluster-a", "aws_ecs_cluster.c[\"b\"]=cluster-b",
                                             "module.app.aws_ecs_cluster.c[0]=cluster-a-0",
                                             "module.app.aws_ecs_cluster.c[1]=cluster-a-1",
                                             "module.app.module.inner.aws_ecs_cluster.c=inner"}));
  // var.bad is read only by the queue's count: no notice until queues are asked for.
  EXPECT_TRUE(p.config.notices().empty());
  EXPECT_EQ(p.config.of_type("aws_sqs_queue").size(), 2u);  // q's count is unknown: one instance stands for it
  ASSERT_EQ(p.config.notices().size(), 1u);
  EXPECT_NE(p.config.notices()[0].message.find("var.bad"), std::string::npos);
  EXPECT_EQ(p.config.of_type("aws_ecs_cluster", true).size(), 1u);
  EXPECT_TRUE(p.config.of_type("aws_lb").empty());
}

TEST(Configuration, SymbolsResolveToTheInstancesListed) {
  Project everything("lazy_symbols_all", lazy_files());
  for (const ResourceInstance* listed : everything.config.all_instances()) {
    Project fresh("lazy_symbols_one", lazy_files());  // nothing expanded yet
    std::string attribute;
    const ResourceInstance* found = fresh.config.resolve_symbol(listed->address + ".arn", &attribute);
    ASSERT_NE(found, nullptr) << listed->address;
    EXPECT_EQ(found->address, listed->address);
    EXPECT_EQ(attribute, "arn");
  }
  Project p("lazy_symbols", lazy_files());
  std::string attribute;
  const ResourceInstance* first = p.config.resolve_symbol("module.app.aws_ecs_cluster.c.id", &attribute);
  ASSERT_NE(first, nullptr);  // without an index, the first instance
  EXPECT_EQ(first->address, "module.app.aws_ecs_cluster.c[0]");
  EXPECT_EQ(attribute, "id");
  EXPECT_EQ(p.config.resolve_symbol("aws_ecs_cluster.c[\"b\"]")->address, "aws_ecs_cluster.c[\"b\"]");
  EXPECT_EQ(p.config.resolve_symbol("data.aws_ecs_cluster.c.arn")->address, "data.aws_ecs_cluster.c");
  for (std::string_view none : {"aws_ecs_cluster.nope.id", "var.bad", "module.app.name",
                                "module.nope.aws_ecs_cluster.c", "module.app.module.inner", "aws_ecs_cluster", "", "data."})
    EXPECT_EQ(p.config.resolve_symbol(none), nullptr) << none;
}

// A computed attribute (`.arn`) of a resource whose body nobody has read is
// the same unknown as when the body is read first, without reading it.
TEST(Configuration, ComputedAttributesDoNotEvaluateTheirResource) {
  std::vector<std::pair<std::string, std::string>> files = {{"main.tf", R"(
variable "bad" {
  type    = number
  default = "eighty"
}
resource "aws_iam_role" "r" {
  name = "role-${var.bad}"
}
resource "aws_ecs_service" "s" {
  role      = aws_iam_role.r.arn
  role_tags = aws_iam_role.r.tags_all["team"]
}
)"}};
  auto rendered = [](const Configuration& config) {
    const Value& body = config.of_type("aws_ecs_service")[0]->body();
    return body.member("role")->symbol() + " " + body.member("role_tags")->symbol();
  };
  Project lazy("computed_lazy", files);
  EXPECT_EQ(rendered(lazy.config), "aws_iam_role.r.arn aws_iam_role.r.tags_all[\"team\"]");
  EXPECT_TRUE(lazy.config.notices().empty());  // var.bad, read only by the role's body, was not read
  Project eager("computed_eager", files);
  eager.config.of_type("aws_iam_role")[0]->body();
  EXPECT_EQ(eager.config.notices().size(), 1u);
  EXPECT_EQ(rendered(eager.config), rendered(lazy.config));
}

// References that can only be unknown (an attribute the body does not set,
// a resource or local the module does not declare) are named after what they
// refer to and point at where each is written, however often a module
// repeats them (the unknown behind them is made once per module instance).
TEST(Configuration, UnknownReferencesKeepTheirNamesAndTheirOwnPositions) {
  std::vector<std::pair<std::string, std::string>> files = {{"main.tf", R"(
module "app" {
  source = "./app"
}
)"}, {"app/main.tf", R"(
resource "aws_iam_role" "r" {
  name = "role"
}
resource "aws_ecs_service" "s" {
  a = aws_iam_role.r.arn
  b = aws_iam_role.r.arn
  c = aws_lb.missing.arn
  d = aws_lb.missing.arn
  e = aws_lb.missing
  f = aws_lb.missing[0].id
  g = local.missing
  h = data.aws_vpc.missing.id
}
)"}};
  Project p("unknown_references", files);
  const Value& body = p.one("module.app.aws_ecs_service.s").body();
  auto symbol = [&](std::string_view key) { return body.member(key) ? body.member(key)->symbol() : "<none>"; };
  auto text = [&](std::string_view key) {
    const Value* v = body.member(key);
    return v && v->origin().known() ? std::string(v->origin().file->slice(v->origin().range)) : "<none>";
  };
  EXPECT_EQ(symbol("a"), "module.app.aws_iam_role.r.arn");
  EXPECT_EQ(symbol("b"), "module.app.aws_iam_role.r.arn");
  EXPECT_EQ(symbol("c"), "module.app.aws_lb.missing.arn");
  EXPECT_EQ(symbol("d"), "module.app.aws_lb.missing.arn");
  EXPECT_EQ(symbol("e"), "module.app.aws_lb.missing");
  EXPECT_EQ(symbol("f"), "module.app.aws_lb.missing[0].id");
  EXPECT_EQ(symbol("g"), "module.app.local.missing");
  EXPECT_EQ(symbol("h"), "module.app.data.aws_vpc.missing.id");
  for (std::string_view key : {"a", "b", "c", "d", "e", "f", "h"}) EXPECT_FALSE(body.member(key)->is_known()) << key;
  EXPECT_EQ(text("a"), "aws_iam_role.r.arn");
  EXPECT_EQ(text("b"), "aws_iam_role.r.arn");
  EXPECT_LT(body.member("a")->origin().range.begin, body.member("b")->origin().range.begin);
  EXPECT_EQ(text("c"), "aws_lb.missing.arn");
  EXPECT_LT(body.member("c")->origin().range.begin, body.member("d")->origin().range.begin);
  EXPECT_EQ(text("e"), "aws_lb.missing");
  EXPECT_EQ(text("f"), "aws_lb.missing[0].id");
  EXPECT_EQ(text("h"), "data.aws_vpc.missing.id");
}

// Terraform rejects a resource declared twice in one module; ecslint lists
// it once per declaration, both times the instance the first one makes.
TEST(Configuration, AResourceDeclaredTwiceIsListedOncePerDeclaration) {
  Project p("declared_twice", {{"main.tf", R"(
resource "aws_ecs_cluster" "c" {
  name = "first"
}
resource "aws_ecs_cluster" "c" {
  name = "second"
}
resource "aws_ecs_cluster" "d" {
  name = "other"
}
)"}});
  std::vector<const ResourceInstance*> listed;
  for (const ResourceInstance* i : p.config.all_instances())
    if (i->address == "aws_ecs_cluster.c") listed.push_back(i);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0], listed[1]);
  EXPECT_EQ(listed[0]->body().member("name")->as_string(), "first");
  EXPECT_EQ(p.one("aws_ecs_cluster.d").body().member("name")->as_string(), "other");
}

TEST(Configuration, AskedFromSeveralThreadsAtOnce) {
  Project serial("lazy_threads_1", lazy_files());
  Project shared("lazy_threads_2", lazy_files());
  auto ask = [](const Configuration& config) {
    std::vector<std::string> out;
    for (const char* type : {"aws_sqs_queue", "aws_ecs_cluster"})
      for (const ResourceInstance* i : config.of_type(type)) {
        const Value* name = i->body().member("name");
        out.push_back(i->address + (name && name->is_string() ? "=" + name->as_string() : ""));
      }
    if (const ResourceInstance* i = config.resolve_symbol("module.app.aws_ecs_cluster.c[1].arn"))
      out.push_back(i->address);
    return out;
  };
  std::vector<std::string> expected = ask(serial.config);
  std::vector<std::string> results[4];
  std::vector<std::thread> threads;
  for (auto& result : results) threads.emplace_back([&] { result = ask(shared.config); });
  for (std::thread& t : threads) t.join();
  for (const auto& result : results) EXPECT_EQ(result, expected);
}

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
  ASSERT_TRUE(c.body().member("name"));
  EXPECT_EQ(c.body().member("name")->as_string(), "prod-api");
  EXPECT_FALSE(c.body().member("region")->is_known());  // no default, no value: unknown, not an error
  EXPECT_FALSE(c.body().member("region")->is_error());
  EXPECT_TRUE(c.body().member("secret")->sensitive());
  EXPECT_EQ(c.body().member("tags")->member("Env")->as_string(), "prod");
  EXPECT_EQ(line_of(*c.body().member("name")), 11u);  // where the value was written: the local
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
  EXPECT_EQ(p.one("aws_subnet.private[1]").body().member("cidr_block")->as_string(), "10.0.11.0/24");
  EXPECT_EQ(p.one("aws_security_group.by_name[\"worker\"]").body().member("name")->as_string(), "sg-worker");
  const ResourceInstance& t1 = p.one("aws_efs_mount_target.t[1]");
  const Value& subnet = *t1.body().member("subnet_id");
  EXPECT_FALSE(subnet.is_known());
  EXPECT_EQ(subnet.symbol(), "aws_subnet.private[1].id");
  std::string attribute;
  const ResourceInstance* target = p.config.resolve_symbol(subnet.symbol(), &attribute);
  ASSERT_NE(target, nullptr);
  EXPECT_EQ(target->address, "aws_subnet.private[1]");
  EXPECT_EQ(attribute, "id");
  EXPECT_EQ(t1.body().member("sgs")->items()[0].symbol(), "aws_security_group.by_name[\"api\"].id");
  EXPECT_EQ(t1.body().member("cidr")->as_string(), "10.0.11.0/24");
  const Value& subnets = *p.one("aws_ecs_service.api").body().member("subnets");
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
  const Value& ingress = *p.one("aws_security_group.web").body().member("ingress");
  ASSERT_TRUE(ingress.is_tuple());
  ASSERT_EQ(ingress.items().size(), 3u);
  EXPECT_EQ(ingress.items()[0].member("from_port")->as_number(), 22);
  EXPECT_EQ(ingress.items()[2].member("from_port")->as_number(), 443);
  EXPECT_EQ(line_of(ingress.items()[1]), 11u);  // the content block
}

// Blocks are grouped by type in the order each type first appears, nested
// bodies included (they share the thread's stack of blocks being built); a
// dynamic block over an unknown collection makes its type's list unknown;
// an attribute wins over blocks of its name.
TEST(Configuration, BlocksGroupByTypeAcrossInterleavingAndNesting) {
  Project p("grouping", {{"main.tf", R"(
variable "unknown_list" {}
resource "aws_lb_listener" "web" {
  rule {
    condition { field = "a" }
    action { type = "x" }
    condition { field = "b" }
  }
  default_action { type = "forward" }
  rule {
    condition { field = "c" }
  }
  dynamic "extra" {
    for_each = var.unknown_list
    content { n = 1 }
  }
  extra { n = 2 }
  tags = { a = 1 }
  tags { b = 2 }
}
)"}});
  const Value& body = p.one("aws_lb_listener.web").body();
  ASSERT_TRUE(body.is_object());
  const Value& rules = *body.member("rule");
  ASSERT_TRUE(rules.is_tuple());
  ASSERT_EQ(rules.items().size(), 2u);
  const Value& conditions = *rules.items()[0].member("condition");
  ASSERT_EQ(conditions.items().size(), 2u);
  EXPECT_EQ(conditions.items()[0].member("field")->as_string(), "a");
  EXPECT_EQ(conditions.items()[1].member("field")->as_string(), "b");
  EXPECT_EQ(rules.items()[0].member("action")->items().size(), 1u);
  EXPECT_EQ(rules.items()[1].member("condition")->items()[0].member("field")->as_string(), "c");
  EXPECT_EQ(rules.items()[1].member("action"), nullptr);
  EXPECT_EQ(body.member("default_action")->items().size(), 1u);
  EXPECT_FALSE(body.member("extra")->is_known());
  ASSERT_TRUE(body.member("tags")->is_object());
  EXPECT_EQ(body.member("tags")->member("a")->as_number(), 1);
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
  EXPECT_EQ(p.one("module.svc.aws_ecs_service.this").body().member("name")->as_string(), "api-svc");
  EXPECT_EQ(p.one("aws_ecs_cluster.main").body().member("name")->as_string(), "api-svc");
  // The module directory is not also loaded as a root with unknown inputs.
  EXPECT_EQ(p.config.of_type("aws_ecs_service").size(), 1u);
  ASSERT_EQ(p.config.notices().size(), 1u);
  EXPECT_NE(p.config.notices()[0].message.find("terraform-aws-modules/vpc/aws"), std::string::npos);
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
  const Value& defs = *p.one("aws_ecs_task_definition.api").body().member("container_definitions");
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
  EXPECT_FALSE(p.config.of_type("aws_ecs_service")[0]->body().member("name")->is_known());
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
  EXPECT_EQ(p.one("aws_ecs_cluster.main").body().member("name")->as_string(), "prod-us-east-2");
}

// terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) by
// name, later files winning; found from the walk's listing of the root's
// directory or, without one, by listing it.
TEST(Configuration, VariableFilesReadInTerraformsOrder) {
  Project p("variable_files", {{"main.tf", R"(
variable "w" {}
variable "x" {}
variable "y" {}
variable "z" {}
resource "aws_ecs_cluster" "main" {
  name = "${var.w}/${var.x}/${var.y}/${var.z}"
}
)"},
                               {"terraform.tfvars", "w = \"tfvars\"\nx = \"tfvars\"\ny = \"tfvars\"\nz = \"tfvars\"\n"},
                               {"terraform.tfvars.json", R"({"x": "json", "y": "json", "z": "json"})"},
                               {"a.auto.tfvars.json", R"({"y": "a-auto", "z": "a-auto"})"},
                               {"b.auto.tfvars", "z = \"b-auto\"\n"},
                               {"other.tfvars", "w = \"other\"\n"},
                               {"sub/terraform.tfvars", "w = \"sub\"\n"}});
  ASSERT_TRUE(p.workspace.variable_files);
  EXPECT_EQ(p.one("aws_ecs_cluster.main").body().member("name")->as_string(), "tfvars/json/a-auto/b-auto");
  p.workspace.variable_files.reset();
  InputVariables inputs;
  inputs.read_environment = false;
  Configuration listed_again;
  run_with_large_stack([&] { listed_again = load_configuration(p.workspace, inputs); });
  const auto& clusters = listed_again.of_type("aws_ecs_cluster");
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0]->body().member("name")->as_string(), "tfvars/json/a-auto/b-auto");
}

}  // namespace
}  // namespace ecslint::tf

// ---------------------------------------------------------------- .tf.json, overrides, variable types

namespace ecslint::tf {
namespace {

// A value as text, origins left out: known values as JSON-like text,
// unknowns as ${symbol}.
std::string render(const Value& v) {
  switch (v.kind()) {
    case eval::ValueKind::Unknown: return "${" + v.symbol() + "}";
    case eval::ValueKind::Null: return "null";
    case eval::ValueKind::Bool: return v.as_bool() ? "true" : "false";
    case eval::ValueKind::Number: return eval::format_number(v.as_number());
    case eval::ValueKind::String: return "\"" + v.as_string() + "\"";
    case eval::ValueKind::Tuple: {
      std::string out = "[";
      for (const Value& item : v.items()) out += render(item) + ",";
      return out + "]";
    }
    case eval::ValueKind::Object: {
      std::string out = "{";
      for (const eval::Member& m : v.members()) out += m.key.str() + "=" + render(m.value) + ",";
      return out + "}";
    }
  }
  return "?";
}

// A resource's value holds its arguments, not Terraform's meta-arguments:
// `depends_on` names resources without using their values, and evaluating
// it made a false cycle here (the rule's tags, read back while the service
// was being evaluated, came out unknown).
TEST(Configuration, MetaArgumentsAreNotPartOfAResourceValue) {
  Project p("meta_arguments", {{"main.tf", R"(
resource "aws_ecs_service" "svc" {
  name       = "svc"
  depends_on = [aws_lb_listener_rule.rule]
  provider   = aws.replica
  lifecycle {
    ignore_changes = [desired_count]
  }
}

resource "aws_lb_listener_rule" "rule" {
  priority = 10
  tags     = { service = aws_ecs_service.svc.name }
}
)"}});
  const Value& service = p.one("aws_ecs_service.svc").body();
  EXPECT_EQ(render(*service.member("name")), "\"svc\"");
  for (const char* meta : {"depends_on", "provider", "lifecycle"}) EXPECT_EQ(service.member(meta), nullptr) << meta;
  const Value& rule = p.one("aws_lb_listener_rule.rule").body();
  EXPECT_EQ(render(rule), "{priority=10,tags={service=\"svc\",},}");
}

Position position_of(const Value& v) {
  return v.origin().file ? v.origin().file->position(v.origin().range.begin) : Position{0, 0};
}

const eval::Member* member_entry(const Value& object, std::string_view key) {
  for (const eval::Member& m : object.members())
    if (m.key == key) return &m;
  return nullptr;
}

constexpr std::string_view kNativeConfig = R"tf(variable "ports" {
  type    = list(number)
  default = ["80", 443]
}
locals {
  name = "api-${var.env}"
}
variable "env" {
  default = "prod"
}
resource "aws_security_group" "web" {
  name = local.name
  tags = { Team = "core" }
  ingress {
    from_port   = 22
    cidr_blocks = ["10.0.0.0/8"]
  }
  dynamic "ingress" {
    for_each = var.ports
    iterator = port
    content {
      from_port = port.value
    }
  }
}
resource "aws_subnet" "private" {
  count      = 2
  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)
}
resource "aws_ecs_service" "svc" {
  for_each = toset(["a", "b"])
  name     = "${each.key}-${aws_security_group.web.name}"
  network_configuration {
    subnets         = aws_subnet.private[*].id
    security_groups = [aws_security_group.web.id]
  }
}
)tf";

constexpr std::string_view kJsonConfig = R"tf({
  "//": "the same configuration as kNativeConfig",
  "variable": {
    "ports": {"type": "list(number)", "default": ["80", 443]},
    "env": {"default": "prod"}
  },
  "locals": {"name": "api-${var.env}"},
  "resource": {
    "aws_security_group": {
      "web": {
        "//": "a comment property is not an attribute",
        "name": "${local.name}",
        "tags": {"Team": "core"},
        "ingress": {"from_port": 22, "cidr_blocks": ["10.0.0.0/8"]},
        "dynamic": {
          "ingress": {
            "for_each": "${var.ports}",
            "iterator": "port",
            "content": {"from_port": "${port.value}"}
          }
        }
      }
    },
    "aws_subnet": {
      "private": {"count": 2, "cidr_block": "${cidrsubnet(\"10.0.0.0/16\", 8, count.index)}"}
    },
    "aws_ecs_service": {
      "svc": [{
        "for_each": "${toset([\"a\", \"b\"])}",
        "name": "${each.key}-${aws_security_group.web.name}",
        "network_configuration": [{
          "subnets": "${aws_subnet.private[*].id}",
          "security_groups": ["${aws_security_group.web.id}"]
        }]
      }]
    }
  }
}
)tf";

TEST(TerraformJson, SameInstancesAsNativeSyntax) {
  Project native("equiv_native", {{"main.tf", std::string(kNativeConfig)}});
  Project json("equiv_json", {{"main.tf.json", std::string(kJsonConfig)}});
  ASSERT_EQ(native.config.all_instances().size(), 5u);
  ASSERT_EQ(json.config.all_instances().size(), native.config.all_instances().size());
  for (size_t i = 0; i < native.config.all_instances().size(); ++i) {
    const ResourceInstance& a = *native.config.all_instances()[i];
    const ResourceInstance& b = *json.config.all_instances()[i];
    EXPECT_EQ(a.address, b.address);
    EXPECT_EQ(a.type, b.type);
    EXPECT_EQ(render(a.body()), render(b.body())) << a.address;
  }
  EXPECT_EQ(render(*json.one("aws_ecs_service.svc[\"b\"]").body().member("name")), "\"b-api-prod\"");
  // The dynamic block's for_each saw the list(number) conversion: "80" became 80.
  const Value& ingress = *json.one("aws_security_group.web").body().member("ingress");
  ASSERT_EQ(ingress.items().size(), 3u);
  EXPECT_EQ(render(ingress), "[{cidr_blocks=[\"10.0.0.0/8\",],from_port=22,},{from_port=80,},{from_port=443,},]");
  EXPECT_TRUE(json.config.notices().empty());
}

TEST(TerraformJson, PositionsPointIntoTheJsonFile) {
  Project p("json_positions", {{"main.tf.json", std::string(kJsonConfig)}});
  const ResourceInstance& sg = p.one("aws_security_group.web");
  EXPECT_EQ(sg.file->path().ends_with("main.tf.json"), true);
  Position header = sg.file->position(sg.location.range.begin);
  EXPECT_EQ(header.line, 10u);  // the "web" key names the block
  EXPECT_EQ(header.column, 7u);
  const eval::Member* tags = member_entry(sg.body(), "tags");
  ASSERT_NE(tags, nullptr);
  Position key = sg.file->position(tags->key_origin.range.begin);
  EXPECT_EQ(key.line, 13u);
  EXPECT_EQ(key.column, 9u);
  // After the escaped quotes of the JSON string, the template's ranges stay on the source.
  const Value& cidr = *p.one("aws_subnet.private[1]").body().member("cidr_block");
  EXPECT_EQ(cidr.as_string(), "10.0.1.0/24");
  const Value& name = *p.one("aws_ecs_service.svc[\"a\"]").body().member("name");
  EXPECT_EQ(position_of(name).line, 30u);
}

TEST(TerraformJson, VariableDefaultsAreLiteralAndModulesLoad) {
  Project p("json_modules", {{"main.tf.json", R"tf({
  "variable": {"pattern": {"default": "${not_a_reference}"}},
  "module": {"svc": {"source": "./svc", "name": "${var.pattern}"}},
  "output": {"svc_name": {"value": "${module.svc.name}"}},
  "provider": {"aws": {"region": "eu-west-1"}},
  "terraform": {"required_version": ">= 1.3"}
})tf"},
                             {"svc/main.tf.json", R"tf({
  "variable": {"name": {}},
  "resource": {"aws_ecs_cluster": {"this": {"name": "${var.name}"}}},
  "output": {"name": {"value": "${aws_ecs_cluster.this.name}"}}
})tf"}});
  ASSERT_EQ(p.config.all_instances().size(), 1u);
  // Terraform reads a JSON default without evaluating it: "${...}" is text.
  EXPECT_EQ(p.one("module.svc.aws_ecs_cluster.this").body().member("name")->as_string(), "${not_a_reference}");
}

TEST(TerraformOverride, AttributesAndBlocksReplaceTheOriginals) {
  Project p("override", {{"main.tf", R"tf(
variable "image" {
  default = "api:1"
}
locals {
  env = "dev"
}
resource "aws_security_group" "web" {
  name = "web-${local.env}"
  description = "kept"
  ingress {
    from_port = 22
  }
  ingress {
    from_port = 80
  }
  egress {
    from_port = 0
  }
}
)tf"},
                         {"override.tf", R"tf(
locals {
  env = "prod"
}
variable "image" {
  default = "api:2"
}
resource "aws_security_group" "web" {
  ingress {
    from_port = 443
  }
}
)tf"},
                         {"extra_override.tf.json", R"tf({
  "resource": {"aws_security_group": {"web": {"name": "web-${local.env}-${var.image}"}}},
  "output": {"missing": {"value": 1}},
  "module": {"nowhere": {"source": "./x"}}
})tf"}});
  const ResourceInstance& sg = p.one("aws_security_group.web");
  EXPECT_EQ(sg.body().member("name")->as_string(), "web-prod-api:2");
  EXPECT_EQ(sg.body().member("description")->as_string(), "kept");
  const Value& ingress = *sg.body().member("ingress");
  ASSERT_EQ(ingress.items().size(), 1u);
  EXPECT_EQ(ingress.items()[0].member("from_port")->as_number(), 443);
  EXPECT_EQ(sg.body().member("egress")->items().size(), 1u);
  // Origins point at the file the overriding value was written in.
  const eval::Member* name = member_entry(sg.body(), "name");
  ASSERT_NE(name, nullptr);
  EXPECT_TRUE(name->key_origin.file->path().ends_with("extra_override.tf.json"));
  EXPECT_TRUE(ingress.items()[0].origin().file->path().ends_with("override.tf"));
  EXPECT_TRUE(member_entry(sg.body(), "description")->key_origin.file->path().ends_with("main.tf"));
  // An override module block without an original is a notice, not a crash.
  ASSERT_EQ(p.config.notices().size(), 1u);
  EXPECT_NE(p.config.notices()[0].message.find("module \"nowhere\""), std::string::npos);
}

TEST(VariableTypes, ValuesConvertToTheDeclaredType) {
  InputVariables inputs;
  inputs.cli_vars = {{"port", "8080"}, {"zones", "[\"a\", \"b\", \"a\"]"}, {"untyped", "[1]"}, {"flag", "true"}};
  Project p("types", {{"main.tf", R"tf(
variable "port" { type = number }
variable "flag" { type = bool }
variable "zones" { type = set(string) }
variable "untyped" {}
variable "anything" { type = any }
variable "counts" { type = list(string) }
variable "labels" { type = map(string) }
variable "bad" { type = number }
variable "service" {
  type = object({
    name    = string
    cpu     = optional(number, 256)
    public  = optional(bool)
    ports   = optional(list(number), [80])
  })
}
resource "aws_ecs_service" "s" {
  port     = var.port
  flag     = var.flag
  zones    = var.zones
  untyped  = var.untyped
  anything = var.anything
  counts   = var.counts
  labels   = var.labels
  bad      = var.bad
  service  = var.service
}
)tf"},
                      {"terraform.tfvars", R"tf(
anything = { a = 1 }
counts   = [1, 2]
labels   = { team = 3 }
bad      = "eighty"
service  = { name = "api", extra = "dropped" }
)tf"}},
                      inputs);
  const Value& body = p.one("aws_ecs_service.s").body();
  EXPECT_EQ(render(*body.member("port")), "8080");
  EXPECT_EQ(render(*body.member("flag")), "true");
  EXPECT_EQ(render(*body.member("zones")), "[\"a\",\"b\",]");
  EXPECT_EQ(render(*body.member("untyped")), "\"[1]\"");  // no type: the text as given
  EXPECT_EQ(render(*body.member("anything")), "{a=1,}");
  EXPECT_EQ(render(*body.member("counts")), "[\"1\",\"2\",]");
  EXPECT_EQ(render(*body.member("labels")), "{team=\"3\",}");
  EXPECT_EQ(render(*body.member("service")), "{cpu=256,name=\"api\",ports=[80,],public=null,}");
  // "eighty" is no number: unknown, and a load notice at the tfvars line.
  EXPECT_FALSE(body.member("bad")->is_known());
  EXPECT_FALSE(body.member("bad")->is_error());
  ASSERT_EQ(p.config.notices().size(), 1u);
  EXPECT_NE(p.config.notices()[0].message.find("var.bad"), std::string::npos);
  EXPECT_EQ(p.config.notices()[0].location.file->position(p.config.notices()[0].location.range.begin).line, 5u);
}

TEST(VariableTypes, TypesFromJsonAndTfvarsJson) {
  Project p("types_json", {{"main.tf.json", R"tf({
  "variable": {
    "port": {"type": "number"},
    "tags": {"type": "map(string)", "default": {"a": 1}},
    "svc": {"type": "object({name = string, cpu = optional(number, 512)})"}
  },
  "resource": {"aws_ecs_service": {"s": {"port": "${var.port}", "tags": "${var.tags}", "svc": "${var.svc}"}}}
})tf"},
                           {"terraform.tfvars.json", R"tf({"port": "443", "svc": {"name": "${literal}"}})tf"}});
  const Value& body = p.one("aws_ecs_service.s").body();
  EXPECT_EQ(render(*body.member("port")), "443");
  EXPECT_EQ(render(*body.member("tags")), "{a=\"1\",}");
  EXPECT_EQ(render(*body.member("svc")), "{cpu=512,name=\"${literal}\",}");
}

}  // namespace
}  // namespace ecslint::tf
