#include "analyse/analyser.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "analyse/name_recovery.h"
#include "link/linker.h"
#include "ner/dates.h"
#include "ner/identifiers.h"
#include "ner/model_path.h"
#include "ner/money.h"
#include "ner/recognizer.h"
#include "ner/roles.h"
#include "text/language.h"
#include "text/normalize.h"
#include "text/scan_tokens.h"
#include "text/tokenize.h"

namespace leakgraph::analyse {

namespace {

// The loaded recognisers of this process, by model file. A model that failed
// to load is remembered as nullptr, so it is tried (and warned about) once.
class ModelCache {
 public:
  static ModelCache& Shared() {
    static ModelCache* cache = new ModelCache();  // never destroyed: worker threads may outlive statics
    return *cache;
  }

  // Returns the recogniser of the model at `path`, or nullptr when it cannot
  // be loaded. Thread-safe; the first caller for a path loads it, and callers
  // for that path wait for it, while other models load at the same time on
  // other threads (a worker meeting Arabic text does not wait for the English
  // model another worker is loading).
  const ner::Recognizer* Get(const std::filesystem::path& path, std::string_view language,
                             const std::function<void(const std::string&)>& warn) {
    Entry* entry;
    {
      std::lock_guard lock(mu_);
      std::unique_ptr<Entry>& slot = loaded_[path.string()];
      if (!slot) slot = std::make_unique<Entry>();
      entry = slot.get();  // entries are never removed: the pointer stays valid
    }
    std::call_once(entry->once, [&] {
      auto model = ner::NerModel::Load(path);
      if (model.ok()) {
        entry->recognizer = std::make_unique<ner::Recognizer>(std::move(*model));
      } else {
        std::string message = "no entity recognition for '" + std::string(language) + "' text: cannot load " +
                              path.string() + ": " + model.status().message();
        if (warn) warn(message);
      }
    });
    return entry->recognizer.get();
  }

 private:
  struct Entry {
    std::once_flag once;
    std::unique_ptr<ner::Recognizer> recognizer;  // nullptr: the model could not be loaded
  };
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<Entry>> loaded_;
};

enum class Script { kNone, kLatin, kArabic };

bool IsLatinLetterStart(unsigned char c) {
  // ASCII letters, and the lead bytes of U+00C0..U+024F (Latin-1 Supplement to Latin Extended-B).
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC3 && c <= 0xC9);
}

Script SentenceScript(const std::vector<text::Token>& tokens, const text::SentenceSpan& s) {
  std::size_t arabic = 0, latin = 0;
  for (std::size_t i = s.begin_token; i < s.end_token; ++i) {
    const text::Token& t = tokens[i];
    if (t.kind != text::TokenKind::kWord || t.text.empty()) continue;
    if (text::HasArabicScript(t.text))
      ++arabic;
    else if (IsLatinLetterStart(static_cast<unsigned char>(t.text[0])))
      ++latin;
  }
  if (arabic == 0 && latin == 0) return Script::kNone;
  return arabic > latin ? Script::kArabic : Script::kLatin;
}

// A stretch of consecutive sentences in one script: [begin, end) bytes.
struct ScriptRun {
  Script script = Script::kNone;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Splits `text` into runs of sentences of one script; sentences with no
// letters join the run they follow.
std::vector<ScriptRun> ScriptRuns(const text::TokenizedText& tokenized) {
  const std::vector<text::Token>& tokens = tokenized.tokens;
  std::vector<ScriptRun> runs;
  for (const auto& sentence : tokenized.sentences) {
    Script script = SentenceScript(tokens, sentence);
    std::size_t begin = tokens[sentence.begin_token].begin;
    std::size_t end = tokens[sentence.end_token - 1].end;
    if (!runs.empty() && (script == Script::kNone || script == runs.back().script)) {
      runs.back().end = end;
    } else if (!runs.empty() && runs.back().script == Script::kNone) {
      runs.back().script = script;
      runs.back().end = end;
    } else {
      runs.push_back({script, begin, end});
    }
  }
  return runs;
}

// Arabic-script text: Persian or Arabic, by the run itself, else the document.
std::string ArabicScriptLanguage(std::string_view run, std::string_view document_language) {
  std::string guess = text::DetectLanguage(run).code;
  if (guess == "ar" || guess == "fa") return guess;
  if (document_language == "ar" || document_language == "fa") return std::string(document_language);
  return "ar";
}

// The longest prefix of `text` of at most `limit` bytes that does not end inside a UTF-8 sequence.
std::string_view CapAtCharacter(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

// "45000", "2.5", "-" never: amounts are positive.
std::string ExactAmount(const ner::MoneyMention& m) {
  std::string digits = std::to_string(m.amount_units);
  if (m.amount_scale <= 0) return digits;
  auto scale = static_cast<std::size_t>(m.amount_scale);
  if (digits.size() <= scale) digits.insert(0, scale + 1 - digits.size(), '0');
  std::string whole = digits.substr(0, digits.size() - scale);
  std::string fraction = digits.substr(digits.size() - scale);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return fraction.empty() ? whole : whole + "." + fraction;
}

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void AddDates(std::string_view text, const std::vector<text::ScanToken>& lexed,
              std::optional<ner::IsoDate> document_date, std::vector<Mention>& out) {
  for (auto& d : ner::FindDates(text, lexed, document_date)) {
    nlohmann::json extra = {{"precision", ner::DatePrecisionName(d.precision)},
                            {"calendar", ner::DateCalendarName(d.calendar)}};
    if (d.relative) extra["relative"] = true;
    out.push_back(
        {std::string(kDate), d.begin, d.end, std::move(d.text), std::move(d.iso), 1.0, Dump(extra)});
  }
}

void AddMoney(std::string_view text, const std::vector<text::ScanToken>& lexed, std::vector<Mention>& out) {
  for (auto& m : ner::FindMoney(text, lexed)) {
    std::string amount = ExactAmount(m);
    nlohmann::json extra = {{"amount", m.amount()}, {"currency", m.currency}};
    if (m.stated_in_toman) extra["stated_in_toman"] = true;
    out.push_back({std::string(kMoney), m.begin, m.end, std::move(m.text), amount + " " + m.currency, 1.0,
                   Dump(extra)});
  }
}

void AddIdentifiers(std::string_view text, std::vector<Mention>& out) {
  for (auto& id : ner::FindIdentifiers(text)) {
    std::string_view type = id.type == ner::IdentifierType::kEmail   ? kEmail
                            : id.type == ner::IdentifierType::kPhone ? kPhone
                                                                     : kIban;
    out.push_back(
        {std::string(type), id.begin, id.end, std::move(id.text), std::move(id.normalized), 1.0, "{}"});
  }
}

std::string_view EntityTypeOf(ner::EntityType type) {
  switch (type) {
    case ner::EntityType::kPerson:
      return kPerson;
    case ner::EntityType::kOrganization:
      return kOrganization;
    case ner::EntityType::kLocation:
      return kLocation;
    default:
      return {};
  }
}

// Appends the ROLE mentions of `text` to `entities` (the entity mentions of
// the text, and nothing else), links each to the PERSON it describes both
// ways, and cuts the titles the NER left inside PERSON spans.
void AddRoles(const text::TokenizedText& tokenized, std::vector<Mention>& entities) {
  const std::string_view text = tokenized.text;
  std::vector<ner::EntitySpan> spans;
  spans.reserve(entities.size());
  for (const auto& m : entities) {
    ner::EntityType type = ner::MapEntityLabel(m.type).value_or(ner::EntityType::kMisc);
    spans.push_back({type, m.begin, m.end, static_cast<float>(m.confidence)});
  }
  ner::RoleAnalysis found = ner::FindRoles(tokenized, spans);
  for (std::size_t i = 0; i < entities.size(); ++i) {
    Mention& m = entities[i];
    if (found.entities[i].begin == m.begin) continue;
    m.begin = found.entities[i].begin;  // == end: dropped below
    m.text = std::string(text.substr(m.begin, m.end - m.begin));
    m.normalized = text::CollapseWhitespace(m.text);
  }
  const std::size_t entity_count = entities.size();
  std::map<std::size_t, std::vector<std::string>> roles_of;  // PERSON mention -> role texts
  for (auto& r : found.roles) {
    nlohmann::json extra = nlohmann::json::object();
    std::string role_text(text.substr(r.begin, r.end - r.begin));
    if (r.person && *r.person < entity_count) {
      const Mention& person = entities[*r.person];
      extra["person_begin"] = person.begin;
      extra["person_end"] = person.end;
      extra["person"] = person.normalized;
      roles_of[*r.person].push_back(role_text);
    }
    if (!r.org.empty()) extra["org"] = r.org;
    entities.push_back({std::string(kRole), r.begin, r.end, std::move(role_text), std::move(r.normalized),
                        1.0, Dump(extra)});
  }
  for (const auto& [i, roles] : roles_of) {
    nlohmann::json extra = nlohmann::json::parse(entities[i].extra, nullptr, false);
    if (!extra.is_object()) extra = nlohmann::json::object();
    extra["role"] = roles.front();
    if (roles.size() > 1) extra["roles"] = roles;
    entities[i].extra = Dump(extra);
  }
  std::erase_if(entities, [](const Mention& m) { return m.begin >= m.end; });
}

void WarnOnStderr(const std::string& message) {
  std::fprintf(stderr, "leakgraph: warning: %s\n", message.c_str());
}

}  // namespace

std::optional<text::GregorianDate> ParseDocumentDate(std::string_view iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  auto number = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return -1;
      v = v * 10 + (iso[i] - '0');
    }
    return v;
  };
  int y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  return text::GregorianDate{y, m, d};
}

DocumentAnalyser::DocumentAnalyser(AnalyserOptions options) : options_(std::move(options)) {
  if (!options_.model_path)
    options_.model_path = [](std::string_view lang) { return ner::DefaultModelPath(lang); };
  if (!options_.warn) options_.warn = WarnOnStderr;
}

const ner::Recognizer* DocumentAnalyser::RecognizerFor(const std::string& language) const {
  auto it = recognizers_.find(language);
  if (it != recognizers_.end()) return it->second;
  const ner::Recognizer* recognizer =
      ModelCache::Shared().Get(options_.model_path(language), language, options_.warn);
  recognizers_.emplace(language, recognizer);
  return recognizer;
}

void DocumentAnalyser::AddEntities(const text::TokenizedText& tokenized, std::string_view language,
                                   std::vector<Mention>& out) const {
  const std::string_view text = tokenized.text;
  for (const ScriptRun& run : ScriptRuns(tokenized)) {
    if (run.script == Script::kNone) continue;
    std::string_view run_text = text.substr(run.begin, run.end - run.begin);
    std::string lang = run.script == Script::kLatin ? "en" : ArabicScriptLanguage(run_text, language);
    const ner::Recognizer* recognizer = RecognizerFor(lang);
    if (recognizer == nullptr) continue;
    for (const auto& e : recognizer->Recognize(run_text)) {
      std::string_view type = EntityTypeOf(e.type);
      if (type.empty() || e.end <= e.begin || e.end > run_text.size()) continue;
      std::string surface(run_text.substr(e.begin, e.end - e.begin));
      std::string normalized = text::CollapseWhitespace(surface);
      out.push_back({std::string(type), run.begin + e.begin, run.begin + e.end, std::move(surface),
                     std::move(normalized), e.confidence, "{}"});
    }
  }
}

namespace {

// Last words that make a Latin name an organisation's ("Crescent Horizon Trading LLC", "Al-Noor Exchange").
constexpr std::string_view kOrganisationDesignators[] = {
    "llc", "ltd", "inc", "corp", "corporation", "company", "exchange", "bank", "foundation", "trading",
    "holdings", "ministry", "agency", "directorate", "embassy", "movement", "council", "committee",
    "association", "institute", "university", "observer", "brigades", "gmbh", "plc", "sarl"};

bool IsDesignator(std::string_view word) {
  std::string folded = text::FoldWord(word);
  while (!folded.empty() && folded.back() == '.') folded.pop_back();
  for (std::string_view d : kOrganisationDesignators) {
    if (folded == d) return true;
  }
  return false;
}

bool Capitalised(std::string_view word) {
  return !word.empty() && ((word[0] >= 'A' && word[0] <= 'Z') || word == "&");
}

// Latin PERSON/ORG/LOCATION names that end with an organisation designator
// become organisations, and a designator the model tagged alone ("LLC") takes
// in the capitalised words right before it on its line ("Crescent Horizon
// Trading LLC"). The NER often calls an exchange house a place.
void CompleteOrganisationNames(std::string_view text, std::vector<Mention>& mentions) {
  std::size_t previous_end = 0;
  for (Mention& m : mentions) {
    if (m.type != kPerson && m.type != kOrganization && m.type != kLocation) continue;
    if (text::HasArabicScript(m.text)) {
      previous_end = m.end;
      continue;
    }
    std::vector<text::Token> words = text::Tokenize(m.text);
    if (words.empty() || !IsDesignator(words.back().text)) {
      previous_end = m.end;
      continue;
    }
    std::size_t begin = m.begin;
    for (int added = 0; added < 5;) {
      std::size_t space = begin;
      while (space > previous_end && text[space - 1] == ' ') --space;
      if (space == begin || space == previous_end) break;
      std::size_t word_begin = space;
      while (word_begin > previous_end && text[word_begin - 1] != ' ' && text[word_begin - 1] != '\n' &&
             text[word_begin - 1] != '\t') {
        --word_begin;
      }
      std::string_view word = text.substr(word_begin, space - word_begin);
      if (!Capitalised(word) || word.find_first_of(".,;:()\"") != std::string_view::npos) break;
      begin = word_begin;
      ++added;
    }
    if (begin != m.begin) {
      m.begin = begin;
      m.text = std::string(text.substr(m.begin, m.end - m.begin));
      m.normalized = text::CollapseWhitespace(m.text);
      words = text::Tokenize(m.text);
    }
    if (words.size() >= 2) m.type = std::string(kOrganization);
    previous_end = m.end;
  }
}

}  // namespace

std::vector<Mention> DocumentAnalyser::Analyse(std::string_view text, std::string_view language,
                                               std::optional<std::string> document_date) const {
  return AnalyseTokenized(text::TokenizedText(CapAtCharacter(text, kMaxAnalysedBytes)), language,
                          std::move(document_date));
}

std::vector<Mention> DocumentAnalyser::AnalyseTokenized(const text::TokenizedText& tokenized,
                                                        std::string_view language,
                                                        std::optional<std::string> document_date) const {
  std::vector<Mention> mentions;
  const std::string_view text = tokenized.text;
  if (text.empty()) return mentions;
  std::optional<ner::IsoDate> date = document_date ? ParseDocumentDate(*document_date) : std::nullopt;
  AddEntities(tokenized, language, mentions);
  CompleteOrganisationNames(text, mentions);
  RecoverDesignatedOrganisations(text, mentions);
  AddRoles(tokenized, mentions);
  RecoverTitledPersons(text, mentions);
  RecoverRepeatedNames(text, mentions);
  const std::vector<text::ScanToken> lexed = text::LexForScanning(text);  // for dates and money
  AddDates(text, lexed, date, mentions);
  AddMoney(text, lexed, mentions);
  AddIdentifiers(text, mentions);
  std::stable_sort(mentions.begin(), mentions.end(), [](const Mention& a, const Mention& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end < b.end;
    return a.type < b.type;
  });
  return mentions;
}

DocumentAnalyser::DocumentAnalysis DocumentAnalyser::AnalyseDocument(const store::DocumentRecord& doc) const {
  DocumentAnalysis result;
  // Tokenised once for the analysis and the linker (both read the same first kMaxAnalysedBytes).
  const text::TokenizedText tokenized(CapAtCharacter(doc.text, kMaxAnalysedBytes));
  result.mentions = AnalyseTokenized(tokenized, doc.language, doc.date);
  link::AddHeaderParties(doc.metadata, result.mentions);
  result.relations = link::LinkDocument(tokenized, doc.language, result.mentions);
  return result;
}

}  // namespace leakgraph::analyse
