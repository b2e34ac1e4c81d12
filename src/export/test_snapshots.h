// Hand-made snapshots for the export tests: a small case from the sample
// archive's story, and a hostile one whose names and sentences carry markup,
// quotes, commas, newlines, an RTL override, control characters and invalid
// UTF-8.
#pragma once

#include <string>
#include <utility>

#include "export/snapshot.h"
#include "util/sha256.h"

namespace leakgraph::exports::testing {

inline store::EntityRow MakeEntity(std::int64_t id, std::string type, std::string name,
                                   std::vector<std::string> aliases = {}) {
  store::EntityRow e;
  e.id = id;
  e.type = std::move(type);
  e.name = std::move(name);
  e.aliases.push_back({e.name, "latin", 3, "name"});
  for (auto& a : aliases) e.aliases.push_back({std::move(a), "arabic", 1, "rule"});
  e.mention_count = 3 + static_cast<std::int64_t>(e.aliases.size());
  return e;
}

inline store::TieEvidence MakeEvidence(std::int64_t document_id, std::string path, std::size_t begin, std::string text,
                                       std::string trigger = "", std::string date = "") {
  store::TieEvidence ev;
  ev.relation_id = document_id * 100 + static_cast<std::int64_t>(begin);
  ev.document_id = document_id;
  ev.path = std::move(path);
  ev.begin = begin;
  ev.end = begin + text.size();
  const auto at = trigger.empty() ? std::string::npos : text.find(trigger);
  if (at != std::string::npos) {
    ev.trigger_begin = begin + at;
    ev.trigger_end = ev.trigger_begin + trigger.size();
  }
  ev.text = std::move(text);
  ev.trigger = std::move(trigger);
  ev.date = std::move(date);
  return ev;
}

inline store::TieRow MakeTie(const store::EntityRow& source, const store::EntityRow& target, std::string type,
                             std::vector<store::TieEvidence> evidence) {
  store::TieRow tie;
  tie.source = {source.id, source.type, source.name};
  tie.target = {target.id, target.type, target.name};
  tie.type = std::move(type);
  tie.weight = static_cast<std::int64_t>(evidence.size());
  tie.documents = 1;
  tie.evidence = std::move(evidence);
  return tie;
}

inline SnapshotDocument MakeDocument(std::int64_t id, std::string path, std::string title) {
  SnapshotDocument d;
  d.id = id;
  d.hash = util::Sha256Hex(path);
  d.path = std::move(path);
  d.title = std::move(title);
  d.content_type = "text/plain; charset=utf-8";
  d.language = "en";
  d.date = "2019-07-08T10:00:00Z";
  return d;
}

// Four people, three organisations, a place; one tie of each typed kind.
inline GraphSnapshot SampleSnapshot() {
  GraphSnapshot s;
  s.symmetric_types = {"close_ties", "met_with", "family", "opposes", "co_mention"};
  const auto p1 = MakeEntity(1, "PERSON", "Kourosh Tavanaei", {"كوروش توانائي"});
  const auto p2 = MakeEntity(2, "PERSON", "Adnan al-Shaheri", {"عدنان الشاهري", "Shaheri"});
  const auto p4 = MakeEntity(4, "PERSON", "Youssef al-Marzouqi");
  const auto p5 = MakeEntity(5, "PERSON", "Tariq al-Marzouqi");
  const auto o1 = MakeEntity(11, "ORG", "Directorate of External Security", {"DES"});
  const auto o3 = MakeEntity(13, "ORG", "Crescent Horizon Trading LLC");
  const auto o4 = MakeEntity(14, "ORG", "Al-Noor Exchange", {"صرافة النور"});
  const auto l3 = MakeEntity(23, "LOCATION", "Tal Harir", {"تل حرير"});
  s.entities = {p1, p2, p4, p5, o1, o3, o4, l3};
  s.documents[1] = MakeDocument(1, "cables/TH-2019-0311_telegram.txt", "Telegram TH-2019-0311");
  s.documents[2] = MakeDocument(2, "reports/source_profile_marzouqi_2019-06-30.txt", "Source profile");
  s.documents[3] = MakeDocument(3, "mail/mailbox.mbox//2//receipt_1398-07-24.txt", "");
  const std::string paid = "Youssef al-Marzouqi paid $45,000 to Al-Noor Exchange in Tal Harir on 8 July 2019.";
  auto paid_ev = MakeEvidence(1, "cables/TH-2019-0311_telegram.txt", 120, paid, "paid", "2019-07-08");
  paid_ev.amount = 45000;
  paid_ev.currency = "USD";
  auto paid_ev2 = MakeEvidence(3, "mail/mailbox.mbox//2//receipt_1398-07-24.txt", 10,
                               "Y. Marzouqi paid AED 250,000 to Al-Noor Exchange.", "paid", "2019-10");
  paid_ev2.amount = 250000;
  paid_ev2.currency = "AED";
  s.ties = {
      MakeTie(p4, o4, "paid", {paid_ev, paid_ev2}),
      MakeTie(p1, o1, "leads",
              {MakeEvidence(2, "reports/source_profile_marzouqi_2019-06-30.txt", 400,
                            "General Kourosh Tavanaei heads the Directorate of External Security in Arzhan.", "heads")}),
      MakeTie(p4, p5, "family",
              {MakeEvidence(2, "reports/source_profile_marzouqi_2019-06-30.txt", 200,
                            "His brother Tariq al-Marzouqi runs Al-Noor Exchange in Tal Harir.", "brother")}),
      MakeTie(p1, p4, "close_ties",
              {MakeEvidence(2, "reports/source_profile_marzouqi_2019-06-30.txt", 300,
                            "Yusuf Marzuqi has been a close friend of General Tavanaei.", "close friend")}),
      MakeTie(p5, o4, "member_of",
              {MakeEvidence(1, "cables/TH-2019-0311_telegram.txt", 500, "Tariq al-Marzouqi, a partner of Al-Noor.",
                            "partner")}),
      MakeTie(p2, p1, "met_with",
              {MakeEvidence(1, "cables/TH-2019-0311_telegram.txt", 700, "Shaheri met with Tavanaei in March 2019.",
                            "met with", "2019-03")}),
      MakeTie(o4, l3, "located_in",
              {MakeEvidence(2, "reports/source_profile_marzouqi_2019-06-30.txt", 210,
                            "Al-Noor Exchange in Tal Harir.", "in")}),
      // A leads tie whose target is a place: no Directorship (its organization must be an Organization).
      MakeTie(p1, l3, "leads",
              {MakeEvidence(1, "cables/TH-2019-0311_telegram.txt", 900, "Tavanaei runs Tal Harir.", "runs")}),
      MakeTie(o3, o4, "co_mention",
              {MakeEvidence(1, "cables/TH-2019-0311_telegram.txt", 1000, "Crescent Horizon and Al-Noor Exchange.")}),
  };
  return s;
}

// Names and sentences an attacker controls.
inline GraphSnapshot HostileSnapshot() {
  GraphSnapshot s;
  s.symmetric_types = {"met_with"};
  const std::string script = "<script>alert(\"x\")</script> & Co, \"Ltd\"\nline two";
  const std::string rtl = "\xE2\x80\xAE" "txt.exe \xD8\xB9\xD8\xAF\xD9\x86\xD8\xA7\xD9\x86";  // RLO + Arabic
  const std::string control = std::string("bell\x07 nul") + '\0' + "esc\x1b tab\tend";
  const std::string invalid = "bad \xC3\x28 utf8 \xFF";
  const std::string formula = "=HYPERLINK(\"http://evil\",\"click\")";
  auto a = MakeEntity(1, "PERSON", script, {rtl, "semi;colon"});
  auto b = MakeEntity(2, "ORG", control, {invalid});
  auto c = MakeEntity(3, "PERSON", formula);
  s.entities = {a, b, c};
  s.documents[7] = MakeDocument(7, "leak/<evil> \"name\",\n.txt", "<title>\x01");
  s.ties = {
      MakeTie(a, b, "member_of",
              {MakeEvidence(7, "leak/<evil> \"name\",\n.txt", 0, script + " joined " + control + " " + invalid,
                            "joined")}),
      MakeTie(a, c, "met_with",
              {MakeEvidence(7, "leak/<evil> \"name\",\n.txt", 100, rtl + " met " + formula + ", \"quoted\"\r\n",
                            "met")}),
  };
  return s;
}

}  // namespace leakgraph::exports::testing
