// Outlook mailboxes through `leakgraph ingest`: a PST beside the other files
// and a PST inside a zip, written at test time by tests/fixtures/make_pst.py
// (a small [MS-PST] writer; the files are read back by libpff itself). Every
// message and attachment is a document with its internal path
// (`leak.zip//2014/box.pst//Inbox/1//manifest.txt`), searchable, and the
// message headers tie the sender to the recipients; truncated, garbage and
// encrypted .pst files are recorded with their reasons and nothing else is
// lost.
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

std::string MakePst(const std::string& options = "") {
  TempDir dir;
  auto out = dir / "box.pst";
  CommandResult r = RunShell("python3 '" + (SourceDir() / "tests/fixtures/make_pst.py").string() + "' '" +
                             out.string() + "' " + options);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return ReadFile(out);
}

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

class CliPst : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    fs::create_directories(In());
    std::string pst = MakePst();
    WriteFile(In("box.pst"), pst);
    // The zip holds another file (the same mailbox with an Outlook password):
    // a mailbox document of its own, whose messages are the same bytes as the
    // first one's, so the same documents with a second location each.
    WriteFile(In("leak.zip"), WriteArchive({{"2014/box.pst", MakePst("--password")}}));
    WriteFile(In("truncated.pst"), pst.substr(0, pst.size() / 2));
    std::string garbage = "!BDN";
    for (int i = 0; i < 30000; ++i) garbage += static_cast<char>((i * 7919 + 13) % 251);
    WriteFile(In("garbage.pst"), garbage);
    WriteFile(In("encrypted.pst"), MakePst("--crypt 16"));
    WriteFile(In("noise.pst"), std::string(4096, '\x07') + "\x01\x02\x03");
    WriteFile(In("good.txt"), "The okapi memo is ordinary text.\n");
    ingest_ = new CommandResult(RunLeakgraph({"ingest", Case(), In().string(), "-j", "2"}));
  }
  static void TearDownTestSuite() {
    delete ingest_;
    delete dir_;
  }

  static std::string Case() { return (dir_->path() / "case").string(); }
  static fs::path In(std::string_view name = "") {
    return name.empty() ? dir_->path() / "in" : dir_->path() / "in" / name;
  }
  static std::string Path(std::string_view name) { return In(name).string(); }

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
  std::vector<std::string> Paths() const {
    std::vector<std::string> paths;
    for (const auto& d : Json({"documents", Case(), "--json"})) {
      for (const auto& p : d.value("paths", json::array())) paths.push_back(p.get<std::string>());
    }
    return paths;
  }
  std::vector<std::string> HitPaths(const std::string& query) const {
    std::vector<std::string> paths;
    for (const auto& hit : Json({"search", Case(), query, "--json"}).value("hits", json::array())) {
      paths.push_back(hit.value("path", ""));
    }
    return paths;
  }
  std::map<std::string, std::string> Failures() const {
    std::map<std::string, std::string> out;
    for (const auto& f : Json({"status", Case(), "--json"}).value("failures", json::array())) {
      out[f.value("path", "")] = f.value("reason", "");
    }
    return out;
  }
  json Show(const std::string& path) const { return Json({"show", Case(), path, "--json", "--no-text"}); }

  static TempDir* dir_;
  static CommandResult* ingest_;
};

TempDir* CliPst::dir_ = nullptr;
CommandResult* CliPst::ingest_ = nullptr;

TEST_F(CliPst, MessagesAndAttachmentsAreDocumentsWithInternalPaths) {
  EXPECT_EQ(ingest_->exit_code, 1) << ingest_->out << ingest_->err;  // failures recorded
  const std::string box = Path("box.pst"), zipped = Path("leak.zip") + "//2014/box.pst";
  std::vector<std::string> paths = Paths();
  for (const std::string& p : {box, box + "//Inbox/1", box + "//Inbox/1//manifest.txt", box + "//Inbox/2",
                               box + "//Inbox/Projects/1", zipped, zipped + "//Inbox/1//manifest.txt",
                               zipped + "//Inbox/Projects/1"}) {
    EXPECT_TRUE(Has(paths, p)) << p << " not in " << json(paths).dump(1);
  }
  json mailbox = Show(box);
  EXPECT_EQ(mailbox.value("content_type", ""), "application/vnd.ms-outlook-pst");
  json message = Show(box + "//Inbox/1");
  EXPECT_EQ(message.value("content_type", ""), "message/rfc822");
  EXPECT_EQ(message.value("title", ""), "Shipment schedule");
  json meta = message.value("metadata", json::object());
  EXPECT_EQ(meta.value("from", ""), "Viktor Lanz <viktor.lanz@kestria-holdings.example>") << meta.dump();
  EXPECT_EQ(meta.value("to", ""), "Mara Quint <mara.quint@orvane.example>") << meta.dump();
  EXPECT_EQ(meta.value("cc", ""), "Ilse Brandt <ilse.brandt@orvane.example>") << meta.dump();
  // The password of the zipped copy is named, its messages read all the same.
  EXPECT_NE(Show(zipped).value("metadata", json::object()).value("warning", "").find("Outlook password"),
            std::string::npos);
}

TEST_F(CliPst, SearchFindsMessageBodiesAndAttachments) {
  const std::string box = Path("box.pst");
  std::vector<std::string> body = HitPaths("zanthorium");
  EXPECT_TRUE(Has(body, box + "//Inbox/1")) << json(body).dump(1);
  std::vector<std::string> attachment = HitPaths("quellspar");
  EXPECT_TRUE(Has(attachment, box + "//Inbox/1//manifest.txt")) << json(attachment).dump(1);
  EXPECT_TRUE(Has(HitPaths("vordelline"), box + "//Inbox/2"));  // an HTML-only body
  EXPECT_TRUE(Has(HitPaths("quorvex"), box + "//Inbox/2//Earlier draft.eml"));  // an attached message
  EXPECT_TRUE(Has(HitPaths("grelmont"), box + "//Inbox/Projects/1"));
  EXPECT_TRUE(Has(HitPaths("brumwick"), box + "//Inbox/Projects/2"));  // an RTF-only body
  EXPECT_TRUE(Has(HitPaths("subject:بندر"), box + "//Inbox/Projects/1"));  // a Persian subject
}

TEST_F(CliPst, HeadersTieTheSenderToTheRecipients) {
  json ties = Json({"ties", Case(), "Viktor Lanz", "--type", "communicated_with", "--json"});
  std::map<std::string, bool> found;
  for (const json& t : ties.value("ties", json::array())) {
    if (t["source"]["name"] != "Viktor Lanz") continue;
    for (const json& e : t["evidence"]) {
      if (e.value("path", "").starts_with(Path("box.pst") + "//Inbox/")) found[t["target"]["name"]] = true;
    }
  }
  EXPECT_TRUE(found["Mara Quint"]) << ties.dump(1);
  EXPECT_TRUE(found["Ilse Brandt"]) << ties.dump(1);
}

TEST_F(CliPst, BadMailboxesAreRecordedAndNothingElseIsLost) {
  std::map<std::string, std::string> failures = Failures();
  std::string all;
  for (const auto& [path, reason] : failures) all += path + ": " + reason + "\n";
  EXPECT_TRUE(failures[Path("truncated.pst")].starts_with("corrupt Outlook data file: ")) << all;
  EXPECT_NE(failures[Path("truncated.pst")].find("truncated Outlook data file"), std::string::npos) << all;
  EXPECT_TRUE(failures[Path("garbage.pst")].starts_with("corrupt Outlook data file")) << all;
  EXPECT_TRUE(failures[Path("encrypted.pst")].starts_with("encrypted Outlook data file")) << all;
  EXPECT_EQ(failures.size(), 3u) << all;
  // Bytes with no PST signature are no mailbox: kept as a document, with the reason.
  EXPECT_NE(Show(Path("noise.pst")).value("metadata", json::object()).value("warning", "").find("unsupported format"),
            std::string::npos);
  EXPECT_TRUE(Has(HitPaths("okapi"), Path("good.txt")));
  EXPECT_TRUE(Has(HitPaths("zanthorium"), Path("box.pst") + "//Inbox/1"));
}

}  // namespace
}  // namespace leakgraph::testing
