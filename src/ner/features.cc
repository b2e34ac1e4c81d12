#include "ner/features.h"

namespace leakgraph::ner {

namespace {

// Feature template ids. Never renumber: the ids are part of the model format.
enum Template : uint64_t {
  kBias = 1,
  kFolded,
  kExactWord,
  kShape,
  kShortShape,
  kPrefix,       // + 0..3
  kSuffix = 10,  // + 0..3
  kFoldedPrev1 = 14,
  kFoldedPrev2,
  kFoldedNext1,
  kFoldedNext2,
  kBigramPrev,
  kBigramNext,
  kShapePairPrev,
  kShapePairNext,
  kStripped,
  kClitic,
  kStrippedPrev,
  kStrippedNext,
  kGazetteerHere,
  kGazetteerPrev,
  kGazetteerNext,
  kFlags,
  kFlagsPrev,
  kFlagsNext,
  kFirstInSentence,
  kSuffixPrev,
  kSuffixNext,
  kGazetteerCapitalized,
  kFlagsTrigram,
  kNeighbourPair,
  kPrefixPrev,
  kPrefixNext,
  kBigramPrev2,
  kLexicon,
  kLexiconPrevPair,
  kLexiconNextPair,
  kLexiconTrigram,
  kLexiconPrevWord,
  kLexiconGazetteer,
  kSignatureLeft,
  kSignatureRight,
  kSignatureNone,
  kClusterPrefix,                  // + 0..3: prefixes of kClusterPrefixLengths
  kClusterPrev = kClusterPrefix + 4,  // + 0..1
  kClusterNext = kClusterPrev + 2,    // + 0..1
  kClusterNone = kClusterNext + 2,
  kClusterPair,
};

// Cluster path prefix lengths (as for Brown clusters: Ratinov & Roth 2009).
constexpr int kClusterPrefixLengths[4] = {4, 6, 10, 24};
constexpr int kClusterNeighbourLengths[2] = {6, 24};

// Lexicon classes of a word (kLexicon*): in the lexicon as it is; in it
// once its clitics or suffix are removed; not in it; not in Arabic script;
// padding beyond the sentence.
enum LexiconClass : uint8_t { kInLexicon = 1, kStemInLexicon = 2, kNotInLexicon = 3, kOtherScript = 5, kPadding = 7 };

constexpr uint64_t kSentenceStart = 0x5354415254ULL;  // padding word before the sentence
constexpr uint64_t kSentenceEnd = 0x454E44ULL;        // padding word after it

class RowSink {
 public:
  RowSink(int hash_bits, std::vector<uint32_t>& rows) : shift_(64 - hash_bits), rows_(rows) {}
  void Add(uint64_t template_id, uint64_t value) {
    rows_.push_back(static_cast<uint32_t>(MixHash(template_id, value) >> shift_));
  }
  void AddPair(uint64_t template_id, uint64_t a, uint64_t b) { Add(template_id, MixHash(a, b)); }

 private:
  int shift_;
  std::vector<uint32_t>& rows_;
};

}  // namespace

void ExtractFeatures(const std::vector<std::string_view>& words, const WordTables& tables,
                     int hash_bits, FeatureScratch& scratch, SentenceFeatures& out) {
  const size_t n = words.size();
  scratch.keys.resize(n);
  scratch.folded.resize(n);
  scratch.stripped.resize(n);
  for (size_t i = 0; i < n; ++i) {
    ComputeWordKeys(words[i], scratch.word, scratch.keys[i]);
    scratch.folded[i] = scratch.keys[i].folded;
    scratch.stripped[i] = scratch.keys[i].stripped;
  }
  tables.gazetteer.Match(scratch.folded, scratch.stripped, scratch.gazetteer_bits);
  const bool use_lexicon = !tables.lexicon.empty();
  if (use_lexicon) {
    scratch.lexicon_class.resize(n);
    for (size_t i = 0; i < n; ++i) {
      const WordKeys& k = scratch.keys[i];
      scratch.lexicon_class[i] =
          !(k.flags & kArabicScript)          ? kOtherScript
          : tables.lexicon.Contains(k.folded) ? kInLexicon
          : tables.lexicon.Contains(k.stripped) || tables.lexicon.Contains(k.stem) ? kStemInLexicon
                                              : kNotInLexicon;
    }
  }
  const bool use_signatures = !tables.signatures.empty();
  const bool use_clusters = !tables.clusters.empty();
  auto& clusters = scratch.clusters;
  if (use_clusters) {
    clusters.resize(n);
    for (size_t i = 0; i < n; ++i) clusters[i] = tables.clusters.Find(scratch.keys[i].folded);
  }

  out.rows.clear();
  out.offsets.assign(1, 0);
  out.rows.reserve(n * 52);
  RowSink sink(hash_bits, out.rows);
  const auto& keys = scratch.keys;
  const auto& gaz = scratch.gazetteer_bits;
  auto folded_at = [&](ptrdiff_t j) -> uint64_t {
    if (j < 0) return kSentenceStart + uint64_t(-j);
    if (j >= ptrdiff_t(n)) return kSentenceEnd + uint64_t(j - ptrdiff_t(n));
    return keys[size_t(j)].folded;
  };
  auto stripped_at = [&](ptrdiff_t j) -> uint64_t {
    if (j < 0 || j >= ptrdiff_t(n)) return folded_at(j);
    return keys[size_t(j)].stripped;
  };
  auto shape_at = [&](ptrdiff_t j) -> uint64_t {
    if (j < 0 || j >= ptrdiff_t(n)) return folded_at(j);
    return keys[size_t(j)].short_shape;
  };
  auto flags_at = [&](ptrdiff_t j) -> uint64_t {
    if (j < 0 || j >= ptrdiff_t(n)) return 0x100;
    return keys[size_t(j)].flags;
  };
  auto suffix3_at = [&](ptrdiff_t j) -> uint64_t {
    if (j < 0 || j >= ptrdiff_t(n)) return folded_at(j);
    return keys[size_t(j)].suffix[2] ? keys[size_t(j)].suffix[2] : keys[size_t(j)].folded;
  };
  auto add_gazetteer = [&](uint64_t template_id, uint16_t bits, uint64_t extra) {
    for (int b = 0; b < 12; ++b)
      if (bits & (1u << b)) sink.Add(template_id, MixHash(uint64_t(b), extra));
  };

  for (size_t i = 0; i < n; ++i) {
    const ptrdiff_t p = ptrdiff_t(i);
    const WordKeys& k = keys[i];
    sink.Add(kBias, 0);
    sink.Add(kFolded, k.folded);
    sink.Add(kExactWord, k.word);
    sink.Add(kShape, k.shape);
    sink.Add(kShortShape, k.short_shape);
    for (int a = 0; a < 4; ++a) {
      if (k.prefix[a]) sink.Add(kPrefix + a, k.prefix[a]);
      if (k.suffix[a]) sink.Add(kSuffix + a, k.suffix[a]);
    }
    sink.Add(kFoldedPrev1, folded_at(p - 1));
    sink.Add(kFoldedPrev2, folded_at(p - 2));
    sink.Add(kFoldedNext1, folded_at(p + 1));
    sink.Add(kFoldedNext2, folded_at(p + 2));
    sink.AddPair(kBigramPrev, folded_at(p - 1), k.folded);
    sink.AddPair(kBigramNext, k.folded, folded_at(p + 1));
    sink.AddPair(kShapePairPrev, shape_at(p - 1), k.short_shape);
    sink.AddPair(kShapePairNext, k.short_shape, shape_at(p + 1));
    if (k.clitic) {
      sink.Add(kStripped, k.stripped);
      sink.Add(kClitic, k.clitic);
    }
    sink.Add(kStrippedPrev, stripped_at(p - 1));
    sink.Add(kStrippedNext, stripped_at(p + 1));
    add_gazetteer(kGazetteerHere, gaz[i], 0);
    if (i > 0) add_gazetteer(kGazetteerPrev, gaz[i - 1], 0);
    if (i + 1 < n) add_gazetteer(kGazetteerNext, gaz[i + 1], 0);
    add_gazetteer(kGazetteerCapitalized, gaz[i], k.flags & (kCapitalized | kAllCaps));
    sink.Add(kFlags, k.flags);
    sink.Add(kFlagsPrev, flags_at(p - 1));
    sink.Add(kFlagsNext, flags_at(p + 1));
    sink.Add(kFlagsTrigram, (flags_at(p - 1) << 16) | (uint64_t(k.flags) << 8) | flags_at(p + 1));
    if (i == 0) sink.Add(kFirstInSentence, k.flags);
    sink.Add(kSuffixPrev, suffix3_at(p - 1));
    sink.Add(kSuffixNext, suffix3_at(p + 1));
    sink.AddPair(kNeighbourPair, folded_at(p - 1), folded_at(p + 1));
    sink.Add(kPrefixPrev, i > 0 && keys[i - 1].prefix[2] ? keys[i - 1].prefix[2] : folded_at(p - 1));
    sink.Add(kPrefixNext, i + 1 < n && keys[i + 1].prefix[2] ? keys[i + 1].prefix[2] : folded_at(p + 1));
    sink.AddPair(kBigramPrev2, folded_at(p - 2), folded_at(p - 1));
    if (use_lexicon) {
      auto lexicon_at = [&](ptrdiff_t j) -> uint64_t {
        return j < 0 || j >= ptrdiff_t(n) ? uint64_t(kPadding) : uint64_t(scratch.lexicon_class[size_t(j)]);
      };
      const uint64_t here = lexicon_at(p), prev = lexicon_at(p - 1), next = lexicon_at(p + 1);
      sink.Add(kLexicon, here);
      sink.Add(kLexiconPrevPair, prev * 16 + here);
      sink.Add(kLexiconNextPair, here * 16 + next);
      sink.Add(kLexiconTrigram, prev * 256 + here * 16 + next);
      sink.Add(kLexiconPrevWord, MixHash(here, folded_at(p - 1)));
      sink.Add(kLexiconGazetteer, MixHash(here, gaz[i]));
    }
    if (use_signatures) {
      if (const WordSignatures::Signature* sig = tables.signatures.Find(k.folded)) {
        sink.Add(kSignatureLeft, sig->left);
        sink.Add(kSignatureRight, sig->right);
      } else {
        sink.Add(kSignatureNone, 0);
      }
    }
    if (use_clusters) {
      const ClusterPath* here = clusters[i];
      if (here) {
        for (int a = 0; a < 4; ++a) sink.Add(kClusterPrefix + a, here->Prefix(kClusterPrefixLengths[a]));
      } else {
        sink.Add(kClusterNone, k.flags & (kCapitalized | kAllCaps | kHasDigit | kPunctuation));
      }
      const ClusterPath* prev = i > 0 ? clusters[i - 1] : nullptr;
      const ClusterPath* next = i + 1 < n ? clusters[i + 1] : nullptr;
      for (int a = 0; a < 2; ++a) {
        sink.Add(kClusterPrev + a, prev ? prev->Prefix(kClusterNeighbourLengths[a]) : (i > 0 ? 0u : 0xFFFFFFFFu));
        sink.Add(kClusterNext + a, next ? next->Prefix(kClusterNeighbourLengths[a]) : (i + 1 < n ? 0u : 0xFFFFFFFFu));
      }
      sink.AddPair(kClusterPair, here ? here->Prefix(6) : 0, k.flags & (kCapitalized | kAllCaps));
    }
    out.offsets.push_back(static_cast<uint32_t>(out.rows.size()));
  }
}

}  // namespace leakgraph::ner
