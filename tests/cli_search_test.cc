// Drives `leakgraph search` as a user would: the project's sample archive with
// its gold queries (examples/sample-gold/searches.tsv), then the query syntax
// on a small corpus written here, one file per feature so every assertion
// names the one document it expects.
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace leakgraph::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

json SearchJson(const fs::path& investigation, const std::vector<std::string>& query_and_flags) {
  std::vector<std::string> args = {"search", investigation.string()};
  args.insert(args.end(), query_and_flags.begin(), query_and_flags.end());
  args.push_back("--json");
  CommandResult r = RunLeakgraph(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  try {
    return json::parse(r.out);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "search did not print JSON: " << e.what() << "\n" << r.out << r.err;
    return json::object();
  }
}

// The path of every hit (first 50), each relative to `root`.
std::vector<std::string> HitFiles(const fs::path& investigation, const fs::path& root,
                                  const std::string& query) {
  json r = SearchJson(investigation, {query, "-n", "50"});
  std::vector<std::string> files;
  const std::string prefix = root.string() + "/";
  for (const auto& hit : r.value("hits", json::array())) {
    std::string path = hit.value("path", "");
    files.push_back(path.rfind(prefix, 0) == 0 ? path.substr(prefix.size()) : path);
  }
  std::sort(files.begin(), files.end());
  return files;
}

using Files = std::vector<std::string>;

// --- The sample archive and its gold queries --------------------------------

class SampleArchiveSearch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    CommandResult r = RunLeakgraph({"ingest", Case().string(), Archive().string(), "-q", "-j", "2"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static fs::path Case() { return dir_->path() / "case"; }
  static fs::path Archive() { return SourceDir() / "examples" / "sample-archive"; }
  static Files Hits(const std::string& query) { return HitFiles(Case(), Archive(), query); }

  static TempDir* dir_;
};
TempDir* SampleArchiveSearch::dir_ = nullptr;

TEST_F(SampleArchiveSearch, EveryGoldQueryFindsItsFile) {
  std::ifstream tsv(SourceDir() / "examples" / "sample-gold" / "searches.tsv");
  ASSERT_TRUE(tsv) << "examples/sample-gold/searches.tsv is missing";
  std::string line;
  std::getline(tsv, line);  // header: query <TAB> file
  int rows = 0;
  while (std::getline(tsv, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << "malformed row: " << line;
    const std::string query = line.substr(0, tab), file = line.substr(tab + 1);
    ++rows;
    Files hits = Hits(query);
    // A hit inside a container (mailbox.mbox//3) is found in the container's file.
    bool found = std::any_of(hits.begin(), hits.end(), [&](const std::string& h) {
      return EndsWith(h.substr(0, h.find("//")), file);
    });
    EXPECT_TRUE(found) << "query [" << query << "] should find " << file << "; got "
                       << ::testing::PrintToString(hits);
  }
  EXPECT_GT(rows, 10);
}

TEST_F(SampleArchiveSearch, TypeFilters) {
  EXPECT_EQ(Hits("type:pdf"), Files({"finance/crescent_horizon_expenses_Q3_2019.pdf"}));
  EXPECT_EQ(Hits("type:mbox"), Files({"mail/mailbox.mbox"}));
  EXPECT_EQ(Hits("type:cable"), Files({"cables/19TALHARIR412.html"}));
  Files html = Hits("type:html");
  EXPECT_EQ(html.size(), 6u) << ::testing::PrintToString(html);
}

// Regression: path terms were indexed unstemmed while the parser looked up
// stemmed ones (ZXPATHfinanc), so path:finance found nothing.
TEST_F(SampleArchiveSearch, PathFilter) {
  Files finance = Hits("path:finance");
  ASSERT_EQ(finance.size(), 5u) << ::testing::PrintToString(finance);
  for (const auto& f : finance) EXPECT_EQ(f.rfind("finance/", 0), 0u) << f;
  EXPECT_EQ(Hits("Kuhsar path:reports"), Files({"reports/field_note_kuhsar_2019-08-16.txt"}));
}

TEST_F(SampleArchiveSearch, SnippetHighlightsTheMatch) {
  json r = SearchJson(Case(), {"Kuhsar", "-n", "50"});
  ASSERT_FALSE(r["hits"].empty());
  for (const auto& hit : r["hits"]) {
    EXPECT_NE(hit["snippet"].get<std::string>().find("**Kuhsar**"), std::string::npos) << hit;
    EXPECT_NE(hit["snippet_html"].get<std::string>().find("<mark>Kuhsar</mark>"),
              std::string::npos) << hit;
  }
}

// --- Query syntax on a small corpus written here ------------------------------

std::string Mail(const std::string& from, const std::string& to, const std::string& date,
                 const std::string& subject, const std::string& body) {
  return "From: " + from + "\nTo: " + to + "\nDate: " + date + "\nSubject: " + subject +
         "\nMessage-ID: <" + subject + "@example.org>\nMIME-Version: 1.0\n"
         "Content-Type: text/plain; charset=utf-8\n\n" + body + "\n";
}

class QuerySyntax : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    auto put = [](const std::string& name, const std::string& text) { WriteFile(In() / name, text); };
    const std::string filler =
        " one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty ";
    put("phrase_together.txt", "Notes\nThe station chief met the envoy on Monday.\n");
    put("phrase_apart.txt", "Notes\nThe chief of the station was away on Monday.\n");
    put("kestrel_osprey.txt", "Notes\nA kestrel and an osprey were seen.\n");
    put("kestrel.txt", "Notes\nOnly a kestrel was seen.\n");
    put("osprey.txt", "Notes\nOnly an osprey was seen.\n");
    put("near.txt", "Notes\nThe falcon flew close to the harrier today.\n");
    put("far.txt", "Notes\nThe falcon" + filler + filler + "and then the harrier.\n");
    put("negotiations.txt", "Notes\nThe negotiations with the supplier stalled.\n");
    put("negotiator.txt", "Notes\nA negotiator arrived from Geneva.\n");
    put("title.html", "<html><head><title>Quarterly Falconry Review</title></head>"
                      "<body><p>Nothing about birds of prey here.</p></body></html>");
    put("falconry_body.txt", "Notes\nThe word falconry appears only in this body.\n");
    put("mail_2018.eml", Mail("Hamid Rostami <hamid@sender.example>", "Laleh <laleh@receiver.example>",
                              "Tue, 01 May 2018 10:00:00 +0000", "mail2018", "Meeting about the quince harvest."));
    put("mail_2019.eml", Mail("Nadia <nadia@other.example>", "Hamid Rostami <hamid@sender.example>",
                              "Fri, 15 Mar 2019 10:00:00 +0000", "mail2019", "Meeting about the quince harvest."));
    put("mail_2020.eml", Mail("Nadia <nadia@other.example>", "Laleh <laleh@receiver.example>",
                              "Wed, 01 Jul 2020 10:00:00 +0000", "mail2020", "Meeting about the quince harvest."));
    put("lang_en.txt", "Notes\nThe delegation travelled to Zanzibar last week to meet the bankers "
                       "and discuss the transfer of funds through the exchange house.\n");
    put("lang_ar.txt", "ملاحظات\nسافر الوفد إلى Zanzibar الأسبوع الماضي للقاء المصرفيين ومناقشة "
                       "تحويل الأموال عبر شركة الصرافة في المدينة القديمة.\n");
    put("lang_fa.txt", "یادداشت\nهیئت هفته گذشته به Zanzibar سفر کرد تا با بانکداران دیدار کند و "
                       "درباره انتقال پول از طریق صرافی گفتگو کند.\n");
    // Arabic and Persian orthography: each file holds one spelling of one word.
    put("alef.txt", "ملاحظات\nوصل احمد إلى المكتب صباحا.\n");
    put("yeh.txt", "ملاحظات\nوصل علي إلى المكتب صباحا.\n");
    put("kaf.txt", "ملاحظات\nقرأ الكتاب في المكتب صباحا.\n");
    put("teh.txt", "ملاحظات\nذهب إلى مدرسة البنات صباحا.\n");
    put("harakat.txt", "ملاحظات\nوَصَلَ مُحَمَّدٌ إلى المكتب صباحا.\n");
    put("tatweel.txt", "ملاحظات\nوصل الســــفير إلى المكتب صباحا.\n");
    put("zwnj.txt", "یادداشت\nمن می\u200Cخواهم فردا به تهران بروم.\n");
    put("persian_digits.txt", "یادداشت\nگزارش سال ۱۳۹۸ آماده شد.\n");
    put("latin_digits_fa.txt", "یادداشت\nگزارش سال 1397 آماده شد.\n");
    put("arabic_indic_digits.txt", "ملاحظات\nالمبلغ ٤٥٦٧ دولار.\n");
    put("latin_digits_ar.txt", "ملاحظات\nالمبلغ 7788 دولار.\n");
    for (int i = 1; i <= 7; ++i) {
      put("paging_" + std::to_string(i) + ".txt",
          "Notes\nParrot sighting number " + std::to_string(i) + std::string(i, ' ') +
              " parrot parrot.\n");
    }
    CommandResult r = RunLeakgraph({"ingest", Case().string(), In().string(), "-q", "-j", "2"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static fs::path Case() { return dir_->path() / "case"; }
  static fs::path In() { return dir_->path() / "in"; }
  static Files Hits(const std::string& query) { return HitFiles(Case(), In(), query); }
  static bool Finds(const std::string& query, const std::string& file) {
    Files hits = Hits(query);
    return std::find(hits.begin(), hits.end(), file) != hits.end();
  }
  static CommandResult Search(const std::vector<std::string>& args) {
    std::vector<std::string> all = {"search", Case().string()};
    all.insert(all.end(), args.begin(), args.end());
    return RunLeakgraph(all);
  }

  static TempDir* dir_;
};
TempDir* QuerySyntax::dir_ = nullptr;

TEST_F(QuerySyntax, PhraseNeedsAdjacentWords) {
  EXPECT_EQ(Hits("\"station chief\""), Files({"phrase_together.txt"}));
  EXPECT_EQ(Hits("station chief"), Files({"phrase_apart.txt", "phrase_together.txt"}));
}

TEST_F(QuerySyntax, BooleanOperators) {
  EXPECT_EQ(Hits("kestrel AND osprey"), Files({"kestrel_osprey.txt"}));
  EXPECT_EQ(Hits("kestrel osprey"), Files({"kestrel_osprey.txt"}));  // AND by default
  EXPECT_EQ(Hits("kestrel OR osprey"), Files({"kestrel.txt", "kestrel_osprey.txt", "osprey.txt"}));
  EXPECT_EQ(Hits("kestrel NOT osprey"), Files({"kestrel.txt"}));
  EXPECT_EQ(Hits("kestrel -osprey"), Files({"kestrel.txt"}));
}

TEST_F(QuerySyntax, NearMatchesOnlyCloseWords) {
  EXPECT_EQ(Hits("falcon NEAR harrier"), Files({"near.txt"}));
  EXPECT_EQ(Hits("falcon harrier"), Files({"far.txt", "near.txt"}));
}

TEST_F(QuerySyntax, Wildcard) {
  EXPECT_EQ(Hits("negot*"), Files({"negotiations.txt", "negotiator.txt"}));
}

TEST_F(QuerySyntax, EnglishStemming) {
  EXPECT_TRUE(Finds("negotiating", "negotiations.txt"));
  EXPECT_TRUE(Finds("negotiation", "negotiations.txt"));
}

TEST_F(QuerySyntax, TitleField) {
  EXPECT_EQ(Hits("title:falconry"), Files({"title.html"}));
  EXPECT_EQ(Hits("falconry"), Files({"falconry_body.txt", "title.html"}));
}

TEST_F(QuerySyntax, FromAndToFields) {
  EXPECT_EQ(Hits("from:hamid@sender.example"), Files({"mail_2018.eml"}));
  EXPECT_EQ(Hits("to:hamid@sender.example"), Files({"mail_2019.eml"}));
  EXPECT_EQ(Hits("from:rostami"), Files({"mail_2018.eml"}));
  EXPECT_EQ(Hits("from:nadia to:laleh"), Files({"mail_2020.eml"}));
}

TEST_F(QuerySyntax, LanguageFilter) {
  EXPECT_EQ(Hits("zanzibar lang:en"), Files({"lang_en.txt"}));
  EXPECT_EQ(Hits("zanzibar lang:ar"), Files({"lang_ar.txt"}));
  EXPECT_EQ(Hits("zanzibar lang:fa"), Files({"lang_fa.txt"}));
  EXPECT_EQ(Hits("zanzibar"), Files({"lang_ar.txt", "lang_en.txt", "lang_fa.txt"}));
}

// A file name as the user sees it (underscores, dots) must work as a path: filter.
TEST_F(QuerySyntax, PathFilter) {
  EXPECT_EQ(Hits("quince path:mail_2019.eml"), Files({"mail_2019.eml"}));
  EXPECT_EQ(Hits("quince path:mail_2020"), Files({"mail_2020.eml"}));
}

TEST_F(QuerySyntax, DateRanges) {
  EXPECT_EQ(Hits("quince date:2019-01-01..2019-12-31"), Files({"mail_2019.eml"}));
  EXPECT_EQ(Hits("quince date:2019-03-15..2019-03-15"), Files({"mail_2019.eml"}));
  EXPECT_EQ(Hits("quince date:2019..2020"), Files({"mail_2019.eml", "mail_2020.eml"}));
  EXPECT_EQ(Hits("quince date:2018..2018"), Files({"mail_2018.eml"}));
  EXPECT_EQ(Hits("quince date:2019.."), Files({"mail_2019.eml", "mail_2020.eml"}));
  EXPECT_EQ(Hits("quince date:..2019"), Files({"mail_2018.eml", "mail_2019.eml"}));
  EXPECT_EQ(Hits("date:2018-05-01..2018-05-01"), Files({"mail_2018.eml"}));
}

TEST_F(QuerySyntax, ArabicNormalisationAndStemming) {
  EXPECT_TRUE(Finds("أحمد", "alef.txt"));     // hamza alef query, bare alef text
  EXPECT_TRUE(Finds("إحمد", "alef.txt"));
  EXPECT_TRUE(Finds("علی", "yeh.txt"));        // Persian yeh query, Arabic yeh text
  EXPECT_TRUE(Finds("کتاب", "kaf.txt"));       // keheh query, Arabic kaf text (stemmed الكتاب)
  EXPECT_TRUE(Finds("مدرسه", "teh.txt"));      // heh query, teh marbuta text
  EXPECT_TRUE(Finds("محمد", "harakat.txt"));   // no harakat in the query
  EXPECT_TRUE(Finds("مُحَمَّد", "harakat.txt"));
  EXPECT_TRUE(Finds("السفير", "tatweel.txt")); // tatweel only in the text
  EXPECT_TRUE(Finds("الســفير", "tatweel.txt"));
  EXPECT_TRUE(Finds("سفير", "tatweel.txt"));    // Arabic stemming drops the article
}

TEST_F(QuerySyntax, PersianZwnjAndDigits) {
  EXPECT_TRUE(Finds("میخواهم", "zwnj.txt"));
  EXPECT_TRUE(Finds("می\u200Cخواهم", "zwnj.txt"));
  EXPECT_TRUE(Finds("\"می خواهم\"", "zwnj.txt") || Finds("میخواهم", "zwnj.txt"));
  EXPECT_TRUE(Finds("1398", "persian_digits.txt"));
  EXPECT_TRUE(Finds("۱۳۹۸", "persian_digits.txt"));
  EXPECT_TRUE(Finds("۱۳۹۷", "latin_digits_fa.txt"));
  EXPECT_TRUE(Finds("4567", "arabic_indic_digits.txt"));
  EXPECT_TRUE(Finds("٤٥٦٧", "arabic_indic_digits.txt"));
  EXPECT_TRUE(Finds("٧٧٨٨", "latin_digits_ar.txt"));
  EXPECT_TRUE(Finds("۷۷۸۸", "latin_digits_ar.txt"));  // Persian digit forms of the same number
}

TEST_F(QuerySyntax, PagingGivesTheNextHitsWithoutOverlap) {
  json all = SearchJson(Case(), {"parrot", "-n", "50"});
  ASSERT_EQ(all["total"], 7) << all;
  json p1 = SearchJson(Case(), {"parrot", "-n", "2", "-p", "1"});
  json p2 = SearchJson(Case(), {"parrot", "-n", "2", "-p", "2"});
  json p4 = SearchJson(Case(), {"parrot", "-n", "2", "-p", "4"});
  ASSERT_EQ(p1["hits"].size(), 2u);
  ASSERT_EQ(p2["hits"].size(), 2u);
  ASSERT_EQ(p4["hits"].size(), 1u);
  EXPECT_EQ(p1["offset"], 0);
  EXPECT_EQ(p2["offset"], 2);
  EXPECT_EQ(p2["limit"], 2);
  EXPECT_EQ(p2["total"], 7);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(p1["hits"][i]["id"], all["hits"][i]["id"]);
    EXPECT_EQ(p2["hits"][i]["id"], all["hits"][i + 2]["id"]);
    EXPECT_EQ(p2["hits"][i]["rank"], i + 3);
  }
  EXPECT_EQ(p4["hits"][0]["id"], all["hits"][6]["id"]);
  json past_end = SearchJson(Case(), {"parrot", "-n", "2", "-p", "9"});
  EXPECT_TRUE(past_end["hits"].empty());
}

TEST_F(QuerySyntax, JsonShape) {
  json r = SearchJson(Case(), {"kestrel", "-n", "5"});
  EXPECT_EQ(r["query"], "kestrel");
  EXPECT_TRUE(r["parsed"].is_string());
  EXPECT_EQ(r["total"], 2);
  EXPECT_EQ(r["offset"], 0);
  EXPECT_EQ(r["limit"], 5);
  ASSERT_EQ(r["hits"].size(), 2u);
  int rank = 0;
  for (const auto& hit : r["hits"]) {
    EXPECT_TRUE(hit["id"].is_number_integer()) << hit;
    EXPECT_EQ(hit["rank"], ++rank);
    EXPECT_TRUE(hit["percent"].is_number()) << hit;
    EXPECT_GT(hit["percent"].get<int>(), 0);
    EXPECT_LE(hit["percent"].get<int>(), 100);
    for (const char* key : {"title", "path", "lang", "type", "date", "snippet_html", "snippet"}) {
      EXPECT_TRUE(hit.contains(key) && hit[key].is_string()) << key << " in " << hit;
    }
    EXPECT_EQ(hit["type"], "text/plain");
    EXPECT_EQ(hit["lang"], "en");
    EXPECT_NE(hit["snippet"].get<std::string>().find("**kestrel**"), std::string::npos) << hit;
    EXPECT_NE(hit["snippet_html"].get<std::string>().find("<mark>kestrel</mark>"),
              std::string::npos) << hit;
  }
  // The hit's id is the document `show` prints for its path.
  CommandResult show = RunLeakgraph({"show", Case().string(), r["hits"][0]["path"], "--json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(json::parse(show.out)["id"], r["hits"][0]["id"]);
}

TEST_F(QuerySyntax, SnippetHtmlEscapesMarkup) {
  json r = SearchJson(Case(), {"kestrel"});
  for (const auto& hit : r["hits"]) {
    std::string html = hit["snippet_html"];
    std::string stripped = html;
    for (const char* tag : {"<mark>", "</mark>"}) {
      for (size_t p; (p = stripped.find(tag)) != std::string::npos;) stripped.erase(p, strlen(tag));
    }
    EXPECT_EQ(stripped.find('<'), std::string::npos) << html;
  }
}

TEST_F(QuerySyntax, SyntaxErrorIsExit2WithAClearMessage) {
  for (std::string q : {"kestrel AND", "AND", "kestrel OR OR osprey"}) {
    CommandResult r = Search({q});
    EXPECT_EQ(r.exit_code, 2) << q << "\n" << r.out;
    EXPECT_NE(r.err.find("query"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(q), std::string::npos) << "message should quote the query: " << r.err;
  }
}

TEST_F(QuerySyntax, OddQueriesDoNotCrash) {
  std::vector<std::string> queries = {"\"", "AND", "*", "date:..", "date:", "title:", "((", "\"\"",
                                      "NOT", "a*b*c*", "date:2019-13-45..2019-99-99",
                                      "date:zzz..yyy", "NEAR", "lang:", "\x01"};
  std::string big;
  while (big.size() < 10 * 1024) big += "kestrel OR osprey OR ";
  big += "falcon";
  queries.push_back(big);
  for (const auto& q : queries) {
    for (bool json_output : {false, true}) {
      std::vector<std::string> args = {q};
      if (json_output) args.push_back("--json");
      CommandResult r = Search(args);
      EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 2)
          << "query [" << q.substr(0, 40) << "] exit " << r.exit_code << "\n" << r.err;
      if (r.exit_code == 2) {
        EXPECT_FALSE(r.err.empty()) << q.substr(0, 40);
      }
      if (r.exit_code == 0 && json_output) {
        EXPECT_NO_THROW(json::parse(r.out)) << q.substr(0, 40) << "\n" << r.out;
      }
    }
  }
  json r = SearchJson(Case(), {big, "-n", "50"});
  EXPECT_EQ(r["total"], 5) << "the 10 KB OR query should match every kestrel, osprey, falcon file";
}

}  // namespace
}  // namespace leakgraph::testing
