# Installs the CMake package so another project can find_package(kernkompas).
include(CMakePackageConfigHelpers)
install(EXPORT kernkompasTargets NAMESPACE kernkompas::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/kernkompas)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/kernkompasConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/kernkompasConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/kernkompas)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/kernkompasConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/kernkompasConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/kernkompasConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/kernkompas)
