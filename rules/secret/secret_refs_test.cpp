#include "rules/secret/secret_refs.h"

#include <gtest/gtest.h>

namespace ecslint::rules::secret {
namespace {

// What the name says decides, with `why` the part that said it; public,
// structural and flag-like names that end the same way do not count.
TEST(SecretLookingName, EndingsAndWholeNamesCountExceptPublicOrStructuralOnes) {
  struct Case {
    const char* name;
    bool secret;
    const char* why;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"DB_PASSWORD", true, "_PASSWORD"},  {"api_key", true, "_KEY"},
           {"Stripe_Secret", true, "_SECRET"},  {"GITHUB_TOKEN", true, "_TOKEN"},
           {"SMTP_PASS", true, "_PASS"},        {"LDAP_PASSWD", true, "_PASSWD"},
           {"password", true, "PASSWORD"},      {"SECRET", true, "SECRET"},
           {"token", true, "TOKEN"},            {"_KEY", false, ""},
           {"LOG_LEVEL", false, ""},            {"PORT", false, ""},
           {"KEYS", false, ""},                 {"PASSWORD_POLICY", false, ""},
           {"STRIPE_PUBLIC_KEY", false, ""},    {"STRIPE_PUBLISHABLE_KEY", false, ""},
           {"DYNAMO_PARTITION_KEY", false, ""}, {"KMS_KEY", false, ""},
           {"ENCRYPTION_KEY", false, ""},       {"EFS_CREATION_TOKEN", false, ""},
           {"CREATE_ACCESS_KEY", false, ""},    {"MANAGE_MASTER_USER_PASSWORD", false, ""},
           {"IS_SECRET", false, ""},            {"PUBLIC_API_TOKEN", false, ""},
       }) {
    std::string why;
    EXPECT_EQ(secret_looking_name(c.name, &why), c.secret) << c.name;
    EXPECT_EQ(why, c.why) << c.name;
  }
}

}  // namespace
}  // namespace ecslint::rules::secret
