#include "link/tie_eval.h"

#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "resolve/cluster_eval.h"
#include "text/normalize.h"

namespace leakgraph::link {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, '\t')) out.push_back(field);
  return out;
}

Result<std::vector<std::vector<std::string>>> ReadTsv(const fs::path& file, std::size_t min_columns) {
  std::ifstream in(file);
  if (!in) return Status::IoError(file.string() + ": cannot read");
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool header = true;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (header) {
      header = false;
      continue;
    }
    auto row = SplitTabs(line);
    if (row.size() < min_columns) {
      return Status::InvalidInput(file.string() + ":" + std::to_string(number) + ": expected " +
                                  std::to_string(min_columns) + " tab-separated columns");
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// "a/b/file.txt" ends with "b/file.txt" at a path boundary; internal paths
// ("box.mbox//3") count as their container file.
bool PathIsFile(const std::string& path, const std::string& file) {
  std::string container = path.substr(0, path.find("//"));
  if (container.size() < file.size()) return false;
  if (container.compare(container.size() - file.size(), file.size(), file) != 0) return false;
  return container.size() == file.size() || container[container.size() - file.size() - 1] == '/';
}

using Key = std::tuple<std::string, std::string, std::string, std::string>;  // file, type, source, target

Key MakeKey(std::string file, const std::string& type, std::string a, std::string b) {
  if (store::IsSymmetricTieType(type) && b < a) std::swap(a, b);
  return {std::move(file), type, std::move(a), std::move(b)};
}

}  // namespace

Result<TieEvalReport> EvaluateTies(store::Store& store, const fs::path& gold_folder) {
  auto entities = resolve::ReadGoldEntities((gold_folder / "entities.tsv").string());
  if (!entities.ok()) return entities.status();
  auto ties = ReadTsv(gold_folder / "ties.tsv", 4);
  if (!ties.ok()) return ties.status();

  // Folded surface form -> gold ids.
  std::map<std::string, std::set<std::string>> gold_by_form;
  for (const auto& gold : *entities) {
    for (const auto& form : gold.forms) gold_by_form[text::FoldForSearch(form)].insert(gold.id);
    gold_by_form[text::FoldForSearch(gold.name)].insert(gold.id);
  }
  std::set<std::string> files;
  std::set<Key> gold;
  for (const auto& row : *ties) {
    files.insert(row[3]);
    gold.insert(MakeKey(row[3], row[2], row[0], row[1]));
  }

  // Case entity -> gold id, by its aliases.
  auto all = store.Entities("");
  if (!all.ok()) return all.status();
  std::map<std::int64_t, std::string> gold_of;
  for (const auto& e : *all) {
    std::map<std::string, int> votes;
    for (const auto& a : e.aliases) {
      auto it = gold_by_form.find(text::FoldForSearch(a.alias));
      if (it == gold_by_form.end()) continue;
      for (const auto& id : it->second) votes[id] += static_cast<int>(a.count) * (it->second.size() == 1 ? 2 : 1);
    }
    auto best = std::max_element(votes.begin(), votes.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    if (best != votes.end()) gold_of[e.id] = best->first;
  }

  store::TieQuery query;
  query.max_evidence = 1000;
  auto found = store.Ties(query);
  if (!found.ok()) return found.status();
  std::set<Key> predicted;
  std::map<Key, std::string> described;
  for (const auto& t : *found) {
    std::string a = gold_of.count(t.source.id) ? gold_of[t.source.id] : "?" + t.source.name;
    std::string b = gold_of.count(t.target.id) ? gold_of[t.target.id] : "?" + t.target.name;
    for (const auto& e : t.evidence) {
      for (const auto& file : files) {
        if (!PathIsFile(e.path, file)) continue;
        Key key = MakeKey(file, t.type, a, b);
        predicted.insert(key);
        described.emplace(key, file + ": " + t.type + " " + t.source.name + " -> " + t.target.name);
      }
    }
  }
  TieEvalReport report;
  for (const Key& k : predicted) {
    bool hit = gold.count(k) > 0;
    RelationCounts& c = report.by_type[std::get<1>(k)];
    (hit ? c.true_positives : c.false_positives)++;
    (hit ? report.micro.true_positives : report.micro.false_positives)++;
    if (!hit) report.spurious.push_back(described[k]);
  }
  for (const Key& k : gold) {
    if (predicted.count(k)) continue;
    report.by_type[std::get<1>(k)].false_negatives++;
    report.micro.false_negatives++;
    report.missed.push_back(std::get<0>(k) + ": " + std::get<1>(k) + " " + std::get<2>(k) + " -> " + std::get<3>(k));
  }
  return report;
}

}  // namespace leakgraph::link
