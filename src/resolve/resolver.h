// Alias clustering: which PERSON, ORG and LOCATION mentions of a case name
// the same entity, and why.
//
// Within a document: a repeated name; a short form (bare surname or given
// name, honorific + surname, an initial + surname) joins the nearest full
// name of the same document that carries its word; an acronym joins the organisation whose initials
// it spells; an organisation or place joins a longer name of the same document
// that contains it ("Ministry of Foreign Affairs" in "Varenian Ministry of
// Foreign Affairs"). Across documents: equal name keys (name_key.h; a full
// person name the NER typed ORG or LOCATION joins the person of that key), a small
// built-in alias table (UAE / United Arab Emirates), and Arabic-script names
// matched to Latin ones by the learned transliteration model.
//
// Across the case, a short form whose document holds no full name carrying
// its word joins the one person of the case whose full names carry it (as
// given name or surname; an initial must match the given name):
// "short-form-case". When several people carry it, context decides: the one
// sharing the mention's role group ("General Tavanaei": the general, not his
// son; "short-form-role"), else the one already named in the same document
// ("Tariq ... Marzouqi": "short-form-context"), else, when the text calls it
// kin of one of two carriers ("Tariq al-Marzouqi. His brother al-Marzouqi"),
// the other ("short-form-kin"); otherwise it stays apart (two men named
// Mohammed). Words carried by more than 8 people are never joined.
//
// Guards, checked at every automatic join: two people whose full names have
// incompatible given names or surnames (Kourosh vs Arash Tavanaei; Mohammed
// Ali vs Mohammed Hassan) stay apart, and so do two people written as family
// of each other ("X, son of Y") and two clusters whose roles belong to
// different occupation groups (RoleGroup: "Colonel Mohammed Ali" and
// "Mohammed Ali, the journalist").
//
// Then the analyst's decisions are replayed in order. They name entities by
// alias texts, never by ids, so they survive re-analysis and re-ingest.
//
// Blocking is by sorting and hashing: O(n log n) in the mentions, plus the
// transliteration scoring of distinct names within small blocks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "resolve/name_rules.h"
#include "resolve/transliteration.h"

namespace leakgraph::resolve {

struct ResolverMention {
  std::int64_t id = 0;
  std::int64_t document = 0;
  std::string type;  // PERSON, ORG, LOCATION (others are ignored)
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;
  std::string following;  // the document's text right after the mention (for the family guard)
  std::string role;  // the roles the analyse stage attached to it ("General", "السفير"), ";"-separated
};

// One analyst decision. Entities are named by an alias text (`entity`,
// `other`): the cluster holding most mentions with that exact text.
struct AnalystDecision {
  std::string
      action;  // merge (entity + other), split (entity, alias), rename (entity, name), reject (entity)
  std::string entity;
  std::string other;  // merge: the second entity's alias; split: the alias; rename: the new name
};

struct ResolvedAlias {
  std::string alias;
  std::string script;  // latin, arabic, persian
  std::int64_t count = 0;
  std::string reason;
};

struct ResolvedMention {
  std::int64_t id = 0;
  std::string reason;  // seed, same-name, short-form, short-form-case, short-form-role,
                       // short-form-context, short-form-kin, short-form-retyped, acronym,
                       // contained-name, alias-table, name-key, name-key-retyped,
                       // transliteration, analyst-merge, analyst-split
  double score = 1.0;
};

struct ResolvedEntity {
  std::string type;
  std::string name;
  std::string created_by = "resolver";
  std::vector<ResolvedAlias> aliases;  // most frequent first
  std::vector<ResolvedMention> mentions;
};

struct ResolverOptions {
  const TransliterationModel* model = nullptr;  // no cross-script matching when null
  // Minimum of ScoreLatinCandidate per Arabic-script letter for a transliteration join. Chosen
  // on the sample archive's gold (examples/sample-gold/entities.tsv): its true pairs score
  // -0.9 to -2.2, the best wrong candidates in their blocks -6.6 and below.
  double transliteration_threshold = -4.0;
};

struct ResolveResult {
  std::vector<ResolvedEntity> entities;  // by type, then name
  std::size_t decisions_applied = 0;
  std::size_t decisions_skipped = 0;  // naming an alias no mention has any more
};

// Clusters `mentions` (any order) and replays `decisions` in order.
ResolveResult ResolveEntities(const std::vector<ResolverMention>& mentions,
                              const std::vector<AnalystDecision>& decisions, const ResolverOptions& options);

}  // namespace leakgraph::resolve
