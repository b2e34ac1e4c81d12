// Identifiers that tie documents together: e-mail addresses, phone numbers
// and IBANs.
//
//  * Email: ASCII local part and domain ("a.b+c@mail.example.iq"), the domain
//    with a dot and a letter TLD. Normalised to lower case.
//  * Phone: "+964 770 123 4567", "00964 770 123 4567", "(202) 555-0143",
//    "202-555-0143", Iranian mobiles "09121234567" / "۰۹۱۲ ۱۲۳ ۴۵۶۷", and local
//    numbers starting with 0 written in groups ("0770 123 4567"). Digits may be
//    ASCII, Arabic-Indic or Persian. Normalised to "+<digits>" when the country
//    is known ("+" or "00" prefix; Iranian 09 mobiles become +98; NANP
//    "(202) 555-0143" and 3-3-4 dashed numbers become +1), else to the bare
//    digits ("07701234567"). Never matched: runs inside words or longer digit
//    runs, date shapes (4-2-2, 2-2-4 groups), plain years, groups of two-digit
//    numbers, and space-separated groups that neither start with 0 nor carry a
//    "+" or an area code in parentheses (tables of figures look like that).
//  * IBAN: country code, two check digits and the national part, spaced in
//    fours or not, upper case ASCII; the length must match the country and the
//    mod-97 checksum must hold. Normalised without spaces.
// Linear in the input; never throws on any byte sequence. Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace leakgraph::ner {

enum class IdentifierType { kEmail, kPhone, kIban };

struct IdentifierMention {
  size_t begin = 0;  // byte offsets into the input: [begin, end)
  size_t end = 0;
  std::string text;  // the input bytes [begin, end), unchanged
  IdentifierType type = IdentifierType::kEmail;
  std::string normalized;  // see the file comment
};

// Returns the identifiers in `utf8_text`, ordered by offset, not overlapping
// (IBANs and e-mails win over phone numbers inside them).
std::vector<IdentifierMention> FindIdentifiers(std::string_view utf8_text);

// Returns true iff `iban` (upper case, no spaces) has a known country length
// and a valid ISO 7064 mod-97 checksum.
bool IsValidIban(std::string_view iban);

const char* IdentifierTypeName(IdentifierType type);  // "email", "phone", "iban"

}  // namespace leakgraph::ner
