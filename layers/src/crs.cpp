// PROJ-based coordinate transformation with area-of-use plausibility checks.
#include "kernkompas/layers/crs.hpp"

#include <proj.h>

#include <cmath>
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

}  // namespace

struct CrsTransform::Impl {
  PJ_CONTEXT* context = nullptr;
  PJ* source = nullptr;
  PJ* target = nullptr;
  PJ* forward = nullptr;     // source -> target, GIS axis order
  PJ* to_lonlat = nullptr;   // source -> WGS84 lon/lat, for the plausibility check
  Bounds source_area, target_area;
  bool identity = false;
  std::string source_name, target_name;

  ~Impl() {
    for (PJ* pj : {forward, to_lonlat, source, target}) {
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

  PJ* pipeline(PJ* from, PJ* to) {
    PJ* raw = proj_create_crs_to_crs_from_pj(context, from, to, nullptr, nullptr);
    if (raw == nullptr) {
      throw InputError(ErrorCode::kCrsTransform, "no transformation from '" + source_name + "' to '" +
                                                     target_name + "': " + last_error());
    }
    PJ* normalized = proj_normalize_for_visualization(context, raw);
    proj_destroy(raw);
    if (normalized == nullptr) throw InputError(ErrorCode::kCrsTransform, last_error());
    return normalized;
  }

  Bounds area_of_use(PJ* crs) const {
    Bounds b;
    if (!proj_get_area_of_use(context, crs, &b.west, &b.south, &b.east, &b.north, nullptr) ||
        b.west < -180.0 || b.west > 180.0) {
      return Bounds{};  // unknown: any lon/lat is plausible
    }
    return b;
  }
};

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
  PJ* wgs84 = m.create("OGC:CRS84");
  m.to_lonlat = m.pipeline(m.source, wgs84);
  proj_destroy(wgs84);
  m.source_area = m.area_of_use(m.source);
  m.target_area = m.area_of_use(m.target);
}

CrsTransform::~CrsTransform() = default;

bool CrsTransform::is_identity() const { return impl_->identity; }
const std::string& CrsTransform::source_name() const { return impl_->source_name; }
const std::string& CrsTransform::target_name() const { return impl_->target_name; }

long CrsTransform::first_implausible(std::span<const double> x, std::span<const double> y) const {
  std::vector<double> lon(x.begin(), x.end()), lat(y.begin(), y.end());
  proj_trans_generic(impl_->to_lonlat, PJ_FWD, lon.data(), sizeof(double), lon.size(), lat.data(),
                     sizeof(double), lat.size(), nullptr, 0, 0, nullptr, 0, 0);
  auto inside = [](const Bounds& b, double lo, double la) {
    // Areas crossing the antimeridian have west > east.
    const bool lon_ok = b.west <= b.east
                            ? lo >= b.west - kMarginDegrees && lo <= b.east + kMarginDegrees
                            : lo >= b.west - kMarginDegrees || lo <= b.east + kMarginDegrees;
    return lon_ok && la >= b.south - kMarginDegrees && la <= b.north + kMarginDegrees;
  };
  for (size_t i = 0; i < lon.size(); ++i) {
    if (!std::isfinite(lon[i]) || !std::isfinite(lat[i]) || !inside(impl_->source_area, lon[i], lat[i]) ||
        !inside(impl_->target_area, lon[i], lat[i])) {
      return static_cast<long>(i);
    }
  }
  return -1;
}

long CrsTransform::transform(std::span<double> x, std::span<double> y) const {
  if (impl_->identity) return -1;
  proj_trans_generic(impl_->forward, PJ_FWD, x.data(), sizeof(double), x.size(), y.data(),
                     sizeof(double), y.size(), nullptr, 0, 0, nullptr, 0, 0);
  for (size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) return static_cast<long>(i);
  }
  return -1;
}

}  // namespace kk::layers
