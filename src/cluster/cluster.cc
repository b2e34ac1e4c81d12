#include "cluster/cluster.h"

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "store/investigation.h"

namespace leakgraph::cluster {

namespace fs = std::filesystem;

bool ParseHostPort(const std::string& text, std::string& host, int& port) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return false;
  host = text.substr(0, colon);
  if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) return false;
  std::string digits = text.substr(colon + 1);
  if (digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
  port = std::stoi(digits);
  return port > 0 && port <= 65535;
}

Result<std::vector<ShardEntry>> ParseCluster(const std::string& text, const fs::path& base_dir,
                                             const std::string& origin) {
  std::vector<ShardEntry> shards;
  std::set<std::string> names;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    auto hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    std::istringstream words(line);
    std::vector<std::string> fields;
    for (std::string w; words >> w;) fields.push_back(w);
    if (fields.empty()) continue;
    std::string where = origin + ":" + std::to_string(number) + ": ";
    if (fields.size() < 2 || fields.size() > 3) {
      return Status::InvalidInput(where + "expected NAME HOST:PORT [FOLDER]");
    }
    ShardEntry e;
    e.name = fields[0];
    if (!ParseHostPort(fields[1], e.host, e.port)) {
      return Status::InvalidInput(where + "'" + fields[1] + "' is not HOST:PORT");
    }
    if (fields.size() == 3) {
      fs::path folder(fields[2]);
      e.folder = (folder.is_absolute() ? folder : base_dir / folder).lexically_normal().string();
    }
    if (!names.insert(e.name).second) return Status::InvalidInput(where + "shard '" + e.name + "' listed twice");
    shards.push_back(std::move(e));
  }
  if (shards.empty()) return Status::InvalidInput(origin + ": lists no shard (NAME HOST:PORT [FOLDER] per line)");
  return shards;
}

Result<std::vector<ShardEntry>> ReadClusterFile(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path.string() + ": cannot read the cluster file");
  std::stringstream text;
  text << in.rdbuf();
  return ParseCluster(text.str(), fs::absolute(path).parent_path(), path.string());
}

struct ClusterSearcher::Shard {
  std::optional<Xapian::Database> db;  // connected
  std::string down;                    // why it is not connected ("" when it is)
  std::optional<store::Store> store;
  bool store_tried = false;
  std::optional<Xapian::Database> synonyms;  // FOLDER/index/shard-0, which holds the stem synonym table
  bool synonyms_tried = false;
};

ClusterSearcher::ClusterSearcher(std::vector<ShardEntry> shards, ClusterOptions options)
    : shards_(std::move(shards)), options_(options) {
  for (std::size_t i = 0; i < shards_.size(); ++i) state_.push_back(std::make_unique<Shard>());
}

ClusterSearcher::~ClusterSearcher() = default;

namespace {

std::string Endpoint(const ShardEntry& e) {
  return (e.host.find(':') != std::string::npos ? "[" + e.host + "]" : e.host) + ":" + std::to_string(e.port);
}

}  // namespace

void ClusterSearcher::ConnectMissing() {
  for (std::size_t i = 0; i < shards_.size(); ++i) {
    Shard& s = *state_[i];
    if (s.db) continue;
    try {
      Xapian::Database db = Xapian::Remote::open(shards_[i].host, static_cast<unsigned>(shards_[i].port),
                                                 static_cast<useconds_t>(options_.timeout.count()),
                                                 static_cast<useconds_t>(options_.connect_timeout.count()));
      (void)db.get_doccount();
      s.db = std::move(db);
      s.down.clear();
    } catch (const Xapian::Error& e) {
      s.down = e.get_description();
    }
  }
}

void ClusterSearcher::ReconnectAll() {
  for (auto& s : state_) s->db.reset();
  ConnectMissing();
}

store::Store* ClusterSearcher::StoreOf(std::size_t i) {
  Shard& shard = *state_[i];
  if (!shard.store_tried) {
    shard.store_tried = true;
    if (!shards_[i].folder.empty()) {
      auto inv = store::Investigation::Open(shards_[i].folder);
      if (inv.ok()) {
        auto st = store::Store::Open(inv->store_path(), false, /*read_only=*/true);
        if (st.ok()) shard.store.emplace(std::move(*st));
      }
    }
  }
  return shard.store ? &*shard.store : nullptr;
}

Xapian::Database* ClusterSearcher::SynonymsOf(std::size_t i) {
  Shard& shard = *state_[i];
  if (!shard.synonyms_tried) {
    shard.synonyms_tried = true;
    if (!shards_[i].folder.empty()) {
      try {
        shard.synonyms.emplace(shards_[i].folder + "/index/shard-0");
      } catch (const Xapian::Error&) {
        shard.synonyms.reset();
      }
    }
  }
  return shard.synonyms ? &*shard.synonyms : nullptr;
}

Result<index::CaseSearchResult> ClusterSearcher::Search(const index::SearchRequest& request) {
  std::lock_guard<std::mutex> lock(mutex_);
  ConnectMissing();
  bool retried_unchanged = false;
  for (std::size_t attempt = 0; attempt <= shards_.size() + 1; ++attempt) {
    std::vector<std::size_t> up;
    Xapian::Database combined;
    for (std::size_t i = 0; i < shards_.size(); ++i) {
      if (state_[i]->db) {
        up.push_back(i);
        combined.add_database(*state_[i]->db);
      }
    }
    // Queries are parsed against the remote shards (for wildcards) plus the
    // local synonym tables, which Xapian 1.4's remote protocol does not carry.
    Xapian::Database parse_db = combined;
    std::vector<std::string> no_synonyms;
    for (std::size_t i : up) {
      if (Xapian::Database* syn = SynonymsOf(i)) parse_db.add_database(*syn);
      else no_synonyms.push_back(shards_[i].name);
    }
    if (up.empty()) {
      std::string why;
      for (std::size_t i = 0; i < shards_.size(); ++i) {
        why += (why.empty() ? "" : "; ") + shards_[i].name + " (" + Endpoint(shards_[i]) + "): " + state_[i]->down;
      }
      return Status::IoError("no shard of the cluster answers: " + why);
    }
    std::size_t m = up.size();
    auto searcher = index::Searcher::FromDatabase(combined, parse_db);
    index::LocateDocument locate = [&](std::uint32_t docid) {
      index::DocumentLocation where;
      if (docid == 0) return where;
      std::size_t i = up[(docid - 1) % m];
      where.id = static_cast<std::int64_t>((docid - 1) / m + 1);
      where.shard = shards_[i].name;
      where.store = StoreOf(i);
      return where;
    };
    auto result = index::SearchCase(*searcher, locate, request);
    if (result.ok()) {
      result->from_cluster = true;
      for (const auto& name : no_synonyms) {
        result->warnings.push_back("shard " + name + ": its index folder is not readable here (FOLDER in the "
                                   "cluster file), so words found only in its documents may be missed");
      }
      for (std::size_t i = 0; i < shards_.size(); ++i) {
        if (state_[i]->db) continue;
        result->warnings.push_back("shard " + shards_[i].name + " (" + Endpoint(shards_[i]) +
                                   ") did not answer: " + state_[i]->down + "; results are from the other " +
                                   std::to_string(m) + " shard" + (m == 1 ? "" : "s") + " only");
      }
      return result;
    }
    // A shard may have died during the query (the error then comes from
    // Xapian's remote backend, maybe as a parse error), or closed an idle
    // connection: reconnect to find out, and run the query again without the
    // shards that are gone (once more with the same shards at most).
    ReconnectAll();
    std::size_t lost = 0;
    for (std::size_t i : up) {
      if (!state_[i]->db) ++lost;
    }
    if (lost == 0) {
      if (retried_unchanged) return result.status();
      retried_unchanged = true;
    }
  }
  return Status::IoError("the cluster's shards kept failing during the query");
}

namespace {

std::mutex& RegistryMutex() {
  static std::mutex mu;
  return mu;
}
std::optional<fs::path>& ServeCluster() {
  static std::optional<fs::path> path;
  return path;
}

}  // namespace

std::optional<fs::path> ClusterFileFor(const fs::path& case_dir) {
  {
    std::lock_guard<std::mutex> lock(RegistryMutex());
    if (ServeCluster()) return ServeCluster();
  }
  std::error_code ec;
  fs::path file = case_dir / "cluster";
  if (fs::is_regular_file(file, ec)) return file;
  return std::nullopt;
}

void SetServeCluster(const fs::path& cluster_file) {
  std::lock_guard<std::mutex> lock(RegistryMutex());
  ServeCluster() = fs::absolute(cluster_file);
}

Result<std::shared_ptr<ClusterSearcher>> SharedClusterSearcher(const fs::path& cluster_file) {
  std::lock_guard<std::mutex> lock(RegistryMutex());
  static std::map<std::string, std::shared_ptr<ClusterSearcher>> searchers;
  std::string key = fs::absolute(cluster_file).lexically_normal().string();
  auto it = searchers.find(key);
  if (it != searchers.end()) return it->second;
  auto shards = ReadClusterFile(cluster_file);
  if (!shards.ok()) return shards.status();
  auto searcher = std::make_shared<ClusterSearcher>(std::move(*shards), ClusterOptions{});
  searchers.emplace(key, searcher);
  return searcher;
}

}  // namespace leakgraph::cluster
