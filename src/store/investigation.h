// An investigation is a folder:
//
//   CASE/leakgraph.sqlite   the store of record (see store.cc for the schema)
//   CASE/index/             the Xapian index, derived from the store
//   CASE/README.txt         a note for whoever finds the folder
//
// Investigation resolves those paths and checks that a folder is one.
#pragma once

#include <filesystem>
#include <string>

#include "leakgraph/status.h"

namespace leakgraph::store {

class Investigation {
 public:
  // Creates the folder (and parents) with an empty store and index. Fails if
  // it already holds an investigation or other files.
  static Result<Investigation> Create(const std::filesystem::path& dir);
  // Opens an existing investigation folder; a clear error if it is not one.
  static Result<Investigation> Open(const std::filesystem::path& dir);
  // Opens, or creates when the folder is missing or empty.
  static Result<Investigation> OpenOrCreate(const std::filesystem::path& dir);

  const std::filesystem::path& dir() const { return dir_; }
  std::string store_path() const { return (dir_ / "leakgraph.sqlite").string(); }
  std::string index_path() const { return (dir_ / "index").string(); }

 private:
  explicit Investigation(std::filesystem::path dir) : dir_(std::move(dir)) {}
  std::filesystem::path dir_;
};

}  // namespace leakgraph::store
