#include "ner/ner_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include "ner/conll.h"
#include "ner/recognizer.h"
#include "ner/sequence_decoder.h"
#include "ner/trainer.h"

namespace leakgraph::ner {
namespace {

namespace fs = std::filesystem;

// A toy corpus: "<Name> visited <City> with <Org> ." in many combinations.
std::vector<LabeledSentence> ToyCorpus() {
  const char* names[] = {"Alice", "Bob", "Carol", "Dave", "Erin"};
  const char* cities[] = {"Paris", "Cairo", "Tehran", "Lima"};
  const char* orgs[] = {"Acme", "Globex", "Initech"};
  std::string text;
  for (auto n : names)
    for (auto c : cities)
      for (auto o : orgs)
        text += std::string(n) + " B-PER\nvisited O\n" + c + " B-LOC\nwith O\n" + o +
                " B-ORG\nCorp I-ORG\n. O\n\n";
  return ParseConll(text);
}

NerModel TrainToy() {
  TrainingOptions options;
  options.epochs = 5;
  options.hash_bits = 14;
  Result<NerModel> model = TrainNerModel("en", ToyCorpus(), {{"Zed", EntityType::kPerson}}, options);
  EXPECT_TRUE(model.ok());
  return std::move(model).value();
}

fs::path TempFile(const std::string& name) {
  return fs::temp_directory_path() / ("leakgraph_ner_" + std::to_string(::getpid()) + "_" + name);
}

TEST(NerModelTest, TinyTrainingRunLearnsTheToyData) {
  const NerModel model = TrainToy();
  EXPECT_DOUBLE_EQ(MicroF1(model, ToyCorpus()), 1.0);
  auto spans = model.TagWords({"Bob", "visited", "Lima", "with", "Globex", "Corp", "."});
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0], (EntitySpan{EntityType::kPerson, 0, 1}));
  EXPECT_EQ(spans[2], (EntitySpan{EntityType::kOrganization, 4, 6}));
  for (const auto& s : spans) {
    EXPECT_GT(s.confidence, 0.5f);
    EXPECT_LE(s.confidence, 1.0f);
  }
}

// Two sentences that disagree on "Jordan": the one visited more often per
// epoch wins.
TEST(NerModelTest, RepeatedSentencesOutweighTheOthers) {
  const std::vector<LabeledSentence> train =
      ParseConll("Jordan B-PER\nsaid O\nso O\n\nJordan B-LOC\nsaid O\nso O\n");
  TrainingOptions options;
  options.epochs = 3;
  options.hash_bits = 12;
  const std::vector<std::string_view> words = {"Jordan", "said", "so"};
  for (const auto& [repeats, expected] : {std::pair{std::vector<uint8_t>{4, 1}, EntityType::kPerson},
                                         std::pair{std::vector<uint8_t>{1, 4}, EntityType::kLocation}}) {
    options.repeats = repeats;
    Result<NerModel> model = TrainNerModel("en", train, {}, options);
    ASSERT_TRUE(model.ok()) << model.status().message();
    const std::vector<EntitySpan> spans = LabelsToSpans(model->PredictLabels(words));
    ASSERT_EQ(spans.size(), 1u);
    EXPECT_EQ(spans[0].type, expected);
  }
  options.repeats = {1};  // not one count per sentence
  EXPECT_EQ(TrainNerModel("en", train, {}, options).status().code(), StatusCode::kInvalidInput);
}

TEST(NerModelTest, RejectsEmptyTrainingSet) {
  EXPECT_FALSE(TrainNerModel("en", {}, {}, TrainingOptions()).ok());
}

TEST(NerModelTest, SaveLoadRoundTripTagsTheSame) {
  const NerModel model = TrainToy();
  const fs::path path = TempFile("roundtrip.bin");
  ASSERT_TRUE(model.Save(path).ok());
  Result<NerModel> loaded = NerModel::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->language(), "en");
  EXPECT_EQ(loaded->hash_bits(), 14);
  EXPECT_EQ(loaded->gazetteer().size(), model.gazetteer().size());
  for (const auto& s : ToyCorpus()) {
    std::vector<std::string_view> words(s.tokens.begin(), s.tokens.end());
    EXPECT_EQ(loaded->PredictLabels(words), model.PredictLabels(words));
  }
  fs::remove(path);
}

TEST(NerModelTest, BilouLexiconAndSignaturesSurviveSaveAndLoad) {
  TrainingOptions options;
  options.epochs = 3;
  options.hash_bits = 12;
  options.lexicon = {"visited", "with", "\xDA\xA9\xD8\xB4\xD9\x88\xD8\xB1"};
  options.signature_min_count = 2;
  options.label_scheme = LabelScheme::kBilou;
  Result<NerModel> model = TrainNerModel("fa", ToyCorpus(), {}, options);
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(model->tables().lexicon.size(), 3u);
  EXPECT_GT(model->tables().signatures.size(), 0u);
  const fs::path path = TempFile("tables.bin");
  ASSERT_TRUE(model->Save(path).ok());
  EXPECT_FALSE(fs::exists(fs::path(path.string() + ".partial")));
  Result<NerModel> loaded = NerModel::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->tables().lexicon.size(), 3u);
  EXPECT_EQ(loaded->tables().signatures.size(), model->tables().signatures.size());
  EXPECT_EQ(loaded->label_scheme(), LabelScheme::kBilou);
  EXPECT_DOUBLE_EQ(MicroF1(*loaded, ToyCorpus()), 1.0);
  auto spans = loaded->TagWords({"Bob", "visited", "Lima", "with", "Globex", "Corp", "."});
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[2], (EntitySpan{EntityType::kOrganization, 4, 6}));
  EXPECT_GT(spans[2].confidence, 0.5f);
  for (const auto& s : ToyCorpus()) {
    std::vector<std::string_view> words(s.tokens.begin(), s.tokens.end());
    EXPECT_EQ(loaded->PredictLabels(words), model->PredictLabels(words));
  }
  fs::remove(path);
}

TEST(NerModelTest, ClustersAreUsedAndSurviveSaveAndLoad) {
  TrainingOptions options;
  options.epochs = 3;
  options.hash_bits = 14;
  for (const char* city : {"Paris", "Cairo", "Tehran", "Lima", "Oslo"}) options.clusters.AddWord(city, {0b1011, 4});
  for (const char* name : {"Alice", "Bob", "Carol", "Dave", "Erin"}) options.clusters.AddWord(name, {0b0100, 4});
  Result<NerModel> model = TrainNerModel("en", ToyCorpus(), {}, options);
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(model->tables().clusters.size(), 10u);
  const fs::path path = TempFile("clusters.bin");
  ASSERT_TRUE(model->Save(path).ok());
  Result<NerModel> loaded = NerModel::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->tables().clusters.size(), 10u);
  // "oslo" (lower case, never in training) is tagged a LOCATION; that the cluster
  // features fire is checked in clusters_test.cc.
  const std::vector<std::string_view> words = {"Bob", "visited", "oslo", "with", "Globex", "Corp", "."};
  EXPECT_EQ(loaded->PredictLabels(words), model->PredictLabels(words));
  auto spans = loaded->TagWords(words);
  ASSERT_FALSE(spans.empty());
  bool found = false;
  for (const auto& s : spans) found = found || s == EntitySpan{EntityType::kLocation, 2, 3};
  EXPECT_TRUE(found);
  fs::remove(path);
}

// Version-2 files (no cluster table) are still read: the committed English and
// Arabic models are version 2.
TEST(NerModelTest, LoadsVersionTwoFilesWithoutClusters) {
  const NerModel model = TrainToy();
  const fs::path path = TempFile("v2.bin");
  ASSERT_TRUE(model.Save(path).ok());
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  // Drop the empty cluster table (a u64 count of 0) before the trailer and
  // write version 2.
  ASSERT_GT(bytes.size(), 24u);
  ASSERT_EQ(bytes.substr(bytes.size() - 16, 8), std::string(8, '\0'));
  bytes.erase(bytes.size() - 16, 8);
  bytes[8] = 2;
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  Result<NerModel> loaded = NerModel::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_TRUE(loaded->tables().clusters.empty());
  EXPECT_DOUBLE_EQ(MicroF1(*loaded, ToyCorpus()), 1.0);
  bytes[8] = 1;  // version 1 is rejected
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  EXPECT_EQ(NerModel::Load(path).status().code(), StatusCode::kCorrupt);
  fs::remove(path);
}

// A loaded model tags from the file's int16 rows (PackedWeights), summed as
// integers: its emissions equal the float table's up to rounding, for both
// label schemes, and saving a loaded model writes a model that tags the same.
TEST(NerModelTest, PackedEmissionsMatchTheFloatTableAndALoadedModelSavesAgain) {
  for (LabelScheme scheme : {LabelScheme::kBio, LabelScheme::kBilou}) {
    TrainingOptions options;
    options.epochs = 3;
    options.hash_bits = 12;
    options.label_scheme = scheme;
    Result<NerModel> model = TrainNerModel("en", ToyCorpus(), {}, options);
    ASSERT_TRUE(model.ok());
    const fs::path path = TempFile("packed.bin");
    ASSERT_TRUE(model->Save(path).ok());
    Result<NerModel> loaded = NerModel::Load(path);
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    EXPECT_TRUE(loaded->weights().empty());  // no float table in memory

    // The float table a loaded model stands for: the file's values.
    float max_abs = 0.0f;
    for (float w : model->weights()) max_abs = std::max(max_abs, std::fabs(w));
    const float scale = max_abs / 32767.0f;
    std::vector<float> dequantised(model->weights().size());
    for (size_t i = 0; i < dequantised.size(); ++i)
      dequantised[i] = float(std::lround(model->weights()[i] / scale)) * scale;
    for (const auto& sentence : ToyCorpus()) {
      std::vector<std::string_view> words(sentence.tokens.begin(), sentence.tokens.end());
      FeatureScratch scratch;
      SentenceFeatures features;
      ExtractFeatures(words, loaded->tables(), loaded->hash_bits(), scratch, features);
      std::vector<float> expected, packed_emissions;
      ComputeEmissions(features, dequantised.data(), expected);
      PackedWeights packed = PackedLayout(scheme, scale, size_t(1) << 12);
      for (size_t r = 0; r < (size_t(1) << 12); ++r)
        for (int u = 0; u < packed.used; ++u)
          packed.values[r * size_t(packed.used) + size_t(u)] = int16_t(
              std::lround(model->weights()[r * kNumLabels + size_t(packed.label_of_column[size_t(u)])] / scale));
      ComputePackedEmissions(features, packed, packed_emissions);
      ASSERT_EQ(packed_emissions.size(), expected.size());
      for (size_t i = 0; i < expected.size(); ++i)
        EXPECT_NEAR(packed_emissions[i], expected[i], 1e-4f * (1.0f + std::fabs(expected[i]))) << i;
      EXPECT_EQ(loaded->PredictLabels(words), model->PredictLabels(words));
    }

    const fs::path again = TempFile("packed-again.bin");
    ASSERT_TRUE(loaded->Save(again).ok());
    Result<NerModel> reloaded = NerModel::Load(again);
    ASSERT_TRUE(reloaded.ok()) << reloaded.status().message();
    EXPECT_EQ(fs::file_size(again), fs::file_size(path));
    for (const auto& sentence : ToyCorpus()) {
      std::vector<std::string_view> words(sentence.tokens.begin(), sentence.tokens.end());
      EXPECT_EQ(reloaded->PredictLabels(words), loaded->PredictLabels(words));
      const auto spans = reloaded->TagWords(words), first = loaded->TagWords(words);
      ASSERT_EQ(spans.size(), first.size());
      for (size_t k = 0; k < spans.size(); ++k) EXPECT_NEAR(spans[k].confidence, first[k].confidence, 1e-4f);
    }
    fs::remove(path);
    fs::remove(again);
  }
}

TEST(NerModelTest, SaveIntoAMissingFolderFailsAndLeavesNothing) {
  const NerModel model = TrainToy();
  EXPECT_EQ(model.Save("/nonexistent/dir/ner.bin").code(), StatusCode::kIoError);
}

TEST(NerModelTest, LoadRejectsMissingTruncatedAndGarbageFiles) {
  EXPECT_EQ(NerModel::Load("/nonexistent/ner.bin").status().code(), StatusCode::kNotFound);
  const NerModel model = TrainToy();
  const fs::path path = TempFile("corrupt.bin");
  ASSERT_TRUE(model.Save(path).ok());
  fs::resize_file(path, fs::file_size(path) / 2);
  EXPECT_EQ(NerModel::Load(path).status().code(), StatusCode::kCorrupt);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "LGNERMDL\x01\0\0\0garbage";
  }
  EXPECT_EQ(NerModel::Load(path).status().code(), StatusCode::kCorrupt);
  fs::remove(path);
}

TEST(RecognizerTest, ReturnsByteOffsetsIntoRawText) {
  Recognizer recognizer(TrainToy());
  const std::string text = "Carol visited Cairo with Acme Corp !\n\nDave visited Paris with Globex Corp";
  size_t tokens = 0;
  auto entities = recognizer.Recognize(text, false, &tokens);
  EXPECT_EQ(tokens, 13u);
  ASSERT_EQ(entities.size(), 6u);
  auto text_of = [&](const RecognizedEntity& e) { return text.substr(e.begin, e.end - e.begin); };
  EXPECT_EQ(text_of(entities[0]), "Carol");
  EXPECT_EQ(entities[0].type, EntityType::kPerson);
  EXPECT_EQ(text_of(entities[2]), "Acme Corp");
  EXPECT_EQ(entities[2].type, EntityType::kOrganization);
  EXPECT_EQ(text_of(entities[3]), "Dave");
  EXPECT_EQ(text_of(entities[4]), "Paris");
  EXPECT_EQ(entities[4].type, EntityType::kLocation);
}

// A model that learned to take "Dear" into the name: the recognizer drops it.
TEST(RecognizerTest, DropsTheSalutationOpeningAPersonSpan) {
  std::string text;
  for (const char* n : {"Alice", "Bob", "Carol", "Dave", "Erin"})
    text += std::string("Dear B-PER\n") + n + " I-PER\n, O\nthanks O\n. O\n\n";
  TrainingOptions options;
  options.epochs = 5;
  options.hash_bits = 14;
  Result<NerModel> model = TrainNerModel("en", ParseConll(text), {}, options);
  ASSERT_TRUE(model.ok());
  const std::vector<std::string_view> words = {"Dear", "Carol", ",", "thanks", "."};
  const std::vector<EntitySpan> tagged = model->TagWords(words);
  ASSERT_EQ(tagged.size(), 1u);
  ASSERT_EQ(tagged[0].begin, 0u);  // the model itself includes "Dear"
  Recognizer recognizer(std::move(*model));
  const std::string mail = "Dear Carol, thanks.";
  const std::vector<RecognizedEntity> found = recognizer.Recognize(mail);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(mail.substr(found[0].begin, found[0].end - found[0].begin), "Carol");
  EXPECT_EQ(found[0].type, EntityType::kPerson);
}

TEST(RecognizerTest, SurvivesHostileInput) {
  Recognizer recognizer(TrainToy());
  std::mt19937 rng(7);
  std::string junk(20000, '\0');
  for (char& c : junk) c = static_cast<char>(rng());
  for (const auto& e : recognizer.Recognize(junk)) EXPECT_LE(e.end, junk.size());
  EXPECT_TRUE(recognizer.Recognize("").empty());
  EXPECT_NO_FATAL_FAILURE(recognizer.Recognize(std::string(100000, 'A')));
}

}  // namespace
}  // namespace leakgraph::ner
