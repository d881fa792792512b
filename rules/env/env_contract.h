// Shared by the env-* rules: each container of each task definition with the
// variables it sets and the application that runs in it (when known), name
// similarity for "did you mean", and URL reading.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace ecslint::rules::env {

struct SetVariable {
  std::string name;
  std::string_view source;  // "environment" | "secrets"
  eval::Origin origin;      // the name (or the entry)
  const eval::Value* value = nullptr;  // environment value; nullptr for secrets
};

struct ContainerContract {
  const model::TaskDefinition* task = nullptr;
  const model::Container* container = nullptr;
  std::string name;
  const contracts::App* app = nullptr;  // nullptr: no known code
  std::vector<SetVariable> set;
  // Every variable the container gets is known by name: lists known, no
  // unknown names, no environmentFiles (S3 env files are not read).
  bool set_complete = true;
  Location anchor;  // the `environment` key when present, else the container
  std::string command_text;  // command + entryPoint strings, to spot $VAR uses

  const SetVariable* find(std::string_view variable) const;
};

// Which containers container_contracts() lists: the rules judge only those
// whose application's code is known (WithCode: each contract's `app` is set
// and app_has_code()); `ecslint contracts` shows them all.
enum class Containers { WithCode, All };
std::vector<ContainerContract> container_contracts(const Model& model, Containers which = Containers::WithCode);

// Whether the app can be judged: code known and scanned.
bool app_has_code(const contracts::App* app);

// Variables the language runtimes, servers and SDKs read by themselves
// (PYTHONUNBUFFERED, NODE_OPTIONS, OTEL_*, OPENAI_API_KEY, PGHOST, ...): setting
// one the code never names is normal.
bool is_runtime_consumed(std::string_view name);

// For a variable read but not set: unread set variables that look like its
// parts (POSTGRES_HOST, POSTGRES_PORT for DATABASE_URL). Empty when none.
std::vector<const SetVariable*> url_parts(std::string_view url_name, const std::vector<const SetVariable*>& candidates);
bool is_url_name(std::string_view name);
bool is_database_like(std::string_view name);

// 0 (unrelated) .. 1 (same): edit distance and shared name tokens.
double name_similarity(std::string_view a, std::string_view b);

// "file:line" of a read, for messages.
std::string site(const contracts::VariableRead& read);

struct ParsedUrl {
  std::string scheme;
  std::string host;
  std::optional<int> port;  // explicit or the scheme's default
};
// scheme://[user[:pass]@]host[:port][/...]; nullopt when not a URL. `text`
// may hold '\x01' for unknown pieces: they must not reach host or port.
std::optional<ParsedUrl> parse_url(std::string_view text);

// The known text of a value: a string, or the known prefix of a partially
// known string (up to the first unknown piece). nullopt when nothing is known.
std::optional<std::string> known_prefix(const eval::Value& value);

}  // namespace ecslint::rules::env
