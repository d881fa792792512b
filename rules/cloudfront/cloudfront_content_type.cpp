#include "rules/cloudfront/cloudfront_content_type.h"

#include <fmt/format.h>

#include <set>

#include "rules/cloudfront/behaviors.h"

namespace ecslint::rules {

using cloudfront::Behavior;
using cloudfront::HeaderForwarding;

namespace {

std::string quoted_list(const std::vector<std::string>& names) {
  if (names.empty()) return "no headers";
  std::string out;
  for (const std::string& n : names) out += fmt::format("{}\"{}\"", out.empty() ? "" : ", ", n);
  return out;
}

std::string write_methods(const Behavior& b) {
  std::string out;
  for (std::string_view m : {"POST", "PUT", "PATCH"})
    if (b.allows(m)) out += fmt::format("{}{}", out.empty() ? "" : "/", m);
  return out;
}

constexpr std::string_view kAllViewerExceptHost =
    "Managed-AllViewerExceptHostHeader (id b689b0a8-53d0-40ab-baf2-68738e2966ac)";

}  // namespace

void CloudfrontContentType::check(const Model& model, Report& report) const {
  const tf::Configuration& configuration = model.configuration();
  std::set<const eval::Value*> fixed_lists;  // one fix per shared policy list
  cloudfront::Dedup dedup;
  for (const Behavior& b : cloudfront::behaviors(configuration)) {
    std::string methods = write_methods(b);
    if (methods.empty()) continue;
    const HeaderForwarding& h = b.headers;
    auto forwarded = h.forwards("Content-Type");
    if (!forwarded || *forwarded) continue;
    static const std::vector<std::string> kContentType = {"Content-Type"};

    if (h.legacy) {
      if (!h.allowlist) continue;  // no allowlist: CloudFront passes Content-Type through
      if (b.custom_origin == false) continue;  // an S3 origin: no application parses the body
      std::string message = fmt::format(
          "{} allows {} but its forwarded_values.headers allowlist ({}) does not include "
                      "\"Content-Type\". CloudFront's legacy settings pass Content-Type through to custom origins, "
                      "but an explicit allowlist without it is fragile (moving to a cache policy drops it and JSON "
                      "request bodies reach the origin untyped): add \"Content-Type\" to the list",
                      b.label(), methods, quoted_list(h.names));
      if (!dedup.first(h.at, message)) continue;
      Finding& f = report.add(h.at, std::move(message), Severity::Warning);
      if (h.literal_list)
        if (auto edit = cloudfront::append_to_literal_list(*h.literal_list, kContentType))
          f.fix = Fix{"Add \"Content-Type\" to forwarded_values.headers", Applicability::Safe, {std::move(*edit)}};
      continue;
    }

    // Policies: only what the cache key and the origin request policy name reaches the origin.
    const cloudfront::PolicyRef& cache = b.cache_policy;
    const cloudfront::PolicyRef& request = b.origin_request_policy;
    std::string message;
    Location at = b.location;
    bool cache_list = false;
    if (request.kind == cloudfront::PolicyRef::Kind::None) {
      at = b.cache_policy_at;
      message = fmt::format(
          "{} allows {} but uses cache policy {} with no origin request policy: with policies CloudFront sends "
          "the origin only the headers of the cache key ({}), so request bodies arrive without their "
          "Content-Type. Set origin_request_policy_id to a policy that forwards Content-Type, e.g. {}, or add "
          "\"Content-Type\" to the cache policy's headers",
          b.label(), methods, cache.label, quoted_list(h.names), kAllViewerExceptHost);
      cache_list = true;
    } else {
      at = b.origin_request_policy_at;
      if (h.kind == HeaderForwarding::Kind::All)
        message = fmt::format(
            "{} allows {} but its origin request policy {} forwards all viewer headers except {}, and the cache "
            "policy {} does not add it back: remove \"Content-Type\" from the excluded headers",
            b.label(), methods, request.label, quoted_list(h.names), cache.label);
      else
        message = fmt::format(
            "{} allows {} but neither its cache policy {} nor its origin request policy {} forwards "
            "\"Content-Type\" (the origin receives {}): add \"Content-Type\" to the origin request policy's "
            "headers, or use {}",
            b.label(), methods, cache.label, request.label,
            h.names.empty() ? std::string("no viewer headers") : "only " + quoted_list(h.names), kAllViewerExceptHost);
    }
    if (!dedup.first(at, message)) continue;
    Finding& f = report.add(at, std::move(message));
    if (h.at.file && (h.at.file != at.file || h.at.range.begin != at.range.begin))
      f.related.push_back({h.at, "the headers this policy forwards"});
    if (h.kind == HeaderForwarding::Kind::Listed && h.literal_list && !fixed_lists.contains(h.literal_list)) {
      if (auto edit = cloudfront::append_to_literal_list(*h.literal_list, kContentType)) {
        fixed_lists.insert(h.literal_list);
        // A header added to a cache policy also splits its cache key: not certain to be wanted.
        f.fix = Fix{cache_list ? "Add \"Content-Type\" to the cache policy's headers"
                               : "Add \"Content-Type\" to the origin request policy's headers",
                    cache_list ? Applicability::Unsafe : Applicability::Safe, {std::move(*edit)}};
      }
    }
  }
}

}  // namespace ecslint::rules
