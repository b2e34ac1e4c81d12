// Named-entity recognition on raw text: UTF-8 → sentences → tokens
// (text/tokenize.h) → NerModel spans → entities with byte offsets into the
// input. Any byte string is accepted; invalid UTF-8 is skipped. A PERSON
// span that starts with a salutation ("Dear Tariq", "Hi Omar") loses it: the
// models, trained on prose and tweets, sometimes take a letter's opening
// word into the name.
#pragma once

#include <string_view>
#include <vector>

#include "ner/entity.h"
#include "ner/ner_model.h"

namespace leakgraph::ner {

struct RecognizedEntity {
  EntityType type = EntityType::kMisc;
  size_t begin = 0;  // byte offset in the input
  size_t end = 0;    // one past the last byte
  float confidence = 0.0f;
};

class Recognizer {
 public:
  explicit Recognizer(NerModel model) : model_(std::move(model)) {}

  // Returns the PERSON, ORG and LOCATION entities of `utf8` in text order
  // (and MISC ones too when `include_misc`). Adds the number of tokens seen
  // to `*token_count` when it is not null. Thread-safe.
  std::vector<RecognizedEntity> Recognize(std::string_view utf8, bool include_misc = false,
                                          size_t* token_count = nullptr) const;

  const NerModel& model() const { return model_; }

 private:
  NerModel model_;
};

}  // namespace leakgraph::ner
