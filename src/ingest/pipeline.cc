#include "ingest/pipeline.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <future>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "index/index.h"
#include "ingest/file_extractor.h"
#include "ingest/index_sync.h"
#include "link/linker.h"
#include "link/relink.h"
#include "resolve/resolve_case.h"
#include "store/store.h"
#include "util/sha256.h"

namespace leakgraph::ingest {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct InputFile {
  std::string path;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

struct FileResult {
  InputFile file;
  std::string hash;
  bool unchanged = false;
  std::string read_error;  // the file itself could not be read
  std::vector<ExtractedNode> nodes;
  std::uint64_t queued_bytes = 0;
};

// Lists regular files under `inputs`, sorted, never following symbolic links
// and never entering the investigation folder itself.
// With options.shard_count > 0, keeps only the files of shard options.shard_index.
std::vector<InputFile> ListInputs(const std::vector<fs::path>& inputs, const fs::path& case_dir,
                                  const IngestOptions& options, std::uint64_t& skipped,
                                  std::vector<std::string>& missing) {
  std::vector<InputFile> files;
  fs::path root;
  auto consider = [&](const fs::path& p) {
    if (options.shard_count > 0) {
      fs::path relative = p == root ? p.filename() : p.lexically_relative(root);
      if (ShardOfRelativePath(relative.generic_string(), options.shard_count) != options.shard_index) return;
    }
    struct stat st {};
    if (lstat(p.c_str(), &st) != 0) return;
    if (!S_ISREG(st.st_mode)) {
      ++skipped;
      return;
    }
    files.push_back({p.string(), static_cast<std::uint64_t>(st.st_size),
                     static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec});
  };
  for (const auto& input : inputs) {
    root = fs::absolute(input).lexically_normal();
    if (!root.has_filename()) root = root.parent_path();
    std::error_code ec;
    auto status = fs::symlink_status(root, ec);
    if (ec || !fs::exists(status)) {
      missing.push_back(input.string());
      continue;
    }
    if (!fs::is_directory(status)) {
      consider(root);
      continue;
    }
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const fs::path& p = it->path();
      if (p == case_dir) {
        it.disable_recursion_pending();
        ++skipped;
        continue;
      }
      std::error_code sec;
      auto st = it->symlink_status(sec);
      if (sec || fs::is_directory(st)) continue;
      consider(p);
    }
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  files.erase(std::unique(files.begin(), files.end(),
                          [](const auto& a, const auto& b) { return a.path == b.path; }),
              files.end());
  return files;
}

Result<std::string> ReadWholeFile(const std::string& path, std::uint64_t expected_size) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open: " + std::string(std::strerror(errno)));
  std::string bytes;
  bytes.resize(expected_size);
  in.read(bytes.data(), static_cast<std::streamsize>(expected_size));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) return Status::IoError("read error: " + std::string(std::strerror(errno)));
  return bytes;
}

// A bounded queue of results, bounded by count and by queued bytes.
class ResultQueue {
 public:
  ResultQueue(std::size_t max_items, std::uint64_t max_bytes) : max_items_(max_items), max_bytes_(max_bytes) {}

  void Push(FileResult result) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] {
      return items_.empty() || (items_.size() < max_items_ && bytes_ + result.queued_bytes <= max_bytes_);
    });
    bytes_ += result.queued_bytes;
    items_.push_back(std::move(result));
    not_empty_.notify_one();
  }

  // Waits until an item arrives, all producers are done, or `deadline`.
  std::optional<FileResult> Pop(Clock::time_point deadline) {
    std::unique_lock lock(mu_);
    not_empty_.wait_until(lock, deadline, [&] { return !items_.empty() || producers_done_; });
    if (items_.empty()) return std::nullopt;
    FileResult r = std::move(items_.front());
    items_.pop_front();
    bytes_ -= r.queued_bytes;
    not_full_.notify_all();
    return r;
  }

  void ProducersDone() {
    std::lock_guard lock(mu_);
    producers_done_ = true;
    not_empty_.notify_all();
  }

  bool Finished() {
    std::lock_guard lock(mu_);
    return producers_done_ && items_.empty();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<FileResult> items_;
  std::size_t max_items_;
  std::uint64_t max_bytes_;
  std::uint64_t bytes_ = 0;
  bool producers_done_ = false;
};

class Writer {
 public:
  Writer(store::Store& store, index::IndexWriter& index, const IngestOptions& options)
      : store_(store), index_(index), options_(options) {}

  // Writes one file's tree into the open transaction.
  Status Write(FileResult& result, IngestProgress& progress) {
    const InputFile& file = result.file;
    if (result.unchanged) {
      ++progress.unchanged;
      return Status::Ok();
    }
    if (Status s = store_.ClearFailure(file.path); !s.ok()) return s;
    bool any_failed = false;
    if (!result.read_error.empty()) {
      any_failed = true;
      if (Status s = store_.RecordFailure(file.path, result.read_error); !s.ok()) return s;
    }
    std::vector<std::optional<std::int64_t>> ids(result.nodes.size());
    std::vector<std::pair<std::int64_t, std::string>> copy_inside;  // (stored container, its new location)
    for (std::size_t i = 0; i < result.nodes.size(); ++i) {
      ExtractedNode& node = result.nodes[i];
      std::optional<std::int64_t> parent_id;
      if (node.parent >= 0) {
        parent_id = ids[static_cast<std::size_t>(node.parent)];
        if (!parent_id) continue;  // its container failed
      }
      if (node.failed) {
        any_failed = true;
        if (Status s = store_.RecordFailure(node.location, node.reason); !s.ok()) return s;
        continue;
      }
      auto existing = store_.FindDocumentByHash(node.hash);
      if (!existing.ok()) return existing.status();
      if (existing->has_value()) {
        std::int64_t id = **existing;
        ids[i] = id;
        auto added = store_.AddLocation(node.location, id, parent_id);
        if (!added.ok()) return added.status();
        if (added->changed) {
          ++progress.duplicates;
          if (Status s = MarkStale(id); !s.ok()) return s;  // its path terms changed
        }
        if (added->previous_document) {
          if (Status s = MarkStale(*added->previous_document); !s.ok()) return s;
        }
        // A container stored before was not opened again: its parts get
        // their locations under this path from one it already has.
        if (node.already_stored) copy_inside.emplace_back(id, node.location);
        continue;
      }
      if (node.already_stored) {
        any_failed = true;
        if (Status s = store_.RecordFailure(node.location, "content seen earlier in this run but not stored"); !s.ok()) return s;
        continue;
      }
      node.record.parent_id = parent_id;
      auto id = store_.InsertDocument(node.record);
      if (!id.ok()) return id.status();
      ids[i] = *id;
      auto added = store_.AddLocation(node.location, *id, parent_id);
      if (!added.ok()) return added.status();
      if (added->previous_document) {  // the file changed: the old content loses this path
        if (Status s = MarkStale(*added->previous_document); !s.ok()) return s;
      }
      if (options_.analyse) {  // otherwise left for `leakgraph analyse` (analysed = 0)
        if (Status s = store_.ReplaceMentionsAndRelations(*id, node.mentions, node.relations,
                                                          analyse::kAnalyserVersion, link::kLinkerVersion);
            !s.ok()) {
          return s;
        }
      }
      ++progress.documents_added;
      to_index_.push_back({*id, std::move(node.index_document)});
    }
    for (const auto& [id, location] : copy_inside) {
      if (Status s = CopyLocationsInside(id, location, progress); !s.ok()) return s;
    }
    if (any_failed) ++progress.files_failed;
    std::string error = result.read_error.empty() && !result.nodes.empty() && result.nodes[0].failed
                            ? result.nodes[0].reason
                            : result.read_error;
    return store_.PutFile({file.path, static_cast<std::int64_t>(file.size), file.mtime_ns, result.hash,
                           error.empty() ? "done" : "failed", error});
  }

  // Gives the parts of stored container `id` the locations under `location`
  // that they have under another location of it (the first, in path order,
  // that holds any). Run after the whole file was written, so that parts of an
  // earlier copy in the same file are there.
  Status CopyLocationsInside(std::int64_t id, const std::string& location, IngestProgress& progress) {
    auto paths = store_.DocumentPaths(id);
    if (!paths.ok()) return paths.status();
    for (const std::string& other : *paths) {
      if (other == location) continue;
      auto inside = store_.LocationsInside(other);
      if (!inside.ok()) return inside.status();
      if (inside->empty()) continue;
      for (const store::Store::LocationRow& row : *inside) {
        auto added = store_.AddLocation(location + row.path.substr(other.size()), row.document_id, row.parent_id);
        if (!added.ok()) return added.status();
        if (added->changed) {
          ++progress.duplicates;
          if (Status s = MarkStale(row.document_id); !s.ok()) return s;  // its path terms changed
        }
        if (added->previous_document) {
          if (Status s = MarkStale(*added->previous_document); !s.ok()) return s;
        }
      }
      break;
    }
    return Status::Ok();
  }

  // The index entry of `id` no longer matches the store: rebuilt at the end.
  Status MarkStale(std::int64_t id) {
    stale_.insert(id);
    return store_.SetIndexed(id, false);
  }

  // After a store commit: hands the batch's documents to the index, and
  // commits the index when enough are pending or `force`.
  Status FlushIndex(bool force) {
    if (Status s = HandOverToIndex(); !s.ok()) return s;
    if (indexed_pending_.empty() || (!force && indexed_pending_.size() < options_.index_commit_documents)) {
      return Status::Ok();
    }
    if (Status s = WaitForHandOver(); !s.ok()) return s;
    if (Status s = index_.Commit(); !s.ok()) return s;
    return MarkIndexed();
  }

  // Hands the documents of committed batches to the index writer (not yet
  // committed there). The index writer takes them on a background thread
  // (its shard threads invert the postings), so that this thread goes on
  // writing the next batch to the store meanwhile; one hand-over at a time,
  // and WaitForHandOver() before the index writer is used otherwise.
  Status HandOverToIndex() {
    if (to_index_.empty()) return Status::Ok();  // the running hand-over, if any, goes on
    if (Status s = WaitForHandOver(); !s.ok()) return s;
    for (const auto& entry : to_index_) indexed_pending_.push_back(entry.first);
    handover_ = std::async(std::launch::async, [this, batch = std::move(to_index_)]() mutable {
      Status s = index_.ReplaceMany(batch);
      batch.clear();  // the documents are freed here too, not on the writer thread
      return s;
    });
    to_index_.clear();
    return Status::Ok();
  }

  // Waits until the last hand-over is in the index writer; its result.
  Status WaitForHandOver() {
    if (!handover_.valid()) return Status::Ok();
    return handover_.get();
  }

  // After the index commit: records the handed-over documents as indexed.
  Status MarkIndexed() {
    if (indexed_pending_.empty()) return Status::Ok();
    if (Status s = store_.Begin(); !s.ok()) return s;
    for (std::int64_t id : indexed_pending_) {
      if (stale_.count(id)) continue;
      if (Status s = store_.SetIndexed(id, true); !s.ok()) {
        (void)store_.Rollback();
        return s;
      }
    }
    indexed_pending_.clear();
    return store_.Commit();
  }

 private:
  store::Store& store_;
  index::IndexWriter& index_;
  const IngestOptions& options_;
  std::vector<std::pair<std::int64_t, Xapian::Document>> to_index_;
  std::vector<std::int64_t> indexed_pending_;
  std::set<std::int64_t> stale_;
  std::future<Status> handover_;  // the running hand-over, if any (its destructor waits for it)
};

FileResult ProcessFile(const InputFile& file, const IngestOptions& options, store::Store* reader,
                       FileExtractor& extractor) {
  FileResult result;
  result.file = file;
  if (file.size > options.max_file_bytes) {
    result.read_error = "file too large: " + std::to_string(file.size) + " bytes (limit " +
                        std::to_string(options.max_file_bytes) + ")";
    return result;
  }
  auto bytes = ReadWholeFile(file.path, file.size);
  if (!bytes.ok()) {
    result.read_error = bytes.status().message();
    return result;
  }
  result.hash = util::Sha256Hex(*bytes);
  if (reader != nullptr) {
    auto previous = reader->GetFile(file.path);
    if (previous.ok() && previous->has_value() && (*previous)->state == "done" &&
        (*previous)->hash == result.hash) {
      result.unchanged = true;
      return result;
    }
  }
  result.nodes = extractor.Extract(file.path, std::move(*bytes), result.hash);
  for (const auto& n : result.nodes) {
    result.queued_bytes += n.record.text.size() + 1024 + n.mentions.size() * sizeof(store::Mention);
  }
  return result;
}

}  // namespace

unsigned ShardOfRelativePath(std::string_view relative_path, unsigned shard_count) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : relative_path) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return static_cast<unsigned>(h % shard_count);
}

Result<IngestProgress> Ingest(const store::Investigation& investigation,
                              const std::vector<fs::path>& inputs, const IngestOptions& options,
                              const ProgressCallback& progress_callback,
                              std::chrono::milliseconds progress_interval) {
  auto store = store::Store::Open(investigation.store_path(), /*create=*/false);
  if (!store.ok()) return store.status();
  IngestProgress progress;
  std::vector<std::string> missing;
  std::vector<InputFile> files = ListInputs(inputs, investigation.dir(), options, progress.skipped, missing);
  if (!missing.empty()) {
    return Status::NotFound(missing.front() + ": no such file or folder");
  }
  progress.files_total = files.size();
  for (const auto& f : files) progress.bytes_total += f.size;

  // The index's flush threshold follows the size it should reach: the
  // documents stored so far and one a file listed (at least).
  auto stored = store->MaxDocumentId();
  if (!stored.ok()) return stored.status();
  auto index_writer = index::IndexWriter::Open(investigation.index_path(), 0,
                                               static_cast<std::uint64_t>(*stored) + files.size());
  if (!index_writer.ok()) return index_writer.status();
  index::IndexWriter& index = **index_writer;
  if (index.DocumentCount() == 0) {
    // A missing or emptied index (an interrupted reindex, a deleted folder) is rebuilt.
    if (Status s = store->MarkAllUnindexed(); !s.ok()) return s;
  }

  // Finish what an interrupted run left: documents stored but not indexed.
  auto caught_up = CatchUpIndex(*store, index);
  if (!caught_up.ok()) return caught_up.status();

  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  ResultQueue queue(std::max<std::size_t>(16, threads * 8), options.max_queued_bytes);
  std::atomic<std::size_t> next_file{0};
  std::atomic<bool> abort{false};
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      auto reader = store::Store::Open(investigation.store_path(), false, /*read_only=*/true);
      store::Store* reader_ptr = reader.ok() ? &*reader : nullptr;
      FileExtractor extractor(reader_ptr, {options.max_depth, options.max_parts_per_file, options.analyse, options.ocr,
                                           investigation.dir() / "cache" / "ocr.sqlite", true,
                                           {std::chrono::seconds(options.parser_timeout_seconds),
                                            options.parser_memory_bytes}});
      for (;;) {
        std::size_t i = next_file.fetch_add(1);
        if (i >= files.size() || abort.load()) break;
        queue.Push(ProcessFile(files[i], options, reader_ptr, extractor));
      }
    });
  }
  std::thread closer([&] {
    for (auto& w : workers) w.join();
    queue.ProducersDone();
  });

  Writer writer(*store, index, options);
  auto start = Clock::now();
  auto last_report = start;
  Status failure;
  while (failure.ok() && !queue.Finished()) {
    if (Status s = store->Begin(); !s.ok()) { failure = s; break; }
    auto batch_deadline = Clock::now() + options.batch_interval;
    std::size_t in_batch = 0;
    while (in_batch < options.batch_files) {
      auto result = queue.Pop(batch_deadline);
      if (!result) break;
      progress.files_done++;
      progress.bytes_done += result->file.size;
      if (Status s = writer.Write(*result, progress); !s.ok()) { failure = s; break; }
      ++in_batch;
    }
    if (!failure.ok()) { (void)store->Rollback(); break; }
    if (Status s = store->Commit(); !s.ok()) { failure = s; break; }
    if (Status s = writer.FlushIndex(false); !s.ok()) { failure = s; break; }
    auto now = Clock::now();
    if (progress_callback && now - last_report >= progress_interval) {
      progress.elapsed_seconds = std::chrono::duration<double>(now - start).count();
      progress_callback(progress, false);
      last_report = now;
    }
  }
  if (!failure.ok()) {
    abort = true;
    while (!queue.Finished()) (void)queue.Pop(Clock::now() + std::chrono::milliseconds(50));
  }
  closer.join();
  if (!failure.ok()) return failure;
  // The last index commit (and the compaction when this run at least doubled
  // the index) runs on the shard threads while this thread runs the link and
  // resolve stages, which only touch the store. A crash in between leaves
  // documents marked unindexed, and the next ingest indexes them.
  if (Status s = writer.HandOverToIndex(); !s.ok()) return s;
  Status index_commit;
  std::thread committer([&] {
    index_commit = writer.WaitForHandOver();
    if (index_commit.ok()) index_commit = index.CommitAndCompactIfGrown();
  });
  // The link stage catches up documents linked by an older linker (new ones were linked by the workers).
  auto relinked = link::RelinkStore(*store, false);
  // The resolve stage: entities from every mention of the case and the analyst's decisions.
  Result<resolve::ResolveCaseReport> resolved = relinked.ok() ? resolve::ResolveInvestigation(investigation)
                                                           : Result<resolve::ResolveCaseReport>(relinked.status());
  committer.join();
  if (!index_commit.ok()) return index_commit;
  if (Status s = writer.MarkIndexed(); !s.ok()) return s;
  if (!resolved.ok()) return resolved.status();
  auto stale = CatchUpIndex(*store, index);
  if (!stale.ok()) return stale.status();
  progress.elapsed_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (progress_callback) progress_callback(progress, true);
  return progress;
}

Status RebuildIndex(const store::Investigation& investigation, const ProgressCallback& progress) {
  auto store = store::Store::Open(investigation.store_path(), false);
  if (!store.ok()) return store.status();
  std::error_code ec;
  fs::path fresh = investigation.index_path() + ".rebuild";
  fs::remove_all(fresh, ec);
  {
    auto total = store->DocumentCount();
    if (!total.ok()) return total.status();
    auto writer = index::IndexWriter::Open(fresh.string(), 0, static_cast<std::uint64_t>(*total));
    if (!writer.ok()) return writer.status();
    if (Status s = store->MarkAllUnindexed(); !s.ok()) return s;
    IngestProgress p;
    p.files_total = static_cast<std::uint64_t>(*total);
    auto start = Clock::now();
    auto done = CatchUpIndex(*store, **writer, [&] {
      ++p.files_done;
      if (progress && p.files_done % 1000 == 0) {
        p.elapsed_seconds = std::chrono::duration<double>(Clock::now() - start).count();
        progress(p, false);
      }
    });
    if (!done.ok()) return done.status();
    if (Status s = (*writer)->CommitAndCompactIfGrown(); !s.ok()) return s;
    p.documents_added = *done;
    p.elapsed_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (progress) progress(p, true);
  }
  // Swap in the new index; the old one is removed only once the new one is complete.
  fs::path old = investigation.index_path() + ".old";
  fs::remove_all(old, ec);
  fs::rename(investigation.index_path(), old, ec);
  fs::rename(fresh, investigation.index_path(), ec);
  if (ec) return Status::IoError(investigation.index_path() + ": cannot replace index: " + ec.message());
  fs::remove_all(old, ec);
  return Status::Ok();
}

}  // namespace leakgraph::ingest
