# KK_SANITIZE=ON builds everything with ASan + UBSan (CI runs the suite once this way).
# float-cast-overflow is named explicitly: GCC's -fsanitize=undefined leaves it out (clang's
# includes it), yet a double cast to an integer out of range — an unchecked option or
# coordinate — is exactly the bug it catches.
if(KK_SANITIZE)
  set(KK_SANITIZERS address,undefined,float-cast-overflow)
  add_compile_options(-fsanitize=${KK_SANITIZERS} -fno-omit-frame-pointer -fno-sanitize-recover=undefined,float-cast-overflow)
  add_link_options(-fsanitize=${KK_SANITIZERS})
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
