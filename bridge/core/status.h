// Status and Result<T>: the error model of the data path.
//
// A Status is either ok or carries a code, a message that says what happened
// and what to do about it, and two flags: whether retrying the same operation
// later may succeed, and whether data may have been lost. Result<T> holds a
// value or a non-ok Status. Both are [[nodiscard]]: an ignored error is a bug.
//
// Thread-safety: values; safe to copy between threads.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace bridge::core {

enum class StatusCode {
  kOk,
  kInvalidArgument,    // the caller passed something unusable (usage, bad JSON, bad data)
  kNotFound,           // a named file or item does not exist
  kIoError,            // the operating system refused a read or write
  kCorruption,         // stored or received bytes are not what they claim to be
  kResourceExhausted,  // a size limit, disk space or memory bound was reached
  kUnavailable,        // a peer is down or busy; retry later
  kInternal,           // a broken invariant inside edi-bridge
};

std::string_view statusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;

  static Status ok() { return Status(); }
  static Status invalidArgument(std::string message) {
    return Status(StatusCode::kInvalidArgument, std::move(message));
  }
  static Status notFound(std::string message) {
    return Status(StatusCode::kNotFound, std::move(message));
  }
  static Status ioError(std::string message, bool retryable = false) {
    Status s(StatusCode::kIoError, std::move(message));
    s.retryable_ = retryable;
    return s;
  }
  static Status corruption(std::string message) {
    Status s(StatusCode::kCorruption, std::move(message));
    s.dataLoss_ = true;
    return s;
  }
  static Status resourceExhausted(std::string message) {
    return Status(StatusCode::kResourceExhausted, std::move(message));
  }
  static Status unavailable(std::string message) {
    Status s(StatusCode::kUnavailable, std::move(message));
    s.retryable_ = true;
    return s;
  }
  static Status internal(std::string message) {
    return Status(StatusCode::kInternal, std::move(message));
  }

  bool isOk() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  bool retryable() const { return retryable_; }
  bool dataLoss() const { return dataLoss_; }

  // "io-error: cannot open 'x.edi': No such file or directory"
  std::string toString() const;

 private:
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  bool retryable_ = false;
  bool dataLoss_ = false;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(state_).isOk() && "a Result needs a value or an error");
  }

  bool isOk() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return isOk(); }

  // REQUIRES: isOk().
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // The error; Status::ok() when a value is held.
  Status status() const { return isOk() ? Status::ok() : std::get<Status>(state_); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace bridge::core
