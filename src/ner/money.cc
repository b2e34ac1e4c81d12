#include "ner/money.h"

#include "text/scan_tokens.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cmath>
#include <optional>
#include <unordered_map>

namespace leakgraph::ner {
namespace {

// ---------------------------------------------------------------------------
// Lexing (the same token model as dates.cc: numbers, folded words, symbols).

using Token = text::ScanToken;
using TokenKind = text::ScanTokenKind;

std::string Fold(std::string_view word) { return text::FoldForMatching(word); }
std::vector<Token> Lex(std::string_view s) { return text::LexForScanning(s); }

// ---------------------------------------------------------------------------
// Vocabulary.

// A currency family named by a word; the nationality picks the ISO code.
enum class Family { kDollar, kEuro, kDinar, kRiyal, kRial, kDirham, kPound, kLira, kToman, kCode };

struct CurrencyWord {
  Family family;
  const char* default_code;  // nullptr: needs an adjective ("pounds")
};

template <typename V>
using FoldedTable = std::unordered_map<std::string, V>;

const FoldedTable<CurrencyWord>& CurrencyWords() {
  static const auto* table = [] {
    auto* t = new FoldedTable<CurrencyWord>;
    auto add = [t](Family f, const char* code, std::initializer_list<const char*> words) {
      for (const char* w : words) (*t)[Fold(w)] = {f, code};
    };
    add(Family::kDollar, "USD", {"dollar", "dollars", "دولار", "دولارات", "الدولارات", "دلار"});
    add(Family::kEuro, "EUR", {"euro", "euros", "يورو"});
    add(Family::kDinar, "IQD", {"dinar", "dinars", "دينار", "دنانير", "الدنانير"});
    add(Family::kRiyal, "SAR", {"riyal", "riyals", "ريال", "ريالات"});
    add(Family::kRial, "IRR", {"rial", "rials"});
    add(Family::kDirham, "AED", {"dirham", "dirhams", "درهم", "دراهم"});
    add(Family::kPound, nullptr, {"pound", "pounds"});
    add(Family::kPound, "EGP", {"جنيه", "جنيهات"});
    add(Family::kPound, "GBP", {"sterling", "پوند"});
    add(Family::kLira, "TRY", {"lira", "liras", "ليرة", "ليرات", "لیر"});
    add(Family::kToman, "IRR", {"toman", "tomans", "تومان", "تومن"});
    return t;
  }();
  return *table;
}

// Nationality adjectives ("Iraqi dinars", "دينار كويتي", "دلار آمریکا") to
// two-letter country codes.
const FoldedTable<std::string>& Nationalities() {
  static const auto* table = [] {
    auto* t = new FoldedTable<std::string>;
    auto add = [t](const char* country, std::initializer_list<const char*> words) {
      for (const char* w : words) {
        const std::string f = Fold(w);
        (*t)[f] = country;
        if (static_cast<unsigned char>(f[0]) >= 0x80) {  // Arabic: feminine and definite forms
          (*t)[f + Fold("ة")] = country;
          (*t)[Fold("ال") + f] = country;
          (*t)[Fold("ال") + f + Fold("ة")] = country;
        }
      }
    };
    add("US", {"us", "american", "أمريكي", "أميركي", "آمریکا", "آمریکایی"});
    add("IQ", {"iraqi", "عراقي", "عراق"});
    add("KW", {"kuwaiti", "كويتي"});
    add("JO", {"jordanian", "أردني"});
    add("SA", {"saudi", "سعودي"});
    add("IR", {"iranian", "إيراني", "ایران", "ایرانی"});
    add("AE", {"emirati", "uae", "إماراتي"});
    add("QA", {"qatari", "قطري"});
    add("OM", {"omani", "عماني"});
    add("SY", {"syrian", "سوري"});
    add("LB", {"lebanese", "لبناني"});
    add("EG", {"egyptian", "مصري"});
    add("TR", {"turkish", "تركي"});
    add("GB", {"british", "sterling", "إسترليني", "استرليني"});
    add("BH", {"bahraini", "بحريني"});
    add("YE", {"yemeni", "يمني"});
    return t;
  }();
  return *table;
}

// The ISO code for a family with a nationality, or nullptr if there is none.
const char* CodeFor(Family family, const std::string& country) {
  struct Row { Family family; const char* country; const char* code; };
  static constexpr Row kRows[] = {
      {Family::kDollar, "US", "USD"}, {Family::kDinar, "IQ", "IQD"},  {Family::kDinar, "KW", "KWD"},
      {Family::kDinar, "JO", "JOD"},  {Family::kDinar, "BH", "BHD"},  {Family::kRiyal, "SA", "SAR"},
      {Family::kRiyal, "IR", "IRR"},  {Family::kRiyal, "QA", "QAR"},  {Family::kRiyal, "OM", "OMR"},
      {Family::kRiyal, "YE", "YER"},  {Family::kRial, "IR", "IRR"},   {Family::kRial, "OM", "OMR"},
      {Family::kDirham, "AE", "AED"}, {Family::kPound, "GB", "GBP"},  {Family::kPound, "EG", "EGP"},
      {Family::kPound, "SY", "SYP"},  {Family::kPound, "LB", "LBP"},  {Family::kLira, "TR", "TRY"},
      {Family::kLira, "SY", "SYP"},   {Family::kLira, "LB", "LBP"}};
  for (const Row& row : kRows) {
    if (row.family == family && country == row.country) return row.code;
  }
  return nullptr;
}

bool IsIsoCode(const Token& t) {
  static const auto* codes = new FoldedTable<bool>{
      {"usd", true}, {"iqd", true}, {"irr", true}, {"eur", true}, {"gbp", true}, {"sar", true},
      {"aed", true}, {"kwd", true}, {"jod", true}, {"syp", true}, {"lbp", true}, {"try", true},
      {"chf", true}, {"qar", true}, {"bhd", true}, {"omr", true}, {"egp", true}, {"yer", true},
      {"afn", true}, {"cny", true}, {"rub", true}, {"jpy", true}, {"cad", true}, {"aud", true}};
  return t.kind == TokenKind::kWord && t.all_caps && t.folded.size() == 3 && codes->count(t.folded);
}

const char* SymbolCode(char32_t symbol) {
  switch (symbol) {
    case '$': return "USD";
    case 0x20AC: return "EUR";
    case 0x00A3: return "GBP";
    case 0x00A5: return "JPY";
    default: return nullptr;
  }
}

// Scale words: the power of ten they multiply by. `glued_only` words ("k",
// "m", "bn") count only written against the number or as a unit after it.
struct ScaleWord {
  int power;
  bool latin_letter;  // "k", "m", "b": too ambiguous unless glued to the number
};

const FoldedTable<ScaleWord>& ScaleWords() {
  static const auto* table = [] {
    auto* t = new FoldedTable<ScaleWord>;
    for (const char* w : {"thousand", "thousands", "ألف", "آلاف", "الف", "هزار"}) (*t)[Fold(w)] = {3, false};
    for (const char* w : {"million", "millions", "mn", "mln", "مليون", "ملايين", "میلیون", "ملیون"}) {
      (*t)[Fold(w)] = {6, false};
    }
    for (const char* w : {"billion", "billions", "bn", "مليار", "مليارات", "بليون", "میلیارد"}) {
      (*t)[Fold(w)] = {9, false};
    }
    for (const char* w : {"trillion", "tn", "تريليون", "ترليون", "تریلیون"}) (*t)[Fold(w)] = {12, false};
    (*t)["k"] = {3, true};
    (*t)["m"] = {6, true};
    (*t)["b"] = {9, true};
    return t;
  }();
  return *table;
}

// ---------------------------------------------------------------------------
// The scanner.

struct Amount {
  __int128 units = 0;
  int scale = 0;
  size_t last = 0;  // index of the amount's last token
};

class MoneyScanner {
 public:
  MoneyScanner(std::string_view text, const std::vector<Token>& tokens) : text_(text), tokens_(tokens) {}

  std::vector<MoneyMention> Run() {
    std::vector<MoneyMention> out;
    for (size_t i = 0; i < tokens_.size();) {
      size_t last = i;
      if (auto m = MatchAt(i, &last)) {
        out.push_back(std::move(*m));
        i = last + 1;
      } else {
        ++i;
      }
    }
    return out;
  }

 private:
  const Token* At(size_t i) const { return i < tokens_.size() ? &tokens_[i] : nullptr; }
  bool Glued(size_t i) const { return At(i) && !At(i)->space_before; }
  bool IsKind(size_t i, TokenKind k) const { return At(i) && At(i)->kind == k; }
  bool IsSymbol(size_t i, char32_t c) const { return IsKind(i, TokenKind::kSymbol) && At(i)->symbol == c; }

  // A glued digit group after a separator: ",000".
  bool GluedGroup(size_t i, size_t digits) const {
    return Glued(i) && Glued(i + 1) && IsKind(i + 1, TokenKind::kNumber) &&
           (digits == 0 || At(i + 1)->digits.size() == digits);
  }

  std::optional<ScaleWord> Scale(size_t i) const {
    if (!IsKind(i, TokenKind::kWord)) return {};
    auto it = ScaleWords().find(At(i)->folded);
    if (it == ScaleWords().end()) return {};
    if (it->second.latin_letter && !Glued(i)) return {};
    return it->second;
  }

  // "45,000", "2.5", "٢٥٠٬٠٠٠", "۲/۵" (before a scale word) starting at number token i.
  std::optional<Amount> ParseAmount(size_t i) const {
    if (!IsKind(i, TokenKind::kNumber) || At(i)->digits.size() > 18) return {};
    if (i > 0 && Glued(i)) {  // not inside a longer number or word: "A45", "1.45"
      const Token& prev = tokens_[i - 1];
      if (prev.kind == TokenKind::kNumber || prev.kind == TokenKind::kWord) return {};
      if (prev.symbol == '.' || prev.symbol == ',' || prev.symbol == 0x066B || prev.symbol == 0x066C) return {};
    }
    std::string digits = At(i)->digits;
    size_t k = i;
    while ((IsSymbol(k + 1, ',') || IsSymbol(k + 1, 0x066C)) && GluedGroup(k + 1, 3) && digits.size() < 18) {
      digits += At(k + 2)->digits;
      k += 2;
    }
    int scale = 0;
    const bool slash_decimal = IsSymbol(k + 1, '/') && At(i)->native_digits && Scale(k + 3);
    if ((IsSymbol(k + 1, '.') || IsSymbol(k + 1, 0x066B) || slash_decimal) && GluedGroup(k + 1, 0) &&
        At(k + 2)->digits.size() <= 6) {
      digits += At(k + 2)->digits;
      scale = static_cast<int>(At(k + 2)->digits.size());
      k += 2;
    }
    if (digits.size() > 18) return {};
    // Not followed by more of a number: "1.2.3", "45,00,000".
    if (Glued(k + 1) && (IsKind(k + 1, TokenKind::kNumber) ||
                         ((IsSymbol(k + 1, ',') || IsSymbol(k + 1, '.') || IsSymbol(k + 1, '/')) &&
                          GluedGroup(k + 1, 0)))) {
      return {};
    }
    Amount a;
    for (char d : digits) a.units = a.units * 10 + (d - '0');
    a.scale = scale;
    a.last = k;
    return a;
  }

  // Applies scale words after the amount ("2.5 million", "45k").
  void ApplyScales(Amount* a) const {
    while (auto s = Scale(a->last + 1)) {
      if (a->units > (static_cast<__int128>(1) << 100)) return;
      for (int p = 0; p < s->power; ++p) a->units *= 10;
      ++a->last;
    }
  }

  // A currency word with its nationality adjectives at i (English adjective
  // before, Arabic/Persian after). Sets *last.
  const char* CurrencyAfter(size_t i, size_t* last, bool* toman) const {
    std::string country;
    if (IsKind(i, TokenKind::kWord) && !At(i)->folded.empty() && At(i)->folded[0] >= 'a' &&
        At(i)->folded[0] <= 'z') {
      auto adj = Nationalities().find(At(i)->folded);
      if (adj != Nationalities().end() && IsKind(i + 1, TokenKind::kWord)) {
        country = adj->second;
        ++i;
      }
    }
    if (!IsKind(i, TokenKind::kWord)) return nullptr;
    if (IsIsoCode(*At(i))) {
      *last = i;
      return CodeString(At(i)->folded);
    }
    auto word = CurrencyWords().find(At(i)->folded);
    if (word == CurrencyWords().end()) return nullptr;
    *last = i;
    Family family = word->second.family;
    const char* code = word->second.default_code;
    if (family == Family::kRiyal && At(i)->farsi_yeh) family = Family::kRial, code = "IRR";
    if (IsKind(i + 1, TokenKind::kWord)) {
      const std::string& next = At(i + 1)->folded;
      auto adj = Nationalities().find(next);
      if (adj != Nationalities().end() && (next[0] & 0x80)) {
        country = adj->second;
        *last = i + 1;
      }
      if (next == "sterling") country = "GB", *last = i + 1;
    }
    if (!country.empty()) {
      const char* specific = CodeFor(family, country);
      if (specific != nullptr) code = specific;
    }
    *toman = family == Family::kToman;
    return code;
  }

  static const char* CodeString(const std::string& folded_code) {
    static const auto* upper = [] {
      auto* t = new FoldedTable<std::string>;
      for (const char* c : {"usd", "iqd", "irr", "eur", "gbp", "sar", "aed", "kwd", "jod", "syp", "lbp",
                            "try", "chf", "qar", "bhd", "omr", "egp", "yer", "afn", "cny", "rub", "jpy",
                            "cad", "aud"}) {
        std::string u(c);
        for (char& ch : u) ch = static_cast<char>(ch - 'a' + 'A');
        (*t)[c] = u;
      }
      return t;
    }();
    auto it = upper->find(folded_code);
    return it == upper->end() ? nullptr : it->second.c_str();
  }

  // A currency written before the amount: "$", "US$", "€", "IQD". Sets *next
  // to the token after it.
  const char* CurrencyBefore(size_t i, size_t* next) const {
    if (IsKind(i, TokenKind::kWord) && At(i)->folded == "us" && At(i)->all_caps && IsSymbol(i + 1, '$') &&
        Glued(i + 1)) {
      *next = i + 2;
      return "USD";
    }
    if (IsKind(i, TokenKind::kSymbol)) {
      *next = i + 1;
      return SymbolCode(At(i)->symbol);
    }
    if (At(i) && IsIsoCode(*At(i))) {
      *next = i + 1;
      return CodeString(At(i)->folded);
    }
    return nullptr;
  }

  std::optional<MoneyMention> MatchAt(size_t i, size_t* last) const {
    size_t next = 0;
    if (const char* code = CurrencyBefore(i, &next)) {
      auto amount = ParseAmount(next);
      if (!amount) return {};
      ApplyScales(&*amount);
      *last = amount->last;
      return Build(i, *last, *amount, code, false);
    }
    if (auto amount = ParseAmount(i)) {
      ApplyScales(&*amount);
      bool toman = false;
      size_t end = 0;
      const char* code = CurrencyAfter(amount->last + 1, &end, &toman);
      if (code == nullptr && IsKind(amount->last + 1, TokenKind::kSymbol) && Glued(amount->last + 1) ) {
        code = SymbolCode(At(amount->last + 1)->symbol);  // "10,000€"
        end = amount->last + 1;
      }
      if (code == nullptr) return {};
      *last = end;
      return Build(i, *last, *amount, code, toman);
    }
    // "مليون دينار": a non-Latin scale word alone means one of it.
    if (auto scale = Scale(i); scale && (At(i)->folded[0] & 0x80)) {
      Amount one;
      one.units = 1;
      one.last = i - 1;
      ApplyScales(&one);
      bool toman = false;
      size_t end = 0;
      const char* code = CurrencyAfter(one.last + 1, &end, &toman);
      if (code == nullptr) return {};
      *last = end;
      return Build(i, *last, one, code, toman);
    }
    return {};
  }

  std::optional<MoneyMention> Build(size_t first, size_t last, Amount amount, const char* code,
                                    bool toman) const {
    if (toman) amount.units *= 10;
    while (amount.scale > 0 && amount.units % 10 == 0) {
      amount.units /= 10;
      --amount.scale;
    }
    if (amount.units > INT64_MAX) return {};
    MoneyMention m;
    m.begin = tokens_[first].begin;
    m.end = tokens_[last].end;
    m.text = std::string(text_.substr(m.begin, m.end - m.begin));
    m.amount_units = static_cast<int64_t>(amount.units);
    m.amount_scale = amount.scale;
    m.currency = code;
    m.stated_in_toman = toman;
    return m;
  }

  std::string_view text_;
  const std::vector<Token>& tokens_;
};

}  // namespace

double MoneyMention::amount() const {
  return static_cast<double>(amount_units) / std::pow(10.0, amount_scale);
}

std::vector<MoneyMention> FindMoney(std::string_view utf8_text) { return FindMoney(utf8_text, Lex(utf8_text)); }

std::vector<MoneyMention> FindMoney(std::string_view utf8_text, const std::vector<text::ScanToken>& lexed) {
  return MoneyScanner(utf8_text, lexed).Run();
}

}  // namespace leakgraph::ner
