#include "analyse/reanalyse.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "analyse/analyser.h"
#include "index/index.h"
#include "ingest/index_sync.h"
#include "link/linker.h"
#include "store/store.h"

namespace leakgraph::analyse {

namespace {

using Clock = std::chrono::steady_clock;

// Set while a run is unfinished; its presence makes the next run resume.
constexpr const char* kRunMarker = "analyse_run";

// What a worker needs of a document.
struct PendingDocument {
  std::int64_t id = 0;
  std::string text;
  std::string language;
  std::optional<std::string> date;
  std::map<std::string, std::string> metadata;
  std::vector<Mention> mentions;             // the result
  std::vector<store::Relation> relations;    // ... and the link stage's
};

// Loads the next batch of unanalysed documents after `after`, bounded by
// count and text bytes. Text beyond what the analyser reads is dropped.
Result<std::vector<PendingDocument>> LoadBatch(store::Store& store, std::int64_t after,
                                               const ReanalyseOptions& options) {
  auto ids = store.UnanalysedDocuments(after, std::max<std::size_t>(1, options.batch_documents));
  if (!ids.ok()) return ids.status();
  std::vector<PendingDocument> batch;
  std::uint64_t bytes = 0;
  for (std::int64_t id : *ids) {
    if (!batch.empty() && bytes >= options.batch_text_bytes) break;
    auto doc = store.GetDocument(id);
    if (!doc.ok()) return doc.status();
    if (doc->text.size() > kMaxAnalysedBytes + 4) doc->text.resize(kMaxAnalysedBytes + 4);
    bytes += doc->text.size();
    batch.push_back({id, std::move(doc->text), std::move(doc->language), std::move(doc->date),
                     std::move(doc->metadata), {}, {}});
  }
  return batch;
}

// Analyses every document of `batch` on `threads` threads.
void AnalyseBatch(std::vector<PendingDocument>& batch, unsigned threads) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    DocumentAnalyser analyser;
    for (std::size_t i; (i = next.fetch_add(1)) < batch.size();) {
      PendingDocument& d = batch[i];
      store::DocumentRecord record;
      record.text = std::move(d.text);
      record.language = d.language;
      record.date = d.date;
      record.metadata = std::move(d.metadata);
      auto analysis = analyser.AnalyseDocument(record);
      d.mentions = std::move(analysis.mentions);
      d.relations = std::move(analysis.relations);
    }
  };
  unsigned n = std::min<unsigned>(threads, static_cast<unsigned>(batch.size()));
  if (n <= 1) return work();
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < n; ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();
}

// Stores the batch's mentions and marks its documents for re-indexing, in one transaction.
Status StoreBatch(store::Store& store, const std::vector<PendingDocument>& batch, std::uint64_t& mentions) {
  if (Status s = store.Begin(); !s.ok()) return s;
  for (const PendingDocument& d : batch) {
    Status s = store.ReplaceMentionsAndRelations(d.id, d.mentions, d.relations, kAnalyserVersion,
                                                 link::kLinkerVersion);
    if (s.ok()) s = store.SetIndexed(d.id, false);
    if (!s.ok()) {
      (void)store.Rollback();
      return s;
    }
  }
  if (Status s = store.Commit(); !s.ok()) return s;
  for (const PendingDocument& d : batch) mentions += d.mentions.size();
  return Status::Ok();
}

// Starts a run (every document unanalysed, marker set) unless one is unfinished.
Result<bool> StartOrResume(store::Store& store) {
  auto marker = store.GetMeta(kRunMarker);
  if (!marker.ok()) return marker.status();
  if (marker->has_value()) return true;
  if (Status s = store.Begin(); !s.ok()) return s;
  Status s = store.MarkAllUnanalysed();
  if (s.ok()) s = store.SetMeta(kRunMarker, std::to_string(kAnalyserVersion));
  if (!s.ok()) {
    (void)store.Rollback();
    return s;
  }
  if (Status c = store.Commit(); !c.ok()) return c;
  return false;
}

Status FinishRun(store::Store& store) {
  if (Status s = store.Begin(); !s.ok()) return s;
  if (Status s = store.DeleteMeta(kRunMarker); !s.ok()) {
    (void)store.Rollback();
    return s;
  }
  return store.Commit();
}

}  // namespace

Result<ReanalyseProgress> Reanalyse(const store::Investigation& investigation,
                                    const ReanalyseOptions& options,
                                    const std::function<void(const ReanalyseProgress&)>& progress) {
  auto start = Clock::now();
  auto store = store::Store::Open(investigation.store_path(), /*create=*/false);
  if (!store.ok()) return store.status();
  // Opened first: it fails while an ingest (or another analyse) holds the
  // index. A re-analysis may rewrite every document's entry.
  auto documents = store->MaxDocumentId();
  if (!documents.ok()) return documents.status();
  auto index = index::IndexWriter::Open(investigation.index_path(), 0, static_cast<std::uint64_t>(*documents));
  if (!index.ok()) return index.status();

  ReanalyseProgress p;
  auto resumed = StartOrResume(*store);
  if (!resumed.ok()) return resumed.status();
  p.resumed = *resumed;
  auto total = store->UnanalysedCount();
  if (!total.ok()) return total.status();
  p.documents_total = static_cast<std::uint64_t>(*total);

  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::int64_t after = 0;
  for (;;) {
    auto batch = LoadBatch(*store, after, options);
    if (!batch.ok()) return batch.status();
    if (batch->empty()) break;
    AnalyseBatch(*batch, threads);
    if (Status s = StoreBatch(*store, *batch, p.mentions); !s.ok()) return s;
    p.documents_done += batch->size();
    after = batch->back().id;
    p.elapsed_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (progress) progress(p);
  }
  if (Status s = FinishRun(*store); !s.ok()) return s;
  auto index_start = Clock::now();
  auto reindexed = ingest::CatchUpIndex(*store, **index);
  if (!reindexed.ok()) return reindexed.status();
  if (Status s = (*index)->CommitAndCompactIfGrown(); !s.ok()) return s;
  p.reindexed = *reindexed;
  p.index_seconds = std::chrono::duration<double>(Clock::now() - index_start).count();
  p.elapsed_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return p;
}

}  // namespace leakgraph::analyse
