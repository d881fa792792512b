#include "rules/secret/secret_refs.h"

#include <algorithm>
#include <cctype>

#include "analyzer/text.h"

namespace ecslint::rules::secret {

using eval::Value;

namespace {

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  out.reserve(size_t(std::count(text.begin(), text.end(), sep)) + 1);  // one allocation, not one per doubling
  size_t start = 0;
  while (true) {
    size_t at = text.find(sep, start);
    out.emplace_back(text.substr(start, at == text.npos ? text.npos : at - start));
    if (at == text.npos) break;
    start = at + 1;
  }
  return out;
}

}  // namespace

const tf::ResourceInstance* secret_of_symbol(std::string_view symbol, const tf::Configuration& configuration) {
  if (symbol.find("[?]") != symbol.npos) return nullptr;
  std::string attribute;
  const tf::ResourceInstance* instance = configuration.resolve_symbol(symbol, &attribute);
  if (!instance || instance->data) return nullptr;
  if (instance->type == "aws_secretsmanager_secret" && (attribute == "arn" || attribute == "id")) return instance;
  if (instance->type == "aws_secretsmanager_secret_version" && attribute == "arn") {
    const Value* id = instance->body().member("secret_id");
    if (id && !id->is_known() && !id->symbol().empty()) return secret_of_symbol(id->symbol(), configuration);
  }
  return nullptr;
}

ValueFromRef read_value_from(const Value& value_from, const tf::Configuration& configuration) {
  ValueFromRef ref;
  if (value_from.is_string()) {
    // "arn:${Partition}:...:secret:${SecretId}": a template for another
    // tool (CloudFormation, envsubst), not a value.
    const std::string& raw = value_from.as_string();
    if (raw.find("${") != std::string::npos || raw.find("{{") != std::string::npos) return ref;
    ref.literal = true;
    ref.text = raw;
    std::string_view text = ref.text;
    if (!text.starts_with("arn:")) {
      ref.kind = ValueFromRef::Kind::SsmName;
      return ref;
    }
    std::vector<std::string> parts = split(text, ':');
    if (parts.size() < 6) {
      ref.kind = ValueFromRef::Kind::MalformedArn;
      return ref;
    }
    if (parts[2] == "ssm") {
      ref.kind = ValueFromRef::Kind::SsmArn;
      size_t at = 0;
      for (int colons = 0; colons < 5; ++colons) at = text.find(':', at) + 1;
      ref.ssm_resource = std::string(text.substr(at));
      return ref;
    }
    if (parts[2] != "secretsmanager") {
      ref.kind = ValueFromRef::Kind::OtherArn;
      return ref;
    }
    ref.kind = ValueFromRef::Kind::SecretsManager;
    // parts[5] = "secret", parts[6] = id, then the optional fields.
    if (parts.size() >= 7) ref.secret_name = parts[6];
    if (parts[5] != "secret" || parts.size() < 7) {
      ref.kind = ValueFromRef::Kind::MalformedArn;
      return ref;
    }
    ref.fields.assign(parts.begin() + 7, parts.end());
    return ref;
  }
  // "${aws_secretsmanager_secret.x.arn}:KEY::" (or the .arn alone).
  std::string symbol;
  std::string suffix;
  if (!value_from.is_known() && value_from.pieces().empty()) {
    symbol = value_from.symbol();
  } else {
    const auto& pieces = value_from.pieces();
    if (pieces.empty() || !pieces[0].unknown) return ref;
    symbol = pieces[0].symbol;
    for (size_t i = 1; i < pieces.size(); ++i) {
      if (pieces[i].unknown) return ref;  // a key we cannot read
      suffix += pieces[i].text;
    }
  }
  if (symbol.empty()) return ref;
  const tf::ResourceInstance* secret = secret_of_symbol(symbol, configuration);
  if (!secret) return ref;
  if (!suffix.empty() && suffix[0] != ':') return ref;  // "${arn}-x": not ours to judge
  ref.kind = ValueFromRef::Kind::SecretsManager;
  ref.secret = secret;
  ref.secret_label = secret->address;
  ref.text = suffix;
  if (!suffix.empty()) ref.fields = split(std::string_view(suffix).substr(1), ':');
  return ref;
}

bool secret_looking_name(std::string_view name, std::string* why) {
  std::string n = ascii_upper(name);
  // What makes a name look like a secret's: its ending, or the whole name.
  // Checked first, since most names have neither.
  static constexpr std::string_view kSuffixes[] = {"_KEY", "_SECRET", "_TOKEN", "_PASSWORD", "_PASS", "_PASSWD"};
  std::string_view found;
  for (std::string_view s : kSuffixes)
    if (n.ends_with(s) && n.size() > s.size()) {
      found = s;
      break;
    }
  if (found.empty())
    for (std::string_view s : {"PASSWORD", "SECRET", "TOKEN"})
      if (n == s) found = s;
  if (found.empty()) return false;
  // Names that end like secrets but name public or structural things.
  static constexpr std::string_view kNotSecret[] = {
      "PUBLIC_KEY", "PUBLISHABLE_KEY", "PARTITION_KEY", "SORT_KEY",  "HASH_KEY",  "RANGE_KEY",
      "PRIMARY_KEY", "CACHE_KEY",      "OBJECT_KEY",    "S3_KEY",    "KMS_KEY",   "SSH_KEY",
      "ROUTING_KEY", "IDEMPOTENCY_KEY", "CMK_KEY",      "FOREIGN_KEY", "_PUB_KEY", "SITE_KEY",
      "TAG_KEY",     "ENCRYPTION_KEY", "CREATION_TOKEN", "PGP_KEY",
  };
  // Switches about a secret, not the secret: create_access_key, manage_master_user_password.
  static constexpr std::string_view kFlagPrefixes[] = {"ALLOW_", "CREATE_", "GENERATE_", "MANAGE_", "ENABLE_",
                                                       "DISABLE_", "USE_", "AUTOMOUNT_", "IS_", "HAS_", "ROTATE_"};
  for (std::string_view p : kFlagPrefixes)
    if (n.starts_with(p)) return false;
  for (std::string_view s : kNotSecret)
    if (n.ends_with(s)) return false;
  if (n.find("PUBLIC") != n.npos || n.find("PUBLISHABLE") != n.npos) return false;
  if (why) *why = std::string(found);
  return true;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) == std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace ecslint::rules::secret
