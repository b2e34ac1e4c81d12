#include "graph/graph_cache.h"

#include <sys/stat.h>

#include <algorithm>

namespace leakgraph::graph {
namespace {

// "size:mtime_ns" of `path`, or "-" when it does not exist.
std::string FileStamp(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "-";
  return std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec);
}

// The cache key of a filter: its types (sorted), co-mention flag and minimum weight.
std::string FilterKey(const GraphFilter& filter) {
  std::vector<std::string> types = filter.types;
  std::sort(types.begin(), types.end());
  std::string key;
  for (const std::string& t : types) key += t + ",";
  key += filter.co_mention ? "|c|" : "|t|";
  key += std::to_string(filter.min_weight);
  return key;
}

}  // namespace

Result<std::shared_ptr<const LoadedGraph>> LoadGraphWithStats(store::Store& store,
                                                              const GraphFilter& filter) {
  auto g = LoadEntityGraph(store, filter);
  if (!g.ok()) return g.status();
  auto rank = g->PageRank();
  if (!rank.ok()) return rank.status();
  auto found = g->FindCommunities();
  if (!found.ok()) return found.status();
  auto loaded =
      std::make_shared<LoadedGraph>(LoadedGraph{std::move(g).value(), std::move(found).value(), {}});
  const EntityGraph& graph = loaded->graph;
  std::vector<std::size_t> degree = graph.Degree();
  std::vector<double> strength = graph.Strength();
  loaded->stats.resize(graph.nodes().size());
  for (std::size_t i = 0; i < loaded->stats.size(); ++i) {
    loaded->stats[i] = {graph.nodes()[i], degree[i],    strength[i],
                        (*rank)[i],       std::nullopt, loaded->communities.membership[i]};
  }
  return std::shared_ptr<const LoadedGraph>(std::move(loaded));
}

GraphCache::GraphCache(std::filesystem::path store_path, std::size_t capacity)
    : store_path_(std::move(store_path)), capacity_(std::max<std::size_t>(1, capacity)) {}

std::string GraphCache::Generation() const {
  std::filesystem::path wal = store_path_;
  wal += "-wal";
  return FileStamp(store_path_) + "/" + FileStamp(wal);
}

std::size_t GraphCache::loads() const {
  std::lock_guard lock(mutex_);
  return loads_;
}

Result<std::shared_ptr<const LoadedGraph>> GraphCache::Get(store::Store& store, const GraphFilter& filter) {
  const std::string key = FilterKey(filter);
  auto lookup = [&](const std::string& generation) -> std::shared_ptr<const LoadedGraph> {
    std::lock_guard lock(mutex_);
    if (generation != generation_) {
      entries_.clear();
      generation_ = generation;
      return nullptr;
    }
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->first != key) continue;
      entries_.splice(entries_.begin(), entries_, it);
      return entries_.front().second;
    }
    return nullptr;
  };
  if (auto hit = lookup(Generation())) return hit;
  std::lock_guard loading(load_mutex_);
  // Another request may have loaded it while this one waited.
  const std::string generation = Generation();
  if (auto hit = lookup(generation)) return hit;
  auto loaded = LoadGraphWithStats(store, filter);
  if (!loaded.ok()) return loaded.status();
  std::lock_guard lock(mutex_);
  ++loads_;
  // A write during the load: serve what was read, keep it only if the store is still as it was.
  if (generation_ == generation && Generation() == generation) {
    entries_.emplace_front(key, *loaded);
    if (entries_.size() > capacity_) entries_.pop_back();
  }
  return loaded;
}

}  // namespace leakgraph::graph
