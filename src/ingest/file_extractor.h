// Extraction of one file and everything embedded in it, on a worker thread:
// reads nothing but the bytes given, consults the store (read-only) only to
// skip parts whose content is already known, and returns the document tree
// ready for the writer, analysed (analyse/analyser.h). Never throws for bad input: every failure becomes a
// node with a reason.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "analyse/analyser.h"
#include "extract/isolation.h"
#include "index/index.h"
#include "ocr/ocr.h"
#include "store/store.h"

namespace leakgraph::ingest {

struct PendingPart;  // an embedded part waiting to be extracted

struct ExtractedNode {
  std::string location;      // file path, or internal path "box.mbox//3//invoice.txt"
  int parent = -1;           // index of the container node, -1 for the file itself
  std::string hash;
  bool failed = false;
  std::string reason;        // why it failed
  bool already_stored = false;  // content known to the store: not extracted again
  store::DocumentRecord record;  // id, parent_id and paths unset
  std::vector<store::Mention> mentions;  // found by the analyse stage in record.text
  std::vector<store::Relation> relations;  // found by the link stage between `mentions`
  Xapian::Document index_document;  // with the path terms of `location` (built on the worker thread)
};

struct ExtractionLimits {
  unsigned max_depth = 16;
  std::size_t max_parts = 100000;
  bool analyse = true;  // run the analyse stage (entities, dates, money) on each document
  ocr::OcrMode ocr = ocr::OcrMode::kAuto;  // scanned pages: images, PDF pages without text
  std::filesystem::path ocr_cache;         // the OCR cache file, or empty: none
  bool isolate = true;                     // fragile parsers in a child process (extract/isolation.h)
  extract::IsolationLimits isolation;
};

class FileExtractor {
 public:
  // `store` is this worker's read-only connection, or nullptr.
  FileExtractor(store::Store* store, ExtractionLimits limits);
  // Extracts `bytes` found at `path`. nodes[0] is the file itself.
  std::vector<ExtractedNode> Extract(const std::string& path, std::string bytes,
                                     const std::string& hash);

 private:
  void ExtractOne(ExtractedNode& node, std::string_view bytes, std::string_view name,
                  std::string_view hint, std::vector<PendingPart>& pending, unsigned depth,
                  int self_index);
  store::Store* store_;
  ExtractionLimits limits_;
  ocr::OcrEngine ocr_;
  analyse::DocumentAnalyser analyser_;
  index::IndexDocumentBuilder builder_;
};

}  // namespace leakgraph::ingest
