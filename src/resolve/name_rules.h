// The small pieces of text knowledge the resolver's rules use: scripts,
// acronyms, the built-in alias table, words that state family ties.
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace leakgraph::resolve {

// The words of `s`, split at ASCII white space.
std::vector<std::string> SplitWords(std::string_view s);

// "latin", "arabic" or "persian" (Arabic script with a Persian-only letter).
std::string ScriptOf(std::string_view name);
// True iff `text` ("DES", "I.A.E.A.") is an acronym: 2-6 capital letters, dots allowed.
bool IsAcronym(std::string_view text);
// The capital initials of the content words of `name` ("Directorate of External Security" -> "DES").
std::string Initials(std::string_view name);
// The canonical key of `name` in the built-in alias table ("UAE", "United Arab Emirates",
// "الإمارات العربية المتحدة" -> "uae"), or "" if it is not there.
std::string BuiltinAlias(std::string_view name);
// True iff `between` (the text from one person's name to the next) says they are family.
bool SaysFamily(std::string_view between);
// The occupation group a role or title states ("General", "العقيد", "سرهنگ" -> "military";
// "Ambassador", "السفير الكستري", "envoy" -> "diplomat"; "journalist", "reporter for ..." ->
// "journalist"), or "" for roles that say nothing exclusive ("head of ...", "treasurer").
// One person rarely holds two of these groups, so the resolver keeps apart clusters whose
// groups differ.
std::string RoleGroup(std::string_view role);

}  // namespace leakgraph::resolve
