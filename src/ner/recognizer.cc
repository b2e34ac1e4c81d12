#include "ner/recognizer.h"

#include <array>
#include <cctype>

#include "text/tokenize.h"

namespace leakgraph::ner {

namespace {

// A salutation that opens a letter or mail ("Dear Tariq,"): never part of the name.
bool IsSalutation(std::string_view word) {
  static constexpr std::array<std::string_view, 5> kSalutations = {"dear", "hi", "hello", "hey", "attn"};
  for (std::string_view s : kSalutations) {
    if (word.size() != s.size()) continue;
    bool same = true;
    for (size_t i = 0; i < s.size() && same; ++i)
      same = std::tolower(static_cast<unsigned char>(word[i])) == s[i];
    if (same) return true;
  }
  return false;
}

}  // namespace

std::vector<RecognizedEntity> Recognizer::Recognize(std::string_view utf8, bool include_misc,
                                                    size_t* token_count) const {
  const std::vector<text::Token> tokens = text::Tokenize(utf8);
  if (token_count != nullptr) *token_count += tokens.size();
  std::vector<RecognizedEntity> entities;
  std::vector<std::string_view> words;
  for (const auto& sentence : text::SplitSentences(utf8, tokens)) {
    words.clear();
    for (size_t i = sentence.begin_token; i < sentence.end_token; ++i) words.push_back(tokens[i].text);
    for (EntitySpan span : model_.TagWords(words)) {
      if (span.type == EntityType::kMisc && !include_misc) continue;
      if (span.type == EntityType::kPerson && span.end - span.begin > 1 && IsSalutation(words[span.begin]))
        ++span.begin;
      entities.push_back({span.type, tokens[sentence.begin_token + span.begin].begin,
                          tokens[sentence.begin_token + span.end - 1].end, span.confidence});
    }
  }
  return entities;
}

}  // namespace leakgraph::ner
