// The link stage: the ties a document's text states between the people,
// organisations and places the analyse stage found in it.
//
// A typed tie needs words that say it. Each sentence is read once: trigger
// phrases from a lexicon (English, Arabic, Persian; matched on folded tokens,
// so ي/ی, ة/ه, harakat and Arabic clitics such as و ب ل ال do not matter) are
// looked up outside entity mentions, and each trigger takes its arguments from
// the nearest eligible mentions around it in the word orders of the three
// languages:
//   between      "A met with B", "A, the head of B", "B is run by A" (reversed)
//   after both   Persian SOV "A با B دیدار کرد", English "A and B met"
//   before both  Arabic VSO "التقى A ب B", "a meeting between A and B"
// Arguments must have the types the tie allows (leads: PERSON -> ORG or
// LOCATION; paid: PERSON/ORG -> PERSON/ORG, with an amount of money in the
// sentence for verbs such as "sent" or "gave"; ...), and be within a few
// tokens of the trigger. Coordinated arguments ("A met B and C") each get the
// tie. A role the analyse stage attached to a person together with an
// organisation ("the managing director of Crescent Horizon", رئيس ستاد ...)
// gives leads (a head: director, chief, رئيس, فرمانده) or member_of (any
// other role, or a deputy).
//
// Anaphora: some words stand for an entity named before them, and take its
// place as an argument (the tie is the antecedent's; its evidence stays the
// sentence and the words that state it):
//   - a pronoun opening a sentence ("He", "She", "His", "Her", هو, هي, او)
//     stands for the subject (first PERSON) of the nearest of the two previous
//     sentences that has one; a family noun right after such a "His"/"Her"
//     states kinship ("His son Arash ..." -> family);
//   - "its" stands for the organisation named last within two sentences;
//   - a definite organisation noun ("the foundation", الحركة, Persian بنیاد used
//     alone) for the last of the 32 organisations named before whose name has it.
// A sentence whose subject opens it and stands more than 8 tokens before the
// trigger ("He is known in Tal Harir as ... and is a close ally of B") still
// gives the subject when no other candidate stands between. Anaphors take part
// in typed ties only, never in co_mention or dated ones. An object pronoun
// right after a trigger ("She told me that X ...") blocks the names after it.
// One name, one type per document: a one-word LOCATION that the document also
// calls a person (a titled one counts twice), or that is the surname of a
// person it names, is read as that person when person readings outnumber
// place readings.
//
// Besides typed ties it records co_mention (two entities in one sentence: a
// weight, not a claim; at most kMaxCoMentionPairs pairs a sentence), dated
// (each entity of a sentence with each normalised DATE of it: the timeline)
// and communicated_with from e-mail headers (From -> To and Cc), whose
// evidence is the header line.
//
// Pure functions over their inputs; thread-safe; linear in the text (a
// sentence has at most 256 tokens); never throws.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"
#include "text/tokenize.h"

namespace leakgraph::link {

// Bumped whenever a change to this stage changes its output; stored in
// documents.linked, so that `leakgraph link` re-links older documents.
inline constexpr int kLinkerVersion = 3;

inline constexpr std::size_t kMaxCoMentionPairs = 45;

// Appends a PERSON mention for each named party of an e-mail's From, To and
// Cc headers (`metadata` as the e-mail handler stores it: "Name <addr>, ...")
// to `mentions`. Such a mention is not in the text: its offsets are 0 and its
// extra is {"header":"from"|"to"|"cc","address":...}. Parties with only an
// address are skipped: an address is not a name.
void AddHeaderParties(const std::map<std::string, std::string>& metadata, std::vector<store::Mention>& mentions);

// Returns the relations `text` states between `mentions` (found in `text`,
// byte offsets; header parties from AddHeaderParties included). `language`
// is the document's ("en", "ar", "fa", ...): it orders the word-order
// patterns tried for Arabic-script sentences. Relation indexes refer to
// `mentions`. Only the first `max_bytes` of the text are read.
//
// If `stated_at` is given, it receives one entry per returned relation: the
// byte spans of the words that name its source and its target in the text,
// which are the anaphor's ("He", "its", "the foundation") where one stood for
// the argument, and the mention's own span otherwise.
struct ArgumentSpans {
  std::size_t source_begin = 0, source_end = 0;
  std::size_t target_begin = 0, target_end = 0;
};
std::vector<store::Relation> LinkDocument(std::string_view text, std::string_view language,
                                          const std::vector<store::Mention>& mentions,
                                          std::size_t max_bytes = 4u << 20,
                                          std::vector<ArgumentSpans>* stated_at = nullptr);
// The same over a text already cut to `max_bytes` and tokenised (the analyser's).
std::vector<store::Relation> LinkDocument(const text::TokenizedText& tokenized, std::string_view language,
                                          const std::vector<store::Mention>& mentions,
                                          std::vector<ArgumentSpans>* stated_at = nullptr);

}  // namespace leakgraph::link
