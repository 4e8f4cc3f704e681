/* Part 2 of the reliability issue: clone, extend, push_clone, resize with a
   fill value and insert_n on the managed types, with the k-th clone failing
   for every k (in the clone hook, and by vv32_fault_clone_countdown): the
   vector keeps its length and elements, every clone made in the call is
   dropped, only the capacity may have grown. Prints "clone failure points: M". */
#include "ft_types.h"

int main(int argc, char **argv)
{
   unsigned long points;
   ft_verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
   points = run_all_ft_str(MODE_FT_CLONE, MODE_VV_CLONE, true);
   points += run_all_ft_obj(MODE_FT_CLONE, MODE_VV_CLONE, true);
   if (ft_failed_checks) {
      fprintf(stderr, "fault_clone: %lu checks FAILED (%lu failure points run)\n",
              ft_failed_checks, points);
      return 1;
   }
   printf("clone failure points: %lu\n", points);
   return 0;
}
