// Entity types, entity spans and the BIO label set shared by the NER model,
// its training data readers and its scorer.
//
// The model tags four types. PERSON, ORG and LOCATION are the ones leakgraph
// stores and scores; MISC collects every other annotated kind in the training
// corpora (nationalities, events, facilities, products, dates, ...) so that
// the model learns to keep them apart from the three, and is dropped by the
// recogniser and ignored by the scorer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace leakgraph::ner {

enum class EntityType : uint8_t { kPerson = 0, kOrganization = 1, kLocation = 2, kMisc = 3 };
inline constexpr int kNumEntityTypes = 4;
inline constexpr int kNumScoredTypes = 3;  // kPerson, kOrganization, kLocation

// "PERSON", "ORG", "LOCATION" or "MISC".
std::string_view EntityTypeName(EntityType type);

// Maps a corpus label (without its B-/I- prefix) to a type, case-insensitively:
// per/pers/person → PERSON; org/organisation/organization/corporation/group →
// ORG; loc/location/gpe → LOCATION; "O", "" → nullopt; anything else → MISC.
std::optional<EntityType> MapEntityLabel(std::string_view label);

// A half-open span [begin, end) of an entity. The unit (token index, byte or
// character offset) is the producer's; the scorer only compares spans of one
// unit. `confidence` is in [0, 1] for predictions and 1 for gold spans.
struct EntitySpan {
  EntityType type = EntityType::kMisc;
  size_t begin = 0;
  size_t end = 0;
  float confidence = 1.0f;

  bool operator==(const EntitySpan& o) const {
    return type == o.type && begin == o.begin && end == o.end;
  }
};

// BIO labels: 0 is O; type t has B = 1 + 2t and I = 2 + 2t.
inline constexpr int kNumLabels = 1 + 2 * kNumEntityTypes;
inline constexpr int BeginLabel(EntityType t) { return 1 + 2 * static_cast<int>(t); }
inline constexpr int InsideLabel(EntityType t) { return 2 + 2 * static_cast<int>(t); }
inline constexpr bool IsInsideLabel(int label) { return label > 0 && label % 2 == 0; }
inline constexpr EntityType LabelType(int label) {  // REQUIRES: label != 0
  return static_cast<EntityType>((label - 1) / 2);
}

}  // namespace leakgraph::ner
