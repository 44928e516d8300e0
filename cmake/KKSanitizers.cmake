# KK_SANITIZE=ON builds everything with ASan + UBSan (CI runs the suite once this way).
if(KK_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# KK_FUZZ=ON (clang only) builds the libFuzzer harnesses of tests/fuzz instead of the test
# suite: every library with the fuzzer's coverage instrumentation (fuzzer-no-link), ASan and
# UBSan including float-cast-overflow, each report fatal so libFuzzer keeps the input.
if(KK_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "KK_FUZZ=ON needs clang (libFuzzer): configure with CC=clang-14 CXX=clang++-14")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined,float-cast-overflow
                      -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined,float-cast-overflow)
endif()
