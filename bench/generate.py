#!/usr/bin/env python3
"""Deterministic generator of realistic ECS Terraform for ecslint benchmarks.

Writes a tree of "repositories", each with module directories (versions.tf,
variables.tf, locals.tf, ecs.tf, iam.tf, security_groups.tf, alb.tf,
outputs.tf, ...), environment stacks calling those modules, a few .tf.json
files, standalone task-definition .json files and the .tftpl templates that
templatefile() calls refer to. The result is a consistent configuration:
every variable, local, resource and module a file refers to is declared
(complete_module() and env_files() check it), and a few mistakes are seeded
for the rules to find.

Same --seed and --size/--files => byte-identical output.

    generate.py --size 10MB --out bench/out/gen-10MB
    generate.py --files 50 --out bench/out/gen-50files
    generate.py --size 1MB --out DIR --verify /tmp/oracle/hcloracle

Python 3 standard library only.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys

# ----------------------------------------------------------------- helpers

def fill(text, **kw):
    """Replace @key@ placeholders (HCL is full of braces, so no str.format)."""
    def sub(m):
        key = m.group(1)
        if key not in kw:
            raise KeyError("template placeholder @%s@ not given" % key)
        return str(kw[key])
    return re.sub(r"@([a-z_0-9]+)@", sub, text)


def parse_size(s):
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?)i?B?\s*", s, re.I)
    if not m:
        raise argparse.ArgumentTypeError("size like 500KB, 10MB, 1GB: %r" % s)
    mult = {"": 1, "K": 1000, "M": 1000 ** 2, "G": 1000 ** 3}[m.group(2).upper()]
    return int(float(m.group(1)) * mult)


SERVICES = ["api", "web", "worker", "billing", "auth", "search", "notifier",
            "scheduler", "gateway", "reports", "ingest", "payments", "catalog",
            "orders", "inventory", "frontend", "admin", "metrics", "mailer",
            "exporter", "sync", "uploader", "thumbnailer", "ledger"]
ENVS = ["dev", "staging", "prod", "sandbox", "qa"]
REGIONS = ["eu-west-1", "eu-west-2", "us-east-1", "us-west-2", "eu-central-1",
           "ap-southeast-2"]
ENV_KEYS = ["LOG_LEVEL", "PORT", "NODE_ENV", "APP_ENV", "AWS_REGION",
            "QUEUE_URL", "BUCKET_NAME", "FEATURE_FLAGS", "SENTRY_ENVIRONMENT",
            "REDIS_HOST", "DB_HOST", "DB_NAME", "DB_PORT", "CACHE_TTL",
            "WORKER_CONCURRENCY", "HTTP_TIMEOUT", "OTEL_SERVICE_NAME",
            "JAVA_OPTS", "GUNICORN_WORKERS", "ALLOWED_HOSTS"]
SECRET_KEYS = ["DB_PASSWORD", "DB_USERNAME", "API_KEY", "JWT_SECRET",
               "STRIPE_KEY", "SENTRY_DSN", "REDIS_AUTH", "SMTP_PASSWORD"]
IMAGES = ["nginx:1.25-alpine", "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
          "datadog/agent:7", "amazon/aws-xray-daemon:3.3", "envoyproxy/envoy:v1.27-latest"]


class Ctx:
    """Per-module naming context."""

    def __init__(self, rng, module, services):
        self.rng = rng
        self.module = module
        self.services = services
        self.made = {}       # block kind -> how many named blocks it has made
        self.ports = {}      # task definition name -> its container port
        self.secret_keys = {}  # task definition name -> the JSON keys its secrets name

    def app(self, kind):
        """The next name for a block of `kind`. Every kind walks the same
        list (api_0, worker_1, ...), so the service numbered k finds the task
        definition, target group and log group numbered k when they exist."""
        k = self.made.get(kind, 0)
        self.made[kind] = k + 1
        return "%s_%d" % (self.services[k % len(self.services)], k)

    def svc(self):
        return self.rng.choice(self.services)

    def pick(self, seq):
        return self.rng.choice(seq)

    def n(self, lo, hi):
        return self.rng.randint(lo, hi)

# ------------------------------------------------------------ block makers

def versions_tf(c):
    return fill('''terraform {
  required_version = ">= 1.@minor@.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= @aws@.0, < 6.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.5"
    }
  }
}
''', minor=c.n(3, 7), aws=c.n(4, 5))


def providers_tf(c):
    region = c.pick(REGIONS)
    out = fill('''provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project     = "@module@"
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}

provider "aws" {
  alias  = "replica"
  region = "@region@"

  assume_role {
    role_arn     = "arn:aws:iam::${var.account_id}:role/terraform-deploy"
    session_name = "terraform-@module@"
  }
}
''', module=c.module, region=region)
    if c.rng.random() < 0.5:
        out += '''
terraform {
  backend "s3" {
    bucket         = "tfstate-shared-%d"
    key            = "%s/terraform.tfstate"
    region         = "%s"
    dynamodb_table = "terraform-locks"
    encrypt        = true
  }
}
''' % (c.n(100000, 999999), c.module, region)
    return out


def variable_block(c, i):
    kind = c.n(0, 9)
    s = c.svc()
    if kind == 0:
        return fill('''variable "@s@_cpu" {
  description = "CPU units reserved for the @s@ task (1024 = 1 vCPU)."
  type        = number
  default     = @cpu@

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096], var.@s@_cpu)
    error_message = "The @s@_cpu value must be a valid Fargate CPU size."
  }
}
''', s=s + str(i), cpu=c.pick([256, 512, 1024, 2048]))
    if kind == 1:
        return fill('''variable "@s@_image_tag" {
  description = "Image tag deployed for @s@. Must not be \\"latest\\" in production."
  type        = string
  default     = "v1.@a@.@b@"

  validation {
    condition     = can(regex("^[a-zA-Z0-9._-]{1,128}$", var.@s@_image_tag))
    error_message = "Image tags may only contain letters, digits, '.', '_' and '-'."
  }
}
''', s=s + str(i), a=c.n(0, 40), b=c.n(0, 9))
    if kind == 2:
        return fill('''variable "@s@_environment" {
  description = "Plain (non-secret) environment variables for the @s@ container."
  type        = map(string)
  default = {
    LOG_LEVEL = "@lvl@"
    PORT      = "@port@"
    APP_ENV   = "@env@"
  }
}
''', s=s + str(i), lvl=c.pick(["info", "debug", "warn"]), port=c.pick([3000, 8080, 8000, 9000]),
                    env=c.pick(ENVS))
    if kind == 3:
        return fill('''variable "services_@i@" {
  description = "Services to run, keyed by name."
  type = map(object({
    image          = string
    cpu            = optional(number, 256)
    memory         = optional(number, 512)
    desired_count  = optional(number, 1)
    container_port = optional(number, 8080)
    health_path    = optional(string, "/health")
    public         = optional(bool, false)
    environment    = optional(map(string), {})
    secrets        = optional(list(string), [])
  }))
  default = {
    @s@ = {
      image         = "@acct@.dkr.ecr.eu-west-1.amazonaws.com/@s@:latest"
      desired_count = @n@
      public        = true
    }
  }
}
''', i=i, s=s, acct=c.n(100000000000, 999999999999), n=c.n(1, 6))
    if kind == 4:
        return fill('''variable "subnet_ids_@i@" {
  description = "Private subnet IDs for the tasks."
  type        = list(string)
  default     = []
  nullable    = false
}
''', i=i)
    if kind == 5:
        return fill('''variable "ingress_rules_@i@" {
  description = "Extra ingress rules for the service security group."
  type = list(object({
    description = string
    from_port   = number
    to_port     = number
    protocol    = optional(string, "tcp")
    cidr_blocks = optional(list(string), [])
  }))
  default = [
    {
      description = "HTTPS from the VPC"
      from_port   = 443
      to_port     = 443
      cidr_blocks = ["10.@a@.0.0/16"]
    },
  ]
}
''', i=i, a=c.n(0, 250))
    if kind == 6:
        return fill('''variable "enable_@s@" {
  description = "Whether to create the @s@ service."
  type        = bool
  default     = @b@
}
''', s=s + str(i), b=c.pick(["true", "false"]))
    if kind == 7:
        # One in eight forgets `sensitive` (secret-variable-sensitive).
        sensitive = "  sensitive   = true\n" if c.rng.random() >= 0.125 else ""
        return fill('''variable "@s@_db_password" {
  description = "Initial database password for @s@ (rotated by Secrets Manager)."
  type        = string
@sensitive@  default     = null
}
''', s=s + str(i), sensitive=sensitive)
    if kind == 8:
        return fill('''variable "log_retention_days_@i@" {
  type    = number
  default = @d@
}
''', i=i, d=c.pick([7, 14, 30, 90, 365]))
    return fill('''variable "tags_@i@" {
  description = "Additional tags for every resource."
  type        = map(string)
  default     = {}
}
''', i=i)


def locals_block(c, i):
    s = c.svc()
    kind = c.n(0, 3)
    if kind == 0:
        return fill('''locals {
  name_prefix_@i@ = "${var.environment}-@s@"
  is_production_@i@ = var.environment == "prod"

  common_tags_@i@ = merge(var.tags, {
    Service   = "@s@"
    Component = "ecs"
    CostCode  = local.is_production_@i@ ? "prod-@n@" : "nonprod-@n@"
  })

  # One entry per enabled service, with defaults filled in.
  enabled_services_@i@ = {
    for name, svc in var.services : name => merge(svc, {
      full_name = "${var.environment}-${name}"
      log_group = "/ecs/${var.environment}/${name}"
    }) if try(svc.enabled, true)
  }
}
''', i=i, s=s, n=c.n(100, 999))
    if kind == 1:
        return fill('''locals {
  container_environment_@i@ = [
    for k, v in merge(var.@s@_environment, { AWS_REGION = var.region }) : {
      name  = k
      value = tostring(v)
    }
  ]

  container_secrets_@i@ = [
    for key in var.secret_keys : {
      name      = upper(key)
      valueFrom = "${aws_secretsmanager_secret.app.arn}:${key}::"
    }
  ]

  private_subnet_cidrs_@i@ = [for idx in range(@n@) : cidrsubnet(var.vpc_cidr, 8, idx + 10)]
  az_by_subnet_@i@          = zipmap(aws_subnet.private[*].id, aws_subnet.private[*].availability_zone)
}
''', i=i, s=s, n=c.n(2, 4))
    if kind == 2:
        return fill('''locals {
  ports_@i@ = {
    http    = 80
    https   = 443
    app     = @port@
    metrics = 9@m@
  }

  listener_rules_@i@ = flatten([
    for svc_name, svc in var.services : [
      for idx, path in try(svc.paths, ["/${svc_name}/*"]) : {
        key      = "${svc_name}-${idx}"
        service  = svc_name
        path     = path
        priority = 100 + idx
      }
    ]
  ])

  listener_rules_by_key_@i@ = { for r in local.listener_rules_@i@ : r.key => r }
  grouped_@i@               = { for r in local.listener_rules_@i@ : r.service => r.priority... }
}
''', i=i, port=c.pick([3000, 8080, 8000]), m=c.n(100, 999))
    return fill('''locals {
  cpu_@i@    = var.environment == "prod" ? @cpu@ * 2 : @cpu@
  memory_@i@ = max(local.cpu_@i@ * 2, 512)
  banner_@i@ = "Service %{ if var.environment == "prod" }PRODUCTION%{ else }${upper(var.environment)}%{ endif } / @s@"
  image_@i@  = "${var.ecr_repository_url}:${coalesce(var.image_tag, "latest")}"
  count_@i@  = length(compact([for s in var.subnet_ids : s if s != ""]))
  ratio_@i@  = floor((local.cpu_@i@ / 1024) * 100) % 7 != 0 && !local.is_spot_@i@
  is_spot_@i@ = contains(["dev", "sandbox"], var.environment)
}
''', i=i, s=s, cpu=c.pick([256, 512, 1024]))


def container_def(c, name, i):
    env_keys = c.rng.sample(ENV_KEYS, c.n(3, 10))
    sec_keys = c.rng.sample(SECRET_KEYS, c.n(1, 4))
    port = c.pick([80, 3000, 8080, 8000, 9000])
    c.ports[name] = port
    c.secret_keys[name] = [k.lower() for k in sec_keys]
    env_lines = "\n".join(
        '        { name = "%s", value = "%s" },' % (k, c.pick(["info", "true", "1", "30", "eu-west-1", "app-%d" % c.n(1, 99), "${var.environment}"]))
        for k in env_keys)
    if c.rng.random() < 0.04:   # a secret in plain environment (secret-plaintext)
        env_lines += '\n        { name = "SESSION_SECRET", value = "dev-session-%d" },' % c.n(1000, 9999)
    sec_lines = "\n".join(
        '        {\n          name      = "%s"\n          valueFrom = "${aws_secretsmanager_secret.%s.arn}:%s::"\n        },' % (k, name, k.lower())
        for k in sec_keys)
    return fill('''    {
      name      = "@name@"
      image     = "${var.ecr_repository_url}:${var.image_tag}"
      cpu       = @cpu@
      memory    = @mem@
      essential = true
      command   = ["/app/bin/@name@", "--port", "@port@"]

      portMappings = [
        {
          containerPort = @port@
          hostPort      = @port@
          protocol      = "tcp"
        }
      ]

      environment = concat([
@env@
      ], local.extra_environment)

      secrets = [
@sec@
      ]

      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = aws_cloudwatch_log_group.@name@.name
          "awslogs-region"        = var.region
          "awslogs-stream-prefix" = "@name@"
        }
      }

      healthCheck = {
        command     = ["CMD-SHELL", "curl -fsS http://localhost:@port@/health || exit 1"]
        interval    = 30
        timeout     = 5
        retries     = 3
        startPeriod = @start@
      }

      mountPoints = [
        { sourceVolume = "tmp", containerPath = "/tmp", readOnly = false },
      ]
      readonlyRootFilesystem = true
      ulimits                = [{ name = "nofile", softLimit = 65536, hardLimit = 65536 }]
      dependsOn              = var.enable_xray ? [{ containerName = "xray", condition = "START" }] : []
    },
''', name=name, cpu=c.pick([128, 256, 512]), mem=c.pick([256, 512, 1024]), port=port,
                env=env_lines, sec=sec_lines, start=c.pick([10, 30, 60]))


def sidecar_def(c):
    return fill('''    {
      name      = "log-router"
      image     = "@img@"
      essential = false
      firelensConfiguration = {
        type    = "fluentbit"
        options = { "enable-ecs-log-metadata" = "true" }
      }
      memoryReservation = 50
    },
''', img=c.pick(IMAGES))


def task_definition(c, i):
    name = c.app("task_definition")
    containers = container_def(c, name, i)
    if c.rng.random() < 0.5:
        containers += sidecar_def(c)
    version = ""
    if c.rng.random() < 0.6:
        # The secret's value, with the JSON keys the container's valueFroms
        # name; one in twelve lacks one (secret-json-key).
        keys = list(c.secret_keys[name])
        if c.rng.random() < 1 / 12:
            keys.pop(c.rng.randrange(len(keys)))
        fields = "".join("\n    %s = random_password.%s.result" % (k, name) for k in keys or ["password"])
        version = fill('''
resource "random_password" "@name@" {
  length  = 32
  special = false
}

resource "aws_secretsmanager_secret_version" "@name@" {
  secret_id = aws_secretsmanager_secret.@name@.id
  secret_string = jsonencode({@fields@
  })
}
''', name=name, fields=fields)
    return fill('''resource "aws_cloudwatch_log_group" "@name@" {
  name              = "/ecs/${var.environment}/@name@"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = local.common_tags
}

resource "aws_secretsmanager_secret" "@name@" {
  name                    = "${var.environment}/@name@/app"
  recovery_window_in_days = var.environment == "prod" ? 30 : 0
}
@version@
resource "aws_ecs_task_definition" "@name@" {
  family                   = "${local.name_prefix}-@name@"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = @cpu@
  memory                   = @mem@
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  container_definitions = jsonencode([
@containers@  ])

  volume {
    name = "tmp"
  }

  dynamic "volume" {
    for_each = var.efs_file_system_id == null ? [] : [var.efs_file_system_id]
    content {
      name = "efs-${volume.key}"
      efs_volume_configuration {
        file_system_id     = volume.value
        transit_encryption = "ENABLED"
        authorization_config {
          access_point_id = var.efs_access_point_id
          iam             = "ENABLED"
        }
      }
    }
  }

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "@arch@"
  }

  tags = local.common_tags
}
''', name=name, cpu=c.pick([256, 512, 1024, 2048]), mem=c.pick([512, 1024, 2048, 4096]),
                containers=containers, arch=c.pick(["X86_64", "ARM64"]), version=version)


def ecs_service(c, i):
    name = c.app("ecs_service")
    return fill('''resource "aws_ecs_service" "@name@" {
  count = var.enable_service ? 1 : 0

  name                               = "${local.name_prefix}-@name@"
  cluster                            = var.cluster_arn
  task_definition                    = aws_ecs_task_definition.@name@.arn
  desired_count                      = var.environment == "prod" ? @n@ : 1
  launch_type                        = var.use_capacity_providers ? null : "FARGATE"
  platform_version                   = "LATEST"
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  health_check_grace_period_seconds  = 60
  enable_execute_command             = var.environment != "prod"
  propagate_tags                     = "SERVICE"

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = concat([aws_security_group.service.id], var.extra_security_group_ids)
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.@name@.arn
    container_name   = "@name@"
    container_port   = @port@
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  dynamic "capacity_provider_strategy" {
    for_each = var.use_capacity_providers ? var.capacity_provider_strategy : []
    iterator = cps
    content {
      capacity_provider = cps.value.capacity_provider
      weight            = cps.value.weight
      base              = lookup(cps.value, "base", null)
    }
  }

  lifecycle {
    ignore_changes = [desired_count, task_definition]
  }

  depends_on = [aws_lb_listener_rule.@name@]
}
''', name=name, n=c.n(2, 12), port=c.ports.get(name) or c.pick([80, 3000, 8080]))


def alb_block(c, i):
    name = c.app("alb")
    return fill('''resource "aws_lb_target_group" "@name@" {
  name_prefix          = "@short@"
  port                 = @port@
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  health_check {
    path                = "/health"
    matcher             = "200-299"
    interval            = 15
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_listener_rule" "@name@" {
  listener_arn = var.https_listener_arn
  priority     = @prio@

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.@name@.arn
  }

  condition {
    path_pattern {
      values = ["/@path@/*", "/@path@"]
    }
  }

  dynamic "condition" {
    for_each = length(var.host_headers) > 0 ? [1] : []
    content {
      host_header {
        values = var.host_headers
      }
    }
  }
}
''', name=name, short=name[:5].replace("_", "x"), port=c.pick([80, 3000, 8080]),
                prio=c.n(1, 49999), path=name.split("_")[0])


def security_group(c, i):
    name = c.app("security_group")
    return fill('''resource "aws_security_group" "@name@" {
  name        = "${local.name_prefix}-@name@"
  description = "Controls access to the @name@ tasks"
  vpc_id      = var.vpc_id

  ingress {
    description     = "App port from the load balancer"
    from_port       = @port@
    to_port         = @port@
    protocol        = "tcp"
    security_groups = [var.alb_security_group_id]
  }

  dynamic "ingress" {
    for_each = var.ingress_rules
    content {
      description = ingress.value.description
      from_port   = ingress.value.from_port
      to_port     = ingress.value.to_port
      protocol    = ingress.value.protocol
      cidr_blocks = ingress.value.cidr_blocks
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
    #tfsec:ignore:aws-ec2-no-public-egress-sgr
  }

  tags = merge(local.common_tags, { Name = "${local.name_prefix}-@name@" })
}

resource "aws_security_group_rule" "@name@_peers" {
  for_each = toset(var.peer_security_group_ids)

  type                     = "ingress"
  from_port                = @port@
  to_port                  = @port@
  protocol                 = "tcp"
  security_group_id        = aws_security_group.@name@.id
  source_security_group_id = each.value
  description              = "From peer ${each.key}"
}
''', name=name, port=c.pick([80, 3000, 8080, 5432, 6379]))


def iam_block(c, i):
    name = c.app("iam")
    kind = c.n(0, 2)
    if kind == 0:
        return fill('''resource "aws_iam_role" "@name@_task" {
  name = "${local.name_prefix}-@name@-task"

  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Service": "ecs-tasks.amazonaws.com" },
      "Action": "sts:AssumeRole",
      "Condition": {
        "ArnLike": { "aws:SourceArn": "arn:aws:ecs:${var.region}:${data.aws_caller_identity.current.account_id}:*" }
      }
    }
  ]
}
EOF
}

resource "aws_iam_role_policy" "@name@_task" {
  name = "@name@-access"
  role = aws_iam_role.@name@_task.id

  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "ReadBucket",
          "Effect": "Allow",
          "Action": ["s3:GetObject", "s3:ListBucket"],
          "Resource": [
            "${aws_s3_bucket.@name@.arn}",
            "${aws_s3_bucket.@name@.arn}/*"
          ]
        },
        {
          "Sid": "Queue",
          "Effect": "Allow",
          "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
          "Resource": "${aws_sqs_queue.@name@.arn}"
        }
      ]
    }
  POLICY
}
''', name=name)
    if kind == 1:
        return fill('''data "aws_iam_policy_document" "@name@_execution" {
  statement {
    sid       = "Secrets"
    effect    = "Allow"
    actions   = ["secretsmanager:GetSecretValue", "kms:Decrypt"]
    resources = concat([aws_secretsmanager_secret.@name@.arn], var.extra_secret_arns)
  }

  statement {
    sid     = "Logs"
    actions = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [
      "${aws_cloudwatch_log_group.@name@.arn}:*",
    ]
  }

  dynamic "statement" {
    for_each = var.ecr_repository_arns
    content {
      actions   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role" "@name@_execution" {
  name               = "${local.name_prefix}-@name@-exec"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

resource "aws_iam_role_policy" "@name@_execution" {
  role   = aws_iam_role.@name@_execution.id
  policy = data.aws_iam_policy_document.@name@_execution.json
}

resource "aws_iam_role_policy_attachment" "@name@_managed" {
  count      = length(var.managed_policy_arns)
  role       = aws_iam_role.@name@_execution.name
  policy_arn = var.managed_policy_arns[count.index]
}
''', name=name)
    return fill('''resource "aws_iam_policy" "@name@_events" {
  name        = "${local.name_prefix}-@name@-events"
  description = "Lets EventBridge run the @name@ task"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["ecs:RunTask"]
        Resource = [replace(aws_ecs_task_definition.@name@.arn, "/:\\\\d+$/", ":*")]
        Condition = {
          ArnLike = { "ecs:cluster" = var.cluster_arn }
        }
      },
      {
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = [aws_iam_role.execution.arn, aws_iam_role.task.arn]
      },
    ]
  })
}
''', name=name)


def autoscaling_block(c, i):
    name = c.app("autoscaling")
    return fill('''resource "aws_appautoscaling_target" "@name@" {
  count              = var.enable_autoscaling ? 1 : 0
  max_capacity       = var.max_capacity
  min_capacity       = var.min_capacity
  resource_id        = "service/${var.cluster_name}/${aws_ecs_service.@name@[0].name}"
  scalable_dimension = "ecs:service:DesiredCount"
  service_namespace  = "ecs"
}

resource "aws_appautoscaling_policy" "@name@_cpu" {
  count              = var.enable_autoscaling ? 1 : 0
  name               = "@name@-cpu-target"
  policy_type        = "TargetTrackingScaling"
  resource_id        = aws_appautoscaling_target.@name@[0].resource_id
  scalable_dimension = aws_appautoscaling_target.@name@[0].scalable_dimension
  service_namespace  = aws_appautoscaling_target.@name@[0].service_namespace

  target_tracking_scaling_policy_configuration {
    target_value       = @target@
    scale_in_cooldown  = 300
    scale_out_cooldown = 60

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "@name@_5xx" {
  alarm_name          = "${local.name_prefix}-@name@-5xx"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  metric_name         = "HTTPCode_Target_5XX_Count"
  namespace           = "AWS/ApplicationELB"
  period              = 60
  statistic           = "Sum"
  threshold           = @thr@
  alarm_actions       = var.alarm_sns_topic_arn != "" ? [var.alarm_sns_topic_arn] : []
  dimensions = {
    TargetGroup  = aws_lb_target_group.@name@.arn_suffix
    LoadBalancer = var.alb_arn_suffix
  }
}
''', name=name, target=c.pick([50, 60, 70, 75]), thr=c.n(5, 50))


def cluster_block(c, i):
    name = c.app("cluster")
    return fill('''/*
 * Cluster with container insights and an EC2 capacity provider for @name@.
 */
resource "aws_ecs_cluster" "@name@" {
  name = "${local.name_prefix}-@name@"

  setting {
    name  = "containerInsights"
    value = var.environment == "prod" ? "enabled" : "disabled"
  }

  configuration {
    execute_command_configuration {
      logging = "OVERRIDE"
      log_configuration {
        cloud_watch_log_group_name = aws_cloudwatch_log_group.exec.name
      }
    }
  }
}

resource "aws_launch_template" "@name@" {
  name_prefix   = "@name@-"
  image_id      = data.aws_ssm_parameter.ecs_ami.value
  instance_type = var.instance_type

  user_data = base64encode(templatefile("${path.module}/templates/user_data.sh.tftpl", {
    cluster_name = aws_ecs_cluster.@name@.name
    extra_config = var.ecs_agent_config
  }))

  tag_specifications {
    resource_type = "instance"
    tags          = merge(local.common_tags, { Name = "ecs-@name@" })
  }
}

resource "aws_instance" "@name@_bastion" {
  count         = var.enable_bastion ? 1 : 0
  ami           = data.aws_ami.al2023.id
  instance_type = "t3.micro"
  subnet_id     = element(var.private_subnet_ids, count.index)

  user_data = <<-EOT
    #!/bin/bash
    set -euo pipefail
    echo ECS_CLUSTER=${aws_ecs_cluster.@name@.name} >> /etc/ecs/ecs.config
    %{ for key, value in var.ecs_agent_config ~}
    echo ${key}=${value} >> /etc/ecs/ecs.config
    %{ endfor ~}
    %{ if var.enable_spot_draining }echo ECS_ENABLE_SPOT_INSTANCE_DRAINING=true >> /etc/ecs/ecs.config%{ endif }
    export HOME_DIR="$${HOME}"
  EOT

  tags = {
    Name = "bastion-${count.index}"
  }
}
''', name=name)


def module_call(c, i, mod_names):
    target = c.pick(mod_names)
    return fill('''module "@target@_@i@" {
  source   = "../../modules/@target@"
  for_each = { for s in var.@target@_services : s.name => s if s.enabled }

  environment        = var.environment
  region             = var.region
  vpc_id             = module.network.vpc_id
  private_subnet_ids = module.network.private_subnet_ids
  cluster_arn        = aws_ecs_cluster.main.arn
  image_tag          = each.value.image_tag
  desired_count      = try(each.value.desired_count, 2)
  services           = { (each.key) = each.value }
  tags               = merge(local.common_tags, { Stack = "@target@" })

  providers = {
    aws = aws
  }
}
''', target=target, i=i)


def output_block(c, i):
    name = c.app("output")
    kind = c.n(0, 2)
    if kind == 0:
        return fill('''output "@name@_service_names" {
  description = "Names of the ECS services."
  value       = aws_ecs_service.@name@[*].name
}
''', name=name)
    if kind == 1:
        return fill('''output "@name@_task_definition_arns" {
  value = { for k, td in aws_ecs_task_definition.@name@ : k => td.arn }
}
''', name=name)
    return fill('''output "@name@_secret_arn" {
  value     = try(aws_secretsmanager_secret.@name@.arn, "")
  sensitive = true
}
''', name=name)


def comment_banner(c, title):
    return "\n" + "#" * 20 + "\n# " + title + "\n" + "#" * 20 + "\n\n"


def user_data_tftpl(c):
    return '''#!/bin/bash
cat <<'CONF' >> /etc/ecs/ecs.config
ECS_CLUSTER=${cluster_name}
%{ for k, v in extra_config ~}
${k}=${v}
%{ endfor ~}
CONF
'''


def tf_json(c, i):
    name = "json_%s_%d" % (c.svc(), i)
    doc = {
        "//": "Generated by a deployment pipeline; do not edit by hand.",
        "variable": {
            "%s_desired_count" % name: {"type": "number", "default": c.n(1, 8)},
            "%s_image" % name: {"type": "string", "default": "nginx:1.25"},
        },
        "locals": {
            "%s_labels" % name: {"team": c.pick(["platform", "payments", "growth"]), "tier": "backend"},
        },
        "resource": {
            "aws_cloudwatch_log_group": {
                name: {"name": "/ecs/${var.environment}/%s" % name,
                       "retention_in_days": "${var.log_retention_days}",
                       "tags": "${local.common_tags}"},
            },
            "aws_ssm_parameter": {
                "%s_p%d" % (name, k): {
                    "name": "/${var.environment}/%s/param_%d" % (name, k),
                    "type": "String",
                    "value": "value-%d" % c.n(0, 99999),
                    "lifecycle": [{"ignore_changes": ["value"]}],
                } for k in range(c.n(5, 40))
            },
        },
        "output": {
            "%s_log_group" % name: {"value": "${aws_cloudwatch_log_group.%s.name}" % name},
        },
    }
    return json.dumps(doc, indent=2) + "\n"


def task_def_json(c, i):
    name = "%s-%d" % (c.svc(), i)
    containers = []
    for k in range(c.n(1, 3)):
        cname = name if k == 0 else "sidecar-%d" % k
        containers.append({
            "name": cname,
            "image": "%d.dkr.ecr.%s.amazonaws.com/%s:%s" % (c.n(10 ** 11, 10 ** 12 - 1), c.pick(REGIONS), name, "v1.%d" % c.n(0, 99)),
            "cpu": c.pick([128, 256, 512]),
            "memory": c.pick([256, 512, 1024]),
            "essential": k == 0,
            "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"}] if k == 0 else [],
            "environment": [{"name": e, "value": str(c.n(0, 1000))} for e in c.rng.sample(ENV_KEYS, c.n(2, 12))],
            "secrets": [{"name": s, "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:%s/app-AbCdEf:%s::" % (name, s.lower())}
                        for s in c.rng.sample(SECRET_KEYS, c.n(0, 4))],
            "logConfiguration": {"logDriver": "awslogs", "options": {
                "awslogs-group": "/ecs/%s" % name, "awslogs-region": "eu-west-1", "awslogs-stream-prefix": cname}},
            "healthCheck": {"command": ["CMD-SHELL", "wget -qO- http://localhost:8080/health || exit 1"],
                            "interval": 30, "timeout": 5, "retries": 3},
        })
    doc = {
        "family": name,
        "networkMode": "awsvpc",
        "requiresCompatibilities": ["FARGATE"],
        "cpu": "512",
        "memory": "1024",
        "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
        "taskRoleArn": "arn:aws:iam::123456789012:role/%s-task" % name,
        "containerDefinitions": containers,
        "volumes": [],
        "tags": [{"key": "service", "value": name}],
    }
    return json.dumps(doc, indent=2) + "\n"


def tfvars(c, env):
    lines = ['environment = "%s"' % env, 'region      = "%s"' % c.pick(REGIONS), ""]
    for s in c.rng.sample(SERVICES, 4):
        lines.append('%s_image_tag = "v%d.%d.%d"' % (s, c.n(0, 3), c.n(0, 40), c.n(0, 9)))
    lines += ["", "services = {"]
    for s in c.rng.sample(SERVICES, 3):
        lines += ["  %s = {" % s,
                  '    image         = "%s"' % c.pick(IMAGES),
                  "    desired_count = %d" % c.n(1, 6),
                  "    public        = %s" % c.pick(["true", "false"]),
                  "  }"]
    lines += ["}", ""]
    return "\n".join(lines)

# -------------------------------------------------------------- file plans

def grow(c, header, makers, target):
    """Append blocks from makers (round-robin-ish, seeded) until >= target bytes."""
    parts = [header]
    size = len(header)
    i = 0
    while size < target or i == 0:
        block = c.rng.choice(makers)(c, i)
        parts.append(block + "\n")
        size += len(block) + 1
        i += 1
    return "".join(parts)


def log_uniform(rng, lo, hi):
    import math
    return int(math.exp(rng.uniform(math.log(lo), math.log(hi))))


IAM_HEADER = """data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = "${local.name_prefix}-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role" "task" {
  name               = "${local.name_prefix}-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

"""

SECURITY_GROUPS_HEADER = """resource "aws_security_group" "service" {
  name        = "${local.name_prefix}-service"
  description = "Shared by the module's ECS services"
  vpc_id      = var.vpc_id

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = local.common_tags
}

"""

CLUSTER_HEADER = """resource "aws_cloudwatch_log_group" "exec" {
  name              = "/ecs/${var.environment}/exec"
  retention_in_days = var.log_retention_days
}

data "aws_ssm_parameter" "ecs_ami" {
  name = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
}

data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]

  filter {
    name   = "name"
    values = ["al2023-ami-*-x86_64"]
  }
}

"""


def locals_header(c):
    return fill('''locals {
  name_prefix = "${var.environment}-@module@"
  common_tags = merge(var.tags, {
    Module      = "@module@"
    Environment = var.environment
  })
  extra_environment = [
    { name = "DEPLOYED_BY", value = "terraform" },
    { name = "IMAGE_TAG", value = var.image_tag },
  ]
}

''', module=c.module)


def module_files(c, mod_names):
    """(relative path, text) for one module directory. variables.tf only
    holds the module's own inputs here; complete_module() adds the ones its
    other files use."""
    r = c.rng
    files = [("versions.tf", versions_tf(c))]
    if r.random() < 0.4:
        files.append(("providers.tf", providers_tf(c)))
    files.append(("variables.tf", grow(c, comment_banner(c, "Inputs"), [variable_block], log_uniform(r, 1500, 20000))))
    files.append(("locals.tf", grow(c, locals_header(c), [locals_block], log_uniform(r, 1000, 8000))))
    files.append(("ecs.tf", grow(c, "", [task_definition, task_definition, ecs_service], log_uniform(r, 4000, 40000))))
    files.append(("iam.tf", grow(c, IAM_HEADER, [iam_block], log_uniform(r, 2000, 20000))))
    files.append(("security_groups.tf", grow(c, SECURITY_GROUPS_HEADER, [security_group], log_uniform(r, 1000, 10000))))
    if r.random() < 0.6:
        files.append(("alb.tf", grow(c, "", [alb_block], log_uniform(r, 1500, 15000))))
    if r.random() < 0.5:
        files.append(("autoscaling.tf", grow(c, "", [autoscaling_block], log_uniform(r, 1500, 12000))))
    if r.random() < 0.35:
        files.append(("cluster.tf", grow(c, CLUSTER_HEADER, [cluster_block], log_uniform(r, 2500, 15000))))
        files.append(("templates/user_data.sh.tftpl", user_data_tftpl(c)))
    files.append(("outputs.tf", grow(c, "", [output_block], log_uniform(r, 300, 4000))))
    if r.random() < 0.15:
        files.append(("logging.tf.json", tf_json(c, r.randint(0, 99))))
    if r.random() < 0.2:
        for k in range(r.randint(1, 3)):
            files.append(("task-definitions/%s.json" % c.svc(), task_def_json(c, k)))
    return complete_module(c, files)

# ------------------------------------------------- declaring what is used

# The inputs a module's blocks read, as a module author would declare them:
# (type, default); None: required, so a caller (or nothing: unknown) sets it.
MODULE_INPUTS = {
    "account_id": ("string", None),
    "alarm_sns_topic_arn": ("string", '""'),
    "alb_arn_suffix": ("string", None),
    "alb_security_group_id": ("string", None),
    "capacity_provider_strategy": ("list(object({ capacity_provider = string, weight = number, base = optional(number) }))",
                                   '[{ capacity_provider = "FARGATE_SPOT", weight = 1 }]'),
    "cluster_arn": ("string", None),
    "cluster_name": ("string", '"main"'),
    "desired_count": ("number", "2"),
    "ecr_repository_arns": ("list(string)", "[]"),
    "ecr_repository_url": ("string", '"123456789012.dkr.ecr.eu-west-1.amazonaws.com/app"'),
    "ecs_agent_config": ("map(string)", '{ ECS_ENABLE_CONTAINER_METADATA = "true" }'),
    "efs_access_point_id": ("string", "null"),
    "efs_file_system_id": ("string", "null"),
    "enable_autoscaling": ("bool", "true"),
    "enable_bastion": ("bool", "false"),
    "enable_service": ("bool", "true"),
    "enable_spot_draining": ("bool", "true"),
    "enable_xray": ("bool", "false"),
    "environment": ("string", None),
    "extra_secret_arns": ("list(string)", "[]"),
    "extra_security_group_ids": ("list(string)", "[]"),
    "host_headers": ("list(string)", "[]"),
    "https_listener_arn": ("string", None),
    "image_tag": ("string", '"latest"'),
    "ingress_rules": ("list(object({ description = string, from_port = number, to_port = number, protocol = string, cidr_blocks = list(string) }))", "[]"),
    "instance_type": ("string", '"t3.medium"'),
    "kms_key_arn": ("string", "null"),
    "log_retention_days": ("number", "30"),
    "managed_policy_arns": ("list(string)", "[]"),
    "max_capacity": ("number", "4"),
    "min_capacity": ("number", "1"),
    "peer_security_group_ids": ("list(string)", "[]"),
    "private_subnet_ids": ("list(string)", None),
    "region": ("string", '"eu-west-1"'),
    "secret_keys": ("list(string)", '["db_password", "api_key"]'),
    "services": ("any", "{}"),
    "subnet_ids": ("list(string)", "[]"),
    "tags": ("map(string)", "{}"),
    "use_capacity_providers": ("bool", "false"),
    "vpc_cidr": ("string", '"10.0.0.0/16"'),
    "vpc_id": ("string", None),
}
# What every module accepts, used or not: the arguments env stacks pass.
MODULE_CALL_INPUTS = ["environment", "region", "vpc_id", "private_subnet_ids", "cluster_arn", "image_tag",
                      "desired_count", "services", "tags"]


def module_input(name):
    if name in MODULE_INPUTS:
        return MODULE_INPUTS[name]
    if name.endswith("_environment"):   # locals_block's var.<service>_environment
        return ("map(string)", '{ LOG_LEVEL = "info", PORT = "8080" }')
    raise KeyError("generate.py: no declaration known for var.%s" % name)


def variable_decl(name, typ, default):
    body = "  type = %s\n" % typ
    if default is not None:
        body += "  default = %s\n" % default
    return 'variable "%s" {\n%s}\n' % (name, body)


REF_VAR = re.compile(r"\bvar\.([A-Za-z_][\w-]*)")
REF_LOCAL = re.compile(r"\blocal\.([A-Za-z_][\w-]*)")
REF_RESOURCE = re.compile(r"(?<![\w.])(data\.)?((?:aws|random)_[a-z0-9_]+)\.([A-Za-z_][\w-]*)")
REF_MODULE = re.compile(r"(?<![\w.])module\.([A-Za-z_][\w-]*)")


def declarations(files):
    """What the Terraform files of one directory declare: variables, locals,
    '[data.]type.name' of resources, module calls."""
    out = {"var": set(), "local": set(), "resource": set(), "module": set()}
    for rel, text in files:
        if "/" in rel:
            continue
        if rel.endswith(".tf.json"):
            doc = json.loads(text)
            out["var"] |= set(doc.get("variable", {}))
            out["local"] |= set(doc.get("locals", {}))
            for t, blocks in doc.get("resource", {}).items():
                out["resource"] |= {"%s.%s" % (t, n) for n in blocks}
        elif rel.endswith(".tf"):
            out["var"] |= set(re.findall(r'^variable "([\w-]+)"', text, re.M))
            out["module"] |= set(re.findall(r'^module "([\w-]+)"', text, re.M))
            out["resource"] |= {"%s.%s" % m for m in re.findall(r'^resource "(\w+)" "([\w-]+)"', text, re.M)}
            out["resource"] |= {"data.%s.%s" % m for m in re.findall(r'^data "(\w+)" "([\w-]+)"', text, re.M)}
            for body in re.findall(r"^locals \{\n(.*?)^\}", text, re.M | re.S):
                out["local"] |= set(re.findall(r"^  ([A-Za-z_][\w-]*)\s*=", body, re.M))
    return out


def references(files):
    out = {"var": set(), "local": set(), "resource": set(), "module": set()}
    for rel, text in files:
        if "/" in rel or not (rel.endswith(".tf") or rel.endswith(".tf.json")):
            continue
        out["var"] |= set(REF_VAR.findall(text))
        out["local"] |= set(REF_LOCAL.findall(text))
        out["resource"] |= {"%s%s.%s" % m for m in REF_RESOURCE.findall(text)}
        out["module"] |= set(REF_MODULE.findall(text))
    return out


def undeclared(files):
    decl, refs = declarations(files), references(files)
    return {k: sorted(refs[k] - decl[k]) for k in refs}


def check_declared(files, where):
    """Stops the generator when a file of `where` refers to something no file declares."""
    left = undeclared(files)
    if any(left.values()):
        raise KeyError("generate.py: %s uses undeclared %s" % (where, left))


def stub_resource(c, ref):
    """A small declaration of a resource the module's blocks refer to but
    none of them made (the service numbered 7 of a module with 5 target
    groups)."""
    parts = ref.split(".")
    data = parts[0] == "data"
    typ, name = parts[-2], parts[-1]
    if data:
        raise KeyError("generate.py: no stub for %s" % ref)
    bodies = {
        "aws_lb_target_group": '  name_prefix = "%s"\n  port        = 8080\n  protocol    = "HTTP"\n  target_type = "ip"\n  vpc_id      = var.vpc_id\n' % name[:5].replace("_", "x"),
        "aws_lb_listener_rule": '  listener_arn = var.https_listener_arn\n  priority     = %d\n\n  action {\n    type             = "forward"\n    target_group_arn = aws_lb_target_group.%s.arn\n  }\n\n  condition {\n    path_pattern {\n      values = ["/%s/*"]\n    }\n  }\n' % (c.n(1, 49999), name, name.split("_")[0]),
        "aws_ecs_task_definition": '  family                   = "${local.name_prefix}-%s"\n  requires_compatibilities = ["FARGATE"]\n  network_mode             = "awsvpc"\n  cpu                      = 256\n  memory                   = 512\n  execution_role_arn       = aws_iam_role.execution.arn\n\n  container_definitions = jsonencode([\n    {\n      name         = "%s"\n      image        = "${var.ecr_repository_url}:${var.image_tag}"\n      essential    = true\n      portMappings = [{ containerPort = 8080, protocol = "tcp" }]\n      environment  = local.extra_environment\n    },\n  ])\n' % (name, name),
        "aws_ecs_service": '  count = var.enable_service ? 1 : 0\n\n  name            = "${local.name_prefix}-%s"\n  cluster         = var.cluster_arn\n  task_definition = aws_ecs_task_definition.%s.arn\n  desired_count   = var.desired_count\n  launch_type     = "FARGATE"\n\n  network_configuration {\n    subnets         = var.private_subnet_ids\n    security_groups = [aws_security_group.service.id]\n  }\n' % (name, name),
        "aws_secretsmanager_secret": '  name = "${var.environment}/%s"\n' % name,
        "aws_cloudwatch_log_group": '  name              = "/ecs/${var.environment}/%s"\n  retention_in_days = var.log_retention_days\n' % name,
        "aws_s3_bucket": '  bucket = "${local.name_prefix}-%s"\n  tags   = local.common_tags\n' % name.replace("_", "-"),
        "aws_sqs_queue": '  name                      = "${local.name_prefix}-%s"\n  message_retention_seconds = 345600\n' % name,
        "aws_subnet": '  count             = 2\n  vpc_id            = var.vpc_id\n  cidr_block        = cidrsubnet(var.vpc_cidr, 8, count.index)\n  availability_zone = "${var.region}${["a", "b"][count.index]}"\n',
        "aws_appautoscaling_target": '  max_capacity       = var.max_capacity\n  min_capacity       = var.min_capacity\n  resource_id        = "service/${var.cluster_name}/%s"\n  scalable_dimension = "ecs:service:DesiredCount"\n  service_namespace  = "ecs"\n' % name,
    }
    if typ not in bodies:
        raise KeyError("generate.py: no stub for %s" % ref)
    return 'resource "%s" "%s" {\n%s}\n' % (typ, name, bodies[typ])


def complete_module(c, files):
    """Declares what the module's files use and do not declare, as a
    consistent module would: stubs for the resources (in shared.tf, until
    nothing new is referred to), then the inputs (in variables.tf)."""
    stubs = []
    while True:
        missing = undeclared(files + [("shared.tf", "\n".join(stubs))])
        if not missing["resource"]:
            break
        stubs += [stub_resource(c, ref) for ref in missing["resource"]]
    if stubs:
        files.append(("shared.tf", "\n".join(stubs)))
    inputs = sorted(set(missing["var"]) | (set(MODULE_CALL_INPUTS) - declarations(files)["var"]))
    decls = "".join("\n" + variable_decl(v, *module_input(v)) for v in inputs)
    files = [(rel, text + decls if rel == "variables.tf" else text) for rel, text in files]
    check_declared(files, "module " + c.module)
    return files


def network_files(c):
    """The module env stacks take their VPC from."""
    return [
        ("variables.tf", variable_decl("environment", "string", None) + "\n"
         + variable_decl("vpc_cidr", "string", '"10.%d.0.0/16"' % c.n(0, 250)) + "\n"
         + variable_decl("availability_zones", "list(string)", '["%sa", "%sb", "%sc"]' % ((c.pick(REGIONS),) * 3)) + "\n"
         + variable_decl("tags", "map(string)", "{}")),
        ("main.tf", '''resource "aws_vpc" "this" {
  cidr_block           = var.vpc_cidr
  enable_dns_hostnames = true
  tags                 = merge(var.tags, { Name = "${var.environment}-vpc" })
}

resource "aws_subnet" "private" {
  count             = length(var.availability_zones)
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(var.vpc_cidr, 4, count.index)
  availability_zone = var.availability_zones[count.index]
  tags              = merge(var.tags, { Name = "${var.environment}-private-${count.index}" })
}
'''),
        ("outputs.tf", '''output "vpc_id" {
  value = aws_vpc.this.id
}

output "private_subnet_ids" {
  value = aws_subnet.private[*].id
}
'''),
    ]


def services_default(c):
    items = []
    for s in c.rng.sample(SERVICES, c.n(1, 3)):
        items.append('    { name = "%s", enabled = %s, image_tag = "v1.%d.%d", desired_count = %d },'
                     % (s, c.pick(["true", "true", "false"]), c.n(0, 40), c.n(0, 9), c.n(1, 4)))
    return "[\n" + "\n".join(items) + "\n  ]"


def env_files(c, env, mod_names):
    header = fill('''locals {
  common_tags = {
    Environment = "@env@"
    Owner       = "platform-team"
  }
}

resource "aws_ecs_cluster" "main" {
  name = "@env@-main"
}

module "network" {
  source      = "../../modules/network"
  environment = var.environment
  tags        = local.common_tags
}

''', env=env)
    main = grow(c, header, [lambda cc, i: module_call(cc, i, mod_names)], log_uniform(c.rng, 2000, 12000))
    tfvars_text = tfvars(c, env)
    # The stack's inputs: those terraform.tfvars sets and the service lists
    # its module calls iterate.
    decls = [variable_decl("environment", "string", None), variable_decl("region", "string", '"eu-west-1"'),
             variable_decl("services", "map(object({ image = string, desired_count = number, public = bool }))", "{}")]
    for name in sorted(set(re.findall(r"^(\w+_image_tag) =", tfvars_text, re.M))):
        decls.append(variable_decl(name, "string", '"latest"'))
    obj = "list(object({ name = string, enabled = bool, image_tag = string, desired_count = number }))"
    for name in sorted(set(REF_VAR.findall(main)) - {"environment", "region"}):
        decls.append(variable_decl(name, obj, services_default(c)))
    files = [("main.tf", main), ("variables.tf", "\n".join(decls)), ("terraform.tfvars", tfvars_text),
             ("versions.tf", versions_tf(c))]
    check_declared(files, "env " + env)
    return files


def generate(out, target_bytes, max_files, seed):
    rng = random.Random(seed)
    total = 0
    count = 0
    repo = 0
    written = []

    def done():
        if max_files is not None:
            return count >= max_files
        return total >= target_bytes

    while not done():
        repo += 1
        repo_dir = os.path.join(out, "repo%03d" % repo)
        # Each repository is a project of its own, as a checkout with its
        # licence is (100 of the 101 corpus repositories carry one).
        os.makedirs(repo_dir, exist_ok=True)
        with open(os.path.join(repo_dir, "LICENSE"), "w") as f:
            f.write("MIT License\n\nCopyright (c) %d Example Org\n" % (2015 + repo % 10))
        n_mods = rng.randint(4, 20)
        mod_names = ["%s-%s" % (rng.choice(SERVICES), rng.choice(["service", "stack", "app", "task"])) + str(k)
                     for k in range(n_mods)]
        units = [("modules/" + m, "module", m) for m in mod_names]
        units += [("modules/network", "network", "network")]
        units += [("envs/" + e, "env", e) for e in rng.sample(ENVS, rng.randint(1, 3))]
        for rel_dir, kind, name in units:
            if done():
                break
            c = Ctx(rng, name, rng.sample(SERVICES, 5))
            if kind == "module":
                files = module_files(c, mod_names)
            elif kind == "network":
                files = network_files(c)
            else:
                files = env_files(c, name, mod_names)
            for rel, text in files:
                if done():
                    break
                path = os.path.join(repo_dir, rel_dir, rel)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                data = text.encode()
                with open(path, "wb") as f:
                    f.write(data)
                total += len(data)
                count += 1
                written.append(path)
    return count, total, written


def verify(out, written, oracle):
    """Parse everything with hcloracle; .json task definitions are passed explicitly
    (hcloracle only walks .tf/.hcl/.tfvars and their .json forms)."""
    extra = [p for p in written if p.endswith(".json") and not p.endswith(".tf.json")]
    for p in extra:
        with open(p) as f:
            json.load(f)
    proc = subprocess.run([oracle, "-q", out] + extra, capture_output=True, text=True)
    total = [l for l in proc.stdout.splitlines() if l.startswith("TOTAL ")]
    if proc.returncode != 0 or not total or " err=0 " not in total[-1]:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-2000:])
        return False, total[-1] if total else "(no TOTAL line)"
    return True, total[-1]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--size", type=parse_size, help="target total bytes: 500KB, 10MB, 100MB, 1GB")
    g.add_argument("--files", type=int, help="exact number of files instead of a size")
    ap.add_argument("--out", required=True, help="output directory (replaced if it exists)")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--verify", metavar="HCLORACLE", help="parse the result with hcloracle; exit 1 on any error")
    a = ap.parse_args()

    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    os.makedirs(a.out)
    count, total, written = generate(a.out, a.size, a.files, a.seed)
    kinds = {}
    for p in written:
        ext = ".tf.json" if p.endswith(".tf.json") else os.path.splitext(p)[1]
        kinds[ext] = kinds.get(ext, 0) + 1
    summary = "generated files=%d bytes=%d seed=%d kinds=%s" % (
        count, total, a.seed, ",".join("%s:%d" % kv for kv in sorted(kinds.items())))
    print(summary)
    if a.verify:
        ok, line = verify(a.out, written, a.verify)
        print("verify: " + ("OK " if ok else "FAILED ") + line)
        if not ok:
            return 1
    with open(os.path.join(a.out, ".generated"), "w") as f:
        f.write(summary + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
