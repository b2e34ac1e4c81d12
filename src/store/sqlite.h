// A thin RAII layer over the SQLite C API: a connection, prepared statements
// with typed binds and columns, and transactions. Errors come back as Status
// values carrying SQLite's message; nothing here throws.
#pragma once

#include <sqlite3.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
  // The column's bytes as stored, without a copy; valid until the next Step,
  // Reset or column access of this statement.
  std::string_view Bytes(int column) const;
  double Double(int column) const;
  bool IsNull(int column) const;
  sqlite3_stmt* raw() const { return stmt_; }

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

// Inserts `rows` rows, a statement step per row. `insert_into` is the
// statement up to VALUES ("INSERT INTO t(a, b)"), prepared into `insert` on
// first use and kept there for the next call (start with an empty Statement);
// bind_row(stmt, row) binds row `row`'s `columns` values at parameters 1, 2, ...
// Rows are inserted in order. Runs in the caller's transaction, if any.
//
// One row a statement on purpose. A statement that writes several rows
// ("VALUES (?,?),(?,?),...") inside a transaction keeps a statement journal,
// to undo only itself on a constraint failure (NOT NULL, a key, a foreign
// key); SQLite holds it in memory up to 64 KiB, then in a temporary file for
// the rest of the transaction, where every page a later statement changes
// costs a pwrite. 64 rows into a table indexed on a random key change ~64
// index pages, so they spilled: 226,000 pwrite calls to resolve a 10k case,
// 8,500 with one row a statement, and both the resolve and the ingest writer
// faster. A larger SQLITE_CONFIG_STMTJRNL_SPILL is no way out: the threshold
// is also the in-memory journal's chunk size, and SQLite's unix VFS writes at
// most 128 KiB at once, so a spill with a larger one fails with SQLITE_FULL.
template <typename BindRow>
Status InsertRows(Connection& conn, Statement& insert, std::string_view insert_into, int columns,
                  std::size_t rows, BindRow bind_row) {
  if (rows == 0) return Status::Ok();
  if (insert.raw() == nullptr) {
    std::string sql(insert_into);
    sql += " VALUES(";
    for (int c = 0; c < columns; ++c) sql += c ? ",?" : "?";
    sql += ")";
    auto prepared = conn.Prepare(sql);
    if (!prepared.ok()) return prepared.status();
    insert = std::move(*prepared);
  }
  for (std::size_t row = 0; row < rows; ++row) {
    bind_row(insert, row);
    if (Status s = insert.Run(); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace leakgraph::store
