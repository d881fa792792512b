#include "rules/cloudfront/cloudfront_api_methods.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "analyzer/contracts/routes.h"
#include "rules/cloudfront/behaviors.h"
#include "rules/cloudfront/origin_apps.h"

namespace ecslint::rules {

using cloudfront::Behavior;
using cloudfront::HeaderForwarding;

namespace {

// /api, /api/*, /v1/api/*, /graphql*: a segment "api" or starting with "graphql".
bool api_path(std::string_view pattern) {
  return cloudfront::any_path_segment(
      pattern, [](std::string_view segment) { return segment == "api" || segment.starts_with("graphql"); });
}

constexpr std::string_view kWriteMethods[] = {"POST", "PUT", "PATCH", "DELETE", "OPTIONS"};

// A CloudFront Function or Lambda@Edge that may rewrite the URI: the path
// the app sees is then not the viewer's.
bool rewrites_uri(const Behavior& b) {
  for (std::string_view key : {"function_association", "lambda_function_association"}) {
    const eval::Value* list = b.block->member(key);
    if (!list || list->is_null()) continue;
    if (!list->is_tuple()) return true;
    for (const eval::Value& a : list->items()) {
      const eval::Value* event = a.is_object() ? a.member("event_type") : nullptr;
      if (!event || !event->is_string()) return true;
      const std::string& e = event->as_string();
      if (e == "viewer-request" || e == "origin-request") return true;
    }
  }
  return false;
}

// The behaviour of `distribution_behaviors` a viewer path goes to: the first
// ordered behaviour whose pattern matches, else the default. nullptr when a
// pattern may match only some values of the route's parameters, or is unknown.
const Behavior* behavior_for(const std::vector<const Behavior*>& distribution_behaviors, std::string_view path) {
  const Behavior* fallback = nullptr;
  for (const Behavior* b : distribution_behaviors) {
    if (b->is_default) {
      fallback = b;
      continue;
    }
    if (!b->path_pattern) return nullptr;
    cloudfront::PathMatch m = cloudfront::match_path(*b->path_pattern, path);
    if (m == cloudfront::PathMatch::Yes) return b;
    if (m == cloudfront::PathMatch::Maybe) return nullptr;
  }
  return fallback;
}

struct BlockedRoute {
  const contracts::HttpRoute* route;
  const cloudfront::ServedApp* served;
};

std::string method_list(const std::vector<std::string>& methods) {
  std::string out;
  for (size_t i = 0; i < methods.size(); ++i) out += (i == 0 ? "" : i + 1 == methods.size() ? " and " : ", ") + methods[i];
  return out;
}

// The route half: the behaviour blocks methods that routes of the app behind
// its origin need.
void check_routes(const Model& model, Report& report, cloudfront::Dedup& dedup,
                  const std::vector<const Behavior*>& distribution_behaviors) {
  std::map<const contracts::App*, std::vector<contracts::HttpRoute>> routes_of;
  for (const Behavior* b : distribution_behaviors) {
    if (!b->allowed_methods || !b->path_pattern || rewrites_uri(*b)) continue;
    if (std::ranges::all_of(kWriteMethods, [&](std::string_view m) { return b->allows(m); })) continue;
    auto routing = cloudfront::origin_routing(model, *b);
    if (!routing) continue;
    std::vector<BlockedRoute> blocked;
    for (const cloudfront::ServedApp& served : routing->apps()) {
      if (!served.app || std::ranges::any_of(blocked, [&](const BlockedRoute& r) { return r.served->app == served.app; }))
        continue;
      auto [it, inserted] = routes_of.try_emplace(served.app);
      if (inserted) it->second = contracts::scan_routes(*served.app);
      for (const contracts::HttpRoute& route : it->second) {
        // An any-method route or one under an unknown prefix proves nothing.
        if (route.any_method() || !route.prefix_known || b->allows(route.method)) continue;
        if (std::ranges::find(kWriteMethods, route.method) == std::end(kWriteMethods)) continue;
        if (!route.path.starts_with(routing->origin_path)) continue;
        std::string_view viewer = std::string_view(route.path).substr(routing->origin_path.size());
        if (!routing->origin_path.empty() && !viewer.empty() && viewer.front() != '/') continue;
        if (behavior_for(distribution_behaviors, viewer) != b) continue;
        const cloudfront::ServedApp* reached = routing->app_for(route.path);
        if (!reached || reached->app != served.app) continue;
        blocked.push_back({&route, reached});
      }
    }
    if (blocked.empty()) continue;

    std::vector<std::string> needed;
    for (const BlockedRoute& r : blocked)
      if (std::ranges::find(needed, r.route->method) == needed.end()) needed.push_back(r.route->method);
    std::ranges::sort(needed);
    std::string allowed = method_list(*b->allowed_methods);
    std::string listed;
    constexpr size_t kShown = 3;
    for (size_t i = 0; i < blocked.size() && i < kShown; ++i) {
      const contracts::HttpRoute& r = *blocked[i].route;
      listed += fmt::format("{}{} {} ({}:{})", i == 0 ? "" : ", ", r.method, r.path, r.file->path(), r.line);
    }
    if (blocked.size() > kShown) listed += fmt::format(" and {} more", blocked.size() - kShown);
    const cloudfront::ServedApp& served = *blocked.front().served;
    std::string message = fmt::format(
        "{} allows only {}, but app \"{}\" behind origin \"{}\" ({} -> {}, container \"{}\") defines {} under "
        "this path: CloudFront rejects {} with 403 before they reach the app. Set allowed_methods = [\"DELETE\", "
        "\"GET\", \"HEAD\", \"OPTIONS\", \"PATCH\", \"POST\", \"PUT\"] (CloudFront accepts only the three "
        "fixed sets)",
        b->label(), allowed, served.app->name, b->target_origin_id, routing->load_balancer->address,
        served.service->address, served.container, listed, method_list(needed));
    Location at = b->allowed_methods_value ? cloudfront::attribute_location(*b->block, "allowed_methods", b->location)
                                           : b->location;
    if (!dedup.first(at, message)) continue;
    Finding& f = report.add(at, std::move(message));
    for (size_t i = 0; i < blocked.size() && i < 5; ++i) {
      const contracts::HttpRoute& r = *blocked[i].route;
      f.related.push_back({{r.file, r.range}, fmt::format("{} {} is defined here", r.method, r.path)});
    }
  }
}

}  // namespace

void CloudfrontApiMethods::check(const Model& model, Report& report) const {
  cloudfront::Dedup dedup;
  std::vector<Behavior> all = cloudfront::behaviors(model.configuration());
  std::vector<std::vector<const Behavior*>> by_distribution;  // behaviors() keeps each distribution's together
  for (const Behavior& b : all) {
    if (by_distribution.empty() || by_distribution.back().front()->distribution != b.distribution)
      by_distribution.emplace_back();
    by_distribution.back().push_back(&b);
  }
  for (const auto& list : by_distribution) check_routes(model, report, dedup, list);

  for (const Behavior& b : all) {
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
