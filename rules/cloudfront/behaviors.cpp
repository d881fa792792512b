#include "rules/cloudfront/behaviors.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "analyzer/text.h"

namespace ecslint::rules::cloudfront {

using eval::Value;

namespace {

struct ManagedPolicy {
  std::string_view name;  // without the "Managed-" prefix
  std::string_view id;
  HeaderForwarding::Kind kind;
  std::vector<std::string> names;  // Listed: forwarded; All: excluded
  std::optional<double> default_ttl;
};

// AWS-FACTS §5.2 (CFDG using-managed-cache-policies.md, using-managed-origin-request-policies.md).
const std::vector<ManagedPolicy>& managed_cache_policies() {
  static const std::vector<ManagedPolicy> kPolicies = {
      {"CachingDisabled", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", HeaderForwarding::Kind::Listed, {}, 0},
      {"CachingOptimized", "658327ea-f89d-4fab-a63d-7e88639e58f6", HeaderForwarding::Kind::Listed, {}, 86400},
      {"CachingOptimizedForUncompressedObjects", "b2884449-e4de-46a7-ac36-70bc7f1ddd6d",
       HeaderForwarding::Kind::Listed, {}, 86400},
  };
  return kPolicies;
}

const std::vector<ManagedPolicy>& managed_origin_request_policies() {
  static const std::vector<ManagedPolicy> kPolicies = {
      {"AllViewer", "216adef6-5c7f-47e4-b989-5492eafa07d3", HeaderForwarding::Kind::All, {}, std::nullopt},
      {"AllViewerExceptHostHeader", "b689b0a8-53d0-40ab-baf2-68738e2966ac", HeaderForwarding::Kind::All, {"Host"},
       std::nullopt},
      {"AllViewerAndCloudFrontHeaders-2022-06", "33f36d7e-f396-46d9-90e0-52428a34d9dc", HeaderForwarding::Kind::All,
       {}, std::nullopt},
      {"CORS-CustomOrigin", "59781a5b-3903-41f3-afcb-af62929ccde1", HeaderForwarding::Kind::Listed, {"Origin"},
       std::nullopt},
      {"CORS-S3Origin", "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf", HeaderForwarding::Kind::Listed,
       {"Origin", "Access-Control-Request-Headers", "Access-Control-Request-Method"}, std::nullopt},
      {"UserAgentRefererHeaders", "acba4595-bd28-49b8-b9fe-13317c0390fa", HeaderForwarding::Kind::Listed,
       {"User-Agent", "Referer"}, std::nullopt},
  };
  return kPolicies;
}

const ManagedPolicy* find_managed(const std::vector<ManagedPolicy>& table, std::string_view name_or_id) {
  std::string_view name = name_or_id;
  if (name.starts_with("Managed-")) name.remove_prefix(8);
  for (const ManagedPolicy& p : table)
    if (p.id == name_or_id || iequals(p.name, name)) return &p;
  return nullptr;
}

// The first object of a nested block (a tuple of objects), or nullptr.
const Value* first_block(const Value& parent, std::string_view key) {
  if (!parent.is_object()) return nullptr;
  const Value* v = parent.member(key);
  if (!v || !v->is_tuple() || v->items().empty()) return nullptr;
  const Value& first = v->items().front();
  return first.is_object() ? &first : nullptr;
}

const Value* attribute(const Value& parent, std::string_view key) {
  if (!parent.is_object()) return nullptr;
  const Value* v = parent.member(key);
  return v && !v->is_null() ? v : nullptr;
}

std::optional<std::string> known_string(const Value* v) {
  if (!v || !v->is_string()) return std::nullopt;
  return v->as_string();
}

// Reads a list of header names; nullopt when any part is unknown.
std::optional<std::vector<std::string>> string_list(const Value& list) {
  if (!list.is_tuple()) return std::nullopt;
  std::vector<std::string> out;
  for (const Value& item : list.items()) {
    if (!item.is_string()) return std::nullopt;
    out.push_back(item.as_string());
  }
  return out;
}

struct PolicyHeaders {
  HeaderForwarding headers;
  std::optional<double> default_ttl;
  Location default_ttl_at;
};

// The headers a cache policy or origin request policy puts in the request
// to the origin. `cache` tells which of the two kinds `ref` is.
PolicyHeaders policy_headers(const Value& id, const tf::Configuration& configuration, bool cache, PolicyRef& ref,
                             Location fallback) {
  PolicyHeaders out;
  out.headers.at = location_of(id, fallback);
  const auto& table = cache ? managed_cache_policies() : managed_origin_request_policies();
  auto from_managed = [&](const ManagedPolicy& p) {
    ref.kind = PolicyRef::Kind::Managed;
    ref.label = fmt::format("Managed-{}", p.name);
    out.headers.kind = p.kind;
    out.headers.names = p.names;
    out.headers.source = fmt::format("the managed {} policy {}", cache ? "cache" : "origin request", ref.label);
    out.default_ttl = p.default_ttl;
    out.default_ttl_at = out.headers.at;
  };
  ref.kind = PolicyRef::Kind::Unknown;
  if (id.is_string()) {
    if (const ManagedPolicy* p = find_managed(table, id.as_string())) from_managed(*p);
    return out;
  }
  if (id.is_known() || id.symbol().empty()) return out;
  std::string attr;
  const tf::ResourceInstance* instance = configuration.resolve_symbol(id.symbol(), &attr);
  if (!instance || attr != "id") return out;
  std::string_view type = cache ? "aws_cloudfront_cache_policy" : "aws_cloudfront_origin_request_policy";
  if (instance->type != type) return out;
  if (instance->data) {
    // data "aws_cloudfront_cache_policy" "x" { name = "Managed-CachingDisabled" } (or id = "...")
    auto name = known_string(attribute(instance->body(), "name"));
    if (!name) name = known_string(attribute(instance->body(), "id"));
    if (name)
      if (const ManagedPolicy* p = find_managed(table, *name)) from_managed(*p);
    return out;
  }
  ref.kind = PolicyRef::Kind::Custom;
  ref.instance = instance;
  ref.label = instance->address;
  out.headers.source = fmt::format("{} policy {}", cache ? "cache" : "origin request", instance->address);
  Location block_at = instance->location;
  const Value* headers_config = nullptr;
  if (cache) {
    const Value* params = first_block(instance->body(), "parameters_in_cache_key_and_forwarded_to_origin");
    headers_config = params ? first_block(*params, "headers_config") : nullptr;
    if (const Value* ttl = attribute(instance->body(), "default_ttl"); ttl && ttl->is_number()) {
      out.default_ttl = ttl->as_number();
      out.default_ttl_at = location_of(*ttl, block_at);
    }
  } else {
    headers_config = first_block(instance->body(), "headers_config");
  }
  if (!headers_config) return out;
  auto behavior = known_string(attribute(*headers_config, "header_behavior"));
  if (!behavior) return out;
  const Value* headers_block = first_block(*headers_config, "headers");
  const Value* items = headers_block ? attribute(*headers_block, "items") : nullptr;
  std::optional<std::vector<std::string>> names;
  if (items) names = string_list(*items);
  out.headers.at = location_of(items ? *items : *headers_config, block_at);
  if (*behavior == "none") {
    out.headers.kind = HeaderForwarding::Kind::Listed;
    out.headers.at = location_of(*attribute(*headers_config, "header_behavior"), block_at);
  } else if (*behavior == "whitelist") {
    if (!items) return out;  // the provider requires items here; nothing to say
    if (!names) return out;
    out.headers.kind = HeaderForwarding::Kind::Listed;
    out.headers.names = *names;
    out.headers.literal_list = items;
  } else if (!cache && (*behavior == "allViewer" || *behavior == "allViewerAndWhitelistCloudFront")) {
    out.headers.kind = HeaderForwarding::Kind::All;
  } else if (!cache && *behavior == "allExcept") {
    if (items && !names) return out;
    out.headers.kind = HeaderForwarding::Kind::All;
    if (names) out.headers.names = *names;
  }
  return out;
}

bool contains_header(const std::vector<std::string>& names, std::string_view header) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return iequals(n, header); });
}

// Cache policy headers + origin request policy headers.
HeaderForwarding combine(const HeaderForwarding& cache, const HeaderForwarding& request, bool has_request) {
  if (!has_request) return cache;
  using K = HeaderForwarding::Kind;
  if (request.kind == K::All) {
    HeaderForwarding out = request;
    // A header in the cache key reaches the origin even when the origin
    // request policy excludes it.
    if (cache.kind == K::Listed)
      std::erase_if(out.names, [&](const std::string& n) { return contains_header(cache.names, n); });
    return out;
  }
  if (cache.kind == K::Unknown || request.kind == K::Unknown) {
    HeaderForwarding out;
    out.at = request.at;
    return out;
  }
  HeaderForwarding out = request;
  for (const std::string& n : cache.names)
    if (!contains_header(out.names, n)) out.names.push_back(n);
  out.source = fmt::format("{} and {}", cache.source, request.source);
  return out;
}

void read_behavior(Behavior& b, const tf::Configuration& configuration) {
  const Value& block = *b.block;
  if (!b.is_default) {
    if (auto path = known_string(attribute(block, "path_pattern"))) b.path_pattern = *path;
  } else {
    b.path_pattern = "*";
  }
  if (const Value* methods = attribute(block, "allowed_methods")) {
    b.allowed_methods_value = methods;
    if (auto list = string_list(*methods)) {
      for (std::string& m : *list) m = ascii_upper(m);
      b.allowed_methods = std::move(*list);
    }
  }
  if (auto target = known_string(attribute(block, "target_origin_id"))) b.target_origin_id = *target;

  const Value* cache_id = attribute(block, "cache_policy_id");
  const Value* request_id = attribute(block, "origin_request_policy_id");
  b.forwarded_values = first_block(block, "forwarded_values");
  if (cache_id) {
    b.cache_policy.attribute = cache_id;
    b.cache_policy_at = attribute_location(block, "cache_policy_id", b.location);
    b.origin_request_policy_at = attribute_location(block, "origin_request_policy_id", b.location);
    PolicyHeaders cache = policy_headers(*cache_id, configuration, true, b.cache_policy, b.location);
    b.default_ttl = cache.default_ttl;
    b.default_ttl_at = cache.default_ttl_at;
    PolicyHeaders request;
    if (request_id) {
      b.origin_request_policy.attribute = request_id;
      request = policy_headers(*request_id, configuration, false, b.origin_request_policy, b.location);
    }
    b.headers = combine(cache.headers, request.headers, request_id != nullptr);
    b.cache_key = cache.headers;
    return;
  }
  if (!b.forwarded_values) return;
  if (const Value* ttl = attribute(block, "default_ttl"); ttl && ttl->is_number()) {
    b.default_ttl = ttl->as_number();
    b.default_ttl_at = attribute_location(block, "default_ttl", b.location);
  }
  HeaderForwarding& h = b.headers;
  h.legacy = true;
  h.source = "forwarded_values.headers";
  const Value* headers = attribute(*b.forwarded_values, "headers");
  h.at = headers ? attribute_location(*b.forwarded_values, "headers", b.location)
               : location_of(*b.forwarded_values, b.location);
  if (!headers) {
    h.kind = HeaderForwarding::Kind::Listed;
    return;
  }
  auto names = string_list(*headers);
  if (!names) return;
  if (contains_header(*names, "*")) {
    h.kind = HeaderForwarding::Kind::All;
    b.cache_key = h;
    return;
  }
  h.kind = HeaderForwarding::Kind::Listed;
  h.allowlist = !names->empty();
  h.names = std::move(*names);
  h.literal_list = headers;
  b.cache_key = h;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::optional<bool> HeaderForwarding::forwards(std::string_view header) const {
  switch (kind) {
    case Kind::Unknown: return std::nullopt;
    case Kind::All: return !contains_header(names, header);
    case Kind::Listed: return contains_header(names, header);
  }
  return std::nullopt;
}

std::string Behavior::label() const {
  if (is_default) return "default_cache_behavior";
  return path_pattern ? fmt::format("ordered_cache_behavior \"{}\"", *path_pattern) : "ordered_cache_behavior";
}

bool Behavior::allows(std::string_view method) const {
  return allowed_methods && std::find(allowed_methods->begin(), allowed_methods->end(), method) != allowed_methods->end();
}

Location location_of(const Value& v, Location fallback) {
  if (v.origin().known()) return {v.origin().file, v.origin().range};
  return fallback;
}

Location attribute_location(const Value& block, std::string_view key, Location fallback) {
  Location block_at = location_of(block, fallback);
  if (!block.is_object()) return block_at;
  for (const eval::Member& m : block.members()) {
    if (m.key != key) continue;
    const eval::Origin& o = m.value.origin();
    if (o.known() && o.file == block_at.file && o.range.begin >= block_at.range.begin &&
        o.range.end <= block_at.range.end)
      return {o.file, o.range};
    if (m.key_origin.known()) return {m.key_origin.file, m.key_origin.range};
    return block_at;
  }
  return block_at;
}

std::optional<Edit> append_to_literal_list(const Value& list, std::span<const std::string> names) {
  const eval::Origin& o = list.origin();
  if (!list.is_tuple() || !o.known() || names.empty()) return std::nullopt;
  std::string_view text = o.file->slice(o.range);
  if (text.size() < 2 || text.front() != '[' || text.back() != ']') return std::nullopt;
  // Items written one after the other inside the brackets, separated only by
  // commas and blanks: the tuple is the literal text, not a for expression.
  uint32_t pos = o.range.begin + 1;
  auto only_separators = [&](uint32_t from, uint32_t to, bool allow_comma) {
    if (from > to) return false;
    std::string_view gap = o.file->slice({from, to});
    return std::all_of(gap.begin(), gap.end(), [&](char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\r' || (allow_comma && c == ',');
    });
  };
  for (const Value& item : list.items()) {
    const eval::Origin& io = item.origin();
    if (!item.is_string() || io.file != o.file || io.range.begin < pos || io.range.end > o.range.end - 1)
      return std::nullopt;
    if (!only_separators(pos, io.range.begin, true)) return std::nullopt;
    std::string_view written = o.file->slice(io.range);
    if (written.size() < 2 || written.front() != '"' || written.back() != '"') return std::nullopt;
    pos = io.range.end;
  }
  if (!only_separators(pos, o.range.end - 1, true)) return std::nullopt;
  std::string added;
  for (const std::string& n : names) {
    if (!added.empty() || !list.items().empty()) added += ", ";
    added += fmt::format("\"{}\"", n);
  }
  // Insert right after the last item (before a trailing comma or line break).
  uint32_t at = list.items().empty() ? o.range.begin + 1 : list.items().back().origin().range.end;
  return Edit{o.file, {at, at}, std::move(added)};
}

std::vector<Behavior> behaviors(const tf::Configuration& configuration) {
  std::vector<Behavior> out;
  for (const tf::ResourceInstance* dist : configuration.of_type("aws_cloudfront_distribution")) {
    const Value& body = dist->body();
    if (!body.is_object()) continue;
    auto add = [&](std::string_view key, bool is_default) {
      const Value* blocks = body.member(key);
      if (!blocks || !blocks->is_tuple()) return;
      for (const Value& block : blocks->items()) {
        if (!block.is_object()) continue;
        Behavior& b = out.emplace_back();
        b.distribution = dist;
        b.block = &block;
        b.is_default = is_default;
        b.location = location_of(block, dist->location);
        read_behavior(b, configuration);
        // The target origin: custom (ALB, API) or S3.
        if (const Value* origins = body.member("origin"); origins && origins->is_tuple() && !b.target_origin_id.empty()) {
          for (const Value& origin : origins->items()) {
            auto id = known_string(attribute(origin, "origin_id"));
            if (!id || *id != b.target_origin_id) continue;
            const Value* custom = origin.member("custom_origin_config");
            const Value* s3 = origin.member("s3_origin_config");
            bool has_custom = custom && custom->is_tuple() && !custom->items().empty();
            bool has_s3 = s3 && s3->is_tuple() && !s3->items().empty();
            if (has_custom) b.custom_origin = true;
            else if (has_s3) b.custom_origin = false;
          }
        }
      }
    };
    add("default_cache_behavior", true);
    add("ordered_cache_behavior", false);
  }
  return out;
}

bool any_path_segment(std::string_view pattern, const std::function<bool(std::string_view)>& test) {
  std::string lower;
  for (char c : pattern) lower += char(std::tolower(static_cast<unsigned char>(c)));
  std::string_view rest = lower;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    while (!segment.empty() && segment.back() == '*') segment.remove_suffix(1);
    if (test(segment)) return true;
  }
  return false;
}

}  // namespace ecslint::rules::cloudfront
