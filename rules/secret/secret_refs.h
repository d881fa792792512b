// What the secret rules share: reading a `secrets[].valueFrom` (a literal ARN,
// an SSM name, or "${aws_secretsmanager_secret.x.arn}:KEY::"), and telling
// secret-looking names apart.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/eval/value.h"
#include "analyzer/terraform/configuration.h"

namespace ecslint::rules::secret {

struct ValueFromRef {
  enum class Kind : uint8_t {
    Unknown,         // not enough is known to say anything
    SecretsManager,  // a Secrets Manager ARN (literal, or a secret's .arn plus text)
    SsmArn,          // arn:...:ssm:...
    SsmName,         // a bare parameter name
    OtherArn,        // an ARN of another service
    MalformedArn,    // starts with "arn:" but has fewer than 6 fields
  } kind = Kind::Unknown;
  bool literal = false;                      // the whole value is known text
  std::string text;                          // literal: the value; symbol form: the suffix after the ARN
  std::string secret_name;                   // literal SM ARN: the secret id field
  std::string ssm_resource;                  // SsmArn: the resource field(s)
  const tf::ResourceInstance* secret = nullptr;  // symbol form: the aws_secretsmanager_secret
  std::string secret_label;                  // symbol form: "aws_secretsmanager_secret.x"
  // Fields after the secret id ("KEY", "", ""), split on ':'; empty when none.
  std::vector<std::string> fields;
};

// Reads a valueFrom; `configuration` resolves secret symbols.
ValueFromRef read_value_from(const eval::Value& value_from, const tf::Configuration& configuration);

// The aws_secretsmanager_secret a symbol names (its .arn or .id, or a
// version's .arn), nullptr when it names none.
const tf::ResourceInstance* secret_of_symbol(std::string_view symbol, const tf::Configuration& configuration);

// Whether an env var / Terraform variable name looks like it holds a secret;
// `why` gets the matching suffix ("_PASSWORD").
bool secret_looking_name(std::string_view name, std::string* why = nullptr);

// Levenshtein distance, case-insensitive.
size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace ecslint::rules::secret
