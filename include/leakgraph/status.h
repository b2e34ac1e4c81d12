// Errors as values at library boundaries.
//
// Status carries success or an error code with a human-readable message that
// names the file and the reason. Result<T> is a value or a Status. Exceptions
// are reserved for conditions that abort a whole operation; anything caused by
// input (a corrupt file, a missing folder) comes back as a Status.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace leakgraph {

enum class StatusCode {
  kOk = 0,
  kInvalidInput,   // the input is malformed or unsupported
  kNotFound,       // a file, document or folder does not exist
  kIoError,        // the operating system refused a read or write
  kCorrupt,        // a store or index is damaged
  kUnsupported,    // no handler for this content
  kInternal,       // a bug: should never reach a user
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string m) { return Status(StatusCode::kInvalidInput, std::move(m)); }
  static Status NotFound(std::string m) { return Status(StatusCode::kNotFound, std::move(m)); }
  static Status IoError(std::string m) { return Status(StatusCode::kIoError, std::move(m)); }
  static Status Corrupt(std::string m) { return Status(StatusCode::kCorrupt, std::move(m)); }
  static Status Unsupported(std::string m) { return Status(StatusCode::kUnsupported, std::move(m)); }
  static Status Internal(std::string m) { return Status(StatusCode::kInternal, std::move(m)); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // Returns "message" for errors, "ok" for success.
  std::string ToString() const { return ok() ? "ok" : message_; }

 private:
  Status(StatusCode c, std::string m) : code_(c), message_(std::move(m)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value of type T or an error Status. REQUIRES: callers check ok() before value().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}           // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}   // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace leakgraph
