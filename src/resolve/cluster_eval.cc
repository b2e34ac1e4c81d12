#include "resolve/cluster_eval.h"

#include <fstream>
#include <map>
#include <set>

namespace leakgraph::resolve {

Result<std::vector<GoldEntity>> ReadGoldEntities(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot read");
  std::vector<GoldEntity> out;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> cols;
    std::size_t at = 0;
    for (std::size_t tab; (tab = line.find('\t', at)) != std::string::npos; at = tab + 1)
      cols.push_back(line.substr(at, tab - at));
    cols.push_back(line.substr(at));
    if (cols.size() < 4) continue;
    GoldEntity g{cols[0], cols[1], cols[2], {}};
    std::string forms = cols[3];
    for (std::size_t from = 0;;) {
      std::size_t bar = forms.find(" | ", from);
      std::string form = forms.substr(from, bar == std::string::npos ? std::string::npos : bar - from);
      if (!form.empty()) g.forms.push_back(form);
      if (bar == std::string::npos) break;
      from = bar + 3;
    }
    out.push_back(std::move(g));
  }
  return out;
}

namespace {
double Pairs(std::int64_t n) {
  return static_cast<double>(n) * static_cast<double>(n - 1) / 2;
}
}  // namespace

ClusterEvalReport EvaluateClusters(const std::vector<GoldEntity>& gold,
                                   const std::vector<ResolvedText>& mentions) {
  std::map<std::string, std::set<std::size_t>> owners;
  for (std::size_t g = 0; g < gold.size(); ++g)
    for (const std::string& f : gold[g].forms) owners[f].insert(g);
  std::map<std::pair<std::size_t, std::int64_t>, std::int64_t> both;
  std::map<std::size_t, std::int64_t> per_gold;
  std::map<std::int64_t, std::int64_t> per_entity;
  std::map<std::pair<std::size_t, std::string>, std::set<std::int64_t>> form_entities;
  ClusterEvalReport r;
  std::int64_t unresolved = 0;
  for (const ResolvedText& m : mentions) {
    auto it = owners.find(m.text);
    if (it == owners.end() || it->second.size() != 1) continue;
    std::size_t g = *it->second.begin();
    // An unresolved mention is a cluster of its own.
    std::int64_t e = m.entity ? m.entity : -(++unresolved);
    ++r.mapped_mentions;
    ++both[{g, e}];
    ++per_gold[g];
    ++per_entity[e];
    form_entities[{g, m.text}].insert(e);
  }
  double tp = 0, predicted = 0, actual = 0;
  for (const auto& [k, n] : both) tp += Pairs(n);
  for (const auto& [k, n] : per_entity) predicted += Pairs(n);
  for (const auto& [k, n] : per_gold) actual += Pairs(n);
  r.precision = predicted > 0 ? tp / predicted : 1.0;
  r.recall = actual > 0 ? tp / actual : 1.0;
  // The main cluster of a gold entity: the one holding most of its mentions.
  std::map<std::size_t, std::pair<std::int64_t, std::int64_t>> main;  // gold -> (count, entity)
  for (const auto& [k, n] : both) {
    auto& best = main[k.first];
    if (n > best.first) best = {n, k.second};
  }
  for (const auto& [k, entities] : form_entities) {
    if (!entities.count(main[k.first].second)) r.missed.push_back({gold[k.first].id, k.second});
  }
  return r;
}

}  // namespace leakgraph::resolve
