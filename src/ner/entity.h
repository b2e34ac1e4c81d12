// Entity types, entity spans and the BIO/BILOU label sets shared by the NER model,
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

// Labels: 0 is O; type t has B(egin) = 1 + 4t, I(nside) = 2 + 4t, L(ast) =
// 3 + 4t and U(nit, a one-token entity) = 4 + 4t. A model uses either the
// BIO subset (B, I) or all of them (BILOU): marking the last token lets it
// learn how names end, not only how they start.
enum class LabelScheme : uint8_t { kBio = 0, kBilou = 1 };
inline constexpr int kNumLabels = 1 + 4 * kNumEntityTypes;
inline constexpr int BeginLabel(EntityType t) { return 1 + 4 * static_cast<int>(t); }
inline constexpr int InsideLabel(EntityType t) { return 2 + 4 * static_cast<int>(t); }
inline constexpr int LastLabel(EntityType t) { return 3 + 4 * static_cast<int>(t); }
inline constexpr int UnitLabel(EntityType t) { return 4 + 4 * static_cast<int>(t); }
// True iff `scheme` uses `label` (0 <= label < kNumLabels).
inline constexpr bool LabelUsed(LabelScheme scheme, int label) {
  return scheme == LabelScheme::kBilou || label == 0 || (label - 1) % 4 < 2;
}
// The label of token `i` of the span [begin, end) of type `t`.
inline constexpr int SpanLabel(LabelScheme scheme, EntityType t, size_t begin, size_t end, size_t i) {
  if (scheme == LabelScheme::kBio) return i == begin ? BeginLabel(t) : InsideLabel(t);
  if (end - begin == 1) return UnitLabel(t);
  return i == begin ? BeginLabel(t) : i + 1 == end ? LastLabel(t) : InsideLabel(t);
}
// I or L: continues the entity of the previous token.
inline constexpr bool IsInsideLabel(int label) {
  return label > 0 && ((label - 1) % 4 == 1 || (label - 1) % 4 == 2);
}
// B or I: the entity may go on after this token (in BILOU, must).
inline constexpr bool IsOpenLabel(int label) {
  return label > 0 && ((label - 1) % 4 == 0 || (label - 1) % 4 == 1);
}
inline constexpr EntityType LabelType(int label) {  // REQUIRES: label != 0
  return static_cast<EntityType>((label - 1) / 4);
}

}  // namespace leakgraph::ner
