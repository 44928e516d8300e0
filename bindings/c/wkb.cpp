// Polygonal WKB reader (ISO WKB and PostGIS EWKB) and MultiPolygon writer for the C API.
#include "wkb.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "kernkompas/core/error.hpp"

namespace kk::capi {
namespace {

constexpr uint32_t kPolygon = 3;
constexpr uint32_t kMultiPolygon = 6;

const char* type_name(uint32_t type) {
  switch (type) {
    case 0: return "Geometry";
    case 1: return "Point";
    case 2: return "LineString";
    case 3: return "Polygon";
    case 4: return "MultiPoint";
    case 5: return "MultiLineString";
    case 6: return "MultiPolygon";
    case 7: return "GeometryCollection";
    case 8: return "CircularString";
    case 9: return "CompoundCurve";
    case 10: return "CurvePolygon";
    case 11: return "MultiCurve";
    case 12: return "MultiSurface";
    case 15: return "PolyhedralSurface";
    case 16: return "TIN";
    case 17: return "Triangle";
    default: return nullptr;
  }
}

std::string describe_type(uint32_t type) {
  if (const char* name = type_name(type)) return name;
  return "geometry of unknown WKB type " + std::to_string(type);
}

class Reader {
 public:
  Reader(const unsigned char* data, size_t size) : data_(data), size_(size) {}

  size_t position() const { return position_; }
  size_t remaining() const { return size_ - position_; }

  // Checks that `count` items of at least `item_bytes` each can still follow.
  void need(uint64_t count, uint64_t item_bytes, const char* what) const {
    if (item_bytes != 0 && count > remaining() / item_bytes) {
      throw Error(ErrorCode::kBadValue,
                  "WKB truncated at byte " + std::to_string(position_) + ": " + what + " needs " +
                      std::to_string(count) + " x " + std::to_string(item_bytes) + " bytes, " +
                      std::to_string(remaining()) + " left");
    }
  }

  uint8_t u8(const char* what) {
    need(1, 1, what);
    return data_[position_++];
  }

  uint32_t u32(bool little, const char* what) {
    need(1, 4, what);
    uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      const uint32_t byte = data_[position_ + static_cast<size_t>(little ? i : 3 - i)];
      value |= byte << (8 * i);
    }
    position_ += 4;
    return value;
  }

  double f64(bool little) {
    need(1, 8, "coordinate");
    uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) {
      const uint64_t byte = data_[position_ + static_cast<size_t>(little ? i : 7 - i)];
      bits |= byte << (8 * i);
    }
    position_ += 8;
    double value = 0;
    std::memcpy(&value, &bits, sizeof value);
    return value;
  }

  void skip(size_t bytes) {
    need(1, bytes, "coordinate");
    position_ += bytes;
  }

 private:
  const unsigned char* data_;
  size_t size_;
  size_t position_ = 0;
};

struct Header {
  bool little = true;
  uint32_t type = 0;       // base type: 3 Polygon, 6 MultiPolygon, ...
  unsigned dimensions = 2;  // coordinates per vertex: 2, 3 (Z or M) or 4 (ZM)
};

Header read_header(Reader& reader) {
  const size_t start = reader.position();
  const uint8_t order = reader.u8("byte-order marker");
  if (order > 1) {
    throw Error(ErrorCode::kBadValue, "WKB byte-order marker at byte " + std::to_string(start) +
                                          " must be 0 or 1, found " + std::to_string(order));
  }
  Header header;
  header.little = order == 1;
  const uint32_t raw = reader.u32(header.little, "geometry type");
  // EWKB (PostGIS) flags in the high bits; ISO WKB adds 1000 (Z), 2000 (M), 3000 (ZM).
  bool z = (raw & 0x80000000u) != 0;
  bool m = (raw & 0x40000000u) != 0;
  const bool srid = (raw & 0x20000000u) != 0;
  uint32_t type = raw & 0x0FFFFFFFu;
  if (type >= 1000 && type < 4000) {
    const uint32_t family = type / 1000;
    z = z || family == 1 || family == 3;
    m = m || family == 2 || family == 3;
    type %= 1000;
  }
  if (srid) reader.u32(header.little, "SRID");
  header.type = type;
  header.dimensions = 2u + (z ? 1u : 0u) + (m ? 1u : 0u);
  return header;
}

void read_polygon_body(Reader& reader, const Header& header, geometry::MultiPolygonArray& out) {
  const uint32_t rings = reader.u32(header.little, "ring count");
  if (rings == 0) return;  // POLYGON EMPTY adds no part
  reader.need(rings, 4, "rings");
  out.begin_part();
  const size_t vertex_bytes = 8u * header.dimensions;
  std::vector<double> xs, ys;
  for (uint32_t ring = 0; ring < rings; ++ring) {
    const size_t ring_start = reader.position();
    const uint32_t points = reader.u32(header.little, "point count");
    reader.need(points, vertex_bytes, "ring coordinates");
    if (points < 3) {
      throw Error(ErrorCode::kInvalidGeometry,
                  "WKB ring at byte " + std::to_string(ring_start) + " has " +
                      std::to_string(points) + " points; a ring needs at least 3");
    }
    xs.resize(points);
    ys.resize(points);
    for (uint32_t i = 0; i < points; ++i) {
      const size_t at = reader.position();
      xs[i] = reader.f64(header.little);
      ys[i] = reader.f64(header.little);
      reader.skip(vertex_bytes - 16);
      if (!std::isfinite(xs[i]) || !std::isfinite(ys[i])) {
        throw Error(ErrorCode::kBadValue,
                    "WKB coordinate at byte " + std::to_string(at) + " is NaN or infinite");
      }
    }
    out.add_ring(xs, ys);
  }
}

}  // namespace

void append_wkb_polygonal(const unsigned char* data, size_t size, geometry::MultiPolygonArray& out) {
  Reader reader(data, size);
  const Header header = read_header(reader);
  out.begin_feature();
  if (header.type == kPolygon) {
    read_polygon_body(reader, header, out);
  } else if (header.type == kMultiPolygon) {
    const uint32_t polygons = reader.u32(header.little, "polygon count");
    reader.need(polygons, 9, "polygons");  // each at least a header and a ring count
    for (uint32_t p = 0; p < polygons; ++p) {
      const size_t at = reader.position();
      const Header member = read_header(reader);
      if (member.type != kPolygon) {
        throw Error(ErrorCode::kWrongGeometryType, "MultiPolygon member at byte " +
                                                       std::to_string(at) + " is a " +
                                                       describe_type(member.type));
      }
      read_polygon_body(reader, member, out);
    }
  } else {
    throw Error(ErrorCode::kWrongGeometryType,
                "expected a Polygon or MultiPolygon, found a " + describe_type(header.type));
  }
  if (reader.remaining() != 0) {
    throw Error(ErrorCode::kBadValue, std::to_string(reader.remaining()) +
                                          " bytes follow the end of the WKB geometry at byte " +
                                          std::to_string(reader.position()));
  }
  if (out.part_offsets.back() == out.part_offsets[out.size() - 1]) {
    throw Error(ErrorCode::kEmptyGeometry, "the polygon is empty");
  }
}

size_t multipolygon_wkb(const geometry::MultiPolygonArray& g, size_t row, unsigned char* out) {
  size_t size = 0;
  auto put = [&](const void* bytes, size_t n) {
    if (out != nullptr) std::memcpy(out + size, bytes, n);
    size += n;
  };
  auto put_u32 = [&](uint32_t value) {
    unsigned char bytes[4];
    for (int i = 0; i < 4; ++i) bytes[i] = static_cast<unsigned char>(value >> (8 * i));
    put(bytes, 4);
  };
  auto put_f64 = [&](double value) {
    uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    unsigned char bytes[8];
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(bits >> (8 * i));
    put(bytes, 8);
  };
  const unsigned char little = 1;
  put(&little, 1);
  put_u32(6);  // MultiPolygon
  put_u32(g.part_offsets[row + 1] - g.part_offsets[row]);
  for (uint32_t part = g.part_offsets[row]; part < g.part_offsets[row + 1]; ++part) {
    put(&little, 1);
    put_u32(3);  // Polygon
    put_u32(g.ring_offsets[part + 1] - g.ring_offsets[part]);
    for (uint32_t ring = g.ring_offsets[part]; ring < g.ring_offsets[part + 1]; ++ring) {
      put_u32(g.vertex_offsets[ring + 1] - g.vertex_offsets[ring]);
      for (uint32_t v = g.vertex_offsets[ring]; v < g.vertex_offsets[ring + 1]; ++v) {
        put_f64(g.x[v]);
        put_f64(g.y[v]);
      }
    }
  }
  return size;
}

}  // namespace kk::capi
