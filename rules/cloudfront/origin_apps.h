// Which application serves a CloudFront origin, following the configuration:
// the origin's domain_name (aws_lb.api.dns_name, or a Route 53 alias of it)
// -> the load balancer's listeners and listener rules -> their target groups
// -> the aws_ecs_service whose load_balancer block names the target group
// -> its container -> the app that runs in that container.
//
// Every step must be known; anything else is "no app". The load balancer's
// own path routing is honoured: a path goes to the target group of the first
// listener rule (by priority) that surely matches it, else to the default
// action, and is unclear when a rule that may match it cannot be decided
// (host-header conditions, values from variables).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/contracts/apps.h"
#include "analyzer/model.h"
#include "rules/cloudfront/behaviors.h"

namespace ecslint::rules::cloudfront {

// CloudFront and ALB path patterns: `*` any characters (slashes included),
// `?` one character, case-sensitive. A route path may hold parameters
// ({id}, :id, <int:id>): Yes when every value of them matches, Maybe when
// some may.
enum class PathMatch : uint8_t { No, Maybe, Yes };
PathMatch match_path(std::string_view pattern, std::string_view route_path);

// A target group of the load balancer and the app behind it.
struct ServedApp {
  const contracts::App* app = nullptr;
  const tf::ResourceInstance* target_group = nullptr;
  const tf::ResourceInstance* service = nullptr;
  std::string container;
};

class OriginRouting {
 public:
  const tf::ResourceInstance* load_balancer = nullptr;
  std::string origin_path;  // CloudFront prepends it to the viewer's path

  // The app a request for `path` (as the app sees it) reaches; nullptr when
  // it reaches none or that is unclear.
  const ServedApp* app_for(std::string_view path) const;
  // Every app some path may reach.
  const std::vector<ServedApp>& apps() const { return apps_; }

 private:
  friend std::optional<OriginRouting> origin_routing(const Model&, const Behavior&);
  struct Rule {
    std::optional<double> priority;
    std::vector<std::string> path_patterns;  // known values; all of the rule's path conditions
    bool only_path_conditions = true;        // no host/header/method/... conditions, values known
    enum class Kind : uint8_t { App, None, Unclear } kind = Kind::Unclear;  // forwards to one app, serves nothing
    std::optional<size_t> app;               // Kind::App: index into apps_
  };
  struct Listener {
    std::vector<Rule> rules;  // by priority, unknown priorities first
    std::optional<size_t> default_app;
    bool default_serves = false;  // the default action forwards (not a redirect or fixed response)
  };
  std::vector<Listener> listeners_;
  std::vector<ServedApp> apps_;
  // Per listener: the app index, "serves none" or unclear.
  enum class Outcome : uint8_t { App, None, Unclear };
  Outcome route(const Listener& listener, std::string_view path, size_t* app) const;
};

// The routing behind the behaviour's origin, or nullopt when the chain
// cannot be followed to at least one app.
std::optional<OriginRouting> origin_routing(const Model& model, const Behavior& behavior);

}  // namespace ecslint::rules::cloudfront
