#include "ner/identifiers.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <unordered_map>

namespace leakgraph::ner {
namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool IsUpperOrDigit(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

IdentifierMention Make(std::string_view s, size_t begin, size_t end, IdentifierType type,
                       std::string normalized) {
  return {begin, end, std::string(s.substr(begin, end - begin)), type, std::move(normalized)};
}

// --- E-mail -----------------------------------------------------------------

bool IsLocalChar(char c) {
  return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool IsDomainChar(char c) { return IsAsciiAlnum(c) || c == '.' || c == '-'; }

// Checks the domain: dot-separated non-empty labels, a letter TLD of 2+.
bool IsPlausibleDomain(std::string_view d) {
  const size_t dot = d.rfind('.');
  if (dot == std::string_view::npos || dot + 3 > d.size() || d.find("..") != std::string_view::npos ||
      d.front() == '.' || d.front() == '-') {
    return false;
  }
  for (char c : d.substr(dot + 1)) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

void FindEmails(std::string_view s, std::vector<IdentifierMention>* out) {
  constexpr size_t kMaxLocal = 64, kMaxDomain = 253;
  size_t floor = 0;  // never reach back into a previous match
  for (size_t at = s.find('@'); at != std::string_view::npos; at = s.find('@', at + 1)) {
    size_t begin = at;
    while (begin > floor && at - begin < kMaxLocal + 1 && IsLocalChar(s[begin - 1])) --begin;
    if (begin > floor && IsLocalChar(s[begin - 1])) continue;  // local part too long
    while (begin < at && s[begin] == '.') ++begin;
    size_t end = at + 1;
    while (end < s.size() && end - at <= kMaxDomain && IsDomainChar(s[end])) ++end;
    if (end < s.size() && IsDomainChar(s[end])) continue;  // domain too long
    while (end > at + 1 && (s[end - 1] == '.' || s[end - 1] == '-')) --end;
    if (begin == at || !IsPlausibleDomain(s.substr(at + 1, end - at - 1))) continue;
    std::string normalized(s.substr(begin, end - begin));
    for (char& c : normalized) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    out->push_back(Make(s, begin, end, IdentifierType::kEmail, std::move(normalized)));
    floor = end;
  }
}

// --- IBAN -------------------------------------------------------------------

int IbanLength(std::string_view country) {
  static const auto* lengths = new std::unordered_map<std::string_view, int>{
      {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22},
      {"BH", 22}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24}, {"DE", 22},
      {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18}, {"FO", 18}, {"FR", 27},
      {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28},
      {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IR", 26}, {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30},
      {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"LY", 25},
      {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NL", 18},
      {"NO", 15}, {"OM", 23}, {"PK", 24}, {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24},
      {"RS", 22}, {"SA", 24}, {"SC", 31}, {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27},
      {"ST", 25}, {"SV", 28}, {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24},
      {"XK", 20}};
  auto it = lengths->find(country);
  return it == lengths->end() ? 0 : it->second;
}

void FindIbans(std::string_view s, std::vector<IdentifierMention>* out) {
  for (size_t i = 0; i + 15 <= s.size(); ++i) {
    if (!(s[i] >= 'A' && s[i] <= 'Z') || (i > 0 && IsAsciiAlnum(s[i - 1]))) continue;
    if (!(s[i + 1] >= 'A' && s[i + 1] <= 'Z') || !isdigit(static_cast<unsigned char>(s[i + 2])) ||
        !isdigit(static_cast<unsigned char>(s[i + 3]))) {
      continue;
    }
    const int length = IbanLength(s.substr(i, 2));
    if (length == 0) continue;
    const bool spaced = i + 4 < s.size() && s[i + 4] == ' ';
    std::string iban(s.substr(i, 4));
    size_t j = i + 4;
    while (static_cast<int>(iban.size()) < length && j < s.size()) {
      if (spaced && iban.size() % 4 == 0) {
        if (s[j] != ' ') break;
        ++j;
        if (j >= s.size()) break;
      }
      if (!IsUpperOrDigit(s[j])) break;
      iban.push_back(s[j++]);
    }
    if (static_cast<int>(iban.size()) != length || (j < s.size() && IsAsciiAlnum(s[j]))) continue;
    if (!IsValidIban(iban)) continue;
    out->push_back(Make(s, i, j, IdentifierType::kIban, iban));
    i = j - 1;
  }
}

// --- Phone numbers ------------------------------------------------------------

int DigitValue(UChar32 c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 0x0660 && c <= 0x0669) return c - 0x0660;
  if (c >= 0x06F0 && c <= 0x06F9) return c - 0x06F0;
  return -1;
}

struct PhoneRun {
  size_t begin = 0;
  size_t end = 0;  // after the last digit or ')'
  bool plus = false;
  bool parens = false;         // "(202)": an area code in parentheses
  bool dash_or_dot = false;
  std::string digits;          // ASCII
  std::vector<int> groups;     // digit counts between separators
};

// Classifies a run; returns the normalised number or "" to reject it.
std::string NormalisePhone(const PhoneRun& run) {
  const std::string& d = run.digits;
  const size_t n = d.size();
  if (n < 7 || n > 16) return "";
  if (run.plus || (n >= 10 && d.compare(0, 2, "00") == 0)) {
    const std::string international = run.plus ? d : d.substr(2);
    if (international.size() < 8 || international.size() > 15 || international[0] == '0') return "";
    return "+" + international;
  }
  const auto& g = run.groups;
  const bool date_shape = g.size() == 3 && ((g[0] == 4 && g[1] <= 2 && g[2] <= 2) ||
                                            (g[0] <= 2 && g[1] <= 2 && g[2] == 4));
  if (date_shape || std::all_of(g.begin(), g.end(), [](int x) { return x <= 2; })) return "";
  const bool nanp = n == 10 && d[0] >= '2' && d[0] <= '9' && g.size() >= 2 && g[0] == 3 &&
                    (run.parens || (run.dash_or_dot && g.size() == 3 && g[1] == 3 && g[2] == 4));
  if (nanp) return "+1" + d;
  if (n == 11 && d.compare(0, 2, "09") == 0) return "+98" + d.substr(1);  // Iranian mobile
  if (d[0] == '0' && g.size() >= 2 && n >= 9 && n <= 12) return d;      // local, country unknown
  return "";
}

bool IsPhoneSeparator(UChar32 c) { return c == ' ' || c == 0x00A0 || c == '-' || c == '.'; }

void FindPhones(std::string_view s, std::vector<IdentifierMention>* out) {
  const auto* data = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t length = s.size() > INT32_MAX ? INT32_MAX : static_cast<int32_t>(s.size());
  UChar32 prev = ' ';
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(data, i, length, c);
    const bool can_start = c == '+' || c == '(' || DigitValue(c) >= 0;
    const bool free_before = !(u_isalnum(prev) || DigitValue(prev) >= 0 || prev == '+' || prev == '-' ||
                               prev == '.' || prev == ',' || prev == '/' || prev == '@' || prev == '_');
    if (!can_start || !free_before) {
      prev = c;
      continue;
    }
    // Collect the run: digits, single separators between groups, one "(...)".
    PhoneRun run;
    run.begin = static_cast<size_t>(start);
    int32_t pos = start;
    int group = 0;
    bool open_paren = false, last_was_sep = true, bad = false;
    while (pos < length) {
      int32_t probe = pos;
      UChar32 d;
      U8_NEXT(data, probe, length, d);
      const int digit = DigitValue(d);
      if (digit >= 0) {
        if (run.digits.size() < 20) run.digits.push_back(static_cast<char>('0' + digit));
        ++group;
        last_was_sep = false;
        run.end = static_cast<size_t>(probe);
      } else if (d == '+' && pos == start) {
        run.plus = true;
      } else if (d == '(' && !open_paren && last_was_sep && !run.parens) {
        open_paren = true;
      } else if (d == ')' && open_paren && group > 0) {
        open_paren = false;
        run.parens = true;
        run.groups.push_back(group);
        group = 0;
        last_was_sep = true;
        run.end = static_cast<size_t>(probe);
      } else if (IsPhoneSeparator(d) && !last_was_sep) {
        if (group > 0) run.groups.push_back(group);
        group = 0;
        run.dash_or_dot = run.dash_or_dot || d == '-' || d == '.';
        last_was_sep = true;
      } else if (IsPhoneSeparator(d) && d == ' ' && run.parens && group == 0) {
        // "(202) 555": the space after the closing parenthesis
      } else {
        // Glued to a letter or to more number ("4567abc", "12/03", "1,200"): not a phone.
        int32_t after = probe;
        UChar32 next = 0;
        if (after < length) U8_NEXT(data, after, length, next);
        const bool continues = u_isalnum(d) || d == '@' || d == '/' || d == '_' ||
                               (d == ',' && DigitValue(next) >= 0);
        bad = continues && !last_was_sep;
        break;
      }
      pos = probe;
    }
    if (group > 0) run.groups.push_back(group);
    // Continue after the run either way: every byte is looked at a bounded number of times.
    i = std::max(i, static_cast<int32_t>(run.end > run.begin ? run.end : i));
    prev = c;
    if (run.end > run.begin) {
      int32_t back = static_cast<int32_t>(run.end);
      U8_BACK_1(data, 0, back);
      UChar32 last;
      U8_GET(data, 0, back, length, last);
      prev = last;
    }
    if (bad || open_paren || run.end <= run.begin) continue;
    std::string normalized = NormalisePhone(run);
    if (!normalized.empty()) {
      out->push_back(Make(s, run.begin, run.end, IdentifierType::kPhone, std::move(normalized)));
    }
  }
}

bool Overlaps(const std::vector<IdentifierMention>& sorted, const IdentifierMention& m) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), m.end,
                             [](const IdentifierMention& a, size_t end) { return a.begin < end; });
  return it != sorted.begin() && std::prev(it)->end > m.begin;
}

}  // namespace

bool IsValidIban(std::string_view iban) {
  if (iban.size() < 15 || iban.size() > 34 || IbanLength(iban.substr(0, 2)) != static_cast<int>(iban.size())) {
    return false;
  }
  int remainder = 0;
  for (size_t k = 0; k < iban.size(); ++k) {
    const char c = iban[(k + 4) % iban.size()];  // the first four characters move to the end
    if (c >= '0' && c <= '9') {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else if (c >= 'A' && c <= 'Z') {
      remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
    } else {
      return false;
    }
  }
  return remainder == 1;
}

std::vector<IdentifierMention> FindIdentifiers(std::string_view utf8_text) {
  std::vector<IdentifierMention> found;
  FindEmails(utf8_text, &found);
  FindIbans(utf8_text, &found);
  std::sort(found.begin(), found.end(),
            [](const IdentifierMention& a, const IdentifierMention& b) { return a.begin < b.begin; });
  std::vector<IdentifierMention> phones;
  FindPhones(utf8_text, &phones);
  const size_t strong = found.size();
  std::vector<IdentifierMention> kept;
  for (auto& p : phones) {
    if (!Overlaps(found, p)) kept.push_back(std::move(p));
  }
  for (auto& p : kept) found.push_back(std::move(p));
  std::inplace_merge(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(strong), found.end(),
                     [](const IdentifierMention& a, const IdentifierMention& b) { return a.begin < b.begin; });
  return found;
}

const char* IdentifierTypeName(IdentifierType type) {
  switch (type) {
    case IdentifierType::kEmail: return "email";
    case IdentifierType::kPhone: return "phone";
    case IdentifierType::kIban: return "iban";
  }
  return "email";
}

}  // namespace leakgraph::ner
