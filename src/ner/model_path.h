// Where the NER models ship and how a command finds one without --model.
#pragma once

#include <filesystem>
#include <string_view>

namespace leakgraph::ner {

// File name of the model for `lang`: "ner-<lang>.bin".
std::filesystem::path ModelFileName(std::string_view lang);

// Returns the first existing file named `file_name` among the model folders,
// in order: $LEAKGRAPH_MODELS/, <dir of the executable>/../share/leakgraph/models/,
// <dir of the executable>/models/, LEAKGRAPH_SOURCE_DIR/models/ (when the
// build defines it). When none exists, returns it in the last folder (so error
// messages name a meaningful path). Every model of the project is found this way.
std::filesystem::path FindModelFile(const std::filesystem::path& file_name);

// Returns the first existing model file for `lang` among, in order:
// $LEAKGRAPH_MODELS/, <dir of the executable>/../share/leakgraph/models/,
// <dir of the executable>/models/, LEAKGRAPH_SOURCE_DIR/models/ (when the
// build defines it). When none exists, returns the last candidate (so error
// messages name a meaningful path).
std::filesystem::path DefaultModelPath(std::string_view lang);

}  // namespace leakgraph::ner
