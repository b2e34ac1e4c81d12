// FollowTheMoney (FtM) export: the entity graph as FtM entities, one JSON
// object a line ({"id", "schema", "properties": {name: [strings]}}), which
// `ftm` tools and Aleph import.
//
// Entities: PERSON -> Person, ORG -> Organization, LOCATION -> Address (a
// place is a Thing other entities link to; its `full` is the name). Ties
// become interval entities whose ends respect the FtM ranges:
//   member_of -> Membership (member, organization)   when the target is an ORG
//   leads     -> Directorship (director, organization) when the target is an ORG
//   close_ties-> Associate (person, associate)       between two PERSONs
//   family    -> Family (person, relative)           between two PERSONs
//   paid      -> Payment (payer, beneficiary, amount, currency, date), one per
//                distinct (amount, currency, date) the evidence states
//   otherwise -> UnknownLink (subject, object, role = the tie type)
// Every tie entity has `proof` (the Document entities of its evidence),
// `summary` (its first evidence sentence) and `description` (every evidence
// span as "path [begin-end]: sentence"). Documents are Document entities
// (name and fileName from the path, title, mimeType, language, date).
// Only properties the schema defines are written; every value is a string.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "export/snapshot.h"

namespace leakgraph::exports {

// The FtM entities of `snapshot`: entities, then documents, then ties.
std::vector<nlohmann::json> FtmEntities(const GraphSnapshot& snapshot);

// Writes FtmEntities as JSON lines. Fails with kIoError if the stream fails.
Status WriteFtm(const GraphSnapshot& snapshot, std::ostream& out);

}  // namespace leakgraph::exports
