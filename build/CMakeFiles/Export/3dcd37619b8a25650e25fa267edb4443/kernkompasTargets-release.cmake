#----------------------------------------------------------------
# Generated CMake target import file for configuration "Release".
#----------------------------------------------------------------

# Commands may need to know the format version.
set(CMAKE_IMPORT_FILE_VERSION 1)

# Import target "kernkompas::engine" for configuration "Release"
set_property(TARGET kernkompas::engine APPEND PROPERTY IMPORTED_CONFIGURATIONS RELEASE)
set_target_properties(kernkompas::engine PROPERTIES
  IMPORTED_LINK_INTERFACE_LANGUAGES_RELEASE "CXX"
  IMPORTED_LOCATION_RELEASE "${_IMPORT_PREFIX}/lib/libkernkompas_engine.a"
  )

list(APPEND _cmake_import_check_targets kernkompas::engine )
list(APPEND _cmake_import_check_files_for_kernkompas::engine "${_IMPORT_PREFIX}/lib/libkernkompas_engine.a" )

# Import target "kernkompas::layers" for configuration "Release"
set_property(TARGET kernkompas::layers APPEND PROPERTY IMPORTED_CONFIGURATIONS RELEASE)
set_target_properties(kernkompas::layers PROPERTIES
  IMPORTED_LINK_INTERFACE_LANGUAGES_RELEASE "CXX"
  IMPORTED_LOCATION_RELEASE "${_IMPORT_PREFIX}/lib/libkernkompas_layers.a"
  )

list(APPEND _cmake_import_check_targets kernkompas::layers )
list(APPEND _cmake_import_check_files_for_kernkompas::layers "${_IMPORT_PREFIX}/lib/libkernkompas_layers.a" )

# Import target "kernkompas::c" for configuration "Release"
set_property(TARGET kernkompas::c APPEND PROPERTY IMPORTED_CONFIGURATIONS RELEASE)
set_target_properties(kernkompas::c PROPERTIES
  IMPORTED_LOCATION_RELEASE "${_IMPORT_PREFIX}/lib/libkernkompas.so.0.1.0"
  IMPORTED_SONAME_RELEASE "libkernkompas.so.0"
  )

list(APPEND _cmake_import_check_targets kernkompas::c )
list(APPEND _cmake_import_check_files_for_kernkompas::c "${_IMPORT_PREFIX}/lib/libkernkompas.so.0.1.0" )

# Commands beyond this point should not need to know the version.
set(CMAKE_IMPORT_FILE_VERSION)
