// The Xapian mapping of a document, in one table (after notmuch): every
// user-facing field name, its term prefix, and whether it is a boolean
// (exact) or a free-text field. The same table drives indexing and query
// parsing, so the two cannot drift apart.
//
// Value slots are a fixed enum. Document data is a small JSON object
// (title, path, lang, type, date) so a result can be shown from the index alone.
#pragma once

#include <array>
#include <string_view>

namespace leakgraph::index {

struct FieldPrefix {
  std::string_view name;    // as typed in a query: "title" in title:word
  std::string_view prefix;  // Xapian term prefix
  bool boolean;             // exact-match filter (true) or free text (false)
};

inline constexpr std::array<FieldPrefix, 13> kFieldPrefixes = {{
    {"title", "S", false},
    {"subject", "S", false},
    {"from", "XFROM", false},
    {"to", "XTO", false},
    {"path", "XPATH", false},
    {"tag", "K", true},
    {"lang", "L", true},
    {"type", "T", true},
    {"id", "Q", true},
    // Entity mentions found by the analyse stage, as free text: person:tavanaei.
    {"person", "XPER", false},
    {"org", "XORG", false},
    {"place", "XLOC", false},
    // Roles of people (ner/roles.h), as free text: role:ambassador.
    {"role", "XROLE", false},
}};

// Boolean facet terms, one per distinct entity of a document: prefix +
// FoldForSearch(normalized name). Counted over search results (--facets);
// all share kEntityFacetPrefix so one skip_to finds them in a term list.
inline constexpr std::string_view kEntityFacetPrefix = "XE";
inline constexpr std::string_view kPersonFacetPrefix = "XEP";
inline constexpr std::string_view kOrganizationFacetPrefix = "XEO";
inline constexpr std::string_view kLocationFacetPrefix = "XEL";
inline constexpr std::string_view kRoleFacetPrefix = "XER";  // by folded title: "deputy foreign minister"

// Unique-id term of a document: "Q" + content hash.
inline constexpr std::string_view kUniqueIdPrefix = "Q";

enum ValueSlot : unsigned {
  kDateSlot = 0,  // "YYYYMMDD" (string-sortable), absent when the document has no date
};

// Text beyond this many bytes is indexed without positions (phrases and NEAR
// then only match in the first part), to keep memory bounded on huge files.
inline constexpr std::size_t kPositionalTextLimit = 8u << 20;

}  // namespace leakgraph::index
