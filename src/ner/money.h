// Money mentions in English, Arabic and Persian text: an amount and an
// ISO 4217 currency.
//
// Recognised shapes (digits ASCII, Arabic-Indic or Persian):
//  * symbol or code first: "$45,000", "US$ 2.5 million", "€10,000", "£3m",
//    "IQD 750,000", "USD 5 bn".
//  * amount first: "45,000 dollars", "3.5 million dinars", "250 euros",
//    "45,000 US dollars", "10,000€", "750,000 IQD", "٢٥٠ ألف دولار",
//    "٢٥٠٬٠٠٠ دولار", "۱۲ میلیون تومان", "۵۰۰ هزار ریال", "۱۲٬۵۰۰٬۰۰۰ ریال",
//    "۲/۵ میلیون دلار" (Persian slash decimal, only before a scale word).
//  * a scale word alone means one of it: "مليون دينار" = 1,000,000 IQD.
// Thousands separators: "," and U+066C; decimal points: "." and U+066B.
// Scale words: thousand/k, million/m/mn/mln, billion/bn, trillion; ألف آلاف
// مليون ملايين مليار بليون; هزار میلیون میلیارد.
//
// Currency choices, documented because text is often vague:
//  * "$" and bare "dollar(s)"/دولار/دلار are USD; bare dinar is IQD; bare
//    "riyal"/Arabic ريال is SAR, but "rial" and Persian ریال (Farsi yeh) are
//    IRR; a nationality adjective overrides ("Kuwaiti dinars", "ريال إيراني").
//  * "pound(s)" counts only with an adjective or "sterling" (it is also a weight);
//    Arabic جنيه alone is EGP.
//  * Toman is not an ISO currency: amounts in toman are converted to IRR at
//    10 rials per toman, and stated_in_toman is set.
// Plain numbers never match ("1,200 soldiers", "page 12").
//
// Amounts are exact: amount_units / 10^amount_scale (no floating point on the
// way in). Amounts that overflow int64 are dropped. Linear in the input;
// never throws on any byte sequence. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/scan_tokens.h"

namespace leakgraph::ner {

struct MoneyMention {
  size_t begin = 0;  // byte offsets into the input: [begin, end)
  size_t end = 0;
  std::string text;  // the input bytes [begin, end), unchanged
  int64_t amount_units = 0;  // the amount is amount_units / 10^amount_scale
  int amount_scale = 0;      // digits after the decimal point, 0 for whole amounts
  std::string currency;      // ISO 4217: "USD", "IQD", "IRR", ...
  bool stated_in_toman = false;  // the text said toman; the amount is in rials

  // The amount as a double, for display and rough comparison only.
  double amount() const;
};

// Returns the money mentions in `utf8_text`, in order, not overlapping.
std::vector<MoneyMention> FindMoney(std::string_view utf8_text);
// The same over `lexed` == text::LexForScanning(utf8_text), lexed once for FindDates too.
std::vector<MoneyMention> FindMoney(std::string_view utf8_text, const std::vector<text::ScanToken>& lexed);

}  // namespace leakgraph::ner
