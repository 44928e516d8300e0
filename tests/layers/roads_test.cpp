// The road reader on files the tests write: OpenStreetMap XML through GDAL's OSM driver, NWB
// as GeoPackage and Shapefile, generic GeoJSON. Lengths are worked by hand (see each file).
#include <gtest/gtest.h>

#include "kernkompas/core/error.hpp"
#include "kernkompas/layers/roads.hpp"
#include "road_fixture.hpp"

namespace kk::testing {
namespace {

using network::Direction;

class RoadsTest : public LayerTest {
 protected:
  layers::RoadSource source(const std::string& file) const {
    layers::RoadSource s;
    s.source.path = dir_ / file;
    return s;
  }

  network::RoadNetwork read(const layers::RoadSource& s) {
    notes_.clear();
    return layers::read_roads(s, "EPSG:28992", notes_);
  }

  // The message of the InputError reading `s` throws.
  std::string error(const layers::RoadSource& s, ErrorCode expected) {
    try {
      read(s);
    } catch (const InputError& e) {
      EXPECT_EQ(e.code(), expected) << e.what();
      return e.what();
    }
    ADD_FAILURE() << "no error";
    return {};
  }

  // Generic GeoJSON around (130000, 465000), RD New:
  //   A (130000 465000) -> (130300 465000) -> C (130300 465400)   primary, oneway yes: 700 m
  //   C -> D (130000 465400)                                      residential, oneway -1: 300 m
  //   D -> A                                                      'mystery' (no speed), two-way: 400 m
  //   A -> (130150 465200)                                        footway: left out
  //   E (131000 465000) -> F (131000 465100), F -> G (131100 465100): a MultiLineString without a
  //   class, two-way: 100 m each, a second component.
  fs::path write_generic() const {
    return write("roads.geojson",
                 rd_geojson({
                     line_feature(R"("id":"g1","road_class":"primary","oneway":"yes")",
                                  "[[130000,465000],[130300,465000],[130300,465400]]"),
                     line_feature(R"("id":"g2","road_class":"residential","oneway":"-1")",
                                  "[[130300,465400],[130000,465400]]"),
                     line_feature(R"("id":"g3","road_class":"mystery","oneway":null)",
                                  "[[130000,465400],[130000,465000]]"),
                     line_feature(R"("id":"g4","road_class":"footway","oneway":"no")",
                                  "[[130000,465000],[130150,465200]]"),
                     line_feature(R"("id":"g5","road_class":null,"oneway":"no")",
                                  "[[[131000,465000],[131000,465100]],[[131000,465100],[131100,465100]]]",
                                  "MultiLineString"),
                 }));
  }

  layers::Notes notes_;
};

TEST_F(RoadsTest, GenericGeoJsonGivesNodesLinksLengthsDirectionsAndSpeeds) {
  write_generic();
  EXPECT_EQ(layers::road_format(source("roads.geojson")), layers::RoadFormat::kGeneric);
  const network::RoadNetwork net = read(source("roads.geojson"));
  EXPECT_EQ(net.node_count(), 6u);  // A, C, D, E, F, G: the corner (130300 465000) is no node
  EXPECT_EQ(net.link_count(), 5u);
  EXPECT_EQ(net.component_count(), 2u);

  const auto ac = find_link(net, 130000, 465000, 130300, 465400);
  ASSERT_TRUE(ac);
  EXPECT_DOUBLE_EQ(net.link_length_m(*ac), 700.0);
  EXPECT_NEAR(net.link_time_s(*ac), 700.0 / (70.0 / 3.6), 1e-9);  // 36 s at primary's 70 km/h
  EXPECT_EQ(net.link_direction(*ac), Direction::kForward);
  EXPECT_DOUBLE_EQ(net.node_x(net.link_from(*ac)), 130000.0);  // digitised from A

  const auto cd = find_link(net, 130300, 465400, 130000, 465400);
  ASSERT_TRUE(cd);
  EXPECT_DOUBLE_EQ(net.link_length_m(*cd), 300.0);
  EXPECT_NEAR(net.link_time_s(*cd), 36.0, 1e-9);  // residential 30 km/h
  EXPECT_EQ(net.link_direction(*cd), Direction::kBackward);

  const auto da = find_link(net, 130000, 465400, 130000, 465000);
  ASSERT_TRUE(da);
  EXPECT_NEAR(net.link_time_s(*da), 400.0 / (50.0 / 3.6), 1e-9);  // no speed: the default 50
  EXPECT_EQ(net.link_direction(*da), Direction::kBoth);

  // The footway is left out: nothing reaches (130150 465200).
  EXPECT_FALSE(find_link(net, 130000, 465000, 130150, 465200));
  for (uint32_t node = 0; node < net.node_count(); ++node) EXPECT_NE(net.node_x(node), 130150.0);

  const auto ef = find_link(net, 131000, 465000, 131000, 465100);
  const auto fg = find_link(net, 131000, 465100, 131100, 465100);
  ASSERT_TRUE(ef && fg);
  EXPECT_DOUBLE_EQ(net.link_length_m(*ef), 100.0);
  EXPECT_NEAR(net.link_time_s(*fg), 7.2, 1e-9);
  EXPECT_EQ(net.component(net.link_from(*ef)), net.component(net.link_to(*fg)));
  EXPECT_NE(net.component(net.link_from(*ef)), net.component(net.link_from(*ac)));
}

TEST_F(RoadsTest, NotesCountWhatWasReadLeftOutAndGivenTheDefaultSpeed) {
  write_generic();
  read(source("roads.geojson"));
  EXPECT_TRUE(has_note(notes_, {"roads read as generic", "5 records, 4 roads (5 lines)", "5 links", "6 nodes",
                                "2 components"}))
      << ::testing::PrintToString(notes_);
  EXPECT_TRUE(has_note(notes_, {"1 record of classes that are not roads", "'footway' 1"}));
  EXPECT_TRUE(has_note(notes_, {"1 road class without a speed (1 record)", "default 50 km/h", "'mystery' 1"}));
  EXPECT_TRUE(has_note(notes_, {"1 road without a road class travels at the default 50 km/h"}));
}

TEST_F(RoadsTest, NoteOnClassesWithoutASpeedShowsTheTenMostFrequent) {
  std::vector<std::string> features;
  for (int i = 1; i <= 12; ++i) {
    const std::string x = std::to_string(130000 + 100 * i);
    const int copies = i == 12 ? 3 : 1;  // c12 is the most frequent
    for (int k = 0; k < copies; ++k) {
      features.push_back(line_feature(R"("road_class":"c)" + std::string(i < 10 ? "0" : "") + std::to_string(i) + "\"",
                                      "[[" + x + ",465000],[" + x + ",465050]]"));
    }
  }
  write("roads.geojson", rd_geojson(features));
  read(source("roads.geojson"));
  EXPECT_TRUE(has_note(notes_, {"12 road classes without a speed (14 records) travel at the default 50 km/h: 'c12' 3, "
                                "'c01' 1, 'c02' 1, 'c03' 1, 'c04' 1, 'c05' 1, 'c06' 1, 'c07' 1, 'c08' 1, 'c09' 1 and 2 more"}))
      << ::testing::PrintToString(notes_);
}

TEST_F(RoadsTest, MappedFieldsAndConfiguredSpeeds) {
  write("roads.geojson", rd_geojson({
                             line_feature(R"("klasse":"primary","richting":"H")", "[[130000,465000],[130700,465000]]"),
                             line_feature(R"("klasse":"footway","richting":"B")", "[[130700,465000],[130700,465500]]"),
                         }));
  layers::RoadSource s = source("roads.geojson");
  s.source.fields = {{"road_class", "klasse"}, {"oneway", "richting"}};
  s.speed_kmh["primary"] = 35;  // overrides 70
  s.speed_kmh["footway"] = 5;   // a speed makes it a road
  const network::RoadNetwork net = read(s);
  ASSERT_EQ(net.link_count(), 2u);
  EXPECT_NEAR(net.link_time_s(0), 700.0 / (35.0 / 3.6), 1e-9);  // 72 s
  EXPECT_EQ(net.link_direction(0), Direction::kForward);
  EXPECT_NEAR(net.link_time_s(1), 500.0 / (5.0 / 3.6), 1e-9);  // 360 s
  EXPECT_EQ(net.link_direction(1), Direction::kBoth);
  EXPECT_EQ(net.component_count(), 1u);

  s.source.fields["oneway"] = "kolom";
  EXPECT_NE(error(s, ErrorCode::kMissingField).find("field 'oneway' is mapped to column 'kolom', which does not exist"),
            std::string::npos);
}

TEST_F(RoadsTest, NwbGeoPackageIsDetectedAndReadWithRampSpeedsAndDirections) {
  write_nwb(dir_ / "nwb.gpkg", "GPKG", kNwbRoads);
  const layers::RoadSource s = source("nwb.gpkg");
  EXPECT_EQ(layers::road_format(s), layers::RoadFormat::kNwb);  // from its RIJRICHTNG column
  const network::RoadNetwork net = read(s);
  EXPECT_EQ(net.node_count(), 4u);
  EXPECT_EQ(net.link_count(), 4u);
  EXPECT_EQ(net.component_count(), 1u);

  const auto main = find_link(net, 130000, 465000, 131000, 465000);
  ASSERT_TRUE(main);
  EXPECT_DOUBLE_EQ(net.link_length_m(*main), 1000.0);
  EXPECT_NEAR(net.link_time_s(*main), 36.0, 1e-9);  // Rijk: 100 km/h
  EXPECT_EQ(net.link_direction(*main), Direction::kForward);

  const auto ramp = find_link(net, 131000, 465000, 131000, 465500);
  ASSERT_TRUE(ramp);
  EXPECT_NEAR(net.link_time_s(*ramp), 500.0 / (60.0 / 3.6), 1e-9);  // AFR 60 km/h wins over R
  EXPECT_EQ(net.link_direction(*ramp), Direction::kBackward);

  const auto local = find_link(net, 131000, 465500, 130000, 465000);
  ASSERT_TRUE(local);
  EXPECT_NEAR(net.link_length_m(*local), 1118.033988749895, 1e-6);  // sqrt(1000^2 + 500^2)
  EXPECT_NEAR(net.link_time_s(*local), 1118.033988749895 / (50.0 / 3.6), 1e-6);  // Gemeente 50
  EXPECT_EQ(net.link_direction(*local), Direction::kBoth);

  const auto provincial = find_link(net, 130000, 465000, 130000, 464000);
  ASSERT_TRUE(provincial);
  EXPECT_NEAR(net.link_time_s(*provincial), 45.0, 1e-9);  // BST RB has no speed: Provincie 80
  EXPECT_EQ(net.link_direction(*provincial), Direction::kBoth);  // O

  EXPECT_FALSE(find_link(net, 130000, 465000, 130500, 465250));  // the fietspad
  EXPECT_TRUE(has_note(notes_, {"roads read as nwb", "5 records, 4 roads"})) << ::testing::PrintToString(notes_);
  EXPECT_TRUE(has_note(notes_, {"1 record of classes that are not roads for cars (speed 0) left out: 'FP' 1"}));
}

TEST_F(RoadsTest, NwbShapefileReadsAsTheGeoPackage) {
  write_nwb(dir_ / "nwb.gpkg", "GPKG", kNwbRoads);
  write_nwb(dir_ / "nwb.shp", "ESRI Shapefile", kNwbRoads);
  const network::RoadNetwork gpkg = read(source("nwb.gpkg"));
  const network::RoadNetwork shp = read(source("nwb.shp"));
  ASSERT_EQ(gpkg.link_count(), shp.link_count());
  ASSERT_EQ(gpkg.node_count(), shp.node_count());
  for (uint32_t link = 0; link < gpkg.link_count(); ++link) {
    EXPECT_DOUBLE_EQ(gpkg.link_length_m(link), shp.link_length_m(link));
    EXPECT_DOUBLE_EQ(gpkg.link_time_s(link), shp.link_time_s(link));
    EXPECT_EQ(gpkg.link_direction(link), shp.link_direction(link));
  }
}

TEST_F(RoadsTest, NwbDirectionNotUnderstoodNamesTheRecord) {
  std::vector<NwbRoad> roads = kNwbRoads;
  roads[1].direction = "X";
  write_nwb(dir_ / "nwb.gpkg", "GPKG", roads);
  const std::string message = error(source("nwb.gpkg"), ErrorCode::kBadValue);
  EXPECT_NE(message.find("nwb.gpkg"), std::string::npos) << message;
  EXPECT_NE(message.find("record 2 (id '600002'): RIJRICHTNG 'X' is not a direction"), std::string::npos) << message;
}

TEST_F(RoadsTest, OsmXmlThroughGdalsOsmDriver) {
  write("roads.osm", kOsmXml);
  const layers::RoadSource s = source("roads.osm");
  EXPECT_EQ(layers::road_format(s), layers::RoadFormat::kOsm);
  const network::RoadNetwork net = read(s);
  // Ways 10 and 11 cross at their shared middle node n2, which OSM splits at by default.
  EXPECT_EQ(net.node_count(), 6u);
  EXPECT_EQ(net.link_count(), 5u);  // n1-n2, n2-n3, n4-n2, n2-n5, n3-n6; no footway, no canal
  EXPECT_EQ(net.component_count(), 1u);

  size_t east_west = 0, north_south = 0;
  for (uint32_t link = 0; link < net.link_count(); ++link) {
    const double dx = net.node_x(net.link_to(link)) - net.node_x(net.link_from(link));
    const double dy = net.node_y(net.link_to(link)) - net.node_y(net.link_from(link));
    const double length = net.link_length_m(link);
    if (std::abs(dy) < 1.0) {  // along the parallel: 0.001 degree of longitude
      ++east_west;
      EXPECT_NEAR(length, kOsmLonStepM, 0.05) << link;
      EXPECT_GT(dx, 0) << link;  // digitised eastwards
    } else {  // way 11, digitised southwards, travelled northwards (oneway=-1)
      ++north_south;
      EXPECT_NEAR(length, kOsmLatStepM, 0.05) << link;
      EXPECT_LT(dy, 0) << link;
      EXPECT_EQ(net.link_direction(link), Direction::kBackward) << link;
      EXPECT_NEAR(net.link_time_s(link), length / (30.0 / 3.6), 1e-9);  // residential
    }
  }
  EXPECT_EQ(east_west, 3u);
  EXPECT_EQ(north_south, 2u);
  // The motorway is the link leaving n3 eastwards: one-way by implication, 100 km/h.
  const uint32_t last = 4;  // ways are read in file order: 10 (2 links), 11 (2), 13
  EXPECT_EQ(net.link_direction(last), Direction::kForward);
  EXPECT_NEAR(net.link_time_s(last), net.link_length_m(last) / (100.0 / 3.6), 1e-9);
  EXPECT_EQ(net.link_direction(0), Direction::kBoth);  // the primary
  EXPECT_NEAR(net.link_time_s(0), net.link_length_m(0) / (70.0 / 3.6), 1e-9);

  EXPECT_TRUE(has_note(notes_, {"roads read as osm", "5 records, 3 roads (3 lines)", "5 links", "6 nodes"}))
      << ::testing::PrintToString(notes_);
  EXPECT_TRUE(has_note(notes_, {"'footway' 1"}));
  EXPECT_TRUE(has_note(notes_, {"1 line without highway=*"}));
}

TEST_F(RoadsTest, OsmLinesConvertedToGeoPackageReadAsTheOsmFile) {
  write("roads.osm", kOsmXml);
  translate(dir_ / "roads.osm", dir_ / "osm.gpkg", {"-f", "GPKG", "lines"});
  const layers::RoadSource converted = source("osm.gpkg");
  EXPECT_EQ(layers::road_format(converted), layers::RoadFormat::kOsm);  // highway + other_tags
  const network::RoadNetwork a = read(source("roads.osm"));
  const network::RoadNetwork b = read(converted);
  ASSERT_EQ(a.link_count(), b.link_count());
  ASSERT_EQ(a.node_count(), b.node_count());
  for (uint32_t link = 0; link < a.link_count(); ++link) {
    EXPECT_DOUBLE_EQ(a.link_length_m(link), b.link_length_m(link));
    EXPECT_DOUBLE_EQ(a.link_time_s(link), b.link_time_s(link));
    EXPECT_EQ(a.link_direction(link), b.link_direction(link));
  }
}

TEST_F(RoadsTest, OsmWithoutSplittingAtSharedVerticesCrossesOnABridge) {
  write("roads.osm", kOsmXml);
  layers::RoadSource s = source("roads.osm");
  s.split_at_shared_vertices = false;
  const network::RoadNetwork net = read(s);
  EXPECT_EQ(net.node_count(), 5u);  // n1, n3, n4, n5, n6
  EXPECT_EQ(net.link_count(), 3u);
  EXPECT_EQ(net.component_count(), 2u);  // {n1, n3, n6} and {n4, n5}
  EXPECT_NEAR(net.link_length_m(0), 2 * kOsmLonStepM, 0.1);
}

TEST_F(RoadsTest, OsmOnewayTagsAndRoundabouts) {
  write("roads.osm", R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
  <node id="1" lat="52.200" lon="5.170" version="1"/>
  <node id="2" lat="52.200" lon="5.171" version="1"/>
  <way id="1" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="tertiary"/><tag k="junction" v="roundabout"/></way>
  <way id="2" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="motorway"/><tag k="oneway" v="no"/></way>
  <way id="3" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="service"/><tag k="oneway" v="yes"/></way>
  <way id="4" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="motorway_link"/></way>
  <way id="5" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="unclassified"/><tag k="oneway" v="yes;no"/></way>
  <way id="6" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="road"/><tag k="oneway" v="reversible"/></way>
</osm>
)");
  const network::RoadNetwork net = read(source("roads.osm"));
  ASSERT_EQ(net.link_count(), 5u);
  EXPECT_EQ(net.link_direction(0), Direction::kForward);  // roundabout
  EXPECT_EQ(net.link_direction(1), Direction::kBoth);     // motorway with oneway=no
  EXPECT_EQ(net.link_direction(2), Direction::kForward);  // oneway=yes
  EXPECT_EQ(net.link_direction(3), Direction::kBoth);     // motorway_link implies nothing
  EXPECT_EQ(net.link_direction(4), Direction::kBoth);     // a value not understood
  EXPECT_TRUE(has_note(notes_, {"1 way with a oneway value not understood", "'yes;no' 1"}))
      << ::testing::PrintToString(notes_);
  EXPECT_TRUE(has_note(notes_, {"1 way with oneway=reversible"}));
}

TEST_F(RoadsTest, OsmWithoutRoadsIsAnError) {
  write("paths.osm", R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
  <node id="1" lat="52.200" lon="5.170" version="1"/>
  <node id="2" lat="52.200" lon="5.171" version="1"/>
  <way id="1" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way>
  <way id="2" version="1"><nd ref="1"/><nd ref="2"/><tag k="railway" v="rail"/></way>
</osm>
)");
  const std::string message = error(source("paths.osm"), ErrorCode::kEmptyLayer);
  EXPECT_NE(message.find("paths.osm', layer 'lines': no roads (2 records read, none of them a road; 1 without "
                         "highway=*; not roads for cars: 'footway' 1)"),
            std::string::npos)
      << message;
}

TEST_F(RoadsTest, NonLineGeometryNamesTheRecord) {
  write("roads.geojson",
        rd_geojson({line_feature(R"("id":"r1")", "[[130000,465000],[130100,465000]]"),
                    R"({"type":"Feature","properties":{"id":"r2"},"geometry":{"type":"Point","coordinates":[130000,465000]}})"}));
  const std::string message = error(source("roads.geojson"), ErrorCode::kWrongGeometryType);
  EXPECT_NE(message.find("roads.geojson', record 2 (id 'r2'): expected a line, found Point"), std::string::npos)
      << message;
}

TEST_F(RoadsTest, APointLayerIsRefusedWhole) {
  write("points.geojson",
        rd_geojson({R"({"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[130000,465000]}})"}));
  const std::string message = error(source("points.geojson"), ErrorCode::kWrongGeometryType);
  EXPECT_NE(message.find("expected lines for roads, but the layer holds Point"), std::string::npos) << message;
}

TEST_F(RoadsTest, OnewayNotUnderstoodNamesTheRecord) {
  write("roads.geojson", rd_geojson({
                             line_feature(R"("id":"r1","oneway":"yes")", "[[130000,465000],[130100,465000]]"),
                             line_feature(R"("id":"r2","oneway":"maybe")", "[[130100,465000],[130200,465000]]"),
                         }));
  const std::string message = error(source("roads.geojson"), ErrorCode::kBadValue);
  EXPECT_NE(message.find("record 2 (id 'r2'): oneway 'maybe' is not a direction"), std::string::npos) << message;
}

TEST_F(RoadsTest, EmptyLayerAndOneVertexLineAreErrors) {
  write("empty.geojson", rd_geojson({}));
  EXPECT_NE(error(source("empty.geojson"), ErrorCode::kEmptyLayer).find("empty.geojson'"), std::string::npos);
  write("short.geojson", rd_geojson({line_feature(R"("id":"s1")", "[[130000,465000]]")}));
  const std::string message = error(source("short.geojson"), ErrorCode::kInvalidGeometry);
  EXPECT_NE(message.find("record 1 (id 's1'): a line needs two vertices or more, found 1"), std::string::npos)
      << message;
}

TEST_F(RoadsTest, ImplausibleCoordinatesNameTheirRecordWithinTheBatch) {
  // Record 3 holds lon/lat degrees in a file that says RD New.
  write("roads.geojson", rd_geojson({
                             line_feature(R"("id":"a")", "[[130000,465000],[130100,465000]]"),
                             line_feature(R"("id":"b")", "[[130100,465000],[130200,465000]]"),
                             line_feature(R"("id":"c")", "[[5.17,52.2],[5.18,52.2]]"),
                         }));
  const std::string message = error(source("roads.geojson"), ErrorCode::kCrsImplausible);
  EXPECT_NE(message.find("record 3 (id 'c'): coordinates"), std::string::npos) << message;
}

TEST_F(RoadsTest, ProgressEveryBatchOfFeaturesAndCancel) {
  // 20,000 one-segment lines along a row: progress at 0, at 16,384 / 20,000 and at the end.
  std::vector<std::string> features;
  for (int i = 0; i < 20000; ++i) {
    const std::string x0 = std::to_string(130000 + i), x1 = std::to_string(130001 + i);
    features.push_back(line_feature("", "[[" + x0 + ",465000],[" + x1 + ",465000]]"));
  }
  write("many.geojson", rd_geojson(features));
  std::vector<double> fractions;
  layers::Notes notes;
  const network::RoadNetwork net = layers::read_roads(
      source("many.geojson"), "EPSG:28992", notes, [&](std::string_view step, double fraction) {
        EXPECT_EQ(step, "read roads");
        fractions.push_back(fraction);
        return true;
      });
  EXPECT_EQ(net.link_count(), 20000u);
  EXPECT_EQ(net.node_count(), 20001u);
  ASSERT_EQ(fractions.size(), 3u);
  EXPECT_EQ(fractions[0], 0.0);
  EXPECT_DOUBLE_EQ(fractions[1], 16384.0 / 20000.0);
  EXPECT_EQ(fractions[2], 1.0);

  EXPECT_THROW(layers::read_roads(source("many.geojson"), "EPSG:28992", notes,
                                  [](std::string_view, double fraction) { return fraction == 0.0; }),
               Cancelled);
}

TEST_F(RoadsTest, HstoreValuesWithEscapesAreReadFromOtherTags) {
  // GDAL writes the description as "description"=>"a \\ \"oneway\"=>\"yes\", b" before
  // "oneway"=>"-1": escaped backslash and quotes, and a fake key inside; only the real one counts.
  write("roads.osm", R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
  <node id="1" lat="52.200" lon="5.170" version="1"/>
  <node id="2" lat="52.200" lon="5.171" version="1"/>
  <way id="1" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/>
    <tag k="description" v="a \ &quot;oneway&quot;=&gt;&quot;yes&quot;, b"/><tag k="oneway" v="-1"/></way>
</osm>
)");
  const network::RoadNetwork net = read(source("roads.osm"));
  ASSERT_EQ(net.link_count(), 1u);
  EXPECT_EQ(net.link_direction(0), Direction::kBackward);
}

}  // namespace
}  // namespace kk::testing
