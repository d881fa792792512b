#include "rules/secret/secret_ref_format.h"

#include <fmt/format.h>

#include <functional>
#include <optional>
#include <set>
#include <tuple>

#include "rules/secret/secret_refs.h"

namespace ecslint::rules {

using eval::Value;
using secret::ValueFromRef;

namespace {

// Where to insert text at the end of a string literal written verbatim in a
// file: just before its closing quote, when the bytes there end with `tail`.
std::optional<uint32_t> end_of_literal(const Value& v, std::string_view tail, bool whole) {
  const eval::Origin& o = v.origin();
  if (!o.known()) return std::nullopt;
  std::string_view written = o.file->slice(o.range);
  if (written.size() < 2 || written.back() != '"') return std::nullopt;
  std::string_view inner = written.substr(0, written.size() - 1);
  if (whole) {
    if (inner != fmt::format("\"{}", tail)) return std::nullopt;
  } else if (!inner.ends_with(tail)) {
    return std::nullopt;
  }
  return o.range.end - 1;
}

bool has_six_char_suffix(std::string_view name) {
  if (name.size() < 8 || name[name.size() - 7] != '-') return false;
  for (char c : name.substr(name.size() - 6))
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  return true;
}

// Module instances repeat the same lines: one finding per place and message.
using Seen = std::set<std::tuple<const SourceFile*, uint32_t, std::string>>;

class OnceReport {
 public:
  OnceReport(Report& report, Seen& seen) : report_(report), seen_(seen) {}
  Finding* add(Location at, std::string message, std::optional<Severity> severity = std::nullopt) {
    if (!seen_.insert({at.file, at.range.begin, message}).second) return nullptr;
    return severity ? &report_.add(at, std::move(message), *severity) : &report_.add(at, std::move(message));
  }

 private:
  Report& report_;
  Seen& seen_;
};

// `where` names the entry ("container \"api\": secret \"DB\""); it and the
// value as shown are made only for a finding: most entries have none.
void check_one(const Value& value_from, const eval::Origin& entry, const tf::Configuration& configuration,
               const std::function<std::string()>& where, OnceReport& report) {
  ValueFromRef ref = secret::read_value_from(value_from, configuration);
  Location at{value_from.origin().known() ? value_from.origin().file : entry.file,
              value_from.origin().known() ? value_from.origin().range : entry.range};
  auto shown = [&] {
    return ref.literal ? fmt::format("\"{}\"", ref.text)
                       : fmt::format("\"${{{}.arn}}{}\"", ref.secret_label, ref.text);
  };
  switch (ref.kind) {
    case ValueFromRef::Kind::Unknown:
    case ValueFromRef::Kind::SsmName:
      if (ref.kind == ValueFromRef::Kind::SsmName && ref.text.find(':') != std::string::npos && !ref.text.empty()) {
        report.add(at, fmt::format("{} valueFrom {} is neither a full ARN nor an SSM parameter name: ECS reads "
                                   "a value that is not a Secrets Manager ARN from SSM Parameter Store. Use the "
                                   "secret's full ARN (arn:aws:secretsmanager:region:account:secret:name-AbCdEf"
                                   ":json-key::)",
                                   where(), shown()));
      }
      return;
    case ValueFromRef::Kind::MalformedArn:
      report.add(at, fmt::format("{} valueFrom {} is not a valid ARN; write "
                                 "arn:aws:secretsmanager:region:account:secret:name-AbCdEf (optionally followed by "
                                 ":json-key:version-stage:version-id) or an SSM parameter ARN or name",
                                 where(), shown()));
      return;
    case ValueFromRef::Kind::OtherArn:
      report.add(at, fmt::format("{} valueFrom {} is an ARN of neither Secrets Manager nor SSM Parameter Store; "
                                 "ECS can read secrets only from those two",
                                 where(), shown()));
      return;
    case ValueFromRef::Kind::SsmArn:
      if (!ref.ssm_resource.starts_with("parameter/"))
        report.add(at, fmt::format("{} valueFrom {} is not an SSM parameter ARN: the resource must be "
                                   "parameter/<name> (arn:aws:ssm:region:account:parameter/name)",
                                   where(), shown()));
      return;
    case ValueFromRef::Kind::SecretsManager:
      break;
  }
  size_t n = ref.fields.size();
  if (n == 0 || n == 3) {
    if (n == 3 && !ref.fields[1].empty() && !ref.fields[2].empty()) {
      report.add(at, fmt::format("{} valueFrom {} gives both a version stage (\"{}\") and a version id; they are "
                                 "mutually exclusive: keep one and leave the other field empty",
                                 where(), shown(), ref.fields[1]));
      return;
    }
    if (ref.literal && !has_six_char_suffix(ref.secret_name)) {
      report.add(at,
                 fmt::format("{} valueFrom {} is a partial Secrets Manager ARN (no -XXXXXX suffix after the "
                             "secret name \"{}\"); ECS needs the complete ARN: reference the secret's .arn "
                             "attribute or copy the full ARN",
                             where(), shown(), ref.secret_name),
                 Severity::Warning);
    }
    return;
  }
  std::string fields;
  for (size_t i = 0; i < n; ++i) fields += (i ? ":" : "") + ref.fields[i];
  std::string completed = fields;
  for (size_t i = n; i < 3; ++i) completed += ":";
  std::string message;
  if (n < 3) {
    message = fmt::format("{} valueFrom {} has {} field{} after the secret ARN; the ECS agent accepts the bare ARN "
                          "or exactly three fields (json-key:version-stage:version-id) and rejects this one. "
                          "Complete the colons: \"...:{}\"",
                          where(), shown(), n, n == 1 ? "" : "s", completed);
  } else {
    message = fmt::format("{} valueFrom {} has {} fields after the secret ARN; the ECS agent accepts the bare ARN "
                          "or exactly three (json-key:version-stage:version-id)",
                          where(), shown(), n);
  }
  Finding* finding = report.add(at, std::move(message));
  if (!finding || n >= 3) return;
  std::optional<uint32_t> insert = end_of_literal(value_from, ref.text, ref.literal);
  if (!insert) return;
  Fix fix;
  fix.description = fmt::format("complete the colons (\":{}\")", completed);
  fix.applicability = Applicability::Safe;
  fix.edits.push_back({value_from.origin().file, {*insert, *insert}, std::string(3 - n, ':')});
  finding->fix = std::move(fix);
}

}  // namespace

void SecretRefFormat::check(const Model& model, Report& out) const {
  const tf::Configuration& configuration = model.configuration();
  Seen seen;
  OnceReport report(out, seen);
  for (const model::TaskDefinition& td : model.task_definitions()) {
    for (const model::Container& c : td.containers) {
      std::string_view container = c.name.is_string() ? std::string_view(c.name.as_string()) : "?";
      for (const model::SecretVar& s : c.secrets) {
        auto where = [&] {
          return fmt::format("container \"{}\": secret {}", container,
                             s.name.is_string() ? fmt::format("\"{}\"", s.name.as_string()) : "?");
        };
        check_one(s.value_from, s.origin, configuration, where, report);
      }
      // logConfiguration.secretOptions follow the same rules.
      Value options = model::member_or_null(c.log_configuration, "secretOptions");
      if (!options.is_tuple()) continue;
      for (const Value& o : options.items()) {
        if (!o.is_object()) continue;
        Value name = model::member_or_null(o, "name");
        auto where = [&] {
          return fmt::format("container \"{}\": log secret option {}", container,
                             name.is_string() ? fmt::format("\"{}\"", name.as_string()) : "?");
        };
        check_one(model::member_or_null(o, "valueFrom"), o.origin(), configuration, where, report);
      }
    }
  }
}

}  // namespace ecslint::rules
