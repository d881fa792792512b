#include "rules/env/env_parity.h"

#include <gtest/gtest.h>

namespace ecslint::rules {
namespace {

TEST(EnvParity, LocalOnlyVariables) {
  for (std::string_view name : {"COMPOSE_PROJECT_NAME", "DOCKER_BUILDKIT", "DEBUG", "FLASK_DEBUG", "CHOKIDAR_USEPOLLING",
                                "UID", "PGID", "LOCALSTACK_HOST", "WATCHPACK_POLLING"})
    EXPECT_TRUE(is_local_only_variable(name)) << name;
  for (std::string_view name : {"DATABASE_URL", "DEBUGGER_URL", "CACHE_TTL", "LOG_LEVEL", "USER_AGENT", "LOCALE"})
    EXPECT_FALSE(is_local_only_variable(name)) << name;
}

TEST(EnvParity, ProductionEnvFilesAreNotLocal) {
  EXPECT_TRUE(is_production_env_file("web/.env.production"));
  EXPECT_TRUE(is_production_env_file(".env.prod"));
  EXPECT_FALSE(is_production_env_file("web/.env"));
  EXPECT_FALSE(is_production_env_file("web/.env.example"));
  EXPECT_FALSE(is_production_env_file("docker-compose.yml"));
}

}  // namespace
}  // namespace ecslint::rules
