#include "store/investigation.h"

#include <fstream>

#include "index/index.h"
#include "store/store.h"

namespace leakgraph::store {

namespace fs = std::filesystem;

Result<Investigation> Investigation::Create(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir / "leakgraph.sqlite", ec)) {
    return Status::InvalidInput(dir.string() + ": already an investigation folder");
  }
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    return Status::InvalidInput(dir.string() + ": exists and is not a folder");
  }
  if (fs::is_directory(dir, ec) && !fs::is_empty(dir, ec)) {
    return Status::InvalidInput(dir.string() + ": folder is not empty; give a new or empty folder");
  }
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError(dir.string() + ": cannot create folder: " + ec.message());
  Investigation inv(fs::absolute(dir).lexically_normal());
  auto store = Store::Open(inv.store_path(), /*create=*/true);
  if (!store.ok()) return store.status();
  auto writer = index::IndexWriter::Open(inv.index_path());
  if (!writer.ok()) return writer.status();
  Status s = (*writer)->Commit();
  if (!s.ok()) return s;
  std::ofstream note(inv.dir() / "README.txt");
  note << "This folder is a leakgraph investigation.\n"
          "leakgraph.sqlite is the store of record; index/ is derived from it and can be\n"
          "rebuilt with: leakgraph reindex " << inv.dir().string() << "\n";
  return inv;
}

Result<Investigation> Investigation::Open(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::NotFound(dir.string() + ": no such investigation folder (create it with leakgraph init)");
  }
  if (!fs::is_regular_file(dir / "leakgraph.sqlite", ec)) {
    return Status::NotFound(dir.string() + ": not an investigation folder (no leakgraph.sqlite)");
  }
  return Investigation(fs::absolute(dir).lexically_normal());
}

Result<Investigation> Investigation::OpenOrCreate(const fs::path& dir) {
  std::error_code ec;
  if (fs::is_regular_file(dir / "leakgraph.sqlite", ec)) return Open(dir);
  return Create(dir);
}

}  // namespace leakgraph::store
