// Organisation names across scripts: "صرافة النور" and "صرافی النور" are the
// "Al-Noor Exchange", "حركة فارينيا الحرة" and "جنبش وارنیای آزاد" the "Free
// Varenia Movement", "مديرية الأمن الخارجي" the "Directorate of External
// Security". An organisation's name is mostly words that translate (exchange,
// movement, free, security) around a few that transliterate (Noor, Varenia):
// a person's name model alone cannot join them.
//
// A name becomes an OrgSignature: its generic words as concepts from a small
// glossary of English, Arabic and Persian organisation vocabulary (articles,
// clitics and spelling variants folded), and its other words as proper words.
// Two names of different scripts are one organisation when they have the same
// concepts and their proper words pair up by transliteration; one word left
// over on either side is allowed only if it names the organisation's country
// (a place of the case, or an Arabic place adjective: الكسترية). Weak
// concepts (company, trading, LLC, group) are ignored: a firm's name is
// written with and without them.
//
// Pure functions, thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace leakgraph::resolve {

struct OrgSignature {
  bool arabic = false;
  std::vector<std::string> concepts;  // sorted, distinct; never empty
  // The other words, in order: lower-case ASCII without the article for a
  // Latin name ("noor"), folded without article or clitic for an Arabic-script
  // one ("نور").
  std::vector<std::string> proper;
  // Per proper word: a place adjective ("Varenian", "الفارينية"), which may
  // stand for the organisation's country.
  std::vector<bool> place_adjective;
};

// The signature of an organisation's name, or nullopt when no word of it is a
// concept of the glossary (nothing to translate: same-script rules decide).
std::optional<OrgSignature> OrgSignatureOf(std::string_view name);

// Whether `arabic` (an Arabic-script signature) and `latin` (a Latin one) name
// one organisation. `same_word(arabic_word, latin_word)` tells whether two
// proper words are one word transliterated; `is_place_word(word)` whether a
// leftover word names a place of the case (either script).
bool SameOrganisation(const OrgSignature& arabic, const OrgSignature& latin,
                      const std::function<bool(std::string_view, std::string_view)>& same_word,
                      const std::function<bool(std::string_view)>& is_place_word);

}  // namespace leakgraph::resolve
