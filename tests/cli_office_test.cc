// Legacy Office files and parser isolation through `leakgraph ingest`:
// .doc, .xls and .ppt written by LibreOffice at test time (skipped when it is
// not installed) found by their words; an Outlook .msg with an attachment; and
// parsers that hang, spin, crash or exhaust memory (the test-only fault
// handler, enabled by LEAKGRAPH_TEST_FAULTS) each recorded with its reason
// while the files beside them are ingested.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "extract/test_cfb.h"
#include "test_support.h"

namespace leakgraph::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class OfficeTest : public ::testing::Test {
 protected:
  void SetUp() override { fs::create_directories(In()); }
  std::string Case() const { return (tmp_ / "case").string(); }
  fs::path In(std::string_view name = "") const { return name.empty() ? tmp_ / "in" : tmp_ / "in" / name; }
  json Json(const std::vector<std::string>& args) const {
    CommandResult r = RunLeakgraph(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    try {
      return json::parse(r.out);
    } catch (const std::exception&) {
      ADD_FAILURE() << "not JSON: " << r.out;
      return json::object();
    }
  }
  std::vector<std::string> HitPaths(const std::string& query) const {
    std::vector<std::string> paths;
    for (const auto& hit : Json({"search", Case(), query, "--json"}).value("hits", json::array()))
      paths.push_back(hit.value("path", ""));
    return paths;
  }
  std::map<std::string, std::string> Failures() const {
    std::map<std::string, std::string> out;
    for (const auto& f : Json({"status", Case(), "--json"}).value("failures", json::array()))
      out[f.value("path", "")] = f.value("reason", "");
    return out;
  }
  // Converts `source` with LibreOffice to `format` in In(); false if LibreOffice is missing.
  bool Convert(const fs::path& source, const std::string& format) const {
    if (RunShell("command -v soffice >/dev/null").exit_code != 0) return false;
    std::string profile = "file://" + (tmp_ / "lo-profile").string();
    CommandResult r = RunShell("soffice -env:UserInstallation=" + profile + " --headless --convert-to " + format +
                               " --outdir '" + In().string() + "' '" + source.string() + "' >/dev/null 2>&1");
    return r.exit_code == 0;
  }

  TempDir tmp_;
};

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST_F(OfficeTest, LegacyWordAndExcelFilesAreSearchable) {
  WriteFile(tmp_ / "memo.html",
            "<html><body><p>The <b>wolverine</b> contract was signed in Basra.</p>"
            "<table><tr><td>tapir</td><td>ocelot</td></tr></table></body></html>");
  WriteFile(tmp_ / "ledger.csv", "name,amount\nmanatee payment,1250\nnarwhal transfer,77\n");
  if (!Convert(tmp_ / "memo.html", "doc:\"MS Word 97\"") || !Convert(tmp_ / "ledger.csv", "xls"))
    GTEST_SKIP() << "LibreOffice (soffice) not installed";
  ASSERT_TRUE(fs::exists(In("memo.doc")));
  ASSERT_TRUE(fs::exists(In("ledger.xls")));
  CommandResult r = RunLeakgraph({"ingest", Case(), In().string()});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(Has(HitPaths("wolverine"), In("memo.doc").string()));
  EXPECT_TRUE(Has(HitPaths("ocelot"), In("memo.doc").string()));
  EXPECT_TRUE(Has(HitPaths("narwhal"), In("ledger.xls").string()));
  EXPECT_TRUE(Has(HitPaths("1250"), In("ledger.xls").string()));
  json doc = Json({"show", Case(), In("memo.doc").string(), "--json", "--no-text"});
  EXPECT_EQ(doc.value("content_type", ""), "application/msword");
  json xls = Json({"show", Case(), In("ledger.xls").string(), "--json", "--no-text"});
  EXPECT_EQ(xls.value("content_type", ""), "application/vnd.ms-excel");
}

TEST_F(OfficeTest, LegacyPowerPointSlidesAreSearchableInOrder) {
  // Two slides, written by LibreOffice Impress from flat ODF.
  WriteFile(tmp_ / "deck.fodp", R"(<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.presentation">
<office:body><office:presentation>
<draw:page draw:name="one">
 <draw:frame presentation:class="title" svg:x="2cm" svg:y="1cm" svg:width="20cm" svg:height="3cm">
  <draw:text-box><text:p>Quarterly pangolin report</text:p></draw:text-box></draw:frame>
 <draw:frame svg:x="2cm" svg:y="5cm" svg:width="20cm" svg:height="3cm">
  <draw:text-box><text:p>The okapi shipment left Basra.</text:p></draw:text-box></draw:frame>
</draw:page>
<draw:page draw:name="two">
 <draw:frame svg:x="2cm" svg:y="5cm" svg:width="20cm" svg:height="3cm">
  <draw:text-box><text:p>Z&#252;rich ledger of the narwhal account</text:p></draw:text-box></draw:frame>
</draw:page>
</office:presentation></office:body></office:document>
)");
  if (!Convert(tmp_ / "deck.fodp", "ppt") || !fs::exists(In("deck.ppt")))
    GTEST_SKIP() << "LibreOffice Impress (soffice) not installed";
  CommandResult r = RunLeakgraph({"ingest", Case(), In().string()});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(Has(HitPaths("okapi"), In("deck.ppt").string()));
  EXPECT_TRUE(Has(HitPaths("narwhal"), In("deck.ppt").string()));
  EXPECT_TRUE(Has(HitPaths("Zürich"), In("deck.ppt").string()));
  json doc = Json({"show", Case(), In("deck.ppt").string(), "--json"});
  EXPECT_EQ(doc.value("content_type", ""), "application/vnd.ms-powerpoint");
  std::string text = doc.value("text", "");
  EXPECT_LT(text.find("pangolin"), text.find("okapi")) << text;
  EXPECT_LT(text.find("okapi"), text.find("narwhal")) << text;
  EXPECT_EQ(text.find("Click to edit"), std::string::npos) << "master slide text: " << text;
}

TEST_F(OfficeTest, OutlookMessageAndItsAttachmentAreDocuments) {
  using extract::Utf16Le;
  std::string msg = extract::WriteCompoundFile({
      {"__substg1.0_0037001F", Utf16Le("Payment for the dugong")},
      {"__substg1.0_0C1A001F", Utf16Le("Alice Example")},
      {"__substg1.0_5D01001F", Utf16Le("alice@example.org")},
      {"__substg1.0_1000001F", Utf16Le("Please pay the axolotl invoice attached.")},
      {"__properties_version1.0", std::string(32, '\0')},
      {"__attach_version1.0_#00000000/__substg1.0_3707001F", Utf16Le("invoice.txt")},
      {"__attach_version1.0_#00000000/__substg1.0_37010102", "invoice: one quokka, 300 euros"},
  });
  WriteFile(In("mail.msg"), msg);
  CommandResult r = RunLeakgraph({"ingest", Case(), In().string()});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(Has(HitPaths("axolotl"), In("mail.msg").string()));
  EXPECT_TRUE(Has(HitPaths("quokka"), In("mail.msg").string() + "//invoice.txt"));
  json doc = Json({"show", Case(), In("mail.msg").string(), "--json", "--no-text"});
  EXPECT_EQ(doc.value("title", ""), "Payment for the dugong");
  EXPECT_EQ(doc.value("metadata", json::object()).value("from", ""), "Alice Example <alice@example.org>");
}

TEST_F(OfficeTest, HangingCrashingAndGreedyParsersAreContained) {
  WriteFile(In("hang.bin"), "%LEAKGRAPH-TEST-FAULT hang");
  WriteFile(In("spin.bin"), "%LEAKGRAPH-TEST-FAULT spin");
  WriteFile(In("crash.bin"), "%LEAKGRAPH-TEST-FAULT crash");
  WriteFile(In("oom.bin"), "%LEAKGRAPH-TEST-FAULT oom");
  WriteFile(In("fine.txt"), "the ordinary gazelle note\n");
  // Four OCR pages of 2 s each: 8 s in all, but the limit is per page.
  WriteFile(In("pages.bin"), "%LEAKGRAPH-TEST-FAULT pages of a long scan with the word ibex");
  setenv("LEAKGRAPH_TEST_FAULTS", "1", 1);
  auto start = std::chrono::steady_clock::now();
  CommandResult r = RunLeakgraph(
      {"ingest", Case(), In().string(), "-j", "2", "--parser-timeout", "3", "--parser-memory-mb", "256"});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  unsetenv("LEAKGRAPH_TEST_FAULTS");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;  // failures recorded, the run completed
  EXPECT_LT(seconds, 30) << "the limits did not stop the parsers";
  auto failures = Failures();
  EXPECT_EQ(failures[In("hang.bin").string()], "parser timed out after 3 s");
  std::string spin = failures[In("spin.bin").string()];
  EXPECT_TRUE(spin == "parser timed out after 3 s" || spin == "parser killed: used more than 3 s of CPU time") << spin;
  EXPECT_EQ(failures[In("crash.bin").string()], "parser crashed: signal 11 (Segmentation fault)");
#if defined(__SANITIZE_ADDRESS__)
  // ASan's operator new reports an allocation past the limit and exits rather
  // than throw bad_alloc (make test-sanitize): the parser's end is recorded
  // without the out-of-memory reason.
  EXPECT_EQ(failures.count(In("oom.bin").string()), 1u);
#else
  EXPECT_EQ(failures[In("oom.bin").string()], "parser killed: out of memory (limit 256 MB)");
#endif
  EXPECT_TRUE(Has(HitPaths("gazelle"), In("fine.txt").string()));
  EXPECT_EQ(failures.count(In("pages.bin").string()), 0u);
  EXPECT_TRUE(Has(HitPaths("ibex"), In("pages.bin").string()));
}

}  // namespace
}  // namespace leakgraph::testing
