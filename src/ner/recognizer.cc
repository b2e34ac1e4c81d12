#include "ner/recognizer.h"

#include "text/tokenize.h"

namespace leakgraph::ner {

std::vector<RecognizedEntity> Recognizer::Recognize(std::string_view utf8, bool include_misc,
                                                    size_t* token_count) const {
  const std::vector<text::Token> tokens = text::Tokenize(utf8);
  if (token_count != nullptr) *token_count += tokens.size();
  std::vector<RecognizedEntity> entities;
  std::vector<std::string_view> words;
  for (const auto& sentence : text::SplitSentences(utf8, tokens)) {
    words.clear();
    for (size_t i = sentence.begin_token; i < sentence.end_token; ++i) words.push_back(tokens[i].text);
    for (const auto& span : model_.TagWords(words)) {
      if (span.type == EntityType::kMisc && !include_misc) continue;
      entities.push_back({span.type, tokens[sentence.begin_token + span.begin].begin,
                          tokens[sentence.begin_token + span.end - 1].end, span.confidence});
    }
  }
  return entities;
}

}  // namespace leakgraph::ner
