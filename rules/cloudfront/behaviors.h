// What the CloudFront rules share: every cache behaviour of every
// aws_cloudfront_distribution with what it lets through to the origin: its
// path pattern, allowed methods, cache/origin request policies (managed ones
// recognised by name and by id) and the headers the origin receives.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <tuple>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/diagnostics.h"
#include "analyzer/eval/value.h"
#include "analyzer/terraform/configuration.h"

namespace ecslint::rules::cloudfront {

// Headers a behaviour sends to its origin.
struct HeaderForwarding {
  enum class Kind : uint8_t {
    Unknown,  // not enough is known to say
    All,      // every viewer header (except `names`)
    Listed,   // exactly `names`
  } kind = Kind::Unknown;
  std::vector<std::string> names;
  bool legacy = false;     // from forwarded_values.headers
  bool allowlist = false;  // legacy: an explicit, non-empty header list was written
  std::string source;      // for messages: "forwarded_values.headers", "origin request policy ..."
  Location at;             // where the setting is written (the list, or the policy id)
  // A literal list of header names written in a file, that a fix may extend.
  const eval::Value* literal_list = nullptr;

  // Whether `header` reaches the origin; nullopt when unknown.
  std::optional<bool> forwards(std::string_view header) const;
};

// A cache_policy_id or origin_request_policy_id of a behaviour.
struct PolicyRef {
  enum class Kind : uint8_t { None, Unknown, Managed, Custom } kind = Kind::None;
  std::string label;                            // "Managed-CachingDisabled", "aws_cloudfront_cache_policy.api"
  const tf::ResourceInstance* instance = nullptr;  // Custom: the policy resource
  const eval::Value* attribute = nullptr;       // the behaviour's *_policy_id value
};

struct Behavior {
  const tf::ResourceInstance* distribution = nullptr;
  const eval::Value* block = nullptr;  // the behaviour block as an object
  bool is_default = false;
  std::optional<std::string> path_pattern;  // "*" for the default behaviour; nullopt when unknown
  std::optional<std::vector<std::string>> allowed_methods;  // upper-cased; nullopt when unknown
  const eval::Value* allowed_methods_value = nullptr;
  const eval::Value* forwarded_values = nullptr;  // the legacy block object, when written
  PolicyRef cache_policy;
  PolicyRef origin_request_policy;
  Location cache_policy_at;           // the behaviour's cache_policy_id
  Location origin_request_policy_at;  // the behaviour's origin_request_policy_id
  HeaderForwarding headers;                 // effective
  HeaderForwarding cache_key;               // the headers of the cache key (legacy: the forwarded ones)
  std::optional<bool> custom_origin;        // the target origin has custom_origin_config (not S3)
  std::string target_origin_id;
  // Seconds CloudFront caches a response without Cache-Control, when written:
  // the cache policy's default_ttl, or the behaviour's with legacy settings.
  std::optional<double> default_ttl;
  Location default_ttl_at;
  Location location;                        // the behaviour block

  // "ordered_cache_behavior \"/api/*\"" or "default_cache_behavior".
  std::string label() const;
  bool allows(std::string_view method) const;
};

std::vector<Behavior> behaviors(const tf::Configuration& configuration);

// The location of `v`, or `fallback` when `v` has no origin.
Location location_of(const eval::Value& v, Location fallback);

// Where attribute `key` of `block` is written: its value when the value's
// origin lies inside the block, else the attribute's name (a value computed
// elsewhere, e.g. a module output, points away from the block).
Location attribute_location(const eval::Value& block, std::string_view key, Location fallback);

// An insertion that adds `names` (as quoted strings) at the end of `list`
// when `list` is a tuple written literally in a file: "[" items "]" with only
// commas, blanks and line breaks between its items. nullopt otherwise.
std::optional<Edit> append_to_literal_list(const eval::Value& list, std::span<const std::string> names);

bool iequals(std::string_view a, std::string_view b);

// A module instantiated twice evaluates the same block twice: one finding
// per place and message.
class Dedup {
 public:
  bool first(const Location& at, const std::string& message) {
    return seen_.emplace(at.file, at.range.begin, at.range.end, message).second;
  }

 private:
  std::set<std::tuple<const SourceFile*, uint32_t, uint32_t, std::string>> seen_;
};

// Whether some '/'-separated segment of a path pattern, lower-cased and with
// its trailing `*` wildcards removed, satisfies `test` ("/API/v1*" gives
// "api" and "v1").
bool any_path_segment(std::string_view pattern, const std::function<bool(std::string_view)>& test);

}  // namespace ecslint::rules::cloudfront
