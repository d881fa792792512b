#include "analyzer/contracts/env_scan.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

namespace ecslint::contracts {
namespace {

using enum ReadKind;

std::string fixture(std::string_view relative) {
  std::string path = std::string(ECSLINT_SOURCE_DIR) + "/fixtures/contracts/scanners/" + std::string(relative);
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "missing fixture " << path;
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct Want {
  std::string name;
  ReadKind kind;
  uint32_t line, column;
};

std::string describe(const std::vector<EnvRead>& reads) {
  std::string out;
  for (const EnvRead& r : reads)
    out += "  " + r.name + " " + std::string(read_kind_name(r.kind)) + " " + std::to_string(r.line) + ":" +
           std::to_string(r.column) + " [" + std::string(r.how) + "]\n";
  return out;
}

// Exact list, in file order, with kind and position.
void expect_reads(const std::vector<EnvRead>& got, const std::vector<Want>& want) {
  ASSERT_EQ(got.size(), want.size()) << describe(got);
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(want[i].name);
    EXPECT_EQ(got[i].name, want[i].name) << describe(got);
    EXPECT_EQ(got[i].kind, want[i].kind) << describe(got);
    EXPECT_EQ(got[i].line, want[i].line);
    EXPECT_EQ(got[i].column, want[i].column);
  }
}

// For idioms that name the variable literally, the byte range is the name.
void expect_ranges_name_the_variable(const std::vector<EnvRead>& reads, std::string_view text) {
  for (const EnvRead& r : reads) EXPECT_EQ(text.substr(r.begin, r.end - r.begin), r.name);
}

std::vector<EnvRead> scan(SourceLanguage lang, std::string_view text) { return scan_env_reads(lang, text); }

std::vector<std::string> names(const std::vector<EnvRead>& reads) {
  std::vector<std::string> out;
  for (const EnvRead& r : reads) out.push_back(r.name);
  return out;
}

using Names = std::vector<std::string>;

// ---- paths and platform ------------------------------------------------------

TEST(EnvScanPaths, LanguageForPath) {
  using enum SourceLanguage;
  EXPECT_EQ(language_for_path("app/settings.py"), Python);
  EXPECT_EQ(language_for_path("src/index.mjs"), JavaScript);
  EXPECT_EQ(language_for_path("src/index.cjs"), JavaScript);
  EXPECT_EQ(language_for_path("src/App.jsx"), JavaScript);
  EXPECT_EQ(language_for_path("src/config.ts"), TypeScript);
  EXPECT_EQ(language_for_path("src/App.tsx"), TypeScript);
  EXPECT_EQ(language_for_path("cmd/main.go"), Go);
  EXPECT_EQ(language_for_path("src/main/java/App.java"), Java);
  EXPECT_EQ(language_for_path("App.kt"), Kotlin);
  EXPECT_EQ(language_for_path("config/app.rb"), Ruby);
  EXPECT_EQ(language_for_path("src/main.rs"), Rust);
  EXPECT_EQ(language_for_path("Program.cs"), CSharp);
  EXPECT_EQ(language_for_path("bin/run.sh"), Shell);
  EXPECT_EQ(language_for_path("scripts/setup.bash"), Shell);
  EXPECT_EQ(language_for_path("docker/entrypoint"), Shell);
  EXPECT_EQ(language_for_path("docker-entrypoint.sh"), Shell);
  EXPECT_EQ(language_for_path("Dockerfile"), Dockerfile);
  EXPECT_EQ(language_for_path("build/Dockerfile.prod"), Dockerfile);
  EXPECT_EQ(language_for_path("api.dockerfile"), Dockerfile);
  EXPECT_EQ(language_for_path("src/main/resources/application.yml"), SpringConfig);
  EXPECT_EQ(language_for_path("application-prod.yaml"), SpringConfig);
  EXPECT_EQ(language_for_path("application.properties"), SpringConfig);
  EXPECT_EQ(language_for_path(".env"), DotEnv);
  EXPECT_EQ(language_for_path("svc/.env.example"), DotEnv);
  EXPECT_EQ(language_for_path(".env.sample"), DotEnv);
  EXPECT_EQ(language_for_path("README.md"), Unknown);
  EXPECT_EQ(language_for_path("values.yml"), Unknown);
  EXPECT_EQ(language_for_path("C:\\repo\\Settings.PY"), Python);
}

TEST(EnvScanPaths, PlatformInjected) {
  for (std::string_view name : {"ECS_CONTAINER_METADATA_URI", "ECS_CONTAINER_METADATA_URI_V4", "ECS_AGENT_URI",
                                "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_EXECUTION_ENV",
                                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "HOSTNAME", "HOME", "PATH", "PWD", "USER",
                                "SHELL", "LANG", "TERM"})
    EXPECT_TRUE(is_platform_injected(name)) << name;
  for (std::string_view name : {"TZ", "NODE_ENV", "PYTHONPATH", "DATABASE_URL", "aws_region", "AWS_ACCESS_KEY_ID"})
    EXPECT_FALSE(is_platform_injected(name)) << name;
}

// ---- Python ----------------------------------------------------------------------

TEST(EnvScanPython, ConfigLoaderFixture) {
  std::string text = fixture("python/config_loader.py");
  EnvScan result = scan_env(SourceLanguage::Python, text);
  expect_reads(result.reads, {
                                 {"DATABASE_URL", Required, 11, 28},
                                 {"REDIS_URL", Optional, 12, 29},
                                 {"HTTP_TIMEOUT", Optional, 13, 26},
                                 {"FEATURE_FLAG", Optional, 14, 22},
                                 {"BROKER_URL", Optional, 16, 6},  // multi-line call
                                 {"QUEUE_NAME", Required, 19, 18},  // from os import environ
                                 {"AWS_REGION", Optional, 20, 14},  // from os import getenv as ge
                                 {"API_TOKEN", Required, 21, 35},   // import os as operating_system
                                 {"GREETING_NAME", Required, 22, 33},  // inside an f-string field
                                 {"DJANGO_SETTINGS_MODULE", Optional, 23, 24},
                                 {"ENABLE_TRACING", Optional, 25, 5},  // "X" in os.environ
                             });
  expect_ranges_name_the_variable(result.reads, text);
  EXPECT_TRUE(result.dynamic_reads);  // os.environ[name]
}

TEST(EnvScanPython, CommentsStringsAndDocstringsDoNotCount) {
  std::string text =
      "import os\n"
      "# os.environ['A']\n"
      "x = \"os.environ['B']\"\n"
      "y = '''\nos.getenv(\"C\")\n'''\n"
      "z = r'os.environ[\"D\"]'\n"
      "w = b\"os.environ['E']\"\n"
      "def f():\n    \"\"\"Reads os.environ['F'].\"\"\"\n    return 1\n";
  EnvScan result = scan_env(SourceLanguage::Python, text);
  EXPECT_TRUE(result.reads.empty()) << describe(result.reads);
  EXPECT_FALSE(result.dynamic_reads);
}

TEST(EnvScanPython, FStringLiteralPartIsNotARead) {
  auto reads = scan(SourceLanguage::Python, "import os\ns = f\"os.environ['NO'] {os.getenv('YES')} {{os.environ['NO2']}}\"\n");
  EXPECT_EQ(names(reads), Names{"YES"});
}

TEST(EnvScanPython, WritesAndDeletesAreNotReads) {
  auto reads = scan(SourceLanguage::Python,
                    "import os\nos.environ['A'] = '1'\ndel os.environ['B']\nif os.environ['C'] == 'x': pass\n");
  EXPECT_EQ(names(reads), Names{"C"});
}

TEST(EnvScanPython, DynamicReadsAreFlaggedNotReported) {
  for (std::string_view text :
       {"import os\nv = os.environ[name]\n", "import os\nv = os.getenv(f'{prefix}_URL')\n",
        "import os\nenv = dict(os.environ)\n", "import os\nsubprocess.run(cmd, env=os.environ)\n",
        "import os\ncopy = os.environ.copy()\n", "import os\nfor k in os.environ:\n    pass\n"}) {
    EnvScan result = scan_env(SourceLanguage::Python, text);
    EXPECT_TRUE(result.reads.empty()) << text;
    EXPECT_TRUE(result.dynamic_reads) << text;
  }
  EnvScan alias = scan_env(SourceLanguage::Python, "import os\nenv = os.environ\nx = env['A']\ny = env.get('B')\n");
  EXPECT_FALSE(alias.dynamic_reads);
  expect_reads(alias.reads, {{"A", Required, 3, 10}, {"B", Optional, 4, 14}});
}

TEST(EnvScanPython, ParenthesisedFromImport) {
  auto reads = scan(SourceLanguage::Python, "from os import (\n    environ as E,\n    getenv,\n)\nE['A']\ngetenv('B')\n");
  expect_reads(reads, {{"A", Required, 5, 4}, {"B", Optional, 6, 9}});
}

TEST(EnvScanPython, OtherModulesEnvironIsIgnored) {
  auto reads = scan(SourceLanguage::Python, "import os\nx = self.environ['A']\ny = request.environ.get('B')\n");
  EXPECT_TRUE(reads.empty()) << describe(reads);
}

TEST(EnvScanPython, DjangoEnviron) {
  std::string text = fixture("python/django_settings.py");
  auto reads = scan(SourceLanguage::Python, text);
  expect_reads(reads, {
                          {"DEBUG", Optional, 10, 14},  // Env(DEBUG=(bool, False)) gives a default
                          {"SECRET_KEY", Required, 11, 19},
                          {"CACHE_TTL", Required, 12, 18},  // CACHE_TTL=int: a cast, no default
                          {"DATABASE_URL", Required, 13, 33},
                          {"EMAIL_HOST", Optional, 14, 18},
                          {"WORKERS", Optional, 15, 20},
                          {"CELERY_BROKER_URL", Optional, 17, 6},
                      });
  expect_ranges_name_the_variable(reads, text);
}

TEST(EnvScanPython, Decouple) {
  auto reads = scan(SourceLanguage::Python, fixture("python/decouple_settings.py"));
  expect_reads(reads, {
                          {"SECRET_KEY", Required, 3, 22},
                          {"DEBUG", Optional, 4, 17},
                          {"PORT", Required, 5, 16},  // cast= is not a default
                          {"ALLOWED_HOSTS", Optional, 6, 17},
                      });
}

TEST(EnvScanPython, EnvCallWithoutDjangoEnvironIsNotARead) {
  EXPECT_TRUE(scan(SourceLanguage::Python, "def env(x): return x\nenv('A')\nconfig('B')\n").empty());
}

TEST(EnvScanPython, ColumnsCountCodePoints) {
  auto reads = scan(SourceLanguage::Python, "import os\nx = \"\xC3\xA9\xE2\x82\xAC\"; y = os.environ[\"A\"]\n");
  expect_reads(reads, {{"A", Required, 2, 27}});  // é and € are one column each
}

// ---- pydantic-settings (the seed scenario) ------------------------------------------

TEST(EnvScanPydantic, V2SeedSettingsWithoutPrefix) {
  std::string text = fixture("python/settings_v2.py");
  EnvScan result = scan_env(SourceLanguage::Python, text);
  expect_reads(result.reads, {
                                 {"DATABASE_URL", Required, 12, 5},
                                 {"REDIS_URL", Required, 13, 5},
                                 {"CHROMA_URL", Required, 14, 5},
                                 {"OLLAMA_BASE_URL", Optional, 15, 5},
                                 {"API_KEY", Required, 16, 5},  // SecretStr is a field like any other
                                 {"LOG_LEVEL", Optional, 17, 5},
                                 {"WORKER_COUNT", Optional, 18, 5},
                                 {"SENTRY_DSN", Optional, 19, 5},
                                 {"OPENAI_KEY", Required, 20, 5},  // v2: `str | None` without default
                             });
  EXPECT_FALSE(result.dynamic_reads);
  // The range covers the field name.
  EXPECT_EQ(text.substr(result.reads[0].begin, result.reads[0].end - result.reads[0].begin), "database_url");
}

TEST(EnvScanPydantic, V2PrefixAliasesAndClassKeywords) {
  std::string text = fixture("python/settings_v2_prefix.py");
  auto reads = scan(SourceLanguage::Python, text);
  expect_reads(reads, {
                          {"APP_DATABASE_URL", Required, 8, 5},  // env_prefix set after the fields
                          {"APP_REDIS_URL", Required, 9, 5},
                          {"APP_CHROMA_URL", Required, 10, 5},
                          {"APP_OLLAMA_BASE_URL", Optional, 11, 5},
                          {"APP_SQL_ECHO", Optional, 12, 5},
                          {"SQS_QUEUE_URL", Required, 13, 40},  // alias ignores env_prefix; ... is required
                          {"S3_BUCKET", Required, 14, 52},      // Annotated[..., Field(validation_alias=)]
                          {"APP_REGION", Optional, 17, 40},     // AliasChoices: any one will do
                          {"AWS_REGION", Optional, 17, 54},
                          {"worker_concurrency", Required, 28, 5},  // case_sensitive=True keeps case
                          {"worker_Poll_Interval", Optional, 29, 5},
                      });
}

TEST(EnvScanPydantic, V1ConfigClassPrefixAndImplicitOptional) {
  auto reads = scan(SourceLanguage::Python, fixture("python/settings_v1.py"));
  expect_reads(reads, {
                          {"SVC_DATABASE_URL", Required, 7, 5},
                          {"SVC_REDIS_URL", Required, 8, 5},
                          {"SVC_CHROMA_URL", Required, 9, 5},
                          {"SVC_OLLAMA_BASE_URL", Optional, 10, 5},
                          {"SVC_DEBUG", Optional, 11, 5},  // v1: Optional[...] defaults to None
                          {"DJANGO_SECRET_KEY", Required, 12, 35},  // v1 Field(env=...)
                          {"SVC_TEST_DB", Optional, 24, 5},  // subclass inherits the prefix
                          {"SVC_FIXTURE_DIR", Required, 25, 5},
                      });
}

TEST(EnvScanPydantic, SeedScenarioWithPrefixVariants) {
  std::string body =
      "    database_url: str\n"
      "    redis_url: str\n"
      "    chroma_url: str\n"
      "    ollama_base_url: str = \"http://localhost:11434\"\n";
  std::string v2 = "from pydantic_settings import BaseSettings, SettingsConfigDict\n\nclass Settings(BaseSettings):\n" +
                   body + "    model_config = SettingsConfigDict(env_prefix=\"RAG_\")\n";
  expect_reads(scan(SourceLanguage::Python, v2), {{"RAG_DATABASE_URL", Required, 4, 5},
                                                  {"RAG_REDIS_URL", Required, 5, 5},
                                                  {"RAG_CHROMA_URL", Required, 6, 5},
                                                  {"RAG_OLLAMA_BASE_URL", Optional, 7, 5}});
  std::string v2_dict = "import pydantic_settings\n\nclass Settings(pydantic_settings.BaseSettings):\n" + body +
                        "    model_config = {'env_prefix': 'rag_', 'case_sensitive': False}\n";
  EXPECT_EQ(names(scan(SourceLanguage::Python, v2_dict)),
            (Names{"RAG_DATABASE_URL", "RAG_REDIS_URL", "RAG_CHROMA_URL", "RAG_OLLAMA_BASE_URL"}));
  std::string v1 = "from pydantic import BaseSettings\n\nclass Settings(BaseSettings):\n" + body +
                   "\n    class Config:\n        env_prefix = 'RAG_'\n        case_sensitive = True\n";
  EXPECT_EQ(names(scan(SourceLanguage::Python, v1)),
            (Names{"RAG_database_url", "RAG_redis_url", "RAG_chroma_url", "RAG_ollama_base_url"}));
  std::string none = "from pydantic_settings import BaseSettings\nclass Settings(BaseSettings):\n" + body;
  EXPECT_EQ(names(scan(SourceLanguage::Python, none)),
            (Names{"DATABASE_URL", "REDIS_URL", "CHROMA_URL", "OLLAMA_BASE_URL"}));
}

TEST(EnvScanPydantic, FieldDefaultsDecideRequired) {
  std::string text =
      "from pydantic import Field\nfrom pydantic_settings import BaseSettings\n"
      "class S(BaseSettings):\n"
      "    a: str = Field(...)\n"
      "    b: str = Field('x')\n"
      "    c: str = Field(default=...)\n"
      "    d: list[str] = Field(default_factory=list)\n"
      "    e: int = Field(description='no default')\n"
      "    f: Optional[int] = None\n"
      "    g: dict[str,\n"
      "            int] = {}\n"
      "    h: ClassVar[int] = 3\n"
      "    _private: int = 0\n"
      "    class Inner:\n"
      "        nested: str\n"
      "    @property\n"
      "    def computed(self) -> str:\n"
      "        local: str = 'x'\n"
      "        return local\n"
      "    i: str\n";
  auto reads = scan(SourceLanguage::Python, text);
  expect_reads(reads, {{"A", Required, 4, 5},
                       {"B", Optional, 5, 5},
                       {"C", Required, 6, 5},
                       {"D", Optional, 7, 5},
                       {"E", Required, 8, 5},
                       {"F", Optional, 9, 5},
                       {"G", Optional, 10, 5},
                       {"I", Required, 20, 5}});
}

TEST(EnvScanPydantic, PlainModelsAreNotSettings) {
  std::string text =
      "from pydantic import BaseModel\nfrom pydantic_settings import BaseSettings\n"
      "class User(BaseModel):\n    name: str\n"
      "class Settings(BaseSettings):\n    token: str\n";
  expect_reads(scan(SourceLanguage::Python, text), {{"TOKEN", Required, 6, 5}});
}

// ---- JavaScript / TypeScript ----------------------------------------------------

TEST(EnvScanJavaScript, ConfigFixture) {
  std::string text = fixture("javascript/config.js");
  EnvScan result = scan_env(SourceLanguage::JavaScript, text);
  expect_reads(result.reads, {
                                 {"DATABASE_URL", Required, 4, 9},  // destructuring
                                 {"REDIS_URL", Optional, 4, 23},    // destructuring default
                                 {"API_KEY", Required, 4, 61},      // renamed binding
                                 {"PORT", Optional, 6, 35},         // || fallback
                                 {"LOG_LEVEL", Optional, 7, 31},    // ["X"] ?? fallback
                                 {"SENTRY_DSN", Required, 8, 28},
                                 {"API_HOST", Required, 10, 36},    // template literal ${...}
                                 {"JWT_SECRET", Required, 13, 20},  // const env = process.env
                                 {"NODE_ENV", Required, 14, 26},    // reported; the platform list decides
                                 {"QUEUE_URL", Required, 24, 6},    // split across lines
                             });
  expect_ranges_name_the_variable(result.reads, text);
  EXPECT_TRUE(result.dynamic_reads);  // process.env[key]
}

TEST(EnvScanJavaScript, TypeScriptFixture) {
  std::string text = fixture("typescript/config.ts");
  EnvScan result = scan_env(SourceLanguage::TypeScript, text);
  expect_reads(result.reads, {
                                 {"VITE_API_URL", Required, 9, 27},  // import.meta.env
                                 {"TIMEOUT_MS", Optional, 10, 25},   // import { env } from "node:process"
                                 {"DATABASE_URL", Required, 13, 42},  // non-null assertion
                                 {"AWS_REGION", Optional, 14, 36},    // (x as string) ?? d
                                 {"FEATURE_X", Required, 15, 31},     // optional chaining
                             });
  EXPECT_TRUE(result.dynamic_reads);  // { ...process.env }
}

TEST(EnvScanJavaScript, CommentsStringsRegexAndTemplatesDoNotCount) {
  std::string text =
      "// process.env.A\n/* process.env.B */\nconst s = 'process.env.C' + \"process.env.D\";\n"
      "const t = `process.env.E ${x}`;\nconst r = /process.env.F/g;\nconst q = a / b / process.env.G;\n";
  expect_reads(scan(SourceLanguage::JavaScript, text), {{"G", Required, 6, 31}});
}

TEST(EnvScanJavaScript, DestructuredProcessAndPresenceChecks) {
  std::string text =
      "const { env } = process;\nconst a = env.A;\nif ('B' in process.env) {}\n"
      "const { C, ...rest } = process.env;\nconst d = Bun.env.D;\nconst e = process.env.E ? 1 : 0;\n";
  EnvScan result = scan_env(SourceLanguage::JavaScript, text);
  expect_reads(result.reads, {{"A", Required, 2, 15},
                              {"B", Optional, 3, 6},
                              {"C", Required, 4, 9},
                              {"D", Required, 5, 19},
                              {"E", Optional, 6, 23}});
  EXPECT_TRUE(result.dynamic_reads);  // ...rest
}

TEST(EnvScanJavaScript, LookalikesAreNotReads) {
  auto reads = scan(SourceLanguage::JavaScript, "config.process.env.A;\nmyprocess.env.B;\nprocess.envelope.C;\nprocess.env.D = 1;\n");
  EXPECT_TRUE(reads.empty()) << describe(reads);
}

// ---- Go ----------------------------------------------------------------------------

TEST(EnvScanGo, ConfigStructAndCalls) {
  std::string text = fixture("go/config.go");
  EnvScan result = scan_env(SourceLanguage::Go, text);
  expect_reads(result.reads, {
                                 {"DATABASE_URL", Required, 10, 40},  // envconfig + required:"true"
                                 {"REDIS_URL", Required, 11, 34},     // env:",required"
                                 {"PORT", Optional, 12, 34},          // envDefault
                                 {"HTTP_TIMEOUT", Optional, 13, 40},  // default:
                                 {"DEBUG", Optional, 14, 34},         // plain env: tag
                                 {"AWS_REGION", Required, 22, 23},
                                 {"API_TOKEN", Optional, 23, 32},  // LookupEnv
                                 {"JWT_SECRET", Required, 27, 4},  // multi-line call
                             });
  expect_ranges_name_the_variable(result.reads, text);
  EXPECT_TRUE(result.dynamic_reads);  // os.Getenv(key)
}

TEST(EnvScanGo, ExpandEnvAndEnviron) {
  EnvScan result = scan_env(SourceLanguage::Go, "package x\nvar u = os.ExpandEnv(\"postgres://${DB_HOST}:$DB_PORT\")\nvar all = os.Environ()\n");
  EXPECT_EQ(names(result.reads), (Names{"DB_HOST", "DB_PORT"}));
  EXPECT_TRUE(result.dynamic_reads);
}

// ---- Java / Kotlin / Spring --------------------------------------------------------

TEST(EnvScanJava, AppConfig) {
  std::string text = fixture("java/AppConfig.java");
  auto reads = scan(SourceLanguage::Java, text);
  expect_reads(reads, {
                          {"DATABASE_URL", Required, 11, 55},
                          {"AWS_REGION", Optional, 12, 65},  // getenv().getOrDefault
                          {"QUEUE_URL", Optional, 13, 69},   // Optional.ofNullable(...).orElse
                          {"CACHE_TTL", Optional, 19, 15},   // @Value("${X:60}")
                          {"SMTP_HOST", Required, 22, 15},   // @Value("${X}")
                          {"API_TOKEN", Required, 27, 14},   // multi-line call
                      });
  expect_ranges_name_the_variable(reads, text);
}

TEST(EnvScanJava, Kotlin) {
  auto reads = scan(SourceLanguage::Kotlin, fixture("kotlin/Config.kt"));
  expect_reads(reads, {
                          {"DATABASE_URL", Required, 5, 46},
                          {"PORT", Optional, 6, 36},         // ?.toInt() ?: 8080
                          {"REDIS_URL", Optional, 7, 32},    // ?: default
                          {"JWT_SECRET", Required, 8, 33},   // ?: error(...) still fails
                          {"FEATURE_FLAGS", Optional, 9, 32},  // getenv()["X"] ?: ""
                          {"TEMPLATE_READ", Required, 10, 44},  // inside a string template
                      });
}

TEST(EnvScanJava, SpringYaml) {
  std::string text = fixture("spring/application.yml");
  auto reads = scan(SourceLanguage::SpringConfig, text);
  expect_reads(reads, {
                          {"DATABASE_URL", Required, 3, 12},
                          {"DB_USER", Optional, 4, 17},
                          {"DB_PASSWORD", Required, 5, 18},  // quoted value
                          {"REDIS_HOST", Optional, 8, 13},
                          {"CACHE_HOST", Optional, 8, 26},  // nested default
                          {"GREETING", Optional, 12, 21},
                      });
  expect_ranges_name_the_variable(reads, text);
}

TEST(EnvScanJava, SpringProperties) {
  expect_reads(scan(SourceLanguage::SpringConfig, fixture("spring/application.properties")),
               {{"DATABASE_URL", Required, 2, 25}, {"DB_PASSWORD", Optional, 3, 30}, {"MANAGEMENT_PORT", Optional, 4, 19}});
}

// ---- Ruby ----------------------------------------------------------------------------

TEST(EnvScanRuby, ConfigFixture) {
  std::string text = fixture("ruby/config.rb");
  EnvScan result = scan_env(SourceLanguage::Ruby, text);
  expect_reads(result.reads, {
                                 {"DATABASE_URL", Required, 9, 25},
                                 {"REDIS_URL", Required, 10, 28},  // fetch without default raises
                                 {"PORT", Optional, 11, 23},
                                 {"LOG_LEVEL", Optional, 12, 28},  // fetch with a block
                                 {"SECRET_KEY_BASE", Optional, 13, 19},  // || fallback
                                 {"INTERPOLATED", Required, 14, 51},     // #{...} in a string
                                 {"ENABLE_TRACING", Optional, 18, 25},
                             });
  expect_ranges_name_the_variable(result.reads, text);
  EXPECT_TRUE(result.dynamic_reads);  // ENV[name]
}

TEST(EnvScanRuby, FetchWithoutParentheses) {
  expect_reads(scan(SourceLanguage::Ruby, "a = ENV.fetch \"A\"\nb = ENV.fetch \"B\", nil\nc = ENV.fetch('C') do |k| k end\n"),
               {{"A", Required, 1, 16}, {"B", Optional, 2, 16}, {"C", Optional, 3, 16}});
}

// ---- Rust ------------------------------------------------------------------------------

TEST(EnvScanRust, ConfigFixture) {
  std::string text = fixture("rust/config.rs");
  auto reads = scan(SourceLanguage::Rust, text);
  expect_reads(reads, {
                          {"DATABASE_URL", Required, 12, 38},  // ?
                          {"PORT", Optional, 13, 30},          // .ok()... .unwrap_or
                          {"RUST_LOG", Optional, 17, 34},      // unwrap_or_else
                          {"API_KEY", Required, 18, 29},       // expect
                          {"CARGO_PKG_VERSION", Required, 21, 29},  // env! (compile time)
                          {"GIT_SHA", Optional, 22, 32},            // option_env!
                          {"AWS_REGION", Optional, 23, 39},         // if let Ok(..) =
                          {"AFTER_LIFETIME", Required, 32, 60},     // lifetimes are not char literals
                      });
  expect_ranges_name_the_variable(reads, text);
}

// ---- C# --------------------------------------------------------------------------------

TEST(EnvScanCSharp, SettingsFixture) {
  std::string text = fixture("csharp/Settings.cs");
  EnvScan result = scan_env(SourceLanguage::CSharp, text);
  expect_reads(result.reads, {
                                 {"DATABASE_URL", Required, 8, 89},
                                 {"AWS_REGION", Optional, 9, 84},  // ?? fallback
                                 {"GREETING_NAME", Required, 11, 95},  // inside $"...{...}"
                                 {"QUEUE_URL", Required, 13, 14},
                             });
  EXPECT_TRUE(result.dynamic_reads);
}

// ---- Shell -------------------------------------------------------------------------------

TEST(EnvScanShell, Entrypoint) {
  std::string text = fixture("shell/entrypoint.sh");
  auto reads = scan(SourceLanguage::Shell, text);
  expect_reads(reads, {
                          {"DATABASE_URL", Required, 5, 6},
                          {"PORT", Optional, 6, 9},  // read before the script assigns it
                          {"WORKERS", Optional, 7, 11},
                          {"LOG_LEVEL", Optional, 11, 20},
                          {"USER", Optional, 11, 45},
                          {"REDIS_URL", Optional, 19, 9},  // unquoted heredoc expands
                          {"APP_MODULE", Required, 23, 49},
                      });
  expect_ranges_name_the_variable(reads, text);
}

TEST(EnvScanShell, AssignmentsLoopsAndReadAreScriptVariables) {
  auto reads = scan(SourceLanguage::Shell,
                    "export A=1 B=2\nread -r C D\nfor E in x; do :; done\necho \"$A $B $C $D $E $F\"\n"
                    "docker run -e G=1 img\necho $G $1 $# $? ${#H} ${!I}\n");
  EXPECT_EQ(names(reads), (Names{"F", "G", "H"}));
}

// ---- Dockerfile and .env -----------------------------------------------------------------

TEST(EnvScanDockerfile, FinalStageEnvOnly) {
  std::string text = fixture("docker/Dockerfile");
  auto reads = scan(SourceLanguage::Dockerfile, text);
  expect_reads(reads, {
                          {"PYTHONUNBUFFERED", Default, 8, 5},  // base stage, inherited by FROM base
                          {"LANG", Default, 9, 5},              // continuation lines
                          {"APP_NAME", Default, 10, 5},
                          {"LOG_LEVEL", Default, 14, 5},        // legacy `ENV NAME value`, lower-case keyword
                          {"OLLAMA_BASE_URL", Default, 15, 5},  // several pairs on one line
                          {"WORKERS", Default, 15, 41},
                      });
  expect_ranges_name_the_variable(reads, text);
}

TEST(EnvScanDockerfile, BacktickEscapeDirective) {
  auto reads = scan(SourceLanguage::Dockerfile, "# escape=`\nFROM mcr.microsoft.com/windows\nENV A=1 `\n    B=2\n");
  expect_reads(reads, {{"A", Default, 3, 5}, {"B", Default, 4, 5}});
}

TEST(EnvScanDotEnv, ExampleFile) {
  std::string text = fixture("dotenv/.env.example");
  auto reads = scan(SourceLanguage::DotEnv, text);
  expect_reads(reads, {
                          {"DATABASE_URL", Default, 2, 1},
                          {"REDIS_URL", Default, 3, 8},  // export prefix
                          {"CHROMA_URL", Default, 4, 1},
                          {"PRIVATE_KEY", Default, 5, 1},  // multi-line quoted value swallowed
                          {"EMPTY", Default, 8, 1},
                          {"OLLAMA_BASE_URL", Default, 10, 1},
                      });
}

// ---- robustness, concurrency, speed --------------------------------------------------------

constexpr SourceLanguage kAllLanguages[] = {
    SourceLanguage::Python, SourceLanguage::JavaScript, SourceLanguage::TypeScript, SourceLanguage::Go,
    SourceLanguage::Java,   SourceLanguage::Kotlin,     SourceLanguage::Ruby,       SourceLanguage::Rust,
    SourceLanguage::CSharp, SourceLanguage::Shell,      SourceLanguage::Dockerfile, SourceLanguage::SpringConfig,
    SourceLanguage::DotEnv};

TEST(EnvScanRobustness, FilesWithoutTriggersAreSkipped) {
  EXPECT_TRUE(scan(SourceLanguage::Python, "print('hello')\n").empty());
  EXPECT_TRUE(scan(SourceLanguage::Unknown, "os.environ['A']").empty());
}

TEST(EnvScanRobustness, UnterminatedAndHostileInputs) {
  std::vector<std::string> inputs = {
      "os.environ['", "os.environ[\"A", "process.env[", "f\"{", "'''", "/*", "\"\"\"", "r#\"", "<<~EOF\n",
      "ENV.fetch(", "${A:${B:${C", "System.getenv(", "class S(BaseSettings):\n    a: str = Field(",
      "env:\"", "@\"", "$\"{", "%w[", "=begin\n", "ENV A=\"unterminated\nENV B=1\\", "`${`${`${",
  };
  std::string deep = "import os\nx = ";
  for (int i = 0; i < 2000; ++i) deep += "f\"{";
  inputs.push_back(deep);
  std::string parens(100000, '(');
  inputs.push_back("os.environ.get" + parens);
  std::mt19937 rng(7);
  std::string alphabet = "os.environ[]()'\"`{}$#/*\\\n =:?!ENVprocess.envgetenvFieldBaseSettings<<~EOF%w\xC3\xA9";
  for (int n = 0; n < 200; ++n) {
    std::string s;
    for (int i = 0; i < 300; ++i) s += alphabet[rng() % alphabet.size()];
    inputs.push_back(s);
  }
  for (const std::string& input : inputs)
    for (SourceLanguage lang : kAllLanguages) {
      EnvScan result = scan_env(lang, input);
      for (const EnvRead& r : result.reads) {
        EXPECT_LE(r.begin, r.end);
        EXPECT_LE(r.end, input.size());
        EXPECT_GE(r.line, 1u);
      }
    }
}

TEST(EnvScanRobustness, ConcurrentScansAgree) {
  std::string text = fixture("python/config_loader.py") + fixture("python/settings_v2.py");
  std::vector<EnvRead> expected = scan(SourceLanguage::Python, text);
  std::vector<std::thread> threads;
  std::vector<int> ok(8, 0);
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      bool same = true;
      for (int i = 0; i < 50; ++i) same &= names(scan(SourceLanguage::Python, text)) == names(expected);
      ok[t] = same;
    });
  for (std::thread& t : threads) t.join();
  for (int v : ok) EXPECT_TRUE(v);
}

TEST(EnvScanRobustness, ThroughputOnLargeInput) {
  std::string unit = fixture("python/config_loader.py") + fixture("python/settings_v2.py") +
                     "def work(x):\n    return [i * 2 for i in range(x) if i % 3]  # plain code\n";
  std::string big;
  while (big.size() < (4u << 20)) big += unit;
  auto start = std::chrono::steady_clock::now();
  EnvScan result = scan_env(SourceLanguage::Python, big);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GT(result.reads.size(), 1000u);
  std::printf("[ throughput ] python: %.1f MiB in %.3f s = %.1f MiB/s, %zu reads\n", double(big.size()) / (1 << 20),
              seconds, double(big.size()) / (1 << 20) / seconds, result.reads.size());
}

}  // namespace
}  // namespace ecslint::contracts
