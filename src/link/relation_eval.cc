#include "link/relation_eval.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "analyse/analyser.h"
#include "link/linker.h"

namespace leakgraph::link {

namespace fs = std::filesystem;

double RelationCounts::precision() const {
  std::size_t d = true_positives + false_positives;
  return d == 0 ? 0.0 : static_cast<double>(true_positives) / static_cast<double>(d);
}
double RelationCounts::recall() const {
  std::size_t d = true_positives + false_negatives;
  return d == 0 ? 0.0 : static_cast<double>(true_positives) / static_cast<double>(d);
}
double RelationCounts::f1() const {
  double p = precision(), r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

namespace {

constexpr std::pair<std::string_view, std::string_view> kTypeMap[] = {
    {"BelongsTo", "member_of"},   {"InChargeOf", "leads"},        {"AlliesOf", "close_ties"},
    {"CommWith", "communicated_with"}, {"FightingAgainst", "opposes"},
};
constexpr std::string_view kScoredTypes[] = {"member_of", "leads", "close_ties", "communicated_with", "opposes"};

std::string ScoredType(std::string_view ours) {
  if (ours == "met_with") return "communicated_with";
  for (std::string_view t : kScoredTypes) {
    if (t == ours) return std::string(t);
  }
  return "";
}

struct Span {
  std::size_t begin = 0, end = 0;  // bytes
  bool Overlaps(const Span& o) const { return begin < o.end && o.begin < end; }
};

struct GoldRelation {
  std::string type;
  Span a, b;
  bool matched = false;
  bool matched_any = false;
};

struct Predicted {
  std::string type;
  Span a, b;
};

// Same type and the same two argument starts, in either order.
template <typename T>
bool SameRelation(const T& x, const T& y) {
  return x.type == y.type &&
         ((x.a.begin == y.a.begin && x.b.begin == y.b.begin) || (x.a.begin == y.b.begin && x.b.begin == y.a.begin));
}

// Byte offset of each code point index of `text` (plus one past the end).
std::vector<std::size_t> CodePointOffsets(const std::string& text) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) out.push_back(i);
  }
  out.push_back(text.size());
  return out;
}

Result<std::vector<nlohmann::json>> ReadJsonLines(const fs::path& file) {
  std::ifstream in(file);
  if (!in) return Status::IoError(file.string() + ": cannot read");
  std::vector<nlohmann::json> out;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return Status::InvalidInput(file.string() + ":" + std::to_string(number) + ": not a JSON object");
    }
    out.push_back(std::move(j));
  }
  return out;
}

std::vector<fs::path> SourceFolders(const fs::path& path) {
  std::vector<fs::path> out;
  if (fs::exists(path / "documents.json")) return {path};
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    if (entry.is_directory() && fs::exists(entry.path() / "documents.json")) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Greedy matching of predictions to gold; `typed` compares types.
void Score(std::vector<GoldRelation>& gold, const std::vector<Predicted>& predicted, bool typed,
           RelationCounts& counts, std::map<std::string, RelationCounts>* by_type) {
  for (auto& g : gold) g.matched = false;
  for (const Predicted& p : predicted) {
    bool hit = false;
    for (auto& g : gold) {
      if (g.matched || (typed && g.type != p.type)) continue;
      bool same = (p.a.Overlaps(g.a) && p.b.Overlaps(g.b)) || (p.a.Overlaps(g.b) && p.b.Overlaps(g.a));
      if (!same) continue;
      g.matched = true;
      hit = true;
      break;
    }
    (hit ? counts.true_positives : counts.false_positives)++;
    if (by_type) (hit ? (*by_type)[p.type].true_positives : (*by_type)[p.type].false_positives)++;
  }
  for (const auto& g : gold) {
    if (g.matched) continue;
    counts.false_negatives++;
    if (by_type) (*by_type)[g.type].false_negatives++;
  }
}

// Drops predictions that repeat another's type and argument spans (in either order).
std::vector<Predicted> Distinct(std::vector<Predicted> in) {
  std::vector<Predicted> out;
  for (auto& p : in) {
    bool dup = std::any_of(out.begin(), out.end(), [&](const Predicted& q) { return SameRelation(q, p); });
    if (!dup) out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

Result<RelationEvalReport> EvaluateRe3dRelations(const fs::path& path, const RelationEvalOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  RelationEvalReport report;
  std::vector<fs::path> sources = SourceFolders(path);
  if (sources.empty()) {
    return Status::InvalidInput(path.string() + ": no re3d data (a folder with documents.json, entities.json and "
                                "relations.json, or a folder of such folders)");
  }
  analyse::DocumentAnalyser analyser;
  for (const fs::path& source : sources) {
    auto documents = ReadJsonLines(source / "documents.json");
    if (!documents.ok()) return documents.status();
    auto relations = ReadJsonLines(source / "relations.json");
    if (!relations.ok()) return relations.status();
    std::vector<nlohmann::json> entities;
    if (options.gold_entities) {
      auto e = ReadJsonLines(source / "entities.json");
      if (!e.ok()) return e.status();
      entities = std::move(*e);
    }
    for (const nlohmann::json& doc : *documents) {
      const std::string id = doc.value("_id", "");
      const std::string text = doc.value("text", "");
      const std::vector<std::size_t> offsets = CodePointOffsets(text);
      auto byte = [&](const nlohmann::json& j, const char* key) -> std::optional<std::size_t> {
        if (!j.contains(key) || !j[key].is_number_unsigned()) return std::nullopt;
        std::size_t cp = j[key].get<std::size_t>();
        if (cp >= offsets.size()) return std::nullopt;
        return offsets[cp];
      };
      // Gold, with both directions of a relation counted once.
      std::vector<GoldRelation> gold;
      for (const nlohmann::json& r : *relations) {
        if (r.value("documentId", "") != id) continue;
        std::string type;
        for (auto [theirs, ours] : kTypeMap) {
          if (r.value("type", "") == theirs) type = ours;
        }
        if (type.empty()) continue;
        auto sb = byte(r, "sourceBegin"), se = byte(r, "sourceEnd"), tb = byte(r, "targetBegin"),
             te = byte(r, "targetEnd");
        if (!sb || !se || !tb || !te) continue;
        GoldRelation g{type, {*sb, *se}, {*tb, *te}};
        bool dup = std::any_of(gold.begin(), gold.end(), [&](const GoldRelation& o) { return SameRelation(o, g); });
        if (!dup) gold.push_back(g);
      }
      // Mentions: ours, or re3d's.
      std::vector<store::Mention> mentions;
      if (options.gold_entities) {
        for (const nlohmann::json& e : entities) {
          if (e.value("documentId", "") != id) continue;
          std::string type = e.value("type", "");
          std::string ours = type == "Person" ? "PERSON"
                             : type == "Organisation" ? "ORG"
                             : (type == "Location" || type == "Nationality") ? "LOCATION"
                                                                             : "";
          auto b = byte(e, "begin"), en = byte(e, "end");
          if (ours.empty() || !b || !en || *en <= *b) continue;
          std::string surface = text.substr(*b, *en - *b);
          mentions.push_back({ours, *b, *en, surface, surface, 1.0, "{}"});
        }
        std::sort(mentions.begin(), mentions.end(),
                  [](const store::Mention& x, const store::Mention& y) { return x.begin < y.begin; });
        // Nested gold spans: keep the outer one.
        std::vector<store::Mention> flat;
        for (auto& m : mentions) {
          if (!flat.empty() && m.begin < flat.back().end) {
            if (m.end > flat.back().end) flat.back() = m;
            continue;
          }
          flat.push_back(std::move(m));
        }
        mentions = std::move(flat);
      } else {
        mentions = analyser.Analyse(text, "en", std::nullopt);
      }
      std::vector<Predicted> typed, baseline;
      // Arguments are scored where the text names them: an anaphor's words ("He") for a tie
      // whose argument it stands for, as re3d annotates them.
      std::vector<ArgumentSpans> stated_at;
      const std::vector<store::Relation> relations = LinkDocument(text, "en", mentions, 4u << 20, &stated_at);
      for (std::size_t k = 0; k < relations.size(); ++k) {
        const store::Relation& r = relations[k];
        Span a{stated_at[k].source_begin, stated_at[k].source_end};
        Span b{stated_at[k].target_begin, stated_at[k].target_end};
        if (r.type == store::kCoMention) {
          for (std::string_view t : kScoredTypes) baseline.push_back({std::string(t), a, b});
          continue;
        }
        std::string type = ScoredType(r.type);
        if (!type.empty()) typed.push_back({type, a, b});
      }
      typed = Distinct(std::move(typed));
      // Co-mention's untyped prediction is one per pair.
      std::vector<Predicted> baseline_pairs;
      for (std::size_t i = 0; i < baseline.size(); i += std::size(kScoredTypes)) baseline_pairs.push_back(baseline[i]);
      Score(gold, typed, true, report.micro, &report.by_type);
      Score(gold, typed, false, report.untyped, nullptr);
      Score(gold, baseline, true, report.baseline_micro, nullptr);
      Score(gold, baseline_pairs, false, report.baseline_untyped, nullptr);
      report.gold_relations += gold.size();
      ++report.documents;
    }
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace leakgraph::link
