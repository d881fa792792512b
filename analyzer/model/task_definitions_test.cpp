#include "analyzer/model/task_definitions.h"

#include <gtest/gtest.h>

#include "analyzer/model/model_test_util.h"

namespace ecslint::model {
namespace {

namespace fs = std::filesystem;

using testing::Project;

uint32_t line_of(const eval::Value& v) {
  return v.origin().file ? v.origin().file->position(v.origin().range.begin).line : 0;
}

TEST(TaskDefModel, JsonencodeContainersVolumesAndService) {
  Project p("jsonencode", {{"main.tf", R"(resource "aws_ecs_task_definition" "api" {
  family = "api"
  container_definitions = jsonencode([{
    name  = "api"
    image = "api:1"
    environment = [
      { name = "A", value = "1" },
    ]
    secrets     = [{ name = "S", valueFrom = "${aws_secretsmanager_secret.s.arn}:K::" }]
    mountPoints = [{ sourceVolume = "data", containerPath = "/data" }]
  }])
  volume {
    name = "data"
    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.fs.id
      transit_encryption = "ENABLED"
    }
  }
}

resource "aws_ecs_service" "api" {
  task_definition  = aws_ecs_task_definition.api.arn
  platform_version = "1.4.0"
  network_configuration {
    subnets         = ["subnet-1"]
    security_groups = [aws_security_group.api.id]
  }
}
)"}});
  const auto& tds = p.model->task_definitions();
  ASSERT_EQ(tds.size(), 1u);
  const TaskDefinition& td = tds[0];
  EXPECT_EQ(td.family.as_string(), "api");
  ASSERT_TRUE(td.containers_known);
  ASSERT_EQ(td.containers.size(), 1u);
  const Container& c = td.containers[0];
  EXPECT_EQ(c.name.as_string(), "api");
  ASSERT_EQ(c.environment.size(), 1u);
  EXPECT_EQ(line_of(c.environment[0].name), 7u);
  ASSERT_EQ(c.secrets.size(), 1u);
  ASSERT_EQ(c.secrets[0].value_from.pieces().size(), 2u);
  EXPECT_EQ(c.secrets[0].value_from.pieces()[0].symbol, "aws_secretsmanager_secret.s.arn");
  EXPECT_EQ(c.secrets[0].value_from.pieces()[1].text, ":K::");
  ASSERT_EQ(c.mount_points.size(), 1u);
  ASSERT_EQ(td.volumes.size(), 1u);
  EXPECT_TRUE(td.volumes[0].has_efs);
  EXPECT_EQ(td.volumes[0].efs.file_system_id.symbol(), "aws_efs_file_system.fs.id");
  EXPECT_EQ(td.volumes[0].efs.transit_encryption.as_string(), "ENABLED");

  const auto& services = p.model->services();
  ASSERT_EQ(services.size(), 1u);
  EXPECT_EQ(services[0].task, &td);
  EXPECT_EQ(services[0].platform_version.as_string(), "1.4.0");
  ASSERT_TRUE(services[0].security_groups.is_tuple());
  EXPECT_EQ(services[0].security_groups.items()[0].symbol(), "aws_security_group.api.id");
}

TEST(TaskDefModel, HeredocWithInterpolationKeepsUnknownPieces) {
  Project p("heredoc", {{"main.tf", R"(resource "aws_ecs_task_definition" "api" {
  family                = "api"
  container_definitions = <<JSON
[{"name": "api", "image": "api:1",
  "secrets": [{"name": "S", "valueFrom": "${aws_secretsmanager_secret.s.arn}:K"}]}]
JSON
}
)"}});
  const auto& tds = p.model->task_definitions();
  ASSERT_EQ(tds.size(), 1u);
  ASSERT_EQ(tds[0].containers.size(), 1u);
  const auto& value_from = tds[0].containers[0].secrets.at(0).value_from;
  ASSERT_EQ(value_from.pieces().size(), 2u);
  EXPECT_EQ(value_from.pieces()[0].symbol, "aws_secretsmanager_secret.s.arn");
  EXPECT_EQ(value_from.pieces()[1].text, ":K");
}

TEST(TaskDefModel, FileJsonHasExactOrigins) {
  Project p("file", {{"main.tf", R"(resource "aws_ecs_task_definition" "api" {
  family                = "api"
  container_definitions = file("c.json")
}
)"},
                     {"c.json", "[\n  {\n    \"name\": \"api\",\n    \"image\": \"api:1\"\n  }\n]\n"}});
  const auto& tds = p.model->task_definitions();
  ASSERT_EQ(tds.size(), 1u);
  ASSERT_EQ(tds[0].containers.size(), 1u);
  EXPECT_EQ(line_of(tds[0].containers[0].image), 4u);
}

TEST(TaskDefModel, StandaloneJsonAndWrappedTaskDefinition) {
  Project p("json",
            {{"a/taskdef.json",
              R"({"family": "a", "containerDefinitions": [{"name": "x", "image": "x:1"}],
 "volumes": [{"name": "v", "efsVolumeConfiguration": {"fileSystemId": "fs-1", "authorizationConfig": {"iam": "ENABLED"}}}]})"},
             {"b/taskdef.json",
              R"({"taskDefinition": {"family": "b", "containerDefinitions": [{"name": "y", "image": "y:1"}]}})"}});
  const auto& tds = p.model->task_definitions();
  ASSERT_EQ(tds.size(), 2u);
  EXPECT_EQ(tds[0].source, TaskDefinitionSource::JsonFile);
  EXPECT_EQ(tds[0].family.as_string(), "a");
  ASSERT_EQ(tds[0].volumes.size(), 1u);
  EXPECT_TRUE(tds[0].volumes[0].efs.has_authorization);
  EXPECT_EQ(tds[0].volumes[0].efs.iam.as_string(), "ENABLED");
  EXPECT_EQ(tds[1].family.as_string(), "b");
  ASSERT_EQ(tds[1].containers.size(), 1u);
  EXPECT_EQ(tds[1].containers[0].name.as_string(), "y");
}

// The provider decodes container_definitions with Go's encoding/json, whose
// keys match case-insensitively; a dynamic block over a known list expands.
TEST(TaskDefModel, KeysMatchCaseInsensitivelyAndKnownDynamicVolumesExpand) {
  Project p("key_case", {{"main.tf", R"(locals { volumes = [{ name = "storage" }] }
resource "aws_ecs_task_definition" "api" {
  family = "api"
  container_definitions = jsonencode([{
    Name        = "api"
    Environment = [{ Name = "A", Value = "1" }]
    MountPoints = [{ SourceVolume = "storage", ContainerPath = "/data" }]
  }])
  dynamic "volume" {
    for_each = local.volumes
    content { name = volume.value.name }
  }
}
)"}});
  const auto& tds = p.model->task_definitions();
  ASSERT_EQ(tds.size(), 1u);
  const TaskDefinition& td = tds[0];
  ASSERT_TRUE(td.volumes_known);
  ASSERT_EQ(td.volumes.size(), 1u);
  EXPECT_EQ(td.volumes[0].name.as_string(), "storage");
  ASSERT_EQ(td.containers.size(), 1u);
  const Container& c = td.containers[0];
  EXPECT_EQ(c.name.as_string(), "api");
  ASSERT_EQ(c.environment.size(), 1u);
  EXPECT_EQ(c.environment[0].name.as_string(), "A");
  ASSERT_EQ(c.mount_points.size(), 1u);
  EXPECT_EQ(c.mount_points[0].source_volume.as_string(), "storage");
}

TEST(TaskDefModel, DynamicVolumesOverAnUnknownCollectionAreNotKnown) {
  Project p("dynamic_unknown", {{"main.tf", R"(variable "volumes" {}
resource "aws_ecs_task_definition" "api" {
  family = "api"
  container_definitions = jsonencode([{ name = "api" }])
  volume { name = "static" }
  dynamic "volume" {
    for_each = var.volumes
    content { name = volume.value.name }
  }
}
)"}});
  const auto& tds = p.model->task_definitions();
  ASSERT_EQ(tds.size(), 1u);
  EXPECT_FALSE(tds[0].volumes_known);
}

TEST(TaskDefModel, UnknownContainerDefinitionsAreNotKnown) {
  Project p("unknown", {{"main.tf", R"(resource "aws_ecs_task_definition" "api" {
  family                = "api"
  container_definitions = var.containers
}
)"}});
  const auto& tds = p.model->task_definitions();
  ASSERT_EQ(tds.size(), 1u);
  EXPECT_FALSE(tds[0].containers_known);
  EXPECT_TRUE(tds[0].containers.empty());
}

}  // namespace
}  // namespace ecslint::model
