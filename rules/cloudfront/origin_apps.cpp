#include "rules/cloudfront/origin_apps.h"

#include <algorithm>

#include "analyzer/contracts/routes.h"

namespace ecslint::rules::cloudfront {

using eval::Value;

// ---------------------------------------------------------------------------
// Path patterns

namespace {

// A route path as tokens: a character, or a parameter segment (kParam).
constexpr int kParam = -1;

std::vector<int> route_tokens(std::string_view path) {
  std::vector<int> out;
  if (path.empty() || path.front() != '/') out.push_back('/');
  size_t i = 0;
  while (i < path.size()) {
    size_t slash = path.find('/', i);
    std::string_view segment = path.substr(i, slash == std::string_view::npos ? std::string_view::npos : slash - i);
    if (contracts::is_path_parameter(segment)) out.push_back(kParam);
    else for (char c : segment) out.push_back(static_cast<unsigned char>(c));
    if (slash == std::string_view::npos) break;
    out.push_back('/');
    i = slash + 1;
  }
  return out;
}

// Glob match of `pattern` against `route`. With `param_any` a parameter may
// stand for any text (can some value match?); without, only a `*` may
// consume it (does every value match?).
bool glob(std::string_view pattern, const std::vector<int>& route, bool param_any) {
  size_t m = pattern.size(), n = route.size();
  // reach[j]: pattern[0, i) can match route[0, j).
  std::vector<char> reach(n + 1, 0), next(n + 1, 0);
  reach[0] = 1;
  auto param_absorb = [&](std::vector<char>& row) {
    // A parameter (as any text, possibly empty here) lets the route advance alone.
    if (!param_any) return;
    for (size_t j = 0; j < n; ++j)
      if (row[j] && route[j] == kParam) row[j + 1] = 1;
  };
  param_absorb(reach);
  for (size_t i = 0; i < m; ++i) {
    std::fill(next.begin(), next.end(), 0);
    char p = pattern[i];
    for (size_t j = 0; j <= n; ++j) {
      if (!reach[j]) continue;
      if (p == '*') {
        for (size_t k = j; k <= n; ++k) next[k] = 1;
        break;
      }
      if (j < n && route[j] == kParam && param_any) next[j] = 1;  // the parameter consumes p
      if (j < n && route[j] == kParam && param_any) next[j + 1] = 1;
      if (j < n && route[j] != kParam && (p == '?' || route[j] == static_cast<unsigned char>(p))) next[j + 1] = 1;
    }
    param_absorb(next);
    reach.swap(next);
  }
  return reach[n];
}

}  // namespace

PathMatch match_path(std::string_view pattern, std::string_view route_path) {
  std::string normalized(pattern);
  if (normalized.empty() || (normalized.front() != '/' && normalized.front() != '*')) normalized.insert(0, "/");
  std::vector<int> route = route_tokens(route_path);
  if (glob(normalized, route, false)) return PathMatch::Yes;
  return glob(normalized, route, true) ? PathMatch::Maybe : PathMatch::No;
}

// ---------------------------------------------------------------------------
// The chain

namespace {

const Value* member(const Value& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const Value* v = object.member(key);
  return v && !v->is_null() ? v : nullptr;
}

std::vector<const Value*> blocks(const Value& object, std::string_view key) {
  std::vector<const Value*> out;
  if (const Value* v = member(object, key); v && v->is_tuple())
    for (const Value& b : v->items())
      if (b.is_object()) out.push_back(&b);
  return out;
}

// The instance of one of `types` that a reference names (`aws_lb.api.arn`).
const tf::ResourceInstance* referenced(const tf::Configuration& configuration, const Value* v,
                                       std::initializer_list<std::string_view> types,
                                       std::initializer_list<std::string_view> attributes) {
  if (v == nullptr || v->is_known() || v->symbol().empty()) return nullptr;
  std::string attribute;
  const tf::ResourceInstance* instance = configuration.resolve_symbol(v->symbol(), &attribute);
  if (instance == nullptr || std::ranges::find(types, instance->type) == types.end()) return nullptr;
  if (std::ranges::find(attributes, attribute) == attributes.end()) return nullptr;
  return instance;
}

const tf::ResourceInstance* load_balancer_of(const tf::Configuration& configuration, const Value* domain) {
  if (const auto* lb = referenced(configuration, domain, {"aws_lb", "aws_alb"}, {"dns_name"})) return lb;
  // A Route 53 alias record of the load balancer.
  const auto* record = referenced(configuration, domain, {"aws_route53_record"}, {"fqdn", "name"});
  if (record == nullptr) return nullptr;
  auto alias = blocks(record->body(), "alias");
  if (alias.size() != 1) return nullptr;
  return referenced(configuration, member(*alias[0], "name"), {"aws_lb", "aws_alb"}, {"dns_name"});
}

const tf::ResourceInstance* target_group_of(const tf::Configuration& configuration, const Value* v) {
  return referenced(configuration, v, {"aws_lb_target_group", "aws_alb_target_group"}, {"arn", "id"});
}

// What an action list does: forward to target groups, serve nothing
// (redirect, fixed response), or unknown.
struct ActionEffect {
  enum class Kind : uint8_t { Forward, None, Unknown } kind = Kind::Unknown;
  std::vector<const tf::ResourceInstance*> target_groups;
};

ActionEffect action_effect(const tf::Configuration& configuration, const std::vector<const Value*>& actions) {
  ActionEffect out;
  for (const Value* action : actions) {
    const Value* type = member(*action, "type");
    if (!type || !type->is_string()) return out;
    const std::string& t = type->as_string();
    if (t.starts_with("authenticate")) continue;  // then the next action
    if (t == "redirect" || t == "fixed-response") {
      out.kind = ActionEffect::Kind::None;
      return out;
    }
    if (t != "forward") return out;
    if (const Value* arn = member(*action, "target_group_arn")) {
      const auto* tg = target_group_of(configuration, arn);
      if (!tg) return out;
      out.target_groups.push_back(tg);
    }
    for (const Value* forward : blocks(*action, "forward"))
      for (const Value* group : blocks(*forward, "target_group")) {
        const auto* tg = target_group_of(configuration, member(*group, "arn"));
        if (!tg) return out;
        out.target_groups.push_back(tg);
      }
    if (!out.target_groups.empty()) out.kind = ActionEffect::Kind::Forward;
    return out;
  }
  return out;
}

}  // namespace

std::optional<OriginRouting> origin_routing(const Model& model, const Behavior& behavior) {
  const tf::Configuration& configuration = model.configuration();
  if (!behavior.distribution || behavior.target_origin_id.empty()) return std::nullopt;
  const Value* origin = nullptr;
  for (const Value* o : blocks(behavior.distribution->body(), "origin")) {
    const Value* id = member(*o, "origin_id");
    if (id && id->is_string() && id->as_string() == behavior.target_origin_id) origin = o;
  }
  if (origin == nullptr) return std::nullopt;
  OriginRouting out;
  out.load_balancer = load_balancer_of(configuration, member(*origin, "domain_name"));
  if (out.load_balancer == nullptr) return std::nullopt;
  if (const Value* path = member(*origin, "origin_path")) {
    if (!path->is_string()) return std::nullopt;
    out.origin_path = path->as_string();
  }

  // Target group -> the one app its services run (nullopt: none or unclear).
  const contracts::ContractModel& contracts = model.contracts();
  auto app_index = [&](const tf::ResourceInstance* tg) -> std::optional<size_t> {
    for (size_t i = 0; i < out.apps_.size(); ++i)
      if (out.apps_[i].target_group == tg) return out.apps_[i].app ? std::optional(i) : std::nullopt;
    ServedApp served{nullptr, tg, nullptr, {}};
    bool unclear = false;
    for (const model::Service& service : model.services()) {
      for (const Value* lb : blocks(service.resource->body(), "load_balancer")) {
        if (target_group_of(configuration, member(*lb, "target_group_arn")) != tg) continue;
        const Value* name = member(*lb, "container_name");
        const contracts::App* app = nullptr;
        if (name && name->is_string() && service.task)
          for (const model::Container& c : service.task->containers)
            if (c.name.is_string() && c.name.as_string() == name->as_string())
              app = contracts.app_for_container(c.name.as_string(), contracts::container_file(*service.task, c));
        if (app == nullptr || (served.app && served.app != app)) unclear = true;
        served.app = app;
        served.service = service.resource;
        if (name && name->is_string()) served.container = name->as_string();
      }
    }
    if (unclear) served.app = nullptr;
    out.apps_.push_back(served);
    return served.app ? std::optional(out.apps_.size() - 1) : std::nullopt;
  };
  // Forward to several target groups (weighted): one app only when they all run it.
  auto effect_app = [&](const ActionEffect& e) -> std::optional<size_t> {
    std::optional<size_t> first;
    for (const tf::ResourceInstance* tg : e.target_groups) {
      auto i = app_index(tg);
      if (!i || (first && out.apps_[*first].app != out.apps_[*i].app)) return std::nullopt;
      if (!first) first = i;
    }
    return first;
  };

  std::vector<const tf::ResourceInstance*> listener_rules = configuration.of_type("aws_lb_listener_rule");
  for (const auto* r : configuration.of_type("aws_alb_listener_rule")) listener_rules.push_back(r);
  std::vector<const tf::ResourceInstance*> listeners = configuration.of_type("aws_lb_listener");
  for (const auto* l : configuration.of_type("aws_alb_listener")) listeners.push_back(l);
  for (const tf::ResourceInstance* listener : listeners) {
    const auto* lb = referenced(configuration, member(listener->body(), "load_balancer_arn"), {"aws_lb", "aws_alb"},
                                {"arn", "id"});
    if (lb != out.load_balancer) continue;
    OriginRouting::Listener& l = out.listeners_.emplace_back();
    ActionEffect def = action_effect(configuration, blocks(listener->body(), "default_action"));
    l.default_serves = def.kind != ActionEffect::Kind::None;
    if (def.kind == ActionEffect::Kind::Forward) l.default_app = effect_app(def);
    for (const tf::ResourceInstance* rule : listener_rules) {
      if (referenced(configuration, member(rule->body(), "listener_arn"), {"aws_lb_listener", "aws_alb_listener"},
                     {"arn", "id"}) != listener)
        continue;
      OriginRouting::Rule& r = l.rules.emplace_back();
      if (const Value* p = member(rule->body(), "priority"); p && p->is_number()) r.priority = p->as_number();
      auto conditions = blocks(rule->body(), "condition");
      int path_conditions = 0;
      for (const Value* c : conditions) {
        for (const eval::Member& m : c->members()) {
          if (m.value.is_null() || (m.value.is_tuple() && m.value.items().empty())) continue;
          bool legacy_path = m.key == "field" && m.value.is_string() && m.value.as_string() == "path-pattern";
          if (m.key == "values") continue;
          if (m.key != "path_pattern" && !legacy_path) {
            r.only_path_conditions = false;
            continue;
          }
          ++path_conditions;
          const Value* values = legacy_path ? member(*c, "values")
                                            : (m.value.is_tuple() && m.value.items().size() == 1
                                                   ? member(m.value.items()[0], "values")
                                                   : nullptr);
          if (!values || !values->is_tuple()) {
            r.only_path_conditions = false;
            continue;
          }
          for (const Value& v : values->items()) {
            if (v.is_string()) r.path_patterns.push_back(v.as_string());
            else r.only_path_conditions = false;
          }
        }
      }
      if (path_conditions != 1) r.only_path_conditions = false;  // none (other conditions only), or ANDed
      ActionEffect e = action_effect(configuration, blocks(rule->body(), "action"));
      r.kind = e.kind == ActionEffect::Kind::None ? OriginRouting::Rule::Kind::None : OriginRouting::Rule::Kind::Unclear;
      if (e.kind == ActionEffect::Kind::Forward)
        if ((r.app = effect_app(e))) r.kind = OriginRouting::Rule::Kind::App;
    }
    // Lower priority numbers first; unknown priorities cannot be ordered, so
    // they go first, where a possible match makes the outcome unclear.
    std::ranges::stable_sort(l.rules, {}, [](const OriginRouting::Rule& r) { return r.priority.value_or(-1); });
  }
  if (out.listeners_.empty()) return std::nullopt;
  if (std::ranges::none_of(out.apps_, [](const ServedApp& a) { return a.app != nullptr; })) return std::nullopt;
  return out;
}

OriginRouting::Outcome OriginRouting::route(const Listener& listener, std::string_view path, size_t* app) const {
  for (const Rule& r : listener.rules) {
    PathMatch best = r.path_patterns.empty() ? PathMatch::Maybe : PathMatch::No;
    for (const std::string& p : r.path_patterns) best = std::max(best, match_path(p, path));
    if (!r.only_path_conditions && best == PathMatch::Yes) best = PathMatch::Maybe;
    if (best == PathMatch::No) continue;
    if (best == PathMatch::Maybe || r.kind == Rule::Kind::Unclear) return Outcome::Unclear;
    if (r.kind == Rule::Kind::None) return Outcome::None;
    *app = *r.app;
    return Outcome::App;
  }
  if (!listener.default_serves) return Outcome::None;
  if (!listener.default_app) return Outcome::Unclear;
  *app = *listener.default_app;
  return Outcome::App;
}

const ServedApp* OriginRouting::app_for(std::string_view path) const {
  const ServedApp* found = nullptr;
  for (const Listener& l : listeners_) {
    size_t index = 0;
    switch (route(l, path, &index)) {
      case Outcome::None: continue;
      case Outcome::Unclear: return nullptr;
      case Outcome::App:
        if (found && found->app != apps_[index].app) return nullptr;
        found = &apps_[index];
    }
  }
  return found;
}

}  // namespace ecslint::rules::cloudfront
