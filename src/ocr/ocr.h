// Optical character recognition of scanned pages with Tesseract, for the
// image and PDF handlers. The OcrEngine is what a handler sees: the mode the
// user chose (auto: images and PDF pages without a text layer; force: every
// PDF page too; off: nothing), and Recognize(), which picks the language of
// each page itself and remembers every result in a cache file keyed by the
// page's content hash, so the same page met again (in another container, in
// a re-ingest) is never recognised twice.
//
// Language: Tesseract's orientation-and-script detection (osd data) decides
// Latin or Arabic script; Latin pages are read as English; Arabic-script
// pages are read as both Arabic and Persian, and the letters only one of the
// two languages has decide between them, mean word confidence breaking ties
// (see ChooseArabicOrPersian in ocr.cc). When the script cannot be told (too
// little text), English and Arabic are tried and the more confident kept.
//
// Thread-safety: Recognize() may be called from many threads at once; each
// thread keeps its own Tesseract instances.
// Tesseract's and Leptonica's diagnostics are silenced.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "leakgraph/status.h"

struct Pix;  // Leptonica's image

namespace leakgraph::ocr {

enum class OcrMode { kOff, kAuto, kForce };

// Parses "off", "auto" or "force".
Result<OcrMode> ParseOcrMode(std::string_view text);
std::string_view OcrModeName(OcrMode mode);

struct OcrResult {
  std::string text;          // UTF-8, may be empty (a blank page)
  std::string language;      // Tesseract language code: "eng", "ara", "fas"
  double confidence = 0;     // mean word confidence, 0..1
  bool from_cache = false;
};

// "tesseract eng 0.91": how a text was obtained, for document metadata.
std::string DescribeOcr(std::string_view language, double confidence);

// Where OCR results are remembered, by content key. Implementations must be
// safe to call from many threads at once; failures are silent (a miss).
class OcrCache {
 public:
  virtual ~OcrCache() = default;
  virtual std::optional<OcrResult> Get(const std::string& key) const = 0;
  virtual void Put(const std::string& key, const OcrResult& result) const = 0;
};

// The cache in a small SQLite file (created when missing): opened per call,
// so it is safe across threads and processes (WAL, busy timeout). Not to be
// used in a child forked from a multi-threaded process (SQLite's global
// mutexes may be held by another thread at the fork): isolated parsers reach
// the parent's cache through their pipe instead (extract/isolation.h).
class SqliteOcrCache final : public OcrCache {
 public:
  explicit SqliteOcrCache(std::filesystem::path file) : file_(std::move(file)) {}
  std::optional<OcrResult> Get(const std::string& key) const override;
  void Put(const std::string& key, const OcrResult& result) const override;

 private:
  std::filesystem::path file_;
};

class OcrEngine {
 public:
  // `cache` may be nullptr: no cache.
  OcrEngine(OcrMode mode, std::shared_ptr<const OcrCache> cache);
  OcrMode mode() const { return mode_; }
  const std::shared_ptr<const OcrCache>& cache() const { return cache_; }

  // Recognises the text of `image` (any depth Leptonica reads), scanned at
  // `dpi` (0 if unknown). `content_key` identifies the image's content (a
  // SHA-256 of its encoded bytes or of its rendered pixels): the cache key.
  // Errors: Tesseract or its language data missing, or recognition failing.
  // A cache that cannot be opened or written is not an error (the page is
  // recognised anyway).
  [[nodiscard]] Result<OcrResult> Recognize(Pix* image, int dpi, std::string_view content_key) const;

 private:
  OcrMode mode_;
  std::shared_ptr<const OcrCache> cache_;
};

// Silences Leptonica's messages on stderr (damaged images would flood it).
void SilenceLeptonica();

}  // namespace leakgraph::ocr
