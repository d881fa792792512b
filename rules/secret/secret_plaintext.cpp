#include "rules/secret/secret_plaintext.h"

#include <fmt/format.h>

#include <set>
#include <tuple>

#include "rules/secret/secret_refs.h"

namespace ecslint::rules {

using eval::Value;

namespace {

// The value with unknown pieces as '\x01' (so "postgres://u:${pw}@h" keeps
// its shape); nullopt when nothing of it is known.
std::optional<std::string> shape_of(const Value& v) {
  if (v.is_string()) return v.as_string();
  if (v.pieces().empty()) return std::nullopt;
  std::string out;
  for (const eval::StringPiece& p : v.pieces()) out += p.unknown ? std::string("\x01") : p.text;
  return out;
}

// scheme://user:password@host: the userinfo holds a non-empty password.
bool url_with_password(std::string_view s) {
  size_t scheme = s.find("://");
  if (scheme == s.npos || scheme == 0) return false;
  for (char c : s.substr(0, scheme))
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '.' && c != '-') return false;
  std::string_view rest = s.substr(scheme + 3);
  size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  size_t at = authority.rfind('@');
  if (at == authority.npos) return false;
  std::string_view userinfo = authority.substr(0, at);
  size_t colon = userinfo.find(':');
  return colon != userinfo.npos && colon + 1 < userinfo.size();
}

// Values that carry no secret whatever the name says.
bool harmless(const Value& v) {
  if (v.is_null()) return true;
  if (v.is_bool() || v.is_number()) return true;
  if (v.is_string()) {
    const std::string& s = v.as_string();
    if (s.empty() || s == "true" || s == "false") return true;
    if (s.starts_with("arn:aws")) return true;  // a reference to the secret, not the secret
    // A file path or object key ("trusted_certificates/certificates.zip").
    size_t slash = s.rfind('/'), dot = s.rfind('.');
    if (slash != s.npos && dot != s.npos && dot > slash && s.find_first_of(" \t:@") == s.npos) return true;
    return false;
  }
  if (!v.is_known() && v.pieces().empty()) {
    // A resource's identity (an ARN, id or name) is not a secret.
    const std::string& sym = v.symbol();
    for (std::string_view tail : {".arn", ".id", ".name", ".arn_without_revision"})
      if (sym.ends_with(tail)) return true;
  }
  return false;
}

}  // namespace

void SecretPlaintext::check(const Model& model, Report& report) const {
  std::set<std::tuple<const SourceFile*, uint32_t, std::string>> seen;
  for (const model::TaskDefinition& td : model.task_definitions()) {
    for (const model::Container& c : td.containers) {
      std::string container = c.name.is_string() ? c.name.as_string() : "?";
      for (const model::EnvVar& e : c.environment) {
        if (!e.name.is_string()) continue;
        const std::string& name = e.name.as_string();
        std::string why;
        std::string reason;
        // A jsonencode'd blob is marked when any part is: too coarse to say the
        // variable holds a secret.
        if (e.value.sensitive() && !e.value.encoded_from()) {
          reason = "its value is derived from a sensitive Terraform value";
        } else if (harmless(e.value)) {
          continue;
        } else if (auto shape = shape_of(e.value); shape && url_with_password(*shape)) {
          reason = "its value is a URL with a password in it";
        } else if (secret::secret_looking_name(name, &why)) {
          reason = fmt::format("its name ends in {}", why);
        } else {
          continue;
        }
        const eval::Origin& o = e.name.origin().known() ? e.name.origin() : e.origin;
        // The same lines instantiated by several module calls: one finding.
        if (!seen.insert({o.file, o.range.begin, name}).second) continue;
        Finding& finding = report.add({o.file, o.range},
                   fmt::format("container \"{}\": environment variable {} looks like a secret ({}) but is set in "
                               "plain `environment`, where it shows in the task definition, the console and "
                               "`describe-task-definition`; move it to `secrets` with valueFrom naming a Secrets "
                               "Manager secret or SSM parameter",
                               container, name, reason));
        finding.hide_source = true;
      }
    }
  }
}

}  // namespace ecslint::rules
