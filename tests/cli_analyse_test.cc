// Drives the analyse stage as a user would: mentions found at ingest, shown by
// `show`, counted by `status`, searchable through person:/org:/place: and
// --facets, and `leakgraph analyse` re-runnable (twice, after kill -9, before
// a reindex) without changing the result.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "store/store.h"
#include "test_support.h"

namespace leakgraph::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path Archive() {
  return SourceDir() / "examples" / "sample-archive";
}

json RunJson(const std::vector<std::string>& args) {
  CommandResult r = RunLeakgraph(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out, nullptr, false);
}

// Every stored mention, by document hash: "TYPE begin-end text -> normalized extra".
std::map<std::string, std::vector<std::string>> MentionSnapshot(const fs::path& case_dir) {
  std::map<std::string, std::vector<std::string>> out;
  auto store = store::Store::Open((case_dir / "leakgraph.sqlite").string(), false, /*read_only=*/true);
  EXPECT_TRUE(store.ok()) << store.status().message();
  if (!store.ok()) return out;
  std::vector<std::pair<std::int64_t, std::string>> docs;
  EXPECT_TRUE(
      store->ForEachDocument([&](const store::DocumentRecord& d) { docs.emplace_back(d.id, d.hash); }).ok());
  for (const auto& [id, hash] : docs) {
    auto mentions = store->Mentions(id);
    EXPECT_TRUE(mentions.ok());
    auto& rows = out[hash];
    for (const auto& m : *mentions) {
      rows.push_back(m.type + " " + std::to_string(m.begin) + "-" + std::to_string(m.end) + " " + m.text +
                     " -> " + m.normalized + " " + m.extra);
    }
  }
  return out;
}

std::set<std::string> SearchPaths(const fs::path& case_dir, const std::string& query) {
  json r = RunJson({"search", case_dir.string(), query, "--json", "-n", "1000"});
  std::set<std::string> paths;
  for (auto& h : r["hits"]) paths.insert(h["path"].get<std::string>());
  return paths;
}

// Points the binary at models that cannot be loaded, for the scope's lifetime.
class BrokenModels {
 public:
  explicit BrokenModels(const fs::path& dir) {
    for (const char* lang : {"en", "ar", "fa"})
      WriteFile(dir / ("ner-" + std::string(lang) + ".bin"), "not a model");
    setenv("LEAKGRAPH_MODELS", dir.c_str(), 1);
  }
  ~BrokenModels() { unsetenv("LEAKGRAPH_MODELS"); }
};

class AnalyseTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tmp_ = new TempDir();
    case_ = tmp_->path() / "case";
    CommandResult r = RunLeakgraph({"ingest", "-q", case_.string(), Archive().string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete tmp_;
    tmp_ = nullptr;
  }
  static json Show(const std::string& relative) {
    return RunJson({"show", case_.string(), (Archive() / relative).string(), "--json", "--no-text"});
  }
  static inline TempDir* tmp_ = nullptr;
  static inline fs::path case_;
};

TEST_F(AnalyseTest, ShowListsThePeopleAndDatesOfAnEnglishReport) {
  json doc = Show("reports/station_report_2019-05-20.txt");
  std::set<std::string> people;
  bool report_date = false;
  for (const auto& m : doc["mentions"]) {
    if (m["type"] == "PERSON") people.insert(m["text"].get<std::string>());
    if (m["type"] == "DATE" && m["text"] == "20 May 2019") {
      report_date = m["normalized"] == "2019-05-20" && m["extra"]["precision"] == "day";
    }
    EXPECT_LE(m["end"].get<std::size_t>(), doc["size"].get<std::size_t>());
  }
  EXPECT_TRUE(people.count("Kourosh Tavanaei")) << doc["mentions"].dump(1);
  EXPECT_TRUE(people.count("Behzad Arjomand")) << doc["mentions"].dump(1);
  EXPECT_TRUE(report_date) << doc["mentions"].dump(1);

  CommandResult text =
      RunLeakgraph({"show", case_.string(), (Archive() / "reports/station_report_2019-05-20.txt").string()});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Mentions:"), std::string::npos);
  EXPECT_NE(text.out.find("20 May 2019  -> 2019-05-20"), std::string::npos) << text.out;
}

TEST_F(AnalyseTest, MoneyInPersianAndArabicDocumentsHasAmountAndCurrency) {
  // examples/sample-gold/payments.tsv: 850,000,000 toman from the foundation to Al-Noor.
  json persian = Show("finance/daftar_bonyad_1398.txt");
  bool toman = false;
  for (const auto& m : persian["mentions"]) {
    if (m["type"] == "MONEY" && m["normalized"] == "8500000000 IRR") {
      toman = m["extra"]["currency"] == "IRR" && m["extra"]["amount"].get<double>() == 8.5e9 &&
              m["extra"].value("stated_in_toman", false);
    }
  }
  EXPECT_TRUE(toman) << persian["mentions"].dump(1);
  json arabic = Show("finance/kashf_hisab_alnoor_2019.txt");
  bool dollars = false;
  for (const auto& m : arabic["mentions"]) {
    if (m["type"] == "MONEY" && m["normalized"] == "250000 USD") dollars = m["extra"]["currency"] == "USD";
  }
  EXPECT_TRUE(dollars) << arabic["mentions"].dump(1);
}

TEST_F(AnalyseTest, PersonSearchAndFacetsFindTavanaei) {
  std::set<std::string> hits = SearchPaths(case_, "person:Tavanaei");
  EXPECT_GE(hits.size(), 3u);
  EXPECT_TRUE(hits.count((Archive() / "reports/station_report_2019-05-20.txt").string()));

  json r = RunJson({"search", case_.string(), "Tavanaei", "--facets", "--json"});
  bool listed = false;
  for (const auto& f : r["facets"]["person"]) {
    if (f["name"].get<std::string>().find("Tavanaei") != std::string::npos)
      listed = f["count"].get<int>() >= 2;
  }
  EXPECT_TRUE(listed) << r["facets"].dump(1);
  EXPECT_TRUE(r["facets"].contains("org"));
  EXPECT_TRUE(r["facets"].contains("place"));
  CommandResult text = RunLeakgraph({"search", case_.string(), "Tavanaei", "--facets"});
  EXPECT_NE(text.out.find("People:"), std::string::npos) << text.out;
}

TEST_F(AnalyseTest, StatusCountsMentionsByType) {
  json status = RunJson({"status", case_.string(), "--json"});
  for (const char* type : {"PERSON", "ORG", "LOCATION", "DATE", "MONEY", "EMAIL", "PHONE"}) {
    EXPECT_GT(status["mentions"].value(type, 0), 0) << type << " " << status["mentions"].dump();
  }
}

// The ROLE mention of `doc` whose folded title is `role` and that is attached
// to `person`, checked both ways: the ROLE names the person (and `org` when
// given) and the PERSON mention at that offset names the role. Returns
// whether it was found.
bool HasRoleOf(const json& doc, const std::string& role, const std::string& person,
               const std::string& org = "") {
  for (const auto& m : doc["mentions"]) {
    if (m["type"] != "ROLE" || m["normalized"] != role || m["extra"].value("person", "") != person) continue;
    if (!org.empty() && m["extra"].value("org", "") != org) continue;
    for (const auto& p : doc["mentions"]) {
      if (p["type"] == "PERSON" && p["begin"] == m["extra"]["person_begin"] &&
          p["end"] == m["extra"]["person_end"] && p["text"] == person && p["extra"].contains("role")) {
        return true;
      }
    }
  }
  return false;
}

TEST_F(AnalyseTest, RolesAttachToThePersonTheSentenceNames) {
  // "Colonel Behzad Arjomand is the station chief of the Directorate of External Security in Tal Harir."
  // "Last Tuesday, Arjomand met with Omar Fakhoury, a reporter for the Tal Harir Observer, ..."
  json report = Show("reports/station_report_2019-05-20.txt");
  EXPECT_TRUE(HasRoleOf(report, "station chief", "Behzad Arjomand", "Directorate of External Security"))
      << report["mentions"].dump(1);
  EXPECT_TRUE(HasRoleOf(report, "colonel", "Behzad Arjomand")) << report["mentions"].dump(1);
  EXPECT_TRUE(HasRoleOf(report, "reporter", "Omar Fakhoury", "Tal Harir Observer"))
      << report["mentions"].dump(1);
  // "Deputy Foreign Minister Adnan al-Shaheri met with ...": the title is not part of the name.
  json cable = Show("cables/19TALHARIR412.html");
  EXPECT_TRUE(HasRoleOf(cable, "deputy foreign minister", "Adnan al-Shaheri")) << cable["mentions"].dump(1);
  // "زار السفير الكستري رضا كمالوند وزارة الخارجية الفارينية أمس"
  json marsad = Show("news/marsad_2019-04-02_kamalvand.html");
  EXPECT_TRUE(HasRoleOf(marsad, "السفیر الکستری", "رضا كمالوند")) << marsad["mentions"].dump(1);
  // "شیرین گلستانه، خزانه‌دار بنیاد، اعلام کرد ..."
  json bonyad = Show("news/bonyad-arzhan_1398-06-30.html");
  EXPECT_TRUE(HasRoleOf(bonyad, "خزانهدار", "شیرین گلستانه")) << bonyad["mentions"].dump(1);
  // "Payments reach the deputy foreign minister and the DES station in Tal Harir.": no one is named.
  json telegram = Show("cables/TH-2019-0311_telegram.txt");
  bool unattached = false;
  for (const auto& m : telegram["mentions"]) {
    if (m["type"] == "ROLE" && m["text"] == "deputy foreign minister")
      unattached = !m["extra"].contains("person");
  }
  EXPECT_TRUE(unattached) << telegram["mentions"].dump(1);
}

TEST_F(AnalyseTest, RoleSearchAndFacets) {
  std::set<std::string> hits = SearchPaths(case_, "role:\"station chief\"");
  EXPECT_TRUE(hits.count((Archive() / "reports/station_report_2019-05-20.txt").string()));
  json r = RunJson({"search", case_.string(), "Shaheri", "--facets", "--json"});
  bool listed = false;
  for (const auto& f : r["facets"]["role"]) listed = listed || f["key"] == "deputy foreign minister";
  EXPECT_TRUE(listed) << r["facets"].dump(1);
}

TEST(AnalyseRerunTest, TwiceGivesTheSameMentionsAndReindexKeepsPersonSearch) {
  TempDir tmp;
  fs::path case_dir = tmp / "case";
  ASSERT_EQ(RunLeakgraph({"ingest", "-q", case_dir.string(), Archive().string()}).exit_code, 0);
  auto at_ingest = MentionSnapshot(case_dir);
  auto person_hits = SearchPaths(case_dir, "person:Tavanaei");
  ASSERT_FALSE(person_hits.empty());
  auto facets = RunJson({"search", case_dir.string(), "Dubai", "--facets", "--json"})["facets"];
  for (int run = 0; run < 2; ++run) {
    CommandResult r = RunLeakgraph({"analyse", case_dir.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Analysed "), std::string::npos) << r.out;
    EXPECT_EQ(MentionSnapshot(case_dir), at_ingest) << "run " << run;
  }
  EXPECT_EQ(SearchPaths(case_dir, "person:Tavanaei"), person_hits);
  ASSERT_EQ(RunLeakgraph({"reindex", "-q", case_dir.string()}).exit_code, 0);
  EXPECT_EQ(SearchPaths(case_dir, "person:Tavanaei"), person_hits);
  EXPECT_EQ(RunJson({"search", case_dir.string(), "Dubai", "--facets", "--json"})["facets"], facets);
  json status = RunJson({"status", case_dir.string(), "--json"});
  EXPECT_TRUE(status["index_consistent"].get<bool>()) << status.dump();
}

// Enough text that `leakgraph analyse` runs for a noticeable time.
void WriteBulkCorpus(const fs::path& dir) {
  fs::create_directories(dir);
  fs::copy(Archive(), dir / "sample", fs::copy_options::recursive);
  std::mt19937 rng(7);
  const char* sentences[] = {
      "General Kourosh Tavanaei met Ambassador Reza Kamalvand in Tal Harir on 12 March 2019.",
      "Youssef al-Marzouqi paid $45,000 to Crescent Horizon Trading LLC in Dubai.",
      "Call Behzad Arjomand at +384 71 555 2290 or write to b.arjomand@mfa.gov.ks.",
      "سرهنگ بهزاد ارجمند در تاریخ ۱۳۹۸/۰۷/۲۴ مبلغ ۸۵۰ میلیون تومان پرداخت کرد.",
      "التقى عدنان الشاهري بالسفير رضا كمالوند في تل حرير يوم ١٢ آذار ٢٠١٩."};
  for (int i = 0; i < 300; ++i) {
    std::string text = "Bulk report " + std::to_string(i) + "\n";
    for (int s = 0; s < 150; ++s) text += std::string(sentences[rng() % 5]) + (s % 4 == 3 ? "\n\n" : " ");
    WriteFile(dir / "bulk" / ("r" + std::to_string(i) + ".txt"), text);
  }
}

TEST(AnalyseRerunTest, KillNineDuringAnalyseThenAnalyseEndsLikeAnUninterruptedRun) {
  TempDir tmp;
  WriteBulkCorpus(tmp / "corpus");
  fs::path reference = tmp / "reference", interrupted = tmp / "interrupted";
  {
    // Ingest without usable models, so that `analyse` has entities to add.
    BrokenModels broken(tmp / "broken-models");
    for (const fs::path& c : {reference, interrupted}) {
      CommandResult r = RunLeakgraph({"ingest", "-q", c.string(), (tmp / "corpus").string()});
      ASSERT_EQ(r.exit_code, 0) << r.err;
      for (const char* lang : {"'en'", "'fa'", "'ar'"}) {  // one warning per language, not per document
        std::size_t first = r.err.find(lang);
        EXPECT_NE(first, std::string::npos) << r.err;
        EXPECT_EQ(r.err.find(lang, first + 1), std::string::npos) << r.err;
      }
    }
  }
  // Only e-mail header parties (no model needed) are people yet: no bulk report has one.
  for (const std::string& path : SearchPaths(reference, "person:Tavanaei")) {
    ASSERT_EQ(path.find("bulk"), std::string::npos) << path;
  }
  CommandResult full = RunLeakgraph({"analyse", reference.string()});
  ASSERT_EQ(full.exit_code, 0) << full.err;
  auto expected = MentionSnapshot(reference);
  auto expected_hits = SearchPaths(reference, "person:Tavanaei");
  ASSERT_GT(expected_hits.size(), 100u);

  std::mt19937 rng(20261129);
  int kills = 0;
  for (int round = 0; round < 6; ++round) {
    auto delay = std::chrono::milliseconds(50 + rng() % 900);
    if (RunLeakgraphAndKill({"analyse", "-q", interrupted.string()}, delay)) ++kills;
  }
  EXPECT_GT(kills, 0) << "no analyse was interrupted; the corpus is too small to test anything";
  CommandResult resumed = RunLeakgraph({"analyse", interrupted.string()});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(MentionSnapshot(interrupted), expected);
  EXPECT_EQ(SearchPaths(interrupted, "person:Tavanaei"), expected_hits);
  json status = RunJson({"status", interrupted.string(), "--json"});
  EXPECT_TRUE(status["index_consistent"].get<bool>()) << status.dump();
  EXPECT_EQ(status["mentions"], RunJson({"status", reference.string(), "--json"})["mentions"]);
}

}  // namespace
}  // namespace leakgraph::testing
