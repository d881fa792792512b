#include "rules/env/cloud_map.h"

#include <gtest/gtest.h>

namespace ecslint::rules::env {
namespace {

CloudMap with_namespaces(std::vector<std::string> names) {
  CloudMap map;
  for (std::string& n : names) map.namespaces.push_back({nullptr, std::move(n), {}, false});
  return map;
}

TEST(CloudMap, HostMatchesTheLongestDeclaredNamespace) {
  CloudMap map = with_namespaces({"internal", "shop.internal"});
  std::string label;
  const DnsNamespace* ns = map.namespace_of_host("cart.shop.internal", &label);
  ASSERT_NE(ns, nullptr);
  EXPECT_EQ(ns->name, "shop.internal");
  EXPECT_EQ(label, "cart");
  ns = map.namespace_of_host("a.b.internal", &label);
  ASSERT_NE(ns, nullptr);
  EXPECT_EQ(ns->name, "internal");
  EXPECT_EQ(label, "a.b");
}

TEST(CloudMap, HostOutsideEveryNamespaceMatchesNone) {
  CloudMap map = with_namespaces({"shop.internal"});
  std::string label;
  EXPECT_EQ(map.namespace_of_host("shop.internal", &label), nullptr);      // the apex itself
  EXPECT_EQ(map.namespace_of_host("cartshop.internal", &label), nullptr);  // not at a label boundary
  EXPECT_EQ(map.namespace_of_host("cart.example.com", &label), nullptr);
}

TEST(CloudMap, ServiceConnectNamesResolve) {
  CloudMap map;
  map.connect_dns_names = {"cart.shop.internal"};
  map.connect_short_names = {"orders"};
  EXPECT_TRUE(map.service_connect_may_resolve("cart.shop.internal", "cart"));
  EXPECT_TRUE(map.service_connect_may_resolve("orders.shop.internal", "orders"));
  EXPECT_FALSE(map.service_connect_may_resolve("search.shop.internal", "search"));
  map.connect_unknown = true;  // an alias we could not read may be any name
  EXPECT_TRUE(map.service_connect_may_resolve("search.shop.internal", "search"));
}

TEST(CloudMap, NormalizesHosts) {
  EXPECT_EQ(normalize_host("Cart.Shop.Internal."), "cart.shop.internal");
  EXPECT_EQ(normalize_host("api"), "api");
}

}  // namespace
}  // namespace ecslint::rules::env
