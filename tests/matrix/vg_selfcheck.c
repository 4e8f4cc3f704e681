/* Self-check of `make test-valgrind`'s setup (tests/matrix/matrix.mk), not a
   test of the vectors: one Criterion test leaks on purpose, in a worker
   process, and the valgrind run must report it. If it does not, the setup
   misses leaks in every real suite too, and test-valgrind fails. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static void *volatile sink;

Test(vg_selfcheck, passes)
{
   cr_assert(1);
}

Test(vg_selfcheck, leaks_77_bytes)
{
   char *p = (char *)malloc(77);
   cr_assert(p != NULL);
   memset(p, 1, 77);
   sink = p;
   sink = NULL;        /* the last pointer is gone: definitely lost */
}
