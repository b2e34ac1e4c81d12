#include "ner/roles.h"

#include <algorithm>
#include <map>
#include <set>

#include "text/normalize.h"
#include "text/tokenize.h"

namespace leakgraph::ner {

namespace {

// Role heads, as written; a leading '?' marks a word that is a role only
// sometimes (it must be attached, modified or given an organisation).
// Arabic and Persian entries are folded and lose their article like the text.
// clang-format off
constexpr std::string_view kHeads[] = {
    // English
    "minister", "prime minister", "fm", "ambassador", "envoy", "consul", "consul general", "attache",
    "attaché", "?general", "brigadier", "brigadier general", "major general", "lieutenant general",
    "colonel", "lieutenant colonel", "?major", "captain", "commander", "commandant", "director",
    "director general", "managing director", "?head", "?chief", "station chief", "chief of station",
    "head of station", "chief of staff", "chairman", "chairwoman", "?chair", "president", "vice president",
    "spokesman", "spokeswoman", "spokesperson", "officer", "?agent", "governor", "mayor", "secretary",
    "first secretary", "second secretary", "third secretary", "secretary general", "secretary of state",
    "undersecretary", "advisor", "adviser", "counsellor", "counselor", "board member", "member of the board",
    "?member", "trustee", "ceo", "cfo", "chief executive", "chief executive officer",
    "chief financial officer", "treasurer", "founder", "co-founder", "?owner", "leader", "reporter",
    "journalist", "correspondent", "editor", "manager", "general manager", "senator", "accountant",
    // Arabic
    "وزير", "وزيرة", "وزير الخارجية", "وزير الداخلية", "وزير الدفاع", "وزير المالية", "وزير العدل",
    "سفير", "سفيرة", "قنصل", "رئيس", "رئيسة", "رئيس الوزراء", "رئيس الجمهورية", "رئيس الأركان",
    "رئيس مجلس الإدارة", "رئيس محطة", "مدير", "مديرة", "المدير العام", "مدير عام", "قائد", "قائدة",
    "?لواء", "عقيد", "?عميد", "?مقدم", "?رائد", "?نقيب", "مستشار", "مستشارة", "المتحدث باسم",
    "المتحدثة باسم", "الناطق باسم", "الناطقة باسم", "أمين الصندوق", "أمينة الصندوق", "أمين صندوق",
    "أمينة صندوق", "الأمين العام", "?ملحق", "سكرتير", "سكرتير أول", "محافظ", "رئيس البلدية", "ضابط",
    "?عميل", "مراسل", "مراسلة", "صحفي", "صحفية", "عضو مجلس الإدارة", "?مؤسس", "زعيم", "زعيمة",
    // Persian
    "وزیر", "وزیر خارجه", "وزیر امور خارجه", "وزیر کشور", "وزیر دفاع", "وزیر اطلاعات", "سفیر",
    "کنسول", "رئیس", "رئیس ستاد", "رئیس ستاد کل", "رئیس ایستگاه", "رئیس جمهور", "رئیس‌جمهور",
    "مدیر", "مدیرعامل", "مدیر عامل", "مدیر کل", "مدیرکل", "فرمانده", "سردار", "سرتیپ", "سرهنگ",
    "سرلشکر", "?سرگرد", "مشاور", "سخنگو", "سخنگوی", "نخست وزیر", "نخست‌وزیر", "عضو هیئت مدیره",
    "عضو هیأت مدیره", "عضو هیئت امنای", "عضو هیئت امنا", "خزانه‌دار", "خزانه دار", "رایزن",
    "دبیر اول", "دبیرکل", "?دبیر", "?وابسته", "استاندار", "شهردار", "مأمور", "مامور", "افسر", "رهبر",
    "بنیان‌گذار", "بنیانگذار", "مؤسس", "خبرنگار", "روزنامه‌نگار", "?مالک",
};

// Words that may precede a head and belong to the role: "deputy foreign minister", نائب وزير.
constexpr std::string_view kModifiers[] = {
    "deputy", "vice", "assistant", "acting", "senior", "junior", "former", "foreign", "interior",
    "defence", "defense", "finance", "justice", "trade", "economy", "oil", "health", "intelligence",
    "managing", "executive", "chief", "station", "case", "police", "army", "military", "regional",
    "نائب", "مساعد", "وكيل", "معاون", "دستیار",
};
// clang-format on

// Words between a person and a role that state the role is theirs.
const std::set<std::string, std::less<>> kCopulaWords = {
    "is",     "was",     "are",    "were",    "has",      "have",  "had",       "been",
    "be",     "being",   "serves", "served",  "serving",  "as",    "appointed", "named",
    "became", "becomes", "become", "remains", "remained", "now",   "also",      "currently",
    "still",  "who",     "works",  "worked",  "acts",     "acted", ",",         "،"};
const std::set<std::string, std::less<>> kCopulaVerbs = {
    "is", "was",       "are",   "were",   "been",    "serves", "served",  "serving",
    "as", "appointed", "named", "became", "becomes", "become", "remains", "remained"};
// Arabic "he/she is", "as"; Persian "as" (به عنوان), "to the post of" (به سمت). Folded.
const std::set<std::string, std::less<>> kArabicScriptCopulas = {"هو", "وهو",   "هی",     "وهی",
                                                                 "به", "عنوان", "بعنوان", "سمت"};
// Persian "is/was/became" closing a clause (folded).
const std::set<std::string, std::less<>> kPersianCopulas = {"است",   "بود", "هست",   "هستند",
                                                            "بودند", "شد",  "میباشد"};
// "in his/her capacity as": the role belongs to the nearest person before it.
const std::set<std::string, std::less<>> kCapacityWords = {"بصفته", "بصفتها", "بوصفه", "بوصفها"};
const std::set<std::string, std::less<>> kDeterminers = {"the", "a",   "an",    "his",
                                                         "her", "its", "their", "our"};
const std::set<std::string, std::less<>> kHonorifics = {"mr",  "mr.",  "mrs",  "mrs.",  "ms",
                                                        "ms.", "dr",   "dr.",  "السید", "السیده",
                                                        "سید", "سیده", "اقای", "خانم",  "جناب"};
const std::set<std::string, std::less<>> kComplementLinks = {"of", "for", "at"};
const std::set<std::string, std::less<>> kOrgConnectors = {"of", "and", "for", "the", "&", "'s", "’s"};

// Words of a PERSON span before a title in it that become part of the role: "Kestrian Ambassador ...".
constexpr size_t kMaxTitlePrefix = 2;

constexpr std::string_view kArabicArticle = "\xD8\xA7\xD9\x84";  // ال

bool IsArabicWord(std::string_view folded) {
  return text::HasArabicScript(folded);
}

// Has the Arabic article, maybe after a one-letter proclitic: السفير, بالسفير, للسفير.
bool Definite(std::string_view folded) {
  return folded.starts_with(kArabicArticle) ||
         (folded.size() > 2 && folded.substr(2).starts_with(kArabicArticle)) ||
         folded.starts_with("\xD9\x84\xD9\x84");
}

// Folded word without the Arabic article, when something is left after it.
std::string LexiconKey(std::string folded) {
  if (folded.size() > kArabicArticle.size() + 2 && folded.starts_with(kArabicArticle))
    folded.erase(0, kArabicArticle.size());
  return folded;
}

struct HeadEntry {
  std::vector<std::string> keys;
  bool ambiguous = false;
};

struct Lexicon {
  std::map<std::string, std::vector<HeadEntry>, std::less<>> heads;  // by first key, longest first
  std::set<std::string, std::less<>> modifiers;
};

std::vector<std::string> Keys(std::string_view phrase) {
  std::vector<std::string> keys;
  for (const auto& t : text::Tokenize(phrase)) keys.push_back(LexiconKey(text::FoldWord(t.text)));
  return keys;
}

const Lexicon& SharedLexicon() {
  static const Lexicon* lexicon = [] {
    auto* l = new Lexicon();
    for (std::string_view head : kHeads) {
      HeadEntry e;
      e.ambiguous = head.starts_with('?');
      e.keys = Keys(e.ambiguous ? head.substr(1) : head);
      if (!e.keys.empty()) l->heads[e.keys[0]].push_back(std::move(e));
    }
    for (auto& [first, entries] : l->heads) {
      std::stable_sort(entries.begin(), entries.end(),
                       [](const HeadEntry& a, const HeadEntry& b) { return a.keys.size() > b.keys.size(); });
    }
    for (std::string_view m : kModifiers) {
      for (auto& k : Keys(m)) l->modifiers.insert(std::move(k));
    }
    return l;
  }();
  return *lexicon;
}

struct Tok {
  const text::Token* token = nullptr;
  std::string folded;
  std::string key;          // LexiconKey(folded)
  std::string bare;         // key without a one-letter proclitic (و ف ب ل ک), Arabic script only
  size_t clitic_bytes = 0;  // bytes of that proclitic at the start of the token's text
  bool word = false;
  bool arabic = false;
  bool capitalised = false;  // Latin word starting with A-Z
  int entity = -1;           // index into the entities, or -1
};

Tok MakeTok(const text::Token& t) {
  Tok k;
  k.token = &t;
  k.folded = text::FoldWord(t.text);
  k.key = LexiconKey(k.folded);
  k.word = t.kind == text::TokenKind::kWord;
  k.arabic = k.word && IsArabicWord(k.folded);
  k.capitalised = k.word && !t.text.empty() && t.text[0] >= 'A' && t.text[0] <= 'Z';
  if (k.arabic && k.folded.size() >= 8) {
    static constexpr std::string_view kClitics[] = {"\xD9\x88", "\xD9\x81", "\xD8\xA8", "\xD9\x84",
                                                    "\xDA\xA9"};
    for (std::string_view c : kClitics) {
      if (!k.folded.starts_with(c)) continue;
      k.bare = LexiconKey(k.folded.substr(c.size()));
      if (t.text.starts_with(c)) k.clitic_bytes = c.size();
      break;
    }
    if (k.folded.starts_with("\xD9\x84\xD9\x84")) {  // لل = ل + ال
      k.bare = k.folded.substr(4);
      k.clitic_bytes = 0;
    }
  }
  return k;
}

// A role found in one sentence, in token indices.
struct Candidate {
  size_t begin = 0;        // first token (after the left modifiers)
  size_t title_end = 0;    // one past the title's last token
  size_t end = 0;          // one past the organisation's last token, or title_end
  size_t begin_byte = 0;   // after a proclitic
  bool qualified = false;  // has a modifier or an organisation
  bool ambiguous = false;
  bool clitic = false;  // the role word carries a proclitic (بالسفير): not an apposition
  std::string org;
  std::optional<size_t> person;
};

class SentenceRoles {
 public:
  SentenceRoles(std::string_view text, std::vector<Tok>& toks, size_t begin, size_t end,
                std::vector<EntitySpan>& entities)
      : text_(text), toks_(toks), begin_(begin), end_(end), entities_(entities) {}

  std::vector<Candidate> Find() {
    std::vector<Candidate> roles;
    for (size_t i = begin_; i < end_; ++i) {
      auto c = MatchAt(i);
      if (!c) continue;
      i = c->end - 1;
      floor_ = c->end;
      roles.push_back(std::move(*c));
    }
    for (auto& r : roles) {
      if (!r.person) r.person = PersonAfter(r);
    }
    for (auto& r : roles) {
      if (!r.person) r.person = PersonBefore(r);
    }
    for (auto& r : roles) {
      if (!r.person) r.person = PersonInApposition(r);
    }
    std::erase_if(roles, [](const Candidate& r) { return r.ambiguous && !r.qualified && !r.person; });
    return roles;
  }

 private:
  bool InType(size_t i, EntityType type) const {
    return toks_[i].entity >= 0 && entities_[toks_[i].entity].type == type;
  }
  bool InOrgOrPlace(size_t i) const {
    return InType(i, EntityType::kOrganization) || InType(i, EntityType::kLocation);
  }
  bool Punct(size_t i, std::string_view p) const { return i < end_ && toks_[i].token->text == p; }
  bool Comma(size_t i) const { return Punct(i, ",") || Punct(i, "\xD8\x8C"); }
  // First and one-past-last token of the entity token i belongs to.
  std::pair<size_t, size_t> EntityTokens(size_t i) const {
    size_t b = i, e = i + 1;
    while (b > begin_ && toks_[b - 1].entity == toks_[i].entity) --b;
    while (e < end_ && toks_[e].entity == toks_[i].entity) ++e;
    return {b, e};
  }
  std::optional<size_t> PersonStartingAt(size_t i) const {
    if (i >= end_ || !InType(i, EntityType::kPerson) || EntityTokens(i).first != i) return std::nullopt;
    return static_cast<size_t>(toks_[i].entity);
  }
  std::optional<size_t> PersonEndingAt(size_t i) const {  // i is the person's last token
    if (i < begin_ || i >= end_ || !InType(i, EntityType::kPerson) || EntityTokens(i).second != i + 1)
      return std::nullopt;
    return static_cast<size_t>(toks_[i].entity);
  }

  // The longest head at token i: one past its last token, and whether it is ambiguous.
  std::optional<std::pair<size_t, bool>> HeadAt(size_t i, bool* clitic) const {
    const Lexicon& lex = SharedLexicon();
    for (bool bare : {false, true}) {
      const std::string& first = bare ? toks_[i].bare : toks_[i].key;
      if (first.empty()) continue;
      auto it = lex.heads.find(first);
      if (it == lex.heads.end()) continue;
      for (const HeadEntry& e : it->second) {
        size_t n = e.keys.size();
        if (i + n > end_) continue;
        bool match = true;
        for (size_t k = 1; k < n && match; ++k) match = toks_[i + k].key == e.keys[k];
        if (!match) continue;
        *clitic = bare;
        return std::make_pair(i + n, e.ambiguous);
      }
    }
    return std::nullopt;
  }

  std::optional<Candidate> MatchAt(size_t i) {
    if (!toks_[i].word || InOrgOrPlace(i)) return std::nullopt;
    bool clitic = false;
    auto head = HeadAt(i, &clitic);
    if (!head) return std::nullopt;
    Candidate c;
    c.ambiguous = head->second;
    c.clitic = clitic;
    c.title_end = head->first;
    for (size_t k = i; k < c.title_end; ++k) {
      if (InOrgOrPlace(k)) return std::nullopt;
    }
    c.begin = i;
    const auto& modifiers = SharedLexicon().modifiers;
    while (!clitic && c.begin > begin_ && toks_[c.begin - 1].word && !InOrgOrPlace(c.begin - 1) &&
           modifiers.count(toks_[c.begin - 1].key) && c.begin > floor_) {
      --c.begin;
    }
    c.begin_byte = toks_[c.begin].token->begin + (c.begin == i && clitic ? toks_[i].clitic_bytes : 0);
    c.qualified = c.begin < i;
    if (toks_[i].arabic) ExtendOverAdjectives(c);
    c.end = c.title_end;
    // Titles the NER put inside a PERSON span: "Deputy Foreign Minister Adnan
    // al-Shaheri", "Kestrian Ambassador Reza Kamalvand"; a span that is only a
    // title ("Deputy minister") is no person at all.
    for (size_t k = c.begin; k < c.title_end; ++k) {
      if (!InType(k, EntityType::kPerson)) continue;
      auto [pb, pe] = EntityTokens(k);
      const size_t person_index = static_cast<size_t>(toks_[k].entity);
      size_t name = c.title_end;
      while (name < pe && !toks_[name].word) ++name;
      bool title_only = name >= pe && pb >= c.begin;
      if (!title_only && (name >= pe || pb + kMaxTitlePrefix < c.begin))
        return std::nullopt;  // a word of a name
      if (pb < c.begin) {
        c.begin = pb;
        c.begin_byte = toks_[pb].token->begin;
        c.qualified = true;
      }
      EntitySpan& person = entities_[person_index];
      for (size_t t = pb; t < std::min(name, pe); ++t) toks_[t].entity = -1;
      if (title_only) {
        person.begin = person.end;
        break;
      }
      person.begin = toks_[name].token->begin;
      c.person = person_index;
      return c;
    }
    ExtendOverOrganisation(c);
    return c;
  }

  // Arabic adjectives that agree with a definite head: السفير الكستري.
  void ExtendOverAdjectives(Candidate& c) const {
    static constexpr std::string_view kYeh = "\xDB\x8C";  // ی after folding
    for (int n = 0; n < 2 && c.title_end < end_; ++n) {
      const Tok& t = toks_[c.title_end];
      if (!t.arabic || t.entity >= 0 || !t.folded.starts_with(kArabicArticle) || !t.folded.ends_with(kYeh) ||
          t.key == t.folded)
        break;
      ++c.title_end;
    }
  }

  // "director of Crescent Horizon Trading LLC", رئیس ایستگاه تل حریر.
  void ExtendOverOrganisation(Candidate& c) {
    size_t k = c.title_end;
    // An Arabic idafa needs an indefinite head: رئيس مديرية..., not السفير وزارة...
    if (toks_[c.begin].arabic && Definite(toks_[k - 1].folded)) return;
    if (!toks_[c.begin].arabic) {
      if (k >= end_ || !kComplementLinks.count(toks_[k].folded)) return;
      ++k;
      if (k < end_ && toks_[k].folded == "the") ++k;
    }
    size_t first = k, last = k;  // [first, last) the organisation's tokens
    while (k < end_) {
      if (InOrgOrPlace(k)) {
        k = last = EntityTokens(k).second;
      } else if (!toks_[c.begin].arabic && toks_[k].capitalised && toks_[k].entity < 0) {
        last = ++k;
      } else if (last > first && !toks_[c.begin].arabic && kOrgConnectors.count(toks_[k].folded)) {
        ++k;
      } else {
        break;
      }
      if (toks_[c.begin].arabic) break;  // one entity in an idafa
    }
    if (last == first) return;
    // "first secretary at the Kestrian embassy": a nationality names no organisation by itself.
    if (toks_[last - 1].entity < 0 && toks_[last - 1].folded.ends_with("ian")) return;
    c.end = last;
    c.qualified = true;
    size_t b = toks_[first].token->begin, e = toks_[last - 1].token->end;
    c.org = text::CollapseWhitespace(text_.substr(b, e - b));
  }

  bool Possessor(const Candidate& r) const {
    return r.end < end_ && (toks_[r.end].folded == "'s" || toks_[r.end].folded == "’s");
  }

  // ROLE PERSON: "Kestrian Ambassador Reza Kamalvand", "Colonel Dr. X".
  std::optional<size_t> PersonAfter(const Candidate& r) const {
    size_t k = r.end;
    while (k < end_ && (kHonorifics.count(toks_[k].folded) || Punct(k, "."))) ++k;
    return PersonStartingAt(k);
  }

  // PERSON, ROLE / PERSON (ROLE) / PERSON is ROLE / PERSON ROLE (Arabic script).
  std::optional<size_t> PersonBefore(const Candidate& r) const {
    if (Possessor(r) || r.begin == begin_) return std::nullopt;
    size_t k = r.begin - 1;
    if (kCapacityWords.count(toks_[k].folded)) {
      for (size_t p = k; p > begin_; --p) {
        if (auto person = PersonEndingAt(p - 1)) return person;
      }
      return std::nullopt;
    }
    if (toks_[r.begin].arabic && !r.clitic && ClauseEndsAfter(r)) {
      if (auto person = PersonEndingAt(k)) return person;
    }
    size_t gap = 0;
    while (k > begin_ && gap < 6 && IsGap(k)) --k, ++gap;
    if (Comma(k) || (Punct(k, "(") && Punct(r.end, ")"))) {
      if (k > begin_) {
        if (auto person = PersonEndingAt(k - 1)) return person;
      }
    }
    bool verb = false;
    while (k > begin_ && (kCopulaWords.count(toks_[k].folded) || ArabicScriptCopula(k))) {
      verb = verb || kCopulaVerbs.count(toks_[k].folded) || ArabicScriptCopula(k);
      --k;
    }
    // "Shaheri, 58, has served as": an age between the name and the verb.
    if (verb && k > begin_ + 1 && toks_[k].token->kind == text::TokenKind::kNumber && Comma(k - 1)) k -= 2;
    if (verb && Punct(k, ")")) {  // "Golestaneh (Shireen Golestana in visa records) is the treasurer"
      size_t open = k;
      while (open > begin_ && k - open < 20 && !Punct(open, "(")) --open;
      if (Punct(open, "(") && open > begin_) k = open - 1;
    }
    if (verb) return PersonEndingAt(k);
    return std::nullopt;
  }

  // True iff token k says "is" or "as" in Arabic or Persian: هو, بصفته, به عنوان, به سمت
  // (but not به alone, "to").
  bool ArabicScriptCopula(size_t k) const {
    const std::string& w = toks_[k].folded;
    if (w == "\xD8\xA8\xD9\x87")  // به
      return k + 1 < end_ && kArabicScriptCopulas.count(toks_[k + 1].folded) && toks_[k + 1].folded != w;
    return kArabicScriptCopulas.count(w) > 0;
  }

  // True iff the role ends its clause: at punctuation, the sentence's end or a
  // Persian copula. "اللواء كوروش توانائي رئيس المديرية." is an apposition;
  // in "التقى الشاهري رئيس الوزراء في دبي" the role is the object of the verb.
  bool ClauseEndsAfter(const Candidate& r) const {
    if (r.end >= end_) return true;
    const Tok& t = toks_[r.end];
    return t.token->kind == text::TokenKind::kPunctuation || kPersianCopulas.count(t.folded);
  }

  // Words that may stand between a person's comma and the role: "the Norland", "the foundation's".
  bool IsGap(size_t k) const {
    const Tok& t = toks_[k];
    if (InType(k, EntityType::kPerson)) return false;
    if (kDeterminers.count(t.folded) || t.folded == "'s" || t.folded == "’s" || InOrgOrPlace(k)) return true;
    if (t.capitalised) return true;
    return t.word && !t.arabic && k + 1 < end_ &&
           (toks_[k + 1].folded == "'s" || toks_[k + 1].folded == "’s");
  }

  // ROLE, PERSON, : "the ambassador, Reza Kamalvand, said".
  std::optional<size_t> PersonInApposition(const Candidate& r) const {
    if (Possessor(r) || !Comma(r.end)) return std::nullopt;
    auto person = PersonStartingAt(r.end + 1);
    if (!person) return std::nullopt;
    size_t after = EntityTokens(r.end + 1).second;
    if (after >= end_ || Comma(after) || Punct(after, ".") || Punct(after, ")") || Punct(after, ";"))
      return person;
    return std::nullopt;
  }

  std::string_view text_;
  std::vector<Tok>& toks_;
  size_t begin_, end_;
  std::vector<EntitySpan>& entities_;
  size_t floor_ = 0;  // modifiers do not reach back into the previous role
};

}  // namespace

RoleAnalysis FindRoles(std::string_view text, const std::vector<EntitySpan>& entities) {
  return FindRoles(text::TokenizedText(text), entities);
}

RoleAnalysis FindRoles(const text::TokenizedText& tokenized, const std::vector<EntitySpan>& entities) {
  RoleAnalysis out;
  out.entities = entities;
  const std::string_view text = tokenized.text;
  const std::vector<text::Token>& tokens = tokenized.tokens;
  std::vector<Tok> toks;
  toks.reserve(tokens.size());
  for (const auto& t : tokens) toks.push_back(MakeTok(t));
  for (size_t e = 0; e < entities.size(); ++e) {
    const EntitySpan& span = entities[e];
    if (span.type == EntityType::kMisc || span.end <= span.begin) continue;
    auto first = std::lower_bound(tokens.begin(), tokens.end(), span.begin,
                                  [](const text::Token& t, size_t b) { return t.begin < b; });
    for (auto it = first; it != tokens.end() && it->end <= span.end; ++it) {
      Tok& k = toks[static_cast<size_t>(it - tokens.begin())];
      if (k.entity < 0) k.entity = static_cast<int>(e);
    }
  }
  for (const auto& s : tokenized.sentences) {
    SentenceRoles sentence(text, toks, s.begin_token, s.end_token, out.entities);
    for (auto& c : sentence.Find()) {
      RoleMention m;
      m.begin = c.begin_byte;
      m.end = tokens[c.end - 1].end;
      size_t title_end = tokens[c.title_end - 1].end;
      m.normalized = text::CollapseWhitespace(text::FoldForSearch(text.substr(m.begin, title_end - m.begin)));
      m.org = std::move(c.org);
      m.person = c.person;
      out.roles.push_back(std::move(m));
    }
  }
  return out;
}

}  // namespace leakgraph::ner
