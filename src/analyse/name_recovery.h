// Names the statistical model missed, recovered from the surface of the text.
//
// The NER models are trained on news and Wikipedia; the names of a leak are
// new to them, and a name the model misses is a tie the linker cannot see.
// Three rules, each stating its evidence, add the names the text itself marks
// as names:
//
//  - an organisation designator that opens a name: "صرافة النور",
//    "حركة فارينيا الحرة", "شرکت افق هلال", "Directorate of External Security"
//    (RecoverDesignatedOrganisations);
//  - a person's title right before a name: "Kestrian Ambassador Reza
//    Kamalvand", "السيدة نادية القراوي", "سرتیپ توانایی"
//    (RecoverTitledPersons; the title is attached to the person);
//  - a name of two words or more that the model found in the document,
//    written again elsewhere in it (RecoverRepeatedNames).
//
// Recovered mentions have confidence kRecoveredConfidence and extra
// {"recovered": "designator" | "title" | "repeat"}. A recovered name never
// overlaps another mention, except that a designated organisation takes in
// the places and organisations the model found inside it ("حركة [فارينيا]
// الحرة" becomes one ORG). Pure functions over the text and the mentions;
// thread-safe; any byte string is accepted; linear in the text for a bounded
// number of names.
#pragma once

#include <string_view>
#include <vector>

#include "store/store.h"

namespace leakgraph::analyse {

inline constexpr double kRecoveredConfidence = 0.5;

// Adds ORG mentions for names opened by a designator word (Arabic, Persian)
// or made of a designator, "of" and capitalised words (English). `mentions`
// holds the entity mentions found so far (any order).
void RecoverDesignatedOrganisations(std::string_view text, std::vector<store::Mention>& mentions);

// Adds a PERSON mention for the name right after each ROLE mention that
// describes no one yet, when the role is a person's title and the words after
// it, on the same line, look like a name; attaches the role to it (both
// mentions' extra, as analyse's roles do). `mentions` holds the entity and
// ROLE mentions (after ner::FindRoles).
void RecoverTitledPersons(std::string_view text, std::vector<store::Mention>& mentions);

// Adds a mention for each other occurrence, at word boundaries, of a PERSON,
// ORG or LOCATION name of two words or more already among `mentions`, with
// the type most of that name's mentions have.
void RecoverRepeatedNames(std::string_view text, std::vector<store::Mention>& mentions);

}  // namespace leakgraph::analyse
