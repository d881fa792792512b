#include "rules/secret/secret_json_key.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "rules/secret/secret_refs.h"

namespace ecslint::rules {

using eval::Value;

namespace {

// What the secret versions of one secret say about its keys.
struct SecretKeys {
  bool known = false;        // every version's keys are known
  bool not_json = false;     // a version's secret_string is known and not a JSON object
  std::set<std::string> keys;
  Location where;            // the secret_string of the (first) version
};

// The secret versions of each secret, in of_type() order: found once per
// check, since a configuration has a version per secret and a container
// secret per key.
using VersionsBySecret = std::unordered_map<const tf::ResourceInstance*, std::vector<const tf::ResourceInstance*>>;

VersionsBySecret versions_by_secret(const tf::Configuration& configuration) {
  VersionsBySecret out;
  for (const tf::ResourceInstance* version : configuration.of_type("aws_secretsmanager_secret_version")) {
    const Value* id = version->body().member("secret_id");
    if (!id || id->is_known() || id->symbol().empty()) continue;
    if (const tf::ResourceInstance* secret = secret::secret_of_symbol(id->symbol(), configuration))
      out[secret].push_back(version);
  }
  return out;
}

SecretKeys keys_of(const std::vector<const tf::ResourceInstance*>& versions) {
  SecretKeys out;
  bool any = false;
  for (const tf::ResourceInstance* version : versions) {
    const Value* text = version->body().member("secret_string");
    if (!text) return out;  // secret_binary or write-only: keys unknown
    if (!any) out.where = {text->origin().file, text->origin().range};
    any = true;
    Value decoded = text->encoded_from() ? *text->encoded_from()
                    : (text->is_string() ? model::decode_json_string(*text, text->origin()) : Value());
    if (decoded.is_object()) {
      for (const eval::Member& m : decoded.members()) out.keys.insert(m.key.str());
      continue;
    }
    if (text->is_string() && !text->sensitive() && decoded.is_known()) {
      out.not_json = true;  // a JSON value that is not an object
      continue;
    }
    if (text->is_string() && decoded.is_error()) {
      out.not_json = true;
      continue;
    }
    return out;  // unknown
  }
  out.known = any;
  return out;
}

}  // namespace

void SecretJsonKey::check(const Model& model, Report& report) const {
  std::set<std::tuple<const SourceFile*, uint32_t, std::string>> seen;
  const tf::Configuration& configuration = model.configuration();
  std::optional<VersionsBySecret> versions;
  std::unordered_map<const tf::ResourceInstance*, SecretKeys> keys_by_secret;
  for (const model::TaskDefinition& td : model.task_definitions()) {
    for (const model::Container& c : td.containers) {
      for (const model::SecretVar& s : c.secrets) {
        secret::ValueFromRef ref = secret::read_value_from(s.value_from, configuration);
        if (!ref.secret || ref.fields.empty() || ref.fields[0].empty()) continue;
        const std::string& key = ref.fields[0];
        if (!versions) versions = versions_by_secret(configuration);
        auto cached = keys_by_secret.find(ref.secret);
        if (cached == keys_by_secret.end()) {
          auto found = versions->find(ref.secret);
          cached = keys_by_secret.emplace(ref.secret, found == versions->end() ? SecretKeys{} : keys_of(found->second)).first;
        }
        const SecretKeys& keys = cached->second;
        if (!keys.known) continue;
        Location at{s.value_from.origin().known() ? s.value_from.origin().file : s.origin.file,
                    s.value_from.origin().known() ? s.value_from.origin().range : s.origin.range};
        std::string secret_name = c.name.is_string() ? c.name.as_string() : "?";
        std::string var = s.name.is_string() ? s.name.as_string() : "?";
        if (keys.keys.count(key)) continue;
        std::string message;
        if (keys.not_json && keys.keys.empty()) {
          message = fmt::format("container \"{}\": secret \"{}\" reads JSON key \"{}\" of {}, but its "
                                "secret_string is not a JSON object; ECS fails to start the task. Store the "
                                "secret as jsonencode({{ {} = ... }}) or drop the key (\"...arn}}\" alone)",
                                secret_name, var, key, ref.secret_label, key);
        } else {
          std::vector<std::string> sorted(keys.keys.begin(), keys.keys.end());
          std::stable_sort(sorted.begin(), sorted.end(), [&](const std::string& a, const std::string& b) {
            return secret::edit_distance(key, a) < secret::edit_distance(key, b);
          });
          std::string list;
          for (size_t i = 0; i < sorted.size() && i < 8; ++i) list += fmt::format("{}\"{}\"", i ? ", " : "", sorted[i]);
          if (sorted.size() > 8) list += fmt::format(" and {} more", sorted.size() - 8);
          message = fmt::format("container \"{}\": secret \"{}\" reads JSON key \"{}\", which the secret_string of "
                                "{} does not contain (the ECS agent fails with \"did not contain json key {}\"); "
                                "keys there: {}",
                                secret_name, var, key, ref.secret_label, key, list);
        }
        if (!seen.insert({at.file, at.range.begin, message}).second) continue;  // repeated by module instances
        Finding& f = report.add(at, std::move(message));
        if (keys.where.file) f.related.push_back({keys.where, "the secret's keys are declared here"});
      }
    }
  }
}

}  // namespace ecslint::rules
