#include "rules/cloudfront/cloudfront_api_methods.h"

#include <fmt/format.h>

#include <cctype>

#include "rules/cloudfront/behaviors.h"

namespace ecslint::rules {

using cloudfront::Behavior;
using cloudfront::HeaderForwarding;

namespace {

// /api, /api/*, /v1/api/*, /graphql*: a segment "api" or starting with "graphql".
bool api_path(std::string_view pattern) {
  std::string lower;
  for (char c : pattern) lower += char(std::tolower(static_cast<unsigned char>(c)));
  std::string_view rest = lower;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    while (!segment.empty() && segment.back() == '*') segment.remove_suffix(1);
    if (segment == "api" || segment.starts_with("graphql")) return true;
  }
  return false;
}

}  // namespace

void CloudfrontApiMethods::check(const Model& model, Report& report) const {
  cloudfront::Dedup dedup;
  for (const Behavior& b : cloudfront::behaviors(model.configuration())) {
    bool api_by_path = b.path_pattern && api_path(*b.path_pattern);
    if (!api_by_path && !b.custom_origin.value_or(false)) continue;
    if (!b.default_ttl || *b.default_ttl <= 0) continue;
    const HeaderForwarding& h = b.headers;
    std::string origin =
        b.target_origin_id.empty() ? std::string("its origin") : fmt::format("origin \"{}\"", b.target_origin_id);

    // Authorization is part of the cache key (a legacy allowlist or the cache
    // policy's headers; CloudFront strips it from GET/HEAD otherwise, so it
    // cannot leak across users): responses are cached per token,
    // which is often deliberate. A notice, and only for paths naming an API.
    if (!api_by_path || h.kind != HeaderForwarding::Kind::Listed || !h.forwards("Authorization").value_or(false))
      continue;
    std::string ttl_from = b.cache_policy.kind == cloudfront::PolicyRef::Kind::None
                               ? std::string("its default_ttl")
                               : fmt::format("its cache policy {}", b.cache_policy.label);
    std::string message = fmt::format(
        "{} forwards Authorization to {} (an authenticated API) and {} caches its responses for {} s whenever the "
        "origin sends no Cache-Control: clients can read stale data after writes. If the API's responses must not "
        "be cached, set default_ttl = 0, or use the managed cache policy Managed-CachingDisabled "
        "(id 4135ea2d-6df8-44a3-9df3-4b5a84be39ad) with an origin request policy for the headers the API needs",
        b.label(), origin, ttl_from, eval::format_number(*b.default_ttl));
    if (!dedup.first(b.default_ttl_at, message)) continue;
    Finding& f = report.add(b.default_ttl_at, std::move(message), Severity::Notice);
    if (h.at.file) f.related.push_back({h.at, "Authorization is forwarded here"});
  }
}

}  // namespace ecslint::rules
