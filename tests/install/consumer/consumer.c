/* Links the installed C API and prints its version. */
#include <stdio.h>

#include "kernkompas.h"

int main(void) {
  printf("kernkompas %s\n", kk_version());
  return 0;
}
