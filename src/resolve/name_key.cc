#include "resolve/name_key.h"

#include <array>
#include <vector>

#include "resolve/latin_ascii.h"
#include "text/normalize.h"

namespace leakgraph::resolve {

namespace {

constexpr std::array<std::string_view, 58> kLatinHonorifics = {
    "mr",           "mrs",    "ms",         "miss",      "dr",       "doctor",       "prof",
    "professor",    "sir",    "general",    "gen",       "colonel",  "col",          "lt",
    "lieutenant",   "major",  "maj",        "brigadier", "brig",     "captain",      "capt",
    "admiral",      "sheikh", "shaikh",     "sheik",     "shaykh",   "cheikh",       "haji",
    "hajji",        "hajj",   "hadji",      "sayyid",    "sayed",    "sayyed",       "seyed",
    "seyyed",       "syed",   "sayid",      "ayatollah", "grand",    "hojatoleslam", "hojjatoleslam",
    "hojatolislam", "mullah", "mulla",      "imam",      "minister", "president",    "prime",
    "deputy",       "judge",  "ambassador", "mufti",     "eng",      "engineer",     "prince",
    "sergeant",     "sgt"};

// Arabic and Persian titles, written as FoldForSearch leaves them.
constexpr std::array<std::string_view, 17> kArabicHonorifics = {
    "الشیخ", "شیخ",    "السید", "سید",     "الحاج", "حاج",  "اللواء", "لواء", "العمید",
    "عمید",  "العقید", "عقید",  "الدکتور", "دکتر",  "آقای", "الرئیس", "رئیس"};
// Two-word titles: Ayatollah (آیت الله, آية الله), Hojatoleslam (حجت الاسلام).
constexpr std::array<std::string_view, 3> kTitleHeads = {"ایت", "ایه", "حجت"};
constexpr std::array<std::string_view, 2> kTitleTails = {"الله", "الاسلام"};

// Spellings of the article when written before a hyphen ("ad-Din").
constexpr std::array<std::string_view, 24> kHyphenArticles = {
    "al", "el", "ul", "il", "ad",  "adh", "as", "at", "ath", "ash", "az", "an",
    "ar", "ud", "ut", "us", "ush", "ur",  "un", "uz", "ed",  "es",  "et", "er"};
// Spellings of the article that stand alone as a word ("Abd al Rahman").
constexpr std::array<std::string_view, 4> kWordArticles = {"al", "el", "ul", "il"};
// One-word spellings of abd + article ("Abdelrahman", "Abdur Rahman").
constexpr std::array<std::string_view, 12> kAbdPrefixes = {"abdoul", "abdel", "abdul", "abdal",
                                                           "abdol",  "abdur", "abder", "abdus",
                                                           "abdes",  "abdun", "abden", "abdil"};

template <size_t N>
bool IsOneOf(std::string_view w, const std::array<std::string_view, N>& list) {
  for (std::string_view x : list)
    if (w == x) return true;
  return false;
}

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// A word of the name with whether a hyphen followed it.
struct Part {
  std::string text;
  bool hyphen_after = false;
};

std::vector<Part> SplitParts(std::string_view ascii) {
  std::vector<Part> parts;
  std::string cur;
  auto flush = [&](bool hyphen) {
    if (!cur.empty()) parts.push_back({cur, hyphen});
    cur.clear();
  };
  for (char c : ascii) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      cur += c;
    } else if (c == '\'' || c == '`') {
      continue;  // ayn and hamza marks: "a'tham" is "atham"
    } else {
      flush(c == '-');
    }
  }
  flush(false);
  return parts;
}

// Returns the suffix of `w` after an "abdel"-style prefix, or "" if none.
std::string_view AbdRemainder(std::string_view w) {
  for (std::string_view p : kAbdPrefixes)
    if (w.size() >= p.size() + 3 && w.substr(0, p.size()) == p) return w.substr(p.size());
  return {};
}

// The name after "abd-al-": Abdullah and Abd Allah both end in "allah".
std::string AbdName(std::string_view rest) {
  if (rest == "lah" || rest == "llah" || rest == "ullah" || rest == "ollah") return "allah";
  return std::string(rest);
}

// The words of a normalised name: titles dropped, "al-" and "abd-al-" joined
// to the word they precede.
std::vector<std::string> NormalizedWords(std::string_view name) {
  std::vector<Part> parts = SplitParts(LatinToAsciiLower(name));
  std::vector<Part> kept;
  for (size_t i = 0; i < parts.size(); ++i) {
    // Titles go only while a name remains after them.
    if (IsOneOf(parts[i].text, kLatinHonorifics) && i + 1 < parts.size()) continue;
    kept.push_back(parts[i]);
  }
  std::vector<std::string> words;
  std::string prefix;  // "al-" or "abd-al-" waiting for its word
  for (size_t i = 0; i < kept.size(); ++i) {
    const Part& p = kept[i];
    const bool last = i + 1 == kept.size();
    if (!last && (p.text == "abd" || p.text == "abdu")) {
      prefix = "abd-al-";
      continue;
    }
    const bool article =
        !last && ((p.hyphen_after && IsOneOf(p.text, kHyphenArticles)) || IsOneOf(p.text, kWordArticles));
    if (article) {
      if (prefix.empty()) prefix = "al-";
      continue;  // "abd al-" keeps its single article
    }
    if (!last && IsOneOf(p.text, kAbdPrefixes)) {
      prefix = "abd-al-";
      continue;
    }
    std::string_view rest = AbdRemainder(p.text);
    if (!rest.empty() && prefix.empty()) {
      words.push_back("abd-al-" + AbdName(rest));
      continue;
    }
    words.push_back(prefix + (prefix == "abd-al-" ? AbdName(p.text) : p.text));
    prefix.clear();
  }
  return words;
}

}  // namespace

std::string NormalizeLatinName(std::string_view name) {
  std::string out;
  for (const std::string& w : NormalizedWords(name)) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

std::string ConsonantSkeleton(std::string_view word) {
  std::string w(word);
  // A final h after a vowel is not written in Arabic (Fatimah, Fatima).
  if (w.size() > 2 && w.back() == 'h' && IsVowel(w[w.size() - 2])) w.pop_back();
  std::string mapped;
  for (size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    const char n = i + 1 < w.size() ? w[i + 1] : '\0';
    auto two = [&](char out) {
      mapped += out;
      ++i;
    };
    if (c == 'g' && n == 'h')
      two('k');
    else if (c == 'k' && n == 'h')
      two('x');
    else if ((c == 's' || c == 'c') && n == 'h')
      two('S');
    else if (c == 'p' && n == 'h')
      two('f');
    else if ((c == 't' || c == 'd') && n == 'h')
      two(c);
    else if (c == 'z' && n == 'h')
      two('j');
    else if (c == 'd' && n == 'j')
      two('j');
    else if (c == 'c' && n == 'k')
      two('k');
    else if (c == 'q' || c == 'c')
      mapped += 'k';
    else if (c == 'v')
      mapped += 'w';
    else if (c == 'x')
      mapped += "ks";
    else if (IsVowel(c))
      mapped += (i == 0 && c != 'y') ? 'A' : (i == 0 ? 'y' : 'V');
    else
      mapped += c;
  }
  std::string out;
  for (char c : mapped) {
    if (c == 'V') continue;  // vowels other than the first letter carry no weight
    if (!out.empty() && out.back() == c) continue;
    out += c == 'A' ? 'a' : c;
  }
  return out;
}

std::string LatinNameKey(std::string_view name) {
  std::string out;
  for (const std::string& w : NormalizedWords(name)) {
    std::string_view word = w;
    std::string prefix;
    if (word.substr(0, 7) == "abd-al-") {
      prefix = "abd-al-";
      word.remove_prefix(7);
    } else if (word.substr(0, 3) == "al-") {
      word.remove_prefix(3);  // al-Qasim and Qasim are one key
    }
    if (!out.empty()) out += ' ';
    out += prefix + ConsonantSkeleton(word);
  }
  return out;
}

std::string ArabicNameKey(std::string_view name) {
  static const std::vector<std::string> kTitles = [] {
    std::vector<std::string> v;
    for (std::string_view t : kArabicHonorifics) v.push_back(text::FoldWord(t));
    return v;
  }();
  const std::string folded = text::CollapseWhitespace(text::FoldForSearch(name));
  std::vector<std::string> words;
  size_t start = 0;
  while (start <= folded.size()) {
    size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start) words.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  const std::string kArticle = "\xD8\xA7\xD9\x84";  // ال
  const std::string kAllah = text::FoldWord("الله");
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string w = words[i];
    bool title = false;
    for (const std::string& t : kTitles) title = title || w == t;
    if (title && i + 1 < words.size()) continue;
    if (i + 2 < words.size() && IsOneOf(w, kTitleHeads) && IsOneOf(words[i + 1], kTitleTails)) {
      ++i;  // the second word of the title
      continue;
    }
    // Two more letters (4 bytes in Arabic script) must remain after ال.
    if (w.size() >= kArticle.size() + 4 && w.compare(0, kArticle.size(), kArticle) == 0 && w != kAllah)
      w.erase(0, kArticle.size());
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

std::string NameKey(std::string_view name) {
  return text::HasArabicScript(name) ? ArabicNameKey(name) : LatinNameKey(name);
}

}  // namespace leakgraph::resolve
