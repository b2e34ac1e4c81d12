// A thin RAII layer over the SQLite C API: a connection, prepared statements
// with typed binds and columns, and transactions. Errors come back as Status
// values carrying SQLite's message; nothing here throws.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "leakgraph/status.h"

namespace leakgraph::store {

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds are 1-based like SQLite's.
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, const std::optional<std::string>& value);
  Statement& BindDouble(int index, double value);
  Statement& BindNull(int index);

  // Steps once. Returns true if a row is available, false when done.
  Result<bool> Step();
  // Steps to completion, for statements without result rows.
  Status Run();
  // Resets for reuse and clears bindings.
  void Reset();

  std::int64_t Int(int column) const;
  std::string Text(int column) const;
  double Double(int column) const;
  bool IsNull(int column) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// Steps `stmt` to the end, calling `row` for each result row.
Status EachRow(Statement& stmt, const std::function<void(Statement&)>& row);

class Connection {
 public:
  Connection() = default;
  ~Connection();
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Opens (creating if `create`) the database at `path` in WAL mode.
  static Result<Connection> Open(const std::string& path, bool create, bool read_only = false);

  Status Execute(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql);
  std::int64_t LastInsertId() const;
  sqlite3* raw() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

}  // namespace leakgraph::store
