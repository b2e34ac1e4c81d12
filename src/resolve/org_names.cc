#include "resolve/org_names.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "resolve/name_key.h"
#include "text/normalize.h"

namespace leakgraph::resolve {
namespace {

bool StartsWith(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

constexpr std::string_view kArticle = "\u0627\u0644";  // ال
constexpr std::string_view kLam = "\u0644";            // ل
constexpr std::string_view kWaw = "\u0648";            // و
constexpr std::string_view kAlef = "\u0627";           // ا
constexpr std::string_view kYeh = "\u06CC";            // ی (folded yeh)
constexpr std::string_view kHeh = "\u0647";            // ه (folded teh marbuta)

// Letters in a UTF-8 Arabic-script word (two bytes each).
std::size_t Letters(std::string_view w) {
  return w.size() / 2;
}

// A folded Arabic-script word without its conjunction, preposition and article:
// "للتجاره" -> "تجاره", "لاعاده" -> "اعاده", "والمتابعه" -> "متابعه", "النور" -> "نور".
std::string StripArabicPrefixes(std::string w) {
  if (StartsWith(w, kWaw) && StartsWith(std::string_view(w).substr(kWaw.size()), kArticle) && Letters(w) >= 5)
    w.erase(0, kWaw.size());
  if (StartsWith(w, "\u0644\u0644") && Letters(w) >= 4) {
    w = std::string(kArticle) + w.substr(2 * kLam.size());  // لل = لِـ + ال
  } else if (StartsWith(w, kLam) && StartsWith(std::string_view(w).substr(kLam.size()), kAlef) &&
             Letters(w) >= 4) {
    w.erase(0, kLam.size());  // لإعادة: لِـ + إعادة
  }
  if (StartsWith(w, kArticle) && Letters(w) >= 4) w.erase(0, kArticle.size());
  return w;
}

struct Concept {
  std::string_view word;
  std::string_view concept_name;  // empty: a weak concept, ignored when comparing
};

// The glossary: each word as written (English lower case; Arabic and Persian
// in any spelling, folded below) and its concept.
constexpr Concept kGlossary[] = {
    // weak: a firm is named with and without these
    {"company", ""},
    {"co", ""},
    {"llc", ""},
    {"ltd", ""},
    {"inc", ""},
    {"corp", ""},
    {"corporation", ""},
    {"plc", ""},
    {"gmbh", ""},
    {"group", ""},
    {"holding", ""},
    {"holdings", ""},
    {"trading", ""},
    {"شركة", ""},
    {"شرکت", ""},
    {"تجارة", ""},
    {"تجارت", ""},
    {"تجاری", ""},
    {"بازرگانی", ""},
    {"مجموعة", ""},
    {"گروه", ""},
    // strong
    {"exchange", "exchange"},
    {"صرافة", "exchange"},
    {"صرافی", "exchange"},
    {"movement", "movement"},
    {"حركة", "movement"},
    {"جنبش", "movement"},
    {"foundation", "foundation"},
    {"مؤسسة", "foundation"},
    {"بنیاد", "foundation"},
    {"مؤسسه", "foundation"},
    {"directorate", "directorate"},
    {"مديرية", "directorate"},
    {"اداره", "directorate"},
    {"ministry", "ministry"},
    {"وزارة", "ministry"},
    {"وزارت", "ministry"},
    {"security", "security"},
    {"أمن", "security"},
    {"امنیت", "security"},
    {"external", "external"},
    {"خارجي", "external"},
    {"خارجی", "external"},
    {"foreign", "foreign"},
    {"خارجية", "foreign"},
    {"خارجه", "foreign"},
    {"free", "free"},
    {"حرة", "free"},
    {"حر", "free"},
    {"آزاد", "free"},
    {"reconstruction", "reconstruction"},
    {"إعادة", "reconstruction"},
    {"إعمار", "reconstruction"},
    {"بازسازی", "reconstruction"},
    {"national", "national"},
    {"وطني", "national"},
    {"وطنية", "national"},
    {"ملی", "national"},
    {"islamic", "islamic"},
    {"إسلامي", "islamic"},
    {"إسلامية", "islamic"},
    {"اسلامی", "islamic"},
    {"bank", "bank"},
    {"بنك", "bank"},
    {"مصرف", "bank"},
    {"بانک", "bank"},
    {"central", "central"},
    {"مركزي", "central"},
    {"مرکزی", "central"},
    {"council", "council"},
    {"مجلس", "council"},
    {"شورای", "council"},
    {"شورا", "council"},
    {"committee", "committee"},
    {"لجنة", "committee"},
    {"کمیته", "committee"},
    {"party", "party"},
    {"حزب", "party"},
    {"front", "front"},
    {"جبهة", "front"},
    {"جبهه", "front"},
    {"union", "union"},
    {"اتحاد", "union"},
    {"army", "army"},
    {"جيش", "army"},
    {"ارتش", "army"},
    {"intelligence", "intelligence"},
    {"مخابرات", "intelligence"},
    {"استخبارات", "intelligence"},
    {"اطلاعات", "intelligence"},
    {"police", "police"},
    {"شرطة", "police"},
    {"پلیس", "police"},
    {"university", "university"},
    {"جامعة", "university"},
    {"دانشگاه", "university"},
    {"agency", "agency"},
    {"وكالة", "agency"},
    {"خبرگزاری", "agency"},
    {"embassy", "embassy"},
    {"سفارة", "embassy"},
    {"سفارت", "embassy"},
    {"office", "office"},
    {"مكتب", "office"},
    {"دفتر", "office"},
};

// Words that carry nothing: "Ministry of Foreign Affairs", "وزارت امور خارجه".
constexpr std::string_view kEmptyWords[] = {"of",      "the",  "and", "for", "&",
                                            "affairs", "امور", "و",   "في",  "در"};

std::string ArabicGlossaryForm(std::string_view word) {
  return StripArabicPrefixes(text::FoldWord(word));
}

const std::unordered_map<std::string, std::string_view>& Glossary() {
  static const auto* const glossary = [] {
    auto* g = new std::unordered_map<std::string, std::string_view>;
    for (const Concept& c : kGlossary) {
      bool arabic = text::HasArabicScript(c.word);
      g->emplace(arabic ? ArabicGlossaryForm(c.word) : std::string(c.word), c.concept_name);
    }
    return g;
  }();
  return *glossary;
}

const std::unordered_set<std::string>& EmptyWords() {
  static const auto* const words = [] {
    auto* w = new std::unordered_set<std::string>;
    for (std::string_view e : kEmptyWords)
      w->insert(text::HasArabicScript(e) ? text::FoldWord(e) : std::string(e));
    return w;
  }();
  return *words;
}

std::vector<std::string> SplitOnSpaces(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')) ++i;
    std::size_t b = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\n' && s[i] != '\t') ++i;
    if (b < i) out.emplace_back(s.substr(b, i - b));
  }
  return out;
}

// "Varenian" -> "varen", "Kestrian" -> "kestr"; nullopt for other words.
std::optional<std::string> LatinPlaceAdjectiveStem(std::string_view w) {
  for (std::string_view suffix : {"ian", "ese", "ish", "an"}) {
    if (w.size() > suffix.size() + 3 && EndsWith(w, suffix))
      return std::string(w.substr(0, w.size() - suffix.size()));
  }
  return std::nullopt;
}

// "فارینیه" (الفارينية) -> "فارین"; "کستری" -> "کستر"; nullopt for other words.
std::optional<std::string> ArabicPlaceAdjectiveStem(std::string_view w) {
  std::string yeh_heh = std::string(kYeh) + std::string(kHeh);
  if (Letters(w) >= 5 && EndsWith(w, yeh_heh)) return std::string(w.substr(0, w.size() - yeh_heh.size()));
  if (Letters(w) >= 4 && EndsWith(w, kYeh)) return std::string(w.substr(0, w.size() - kYeh.size()));
  return std::nullopt;
}

// Tries to pair every proper word of `a` with one of `b`; `leftovers` words may stay unpaired
// if `may_be_left(side, index)` allows it. Small inputs: exhaustive search.
bool PairUp(const OrgSignature& arabic, const OrgSignature& latin, std::size_t i, std::vector<bool>& used,
            int leftovers, const std::function<bool(std::size_t, std::size_t)>& pairs,
            const std::function<bool(bool, std::size_t)>& may_be_left) {
  if (i == latin.proper.size()) {
    int left = 0;
    for (std::size_t k = 0; k < arabic.proper.size(); ++k) {
      if (used[k]) continue;
      if (!may_be_left(true, k)) return false;
      ++left;
    }
    return left <= leftovers;
  }
  for (std::size_t k = 0; k < arabic.proper.size(); ++k) {
    if (used[k] || !pairs(k, i)) continue;
    used[k] = true;
    bool ok = PairUp(arabic, latin, i + 1, used, leftovers, pairs, may_be_left);
    used[k] = false;
    if (ok) return true;
  }
  return leftovers > 0 && may_be_left(false, i) &&
         PairUp(arabic, latin, i + 1, used, leftovers - 1, pairs, may_be_left);
}

}  // namespace

std::optional<OrgSignature> OrgSignatureOf(std::string_view name) {
  OrgSignature sig;
  sig.arabic = text::HasArabicScript(name);
  const auto& glossary = Glossary();
  const auto& empty = EmptyWords();
  bool any_concept = false;
  std::vector<std::string> words;
  if (sig.arabic) {
    words = SplitOnSpaces(name);
  } else {
    std::string normalized = NormalizeLatinName(name);  // lower case, ASCII, "al-" joined
    for (char& c : normalized) {
      if (c == '\'' || c == ',' || c == '.' || c == '(' || c == ')') c = ' ';
    }
    words = SplitOnSpaces(normalized);
  }
  if (words.empty() || words.size() > 8) return std::nullopt;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string w;
    if (sig.arabic) {
      std::string folded = text::FoldWord(words[i]);
      if (empty.contains(folded)) continue;
      w = StripArabicPrefixes(folded);
    } else {
      w = words[i];
      if (StartsWith(w, "al-") && w.size() > 3) w.erase(0, 3);
      if (empty.contains(w) || w == "s") continue;
    }
    if (w.empty()) continue;
    auto it = glossary.find(w);
    if (it != glossary.end()) {
      any_concept = true;
      if (!it->second.empty()) sig.concepts.emplace_back(it->second);
      continue;
    }
    // Persian ezafe: "وارنیای آزاد" -> "وارنیا".
    if (sig.arabic && i + 1 < words.size() && EndsWith(w, std::string(kAlef) + std::string(kYeh)))
      w.erase(w.size() - kYeh.size());
    bool adjective = sig.arabic
                         ? StartsWith(text::FoldWord(words[i]), kArticle) && ArabicPlaceAdjectiveStem(w)
                         : LatinPlaceAdjectiveStem(w).has_value();
    sig.proper.push_back(std::move(w));
    sig.place_adjective.push_back(adjective);
  }
  if (!any_concept) return std::nullopt;
  std::sort(sig.concepts.begin(), sig.concepts.end());
  sig.concepts.erase(std::unique(sig.concepts.begin(), sig.concepts.end()), sig.concepts.end());
  if (sig.concepts.empty() && sig.proper.size() < 2) return std::nullopt;  // "شركة X": too little to go on
  return sig;
}

bool SameOrganisation(const OrgSignature& arabic, const OrgSignature& latin,
                      const std::function<bool(std::string_view, std::string_view)>& same_word,
                      const std::function<bool(std::string_view)>& is_place_word) {
  if (!arabic.arabic || latin.arabic || arabic.concepts != latin.concepts) return false;
  if (arabic.proper.size() > 6 || latin.proper.size() > 6) return false;
  auto pairs = [&](std::size_t a, std::size_t l) {
    const std::string& aw = arabic.proper[a];
    const std::string& lw = latin.proper[l];
    if (arabic.place_adjective[a] && latin.place_adjective[l]) {
      auto as = ArabicPlaceAdjectiveStem(aw);
      auto ls = LatinPlaceAdjectiveStem(lw);
      if (as && ls && same_word(*as, *ls)) return true;
    }
    return same_word(aw, lw);
  };
  auto may_be_left = [&](bool arabic_side, std::size_t k) {
    const OrgSignature& s = arabic_side ? arabic : latin;
    return s.place_adjective[k] || is_place_word(s.proper[k]);
  };
  std::vector<bool> used(arabic.proper.size(), false);
  return PairUp(arabic, latin, 0, used, 1, pairs, may_be_left);
}

}  // namespace leakgraph::resolve
