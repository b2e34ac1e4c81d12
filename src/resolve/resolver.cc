#include "resolve/resolver.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "resolve/name_key.h"
#include "resolve/org_names.h"
#include "text/normalize.h"

namespace leakgraph::resolve {

namespace {

// Calls work(i) for every i in [0, n), on this thread and on one more per
// further core (at most 4 in all). Each thread first calls make_work() for its
// own callable (its own caches). The callers write only to slot i of their
// output, and merge the slots in index order afterwards, so the result is the
// same whatever the number of threads.
template <typename MakeWork>
void ForEachIndex(std::size_t n, MakeWork make_work) {
  constexpr std::size_t kChunk = 16;
  const std::size_t threads = std::min<std::size_t>(
      {4, std::max(1u, std::thread::hardware_concurrency()), (n + kChunk - 1) / kChunk});
  std::atomic<std::size_t> next{0};
  auto run = [&] {
    auto work = make_work();
    for (;;) {
      const std::size_t from = next.fetch_add(kChunk);
      if (from >= n) break;
      for (std::size_t i = from; i < std::min(n, from + kChunk); ++i) work(i);
    }
  };
  std::vector<std::thread> helpers;
  for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(run);
  run();
  for (std::thread& h : helpers) h.join();
}

std::string Join(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

// The first code point of `word` as UTF-8 bytes.
std::string FirstLetter(std::string_view word) {
  if (word.empty()) return "";
  unsigned char c = static_cast<unsigned char>(word[0]);
  std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return std::string(word.substr(0, std::min(n, word.size())));
}

// Letters that may be written for one another at the start of a name: the
// given-name and surname guards treat them as one.
std::string LetterClass(std::string_view word) {
  std::string f = FirstLetter(word);
  static const std::map<std::string, std::string> kClasses = {
      {"a", "a"}, {"e", "a"}, {"i", "a"}, {"o", "a"}, {"u", "a"}, {"k", "k"}, {"q", "k"}, {"g", "k"},
      {"c", "k"}, {"w", "v"}, {"v", "v"}, {"z", "z"}, {"d", "d"}, {"t", "t"}, {"ا", "ا"}, {"أ", "ا"},
      {"إ", "ا"}, {"آ", "ا"}, {"ع", "ا"}, {"ء", "ا"}, {"ئ", "ا"}, {"ك", "ك"}, {"ک", "ك"}, {"ق", "ك"},
      {"گ", "ك"}, {"غ", "ك"}, {"ي", "ي"}, {"ی", "ي"}, {"ى", "ي"}, {"ه", "ه"}, {"ة", "ه"}, {"ح", "ه"}};
  auto it = kClasses.find(f);
  return it == kClasses.end() ? f : it->second;
}

// Possible Latin first letters of a name starting with an Arabic-script letter.
std::string_view LatinStarts(std::string_view arabic_letter) {
  static const std::map<std::string, std::string, std::less<>> kStarts = {
      {"ا", "aeiou"},  {"أ", "aeiou"}, {"إ", "aeiou"}, {"آ", "aeiou"}, {"ع", "aeiou"}, {"ء", "aeiou"},
      {"ئ", "aeiouy"}, {"ي", "yie"},   {"ی", "yie"},   {"و", "wvuo"},  {"ب", "bp"},    {"پ", "p"},
      {"ت", "t"},      {"ط", "t"},     {"ث", "ts"},    {"ج", "jgd"},   {"چ", "c"},     {"ح", "h"},
      {"ه", "h"},      {"خ", "khx"},   {"د", "d"},     {"ض", "dz"},    {"ذ", "zdt"},   {"ز", "z"},
      {"ظ", "zd"},     {"ر", "r"},     {"ژ", "jz"},    {"س", "s"},     {"ص", "s"},     {"ش", "s"},
      {"غ", "g"},      {"ف", "fv"},    {"ق", "qkg"},   {"ك", "kcg"},   {"ک", "kcg"},   {"گ", "g"},
      {"ل", "l"},      {"م", "m"},     {"ن", "n"}};
  auto it = kStarts.find(arabic_letter);
  return it == kStarts.end() ? std::string_view() : std::string_view(it->second);
}

constexpr std::string_view kOrgSuffixes[] = {"llc", "ltd", "inc", "co", "corp", "plc", "gmbh", "sa"};

bool IsInitialWord(std::string_view w) {
  if (w.empty()) return false;
  std::string f = FirstLetter(w);
  std::string_view rest = w.substr(f.size());
  return rest.empty() || rest == ".";
}

// What the rules need to know of one mention.
struct Prepared {
  std::string key;                 // blocking key (type-specific)
  std::vector<std::string> words;  // words of the key
  std::string model_form;          // the name as the transliteration model should see it
  bool arabic = false;
  bool short_form = false;               // PERSON: one word, or initial + surname
  std::string initial;                   // initial + surname: the initial's letter class
  std::vector<std::string> role_groups;  // RoleGroup of each of its roles, sorted, no duplicates
};

std::vector<std::string> RoleGroups(std::string_view roles) {
  std::vector<std::string> out;
  for (std::size_t from = 0; from <= roles.size();) {
    std::size_t semi = roles.find(';', from);
    if (semi == std::string_view::npos) semi = roles.size();
    std::string g = RoleGroup(roles.substr(from, semi - from));
    if (!g.empty() && std::find(out.begin(), out.end(), g) == out.end()) out.push_back(g);
    from = semi + 1;
  }
  std::sort(out.begin(), out.end());
  return out;
}

Prepared Prepare(const ResolverMention& m) {
  Prepared p;
  p.arabic = text::HasArabicScript(m.text);
  if (!m.role.empty()) p.role_groups = RoleGroups(m.role);
  if (m.type == "ORG" && IsAcronym(m.text)) {
    std::string letters;
    for (char c : m.text)
      if (c != '.') letters += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    p.key = "#" + letters;
    p.words = {p.key};
    return p;
  }
  if (std::string alias = BuiltinAlias(m.text); !alias.empty()) {
    p.key = "=" + alias;
    p.words = {p.key};
    return p;
  }
  std::vector<std::string> raw = SplitWords(text::CollapseWhitespace(m.text));
  if (m.type == "PERSON" && raw.size() == 2 && IsInitialWord(raw[0])) {
    p.short_form = true;
    p.initial = LetterClass(
        p.arabic ? raw[0]
                 : std::string(1, static_cast<char>(std::tolower(static_cast<unsigned char>(raw[0][0])))));
    p.key = NameKey(raw[1]);
    p.words = SplitWords(p.key);
    return p;
  }
  if (p.arabic) {
    p.key = ArabicNameKey(m.text);
    p.model_form = p.key;
  } else {
    std::string normalized = NormalizeLatinName(m.text);
    std::vector<std::string> words = SplitWords(normalized);
    if (m.type == "ORG") {
      while (!words.empty() && std::find(std::begin(kOrgSuffixes), std::end(kOrgSuffixes), words.back()) !=
                                   std::end(kOrgSuffixes))
        words.pop_back();
      if (!words.empty() && words.front() == "the") words.erase(words.begin());
    }
    std::string form;
    for (const std::string& w : words) {
      std::string_view v = w;
      if (v.starts_with("al-") && v.size() > 3) v.remove_prefix(3);
      if (!form.empty()) form += ' ';
      form += v;
    }
    p.model_form = form;
    p.key = LatinNameKey(Join(words, 0, words.size()));
  }
  p.words = SplitWords(p.key);
  p.short_form = m.type == "PERSON" && p.words.size() == 1;
  return p;
}

// Union-find over mentions with the guards' state per root.
class Clusters {
 public:
  explicit Clusters(std::size_t n)
      : parent_(n), size_(n, 1), givens_(n), surnames_(n), roles_(n), apart_(n), reason_(n), score_(n, 1.0) {
    std::iota(parent_.begin(), parent_.end(), 0);
  }

  std::size_t Find(std::size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }

  // Records the given-name and surname classes of a full name.
  void AddFullName(std::size_t i, const std::string& given, const std::string& surname, bool arabic) {
    givens_[i].push_back((arabic ? "A" : "L") + given);
    surnames_[i].push_back((arabic ? "A" : "L") + surname);
  }
  // Records the occupation groups of a mention's roles (sorted).
  void AddRoles(std::size_t i, const std::vector<std::string>& groups) { roles_[i] = groups; }
  // True iff the cluster of `i` holds a full person name.
  bool HasFullName(std::size_t i) { return !givens_[Find(i)].empty(); }
  const std::vector<std::string>& Roles(std::size_t i) { return roles_[Find(i)]; }
  // True iff a join of the clusters of `a` and `b` would pass the guards.
  bool MayJoin(std::size_t a, std::size_t b) {
    std::size_t ra = Find(a), rb = Find(b);
    return ra == rb || !Conflict(ra, rb);
  }
  // True iff the family guard keeps the clusters of `a` and `b` apart.
  bool Kin(std::size_t a, std::size_t b) {
    std::size_t ra = Find(a), rb = Find(b);
    for (std::size_t p : apart_[ra])
      if (Find(p) == rb) return true;
    return false;
  }
  void KeepApart(std::size_t a, std::size_t b) {
    apart_[a].push_back(b);
    apart_[b].push_back(a);
  }

  // Joins the clusters of `a` and `b` unless a guard forbids it (`force`
  // skips the guards). `b`'s reason is set if it has none. Returns true iff joined.
  bool Join(std::size_t a, std::size_t b, const std::string& reason, double score, bool force = false) {
    std::size_t ra = Find(a), rb = Find(b);
    if (ra == rb) return true;
    if (!force && Conflict(ra, rb)) return false;
    if (reason_[b].empty()) {
      reason_[b] = reason;
      score_[b] = score;
    } else if (reason_[a].empty()) {
      reason_[a] = reason;
      score_[a] = score;
    }
    if (size_[ra] < size_[rb]) std::swap(ra, rb);
    parent_[rb] = ra;
    size_[ra] += size_[rb];
    Append(givens_[ra], givens_[rb]);
    Append(surnames_[ra], surnames_[rb]);
    Append(roles_[ra], roles_[rb]);
    Append(apart_[ra], apart_[rb]);
    return true;
  }

  std::string& reason(std::size_t i) { return reason_[i]; }
  double& score(std::size_t i) { return score_[i]; }

 private:
  template <typename T>
  static void Append(std::vector<T>& to, std::vector<T>& from) {
    to.insert(to.end(), from.begin(), from.end());
    std::sort(to.begin(), to.end());
    to.erase(std::unique(to.begin(), to.end()), to.end());
    std::vector<T>().swap(from);
  }
  // True iff both sets hold names of one script and share none of them.
  static bool Disjoint(const std::vector<std::string>& x, const std::vector<std::string>& y) {
    for (char script : {'A', 'L'}) {
      bool in_x = false, in_y = false, shared = false;
      for (const auto& a : x) {
        if (a[0] != script) continue;
        in_x = true;
        if (std::find(y.begin(), y.end(), a) != y.end()) shared = true;
      }
      for (const auto& b : y) in_y = in_y || b[0] == script;
      if (in_x && in_y && !shared) return true;
    }
    return false;
  }
  bool Conflict(std::size_t ra, std::size_t rb) {
    if (Disjoint(givens_[ra], givens_[rb]) || Disjoint(surnames_[ra], surnames_[rb])) return true;
    // Roles of different occupation groups: two people (a colonel and a journalist).
    const auto& x = roles_[ra];
    const auto& y = roles_[rb];
    if (!x.empty() && !y.empty() && std::none_of(x.begin(), x.end(), [&](const std::string& g) {
          return std::binary_search(y.begin(), y.end(), g);
        }))
      return true;
    const auto& smaller = apart_[ra].size() < apart_[rb].size() ? apart_[ra] : apart_[rb];
    std::size_t other = &smaller == &apart_[ra] ? rb : ra;
    for (std::size_t p : smaller)
      if (Find(p) == other) return true;
    return false;
  }

  std::vector<std::size_t> parent_, size_;
  std::vector<std::vector<std::string>> givens_, surnames_, roles_;
  std::vector<std::vector<std::size_t>> apart_;
  std::vector<std::string> reason_;
  std::vector<double> score_;
};

// The last word of a name as written, lower case, without an article ("al-Marzouqi" -> "marzouqi").
std::string LastWordSpelling(std::string_view name) {
  std::vector<std::string> w = SplitWords(name);
  if (w.empty()) return "";
  std::string last = w.back();
  for (char& ch : last) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (std::string_view article : {"al-", "el-", "ال"})
    if (last.starts_with(article) && last.size() > article.size() + 2) return last.substr(article.size());
  return last;
}

// True iff the words of `part` occur contiguously in `whole`.
bool ContainsSplitWords(const std::vector<std::string>& whole, const std::vector<std::string>& part) {
  if (part.empty() || part.size() >= whole.size()) return false;
  return std::search(whole.begin(), whole.end(), part.begin(), part.end()) != whole.end();
}

// True iff the initials of `name`, or of the name without its first words
// ("Varenian Ministry of Foreign Affairs" -> MFA), spell `acronym` (lower case).
bool SpellsAcronym(std::string_view name, std::string_view acronym) {
  std::string initials = Initials(name);
  for (char& ch : initials) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return initials.size() >= acronym.size() && initials.ends_with(acronym) &&
         (initials.size() == acronym.size() || initials.size() - acronym.size() <= 1);
}

// Rules inside one document: mentions [from, to) of `order`, in text order.
void JoinWithinDocument(const std::vector<ResolverMention>& ms, const std::vector<Prepared>& ps,
                        const std::vector<std::size_t>& order, std::size_t from, std::size_t to,
                        Clusters& c) {
  std::unordered_map<std::string, std::size_t> first_of_key;  // type + key -> first mention
  std::vector<std::size_t> full_names;                        // PERSON full names, text order
  std::vector<std::size_t> orgs_and_places;
  for (std::size_t k = from; k < to; ++k) {
    std::size_t i = order[k];
    const Prepared& p = ps[i];
    if (p.key.empty()) continue;
    if (!p.short_form) {
      auto [it, fresh] = first_of_key.emplace(ms[i].type + "\t" + p.key, i);
      if (!fresh) c.Join(it->second, i, ms[it->second].text == ms[i].text ? "same-name" : "name-key", 1.0);
    }
    if (ms[i].type == "PERSON" && !p.short_form) full_names.push_back(i);
    if (ms[i].type != "PERSON") orgs_and_places.push_back(i);
    // The family guard: the text between two consecutive names says they are kin, in one
    // sentence ("X, son of Y") or at the start of the next one ("X. His brother Y").
    if (ms[i].type == "PERSON" && k + 1 < to) {
      for (std::size_t l = k + 1; l < to && l < k + 4; ++l) {
        std::size_t j = order[l];
        if (ms[j].type != "PERSON" || ms[j].begin < ms[i].end) continue;
        std::size_t gap = ms[j].begin - ms[i].end;
        if (gap < ms[i].following.size()) {
          std::string_view between = std::string_view(ms[i].following).substr(0, gap);
          std::size_t dot = between.rfind(". "), line = between.rfind('\n');
          std::size_t stop = dot == std::string_view::npos    ? line
                             : line == std::string_view::npos ? dot
                                                              : std::max(dot, line);
          if (SaysFamily(between) || (stop != std::string_view::npos && SaysFamily(between.substr(stop + 1))))
            c.KeepApart(i, j);
        }
        break;
      }
    }
  }
  // Short forms: the nearest full name before (else after) whose surname, or given name, matches.
  std::unordered_map<std::string, std::size_t> lone_short_forms;
  for (std::size_t k = from; k < to; ++k) {
    std::size_t i = order[k];
    const Prepared& p = ps[i];
    if (!p.short_form || p.words.empty()) continue;
    const std::string& word = p.words.back();
    std::vector<std::pair<long, std::size_t>> ranked;  // (rank, full name)
    for (std::size_t f : full_names) {
      const auto& fw = ps[f].words;
      int rank;
      if (fw.back() == word &&
          (p.initial.empty() || LetterClass(fw.front()) == p.initial ||
           (!ps[f].arabic &&
            LetterClass(std::string(1, ps[f].model_form.empty() ? '?' : ps[f].model_form[0])) == p.initial)))
        rank = LastWordSpelling(ms[f].text) == LastWordSpelling(ms[i].text) ? 0 : 1;
      else if (p.initial.empty() && fw.front() == word)
        rank = 2;
      else
        continue;
      // Prefer the surname spelled the same ("Marzuqi" after "Yusuf Marzuqi", not "Tariq
      // al-Marzouqi"), then any spelling of it, then the given name; then the nearest name before,
      // then the nearest after.
      long distance = ms[f].begin <= ms[i].begin ? static_cast<long>(ms[i].begin - ms[f].begin)
                                                 : (1L << 28) + static_cast<long>(ms[f].begin - ms[i].begin);
      ranked.emplace_back(rank * (1L << 29) + std::min<long>(distance, (1L << 29) - 1), f);
    }
    std::sort(ranked.begin(), ranked.end());
    // The best full name the guards allow (a "Colonel Tavanaei" skips the journalist Tavanaei).
    bool joined = false;
    for (const auto& [rank, f] : ranked)
      if ((joined = c.Join(f, i, "short-form", 1.0))) break;
    if (!joined) {
      // No full name to join: the same short form repeated in the document is still one name.
      auto [it, fresh] = lone_short_forms.emplace(ms[i].type + "\t" + p.initial + "\t" + p.key, i);
      if (!fresh) c.Join(it->second, i, "same-name", 1.0);
    }
  }
  // Acronyms and contained names of organisations and places.
  for (std::size_t a : orgs_and_places) {
    for (std::size_t b : orgs_and_places) {
      if (a == b || ms[a].type != ms[b].type) continue;
      if (ps[a].key[0] == '#' && ms[b].type == "ORG" && ps[b].key[0] != '#' && ps[b].words.size() >= 2 &&
          SpellsAcronym(ms[b].text, ps[a].key.substr(1))) {
        c.Join(b, a, "acronym", 1.0);
      } else if (ContainsSplitWords(ps[b].words, ps[a].words)) {
        c.Join(b, a, "contained-name", 1.0);
      }
    }
  }
}

// Cross-script candidates: an Arabic-script name and a Latin name whose
// given names and surnames may start with the same letters.
void JoinByTransliteration(const std::vector<ResolverMention>& ms, const std::vector<Prepared>& ps,
                           const ResolverOptions& options, Clusters& c) {
  const TransliterationModel& model = *options.model;
  // Distinct names per block: block = type, word count, first letter of each of the first and last words.
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, PreparedLatin>>> latin_blocks;
  std::unordered_map<std::string, std::size_t> seen_latin, seen_arabic;
  std::vector<std::size_t> arabic_names;
  std::vector<std::pair<std::string, std::size_t>> latin_names;  // (block, mention), prepared below
  for (std::size_t i = 0; i < ms.size(); ++i) {
    const Prepared& p = ps[i];
    if (p.short_form || p.model_form.empty() || (ms[i].type != "PERSON" && ms[i].type != "LOCATION"))
      continue;
    std::vector<std::string> w = SplitWords(p.model_form);
    if (ms[i].type == "PERSON" && w.size() < 2) continue;
    std::string id = ms[i].type + "\t" + p.key;
    if (p.arabic) {
      if (seen_arabic.emplace(id, i).second) arabic_names.push_back(i);
    } else {
      // A Latin full name the NER typed LOCATION ("Reza Kamalvand") is also a person's candidate.
      for (const std::string& type : {ms[i].type, std::string("PERSON")}) {
        if (type == "PERSON" && (w.size() < 2 || w.size() > 3)) continue;
        if (!seen_latin.emplace(type + "\t" + p.key, i).second) continue;
        latin_names.emplace_back(type + std::to_string(w.size()) + w.front()[0] + w.back()[0], i);
      }
    }
  }
  std::vector<PreparedLatin> prepared(latin_names.size());
  ForEachIndex(latin_names.size(), [&] {
    return [&](std::size_t k) { prepared[k] = model.PrepareLatin(ps[latin_names[k].second].model_form); };
  });
  for (std::size_t k = 0; k < latin_names.size(); ++k)
    latin_blocks[latin_names[k].first].emplace_back(latin_names[k].second, std::move(prepared[k]));
  // The candidates of each Arabic-script name, best first, scored on several
  // threads; then joined in the order of the names.
  std::vector<std::vector<std::pair<double, std::size_t>>> scored(arabic_names.size());
  ForEachIndex(arabic_names.size(), [&] {
    return [&](std::size_t k) {
      const std::size_t a = arabic_names[k];
      std::vector<std::string> w = SplitWords(ps[a].model_form);
      std::string_view first = LatinStarts(FirstLetter(w.front()));
      std::string_view last = LatinStarts(FirstLetter(w.back()));
      PreparedArabic arabic = model.PrepareArabic(ps[a].model_form);
      if (arabic.row.empty()) return;
      for (char f : first) {
        for (char l : last) {
          std::string block = ms[a].type + std::to_string(w.size()) + f + l;
          auto it = latin_blocks.find(block);
          if (it == latin_blocks.end()) continue;
          for (const auto& [b, latin] : it->second) {
            double s = model.ScoreLatinCandidate(arabic, latin) / static_cast<double>(arabic.row.size());
            if (s >= options.transliteration_threshold) scored[k].emplace_back(s, std::size_t{b});
          }
        }
      }
      std::sort(scored[k].rbegin(), scored[k].rend());
    };
  });
  for (std::size_t k = 0; k < arabic_names.size(); ++k) {
    for (const auto& [s, b] : scored[k])
      c.Join(b, arabic_names[k], "transliteration", std::round(s * 1000) / 1000);
  }
}

// Whether an Arabic-script word and a Latin word are one word transliterated
// (ScoreLatinCandidate per Arabic letter at least `threshold`): each word
// prepared once, each pair scored once. Not thread-safe: one per thread.
class SameWordCache {
 public:
  SameWordCache(const TransliterationModel& model, double threshold) : model_(model), threshold_(threshold) {}

  bool operator()(std::string_view arabic, std::string_view latin) {
    auto [a, new_arabic] = arabic_ids_.try_emplace(std::string(arabic), arabic_.size());
    if (new_arabic) arabic_.push_back(model_.PrepareArabic(arabic));
    auto [l, new_latin] = latin_ids_.try_emplace(std::string(latin), latin_.size());
    if (new_latin) latin_.push_back(model_.PrepareLatin(latin));
    auto [it, fresh] = same_.try_emplace((std::uint64_t{a->second} << 32) | l->second, false);
    if (fresh) {
      const PreparedArabic& p = arabic_[a->second];
      it->second =
          !p.row.empty() &&
          model_.ScoreLatinCandidate(p, latin_[l->second]) / static_cast<double>(p.row.size()) >= threshold_;
    }
    return it->second;
  }

 private:
  const TransliterationModel& model_;
  double threshold_;
  std::unordered_map<std::string, std::uint32_t> arabic_ids_, latin_ids_;
  std::vector<PreparedArabic> arabic_;
  std::vector<PreparedLatin> latin_;
  std::unordered_map<std::uint64_t, bool> same_;
};

// Organisations across scripts (org_names.h): the Arabic- and Persian-script
// names of the case against its Latin ones with the same concepts. Blocked by
// concepts and by the first letters of the proper words (a name with none
// meets its whole block), at most kMaxOrgCandidates Latin names per name; each
// pair of words is scored once.
void JoinOrganisationsAcrossScripts(const std::vector<ResolverMention>& ms, const std::vector<Prepared>& ps,
                                    const ResolverOptions& options, Clusters& c) {
  constexpr std::size_t kMaxOrgCandidates = 2000;
  const TransliterationModel& model = *options.model;
  std::unordered_set<std::string>
      places;  // Arabic-script keys and normalised Latin names of the case's places
  std::unordered_set<std::string> seen;
  std::vector<std::pair<std::size_t, OrgSignature>> arabic, latin;
  for (std::size_t i = 0; i < ms.size(); ++i) {
    if (ps[i].key.empty()) continue;
    if (ms[i].type == "LOCATION") {
      places.insert(ps[i].arabic ? ps[i].key : NormalizeLatinName(ms[i].text));
      continue;
    }
    if (ms[i].type != "ORG" || ps[i].key[0] == '#' || !seen.insert(ms[i].text).second) continue;
    std::optional<OrgSignature> sig = OrgSignatureOf(ms[i].text);
    if (sig) (sig->arabic ? arabic : latin).emplace_back(i, std::move(*sig));
  }
  if (arabic.empty() || latin.empty()) return;
  auto concepts_key = [](const OrgSignature& s) { return Join(s.concepts, 0, s.concepts.size()); };
  std::unordered_map<std::string, std::vector<std::size_t>> block;  // concepts + "\t" + first letter (or "*")
  std::unordered_map<std::string, std::vector<std::size_t>> whole_block;  // concepts
  for (std::size_t k = 0; k < latin.size(); ++k) {
    const OrgSignature& s = latin[k].second;
    std::string concepts = concepts_key(s);
    whole_block[concepts].push_back(k);
    std::set<char> letters;
    for (const std::string& w : s.proper) letters.insert(w[0]);
    if (letters.empty()) letters.insert('*');
    for (char l : letters) block[concepts + "\t" + l].push_back(k);
  }
  auto is_place = [&](std::string_view w) { return places.contains(std::string(w)); };
  // The Latin names each Arabic-script name is (candidate order), found on
  // several threads, each with its own word cache; then joined in name order.
  std::vector<std::vector<std::size_t>> matches(arabic.size());
  ForEachIndex(arabic.size(), [&] {
    return [&, same_word = SameWordCache(model, options.transliteration_threshold)](std::size_t m) mutable {
      const OrgSignature& sa = arabic[m].second;
      std::string concepts = concepts_key(sa);
      std::vector<std::size_t> candidates;
      if (sa.proper.empty()) {
        if (auto it = whole_block.find(concepts); it != whole_block.end()) candidates = it->second;
      } else {
        std::set<char> letters = {'*'};
        for (const std::string& w : sa.proper)
          for (char l : LatinStarts(FirstLetter(w))) letters.insert(l);
        for (char l : letters) {
          auto it = block.find(concepts + "\t" + l);
          if (it != block.end()) candidates.insert(candidates.end(), it->second.begin(), it->second.end());
        }
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
      }
      if (candidates.size() > kMaxOrgCandidates) candidates.resize(kMaxOrgCandidates);
      auto same = [&same_word](std::string_view a, std::string_view l) { return same_word(a, l); };
      for (std::size_t k : candidates)
        if (SameOrganisation(sa, latin[k].second, same, is_place)) matches[m].push_back(k);
    };
  });
  for (std::size_t m = 0; m < arabic.size(); ++m)
    for (std::size_t k : matches[m]) c.Join(latin[k].first, arabic[m].first, "org-translation", 1.0);
}

// False for PERSON spans that are not one name: across a line break ("Politics\nKestria") or
// holding a connector ("Gulf and Kestria Desk"); they carry no words for short forms.
bool LooksLikeOnePersonName(std::string_view text) {
  if (text.find('\n') != std::string_view::npos) return false;
  for (std::string_view w : {" and ", " of ", " for ", " the ", " و "})
    if (text.find(w) != std::string_view::npos) return false;
  return true;
}

// Short forms whose cluster holds no full name after the other rules: the one
// person of the case whose full names carry the word, else the one that the
// mention's role group or the document's other names single out (resolver.h).
void JoinShortFormsAcrossCase(const std::vector<ResolverMention>& ms, const std::vector<Prepared>& ps,
                              const std::vector<std::size_t>& order, Clusters& c) {
  constexpr std::size_t kMaxCarriers = 8;
  struct Carrier {
    std::size_t mention;
    std::string given_class;  // letter class of the full name's given name
    bool surname;             // the word is its surname (else its given name)
  };
  // Word key -> one carrier per cluster (as built); a list longer than kMaxCarriers means "too common".
  std::unordered_map<std::string, std::vector<Carrier>> carriers;
  std::unordered_set<std::string> seen;
  for (std::size_t i : order) {
    const Prepared& p = ps[i];
    if (ms[i].type != "PERSON" || p.short_form || p.words.size() < 2 || !LooksLikeOnePersonName(ms[i].text))
      continue;
    std::string given_class;
    if (p.arabic) {
      given_class = LetterClass(p.words.front());
    } else {
      std::vector<std::string> w = SplitWords(p.model_form);
      if (w.size() < 2) continue;
      given_class = LetterClass(w.front());
    }
    const std::string root = std::to_string(c.Find(i));
    for (bool surname : {false, true}) {
      const std::string& word = surname ? p.words.back() : p.words.front();
      if (!seen.insert(word + (surname ? "\ts\t" : "\tg\t") + root).second) continue;
      std::vector<Carrier>& list = carriers[word];
      if (list.size() <= kMaxCarriers) list.push_back({i, given_class, surname});
    }
  }
  // The clusters (roots) that may take short form `i`; nullopt when too many people carry its word.
  auto candidates = [&](std::size_t i) -> std::optional<std::vector<std::size_t>> {
    const Prepared& p = ps[i];
    auto it = carriers.find(p.words.back());
    if (it == carriers.end()) return std::vector<std::size_t>{};
    if (it->second.size() > kMaxCarriers) return std::nullopt;
    std::vector<std::size_t> roots;
    for (const Carrier& k : it->second) {
      if (!p.initial.empty() && (!k.surname || k.given_class != p.initial)) continue;
      std::size_t r = c.Find(k.mention);
      if (std::find(roots.begin(), roots.end(), r) == roots.end()) roots.push_back(r);
    }
    return roots;
  };
  std::vector<std::size_t> pending, present, retyped;
  for (std::size_t from = 0; from < order.size();) {
    std::size_t to = from;
    while (to < order.size() && ms[order[to]].document == ms[order[from]].document) ++to;
    pending.clear();
    retyped.clear();
    for (std::size_t k = from; k < to; ++k) {
      std::size_t i = order[k];
      if (ps[i].short_form && !ps[i].words.empty() && !c.HasFullName(i)) pending.push_back(i);
      if (ms[i].type != "PERSON" && ps[i].words.size() == 1 && ps[i].key[0] != '#' && ps[i].key[0] != '=' &&
          !c.HasFullName(i))
        retyped.push_back(i);
    }
    // First the words one person carries, then (with those joined) the ambiguous ones by context.
    for (int pass = 0; pass < 2 && !pending.empty(); ++pass) {
      if (pass == 1) {
        present.clear();
        for (std::size_t k = from; k < to; ++k)
          if (ms[order[k]].type == "PERSON" && c.HasFullName(order[k])) present.push_back(c.Find(order[k]));
      }
      for (std::size_t i : pending) {
        if (c.HasFullName(i)) continue;
        auto roots = candidates(i);
        if (!roots || roots->empty()) continue;
        if (pass == 0) {
          if (roots->size() == 1) c.Join((*roots)[0], i, "short-form-case", 1.0);
          continue;
        }
        std::vector<std::size_t> allowed;
        for (std::size_t r : *roots)
          if (c.MayJoin(r, i)) allowed.push_back(r);
        // Context: the one sharing an occupation group with the mention's roles ...
        std::vector<std::size_t> by_role, named_here;
        const std::vector<std::string> roles = c.Roles(i);
        for (std::size_t r : allowed) {
          const std::vector<std::string>& theirs = c.Roles(r);
          if (std::any_of(roles.begin(), roles.end(), [&](const std::string& g) {
                return std::binary_search(theirs.begin(), theirs.end(), g);
              }))
            by_role.push_back(r);
          if (std::find(present.begin(), present.end(), c.Find(r)) != present.end()) named_here.push_back(r);
        }
        // ... else the one already named in the same document; else, when the text calls it kin
        // of one carrier ("Tariq al-Marzouqi. His brother al-Marzouqi"), the one other carrier.
        bool kin = std::any_of(roots->begin(), roots->end(), [&](std::size_t r) { return c.Kin(r, i); });
        if (by_role.size() == 1)
          c.Join(by_role[0], i, "short-form-role", 1.0);
        else if (by_role.empty() && named_here.size() == 1)
          c.Join(named_here[0], i, "short-form-context", 1.0);
        else if (by_role.empty() && named_here.empty() && kin && allowed.size() == 1 && roots->size() == 2)
          c.Join(allowed[0], i, "short-form-kin", 1.0);
      }
    }
    // A one-word place or organisation that is a person's name ("paid EUR 20,000 to Arjomand" typed
    // LOCATION): only when one person of the case carries the word, that person is named in the
    // document, and the word is their surname or the document also has it typed PERSON.
    if (retyped.empty()) {
      from = to;
      continue;
    }
    present.clear();
    for (std::size_t k = from; k < to; ++k)
      if (ms[order[k]].type == "PERSON" && c.HasFullName(order[k])) present.push_back(c.Find(order[k]));
    for (std::size_t i : retyped) {
      auto it = carriers.find(ps[i].words.back());
      if (it == carriers.end() || it->second.size() > kMaxCarriers) continue;
      std::vector<std::size_t> roots;
      bool surname = false;
      for (const Carrier& k : it->second) {
        std::size_t r = c.Find(k.mention);
        if (std::find(roots.begin(), roots.end(), r) == roots.end()) roots.push_back(r);
        surname = surname || k.surname;
      }
      if (roots.size() != 1 || std::find(present.begin(), present.end(), roots[0]) == present.end()) continue;
      bool typed_person_here = false;
      for (std::size_t k = from; k < to; ++k)
        typed_person_here =
            typed_person_here || (ms[order[k]].type == "PERSON" && ms[order[k]].text == ms[i].text);
      if (surname || typed_person_here) c.Join(roots[0], i, "short-form-retyped", 1.0);
    }
    from = to;
  }
}

// The clusters as explicit member lists, for replaying decisions.
struct ClusterTable {
  std::vector<std::vector<std::size_t>> members;  // cluster -> mentions (empty when merged away)
  std::vector<std::size_t> of;                    // mention -> cluster
  std::vector<std::string> name_override;
  std::vector<bool> rejected, by_analyst;

  // The cluster with most mentions whose text is `alias`, if any.
  std::unordered_map<std::string_view, std::vector<std::size_t>> by_text;  // mention text -> mentions

  std::optional<std::size_t> Named(const std::string& alias) const {
    std::map<std::size_t, std::size_t> counts;
    auto it = by_text.find(alias);
    if (it == by_text.end()) return std::nullopt;
    for (std::size_t i : it->second)
      if (!rejected[of[i]]) ++counts[of[i]];
    std::optional<std::size_t> best;
    for (const auto& [cluster, n] : counts)
      if (!best || n > counts.at(*best)) best = cluster;
    return best;
  }
};

bool Replay(const AnalystDecision& d, const std::vector<ResolverMention>& ms, ClusterTable& t,
            std::vector<std::string>& reason) {
  std::optional<std::size_t> a = t.Named(d.entity);
  if (!a) return false;
  if (d.action == "merge") {
    std::optional<std::size_t> b = t.Named(d.other);
    if (!b) return false;
    if (*a == *b) return true;
    for (std::size_t i : t.members[*b]) {
      t.of[i] = *a;
      if (ms[i].text == d.other) reason[i] = "analyst-merge";
      t.members[*a].push_back(i);
    }
    t.members[*b].clear();
    t.by_analyst[*a] = true;
  } else if (d.action == "split") {
    std::vector<std::size_t> moved, kept;
    for (std::size_t i : t.members[*a]) (ms[i].text == d.other ? moved : kept).push_back(i);
    if (moved.empty() || kept.empty()) return !moved.empty();
    t.members[*a] = kept;
    std::size_t fresh = t.members.size();
    for (std::size_t i : moved) {
      t.of[i] = fresh;
      reason[i] = "analyst-split";
    }
    t.members.push_back(moved);
    t.name_override.emplace_back();
    t.rejected.push_back(false);
    t.by_analyst.push_back(true);
  } else if (d.action == "rename") {
    t.name_override[*a] = d.other;
    t.by_analyst[*a] = true;
  } else if (d.action == "reject") {
    t.rejected[*a] = true;
  } else {
    return false;
  }
  return true;
}

// The entity's name: a renamed one, else its most frequent Latin full name, else its most frequent alias.
std::string DisplayName(const std::vector<ResolvedAlias>& aliases, const std::set<std::string>& short_forms) {
  const ResolvedAlias* best = nullptr;
  auto better = [&](const ResolvedAlias& x, const ResolvedAlias* y) {
    if (!y) return true;
    bool xl = x.script == "latin", yl = y->script == "latin";
    if (xl != yl) return xl;
    bool xf = !short_forms.count(x.alias) && x.alias.find(' ') != std::string::npos;
    bool yf = !short_forms.count(y->alias) && y->alias.find(' ') != std::string::npos;
    if (xf != yf) return xf;
    if (x.count != y->count) return x.count > y->count;
    return x.alias.size() > y->alias.size();
  };
  for (const ResolvedAlias& a : aliases) {
    bool upper =
        std::none_of(a.alias.begin(), a.alias.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; }) &&
        a.script == "latin" && a.alias.size() > 6;
    if (!upper && better(a, best)) best = &a;
  }
  return best ? best->alias : aliases.empty() ? "" : aliases.front().alias;
}

// The mentions of `order` that are not short forms, in (type, key, document,
// begin) order. Sorted through compact entries that carry the first eight
// bytes of the key: the mentions and their prepared forms are large records
// scattered in memory, and most comparisons end within those bytes.
std::vector<std::size_t> SortedByKey(const std::vector<ResolverMention>& ms, const std::vector<Prepared>& ps,
                                     const std::vector<std::size_t>& order) {
  struct Entry {
    std::size_t type_rank;     // the type's place among the types present, in string order
    std::uint64_t key_prefix;  // the key's first 8 bytes, big-endian, zero-padded
    const std::string* key;
    std::int64_t document;
    std::size_t begin;
    std::size_t index;
  };
  std::vector<std::string> types;
  for (std::size_t i : order)
    if (std::find(types.begin(), types.end(), ms[i].type) == types.end()) types.push_back(ms[i].type);
  std::sort(types.begin(), types.end());
  std::vector<Entry> entries;
  entries.reserve(order.size());
  for (std::size_t i : order) {
    if (ps[i].short_form) continue;
    auto type_rank = static_cast<std::size_t>(std::find(types.begin(), types.end(), ms[i].type) - types.begin());
    std::uint64_t prefix = 0;
    const std::string& key = ps[i].key;
    for (std::size_t k = 0; k < 8; ++k)
      prefix = (prefix << 8) | (k < key.size() ? static_cast<unsigned char>(key[k]) : 0u);
    entries.push_back({type_rank, prefix, &key, ms[i].document, ms[i].begin, i});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.type_rank != b.type_rank) return a.type_rank < b.type_rank;
    if (a.key_prefix != b.key_prefix) return a.key_prefix < b.key_prefix;
    if (*a.key != *b.key) return *a.key < *b.key;
    return std::tie(a.document, a.begin, a.index) < std::tie(b.document, b.begin, b.index);
  });
  std::vector<std::size_t> sorted;
  sorted.reserve(entries.size());
  for (const Entry& e : entries) sorted.push_back(e.index);
  return sorted;
}

}  // namespace

ResolveResult ResolveEntities(const std::vector<ResolverMention>& ms,
                              const std::vector<AnalystDecision>& decisions, const ResolverOptions& options) {
  const std::size_t n = ms.size();
  std::vector<Prepared> ps(n);
  ForEachIndex(n, [&] {
    return [&](std::size_t i) {
      if (ms[i].type == "PERSON" || ms[i].type == "ORG" || ms[i].type == "LOCATION") ps[i] = Prepare(ms[i]);
    };
  });
  std::vector<bool> used(n, false);
  for (std::size_t i = 0; i < n; ++i) used[i] = !ps[i].key.empty();
  Clusters c(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Prepared& p = ps[i];
    if (used[i] && ms[i].type == "PERSON" && !p.role_groups.empty()) c.AddRoles(i, p.role_groups);
    if (!used[i] || ms[i].type != "PERSON" || p.short_form || p.words.size() < 2) continue;
    if (p.arabic) {
      c.AddFullName(i, LetterClass(p.words.front()), LetterClass(p.words.back()), true);
    } else {
      std::vector<std::string> w = SplitWords(p.model_form);
      if (w.size() >= 2) c.AddFullName(i, LetterClass(w.front()), LetterClass(w.back()), false);
    }
  }
  // Within documents.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < n; ++i)
    if (used[i]) order.push_back(i);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(ms[a].document, ms[a].begin, ms[a].id) < std::tie(ms[b].document, ms[b].begin, ms[b].id);
  });
  std::vector<std::pair<std::size_t, std::size_t>> documents;  // [from, to) of order
  for (std::size_t from = 0; from < order.size();) {
    std::size_t to = from;
    while (to < order.size() && ms[order[to]].document == ms[order[from]].document) ++to;
    documents.emplace_back(from, to);
    from = to;
  }
  // Every cluster is one mention here, and a document's rules join, guard and
  // read only its own mentions' slots of `c`: the documents run on several
  // threads, each document's rules in text order as on one.
  ForEachIndex(documents.size(), [&] {
    return
        [&](std::size_t d) { JoinWithinDocument(ms, ps, order, documents[d].first, documents[d].second, c); };
  });
  // Across documents: equal keys (alias-table keys included); never a short form on its own.
  std::vector<std::size_t> by_key = SortedByKey(ms, ps, order);
  // Within a run of equal keys, each mention joins the first cluster of the run the guards allow
  // (a colonel and a journalist of one name stay two clusters; a general joins the colonel).
  constexpr std::size_t kMaxNamesakes = 8;
  std::vector<std::size_t> run;  // one mention per cluster of the current run
  for (std::size_t k = 0; k < by_key.size(); ++k) {
    std::size_t b = by_key[k];
    if (k == 0 || ms[by_key[k - 1]].type != ms[b].type || ps[by_key[k - 1]].key != ps[b].key) run.clear();
    bool joined = false;
    for (std::size_t a : run)
      if ((joined = c.Join(a, b, ps[b].key[0] == '=' ? "alias-table" : "name-key", 1.0))) break;
    if (!joined && run.size() < kMaxNamesakes) run.push_back(b);
  }
  // An all-capital word read as an acronym ("DUBAI") that is the name of a place or organisation
  // written in lower case elsewhere joins it.
  std::unordered_map<std::string, std::size_t> lower_word;  // lower-case one-word ORG/LOCATION name
  for (std::size_t i : by_key) {
    if (ms[i].type == "PERSON" || ps[i].key[0] == '#' || ps[i].words.size() != 1 || ps[i].arabic) continue;
    std::string lower = text::CollapseWhitespace(ms[i].text);
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    lower_word.emplace(lower, i);
  }
  for (std::size_t i : by_key) {
    if (ps[i].key[0] != '#' || ps[i].key.size() < 5) continue;  // four letters or more
    auto it = lower_word.find(ps[i].key.substr(1));
    if (it != lower_word.end()) c.Join(it->second, i, "same-name", 1.0);
  }
  // A full person name the NER typed ORG or LOCATION in some document joins the person.
  std::unordered_map<std::string, std::size_t> person_of_key;
  for (std::size_t i : by_key)
    if (ms[i].type == "PERSON" && ps[i].words.size() >= 2) person_of_key.emplace(ps[i].key, i);
  for (std::size_t i : by_key) {
    if (ms[i].type == "PERSON" || ps[i].words.size() < 2) continue;
    auto it = person_of_key.find(ps[i].key);
    if (it != person_of_key.end()) c.Join(it->second, i, "name-key-retyped", 1.0);
  }
  if (options.model) JoinByTransliteration(ms, ps, options, c);
  if (options.model) JoinOrganisationsAcrossScripts(ms, ps, options, c);
  JoinShortFormsAcrossCase(ms, ps, order, c);

  // Explicit clusters, then the analyst's decisions in journal order.
  ClusterTable t;
  t.of.assign(n, 0);
  std::unordered_map<std::size_t, std::size_t> cluster_of_root;
  for (std::size_t i : order) {
    auto [it, fresh] = cluster_of_root.emplace(c.Find(i), t.members.size());
    if (fresh) t.members.emplace_back();
    t.members[it->second].push_back(i);
    t.of[i] = it->second;
  }
  for (std::size_t i : order) t.by_text[ms[i].text].push_back(i);
  t.name_override.assign(t.members.size(), "");
  t.rejected.assign(t.members.size(), false);
  t.by_analyst.assign(t.members.size(), false);
  std::vector<std::string> reason(n);
  for (std::size_t i = 0; i < n; ++i) reason[i] = c.reason(i);
  ResolveResult result;
  for (const AnalystDecision& d : decisions) {
    if (Replay(d, ms, t, reason))
      ++result.decisions_applied;
    else
      ++result.decisions_skipped;
  }

  for (std::size_t k = 0; k < t.members.size(); ++k) {
    if (t.members[k].empty() || t.rejected[k]) continue;
    ResolvedEntity e;
    std::map<std::string, std::size_t> alias_index;
    std::sort(t.members[k].begin(), t.members[k].end(),
              [&](std::size_t a, std::size_t b) { return ms[a].id < ms[b].id; });
    std::map<std::string, std::size_t> types;
    std::set<std::string> short_forms;
    for (std::size_t i : t.members[k]) {
      if (ps[i].short_form) short_forms.insert(ms[i].text);
      std::string why = reason[i].empty() ? "seed" : reason[i];
      e.mentions.push_back({ms[i].id, why, reason[i].empty() ? 1.0 : c.score(i)});
      ++types[ms[i].type];
      auto [it, fresh] = alias_index.emplace(ms[i].text, e.aliases.size());
      if (fresh) e.aliases.push_back({ms[i].text, ScriptOf(ms[i].text), 0, why});
      ResolvedAlias& a = e.aliases[it->second];
      ++a.count;
      if (a.reason == "seed" || a.reason == "same-name") a.reason = why;
    }
    // The most frequent type; on a tie PERSON, then ORG (map order puts LOCATION first).
    e.type = std::max_element(types.begin(), types.end(), [](const auto& x, const auto& y) {
               return std::pair(x.second, x.first) < std::pair(y.second, y.first);
             })->first;
    std::sort(e.aliases.begin(), e.aliases.end(), [](const ResolvedAlias& x, const ResolvedAlias& y) {
      return std::tie(y.count, x.alias) < std::tie(x.count, y.alias);
    });
    e.name = t.name_override[k].empty() ? DisplayName(e.aliases, short_forms) : t.name_override[k];
    if (t.by_analyst[k]) e.created_by = "analyst";
    result.entities.push_back(std::move(e));
  }
  std::sort(result.entities.begin(), result.entities.end(),
            [](const ResolvedEntity& x, const ResolvedEntity& y) {
              return std::tie(x.type, x.name, x.mentions.front().id) <
                     std::tie(y.type, y.name, y.mentions.front().id);
            });
  return result;
}

}  // namespace leakgraph::resolve
