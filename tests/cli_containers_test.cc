// Containers and Office documents through `leakgraph ingest`: internal paths
// across nesting (zip -> e-mail -> DOCX), and a hostile set (zip bombs, a
// traversal name, a truncated zip, an encrypted zip) that must be recorded,
// reason by reason, without losing the ordinary files beside it. Fixtures are
// written at test time with libarchive's writer (extract/test_archives.h).
#include <glib.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "extract/test_archives.h"
#include "test_support.h"

namespace leakgraph::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string Base64(std::string_view bytes) {
  gchar* encoded = g_base64_encode(reinterpret_cast<const guchar*>(bytes.data()), bytes.size());
  std::string out(encoded);
  g_free(encoded);
  return out;
}

std::string Docx(const std::string& paragraph) {
  return WriteArchive(
      {{"[Content_Types].xml", "<Types/>"},
       {"word/document.xml",
        "<w:document "
        "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>" +
            paragraph + "</w:t></w:r></w:p></w:body></w:document>"}});
}

std::string MailWithAttachment(const std::string& name, const std::string& bytes) {
  return "From: Alice <alice@example.org>\r\nTo: Bob <bob@example.net>\r\nSubject: the report\r\n"
         "Message-ID: <report-1@example.org>\r\nMIME-Version: 1.0\r\n"
         "Content-Type: multipart/mixed; boundary=\"B\"\r\n\r\n"
         "--B\r\nContent-Type: text/plain\r\n\r\nReport attached.\r\n"
         "--B\r\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; "
         "name=\"" +
         name + "\"\r\nContent-Disposition: attachment; filename=\"" + name +
         "\"\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" +
         Base64(bytes) + "\r\n--B--\r\n";
}

class ContainersTest : public ::testing::Test {
 protected:
  std::string Case() const { return (tmp_ / "case").string(); }
  fs::path In(std::string_view name = "") const { return name.empty() ? tmp_ / "in" : tmp_ / "in" / name; }
  CommandResult Ingest() const { return RunLeakgraph({"ingest", Case(), In().string(), "-j", "2"}); }
  json Json(const std::vector<std::string>& args) const {
    CommandResult r = RunLeakgraph(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    try {
      return json::parse(r.out);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "not JSON: " << r.out;
      return json::object();
    }
  }
  std::vector<std::string> Paths() const {
    std::vector<std::string> paths;
    for (const auto& d : Json({"documents", Case(), "--json"})) {
      for (const auto& p : d.value("paths", json::array())) paths.push_back(p.get<std::string>());
    }
    return paths;
  }
  std::string Warning(const std::string& path) const {
    json doc = Json({"show", Case(), path, "--json", "--no-text"});
    return doc.value("metadata", json::object()).value("warning", "");
  }
  // path -> reason of every recorded failure.
  std::map<std::string, std::string> Failures() const {
    std::map<std::string, std::string> out;
    for (const auto& f : Json({"status", Case(), "--json"}).value("failures", json::array())) {
      out[f.value("path", "")] = f.value("reason", "");
    }
    return out;
  }
  std::vector<std::string> HitPaths(const std::string& query) const {
    std::vector<std::string> paths;
    for (const auto& hit : Json({"search", Case(), query, "--json"}).value("hits", json::array())) {
      paths.push_back(hit.value("path", ""));
    }
    return paths;
  }

  TempDir tmp_;
};

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST_F(ContainersTest, DocxInMailInZipHasInternalPathsAndIsSearchable) {
  std::string docx = Docx("The zanzibarite shipment left Muscat on Tuesday.");
  std::string inner_tar = WriteArchive({{"notes/readme.txt", "quetzalcoatl ledger notes"}}, "ustar", "gzip");
  WriteFile(In("x.zip"), WriteArchive({{"mail.eml", MailWithAttachment("report.docx", docx)},
                                       {"2014/more.tar.gz", inner_tar}}));
  CommandResult r = Ingest();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string zip = In("x.zip").string();
  std::vector<std::string> paths = Paths();
  EXPECT_TRUE(Has(paths, zip + "//mail.eml//report.docx")) << json(paths).dump(1);
  EXPECT_TRUE(Has(paths, zip + "//2014/more.tar.gz//notes/readme.txt")) << json(paths).dump(1);
  EXPECT_TRUE(Has(HitPaths("zanzibarite"), zip + "//mail.eml//report.docx"));
  EXPECT_TRUE(Has(HitPaths("quetzalcoatl"), zip + "//2014/more.tar.gz//notes/readme.txt"));
  json docx_doc = Json({"show", Case(), zip + "//mail.eml//report.docx", "--json", "--no-text"});
  EXPECT_EQ(docx_doc.value("content_type", ""),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
}

TEST_F(ContainersTest, HostileArchivesAreRecordedAndNothingElseIsLost) {
  WriteFile(In("good.txt"), "The platypus memo is ordinary text.\n");
  WriteFile(In("bomb.zip"), WriteZeroBomb("zeros.bin", std::size_t{200} << 20));
  // Three levels, each under the per-archive rule, together far over it.
  std::vector<FixtureMember> leaves;
  for (int i = 0; i < 10; ++i) {
    leaves.push_back(
        {"leaf" + std::to_string(i) + ".zip", WriteZeroBomb("z" + std::to_string(i), std::size_t{60} << 20)});
  }
  WriteFile(In("nested.zip"), WriteArchive({{"level2.zip", WriteArchive(leaves)}}));
  WriteFile(In("traversal.zip"), WriteArchive({{"../../etc/passwd", "root:x:0:0 wombatcredential"}}));
  std::string two = WriteArchive({{"first.txt", "numbat first member " + std::string(3000, 'a')},
                                  {"second.txt", std::string(3000, 'b')}},
                                 "zip", "", "zip:compression=store");
  WriteFile(In("truncated.zip"), two.substr(0, two.size() / 2 + 500));
  std::string encrypted =
      WriteArchive({{"secret.txt", "hidden"}}, "zip", "", "zip:encryption=zipcrypt", "pw");
  if (!encrypted.empty()) WriteFile(In("encrypted.zip"), encrypted);

  CommandResult r = Ingest();
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;  // failures recorded
  auto failures = Failures();
  std::string all;
  for (const auto& [path, reason] : failures) all += path + ": " + reason + "\n";
  EXPECT_TRUE(failures[In("bomb.zip").string()].starts_with("zip bomb suspected")) << all;
  bool nested_recorded = false;
  for (const auto& [path, reason] : failures) {
    if (path.starts_with(In("nested.zip").string() + "//level2.zip//") &&
        reason.starts_with("zip bomb suspected")) {
      nested_recorded = true;
    }
  }
  EXPECT_TRUE(nested_recorded) << all;
  if (!encrypted.empty()) {
    EXPECT_TRUE(failures[In("encrypted.zip").string()].starts_with("encrypted archive")) << all;
  }

  std::string traversal = In("traversal.zip").string();
  EXPECT_NE(Warning(traversal).find("unsafe member name \"../../etc/passwd\""), std::string::npos);
  EXPECT_TRUE(Has(HitPaths("wombatcredential"), traversal + "//etc/passwd"));
  EXPECT_NE(Warning(In("truncated.zip").string()).find("runcated"), std::string::npos)
      << Warning(In("truncated.zip").string());
  EXPECT_TRUE(Has(HitPaths("numbat"), In("truncated.zip").string() + "//first.txt"));
  EXPECT_TRUE(Has(HitPaths("platypus"), In("good.txt").string()));
}

}  // namespace
}  // namespace leakgraph::testing
