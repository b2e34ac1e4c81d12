#include "ner/model_path.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>

namespace leakgraph::ner {
namespace {

namespace fs = std::filesystem;

TEST(ModelPathTest, PrefersLeakgraphModelsEnvironmentVariable) {
  const fs::path dir = fs::temp_directory_path() / ("leakgraph_models_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "ner-fa.bin") << "x";
  ::setenv("LEAKGRAPH_MODELS", dir.c_str(), 1);
  EXPECT_EQ(DefaultModelPath("fa"), dir / "ner-fa.bin");
  // Without a file there it falls through to the other locations.
  EXPECT_NE(DefaultModelPath("xx").parent_path(), dir);
  ::unsetenv("LEAKGRAPH_MODELS");
  fs::remove_all(dir);
  EXPECT_EQ(ModelFileName("ar"), "ner-ar.bin");
}

}  // namespace
}  // namespace leakgraph::ner
