// Test support: a compact copy of the FollowTheMoney schema rules and a
// checker of FtM JSON lines against them, shared by src/export/ftm_test.cc
// and tests/cli_export_test.cc. Header-only; not part of the library.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace leakgraph::exports::ftm_rules {

// A compact copy of the FollowTheMoney schema rules (followthemoney/schema/*.yaml,
// the 3.x line where Interval has `proof`): for each schema we may emit, its
// parents, its own properties, the required ones and, for entity properties,
// the schema the referenced entity must be (or descend from). Properties not
// listed here are ones leakgraph never writes; listing fewer only makes the
// check stricter.
struct SchemaRule {
  std::vector<std::string> parents;
  std::set<std::string> properties;
  std::set<std::string> required;
  std::map<std::string, std::string> ranges;  // entity property -> schema
  bool abstract = false;
};

inline const std::map<std::string, SchemaRule>& Rules() {
  static const std::map<std::string, SchemaRule> rules = {
      {"Thing",
       {{},
        {"name", "summary", "description", "country", "alias", "previousName", "weakAlias", "sourceUrl", "publisher",
         "publisherUrl", "alephUrl", "wikipediaUrl", "wikidataId", "keywords", "topics", "address", "addressEntity",
         "program", "notes", "proof", "indexText", "modifiedAt", "retrievedAt"},
        {"name"},
        {{"proof", "Document"}, {"addressEntity", "Address"}},
        true}},
      {"LegalEntity",
       {{"Thing"}, {"email", "phone", "website", "legalForm", "status", "sector", "registrationNumber", "idNumber",
                    "jurisdiction", "mainCountry"}, {}, {}, false}},
      {"Person", {{"LegalEntity"}, {"firstName", "lastName", "nationality", "position", "birthDate"}, {}, {}, false}},
      {"Organization", {{"LegalEntity"}, {}, {}, {}, false}},
      {"Address",
       {{"Thing"},
        {"full", "remarks", "postOfficeBox", "street", "street2", "city", "postalCode", "region", "state", "latitude",
         "longitude", "country", "osmId", "googlePlaceId"},
        {},
        {},
        false}},
      {"Document",
       {{"Thing"},
        {"contentHash", "title", "author", "generator", "crawler", "fileSize", "fileName", "extension", "encoding",
         "messageId", "mimeType", "language", "date", "authoredAt", "publishedAt", "parent", "ancestors"},
        {},
        {},
        false}},
      {"Interval",
       {{},
        {"startDate", "endDate", "date", "summary", "description", "recordId", "sourceUrl", "publisher",
         "publisherUrl", "alephUrl", "namesMentioned", "indexText", "modifiedAt", "retrievedAt", "proof"},
        {},
        {{"proof", "Document"}},
        true}},
      {"Interest", {{"Interval"}, {"role", "status"}, {}, {}, true}},
      {"Value", {{}, {"amount", "currency", "amountUsd", "amountEur"}, {}, {}, true}},
      {"Membership",
       {{"Interest"},
        {"member", "organization"},
        {"member", "organization"},
        {{"member", "LegalEntity"}, {"organization", "Organization"}},
        false}},
      {"Employment",
       {{"Interest"},
        {"employer", "employee"},
        {"employer", "employee"},
        {{"employer", "Organization"}, {"employee", "Person"}},
        false}},
      {"Directorship",
       {{"Interest"},
        {"director", "organization", "secretary"},
        {"director", "organization"},
        {{"director", "LegalEntity"}, {"organization", "Organization"}},
        false}},
      {"Associate",
       {{"Interval"},
        {"person", "associate", "relationship"},
        {"person", "associate"},
        {{"person", "Person"}, {"associate", "Person"}},
        false}},
      {"Family",
       {{"Interval"},
        {"person", "relative", "relationship"},
        {"person", "relative"},
        {{"person", "Person"}, {"relative", "Person"}},
        false}},
      {"Payment",
       {{"Interval", "Value"},
        {"payer", "beneficiary", "purpose", "sequenceNumber", "transactionNumber", "programme", "payerAccount",
         "beneficiaryAccount", "contract", "project"},
        {"payer", "beneficiary"},
        {{"payer", "LegalEntity"}, {"beneficiary", "LegalEntity"}},
        false}},
      {"UnknownLink",
       {{"Interest"}, {"subject", "object"}, {"subject", "object"}, {{"subject", "Thing"}, {"object", "Thing"}},
        false}},
  };
  return rules;
}

inline const std::set<std::string> kDateProperties = {"date", "startDate", "endDate", "authoredAt", "publishedAt",
                                               "modifiedAt", "retrievedAt", "birthDate"};

// Calls visit(rule) for `schema` and every ancestor.
template <typename Visit>
void ForLineage(const std::string& schema, Visit visit) {
  const auto it = Rules().find(schema);
  if (it == Rules().end()) return;
  visit(it->second);
  for (const auto& parent : it->second.parents) ForLineage(parent, visit);
}

inline bool IsA(const std::string& schema, const std::string& ancestor) {
  bool found = schema == ancestor;
  const auto it = Rules().find(schema);
  if (it == Rules().end()) return found;
  for (const auto& parent : it->second.parents) found = found || IsA(parent, ancestor);
  return found;
}

// Every violation of the rules in `lines` (JSON lines), one message each.
inline std::vector<std::string> Violations(const std::string& lines) {
  std::vector<std::string> errors;
  std::map<std::string, std::string> schema_of;
  std::vector<nlohmann::json> entities;
  std::istringstream in(lines);
  std::string line;
  while (std::getline(in, line)) {
    auto e = nlohmann::json::parse(line, nullptr, false);
    if (e.is_discarded() || !e.is_object()) {
      errors.push_back("not a JSON object: " + line);
      continue;
    }
    if (!e.contains("id") || !e["id"].is_string() || e["id"].get<std::string>().empty()) {
      errors.push_back("no id: " + line);
      continue;
    }
    const std::string id = e["id"];
    if (!schema_of.emplace(id, e.value("schema", "")).second) errors.push_back("duplicate id " + id);
    entities.push_back(std::move(e));
  }
  const std::regex iso(R"(^\d{4}(-\d{2}(-\d{2})?)?$)");
  for (const auto& e : entities) {
    const std::string id = e["id"];
    const std::string schema = e.value("schema", "");
    const auto rule = Rules().find(schema);
    if (rule == Rules().end() || rule->second.abstract) {
      errors.push_back(id + ": schema '" + schema + "' is not a concrete FtM schema we know");
      continue;
    }
    if (!e.contains("properties") || !e["properties"].is_object()) {
      errors.push_back(id + ": no properties object");
      continue;
    }
    std::set<std::string> allowed, required;
    std::map<std::string, std::string> ranges;
    ForLineage(schema, [&](const SchemaRule& r) {
      allowed.insert(r.properties.begin(), r.properties.end());
      required.insert(r.required.begin(), r.required.end());
      ranges.insert(r.ranges.begin(), r.ranges.end());
    });
    const auto& props = e["properties"];
    for (const auto& name : required) {
      if (!props.contains(name)) errors.push_back(id + " (" + schema + "): missing required " + name);
    }
    for (const auto& [name, values] : props.items()) {
      if (!allowed.count(name)) errors.push_back(id + " (" + schema + "): " + name + " is not a property of it");
      if (!values.is_array() || values.empty()) {
        errors.push_back(id + ": " + name + " is not a non-empty list");
        continue;
      }
      for (const auto& v : values) {
        if (!v.is_string() || v.get<std::string>().empty()) {
          errors.push_back(id + ": " + name + " has a value that is not a non-empty string");
          continue;
        }
        const std::string value = v;
        if (kDateProperties.count(name) && !std::regex_match(value, iso)) {
          errors.push_back(id + ": " + name + " '" + value + "' is not an ISO date prefix");
        }
        const auto range = ranges.find(name);
        if (range == ranges.end()) continue;
        const auto target = schema_of.find(value);
        if (target == schema_of.end()) {
          errors.push_back(id + ": " + name + " points at " + value + ", which is not emitted");
        } else if (!IsA(target->second, range->second)) {
          errors.push_back(id + ": " + name + " points at a " + target->second + ", not a " + range->second);
        }
      }
    }
  }
  return errors;
}

}  // namespace leakgraph::exports::ftm_rules
