#include "resolve/name_rules.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

#include "text/normalize.h"

namespace leakgraph::resolve {

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  auto space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  while (i < s.size()) {
    while (i < s.size() && space(s[i])) ++i;
    std::size_t j = i;
    while (j < s.size() && !space(s[j])) ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string ScriptOf(std::string_view name) {
  if (!text::HasArabicScript(name)) return "latin";
  for (std::string_view persian : {"پ", "چ", "ژ", "گ", "ک", "ی"})
    if (name.find(persian) != std::string_view::npos) return "persian";
  return "arabic";
}

bool IsAcronym(std::string_view text) {
  int letters = 0;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z')
      ++letters;
    else if (c != '.')
      return false;
  }
  return letters >= 2 && letters <= 6;
}

std::string Initials(std::string_view name) {
  static const char* const kSkip[] = {"of", "the", "and", "for", "de", "al", "in", "on"};
  std::string out;
  for (const std::string& w : SplitWords(name)) {
    std::string lower;
    for (char ch : w) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (std::find_if(std::begin(kSkip), std::end(kSkip), [&](const char* s) { return lower == s; }) !=
        std::end(kSkip))
      continue;
    if (std::isalpha(static_cast<unsigned char>(w[0])))
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
  }
  return out;
}

std::string BuiltinAlias(std::string_view name) {
  static const std::map<std::string, std::string> kAliases = [] {
    std::map<std::string, std::string> m;
    const std::vector<std::pair<std::string, std::vector<std::string>>> table = {
        {"uae",
         {"uae", "u.a.e.", "united arab emirates", "the united arab emirates", "emirates", "الإمارات",
          "الإمارات العربية المتحدة", "امارات", "امارات متحده عربی"}},
        {"us",
         {"us", "u.s.", "usa", "u.s.a.", "united states", "the united states", "united states of america",
          "america", "الولايات المتحدة", "الولايات المتحدة الأمريكية", "أمريكا", "آمریکا", "امریکا",
          "ایالات متحده"}},
        {"uk",
         {"uk", "u.k.", "united kingdom", "the united kingdom", "britain", "great britain", "المملكة المتحدة",
          "بريطانيا", "بریتانیا", "انگلیس"}},
        {"un",
         {"un", "u.n.", "united nations", "the united nations", "الأمم المتحدة", "سازمان ملل",
          "سازمان ملل متحد"}},
        {"iaea",
         {"iaea", "international atomic energy agency", "the international atomic energy agency",
          "الوكالة الدولية للطاقة الذرية", "آژانس بین‌المللی انرژی اتمی", "آژانس"}},
        {"eu", {"eu", "european union", "the european union", "الاتحاد الأوروبي", "اتحادیه اروپا"}},
        {"nato", {"nato", "north atlantic treaty organization", "حلف الناتو", "الناتو", "ناتو"}},
    };
    for (const auto& [key, names] : table)
      for (const std::string& n : names) m[text::HasArabicScript(n) ? text::FoldForSearch(n) : n] = key;
    return m;
  }();
  std::string probe;
  if (text::HasArabicScript(name)) {
    probe = text::FoldForSearch(name);
  } else {
    for (char c : text::CollapseWhitespace(name))
      probe += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  auto it = kAliases.find(probe);
  return it == kAliases.end() ? "" : it->second;
}

bool SaysFamily(std::string_view between) {
  if (between.find(". ") != std::string_view::npos || between.find('\n') != std::string_view::npos)
    return false;
  std::string lower;
  for (char c : between) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view w : {"son", "father", "brother", "daughter", "mother", "sister", "nephew", "cousin",
                             "uncle", "wife", "husband"}) {
    for (std::size_t at = lower.find(w); at != std::string::npos; at = lower.find(w, at + 1)) {
      bool left = at == 0 || !std::isalpha(static_cast<unsigned char>(lower[at - 1]));
      std::size_t e = at + w.size();
      bool right =
          e >= lower.size() || !std::isalpha(static_cast<unsigned char>(lower[e])) || lower[e] == 's';
      if (left && right) return true;
    }
  }
  static const std::vector<std::string> kKin = [] {  // folded once
    std::vector<std::string> words;
    for (std::string_view w : {"ابن", "ابنه", "نجل", "والد", "شقيق", "أخو", "شقيقة", "ابنة", "زوجة", "زوج",
                               "پسر", "پدر", "برادر", "فرزند", "دختر", "همسر", "خواهر"})
      words.push_back(text::FoldForSearch(w));
    return words;
  }();
  for (const std::string& token : SplitWords(text::FoldForSearch(between)))
    if (std::find(kKin.begin(), kKin.end(), token) != kKin.end()) return true;
  return false;
}

namespace {
// text::FoldForSearch of a lexicon word, computed once.
const std::string& Folded(std::string_view word) {
  static std::map<std::string_view, std::string> cache;
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(word);
  if (it == cache.end()) it = cache.emplace(word, text::FoldForSearch(word)).first;
  return it->second;
}
}  // namespace

std::string RoleGroup(std::string_view role) {
  struct Group {
    const char* name;
    std::vector<std::string_view> latin;   // whole lower-case words
    std::vector<std::string_view> arabic;  // whole words, folded for search
  };
  static const std::vector<Group> kGroups = {
      {"military",
       {"general", "gen.", "gen", "colonel", "col.", "col", "brigadier", "lieutenant", "captain", "admiral",
        "commander", "sergeant", "major-general"},
       {"اللواء", "لواء", "العقيد", "عقيد", "العميد", "عميد", "الفريق", "النقيب", "سرتیپ", "سرهنگ", "سرلشکر",
        "سردار", "سرگرد", "سروان", "ارتشبد", "سپهبد"}},
      {"diplomat",
       {"ambassador", "envoy", "consul", "diplomat", "attache"},
       {"السفير", "سفير", "سفیر", "القنصل", "قنصل", "کاردار", "دیپلمات", "الدبلوماسي"}},
      {"journalist",
       {"journalist", "reporter", "correspondent", "editor"},
       {"الصحفي", "صحفي", "الصحفية", "صحفية", "الصحافي", "صحافي", "مراسل", "روزنامه‌نگار",
        "خبرنگار"}},
  };
  std::string lower;
  for (char c : role) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::vector<std::string> latin_words = SplitWords(lower);
  std::vector<std::string> arabic_words;
  if (text::HasArabicScript(role)) arabic_words = SplitWords(text::FoldForSearch(role));
  for (const Group& g : kGroups) {
    for (const std::string& w : latin_words) {
      std::string_view bare = w;
      while (!bare.empty() && (bare.back() == ',' || bare.back() == ';' || bare.back() == ':'))
        bare.remove_suffix(1);
      for (std::string_view k : g.latin)
        if (bare == k) return g.name;
    }
    for (const std::string& w : arabic_words)
      for (std::string_view k : g.arabic)
        if (w == Folded(k)) return g.name;
  }
  return "";
}

}  // namespace leakgraph::resolve
