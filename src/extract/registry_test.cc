#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "extract/handler.h"
#include "text/encoding.h"

namespace leakgraph::extract {
namespace {

TEST(HandlerRegistryTest, BuiltInFindsEachHandlerByContentType) {
  const HandlerRegistry& registry = HandlerRegistry::BuiltIn();
  auto name_for = [&](std::string_view type) -> std::string {
    const FormatHandler* handler = registry.Find(type);
    return handler == nullptr ? "" : std::string(handler->name());
  };
  EXPECT_EQ(name_for("text/plain"), "text");
  EXPECT_EQ(name_for("text/html"), "html");
  EXPECT_EQ(name_for("text/x-cable"), "cable");
  EXPECT_EQ(name_for("message/rfc822"), "email");
  EXPECT_EQ(name_for("application/mbox"), "mbox");
  EXPECT_EQ(name_for("application/pdf"), "pdf");
  EXPECT_EQ(name_for("application/octet-stream"), "");
  EXPECT_EQ(&registry, &HandlerRegistry::BuiltIn());
}

TEST(HandlerRegistryTest, SniffedTypesReachAHandler) {
  const HandlerRegistry& registry = HandlerRegistry::BuiltIn();
  for (std::string_view bytes : {"plain", "<html><p>x", "From: a\nSubject: b\n\nc", "%PDF-1.4"}) {
    EXPECT_NE(registry.Find(SniffContentType(bytes, "f")), nullptr) << bytes;
  }
}

TEST(HandlerRegistryTest, EmptyRegistryFindsNothing) {
  HandlerRegistry registry;
  EXPECT_EQ(registry.Find("text/plain"), nullptr);
  registry.Add(MakeTextHandler());
  registry.Add(nullptr);
  EXPECT_NE(registry.Find("text/plain"), nullptr);
}

// Hostile input: fragments of every format spliced at random, plus random
// bytes, through the sniffer and every handler of this file's formats.
TEST(HandlerRegistryTest, SplicedFragmentsNeverCrash) {
  static const char* const kFragments[] = {"<html>",
                                           "<div>",
                                           "</div>",
                                           "<pre>",
                                           "</pre>",
                                           "<code><pre>",
                                           "&#x000A;",
                                           "&#x",
                                           "&amp;",
                                           "<table class='cable'>",
                                           "<th>Reference ID</th>",
                                           "<td>",
                                           "</td>",
                                           "</table>",
                                           "<a id='par1' href='#par1'>\xC2\xB6</a>",
                                           "TAGS: ",
                                           "SUBJECT: ",
                                           "FM ",
                                           "TO ",
                                           "\n",
                                           "<meta charset=",
                                           "windows-1256>",
                                           "<script>",
                                           "<!--",
                                           "-->",
                                           "\xD3\xE1",
                                           "\xFF\xFE",
                                           "\xEF\xBB\xBF",
                                           "<title>",
                                           "From ",
                                           "Subject: x\n",
                                           "\x00",
                                           "<",
                                           ">",
                                           "'",
                                           "\"",
                                           "2009-01-20 05:05",
                                           "<br>",
                                           "<p>",
                                           "\xC3",
                                           "<?xml"};
  constexpr std::size_t kCount = sizeof kFragments / sizeof kFragments[0];
  std::uint64_t state = 42;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  };
  const HandlerRegistry& registry = HandlerRegistry::BuiltIn();
  for (int round = 0; round < 300; ++round) {
    std::string bytes;
    int pieces = static_cast<int>(next() % 60);
    for (int i = 0; i < pieces; ++i) {
      if (next() % 4 == 0) {
        bytes += static_cast<char>(next() & 0xFF);
      } else {
        bytes += kFragments[next() % kCount];
      }
    }
    std::string type = SniffContentType(bytes, "f");
    for (std::string_view own : {"text/plain", "text/html", "text/x-cable", type.c_str()}) {
      const FormatHandler* handler = registry.Find(own);
      if (handler == nullptr || handler->name() == "email" || handler->name() == "mbox" ||
          handler->name() == "pdf") {
        continue;
      }
      Result<ExtractedDocument> result = handler->Extract({bytes, "f", ""});
      if (result.ok()) {  // the contract: valid UTF-8 out, whatever came in
        EXPECT_TRUE(text::IsValidUtf8(result->text)) << round;
        EXPECT_TRUE(text::IsValidUtf8(result->title)) << round;
      }
    }
  }
}

}  // namespace
}  // namespace leakgraph::extract
