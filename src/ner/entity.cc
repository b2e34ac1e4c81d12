#include "ner/entity.h"

#include <array>
#include <cctype>
#include <string>

namespace leakgraph::ner {

std::string_view EntityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kPerson:
      return "PERSON";
    case EntityType::kOrganization:
      return "ORG";
    case EntityType::kLocation:
      return "LOCATION";
    case EntityType::kMisc:
      break;
  }
  return "MISC";
}

std::optional<EntityType> MapEntityLabel(std::string_view label) {
  std::string lower;
  lower.reserve(label.size());
  for (char c : label) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (lower.empty() || lower == "o") return std::nullopt;
  static constexpr std::array<std::string_view, 3> kPerson = {"per", "pers", "person"};
  static constexpr std::array<std::string_view, 5> kOrg = {"org", "organisation", "organization",
                                                           "corporation", "group"};
  static constexpr std::array<std::string_view, 3> kLocation = {"loc", "location", "gpe"};
  for (auto p : kPerson)
    if (lower == p) return EntityType::kPerson;
  for (auto o : kOrg)
    if (lower == o) return EntityType::kOrganization;
  for (auto l : kLocation)
    if (lower == l) return EntityType::kLocation;
  return EntityType::kMisc;
}

}  // namespace leakgraph::ner
