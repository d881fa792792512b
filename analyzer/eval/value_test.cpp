#include "analyzer/eval/value.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

namespace ecslint::eval {
namespace {

Value object_of(std::initializer_list<std::pair<const char*, Value>> members) {
  std::vector<Member> out;
  for (const auto& [key, value] : members) out.push_back({Key::stable(key), value, {}});  // literals: static
  return Value::object(std::move(out));
}

TEST(Value, StaysSmall) { EXPECT_LE(sizeof(Value), 32u); }

TEST(Value, ScalarsKeepTheirKindAndContent) {
  EXPECT_EQ(Value::number(2.5).as_number(), 2.5);
  EXPECT_TRUE(Value::boolean(true).as_bool());
  EXPECT_FALSE(Value::boolean(false).as_bool());
  EXPECT_EQ(Value::string("x").as_number(), 0);  // no number behind a string
  EXPECT_FALSE(Value::number(1).as_bool());
  EXPECT_EQ(Value::string("").as_string(), "");
  EXPECT_TRUE(Value::string("").is_string());
  EXPECT_EQ(Value::string(std::string(100, 'a')).as_string(), std::string(100, 'a'));
  EXPECT_TRUE(Value::null().is_null());
  EXPECT_FALSE(Value().is_known());
}

TEST(Value, ObjectMembersSortedLaterDuplicateWins) {
  std::vector<Member> members = {{"b", Value::number(1), {}}, {"a", Value::number(2), {}},
                                 {"b", Value::number(3), {}}, {"c", Value::number(4), {}},
                                 {"a", Value::number(5), {}}};
  Value o = Value::object(std::move(members));
  ASSERT_EQ(o.members().size(), 3u);
  EXPECT_EQ(o.members()[0].key, "a");
  EXPECT_EQ(o.members()[0].value.as_number(), 5);
  EXPECT_EQ(o.members()[1].value.as_number(), 3);
  EXPECT_EQ(o.member("c")->as_number(), 4);
  EXPECT_EQ(o.member("d"), nullptr);

  // Past the small-object path as well.
  std::vector<Member> many;
  for (int i = 60; i-- > 0;) many.push_back({Key::interned("k" + std::to_string(i % 40)), Value::number(i), {}});
  Value big = Value::object(std::move(many));
  ASSERT_EQ(big.members().size(), 40u);
  EXPECT_EQ(big.member("k0")->as_number(), 0);  // i = 40 came first, i = 0 last
  EXPECT_TRUE(std::is_sorted(big.members().begin(), big.members().end(),
                             [](const Member& a, const Member& b) { return a.key.view() < b.key.view(); }));
}

// A computed key is copied into the key store: it outlives the text it was
// made from, and equal texts on one thread share one copy.
TEST(Key, InternedKeysOutliveTheirTextAndAreStoredOnce) {
  Key a, b;
  {
    std::string text = "computed-" + std::to_string(42);
    a = Key::interned(text);
    b = Key::interned(std::string_view(text));
    text.assign(text.size(), 'x');  // the text it was made from changes, then is freed
  }
  EXPECT_EQ(a, "computed-42");
  EXPECT_EQ(a.data(), b.data());
  EXPECT_NE(Key::interned("computed-43").data(), a.data());
  EXPECT_TRUE(Key::interned("").empty());
  std::string big(20000, 'k');  // larger than a chunk of the store
  EXPECT_EQ(Key::interned(big).view(), big);

  // A stable key is a view: no copy.
  std::string_view source = "name = 1";
  EXPECT_EQ(Key::stable(source.substr(0, 4)).data(), source.data());

  // An object built from interned keys reads them after the texts are gone.
  std::vector<Member> members;
  for (int i = 3; i-- > 0;) members.push_back({Key::interned("k" + std::to_string(i)), Value::number(i), {}});
  Value o = Value::object(std::move(members));
  ASSERT_EQ(o.members().size(), 3u);
  EXPECT_EQ(o.members()[0].key, "k0");
  EXPECT_EQ(o.member("k2")->as_number(), 2);
}

// Against std::stable_sort by std::string's order and "the last duplicate
// wins", for objects on both sides of the small-object path (64 members),
// already sorted or not, with shared prefixes, an empty key and bytes past
// 0x7f (which order after ASCII, as std::string orders them).
TEST(Value, ObjectOrderMatchesAStableSortOfTheKeys) {
  const std::vector<std::string> alphabet = {"", "a", "ab", "abc", "b", "ba", "\xc3\xa9", "z", "Z", "a\x80", "abcdefghijklmnopq"};
  uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  for (size_t n = 0; n <= 70; ++n) {
    for (int sorted_input = 0; sorted_input < 2; ++sorted_input) {
      std::vector<Member> members;
      for (size_t i = 0; i < n; ++i) {
        std::string key = alphabet[next() % alphabet.size()] + (n > 11 ? std::to_string(next() % (n / 2 + 1)) : "");
        members.push_back({Key::interned(key), Value::number(double(i)), {}});
      }
      if (sorted_input)
        std::stable_sort(members.begin(), members.end(), [](const Member& a, const Member& b) { return a.key.view() < b.key.view(); });
      std::vector<std::pair<std::string, double>> expected;
      for (const Member& m : members) expected.emplace_back(m.key, m.value.as_number());
      std::stable_sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      std::vector<std::pair<std::string, double>> deduplicated;
      for (const auto& e : expected) {
        if (!deduplicated.empty() && deduplicated.back().first == e.first) deduplicated.back() = e;
        else deduplicated.push_back(e);
      }
      Value o = Value::object(std::move(members));
      ASSERT_EQ(o.members().size(), deduplicated.size()) << "n=" << n;
      for (size_t i = 0; i < deduplicated.size(); ++i) {
        EXPECT_EQ(o.members()[i].key, deduplicated[i].first) << "n=" << n << " i=" << i;
        EXPECT_EQ(o.members()[i].value.as_number(), deduplicated[i].second) << "n=" << n << " i=" << i;
        ASSERT_NE(o.member(deduplicated[i].first), nullptr);
        EXPECT_EQ(o.member(deduplicated[i].first)->as_number(), deduplicated[i].second);
      }
      EXPECT_EQ(o.member("absent"), nullptr);
    }
  }
}

TEST(Value, DeepSummariesFollowTheElements) {
  Value known = Value::tuple({Value::number(1), object_of({{"a", Value::string("x")}})});
  EXPECT_TRUE(known.is_wholly_known());
  EXPECT_FALSE(known.contains_sensitive());
  Value nested_unknown = Value::tuple({Value::number(1), object_of({{"a", Value::unknown()}})});
  EXPECT_FALSE(nested_unknown.is_wholly_known());
  Value nested_secret = object_of({{"a", Value::tuple({Value::string("s").marked_sensitive()})}});
  EXPECT_TRUE(nested_secret.contains_sensitive());
  EXPECT_FALSE(nested_secret.sensitive());
  EXPECT_TRUE(Value::tuple({}).is_wholly_known());
  // A symbol does not change what the object holds.
  EXPECT_TRUE(nested_secret.with_symbol("aws_x.y").contains_sensitive());
  EXPECT_FALSE(nested_unknown.with_symbol("aws_x.y").is_wholly_known());
}

TEST(Value, SymbolsDoNotDisturbContent) {
  Value body = object_of({{"name", Value::string("api")}});
  Value named = body.with_symbol("aws_ecs_service.api");
  EXPECT_EQ(named.symbol(), "aws_ecs_service.api");
  EXPECT_EQ(body.symbol(), "");
  EXPECT_EQ(named.member("name")->as_string(), "api");
  EXPECT_EQ(named.members().data(), body.members().data());  // shared, not copied
  Value renamed = named.with_symbol("aws_ecs_service.other");
  EXPECT_EQ(renamed.symbol(), "aws_ecs_service.other");
  EXPECT_EQ(named.symbol(), "aws_ecs_service.api");

  Value n = Value::number(7).with_symbol("local.n");
  EXPECT_TRUE(n.is_number());
  EXPECT_EQ(n.as_number(), 7);
  EXPECT_EQ(n.symbol(), "local.n");
  Value b = Value::boolean(true).with_symbol("local.b");
  EXPECT_TRUE(b.as_bool());

  Value u = Value::unknown({}, "aws_lb.main.arn");
  EXPECT_EQ(u.symbol(), "aws_lb.main.arn");
  EXPECT_TRUE(u.pieces().empty());
}

TEST(Value, PiecesErrorsAndEncodedSources) {
  Value partial = Value::unknown_string({{.text = "arn:", .symbol = {}, .unknown = false},
                                         {.text = {}, .symbol = "aws_x.y.id", .unknown = true}});
  ASSERT_EQ(partial.pieces().size(), 2u);
  EXPECT_EQ(partial.pieces()[1].symbol, "aws_x.y.id");
  EXPECT_FALSE(partial.is_known());

  Value err = Value::error("boom");
  EXPECT_TRUE(err.is_error());
  EXPECT_EQ(err.error_message(), "boom");
  EXPECT_EQ(err.as_string(), "");
  EXPECT_EQ(err.with_symbol("x").error_message(), "boom");
  EXPECT_EQ(Value::string("boom").error_message(), "");

  Value source = object_of({{"a", Value::number(1)}});
  Value text = Value::string("{\"a\":1}").with_encoded_from(source);
  ASSERT_NE(text.encoded_from(), nullptr);
  EXPECT_EQ(text.encoded_from()->member("a")->as_number(), 1);
  EXPECT_EQ(text.as_string(), "{\"a\":1}");
  EXPECT_EQ(Value::string("x").encoded_from(), nullptr);
  Value sensitive = text.marked_sensitive();
  EXPECT_TRUE(sensitive.sensitive());
  EXPECT_NE(sensitive.encoded_from(), nullptr);
  Value named = text.with_symbol("local.doc");
  EXPECT_NE(named.encoded_from(), nullptr);
  EXPECT_EQ(named.as_string(), "{\"a\":1}");
}

TEST(Value, AssignFromInsideItself) {
  Value v = object_of({{"inner", object_of({{"leaf", Value::string(std::string(40, 'z'))}})}});
  v = *v.member("inner");
  v = *v.member("leaf");
  EXPECT_EQ(v.as_string(), std::string(40, 'z'));
  Value t = Value::tuple({Value::string("only")}).with_symbol("local.t");
  t = t.items()[0];
  EXPECT_EQ(t.as_string(), "only");
}

TEST(Value, CopiesOnManyThreadsShareSafely) {
  // Rules read the model on several threads and copy values out of it.
  Value shared = object_of({{"a", Value::tuple({Value::string(std::string(30, 'q'))})}}).with_symbol("s");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 20000; ++i) {
        Value copy = shared;
        Value item = copy.member("a")->items()[0];
        ASSERT_EQ(item.as_string().size(), 30u);
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(shared.member("a")->items()[0].as_string(), std::string(30, 'q'));
}

TEST(Value, Equality) {
  EXPECT_TRUE(equal_values(object_of({{"a", Value::number(1)}}), object_of({{"a", Value::number(1)}})));
  EXPECT_FALSE(equal_values(object_of({{"a", Value::number(1)}}), object_of({{"a", Value::string("1")}})));
  EXPECT_TRUE(equal_values(Value::string(""), Value::string("")));
  EXPECT_FALSE(equal_values(Value::unknown(), Value::unknown()));
  EXPECT_TRUE(equal_values(Value::number(3).with_symbol("x"), Value::number(3)));
}

}  // namespace
}  // namespace ecslint::eval
