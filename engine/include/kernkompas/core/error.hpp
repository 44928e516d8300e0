// kernkompas error hierarchy: one root, kk::Error, carrying a code shared with the C API.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace kk {

// Codes are grouped by range so a caller can test the family: 1xx argument, 2xx data/IO,
// 3xx geometry, 4xx CRS, 9xx internal. The C API returns the same numbers.
enum class ErrorCode : uint16_t {
  kOk = 0,
  kInvalidArgument = 100,
  kApiMisuse = 101,
  kCancelled = 102,
  kIo = 200,             // file missing, unreadable, unwritable
  kUnknownFormat = 201,  // no driver recognises the file
  kMissingField = 202,   // a mapped field is not in the layer
  kBadValue = 203,       // a value that cannot be parsed (non-numeric area, bad date, ...)
  kDuplicateId = 204,
  kEmptyLayer = 205,
  kWrongGeometryType = 206,
  kConfig = 207,         // the configuration file itself is wrong
  kInvalidGeometry = 300,
  kEmptyGeometry = 301,
  kCrsMissing = 400,
  kCrsImplausible = 401,
  kCrsTransform = 402,
  kInternal = 900,
};

// Fixed English text for a code (never null).
const char* error_code_name(ErrorCode code) noexcept;

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

// Bad input data or configuration: the message names the file, the record and the problem.
class InputError : public Error {
 public:
  using Error::Error;
};

// The caller's progress callback asked to stop.
class Cancelled : public Error {
 public:
  Cancelled() : Error(ErrorCode::kCancelled, "cancelled by the caller") {}
};

}  // namespace kk
