# Warnings for the project's own targets only (never third-party code).
function(kk_apply_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANG_AND_ID:CXX,GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion>
    # GCC 12 reports false -Wrestrict positives inside std::string concatenation.
    $<$<COMPILE_LANG_AND_ID:CXX,GNU>:-Wno-restrict>
    # GCC 12 also flags fields left out of a C++20 designated initializer even when they
    # have default member initializers (the option tables rely on those defaults).
    $<$<COMPILE_LANG_AND_ID:CXX,GNU>:-Wno-missing-field-initializers>
    $<$<COMPILE_LANG_AND_ID:C,GNU,Clang>:-Wall -Wextra -Wpedantic>)
endfunction()
