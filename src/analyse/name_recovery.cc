#include "analyse/name_recovery.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "text/normalize.h"
#include "text/tokenize.h"

namespace leakgraph::analyse {
namespace {

using store::Mention;

constexpr std::string_view kPersonType = "PERSON";
constexpr std::string_view kOrgType = "ORG";
constexpr std::string_view kLocationType = "LOCATION";
constexpr std::string_view kRoleType = "ROLE";

// Bytes read after a title or a designator to find the name it opens.
constexpr std::size_t kWindowBytes = 240;
// Distinct names of one document searched for again (bounds the work per document).
constexpr std::size_t kMaxRepeatedNames = 64;

bool IsEntityType(std::string_view type) {
  return type == kPersonType || type == kOrgType || type == kLocationType;
}

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The bytes of the text that some mention already covers.
class Coverage {
 public:
  Coverage(std::size_t size, const std::vector<Mention>& mentions) : covered_(size, false) {
    for (const Mention& m : mentions) Mark(m.begin, m.end);
  }
  bool Any(std::size_t begin, std::size_t end) const {
    end = std::min(end, covered_.size());
    for (std::size_t i = begin; i < end; ++i) {
      if (covered_[i]) return true;
    }
    return false;
  }
  void Mark(std::size_t begin, std::size_t end) {
    end = std::min(end, covered_.size());
    for (std::size_t i = begin; i < end; ++i) covered_[i] = true;
  }

 private:
  std::vector<bool> covered_;
};

bool IsWordCodePoint(UChar32 c) {
  if (c < 0) return false;
  if (c == 0x200C || c == 0x200D || c == '_') return true;
  return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

// True when no letter, digit or mark touches `pos` from the left.
bool WordStartsAt(std::string_view text, std::size_t pos) {
  if (pos == 0) return true;
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c = 0;
  U8_PREV(reinterpret_cast<const uint8_t*>(text.data()), 0, i, c);
  return !IsWordCodePoint(c);
}

// True when no letter, digit or mark touches `pos` from the right.
bool WordEndsAt(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return true;
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
  return !IsWordCodePoint(c);
}

// The tokens of `text` from `pos`, over at most kWindowBytes (cut at a character), with offsets into `text`.
std::vector<text::Token> TokensFrom(std::string_view text, std::size_t pos) {
  std::size_t end = std::min(text.size(), pos + kWindowBytes);
  while (end < text.size() && end > pos && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  std::vector<text::Token> tokens = text::Tokenize(text.substr(pos, end - pos));
  for (auto& t : tokens) {
    t.begin += pos;
    t.end += pos;
  }
  // The last token may be cut by the window: never use it.
  if (end < text.size() && !tokens.empty()) tokens.pop_back();
  return tokens;
}

// Only spaces and tabs between `from` and `to`: the same line, no punctuation.
bool OnlySpacesBetween(std::string_view text, std::size_t from, std::size_t to) {
  if (to < from) return false;
  for (std::size_t i = from; i < to; ++i) {
    if (text[i] != ' ' && text[i] != '\t') return false;
  }
  return true;
}

bool IsSpaceByte(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Calls fn(begin, end) for each run of non-space bytes of `text`, less the
// opening punctuation before it ("(", "«", quotes): one pass, so that looking
// for a few dozen words costs one read of the text, not one per word.
template <typename Fn>
void ForEachSpacedWord(std::string_view text, Fn fn) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    while (i < n && IsSpaceByte(text[i])) ++i;
    std::size_t begin = i;
    while (i < n && !IsSpaceByte(text[i])) ++i;
    while (begin < i) {
      char c = text[begin];
      if (c == '(' || c == '[' || c == '"' || c == '\'') {
        ++begin;
      } else if (text.substr(begin, 2) == "\u00AB" || text.substr(begin, 2) == "\u00BB") {
        begin += 2;
      } else {
        break;
      }
    }
    if (begin < i) fn(begin, i);
  }
}

using WordSet = std::unordered_set<std::string>;

WordSet Folded(std::initializer_list<std::string_view> words) {
  WordSet out;
  for (std::string_view w : words) out.insert(text::FoldWord(w));
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The folded word without the Arabic article.
std::string_view WithoutArticle(std::string_view folded) {
  return StartsWith(folded, "ال") && folded.size() > 4 ? folded.substr(4) : folded;
}

// A preposition or conjunction fused to the article: بالسفير، للشركة، والحركة (folded).
bool CliticWithArticle(std::string_view folded) {
  for (std::string_view p : {"بال", "لل", "وال", "فال", "کال"}) {
    if (StartsWith(folded, p) && folded.size() > p.size() + 2) return true;
  }
  return false;
}

// The folded word without one leading clitic (و ب ل ف ک): "بمديرية" -> "مديريه".
std::string_view WithoutClitic(std::string_view folded) {
  for (std::string_view c : {"و", "ب", "ل", "ف", "ک"}) {
    if (StartsWith(folded, c) && folded.size() > c.size() + 4) return folded.substr(c.size());
  }
  return folded;
}

bool IsNisbaAdjective(std::string_view folded) {
  return StartsWith(folded, "ال") && (folded.ends_with("ی") || folded.ends_with("یه"));
}

// A Persian verb form: می‌..., نمی‌... (the joiner is in the raw word).
bool PersianVerbForm(std::string_view raw) {
  return StartsWith(raw, "\u0645\u06CC\u200C") || StartsWith(raw, "\u0646\u0645\u06CC\u200C");
}

const WordSet& ArabicScriptStopWords() {
  static const WordSet words =
      Folded({// Arabic
              "في", "من", "إلى", "الى", "على", "عن", "مع", "و", "أو", "ثم", "أن", "إن", "قد", "هو", "هي",
              "هم", "التي", "الذي", "الذين", "كان", "كانت", "لم", "لن", "ما", "لا", "هذا", "هذه", "ذلك",
              "تلك", "يوم", "عند", "بعد", "قبل", "حتى", "منذ", "ضد", "عبر", "لدى", "إلا", "بين", "حول", "أمس",
              "اليوم", "غدا", "مبلغ", "نحو",
              // Persian
              "در", "به", "از", "با", "که", "را", "یا", "تا", "برای", "این", "آن", "یک", "هر", "است", "بود",
              "شد", "کرد", "نیز", "هم", "همچنین", "دیروز", "امروز", "فردا", "علیه", "پس", "پیش", "روز", "سال",
              "ماه", "توسط", "طبق", "اخیرا", "همراه", "نزد", "می", "نمی", "هیچ", "چند"});
  return words;
}

// Words that head a function and take the organisation after them ("رئيس مديرية"): never a title.
const WordSet& ArabicScriptFunctionWords() {
  static const WordSet words =
      Folded({"رئيس", "رئيسة", "مدير", "مديرة", "عضو", "قائد", "زعيم", "نائب", "معاون", "مسؤول", "مسئول",
              "رئیس", "مدیر", "فرمانده", "دبیر", "سرپرست"});
  return words;
}

// Honorifics: followed by the name itself, never by an adjective of the title.
const WordSet& ArabicScriptHonorifics() {
  static const WordSet words = Folded({"سيد", "سيدة", "آنسة", "شيخ", "دكتور", "أستاذ", "مهندس", "حاج", "آقای",
                                       "آقا", "خانم", "دکتر", "مهندس", "حاجی", "شیخ", "جناب"});
  return words;
}

// Military ranks: nearly always followed by a name, often by the surname alone ("سرتیپ توانایی").
const WordSet& ArabicScriptRanks() {
  static const WordSet words =
      Folded({"لواء", "عميد", "عقيد", "مقدم", "رائد", "نقيب", "ملازم", "فريق", "مشير", "سرتیپ", "سرهنگ",
              "سرلشکر", "سردار", "سرگرد", "سروان", "ستوان", "سپهبد", "ارتشبد"});
  return words;
}

// Offices and occupations: followed by a name, or by a verb in a headline
// ("السفير الكستري يزور ..."), so a one-word name needs more evidence.
const WordSet& ArabicScriptOffices() {
  static const WordSet words = Folded({"سفير", "قنصل", "وزير", "أمير", "سفیر", "کاردار", "وزیر", "صحفي",
                                       "صحفية", "روزنامه‌نگار", "خبرنگار", "محامي", "وکیل"});
  return words;
}

// Every word that can stand right before a person's name.
const WordSet& ArabicScriptTitles() {
  static const WordSet words = [] {
    WordSet w;
    for (const WordSet* set : {&ArabicScriptHonorifics(), &ArabicScriptRanks(), &ArabicScriptOffices()})
      w.insert(set->begin(), set->end());
    return w;
  }();
  return words;
}

// The light verbs of Persian: the word before one is the verb's noun ("پرداخت کرد"), not a name.
const WordSet& PersianLightVerbs() {
  static const WordSet words = Folded({"کرد", "کردند", "کند", "کنند", "کرده", "شد", "شدند", "شود", "داد",
                                       "دادند", "دهد", "نمود", "گرفت", "داشت", "داشتند", "زد"});
  return words;
}

// Words that join the parts of an Arabic name: عبد الله، أبو محمد، بن راشد.
const WordSet& ArabicNameConnectors() {
  static const WordSet words = Folded({"بن", "ابن", "بنت", "أبو", "ابو", "أبي", "عبد", "آل"});
  return words;
}

// Designators that open an organisation's name, and whether its grammar is Arabic's.
struct Designator {
  std::string_view word;
  bool arabic;
};

constexpr Designator kArabicScriptDesignators[] = {
    {"شركة", true},   {"شركه", true},     {"صرافة", true},   {"صرافه", true},  {"حركة", true},
    {"حركه", true},   {"مديرية", true},   {"مديريه", true},  {"وزارة", true},  {"وزاره", true},
    {"مؤسسة", true},  {"جمعية", true},    {"مصرف", true},    {"بنك", true},    {"هيئة", true},
    {"منظمة", true},  {"لجنة", true},     {"مجلس", true},    {"جامعة", true},  {"حزب", true},
    {"جبهة", true},   {"كتائب", true},    {"سرايا", true},   {"وكالة", true},  {"مجموعة", true},
    {"جهاز", true},   {"شرکت", false},    {"صرافی", false},  {"جنبش", false},  {"بنیاد", false},
    {"اداره", false}, {"وزارت", false},   {"سازمان", false}, {"بانک", false},  {"دانشگاه", false},
    {"مؤسسه", false}, {"موسسه", false},   {"کمیته", false},  {"شورای", false}, {"جبهه", false},
    {"ستاد", false},  {"قرارگاه", false}, {"سپاه", false}};

// Honorifics as written before a name, found in the text itself (they are not roles).
constexpr std::string_view kHonorificForms[] = {"السيد", "السيدة", "الآنسة", "الشيخ", "آقای", "خانم", "جناب",
                                                "Mr.",   "Mrs.",   "Ms.",    "Dr.",   "Mr",   "Mrs",  "Ms"};

constexpr std::string_view kEnglishDesignators[] = {
    "Ministry",  "Directorate", "Department", "Embassy", "Consulate", "Bank",       "Council",
    "Committee", "University",  "Institute",  "Agency",  "Office",    "Bureau",     "Federation",
    "Union",     "Association", "Foundation", "Court",   "Academy",   "Commission", "Authority"};

const WordSet& DesignatorWords() {
  static const WordSet words = [] {
    WordSet w;
    for (const auto& d : kArabicScriptDesignators) w.insert(text::FoldWord(d.word));
    for (std::string_view d : kEnglishDesignators) w.insert(text::FoldWord(d));
    for (std::string_view d : {"llc", "ltd", "inc", "corp", "corporation", "company", "exchange", "trading",
                               "holdings", "movement", "observer", "brigades", "gmbh", "plc", "sarl"})
      w.insert(std::string(d));
    return w;
  }();
  return words;
}

bool IsLatinUpper(std::string_view word) {
  if (word.empty()) return false;
  auto c = static_cast<unsigned char>(word[0]);
  if (c >= 'A' && c <= 'Z') return true;
  int32_t i = 0;
  UChar32 cp = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), i, static_cast<int32_t>(word.size()), cp);
  return cp >= 0xC0 && cp < 0x250 && u_isupper(cp);
}

bool HasLowerLetter(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Capitalised words that open a clause, a date or a phrase rather than a name.
const WordSet& EnglishNonNames() {
  static const WordSet words =
      Folded({"The",      "This",     "That",   "These",     "Those",     "He",       "She",       "It",
              "They",     "We",       "I",      "You",       "His",       "Her",      "Its",       "Their",
              "Our",      "My",       "On",     "In",        "At",        "And",      "But",       "Or",
              "For",      "From",     "To",     "Of",        "With",      "By",       "A",         "An",
              "As",       "If",       "When",   "While",     "After",     "Before",   "Since",     "Who",
              "Which",    "Whose",    "Mr",     "Mrs",       "Ms",        "Dr",       "January",   "February",
              "March",    "April",    "May",    "June",      "July",      "August",   "September", "October",
              "November", "December", "Monday", "Tuesday",   "Wednesday", "Thursday", "Friday",    "Saturday",
              "Sunday",   "Last",     "Next",   "Yesterday", "Today",     "Tomorrow"});
  return words;
}

// Lower-case particles inside a Latin name: "Nadia al-Qarawi", "Ludwig van Beethoven".
bool IsLatinNameParticle(std::string_view word) {
  for (std::string_view p : {"al-", "el-", "bin-", "ibn-", "abu-"}) {
    if (StartsWith(word, p) && word.size() > p.size()) return true;
  }
  for (std::string_view p : {"bin", "ibn", "van", "von", "de", "da", "du", "del", "der", "abu"}) {
    if (word == p) return true;
  }
  return false;
}

bool LatinNameWord(std::string_view word) {
  if (IsLatinNameParticle(word))
    return StartsWith(word, "al-") || StartsWith(word, "el-") || word.find('-') != std::string_view::npos;
  return IsLatinUpper(word) && HasLowerLetter(word) && !EnglishNonNames().contains(text::FoldWord(word)) &&
         !DesignatorWords().contains(text::FoldWord(word));
}

Mention MakeMention(std::string_view text, std::string_view type, std::size_t begin, std::size_t end,
                    nlohmann::json extra) {
  std::string surface(text.substr(begin, end - begin));
  std::string normalized = text::CollapseWhitespace(surface);
  return {std::string(type),    begin,      end, std::move(surface), std::move(normalized),
          kRecoveredConfidence, Dump(extra)};
}

// Adds an ORG [begin, end) unless it overlaps a mention that is not a place or
// an organisation lying inside it; those are replaced by the ORG.
void AddOrganisation(std::string_view text, std::size_t begin, std::size_t end,
                     std::vector<Mention>& mentions, Coverage& coverage) {
  if (coverage.Any(begin, end)) {
    for (const Mention& m : mentions) {
      if (m.end <= begin || m.begin >= end) continue;
      bool inside = m.begin >= begin && m.end <= end;
      if (!inside || (m.type != kLocationType && m.type != kOrgType)) return;
    }
    std::erase_if(mentions, [&](const Mention& m) { return m.begin >= begin && m.end <= end; });
  }
  mentions.push_back(MakeMention(text, kOrgType, begin, end, {{"recovered", "designator"}}));
  coverage.Mark(begin, end);
}

// Whether token i of `tokens` cannot be a word of an Arabic-script name: not
// a word, on another line or after punctuation, a word another mention
// (in `blocking`) holds, a function word, a title, a designator, a verb.
bool EndsArabicScriptName(std::string_view text, const std::vector<text::Token>& tokens, std::size_t i,
                          std::size_t previous_end, const Coverage& blocking) {
  if (i >= tokens.size()) return true;
  const text::Token& t = tokens[i];
  if (t.kind != text::TokenKind::kWord || !text::HasArabicScript(t.text) ||
      !OnlySpacesBetween(text, previous_end, t.begin) || blocking.Any(t.begin, t.end) ||
      PersianVerbForm(t.text))
    return true;
  std::string folded = text::FoldWord(t.text);
  std::string bare(WithoutArticle(folded));
  std::string unclitic(WithoutClitic(folded));
  return ArabicScriptStopWords().contains(folded) || CliticWithArticle(folded) ||
         ArabicScriptTitles().contains(bare) || ArabicScriptFunctionWords().contains(bare) ||
         DesignatorWords().contains(folded) || DesignatorWords().contains(unclitic) ||
         ArabicScriptTitles().contains(unclitic) || ArabicScriptFunctionWords().contains(unclitic);
}

// Of the words tokens[first, first + count), the longest run that a boundary
// closes (EndsArabicScriptName of the word after it), down to one word: a name
// running into the words of the sentence ("سرتیپ توانایی دوستی نزدیک دارد")
// is cut to its first word. Returns the number of words kept.
std::size_t ClosedWords(std::string_view text, const std::vector<text::Token>& tokens, std::size_t first,
                        std::size_t count, const Coverage& blocking) {
  // The word that ends a sentence is its verb in Persian's word order ("رضا کمالوند رسید."), a boundary too.
  auto verb_at_end = [&](std::size_t i) {
    return i + 1 < tokens.size() && tokens[i].kind == text::TokenKind::kWord &&
           (tokens[i + 1].text == "." || tokens[i + 1].text == "!" || tokens[i + 1].text == "؟" ||
            tokens[i + 1].text == "?");
  };
  while (count > 1 &&
         !EndsArabicScriptName(text, tokens, first + count, tokens[first + count - 1].end, blocking) &&
         !verb_at_end(first + count))
    --count;
  // "به صرافی النور پرداخت کرد": the noun of a light verb is not a word of the name.
  std::size_t next = first + count;
  if (count > 1 && next < tokens.size() && PersianLightVerbs().contains(text::FoldWord(tokens[next].text)))
    --count;
  return count;
}

// "صرافة النور", "حركة فارينيا الحرة", "شركة أفق الهلال للتجارة", "مؤسسة أرجان لإعادة الإعمار",
// "لجنة الرصد والمتابعة"; Persian "بنیاد بازسازی ارژن", "شرکت افق هلال". tokens[0] is the
// designator. Returns the end of the name, or nullopt.
std::optional<std::size_t> ArabicScriptOrganisationEnd(std::string_view text,
                                                       const std::vector<text::Token>& tokens, bool arabic,
                                                       const Coverage& blocking) {
  const std::size_t max_words = arabic ? 4 : 3;
  std::size_t words = 0;
  bool after_complement = false;
  for (std::size_t i = 1; i < tokens.size() && words < max_words; ++i) {
    std::string folded = text::FoldWord(tokens[i].text);
    // Arabic coordinates inside a name with the article ("الرصد والمتابعة") and
    // adds a complement ("للتجارة", "لإعادة"): words that end a person's name.
    bool coordinated = arabic && i > 1 && StartsWith(folded, "وال") && folded.size() > 8;
    bool complement =
        arabic && i > 1 && (StartsWith(folded, "لل") || (StartsWith(folded, "لا") && folded.size() > 6));
    if (coordinated || complement ? tokens[i].kind != text::TokenKind::kWord ||
                                        !OnlySpacesBetween(text, tokens[i - 1].end, tokens[i].begin) ||
                                        blocking.Any(tokens[i].begin, tokens[i].end)
                                  : EndsArabicScriptName(text, tokens, i, tokens[i - 1].end, blocking))
      break;
    if (arabic && i > 1) {
      // After the first word, the name goes on with definite words ("الحرة"), or
      // with a complement and the one definite word after it.
      bool definite = StartsWith(folded, "ال") || coordinated;
      if (after_complement) {
        if (definite) ++words;
        break;
      }
      if (complement) {
        after_complement = true;
      } else if (!definite) {
        break;
      }
    }
    ++words;
  }
  if (words == 0) return std::nullopt;
  // Arabic's grammar marks where its names end; a Persian one must be closed.
  if (!arabic) words = ClosedWords(text, tokens, 1, words, blocking);
  return tokens[words].end;
}

void RecoverArabicScriptOrganisations(std::string_view text, std::vector<Mention>& mentions,
                                      Coverage& coverage) {
  static const auto* const kByWord = [] {
    auto* by_word = new std::unordered_map<std::string_view, bool>;
    for (const Designator& d : kArabicScriptDesignators) by_word->emplace(d.word, d.arabic);
    return by_word;
  }();
  // Words the model typed as places or organisations may be inside the name;
  // anything else (a person, a role) ends it.
  std::optional<Coverage> blocking;
  ForEachSpacedWord(text, [&](std::size_t pos, std::size_t after) {
    if (after - pos < 6 || after - pos > 16 || static_cast<unsigned char>(text[pos]) < 0xD8) return;
    auto it = kByWord->find(text.substr(pos, after - pos));
    if (it == kByWord->end() || after >= text.size() || text[after] != ' ' || coverage.Any(pos, after))
      return;
    std::vector<text::Token> tokens = TokensFrom(text, pos);
    if (tokens.size() < 2 || tokens[0].end != after) return;
    if (!blocking) {
      blocking.emplace(text.size(), std::vector<Mention>{});
      for (const Mention& m : mentions) {
        if (m.type != kLocationType && m.type != kOrgType) blocking->Mark(m.begin, m.end);
      }
    }
    std::optional<std::size_t> end = ArabicScriptOrganisationEnd(text, tokens, it->second, *blocking);
    if (end) AddOrganisation(text, pos, *end, mentions, coverage);
  });
}

// "Directorate of External Security", "Varenian Ministry of Foreign Affairs",
// "Ministry of Oil and Gas".
void RecoverEnglishOrganisations(std::string_view text, std::vector<Mention>& mentions, Coverage& coverage) {
  static const std::unordered_set<std::string_view> kDesignators(std::begin(kEnglishDesignators),
                                                                 std::end(kEnglishDesignators));
  ForEachSpacedWord(text, [&](std::size_t pos, std::size_t word_end) {
    if (text[pos] < 'A' || text[pos] > 'Z' || !kDesignators.contains(text.substr(pos, word_end - pos)) ||
        text.substr(word_end, 4) != " of " || !WordStartsAt(text, pos) || coverage.Any(pos, word_end))
      return;
    std::vector<text::Token> tokens = TokensFrom(text, pos);
    // tokens: Designator, of, [the], Capitalised (and|&|for Capitalised)*
    std::size_t i = 2;
    if (i < tokens.size() && (tokens[i].text == "the" || tokens[i].text == "The")) ++i;
    std::optional<std::size_t> end;
    for (std::size_t words = 0; i < tokens.size() && words < 6; ++i) {
      const text::Token& t = tokens[i];
      if (!OnlySpacesBetween(text, tokens[i - 1].end, t.begin)) break;
      bool joiner = t.text == "and" || t.text == "&" || t.text == "for";
      if (joiner && end && i + 1 < tokens.size() && IsLatinUpper(tokens[i + 1].text)) continue;
      if (t.kind != text::TokenKind::kWord || !IsLatinUpper(t.text) || !HasLowerLetter(t.text) ||
          EnglishNonNames().contains(text::FoldWord(t.text)))
        break;
      end = t.end;
      ++words;
    }
    if (!end) return;
    // Capitalised words right before, on the same line: "Varenian Ministry ...".
    std::size_t begin = pos;
    for (int added = 0; added < 2; ++added) {
      std::size_t space = begin;
      while (space > 0 && text[space - 1] == ' ') --space;
      if (space == begin || space == 0) break;
      std::size_t word_begin = space;
      while (word_begin > 0 && text[word_begin - 1] != ' ' && text[word_begin - 1] != '\n' &&
             text[word_begin - 1] != '\t')
        --word_begin;
      std::string_view word = text.substr(word_begin, space - word_begin);
      if (!IsLatinUpper(word) || !HasLowerLetter(word) ||
          word.find_first_of(".,;:()\"'") != std::string_view::npos ||
          word.find("\u2019") != std::string_view::npos || EnglishNonNames().contains(text::FoldWord(word)) ||
          coverage.Any(word_begin, space))
        break;
      begin = word_begin;
    }
    AddOrganisation(text, begin, *end, mentions, coverage);
  });
}

std::optional<std::size_t> EnglishNameEnd(std::string_view text, const std::vector<text::Token>& tokens,
                                          std::size_t role_end, const Coverage& coverage) {
  std::optional<std::size_t> end;
  std::size_t previous_end = role_end;
  for (std::size_t i = 0, words = 0; i < tokens.size() && words < 4; ++i) {
    const text::Token& t = tokens[i];
    if (t.kind != text::TokenKind::kWord || !OnlySpacesBetween(text, previous_end, t.begin) ||
        coverage.Any(t.begin, t.end))
      break;
    std::string folded = text::FoldWord(t.text);
    if (DesignatorWords().contains(folded)) return std::nullopt;  // an organisation, not a person
    if (!LatinNameWord(t.text)) {
      // A bare particle joins two name words only: "Osama bin Laden".
      if (IsLatinNameParticle(t.text) && end && i + 1 < tokens.size() && IsLatinUpper(tokens[i + 1].text)) {
        previous_end = t.end;
        continue;
      }
      break;
    }
    end = t.end;
    previous_end = t.end;
    ++words;
  }
  return end;
}

// The name after an Arabic-script title: [begin, end), or nullopt. After a
// rank or an office, one adjective of the title is passed over ("السفير
// الكستري رضا كمالوند"); an honorific is followed by the name itself. Two
// words (three with a connector: "عبد الله", "بن راشد") when a boundary
// closes them, else one.
struct NameSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t words = 0;
};

std::optional<NameSpan> ArabicScriptName(std::string_view text, const std::vector<text::Token>& tokens,
                                         std::size_t role_end, bool honorific, const Coverage& coverage) {
  std::size_t first = 0;
  if (EndsArabicScriptName(text, tokens, 0, role_end, coverage)) return std::nullopt;
  if (!honorific && IsNisbaAdjective(text::FoldWord(tokens[0].text))) {
    first = 1;
    if (EndsArabicScriptName(text, tokens, 1, tokens[0].end, coverage)) return std::nullopt;
  }
  std::size_t max_words = 2, words = 0;
  for (std::size_t i = first; words < max_words; ++i) {
    if (words > 0 && EndsArabicScriptName(text, tokens, i, tokens[i - 1].end, coverage)) break;
    if (ArabicNameConnectors().contains(text::FoldWord(tokens[i].text))) max_words = 3;
    ++words;
  }
  words = ClosedWords(text, tokens, first, words, coverage);
  return NameSpan{tokens[first].begin, tokens[first + words - 1].end, words};
}

// A Latin line written in title case ("Deputy Minister Meets Kestrian Envoy
// In Dubai") marks no names by capitals: most of its small common words are
// capitalised too.
bool InTitleCaseLine(std::string_view text, std::size_t pos) {
  static const WordSet kCommon = {"in",  "on",   "at",      "with",  "for",  "from",  "to",
                                  "and", "of",   "the",     "by",    "over", "after", "amid",
                                  "as",  "into", "against", "about", "says", "said",  "meets",
                                  "met", "is",   "was",     "are",   "a",    "an"};
  std::size_t begin = pos, end = pos;
  while (begin > 0 && pos - begin < 300 && text[begin - 1] != '\n') --begin;
  while (end < text.size() && end - pos < 300 && text[end] != '\n') ++end;
  std::size_t common = 0, capitalised = 0;
  bool first = true;
  for (const text::Token& t : text::Tokenize(text.substr(begin, end - begin))) {
    if (t.kind != text::TokenKind::kWord) continue;
    bool opening = first;  // the first word of the line is capitalised anyway
    first = false;
    if (opening || !kCommon.contains(text::FoldWord(t.text))) continue;
    ++common;
    if (IsLatinUpper(t.text)) ++capitalised;
  }
  return common > 0 && capitalised * 2 > common;
}

}  // namespace

void RecoverDesignatedOrganisations(std::string_view text, std::vector<Mention>& mentions) {
  Coverage coverage(text.size(), mentions);
  if (text::HasArabicScript(text)) RecoverArabicScriptOrganisations(text, mentions, coverage);
  RecoverEnglishOrganisations(text, mentions, coverage);
}

void RecoverTitledPersons(std::string_view text, std::vector<Mention>& mentions) {
  Coverage coverage(text.size(), mentions);
  // The words of the people the model found: a one-word name after an office must be one of them.
  WordSet person_words;
  for (const Mention& m : mentions) {
    if (m.type != kPersonType) continue;
    for (const text::Token& w : text::Tokenize(m.text)) person_words.insert(text::FoldWord(w.text));
  }
  auto name_after = [&](std::size_t from, std::string_view title_text,
                        bool with_org) -> std::optional<NameSpan> {
    std::vector<text::Token> tokens = TokensFrom(text, from);
    if (tokens.empty()) return std::nullopt;
    if (!text::HasArabicScript(title_text)) {
      if (InTitleCaseLine(text, from)) return std::nullopt;
      auto end = EnglishNameEnd(text, tokens, from, coverage);
      if (!end) return std::nullopt;
      return NameSpan{tokens[0].begin, *end, 1};
    }
    bool title = false, honorific = false, rank = false;
    for (const text::Token& w : text::Tokenize(title_text)) {
      std::string bare(WithoutArticle(text::FoldWord(w.text)));
      title = title || ArabicScriptTitles().contains(bare);
      honorific = honorific || ArabicScriptHonorifics().contains(bare);
      rank = rank || ArabicScriptRanks().contains(bare);
    }
    if (!title && !with_org) return std::nullopt;
    auto name = ArabicScriptName(text, tokens, from, honorific, coverage);
    if (name && name->words == 1 && !honorific && !rank &&
        !person_words.contains(text::FoldWord(text.substr(name->begin, name->end - name->begin))))
      return std::nullopt;
    return name;
  };
  const std::size_t count = mentions.size();
  for (std::size_t r = 0; r < count; ++r) {
    if (mentions[r].type != kRoleType) continue;
    nlohmann::json role_extra = nlohmann::json::parse(mentions[r].extra, nullptr, false);
    if (!role_extra.is_object()) role_extra = nlohmann::json::object();
    if (role_extra.contains("person") || mentions[r].end >= text.size()) continue;
    // "زعيمة حركة فارينيا الحرة نادية القراوي": a role with its organisation, then the name.
    const bool with_org = role_extra.contains("org") && role_extra["org"].is_string() &&
                          !role_extra["org"].get<std::string>().empty();
    auto name = name_after(mentions[r].end, mentions[r].text, with_org);
    if (!name || name->end <= name->begin) continue;
    Mention person = MakeMention(text, kPersonType, name->begin, name->end,
                                 {{"recovered", "title"}, {"role", mentions[r].text}});
    role_extra["person_begin"] = person.begin;
    role_extra["person_end"] = person.end;
    role_extra["person"] = person.normalized;
    mentions[r].extra = Dump(role_extra);
    coverage.Mark(person.begin, person.end);
    mentions.push_back(std::move(person));
  }
  // Honorifics are not roles: "السيدة نادية القراوي", "آقای شاهری", "Mrs. Voss".
  static const std::unordered_set<std::string_view> kHonorifics(std::begin(kHonorificForms),
                                                                std::end(kHonorificForms));
  ForEachSpacedWord(text, [&](std::size_t pos, std::size_t after) {
    std::string_view honorific = text.substr(pos, after - pos);
    if (!kHonorifics.contains(honorific) || after >= text.size() || text[after] != ' ' ||
        !WordStartsAt(text, pos) || coverage.Any(pos, after))
      return;
    auto name = name_after(after, honorific, false);
    if (!name || name->end <= name->begin) return;
    mentions.push_back(MakeMention(text, kPersonType, name->begin, name->end, {{"recovered", "title"}}));
    coverage.Mark(name->begin, name->end);
  });
}

void RecoverRepeatedNames(std::string_view text, std::vector<Mention>& mentions) {
  // Each name of two words or more, with the count of each type it was given.
  std::map<std::string, std::map<std::string, int>> types_of;
  for (const Mention& m : mentions) {
    if (!IsEntityType(m.type) || m.text.find(' ') == std::string::npos ||
        m.text.find('\n') != std::string::npos)
      continue;
    if (types_of.size() >= kMaxRepeatedNames && !types_of.contains(m.text)) continue;
    ++types_of[m.text][m.type];
  }
  if (types_of.empty()) return;
  // The names by their first word (as spaced in the text), longest first, with the type most mentions give.
  struct Name {
    std::string_view surface;
    std::string type;
  };
  std::unordered_map<std::string_view, std::vector<Name>> by_first_word;
  for (const auto& [surface, counts] : types_of) {
    std::string type = std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
                         return a.second < b.second;
                       })->first;
    std::string_view view(surface);
    by_first_word[view.substr(0, view.find(' '))].push_back({view, std::move(type)});
  }
  for (auto& [word, names] : by_first_word) {
    std::stable_sort(names.begin(), names.end(),
                     [](const Name& a, const Name& b) { return a.surface.size() > b.surface.size(); });
  }
  Coverage coverage(text.size(), mentions);
  std::vector<Mention> found;
  ForEachSpacedWord(text, [&](std::size_t pos, std::size_t word_end) {
    auto it = by_first_word.find(text.substr(pos, word_end - pos));
    if (it == by_first_word.end() || !WordStartsAt(text, pos)) return;
    for (const Name& name : it->second) {
      const std::size_t end = pos + name.surface.size();
      if (text.substr(pos, name.surface.size()) != name.surface || !WordEndsAt(text, end) ||
          coverage.Any(pos, end))
        continue;
      found.push_back(MakeMention(text, name.type, pos, end, {{"recovered", "repeat"}}));
      coverage.Mark(pos, end);
      break;
    }
  });
  for (Mention& m : found) mentions.push_back(std::move(m));
}

}  // namespace leakgraph::analyse
