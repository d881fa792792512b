#include "analyzer/contracts/env_scan.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <span>

#include "analyzer/contracts/scan_support.h"
#include "grammar/source.h"

namespace ecslint::contracts {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ends_with_any(std::string_view s, std::initializer_list<std::string_view> suffixes) {
  return std::ranges::any_of(suffixes, [&](std::string_view x) { return s.ends_with(x); });
}

// Substrings without which a file cannot contain a read in that language. A
// repository is mostly files with none of them, so this check is the hot path.
std::span<const std::string_view> triggers(SourceLanguage lang) {
  static constexpr std::string_view kPython[] = {"environ", "getenv", "BaseSettings", "decouple"};
  static constexpr std::string_view kJavaScript[] = {"env"};
  static constexpr std::string_view kGo[] = {"Getenv", "LookupEnv", "Environ", "env"};
  static constexpr std::string_view kJava[] = {"getenv", "${"};
  static constexpr std::string_view kRuby[] = {"ENV"};
  static constexpr std::string_view kCSharp[] = {"Environment"};
  static constexpr std::string_view kShell[] = {"$"};
  static constexpr std::string_view kSpring[] = {"${"};
  switch (lang) {
    case SourceLanguage::Python: return kPython;
    case SourceLanguage::JavaScript:
    case SourceLanguage::TypeScript:
    case SourceLanguage::Rust: return kJavaScript;
    case SourceLanguage::Go: return kGo;
    case SourceLanguage::Java:
    case SourceLanguage::Kotlin: return kJava;
    case SourceLanguage::Ruby: return kRuby;
    case SourceLanguage::CSharp: return kCSharp;
    case SourceLanguage::Shell: return kShell;
    case SourceLanguage::SpringConfig: return kSpring;
    default: return {};  // Dockerfile, .env: small files, always scanned
  }
}

bool may_contain_reads(SourceLanguage lang, std::string_view text) {
  auto list = triggers(lang);
  if (list.empty()) return true;
  return std::ranges::any_of(list, [&](std::string_view t) { return text.find(t) != std::string_view::npos; });
}

scan::LexerSyntax lexer_for(SourceLanguage lang) {
  using enum SourceLanguage;
  switch (lang) {
    case Python: return scan::LexerSyntax::Python;
    case JavaScript:
    case TypeScript: return scan::LexerSyntax::JavaScript;
    case Go: return scan::LexerSyntax::Go;
    case Kotlin: return scan::LexerSyntax::Kotlin;
    case Ruby: return scan::LexerSyntax::Ruby;
    case Rust: return scan::LexerSyntax::Rust;
    case CSharp: return scan::LexerSyntax::CSharp;
    case Shell: return scan::LexerSyntax::Shell;
    case SpringConfig: return scan::LexerSyntax::Yaml;  // .properties comments are '#' lines too
    default: return scan::LexerSyntax::CLike;
  }
}

void run_scanner(SourceLanguage lang, scan::ScanContext& ctx) {
  using enum SourceLanguage;
  switch (lang) {
    case Python: scan::scan_python(ctx), scan::scan_pydantic(ctx); break;
    case JavaScript:
    case TypeScript: scan::scan_javascript(ctx); break;
    case Go: scan::scan_go(ctx); break;
    case Java: scan::scan_java(ctx, false); break;
    case Kotlin: scan::scan_java(ctx, true); break;
    case Ruby: scan::scan_ruby(ctx); break;
    case Rust: scan::scan_rust(ctx); break;
    case CSharp: scan::scan_csharp(ctx); break;
    case Shell: scan::scan_shell(ctx); break;
    case Dockerfile: scan::scan_dockerfile(ctx); break;
    case DotEnv: scan::scan_dotenv(ctx); break;
    case SpringConfig: scan::scan_spring_config(ctx); break;
    case Unknown: break;
  }
}

bool uses_code_view(SourceLanguage lang) {
  return lang != SourceLanguage::Dockerfile && lang != SourceLanguage::DotEnv && lang != SourceLanguage::Unknown;
}

// Sorts, drops duplicates (two idioms matching one token) and fills line and
// column in one pass over the text.
void finish(std::vector<EnvRead>& reads, std::string_view text) {
  std::ranges::stable_sort(reads, {}, [](const EnvRead& r) { return std::pair(r.begin, r.end); });
  auto dup = std::ranges::unique(reads, [](const EnvRead& a, const EnvRead& b) {
    return a.begin == b.begin && a.end == b.end && a.name == b.name;
  });
  reads.erase(dup.begin(), dup.end());
  uint32_t line = 1, line_start = 0, scanned = 0;
  for (EnvRead& r : reads) {
    for (; scanned < r.begin && scanned < text.size(); ++scanned) {
      if (text[scanned] == '\n') ++line, line_start = scanned + 1;
    }
    r.line = line;
    r.column = count_code_points(text.substr(line_start, r.begin - line_start)) + 1;
  }
}

}  // namespace

SourceLanguage language_for_path(std::string_view path) {
  size_t slash = path.find_last_of("/\\");
  std::string name = lower(slash == std::string_view::npos ? path : path.substr(slash + 1));
  using enum SourceLanguage;
  if (name == "dockerfile" || name.starts_with("dockerfile.") || name.ends_with(".dockerfile") ||
      name.starts_with("dockerfile-") || name == "containerfile")
    return Dockerfile;
  if (name == ".env" || name == ".env.example" || name == ".env.sample" || name == ".env.template" ||
      name == ".env.local" || name == ".env.production" || name == ".env.development")
    return DotEnv;
  if (name.starts_with("application") && ends_with_any(name, {".yml", ".yaml", ".properties"})) return SpringConfig;
  if (name.starts_with("bootstrap") && ends_with_any(name, {".yml", ".yaml", ".properties"})) return SpringConfig;
  if (ends_with_any(name, {".py", ".pyi"})) return Python;
  if (ends_with_any(name, {".ts", ".tsx", ".mts", ".cts"})) return TypeScript;
  if (ends_with_any(name, {".js", ".mjs", ".cjs", ".jsx"})) return JavaScript;
  if (name.ends_with(".go")) return Go;
  if (name.ends_with(".java")) return Java;
  if (ends_with_any(name, {".kt", ".kts"})) return Kotlin;
  if (name.ends_with(".rb") || name == "gemfile" || name == "rakefile") return Ruby;
  if (name.ends_with(".rs")) return Rust;
  if (name.ends_with(".cs")) return CSharp;
  if (ends_with_any(name, {".sh", ".bash"}) || name == "entrypoint" || name.starts_with("docker-entrypoint") ||
      name.starts_with("entrypoint."))
    return Shell;
  return Unknown;
}

std::string_view language_name(SourceLanguage lang) {
  static constexpr std::array<std::string_view, 14> kNames = {
      "python", "javascript", "typescript", "go",         "java",          "kotlin", "ruby",
      "rust",   "csharp",     "shell",      "dockerfile", "spring-config", "dotenv", "unknown"};
  return kNames[size_t(lang)];
}

std::string_view read_kind_name(ReadKind kind) {
  switch (kind) {
    case ReadKind::Required: return "required";
    case ReadKind::Optional: return "optional";
    case ReadKind::Default: return "default";
  }
  return "required";
}

EnvScan scan_env(SourceLanguage lang, std::string_view text) {
  EnvScan out;
  if (lang == SourceLanguage::Unknown || !may_contain_reads(lang, text)) return out;
  scan::CodeView view;
  if (uses_code_view(lang)) view = scan::make_code_view(lexer_for(lang), text);
  scan::ScanContext ctx{text, uses_code_view(lang) ? &view : nullptr, &out};
  run_scanner(lang, ctx);
  finish(out.reads, text);
  return out;
}

std::vector<EnvRead> scan_env_reads(SourceLanguage lang, std::string_view text) {
  return scan_env(lang, text).reads;
}

bool is_platform_injected(std::string_view name) {
  // Why each is always present in an ECS task:
  //  - ECS_CONTAINER_METADATA_URI(_V4), ECS_AGENT_URI: set by the ECS agent / Fargate
  //    in every container (task metadata endpoint, agent introspection).
  //  - AWS_CONTAINER_CREDENTIALS_*, AWS_CONTAINER_AUTHORIZATION_TOKEN: the task-role
  //    credential endpoint the AWS SDKs use; injected when the task has a role.
  //  - AWS_REGION, AWS_DEFAULT_REGION, AWS_EXECUTION_ENV: set by Fargate and the
  //    ECS agent so SDKs find the region and report the platform.
  //  - HOSTNAME, HOME, PATH: set by the container runtime for every process.
  //  - PWD, USER, SHELL, LANG, TERM, SHLVL: provided by the OS image or the shell that
  //    starts the process; code reading them never expects the task to set them.
  // Deliberately absent: TZ, NODE_ENV, PYTHONPATH, JAVA_OPTS... nothing sets those
  // unless the task definition or the image does, so a read of them can be missing.
  static constexpr std::array<std::string_view, 18> kInjected = {
      "ECS_CONTAINER_METADATA_URI",
      "ECS_CONTAINER_METADATA_URI_V4",
      "ECS_AGENT_URI",
      "AWS_REGION",
      "AWS_DEFAULT_REGION",
      "AWS_EXECUTION_ENV",
      "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
      "AWS_CONTAINER_CREDENTIALS_FULL_URI",
      "AWS_CONTAINER_AUTHORIZATION_TOKEN",
      "HOSTNAME",
      "HOME",
      "PATH",
      "PWD",
      "USER",
      "SHELL",
      "LANG",
      "TERM",
      "SHLVL",
  };
  return std::ranges::find(kInjected, name) != kInjected.end();
}

}  // namespace ecslint::contracts
