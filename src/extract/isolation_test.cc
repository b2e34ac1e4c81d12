#include "extract/isolation.h"

#include <gtest/gtest.h>

#include <string>

#include "extract/test_cfb.h"

namespace leakgraph::extract {
namespace {

TEST(IsolationTest, ADocumentComesBackWhole) {
  std::string msg = WriteCompoundFile({
      {"__substg1.0_0037001F", Utf16Le("Subject with ünïcode")},
      {"__substg1.0_1000001F", Utf16Le("body text")},
      {"__attach_version1.0_#00000000/__substg1.0_3707001F", Utf16Le("a.bin")},
      {"__attach_version1.0_#00000000/__substg1.0_37010102", std::string("\0\1\2binary\xFF", 10)},
  });
  const FormatHandler* handler = HandlerRegistry::BuiltIn().Find("application/x-ole-storage");
  auto direct = handler->Extract({msg, "m.msg", ""});
  auto isolated = ExtractIsolated(*handler, {msg, "m.msg", ""}, IsolationLimits{});
  ASSERT_TRUE(direct.ok());
  ASSERT_TRUE(isolated.ok()) << isolated.status().message();
  EXPECT_EQ(isolated->title, direct->title);
  EXPECT_EQ(isolated->text, direct->text);
  EXPECT_EQ(isolated->metadata, direct->metadata);
  ASSERT_EQ(isolated->children.size(), 1u);
  EXPECT_EQ(isolated->children[0].bytes, std::string("\0\1\2binary\xFF", 10));
  EXPECT_EQ(isolated->children[0].name, "a.bin");
}

TEST(IsolationTest, AnErrorComesBackWithItsMessage) {
  const FormatHandler* handler = HandlerRegistry::BuiltIn().Find("application/x-ole-storage");
  auto isolated = ExtractIsolated(*handler, {"not a compound file", "x.doc", ""}, IsolationLimits{});
  ASSERT_FALSE(isolated.ok());
  EXPECT_EQ(isolated.status().message(), "corrupt compound file: no OLE2 signature");
  EXPECT_EQ(isolated.status().code(), StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace leakgraph::extract
