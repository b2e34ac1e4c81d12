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

NerModel::NerModel(std::string language, int hash_bits)
    : language_(std::move(language)),
      hash_bits_(std::clamp(hash_bits, kMinHashBits, kMaxHashBits)),
      weights_((size_t(1) << hash_bits_) * kNumLabels, 0.0f),
      transitions_(kTransitionTableSize, 0.0f) {}

std::vector<int> NerModel::PredictLabels(const std::vector<std::string_view>& words) const {
  DecodeScratch& s = ThreadScratch();
  ExtractFeatures(words, gazetteer_, hash_bits_, s.features_scratch, s.features);
  ComputeEmissions(s.features, weights_.data(), s.emissions);
  return ViterbiDecode(s.emissions, words.size(), transitions_.data());
}

std::vector<EntitySpan> NerModel::TagWords(const std::vector<std::string_view>& words) const {
  std::vector<EntitySpan> spans = LabelsToSpans(PredictLabels(words));
  if (spans.empty()) return spans;
  DecodeScratch& s = ThreadScratch();  // emissions of this sentence are still there
  LabelMarginals(s.emissions, words.size(), transitions_.data(), temperature_, s.marginals);
  for (auto& span : spans) {
    float confidence = 1.0f;
    for (size_t i = span.begin; i < span.end; ++i) {
      const int label = i == span.begin ? BeginLabel(span.type) : InsideLabel(span.type);
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
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IoError(path.string() + ": cannot open for writing");
  out.write(kMagic, sizeof(kMagic));
  WritePod(out, kModelVersion);
  char language[8] = {};
  std::memcpy(language, language_.data(), std::min<size_t>(language_.size(), 7));
  out.write(language, sizeof(language));
  WritePod(out, uint32_t(hash_bits_));
  WritePod(out, uint32_t(kNumLabels));
  float max_abs = 0.0f;
  for (float w : weights_) max_abs = std::max(max_abs, std::fabs(w));
  const float scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  WritePod(out, scale);
  WritePod(out, temperature_);
  out.write(reinterpret_cast<const char*>(transitions_.data()),
            std::streamsize(transitions_.size() * sizeof(float)));
  std::vector<int16_t> quantised(weights_.size());
  for (size_t i = 0; i < weights_.size(); ++i)
    quantised[i] = int16_t(std::lround(std::clamp(weights_[i] / scale, -32767.0f, 32767.0f)));
  out.write(reinterpret_cast<const char*>(quantised.data()),
            std::streamsize(quantised.size() * sizeof(int16_t)));
  gazetteer_.Write(out);
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
  if (!ReadPod(in, version) || version != kModelVersion) return corrupt("unsupported version");
  if (!in.read(language, 8) || language[7] != '\0') return corrupt("bad language");
  if (!ReadPod(in, hash_bits) || hash_bits < uint32_t(kMinHashBits) ||
      hash_bits > uint32_t(kMaxHashBits))
    return corrupt("bad hash size");
  if (!ReadPod(in, num_labels) || num_labels != uint32_t(kNumLabels)) return corrupt("bad labels");
  if (!ReadPod(in, scale) || !std::isfinite(scale) || !ReadPod(in, temperature) ||
      !std::isfinite(temperature) || temperature <= 0)
    return corrupt("bad scale");
  NerModel model{std::string(language), int(hash_bits)};
  model.temperature_ = temperature;
  if (!in.read(reinterpret_cast<char*>(model.transitions_.data()),
               std::streamsize(model.transitions_.size() * sizeof(float))))
    return corrupt("truncated transitions");
  for (float t : model.transitions_)
    if (!std::isfinite(t)) return corrupt("bad transitions");
  std::vector<int16_t> quantised(model.weights_.size());
  if (!in.read(reinterpret_cast<char*>(quantised.data()),
               std::streamsize(quantised.size() * sizeof(int16_t))))
    return corrupt("truncated weights");
  for (size_t i = 0; i < quantised.size(); ++i) model.weights_[i] = float(quantised[i]) * scale;
  if (Status s = model.gazetteer_.Read(in); !s.ok()) return corrupt(s.message());
  char end[8];
  if (!in.read(end, 8) || std::memcmp(end, kEndMagic, 8) != 0) return corrupt("bad trailer");
  return model;
}

}  // namespace leakgraph::ner
