#include "ocr/ocr.h"

#include <leptonica/allheaders.h>
#include <sqlite3.h>
#include <tesseract/baseapi.h>

#include <cstdio>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace leakgraph::ocr {
namespace {

// Languages installed with the tesseract-ocr-* packages we depend on.
constexpr const char* kLatin = "eng";
constexpr const char* kArabic = "ara";
constexpr const char* kPersian = "fas";

// One Tesseract instance per language and thread: initialising one costs
// ~0.1-0.5 s, recognising with it is not thread-safe.
tesseract::TessBaseAPI* ThreadEngine(const std::string& language) {
  thread_local std::map<std::string, std::unique_ptr<tesseract::TessBaseAPI>> engines;
  auto found = engines.find(language);
  if (found != engines.end()) return found->second.get();
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  std::vector<std::string> names = {"debug_file"};
  std::vector<std::string> values = {"/dev/null"};
  bool osd = language == "osd";
  if (api->Init(nullptr, language.c_str(), osd ? tesseract::OEM_TESSERACT_ONLY : tesseract::OEM_DEFAULT,
                nullptr, 0, &names, &values, false) != 0) {
    return nullptr;
  }
  api->SetPageSegMode(osd ? tesseract::PSM_OSD_ONLY : tesseract::PSM_AUTO);
  return engines.emplace(language, std::move(api)).first->second.get();
}

// Returns the script Tesseract's OSD sees on the page ("Latin", "Arabic"...),
// or "" when it cannot tell.
std::string DetectScript(Pix* image, int dpi) {
  tesseract::TessBaseAPI* api = ThreadEngine("osd");
  if (api == nullptr) return {};
  api->SetImage(image);
  if (dpi > 0) api->SetSourceResolution(dpi);
  int orientation = 0;
  float orientation_confidence = 0;
  const char* script = nullptr;
  float script_confidence = 0;
  bool ok = api->DetectOrientationScript(&orientation, &orientation_confidence, &script, &script_confidence);
  std::string name = ok && script != nullptr && script_confidence > 0.5f ? script : "";
  api->Clear();
  return name;
}

Result<OcrResult> RecognizeAs(Pix* image, int dpi, const std::string& language) {
  tesseract::TessBaseAPI* api = ThreadEngine(language);
  if (api == nullptr)
    return Status::Unsupported("OCR unavailable: Tesseract language data '" + language + "' not installed");
  api->SetImage(image);
  if (dpi > 0) api->SetSourceResolution(dpi);
  if (api->Recognize(nullptr) != 0) {
    api->Clear();
    return Status::Internal("OCR failed: Tesseract could not recognise the page");
  }
  std::unique_ptr<char[]> text(api->GetUTF8Text());
  OcrResult result;
  result.text = text ? text.get() : "";
  result.language = language;
  int confidence = api->MeanTextConf();
  result.confidence = confidence > 0 ? confidence / 100.0 : 0.0;
  api->Clear();
  std::size_t end = result.text.find_last_not_of(" \t\r\n\f");
  result.text.resize(end == std::string::npos ? 0 : end + 1);
  return result;
}

// The cache: one table in a small SQLite file, opened per call so that it is
// safe after fork() and across processes (WAL, busy timeout).
class CacheConnection {
 public:
  explicit CacheConnection(const std::filesystem::path& file) {
    if (file.empty()) return;
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      Close();
      return;
    }
    sqlite3_busy_timeout(db_, 10000);
    if (sqlite3_exec(db_,
                     "PRAGMA journal_mode=WAL;"
                     "CREATE TABLE IF NOT EXISTS ocr(key TEXT PRIMARY KEY, text TEXT NOT NULL, "
                     "language TEXT NOT NULL, confidence REAL NOT NULL)",
                     nullptr, nullptr, nullptr) != SQLITE_OK) {
      Close();
    }
  }
  ~CacheConnection() { Close(); }
  CacheConnection(const CacheConnection&) = delete;
  CacheConnection& operator=(const CacheConnection&) = delete;

  std::optional<OcrResult> Get(const std::string& key) {
    if (db_ == nullptr) return std::nullopt;
    sqlite3_stmt* stmt = nullptr;
    std::optional<OcrResult> found;
    if (sqlite3_prepare_v2(db_, "SELECT text, language, confidence FROM ocr WHERE key = ?", -1, &stmt, nullptr) ==
        SQLITE_OK) {
      sqlite3_bind_text(stmt, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
      if (sqlite3_step(stmt) == SQLITE_ROW) {
        OcrResult r;
        r.text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        r.language = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1));
        r.confidence = sqlite3_column_double(stmt, 2);
        r.from_cache = true;
        found = std::move(r);
      }
    }
    sqlite3_finalize(stmt);
    return found;
  }

  void Put(const std::string& key, const OcrResult& r) {
    if (db_ == nullptr) return;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, "INSERT OR REPLACE INTO ocr(key, text, language, confidence) VALUES (?, ?, ?, ?)",
                           -1, &stmt, nullptr) == SQLITE_OK) {
      sqlite3_bind_text(stmt, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt, 2, r.text.data(), static_cast<int>(r.text.size()), SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt, 3, r.language.data(), static_cast<int>(r.language.size()), SQLITE_TRANSIENT);
      sqlite3_bind_double(stmt, 4, r.confidence);
      sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
  }

 private:
  void Close() {
    if (db_ != nullptr) sqlite3_close(db_);
    db_ = nullptr;
  }
  sqlite3* db_ = nullptr;
};

// Keeps the better of two readings (ties: the first).
void KeepBetter(std::optional<OcrResult>& best, OcrResult candidate) {
  if (!best || candidate.confidence > best->confidence) best = std::move(candidate);
}

std::size_t CountOf(std::string_view text, std::initializer_list<std::string_view> letters) {
  std::size_t count = 0;
  for (std::string_view letter : letters) {
    for (std::size_t at = text.find(letter); at != std::string_view::npos; at = text.find(letter, at + 1)) ++count;
  }
  return count;
}

// Chooses between the Arabic and the Persian reading of one page. Confidence
// alone favours the Arabic model even on Persian text (its mean is ~6 points
// higher on either), so the letters decide first: the Persian model can read
// پ چ ژ گ, which Arabic lacks, and the Arabic model reads teh marbuta (ة),
// which Persian spells with ت or ه. Confidence decides a tie.
OcrResult ChooseArabicOrPersian(OcrResult arabic, OcrResult persian) {
  std::size_t persian_letters = CountOf(persian.text, {"پ", "چ", "ژ", "گ"});
  std::size_t arabic_letters = CountOf(arabic.text, {"ة"});
  if (persian_letters != arabic_letters) return persian_letters > arabic_letters ? persian : arabic;
  return persian.confidence > arabic.confidence ? persian : arabic;
}

}  // namespace

Result<OcrMode> ParseOcrMode(std::string_view text) {
  if (text == "off") return OcrMode::kOff;
  if (text == "auto") return OcrMode::kAuto;
  if (text == "force") return OcrMode::kForce;
  return Status::InvalidInput("unknown OCR mode '" + std::string(text) + "' (expected auto, off or force)");
}

std::string_view OcrModeName(OcrMode mode) {
  switch (mode) {
    case OcrMode::kOff: return "off";
    case OcrMode::kAuto: return "auto";
    case OcrMode::kForce: return "force";
  }
  return "auto";
}

std::string DescribeOcr(std::string_view language, double confidence) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, " %.2f", confidence);
  return "tesseract " + std::string(language) + buffer;
}

void SilenceLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

std::optional<OcrResult> SqliteOcrCache::Get(const std::string& key) const {
  CacheConnection connection(file_);
  return connection.Get(key);
}

void SqliteOcrCache::Put(const std::string& key, const OcrResult& result) const {
  CacheConnection connection(file_);
  connection.Put(key, result);
}

OcrEngine::OcrEngine(OcrMode mode, std::shared_ptr<const OcrCache> cache) : mode_(mode), cache_(std::move(cache)) {}

Result<OcrResult> OcrEngine::Recognize(Pix* image, int dpi, std::string_view content_key) const {
  SilenceLeptonica();
  if (image == nullptr) return Status::InvalidInput("OCR failed: no image");
  const std::string key = std::string("tesseract-") + tesseract::TessBaseAPI::Version() + "/" +
                          std::to_string(dpi) + "/" + std::string(content_key);
  if (cache_) {
    if (auto cached = cache_->Get(key)) return *cached;
  }

  std::string script = DetectScript(image, dpi);
  std::vector<std::string> languages;
  if (script == "Latin") languages = {kLatin};
  else if (script == "Arabic") languages = {kArabic};
  else languages = {kLatin, kArabic};

  std::optional<OcrResult> best;
  for (const auto& language : languages) {
    auto reading = RecognizeAs(image, dpi, language);
    if (!reading.ok()) return reading.status();
    KeepBetter(best, std::move(*reading));
  }
  if (best->language == kArabic) {  // Arabic script: Persian is read and scored too
    auto persian = RecognizeAs(image, dpi, kPersian);
    if (!persian.ok()) return persian.status();
    best = ChooseArabicOrPersian(std::move(*best), std::move(*persian));
  }
  if (cache_) cache_->Put(key, *best);
  return *best;
}

}  // namespace leakgraph::ocr
