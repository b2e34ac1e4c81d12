// Roles: titles and functions ("deputy foreign minister", "station chief",
// سفير, رئیس ستاد) in English, Arabic and Persian text, and the person each
// one describes when the sentence says so.
//
// A role is found from a lexicon of role heads ("minister", وزير, سرهنگ) and
// the modifiers that may precede them ("deputy", "foreign", نائب, معاون),
// matched on folded tokens (text::FoldWord), so spelling variants (ي/ی,
// ة/ه, harakat, ZWNJ) and Arabic clitics (ال، بال، و) do not matter. A role
// extends over a stated organisation or place: "of/for/at ORG" in English,
// the idafa "رئیس ایستگاه تل حریر" in Arabic script, whose text becomes the
// role's `org`.
//
// A role is attached to a PERSON span of the same sentence only in the
// constructions that state the link: "ROLE PERSON", "PERSON, ROLE",
// "PERSON (ROLE)", "PERSON is/was/has been/serves as/was appointed ROLE",
// "ROLE, PERSON,", in Arabic script also "PERSON ROLE" and بصفته ROLE. A role
// in another clause attaches to no one. Words that are roles only sometimes
// ("general", "head", لواء) are kept only when attached or qualified.
//
// This module only reads: it knows nothing of models or the store. It is fed
// the NER's spans (analyse/analyser.cc) and returns byte offsets.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ner/entity.h"
#include "text/tokenize.h"

namespace leakgraph::ner {

struct RoleMention {
  size_t begin = 0;  // byte offsets of the role, with its organisation: [begin, end)
  size_t end = 0;
  std::string normalized;  // folded title words: "deputy foreign minister", "السفیر الکستری"
  std::string org;         // the organisation or place the text gives for the role, as written; may be empty
  std::optional<size_t> person;  // index into RoleAnalysis::entities of the PERSON described
};

struct RoleAnalysis {
  // The input entities, in input order, with titles cut off the front of
  // PERSON spans ("Deputy Foreign Minister Adnan al-Shaheri" -> "Adnan al-Shaheri").
  // A PERSON span that held only a title ("Deputy minister") is left empty
  // (begin == end): it names no one.
  std::vector<EntitySpan> entities;
  std::vector<RoleMention> roles;  // in text order
};

// Returns the roles of `text` given its entity spans (byte offsets into
// `text`, any order; MISC spans are ignored). Never throws; any byte string
// is accepted. Thread-safe.
RoleAnalysis FindRoles(std::string_view text, const std::vector<EntitySpan>& entities);
// The same over a text already tokenised.
RoleAnalysis FindRoles(const text::TokenizedText& text, const std::vector<EntitySpan>& entities);

}  // namespace leakgraph::ner
