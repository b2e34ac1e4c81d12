#include "extract/html_meta.h"

#include <gtest/gtest.h>

namespace leakgraph::extract {
namespace {

TEST(ScanHtmlMetaTagsTest, ReadsQuotedAndUnquotedAttributes) {
  std::vector<HtmlMetaTag> tags = ScanHtmlMetaTags(
      "<html><HEAD><META CHARSET=windows-1256><meta name='author' content=\"A &amp; B\"/>"
      "<!-- <meta name=x content=hidden> --><metadata><meta name=date content=2001-02-03>",
      4096);
  ASSERT_EQ(tags.size(), 3u);
  EXPECT_EQ(tags[0].Get("charset"), "windows-1256");
  EXPECT_EQ(tags[1].Get("name"), "author");
  EXPECT_EQ(tags[1].Get("content"), "A & B");
  EXPECT_EQ(tags[2].Get("content"), "2001-02-03");
  EXPECT_EQ(tags[2].Get("missing"), "");
}

TEST(ScanHtmlMetaTagsTest, StopsAtLimitAndSurvivesTruncation) {
  EXPECT_TRUE(ScanHtmlMetaTags("<p>nothing</p><meta charset=utf-8>", 10).empty());
  std::vector<HtmlMetaTag> tags = ScanHtmlMetaTags("<meta name=\"unterminated", 100);
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags[0].Get("name"), "unterminated");
  EXPECT_TRUE(ScanHtmlMetaTags("", 100).empty());
}

TEST(ContentTypeTest, CharsetAndBase) {
  EXPECT_EQ(CharsetParameter("text/html; charset=\"Windows-1256\""), "Windows-1256");
  EXPECT_EQ(CharsetParameter("text/html;charset=utf-8;format=flowed"), "utf-8");
  EXPECT_EQ(CharsetParameter("text/plain"), "");
  EXPECT_EQ(BaseContentType(" Text/HTML ; charset=x"), "text/html");
  EXPECT_EQ(BaseContentType(""), "");
}

}  // namespace
}  // namespace leakgraph::extract
