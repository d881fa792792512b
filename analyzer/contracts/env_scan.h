// Source scanners: which environment variables does an application read?
//
// ecslint compares the variables an application's code READS with the ones its
// ECS container definition SETS. These scanners produce the first half: every
// read of a variable named by a literal, with its position and whether the
// code can live without it.
//
// No language runtimes are involved. Each language gets a small hand-written
// lexer that blanks comments and string-literal contents (offsets are kept),
// then PCRE2 patterns find the access idioms in that "code view" while the
// quoted variable name is read back from the original text.
//
// Thread-safe: the compiled patterns are shared read-only, match data is per call.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ecslint::contracts {

enum class SourceLanguage : uint8_t {
  Python,
  JavaScript,
  TypeScript,
  Go,
  Java,
  Kotlin,
  Ruby,
  Rust,
  CSharp,
  Shell,
  Dockerfile,
  SpringConfig,  // application*.yml|yaml|properties
  DotEnv,        // .env, .env.example, .env.sample
  Unknown,
};

// Picks the scanner for a file by its name (the directory part is ignored).
SourceLanguage language_for_path(std::string_view path);
std::string_view language_name(SourceLanguage lang);

enum class ReadKind : uint8_t {
  Required,  // the application fails (or misbehaves) when the variable is absent
  Optional,  // the code supplies a fallback or checks for presence
  Default,   // a Dockerfile ENV or .env line that PROVIDES a value
};
std::string_view read_kind_name(ReadKind kind);

struct EnvRead {
  std::string name;
  ReadKind kind = ReadKind::Required;
  // Byte range of the token that names the variable. For a pydantic field this
  // is the field name (or the alias string), so `name` may differ from the text
  // there (env_prefix, upper-casing).
  uint32_t begin = 0, end = 0;
  uint32_t line = 0, column = 0;  // 1-based; the column counts code points
  std::string_view how;           // the idiom, e.g. "os.environ[]"; a static string
};

struct EnvScan {
  std::vector<EnvRead> reads;  // sorted by position
  // The code reads variables whose names are computed (os.environ[name]) or
  // hands the whole environment on (dict(os.environ), {...process.env}). A rule
  // must then not claim that a variable the container sets is unused.
  bool dynamic_reads = false;
};

EnvScan scan_env(SourceLanguage lang, std::string_view text);
std::vector<EnvRead> scan_env_reads(SourceLanguage lang, std::string_view text);

// Variables the ECS platform, the container runtime or the OS provide, so a
// read of them is never "missing from the task definition".
bool is_platform_injected(std::string_view name);

}  // namespace ecslint::contracts
