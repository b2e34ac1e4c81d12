// The analyse stage: finds the mentions in a document's text that later
// stages work from (people, organisations, places, the roles of people,
// dates, amounts of money, e-mail addresses, phone numbers, IBANs), with byte
// offsets into the text.
// It reads only the text it is given and writes nothing: the caller stores
// the mentions (store::Store::ReplaceMentions).
//
// Entity recognition picks a model per run of sentences, by script: Latin
// sentences go to the English model, Arabic-script ones to the Arabic or
// Persian model (language of the run, else of the document). The models are
// large (~10 MB each), so they are loaded once per process, on first use, and
// shared by every DocumentAnalyser. A missing or unreadable model skips entity
// recognition for that language with one warning; dates, money and
// identifiers are still found.
//
// Roles (ner/roles.h) are found after the entities, over the same sentences:
// a ROLE mention's extra holds the person it describes when the text says so
// ({"person_begin", "person_end", "person", "org"}), that PERSON mention's
// extra holds "role" (and "roles" when it has several), and a title the NER
// put inside a PERSON span is cut off it.
//
// Names the model missed are then recovered from the text's own marks
// (analyse/name_recovery.h): an organisation designator opening a name, a
// person's title before a name, a name of the document written again.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"
#include "text/calendar.h"
#include "text/tokenize.h"

namespace leakgraph::ner {
class Recognizer;
}  // namespace leakgraph::ner

namespace leakgraph::analyse {

// Bumped whenever a change to this stage changes its output; stored in
// documents.analysed for the documents it produced mentions for.
inline constexpr int kAnalyserVersion = 4;

// Text beyond this many bytes of a document is not analysed (bounds time).
inline constexpr std::size_t kMaxAnalysedBytes = 4u << 20;

using Mention = store::Mention;

// Mention types as stored (store::Mention::type).
inline constexpr std::string_view kPerson = "PERSON";
inline constexpr std::string_view kOrganization = "ORG";
inline constexpr std::string_view kLocation = "LOCATION";
inline constexpr std::string_view kRole = "ROLE";
inline constexpr std::string_view kDate = "DATE";
inline constexpr std::string_view kMoney = "MONEY";
inline constexpr std::string_view kEmail = "EMAIL";
inline constexpr std::string_view kPhone = "PHONE";
inline constexpr std::string_view kIban = "IBAN";

struct AnalyserOptions {
  // Where the model of a language ("en", "ar", "fa") is; ner::DefaultModelPath by default.
  std::function<std::filesystem::path(std::string_view language)> model_path;
  // Receives the one warning per language whose model cannot be loaded
  // (stderr by default).
  std::function<void(const std::string& message)> warn;
};

// One per thread; cheap to construct (the models are shared).
class DocumentAnalyser {
 public:
  explicit DocumentAnalyser(AnalyserOptions options = {});

  // Returns the mentions of `text` (valid UTF-8 expected; invalid bytes are
  // skipped) ordered by begin offset, then end offset, then type. `language` is the document's
  // ("en", "ar", "fa", "und", ...); `document_date` (ISO 8601, may carry a
  // time) resolves relative dates such as "yesterday". Only the first
  // kMaxAnalysedBytes are read. Never throws on any input.
  std::vector<Mention> Analyse(std::string_view text, std::string_view language,
                               std::optional<std::string> document_date) const;

  // The whole analyse + link stages for one document: Analyse over its text,
  // a PERSON mention for each named party of its e-mail headers
  // (link::AddHeaderParties), and the relations between the mentions
  // (link::LinkDocument). Never throws on any input.
  struct DocumentAnalysis {
    std::vector<Mention> mentions;
    std::vector<store::Relation> relations;
  };
  DocumentAnalysis AnalyseDocument(const store::DocumentRecord& doc) const;

 private:
  // Analyse over a text already cut to kMaxAnalysedBytes and tokenised.
  std::vector<Mention> AnalyseTokenized(const text::TokenizedText& tokenized, std::string_view language,
                                        std::optional<std::string> document_date) const;
  // Appends the PERSON, ORG and LOCATION mentions of the text to `out`.
  void AddEntities(const text::TokenizedText& tokenized, std::string_view language,
                   std::vector<Mention>& out) const;
  // The shared recogniser for `language`, or nullptr without a usable model.
  const ner::Recognizer* RecognizerFor(const std::string& language) const;
  AnalyserOptions options_;
  // This thread's view of the process-wide model cache, by language.
  mutable std::map<std::string, const ner::Recognizer*> recognizers_;
};

// "2019-03-12T10:00:00Z" -> 2019-03-12; nullopt when it does not start with a date.
std::optional<text::GregorianDate> ParseDocumentDate(std::string_view iso);

}  // namespace leakgraph::analyse
