#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "extract/archive_reader.h"
#include "extract/handler.h"
#include "extract/test_archives.h"

namespace leakgraph::extract {
namespace {

using testing::FixtureMember;
using testing::WriteArchive;

Result<ExtractedDocument> ExtractArchive(std::string_view bytes, std::string_view name = "a.zip") {
  return MakeArchiveHandler()->Extract(ExtractInput{bytes, name, ""});
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

bool Contains(const std::string& hay, std::string_view needle) {
  return hay.find(needle) != std::string::npos;
}

TEST(ArchiveHandlerTest, ZipMembersBecomeChildrenByPath) {
  std::string zip =
      WriteArchive({{"docs/", "", FixtureMember::kDirectory}, {"docs/a.txt", "alpha"}, {"b.txt", "beta"}});
  ASSERT_FALSE(zip.empty());
  EXPECT_EQ(SniffContentType(zip, "x.zip"), "application/zip");
  auto doc = ExtractArchive(zip);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->children.size(), 2u);
  EXPECT_EQ(doc->children[0].name, "docs/a.txt");
  EXPECT_EQ(doc->children[0].bytes, "alpha");
  EXPECT_EQ(doc->children[1].name, "b.txt");
  EXPECT_EQ(doc->metadata["members"], "2");
  EXPECT_TRUE(doc->warnings.empty()) << Joined(doc->warnings);
}

TEST(ArchiveHandlerTest, TarInEveryCompression) {
  for (std::string_view filter : {"", "gzip", "bzip2", "xz", "zstd"}) {
    std::string tar = WriteArchive({{"dir/note.txt", "hello"}}, "ustar", filter);
    ASSERT_FALSE(tar.empty()) << filter;
    EXPECT_NE(HandlerRegistry::BuiltIn().Find(SniffContentType(tar, "x")), nullptr)
        << "\"" << filter << "\" sniffed as " << SniffContentType(tar, "x");
    auto doc = ExtractArchive(tar, "x.tar");
    ASSERT_TRUE(doc.ok()) << filter << ": " << doc.status().message();
    ASSERT_EQ(doc->children.size(), 1u) << filter;
    EXPECT_EQ(doc->children[0].name, "dir/note.txt");
    EXPECT_EQ(doc->children[0].bytes, "hello");
  }
}

TEST(ArchiveHandlerTest, SevenZip) {
  std::string sz = WriteArchive({{"a.txt", "seven"}}, "7zip");
  ASSERT_FALSE(sz.empty());
  EXPECT_EQ(SniffContentType(sz, "x"), "application/x-7z-compressed");
  auto doc = ExtractArchive(sz, "x.7z");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->children.size(), 1u);
  EXPECT_EQ(doc->children[0].bytes, "seven");
}

TEST(ArchiveHandlerTest, LoneCompressedFileKeepsItsName) {
  std::string gz = WriteArchive({{"data", "just text"}}, "raw", "gzip");
  ASSERT_FALSE(gz.empty());
  EXPECT_EQ(SniffContentType(gz, "notes.txt.gz"), "application/gzip");
  auto doc = ExtractArchive(gz, "notes.txt.gz");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->children.size(), 1u);
  EXPECT_EQ(doc->children[0].name, "notes.txt");
  EXPECT_EQ(doc->children[0].bytes, "just text");
}

TEST(ArchiveHandlerTest, TraversalNamesAreMadeSafe) {
  std::string zip = WriteArchive({{"../../etc/passwd", "root:x:0:0"}, {"/abs/x.txt", "x"}, {"ok.txt", "ok"}});
  auto doc = ExtractArchive(zip);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->children.size(), 3u);
  EXPECT_EQ(doc->children[0].name, "etc/passwd");
  EXPECT_EQ(doc->children[0].bytes, "root:x:0:0");
  EXPECT_EQ(doc->children[1].name, "abs/x.txt");
  EXPECT_TRUE(Contains(Joined(doc->warnings), "unsafe member name \"../../etc/passwd\""))
      << Joined(doc->warnings);
  bool changed = false;
  EXPECT_EQ(SafeMemberPath("a/./b//c", changed), "a/b/c");
  EXPECT_FALSE(changed);
  EXPECT_EQ(SafeMemberPath("C:\\Users\\..\\x.doc", changed), "Users/x.doc");
  EXPECT_TRUE(changed);
}

TEST(ArchiveHandlerTest, LinksAreRecordedNotFollowed) {
  std::string tar = WriteArchive({{"real.txt", "data"},
                                  {"link", "", FixtureMember::kSymlink, "/etc/shadow"},
                                  {"hard", "", FixtureMember::kHardlink, "real.txt"}},
                                 "ustar");
  auto doc = ExtractArchive(tar, "x.tar");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->children.size(), 1u);
  EXPECT_EQ(doc->metadata["links"], "link -> /etc/shadow\nhard -> real.txt");
  EXPECT_TRUE(Contains(Joined(doc->warnings), "symbolic link not followed: link -> /etc/shadow"));
}

TEST(ArchiveHandlerTest, DuplicateNamesStayDistinct) {
  auto doc = ExtractArchive(WriteArchive({{"a.txt", "one"}, {"a.txt", "two"}}));
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc->children.size(), 2u);
  EXPECT_EQ(doc->children[1].name, "a.txt~2");
}

TEST(ArchiveHandlerTest, ZipBombStopsFastWithBoundedMemory) {
  std::string bomb = testing::WriteZeroBomb("zeros.bin", std::size_t{200} << 20);
  ASSERT_LT(bomb.size(), std::size_t{1} << 20);
  auto start = std::chrono::steady_clock::now();
  auto doc = ExtractArchive(bomb, "bomb.zip");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(doc.ok());
  EXPECT_TRUE(doc.status().message().starts_with("zip bomb suspected")) << doc.status().message();
  EXPECT_LT(seconds, 10.0);
}

TEST(ArchiveHandlerTest, BombAfterGoodMembersKeepsThem) {
  ArchiveLimits limits;
  limits.bomb_min_bytes = 1 << 20;
  std::string zip = WriteArchive({{"a.txt", "fine"}, {"z.bin", std::string(std::size_t{8} << 20, '\0')}});
  auto read = ReadArchive(zip, ArchiveKinds::kAny, limits);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_TRUE(read->bomb_suspected);
  ASSERT_EQ(read->members.size(), 1u);
  EXPECT_TRUE(Contains(Joined(read->warnings), "zip bomb suspected"));
}

TEST(ArchiveHandlerTest, MemberAndEntryCaps) {
  ArchiveLimits limits;
  limits.max_member_bytes = 1000;
  limits.max_entries = 3;
  std::string zip = WriteArchive({{"big", std::string(5000, 'x')}, {"b", "b"}, {"c", "c"}, {"d", "d"}});
  auto read = ReadArchive(zip, ArchiveKinds::kAny, limits);
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->members.size(), 2u);
  EXPECT_EQ(read->members[0].path, "b");
  std::string warnings = Joined(read->warnings);
  EXPECT_TRUE(Contains(warnings, "member larger than 0 MB not read: big")) << warnings;
  EXPECT_TRUE(Contains(warnings, "more than 3 entries")) << warnings;
}

TEST(ArchiveHandlerTest, TooManyEntriesWithDefaultLimits) {
  std::vector<FixtureMember> members;
  for (int i = 0; i < 100005; ++i) members.push_back({std::to_string(i), ""});
  auto doc = ExtractArchive(WriteArchive(members, "ustar", "gzip"), "many.tar.gz");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->children.size(), 100000u);
  EXPECT_TRUE(Contains(Joined(doc->warnings), "more than 100000 entries"));
}

TEST(ArchiveHandlerTest, TruncatedZipKeepsWhatItCan) {
  std::string zip =
      WriteArchive({{"first.txt", std::string(3000, 'a')}, {"second.txt", std::string(3000, 'b')}}, "zip", "",
                   "zip:compression=store");
  auto cut = ExtractArchive(std::string_view(zip).substr(0, zip.size() / 2 + 500));
  ASSERT_TRUE(cut.ok()) << cut.status().message();
  ASSERT_GE(cut->children.size(), 1u);
  EXPECT_EQ(cut->children[0].bytes, std::string(3000, 'a'));
  EXPECT_FALSE(cut->warnings.empty());
  auto garbage = ExtractArchive(std::string("PK\x03\x04") + std::string(100, 'x'));
  ASSERT_FALSE(garbage.ok());
  EXPECT_TRUE(garbage.status().message().starts_with("corrupt archive")) << garbage.status().message();
}

TEST(ArchiveHandlerTest, EncryptedZip) {
  std::string zip =
      WriteArchive({{"secret.txt", "hidden words"}}, "zip", "", "zip:encryption=zipcrypt", "pw");
  if (zip.empty()) GTEST_SKIP() << "this libarchive cannot write encrypted zips";
  auto doc = ExtractArchive(zip);
  ASSERT_FALSE(doc.ok());
  EXPECT_TRUE(doc.status().message().starts_with("encrypted archive")) << doc.status().message();
}

}  // namespace
}  // namespace leakgraph::extract
