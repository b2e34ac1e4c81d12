#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "extract/handler.h"

namespace leakgraph::extract {
namespace {

// The cablegate page template, cut down: navigation, the cable table, the
// routing block and the body block.
const char kCablePage[] =
    "<?xml version='1.0' encoding='utf-8' ?>\n<html><head><title>Cable Viewer</title></head>"
    "<body><div class='pane small'><h3>Browse latest releases</h3>"
    "<a href='/reldate/2010-12-10_0.html'>2010/12/10</a></div>\n"
    "<table class='cable'>\n<tr>\n<th>Reference ID</th>\n<th>Created</th>\n<th>Released</th>\n"
    "<th>Classification</th>\n<th>Origin</th>\n</tr>\n<tr>\n<td>\n"
    "<a href='/cable/2009/07/09STATE68250.html'>09STATE68250</a>\n</td>\n<td>\n"
    "<a href='/date/2009-07_0.html'>2009-07-01 17:06</a>\n</td>\n<td>\n"
    "<a href='/reldate/2010-12-01_0.html'>2010-12-01 12:00</a>\n</td>\n<td>\n"
    "<a href='/classification/4_0.html' title='secret'>SECRET</a>\n</td>\n<td>\n"
    "<a href='/origin/1_0.html'>Secretary of State</a>\n</td>\n</tr>\n</table>\n"
    "<code><pre>VZCZCXYZ0002&#x000A;P R 011706Z JUL 09&#x000A;FM SECSTATE WASHDC&#x000A;"
    "TO RUEHRL/AMEMBASSY BERLIN PRIORITY 0000&#x000A;RUEHBJ/AMEMBASSY BEIJING 0000&#x000A;"
    "INFO MISSILE TECHNOLOGY CONTROL REGIME COLLECTIVE</pre></code>\n"
    "<code><pre>S e c r e t state 068250 &#x000A;&#x000A;Tags: mtcre, parm, prel,&#x000A;"
    "ir;gm&#x000A;Subject: german test chamber sold by chinese subsidiary to&#x000A;"
    "iran's dio (s)&#x000A;&#x000A;<a id='par1' href='#par1'>\xC2\xB6</a>1. (U) This is an "
    "action request &amp; a test.&#x000A;TO BE CLEAR: not a header.</pre></code>\n"
    "</div></body></html>";

Result<ExtractedDocument> ExtractCable(std::string_view bytes) {
  return MakeCableHandler()->Extract({bytes, "09STATE68250.html", ""});
}

TEST(CableHandlerTest, ReadsTableHeadersAndBody) {
  Result<ExtractedDocument> result = ExtractCable(kCablePage);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  const ExtractedDocument& cable = *result;
  EXPECT_EQ(cable.content_type, "text/x-cable");
  EXPECT_EQ(cable.metadata.at("reference_id"), "09STATE68250");
  EXPECT_EQ(cable.metadata.at("date"), "2009-07-01T17:06:00Z");
  EXPECT_EQ(cable.metadata.at("created"), "2009-07-01T17:06:00Z");
  EXPECT_EQ(cable.metadata.at("released"), "2010-12-01T12:00:00Z");
  EXPECT_EQ(cable.metadata.at("classification"), "SECRET");
  EXPECT_EQ(cable.metadata.at("origin"), "Secretary of State");
  EXPECT_EQ(cable.metadata.at("from"), "SECSTATE WASHDC");
  EXPECT_EQ(cable.metadata.at("to"), "RUEHRL/AMEMBASSY BERLIN PRIORITY 0000; RUEHBJ/AMEMBASSY BEIJING 0000");
  EXPECT_EQ(cable.metadata.at("tags"), "MTCRE PARM PREL IR GM");
  EXPECT_EQ(cable.metadata.at("subject"), "german test chamber sold by chinese subsidiary to iran's dio (s)");
  EXPECT_EQ(cable.title, "09STATE68250: german test chamber sold by chinese subsidiary to iran's dio (s)");
  EXPECT_NE(cable.text.find("\n1. (U) This is an action request & a test.\n"), std::string::npos);
  EXPECT_EQ(cable.text.find("\xC2\xB6"), std::string::npos);
  EXPECT_EQ(cable.text.find("Browse latest releases"), std::string::npos);
  EXPECT_EQ(cable.text.find("state 068250 \n"), std::string::npos);  // line ends trimmed
  EXPECT_TRUE(cable.warnings.empty());
}

TEST(CableHandlerTest, PageWithoutCableTableIsReadAsHtml) {
  Result<ExtractedDocument> result = ExtractCable("<html><title>T</title><p>just a page");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->content_type, "text/html");
  EXPECT_EQ(result->text, "just a page");
  EXPECT_EQ(result->warnings.size(), 1u);
}

TEST(CableHandlerTest, TruncatedPagesDoNotFail) {
  std::string page = kCablePage;
  for (std::size_t cut : {std::size_t{0}, page.size() / 3, page.find("<pre>") + 3, page.find("&#x000A;") + 4,
                          page.size() - 30}) {
    Result<ExtractedDocument> result = ExtractCable(std::string_view(page).substr(0, cut));
    EXPECT_TRUE(result.ok()) << cut;
  }
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST(CableHandlerTest, RealCable79Tehran8980) {
  std::filesystem::path path = std::filesystem::path(LEAKGRAPH_SOURCE_DIR) /
                               "../shared/data/corpora/cablegate/1979/08/79TEHRAN8980.html";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no shared data at " << path;
  std::string bytes = ReadFile(path);
  EXPECT_EQ(SniffContentType(bytes, "79TEHRAN8980.html"), "text/x-cable");
  Result<ExtractedDocument> result = ExtractCable(bytes);
  ASSERT_TRUE(result.ok());
  const ExtractedDocument& cable = *result;
  EXPECT_EQ(cable.metadata.at("reference_id"), "79TEHRAN8980");
  EXPECT_EQ(cable.metadata.at("date"), "1979-08-13T04:04:00Z");
  EXPECT_EQ(cable.metadata.at("subject"), "NEGOTIATIONS");
  EXPECT_EQ(cable.metadata.at("tags"), "PEPR IR");
  EXPECT_EQ(cable.metadata.at("from"), "AMEMBASSY TEHRAN");
  EXPECT_EQ(cable.metadata.at("to"), "SECSTATE WASHDC 3182");
  EXPECT_EQ(cable.metadata.at("classification"), "CONFIDENTIAL");
  EXPECT_EQ(cable.metadata.at("origin"), "Embassy Tehran");
  EXPECT_EQ(cable.title, "79TEHRAN8980: NEGOTIATIONS");
  EXPECT_NE(cable.text.find("NEGOTIATIONS"), std::string::npos);
  EXPECT_NE(cable.text.find("IS AN OVERRIDING EGOISM"), std::string::npos);
  EXPECT_EQ(cable.text.find("Browse latest releases"), std::string::npos);
}

}  // namespace
}  // namespace leakgraph::extract
