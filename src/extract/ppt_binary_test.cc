#include "extract/ppt_binary.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/handler.h"
#include "extract/test_cfb.h"

namespace leakgraph::extract {
namespace {

std::string Le(std::uint32_t v, int bytes) {
  std::string out;
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
  return out;
}

// A record: header (version 0xF for containers, instance, type, length) and body.
std::string Atom(std::uint16_t type, const std::string& body, std::uint16_t instance = 0) {
  return Le(instance << 4, 2) + Le(type, 2) + Le(static_cast<std::uint32_t>(body.size()), 4) + body;
}
std::string Container(std::uint16_t type, const std::vector<std::string>& children, std::uint16_t instance = 0) {
  std::string body;
  for (const auto& c : children) body += c;
  return Le(instance << 4 | 0xF, 2) + Le(type, 2) + Le(static_cast<std::uint32_t>(body.size()), 4) + body;
}
std::string Chars(const std::string& utf8) { return Atom(0x0FA0, Utf16Le(utf8)); }
std::string Bytes(const std::string& latin1) { return Atom(0x0FA8, latin1); }
std::string CString(const std::string& utf8) { return Atom(0x0FBA, Utf16Le(utf8)); }
std::string SlidePersist(std::uint32_t persist_id) { return Atom(0x03F3, Le(persist_id, 4) + std::string(16, '\0')); }
// A slide whose text sits in a shape's text box, a few containers down (as in the OfficeArt drawing).
std::string Slide(const std::vector<std::string>& text_records) {
  return Container(0x03EE, {Atom(0x03EF, std::string(24, '\0')),
                            Container(0x040C, {Container(0xF002, {Container(0xF003, {Container(0xF004, {
                                                  Container(0xF00D, text_records)})})})})});
}

struct Presentation {
  std::string document;
  std::string current_user;
};

// A presentation as PowerPoint writes it: records, then a persist directory
// and a UserEditAtom that the Current User stream points to. `records` are
// {persist id, record}; persist id 1 must be the Document.
Presentation Build(const std::vector<std::pair<std::uint32_t, std::string>>& records, std::uint32_t token = 0xE391C05F) {
  Presentation p;
  std::string directory_body;
  for (const auto& [id, record] : records) {
    directory_body += Le(1u << 20 | id, 4) + Le(static_cast<std::uint32_t>(p.document.size()), 4);
    p.document += record;
  }
  std::uint32_t directory_offset = static_cast<std::uint32_t>(p.document.size());
  p.document += Atom(0x1772, directory_body);
  std::uint32_t edit_offset = static_cast<std::uint32_t>(p.document.size());
  p.document += Atom(0x0FF5, Le(256, 4) + Le(0, 4) + Le(0, 4) + Le(directory_offset, 4) + Le(1, 4) + Le(10, 4) +
                                 Le(0, 4));
  p.current_user = Atom(0x0FF6, Le(20, 4) + Le(token, 4) + Le(edit_offset, 4) + std::string(8, '\0'));
  return p;
}

Presentation Deck() {
  std::string document = Container(0x03E8, {
      Atom(0x03E9, std::string(40, '\0')),
      Container(0x0FF0, {SlidePersist(9), Chars("Master title placeholder")}, 1),
      Container(0x0FF0, {SlidePersist(2), Atom(0x0F9F, Le(0, 4)), Chars("Quarterly pangolin report"),
                         SlidePersist(3)}, 0),
  });
  // The second slide comes first in the stream: order is the list's, not the stream's.
  return Build({{1, document},
                {3, Slide({Bytes("Z\xFCrich ledger\rthe narwhal account"),
                           Container(0x1388, {Container(0x1389, {CString("___PPT10")})}),
                           CString("reviewed by the okapi desk")})},
                {9, Container(0x03F8, {Chars("Click to edit the title text format")})},
                {2, Slide({Chars("Quarterly pangolin report"), Chars("The okapi shipment left Basra.")})}});
}

TEST(PowerPointTest, SlidesInListOrderWithoutMastersOrTags) {
  Presentation p = Deck();
  auto text = ReadPowerPointText(p.document, p.current_user);
  ASSERT_TRUE(text.ok()) << text.status().message();
  EXPECT_EQ(text->text,
            "Quarterly pangolin report\nThe okapi shipment left Basra.\n\n"
            "Z\xC3\xBCrich ledger\nthe narwhal account\nreviewed by the okapi desk");
  EXPECT_TRUE(text->warnings.empty());
}

TEST(PowerPointTest, WithoutTheEditHistoryTheStreamIsReadInOrder) {
  Presentation p = Deck();
  auto text = ReadPowerPointText(p.document, "");
  ASSERT_TRUE(text.ok()) << text.status().message();
  EXPECT_NE(text->text.find("narwhal"), std::string::npos) << text->text;
  EXPECT_NE(text->text.find("Basra"), std::string::npos) << text->text;
  EXPECT_LT(text->text.find("narwhal"), text->text.find("Basra"));  // stream order
  EXPECT_EQ(text->text.find("Click to edit"), std::string::npos) << text->text;
  EXPECT_EQ(text->text.find("___PPT10"), std::string::npos) << text->text;
  EXPECT_EQ(text->warnings.size(), 1u);
}

TEST(PowerPointTest, EncryptedPresentationIsNamed) {
  Presentation p = Build({{1, Container(0x03E8, {})}}, 0xF3D1C4DF);
  auto text = ReadPowerPointText(p.document, p.current_user);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().message(), "encrypted PowerPoint document: cannot be read without a password");
}

TEST(PowerPointTest, TruncatedStreamsKeepTheTextBeforeTheCut) {
  Presentation p = Deck();
  std::size_t basra = p.document.find(Utf16Le("The okapi"));
  ASSERT_NE(basra, std::string::npos);
  // Every cut: no crash, and either text with a warning or a reason.
  for (std::size_t cut = 0; cut < p.document.size(); ++cut) {
    auto text = ReadPowerPointText(std::string_view(p.document).substr(0, cut), p.current_user);
    if (!text.ok()) {
      EXPECT_TRUE(text.status().message().starts_with("corrupt PowerPoint document")) << text.status().message();
      continue;
    }
    EXPECT_TRUE(cut == 0 || !text->warnings.empty()) << "cut at " << cut;
  }
  // Cut inside the last slide: the slides before it are read, and the cut is reported.
  auto text = ReadPowerPointText(std::string_view(p.document).substr(0, basra + 10), p.current_user);
  ASSERT_TRUE(text.ok()) << text.status().message();
  EXPECT_NE(text->text.find("narwhal"), std::string::npos) << text->text;
  ASSERT_FALSE(text->warnings.empty());
  EXPECT_NE(text->warnings[0].find("cut short"), std::string::npos) << text->warnings[0];
}

TEST(PowerPointTest, HostileRecordsEndWithoutHangingOrOverflowing) {
  // A length field far past the end of the stream.
  std::string huge = Chars("before") + Le(0x0FA0, 2) + Le(0x0FA0, 2) + Le(0xFFFFFFFF, 4) + "xx";
  auto text = ReadPowerPointText(huge, "");
  ASSERT_TRUE(text.ok()) << text.status().message();
  EXPECT_EQ(text->text, "before");
  // Containers nested 100000 deep: bounded depth, no stack overflow.
  const std::string inner = Chars("deep down");
  const std::uint32_t levels = 100000;
  std::string deep;
  for (std::uint32_t i = 0; i < levels; ++i)
    deep += Le(0xF, 2) + Le(0xF003, 2) + Le(static_cast<std::uint32_t>(inner.size()) + 8 * (levels - 1 - i), 4);
  deep += inner;
  text = ReadPowerPointText(deep, "");
  ASSERT_TRUE(text.ok()) << text.status().message();
  EXPECT_EQ(text->text, "");
  // A thousand list entries naming one slide read it once; an edit chain that loops ends.
  std::vector<std::string> list;
  for (int i = 0; i < 1000; ++i) list.push_back(SlidePersist(2));
  Presentation p = Build({{1, Container(0x03E8, {Container(0x0FF0, list)})}, {2, Slide({Chars("only once")})}});
  std::size_t edit = p.document.size() - 36;
  p.document.replace(edit + 16, 4, Le(static_cast<std::uint32_t>(edit), 4));  // offsetLastEdit: itself
  text = ReadPowerPointText(p.document, p.current_user);
  ASSERT_TRUE(text.ok()) << text.status().message();
  EXPECT_EQ(text->text, "only once");
  // Not a record at all.
  EXPECT_FALSE(ReadPowerPointText("garbage", "").ok());
}

TEST(PowerPointTest, OleHandlerReadsAPresentation) {
  Presentation p = Deck();
  std::string file = WriteCompoundFile({{"Current User", p.current_user}, {"PowerPoint Document", p.document}});
  EXPECT_EQ(SniffContentType(file, "deck.ppt"), "application/x-ole-storage");
  const FormatHandler* handler = HandlerRegistry::BuiltIn().Find("application/vnd.ms-powerpoint");
  ASSERT_NE(handler, nullptr);
  EXPECT_EQ(handler->name(), "ole");
  auto doc = handler->Extract({file, "deck.ppt", ""});
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->content_type, "application/vnd.ms-powerpoint");
  EXPECT_EQ(doc->title, "deck.ppt");
  EXPECT_TRUE(doc->text.starts_with("Quarterly pangolin report\n")) << doc->text;
}

}  // namespace
}  // namespace leakgraph::extract
