// The one table of rules, sorted by id. A new rule adds one row here.
#include <algorithm>
#include <array>

#include "rules/efs/efs_mount_target_az.h"
#include "rules/efs/efs_nfs_ingress.h"
#include "rules/efs/efs_volume_wiring.h"
#include "rules/rule.h"
#include "rules/secret/secret_json_key.h"
#include "rules/secret/secret_plaintext.h"
#include "rules/secret/secret_ref_format.h"
#include "rules/secret/secret_variable_sensitive.h"
#include "rules/tf/tf_parse.h"

namespace ecslint::rules {

namespace {
const EfsMountTargetAz efs_mount_target_az;
const EfsNfsIngress efs_nfs_ingress;
const EfsVolumeWiring efs_volume_wiring;
const SecretJsonKey secret_json_key;
const SecretPlaintext secret_plaintext;
const SecretRefFormat secret_ref_format;
const SecretVariableSensitive secret_variable_sensitive;
const TfParse tf_parse;

const auto kRules = std::to_array<const Rule*>({
    &efs_mount_target_az,
    &efs_nfs_ingress,
    &efs_volume_wiring,
    &secret_json_key,
    &secret_plaintext,
    &secret_ref_format,
    &secret_variable_sensitive,
    &tf_parse,
});
}  // namespace

std::span<const Rule* const> all_rules() { return kRules; }

const Rule* find_rule(std::string_view id) {
  auto it = std::find_if(kRules.begin(), kRules.end(), [&](const Rule* r) { return r->meta().id == id; });
  return it == kRules.end() ? nullptr : *it;
}

}  // namespace ecslint::rules
