/* Part 1 of the reliability issue: every operation that can allocate, from
   every state, with the k-th allocation failing for k = 1, 2, ... until it
   succeeds; POD, struct and managed element types (tests/fault/types.lua).
   Prints "alloc failure points: N" on success; exit 1 on any failed check. */
#include "ft_types.h"

int main(int argc, char **argv)
{
   unsigned long points = 0, ft = 0;
   ft_verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
   ft = run_all_ft_u32(MODE_FT_ALLOC, MODE_VV_ALLOC, false);
   ft += run_all_ft_rec(MODE_FT_ALLOC, MODE_VV_ALLOC, false);
   ft += run_all_ft_str(MODE_FT_ALLOC, MODE_VV_ALLOC, false);
   ft += run_all_ft_obj(MODE_FT_ALLOC, MODE_VV_ALLOC, false);
   points = ft;
   if (ft_failed_checks) {
      fprintf(stderr, "fault_alloc: %lu checks FAILED (%lu failure points run)\n",
              ft_failed_checks, points);
      return 1;
   }
   printf("alloc failure points: %lu\n", points);
   return 0;
}
