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

// Inserts `rows` rows with one statement per kRowsPerInsert of them
// ("INSERT INTO t(a, b) VALUES(?,?),(?,?),..."): a bulk write steps a
// statement once per 64 rows instead of once per row. `insert_into` is the
// statement up to VALUES ("INSERT INTO t(a, b)"); bind_row(stmt, row, first)
// binds row `row`'s `columns` values at parameters first, first + 1, ...
// `by_count` keeps the prepared statements by their number of rows, for the
// next call with the same `insert_into` (start with an empty vector).
// Rows are inserted in order. Runs in the caller's transaction, if any.
inline constexpr std::size_t kRowsPerInsert = 64;
template <typename BindRow>
Status InsertRows(Connection& conn, std::vector<Statement>& by_count, std::string_view insert_into,
                  int columns, std::size_t rows, BindRow bind_row) {
  if (by_count.size() <= kRowsPerInsert) by_count.resize(kRowsPerInsert + 1);
  for (std::size_t done = 0; done < rows;) {
    const std::size_t count = std::min(kRowsPerInsert, rows - done);
    Statement& stmt = by_count[count];
    if (stmt.raw() == nullptr) {
      std::string one = "(";
      for (int c = 0; c < columns; ++c) one += c ? ",?" : "?";
      one += ")";
      std::string sql(insert_into);
      sql += " VALUES";
      for (std::size_t r = 0; r < count; ++r) sql += r ? "," + one : one;
      auto prepared = conn.Prepare(sql);
      if (!prepared.ok()) return prepared.status();
      stmt = std::move(*prepared);
    }
    for (std::size_t r = 0; r < count; ++r) bind_row(stmt, done + r, static_cast<int>(r) * columns + 1);
    if (Status s = stmt.Run(); !s.ok()) return s;
    done += count;
  }
  return Status::Ok();
}

}  // namespace leakgraph::store
