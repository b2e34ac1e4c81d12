#include "resolve/resolve_by_document.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "resolve/name_rules.h"

namespace leakgraph::resolve {
namespace {

constexpr std::size_t kRecordBytes = 8 + 4 + 1 + 4;  // mention id, representative, reason, score

// A reason a mention's own document gave it; "seed" and "same-name" defer to
// the representative's reason across the case.
bool DefersToCase(const std::string& reason) {
  return reason == "seed" || reason == "same-name";
}

// One text of a representative's mentions, over all documents.
struct AliasStat {
  std::string text;
  std::int64_t count = 0;
  std::uint8_t reason = 0;  // the document-level reason it first had (ReasonCodes)
};

// One cluster of one document, as the case-wide pass sees it. Kept small:
// there is one per distinct (type, name, roles) of the case.
struct Representative {
  std::string type, name, role, following;
  std::vector<AliasStat> aliases;           // few: linear search
  std::int64_t type_counts[3] = {0, 0, 0};  // PERSON, ORG, LOCATION mentions
};

constexpr const char* kTypes[3] = {"PERSON", "ORG", "LOCATION"};
constexpr std::size_t kFollowingBytes = 64;  // enough for the family guard's ", son of ..."

std::size_t TypeSlot(const std::string& type) {
  return type == "PERSON" ? 0 : type == "ORG" ? 1 : 2;
}

// `text` cut to at most `limit` bytes at a code point boundary.
std::string CutAtCharacter(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

// The scratch file of per-mention records, removed when destroyed.
class Scratch {
 public:
  explicit Scratch(std::string path) : path_(std::move(path)) {}
  ~Scratch() {
    if (file_) std::fclose(file_);
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  // Creates a fresh file named after the prefix given to the constructor
  // (mkstemp: two resolutions of one case never share one).
  Status Create() {
    std::string name = path_ + "XXXXXX";
    int fd = ::mkstemp(name.data());
    if (fd < 0)
      return Status::IoError(path_ + "*: cannot create the resolver's scratch file: " + std::strerror(errno));
    path_ = name;
    file_ = ::fdopen(fd, "w+b");
    if (!file_) {
      ::close(fd);
      return Status::IoError(path_ + ": cannot open the resolver's scratch file: " + std::strerror(errno));
    }
    return Status::Ok();
  }
  Status Append(std::int64_t mention, std::uint32_t representative, std::uint8_t reason, float score) {
    unsigned char record[kRecordBytes];
    std::memcpy(record, &mention, 8);
    std::memcpy(record + 8, &representative, 4);
    record[12] = reason;
    std::memcpy(record + 13, &score, 4);
    if (std::fwrite(record, 1, kRecordBytes, file_) != kRecordBytes)
      return Status::IoError(path_ + ": cannot write the resolver's scratch file (disk full?)");
    ++records_;
    return Status::Ok();
  }
  // Calls `each` for every record in the order written.
  template <typename Each>
  Status ReadBack(Each each) {
    if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0)
      return Status::IoError(path_ + ": cannot read the resolver's scratch file back");
    unsigned char record[kRecordBytes];
    for (std::size_t i = 0; i < records_; ++i) {
      if (std::fread(record, 1, kRecordBytes, file_) != kRecordBytes)
        return Status::IoError(path_ + ": the resolver's scratch file is shorter than written");
      std::int64_t mention;
      std::uint32_t representative;
      float score;
      std::memcpy(&mention, record, 8);
      std::memcpy(&representative, record + 8, 4);
      std::memcpy(&score, record + 13, 4);
      if (Status s = each(mention, representative, record[12], score); !s.ok()) return s;
    }
    return Status::Ok();
  }

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  std::size_t records_ = 0;
};

// Reasons as one-byte codes in the scratch file.
class ReasonCodes {
 public:
  std::uint8_t Code(const std::string& reason) {
    auto [it, fresh] = codes_.emplace(reason, static_cast<std::uint8_t>(names_.size()));
    if (fresh) {
      if (names_.size() == 255) {  // cannot happen with the resolver's reasons; never wrap
        codes_.erase(it);
        return Code("seed");
      }
      names_.push_back(reason);
    }
    return it->second;
  }
  const std::string& Name(std::uint8_t code) const { return names_[code]; }

 private:
  std::unordered_map<std::string, std::uint8_t> codes_;
  std::vector<std::string> names_;
};

// The state of pass 1 (one document at a time).
class DocumentPass {
 public:
  DocumentPass(const ResolverOptions& options, Scratch& scratch, ReasonCodes& reasons)
      : options_(options), scratch_(scratch), reasons_(reasons) {}

  Status Add(std::vector<ResolverMention>& document) {
    if (document.empty()) return Status::Ok();
    mentions_ += document.size();
    std::unordered_map<std::int64_t, const ResolverMention*> by_id;
    for (const ResolverMention& m : document) by_id.emplace(m.id, &m);
    ResolveResult local = ResolveEntities(document, {}, options_);
    for (const ResolvedEntity& e : local.entities) {
      std::set<std::string> roles;
      const ResolverMention* named = nullptr;
      for (const ResolvedMention& rm : e.mentions) {
        const ResolverMention& m = *by_id.at(rm.id);
        if (!named && m.text == e.name) named = &m;
        std::size_t from = 0;
        while (from <= m.role.size() && !m.role.empty()) {
          std::size_t to = m.role.find(';', from);
          if (to == std::string::npos) to = m.role.size();
          if (to > from) roles.insert(m.role.substr(from, to - from));
          from = to + 1;
        }
      }
      if (!named) named = by_id.at(e.mentions.front().id);
      std::string role;
      for (const std::string& r : roles) role += (role.empty() ? "" : ";") + r;
      std::string key = e.type + '\x1f' + e.name + '\x1f' + role;
      auto [it, fresh] = index_.emplace(std::move(key), static_cast<std::uint32_t>(representatives_.size()));
      if (fresh)
        representatives_.push_back(
            {e.type, e.name, role, CutAtCharacter(named->following, kFollowingBytes), {}, {}});
      Representative& rep = representatives_[it->second];
      for (const ResolvedMention& rm : e.mentions) {
        const ResolverMention& m = *by_id.at(rm.id);
        const std::uint8_t reason = reasons_.Code(rm.reason);
        auto alias = std::find_if(rep.aliases.begin(), rep.aliases.end(),
                                  [&](const AliasStat& a) { return a.text == m.text; });
        if (alias == rep.aliases.end()) alias = rep.aliases.insert(rep.aliases.end(), {m.text, 0, reason});
        ++alias->count;
        ++rep.type_counts[TypeSlot(m.type)];
        if (Status s = scratch_.Append(rm.id, it->second, reason, static_cast<float>(rm.score)); !s.ok()) {
          return s;
        }
      }
    }
    document.clear();
    return Status::Ok();
  }

  std::size_t mentions() const { return mentions_; }
  std::vector<Representative>& representatives() { return representatives_; }

 private:
  const ResolverOptions& options_;
  Scratch& scratch_;
  ReasonCodes& reasons_;
  std::unordered_map<std::string, std::uint32_t> index_;  // type, name, roles -> representative
  std::vector<Representative> representatives_;
  std::size_t mentions_ = 0;
};

// Pass 1: every document's mentions, in text order, through `pass`.
Status ReadDocuments(store::Store& store, DocumentPass& pass) {
  auto stmt = store.connection().Prepare(
      "SELECT m.id, m.document_id, m.type, m.begin, m.end, m.text, m.extra,"
      " CAST(substr(CAST(d.text AS BLOB), m.end + 1, 160) AS TEXT)"
      " FROM mentions m JOIN documents d ON d.id = m.document_id"
      " WHERE m.type IN ('PERSON', 'ORG', 'LOCATION') ORDER BY m.document_id, m.begin, m.id");
  if (!stmt.ok()) return stmt.status();
  std::vector<ResolverMention> document;
  for (;;) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    store::Statement& r = *stmt;
    store::NameMentionRow mention{r.Int(0),
                                  r.Int(1),
                                  r.Text(2),
                                  static_cast<std::size_t>(r.Int(3)),
                                  static_cast<std::size_t>(r.Int(4)),
                                  r.Text(5),
                                  r.Text(6),
                                  r.Text(7)};
    if (!document.empty() && document.front().document != mention.document_id) {
      if (Status s = pass.Add(document); !s.ok()) return s;
    }
    document.push_back(MentionForResolver(std::move(mention)));
  }
  return pass.Add(document);
}

// Where pass 2 put one representative.
struct Placement {
  std::int64_t entity = 0;  // 0: rejected by the analyst
  std::string reason;
  double score = 1.0;
};

}  // namespace

Result<ResolveCaseReport> ResolveStoreByDocument(store::Store& store, const ResolverOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  Scratch scratch(store.path() + "-resolve-scratch-");
  if (Status s = scratch.Create(); !s.ok()) return s;
  ReasonCodes reasons;
  DocumentPass pass(options, scratch, reasons);
  if (Status s = ReadDocuments(store, pass); !s.ok()) return s;

  // Pass 2: the distinct representatives, each its own document.
  std::vector<Representative>& reps = pass.representatives();
  std::vector<ResolverMention> names;
  names.reserve(reps.size());
  for (std::size_t i = 0; i < reps.size(); ++i) {
    const auto id = static_cast<std::int64_t>(i + 1);
    names.push_back(
        {id, id, reps[i].type, 0, reps[i].name.size(), reps[i].name, reps[i].following, reps[i].role});
  }
  auto decisions = AnalystDecisions(store);
  if (!decisions.ok()) return decisions.status();
  ResolveResult global = ResolveEntities(names, *decisions, options);
  names.clear();
  names.shrink_to_fit();

  std::vector<Placement> placed(reps.size());
  std::vector<store::EntityRow> rows;
  rows.reserve(global.entities.size());
  for (ResolvedEntity& e : global.entities) {
    store::EntityRow row;
    row.id = static_cast<std::int64_t>(rows.size() + 1);
    row.name = std::move(e.name);
    row.created_by = std::move(e.created_by);
    std::map<std::string, std::int64_t> counts, types;
    std::map<std::string, std::string> why;
    for (const ResolvedMention& m : e.mentions) {
      const auto r = static_cast<std::size_t>(m.id - 1);
      placed[r] = {row.id, m.reason, m.score};
      for (const AliasStat& a : reps[r].aliases) {
        counts[a.text] += a.count;
        const std::string& local = reasons.Name(a.reason);
        std::string reason = a.text == reps[r].name || DefersToCase(local) ? m.reason : local;
        auto [it, fresh] = why.emplace(a.text, reason);
        if (!fresh && DefersToCase(it->second)) it->second = reason;
      }
      for (std::size_t t = 0; t < 3; ++t)
        if (reps[r].type_counts[t]) types[kTypes[t]] += reps[r].type_counts[t];
    }
    // The most frequent type; on a tie PERSON, then ORG (as the in-memory mode).
    row.type = std::max_element(types.begin(), types.end(), [](const auto& x, const auto& y) {
                 return std::pair(x.second, x.first) < std::pair(y.second, y.first);
               })->first;
    for (const auto& [alias, n] : counts) row.aliases.push_back({alias, ScriptOf(alias), n, why[alias]});
    std::sort(row.aliases.begin(), row.aliases.end(), [](const auto& x, const auto& y) {
      return std::tie(y.count, x.alias) < std::tie(x.count, y.alias);
    });
    rows.push_back(std::move(row));
  }
  global.entities.clear();
  global.entities.shrink_to_fit();
  reps.clear();
  reps.shrink_to_fit();

  // Pass 3: entities, then every mention's link, in one transaction (the old
  // tables truncated, not deleted row by row).
  store::ForeignKeyChecksOff unchecked(store);
  if (Status s = store.Begin(); !s.ok()) return s;
  auto fail = [&store](Status s) {
    (void)store.Rollback();
    return s;
  };
  if (Status s = store.ReplaceEntities(rows); !s.ok()) return fail(s);
  auto link = store.connection().Prepare(
      "INSERT INTO entity_mentions(mention_id, entity_id, reason, score) VALUES(?,?,?,?)");
  if (!link.ok()) return fail(link.status());
  // Each entity's mentions, counted as they are linked (entity ids are 1..rows.size()).
  std::vector<std::int64_t> mention_counts(rows.size() + 1, 0);
  Status read = scratch.ReadBack([&](std::int64_t mention, std::uint32_t rep, std::uint8_t code,
                                     float score) {
    const Placement& p = placed[rep];
    if (p.entity == 0) return Status::Ok();
    ++mention_counts[static_cast<std::size_t>(p.entity)];
    const std::string& local = reasons.Name(code);
    const bool deferred = DefersToCase(local);
    link->Reset();
    link->Bind(1, mention).Bind(2, p.entity);
    link->Bind(3, std::string_view(deferred ? p.reason : local)).BindDouble(4, deferred ? p.score : score);
    return link->Run();
  });
  if (!read.ok()) return fail(read);
  auto count = store.connection().Prepare("UPDATE entities SET mention_count = ? WHERE id = ?");
  if (!count.ok()) return fail(count.status());
  for (std::size_t id = 1; id < mention_counts.size(); ++id) {
    count->Reset();
    count->Bind(1, mention_counts[id]).Bind(2, static_cast<std::int64_t>(id));
    if (Status s = count->Run(); !s.ok()) return fail(s);
  }
  if (Status s = store.Commit(); !s.ok()) return s;

  ResolveCaseReport report;
  report.by_document = true;
  report.mentions = pass.mentions();
  report.entities = rows.size();
  report.decisions_applied = global.decisions_applied;
  report.decisions_skipped = global.decisions_skipped;
  report.transliteration = options.model != nullptr;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace leakgraph::resolve
