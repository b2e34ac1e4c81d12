#include "ner/ner_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>

#include "ner/conll.h"
#include "ner/sequence_decoder.h"

namespace leakgraph::ner {

namespace {

constexpr char kMagic[8] = {'L', 'G', 'N', 'E', 'R', 'M', 'D', 'L'};
constexpr char kEndMagic[8] = {'L', 'G', 'N', 'E', 'R', 'E', 'N', 'D'};

struct DecodeScratch {
  FeatureScratch features_scratch;
  SentenceFeatures features;
  std::vector<float> emissions;
  std::vector<float> marginals;
};

int UsedLabels(LabelScheme scheme) {
  int used = 0;
  for (int y = 0; y < kNumLabels; ++y) used += LabelUsed(scheme, y) ? 1 : 0;
  return used;
}

DecodeScratch& ThreadScratch() {
  thread_local DecodeScratch scratch;
  return scratch;
}

template <typename T>
void WritePod(std::ostream& out, const T& value) {
  out.write(reinterpret_cast<const char*>(&value), sizeof(T));
}

template <typename T>
bool ReadPod(std::istream& in, T& value) {
  return static_cast<bool>(in.read(reinterpret_cast<char*>(&value), sizeof(T)));
}

}  // namespace

NerModel::NerModel(std::string language, int hash_bits, LabelScheme scheme)
    : NerModel(WithoutWeights{}, std::move(language), hash_bits, scheme) {
  weights_.assign((size_t(1) << hash_bits_) * kNumLabels, 0.0f);
}

NerModel::NerModel(WithoutWeights, std::string language, int hash_bits, LabelScheme scheme)
    : language_(std::move(language)),
      hash_bits_(std::clamp(hash_bits, kMinHashBits, kMaxHashBits)),
      scheme_(scheme),
      transitions_(kTransitionTableSize, 0.0f) {}

std::vector<int> NerModel::PredictLabels(const std::vector<std::string_view>& words) const {
  DecodeScratch& s = ThreadScratch();
  ExtractFeatures(words, tables_, hash_bits_, s.features_scratch, s.features);
  if (packed_.empty()) {
    ComputeEmissions(s.features, weights_.data(), s.emissions);
  } else {
    ComputePackedEmissions(s.features, packed_, s.emissions);
  }
  return ViterbiDecode(s.emissions, words.size(), transitions_.data(), scheme_);
}

std::vector<EntitySpan> NerModel::TagWords(const std::vector<std::string_view>& words) const {
  std::vector<EntitySpan> spans = LabelsToSpans(PredictLabels(words));
  if (spans.empty()) return spans;
  DecodeScratch& s = ThreadScratch();  // emissions of this sentence are still there
  LabelMarginals(s.emissions, words.size(), transitions_.data(), scheme_, temperature_, s.marginals);
  for (auto& span : spans) {
    float confidence = 1.0f;
    for (size_t i = span.begin; i < span.end; ++i) {
      const int label = SpanLabel(scheme_, span.type, span.begin, span.end, i);
      confidence = std::min(confidence, s.marginals[i * kNumLabels + label]);
    }
    span.confidence = confidence;
  }
  return spans;
}

std::vector<EntitySpan> NerModel::Tag(const std::vector<text::Token>& sentence) const {
  std::vector<std::string_view> words;
  words.reserve(sentence.size());
  for (const auto& t : sentence) words.push_back(t.text);
  return TagWords(words);
}

Status NerModel::Save(const std::filesystem::path& path) const {
  // Written beside the target and renamed over it, so that a failed or
  // interrupted save never leaves a half-written model in place.
  std::filesystem::path partial = path;
  partial += ".partial";
  Status written = SaveTo(partial);
  std::error_code ec;
  if (written.ok()) std::filesystem::rename(partial, path, ec);
  if (!written.ok() || ec) {
    std::filesystem::remove(partial, ec);
    return written.ok() ? Status::IoError(path.string() + ": cannot rename the written model") : written;
  }
  return Status::Ok();
}

Status NerModel::SaveTo(const std::filesystem::path& path) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IoError(path.string() + ": cannot open for writing");
  out.write(kMagic, sizeof(kMagic));
  WritePod(out, kModelVersion);
  char language[8] = {};
  std::memcpy(language, language_.data(), std::min<size_t>(language_.size(), 7));
  out.write(language, sizeof(language));
  WritePod(out, uint32_t(hash_bits_));
  WritePod(out, uint32_t(kNumLabels));
  WritePod(out, uint32_t(scheme_));
  std::vector<float> unpacked;  // a loaded model saves the weights it was loaded with
  if (weights_.empty() && !packed_.empty()) {
    unpacked.assign((size_t(1) << hash_bits_) * kNumLabels, 0.0f);
    const size_t rows = packed_.values.size() / size_t(packed_.used);
    for (size_t r = 0; r < rows; ++r)
      for (int u = 0; u < packed_.used; ++u)
        unpacked[r * kNumLabels + size_t(packed_.label_of_column[size_t(u)])] =
            float(packed_.values[r * size_t(packed_.used) + size_t(u)]) * packed_.scale;
  }
  const std::vector<float>& weights = unpacked.empty() ? weights_ : unpacked;
  float max_abs = 0.0f;
  for (float w : weights) max_abs = std::max(max_abs, std::fabs(w));
  const float scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  WritePod(out, scale);
  WritePod(out, temperature_);
  out.write(reinterpret_cast<const char*>(transitions_.data()),
            std::streamsize(transitions_.size() * sizeof(float)));
  const size_t rows = weights.size() / kNumLabels;
  std::vector<uint64_t> bitmap((rows + 63) / 64, 0);
  std::vector<int16_t> quantised;
  for (size_t r = 0; r < rows; ++r) {
    int16_t q[kNumLabels];
    int used = 0;
    bool any = false;
    for (int y = 0; y < kNumLabels; ++y) {
      if (!LabelUsed(scheme_, y)) continue;
      const float w = weights[r * kNumLabels + y];
      q[used] = int16_t(std::lround(std::clamp(w / scale, -32767.0f, 32767.0f)));
      any = any || q[used] != 0;
      ++used;
    }
    if (!any) continue;
    bitmap[r / 64] |= uint64_t(1) << (r % 64);
    quantised.insert(quantised.end(), q, q + used);
  }
  out.write(reinterpret_cast<const char*>(bitmap.data()),
            std::streamsize(bitmap.size() * sizeof(uint64_t)));
  WritePod(out, uint32_t(quantised.size() / size_t(UsedLabels(scheme_))));
  out.write(reinterpret_cast<const char*>(quantised.data()),
            std::streamsize(quantised.size() * sizeof(int16_t)));
  tables_.gazetteer.Write(out);
  tables_.lexicon.Write(out);
  tables_.signatures.Write(out);
  tables_.clusters.Write(out);
  out.write(kEndMagic, sizeof(kEndMagic));
  out.flush();
  if (!out) return Status::IoError(path.string() + ": write failed");
  return Status::Ok();
}

Result<NerModel> NerModel::Load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path.string() + ": cannot open NER model");
  auto corrupt = [&](const std::string& why) {
    return Status::Corrupt(path.string() + ": not a valid NER model (" + why + ")");
  };
  char magic[8];
  uint32_t version = 0, hash_bits = 0, num_labels = 0;
  char language[8];
  float scale = 0, temperature = 0;
  if (!in.read(magic, 8) || std::memcmp(magic, kMagic, 8) != 0) return corrupt("bad magic");
  if (!ReadPod(in, version) || version < kOldestModelVersion || version > kModelVersion)
    return corrupt("unsupported version " + std::to_string(version) + "; retrain it");
  if (!in.read(language, 8) || language[7] != '\0') return corrupt("bad language");
  if (!ReadPod(in, hash_bits) || hash_bits < uint32_t(kMinHashBits) ||
      hash_bits > uint32_t(kMaxHashBits))
    return corrupt("bad hash size");
  if (!ReadPod(in, num_labels) || num_labels != uint32_t(kNumLabels)) return corrupt("bad labels");
  uint32_t scheme = 0;
  if (!ReadPod(in, scheme) || scheme > uint32_t(LabelScheme::kBilou)) return corrupt("bad label scheme");
  if (!ReadPod(in, scale) || !std::isfinite(scale) || !ReadPod(in, temperature) ||
      !std::isfinite(temperature) || temperature <= 0)
    return corrupt("bad scale");
  NerModel model{WithoutWeights{}, std::string(language), int(hash_bits), LabelScheme(scheme)};
  model.temperature_ = temperature;
  if (!in.read(reinterpret_cast<char*>(model.transitions_.data()),
               std::streamsize(model.transitions_.size() * sizeof(float))))
    return corrupt("truncated transitions");
  for (float t : model.transitions_)
    if (!std::isfinite(t)) return corrupt("bad transitions");
  const size_t rows = size_t(1) << hash_bits;
  std::vector<uint64_t> bitmap((rows + 63) / 64, 0);
  if (!in.read(reinterpret_cast<char*>(bitmap.data()), std::streamsize(bitmap.size() * sizeof(uint64_t))))
    return corrupt("truncated row bitmap");
  size_t set_rows = 0;
  for (uint64_t word : bitmap) set_rows += size_t(__builtin_popcountll(word));
  uint32_t stored_rows = 0;
  if (!ReadPod(in, stored_rows) || stored_rows != set_rows) return corrupt("bad row count");
  const int used = UsedLabels(model.scheme_);
  std::vector<int16_t> quantised(size_t(stored_rows) * size_t(used));
  if (!in.read(reinterpret_cast<char*>(quantised.data()),
               std::streamsize(quantised.size() * sizeof(int16_t))))
    return corrupt("truncated weights");
  // Tagging reads the int16 rows as stored, spread to their row positions.
  model.packed_ = PackedLayout(model.scheme_, scale, rows);
  PackedWeights& packed = model.packed_;
  const int16_t* next = quantised.data();
  for (size_t r = 0; r < rows; ++r) {
    if (!(bitmap[r / 64] >> (r % 64) & 1)) continue;
    std::copy(next, next + used, packed.values.begin() + ptrdiff_t(r * size_t(used)));
    next += used;
  }
  if (Status s = model.tables_.gazetteer.Read(in); !s.ok()) return corrupt(s.message());
  if (Status s = model.tables_.lexicon.Read(in); !s.ok()) return corrupt(s.message());
  if (Status s = model.tables_.signatures.Read(in); !s.ok()) return corrupt(s.message());
  if (version >= 3)
    if (Status s = model.tables_.clusters.Read(in); !s.ok()) return corrupt(s.message());
  char end[8];
  if (!in.read(end, 8) || std::memcmp(end, kEndMagic, 8) != 0) return corrupt("bad trailer");
  return model;
}

}  // namespace leakgraph::ner
