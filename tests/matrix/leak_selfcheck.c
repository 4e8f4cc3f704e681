/* Self-check of how `make test-valgrind` and `make test-suites-asan` run the
   suites, not a test of the vectors: one Criterion test leaks on purpose, in
   a worker process, and memcheck or LeakSanitizer must report it. A worker's
   report does not change the suite's exit status, so if the setup missed
   this leak it would miss leaks in every real suite too, and the target
   fails. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static void *volatile sink;

Test(leak_selfcheck, passes)
{
   cr_assert(1);
}

Test(leak_selfcheck, leaks_77_bytes)
{
   char *p = (char *)malloc(77);
   cr_assert(p != NULL);
   memset(p, 1, 77);
   sink = p;
   sink = NULL;        /* the last pointer is gone: definitely lost */
}
