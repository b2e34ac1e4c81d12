#include "index/index.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <mutex>
#include <optional>
#include <thread>

#include "index/schema.h"
#include "index/search_stemmer.h"
#include "text/normalize.h"

namespace leakgraph::index {

namespace {

std::string_view PrefixOf(std::string_view field) {
  for (const auto& f : kFieldPrefixes) {
    if (f.name == field) return f.prefix;
  }
  return {};
}

// "2009-03-12T10:00:00Z" -> "20090312"; "" when not a date.
std::string DateValue(const std::string& iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return {};
  std::string v = iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
  for (char c : v) {
    if (c < '0' || c > '9') return {};
  }
  return v;
}

// Accepts YYYY, YYYY-MM or YYYY-MM-DD (also with '/' or '.' separators) and
// returns the first or last day it covers as YYYYMMDD, or "" if malformed.
std::string DateBound(std::string s, bool upper) {
  for (char& c : s) {
    if (c == '/' || c == '.') c = '-';
  }
  auto digits = [](std::string_view v) {
    return !v.empty() && v.find_first_not_of("0123456789") == std::string_view::npos;
  };
  std::string y, m, d;
  std::size_t a = s.find('-');
  if (a == std::string::npos) {
    if (s.size() == 8 && digits(s)) return s;
    y = s;
  } else {
    y = s.substr(0, a);
    std::size_t b = s.find('-', a + 1);
    m = s.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
    if (b != std::string::npos) d = s.substr(b + 1);
  }
  if (y.size() != 4 || !digits(y)) return {};
  if (!m.empty() && (!digits(m) || m.size() > 2)) return {};
  if (!d.empty() && (!digits(d) || d.size() > 2)) return {};
  if (m.empty()) return y + (upper ? "1231" : "0101");
  if (m.size() == 1) m = "0" + m;
  if (d.empty()) return y + m + (upper ? "31" : "01");
  if (d.size() == 1) d = "0" + d;
  return y + m + d;
}

// date:2009..2010, date:2009-01-01..2009-12-31, date:2009-03.. (open-ended).
class PartialDateRangeProcessor : public Xapian::RangeProcessor {
 public:
  PartialDateRangeProcessor() : Xapian::RangeProcessor(kDateSlot, "date:") {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    std::string lo = begin.empty() ? "" : DateBound(begin, false);
    std::string hi = end.empty() ? "" : DateBound(end, true);
    if ((!begin.empty() && lo.empty()) || (!end.empty() && hi.empty())) {
      throw Xapian::QueryParserError("date range '" + begin + ".." + end +
                                     "': use YYYY, YYYY-MM or YYYY-MM-DD");
    }
    if (lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, kDateSlot, hi);
    if (hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, kDateSlot, lo);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kDateSlot, lo, hi);
  }
};

// Result counts are exact up to this many matches, estimated beyond.
constexpr Xapian::doccount kExactCountUpTo = 200;

bool IsQueryOperator(std::string_view w) {
  static constexpr std::string_view kOps[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  for (auto op : kOps) {
    if (w == op) return true;
    if (w.size() > op.size() + 1 && w.substr(0, op.size()) == op && w[op.size()] == '/') return true;
  }
  return false;
}

void IndexField(Xapian::TermGenerator& gen, const std::string& text, std::string_view prefix) {
  if (text.empty()) return;
  std::string folded = text::FoldForSearch(text);
  gen.increase_termpos();
  gen.index_text(folded, 1, std::string(prefix));
  gen.increase_termpos();
  gen.index_text(folded);  // also findable without the field prefix
}

}  // namespace

std::string ShortTypeName(const std::string& content_type) {
  if (content_type == "application/pdf") return "pdf";
  if (content_type == "message/rfc822") return "email";
  if (content_type == "application/mbox") return "mbox";
  if (content_type == "text/html") return "html";
  if (content_type == "text/x-cable") return "cable";
  if (content_type == "text/plain") return "text";
  auto slash = content_type.find('/');
  return slash == std::string::npos ? content_type : content_type.substr(slash + 1);
}

std::string NormaliseQuery(const std::string& query) {
  std::string out;
  std::size_t i = 0;
  while (i < query.size()) {
    std::size_t j = query.find_first_of(" \t\n", i);
    if (j == std::string::npos) j = query.size();
    std::string_view word(query.data() + i, j - i);
    if (IsQueryOperator(word)) {
      out.append(word);
    } else if (word.size() > 5 && word.substr(0, 5) == "date:" && word.find("..") == std::string_view::npos) {
      // date:2019 and date:2019-03 mean the whole year or month.
      std::string value = text::FoldForSearch(word.substr(5));
      out += "date:" + value + ".." + value;
    } else {
      out += text::FoldForSearch(word);
    }
    if (j < query.size()) out += query[j];
    i = j + 1;
  }
  return out;
}

IndexDocumentBuilder::IndexDocumentBuilder() {
  // Only the words themselves are indexed; stems live in the synonym table
  // (see StemSynonyms), so a stemmed posting per word per document is not needed.
  generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
}

Xapian::Document IndexDocumentBuilder::Build(const IndexableDocument& doc) {
  Xapian::Document xdoc;
  generator_.set_document(xdoc);
  generator_.set_termpos(0);
  IndexField(generator_, doc.title, PrefixOf("title"));
  auto field = [&](const char* key) {
    auto it = doc.metadata.find(key);
    return it == doc.metadata.end() ? std::string() : it->second;
  };
  IndexField(generator_, field("from"), PrefixOf("from"));
  IndexField(generator_, field("to"), PrefixOf("to"));
  IndexField(generator_, field("cc"), PrefixOf("to"));
  generator_.increase_termpos();
  std::string folded = text::FoldForSearch(doc.text);
  if (folded.size() <= kPositionalTextLimit) {
    generator_.index_text(folded);
  } else {
    // Cut at a space so no word is split in two.
    std::size_t cut = folded.rfind(' ', kPositionalTextLimit);
    if (cut == std::string::npos || cut < kPositionalTextLimit / 2) cut = kPositionalTextLimit;
    while (cut < folded.size() && (static_cast<unsigned char>(folded[cut]) & 0xC0) == 0x80) ++cut;
    // Iterators over the one folded copy: no further copies of a huge text.
    generator_.index_text(Xapian::Utf8Iterator(folded.data(), cut));
    generator_.index_text_without_positions(Xapian::Utf8Iterator(folded.data() + cut, folded.size() - cut));
  }
  for (std::size_t start = 0; start < field("tags").size();) {
    const std::string tags = field("tags");
    std::size_t end = tags.find_first_of(" ,", start);
    if (end == std::string::npos) end = tags.size();
    if (end > start) xdoc.add_boolean_term(std::string(PrefixOf("tag")) + text::FoldForSearch(tags.substr(start, end - start)));
    start = end + 1;
  }
  AddMentionTerms(xdoc, doc.mentions);
  xdoc.add_boolean_term(std::string(PrefixOf("lang")) + doc.language);
  xdoc.add_boolean_term(std::string(PrefixOf("type")) + ShortTypeName(doc.content_type));
  xdoc.add_boolean_term(std::string(kUniqueIdPrefix) + doc.hash);
  std::string date_value = doc.date ? DateValue(*doc.date) : std::string();
  if (!date_value.empty()) xdoc.add_value(kDateSlot, date_value);
  nlohmann::json data = {{"title", doc.title},
                         {"lang", doc.language},
                         {"type", doc.content_type},
                         {"date", doc.date.value_or("")}};
  if (!doc.paths.empty()) data["path"] = doc.paths.front();  // as AddPaths would, without a re-parse
  xdoc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  AddPathTerms(generator_, doc.paths);
  return xdoc;
}

void IndexDocumentBuilder::AddMentionTerms(Xapian::Document& xdoc,
                                           const std::vector<IndexableMention>& mentions) {
  constexpr std::size_t kMaxTermBytes = 240;  // Xapian's limit is 245
  for (const auto& m : mentions) {
    std::string_view field, facet;
    if (m.type == "PERSON") field = "person", facet = kPersonFacetPrefix;
    else if (m.type == "ORG") field = "org", facet = kOrganizationFacetPrefix;
    else if (m.type == "LOCATION") field = "place", facet = kLocationFacetPrefix;
    else if (m.type == "ROLE") field = "role", facet = kRoleFacetPrefix;
    else continue;
    generator_.increase_termpos();
    generator_.index_text(text::FoldForSearch(m.text), 1, std::string(PrefixOf(field)));
    std::string name = text::FoldForSearch(m.normalized);
    if (!name.empty() && facet.size() + name.size() <= kMaxTermBytes) {
      xdoc.add_boolean_term(std::string(facet) + name);
    }
  }
}

void IndexDocumentBuilder::AddPathTerms(Xapian::TermGenerator& gen, const std::vector<std::string>& paths) {
  // Tokenised, stemmed and positioned like any free-text field, so that
  // path:finance and path:alnoor_expenses_2019-09.html (a phrase to the query
  // parser) both match.
  gen.set_termpos(1000000000);  // paths never join a phrase with the body
  for (const auto& p : paths) {
    gen.increase_termpos();
    gen.index_text(text::FoldForSearch(p), 1, std::string(PrefixOf("path")));
  }
}

void IndexDocumentBuilder::AddPaths(Xapian::Document& xdoc, const std::vector<std::string>& paths) {
  if (paths.empty()) return;
  Xapian::TermGenerator gen;
  gen.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
  gen.set_document(xdoc);
  AddPathTerms(gen, paths);
  auto data = nlohmann::json::parse(xdoc.get_data(), nullptr, false);
  if (!data.is_object()) data = nlohmann::json::object();
  data["path"] = paths.front();
  xdoc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

namespace {

constexpr unsigned kMaxShards = 8;

std::string ShardPath(const std::string& index_path, unsigned k) {
  return index_path + "/shard-" + std::to_string(k);
}

// Reads CASE/index/shards; 0 if absent.
unsigned ReadShardCount(const std::string& index_path) {
  std::ifstream in(index_path + "/shards");
  unsigned n = 0;
  if (!(in >> n) || n > kMaxShards) return 0;
  return n;
}

// The folders a shard's compaction writes and swaps (CompactShard).
std::string CompactedPath(const std::string& shard_path) { return shard_path + ".compact"; }
std::string ReplacedPath(const std::string& shard_path) { return shard_path + ".old"; }

// A compaction swaps folders in three steps: shard -> shard.old, shard.compact
// -> shard, remove shard.old; shard.compact is complete before the first. So a
// missing shard with a shard.compact beside it was interrupted between the
// first two steps, and any other leftover can go.
Status FinishInterruptedCompaction(const std::string& shard_path) {
  std::error_code ec;
  const std::string compacted = CompactedPath(shard_path);
  if (!std::filesystem::exists(shard_path, ec) && std::filesystem::exists(compacted, ec)) {
    std::filesystem::rename(compacted, shard_path, ec);
    if (ec) return Status::IoError(compacted + ": cannot finish an interrupted compaction: " + ec.message());
  }
  std::filesystem::remove_all(compacted, ec);
  std::filesystem::remove_all(ReplacedPath(shard_path), ec);
  return Status::Ok();
}

// Xapian reads its flush threshold from the environment when a writable
// database is opened: set before each open unless the user set it (as the
// first call found the environment), and only when it changes.
void SetFlushThreshold(std::size_t documents) {
  static std::mutex mutex;
  static std::size_t last_set = 0;
  std::lock_guard<std::mutex> lock(mutex);
  static const bool set_by_user = [] {
    const char* value = std::getenv("XAPIAN_FLUSH_THRESHOLD");
    return value != nullptr && *value != '\0';
  }();
  if (set_by_user || documents == last_set) return;
  ::setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(documents).c_str(), /*overwrite=*/1);
  last_set = documents;
}

// Runs fn(k) for every shard k on its own thread; returns the first error.
Status ForEachShardInParallel(std::size_t shards, const std::function<Status(std::size_t)>& fn) {
  if (shards == 1) return fn(0);
  std::vector<Status> results(shards);
  std::vector<std::thread> threads;
  for (std::size_t k = 0; k < shards; ++k) threads.emplace_back([&, k] { results[k] = fn(k); });
  for (auto& t : threads) t.join();
  for (auto& r : results) {
    if (!r.ok()) return r;
  }
  return Status::Ok();
}

}  // namespace

std::size_t IndexWriter::FlushThresholdFor(std::uint64_t documents_per_shard) {
  return static_cast<std::size_t>(std::clamp<std::uint64_t>(documents_per_shard / 100, kFlushDocumentsPerShard,
                                                            kMaxFlushDocumentsPerShard));
}

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& path, unsigned shards_if_new,
                                                       std::uint64_t expected_documents) {
  try {
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec) return Status::IoError(path + ": cannot create index folder: " + ec.message());
    unsigned n = ReadShardCount(path);
    if (n == 0) {
      n = shards_if_new ? shards_if_new : std::thread::hardware_concurrency();
      n = std::clamp(n, 1u, kMaxShards);
      std::ofstream out(path + "/shards", std::ios::trunc);
      out << n << "\n";
      out.flush();
      if (!out) return Status::IoError(path + "/shards: cannot write");
    }
    SetFlushThreshold(FlushThresholdFor(expected_documents / n));
    std::vector<Xapian::WritableDatabase> shards;
    std::uint64_t documents = 0;
    for (unsigned k = 0; k < n; ++k) {
      if (Status s = FinishInterruptedCompaction(ShardPath(path, k)); !s.ok()) return s;
      shards.emplace_back(ShardPath(path, k), Xapian::DB_CREATE_OR_OPEN);
      documents += shards.back().get_doccount();
      shards.back().begin_transaction(/*flushed=*/true);
    }
    return std::unique_ptr<IndexWriter>(new IndexWriter(path, std::move(shards), documents));
  } catch (const Xapian::DatabaseLockError& e) {
    return Status::IoError(path + ": the index is in use by another leakgraph process");
  } catch (const Xapian::Error& e) {
    return Status::IoError(path + ": cannot open index: " + e.get_description());
  }
}

Xapian::WritableDatabase& IndexWriter::ShardOf(std::uint32_t docid, Xapian::docid& sub_docid) {
  std::size_t n = shards_.size();
  sub_docid = static_cast<Xapian::docid>((docid - 1) / n + 1);
  return shards_[(docid - 1) % n];
}

namespace {

// The free-text prefix `term` starts with ("" for a plain word), or nullopt
// for boolean and facet terms, which are never stemmed.
std::optional<std::string_view> FreeTextPrefixOf(std::string_view term) {
  if (term.empty()) return std::nullopt;
  if (term[0] < 'A' || term[0] > 'Z') return std::string_view();
  std::string_view best;
  for (const auto& f : kFieldPrefixes) {
    if (!f.boolean && f.prefix.size() > best.size() && term.size() > f.prefix.size() &&
        term.substr(0, f.prefix.size()) == f.prefix) {
      best = f.prefix;
    }
  }
  if (best.empty()) return std::nullopt;
  char next = term[best.size()];
  if (next >= 'A' && next <= 'Z') return std::nullopt;  // a longer, unknown prefix
  return best;
}

// True iff Xapian's query parser stems `word` (a term without its prefix) under
// STEM_SOME, and so may look up its "Z" key: only words that start with a
// letter (its should_stem(): categories Ll, Lt, Lm, Lo). A word starting with a
// digit or a symbol is searched as written, so its pair would never be read.
bool QueryParserStems(std::string_view word) {
  if (word.empty()) return false;
  const auto first = static_cast<unsigned char>(word[0]);
  if (first < 0x80) return first >= 'a' && first <= 'z';  // terms are folded: no upper case
  const unsigned category = Xapian::Unicode::get_category(*Xapian::Utf8Iterator(word.data(), word.size()));
  return category == Xapian::Unicode::LOWERCASE_LETTER || category == Xapian::Unicode::TITLECASE_LETTER ||
         category == Xapian::Unicode::MODIFIER_LETTER || category == Xapian::Unicode::OTHER_LETTER;
}

}  // namespace

// 64-bit FNV-1a with a final avalanche (the low bits pick the slot).
std::uint64_t FingerprintSet::FingerprintOf(std::string_view s) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h == 0 ? 1 : h;
}

bool FingerprintSet::Insert(std::string_view s) { return InsertFingerprint(FingerprintOf(s)); }

bool FingerprintSet::InsertFingerprint(std::uint64_t fingerprint) {
  if (2 * (size_ + 1) > slots_.size()) Grow();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = fingerprint & mask;; i = (i + 1) & mask) {
    if (slots_[i] == fingerprint) return false;
    if (slots_[i] == 0) {
      slots_[i] = fingerprint;
      ++size_;
      return true;
    }
  }
}

void FingerprintSet::Clear() {
  slots_.clear();
  slots_.shrink_to_fit();
  size_ = 0;
}

void FingerprintSet::Grow() {
  std::vector<std::uint64_t> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : 2 * old.size(), 0);
  const std::size_t mask = slots_.size() - 1;
  for (std::uint64_t fingerprint : old) {
    if (fingerprint == 0) continue;
    std::size_t i = fingerprint & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = fingerprint;
  }
}

void StemSynonymsOf(const Xapian::Document& doc, Xapian::Stem& stemmer,
                    std::vector<std::pair<std::string, std::string>>& out, FingerprintSet* seen,
                    std::mutex* seen_mutex) {
  struct Candidate {
    std::string term;
    std::size_t prefix_size;
    std::uint64_t fingerprint;
  };
  std::vector<Candidate> candidates;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    std::string term = *it;
    auto prefix = FreeTextPrefixOf(term);
    if (!prefix || !QueryParserStems(std::string_view(term).substr(prefix->size()))) continue;
    const std::uint64_t fingerprint = seen ? FingerprintSet::FingerprintOf(term) : 0;
    candidates.push_back({std::move(term), prefix->size(), fingerprint});
  }
  if (seen) {
    // One lock per document: the set may be shared by the shard threads.
    std::unique_lock<std::mutex> lock;
    if (seen_mutex) lock = std::unique_lock<std::mutex>(*seen_mutex);
    std::erase_if(candidates, [&](const Candidate& c) { return !seen->InsertFingerprint(c.fingerprint); });
  }
  for (Candidate& c : candidates) {
    std::string key = "Z";
    key.append(c.term, 0, c.prefix_size);
    key += stemmer(c.term.substr(c.prefix_size));
    out.emplace_back(std::move(key), std::move(c.term));
  }
}

void IndexWriter::AddStemSynonyms(std::vector<std::pair<std::string, std::string>>& found) {
  if (pending_synonyms_.empty()) {
    pending_synonyms_ = std::move(found);
  } else {
    pending_synonyms_.insert(pending_synonyms_.end(), std::make_move_iterator(found.begin()),
                             std::make_move_iterator(found.end()));
  }
  found.clear();
}

void IndexWriter::WritePendingSynonyms() {
  std::sort(pending_synonyms_.begin(), pending_synonyms_.end());
  pending_synonyms_.erase(std::unique(pending_synonyms_.begin(), pending_synonyms_.end()), pending_synonyms_.end());
  for (const auto& [key, word] : pending_synonyms_) shards_[0].add_synonym(key, word);
  pending_synonyms_.clear();
  pending_synonyms_.shrink_to_fit();
}

IndexWriter::~IndexWriter() {
  try {
    WritePendingSynonyms();
  } catch (const Xapian::Error&) {
    // The index is derived: a lost synonym pair only weakens stemmed search until a reindex.
  }
  for (auto& shard : shards_) {
    try {
      shard.commit_transaction();
    } catch (const Xapian::Error&) {
      // Not committed: the store still lists those documents as unindexed.
    }
  }
}

Status IndexWriter::Replace(std::uint32_t docid, const Xapian::Document& doc) {
  try {
    Xapian::docid sub = 0;
    ShardOf(docid, sub).replace_document(sub, doc);
    Xapian::Stem stemmer = MakeSearchStemmer();
    std::vector<std::pair<std::string, std::string>> found;
    StemSynonymsOf(doc, stemmer, found, &terms_seen_);
    AddStemSynonyms(found);
    ++documents_written_;
    ++pending_;
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return Status::IoError("index: " + e.get_description());
  }
}

Status IndexWriter::ReplaceMany(const std::vector<std::pair<std::int64_t, Xapian::Document>>& docs) {
  std::size_t n = shards_.size();
  std::vector<std::vector<std::pair<std::string, std::string>>> found(n);
  Status s = ForEachShardInParallel(n, [&](std::size_t k) {
    try {
      Xapian::Stem stemmer = MakeSearchStemmer();
      for (const auto& [id, doc] : docs) {
        if (static_cast<std::size_t>(id - 1) % n != k) continue;
        shards_[k].replace_document(static_cast<Xapian::docid>((id - 1) / static_cast<std::int64_t>(n) + 1), doc);
        StemSynonymsOf(doc, stemmer, found[k], &terms_seen_, n > 1 ? &terms_seen_mutex_ : nullptr);
        ++documents_written_;
      }
      return Status::Ok();
    } catch (const Xapian::Error& e) {
      return Status::IoError("index: " + e.get_description());
    }
  });
  if (!s.ok()) return s;
  for (auto& shard_found : found) AddStemSynonyms(shard_found);
  pending_ += docs.size();
  return Status::Ok();
}

Status IndexWriter::Remove(std::uint32_t docid) {
  try {
    Xapian::docid sub = 0;
    ShardOf(docid, sub).delete_document(sub);
    ++pending_;
    return Status::Ok();
  } catch (const Xapian::DocNotFoundError&) {
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return Status::IoError("index: " + e.get_description());
  }
}

Status IndexWriter::Commit() {
  Status s = ForEachShardInParallel(shards_.size(), [&](std::size_t k) {
    try {
      if (k == 0) WritePendingSynonyms();  // beside the other shards' commits
      shards_[k].commit_transaction();
      shards_[k].begin_transaction(/*flushed=*/true);
      return Status::Ok();
    } catch (const Xapian::Error& e) {
      return Status::IoError("index: commit failed: " + e.get_description());
    }
  });
  if (s.ok()) {
    pending_ = 0;
    // The table now holds them; forgetting bounds the memory (adding a pair
    // again later is harmless).
    if (terms_seen_.size() >= kTermsSeenLimit) terms_seen_.Clear();
  }
  return s;
}

Status IndexWriter::CommitAndCompactIfGrown() {
  if (Status s = Commit(); !s.ok()) return s;
  if (documents_written_ == 0 || documents_written_ < documents_at_open_) return Status::Ok();
  Status s = ForEachShardInParallel(shards_.size(), [&](std::size_t k) { return CompactShard(k); });
  if (s.ok()) {
    documents_at_open_ = DocumentCount();
    documents_written_ = 0;
  }
  return s;
}

Status IndexWriter::CompactShard(std::size_t k) {
  const std::string shard_path = ShardPath(path_, static_cast<unsigned>(k));
  const std::string compacted = CompactedPath(shard_path);
  std::error_code ec;
  std::filesystem::remove_all(compacted, ec);
  try {
    // Read while this writer still holds the lock (it has nothing pending);
    // document numbers kept: they are the store's ids.
    Xapian::Database(shard_path).compact(compacted, Xapian::DBCOMPACT_NO_RENUMBER | Xapian::Compactor::FULL);
  } catch (const Xapian::Error& e) {
    std::filesystem::remove_all(compacted, ec);
    return Status::IoError(shard_path + ": cannot compact: " + e.get_description());
  }
  try {
    shards_[k].commit_transaction();  // empty: Commit() came first
    shards_[k].close();
  } catch (const Xapian::Error& e) {
    return Status::IoError(shard_path + ": cannot close for compaction: " + e.get_description());
  }
  const std::string replaced = ReplacedPath(shard_path);
  Status swapped;
  std::filesystem::rename(shard_path, replaced, ec);
  if (ec) {
    swapped = Status::IoError(shard_path + ": cannot swap in the compacted shard: " + ec.message());
  } else if (std::filesystem::rename(compacted, shard_path, ec); ec) {
    swapped = Status::IoError(shard_path + ": cannot swap in the compacted shard: " + ec.message());
    std::filesystem::rename(replaced, shard_path, ec);  // the uncompacted shard back in place
  }
  std::filesystem::remove_all(compacted, ec);
  if (std::filesystem::exists(shard_path, ec)) std::filesystem::remove_all(replaced, ec);
  try {
    shards_[k] = Xapian::WritableDatabase(shard_path, Xapian::DB_CREATE_OR_OPEN);
    shards_[k].begin_transaction(/*flushed=*/true);
  } catch (const Xapian::Error& e) {
    return Status::IoError(shard_path + ": cannot reopen after compaction: " + e.get_description());
  }
  return swapped;
}

std::uint32_t IndexWriter::DocumentCount() const {
  std::uint32_t total = 0;
  for (const auto& shard : shards_) total += shard.get_doccount();
  return total;
}

Result<Xapian::Database> OpenIndexForReading(const std::string& path) {
  unsigned n = ReadShardCount(path);
  if (n == 0) return Status::NotFound(path + ": no index here (run: leakgraph reindex)");
  try {
    Xapian::Database db;
    for (unsigned k = 0; k < n; ++k) db.add_database(Xapian::Database(ShardPath(path, k)));
    return db;
  } catch (const Xapian::Error& e) {
    return Status::IoError(path + ": cannot open index: " + e.get_description());
  }
}

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::string& path) {
  auto db = OpenIndexForReading(path);
  if (!db.ok()) return db.status();
  return std::unique_ptr<Searcher>(new Searcher(std::move(*db)));
}

std::uint32_t Searcher::DocumentCount() const { return db_.get_doccount(); }

Result<Xapian::Query> Searcher::Parse(const std::string& query) {
  Xapian::QueryParser parser;
  parser.set_database(parse_db_ ? *parse_db_ : db_);
  parser.set_stemmer(MakeSearchStemmer());
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_AND);
  for (const auto& f : kFieldPrefixes) {
    if (f.boolean) parser.add_boolean_prefix(std::string(f.name), std::string(f.prefix));
    else parser.add_prefix(std::string(f.name), std::string(f.prefix));
  }
  PartialDateRangeProcessor dates;
  parser.add_rangeprocessor(&dates);
  // STEM_SOME turns each plain word into "Z" + prefix + stem, and
  // FLAG_AUTO_SYNONYMS expands that key into every indexed word with the same
  // stem (the table written by IndexWriter): stemming without stemmed postings.
  unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                   Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_AUTO_SYNONYMS;
  try {
    return parser.parse_query(NormaliseQuery(query), flags);
  } catch (const Xapian::QueryParserError& e) {
    return Status::InvalidInput("cannot parse query '" + query + "': " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return Status::InvalidInput("cannot parse query '" + query + "': " + e.get_description());
  }
}

Result<SearchResponse> Searcher::Search(const SearchRequest& request, const TextLookup& text_lookup) {
  auto query = Parse(request.query);
  if (!query.ok()) return query.status();
  try {
    Xapian::Enquire enquire(db_);
    enquire.set_query(*query);
    Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                         static_cast<Xapian::doccount>(request.limit),
                                         kExactCountUpTo);
    SearchResponse response;
    response.parsed_query = query->get_description();
    response.estimated_total = mset.get_matches_estimated();
    response.total_is_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    Xapian::Stem stemmer = MakeSearchStemmer();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      SearchHit hit;
      hit.docid = *it;
      hit.rank = static_cast<int>(it.get_rank()) + 1;
      hit.percent = it.get_percent();
      hit.weight = it.get_weight();
      auto data = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
      if (data.is_object()) {
        hit.title = data.value("title", "");
        hit.path = data.value("path", "");
        hit.language = data.value("lang", "");
        hit.content_type = data.value("type", "");
        hit.date = data.value("date", "");
      }
      if (text_lookup) {
        std::string text = text_lookup(hit.docid);
        hit.snippet_html = mset.snippet(text, 240, stemmer,
                                        Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
                                            Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                        "<mark>", "</mark>", "…");
      }
      response.hits.push_back(std::move(hit));
    }
    if (request.facet_limit > 0) response.facets = CountFacets(enquire, request.facet_limit);
    return response;
  } catch (const Xapian::Error& e) {
    return Status::IoError("search failed: " + e.get_description());
  }
}

std::map<std::string, std::vector<FacetCount>> Searcher::CountFacets(Xapian::Enquire& enquire,
                                                                   std::size_t limit) {
  static constexpr std::pair<std::string_view, std::string_view> kFacets[] = {
      {kPersonFacetPrefix, "person"}, {kOrganizationFacetPrefix, "org"}, {kLocationFacetPrefix, "place"},
      {kRoleFacetPrefix, "role"}};
  std::map<std::string, std::map<std::string, FacetCount>> counts;
  Xapian::MSet top = enquire.get_mset(0, static_cast<Xapian::doccount>(kFacetDocuments));
  for (auto it = top.begin(); it != top.end(); ++it) {
    Xapian::TermIterator term = db_.termlist_begin(*it);
    term.skip_to(std::string(kEntityFacetPrefix));
    for (; term != db_.termlist_end(*it); ++term) {
      const std::string t = *term;
      if (t.compare(0, kEntityFacetPrefix.size(), kEntityFacetPrefix) != 0) break;
      for (const auto& [prefix, facet] : kFacets) {
        if (t.size() > prefix.size() && t.compare(0, prefix.size(), prefix) == 0) {
          FacetCount& c = counts[std::string(facet)][t.substr(prefix.size())];
          if (c.count++ == 0) c.example_docid = *it;
        }
      }
    }
  }
  std::map<std::string, std::vector<FacetCount>> facets;
  for (const auto& [prefix, facet] : kFacets) {
    std::vector<FacetCount>& list = facets[std::string(facet)];
    for (const auto& [name, c] : counts[std::string(facet)]) list.push_back({name, c.count, c.example_docid});
    std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
    if (list.size() > limit) list.resize(limit);
  }
  return facets;
}

}  // namespace leakgraph::index
