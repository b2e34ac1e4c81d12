// Word tokenising and sentence splitting for English, Arabic and Persian.
//
// Tokens are words, numbers and single punctuation marks, each with the byte
// offsets of its text in the input. The tokenizer never drops or reorders
// text other than whitespace and invalid UTF-8 bytes, and never splits inside
// a word: Persian ZWNJ (U+200C) and ZWJ stay inside the word they join, Arabic
// clitics (و ب ل ك ف ال) stay attached (the NER model sees them as features,
// see ner/features.h). Abbreviations ("Mr.", "U.S.", initials "J.") keep
// their final dot so that they do not end a sentence.
//
// Pure functions, thread-safe, linear in the input; any byte string is
// accepted (invalid UTF-8 bytes are skipped like whitespace).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace leakgraph::text {

enum class TokenKind : uint8_t {
  kWord,         // letters (any script), possibly with digits, marks, joiners
  kNumber,       // digits (any script) with internal . , separators
  kPunctuation,  // one punctuation mark, e.g. . , ، ؛ ؟ ( "
  kSymbol,       // anything else that is not whitespace, e.g. $ % emoji
};

struct Token {
  std::string text;   // the bytes input[begin, end)
  size_t begin = 0;   // byte offset of the first byte
  size_t end = 0;     // byte offset one past the last byte
  TokenKind kind = TokenKind::kWord;
};

// Returns the tokens of `utf8` in text order, with byte offsets.
std::vector<Token> Tokenize(std::string_view utf8);

// A sentence as a half-open range of token indices.
struct SentenceSpan {
  size_t begin_token = 0;
  size_t end_token = 0;
};

// Splits `tokens` (from Tokenize(utf8)) into sentences: a sentence ends after
// . ! ? ؟ … ۔ (plus any closing quotes or brackets right after), at a blank
// line (paragraph break), or after `max_tokens` tokens so that hostile input
// cannot make one sentence unbounded. Never returns an empty sentence.
std::vector<SentenceSpan> SplitSentences(std::string_view utf8, const std::vector<Token>& tokens,
                                         size_t max_tokens = 256);

// A text with its tokens and sentences (default SplitSentences), computed
// once and shared by the analysis steps that read the same text (entities'
// script runs, roles, ties), which would otherwise each tokenise it again.
// Holds a view of `text`: the caller keeps the bytes alive.
struct TokenizedText {
  explicit TokenizedText(std::string_view utf8);
  std::string_view text;
  std::vector<Token> tokens;
  std::vector<SentenceSpan> sentences;
};

}  // namespace leakgraph::text
