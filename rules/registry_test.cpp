#include <gtest/gtest.h>

#include <algorithm>
#include <fmt/format.h>

#include "rules/docs.h"
#include "rules/rule.h"

namespace ecslint::rules {

TEST(Registry, SortedByIdWithoutDuplicates) {
  auto rules = all_rules();
  ASSERT_FALSE(rules.empty());
  for (size_t i = 1; i < rules.size(); ++i) EXPECT_LT(rules[i - 1]->meta().id, rules[i]->meta().id);
}

TEST(Registry, FindsRulesById) {
  for (const Rule* rule : all_rules()) EXPECT_EQ(find_rule(rule->meta().id), rule);
  EXPECT_EQ(find_rule("no-such-rule"), nullptr);
}

// Every registered rule has a doc page, and the page agrees with the metadata.
TEST(Registry, EveryRuleHasAMatchingDocPage) {
  for (const Rule* rule : all_rules()) {
    const RuleMeta& meta = rule->meta();
    std::string_view doc = rule_doc(meta.id);
    ASSERT_FALSE(doc.empty()) << "docs/rules/" << meta.id << ".md is missing";
    EXPECT_TRUE(doc.starts_with(fmt::format("# {}\n", meta.id))) << meta.id << ": the title must be the id";
    std::string severity_line = fmt::format("**Severity:** {}", severity_name(meta.severity));
    EXPECT_NE(doc.find(severity_line), doc.npos) << meta.id << ": page must say " << severity_line;
    std::string_view fix = meta.fix == FixAvailability::None ? "none" : "**Fix:** ";
    EXPECT_NE(doc.find(fix), doc.npos) << meta.id;
    for (std::string_view section : {"## What it does", "## Why", "## Example", "## Fix safety"})
      EXPECT_NE(doc.find(section), doc.npos) << meta.id << " lacks " << section;
  }
}

}  // namespace ecslint::rules
