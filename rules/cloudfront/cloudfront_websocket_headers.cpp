#include "rules/cloudfront/cloudfront_websocket_headers.h"

#include <fmt/format.h>

#include <cctype>
#include <set>

#include "rules/cloudfront/behaviors.h"

namespace ecslint::rules {

using cloudfront::Behavior;
using cloudfront::HeaderForwarding;

namespace {

// /ws, /ws/*, /api/ws*, */socket*, /socket.io/*, /websocket: a path segment
// (its trailing wildcard removed) that is "ws"/"wss" or starts with "socket"
// or "websocket".
bool websocket_path(std::string_view pattern) {
  return cloudfront::any_path_segment(pattern, [](std::string_view segment) {
    while (!segment.empty() && segment.front() == '*') segment.remove_prefix(1);
    return segment == "ws" || segment == "wss" || segment.starts_with("socket") || segment.starts_with("websocket");
  });
}

const std::vector<std::string> kHandshake = {"Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Protocol",
                                             "Sec-WebSocket-Extensions"};

std::string quoted(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += fmt::format("{}\"{}\"", out.empty() ? "" : ", ", n);
  return out;
}

}  // namespace

void CloudfrontWebsocketHeaders::check(const Model& model, Report& report) const {
  std::set<const eval::Value*> fixed_lists;
  cloudfront::Dedup dedup;
  for (const Behavior& b : cloudfront::behaviors(model.configuration())) {
    if (b.is_default || !b.path_pattern || !websocket_path(*b.path_pattern)) continue;
    const HeaderForwarding& h = b.headers;
    std::vector<std::string> missing;
    bool unknown = false;
    for (const std::string& name : kHandshake) {
      auto forwarded = h.forwards(name);
      if (!forwarded) unknown = true;
      else if (!*forwarded) missing.push_back(name);
    }
    if (unknown || missing.empty()) continue;
    // Key and Version make the handshake; Protocol and Extensions are named
    // alongside them, but alone do not make a finding.
    if (missing.front() != kHandshake[0] && missing.front() != kHandshake[1]) continue;

    Location at = h.at;
    std::string where;
    if (h.legacy) {
      where = h.allowlist ? fmt::format("its forwarded_values.headers allowlist is {}", quoted(h.names))
                          : "its forwarded_values lists no headers";
    } else if (b.origin_request_policy.kind == cloudfront::PolicyRef::Kind::None) {
      at = b.cache_policy_at;
      where = fmt::format("it has cache policy {} and no origin request policy, so the origin gets only the cache "
                          "key's headers",
                          b.cache_policy.label);
    } else {
      at = b.origin_request_policy_at;
      where = fmt::format("with origin request policy {} and cache policy {}", b.origin_request_policy.label,
                          b.cache_policy.label);
    }
    std::string message = fmt::format("{} looks like a WebSocket route but does not forward the handshake headers {} ({}). Add "
                        "them to the forwarded headers (AWS recommends Sec-WebSocket-Key, -Version, -Protocol, "
                        "-Accept and -Extensions in an origin request policy), or use the managed origin request "
                        "policy Managed-AllViewer (id 216adef6-5c7f-47e4-b989-5492eafa07d3)",
                        b.label(), quoted(missing), where);
    if (!dedup.first(at, message)) continue;
    Finding& f = report.add(at, std::move(message));
    if (!h.legacy && h.at.file && (h.at.file != at.file || h.at.range.begin != at.range.begin))
      f.related.push_back({h.at, "the headers this policy forwards"});
    if (h.kind == HeaderForwarding::Kind::Listed && h.literal_list && !fixed_lists.contains(h.literal_list)) {
      if (auto edit = cloudfront::append_to_literal_list(*h.literal_list, missing)) {
        fixed_lists.insert(h.literal_list);
        bool cache_list = !h.legacy && b.origin_request_policy.kind == cloudfront::PolicyRef::Kind::None;
        f.fix = Fix{"Add the missing Sec-WebSocket-* headers to the forwarded headers",
                    cache_list ? Applicability::Unsafe : Applicability::Safe, {std::move(*edit)}};
      }
    }
  }
}

}  // namespace ecslint::rules
