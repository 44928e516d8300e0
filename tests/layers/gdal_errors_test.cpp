// detail::GdalErrorCapture (layers/src/gdal_errors.hpp): GDAL's messages are collected while a
// guard lives, never printed, and the previous handler is back afterwards.
#include <cpl_error.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gdal_errors.hpp"

namespace kk::layers::detail {
namespace {

std::vector<std::string>* g_outer = nullptr;

void CPL_STDCALL outer_handler(CPLErr, CPLErrorNum, const char* message) { g_outer->push_back(message); }

TEST(GdalErrorCapture, CollectsErrorsAndWarningsInsteadOfPrinting) {
  std::vector<std::string> outer;
  g_outer = &outer;
  CPLPushErrorHandler(outer_handler);
  {
    GdalErrorCapture capture;
    CPLError(CE_Warning, CPLE_AppDefined, "a warning");
    CPLError(CE_Debug, CPLE_AppDefined, "debug text");
    EXPECT_FALSE(capture.has_error());
    CPLError(CE_Failure, CPLE_FileIO, "first failure");
    CPLError(CE_Failure, CPLE_FileIO, "second failure\n");
    EXPECT_TRUE(capture.has_error());
    EXPECT_EQ(capture.take_errors(), "first failure; second failure");
    EXPECT_FALSE(capture.has_error());
    EXPECT_EQ(capture.take_warnings(), std::vector<std::string>{"a warning"});
    EXPECT_TRUE(capture.take_warnings().empty());
  }
  EXPECT_TRUE(outer.empty());  // nothing reached the handler outside
  CPLError(CE_Warning, CPLE_AppDefined, "after");
  EXPECT_EQ(outer, std::vector<std::string>{"after"});  // the previous handler is back
  CPLPopErrorHandler();
  CPLErrorReset();
}

TEST(GdalErrorCapture, InnermostGuardCollects) {
  GdalErrorCapture outer;
  {
    GdalErrorCapture inner;
    CPLError(CE_Failure, CPLE_AppDefined, "inner");
    EXPECT_EQ(inner.take_errors(), "inner");
  }
  EXPECT_FALSE(outer.has_error());
  CPLError(CE_Failure, CPLE_AppDefined, "outer");
  EXPECT_EQ(outer.take_errors(), "outer");
  CPLErrorReset();
}

}  // namespace
}  // namespace kk::layers::detail
