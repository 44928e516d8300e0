// Fixed names of error codes.
#include "kernkompas/core/error.hpp"

namespace kk {

const char* error_code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kOk: return "ok";
    case ErrorCode::kInvalidArgument: return "invalid argument";
    case ErrorCode::kApiMisuse: return "API misuse";
    case ErrorCode::kCancelled: return "cancelled";
    case ErrorCode::kIo: return "input/output error";
    case ErrorCode::kUnknownFormat: return "unknown format";
    case ErrorCode::kMissingField: return "missing field";
    case ErrorCode::kBadValue: return "bad value";
    case ErrorCode::kDuplicateId: return "duplicate id";
    case ErrorCode::kEmptyLayer: return "empty layer";
    case ErrorCode::kWrongGeometryType: return "wrong geometry type";
    case ErrorCode::kConfig: return "configuration error";
    case ErrorCode::kInvalidGeometry: return "invalid geometry";
    case ErrorCode::kEmptyGeometry: return "empty geometry";
    case ErrorCode::kCrsMissing: return "missing CRS";
    case ErrorCode::kCrsImplausible: return "coordinates implausible for the CRS";
    case ErrorCode::kCrsTransform: return "CRS transformation failed";
    case ErrorCode::kInternal: return "internal error";
  }
  return "unknown error";
}

}  // namespace kk
