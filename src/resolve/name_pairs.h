// Name-pair files: the training data of the transliteration model and the
// input of `leakgraph eval names`.
//
// A pair line holds a Latin name and an Arabic-script name separated by a tab,
// in either order (each column's script decides which is which); an
// Arabic-script column written as single letters separated by spaces
// ("م ح م د") is joined; further columns (counts, classes) are ignored.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "leakgraph/status.h"
#include "resolve/transliteration.h"

namespace leakgraph::resolve {

// Returns the pair in `line` (see file comment), or nullopt when the line
// lacks a Latin or an Arabic-script column.
std::optional<NamePair> ParseNamePairLine(std::string_view line);

// Reads every pair of `file`; lines without a pair are skipped.
[[nodiscard]] Result<std::vector<NamePair>> ReadNamePairs(const std::filesystem::path& file);

// The identity of a name for deduplication and held-out checks: Latin
// letters a-z only (through Latin-ASCII, lower case), or the FoldForSearch
// form of an Arabic-script name without spaces.
std::string LatinIdentity(std::string_view latin);
std::string ArabicIdentity(std::string_view arabic);

struct NameTrainingSet {
  std::vector<NamePair> pairs;
  size_t held_out_dropped = 0;  // training pairs sharing a name with a held-out file
};

// The development files of names/: never trained on.
std::vector<std::filesystem::path> NameDevFiles(const std::filesystem::path& data_dir);

// Loads the training files of `data_dir`/names (anetac-translit-train,
// google-ar2en-train, wikidata-ar-train), dropping every pair whose Latin or
// Arabic-script name occurs in NameDevFiles or in `extra_held_out`: the
// shared files overlap (most google-ar2en-eval pairs are in wikidata-ar-train).
[[nodiscard]] Result<NameTrainingSet> LoadNameTrainingSet(
    const std::filesystem::path& data_dir, const std::vector<std::filesystem::path>& extra_held_out);

}  // namespace leakgraph::resolve
