#pragma once

#include "rules/rule.h"

namespace ecslint::rules {

// cloudfront-websocket-headers: a behaviour for a WebSocket route (/ws,
// /ws/*, */socket*) that does not forward the Sec-WebSocket-* handshake
// headers nor all viewer headers (AWS-FACTS §5.4).
class CloudfrontWebsocketHeaders final : public Rule {
 public:
  static constexpr RuleMeta kMeta{"cloudfront-websocket-headers", Severity::Error, true, FixAvailability::Sometimes,
                                  "A CloudFront behaviour for a WebSocket route does not forward the handshake headers"};
  const RuleMeta& meta() const override { return kMeta; }
  void check(const Model& model, Report& report) const override;
};

}  // namespace ecslint::rules
