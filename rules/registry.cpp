// The one table of rules, sorted by id. A new rule adds one row here.
#include <algorithm>
#include <array>

#include "rules/cloudfront/cloudfront_api_methods.h"
#include "rules/cloudfront/cloudfront_content_type.h"
#include "rules/cloudfront/cloudfront_websocket_headers.h"
#include "rules/dashboard/dashboard_body_invalid.h"
#include "rules/dashboard/dashboard_metric_shape.h"
#include "rules/efs/efs_mount_target_az.h"
#include "rules/efs/efs_nfs_ingress.h"
#include "rules/efs/efs_volume_wiring.h"
#include "rules/env/env_localhost_url.h"
#include "rules/env/env_missing.h"
#include "rules/env/env_optional_missing.h"
#include "rules/env/env_parity.h"
#include "rules/env/env_service_discovery.h"
#include "rules/env/env_unused.h"
#include "rules/rule.h"
#include "rules/secret/secret_json_key.h"
#include "rules/secret/secret_plaintext.h"
#include "rules/secret/secret_ref_format.h"
#include "rules/secret/secret_variable_sensitive.h"
#include "rules/tf/tf_parse.h"

namespace ecslint::rules {

namespace {
const CloudfrontApiMethods cloudfront_api_methods;
const CloudfrontContentType cloudfront_content_type;
const CloudfrontWebsocketHeaders cloudfront_websocket_headers;
const DashboardBodyInvalid dashboard_body_invalid;
const DashboardMetricShape dashboard_metric_shape;
const EfsMountTargetAz efs_mount_target_az;
const EfsNfsIngress efs_nfs_ingress;
const EfsVolumeWiring efs_volume_wiring;
const EnvLocalhostUrl env_localhost_url;
const EnvMissing env_missing;
const EnvOptionalMissing env_optional_missing;
const EnvParity env_parity;
const EnvServiceDiscovery env_service_discovery;
const EnvUnused env_unused;
const SecretJsonKey secret_json_key;
const SecretPlaintext secret_plaintext;
const SecretRefFormat secret_ref_format;
const SecretVariableSensitive secret_variable_sensitive;
const TfParse tf_parse;

const auto kRules = std::to_array<const Rule*>({
    &cloudfront_api_methods,
    &cloudfront_content_type,
    &cloudfront_websocket_headers,
    &dashboard_body_invalid,
    &dashboard_metric_shape,
    &efs_mount_target_az,
    &efs_nfs_ingress,
    &efs_volume_wiring,
    &env_localhost_url,
    &env_missing,
    &env_optional_missing,
    &env_parity,
    &env_service_discovery,
    &env_unused,
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
