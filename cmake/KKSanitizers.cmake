# KK_SANITIZE=ON builds everything with ASan + UBSan (CI runs the suite once this way).
# float-cast-overflow is named explicitly: GCC's -fsanitize=undefined leaves it out (clang's
# includes it), yet a double cast to an integer out of range — an unchecked option or
# coordinate — is exactly the bug it catches.
if(KK_SANITIZE)
  set(KK_SANITIZERS address,undefined,float-cast-overflow)
  add_compile_options(-fsanitize=${KK_SANITIZERS} -fno-omit-frame-pointer -fno-sanitize-recover=undefined,float-cast-overflow)
  add_link_options(-fsanitize=${KK_SANITIZERS})
endif()
