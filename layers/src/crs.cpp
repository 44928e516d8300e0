// PROJ-based coordinate transformation with area-of-use plausibility checks.
#include "kernkompas/layers/crs.hpp"

#include <proj.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "kernkompas/core/error.hpp"

namespace kk::layers {
namespace {

struct Bounds {  // degrees
  double west = -180, south = -90, east = 180, north = 90;
};

// Margin around a CRS's area of use within which coordinates still count as plausible:
// data just across a border is common, half a continent away is not.
constexpr double kMarginDegrees = 1.0;

// Points per edge PROJ adds when it turns an area into bounds in another CRS (PROJ's advice).
constexpr int kDensifyPoints = 21;

// Within `b` widened by the margin. Areas crossing the antimeridian have west > east.
// False for NaN.
bool inside(const Bounds& b, double lon, double lat) {
  const bool lon_ok = b.west <= b.east ? lon >= b.west - kMarginDegrees && lon <= b.east + kMarginDegrees
                                       : lon >= b.west - kMarginDegrees || lon <= b.east + kMarginDegrees;
  return lon_ok && lat >= b.south - kMarginDegrees && lat <= b.north + kMarginDegrees;
}

bool all_finite(std::initializer_list<double> values) {
  return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

// Where one CRS's coordinates are plausible, in that CRS's own coordinates.
struct Region {
  enum class Kind : uint8_t {
    kLonLat,  // the coordinates are lon/lat in degrees: test `area` directly
    kBox,     // `area` with its margin as a box in the CRS's coordinates
    kExact,   // no box: transform the points to lon/lat and test `area` (slow)
  };
  Kind kind = Kind::kExact;
  Bounds area;
  double xmin = 0, ymin = 0, xmax = 0, ymax = 0;  // kBox

  // REQUIRES: kind != kExact. False for NaN.
  bool contains(double x, double y) const {
    if (kind == Kind::kLonLat) return inside(area, x, y);
    return x >= xmin && x <= xmax && y >= ymin && y <= ymax;
  }
};

}  // namespace

struct CrsTransform::Impl {
  PJ_CONTEXT* context = nullptr;
  PJ* source = nullptr;
  PJ* target = nullptr;
  PJ* forward = nullptr;    // source -> target, GIS axis order
  PJ* to_lonlat = nullptr;  // source -> WGS84 lon/lat, for the exact plausibility check
  PJ* lonlat = nullptr;     // WGS84 lon/lat; owned here so a throw mid-constructor frees it
  Region source_region, target_region;
  bool identity = false;
  std::string source_name, target_name;

  ~Impl() {
    for (PJ* pj : {forward, to_lonlat, lonlat, source, target}) {
      if (pj != nullptr) proj_destroy(pj);
    }
    if (context != nullptr) proj_context_destroy(context);
  }

  std::string last_error() const {
    return proj_context_errno_string(context, proj_context_errno(context));
  }

  PJ* create(const std::string& definition) {
    PJ* crs = proj_create(context, definition.c_str());
    if (crs == nullptr || !proj_is_crs(crs)) {
      if (crs != nullptr) proj_destroy(crs);
      throw InputError(ErrorCode::kCrsTransform, "CRS '" + definition + "' is not understood by PROJ");
    }
    return crs;
  }

  // nullptr when PROJ finds no transformation.
  PJ* try_pipeline(PJ* from, PJ* to) {
    PJ* raw = proj_create_crs_to_crs_from_pj(context, from, to, nullptr, nullptr);
    if (raw == nullptr) return nullptr;
    PJ* normalized = proj_normalize_for_visualization(context, raw);
    proj_destroy(raw);
    return normalized;
  }

  PJ* pipeline(PJ* from, PJ* to) {
    PJ* normalized = try_pipeline(from, to);
    if (normalized == nullptr) {
      throw InputError(ErrorCode::kCrsTransform, "no transformation from '" + source_name + "' to '" +
                                                     target_name + "': " + last_error());
    }
    return normalized;
  }

  Bounds area_of_use(const PJ* crs) const {
    Bounds b;
    if (!proj_get_area_of_use(context, crs, &b.west, &b.south, &b.east, &b.north, nullptr) ||
        b.west < -180.0 || b.west > 180.0) {
      return Bounds{};  // unknown: any lon/lat is plausible
    }
    return b;
  }

  // A geographic CRS in degrees: its coordinates (in GIS order) are lon/lat.
  bool is_lonlat_degrees(const PJ* crs) const {
    const PJ_TYPE type = proj_get_type(crs);
    if (type != PJ_TYPE_GEOGRAPHIC_2D_CRS && type != PJ_TYPE_GEOGRAPHIC_3D_CRS) return false;
    PJ* cs = proj_crs_get_coordinate_system(context, crs);
    if (cs == nullptr) return false;
    bool degrees = true;
    for (int axis = 0; axis < 2; ++axis) {
      double to_radians = 0.0;
      if (!proj_cs_get_axis_info(context, cs, axis, nullptr, nullptr, nullptr, &to_radians, nullptr, nullptr,
                                 nullptr) ||
          std::abs(to_radians - std::numbers::pi / 180.0) > 1e-12) {
        degrees = false;
      }
    }
    proj_destroy(cs);
    return degrees;
  }

  // `crs_to_lonlat`: crs -> WGS84 lon/lat in GIS order, or nullptr (no box then).
  Region region(const PJ* crs, PJ* crs_to_lonlat) const {
    Region r;
    r.area = area_of_use(crs);
    if (is_lonlat_degrees(crs)) {
      r.kind = Region::Kind::kLonLat;
      return r;
    }
    const Bounds& a = r.area;
    const double west = a.west - kMarginDegrees, east = a.east + kMarginDegrees;
    const double south = a.south - kMarginDegrees, north = a.north + kMarginDegrees;
    // A box around the area only where the area with its margin stays clear of the
    // antimeridian, ±180° and the poles (unknown areas, the whole world, do not).
    if (crs_to_lonlat == nullptr || a.west > a.east || west < -180.0 || east > 180.0 || south < -90.0 ||
        north > 90.0) {
      return r;
    }
    double xmin = 0, ymin = 0, xmax = 0, ymax = 0;
    if (!proj_trans_bounds(context, crs_to_lonlat, PJ_INV, west, south, east, north, &xmin, &ymin, &xmax, &ymax,
                           kDensifyPoints) ||
        !all_finite({xmin, ymin, xmax, ymax}) || xmin >= xmax || ymin >= ymax) {
      proj_errno_reset(crs_to_lonlat);
      return r;
    }
    r.kind = Region::Kind::kBox;
    r.xmin = xmin;
    r.ymin = ymin;
    r.xmax = xmax;
    r.ymax = ymax;
    return r;
  }

  // How the target's area is checked: not at all (identity: it is the source's), on the
  // source coordinates when they are lon/lat, else on the transformed coordinates (or on
  // lon/lat from to_lonlat when the target has no box).
  enum class TargetCheck : uint8_t { kNone, kSourceLonLat, kTransformed, kExact };
  TargetCheck target_check() const {
    if (identity) return TargetCheck::kNone;
    if (source_region.kind == Region::Kind::kLonLat) return TargetCheck::kSourceLonLat;
    return target_region.kind == Region::Kind::kExact ? TargetCheck::kExact : TargetCheck::kTransformed;
  }

  // Index of the first implausible point, or -1. `tx`, `ty`: the points transformed to the
  // target CRS; used only when target_check() is kTransformed.
  long first_implausible(std::span<const double> x, std::span<const double> y, std::span<const double> tx,
                         std::span<const double> ty) const {
    const TargetCheck target_side = target_check();
    const bool source_exact = source_region.kind == Region::Kind::kExact;
    size_t limit = x.size();  // the points before it passed every check so far
    if (source_exact || target_side == TargetCheck::kExact) {
      std::vector<double> lon(x.begin(), x.end()), lat(y.begin(), y.end());
      proj_trans_generic(to_lonlat, PJ_FWD, lon.data(), sizeof(double), lon.size(), lat.data(), sizeof(double),
                         lat.size(), nullptr, 0, 0, nullptr, 0, 0);
      for (size_t i = 0; i < limit; ++i) {
        if (!std::isfinite(lon[i]) || !std::isfinite(lat[i]) ||
            (source_exact && !inside(source_region.area, lon[i], lat[i])) ||
            (target_side == TargetCheck::kExact && !inside(target_region.area, lon[i], lat[i]))) {
          limit = i;
          break;
        }
      }
    }
    if (!source_exact) {
      for (size_t i = 0; i < limit; ++i) {
        if (!source_region.contains(x[i], y[i])) {
          limit = i;
          break;
        }
      }
    }
    if (target_side == TargetCheck::kSourceLonLat) {
      for (size_t i = 0; i < limit; ++i) {
        if (!inside(target_region.area, x[i], y[i])) {
          limit = i;
          break;
        }
      }
    } else if (target_side == TargetCheck::kTransformed) {
      for (size_t i = 0; i < limit; ++i) {
        // A point PROJ could not transform is transform()'s to report, not this check's.
        if (std::isfinite(tx[i]) && std::isfinite(ty[i]) && !target_region.contains(tx[i], ty[i])) {
          limit = i;
          break;
        }
      }
    }
    return limit == x.size() ? -1 : static_cast<long>(limit);
  }

  // Index of the first point PROJ could not transform, or -1.
  long transform(std::span<double> x, std::span<double> y) const {
    proj_trans_generic(forward, PJ_FWD, x.data(), sizeof(double), x.size(), y.data(), sizeof(double), y.size(),
                       nullptr, 0, 0, nullptr, 0, 0);
    for (size_t i = 0; i < x.size(); ++i) {
      if (!std::isfinite(x[i]) || !std::isfinite(y[i])) return static_cast<long>(i);
    }
    return -1;
  }
};

void check_working_crs(const std::string& definition, std::string_view where) {
  PJ_CONTEXT* context = proj_context_create();
  proj_log_level(context, PJ_LOG_NONE);
  std::vector<PJ*> owned;
  auto own = [&](PJ* pj) {
    if (pj != nullptr) owned.push_back(pj);
    return pj;
  };
  std::string problem;
  PJ* crs = own(proj_create(context, definition.c_str()));
  if (crs == nullptr || !proj_is_crs(crs)) {
    problem = "CRS '" + definition + "' is not understood by PROJ";
  } else {
    const std::string name = proj_get_name(crs) != nullptr ? proj_get_name(crs) : definition;
    PJ* horizontal = crs;
    if (proj_get_type(horizontal) == PJ_TYPE_BOUND_CRS) horizontal = own(proj_get_source_crs(context, horizontal));
    if (horizontal != nullptr && proj_get_type(horizontal) == PJ_TYPE_COMPOUND_CRS) {
      horizontal = own(proj_crs_get_sub_crs(context, horizontal, 0));
    }
    std::string what;
    if (horizontal == nullptr || proj_get_type(horizontal) != PJ_TYPE_PROJECTED_CRS) {
      const PJ_TYPE type = horizontal != nullptr ? proj_get_type(horizontal) : PJ_TYPE_UNKNOWN;
      what = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS
                 ? "geographic (degrees), not projected"
                 : "not a projected CRS";
    } else if (PJ* cs = own(proj_crs_get_coordinate_system(context, horizontal)); cs != nullptr) {
      for (int axis = 0; axis < 2 && what.empty(); ++axis) {
        double to_metres = 0.0;
        const char* unit = nullptr;
        if (!proj_cs_get_axis_info(context, cs, axis, nullptr, nullptr, nullptr, &to_metres, &unit, nullptr,
                                   nullptr) ||
            std::abs(to_metres - 1.0) > 1e-12) {
          what = std::string("projected in ") + (unit != nullptr ? unit : "a unit other than metres");
        }
      }
    }
    if (!what.empty()) {
      problem = "'" + definition + "' (" + name + ") is " + what +
                "; the working CRS must be projected in metres, e.g. EPSG:28992 (RD New)";
    }
  }
  for (PJ* pj : owned) proj_destroy(pj);
  proj_context_destroy(context);
  if (!problem.empty()) throw InputError(ErrorCode::kCrsTransform, std::string(where) + ": " + problem);
}

CrsTransform::CrsTransform(const std::string& source, const std::string& target)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.context = proj_context_create();
  proj_log_level(m.context, PJ_LOG_NONE);  // errors reach the caller as exceptions instead
  m.source = m.create(source);
  m.target = m.create(target);
  m.source_name = proj_get_name(m.source) != nullptr ? proj_get_name(m.source) : source;
  m.target_name = proj_get_name(m.target) != nullptr ? proj_get_name(m.target) : target;
  m.identity = proj_is_equivalent_to(m.source, m.target, PJ_COMP_EQUIVALENT) != 0;
  if (!m.identity) m.forward = m.pipeline(m.source, m.target);
  m.lonlat = m.create("OGC:CRS84");
  m.to_lonlat = m.pipeline(m.source, m.lonlat);
  m.source_region = m.region(m.source, m.to_lonlat);
  if (m.identity) {
    m.target_region = m.source_region;
  } else if (m.source_region.kind == Region::Kind::kLonLat) {
    m.target_region.area = m.area_of_use(m.target);  // tested on the source lon/lat: no box needed
  } else {
    PJ* target_to_lonlat = m.try_pipeline(m.target, m.lonlat);
    m.target_region = m.region(m.target, target_to_lonlat);
    if (target_to_lonlat != nullptr) proj_destroy(target_to_lonlat);
  }
}

CrsTransform::~CrsTransform() = default;

bool CrsTransform::is_identity() const { return impl_->identity; }
const std::string& CrsTransform::source_name() const { return impl_->source_name; }
const std::string& CrsTransform::target_name() const { return impl_->target_name; }

long CrsTransform::first_implausible(std::span<const double> x, std::span<const double> y) const {
  if (impl_->target_check() != Impl::TargetCheck::kTransformed) return impl_->first_implausible(x, y, {}, {});
  std::vector<double> tx(x.begin(), x.end()), ty(y.begin(), y.end());
  impl_->transform(tx, ty);
  return impl_->first_implausible(x, y, tx, ty);
}

long CrsTransform::transform(std::span<double> x, std::span<double> y) const {
  if (impl_->identity) return -1;
  return impl_->transform(x, y);
}

CrsTransform::Checked CrsTransform::transform_checked(std::span<double> x, std::span<double> y) const {
  Checked checked;
  if (impl_->identity) {
    checked.implausible = impl_->first_implausible(x, y, {}, {});
    return checked;
  }
  std::vector<double> tx(x.begin(), x.end()), ty(y.begin(), y.end());
  checked.failed = impl_->transform(tx, ty);
  checked.implausible = impl_->first_implausible(x, y, tx, ty);
  if (checked.failed < 0 && checked.implausible < 0) {
    std::copy(tx.begin(), tx.end(), x.begin());
    std::copy(ty.begin(), ty.end(), y.begin());
  }
  return checked;
}

}  // namespace kk::layers
