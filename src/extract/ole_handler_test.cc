#include <gtest/gtest.h>

#include <string>

#include "extract/cfb.h"
#include "extract/handler.h"
#include "extract/test_cfb.h"

namespace leakgraph::extract {
namespace {

std::string Prop(const std::string& id) { return "__substg1.0_" + id; }

// A fixed-size property entry (16 bytes) of a __properties_version1.0 stream.
std::string FixedProperty(std::uint32_t tag, std::uint64_t value) {
  std::string out(16, '\0');
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>((tag >> (8 * i)) & 0xFF);
  for (int i = 0; i < 8; ++i) out[8 + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
  return out;
}

std::string Message() {
  const std::uint64_t filetime = (1371000000ull + 11644473600ull) * 10000000ull;  // 2013-06-12T01:20:00Z
  const std::string attached = "__attach_version1.0_#00000001/" + Prop("3701000D") + "/";
  return WriteCompoundFile({
      {Prop("0037001F"), Utf16Le("Shipment to Bandar Abbas")},
      {Prop("0C1A001F"), Utf16Le("Alice Example")},
      {Prop("5D01001F"), Utf16Le("alice@example.org")},
      {Prop("0E04001F"), Utf16Le("Bob")},
      {Prop("1000001F"), Utf16Le("The marmoset crates leave on Friday. " + std::string(5000, 'x'))},
      {"__properties_version1.0", std::string(32, '\0') + FixedProperty(0x00390040, filetime)},
      {"__recip_version1.0_#00000000/" + Prop("3001001F"), Utf16Le("Bob Builder")},
      {"__recip_version1.0_#00000000/" + Prop("39FE001F"), Utf16Le("bob@example.net")},
      {"__attach_version1.0_#00000000/" + Prop("3707001F"), Utf16Le("invoice.txt")},
      {"__attach_version1.0_#00000000/" + Prop("37010102"), "invoice for 12 capybaras"},
      {"__attach_version1.0_#00000001/" + Prop("3707001F"), Utf16Le("forwarded")},
      {attached + Prop("0037001E"), "Earlier note"},
      {attached + Prop("1000001F"), Utf16Le("the pangolin arrived")},
      {attached + "__properties_version1.0", std::string(24, '\0')},
  });
}

TEST(OleHandlerTest, OutlookMessageHasHeadersBodyAndAttachments) {
  std::string msg = Message();
  EXPECT_EQ(SniffContentType(msg, "mail.msg"), "application/x-ole-storage");
  const FormatHandler* handler = HandlerRegistry::BuiltIn().Find("application/x-ole-storage");
  ASSERT_NE(handler, nullptr);
  auto doc = handler->Extract({msg, "mail.msg", ""});
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->content_type, "application/vnd.ms-outlook");
  EXPECT_EQ(doc->title, "Shipment to Bandar Abbas");
  EXPECT_EQ(doc->metadata["from"], "Alice Example <alice@example.org>");
  EXPECT_EQ(doc->metadata["to"], "Bob Builder <bob@example.net>");
  EXPECT_EQ(doc->metadata["date"], "2013-06-12T01:20:00Z");
  EXPECT_TRUE(doc->text.starts_with("The marmoset crates leave on Friday.")) << doc->text.substr(0, 80);
  ASSERT_EQ(doc->children.size(), 2u);
  EXPECT_EQ(doc->children[0].name, "invoice.txt");
  EXPECT_EQ(doc->children[0].bytes, "invoice for 12 capybaras");
  EXPECT_EQ(doc->children[1].name, "forwarded.eml");
  EXPECT_EQ(doc->children[1].content_type_hint, "message/rfc822");
  // The attached message reads back through the e-mail handler.
  auto inner = HandlerRegistry::BuiltIn().Find("message/rfc822")->Extract({doc->children[1].bytes, "forwarded.eml", ""});
  ASSERT_TRUE(inner.ok()) << inner.status().message();
  EXPECT_EQ(inner->metadata["subject"], "Earlier note");
  EXPECT_NE(inner->text.find("the pangolin arrived"), std::string::npos) << inner->text;
}

TEST(OleHandlerTest, DamagedCompoundFilesGiveReasonsNotHangs) {
  std::string msg = Message();
  const FormatHandler* handler = HandlerRegistry::BuiltIn().Find("application/x-ole-storage");
  // Cut short: the directory sector is gone.
  auto cut = handler->Extract({std::string_view(msg).substr(0, 700), "cut.msg", ""});
  ASSERT_FALSE(cut.ok());
  EXPECT_TRUE(cut.status().message().starts_with("corrupt compound file")) << cut.status().message();
  // A FAT whose every entry points to itself: every chain loops.
  std::string looping = msg;
  for (std::size_t i = 0; i < 128; ++i) {
    std::uint32_t self = static_cast<std::uint32_t>(i);
    for (int b = 0; b < 4; ++b) looping[512 + 4 * i + b] = static_cast<char>((self >> (8 * b)) & 0xFF);
  }
  auto loop = handler->Extract({looping, "loop.msg", ""});
  ASSERT_FALSE(loop.ok());
  EXPECT_NE(loop.status().message().find("loop"), std::string::npos) << loop.status().message();
  // Every one-byte corruption of the header and directory ends, one way or the other.
  for (std::size_t at = 0; at < 2048 && at < msg.size(); at += 7) {
    std::string damaged = msg;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5A);
    (void)handler->Extract({damaged, "x.msg", ""});
  }
}

TEST(OleHandlerTest, EncryptedOfficeDocumentIsNamed) {
  std::string encrypted = WriteCompoundFile({{"EncryptionInfo", "x"}, {"EncryptedPackage", std::string(5000, 'e')}});
  auto doc = HandlerRegistry::BuiltIn().Find("application/x-ole-storage")->Extract({encrypted, "secret.docx", ""});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), "encrypted Office document: cannot be read without a password");
}

TEST(CompoundFileTest, ReadsLargeAndSmallStreams) {
  std::string big(10000, 'b');
  const std::string bytes = WriteCompoundFile({{"dir/small", "tiny"}, {"big", big}});  // outlives `file`
  auto file = CompoundFile::Open(bytes);
  ASSERT_TRUE(file.ok()) << file.status().message();
  auto dir = file->Find(0, "DIR");
  ASSERT_TRUE(dir.has_value());
  auto small = file->Find(*dir, "small");
  ASSERT_TRUE(small.has_value());
  EXPECT_EQ(*file->ReadStream(*small, 100), "tiny");
  EXPECT_EQ(*file->ReadStream(*file->Find(0, "big"), 1 << 20), big);
  EXPECT_FALSE(file->ReadStream(*file->Find(0, "big"), 100).ok());  // over the caller's limit
}

}  // namespace
}  // namespace leakgraph::extract
