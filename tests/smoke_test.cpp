#include <gtest/gtest.h>

#include "grammar/source.h"

namespace ecslint {
TEST(SourceFile, PositionsCountCodePoints) {
  SourceFile file("x.tf", "ab\nc\xC3\xA9" "d\n");
  EXPECT_EQ(file.position(0).line, 1u);
  EXPECT_EQ(file.position(3).line, 2u);
  EXPECT_EQ(file.position(6).column, 3u);  // after "c" and the two-byte "é"
  EXPECT_EQ(file.line_text(2), "c\xC3\xA9" "d");
}
}  // namespace ecslint
