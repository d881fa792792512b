#include "rules/dashboard/dashboard_body.h"

#include <gtest/gtest.h>

namespace ecslint::rules::dashboard {
namespace {

using eval::StringPiece;
using eval::Value;

struct Case {
  const char* name;
  Value text;
  DashboardBody::State want;
};

TEST(DashboardBody, DecodesKnownPartialAndInvalidText) {
  std::vector<Case> cases = {
      {"valid", Value::string(R"({"widgets": []})"), DashboardBody::State::Parsed},
      {"trailing comma", Value::string(R"({"widgets": [1,]})"), DashboardBody::State::Invalid},
      {"unknown value inside a string",
       Value::unknown_string({StringPiece{R"({"widgets": [], "x": ")", "", false}, StringPiece{"", "var.x", true},
                              StringPiece{R"("})", "", false}}),
       DashboardBody::State::Parsed},
      {"unknown value outside strings",
       Value::unknown_string({StringPiece{R"({"widgets": [)", "", false}, StringPiece{"", "var.w", true},
                              StringPiece{"]}", "", false}}),
       DashboardBody::State::Parsed},
      {"unknown members: cannot say it is invalid",
       Value::unknown_string({StringPiece{R"({"widgets": [], )", "", false}, StringPiece{"", "var.m", true},
                              StringPiece{"}", "", false}}),
       DashboardBody::State::Unknown},
      {"wholly unknown", Value::unknown({}, "data.template_file.x.rendered"), DashboardBody::State::Unknown},
  };
  for (const Case& c : cases) {
    DashboardBody body = decode_body(c.text, {});
    EXPECT_EQ(body.state, c.want) << c.name;
  }
}

TEST(DashboardBody, UnknownPiecesBecomeUnknownValues) {
  Value text = Value::unknown_string({StringPiece{R"({"widgets": [], "region": ")", "", false},
                                      StringPiece{"", "var.region", true}, StringPiece{R"("})", "", false}});
  DashboardBody body = decode_body(text, {});
  ASSERT_EQ(body.state, DashboardBody::State::Parsed);
  const Value* region = body.json.member("region");
  ASSERT_NE(region, nullptr);
  EXPECT_FALSE(region->is_known());
  ASSERT_NE(body.json.member("widgets"), nullptr);
  EXPECT_TRUE(body.json.member("widgets")->is_tuple());
}

TEST(DashboardBody, JsonencodeGivesTheEncodedStructure) {
  Value structure = Value::object({{"widgets", Value::tuple({}), {}}});
  Value text = Value::string(R"({"widgets":[]})").with_encoded_from(structure);
  DashboardBody body = decode_body(text, {});
  ASSERT_EQ(body.state, DashboardBody::State::Parsed);
  EXPECT_TRUE(equal_values(body.json, structure));
}

}  // namespace
}  // namespace ecslint::rules::dashboard
